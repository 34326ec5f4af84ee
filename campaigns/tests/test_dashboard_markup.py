"""The advertiser's campaign list printed by code (views/listing_markup) and
its empty filter form rendered once: what the page shows does not change."""

import pytest

from campaigns.models import Status

from .factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_hostile_titles_are_text_and_rows_keep_their_columns(client, advertiser_a):
    CampaignFactory(user=advertiser_a, title='<img src=x onerror="alert(1)">', product="A & B")
    client.force_login(advertiser_a)
    content = client.get("/campaigns/").content.decode()
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in content
    assert "A &amp; B" in content
    assert f'data-status="{Status.DRAFT}"' in content


def test_the_filter_form_keeps_what_was_typed_and_the_empty_one_is_reused(client, advertiser_a):
    CampaignFactory(user=advertiser_a, title="Campagne Karité")
    client.force_login(advertiser_a)
    empty = client.get("/campaigns/").content.decode()
    typed = client.get("/campaigns/", {"q": "Karité<"}).content.decode()
    again = client.get("/campaigns/").content.decode()
    assert 'value="Karité&lt;"' in typed
    assert 'value="Karité' not in again
    assert empty.count('name="status"') == again.count('name="status"') == 1
    archive = client.get("/campaigns/", {"archive": "1"}).content.decode()
    # The archive offers the closed statuses, the current list the others.
    assert f'value="{Status.REFUSED}"' in archive
    assert f'value="{Status.REFUSED}"' not in empty
