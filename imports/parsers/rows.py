"""Helpers for rows and headers shared by the third-party parsers."""

import functools
import itertools
from collections.abc import Callable, Sequence

from .base import ImportFormatError
from .values import NUMBER, fold, squash

__all__ = ["NamedColumns", "check_width", "fit_width", "is_blank", "looks_numeric", "trim"]

MAX_REPAIRED_SPLITS = 6  # more unquoted delimiters than this in one row is not a repair


def is_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells)


def check_width(cells: list[str], width: int, line: int) -> None:
    """Extra cells are fine when empty (a trailing delimiter); otherwise a value was split."""
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        raise ImportFormatError(
            f"This row has {len(cells)} cells where the header has {width}: a value with the "
            "delimiter in it is probably not quoted.",
            line,
        )


def looks_numeric(text: str) -> bool:
    """Empty or a number: what a numeric column may hold, for `fit_width`'s checks."""
    text = text.strip()
    return not text or bool(NUMBER.fullmatch(text))


def fit_width(
    cells: list[str],
    width: int,
    line: int,
    *,
    text_columns: Sequence[int],
    fits: Callable[[list[str]], bool],
    joiner: str = ",",
) -> list[str]:
    """The row's cells, repaired when a text cell held the delimiter unquoted.

    FitNotes writes `Overhead Press (Each Side, Dumbbells),Shoulders,8.0,kgs,5,,,` with the
    name unquoted: the row has more cells than the header. The extra cells are given back to
    the text columns (`text_columns`, names and notes) in every possible way, fewest moves
    first, until the typed columns read right (`fits`). Trailing empty cells are a trailing
    delimiter, not a split. Raises ImportFormatError when no split fits.
    """
    if len(cells) <= width:
        return cells
    trimmed = list(cells)
    while len(trimmed) > width and not trimmed[-1].strip():
        trimmed.pop()
    if len(trimmed) == width and fits(trimmed):
        return trimmed
    # The row itself, then without one trailing empty cell after another (some of them may
    # be a trailing delimiter, some real empty columns).
    for end in range(len(cells), len(trimmed) - 1, -1):
        extra = end - width
        if not 0 < extra <= MAX_REPAIRED_SPLITS or not text_columns:
            continue
        for counts in _allotments(extra, len(text_columns)):
            allot = dict(zip(text_columns, counts, strict=True))
            repaired, start = [], 0
            for column in range(width):
                take = 1 + allot.get(column, 0)
                repaired.append(joiner.join(cells[start : start + take]))
                start += take
            if fits(repaired):
                return repaired
    raise ImportFormatError(
        f"This row has {len(trimmed)} cells where the header has {width}: a value with the "
        "delimiter in it is probably not quoted.",
        line,
    )


@functools.lru_cache(maxsize=64)
def _allotments(extra: int, slots: int) -> list[tuple[int, ...]]:
    """Ways to share `extra` cells among `slots` text columns: one column taking them all
    first (the usual single unquoted name), in column order."""
    ways = [
        counts
        for counts in itertools.product(range(extra + 1), repeat=slots)
        if sum(counts) == extra
    ]
    return sorted(ways, key=lambda counts: (sum(1 for c in counts if c), [-c for c in counts]))


def trim(header: list[str]) -> list[str]:
    """The header without trailing empty cells (a trailing delimiter)."""
    cells = list(header)
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


class NamedColumns:
    """Column positions by (folded) name, with the member-facing names for messages."""

    def __init__(self, header: list[str]):
        self.header = trim(header)
        self.folded = [fold(c) for c in self.header]

    def find(self, *names: str, prefix: str | None = None) -> int | None:
        for name in names:
            if name in self.folded:
                return self.folded.index(name)
        if prefix:
            for index, text in enumerate(self.folded):
                if text.startswith(prefix):
                    return index
        return None

    def label(self, index: int | None, default: str) -> str:
        if index is None or index >= len(self.header):
            return default
        return squash(self.header[index]) or default
