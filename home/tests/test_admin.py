import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Advertiser, BusinessSector, User
from accounts.roles import GROUP_NAMES, Role
from notifications.models import OutgoingEmail

from .utils import login, make_user

pytestmark = pytest.mark.django_db

ADVERTISERS_URL = "/admin/advertisers/"


def _add_advertisers(count: int, start: int = 0) -> None:
    sectors = list(BusinessSector.objects.all()[:3])
    for number in range(start, start + count):
        company = Advertiser.objects.create(
            name=f"Entreprise {number:03d}",
            ifu=f"{number:08d}A",
            phone="+22670000000",
            sector=sectors[number % len(sectors)],
        )
        make_user(f"user{number}@example.bf", Role.ADVERTISER, advertiser=company)


# --- Branding -------------------------------------------------------------


def test_admin_login_page_carries_the_bf1_name_and_colours(client):
    html = client.get("/admin/login/").content.decode()

    assert "Sign in to BF1 Pub" in html or "Connexion à BF1 Pub" in html
    assert "<title>" in html and "BF1 Pub</title>" in html
    assert "--w-color-primary: #991B1B" in html
    assert "img/logo.svg" in html


def test_admin_dashboard_welcomes_to_bf1_pub(client, commercial_admin):
    login(client, commercial_admin)

    html = client.get("/admin/").content.decode()

    assert "BF1 Pub" in html
    assert "img/favicon.svg" in html
    assert "--w-color-secondary: #B91C1C" in html


# --- Advertisers ----------------------------------------------------------


