"""File formats the importer understands, tried in this order when the format is "auto".

Each entry is a `Parser` subclass (see base.py), instantiated with the file's header,
`cls(header)`, because the formats find their columns by name (Hevy's `weight_kg` vs
`weight_lbs`, Strong's `Weight (kg)` vs `kg`). A parser's `name` is `<format>` or
`<format>_<variant>`: the member (and `--format`) chooses a format, and every variant of it
is tried. The loosest matcher (Strong, which also recognises translated headers by their
shape) comes last. Adding a format is one import and one line in PARSERS.
"""

from imports.parsers.base import ImportFormatError, ParseContext, Parser
from imports.parsers.fitnotes import FitNotesParser
from imports.parsers.hevy import HevyParser
from imports.parsers.native import NativeParser
from imports.parsers.strong import StrongParser

PARSERS: list[type[Parser]] = [
    NativeParser,
    HevyParser,
    FitNotesParser,
    StrongParser,
]

# The formats a member can choose, with the name the CLI's --format takes.
FORMATS: dict[str, str] = {
    "native": "Liftlog (this app's export)",
    "strong": "Strong",
    "hevy": "Hevy",
    "fitnotes": "FitNotes",
}

__all__ = ["FORMATS", "PARSERS", "ImportFormatError", "ParseContext", "Parser", "parsers_for"]


def parsers_for(format: str) -> list[type[Parser]]:
    """Every variant's parser of a format (e.g. "strong"), in detection order."""
    return [parser for parser in PARSERS if parser.name.split("_", 1)[0] == format]
