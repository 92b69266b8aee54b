"""Profile one page for one member of the bench database, with the standard library's cProfile.

    .venv/bin/python bench/profile_page.py EMAIL URL [--uncached] [--repeat N] [--sort tottime]

Prints the page's CPU time against the reference page, its queries (slowest first) and the
profile of `repeat` GETs. `--uncached` clears the cache before each GET. The member must
exist in BENCH_DB (run the bench that creates them first, e.g. `bench/run.py history`).
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import time

import common


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("email")
    parser.add_argument("url")
    parser.add_argument("--uncached", action="store_true")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()

    common.setup_django()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fitness.accounts.models import User

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(email=args.email))

    def get(url: str) -> None:
        if args.uncached and url == args.url:
            cache.clear()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    def cpu_ms(url: str) -> float:
        get(url)
        times = []
        for _ in range(args.repeat):
            start = time.process_time()
            get(url)
            times.append(time.process_time() - start)
        return statistics.median(times) * 1000

    page, reference = cpu_ms(args.url), cpu_ms(common.REFERENCE_URL)
    print(f"CPU {page:.1f} ms vs reference {reference:.1f} ms = {page / reference:.1f}x")
    if args.uncached:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(args.url)
    print(f"{len(queries)} queries")
    for query in sorted(queries, key=lambda q: -float(q["time"])):
        print(f"  {query['time']} s  {query['sql'][:150]}")

    profile = cProfile.Profile()
    for _ in range(args.repeat):
        profile.runcall(get, args.url)
    pstats.Stats(profile).sort_stats(args.sort).print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