def test_commercial_admin_lists_advertisers_with_sector_and_user_count(client, commercial_admin):
    _add_advertisers(3)
    login(client, commercial_admin)

    response = client.get(ADVERTISERS_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Entreprise 000" in html
    assert "00000001A" in html
    listed = {advertiser.name: advertiser for advertiser in response.context["object_list"]}
    assert listed["Entreprise 002"].user_count == 1
    assert str(listed["Entreprise 002"].sector) in html


def test_advertiser_list_searches_ifu_and_filters_by_sector(client, commercial_admin):
    _add_advertisers(3)
    login(client, commercial_admin)

    by_ifu = client.get(ADVERTISERS_URL, {"q": "00000002A"})
    sector = Advertiser.objects.get(name="Entreprise 001").sector
    by_sector = client.get(ADVERTISERS_URL, {"sector": sector.pk})

    assert [a.name for a in by_ifu.context["object_list"]] == ["Entreprise 002"]
    assert [a.name for a in by_sector.context["object_list"]] == ["Entreprise 001"]


def test_advertiser_list_query_count_does_not_grow_with_rows(
    client, commercial_admin, django_assert_max_num_queries
):
    _add_advertisers(3)
    login(client, commercial_admin)
    client.get(ADVERTISERS_URL)  # warm the per-process caches (content types...)
    with CaptureQueriesContext(connection) as three:
        assert client.get(ADVERTISERS_URL).status_code == 200

    _add_advertisers(27, start=3)
    with django_assert_max_num_queries(len(three.captured_queries)):
        response = client.get(ADVERTISERS_URL)

    assert len(response.context["object_list"]) == 30


def test_commercial_admin_creates_and_edits_an_advertiser(client, commercial_admin):
    login(client, commercial_admin)
    sector = BusinessSector.objects.first()

    response = client.post(
        f"{ADVERTISERS_URL}new/",
        {
            "name": "Nouvelle Boutique",
            "sector": sector.pk,
            "ifu": "12345678B",
            "rccm": "BF-OUA-2023-B-00042",
            "address": "Ouaga 2000",
            "phone": "+226 25 11 22 33",
            # the "Facturation" panel's defaults, as the form shows them
            "billing_period": "end",
            "prepayment_percent": "100",
        },
    )

    assert response.status_code == 302
    assert Advertiser.objects.get(name="Nouvelle Boutique").sector == sector


def test_bad_ifu_is_refused(client, commercial_admin):
    login(client, commercial_admin)

    response = client.post(f"{ADVERTISERS_URL}new/", {"name": "X", "ifu": "123"})

    assert response.status_code == 200
    assert not Advertiser.objects.filter(name="X").exists()


@pytest.mark.parametrize(
    "url", [ADVERTISERS_URL, "/admin/business_sectors/", "/admin/outgoing_emails/"]
)
def test_client_admin_views_are_refused_to_advertisers_and_anonymous(client, advertiser_user, url):
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/login/" in anonymous["Location"]

    login(client, advertiser_user)
    refused = client.get(url)
    assert refused.status_code in (302, 403)
    if refused.status_code == 302:
        assert not refused["Location"].startswith(url)


def test_staff_without_the_model_permission_is_refused(client):
    editor = make_user("redac@example.bf", Role.EDITORIAL)
    login(client, editor)

    assert client.get(ADVERTISERS_URL).status_code in (302, 403)
    assert client.get("/admin/outgoing_emails/").status_code in (302, 403)


def test_business_sectors_are_listed(client, commercial_admin):
    login(client, commercial_admin)

    response = client.get("/admin/business_sectors/")

    assert response.status_code == 200
    assert "Boissons alcoolisées" in response.content.decode()


# --- Users ----------------------------------------------------------------


def _user_form(**overrides):
    data = {
        "email": "Nouveau.Client@Example.bf",
        "first_name": "Salif",
        "last_name": "Zongo",
        "phone": "76 54 32 10",
        "password1": "Une-Phrase-De-Passe-2024",
        "password2": "Une-Phrase-De-Passe-2024",
        "is_active": "on",
    }
    data.update(overrides)
    return data


def test_user_admin_shows_and_saves_phone_and_advertiser(client, commercial_admin):
    company = Advertiser.objects.create(name="Maquis Le Bon Goût")
    advertiser_group = commercial_admin.groups.model.objects.get(name=GROUP_NAMES[Role.ADVERTISER])
    login(client, commercial_admin)

    form_html = client.get("/admin/users/new/").content.decode()
    assert 'name="phone"' in form_html
    assert 'name="advertiser"' in form_html

    response = client.post(
        "/admin/users/new/",
        _user_form(advertiser=company.pk, groups=[advertiser_group.pk]),
    )

    assert response.status_code == 302
    user = User.objects.get(email="nouveau.client@example.bf")
    assert user.phone == "+22676543210"
    assert user.advertiser == company

    response = client.post(
        f"/admin/users/edit/{user.pk}/",
        _user_form(
            email=user.email,
            phone="+33 6 12 34 56 78",
            advertiser=company.pk,
            groups=[advertiser_group.pk],
            password1="",
            password2="",
        ),
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.phone == "+33612345678"


def test_advertiser_user_needs_a_company(client, commercial_admin):
    advertiser_group = commercial_admin.groups.model.objects.get(name=GROUP_NAMES[Role.ADVERTISER])
    login(client, commercial_admin)

    response = client.post("/admin/users/new/", _user_form(groups=[advertiser_group.pk]))

    assert response.status_code == 200
    assert "advertiser" in response.context["form"].errors
    assert not User.objects.filter(email="nouveau.client@example.bf").exists()


def test_commercial_admin_cannot_grant_or_take_over_a_superuser(client, commercial_admin):
    boss = User.objects.create_superuser("boss@example.bf", "unused-pass-42")
    login(client, commercial_admin)

    client.post("/admin/users/new/", _user_form(is_superuser="on"))
    assert User.objects.get(email="nouveau.client@example.bf").is_superuser is False

    response = client.get(f"/admin/users/edit/{boss.pk}/")
    assert response.status_code in (302, 403)


# --- Outgoing e-mails -----------------------------------------------------


def test_outgoing_emails_are_listed_read_only_without_their_body(client, commercial_admin):
    email = OutgoingEmail.objects.create(
        subject="Confirmez votre adresse",
        from_email="no-reply@bf1.bf",
        to=["client@example.bf"],
        body="Lien secret : https://example.bf/register/confirm/SECRET-LINK-123/",
        status=OutgoingEmail.Status.RETRYING,
        attempts=2,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    login(client, commercial_admin)

    listing = client.get("/admin/outgoing_emails/")
    detail = client.get(f"/admin/outgoing_emails/inspect/{email.pk}/")

    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Confirmez votre adresse" in html
    assert "client@example.bf" in html
    assert "SMTPServerDisconnected" in html
    assert detail.status_code == 200
    assert "SECRET-LINK-123" not in detail.content.decode()
    assert "SECRET-LINK-123" not in html
    assert "/edit/" not in html
    assert client.get(f"/admin/outgoing_emails/edit/{email.pk}/").status_code == 404
    assert client.get(f"/admin/outgoing_emails/delete/{email.pk}/").status_code == 404


def test_admin_avatars_never_come_from_gravatar(client, commercial_admin):
    login(client, commercial_admin)

    html = client.get("/admin/").content.decode()

    assert "gravatar.com" not in html
    assert "default-user-avatar" in html


# --- Contact page in the page editor ------------------------------------------


def _contact_page_post(fields):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    return nested_form_data(
        {
            "title": "Contact",
            "slug": "contact",
            "introduction": rich_text("<p>Écrivez-nous.</p>"),
            "thank_you_text": rich_text("<p>Merci.</p>"),
            "from_address": "",
            "to_address": "commercial@bf1.bf",
            "subject": "Contact",
            "form_fields": inline_formset(fields),
        }
    )


def _field(label, field_type, clean_name):
    return {
        "label": label,
        "field_type": field_type,
        "required": "on",
        "choices": "",
        "default_value": "",
        "help_text": "",
        "clean_name": clean_name,
    }


def test_the_contact_form_must_keep_an_email_field(client, seeded):
    from home.models import ContactPage

    superuser = User.objects.get(email="superadmin@demo.bf1.bf")
    login(client, superuser)
    page = ContactPage.objects.get()
    url = f"/admin/pages/{page.pk}/edit/"
    assert client.get(url).status_code == 200

    refused = client.post(url, _contact_page_post([_field("Nom", "singleline", "nom")]))
    accepted = client.post(
        url,
        _contact_page_post(
            [_field("Nom", "singleline", "nom"), _field("E-mail", "email", "email")]
        ),
    )

    assert refused.status_code == 200
    assert "Keep an e-mail field" in refused.content.decode() or "Gardez un champ e-mail" in (
        refused.content.decode()
    )
    assert accepted.status_code == 302
