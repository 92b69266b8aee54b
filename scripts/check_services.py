"""Fail early, with a how-to, when the test suite's PostgreSQL or Redis is not reachable."""

import os
import sys

import psycopg
import redis

PG_HINT = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
REDIS_HINT = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'


def main() -> int:
    failed = False
    pg_url = os.environ["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
    try:
        # Connect to the server's maintenance database: the app's own may not exist yet.
        with psycopg.connect(pg_url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3):
            pass
    except psycopg.Error as exc:
        failed = True
        print(f"PostgreSQL is not reachable ({exc}).\n  Start it with: {PG_HINT}", file=sys.stderr)
    try:
        redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        failed = True
        print(f"Redis is not reachable ({exc}).\n  Start it with: {REDIS_HINT}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
