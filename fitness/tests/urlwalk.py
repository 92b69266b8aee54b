"""Walk the whole URLconf: every URL pattern with its full route and namespaced name.

Used by the permission tests (fitness/accounts/tests/test_login_required.py and
fitness/tests/test_permissions.py) so that a page added later is covered without touching them.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name" (or "namespace:<route>" for unnamed patterns)
    route: str | None  # "templates/<uuid:template_id>/", None for regex routes
    raw: str  # the pattern as written, for messages
    converters: dict

    def fill(self, value: Callable[[str, object], str]) -> str:
        """The URL with each <converter:parameter> replaced by value(parameter, converter)."""
        assert self.route is not None, f"regex route {self.raw!r} ({self.name}): use path()"

        def sub(match: re.Match) -> str:
            name = match.group("parameter")
            return value(name, self.converters[name])

        return "/" + PARAM.sub(sub, self.route)


def walk(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "", conv=None):
    """Yield a Route for every URL pattern (regex routes with route=None)."""
    resolver = resolver or get_resolver()
    conv = conv or {}
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        if isinstance(entry, URLResolver):
            child_ns = entry.namespace or ""
            full_ns = f"{namespace}:{child_ns}".strip(":") if child_ns else namespace
            if isinstance(pattern, RoutePattern):
                yield from walk(
                    entry, prefix + str(pattern), full_ns, {**conv, **pattern.converters}
                )
            else:
                yield from walk(entry, prefix + str(pattern), full_ns, conv)
        elif isinstance(entry, URLPattern):
            label = entry.name or prefix + str(pattern)  # unnamed: the full route
            name = f"{namespace}:{label}" if namespace else label
            if isinstance(pattern, RoutePattern):
                route = prefix + str(pattern)
                yield Route(name, route, route, {**conv, **pattern.converters})
            else:
                yield Route(name, None, prefix + str(pattern), {})


def routes() -> Iterator[Route]:
    yield from walk()
