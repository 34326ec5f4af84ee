"""Billing on the busy broadcast year (bench/broadcast_data.py). Every measure runs
inside a transaction rolled back at the end, so the year stays as generated and
each run sees the same data.

- `invoice_issue_ms`: `billing.services.issue.issue_invoice` (number under the
  row lock, every mention frozen, the PDF written) of a draft of
  `invoice_issue_airings` (200) aired airings of one campaign; the draft
  (`create_draft`) is built before and not timed. Median of ISSUE_RUNS, one
  warm-up; `invoice_issue_queries`.
- `billing_run_month_s`: the busiest month of aired airings
  (`billing_run_month`, `billing_run_month_airings`): `create_draft(start, end)`
  then `issue_invoice` for every campaign with aired airings that month
  (`billing.selectors.billable.campaigns_to_bill`), `billing_run_month_invoices`
  invoices; `billing_run_draft_s` and `billing_run_issue_s` say where it goes.
  As `billing.services.runs.bill_period` does, the PDFs are left to the worker
  (enqueued on commit): `billing_run_pdf_in_run_s` is the PDF time inside the run
  (0), `billing_run_pdf_worker_s` the worker's time to write them all after it.
  `billing_run_queries_per_invoice` (median), `_min`, `_max`, and for the
  invoices of one band the smallest and the largest in airings with their
  queries: the queries of an invoice do not grow with its airings (+4 per band;
  on SQLite a bulk insert of more than 333 billed airings is split, one more
  query per 333).
- `ageing_report_ms`: `billing.selectors.ageing.ageing(as_of=today)` over the
  1 000 advertisers of the year and AGEING_DOCUMENTS documents (invoices of
  every age, credit notes and payments, some left as credit on account)
  inserted by `bulk_create`; median of AGEING_RUNS. `ageing_report_queries`
  with all of them, `ageing_report_small_queries` with AGEING_SMALL documents.

Run alone: `python bench/billing.py [issue] [month] [ageing] [--write]` (generates
the year into a throw-away SQLite file first, or uses DATABASE_URL; `--write`
puts the figures into bench/results/latest.json beside the others)."""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ACCOUNTANT_EMAIL = "bench-compta@bf1.bf"
ISSUE_AIRINGS = 200
ISSUE_RUNS = 7
AGEING_RUNS = 7
AGEING_DOCUMENTS = 20_000
AGEING_SMALL = 200


class Rollback(Exception):
    """Raised at the end of a measure to undo what it wrote."""


def _accountant():
    from accounts.roles import Role
    from bench.staff import staff_user

    return staff_user(ACCOUNTANT_EMAIL, Role.ACCOUNTANT, "Comptable")


def _rolled_back(fn):
    """fn()'s result; everything it wrote is undone."""
    from django.db import transaction

    box = {}
    try:
        with transaction.atomic():
            box["result"] = fn()
            raise Rollback
    except Rollback:
        pass
    return box["result"]


def _campaign_of(airings: int):
    """The campaign with the most aired airings, topped up to `airings` aired
    airings (bulk copies of one of its own, in past breaks of the same band
    where its advertiser has nothing): the caller rolls back."""
    from django.db.models import Count
    from django.utils import timezone

    from broadcasting.models import Airing, AiringStatus, Break
    from campaigns.models import Campaign

    top = (
        Airing.objects.filter(status=AiringStatus.AIRED)
        .values("campaign")
        .annotate(n=Count("pk"))
        .order_by("-n", "campaign")
        .first()
    )
    campaign = Campaign.objects.get(pk=top["campaign"])
    model = Airing.objects.filter(campaign=campaign, status=AiringStatus.AIRED).first()
    missing = airings - top["n"]
    if missing > 0:
        taken = Airing.objects.filter(
            advertiser=campaign.advertiser_id, status__in=(AiringStatus.PLANNED, AiringStatus.AIRED)
        ).values("break_slot")
        breaks = list(
            Break.objects.filter(band_code=model.band_code, starts_at__lt=timezone.now())
            .exclude(pk__in=taken)
            .order_by("-starts_at")[:missing]
        )
        Airing.objects.bulk_create(
            [
                Airing(
                    break_slot=brk,
                    position=99,
                    campaign=campaign,
                    spot_id=model.spot_id,
                    advertiser_id=model.advertiser_id,
                    sector_id=model.sector_id,
                    band_code=model.band_code,
                    length=model.length,
                    unit_price=model.unit_price,
                    status=AiringStatus.AIRED,
                    confirmed_by_id=model.confirmed_by_id,
                    confirmed_at=brk.starts_at + dt.timedelta(minutes=1),
                )
                for brk in breaks
            ]
        )
    return campaign


