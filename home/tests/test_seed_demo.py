import pytest
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from accounts.models import Advertiser, User
from accounts.roles import GROUP_NAMES, Role
from home.models import ContactFormField, GuidePage, HomePage

from .utils import passwords_in, run_seed

pytestmark = pytest.mark.django_db

DEMO_EMAILS = {
    "annonceur@demo.bf1.bf",
    "admin@demo.bf1.bf",
    "diffuseur@demo.bf1.bf",
    "redaction@demo.bf1.bf",
    "comptable@demo.bf1.bf",
    "superadmin@demo.bf1.bf",
}


def _counts():
    return {
        "pages": Page.objects.count(),
        "users": User.objects.count(),
        "advertisers": Advertiser.objects.count(),
        "form_fields": ContactFormField.objects.count(),
        "sites": Site.objects.count(),
    }


def test_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=True"):
        run_seed()

    assert not User.objects.filter(email__in=DEMO_EMAILS).exists()
    assert not GuidePage.objects.exists()


def test_second_run_creates_nothing_and_keeps_passwords(settings):
    settings.DEBUG = True

    first = run_seed()
    after_first = _counts()
    second = run_seed()

    assert _counts() == after_first
    passwords = passwords_in(first)
    assert set(passwords) == DEMO_EMAILS
    for email, password in passwords.items():
        assert len(password) >= 16
        assert password not in second
        assert User.objects.get(email=email).check_password(password)
    assert passwords_in(second) == {}
    assert "inchangés" in second


def test_reset_passwords_prints_new_working_passwords(settings):
    settings.DEBUG = True
    old = passwords_in(run_seed())

    new = passwords_in(run_seed("--reset-passwords"))

    assert set(new) == DEMO_EMAILS
    for email, password in new.items():
        assert password != old[email]
        assert User.objects.get(email=email).check_password(password)


def test_builds_published_pages_under_the_migrated_home_page(seeded):
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)

    assert (site.hostname, site.port, site.root_page_id) == ("localhost", 80, home.pk)
    children = {page.slug: page for page in home.get_children().specific()}
    assert {"guides", "a-propos", "contact"} <= set(children)
    assert children["a-propos"].title == "À propos de BF1 Pub"
    guides = GuidePage.objects.child_of(children["guides"])
    assert guides.count() >= 3
    for page in [home, *children.values(), *guides]:
        assert page.live
        assert not page.has_unpublished_changes
        assert page.latest_revision is not None
    assert home.body


def test_creates_one_user_per_role(seeded):
    advertiser = User.objects.get(email="annonceur@demo.bf1.bf")
    admin = User.objects.get(email="admin@demo.bf1.bf")
    superadmin = User.objects.get(email="superadmin@demo.bf1.bf")

    assert advertiser.advertiser.name == "Société Démo SARL"
    assert advertiser.email_confirmed
    assert advertiser.groups.filter(name=GROUP_NAMES[Role.ADVERTISER]).exists()
    assert admin.is_staff and not admin.is_superuser
    assert admin.groups.filter(name=GROUP_NAMES[Role.ADMINISTRATOR]).exists()
    assert superadmin.is_superuser
    assert User.objects.get(email="diffuseur@demo.bf1.bf").groups.get().name == "Diffuseur"
    assert (
        User.objects.get(email="redaction@demo.bf1.bf").groups.get().name == "Responsable rédaction"
    )


def test_editor_changes_to_the_home_page_survive_a_new_run(settings, seeded):
    settings.DEBUG = True
    home = HomePage.objects.get()
    home.hero_text = "Texte modifié par la rédaction"
    home.save_revision().publish()

    run_seed()

    assert HomePage.objects.get().hero_text == "Texte modifié par la rédaction"


def test_seeds_the_advisor_and_three_advertiser_stories(seeded):
    from home.models import CaseStudyPage
    from simulator.models import AdvisorPage, AdvisorRule

    assert AdvisorPage.objects.live().public().get().url_path.endswith("/conseiller/")
    assert AdvisorRule.objects.count() == 25
    stories = CaseStudyPage.objects.live().public()
    assert stories.count() == 3
    assert all(story.poster_id and story.video_id for story in stories)
    assert stories.filter(consent_given=True).count() == 2
    assert "Références (/references/)" in seeded
