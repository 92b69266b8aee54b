"""One single-use magic link, redeemed by parallel requests, signs in exactly once
(PostgreSQL, real threads and connections)."""

import threading

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from sesame.utils import get_token

from fitness.accounts.tests.factories import UserFactory

PARALLEL = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_redemptions_of_one_link_sign_in_once():
    member = UserFactory(email="racer@example.com")
    url = f"/accounts/login/link/{get_token(member)}/"
    start = threading.Barrier(PARALLEL)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def redeem():
        try:
            client = Client()
            start.wait(timeout=30)
            statuses.append(client.post(url).status_code)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=redeem) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert sorted(statuses) == [302] + [400] * (PARALLEL - 1)
    signed_in = [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id")]
    assert len(signed_in) == 1
