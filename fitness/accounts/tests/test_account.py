from datetime import date

from django.contrib.sessions.models import Session
from django.utils import timezone

from calendar_app.models import ScheduledWorkout
from fitness.accounts.models import Invite, User
from fitness.accounts.tests.factories import InviteFactory, UserFactory
from fitness.workouts.models import (
    Exercise,
    WorkoutSession,
    WorkoutSessionExercise,
    WorkoutSet,
    WorkoutTemplate,
    WorkoutTemplateExercise,
)
from fitness.workouts.system_exercises import SYSTEM_EXERCISES
from fitness.workouts.tests.factories import (
    ExerciseFactory,
    WorkoutSetFactory,
    WorkoutTemplateExerciseFactory,
    WorkoutTemplateFactory,
)
from imports.models import ImportJob

# --- Account page -------------------------------------------------------------------------


def test_account_page_shows_profile_friends_invites_and_danger_zone(owner_client, owner, friend):
    inviter = UserFactory(display_name="Ines Inviter")
    owner.invited_by = inviter
    owner.save(update_fields=["invited_by"])
    InviteFactory(inviter=owner, email="pending@example.com")
    response = owner_client.get("/accounts/")
    assert response.status_code == 200
    text = response.text
    assert "alice@example.com" in text
    assert "Ines Inviter" in text and "invited you" in text
    assert "Bob" in text and "you invited" in text
    assert "pending@example.com" in text
    assert 'name="timezone"' in text
    assert '<option value="Europe/Paris">Europe/Paris</option>' in text
    assert '<option value="UTC" selected>UTC</option>' in text
    assert '<option value="America/New_York">America/New York</option>' in text
    assert "Delete my account" in text
    assert "Change password" in text


def test_account_page_query_count_does_not_grow_with_friends_and_invites(
    owner_client, owner, django_assert_max_num_queries
):
    for index in range(15):
        friend = UserFactory(invited_by=owner)
        InviteFactory(
            inviter=owner, email=f"f{index}@example.com", used_at=timezone.now(), used_by=friend
        )
        InviteFactory(inviter=owner)
    with django_assert_max_num_queries(6):
        response = owner_client.get("/accounts/")
    assert response.text.count(">you invited</span>") == 15


def test_empty_states_for_friends_and_invites(owner_client):
    text = owner_client.get("/accounts/").text
    assert "No friends yet" in text
    assert "You haven’t invited anyone yet" in text


def test_profile_update_saves_name_time_zone_and_unit(owner_client, owner):
    response = owner_client.post(
        "/accounts/profile/",
        {"display_name": "Alice A.", "timezone": "America/New_York", "preferred_unit": "lb"},
        follow=True,
    )
    assert "Your settings were saved" in response.text
    assert '<option value="America/New_York" selected>' in response.text
    owner.refresh_from_db()
    assert (owner.display_name, owner.timezone, owner.preferred_unit) == (
        "Alice A.",
        "America/New_York",
        "lb",
    )


def test_profile_update_refuses_an_unknown_time_zone(owner_client, owner):
    response = owner_client.post(
        "/accounts/profile/",
        {"display_name": "Alice", "timezone": "Mars/Olympus", "preferred_unit": "kg"},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    owner.refresh_from_db()
    assert owner.timezone == "UTC"


def test_password_change_needs_the_old_password(owner_client, owner, password):
    response = owner_client.post(
        "/accounts/password/",
        {
            "old_password": "wrong",
            "new_password1": "another-good-pass-7",
            "new_password2": "another-good-pass-7",
        },
    )
    assert "Your old password was entered incorrectly" in response.text
    response = owner_client.post(
        "/accounts/password/",
        {
            "old_password": password,
            "new_password1": "another-good-pass-7",
            "new_password2": "another-good-pass-7",
        },
        follow=True,
    )
    assert "Your password was changed" in response.text
    owner.refresh_from_db()
    assert owner.check_password("another-good-pass-7")
    assert owner_client.get("/accounts/").status_code == 200  # still signed in


# --- Deletion -----------------------------------------------------------------------------


def test_delete_needs_the_email_typed_exactly(owner_client, owner):
    response = owner_client.post("/accounts/delete/", {"confirm_email": "bob@example.com"})
    assert response.status_code == 400
    assert "That is not your email address. Nothing was deleted." in response.text
    assert User.objects.filter(pk=owner.pk).exists()


def test_delete_is_post_only(owner_client, owner):
    assert owner_client.get("/accounts/delete/").status_code == 405
    assert User.objects.filter(pk=owner.pk).exists()


def test_account_deletion_cascades_to_everything_the_member_owns(owner_client, owner, friend):
    # The owner's data, one of each kind.
    template = WorkoutTemplateFactory(user=owner)
    WorkoutTemplateExerciseFactory(template=template)
    custom = ExerciseFactory(user=owner, name="Zercher Squat")
    workout_set = WorkoutSetFactory(
        session_exercise__session__user=owner, session_exercise__exercise=custom
    )
    session = workout_set.session_exercise.session
    ScheduledWorkout.objects.create(
        user=owner, template=template, scheduled_date=date(2026, 1, 5), completed_session=session
    )
    ImportJob.objects.create(user=owner)
    InviteFactory(inviter=owner, email="pending@example.com")
    used_by_owner = InviteFactory(inviter=friend, used_at=timezone.now(), used_by=owner)
    # The friend's data that points at the owner's.
    friend_entry = ScheduledWorkout.objects.create(
        user=friend, template=template, scheduled_date=date(2026, 1, 6)
    )
    friend_template = WorkoutTemplateFactory(user=friend)
    sessions_before = Session.objects.count()
    assert sessions_before == 1

    response = owner_client.post(
        "/accounts/delete/", {"confirm_email": " ALICE@example.com "}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/accounts/login/"
    assert "Your account and all your data were deleted" in response.text
    assert not User.objects.filter(pk=owner.pk).exists()
    assert not WorkoutTemplate.objects.filter(user_id=owner.pk).exists()
    assert not WorkoutTemplateExercise.objects.filter(template_id=template.pk).exists()
    assert not Exercise.objects.filter(pk=custom.pk).exists()
    assert not WorkoutSession.objects.filter(user_id=owner.pk).exists()
    assert not WorkoutSessionExercise.objects.filter(session_id=session.pk).exists()
    assert not WorkoutSet.objects.filter(pk=workout_set.pk).exists()
    assert not ScheduledWorkout.objects.filter(user_id=owner.pk).exists()
    assert not ImportJob.objects.filter(user_id=owner.pk).exists()
    assert not Invite.objects.filter(inviter_id=owner.pk).exists()
    assert not Session.objects.exists()  # signed out: the session row is gone
    # Other members keep their accounts and rows.
    friend.refresh_from_db()
    assert friend.invited_by is None
    friend_entry.refresh_from_db()
    assert friend_entry.template is None
    assert WorkoutTemplate.objects.filter(pk=friend_template.pk).exists()
    used_by_owner.refresh_from_db()
    assert used_by_owner.used_by is None
    assert Exercise.objects.filter(user=None).count() == len(SYSTEM_EXERCISES)
    assert owner_client.get("/accounts/").status_code == 302
