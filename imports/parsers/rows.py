"""Helpers for rows and headers shared by the third-party parsers."""

from .base import ImportFormatError
from .values import fold, squash

__all__ = ["NamedColumns", "check_width", "is_blank", "trim"]


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
