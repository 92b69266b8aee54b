from datetime import UTC, datetime, timedelta

import pytest

from calendar_app.models import ScheduledWorkout


@pytest.fixture
def make_entry(owner):
    def make(**kwargs) -> ScheduledWorkout:
        kwargs.setdefault("user", owner)
        kwargs.setdefault("scheduled_date", owner.local_today())
        return ScheduledWorkout.objects.create(**kwargs)

    return make


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def hours(n: float) -> timedelta:
    return timedelta(hours=n)
