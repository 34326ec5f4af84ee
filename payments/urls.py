"""/payments/… (404 for every route while ENABLE_PAYMENTS is off)."""

from django.urls import path

from .views import client, sandbox, webhook

app_name = "payments"

urlpatterns = [
    path("invoices/<uuid:uuid>/pay/", client.pay, name="pay"),
    path("attempts/<str:reference>/", client.status, name="status"),
    path("attempts/<str:reference>/receipt.pdf", client.receipt, name="receipt"),
    path("notify/<str:provider>/", webhook.notify, name="notify"),
    path("sandbox/<str:token>/", sandbox.checkout, name="sandbox"),
]
