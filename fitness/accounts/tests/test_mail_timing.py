"""No account enumeration by timing: asking for a sign-in link or a password reset does the
same work in the request for an existing and an unknown address (the lookup and the mail
happen in a Celery task queued after commit, for both)."""

import statistics
import time

import pytest
from django.core import mail
from django.core.cache import cache

from fitness.accounts import tasks
from fitness.accounts.tests.factories import UserFactory
from fitness.celery import app as celery_app

ROUNDS = 15
PAGES = {
    "magic link": ("/accounts/login/link/", tasks.magic_link_email),
    "password reset": ("/accounts/password/reset/", tasks.password_reset_email),
}


@pytest.fixture
def slow_mail(settings):
    settings.EMAIL_BACKEND = "fitness.accounts.tests.slow_mail.SlowEmailBackend"


@pytest.mark.celery_broker
@pytest.mark.django_db(transaction=True)  # on_commit runs: the task is really queued
@pytest.mark.parametrize("page", PAGES)
def test_existing_and_unknown_addresses_take_the_same_time(client, slow_mail, page):
    url, _task = PAGES[page]
    member = UserFactory(email="known@example.com")
    seconds: dict[str, list[float]] = {"known": [], "unknown": []}
    try:
        for round_ in range(ROUNDS):  # interleaved, so machine noise hits both alike
            for kind, email in (("known", member.email), ("unknown", f"nobody{round_}@x.org")):
                cache.clear()  # the rate limits are not what is measured here
                start = time.perf_counter()
                response = client.post(url, {"email": email})
                seconds[kind].append(time.perf_counter() - start)
                assert response.status_code == 302
    finally:
        celery_app.control.purge()  # no worker runs in tests: drop the queued mails
    known, unknown = (statistics.median(seconds[kind]) for kind in ("known", "unknown"))
    # The slow backend alone would add 50 ms to one side; medians of ~10 ms requests on a
    # busy machine wobble by a few ms, hence a ratio with a small absolute floor.
    assert max(known, unknown) <= 1.5 * min(known, unknown) + 0.005, (known, unknown)
    assert not mail.outbox  # nothing was sent in the request


@pytest.mark.celery_broker
@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_both_kinds_of_address_queue_one_task_after_commit(
    client, monkeypatch, django_capture_on_commit_callbacks, page
):
    url, task = PAGES[page]
    UserFactory(email="known@example.com")
    queued = []
    monkeypatch.setattr(task, "apply_async", lambda args=(), **kw: queued.append(args))
    for email in ("known@example.com", "nobody@example.com"):
        cache.clear()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            client.post(url, {"email": email})
        assert not queued  # nothing before the commit
        for callback in callbacks:
            callback()
        assert [args[0] for args in queued] == [email]
        queued.clear()


@pytest.mark.django_db
def test_the_tasks_mail_existing_members_only(owner, mailoutbox):
    tasks.magic_link_email.apply(args=("nobody@example.com", "http://testserver/"))
    tasks.password_reset_email.apply(args=("nobody@example.com", "testserver", False))
    assert not mailoutbox
    tasks.magic_link_email.apply(args=(owner.email.upper(), "http://testserver/"))
    tasks.password_reset_email.apply(args=(owner.email, "testserver", True))
    assert [m.to for m in mailoutbox] == [[owner.email], [owner.email]]
    assert "http://testserver/accounts/login/link/" in mailoutbox[0].body
    assert "https://testserver/accounts/password/reset/" in mailoutbox[1].body


@pytest.mark.celery_broker
@pytest.mark.django_db
def test_a_broker_failure_sends_the_mail_in_the_request(
    client, monkeypatch, owner, mailoutbox, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.magic_link_email, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/login/link/", {"email": owner.email})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[owner.email]]
