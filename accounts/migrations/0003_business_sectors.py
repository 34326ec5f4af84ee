"""The managed list of business sectors. Sectors restricted by Burkina Faso's
advertising rules are flagged as needing an authorisation."""

from django.db import migrations

SECTORS = [
    ("Agriculture et élevage", "agriculture", False),
    ("Alimentation et boissons non alcoolisées", "alimentation", False),
    ("Boissons alcoolisées", "alcool", True),
    ("Banque, assurance et microfinance", "banque-assurance", False),
    ("BTP et immobilier", "btp-immobilier", False),
    ("Commerce et distribution", "commerce", False),
    ("Cosmétiques et hygiène", "cosmetiques", False),
    ("Produits éclaircissants de la peau", "eclaircissants", True),
    ("Culture, loisirs et événements", "culture", False),
    ("Éducation et formation", "education", False),
    ("Énergie et mines", "energie-mines", False),
    ("Institutions et administration publique", "institutions", False),
    ("ONG et organisations internationales", "ong", False),
    ("Produits de santé et pharmacie", "sante", True),
    ("Médecine traditionnelle", "medecine-traditionnelle", True),
    ("Télécommunications et numérique", "telecoms", False),
    ("Transport et automobile", "transport", False),
    ("Services", "services", False),
    ("Autre", "autre", False),
]


def create_sectors(apps, schema_editor):
    BusinessSector = apps.get_model("accounts", "BusinessSector")
    for name, slug, restricted in SECTORS:
        BusinessSector.objects.get_or_create(
            slug=slug, defaults={"name": name, "requires_authorization": restricted}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]

    operations = [migrations.RunPython(create_sectors, migrations.RunPython.noop)]
