"""Credit notes in the admin "Facturation" menu: proposals first, issued or
dismissed from the list; proposals for missed airings made on demand; the
certification recorded from a credit note's page."""

import pytest
from django.urls import reverse

from billing.models import CertificationState, CreditNote, CreditStatus
from billing.services.credit_notes import create_credit_note
from billing.tests.admin_fixtures import flashed, issued_invoice, pdf_upload, text, url
from billing.tests.factories import accountant_user

pytestmark = pytest.mark.django_db

INDEX = reverse("billing_credit_notes:index")


@pytest.fixture
def accountant(db):
    return accountant_user()


def note_on(invoice, actor, *, proposed=False, amount=1000):
    return create_credit_note(
        invoice=invoice,
        actor=actor,
        reason="gesture",
        explanation="Geste",
        amount=amount,
        proposed=proposed,
    )


def test_proposals_first_then_issue_and_dismiss(client, accountant, administrator):
    invoice = issued_invoice(administrator)
    draft = note_on(invoice, administrator)
    proposal = note_on(invoice, None, proposed=True)
    client.force_login(accountant)

    listed = [note.pk for note in client.get(INDEX).context["notes"]]
    assert listed == [proposal.pk, draft.pk]

    response = client.post(url("billing_credit_notes:issue", draft.pk), {"next": "index"})
    assert response["Location"] == INDEX
    draft.refresh_from_db()
    assert draft.status == CreditStatus.ISSUED and draft.number.startswith("AV-")

    client.post(url("billing_credit_notes:dismiss", proposal.pk))
    proposal.refresh_from_db()
    assert proposal.status == CreditStatus.DISMISSED

    response = client.post(url("billing_credit_notes:issue", proposal.pk), follow=True)
    assert flashed(response) == "Cette proposition a été écartée."
    proposal.refresh_from_db()
    assert proposal.status == CreditStatus.DISMISSED and not proposal.number


def test_propose_missed_credits_button(client, administrator):
    client.force_login(administrator)
    response = client.post(reverse("billing_credit_notes:propose"), follow=True)
    assert flashed(response) == "Aucun passage manqué n'appelle de nouvel avoir."
    assert not CreditNote.objects.exists()


def test_certify_a_credit_note(client, accountant, administrator):
    invoice = issued_invoice(administrator)
    note = note_on(invoice, administrator)
    client.force_login(accountant)
    client.post(url("billing_credit_notes:issue", note.pk))
    note.refresh_from_db()
    assert "certify_form" in client.get(url("billing_credit_notes:detail", note.pk)).context

    response = client.post(url("billing_credit_notes:certify", note.pk), {"qr": "x"})
    assert response.context["certify_form"].non_field_errors()
    note.refresh_from_db()
    assert note.certification == CertificationState.PENDING

    client.post(url("billing_credit_notes:certify", note.pk), {"certified_pdf": pdf_upload()})
    note.refresh_from_db()
    assert note.certification == CertificationState.CERTIFIED
    download = client.get(url("billing_credit_notes:pdf", note.pk))
    assert download["Content-Disposition"].startswith("attachment")


def test_credit_notes_empty_state(client, accountant):
    client.force_login(accountant)
    assert "Aucun avoir pour l'instant." in text(client.get(INDEX))
