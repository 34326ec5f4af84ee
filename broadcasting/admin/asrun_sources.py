"""“Sources as-run”: the playout automations that send as-run logs, each with
its format, the zone of its clock and the CSV column mapping of its files
(date, time, duration, code, title, date format, frames per second,
separator, encoding), validated by `AsRunSourceForm`."""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column

from ..models import AsRunSource
from .asrun_forms import AsRunSourceForm
from .common import DiffusionIndexView, DiffusionViewSet


def _mapping(source: AsRunSource) -> str:
    mapping = source.csv_mapping or {}
    names = [
        str(mapping[key]) for key in ("date", "time", "duration", "code", "title") if key in mapping
    ]
    return " · ".join(names) or "—"


class AsRunSourceIndexView(DiffusionIndexView):
    @cached_property
    def columns(self):
        return [
            self.title_column("name", label=_("Name")),
            Column("format", label=_("Format"), accessor="get_format_display"),
            Column("time_zone", label=_("Time zone"), accessor=lambda s: s.time_zone or "—"),
            Column("csv_mapping", label=_("CSV columns"), accessor=_mapping),
            BooleanColumn("active", label=_("Active")),
        ]


class AsRunSourceViewSet(DiffusionViewSet):
    model = AsRunSource
    name = "broadcast_asrun_sources"
    url_prefix = "broadcasting/asrun-sources"
    icon = "cogs"
    menu_label = _("As-run sources")
    menu_order = 710
    index_view_class = AsRunSourceIndexView
    ordering = ["name"]

    def get_form_class(self, for_update=False):
        return AsRunSourceForm
