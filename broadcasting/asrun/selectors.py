"""Reads of the as-run import screens (admin "Diffusion › Imports as-run"): the
history of the imports, one import's summary and its discrepancies. Each is a
constant number of queries whatever the rows (the counts annotated or grouped,
the discrepancies' airings joined)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..models import AsRunDiscrepancy, AsRunImport, DiscrepancyKind, Resolution

# The summary's lines: (key of `AsRunImport.counts`, discrepancy kind or None, label).
SUMMARY_KINDS = (
    ("cut_short", DiscrepancyKind.CUT_SHORT),
    ("out_of_window", DiscrepancyKind.OUT_OF_WINDOW),
    ("wrong_copy", DiscrepancyKind.WRONG_COPY),
    ("extra", DiscrepancyKind.EXTRA),
    ("missing", DiscrepancyKind.MISSING),
    ("conflicts", DiscrepancyKind.CONFLICT),
)
DISCREPANCIES_PER_PAGE = 50


def import_history() -> QuerySet[AsRunImport]:
    """Every import, newest first, with its source, its uploader and the number
    of its discrepancies still to review (`open_count`)."""
    return (
        AsRunImport.objects.select_related("source", "uploaded_by")
        .annotate(
            open_count=Count("discrepancies", filter=Q(discrepancies__resolution=Resolution.OPEN))
        )
        .order_by("-created_at", "-pk")
    )


def imports() -> QuerySet[AsRunImport]:
    """The imports with what their page shows of them (one query)."""
    return AsRunImport.objects.select_related("source", "uploaded_by")


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int  # found by the matcher
    open: int  # still to review


@dataclass(frozen=True)
class ImportSummary:
    rows: int
    ignored: int
    matched: int
    agreed: int
    pending: int
    kinds: list[KindCount]
    open_total: int


def import_summary(asrun_import: AsRunImport) -> ImportSummary:
    """The import's counts (one query: the open discrepancies per kind)."""
    counts = asrun_import.counts or {}
    open_by_kind = dict(
        AsRunDiscrepancy.objects.filter(asrun_import=asrun_import, resolution=Resolution.OPEN)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    kinds = [
        KindCount(
            kind=str(kind),
            label=str(kind.label),
            count=int(counts.get(key, 0)),
            open=open_by_kind.get(str(kind), 0),
        )
        for key, kind in SUMMARY_KINDS
    ]
    return ImportSummary(
        rows=asrun_import.rows_total,
        ignored=asrun_import.rows_ignored,
        matched=int(counts.get("matched", 0)),
        agreed=int(counts.get("agreed", 0)),
        pending=int(counts.get("pending", 0)),
        kinds=kinds,
        open_total=sum(open_by_kind.values()),
    )


KIND_FILTERS = {str(kind): kind for _key, kind in SUMMARY_KINDS}
STATE_FILTERS = {
    "open": _("To review"),
    "resolved": _("Resolved"),
    "all": _("All"),
}


def discrepancies(
    asrun_import: AsRunImport, *, kind: str = "", state: str = "all"
) -> QuerySet[AsRunDiscrepancy]:
    """The import's discrepancies, the open ones first, then in the order they
    aired (a missing one at its break's start), with their airing's break,
    advertiser, campaign and spot, and who resolved them (one query a page)."""
    found = AsRunDiscrepancy.objects.filter(asrun_import=asrun_import).select_related(
        "airing__break_slot",
        "airing__advertiser",
        "airing__campaign",
        "airing__spot",
        "resolved_by",
    )
    if kind in KIND_FILTERS:
        found = found.filter(kind=kind)
    if state == "open":
        found = found.filter(resolution=Resolution.OPEN)
    elif state == "resolved":
        found = found.exclude(resolution=Resolution.OPEN)
    return found.annotate(
        still_open=Case(
            When(resolution=Resolution.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        moment=Coalesce("aired_at", "airing__break_slot__starts_at"),
    ).order_by("still_open", "moment", "pk")
