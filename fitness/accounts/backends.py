"""Password sign-in with the lockout, for every way in (the sign-in page, the admin's login,
anything else that calls `authenticate()` with an email and a password).

The lockout used to live in the sign-in form only, so the admin's login page (its own form)
was a second door without it. Here it sits under both: a locked email or client address is
refused before the password is checked, and every wrong password counts.
"""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from fitness.accounts import ratelimit

PATH = "fitness.accounts.backends.LockoutModelBackend"


def _ip(request: HttpRequest | None) -> str | None:
    return ratelimit.client_ip(request) if request is not None else None


def sign_in_locked(request: HttpRequest | None, email: str) -> int | None:
    """Seconds until password sign-in is allowed again for this email / client, or None."""
    ip = _ip(request)
    locked = ratelimit.LOGIN_FAILURES_PER_IP.retry_after(ip) if ip else None
    if email and not locked:
        locked = ratelimit.LOGIN_FAILURES_PER_EMAIL.retry_after(email)
    return locked


def sign_in_failed(request: HttpRequest | None, email: str) -> None:
    if email:
        ratelimit.LOGIN_FAILURES_PER_EMAIL.hit(email)
    if ip := _ip(request):
        ratelimit.LOGIN_FAILURES_PER_IP.hit(ip)


def sign_in_succeeded(email: str) -> None:
    ratelimit.LOGIN_FAILURES_PER_EMAIL.reset(email)


class LockoutModelBackend(ModelBackend):
    """Django's email + password backend behind the sign-in lockout.

    Refusals raise PermissionDenied, which makes `authenticate()` stop trying backends: the
    plain ModelBackend kept in AUTHENTICATION_BACKENDS (so sessions signed in through it
    before stay valid) never gets a second go at a refused password.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        if password is None or not email:
            return None
        if sign_in_locked(request, email):
            raise PermissionDenied("password sign-in is locked")
        user = super().authenticate(request, username=email, password=password, **kwargs)
        if user is None:
            sign_in_failed(request, email)
            raise PermissionDenied("wrong email or password")
        sign_in_succeeded(email)
        return user
