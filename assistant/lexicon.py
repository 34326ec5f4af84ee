"""The assistant's built-in French vocabulary: stop words, SMS and typing
shortcuts, English words visitors mix in, and groups of words meaning the same
thing (editors add their own groups as `SynonymGroup` rows).

Words are written folded (lower case, no accents): `analysis.fold` is applied
to them anyway. A group's first word names the group."""

from __future__ import annotations

_STOPWORD_TEXT = """
    a ai aie aient ais ait as au aucun aura aurai auraient aurais aurait aux avaient avais
    avait avec avez aviez avions avoir avons ayant bonjour bonsoir salut merci svp stp sil
    plait ca ce ceci cela celle celles celui ces cet cette ceux chaque chez ci comme comment
    d dans de des deja do doit donc dont du elle elles en encore es est et etaient etais
    etait etant ete etes etre eu eux faire fait faut il ils j je jai l la le les leur leurs
    lui m ma mais me meme mes moi mon n ne ni nos notre nous on ont ou par pas peut peux
    pouvez pouvons puis puisse qu quand que quel quelle quelles quels qui quoi s sa sans se
    sera ses si soit sommes son sont sous suis sur t ta te tes toi ton tous tout toute
    toutes tu un une unes uns vais veux voila vos votre vous voudrais voudrions voulons
    vouloir vu y aussi alors tres bien the an is are my me i you your do does can how what
    where when which of to in on for with it this that be please hello hi about pour
    pourquoi afin car
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# One typed token -> the words it stands for (SMS spelling, shortcuts, English
# words mixed in): `token=words`, an underscore for a space.
_SHORTCUT_PAIRS = """
    cb=combien cmb=combien cbn=combien cbien=combien combient=combien kombien=combien pr=pour
    pk=pourquoi pq=pourquoi pourkoi=pourquoi koi=quoi kel=quel kelle=quelle ke=que koman=comment
    cmt=comment cmnt=comment qd=quand ds=dans bcp=beaucoup tjrs=toujours bjr=bonjour bsr=bonsoir
    slt=salut jv=je_veux vid=video vids=video vdo=video mdp=mot_de_passe tel=telephone
    num=numero msg=message dispo=disponible pb=probleme pblm=probleme prob=probleme pbm=probleme
    sec=secondes secs=secondes mn=minute mnt=minute min=minute mins=minute tv=television
    tele=television tarifs=tarif pubs=pub pubz=pub diff=diffusion certif=certificat fact=facture
    fcfa=francs cfa=francs momo=mobile_money om=orange_money price=prix prices=prix pricing=prix
    cost=cout costs=cout rate=tarif rates=tarif upload=televerser uploader=televerser
    uploade=televerser file=fichier files=fichier invoice=facture invoices=facture bill=facture
    billing=facturation payment=paiement pay=payer account=compte login=connexion
    signin=connexion signup=inscription register=inscription password=mot_de_passe
    booking=reservation book=reserver certificate=attestation proof=preuve news=journal
    status=statut request=demande delay=delai approval=validation approve=valider
    reset=reinitialiser mail=email courriel=email coverage=couverture discount=remise
    airing=diffusion airings=diffusion broadcast=diffusion cancel=annuler sound=son
    daypart=tranche slot=tranche ad=pub ads=pub advert=pub commercial=pub
"""
SHORTCUTS: dict[str, str] = {
    token: words.replace("_", " ")
    for token, _sep, words in (item.partition("=") for item in _SHORTCUT_PAIRS.split())
}

# Words meaning the same thing; a group may hold short expressions.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("pub", "publicite", "publicitaire", "spot", "annonce", "reclame", "message publicitaire"),
    (
        "prix",
        "tarif",
        "tarifaire",
        "cout",
        "couter",
        "combien",
        "montant",
        "tarification",
        "how much",
        "cher",
    ),
    ("journal", "jt", "info", "informations", "journal televise"),
    (
        "attestation",
        "certificat",
        "preuve de diffusion",
        "justificatif de diffusion",
        "preuve",
        "justificatif",
    ),
    ("facture", "facturation", "facturer"),
    ("video", "film", "clip"),
    ("format", "fichier", "extension", "mp4", "mov"),
    ("televerser", "envoyer", "deposer", "transmettre", "charger", "mettre en ligne", "livrer"),
    ("paiement", "payer", "regler", "reglement", "versement", "payement"),
    ("mobile money", "orange money", "moov money", "moov", "orange"),
    ("mot de passe", "code secret"),
    ("connexion", "connecter", "identifier", "log in", "sign in", "login"),
    ("inscription", "inscrire", "creer compte", "creer un compte", "ouvrir un compte"),
    ("reserver", "reservation", "commander", "acheter", "achat", "souscrire"),
    ("validation", "valider", "approbation", "approuver", "accepter", "moderation"),
    ("delai", "combien de temps", "combien de jours", "how long", "duree de validation"),
    ("couverture", "couvrir", "reportage", "couverture mediatique", "couverture presse"),
    (
        "diffusion",
        "diffuser",
        "passage",
        "passer",
        "antenne",
        "broadcast",
    ),
    ("annuler", "annulation", "supprimer"),
    ("modifier", "modification", "changer", "corriger", "correction", "editer"),
    ("remise", "reduction", "rabais", "degressif", "ristourne"),
    ("tranche", "tranche horaire", "creneau", "horaire", "plage horaire"),
    ("television", "tele", "chaine", "tv"),
    ("activer", "activation", "confirmer", "confirmation"),
    ("email", "e mail", "adresse electronique", "courriel"),
    ("contacter", "contact", "joindre", "appeler", "parler", "ecrire"),
    ("son", "audio", "sonore", "sonie", "lufs", "loudness"),
    ("refuser", "refus", "rejet", "rejeter", "rejete"),
    ("probleme", "souci", "bug", "erreur", "panne", "marche pas", "fonctionne pas"),
    ("seconde", "secondes", "sec"),
    ("entreprise", "societe", "compagnie", "structure", "boite"),
    ("prime time", "heure de grande ecoute", "grande ecoute"),
    (
        "realiser",
        "realisation",
        "production",
        "produire",
        "fabriquer",
        "faites le pour moi",
        "pour moi",
        "faire le spot",
        "faire mon spot",
        "faire ma pub",
        "faire la pub",
    ),
    ("telecharger", "download", "recuperer", "obtenir"),
    ("devis", "proforma", "pro forma", "quote", "estimation"),
)
