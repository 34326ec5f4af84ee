"""French content of the demo site built by `python manage.py seed_demo`.

This is page content (what an editor would type in the Wagtail admin), so it is
written in French directly rather than through gettext."""

SIMULATOR_URL = "/simulateur/"


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def call_to_action(title: str, text: str, button_label: str, url: str) -> dict:
    return {
        "type": "call_to_action",
        "value": {
            "title": title,
            "text": text,
            "button_label": button_label,
            "page": None,
            "url": url,
        },
    }


HOME = {
    "hero_title": "Votre publicité sur BF1, simplement",
    "hero_text": (
        "Calculez le coût de votre campagne, réservez vos passages à l'antenne, envoyez "
        "votre spot et suivez chaque diffusion, depuis votre téléphone ou votre ordinateur."
    ),
    "offer_title": "Tout pour votre publicité télévisée, en ligne",
    "body": [
        heading("Comment ça marche ?"),
        paragraph(
            "<ol>"
            "<li><b>Simulez</b> le coût de votre campagne selon la durée du spot, les "
            "tranches horaires et le nombre de passages.</li>"
            "<li><b>Créez votre compte annonceur</b> et confirmez votre adresse e-mail.</li>"
            "<li><b>Réservez</b> vos dates et <b>envoyez votre spot</b> (ou demandez-nous "
            "de le réaliser).</li>"
            "<li><b>Suivez</b> la validation, le planning et chaque passage à l'antenne, "
            "puis téléchargez votre facture et votre certificat de diffusion.</li>"
            "</ol>"
        ),
        paragraph(
            "<p>Notre équipe commerciale reste à votre écoute à chaque étape : elle "
            "vérifie votre spot avant diffusion et vous conseille sur les meilleurs "
            "écrans pour toucher votre public.</p>"
        ),
        call_to_action(
            "Première campagne à la télévision ?",
            "Nos guides pratiques vous expliquent comment préparer un spot prêt à "
            "diffuser, du script au fichier final.",
            "Lire les guides",
            "/guides/",
        ),
    ],
}

GUIDE_INDEX = {
    "title": "Guides",
    "slug": "guides",
    "introduction": (
        "Des conseils concrets pour préparer un spot publicitaire efficace et conforme "
        "aux exigences de diffusion de BF1."
    ),
}

