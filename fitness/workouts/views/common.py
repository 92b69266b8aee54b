from django.http import HttpRequest, HttpResponseNotAllowed


def method_not_allowed(request: HttpRequest) -> HttpResponseNotAllowed | None:
    """405 unless POST. Called *after* the object lookup, so another member's id is a 404
    whatever the method."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None
