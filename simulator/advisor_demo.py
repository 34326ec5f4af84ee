"""The advisor rules of the demo: one per objective and audience (25), built from
two small tables that the commercial team then edits in the admin. Band codes
are those of the demo rate card (simulator/demo.py). Demo content is written in
French, as the station would write it."""

from __future__ import annotations

from django.db import transaction

from simulator.advisor import choices
from simulator.models import AdvisorRule, AdvisorRuleBand

# objective: (spot length, airings a week, fewest useful airings, why)
OBJECTIVES = {
    choices.AWARENESS: (
        30,
        6,
        8,
        "Pour faire connaître une marque, un spot de 30 s répété régulièrement sur "
        "plusieurs semaines installe le nom dans les esprits.",
    ),
    choices.LAUNCH: (
        30,
        7,
        8,
        "Pour un lancement, un spot de 30 s diffusé chaque jour dès le départ fait "
        "découvrir le produit vite, puis la répétition le fait essayer.",
    ),
    choices.EVENT: (
        20,
        8,
        6,
        "Pour un événement, un spot court de 20 s (la date, le lieu, l'essentiel) "
        "revient souvent dans les jours qui précèdent.",
    ),
    choices.OFFER: (
        20,
        9,
        6,
        "Pour une offre limitée, un spot court et très répété pousse à agir avant la "
        "fin de l'offre.",
    ),
    choices.SENSITISATION: (
        45,
        5,
        8,
        "Pour sensibiliser, un spot de 45 s laisse le temps d'expliquer ; la "
        "répétition sur la durée change les habitudes.",
    ),
}

# audience: ((band code, weight, why), ...)
AUDIENCES = {
    choices.GENERAL: (
        ("prime-time", 3, "Le JT de 19 h 30 réunit la plus forte audience de la journée."),
        ("mi-journee", 2, "Le JT de 13 h touche les familles à l'heure du déjeuner."),
        ("avant-soiree", 1, "En fin de journée, les foyers se rassemblent devant la télévision."),
        ("matinee", 1, "Le matin, une audience large à petit prix pour répéter le message."),
    ),
    choices.YOUTH: (
        ("prime-time", 3, "Les jeunes regardent surtout le soir, après les cours et le travail."),
        ("fin-de-soiree", 2, "En fin de soirée, séries et musique retiennent les jeunes adultes."),
        ("avant-soiree", 2, "En avant-soirée, élèves et étudiants sont rentrés à la maison."),
    ),
    choices.FAMILIES: (
        ("mi-journee", 3, "Le JT de 13 h touche les familles à l'heure du déjeuner."),
        ("prime-time", 3, "Le soir, toute la famille regarde ensemble le JT de 19 h 30."),
        ("avant-soiree", 1, "Avant le journal du soir, les foyers se rassemblent."),
    ),
    choices.PROFESSIONALS: (
        ("prime-time", 3, "Les décideurs suivent le JT de 19 h 30 pour l'actualité du jour."),
        ("mi-journee", 3, "Le JT de 13 h est suivi pendant la pause de midi, au bureau."),
        ("fin-de-soiree", 1, "En fin de soirée, un public d'adultes attentif."),
    ),
    choices.RURAL: (
        ("prime-time", 3, "Le soir, on regarde la télévision en groupe dans les villages."),
        ("avant-soiree", 2, "Au retour des champs, la télévision s'allume en fin de journée."),
        ("matinee", 1, "Le matin, un passage à petit prix pour répéter le message."),
    ),
}


@transaction.atomic
def ensure_demo_rules() -> int:
    """Create the rules that do not exist yet (an edited rule is kept). Returns
    how many were created."""
    created = 0
    for objective, (length, per_week, fewest, why) in OBJECTIVES.items():
        for audience, bands in AUDIENCES.items():
            rule, made = AdvisorRule.objects.get_or_create(
                objective=objective,
                audience=audience,
                defaults={
                    "spot_length": length,
                    "airings_per_week": per_week,
                    "min_airings": fewest,
                    "explanation": why,
                },
            )
            if not made:
                continue
            created += 1
            AdvisorRuleBand.objects.bulk_create(
                AdvisorRuleBand(
                    rule=rule, band_code=code, weight=weight, reason=reason, sort_order=i
                )
                for i, (code, weight, reason) in enumerate(bands)
            )
    return created