GUIDES = [
    {
        "title": "Format et durée de votre spot TV",
        "slug": "format-et-duree-du-spot",
        "reading_minutes": 4,
        "summary": (
            "10, 15, 20, 30 ou 45 secondes : choisissez la durée et le format de spot "
            "adaptés à votre objectif et à votre budget."
        ),
        "body": [
            heading("Quelle durée choisir ?"),
            paragraph(
                "<p>La durée du spot dépend de ce que vous voulez dire et de ce que le "
                "téléspectateur doit retenir. Plus le message est simple, plus le spot "
                "peut être court.</p>"
                "<ul>"
                "<li><b>10 secondes</b> : un rappel de marque, une promotion ou un "
                "événement déjà connu. Idéal en complément d'une campagne plus longue.</li>"
                "<li><b>15 à 20 secondes</b> : le format le plus courant. Il laisse le "
                "temps de présenter un produit, son avantage principal et l'endroit où "
                "le trouver.</li>"
                "<li><b>30 secondes</b> : pour un lancement, une petite histoire ou un "
                "produit qui demande une démonstration.</li>"
                "<li><b>45 secondes et plus</b> : pour expliquer un service, une "
                "campagne de sensibilisation ou un publireportage.</li>"
                "</ul>"
            ),
            heading("Le prix dépend de la durée et de l'horaire"),
            paragraph(
                "<p>Le prix d'un passage est calculé à partir d'un tarif de base par "
                "durée de spot, multiplié selon la tranche horaire : un passage juste "
                "avant le journal du soir coûte plus cher qu'un passage en matinée, car "
                "l'audience est plus forte. Des remises s'appliquent selon le nombre de "
                "passages achetés.</p>"
                "<p>Conseil : mieux vaut souvent un spot de 15 secondes diffusé "
                "régulièrement qu'un spot de 45 secondes diffusé deux fois. La "
                "répétition fait la mémorisation.</p>"
            ),
            heading("Vidéo ou image fixe ?"),
            paragraph(
                "<p>Vous pouvez diffuser un <b>spot vidéo</b> (tourné ou animé) ou une "
                "<b>image fixe</b> accompagnée d'une voix off, plus simple et moins "
                "coûteuse à produire. Si vous n'avez pas de spot, indiquez « Réalisez-le "
                "pour moi » lors de la réservation et décrivez votre besoin dans le brief : "
                "notre équipe vous fera une proposition.</p>"
            ),
            call_to_action(
                "Combien coûterait votre campagne ?",
                "Essayez plusieurs durées et tranches horaires dans le simulateur et "
                "comparez les prix.",
                "Ouvrir le simulateur",
                SIMULATOR_URL,
            ),
        ],
    },
    {
        "title": "Message et script : écrire un spot qui marque",
        "slug": "message-et-script",
        "reading_minutes": 5,
        "summary": (
            "Une idée, un bénéfice, un appel à l'action : la méthode pour écrire le "
            "script d'un spot clair, dans la bonne langue et dans les règles."
        ),
        "body": [
            heading("Une seule idée par spot"),
            paragraph(
                "<p>Le téléspectateur voit votre spot quelques secondes, souvent entre deux "
                "autres publicités. Choisissez <b>un seul message</b> : la nouveauté, le "
                "prix, la promotion ou l'avantage qui fait la différence. Tout le reste "
                "peut attendre une autre campagne.</p>"
            ),
            heading("La structure qui fonctionne"),
            paragraph(
                "<ol>"
                "<li><b>L'accroche</b> (2 à 3 secondes) : une image, un son ou une "
                "question qui arrête le regard.</li>"
                "<li><b>Le bénéfice</b> : ce que votre produit ou service change pour "
                "le client.</li>"
                "<li><b>La preuve</b> : une démonstration, un témoignage, un chiffre.</li>"
                "<li><b>L'appel à l'action</b> : où acheter, quel numéro appeler, jusqu'à "
                "quelle date. Laissez le nom de la marque et le contact à l'écran au "
                "moins 3 secondes.</li>"
                "</ol>"
            ),
            heading("Écrire pour l'oreille"),
            paragraph(
                "<p>Comptez environ <b>2 à 2,5 mots par seconde</b> pour une voix off "
                "posée : un spot de 30 secondes contient 60 à 75 mots, pas davantage. "
                "Lisez votre texte à voix haute avec un chronomètre.</p>"
                "<p>Pensez à la langue de votre public : français, mooré, dioula ou "
                "fulfuldé. Vous pouvez réserver une version du spot par langue.</p>"
                "<p>Présentez le script sur deux colonnes : à gauche ce que l'on voit "
                "(images, textes à l'écran), à droite ce que l'on entend (voix, musique, "
                "bruitages), plan par plan.</p>"
            ),
            heading("Les règles à respecter"),
            paragraph(
                "<ul>"
                "<li>Les prix annoncés doivent être exacts et toutes taxes comprises.</li>"
                "<li>Certains secteurs (produits de santé, boissons alcoolisées, "
                "médecine traditionnelle, produits éclaircissants…) ne peuvent faire de "
                "publicité qu'avec une autorisation : joignez-la à votre réservation.</li>"
                "<li>Vous devez détenir les droits sur la musique, les images et les "
                "personnes qui apparaissent dans le spot.</li>"
                "<li>Pas de message trompeur, discriminatoire ou contraire à la décence : "
                "l'équipe de BF1 valide chaque spot avant sa diffusion.</li>"
                "</ul>"
            ),
        ],
    },
    {
        "title": "Exigences techniques de diffusion",
        "slug": "exigences-techniques-de-diffusion",
        "reading_minutes": 4,
        "summary": (
            "Fichier MP4 ou MOV, H.264, 1920×1080 à 25 images par seconde, son à "
            "-23 LUFS : la fiche technique pour livrer un spot prêt à diffuser."
        ),
        "body": [
            paragraph(
                "<p>Un spot qui ne respecte pas ces exigences est refusé à la vérification "
                "et votre diffusion est retardée. Transmettez cette fiche à votre studio "
                "de production avant le montage final.</p>"
            ),
            heading("Vidéo"),
            paragraph(
                "<ul>"
                "<li><b>Conteneur</b> : MP4 ou MOV.</li>"
                "<li><b>Codec</b> : H.264 (ou ProRes 422 pour un fichier MOV).</li>"
                "<li><b>Résolution</b> : 1920×1080 (Full HD), format 16:9, sans bandes "
                "noires ajoutées.</li>"
                "<li><b>Cadence</b> : 25 images par seconde, en balayage progressif.</li>"
                "<li><b>Durée</b> : exactement la durée réservée (par exemple 30 s "
                "pour un spot de 30 secondes), sans image noire ni mire au début ou à la "
                "fin.</li>"
                "<li><b>Zones de sécurité</b> : gardez les textes et logos à l'intérieur "
                "de 90 % de l'image pour qu'ils ne soient coupés sur aucun téléviseur.</li>"
                "</ul>"
            ),
            heading("Son"),
            paragraph(
                "<ul>"
                "<li><b>Format</b> : stéréo, 48 kHz, AAC ou PCM.</li>"
                "<li><b>Niveau sonore</b> : <b>-23 LUFS</b> intégré (norme EBU R128), "
                "crête réelle inférieure à -1 dBTP. Un spot plus fort que les programmes "
                "est désagréable pour le téléspectateur et sera refusé.</li>"
                "<li>Voix intelligible, musique sans saturation.</li>"
                "</ul>"
            ),
            heading("Image fixe"),
            paragraph(
                "<p>Pour un spot en image fixe, livrez un fichier JPEG ou PNG en "
                "1920×1080, avec des textes lisibles à distance (gros caractères, bon "
                "contraste) et le texte de la voix off.</p>"
            ),
            heading("Vérification automatique"),
            paragraph(
                "<p>Au téléversement, le portail contrôle le type réel du fichier, sa "
                "taille et, pour une vidéo, le conteneur, le codec, la résolution, la "
                "cadence, la durée et le niveau sonore. Vous voyez tout de suite ce qui "
                "doit être corrigé, avant même la validation par notre équipe.</p>"
            ),
        ],
    },
    {
        "title": "Calendrier et réservation de votre campagne",
        "slug": "calendrier-et-reservation",
        "reading_minutes": 3,
        "summary": (
            "De la simulation au certificat de diffusion : les étapes d'une campagne et "
            "les délais à prévoir pour être à l'antenne à la bonne date."
        ),
        "body": [
            heading("Anticipez"),
            paragraph(
                "<p>Les écrans les plus demandés, autour des journaux d'information et "
                "des grandes émissions, se remplissent vite, surtout avant les fêtes, la "
                "rentrée et les grands événements. Réservez dès que vos dates sont "
                "connues et prévoyez le temps de produire et de faire valider votre spot "
                "avant le premier passage.</p>"
            ),
            heading("Les étapes"),
            paragraph(
                "<ol>"
                "<li><b>Simulation</b> : estimez le budget selon la durée, les tranches "
                "horaires et le nombre de passages.</li>"
                "<li><b>Compte annonceur</b> : inscrivez votre entreprise (IFU et RCCM) "
                "et confirmez votre adresse e-mail.</li>"
                "<li><b>Réservation</b> : choisissez les dates, les tranches horaires et "
                "le nombre de passages. Le devis est figé au moment de l'envoi.</li>"
                "<li><b>Spot</b> : téléversez votre fichier ou réutilisez un spot déjà "
                "validé.</li>"
                "<li><b>Validation</b> : l'équipe commerciale valide la campagne et le "
                "spot, ou vous indique ce qu'il faut modifier.</li>"
                "<li><b>Planification et diffusion</b> : les passages sont répartis "
                "dans les écrans publicitaires et vous suivez chacun d'eux.</li>"
                "<li><b>Facture et certificat</b> : seuls les passages réellement "
                "diffusés sont facturés ; un passage manqué vous est proposé à nouveau "
                "dans une tranche équivalente ou meilleure.</li>"
                "</ol>"
            ),
            call_to_action(
                "Prêt à réserver ?",
                "Créez votre compte annonceur et préparez votre première campagne.",
                "Créer mon compte",
                "/register/",
            ),
        ],
    },
]

