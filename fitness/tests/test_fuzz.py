"""The whole surface with hostile input: every URL pattern (from the URLconf) gets every
parameter the app reads (from its forms and views, fitness/tests/fuzz.py) filled with NUL
bytes, 10,000-character strings, bidi and zero-width characters, dates at 0001-01-01 and
9999-12-31, huge and negative numbers, as a GET query string and as a POST body, signed in
as a member with data. Nothing may answer 500; afterwards every page the member can reach
still answers 200 (nothing stored made a page unrenderable)."""

import pytest
from django.db import transaction
from django.test import Client

from fitness.tests import fuzz, urlwalk
from fitness.tests.permissions_probe import signed_in_client, url_for
from fitness.tests.world import build_world

# Routes that end the member's session or delete data: last in each round, rolled back.
LAST = ("logout", "delete", "discard", "revoke")
HTMX_ROUNDS = ("end of time",)


class _Rollback(Exception):
    pass


def _ends_things(route: urlwalk.Route) -> bool:
    return any(word in route.name for word in LAST)


def _request(client: Client, method: str, url: str, kwargs: dict, *, keep: bool) -> int:
    """One request; what it writes is kept (for the crawl at the end) unless it deletes or
    ends things, which are rolled back so that every round finds the member's world whole."""
    try:
        with transaction.atomic():
            response = getattr(client, method)(url, **kwargs)
            if response.streaming:
                b"".join(response.streaming_content)  # errors mid-stream count too
            if not keep:
                raise _Rollback
    except _Rollback:
        pass
    return response.status_code


def _routes() -> list[urlwalk.Route]:
    routes = [
        route
        for route in urlwalk.routes()
        if route.route is not None and not route.name.startswith("admin:")
    ]
    return sorted(routes, key=_ends_things)


@pytest.mark.django_db
def test_no_input_anywhere_gives_a_500_and_every_page_still_renders(owner, friend):
    world = build_world(owner)
    build_world(friend)  # a friend with shared data: the shared pages have rows
    parameters = fuzz.Parameters()
    client = signed_in_client(owner)
    client.raise_request_exception = False  # collect every 500, not only the first
    routes = [(route, url_for(route, world)) for route in _routes()]
    for _route, url in routes:  # learn the fields of the forms the pages render
        parameters.learn_from(client.get(url).context)

    failures: list[str] = []
    for round_ in fuzz.ROUNDS:
        values = parameters.values(round_)
        for route, url in routes:
            requests = [("get", {"data": values}), ("post", {"data": values})]
            if round_.name in HTMX_ROUNDS:  # the fragments of htmx requests, too
                requests.append(("post", {"data": values, "headers": {"HX-Request": "true"}}))
            for method, kwargs in requests:
                status = _request(client, method, url, kwargs, keep=not _ends_things(route))
                if status >= 500:
                    failures.append(f"{round_.name}: {method.upper()} {url} ({route.name})")
            if route.name in ("accounts:logout", "accounts:magic_link_login"):
                client = signed_in_client(owner)  # signed out (or in again): back in
                client.raise_request_exception = False
    assert not failures, "\n".join(failures)

    client = signed_in_client(owner)
    pages = fuzz.crawl(client)
    broken = {url: status for url, status in pages.items() if status not in (200, 302)}
    assert len(pages) > 30, sorted(pages)  # the crawl really went round the app
    assert not broken, broken
