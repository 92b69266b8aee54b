"""Feature 7 bench: streamed export vs COPY, its memory, and a 100,000-set import.

Data is made with INSERT ... SELECT generate_series (kept between runs when present):
a member with 1,000,000 sets (50,000 sessions × 5 exercises × 4 sets) and one with 100,000.
Peak memory is the max RSS of a child process that does only the measured work.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
BIG, SMALL = "bench-export-1m@example.com", "bench-export-100k@example.com"
IMPORTER = "bench-import@example.com"


def _member(email: str, sessions: int):
    from django.db import connection

    from fitness.accounts.models import User
    from fitness.workouts.models import WorkoutSet

    user, _ = User.objects.get_or_create(email=email, defaults={"display_name": email[:20]})
    wanted = sessions * 20
    if WorkoutSet.objects.filter(session_exercise__session__user=user).count() == wanted:
        return user
    user.workout_sessions.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO workout_sessions (id, user_id, name, status, started_at, completed_at,
                notes, created_at, updated_at)
            SELECT gen_random_uuid(), %s, (ARRAY['Push','Pull','Legs'])[1 + s %% 3], 'completed',
                t.at, t.at + interval '61 minutes',
                CASE WHEN s %% 10 = 0 THEN 'good day' ELSE '' END,
                now(), now()
            FROM generate_series(1, %s) s,
                LATERAL (SELECT timestamptz '2001-01-01 07:00+00' + s * interval '9 hours' AS at) t
            """,
            [user.pk, sessions],
        )
        cursor.execute(
            """
            INSERT INTO workout_session_exercises (id, session_id, exercise_id, exercise_name,
                order_index, notes)
            SELECT gen_random_uuid(), ws.id, NULL,
                (ARRAY['Back Squat','Bench Press','Barbell Row','Overhead Press','Curl'])[e],
                e - 1, ''
            FROM workout_sessions ws, generate_series(1, 5) e WHERE ws.user_id = %s
            """,
            [user.pk],
        )
        cursor.execute(
            """
            INSERT INTO workout_sets (id, session_exercise_id, set_number, is_warmup, weight,
                weight_unit, reps, rpe, notes, distance_m, duration_s, set_type)
            SELECT gen_random_uuid(), wse.id, n, n = 1, 40 + n * 12.5, 'kg', 4 + n,
                CASE WHEN n %% 2 = 0 THEN 8.5 END, CASE WHEN n = 4 THEN 'last, hard' ELSE '' END,
                NULL, NULL, CASE WHEN n = 1 THEN 'warmup' ELSE 'normal' END
            FROM workout_session_exercises wse
            JOIN workout_sessions ws ON ws.id = wse.session_id, generate_series(1, 4) n
            WHERE ws.user_id = %s
            """,
            [user.pk],
        )
        cursor.execute("ANALYZE workout_sessions; ANALYZE workout_session_exercises;")
        cursor.execute("ANALYZE workout_sets")
    return user


def _export_through_view(user) -> tuple[float, int]:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    start = time.perf_counter()
    response = client.get("/data/export.csv")
    size = sum(len(chunk) for chunk in response.streaming_content)
    return time.perf_counter() - start, size


def _export_by_copy(user) -> tuple[float, int]:
    """COPY (the export's own query) TO STDOUT, same parameters, bytes read by the client."""
    import psycopg
    from django.db import connection

    from imports.export import _PG_SQL, _bounds

    connection.ensure_connection()
    raw = connection.connection
    low, high = _bounds(user, None, None)
    query = psycopg.ClientCursor(raw).mogrify(_PG_SQL, [user.pk, low, high])
    start = time.perf_counter()
    size = 0
    with raw.cursor() as cursor, cursor.copy(f"COPY ({query}) TO STDOUT WITH CSV HEADER") as copy:
        for block in copy:
            size += len(block)
    raw.commit()
    return time.perf_counter() - start, size