ABOUT = {
    "title": "À propos de BF1 Pub",
    "slug": "a-propos",
    "introduction": (
        "BF1 Pub est le portail publicitaire de BF1, chaîne de télévision privée "
        "burkinabè basée à Ouagadougou."
    ),
    "body": [
        paragraph(
            "<p>Annonceurs, agences, institutions et associations y trouvent en un seul "
            "endroit tout ce qu'il faut pour passer à l'antenne : la grille tarifaire, "
            "un simulateur de coût, la réservation en ligne, l'envoi et la validation "
            "des spots, le suivi de chaque diffusion et les documents de facturation.</p>"
        ),
        heading("Nos engagements"),
        paragraph(
            "<ul>"
            "<li><b>Transparence</b> : chaque devis détaille le tarif de base, la "
            "tranche horaire, les remises et la TVA.</li>"
            "<li><b>Preuve de diffusion</b> : chaque passage est confirmé par la régie "
            "et figure sur votre certificat de diffusion.</li>"
            "<li><b>Accompagnement</b> : notre équipe commerciale vous conseille, de la "
            "préparation du spot au bilan de la campagne.</li>"
            "</ul>"
        ),
        heading("Couverture médiatique"),
        paragraph(
            "<p>Vous organisez un événement ? La rédaction de BF1 reçoit aussi, par ce "
            "portail, les demandes de couverture médiatique et vous tient informé de "
            "l'équipe affectée.</p>"
        ),
    ],
}

