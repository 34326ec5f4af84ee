"""`/admin/payments/attempts/` (`payments_attempts:index`): every online payment
attempt, newest first, with filters (state, provider, company, period). An
attempt's page (`payments_attempts:detail`) shows its invoice, company, amount,
state, the provider's references and its event log with each raw payload, and
the two actions of the billing staff: re-check it now with the provider, or
reconcile it by hand with a logged reason (both POST only)."""

from __future__ import annotations

import json

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin import messages

from billing.admin.common import DetailFormsMixin, paginate
from core.errors import DomainError

from ..models import IntentState, PaymentIntent
from ..services.reconcile import recheck, reconcile
from .common import PaymentsScreenViewSet, PaymentsView, check_payments_staff, refuse
from .forms import AttemptFilterForm, ReconcileForm

NAMESPACE = "payments_attempts"
EVENTS_SHOWN = 200


def detail_url(intent) -> str:
    return reverse(f"{NAMESPACE}:detail", args=[intent.pk])


def load_intent(pk) -> PaymentIntent:
    return get_object_or_404(
        PaymentIntent.objects.select_related("invoice", "payer", "created_by", "payment"), pk=pk
    )


def filtered_attempts(data) -> tuple[AttemptFilterForm, object]:
    """The filter form and the attempts it selects (all of them when it is invalid)."""
    form = AttemptFilterForm(data or None)
    attempts = PaymentIntent.objects.select_related("invoice", "payer").order_by(
        "-created_at", "-pk"
    )
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data
        if chosen["state"]:
            attempts = attempts.filter(state=chosen["state"])
        if chosen["provider"]:
            attempts = attempts.filter(provider=chosen["provider"])
        if chosen["company"]:
            attempts = attempts.filter(payer=chosen["company"])
        if chosen["started_from"]:
            attempts = attempts.filter(created_at__date__gte=chosen["started_from"])
        if chosen["started_to"]:
            attempts = attempts.filter(created_at__date__lte=chosen["started_to"])
    return form, attempts


def pretty(payload) -> str:
    """A raw payload as indented JSON (escaped by the template, never marked safe)."""
    if not payload:
        return ""
    return json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True, default=str)


class AttemptIndexView(PaymentsView):
    template_name = "payments/admin/attempts.html"
    page_title = gettext_lazy("Online payment attempts")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, attempts = filtered_attempts(self.request.GET)
        context.update(
            filter_form=form, attempts=paginate(self.request, attempts), filtered=form.is_bound
        )
        return context


class AttemptDetailView(DetailFormsMixin, PaymentsView):
    template_name = "payments/admin/attempt_detail.html"
    index_url_name = f"{NAMESPACE}:index"
    index_label = gettext_lazy("Online payment attempts")

    def load(self, **kwargs):
        self.object = load_intent(kwargs["pk"])

    def get_page_title(self):
        return _("Payment attempt %(reference)s") % {"reference": self.object.reference}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        intent = self.object
        events = list(intent.events.select_related("actor").order_by("at", "pk")[:EVENTS_SHOWN])
        for event in events:
            event.pretty_payload = pretty(event.payload)
        context.update(
            intent=intent,
            events=events,
            open=not intent.is_terminal,
            reconcile_form=self.make_form("reconcile", ReconcileForm),
        )
        return context


class ReconcileView(AttemptDetailView):
    """POST only: settle the attempt by hand; a refusal shows the page again with
    the form bound and the service's French message, nothing changed."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ReconcileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                intent = reconcile(
                    intent=self.object,
                    actor=request.user,
                    outcome=data["outcome"],
                    reason=data["reason"],
                    provider_reference=data["provider_reference"],
                )
            except DomainError as error:
                refuse(request, form, error)
            else:
                messages.success(
                    request,
                    _("Attempt %(reference)s reconciled: “%(state)s”.")
                    % {"reference": intent.reference, "state": intent.get_state_display()},
                )
                return redirect(detail_url(intent))
        self.object.refresh_from_db()
        self.bound_forms = {"reconcile": form}
        return self.render_to_response(self.get_context_data())


class RecheckView(View):
    """POST only: ask the provider again now (server to server)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        check_payments_staff(request)
        self.object = load_intent(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            state = recheck(intent=self.object, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            label = dict(IntentState.choices).get(state, state)
            messages.success(
                request,
                _("Checked with the provider: the attempt is “%(state)s”.") % {"state": label},
            )
        return redirect(detail_url(self.object))


class AttemptViewSet(PaymentsScreenViewSet):
    name = NAMESPACE
    url_prefix = "payments/attempts"
    menu_label = gettext_lazy("Attempts")
    menu_order = 100

    def get_urlpatterns(self):
        return [
            path("", AttemptIndexView.as_view(), name="index"),
            path("<int:pk>/", AttemptDetailView.as_view(), name="detail"),
            path("<int:pk>/recheck/", RecheckView.as_view(), name="recheck"),
            path("<int:pk>/reconcile/", ReconcileView.as_view(), name="reconcile"),
        ]