def measure_issue(actor) -> dict[str, float | int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from billing.services.drafts import create_draft
    from billing.services.issue import issue_invoice

    def run():
        campaign = _campaign_of(ISSUE_AIRINGS)
        durations, queries, airings = [], 0, 0
        for index in range(ISSUE_RUNS + 1):

            def trial():
                draft = create_draft(campaign=campaign, actor=actor)
                with CaptureQueriesContext(connection) as ctx:
                    began = time.perf_counter()
                    issue_invoice(invoice=draft, actor=actor)
                    elapsed = (time.perf_counter() - began) * 1000
                return elapsed, len(ctx.captured_queries), draft.billed_airings.count()

            elapsed, queries, airings = _rolled_back(trial)
            if index:  # the first is the warm-up
                durations.append(elapsed)
        return {
            "invoice_issue_ms": round(statistics.median(durations), 1),
            "invoice_issue_queries": queries,
            "invoice_issue_airings": airings,
        }

    return _rolled_back(run)


def busiest_month():
    """(first day, last day, aired airings) of the month with the most aired airings."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    from billing.services.drafts import month_bounds
    from broadcasting.models import Airing, AiringStatus

    top = (
        Airing.objects.filter(status=AiringStatus.AIRED)
        .annotate(month=TruncMonth("break_slot__day"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("-n", "month")
        .first()
    )
    first, last = month_bounds(top["month"])
    return first, last, top["n"]


class _PdfClock:
    """Counts the time spent rendering PDFs (billing.pdf.render_document)."""

    def __init__(self):
        import billing.pdf

        self.module = billing.pdf
        self.original = billing.pdf.render_document
        self.seconds = 0.0

    def __enter__(self):
        def timed(document):
            began = time.perf_counter()
            try:
                return self.original(document)
            finally:
                self.seconds += time.perf_counter() - began

        self.module.render_document = timed
        return self

    def __exit__(self, *exc):
        self.module.render_document = self.original


def measure_month(actor) -> dict[str, float | int | str]:
    from django.db import connection
    from django.db.models import Count

    from billing.conf import billing_settings
    from billing.models import InvoiceLine
    from billing.selectors.billable import campaigns_to_bill
    from billing.services.drafts import create_draft
    from billing.services.issue import issue_invoice
    from billing.services.pdfs import ensure_pdf

    start, end, aired = busiest_month()

    class Counter:  # a cheap query counter (no debug cursor)
        n = 0

        def __call__(self, execute, sql, params, many, context):
            self.n += 1
            return execute(sql, params, many, context)

    def run():
        # As billing.services.runs.bill_period: the settings read once, each
        # campaign drafted and issued, the PDFs left to the worker.
        conf = billing_settings()
        per_invoice: list[tuple[int, int, int]] = []  # (airings, lines, queries)
        drafting = issuing = 0.0
        issued = []
        counter = Counter()
        with _PdfClock() as pdf, connection.execute_wrapper(counter):
            began = time.perf_counter()
            campaigns = list(campaigns_to_bill(start=start, end=end))
            for campaign in campaigns:
                before = counter.n
                step = time.perf_counter()
                draft = create_draft(
                    campaign=campaign, actor=actor, start=start, end=end, conf=conf
                )
                drafted = time.perf_counter()
                issued.append(issue_invoice(invoice=draft, actor=actor, conf=conf, defer_pdf=True))
                drafting += drafted - step
                issuing += time.perf_counter() - drafted
                per_invoice.append((campaign.unbilled, draft.pk, counter.n - before))
            seconds = time.perf_counter() - began
        lines = dict(
            InvoiceLine.objects.filter(invoice__in=[pk for _n, pk, _q in per_invoice])
            .values_list("invoice")
            .annotate(n=Count("pk"))
        )
        per_invoice = [(n, lines.get(pk, 0), q) for n, pk, q in per_invoice]
        # What the worker then does: every PDF, timed apart.
        began = time.perf_counter()
        for invoice in issued:
            ensure_pdf(invoice)
        worker = time.perf_counter() - began
        return seconds, drafting, issuing, pdf.seconds, worker, per_invoice

    seconds, drafting, issuing, pdf_seconds, worker, per_invoice = _rolled_back(run)
    queries = [q for _n, _lines, q in per_invoice]
    one_line = [(n, q) for n, lines, q in per_invoice if lines == 1]
    figures: dict[str, float | int | str] = {
        "billing_run_month": f"{start} → {end}",
        "billing_run_month_airings": aired,
        "billing_run_month_invoices": len(per_invoice),
        "billing_run_month_s": round(seconds, 2),
        "billing_run_draft_s": round(drafting, 2),
        "billing_run_issue_s": round(issuing, 2),
        "billing_run_pdf_in_run_s": round(pdf_seconds, 2),
        "billing_run_pdf_worker_s": round(worker, 2),
        "billing_run_ms_per_invoice": round(seconds * 1000 / max(len(per_invoice), 1), 1),
        "billing_run_queries_per_invoice": statistics.median(queries),
        "billing_run_queries_per_invoice_min": min(queries),
        "billing_run_queries_per_invoice_max": max(queries),
    }
    if one_line:  # invoices of one band: queries against airings
        smallest, largest = min(one_line), max(one_line)
        figures["billing_run_one_band_smallest"] = f"{smallest[0]} airings: {smallest[1]} queries"
        figures["billing_run_one_band_largest"] = f"{largest[0]} airings: {largest[1]} queries"
    return figures


def measure_ageing(actor) -> dict[str, float | int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import Advertiser
    from bench.billing_data import documents
    from billing.selectors.ageing import ageing

    today = timezone.localdate()

    def run():
        documents(AGEING_SMALL, 0, today, actor)
        with CaptureQueriesContext(connection) as ctx:
            ageing(as_of=today)
        small_queries = len(ctx.captured_queries)
        documents(AGEING_DOCUMENTS - AGEING_SMALL, 10_000_000, today, actor)
        report = ageing(as_of=today)  # warm-up
        durations = []
        for _ in range(AGEING_RUNS):
            with CaptureQueriesContext(connection) as ctx:
                began = time.perf_counter()
                report = ageing(as_of=today)
                durations.append((time.perf_counter() - began) * 1000)
        return {
            "ageing_report_ms": round(statistics.median(durations), 1),
            "ageing_report_queries": len(ctx.captured_queries),
            "ageing_report_small_queries": small_queries,
            "ageing_report_rows": len(report.rows),
            "ageing_report_advertisers": Advertiser.objects.filter(
                name__startswith="Annonceur bench"
            ).count(),
            "ageing_report_documents": AGEING_DOCUMENTS,
        }

    return _rolled_back(run)


def measure(summary: dict | None = None) -> dict[str, float | int | str]:
    actor = _accountant()
    figures: dict[str, float | int | str] = {}
    figures.update(measure_issue(actor))
    figures.update(measure_month(actor))
    figures.update(measure_ageing(actor))
    return figures


def merge_into_latest(figures: dict) -> None:
    from bench.results_file import merge_into_latest as merge

    merge(figures, bench="billing")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bf1portal.settings.test")
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="bf1-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command

    from bench import broadcast_data

    call_command("migrate", verbosity=0, interactive=False)
    summary = broadcast_data.generate()
    args = sys.argv[1:]
    parts = {"issue": measure_issue, "month": measure_month, "ageing": measure_ageing}
    chosen = [parts[name] for name in args if name in parts]
    if chosen:
        actor = _accountant()
        figures = {}
        for part in chosen:
            figures.update(part(actor))
    else:
        figures = measure(summary)
    if "--write" in args:  # into bench/results/latest.json, beside the other figures
        merge_into_latest(figures)
    print(json.dumps(figures, indent=2, default=str))
