"""Replace Wagtail's placeholder welcome page by the portal's HomePage, so a
fresh database serves the BF1 home at /. `seed_demo` fills in the content."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")

    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    content_type, _created = ContentType.objects.get_or_create(model="homepage", app_label="home")
    position = Page.objects.filter(depth=2).count() + 1
    path = root.path + f"{position:04d}"
    home = HomePage.objects.create(
        title="BF1 Pub",
        draft_title="BF1 Pub",
        slug="accueil",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/accueil/",
        live=True,
        hero_title="Votre publicité sur BF1, simplement",
        hero_text="Calculez le coût, réservez vos passages et suivez vos diffusions en ligne.",
        locale_id=root.locale_id,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page_id=home.pk, is_default_site=True)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
