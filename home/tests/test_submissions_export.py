"""The export of a form page's submissions (`/admin/forms/submissions/<id>/
?export=csv|xlsx`: the contact form's messages) writes a visitor's answer that
begins like a formula as text (OWASP "CSV injection")."""

from __future__ import annotations

import pytest
from wagtail.contrib.forms.models import FormSubmission

from home.models import ContactPage

from .spreadsheets import FORMATS, FORMULAS, assert_neutralised

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("export_format", FORMATS)
@pytest.mark.parametrize("persona", ["superuser", "administrator"])
def test_contact_submissions_export_neutralises_formulas(
    seeded, client, request, persona, export_format
):
    page = ContactPage.objects.get()
    for value in FORMULAS:
        FormSubmission.objects.create(
            page=page,
            form_data={"nom": value, "email": "a@example.bf", "objet": value, "message": value},
        )
    client.force_login(request.getfixturevalue(persona))

    response = client.get(f"/admin/forms/submissions/{page.pk}/", {"export": export_format})

    assert_neutralised(response, export_format)
