import pytest
from django_q.models import Schedule

pytestmark = pytest.mark.django_db


def test_abandoned_uploads_are_cleaned_every_hour():
    schedule = Schedule.objects.get(func="campaigns.tasks.cleanup_stale_uploads")
    assert schedule.schedule_type == Schedule.HOURLY
    assert schedule.repeats < 0
