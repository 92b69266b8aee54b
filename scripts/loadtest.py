"""Load test of the production-like stack on loopback (`make loadtest`).

gunicorn (WEB_CONCURRENCY=4) and one Celery worker, DEBUG off, against the PostgreSQL database
LOAD_DATABASE_URL (recreated) and Redis LOAD_REDIS_URL (flushed). Seeds LOAD_USERS members with
a history, friends with shared templates and a month of calendar entries; uploads a large
native-format file through /data/import/ as another signed-in member; while the worker imports
it, locust runs LOAD_USERS signed-in users for LOAD_SECONDS on the calendar month, history and
shared pages. Prints errors, p50/p95/p99 and requests per second per page and overall, and
whether the import completed. Exit status 1 if any request failed or the import did not
complete.

Environment (defaults): LOAD_SECONDS (60), LOAD_USERS (20), LOAD_IMPORT_SESSIONS (20000, about
50 MB), LOAD_DATABASE_URL (postgres://postgres@127.0.0.1:5432/fitness_load), LOAD_REDIS_URL
(redis://127.0.0.1:6379/13), LOAD_IMPORT_WAIT (300 s after the load).
"""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import redis
from stack import PYTHON, ROOT, Stack, recreate_database, sign_in, upload_import

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
USERS = int(os.environ.get("LOAD_USERS", "20"))
IMPORT_SESSIONS = int(os.environ.get("LOAD_IMPORT_SESSIONS", "20000"))
IMPORT_WAIT = int(os.environ.get("LOAD_IMPORT_WAIT", "300"))
DATABASE_URL = os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fitness_load"
)
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/13")
PASSWORD = "load-test-password-1"  # noqa: S105 (throwaway members of a throwaway database)
WORK = ROOT / "var" / "loadtest"
PAGES = ["/calendar/YYYY/MM/", "/history/", "/shared/"]


def log(message: str) -> None:
    print(f"[loadtest {time.strftime('%H:%M:%S')}] {message}", flush=True)


