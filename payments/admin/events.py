"""`/admin/payments/events/` (`payments_events:index`): the whole append-only log
of the payments, newest first, those attached to no attempt included (forged
notifications, notifications for an unknown reference), each with its raw payload."""

from __future__ import annotations

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _

from billing.admin.common import paginate

from ..models import PaymentEvent
from .attempts import pretty
from .common import PaymentsScreenViewSet, PaymentsView
from .forms import AttemptFilterForm

NAMESPACE = "payments_events"


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Event"), required=False, choices=[("", _("All"))] + PaymentEvent.Kind.choices
    )
    provider = AttemptFilterForm.base_fields["provider"]
    unattached = forms.BooleanField(label=_("Attached to no attempt only"), required=False)


def filtered_events(data) -> tuple[EventFilterForm, object]:
    form = EventFilterForm(data or None)
    events = PaymentEvent.objects.select_related("intent", "actor").order_by("-at", "-pk")
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data
        if chosen["kind"]:
            events = events.filter(kind=chosen["kind"])
        if chosen["provider"]:
            events = events.filter(provider=chosen["provider"])
        if chosen["unattached"]:
            events = events.filter(intent__isnull=True)
    return form, events


class EventIndexView(PaymentsView):
    template_name = "payments/admin/events.html"
    page_title = _("Online payment log")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, events = filtered_events(self.request.GET)
        page = paginate(self.request, events)
        for event in page:
            event.pretty_payload = pretty(event.payload)
        context.update(filter_form=form, events=page, filtered=form.is_bound)
        return context


class EventViewSet(PaymentsScreenViewSet):
    name = NAMESPACE
    url_prefix = "payments/events"
    icon = "list-ul"
    menu_label = _("Log")
    menu_order = 200

    def get_urlpatterns(self):
        return [path("", EventIndexView.as_view(), name="index")]
