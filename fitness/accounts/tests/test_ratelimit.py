import time_machine

from fitness.accounts.ratelimit import Rule, client_ip, minutes

RULE = Rule("test", limit=3, window=60, lockout=300)


def test_identifier_is_locked_when_the_limit_is_reached_and_unlocked_after_the_lockout():
    with time_machine.travel("2026-01-05 10:00:00", tick=False) as clock:
        assert RULE.hit("a@example.com") is None
        assert RULE.hit("A@Example.com ") is None  # same identifier, whatever the case
        assert RULE.retry_after("a@example.com") is None
        assert RULE.hit("a@example.com") == 300
        assert RULE.retry_after("a@example.com") == 300
        assert RULE.retry_after("b@example.com") is None
        clock.shift(299)
        assert RULE.retry_after("a@example.com") == 1
        clock.shift(2)
        assert RULE.retry_after("a@example.com") is None


def test_events_spread_over_more_than_the_window_do_not_lock():
    with time_machine.travel("2026-01-05 10:00:00", tick=False) as clock:
        RULE.hit("ip")
        RULE.hit("ip")
        clock.shift(61)
        assert RULE.hit("ip") is None
        assert RULE.retry_after("ip") is None


def test_reset_clears_count_and_lock():
    for _ in range(3):
        RULE.hit("x")
    assert RULE.retry_after("x")
    RULE.reset("x")
    assert RULE.retry_after("x") is None
    assert RULE.hit("x") is None


def test_client_ip_uses_remote_addr_unless_proxies_are_trusted(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2")
    assert client_ip(request) == "10.0.0.1"
    settings.RATELIMIT_TRUSTED_PROXIES = 1
    assert client_ip(request) == "2.2.2.2"


def test_minutes_rounds_up():
    assert minutes(1) == "1 minute"
    assert minutes(61) == "2 minutes"
    assert minutes(900) == "15 minutes"
