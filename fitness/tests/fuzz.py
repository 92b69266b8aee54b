"""The machinery of test_fuzz.py: which parameters the app reads (found in the code, not
listed by hand), the hostile values to put in them, and a crawl of the member's pages.

Parameters come from three places, so a new form, field or query parameter is fuzzed
without editing the test: every Form class of the project's apps (their declared fields),
the forms the pages put in their template context (fields added in `__init__`, e.g. the
export form's from/to), and the `request.GET` / `request.POST` keys read in the views.
"""

import contextlib
import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

from django import forms
from django.apps import apps
from django.conf import settings
from django.test import Client

PROJECT_APPS = ("fitness", "calendar_app", "imports", "sharing")
REQUEST_KEY = re.compile(
    r"""request\.(?:GET|POST)(?:\.get\(|\.getlist\(|\[)\s*["'](\w+)["']"""
    r"""|["'](\w+)["']\s+in\s+request\.(?:GET|POST)"""
)

NUL = "nul\x00byte"
LONG = "x" * 10_000
BIDI = "\u202eevil\u202c name"
ZERO_WIDTH = "zero\u200b\u200c\u200d\ufeffwidth"
HUGE = "9" * 40
NEGATIVE = "-99999999999"


@dataclass(frozen=True)
class Round:
    """One fuzzing round: a value per kind of field (whole numbers, decimals, dates, other
    text). Choice fields get a valid choice unless `choice` is set, so that the other values
    get past validation to the services."""

    name: str
    text: str
    integer: str
    decimal: str
    date: str
    choice: str | None = None


ROUNDS = [
    Round("nul", NUL, NUL, NUL, NUL, choice=NUL),
    Round("long", LONG, LONG, LONG, LONG),
    Round("end of time", BIDI, "1", "1", "9999-12-31"),
    Round("start of time", ZERO_WIDTH, "2", "2.5", "0001-01-01"),
    Round("extreme numbers", "NaN", HUGE, NEGATIVE, "99999-01-01", choice="-0"),
]


def _project_form_classes() -> Iterator[type[forms.BaseForm]]:
    for config in apps.get_app_configs():  # load every forms module, not only those used yet
        if config.name.split(".")[0] in PROJECT_APPS:
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{config.name}.forms")
    seen: set[type] = set()
    stack = list(forms.BaseForm.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        stack.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in PROJECT_APPS and ".tests" not in cls.__module__:
            yield cls


def _request_keys() -> set[str]:
    """Keys the views read straight from request.GET / request.POST."""
    keys: set[str] = set()
    for app in PROJECT_APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for match in REQUEST_KEY.finditer(path.read_text()):
                keys.add(match.group(1) or match.group(2))
    return keys


def kind_of(field: forms.Field | None) -> str:
    if isinstance(field, forms.DateField | forms.DateTimeField):
        return "date"
    if isinstance(field, forms.IntegerField):
        return "integer"
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return "decimal"
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField):
        return "choice"
    return "text"


def _valid_choice(field: forms.Field | None) -> str | list[str] | None:
    """A value the field accepts (the first non-empty choice; "on" for a checkbox)."""
    if isinstance(field, forms.BooleanField):
        return "on"
    if not isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return None
    for value, label in field.choices:
        options = label if isinstance(label, list | tuple) else [(value, label)]
        for option, _label in options:
            if str(option):
                multiple = isinstance(field, forms.MultipleChoiceField)
                return [str(option)] if multiple else str(option)
    return None


class Parameters:
    """Every parameter name the app reads, with its field when a form declares one."""

    def __init__(self) -> None:
        self.fields: dict[str, forms.Field | None] = {}
        for cls in _project_form_classes():
            for name, field in cls.base_fields.items():
                self.fields.setdefault(name, field)
        for key in _request_keys():
            self.fields.setdefault(key, None)

    def learn_from(self, context) -> None:
        """The forms a page rendered: fields added in __init__, and the real choices (the
        member's templates, exercises, sessions) of fields that get them there."""
        contexts = context if isinstance(context, list) else [context]  # ContextList
        for value in (v for c in contexts if c is not None for v in c.flatten().values()):
            if isinstance(value, forms.BaseForm):
                for name, field in value.fields.items():
                    self.fields[value.add_prefix(name)] = field

    def values(self, round_: Round) -> dict[str, str | list[str]]:
        values: dict[str, str | list[str]] = {}
        for name, field in sorted(self.fields.items()):
            kind = kind_of(field)
            if kind == "choice":
                values[name] = round_.choice or _valid_choice(field) or round_.text
            else:
                values[name] = getattr(round_, kind)
        return values


LINK = re.compile(r"""href=["']([^"'#]+)""")


def crawl(client: Client, start: str = "/", depth: int = 3) -> dict[str, int]:
    """GET every same-site page within `depth` links (or redirects) of `start`, the admin
    aside, reading streamed bodies to the end. Returns {url: status}."""
    seen: dict[str, int] = {}
    level = [start]
    for _ in range(depth + 1):
        found: list[str] = []
        for url in level:
            if url in seen:
                continue
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            seen[url] = response.status_code
            if response.status_code in (301, 302):  # /calendar/ → this month
                found.extend(_local([response["Location"]]))
            elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
                found.extend(_local(LINK.findall(body.decode(errors="replace"))))
        level = [url for url in dict.fromkeys(found) if url not in seen]
    return seen


def _local(hrefs: list[str]) -> Iterator[str]:
    for href in hrefs:
        href = unescape(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        if not href.startswith(("/static/", f"/{settings.ADMIN_URL}")):
            yield href
