"""The advertiser's side: the pay form of an invoice, the page of an attempt
(the providers' return URL: "en cours de vérification" until the job has
confirmed, never proof of payment by itself) and the receipt of a confirmed one.

Every route is a 404 while payments are off; advertisers only; an invoice is
reached only when billed to the user's company, an attempt only by the company
that pays it (another company's identifier is a 404, never a 403)."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from accounts.permissions import role_required
from accounts.roles import Role
from billing.models import Invoice
from core.errors import add_domain_errors

from ..conf import require_enabled
from ..exceptions import PaymentError
from ..forms import PayForm
from ..models import OPEN_STATES, IntentState, PaymentIntent
from ..providers import get_provider
from ..services.start import payable_amount, remaining_due, start_payment


def advertiser_payments(view):
    """404 while payments are off (before anything else), then advertisers only."""
    guarded = role_required(Role.ADVERTISER)(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        require_enabled()
        return guarded(request, *args, **kwargs)

    return wrapper


def _company_id(user) -> int:
    if getattr(user, "advertiser_id", None) is None:
        raise Http404
    return user.advertiser_id


def _invoice(user, uuid) -> Invoice:
    invoice = (
        Invoice.objects.issued()
        .filter(uuid=uuid, billed_to_id=_company_id(user))
        .select_related("billed_to")
        .first()
    )
    if invoice is None:
        raise Http404
    return invoice


def _intent(user, reference: str) -> PaymentIntent:
    intent = (
        PaymentIntent.objects.filter(reference=reference, payer_id=_company_id(user))
        .select_related("invoice", "payer")
        .first()
    )
    if intent is None:
        raise Http404
    return intent


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and url.startswith("/")


@advertiser_payments
def pay(request, uuid):
    invoice = _invoice(request.user, uuid)
    due = remaining_due(invoice)
    if request.method == "POST":
        form = PayForm(request.POST)
        if form.is_valid():
            try:
                intent = start_payment(
                    invoice=invoice,
                    user=request.user,
                    amount=form.cleaned_data["amount"],
                    operator=form.cleaned_data["operator"],
                    phone=form.cleaned_data["phone"],
                )
            except PaymentError as error:
                add_domain_errors(form, error)
            else:
                if intent.checkout_url and is_local(intent.checkout_url):
                    return redirect(intent.checkout_url)
                # The site's CSP allows forms to post (and be redirected) to its own
                # origin only: an outside payment page is reached from the attempt's page.
                return redirect(intent.get_absolute_url() + "?start=1")
    elif request.method == "GET":
        # What the provider will take: rounded down to its step (CinetPay: 5 FCFA).
        prefill = payable_amount(due, get_provider().amount_step)
        form = PayForm(initial={"amount": prefill, "phone": getattr(request.user, "phone", "")})
    else:
        return HttpResponse(status=405)
    return render(
        request,
        "payments/pay.html",
        {
            "invoice": invoice,
            "form": form,
            "due": due,
            "min_amount": settings.PAYMENTS_MIN_AMOUNT,
            "max_amount": settings.PAYMENTS_MAX_AMOUNT,
        },
    )


@advertiser_payments
def status(request, reference):
    if request.method != "GET":
        return HttpResponse(status=405)
    intent = _intent(request.user, reference)
    open_ = intent.state in OPEN_STATES
    go_to_provider = (
        open_
        and request.GET.get("start") == "1"
        and bool(intent.checkout_url)
        and not is_local(intent.checkout_url)
    )
    response = render(
        request,
        "payments/status.html",
        {
            "intent": intent,
            "invoice": intent.invoice,
            "checking": open_,
            "succeeded": intent.state == IntentState.SUCCEEDED,
            "go_to_provider": go_to_provider,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


@advertiser_payments
def receipt(request, reference):
    if request.method != "GET":
        return HttpResponse(status=405)
    intent = _intent(request.user, reference)
    if intent.state != IntentState.SUCCEEDED:
        raise Http404
    from ..receipt_pdf import filename, render_receipt

    response = HttpResponse(render_receipt(intent), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename(intent)}"'
    response["Cache-Control"] = "private, no-store"
    return response
