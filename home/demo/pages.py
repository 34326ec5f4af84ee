"""The other pages of the demo site (home, about, contact, the rate page and the
simulator) and the site's contact details."""

from .blocks import call_to_action, factor, heading, paragraph

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
            "puis téléchargez votre devis, vos factures et votre attestation de diffusion.</li>"
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
            "des spots, le suivi de chaque diffusion, les devis et les attestations de "
            "diffusion.</p>"
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
            "<p>Dans l'exemple précédent : 833 625 FCFA HT + 150 052 FCFA de TVA = "
            "<b>983 677 FCFA TTC</b>. Les montants sont arrondis au franc près.</p>",
        ),
    ],
}
