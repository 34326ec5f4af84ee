"""Wagtail's home panels with nothing to show are left out after one query;
those with something to show are still there."""

import pytest
from django.utils import timezone
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_locked_page_brings_its_panel_back(client, administrator):
    page = Page.objects.filter(depth=2).first() or Page.objects.get(depth=1)
    assert 'id="locked-pages-section"' not in home(client, administrator)

    page.locked, page.locked_by, page.locked_at = True, administrator, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])
    assert 'id="locked-pages-section"' in home(client, administrator)


def test_the_panels_are_left_out_for_a_user_without_pages(client, administrator):
    from reports.admin.empty_panels import _what_to_show

    assert _what_to_show(administrator) == {"workflows": False, "locks": False, "edits": False}
