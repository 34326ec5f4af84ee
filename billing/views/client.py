"""The advertiser's billing area (to be built)."""

from django.http import Http404


def overview(request):
    raise Http404


invoice_detail = invoice_pdf = credit_note_detail = credit_note_pdf = statement_pdf = overview
