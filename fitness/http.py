from django.http import HttpRequest, HttpResponseNotAllowed


def read_only(request: HttpRequest) -> HttpResponseNotAllowed | None:
    """405 unless GET/HEAD, for pages of one object. Call it *after* the object lookup, so
    that another member's id is a 404 whatever the method (like workouts' POST-only views)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return None
