"""Fault tests of the production-like stack (`make faults`), bounded, one PASS/FAIL line each.

Everything runs against servers made here and removed on exit: a throwaway PostgreSQL cluster
(initdb into a temporary directory, trust auth, a free port) and a private redis-server on a
free port. The machine's shared PostgreSQL and Redis are never stopped or restarted.

1. Redis stopped: pages keep working (the cache falls back), an import of 1 MB or more says
   that background processing is unavailable, nothing is a 500; all fine again once it is back.
2. PostgreSQL restarted under load: requests fail quickly with the 503 page (no traceback)
   while it is down and succeed again after it, without restarting the app.
3. The Celery worker's pool process killed (SIGKILL) during an import: the job ends `failed`
   with the reason, and the database holds no partial rows of it.

FAULTS=redis,postgres,worker chooses tests. Exit status 1 if any test fails.
"""

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from glob import glob
from pathlib import Path

import psycopg
import requests
from stack import ROOT, Stack, free_port, recreate_database, sign_in, upload_import

PASSWORD = "faults-password-1"  # noqa: S105 (throwaway members of a throwaway cluster)
WORK = ROOT / "var" / "faults"
LEAKS = ("Traceback", "psycopg", "OperationalError", 'File "/')
results: list[tuple[str, bool, str]] = []


def log(message: str) -> None:
    print(f"[faults {time.strftime('%H:%M:%S')}] {message}", flush=True)


def verdict(name: str, ok: bool, detail: str) -> None:
    results.append((name, ok, detail))
    print(f"{'PASS' if ok else 'FAIL'} {name}: {detail}", flush=True)


def _pg_bin(name: str) -> str:
    found = shutil.which(name) or sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1:]
    if not found:
        raise RuntimeError(f"{name} not found (PostgreSQL server binaries)")
    return found if isinstance(found, str) else found[0]


