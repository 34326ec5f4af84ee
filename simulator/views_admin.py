"""Admin views of the "Tarifs" menu that are not plain create/edit/list views:
duplicate a rate card for the next period, mark a quote request handled.

Both confirm on a GET page and act on POST only; the permission policy of their
viewset decides who may open them."""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from . import services
from .forms_admin import DuplicateRateCardForm
from .models import QuoteRequest, RateCard


class _ObjectAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    model = None
    permission_policy = None
    index_url_name = None
    edit_url_name = None
    inspect_url_name = None
    header_icon = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": self.model._meta.verbose_name_plural.capitalize(),
            },
            {"url": "", "label": str(self.object)},
        ]

    def get_page_subtitle(self):
        return str(self.object)


class DuplicateRateCardView(_ObjectAdminView, FormView):
    """“Duplicate for next period”: the confirmation page (GET) proposes the
    name and start of the copy; POST makes it and opens it for editing."""

    model = RateCard
    permission_required = "add"
    template_name = "simulator/admin/duplicate_rate_card.html"
    form_class = DuplicateRateCardForm
    page_title = gettext_lazy("Duplicate for next period")
    header_icon = "copy"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["source"] = self.object
        return kwargs

    def get_initial(self):
        start, _end = services.next_period(self.object)
        return {"name": services.copy_name(self.object), "valid_from": start}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        card = self.object
        start, end = services.next_period(card)
        context.update(
            card=card,
            proposed_start=start,
            proposed_end=end,
            open_ended=card.valid_until is None,
            counts={
                "bands": card.bands.count(),
                "adjustments": card.adjustments.count(),
                "volume_tiers": card.volume_tiers.count(),
                "offers": card.offers.count(),
            },
            action_url=self.request.path,
            cancel_url=reverse(self.edit_url_name, args=[quote(card.pk)]),
        )
        return context

    def form_valid(self, form):
        try:
            copy = services.duplicate_rate_card(
                card=self.object,
                user=self.request.user,
                valid_from=form.cleaned_data["valid_from"],
                name=form.cleaned_data["name"],
            )
        except services.SimulatorError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "“%(copy)s” was created, unpublished, from “%(card)s”. "
                "Check its prices, then publish it."
            )
            % {"copy": copy.name, "card": self.object.name},
        )
        return redirect(self.edit_url_name, quote(copy.pk))


class MarkQuoteRequestHandledView(_ObjectAdminView, TemplateView):
    """Confirm (GET) then record (POST) that the signed-in user handled a request."""

    model = QuoteRequest
    permission_required = "change"
    template_name = "simulator/admin/mark_quote_request_handled.html"
    page_title = gettext_lazy("Mark as handled")
    header_icon = "check"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            quote_request=self.object,
            action_url=self.request.path,
            cancel_url=reverse(self.index_url_name),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.mark_quote_request_handled(quote_request=self.object, user=request.user)
        except services.SimulatorError as error:
            messages.warning(request, str(error))
        else:
            messages.success(
                request,
                _("The quote request %(reference)s is marked as handled.")
                % {"reference": self.object.reference},
            )
        return redirect(self.index_url_name)
