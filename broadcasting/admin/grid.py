"""The weekly break grid: edited with Wagtail's own create/edit/delete views
(each change in its history), then carried to the dated breaks by "Apply the
grid to the weeks ahead" (`inventory.generate_breaks`)."""

from __future__ import annotations

import django_filters
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, NumberColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from ..models import BreakGridSlot, BroadcastSettings, Weekday
from ..selectors import admin as selectors
from ..services import inventory
from .common import AdminFormView, DiffusionIndexView, DiffusionViewSet, band_column
from .forms import ApplyGridForm, BreakGridSlotForm


class BreakGridFilterSet(WagtailFilterSet):
    weekday = django_filters.ChoiceFilter(label=_("Day"), choices=Weekday.choices)
    band_code = django_filters.ChoiceFilter(label=_("Time band"), choices=selectors.band_choices)

    class Meta:
        model = BreakGridSlot
        fields = []


class _GridChangeHint:
    """After a grid change, say how to carry it to the dated breaks."""

    def _hint(self):
        messages.info(
            self.request,
            gettext(
                "The dated breaks are not changed yet: use “Apply the grid to the weeks ahead”."
            ),
            buttons=[messages.button(reverse("broadcast_grid:apply"), gettext("Apply the grid"))],
        )

    def get_success_url(self):
        self._hint()
        return super().get_success_url()


class BreakGridCreateView(_GridChangeHint, generic.CreateView):
    pass


class BreakGridEditView(_GridChangeHint, generic.EditView):
    pass


class BreakGridDeleteView(_GridChangeHint, generic.DeleteView):
    pass


class BreakGridIndexView(DiffusionIndexView):
    # Wagtail's "Add %(model_name)s" reads "Ajouter un(e) …" in French.
    add_item_label = _("Add a break to the grid")

    @cached_property
    def columns(self):
        return [
            self.title_column(
                "weekday",
                label=_("Day"),
                accessor="get_weekday_display",
                get_url=lambda slot: reverse("broadcast_grid:edit", args=[slot.pk]),
                sort_key="weekday",
            ),
            Column("time", label=_("Time"), accessor=lambda s: f"{s.time:%H:%M}", sort_key="time"),
            Column("label", label=_("Label")),
            band_column(sort_key="band_code"),
            NumberColumn("capacity", label=_("Capacity (s)")),
            BooleanColumn("is_active", label=_("Active")),
        ]

    def order_queryset(self, queryset):
        ordering = self.ordering
        if ordering in ("weekday", "-weekday"):
            return queryset.order_by(ordering, "time")
        return super().order_queryset(queryset)

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("change"):
            buttons.append(
                HeaderButton(
                    _("Apply the grid to the weeks ahead"),
                    url=reverse("broadcast_grid:apply"),
                    icon_name="resubmit",
                )
            )
        return buttons


class ApplyGridView(AdminFormView):
    """“Appliquer la grille aux semaines à venir”: generate_breaks()."""

    page_title = _("Apply the grid to the weeks ahead")
    intro = _(
        "Creates the breaks of the grid that do not exist yet and carries grid changes to "
        "future breaks that hold no airing. Breaks with airings keep their time: move "
        "their airings by hand. Running it again changes nothing."
    )
    submit_label = _("Apply the grid")
    form_class = ApplyGridForm
    object_model = BreakGridSlot

    def get_initial(self):
        return {"weeks": BroadcastSettings.load().weeks_ahead}

    def act(self, form):
        result = inventory.generate_breaks(weeks=form.cleaned_data["weeks"])
        return (
            gettext(
                "Grid applied: %(created)s breaks created, %(updated)s updated, "
                "%(removed)s removed."
            )
            % result
        )


class BreakGridViewSet(DiffusionViewSet):
    model = BreakGridSlot
    name = "broadcast_grid"
    url_prefix = "broadcasting/grid"
    icon = "table"
    menu_label = _("Break grid")
    menu_order = 100
    index_view_class = BreakGridIndexView
    add_view_class = BreakGridCreateView
    edit_view_class = BreakGridEditView
    delete_view_class = BreakGridDeleteView
    filterset_class = BreakGridFilterSet
    ordering = "weekday"

    def get_form_class(self, for_update=False):
        return BreakGridSlotForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("apply/", self.construct_view(ApplyGridView), name="apply"),
        ]
