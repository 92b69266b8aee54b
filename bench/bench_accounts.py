"""Accounts: the account page of a member with many friends and invites stays cheap."""

from common import ratio_line
from django.db import connection
from django.test import Client
from django.utils import timezone

EMAIL = "bench-accounts@example.com"
FRIENDS = 60


def _member():
    from fitness.accounts.models import Invite, User

    user = User.objects.filter(email=EMAIL).first()
    if user is not None:
        return user
    user = User.objects.create_user(email=EMAIL, display_name="Bench")
    for index in range(FRIENDS):
        friend = User.objects.create_user(
            email=f"bench-accounts-{index}@example.com",
            display_name=f"Friend {index}",
            invited_by=user,
        )
        Invite.objects.create(
            inviter=user, email=friend.email, used_at=timezone.now(), used_by=friend
        )
        Invite.objects.create(inviter=user)
    return user


def run() -> None:
    user = _member()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        client.get("/accounts/")
    print(
        ratio_line(
            f"account page ({FRIENDS} friends, {2 * FRIENDS} invites)", client, "/accounts/", 20
        )
        + f"; {len(queries)} queries"
    )
