"""What an import did: one small dataclass for the summary page, the job page and the CLI.

It travels as JSON (the job's `import_jobs.summary` column, the member's session), so it
has `to_json` / `from_json`; `from_json` also reads the summaries stored before this shape
(reasons as "line 12: why" strings).
"""

import re
from dataclasses import asdict, dataclass, field

from imports.parsers.base import RowProblem
from imports.writer import MatchedName

SKIPPED_SHOWN = 50  # row problems kept in a summary; the count is always complete
_LINE_REASON = re.compile(r"^line (\d+): (.*)$", re.IGNORECASE | re.DOTALL)


def row_problem(item) -> RowProblem:
    """A RowProblem from a parser, from its JSON, or from an older summary's string."""
    if isinstance(item, RowProblem):
        return item
    if isinstance(item, dict):
        return RowProblem(
            int(item.get("line") or 0), str(item.get("reason", "")), bool(item.get("invalid"))
        )
    found = _LINE_REASON.match(str(item))
    return RowProblem(int(found[1]), found[2]) if found else RowProblem(0, str(item))


@dataclass
class ImportSummary:
    format: str  # the parser's name, e.g. "strong_v6"
    format_label: str  # "Strong"
    layout: str = ""  # "Strong, 10 columns (Date … RPE)"
    unit: str = ""  # the unit chosen for weights the file gave without one ("" = it said)
    rows: int = 0  # data rows read
    sessions: int = 0  # workouts added
    sets: int = 0  # sets added
    duplicates_skipped: int = 0  # workouts already there (or repeated in the file)
    exercises_matched: list[MatchedName] = field(default_factory=list)
    exercises_created: list[str] = field(default_factory=list)
    skipped_count: int = 0  # rows left out, all of them
    skipped: list[RowProblem] = field(default_factory=list)  # the first SKIPPED_SHOWN
    remarks: list[str] = field(default_factory=list)  # file-level notes
    file_name: str = ""
    member: str = ""  # who the import was for, when someone else (staff) uploaded it

    @property
    def skipped_hidden(self) -> int:
        """Skipped rows counted but not listed."""
        return max(0, self.skipped_count - len(self.skipped))

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict | None) -> "ImportSummary | None":
        if not data:
            return None
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known["exercises_matched"] = [
            MatchedName(item["file"], item["exercise"], item.get("how", ""))
            for item in data.get("exercises_matched", [])
        ]
        known["skipped"] = [row_problem(item) for item in data.get("skipped", [])]
        known.setdefault("format", "")
        known.setdefault("format_label", "")
        return cls(**known)
