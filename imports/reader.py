"""The reading layer: bytes of an uploaded file → (parser, parsed sessions).

It checks the size before reading, decodes UTF-8 (with or without BOM) line by line so an
encoding error names its physical line, sniffs the delimiter from the header, detects the
format over `imports.parsers.PARSERS` (or uses the one the member chose) and hands the rows
to the parser with their physical line numbers. Every problem surfaces as ImportFormatError.
"""

import csv
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import BinaryIO

from django.conf import settings

from imports.parsers import FORMATS, PARSERS, ImportFormatError, ParseContext, Parser, parsers_for
from imports.parsers.base import ParsedSession, RowProblem

DELIMITERS = (",", ";", "\t")
SNIFF_BYTES = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


# A file with more invalid rows than this share of its set rows is refused as a whole: it is
# probably not the format it looks like (or wrongly exported), and importing the rest would
# leave holes the member does not expect. Below it, the bad rows are listed and left out.
MAX_INVALID_SHARE = 0.05
LINES_NAMED = 5  # invalid lines quoted in that refusal


@dataclass
class ReadResult:
    parser: Parser
    sessions: list[ParsedSession]
    rows: int  # data rows read (header excluded)
    delimiter: str
    skipped: list[RowProblem] = field(default_factory=list)
    layout: str = ""  # e.g. "Strong, 10 columns (Date … RPE)"
    unit_stated: bool = True  # the file says kg/lb for its weights (or has none)
    remarks: list[str] = field(default_factory=list)  # file-level notes for the summary
    truncated: bool = False  # only the first `limit_rows` data rows were read


def file_size(fileobj: BinaryIO) -> int:
    """Size in bytes without reading the file (Django uploads know it; files can seek)."""
    size = getattr(fileobj, "size", None)
    if size is not None:
        return int(size)
    position = fileobj.tell()
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(position)
    return size


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_size(fileobj: BinaryIO) -> int:
    size = file_size(fileobj)
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportFormatError(
            f"The file is {_megabytes(size)}; the limit is {_megabytes(limit)}. "
            "Export a shorter date range, or split the file."
        )
    if size == 0:
        raise ImportFormatError("The file is empty.")
    return size


def _check_head(head: bytes) -> None:
    """Refuse what is clearly not UTF-8 CSV text, from the first bytes."""
    if not head.strip():
        raise ImportFormatError("The file is empty.")
    if head.startswith(UTF16_BOMS):
        raise ImportFormatError(
            "The file is UTF-16 text; save or export it as UTF-8 CSV and upload it again."
        )
    if head.startswith(ZIP_MAGIC):
        raise ImportFormatError(
            "This is a spreadsheet or zip file, not CSV: save or export it as CSV (UTF-8)."
        )
    if b"\x00" in head:
        raise ImportFormatError("This is a binary file, not a CSV text file.")


