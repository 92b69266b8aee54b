"""The reading layer: sizes, encodings, delimiters, line numbers, detection."""

import io
import zoneinfo

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from imports.parsers.base import ImportFormatError
from imports.parsers.native import neutralise, unneutralise
from imports.reader import read_sessions, sniff_delimiter

UTC = zoneinfo.ZoneInfo("UTC")
HEADER = "date,session_name,exercise_name,set_number,weight,weight_unit,reps,notes"
ROW = "2026-01-05,Legs,Back Squat,1,100,kg,5,"


def read(data: bytes | str, **kwargs):
    raw = data.encode() if isinstance(data, str) else data
    return read_sessions(io.BytesIO(raw), tz=UTC, **kwargs)


def error_of(data, **kwargs) -> str:
    with pytest.raises(ImportFormatError) as caught:
        read(data, **kwargs)
    return str(caught.value)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_any_delimiter_is_sniffed(delimiter):
    text = f"{HEADER}\n{ROW}\n".replace(",", delimiter)
    result = read(text)
    assert result.delimiter == delimiter
    assert result.sessions[0].exercises[0].sets[0].reps == 5


def test_utf8_with_bom_and_crlf_reads_like_without():
    result = read(("\ufeff" + HEADER + "\r\n" + ROW + "\r\n").encode())
    assert result.parser.name == "native"
    assert result.sessions[0].name == "Legs"


def test_sniffer_prefers_the_delimiter_that_splits_the_header_most():
    assert sniff_delimiter('"Date";"Workout Name";"Notes, free text"') == ";"
    assert sniff_delimiter("Date") == ","


def test_line_numbers_are_physical_lines_even_after_multiline_cells():
    text = (
        f'{HEADER}\n{ROW}"a note\nover\nthree lines"\n{ROW}\n2026-01-05,Legs,Back Squat,x,1,kg,5,\n'
    )
    assert error_of(text).endswith("nothing was imported: line 6: set_number: “x” is not a number.")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"  \n\n", "The file is empty."),
        (HEADER.encode(), "Line 1: The file has a header but no rows to import."),
        ((HEADER + "\n\n").encode(), "Line 1: The file has a header but no rows to import."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is a binary file, not a CSV text file."),
        (b"PK\x03\x04\x14\x00", "This is a spreadsheet or zip file, not CSV"),
        ("date,x\n".encode("utf-16"), "The file is UTF-16 text"),
        (
            f"{HEADER}\n{ROW}\n2026-01-06,Jambes à l'été,Squat,1,1,kg,1,\n".encode("latin-1"),
            "Line 3: not UTF-8 text (byte 0xE0 at column 19).",
        ),
        (b"Foo,Bar,Baz\n1,2,3\n", "Line 1: Unrecognised columns (Foo, Bar, Baz)."),
        (b"Date|Exercise|Reps\n1|2|3\n", "Line 1: The header has a single column"),
        (
            f"{HEADER}\n2026-13-05,Legs,Back Squat,1,100,kg,5,\n".encode(),
            "line 2: date: “2026-13-05” is not a date like 2026-04-07.",
        ),
        (f"{HEADER}\n2026-01-05,Legs,Back Squat,1,1O0,kg,5,\n".encode(), "line 2: weight: “1O0”"),
        (f"{HEADER}\n2026-01-05,Legs,Back Squat,1,100,kg,-5,\n".encode(), "reps: -5 is negative"),
        (f"{HEADER}\n2026-01-05,Legs,Back Squat,1,100,st,5,\n".encode(), "“st” is not kg or lb"),
        (
            b"date,session_name,exercise_name,weight\n2026-01-05,A,B,1\n",
            "Line 1: The header is not a",
        ),
    ],
)
def test_bad_input_gets_a_clear_message(data, message):
    kwargs = {"format": "native"} if message.startswith("Line 1: The header is not") else {}
    assert message in error_of(data, **kwargs)


