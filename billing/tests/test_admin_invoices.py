"""The invoices of the admin "Facturation" menu: drafts made from what aired,
issued or deleted; the certification, credit note and withholding certificate
of an issued invoice; its files served to the staff as downloads. A refused
action shows the service's French message and changes nothing."""

import pytest
from django.urls import reverse

from billing.models import (
    BillingEvent,
    CertificationState,
    CreditNote,
    CreditStatus,
    Invoice,
    InvoiceStatus,
)
from billing.tests.admin_fixtures import (
    draft_invoice,
    flashed,
    issued_invoice,
    pdf_upload,
    text,
    url,
)
from billing.tests.factories import accountant_user, campaign_on_air

pytestmark = pytest.mark.django_db


@pytest.fixture
def accountant(db):
    return accountant_user()


def test_to_bill_lists_the_campaign_and_creates_its_draft(client, accountant):
    campaign, _airings = campaign_on_air(aired=2)
    client.force_login(accountant)
    page = text(client.get(reverse("billing_to_bill:index")))
    assert campaign.title in page and "Créer le brouillon" in page

    response = client.post(url("billing_to_bill:create_draft", campaign.pk))

    invoice = Invoice.objects.get(campaign=campaign)
    assert invoice.status == InvoiceStatus.DRAFT
    assert response["Location"] == url("billing_invoices:detail", invoice.pk)
    assert not client.get(reverse("billing_to_bill:index")).context["campaigns"]


def test_a_campaign_with_nothing_to_bill_is_refused(client, administrator):
    campaign, _airings = campaign_on_air(aired=0)
    client.force_login(administrator)
    response = client.post(url("billing_to_bill:create_draft", campaign.pk), follow=True)
    assert not Invoice.objects.exists()
    assert flashed(response) == "Cette campagne n'a plus de passage diffusé à facturer."


def test_to_bill_empty_state(client, administrator):
    client.force_login(administrator)
    page = text(client.get(reverse("billing_to_bill:index")))
    assert "Rien à facturer : chaque passage diffusé est sur une facture." in page


def test_issue_a_draft_then_issuing_again_is_refused(client, administrator):
    draft = draft_invoice(administrator)
    client.force_login(administrator)
    detail = text(client.get(url("billing_invoices:detail", draft.pk)))
    assert "Émettre" in detail and "Supprimer le brouillon" in detail

    client.post(url("billing_invoices:issue", draft.pk))
    draft.refresh_from_db()
    assert draft.number.startswith("FA-") and draft.status == InvoiceStatus.ISSUED

    response = client.post(url("billing_invoices:issue", draft.pk), follow=True)
    assert flashed(response) == f"La facture {draft.number} est déjà émise."
    assert Invoice.objects.filter(number__startswith="FA-").count() == 1


def test_delete_a_draft_but_never_an_issued_invoice(client, administrator):
    draft = draft_invoice(administrator)
    issued = issued_invoice(administrator)
    client.force_login(administrator)

    client.post(url("billing_invoices:delete", draft.pk))
    assert not Invoice.objects.filter(pk=draft.pk).exists()

    response = client.post(url("billing_invoices:delete", issued.pk), follow=True)
    assert Invoice.objects.filter(pk=issued.pk).exists()
    assert flashed(response) == (
        "Une facture émise n'est jamais supprimée : corrigez-la par un avoir."
    )


def test_record_the_certification(client, accountant, administrator):
    invoice = issued_invoice(administrator)
    assert invoice.certification == CertificationState.PENDING
    client.force_login(accountant)

    response = client.post(
        url("billing_invoices:certify", invoice.pk),
        {"code": "SECEF-123-ABC", "qr": "https://secef.example/q/1", "certified_pdf": pdf_upload()},
    )

    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.certification == CertificationState.CERTIFIED
    assert invoice.certification_code == "SECEF-123-ABC"
    assert invoice.certified_pdf.name
    download = client.get(url("billing_invoices:certified_pdf", invoice.pk))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_a_certification_in_the_future_is_refused(client, accountant, administrator):
    invoice = issued_invoice(administrator)
    client.force_login(accountant)

    response = client.post(
        url("billing_invoices:certify", invoice.pk),
        {"code": "X-1", "certified_at": "2030-01-01 10:00"},
    )

    assert response.status_code == 200
    assert "La date de certification ne peut pas être dans le futur." in text(response)
    invoice.refresh_from_db()
    assert invoice.certification == CertificationState.PENDING
    assert not invoice.events.filter(action=BillingEvent.Action.CERTIFIED).exists()