def _decoded_lines(fileobj: BinaryIO, on_line: Callable[[int], None] | None) -> Iterator[str]:
    """Physical lines as text (line endings kept for the csv module), strict UTF-8."""
    for number, raw in enumerate(fileobj, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if b"\x00" in raw:
            raise ImportFormatError("binary data (NUL bytes) in a text file.", line=number)
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = raw[exc.start : exc.start + 1].hex().upper()
            raise ImportFormatError(
                f"not UTF-8 text (byte 0x{bad} at column {exc.start + 1}). "
                "Save or export the file as UTF-8 CSV and upload it again.",
                line=number,
            ) from None
        if on_line is not None and number % 1000 == 0:
            on_line(number)
        yield line


def sniff_delimiter(header_line: str) -> str:
    """The candidate that splits the header into the most columns (comma on a tie)."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def normalise_header(cells: list[str]) -> list[str]:
    """Strip BOM, whitespace and stray quotes; drop empty trailing columns."""
    header = [cell.replace("\ufeff", "").strip().strip('"').strip() for cell in cells]
    while header and not header[-1]:
        header.pop()
    return header


def detect_parser(header: list[str], format: str = "auto") -> type[Parser]:
    matching = [parser for parser in PARSERS if parser.matches(header)]
    if format and format != "auto":
        if format not in FORMATS:
            raise ImportFormatError(f"Unknown format “{format}”.")
        chosen = [parser for parser in parsers_for(format) if parser in matching]
        if chosen:
            return chosen[0]
        hint = f" It looks like a {matching[0].label} export." if matching else ""
        raise ImportFormatError(
            f"The header is not a {FORMATS[format]} export.{hint} "
            "Choose another format, or “Automatic”.",
            line=1,
        )
    if matching:
        return matching[0]
    shown = ", ".join(header[:6]) + (", …" if len(header) > 6 else "")
    if len(header) <= 1:
        raise ImportFormatError(
            f"The header has a single column ({shown[:80]}): columns must be separated "
            "by commas, semicolons or tabs.",
            line=1,
        )
    labels = ", ".join(parser.label for parser in PARSERS)
    raise ImportFormatError(
        f"Unrecognised columns ({shown[:120]}). Supported formats: {labels}.", line=1
    )


def _numbered_rows(
    reader: Iterable[list[str]], state: dict, limit: int | None = None
) -> Iterator[tuple[int, list[str]]]:
    """(first physical line of the record, cells), skipping blank lines; at most `limit`
    rows, noting in `state["truncated"]` that more followed."""
    line_num = state["line"]
    for cells in reader:
        start = line_num + 1
        line_num = reader.line_num  # type: ignore[attr-defined]
        state["line"] = start
        if not cells or not any(cell.strip() for cell in cells):
            continue
        if limit is not None and state["rows"] >= limit:
            state["truncated"] = True
            return
        state["rows"] += 1
        yield start, cells


def read_sessions(
    fileobj: BinaryIO,
    *,
    format: str = "auto",
    unit: str | None = None,
    tz: tzinfo,
    on_line: Callable[[int], None] | None = None,
    limit_rows: int | None = None,
) -> ReadResult:
    """Read and parse a file (its first `limit_rows` data rows when given, for a preview).

    Rows that cannot be imported are left out and listed in `skipped`; ImportFormatError
    only for what makes the whole file unusable: unknown format or encoding, nothing to
    import, or more than MAX_INVALID_SHARE of its set rows invalid.
    """
    check_size(fileobj)
    fileobj = getattr(fileobj, "file", fileobj)  # Django's upload wrapper → the real file
    fileobj.seek(0)
    _check_head(fileobj.read(SNIFF_BYTES))
    fileobj.seek(0)

    lines = _decoded_lines(fileobj, on_line)
    first = next(lines, "")
    if not first.strip():
        raise ImportFormatError("The first line is blank: it must be the header.", line=1)
    delimiter = sniff_delimiter(first)

    def all_lines() -> Iterator[str]:
        yield first
        yield from lines

    reader = csv.reader(all_lines(), delimiter=delimiter)
    state = {"line": 0, "rows": 0, "truncated": False}
    try:
        header = normalise_header(next(reader))
        state["line"] = reader.line_num
        parser = detect_parser(header, format)(header)
        context = ParseContext(unit=unit or None, tz=tz, delimiter=delimiter)
        sessions = list(parser.parse(_numbered_rows(reader, state, limit_rows), context))
    except ImportFormatError:
        raise
    except csv.Error as exc:
        raise ImportFormatError(f"unreadable CSV ({exc}).", line=reader.line_num or 1) from None
    except (ValueError, ArithmeticError, IndexError, KeyError, TypeError) as exc:
        # A parser should raise ImportFormatError itself; never let a bad cell become a 500.
        raise ImportFormatError(
            f"could not read this row ({exc.__class__.__name__}: {str(exc)[:100]}).",
            line=state["line"] or 1,
        ) from None
    if state["rows"] == 0:
        raise ImportFormatError("The file has a header but no rows to import.", line=1)
    _refuse_mostly_invalid(context, state["rows"])
    if not sessions:
        first_reason = f" (first: {context.skipped[0]})" if context.skipped else ""
        raise ImportFormatError(
            f"No workouts found: all {state['rows']} rows were skipped{first_reason}."
        )
    return ReadResult(
        parser=parser,
        sessions=sessions,
        rows=state["rows"],
        delimiter=delimiter,
        skipped=context.skipped,
        layout=parser.layout,
        unit_stated=context.unit_stated,
        remarks=context.remarks,
        truncated=state["truncated"],
    )


def _refuse_mostly_invalid(context: ParseContext, rows: int) -> None:
    """Refuse the file when more than MAX_INVALID_SHARE of its set rows are invalid.

    Set rows are the data rows minus those skipped for a harmless reason (rest timers,
    rows without values); the message names the first invalid lines and why.
    """
    bad = [problem for problem in context.skipped if problem.invalid]
    invalid = len(bad)
    set_rows = rows - (len(context.skipped) - invalid)
    if not invalid or invalid <= MAX_INVALID_SHARE * set_rows:
        return
    shown = "; ".join(str(problem).rstrip(".") for problem in bad[:LINES_NAMED])
    more = "; …" if invalid > LINES_NAMED else ""
    raise ImportFormatError(
        f"{invalid} of {set_rows} set rows are invalid (more than {MAX_INVALID_SHARE:.0%} of "
        f"the file), so nothing was imported: {shown}{more}."
    )


def count_lines(fileobj: BinaryIO) -> int:
    """Physical lines of a file (for the progress bar's total), in 1 MB chunks."""
    fileobj.seek(0)
    lines = 0
    last = b""
    while chunk := fileobj.read(1024 * 1024):
        lines += chunk.count(b"\n")
        last = chunk
    fileobj.seek(0)
    return lines + (1 if last and not last.endswith(b"\n") else 0)
