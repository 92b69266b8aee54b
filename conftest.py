"""Shared fixtures: an owner, a friend and an outsider for every permission case
(healthchecks' alice / bob / charlie), plus the Playwright browser for browser tests."""

import os
import shutil

import pytest
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PASSWORD = "correct-horse-battery-staple"


def pytest_collection_modifyitems(config, items):
    """Skip what this pass cannot run, with the reason shown in the summary."""
    from django.conf import settings

    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (this pass runs on SQLite)")
    skip_redis = pytest.mark.skip(reason="needs Redis (REDIS_URL is unset on this pass)")
    skip_browser = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}")
    has_chromium = os.path.exists(CHROMIUM) or shutil.which("chromium")
    for item in items:
        if "postgres" in item.keywords and vendor != "postgresql":
            item.add_marker(skip_pg)
        if ("redis" in item.keywords or "celery_broker" in item.keywords) and not (
            settings.REDIS_URL
        ):
            item.add_marker(skip_redis)
        if "browser" in item.keywords and not has_chromium:
            item.add_marker(skip_browser)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # PBKDF2's deliberate slowness costs ~0.3 s per hash; tests hash a lot.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _account_mail_tasks_inline(request, monkeypatch):
    """Run the mail tasks of accounts at once, in the test: a test's transaction never
    commits (no on_commit), and with Redis the tasks would wait for a worker that tests do
    not start. Tests marked `celery_broker` queue them for real, after commit."""
    if "celery_broker" in request.keywords:
        return
    from fitness.accounts import tasks

    monkeypatch.setattr(tasks, "enqueue", lambda task, *args: task.apply(args=args))


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def owner(db):
    from fitness.accounts.tests.factories import UserFactory

    return UserFactory(email="alice@example.com", display_name="Alice")


@pytest.fixture
def friend(db, owner):
    """Invited by the owner: friends in both directions."""
    from fitness.accounts.tests.factories import UserFactory

    return UserFactory(email="bob@example.com", display_name="Bob", invited_by=owner)


@pytest.fixture
def outsider(db):
    from fitness.accounts.tests.factories import UserFactory

    return UserFactory(email="charlie@example.com", display_name="Charlie")


@pytest.fixture
def staff(db):
    from fitness.accounts.tests.factories import UserFactory

    return UserFactory(email="staff@example.com", display_name="Stella Staff", is_staff=True)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


# --- Browser tests -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Factory of fresh browser contexts (separate cookies), phone-sized by default.

    Console errors (CSP violations included) fail the test at teardown.
    """
    contexts = []
    errors: list[str] = []

    def make(width: int = 375, height: int = 812):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.base_url = live_server.url
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"browser console errors: {errors}"


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def login_in_browser(live_server):
    """Sign a page in through the real login form."""

    def login(page, user, password: str = PASSWORD):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.email)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return login