CONTACT = {
    "title": "Contact",
    "slug": "contact",
    "introduction": (
        "<p>Une question sur nos tarifs, une campagne à préparer ou un événement à "
        "couvrir ? Écrivez-nous : notre équipe commerciale vous répond dans les "
        "meilleurs délais, du lundi au vendredi.</p>"
    ),
    "thank_you_text": (
        "<p>Merci pour votre message. Notre équipe commerciale vous répondra très "
        "prochainement, par e-mail ou par téléphone.</p>"
    ),
    "subject": "Nouveau message depuis le formulaire de contact BF1 Pub",
    # (clean_name, label, field_type, required, choices, help_text)
    "fields": [
        ("nom", "Nom complet", "singleline", True, "", ""),
        ("email", "Adresse e-mail", "email", True, "", ""),
        (
            "telephone",
            "Téléphone",
            "phone",
            False,
            "",
            "Par exemple +226 70 12 34 56.",
        ),
        (
            "objet",
            "Objet",
            "dropdown",
            True,
            "\n".join(
                [
                    "Demande de devis publicitaire",
                    "Réservation d'une campagne",
                    "Couverture médiatique d'un événement",
                    "Facturation",
                    "Autre demande",
                ]
            ),
            "",
        ),
        ("message", "Message", "multiline", True, "", ""),
    ],
}

CONTACT_SETTINGS = {
    "phone": "+226 25 40 00 00",
    "email": "commercial@bf1.bf",
    "address": "Ouagadougou, Burkina Faso",
    "opening_hours": "Du lundi au vendredi, de 7 h 30 à 17 h 30",
    "whatsapp_enabled": True,
    "whatsapp_number": "+226 70 00 00 00",
}


# --- Rate page and simulator (simulator app) ---------------------------------------


def factor(code: str, title: str, html: str) -> dict:
    """One teaching block of the simulator page: explains one price factor."""
    return {
        "type": "factor",
        "value": {"factor": code, "title": title, "text": html, "illustration": None},
    }


