"""The demo member's calendar: the last two weeks as planned and done, the next two planned."""

from datetime import date, timedelta

from django.utils import timezone

from calendar_app.models import ScheduledWorkout
from fitness.accounts.models import User
from fitness.workouts.models import WorkoutSession, WorkoutTemplate

# Weekday → template name of the push/pull/legs split (Monday, Wednesday, Friday).
SPLIT = {0: "Push", 2: "Pull", 4: "Legs"}
REST_DAY_NOTES = "Easy walk and ten minutes of mobility. No lifting."


def create_demo_plan(*, user: User, days: int = 14) -> list[ScheduledWorkout]:
    """Entries around today: past ones linked to the session done that day (completed), one
    past workout never done (missed), the split planned for the next `days` days and a
    rest-day note. Not idempotent by itself (the caller checks); three queries and one insert.
    """
    today = user.local_today()
    templates = {
        t.name: t for t in WorkoutTemplate.objects.filter(user=user, name__in=SPLIT.values())
    }
    done: dict[date, WorkoutSession] = {}
    since = today - timedelta(days=days)
    recent = WorkoutSession.objects.filter(
        user=user,
        status=WorkoutSession.Status.COMPLETED,
        template__isnull=False,
        started_at__gte=timezone.now() - timedelta(days=days + 2),
    ).order_by("started_at")
    for session in recent:
        day = session.started_at.astimezone(user.tzinfo).date()
        if since <= day <= today:
            done.setdefault(day, session)
    entries = [
        ScheduledWorkout(
            user=user, scheduled_date=day, template_id=s.template_id, completed_session=s
        )
        for day, s in sorted(done.items())
    ]
    # The latest split day of the past that has no session: planned, never done.
    missed = next(
        (
            today - timedelta(days=n)
            for n in range(1, days)
            if (today - timedelta(days=n)).weekday() in SPLIT
            and today - timedelta(days=n) not in done
        ),
        None,
    )
    if missed is None:  # every split day was done: miss an extra Saturday session
        missed = today - timedelta(days=(today.weekday() - 5) % 7 or 7)
    entries.append(
        ScheduledWorkout(
            user=user,
            scheduled_date=missed,
            template=templates.get(SPLIT.get(missed.weekday(), "Legs")),
            title=None if missed.weekday() in SPLIT else "Extra legs",
        )
    )
    for n in range(days):
        day = today + timedelta(days=n)
        if day in done:
            continue  # today's workout is already done (and linked above)
        if day.weekday() in SPLIT:
            entries.append(
                ScheduledWorkout(
                    user=user, scheduled_date=day, template=templates.get(SPLIT[day.weekday()])
                )
            )
        elif day.weekday() == 6 and n < 7:
            entries.append(
                ScheduledWorkout(
                    user=user, scheduled_date=day, title="Rest day", notes=REST_DAY_NOTES
                )
            )
    return ScheduledWorkout.objects.bulk_create(entries)
