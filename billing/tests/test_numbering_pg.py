"""Gap-free numbering under concurrency (PostgreSQL: row locks; SQLite
serialises writers anyway, so these tests are skipped there).

Eight threads, each with its own database connection, issue eight drafts (or
eight credit notes) at once: numbers 1..8 of the year's series, no gap, no
duplicate. An issue that fails after taking its number gives it back."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from billing.exceptions import BillingError
from billing.models import CreditNote, DocumentSeries, Invoice, InvoiceStatus
from billing.services import issue as issue_module
from billing.services.credit_notes import create_credit_note, issue_credit_note
from billing.services.drafts import create_draft
from billing.services.issue import issue_invoice
from billing.tests.factories import accountant_user, campaign_on_air

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 8


def in_parallel(calls):
    """Run each call in its own thread (own connection), all released at once by
    a barrier; returns "won" or the message of the error, per call."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[str | None] = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            call()
            outcomes[index] = "won"
        except BillingError as exc:
            outcomes[index] = f"lost: {exc}"
        except Exception as exc:  # noqa: BLE001 - reported by the assertions
            outcomes[index] = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


@pytest.fixture
def drafts():
    actor = accountant_user()
    made = []
    for _ in range(THREADS):
        campaign, _airings = campaign_on_air(aired=1)
        made.append(create_draft(campaign=campaign, actor=actor))
    return actor, made


def _issue(actor_pk, invoice_pk):
    from accounts.models import User

    return lambda: issue_invoice(
        invoice=Invoice.objects.get(pk=invoice_pk), actor=User.objects.get(pk=actor_pk)
    )


def test_eight_concurrent_issues_take_numbers_one_to_eight(drafts):
    actor, made = drafts
    outcomes = in_parallel([_issue(actor.pk, draft.pk) for draft in made])
    assert outcomes == ["won"] * THREADS
    year = timezone.localdate().year
    issued = Invoice.objects.filter(pk__in=[d.pk for d in made])
    assert sorted(issued.values_list("sequence", flat=True)) == list(range(1, THREADS + 1))
    numbers = set(issued.values_list("number", flat=True))
    assert numbers == {f"FA-{year}-{n:05d}" for n in range(1, THREADS + 1)}
    assert set(issued.values_list("status", flat=True)) == {InvoiceStatus.ISSUED}
    assert DocumentSeries.objects.get(kind="invoice", year=year).last_number == THREADS


def test_a_failed_issue_gives_its_number_back(drafts, monkeypatch):
    actor, made = drafts
    doomed = made[3].pk
    write_pdf = issue_module.write_pdf

    def failing(document):
        if document.pk == doomed:
            raise BillingError("Le PDF n'a pas pu être écrit.")
        return write_pdf(document)

    monkeypatch.setattr(issue_module, "write_pdf", failing)
    outcomes = in_parallel([_issue(actor.pk, draft.pk) for draft in made])
    assert sorted(outcomes) == sorted(
        ["won"] * (THREADS - 1) + ["lost: Le PDF n'a pas pu être écrit."]
    )
    issued = Invoice.objects.exclude(issued_at__isnull=True)
    assert sorted(issued.values_list("sequence", flat=True)) == list(range(1, THREADS))
    assert Invoice.objects.get(pk=doomed).number == ""


def test_eight_concurrent_credit_notes_take_numbers_one_to_eight(drafts):
    actor, made = drafts
    notes = []
    for draft in made:
        invoice = issue_invoice(invoice=draft, actor=actor)
        notes.append(
            create_credit_note(
                invoice=invoice, actor=actor, reason="gesture", explanation="Geste", amount=100
            )
        )

    def credit(pk):
        return lambda: issue_credit_note(credit_note=CreditNote.objects.get(pk=pk), actor=actor)

    assert in_parallel([credit(note.pk) for note in notes]) == ["won"] * THREADS
    sequences = CreditNote.objects.filter(pk__in=[n.pk for n in notes]).values_list(
        "sequence", flat=True
    )
    assert sorted(sequences) == list(range(1, THREADS + 1))
