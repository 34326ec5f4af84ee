import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtailmedia.models import Media

from home.blocks import CallToActionBlock
from home.models import GuideIndexPage, GuidePage, HomePage, StandardPage

from .utils import login, png_file

pytestmark = pytest.mark.django_db


def test_home_page_shows_hero_offer_calls_to_action_and_latest_guides(client, seeded):
    response = client.get("/")

    assert response.status_code == 200
    assert response.templates[0].name == "home/home_page.html"
    html = response.content.decode()
    assert "Votre publicité sur BF1, simplement" in html
    assert 'href="/simulateur/"' in html
    assert 'href="/register/"' in html
    assert len(response.context["latest_guides"]) == 3
    assert "Exigences techniques de diffusion" in html
    assert 'href="/guides/"' in html


def test_home_booking_button_leads_a_signed_in_advertiser_to_the_dashboard(
    client, seeded, advertiser_user
):
    login(client, advertiser_user)

    html = client.get("/").content.decode()

    assert 'href="/campaigns/"' in html
    assert 'href="/register/"' not in html


@pytest.mark.parametrize(
    ("url", "template", "expected"),
    [
        ("/guides/", "home/guide_index_page.html", "Calendrier et réservation de votre campagne"),
        (
            "/guides/exigences-techniques-de-diffusion/",
            "home/guide_page.html",
            "-23 LUFS",
        ),
        ("/a-propos/", "home/standard_page.html", "Nos engagements"),
        ("/contact/", "home/contact_page.html", 'name="telephone"'),
    ],
)
def test_each_page_type_renders_its_seeded_content(client, seeded, url, template, expected):
    response = client.get(url)

    assert response.status_code == 200
    assert response.templates[0].name == template
    assert expected in response.content.decode()


def test_guide_index_is_paginated(client, seeded):
    index = GuideIndexPage.objects.get()
    for number in range(10):
        index.add_child(
            instance=GuidePage(
                title=f"Guide supplémentaire {number}",
                summary="Résumé",
                body=[{"type": "paragraph", "value": "<p>Texte</p>"}],
            )
        )

    first = client.get("/guides/")
    second = client.get("/guides/?page=2")

    assert len(first.context["guides"]) == 12
    assert len(second.context["guides"]) == 2
    assert 'rel="next"' in first.content.decode()
    assert second.context["guides"].number == 2


def test_stream_blocks_render_image_with_alt_text_video_player_and_safe_links(client, seeded):
    image = get_image_model().objects.create(title="Plateau BF1", file=png_file())
    video = Media.objects.create(
        title="Spot démo",
        type="video",
        file=SimpleUploadedFile("spot.mp4", b"\x00\x00\x00\x18ftypmp42", "video/mp4"),
    )
    about = StandardPage.objects.get(slug="a-propos")
    about.body = [
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "Le plateau du journal", "decorative": False},
        },
        {"type": "video", "value": {"video": video.pk, "caption": "Notre dernier spot"}},
        {
            "type": "call_to_action",
            "value": {
                "title": "Titre",
                "text": "",
                "button_label": "Cliquer",
                "page": None,
                "url": "javascript:alert(1)",
            },
        },
    ]
    about.save_revision().publish()

    html = client.get("/a-propos/").content.decode()

    assert 'alt="Le plateau du journal"' in html
    assert "<video controls" in html
    assert f'src="{video.url}"' in html
    assert 'type="video/mp4"' in html
    assert "Notre dernier spot" in html
    assert "javascript:" not in html


def test_call_to_action_refuses_an_unsafe_link_and_needs_a_destination():
    from wagtail.blocks import StructBlockValidationError

    block = CallToActionBlock()
    base = {"title": "T", "text": "", "button_label": "B", "page": None}

    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**base, "url": "javascript:alert(1)"}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**base, "url": ""}))
    assert block.clean(block.to_python({**base, "url": "/simulateur/"}))["url"] == "/simulateur/"


def test_call_to_action_to_a_page_links_to_that_page(client, seeded):
    home = HomePage.objects.get()
    guides = GuideIndexPage.objects.get()
    home.body = [
        {
            "type": "call_to_action",
            "value": {
                "title": "Nos guides",
                "text": "",
                "button_label": "Voir les guides",
                "page": guides.pk,
                "url": "",
            },
        }
    ]
    home.save_revision().publish()

    html = client.get("/").content.decode()

    assert "Voir les guides" in html
    assert 'href="/guides/" class="mt-4 inline-flex' in html
