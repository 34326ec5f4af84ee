"""Gap-free yearly numbering: FA-2026-00001 for invoices, AV-2026-00001 for
credit notes. The series row is locked for the rest of the issuing transaction,
so a rolled-back issue gives its number back and two issues never share one."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from ..models import SERIES_PREFIX, DocumentSeries


def _locked_series(kind: str, year: int) -> DocumentSeries:
    series = DocumentSeries.objects.select_for_update().filter(kind=kind, year=year).first()
    if series is not None:
        return series
    try:
        with transaction.atomic():  # savepoint: a concurrent creation wins
            DocumentSeries.objects.create(kind=kind, year=year, last_number=0)
    except IntegrityError:
        pass
    return DocumentSeries.objects.select_for_update().get(kind=kind, year=year)


def next_number(kind: str, year: int) -> tuple[str, int]:
    """(number, sequence) for a document of `kind` issued in `year`; must run
    inside the issuing transaction."""
    series = _locked_series(kind, year)
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return f"{SERIES_PREFIX[kind]}-{year}-{series.last_number:05d}", series.last_number
