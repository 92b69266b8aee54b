"""A NUL byte in a URL path is a 404, never a 500: the path converters refuse it before any
lookup (PostgreSQL refuses NUL in a string parameter). Every URL pattern with a parameter,
each parameter in turn, so a pattern added later is covered."""

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from fitness.tests import urlwalk
from fitness.tests.permissions_probe import url_for
from fitness.tests.world import build_world

ROUTES = [route for route in urlwalk.routes() if route.route and route.converters]


@pytest.mark.parametrize("path", ["/accounts/invite/\x00/", "/history/progress/\x00/"])
def test_a_nul_in_a_path_does_not_resolve(path):
    with pytest.raises(Resolver404):
        resolve(path)


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [True, False], ids=["owner", "anonymous"])
def test_a_nul_in_any_path_parameter_is_a_404(owner, signed_in):
    world = build_world(owner)
    client = Client()
    if signed_in:
        client.force_login(owner)
    failures = []
    for route in ROUTES:
        for parameter in route.converters:
            url = _with_nul(route, parameter, url_for(route, world))
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                admin = route.name.startswith("admin:")
                if status >= 500 or (not admin and status != 404):
                    failures.append(f"{method.upper()} {url} ({route.name}): {status}")
    assert not failures, "\n".join(failures)


def _with_nul(route: urlwalk.Route, parameter: str, real_url: str) -> str:
    """The real URL (the owner's objects) with a NUL in place of `parameter`."""
    kwargs = resolve(real_url).kwargs

    def value(name: str, converter) -> str:
        return "%00" if name == parameter else converter.to_url(kwargs[name])

    return route.fill(value)
