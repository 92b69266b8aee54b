"""Signed-in members browsing the calendar, history and shared pages (scripts/loadtest.py).

Each simulated user is its own member (load1@example.com ... loadN@example.com, seeded by the
script): it takes the session the script signed in beforehand (LOAD_SESSIONS_FILE, so that the
timed run measures pages, not 20 password hashes at once) or else signs in itself, then reads
pages. A response that is not a 200, or that lands on the
sign-in page (session lost), counts as a failure.
"""

import itertools
import json
import os
from datetime import date

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "load-test-password-1")
USER_COUNT = int(os.environ.get("LOAD_USERS", "20"))
SESSIONS_FILE = os.environ.get("LOAD_SESSIONS_FILE")
_numbers = itertools.cycle(range(1, USER_COUNT + 1))
LOGIN = "/accounts/login/"


def _signed_in_sessions() -> dict[str, dict]:
    if not SESSIONS_FILE:
        return {}
    with open(SESSIONS_FILE) as fileobj:
        return json.load(fileobj)


SIGNED_IN = _signed_in_sessions()


class Member(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        email = f"load{next(_numbers)}@example.com"
        self.month = f"/calendar/{date.today():%Y/%m}/"
        if email in SIGNED_IN:
            for name, value in SIGNED_IN[email].items():
                self.client.cookies.set(name, value)
            return
        self.client.get(LOGIN, name="sign-in form")
        with self.client.post(
            LOGIN,
            {
                "username": email,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="sign-in",
            catch_response=True,
        ) as response:
            if "sessionid" not in self.client.cookies:
                response.failure(f"sign-in failed for {email}")

    def _page(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code == 200 and LOGIN in response.url:
                response.failure("redirected to the sign-in page")

    @task(3)
    def calendar_month(self) -> None:
        self._page(self.month, "/calendar/YYYY/MM/")

    @task(3)
    def history(self) -> None:
        self._page("/history/", "/history/")

    @task(2)
    def shared(self) -> None:
        self._page("/shared/", "/shared/")