RATE_CARD_PAGE = {
    "title": "Tarifs",
    "slug": "tarifs",
    "introduction": (
        "Les tarifs de la publicité sur BF1 : le prix d'un passage selon la tranche horaire "
        "et la durée du spot, les options, les remises sur le volume et nos autres offres "
        "(annonces, publireportages, émissions spéciales, réseaux sociaux). Les prix sont "
        "indiqués toutes taxes comprises (TVA 18 %), avec le montant hors taxes à côté."
    ),
}

SIMULATOR_PAGE = {
    "title": "Simulateur",
    "slug": "simulateur",
    "introduction": (
        "Choisissez la durée de votre spot, les tranches horaires et le nombre de passages : "
        "le simulateur calcule le coût de votre campagne et vous explique chaque élément du "
        "prix. Les montants suivent la grille tarifaire en vigueur."
    ),
    "body": [
        factor(
            "base_price",
            "Le prix de base dépend de la durée du spot",
            "<p>Chaque tranche horaire a deux prix de base par passage : un pour les spots "
            "<b>jusqu'à 30 secondes</b>, un autre pour les spots <b>de 31 à 60 secondes</b>. "
            "Un spot de 20 s paie donc le même prix qu'un spot de 30 s.</p>"
            "<p>Exemple en Matinée : 38 025 FCFA HT le passage pour un spot de 30 s, "
            "42 250 FCFA HT pour un spot de 45 s.</p>",
        ),
        factor(
            "band",
            "La tranche horaire reflète l'audience",
            "<p>Plus il y a de téléspectateurs devant leur écran, plus le passage coûte cher. "
            "La tranche la moins chère, la <b>Matinée</b>, sert de référence (× 1). Les "
            "tranches des journaux de 13 h et de 19 h 30 coûtent environ <b>2,3 fois</b> plus "
            "(87 750 FCFA HT pour 30 s) : ce sont les moments où votre message touche le plus "
            "de monde.</p>"
            "<p>Astuce : répartissez vos passages entre une tranche forte et une tranche plus "
            "abordable pour répéter votre message sans faire exploser le budget.</p>",
        ),
        factor(
            "extra_seconds",
            "Au-delà de 60 secondes, chaque seconde compte",
            "<p>Un spot de plus de 60 s (jusqu'à 120 s) paie le prix de la tranche 31–60 s, "
            "plus un <b>prix par seconde supplémentaire</b> propre à chaque tranche.</p>"
            "<p>Exemple : un spot de 90 s en Prime time coûte 97 500 + 30 × 1 950 = "
            "<b>156 000 FCFA HT</b> par passage.</p>",
        ),
        factor(
            "adjustment",
            "Les options et les tarifs particuliers",
            "<ul><li><b>Position fixe</b> (premier ou dernier spot de l'écran publicitaire) : "
            "majoration de 20 %, là où votre spot est le mieux vu.</li>"
            "<li><b>Tarif culturel</b> : les événements culturels bénéficient d'un prix fixe de "
            "30 000 FCFA HT (35 400 FCFA TTC) par passage en Matinée.</li></ul>"
            "<p>La régie confirme l'éligibilité au tarif culturel lors de la validation de la "
            "campagne.</p>",
        ),
        factor(
            "volume",
            "Plus de passages, une remise sur le volume",
            "<p>La remise dépend du <b>nombre total de passages</b> de votre campagne, toutes "
            "tranches confondues : à partir de 10 passages −5 %, de 30 passages −10 %, de "
            "60 passages −15 %.</p>"
            "<p>Exemple : 10 passages de 30 s en Prime time font 877 500 FCFA HT ; la remise de "
            "5 % (43 875 FCFA) ramène le montant à 833 625 FCFA HT.</p>",
        ),
        factor(
            "vat",
            "La TVA de 18 % s'ajoute à la fin",
            "<p>Tous les prix de la grille sont d'abord calculés <b>hors taxes</b> (HT). La "
            "TVA de 18 % s'applique au montant après remise.</p>"
            "<p>Dans l'exemple précédent : 833 625 FCFA HT + 150 053 FCFA de TVA = "
            "<b>983 678 FCFA TTC</b>. Les montants sont arrondis au franc près.</p>",
        ),
    ],
}