def test_create_a_credit_note_and_one_above_what_remains_is_refused(client, administrator):
    invoice = issued_invoice(administrator)
    client.force_login(administrator)

    response = client.post(
        url("billing_invoices:credit", invoice.pk),
        {"reason": "gesture", "explanation": "Geste commercial", "amount": invoice.total + 1},
    )
    assert response.status_code == 200
    assert "peuvent encore faire l'objet d'un avoir" in text(response)
    assert not CreditNote.objects.exists()

    response = client.post(
        url("billing_invoices:credit", invoice.pk),
        {"reason": "cancellation", "explanation": "Annulation de la facture"},
    )
    note = CreditNote.objects.get()
    assert response["Location"] == url("billing_credit_notes:detail", note.pk)
    assert note.total == invoice.total and note.status == CreditStatus.DRAFT


def test_the_pdf_is_a_staff_download(client, accountant, administrator):
    invoice = issued_invoice(administrator)
    client.force_login(accountant)
    response = client.get(url("billing_invoices:pdf", invoice.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{invoice.number}.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(url("billing_invoices:withholding_file", invoice.pk)).status_code == 404


def test_withholding_certificate_only_when_vat_is_withheld(client, administrator):
    plain = issued_invoice(administrator)
    client.force_login(administrator)
    detail = client.get(url("billing_invoices:detail", plain.pk))
    assert "withholding_form" not in detail.context

    response = client.post(
        url("billing_invoices:withholding", plain.pk), {"certificate": pdf_upload("att.pdf")}
    )
    assert "Aucune TVA n'est retenue sur cette facture." in text(response)
    plain.refresh_from_db()
    assert not plain.withholding_certificate

    withheld = issued_invoice(administrator, withholds_vat=True)
    assert withheld.vat_withheld > 0
    client.post(
        url("billing_invoices:withholding", withheld.pk),
        {"certificate": pdf_upload("att.pdf"), "reference": "ATT-9"},
    )
    withheld.refresh_from_db()
    assert withheld.withholding_certificate.name and withheld.withholding_reference == "ATT-9"


def test_filters_of_the_invoice_list(client, administrator):
    issued = issued_invoice(administrator)
    draft = draft_invoice(administrator)
    client.force_login(administrator)
    index = reverse("billing_invoices:index")

    def listed(query):
        return [invoice.pk for invoice in client.get(index, query).context["invoices"]]

    assert listed({}) == [draft.pk, issued.pk]
    assert listed({"status": "draft"}) == [draft.pk]
    assert listed({"advertiser": issued.advertiser_id}) == [issued.pk]
    assert listed({"overdue": "on"}) == []
    Invoice.objects.filter(pk=issued.pk).update(due_date="2026-01-01")
    assert listed({"overdue": "on"}) == [issued.pk]
    assert listed({"issued_from": "2030-01-01"}) == []
    page = text(client.get(index, {"issued_from": "2030-01-01"}))
    assert "Aucune facture ne correspond à ces filtres." in page


def test_advance_invoice_for_an_advertiser_who_prepays(client, administrator):
    from broadcasting.tests.factories import BookedCampaignFactory

    campaign = BookedCampaignFactory()
    campaign.advertiser.requires_prepayment = True
    campaign.advertiser.prepayment_percent = 50
    campaign.advertiser.save()
    client.force_login(administrator)
    listed = client.get(reverse("billing_to_bill:index")).context["prepay"]
    assert [c.pk for c in listed] == [campaign.pk]

    client.post(url("billing_to_bill:create_advance", campaign.pk))
    advance = Invoice.objects.get(campaign=campaign)
    assert advance.kind == "advance" and advance.status == InvoiceStatus.DRAFT
    assert not client.get(reverse("billing_to_bill:index")).context["prepay"]

    response = client.post(url("billing_to_bill:create_advance", campaign.pk), follow=True)
    assert flashed(response) == "Cette campagne a déjà une facture d'acompte."
    assert Invoice.objects.filter(campaign=campaign).count() == 1


def test_the_advertiser_form_has_the_billing_terms(client, administrator):
    from accounts.tests.factories import AdvertiserFactory

    company = AdvertiserFactory(name="Kaboré SARL")
    client.force_login(administrator)
    edit = reverse("advertisers:edit", args=[company.pk])
    page = text(client.get(edit))
    assert "Facturation" in page and 'name="credit_override_reason"' in page

    data = {
        "name": "Kaboré SARL",
        "billing_period": "monthly",
        "prepayment_percent": 100,
        "credit_override": "on",
    }
    response = client.post(edit, data)
    assert response.status_code == 200
    assert response.context["form"].errors["credit_override_reason"]
    company.refresh_from_db()
    assert not company.credit_override

    client.post(
        edit, {**data, "credit_override_reason": "Client historique", "payment_terms_days": 45}
    )
    company.refresh_from_db()
    assert company.credit_override and company.payment_terms_days == 45
    assert company.billing_period == "monthly"
