"""Path converters that refuse what no lookup can use, so such URLs are a 404 at resolving.

Django's `str` and `path` accept any character but "/", NUL included; PostgreSQL refuses a
NUL in a string parameter (psycopg raises before the query is sent), so a NUL in a URL path
reached the database lookup and answered 500.
"""

from django.urls import register_converter


class TokenConverter:
    """A URL-safe token: invites, magic links, password resets, calendar feeds."""

    regex = "[A-Za-z0-9_-]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class TextConverter(TokenConverter):
    """Free text that may hold slashes (an exercise name in /history/progress/<name>/)."""

    regex = "[^\x00]+"


register_converter(TokenConverter, "token")
register_converter(TextConverter, "text")