def test_missing_required_columns_are_named():
    text = "session_name,exercise_name,set_number\nA,B,1\n"
    assert error_of(text) == "Line 1: Missing column(s): date."


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.IMPORT_MAX_BYTES = 100

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("read before the size check")

    fileobj = Unreadable(b"x" * 101)
    with pytest.raises(ImportFormatError, match=r"The file is 0.0 MB; the limit is 0.0 MB"):
        read_sessions(fileobj, tz=UTC)


def test_forced_format_that_does_not_fit_says_what_it_looks_like():
    message = error_of(f"{HEADER}\n{ROW}\n", format="hevy")
    assert message == (
        "Line 1: The header is not a Hevy export. It looks like a Liftlog (this app's "
        "export) export. Choose another format, or “Automatic”."
    )


@given(st.text())
def test_neutralising_is_undone_exactly(text):
    assert unneutralise(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


GOOD = f'{HEADER}\n{ROW}\n2026-01-06,Push,Bench Press,1,60,kg,8,"a, b"\n'.encode()


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cuts=st.lists(st.integers(min_value=0, max_value=len(GOOD)), max_size=4),
    junk=st.binary(max_size=8),
    position=st.integers(min_value=0, max_value=len(GOOD)),
)
def test_mangled_files_give_sessions_or_a_clear_error(cuts, junk, position):
    data = bytearray(GOOD)
    for cut in sorted(set(cuts), reverse=True):
        del data[cut : cut + 3]
    data[position:position] = junk
    try:
        result = read(bytes(data))
    except ImportFormatError as exc:
        assert str(exc) and "Traceback" not in str(exc)
    else:
        assert result.sessions


# --- The contract the import service codes against ---------------------------------------------


def test_result_says_layout_unit_and_nothing_truncated():
    result = read(f"{HEADER}\n{ROW}\n")
    assert result.layout == ("Liftlog (this app's export), 8 columns (date … notes)")
    assert (result.unit_stated, result.truncated, result.remarks, result.skipped) == (
        True,
        False,
        [],
        [],
    )


def test_limit_rows_reads_the_first_rows_and_says_the_file_was_cut():
    text = f"{HEADER}\n" + "".join(
        f"2026-01-{day:02d},Legs,Back Squat,1,100,kg,5,\n" for day in range(1, 11)
    )
    result = read(text, limit_rows=3)
    assert (len(result.sessions), result.rows, result.truncated) == (3, 3, True)
    result = read(text, limit_rows=10)
    assert (len(result.sessions), result.truncated) == (10, False)


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("started_at", "9999-12-31T23:00:00-12:00", "is not a plausible date"),
        ("started_at", "0001-01-01T00:00:00+14:00", "is not a plausible date"),
        ("completed_at", "9999-12-31T23:00:00-12:00", "is not a plausible date"),
        ("started_at", "1899-12-31T10:00:00+00:00", "is before 1900"),
        ("started_at", "2199-01-01T10:00:00+00:00", "is in the future"),
        ("date", "9999-12-31", "is not a plausible date"),
    ],
)
def test_dates_out_of_range_in_our_own_format_are_row_problems(column, value, reason):
    columns = ["date", "session_name", "exercise_name", "set_number", "reps", column]
    columns = list(dict.fromkeys(columns))  # `date` once
    good = [
        {"date": f"2026-01-{day:02d}", "session_name": "A", "exercise_name": "Squat"}
        for day in range(1, 21)
    ]
    bad = {"date": "2026-02-01", "session_name": "A", "exercise_name": "Squat", column: value}
    lines = [
        ",".join({"set_number": "1", "reps": "5", **row}.get(name, "") for name in columns)
        for row in [*good, bad]
    ]
    result = read_sessions(
        io.BytesIO("\n".join([",".join(columns), *lines]).encode()),
        tz=zoneinfo.ZoneInfo("Pacific/Kiritimati"),
    )
    assert len(result.sessions) == 20
    assert [str(problem) for problem in result.skipped] == [
        f"line 22: {column}: “{value}” {reason}."
    ]
