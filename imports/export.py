"""The CSV export of a member's completed history: one generator for the web view and the CLI.

On PostgreSQL it reads through a server-side (named) cursor inside a transaction with
`SET LOCAL statement_timeout`, fetching EXPORT_BATCH rows at a time, so memory stays flat
whatever the size; on SQLite it falls back to a plain cursor with fetchmany().
Column meanings: imports/FORMAT.md.
"""

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils.dateparse import parse_datetime

from fitness.accounts.models import User
from imports.parsers.native import COLUMNS, neutralise

EXPORT_BATCH = 5000  # rows per FETCH (the schema doc's 500 is the floor; see bench)
STATEMENT_TIMEOUT = "30s"

# The schema doc's export query, plus the extra columns; the date range is turned into
# member-local day bounds in Python so that the started_at index serves it.
_SQL = """
SELECT ws.id, ws.started_at, ws.completed_at, ws.name, ws.notes,
       wse.order_index, wse.exercise_name, wse.notes,
       wset.set_number, wset.is_warmup, {weight}, wset.weight_unit, wset.reps, {rpe},
       wset.notes, {distance}, wset.duration_s
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
# PostgreSQL hands numbers back as text without trailing zeros (102.50 → "102.5").
_PG_SQL = _SQL.format(
    weight="trim_scale(wset.weight)::text",
    rpe="trim_scale(wset.rpe)::text",
    distance="trim_scale(wset.distance_m)::text",
)
_SQLITE_SQL = _SQL.format(weight="wset.weight", rpe="wset.rpe", distance="wset.distance_m")
_EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
_LATEST = datetime(9999, 12, 30, tzinfo=UTC)


def _bounds(user: User, date_from: date | None, date_to: date | None) -> tuple[datetime, datetime]:
    tz = user.tzinfo
    low = datetime.combine(date_from, time(0), tzinfo=tz) if date_from else _EARLIEST
    high = datetime.combine(date_to + timedelta(days=1), time(0), tzinfo=tz) if date_to else None
    return low, high or _LATEST


def _number(value) -> str:
    """SQLite gives ints/floats/strings back; print them like PostgreSQL's trim_scale."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text if text != "-0" else "0"
    return str(value)


def _moment(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class _RowFormatter:
    """Turns query rows into CSV cells; session-level cells are formatted once per session."""

    def __init__(self, tz):
        self.tz = tz
        self.session_id = None
        self.session_cells: tuple = ()
        self.numbers_are_text = connection.vendor == "postgresql"

    def _session(self, row) -> tuple:
        if row[0] != self.session_id:
            started = _moment(row[1]).astimezone(self.tz)
            completed = _moment(row[2])
            completed = completed.astimezone(self.tz) if completed else started
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
        number = str if self.numbers_are_text else _number
        return (
            day,
            name,
            neutralise(row[6]),
            row[8],
            "true" if row[9] else "false",
            number(row[10]) if row[10] is not None else "",
            row[11],
            "" if row[12] is None else row[12],
            number(row[13]) if row[13] is not None else "",
            neutralise(row[14] or ""),
            minutes,
            started,
            completed,
            session_notes,
            row[5],
            neutralise(row[7] or ""),
            number(row[15]) if row[15] is not None else "",
            "" if row[16] is None else row[16],
        )


def _fetch_batches(user: User, date_from: date | None, date_to: date | None) -> Iterator[list]:
    low, high = _bounds(user, date_from, date_to)
    params = [user.pk if connection.vendor == "postgresql" else user.pk.hex, low, high]
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_SQLITE_SQL, params)
            while rows := cursor.fetchmany(EXPORT_BATCH):
                yield rows
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = '{STATEMENT_TIMEOUT}'")
        # chunked_cursor() is Django's named (server-side) cursor: DECLARE ... CURSOR, then
        # FETCH FORWARD n per fetchmany(); it lives as long as the transaction.
        with connection.chunked_cursor() as cursor:
            cursor.execute(_PG_SQL, params)
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
    format_row = _RowFormatter(user.tzinfo)
    for rows in _fetch_batches(user, date_from, date_to):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(map(format_row, rows))
        yield buffer.getvalue().encode()


def export_filename(date_from: date | None, date_to: date | None) -> str:
    parts = ["liftlog-export"]
    if date_from:
        parts.append(f"from-{date_from.isoformat()}")
    if date_to:
        parts.append(f"to-{date_to.isoformat()}")
    return "-".join(parts) + ".csv"
