"""Cache-based rate limits and lockouts for the sign-in pages.

A `Rule` counts events per identifier (an email address or a client IP) in a window that
starts with the first event. When the count reaches `limit`, the identifier is locked for
`lockout` seconds: `retry_after()` then tells how long is left. Identifiers are hashed so
the cache never holds email addresses in clear.

The cache is the shared one (Redis in production). If it is unreachable, django-redis
ignores the error (IGNORE_EXCEPTIONS) and the limits fail open: signing in keeps working.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Rule:
    scope: str
    limit: int
    window: int  # seconds in which `limit` events lock the identifier
    lockout: int  # seconds the identifier stays locked

    def _key(self, kind: str, ident: str) -> str:
        digest = hashlib.sha256(ident.strip().lower().encode()).hexdigest()[:32]
        return f"rl:{self.scope}:{kind}:{digest}"

    def retry_after(self, ident: str) -> int | None:
        """Seconds until `ident` may try again, or None when it is not locked."""
        until = cache.get(self._key("lock", ident))
        if until is None:
            return None
        remaining = until - time.time()
        return math.ceil(remaining) if remaining > 0 else None

    def hit(self, ident: str) -> int | None:
        """Count one event; returns the lockout in seconds if this event reached the limit."""
        key, window_key = self._key("count", ident), self._key("window", ident)
        now = time.time()
        # The window's end is stored too, so it follows the application clock (and tests
        # that move it), not only the cache server's TTL.
        window_end = cache.get(window_key)
        if window_end is not None and window_end <= now:
            cache.delete_many([key, window_key])
        cache.add(window_key, now + self.window, self.window)
        cache.add(key, 0, self.window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, self.window)
            count = 1
        if count is None:  # cache unreachable (errors ignored): fail open
            return None
        if count >= self.limit:
            cache.set(self._key("lock", ident), now + self.lockout, self.lockout)
            cache.delete_many([key, window_key])
            return self.lockout
        return None

    def reset(self, ident: str) -> None:
        cache.delete_many([self._key(kind, ident) for kind in ("count", "window", "lock")])


MINUTE = 60

# Password sign-in: failures only. Five wrong passwords lock the email for 15 minutes;
# one address (office, shared Wi-Fi) gets more room before it is slowed down.
LOGIN_FAILURES_PER_EMAIL = Rule("login-email", limit=5, window=15 * MINUTE, lockout=15 * MINUTE)
LOGIN_FAILURES_PER_IP = Rule("login-ip", limit=30, window=15 * MINUTE, lockout=15 * MINUTE)
# Email-sending forms (magic link, password reset): every request counts.
EMAIL_REQUESTS_PER_EMAIL = Rule("mail-email", limit=3, window=15 * MINUTE, lockout=15 * MINUTE)
EMAIL_REQUESTS_PER_IP = Rule("mail-ip", limit=10, window=15 * MINUTE, lockout=15 * MINUTE)
# Sign-up attempts (invite or open sign-up), per IP.
SIGNUP_PER_IP = Rule("signup-ip", limit=10, window=60 * MINUTE, lockout=60 * MINUTE)


def client_ip(request: HttpRequest) -> str:
    """The client's address; behind N trusted proxies, the Nth address from the right of
    X-Forwarded-For (setting RATELIMIT_TRUSTED_PROXIES, default 0 = use REMOTE_ADDR)."""
    proxies = getattr(settings, "RATELIMIT_TRUSTED_PROXIES", 0)
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def minutes(seconds: int) -> str:
    count = max(1, math.ceil(seconds / 60))
    return f"{count} minute{'s' if count != 1 else ''}"
