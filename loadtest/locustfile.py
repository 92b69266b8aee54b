"""Signed-in members browsing the calendar, history and shared pages (scripts/loadtest.sh)."""

import itertools
import os

from locust import HttpUser, between, task

PASSWORD = os.environ.get("LOAD_PASSWORD", "load-test-password-1")
USER_COUNT = int(os.environ.get("LOAD_USERS", "20"))
_numbers = itertools.cycle(range(1, USER_COUNT + 1))


class Member(HttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self) -> None:
        email = f"load{next(_numbers)}@example.com"
        self.client.get("/accounts/login/", name="login form")
        response = self.client.post(
            "/accounts/login/",
            {"username": email, "password": PASSWORD},
            headers={"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": self.host},
            name="login",
        )
        if "sessionid" not in self.client.cookies:
            response.failure(f"sign-in failed for {email}")

    @task(3)
    def calendar_month(self) -> None:
        self.client.get("/calendar/", name="/calendar/YYYY/MM/")

    @task(3)
    def history(self) -> None:
        self.client.get("/history/", name="/history/")

    @task(2)
    def shared(self) -> None:
        self.client.get("/shared/", name="/shared/")
