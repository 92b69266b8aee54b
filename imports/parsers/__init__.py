"""File formats the importer can read, tried in this order by the detection loop.

Each entry is a `Parser` subclass (see base.py). The third-party parsers take the file's
header as an optional constructor argument, `cls(header)`, because their columns are found
by name (Hevy's `weight_kg` vs `weight_lbs`, Strong's `Weight (kg)` vs `Weight (lbs)`);
`cls()` reads the canonical English header. The loosest matcher (Strong's translated
12-column export, recognised by shape) comes last.
"""

from .fitnotes import FitNotesParser
from .hevy import HevyParser
from .strong import StrongLegacyParser, StrongParser, StrongV6Parser

PARSERS = [
    HevyParser,
    FitNotesParser,
    StrongV6Parser,
    StrongLegacyParser,
    StrongParser,
]
