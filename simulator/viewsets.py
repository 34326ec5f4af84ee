"""The "Tarifs" menu of the Wagtail admin: rate cards (edited with their time
bands, adjustments, volume tiers and offers) and the quote requests visitors send.

ModelViewSet rather than SnippetViewSet: its edit form is a WagtailAdminModelForm
(a modelcluster ClusterForm), so InlinePanel rows and ParentalManyToManyField
work, without the revisions/drafts machinery that snippets would add to a model
whose versions are already explicit (valid from/until, published)."""

from __future__ import annotations

from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, NumberColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.admin.widgets.button import MenuItem as ButtonMenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from .forms_admin import (
    AdjustmentAdminForm,
    AdjustmentFormSet,
    OfferFormSet,
    RateCardAdminForm,
    RowsInlinePanel,
    TimeBandAdminForm,
    TimeBandFormSet,
    VolumeTierFormSet,
)
from .models import QuoteRequest, RateCard
from .views_admin import DuplicateRateCardView, MarkQuoteRequestHandledView

# --- Rate cards ----------------------------------------------------------------------


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
            heading=_("Spot prices (FCFA excl. VAT)"),
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


# --- Quote requests ------------------------------------------------------------------


class QuoteRequestPermissionPolicy(ModelPermissionPolicy):
    """Requests come from the public site: the team may only read them and mark
    them handled ("change"); nobody adds or deletes them here."""

    ACTIONS = {"view", "change"}

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a in self.ACTIONS])

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.ACTIONS])


def _offer_label(request: QuoteRequest) -> str:
    return request.offer_name or (request.offer.name if request.offer_id else "—")


def _mark_handled_url(request: QuoteRequest) -> str:
    return reverse("quote_requests:mark_handled", args=[quote(request.pk)])


class QuoteRequestIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("offer", "handled_by")

    @cached_property
    def columns(self):
        return [
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
            Column("reference", label=_("Reference"), accessor="reference"),
            Column("offer", label=_("Offer"), accessor=_offer_label, sort_key="offer_name"),
            self._get_title_column("name"),
            Column("company", label=_("Company"), sort_key="company"),
            Column("email", label=_("E-mail")),
            Column("phone", label=_("Phone")),
            Column(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
            ),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == QuoteRequest.Status.NEW and self.user_has_permission("change"):
            buttons.append(
                ButtonMenuItem(
                    _("Mark as handled"),
                    url=_mark_handled_url(instance),
                    icon_name="check",
                    priority=5,
                )
            )
        return buttons


class QuoteRequestInspectView(generic.InspectView):
    def get_user_display_value(self):
        return self.object.user or "—"

    def get_handled_by_display_value(self):
        return self.object.handled_by or "—"

    def get_handled_at_display_value(self):
        handled_at = self.object.handled_at
        return date_format(timezone.localtime(handled_at), "DATETIME_FORMAT") if handled_at else "—"

    def get_offer_name_display_value(self):
        return _offer_label(self.object)

    @cached_property
    def header_buttons(self):
        if self.object.status == QuoteRequest.Status.NEW and self.user_has_permission("change"):
            return [
                HeaderButton(
                    _("Mark as handled"), url=_mark_handled_url(self.object), icon_name="check"
                )
            ]
        return []


class QuoteRequestViewSet(ModelViewSet):
    model = QuoteRequest
    name = "quote_requests"
    url_prefix = "quote-requests"
    icon = "mail"
    menu_label = _("Quote requests")
    menu_order = 200
    index_view_class = QuoteRequestIndexView
    inspect_view_class = QuoteRequestInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    list_filter = ["status"]
    search_fields = ["name", "company", "email", "offer_name"]
    search_backend_name = None
    list_export = [
        "reference",
        "created_at",
        "offer_name",
        "name",
        "company",
        "email",
        "phone",
        "message",
        "status",
        "handled_at",
        "handled_by",
    ]
    inspect_view_fields = [
        "created_at",
        "offer_name",
        "name",
        "company",
        "email",
        "phone",
        "message",
        "user",
        "status",
        "handled_at",
        "handled_by",
    ]
    form_fields = []  # never edited: no add or edit view is routed

    @property
    def permission_policy(self):
        return QuoteRequestPermissionPolicy(self.model)

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # No add, edit, delete or history views: no links to them either.
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "history_url_name"):
            view_kwargs[name] = None
        view_kwargs["usage_url_name"] = None
        return view_kwargs

    @property
    def mark_handled_view(self):
        return self.construct_view(MarkQuoteRequestHandledView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("handled/<int:pk>/", self.mark_handled_view, name="mark_handled"),
        ]


class RatesViewSetGroup(ViewSetGroup):
    menu_label = _("Rates")
    menu_icon = "table"
    menu_order = 240
    items = (RateCardViewSet, QuoteRequestViewSet)