def _child(*args: str) -> dict:
    """Run `this file child ...` and return its JSON (wall time, max RSS...)."""
    env = os.environ | {"DEBUG": "0", "SECRET_KEY": "b" * 50, "ALLOWED_HOSTS": "localhost"}
    output = subprocess.run(
        [sys.executable, str(HERE), "child", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _peak_rss_mib() -> float:
    """This process's peak resident memory since it started (Linux's VmHWM). getrusage's
    ru_maxrss is no use here: it keeps the high-water mark of the parent this child was
    forked from (the bench's own process, hundreds of MiB after seeding)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child_main(kind: str, *args: str) -> None:
    sys.path.insert(0, str(HERE.parent))
    import common

    common.setup_django()
    from fitness.accounts.models import User

    result: dict = {}
    if kind == "export":
        seconds, size = _export_through_view(User.objects.get(email=args[0]))
        result = {"seconds": seconds, "bytes": size}
    elif kind == "import":
        from imports.services import import_file

        user = User.objects.get(email=args[1])
        user.workout_sessions.all().delete()
        start = time.perf_counter()
        with open(args[0], "rb") as fileobj:
            summary = import_file(user=user, fileobj=fileobj)
        result = {"seconds": time.perf_counter() - start, "sets": summary.sets}
    result["max_rss_mib"] = _peak_rss_mib()
    print(json.dumps(result))


def _copy_file_into_staging(path: str) -> float:
    from django.db import connection

    from imports.parsers.native import COLUMNS

    connection.ensure_connection()
    raw = connection.connection
    columns = ", ".join(f"{name} text" for name in COLUMNS)
    with raw.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE bench_staging ({columns})")
        start = time.perf_counter()
        with (
            open(path, "rb") as source,
            cursor.copy("COPY bench_staging FROM STDIN WITH CSV HEADER") as copy,
        ):
            while block := source.read(1024 * 1024):
                copy.write(block)
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_staging")
    raw.commit()
    return seconds


def run() -> None:
    from fitness.accounts.models import User

    big = _member(BIG, 50_000)
    small = _member(SMALL, 5_000)
    User.objects.get_or_create(email=IMPORTER, defaults={"display_name": "Bench importer"})

    view_seconds, view_bytes = _export_through_view(big)
    copy_seconds, copy_bytes = _export_by_copy(big)
    ratio = view_seconds / copy_seconds
    print(
        f"imports export 1,000,000 sets via view: {view_seconds:.2f} s ({view_bytes / 1e6:.0f} MB)"
        f" vs COPY TO STDOUT {copy_seconds:.2f} s ({copy_bytes / 1e6:.0f} MB) = {ratio:.2f}x "
        f"(target <= 3.5x){' OK' if ratio <= 3.5 else ' OVER TARGET'}"
    )

    rss_small = _child("export", SMALL)["max_rss_mib"]
    rss_big = _child("export", BIG)["max_rss_mib"]
    growth = rss_big - rss_small
    print(
        f"imports export peak RSS: 100,000 sets {rss_small:.0f} MiB, 1,000,000 sets "
        f"{rss_big:.0f} MiB, growth {growth:.1f} MiB (target <= 50 MiB)"
        f"{' OK' if growth <= 50 else ' OVER TARGET'}"
    )

    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as target:
        from imports.export import export_csv_chunks

        for chunk in export_csv_chunks(user=small):
            target.write(chunk)
    try:
        size_mb = os.path.getsize(target.name) / 1e6
        imported = _child("import", target.name, IMPORTER)
        copy_in = _copy_file_into_staging(target.name)
        rate = imported["sets"] / imported["seconds"]
        print(
            f"imports import 100,000-set native file ({size_mb:.1f} MB): "
            f"{imported['seconds']:.2f} s, {rate:,.0f} rows/s, peak RSS "
            f"{imported['max_rss_mib']:.0f} MiB; COPY into a staging table {copy_in:.2f} s "
            f"= {imported['seconds'] / copy_in:.1f}x"
        )
    finally:
        os.unlink(target.name)
        User.objects.get(email=IMPORTER).workout_sessions.all().delete()


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "child":
    _child_main(*sys.argv[2:])
