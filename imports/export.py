"""The CSV export of a member's completed history: one generator for the web view and the CLI.

On PostgreSQL it reads through a server-side (named) cursor inside a transaction with a
transaction-local `statement_timeout` (30 s), fetching EXPORT_BATCH rows at a time, so memory
stays flat whatever the size; on SQLite it falls back to a plain cursor with fetchmany().
Column meanings: imports/FORMAT.md.
"""

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils.dateparse import parse_datetime

from fitness.accounts.models import User
from imports.parsers.native import COLUMNS, FORMULA_STARTS, neutralise

EXPORT_BATCH = 5000  # rows per FETCH (the schema doc's 500 is the floor; see the bench)
STATEMENT_TIMEOUT = "30s"

# The schema doc's export query (date range as member-local day bounds, so that the
# (user_id, started_at) index serves it); ties broken by id so that rows never interleave.
_FROM = """
FROM workout_sessions ws
JOIN workout_session_exercises wse ON wse.session_id = ws.id
JOIN workout_sets wset ON wset.session_exercise_id = wse.id
WHERE ws.user_id = %s
  AND ws.status = 'completed'
  AND ws.started_at >= %s
  AND ws.started_at < %s
ORDER BY ws.started_at ASC, ws.name ASC, ws.id ASC,
         wse.order_index ASC, wse.id ASC, wset.set_number ASC, wset.id ASC
"""

_SQL_CHARS = {"\t": "E'\\t'", "\r": "E'\\r'", "'": "''''"}
_STARTS = ", ".join(_SQL_CHARS.get(char, f"'{char}'") for char in FORMULA_STARTS)


def _neutral(column: str) -> str:
    """SQL twin of native.neutralise(): a leading apostrophe before formula characters."""
    return f"CASE WHEN left({column}, 1) IN ({_STARTS}) THEN '''' || {column} ELSE {column} END"


def _iso(column: str) -> str:
    """SQL twin of datetime.isoformat() in the transaction's time zone."""
    return (
        f"to_char({column}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
        f"extract(microseconds FROM {column})::int %% 1000000 <> 0 "
        f"THEN to_char({column}, '.US') ELSE '' END || to_char({column}, 'TZH:TZM')"
    )


# PostgreSQL (with the member's time zone set on the transaction) returns every cell ready to
# write, in the export's column order. Formatting in SQL leaves Python's per-row work to the
# csv module: loading a timestamptz or a Decimal per row costs more than the rest of the row.
_PG_SQL = f"""
SELECT ws.started_at::date::text,
       {_neutral("ws.name")},
       {_neutral("wse.exercise_name")},
       wset.set_number,
       wset.is_warmup::text,
       trim_scale(wset.weight)::text,
       wset.weight_unit,
       wset.reps,
       trim_scale(wset.rpe)::text,
       {_neutral("wset.notes")},
       trim_scale(round(extract(epoch FROM ws.completed_at - ws.started_at) / 60, 2))::text,
       {_iso("ws.started_at")},
       {_iso("ws.completed_at")},
       {_neutral("ws.notes")},
       wse.order_index,
       {_neutral("wse.notes")},
       trim_scale(wset.distance_m)::text,
       wset.duration_s,
       wset.set_type,
       chr(64 + wse.superset_group)
{_FROM}"""  # noqa: S608 (constant SQL fragments only)

# SQLite: raw values, turned into the same cells by _RowFormatter.
_SQLITE_SQL = f"""
SELECT ws.id, ws.started_at, ws.completed_at, ws.name, ws.notes,
       wse.order_index, wse.exercise_name, wse.notes,
       wset.set_number, wset.is_warmup, wset.weight, wset.weight_unit, wset.reps, wset.rpe,
       wset.notes, wset.distance_m, wset.duration_s, wset.set_type, wse.superset_group
{_FROM}"""
_EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
_LATEST = datetime(9999, 12, 30, tzinfo=UTC)


def _bounds(user: User, date_from: date | None, date_to: date | None) -> tuple[datetime, datetime]:
    tz = user.tzinfo
    low = datetime.combine(date_from, time(0), tzinfo=tz) if date_from else _EARLIEST
    high = datetime.combine(date_to + timedelta(days=1), time(0), tzinfo=tz) if date_to else None
    return low, high or _LATEST


def _number(value) -> str | None:
    """SQLite gives ints/floats back; print them like PostgreSQL's trim_scale()::text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def _moment(value) -> datetime:
    if isinstance(value, datetime):
        return value
    parsed = parse_datetime(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class _RowFormatter:
    """SQLite rows → the cells of PostgreSQL's query (session cells made once per session)."""

    def __init__(self, tz):
        self.tz = tz
        self.session_id = None
        self.session_cells: tuple = ()

    def _session(self, row) -> tuple:
        if row[0] != self.session_id:
            started = _moment(row[1]).astimezone(self.tz)
            completed = _moment(row[2]).astimezone(self.tz) if row[2] else started
            minutes = round((completed - started).total_seconds() / 60, 2)
            self.session_id = row[0]
            self.session_cells = (
                started.date().isoformat(),
                neutralise(row[3]),
                f"{minutes:.2f}".rstrip("0").rstrip("."),
                started.isoformat(),
                completed.isoformat(),
                neutralise(row[4] or ""),
            )
        return self.session_cells

    def __call__(self, row) -> tuple:
        day, name, minutes, started, completed, session_notes = self._session(row)
        return (
            day,
            name,
            neutralise(row[6]),
            row[8],
            "true" if row[9] else "false",
            _number(row[10]),
            row[11],
            row[12],
            _number(row[13]),
            neutralise(row[14] or ""),
            minutes,
            started,
            completed,
            session_notes,
            row[5],
            neutralise(row[7] or ""),
            _number(row[15]),
            row[16],
            row[17],
            chr(64 + row[18]) if row[18] else None,
        )


def _fetch_batches(user: User, date_from: date | None, date_to: date | None) -> Iterator[list]:
    low, high = _bounds(user, date_from, date_to)
    if connection.vendor != "postgresql":
        format_row = _RowFormatter(user.tzinfo)
        with connection.cursor() as cursor:
            cursor.execute(_SQLITE_SQL, [user.pk.hex, low, high])
            while rows := cursor.fetchmany(EXPORT_BATCH):
                yield [format_row(row) for row in rows]
        return
    with transaction.atomic():
        with connection.cursor() as cursor:  # both settings end with the transaction
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, true), "
                "set_config('TimeZone', %s, true)",
                [STATEMENT_TIMEOUT, str(user.tzinfo)],
            )
        # chunked_cursor() is Django's named (server-side) cursor: DECLARE ... CURSOR, then
        # FETCH FORWARD n per fetchmany(); it lives as long as the transaction.
        with connection.chunked_cursor() as cursor:
            cursor.execute(_PG_SQL, [user.pk, low, high])
            while rows := cursor.fetchmany(EXPORT_BATCH):
                yield rows


def export_csv_chunks(
    *, user: User, date_from: date | None = None, date_to: date | None = None
) -> Iterator[bytes]:
    """The export as UTF-8 CSV chunks (header first), one chunk per fetched batch."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    yield buffer.getvalue().encode()
    for rows in _fetch_batches(user, date_from, date_to):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(rows)
        yield buffer.getvalue().encode()


def export_filename(date_from: date | None, date_to: date | None) -> str:
    parts = ["liftlog-export"]
    if date_from:
        parts.append(f"from-{date_from.isoformat()}")
    if date_to:
        parts.append(f"to-{date_to.isoformat()}")
    return "-".join(parts) + ".csv"
