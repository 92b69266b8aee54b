"""The production-like stack for the load and fault scripts: the Procfile's processes with
DEBUG off, started on loopback, stopped (whole process groups) on exit.

Not a test module: scripts/loadtest.py and scripts/faults.py import it.
"""

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VENV_BIN = str(Path(PYTHON).parent)


def procfile() -> dict[str, str]:
    """The Procfile's process types and commands."""
    commands = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, sep, command = line.partition(":")
        if sep and name.strip() and not name.startswith("#"):
            commands[name.strip()] = command.strip()
    return commands


def recreate_database(url: str) -> None:
    """Drop and create the database named in `url` (only ever a script's own database)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    assert name and name.replace("_", "").isalnum(), name
    admin = url.replace("postgres://", "postgresql://", 1).rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Stack:
    """web (gunicorn) and worker (Celery) from the Procfile, with their own environment."""

    def __init__(
        self,
        *,
        database_url: str,
        redis_url: str,
        work_dir: Path,
        web_concurrency: int = 4,
        celery_concurrency: int = 1,
        port: int | None = None,
        extra_env: dict[str, str] | None = None,
    ):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.work_dir = work_dir
        work_dir.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            # Plain HTTP on loopback: browsers and clients would drop Secure cookies.
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "WEB_CONCURRENCY": str(web_concurrency),
            "CELERY_CONCURRENCY": str(celery_concurrency),
            "PORT": str(self.port),
            "PRIVATE_STORAGE_ROOT": str(work_dir / "private"),
            # /health/ shows the cache and broker states only to a caller with this token.
            "HEALTH_TOKEN": secrets.token_urlsafe(24),
            "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '')}",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.processes: dict[str, subprocess.Popen] = {}

    def manage(self, *args: str, quiet: bool = True) -> None:
        out = subprocess.DEVNULL if quiet else None
        subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, stdout=out)

    def prepare(self) -> None:
        """What a release does: static files collected, migrations applied."""
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("migrate", "--noinput", "-v0")

    def start(self, name: str) -> subprocess.Popen:
        command = procfile()[name]
        log = open(self.work_dir / f"{name}.log", "ab")  # noqa: SIM115 (kept open for the process)
        process = subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopped as a whole
        )
        self.processes[name] = process
        return process

    def stop(self, name: str, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.stop(name)

    def url(self, path: str) -> str:
        return self.base + path

    def wait_healthy(self, timeout: float = 60, accept=(200,)) -> dict:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                response = requests.get(
                    self.url("/health/"),
                    headers={"Authorization": f"Bearer {self.env['HEALTH_TOKEN']}"},
                    timeout=5,
                )
                last = response.status_code
                if response.status_code in accept:
                    return response.json()
            except requests.RequestException as exc:
                last = exc
            time.sleep(0.5)
        raise RuntimeError(f"/health/ not ready after {timeout} s (last: {last})")

    def worker_children(self) -> list[int]:
        """The pool processes of the Celery worker (the ones running tasks)."""
        process = self.processes["worker"]
        out = subprocess.run(
            ["pgrep", "-P", str(process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [int(pid) for pid in out.split()]

    def web_pids(self) -> set[int]:
        process = self.processes["web"]
        out = subprocess.run(
            ["pgrep", "-g", str(process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return {int(pid) for pid in out.split()}


def sign_in(base: str, email: str, password: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30).raise_for_status()
    response = session.post(
        f"{base}/accounts/login/",
        data={
            "username": email,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"sign-in as {email} failed: HTTP {response.status_code}")
    return session


def upload_import(
    session: requests.Session, base: str, path: Path, timeout: float = 120
) -> requests.Response:
    """POST a file to /data/import/ like the form does (format detected, unit kg)."""
    with open(path, "rb") as fileobj:
        return session.post(
            f"{base}/data/import/",
            data={
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
                "format": "auto",
                "unit": "kg",
            },
            files={"file": (path.name, fileobj, "text/csv")},
            allow_redirects=False,
            timeout=timeout,
        )