def seed(stack: Stack) -> Path:
    """Members, friends, calendar entries; the import file. Runs Django in this process."""
    os.environ.update({k: v for k, v in stack.env.items() if k not in ("PATH",)})
    os.environ["DJANGO_SETTINGS_MODULE"] = "fitness.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from calendar_app import services as calendar_services
    from fitness.accounts.models import User

    started = time.perf_counter()
    today = date.today()
    first = today.replace(day=1)
    for number in range(1, USERS + 1):
        email = f"load{number}@example.com"
        call_command(
            "seed_demo",
            user=email,
            password=PASSWORD,
            sessions=300,
            friends=2,
            stdout=open(os.devnull, "w"),  # noqa: SIM115
        )
        user = User.objects.get(email=email)
        for offset in range(0, 28, 2):  # 14 entries over the month: past, today, planned
            calendar_services.scheduled_workout_create(
                user=user, scheduled_date=first + timedelta(days=offset), title="Planned lift"
            )
    call_command("seed_demo", user="importer@example.com", password=PASSWORD, sessions=0)
    log(f"seeded {USERS} members (300 sessions, 2 friends, 14 entries each) in "
        f"{time.perf_counter() - started:.0f} s")  # fmt: skip

    started = time.perf_counter()
    path = WORK / f"import-{IMPORT_SESSIONS}.csv"
    call_command(
        "seed_demo",
        user="exporter@example.com",
        sessions=IMPORT_SESSIONS,
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    call_command("export_workouts", user="exporter@example.com", output=str(path))
    log(f"import file: {path.stat().st_size / 1e6:.1f} MB, {IMPORT_SESSIONS} sessions "
        f"(made in {time.perf_counter() - started:.0f} s)")  # fmt: skip
    from django.db import connection

    connection.close()
    return path


def job_state(job_id: str) -> tuple[str, dict | None, str | None, object, object]:
    from django.db import connection

    from imports.models import ImportJob

    job = ImportJob.objects.get(pk=job_id)
    connection.close()
    return job.status, job.summary, job.error, job.started_at, job.finished_at


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as fileobj:
        return list(csv.DictReader(fileobj))


def report(rows: list[dict]) -> int:
    header = f"{'page':<24}{'requests':>9}{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
    print(header + f"{'req/s':>8}")
    errors = 0
    for row in rows:
        name = "overall" if row["Name"] == "Aggregated" else row["Name"]
        errors += int(row["Failure Count"]) if row["Name"] != "Aggregated" else 0
        print(
            f"{name:<24}{row['Request Count']:>9}{row['Failure Count']:>8}{row['50%']:>8}"
            f"{row['95%']:>8}{row['99%']:>8}{float(row['Requests/s']):>8.1f}"
        )
    return errors


def rate_limit_keys() -> int:
    client = redis.Redis.from_url(REDIS_URL)
    return sum(1 for _ in client.scan_iter(match="*rl:login*", count=1000))


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    stack = Stack(
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        work_dir=WORK,
        web_concurrency=4,
        celery_concurrency=1,
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    locust = None
    try:
        log(f"database {DATABASE_URL} (recreated), redis {REDIS_URL} (flushed)")
        recreate_database(DATABASE_URL)
        redis.Redis.from_url(REDIS_URL).flushdb()
        stack.prepare()
        import_file = seed(stack)

        stack.start("web")
        stack.start("worker")
        health = stack.wait_healthy(timeout=90)
        log(f"stack up on {stack.base}: {health}")

        started = time.perf_counter()
        signed_in = {}
        for number in range(1, USERS + 1):
            email = f"load{number}@example.com"
            signed_in[email] = dict(sign_in(stack.base, email, PASSWORD).cookies.items())
        sessions_file = WORK / "sessions.json"
        sessions_file.write_text(json.dumps(signed_in))
        log(f"signed in {USERS} members in {time.perf_counter() - started:.1f} s")

        importer = sign_in(stack.base, "importer@example.com", PASSWORD)
        started = time.perf_counter()
        response = upload_import(importer, stack.base, import_file)
        if response.status_code != 302 or "/import/jobs/" not in response.headers.get(
            "Location", ""
        ):
            log(f"FAIL upload: HTTP {response.status_code}")
            return 1
        job_id = response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
        log(f"uploaded in {time.perf_counter() - started:.1f} s: job {job_id}")

        prefix = WORK / "locust"
        locust = subprocess.Popen(
            [
                PYTHON, "-m", "locust", "-f", str(ROOT / "loadtest" / "locustfile.py"),
                "--headless", "-u", str(USERS), "-r", str(USERS), "-t", f"{SECONDS}s",
                "-H", stack.base, "--csv", str(prefix), "--only-summary",
                "--loglevel", "WARNING", "--stop-timeout", "5",
            ],
            cwd=ROOT,
            env={
                **stack.env,
                "LOAD_USERS": str(USERS),
                "LOAD_PASSWORD": PASSWORD,
                "LOAD_SESSIONS_FILE": str(sessions_file),
            },
            stdout=open(WORK / "locust.log", "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        load_started = time.monotonic()
        seen = []
        while locust.poll() is None:
            status = job_state(job_id)[0]
            if not seen or seen[-1][1] != status:
                seen.append((round(time.monotonic() - load_started), status))
            time.sleep(1)
        load_ended = time.monotonic()
        log(f"locust done (exit {locust.returncode}); job status during the load: {seen}")

        deadline = time.monotonic() + IMPORT_WAIT
        status, summary, error, job_started, job_finished = job_state(job_id)
        while status in ("pending", "processing") and time.monotonic() < deadline:
            time.sleep(2)
            status, summary, error, job_started, job_finished = job_state(job_id)

        print()
        print(f"Load: {USERS} signed-in users, {SECONDS} s, WEB_CONCURRENCY=4, one Celery worker")
        errors = report(read_stats(prefix))
        print(f"errors: {errors}")
        if status == "completed":
            took = (job_finished - job_started).total_seconds()
            during = any(state == "processing" for _, state in seen)
            overlap = "ran during the load" if during else "did not overlap the load"
            print(
                f"import: completed, {summary['sessions']} sessions / {summary['sets']} sets "
                f"in {took:.0f} s in the worker ({overlap}; load lasted "
                f"{load_ended - load_started:.0f} s)"
            )
        else:
            print(f"import: {status} {error or ''}")
        keys = rate_limit_keys()
        print(f"sign-in rate-limit keys in Redis after {USERS} sign-ins: {keys} "
              "(successful sign-ins are not counted)")  # fmt: skip
        ok = errors == 0 and locust.returncode == 0 and status == "completed" and keys == 0
        print("PASS loadtest" if ok else "FAIL loadtest")
        return 0 if ok else 1
    finally:
        if locust is not None and locust.poll() is None:
            locust.terminate()
        stack.stop_all()


if __name__ == "__main__":
    sys.exit(main())
