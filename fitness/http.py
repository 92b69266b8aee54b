"""Method checks for views of one object.

Call them *after* the object lookup, so that another member's id is a 404 whatever the
method (a `require_POST`-style decorator would answer 405 before looking the object up).
"""

from django.http import HttpRequest, HttpResponseNotAllowed


def read_only(request: HttpRequest) -> HttpResponseNotAllowed | None:
    """405 unless GET/HEAD, for pages of one object."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return None


def post_only(request: HttpRequest) -> HttpResponseNotAllowed | None:
    """405 unless POST, for actions on one object."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None
