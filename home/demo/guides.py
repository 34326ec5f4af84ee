"""The guides of the demo site: their index page and each guide."""

from .blocks import call_to_action, heading, paragraph

SIMULATOR_URL = "/simulateur/"

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
                "<li><b>Attestation de diffusion</b> : elle liste les passages "
                "réellement diffusés ; un passage manqué vous est proposé à nouveau "
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