class PrivateCluster:
    """A throwaway PostgreSQL cluster: initdb into a temporary directory, its own port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="ops-faults-pg-"))
        self.data = self.dir / "data"
        self.as_postgres = []
        if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres user
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/fitness_faults"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_postgres, _pg_bin("pg_ctl"), "-D", str(self.data), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )

    def create(self) -> None:
        subprocess.run(
            [*self.as_postgres, _pg_bin("initdb"), "-D", str(self.data), "-U", "postgres",
             "--auth=trust", "-E", "UTF8", "--no-sync"],
            check=True, stdout=subprocess.DEVNULL, timeout=120,
        )  # fmt: skip
        self.start()

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._ctl("-l", str(self.dir / "server.log"), "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        for _ in range(50):
            with contextlib.suppress(Exception):
                import redis

                if redis.Redis.from_url(self.url, socket_connect_timeout=1).ping():
                    return
            time.sleep(0.1)
        raise RuntimeError("private redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


def sql(url: str, query: str, params=()) -> list[tuple]:
    dsn = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(dsn, connect_timeout=5) as conn:
        return conn.execute(query, params).fetchall()


def member_rows(url: str, email: str) -> tuple[int, int, int]:
    return sql(
        url,
        """
        SELECT count(DISTINCT s.id), count(DISTINCT e.id), count(w.id)
        FROM users u JOIN workout_sessions s ON s.user_id = u.id
        LEFT JOIN workout_session_exercises e ON e.session_id = s.id
        LEFT JOIN workout_sets w ON w.session_exercise_id = e.id
        WHERE u.email = %s
        """,
        [email],
    )[0]


def job_status(url: str, job_id: str) -> tuple[str, str | None]:
    return sql(url, "SELECT status, error FROM import_jobs WHERE id = %s", [job_id])[0]


def get(session: requests.Session, url: str) -> tuple[int, float, str]:
    started = time.perf_counter()
    try:
        response = session.get(url, timeout=15)
        return response.status_code, time.perf_counter() - started, response.text
    except requests.RequestException as exc:
        return 0, time.perf_counter() - started, str(exc)


def pages(stack: Stack) -> list[str]:
    month = time.strftime("%Y/%m")
    return [stack.url(p) for p in ("/", f"/calendar/{month}/", "/history/", "/shared/", "/data/")]


# --- 1. Redis stopped -----------------------------------------------------------------------


def fault_redis(stack: Stack, redis_server: PrivateRedis, small_import: Path) -> None:
    member = sign_in(stack.base, "fault@example.com", PASSWORD)
    for url in pages(stack):
        get(member, url)  # warm the caches
    redis_server.stop()
    log("redis stopped")
    try:
        statuses, slowest, problems = [], 0.0, []
        for url in pages(stack):
            status, took, body = get(member, url)
            statuses.append(status)
            slowest = max(slowest, took)
            if status != 200 or any(leak in body for leak in LEAKS):
                problems.append(f"{url} → {status}")
        monitor = requests.Session()
        monitor.headers["Authorization"] = f"Bearer {stack.env['HEALTH_TOKEN']}"
        status, took, body = get(monitor, stack.url("/health/"))
        health = f"/health/ {status} {body.strip()}"
        if status != 200 or '"cache": "down"' not in body:
            problems.append(health)
        late = sign_in(stack.base, "fault@example.com", PASSWORD)  # rate limits fail open
        started = time.perf_counter()
        response = upload_import(late, stack.base, small_import, timeout=60)
        upload_took = time.perf_counter() - started
        said = "Background processing is unavailable" in response.text
        if response.status_code == 500 or not said or any(x in response.text for x in LEAKS):
            problems.append(f"upload → {response.status_code}, message shown: {said}")
        tiny = WORK / "import-tiny.csv"
        with open(small_import, "rb") as source, open(tiny, "wb") as target:
            target.writelines(line for _, line in zip(range(400), source, strict=False))
        small = upload_import(late, stack.base, tiny, timeout=60)
        imported = small.status_code == 302 and "/import/done/" in small.headers.get("Location", "")
        if not imported:
            problems.append(f"{tiny.stat().st_size} B upload → {small.status_code}")
        verdict(
            "redis-down",
            not problems and slowest < 5,
            f"{len(statuses)} pages {dict(Counter(statuses))}, slowest {slowest:.2f} s; "
            f"{health}; sign-in works; {small_import.stat().st_size / 1e6:.1f} MB upload → "
            f"HTTP {response.status_code} 'Background processing is unavailable' in "
            f"{upload_took:.1f} s; a {tiny.stat().st_size // 1000} kB file imports in the web "
            f"process: {imported}" + (f"; problems: {problems}" if problems else ""),
        )
    finally:
        redis_server.start()
    health = stack.wait_healthy(timeout=30)
    back = [get(member, url)[0] for url in pages(stack)]
    verdict(
        "redis-back",
        health["cache"] == "ok" and set(back) == {200},
        f"health {health}, pages {dict(Counter(back))}",
    )


# --- 2. PostgreSQL restarted under load -----------------------------------------------------


def fault_postgres(stack: Stack, cluster: PrivateCluster) -> None:
    members = [sign_in(stack.base, "fault@example.com", PASSWORD) for _ in range(4)]
    urls = [stack.url("/history/"), stack.url("/shared/"), stack.url("/health/")]
    web_before = stack.web_pids()
    samples: list[tuple[float, int, float, bool]] = []
    stop = threading.Event()

    def load(session: requests.Session, offset: int) -> None:
        index = offset
        while not stop.is_set():
            url = urls[index % len(urls)]
            index += 1
            at = time.monotonic()
            status, took, body = get(session, url)
            bad = any(leak in body for leak in LEAKS) or (
                status == 503 and "Temporarily unavailable" not in body
            )
            samples.append((at, status, took, bad))
            time.sleep(0.05)

    threads = [threading.Thread(target=load, args=(m, i)) for i, m in enumerate(members)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(3)
        down_at = time.monotonic()
        cluster.stop("fast")
        log("postgres stopped (fast shutdown)")
        time.sleep(4)
        cluster.start()
        up_at = time.monotonic()
        log(f"postgres started again after {up_at - down_at:.1f} s")
        time.sleep(6)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    before = [s for s in samples if s[0] + s[2] < down_at]  # finished before the stop
    during = [s for s in samples if down_at <= s[0] < up_at]
    after = [s for s in samples if s[0] >= up_at + 1]
    leaks = sum(1 for s in samples if s[3])
    during_codes = Counter(s[1] for s in during)
    slowest_error = max((s[2] for s in during if s[1] != 200), default=0.0)
    web_after = stack.web_pids()
    ok = (
        before
        and {s[1] for s in before} == {200}
        and during
        and set(during_codes) <= {200, 503}
        and during_codes[503] > 0
        and slowest_error < 5
        and after
        and {s[1] for s in after} == {200}
        and leaks == 0
        and web_before == web_after
    )
    after_codes = dict(Counter(s[1] for s in after))
    before_codes = dict(Counter(s[1] for s in before))
    verdict(
        "postgres-restart",
        bool(ok),
        f"before {before_codes}; while down {dict(during_codes)} ('Temporarily unavailable',"
        f" slowest error {slowest_error:.2f} s); after {after_codes}; "
        f"tracebacks or other pages shown: {leaks}; "
        f"app processes unchanged: {web_before == web_after}",
    )


# --- 3. The worker killed during an import --------------------------------------------------


def fault_worker(stack: Stack, url: str, big_import: Path) -> None:
    importer = sign_in(stack.base, "importer@example.com", PASSWORD)
    response = upload_import(importer, stack.base, big_import)
    job_id = response.headers.get("Location", "").rstrip("/").rsplit("/", 1)[-1]
    if response.status_code != 302 or not job_id:
        verdict("worker-killed", False, f"upload → HTTP {response.status_code}")
        return
    deadline = time.monotonic() + 60
    while job_status(url, job_id)[0] == "pending" and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(2)  # well inside the import (reading and inserting)
    status_at_kill = job_status(url, job_id)[0]
    children = stack.worker_children()
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    log(f"job {status_at_kill}: SIGKILL to the worker's pool processes {children}")
    deadline = time.monotonic() + 60
    status, error = job_status(url, job_id)
    while status in ("pending", "processing") and time.monotonic() < deadline:
        time.sleep(0.5)
        status, error = job_status(url, job_id)
    rows = member_rows(url, "importer@example.com")
    page = importer.get(stack.url(f"/data/import/jobs/{job_id}/"), timeout=15)
    shown = "interrupted" in page.text
    ok = (
        status_at_kill == "processing"
        and bool(children)
        and status == "failed"
        and rows == (0, 0, 0)
        and shown
    )
    verdict(
        "worker-killed",
        ok,
        f"killed while {status_at_kill}; job ended {status} ({error}); the job page says so: "
        f"{shown}; rows of the member (sessions, exercises, sets): {rows}",
    )
    # The worker itself carries on: a new pool process takes the next job.
    response = upload_import(importer, stack.base, big_import)
    job_id = response.headers.get("Location", "").rstrip("/").rsplit("/", 1)[-1]
    deadline = time.monotonic() + 90
    status = "pending"
    while status in ("pending", "processing") and time.monotonic() < deadline:
        time.sleep(1)
        status = job_status(url, job_id)[0]
    rows = member_rows(url, "importer@example.com")
    verdict("worker-recovers", status == "completed", f"re-upload → {status}, rows {rows}")


def main() -> int:
    chosen = set(os.environ.get("FAULTS", "redis,postgres,worker").split(","))
    WORK.mkdir(parents=True, exist_ok=True)
    cluster, redis_server = PrivateCluster(), PrivateRedis()
    stack = None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        cluster.create()
        redis_server.start()
        log(f"private PostgreSQL on port {cluster.port}, Redis on port {redis_server.port}")
        recreate_database(cluster.url)
        stack = Stack(
            database_url=cluster.url,
            redis_url=redis_server.url,
            work_dir=WORK,
            web_concurrency=2,
            celery_concurrency=1,
        )
        stack.prepare()
        stack.manage("seed_demo", "--user", "fault@example.com", "--password", PASSWORD,
                     "--sessions", "60", "--friends", "1")  # fmt: skip
        stack.manage("seed_demo", "--user", "importer@example.com", "--password", PASSWORD)
        stack.manage("seed_demo", "--user", "exporter@example.com", "--sessions", "6000")
        big_import = WORK / "import-big.csv"
        stack.manage("export_workouts", "--user", "exporter@example.com", "--output",
                     str(big_import))  # fmt: skip
        small_import = WORK / "import-small.csv"
        with open(big_import, "rb") as source, open(small_import, "wb") as target:
            for line in source:
                target.write(line)
                if target.tell() > 1_300_000:
                    break
        log(f"import files: {big_import.stat().st_size / 1e6:.1f} MB and "
            f"{small_import.stat().st_size / 1e6:.1f} MB")  # fmt: skip
        stack.start("web")
        stack.start("worker")
        stack.wait_healthy(timeout=90)
        if "redis" in chosen:
            fault_redis(stack, redis_server, small_import)
        if "postgres" in chosen:
            fault_postgres(stack, cluster)
        if "worker" in chosen:
            fault_worker(stack, cluster.url, big_import)
    finally:
        if stack is not None:
            stack.stop_all()
        redis_server.stop()
        cluster.remove()
    failed = [name for name, ok, _ in results if not ok]
    print(f"faults: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
