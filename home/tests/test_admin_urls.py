"""Every URL of the Wagtail admin answers without a server error, for the
superuser and for the commercial administrator, with the ids of existing objects
and with ids that match nothing (GET only; `admin_walk` lists the URLs)."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db.models import Model
from django.urls import get_resolver
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Page,
    ReferenceIndex,
    Revision,
    Task,
    TaskState,
    Workflow,
    WorkflowState,
)
from wagtailmedia.models import get_media_model

from accounts.models import BusinessSector, User
from broadcasting.tests.factories import AiringFactory, UnplacedItemFactory
from campaigns.models import SpotKind
from campaigns.tests.factories import SpotFactory
from editorial.models import Assignment
from editorial.tests.factories import AssignmentFactory, VehicleFactory
from home.models import ContactPage
from notifications.tests.factories import OutgoingEmailFactory
from simulator.tests.factories import QuoteRequestFactory

from .admin_walk import MISSING_TEXT, AdminUrl, admin_urls

# An argument's name -> the model whose ids fill it (the view's own model fills "pk").
MODELS_BY_ARGUMENT: dict[str, type[Model]] = {
    "page_id": Page,
    "parent_page_id": Page,
    "page_to_move_id": Page,
    "destination_id": Page,
    "page_pk": Page,
    "image_id": get_image_model(),
    "document_id": get_document_model(),
    "doc_id": get_document_model(),
    "media_id": get_media_model(),
    "redirect_id": Redirect,
    "collection_id": Collection,
    "revision_id": Revision,
    "task_id": Task,
    "task_state_id": TaskState,
    "workflow_state_id": WorkflowState,
    "workflow_pk": Workflow,
    "assignment_pk": Assignment,
}
# Named string arguments given a real value in the walk with existing objects.
TEXT_ARGUMENTS = {
    "app_label": "home",
    "app_name": "home",
    "content_type_app_name": "home",
    "model_name": "contactpage",
    "content_type_model_name": "contactpage",
    "filter_spec": "original",
    "action_name": "approve",
    "action": "delete",
    "object_id": "1",
}


def _objects(superuser) -> None:
    """At least one object of every kind the admin shows, beside the demo site."""
    SpotFactory()  # an image spot
    video = get_media_model().objects.create(
        title="Spot vidéo",
        file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="spot.mp4"),
        type="video",
        duration=30,
    )
    SpotFactory(kind=SpotKind.VIDEO, image=None, media=video)
    AiringFactory()
    UnplacedItemFactory()
    AssignmentFactory()
    VehicleFactory()
    QuoteRequestFactory()
    OutgoingEmailFactory()
    get_document_model().objects.create(
        title="Grille", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="grille.pdf")
    )
    Redirect.objects.create(old_path="/ancienne", redirect_link="/")
    contact = ContactPage.objects.first()
    if contact is not None:
        contact.get_submission_class().objects.create(
            page=contact, form_data={"message": "Bonjour"}
        )
        contact.save_revision(user=superuser)
    # Wagtail fills its reference index after the commit, which a test never
    # reaches: the usage pages need it.
    get_resolver("bf1portal.urls").url_patterns  # noqa: B018 - the viewsets register their models
    call_command("rebuild_references_index", stdout=StringIO())


def _existing_id(model, name, mode):
    if model is None and name in TEXT_ARGUMENTS:
        return TEXT_ARGUMENTS[name]
    model = model or MODELS_BY_ARGUMENT.get(name)
    if model is None:
        return None
    if mode == "referenced":
        content_type = ContentType.objects.get_for_model(model)
        referenced = ReferenceIndex.objects.filter(to_content_type=content_type)
        found = referenced.order_by("to_object_id").values_list("to_object_id", flat=True).first()
        return int(found) if found is not None and found.isdigit() else found
    return model._default_manager.order_by("pk").values_list("pk", flat=True).first()


def _walk(client, user) -> tuple[list[AdminUrl], list[tuple[int, str, str]]]:
    client.force_login(user)
    client.raise_request_exception = False
    urls = admin_urls(_existing_id)
    seen = []
    for admin_url in urls:
        response = client.get(admin_url.url)
        error = ""
        if response.status_code >= 500 and getattr(response, "exc_info", None):
            error = repr(response.exc_info[1])[:200]
        seen.append((response.status_code, admin_url.url, error))
    return urls, seen


@pytest.mark.parametrize("persona", ["superuser", "administrator"])
def test_no_admin_url_answers_a_server_error(seeded, client, request, persona):
    superuser = request.getfixturevalue("superuser")
    _objects(superuser)
    user = request.getfixturevalue(persona)

    urls, seen = _walk(client, user)

    statuses = Counter(status for status, _url, _error in seen)
    print(f"\n{persona}: {len(urls)} admin URLs GET, statuses {dict(sorted(statuses.items()))}")
    assert len({u.route for u in urls}) > 300  # the walk found the whole admin
    assert any(u.filled_with == "missing" and "999999" in u.url for u in urls)
    assert any(MISSING_TEXT in u.url for u in urls)
    errors = [f"{status} {url} {error}" for status, url, error in seen if status >= 500]
    assert not errors, "\n".join(errors)


def test_the_walk_fills_ids_of_existing_objects(seeded, superuser):
    _objects(superuser)

    urls = {u.url for u in admin_urls(_existing_id)}

    user = User.objects.order_by("pk").first()
    assert f"/admin/users/usage/{user.pk}/" in urls
    assert "/admin/users/usage/999999/" in urls
    assert "/admin/failwhale/" in urls
    sector = BusinessSector.objects.order_by("pk").first()
    assert f"/admin/business_sectors/usage/{sector.pk}/" in urls


@pytest.mark.parametrize("persona", ["superuser", "administrator"])
def test_wagtail_test_error_page_is_not_served(db, client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get("/admin/failwhale/")

    assert response.status_code == 404
    assert "wagtailadmin/404.html" in [t.name for t in response.templates]


def test_wagtail_test_error_page_sends_a_visitor_to_the_login(client):
    response = client.get("/admin/failwhale/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_root_page_has_no_position_to_set(client, superuser):
    client.force_login(superuser)
    root = Page.get_first_root_node()
    child = root.get_children().first()

    assert client.get(f"/admin/pages/{root.pk}/set_position/").status_code == 404
    # A page with a parent still goes to Wagtail's view (which moves on POST only).
    assert client.get(f"/admin/pages/{child.pk}/set_position/").status_code == 200
