"""Rate cards in the Wagtail admin: edited with their time bands, adjustments,
volume tiers and offers, and duplicated for the next period.

ModelViewSet rather than SnippetViewSet: its edit form is a WagtailAdminModelForm
(a modelcluster ClusterForm), so InlinePanel rows and ParentalManyToManyField
work, without the revisions/drafts machinery that snippets would add to a model
whose versions are already explicit (valid from/until, published)."""

from __future__ import annotations

from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import BooleanColumn, Column, NumberColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem

from .. import services
from ..models import RateCard
from .common import ObjectAdminView
from .forms import (
    AdjustmentAdminForm,
    AdjustmentFormSet,
    DuplicateRateCardForm,
    OfferFormSet,
    RateCardAdminForm,
    RowsInlinePanel,
    TimeBandAdminForm,
    TimeBandFormSet,
    VolumeTierFormSet,
)


def card_status(card: RateCard) -> str:
    today = timezone.localdate()
    if not card.published:
        return str(_("draft"))
    if card.valid_from > today:
        return str(_("upcoming"))
    if card.valid_until is not None and card.valid_until < today:
        return str(_("past"))
    return str(_("in force"))


def _valid_from(card: RateCard) -> str:
    return f"{card.valid_from:%d/%m/%Y}"


def _valid_until(card: RateCard):
    return f"{card.valid_until:%d/%m/%Y}" if card.valid_until else _("no end date")


class RateCardIndexView(generic.IndexView):
    def get_base_queryset(self):
        # One query for the page, however many cards it lists.
        return super().get_base_queryset().annotate(band_count=Count("bands", distinct=True))

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("add"):
            buttons.append(
                ButtonMenuItem(
                    _("Duplicate for next period"),
                    url=reverse("rate_cards:duplicate", args=[quote(instance.pk)]),
                    icon_name="copy",
                    priority=25,
                )
            )
        return buttons


class RateCardEditView(generic.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("add"):
            buttons.append(
                Button(
                    _("Duplicate for next period"),
                    url=reverse("rate_cards:duplicate", args=[quote(self.object.pk)]),
                    icon_name="copy",
                    priority=15,
                )
            )
        return buttons


def _band_panels():
    return [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("weekdays"),
        FieldRowPanel([FieldPanel("is_prime"), FieldPanel("is_active")]),
        FieldRowPanel(
            [
                FieldPanel("price_up_to_30"),
                FieldPanel("price_31_to_60"),
                FieldPanel("price_per_extra_second"),
            ],
            heading=_("Spot prices (FCFA incl. VAT, as published)"),
        ),
        FieldPanel("teaching_text"),
    ]


def _adjustment_panels():
    return [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldPanel("applies"),
        FieldRowPanel([FieldPanel("percent"), FieldPanel("fixed_unit_price")]),
        FieldPanel("bands", widget=forms.CheckboxSelectMultiple),
        FieldPanel("explanation"),
        FieldPanel("published"),
    ]


def _offer_panels():
    return [
        FieldRowPanel([FieldPanel("code"), FieldPanel("category")]),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("quantity"), FieldPanel("price")]),
        FieldPanel("description"),
    ]


RATE_CARD_EDIT_HANDLER = TabbedInterface(
    [
        ObjectList(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldRowPanel([FieldPanel("vat_rate"), FieldPanel("published")]),
                FieldPanel("notes"),
            ],
            heading=_("Card"),
        ),
        ObjectList(
            [
                RowsInlinePanel(
                    "bands",
                    heading=_("Time bands and spot prices"),
                    label=_("Time band"),
                    help_text=_(
                        "Prices are in FCFA excluding VAT (HT), per airing. A band may "
                        "cross midnight (end earlier than start)."
                    ),
                    panels=_band_panels(),
                    form_class=TimeBandAdminForm,
                    formset_class=TimeBandFormSet,
                )
            ],
            heading=_("Time bands"),
        ),
        ObjectList(
            [
                RowsInlinePanel(
                    "adjustments",
                    heading=_("Adjustments"),
                    label=_("Adjustment"),
                    help_text=_(
                        "A percentage (surcharge above 0, reduction below 0) or a fixed "
                        "price per airing in FCFA excluding VAT, not both."
                    ),
                    panels=_adjustment_panels(),
                    form_class=AdjustmentAdminForm,
                    formset_class=AdjustmentFormSet,
                )
            ],
            heading=_("Adjustments"),
        ),
        ObjectList(
            [
                RowsInlinePanel(
                    "volume_tiers",
                    heading=_("Example tiers: edit them to the station's policy"),
                    label=_("Tier"),
                    help_text=_(
                        "The discount of the largest tier reached by the total number of "
                        "airings of a quote applies. A larger tier never gives a smaller "
                        "discount."
                    ),
                    panels=[FieldRowPanel([FieldPanel("min_airings"), FieldPanel("percent")])],
                    formset_class=VolumeTierFormSet,
                )
            ],
            heading=_("Volume discounts"),
        ),
        ObjectList(
            [
                RowsInlinePanel(
                    "offers",
                    heading=_("Offers catalogue"),
                    label=_("Offer"),
                    help_text=_(
                        "Prices in FCFA excluding VAT (HT); leave the price empty for “on quote”."
                    ),
                    panels=_offer_panels(),
                    formset_class=OfferFormSet,
                )
            ],
            heading=_("Offers"),
        ),
    ],
    base_form_class=RateCardAdminForm,
)


class RateCardViewSet(ModelViewSet):
    model = RateCard
    name = "rate_cards"
    url_prefix = "rate-cards"
    icon = "table"
    menu_label = _("Rate cards")
    menu_order = 100
    index_view_class = RateCardIndexView
    edit_view_class = RateCardEditView
    copy_view_enabled = False
    ordering = ["-valid_from", "-pk"]
    list_per_page = 50
    list_display = [
        "name",
        Column("valid_from", label=_("Valid from"), accessor=_valid_from, sort_key="valid_from"),
        Column(
            "valid_until", label=_("Valid until"), accessor=_valid_until, sort_key="valid_until"
        ),
        BooleanColumn("published", label=_("Published")),
        Column("status", label=_("Status"), accessor=card_status),
        NumberColumn("band_count", label=_("Time bands"), sort_key="band_count"),
    ]
    list_filter = ["published"]
    search_fields = ["name"]
    search_backend_name = None
    edit_handler = RATE_CARD_EDIT_HANDLER

    @property
    def duplicate_view(self):
        return self.construct_view(DuplicateRateCardView, edit_url_name=self.get_url_name("edit"))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("duplicate/<int:pk>/", self.duplicate_view, name="duplicate"),
        ]


# --- Duplicate for next period -------------------------------------------------------


class DuplicateRateCardView(ObjectAdminView, FormView):
    """“Duplicate for next period”: the confirmation page (GET) proposes the
    name and start of the copy; POST makes it and opens it for editing."""

    model = RateCard
    permission_required = "add"
    template_name = "simulator/admin/duplicate_rate_card.html"
    form_class = DuplicateRateCardForm
    page_title = _("Duplicate for next period")
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
