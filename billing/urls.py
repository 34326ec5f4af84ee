"""The advertiser's billing area, mounted at /billing/ (namespace "billing")."""

from django.urls import path

from .views import client, statement

app_name = "billing"

urlpatterns = [
    path("", client.overview, name="overview"),
    path("invoices/<uuid:uuid>/", client.invoice_detail, name="invoice"),
    path("invoices/<uuid:uuid>/pdf/", client.invoice_pdf, name="invoice_pdf"),
    path("credit-notes/<uuid:uuid>/", client.credit_note_detail, name="credit_note"),
    path("credit-notes/<uuid:uuid>/pdf/", client.credit_note_pdf, name="credit_note_pdf"),
    path("statement/pdf/", statement.statement_pdf, name="statement_pdf"),
]
