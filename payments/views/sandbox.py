"""The sandbox checkout page (/payments/sandbox/<token>/): development and tests
only (ENABLE_PAYMENTS, PAYMENTS_ALLOW_SANDBOX and PAYMENTS_PROVIDER "sandbox",
else 404). The token is the secret: anyone holding it may open the page,
signed in or not. The developer plays the payer: "Payé", "Refusé",
"Abandonné" notify like a provider would (signed, through the webhook's own
code), "Payé mais notification perdue" does not, so that the poller must find
it. A charge decided once is never changed."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import gettext as _

from ..conf import require_enabled
from ..models import Operator, PaymentIntent, SandboxCharge
from ..providers.sandbox import signature

# The button's value → (the charge's outcome, whether the provider notifies).
CHOICES = {
    "paid": (SandboxCharge.Outcome.PAID, True),
    "refused": (SandboxCharge.Outcome.REFUSED, True),
    "abandoned": (SandboxCharge.Outcome.ABANDONED, True),
    "paid_lost": (SandboxCharge.Outcome.PAID, False),
}


def require_sandbox() -> None:
    require_enabled()
    if not getattr(settings, "PAYMENTS_ALLOW_SANDBOX", False):
        raise Http404
    if getattr(settings, "PAYMENTS_PROVIDER", "") != "sandbox":
        raise Http404


def send_notification(charge: SandboxCharge) -> int:
    """What the sandbox provider does once the payer has decided: POST the signed
    notification to the webhook, here in process, through the webhook view itself."""
    from .webhook import notify

    body = json.dumps({"reference": charge.reference}).encode()
    path = reverse("payments:notify", kwargs={"provider": "sandbox"})
    request = RequestFactory().post(
        path,
        data=body,
        content_type="application/json",
        HTTP_X_SANDBOX_SIGNATURE=signature(body),
    )
    return notify(request, provider="sandbox").status_code


def _return_url(charge: SandboxCharge) -> str:
    return reverse("payments:status", kwargs={"reference": charge.reference})


def checkout(request, token):
    require_sandbox()
    charge = SandboxCharge.objects.filter(token=token).first()
    if charge is None:
        raise Http404
    if request.method == "POST":
        choice = CHOICES.get(request.POST.get("outcome", ""))
        if choice is None:
            messages.error(request, _("Choose one of the four outcomes."))
            return redirect(request.path)
        outcome, notifies = choice
        with transaction.atomic():
            updated = SandboxCharge.objects.filter(
                pk=charge.pk, outcome=SandboxCharge.Outcome.WAITING
            ).update(outcome=outcome)
        if not updated:
            messages.info(request, _("This sandbox payment was already decided: nothing changed."))
            return redirect(request.path)
        if notifies:
            send_notification(charge)
        return redirect(_return_url(charge))
    if request.method != "GET":
        return HttpResponse(status=405)
    intent = (
        PaymentIntent.objects.filter(reference=charge.reference).select_related("invoice").first()
    )
    response = render(
        request,
        "payments/sandbox.html",
        {
            "charge": charge,
            "operator": Operator(charge.operator).label
            if charge.operator in Operator.values
            else "",
            "invoice_number": intent.invoice.number if intent else "",
            "decided": charge.outcome != SandboxCharge.Outcome.WAITING,
            "return_url": _return_url(charge),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
