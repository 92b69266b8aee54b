"""File formats the importer understands, tried in this order when the format is "auto".

Adding a format is one import and one line in PARSERS.
"""

from imports.parsers.base import ImportFormatError, ParseContext, Parser
from imports.parsers.native import NativeParser

PARSERS: list[type[Parser]] = [
    NativeParser,
]

__all__ = ["PARSERS", "ImportFormatError", "ParseContext", "Parser", "parser_for"]


def parser_for(name: str) -> type[Parser] | None:
    """The parser class registered under `name` (e.g. "native"), or None."""
    return next((parser for parser in PARSERS if parser.name == name), None)
