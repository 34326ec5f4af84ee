"""The broadcaster's "Manquée" follows the rule of "Confirmer": an airing is
marked missed only once its break has started, and its make-good is never in the
missed break nor in one before it (issue 13: at 23:25 the airing of the 23:55
break was marked missed and its make-good proposed in the same 23:55 break)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from broadcasting import scheduling
from broadcasting.exceptions import BroadcastError
from broadcasting.models import Airing, AiringStatus
from broadcasting.selectors.planning import running_order
from broadcasting.services import airings as service
from campaigns.models import Status

pytestmark = pytest.mark.django_db

OUAGA = ZoneInfo("Africa/Ouagadougou")
TODAY = dt.date(2026, 11, 18)  # the conftest's station day
DASHBOARD = reverse("broadcasting:dashboard")


def at(hour, minute):
    return dt.datetime(2026, 11, 18, hour, minute, tzinfo=OUAGA)


@pytest.fixture
def late_night(make_breaks, approved_campaign, airing_in):
    """A late-evening campaign with one airing in tonight's 23:55 break; two
    late breaks a night for three nights, with room in each."""
    breaks = make_breaks(
        TODAY, days=3, times=(("fin-de-soiree", "23:00"), ("fin-de-soiree", "23:55"))
    )
    campaign = approved_campaign(lines=(("fin-de-soiree", 3),), start=TODAY, days=3)
    campaign.status = Status.SCHEDULED
    campaign.save()
    airing = airing_in(breaks[1], campaign)
    return airing, breaks


def test_a_break_not_started_cannot_be_marked_missed(late_night, broadcaster, time_machine):
    airing, _breaks = late_night
    time_machine.move_to(at(23, 25), tick=False)
    with pytest.raises(BroadcastError):
        service.mark_missed(airing=airing, actor=broadcaster, reason="Coupure")
    airing.refresh_from_db()
    assert airing.status == AiringStatus.PLANNED
    assert not Airing.objects.filter(make_good_of=airing).exists()


def test_the_dashboard_offers_missed_once_the_break_has_started(
    client, late_night, broadcaster, time_machine
):
    airing, _breaks = late_night
    client.force_login(broadcaster)
    time_machine.move_to(at(23, 25), tick=False)
    row = next(
        item
        for brk in client.get(DASHBOARD).context["breaks"]
        for item in brk.airings
        if item.airing.pk == airing.pk
    )
    assert not row.can_mark_missed and not row.can_confirm
    html = client.get(DASHBOARD).content.decode()
    assert 'data-action="missed"' not in html
    # the view refuses it too, and nothing changes
    client.post(reverse("broadcasting:mark_missed", kwargs={"pk": airing.pk}), {"reason": "x"})
    assert Airing.objects.get(pk=airing.pk).status == AiringStatus.PLANNED

    time_machine.move_to(at(23, 56), tick=False)
    html = client.get(DASHBOARD).content.decode()
    assert 'data-action="missed"' in html


def test_the_make_good_is_never_in_the_missed_break_nor_before_it(
    late_night, broadcaster, time_machine
):
    airing, breaks = late_night
    missed_break = breaks[1]
    time_machine.move_to(at(23, 56), tick=False)
    service.mark_missed(airing=airing, actor=broadcaster, reason="Coupure")
    make_good = Airing.objects.get(make_good_of=airing)
    assert make_good.break_slot_id != missed_break.pk
    assert make_good.break_slot.starts_at > missed_break.starts_at
    # tonight's running order lists the spot once at 23:55 (the missed airing)
    rows = {row.brk.pk: row for row in running_order(TODAY)}
    assert [item.airing.pk for item in rows[missed_break.pk].airings] == [airing.pk]


def test_find_make_good_skips_the_missed_break_and_earlier_ones():
    day = TODAY
    breaks = [
        scheduling.BreakState(1, day, 1200, "late", 180),  # 20:00, empty
        scheduling.BreakState(2, day, 1435, "late", 180),  # 23:55, the missed one
        scheduling.BreakState(3, day + dt.timedelta(days=1), 1435, "late", 180, booked=90),
    ]
    found = scheduling.find_make_good(
        advertiser_id=1,
        sector_id=None,
        length=30,
        band="late",
        missed_day=day,
        missed_minute=1435,
        window_days=7,
        band_rank={"late": 1},
        breaks=breaks,
    )
    assert found.id == 3


def test_offer_make_good_never_uses_the_missed_break_even_before_it_starts(
    late_night, time_machine
):
    """The rule holds in the make-good search itself, whatever the caller: at
    23:25 the 23:55 break (emptied by the missed airing) is not offered."""
    airing, breaks = late_night
    time_machine.move_to(at(23, 25), tick=False)
    Airing.objects.filter(pk=airing.pk).update(status=AiringStatus.MISSED)
    airing.refresh_from_db()
    make_good = service.offer_make_good(airing)
    assert make_good is not None
    assert make_good.break_slot_id != breaks[1].pk
    assert make_good.break_slot.starts_at > breaks[1].starts_at
