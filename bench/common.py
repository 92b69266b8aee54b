"""Shared bench helpers: a dedicated PostgreSQL database and server-time ratios.

Speed is reported as a ratio against a trivial login-required page measured in the same run,
never as an absolute time (the machines are noisy).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = os.environ.get("BENCH_DB", "fitness_bench")


def setup_django() -> None:
    """Point Django at a dedicated database (created and migrated if needed) and set it up."""
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fitness")
    os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + BENCH_DB
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fitness.settings")
    os.environ.setdefault("DEBUG", "1")
    import psycopg

    admin_url = base.replace("postgres://", "postgresql://", 1).rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DB]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client in (ALLOWED_HOSTS), emails to memory

    call_command("migrate", verbosity=0, interactive=False)
    _add_reference_page()


def _add_reference_page() -> None:
    from django.contrib.auth.decorators import login_required
    from django.shortcuts import render
    from django.urls import clear_url_caches, path

    from fitness import urls

    @login_required
    def reference(request):
        return render(request, "base.html")

    urls.urlpatterns.append(path("__bench_reference__/", reference))
    clear_url_caches()


REFERENCE_URL = "/__bench_reference__/"


def server_times(requests: list[tuple], repeat: int = 15) -> list[float]:
    """Median wall time of each `(client, url, before)` GET through Django's test client (no
    network), taken in turns: on a shared machine other work comes and goes, and pages timed
    one after the other would each see a different machine.

    `before`, when not None, runs untimed before each GET (e.g. clearing a cache)."""
    for client, url, _before in requests:
        response = client.get(url)  # warm-up; also checks the page works
        assert response.status_code == 200, (url, response.status_code)
    timings: list[list[float]] = [[] for _ in requests]
    for _ in range(repeat):
        for (client, url, before), times in zip(requests, timings, strict=True):
            if before is not None:
                before()
            start = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - start)
    return [statistics.median(times) for times in timings]


def ratio_line(
    name: str,
    client,
    url: str,
    target: float | None = None,
    repeat: int = 15,
    before=None,
) -> str:
    """One bench line: the page's server time as a ratio to the reference page."""
    reference, page = server_times([(client, REFERENCE_URL, None), (client, url, before)], repeat)
    ratio = page / reference
    verdict = "" if target is None else f" (target <= {target}x)"
    if target is not None:
        verdict += " OK" if ratio <= target else " OVER TARGET"
    return (
        f"{name}: {page * 1000:.1f} ms vs reference {reference * 1000:.1f} ms "
        f"= {ratio:.2f}x{verdict}"
    )
