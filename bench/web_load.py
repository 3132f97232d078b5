"""Load test of the web app on 127.0.0.1: concurrent clients, a fixed number of requests.

Starts ``majlis serve`` (a real uvicorn process) on a free loopback port unless ``--url`` is
given, then sends ``--requests`` requests (default 5,000) from ``--clients`` threads (default
20), each with its own keep-alive connection, mixing pages and API calls. Prints, per kind of
request, the count, errors, p50 and p95 latency; nothing is asserted (tests/web/test_load.py
runs a small version). Only loopback addresses are accepted.

    .venv/bin/python bench/web_load.py                 # 20 clients, 5,000 requests
    .venv/bin/python bench/web_load.py --requests 500
    .venv/bin/python bench/web_load.py --unique        # every URL new: no response is reused

The app keeps the responses of pure routes (majlis.web.cache), and the mix repeats ten URLs,
so the default run measures mostly answers from memory; ``--unique`` adds a distinct ignored
query parameter to every request so that each one is computed (per-day drawings are still
reused, as they would be for real visitors).
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

#: The mix of requests: (kind, path); clients cycle through it.
MIX: tuple[tuple[str, str], ...] = (
    ("page", "/"),
    ("page", "/?date=2022-07-01"),
    ("api parliament", "/api/parliament?date=2022-07-01"),
    ("page", "/coalitions?date=2022-10-27&party=sol&party=kdp&union=cf"),
    ("api parliament", "/api/parliament?election=2021"),
    ("api", "/api/coalitions?date=2022-10-27&party=sol&party=fatah&party=kdp"),
    ("page", "/?lang=ar&date=2022-10-27"),
    ("api parliament", "/api/parliament"),
    ("api", "/api/timeline?from=2022-01-01&to=2022-12-31"),
    ("page", "/data"),
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``majlis serve`` on a free loopback port; yields its base URL."""
    port = _free_port()
    home = tempfile.mkdtemp(prefix="majlis-load-")
    full_env = {**os.environ, "MAJLIS_HOME": home, **(env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from majlis.cli import main; main()", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=full_env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def run(
    base: str,
    clients: int = 20,
    requests: int = 5_000,
    mix: Sequence[tuple[str, str]] = MIX,
    unique: bool = False,
) -> dict[str, dict[str, float]]:
    """Send ``requests`` requests from ``clients`` threads; latency figures per kind (ms).

    With ``unique``, every path gets a distinct extra query parameter (``v=<i>``), which the
    app ignores but which makes each URL new to its response cache.

    Returns ``{kind: {"count", "errors", "p50", "p95", "max"}}`` plus ``"all"``; an error is a
    status >= 400 or a failed connection.
    """
    url = urllib.parse.urlsplit(base)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("the load test only targets loopback addresses")
    lock = threading.Lock()
    counter = iter(range(requests))
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)

    def client() -> None:
        con = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            kind, path = mix[i % len(mix)]
            if unique:
                path += ("&" if "?" in path else "?") + f"v={i}"
            t0 = time.perf_counter()
            try:
                con.request("GET", path)
                resp = con.getresponse()
                resp.read()
                ok = resp.status < 400
            except (OSError, http.client.HTTPException):
                ok = False
                con.close()
                con = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                times[kind].append(ms)
                times["all"].append(ms)
                if not ok:
                    errors[kind] += 1
                    errors["all"] += 1
        con.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    out: dict[str, dict[str, float]] = {}
    for kind, xs in sorted(times.items()):
        xs.sort()
        out[kind] = {
            "count": len(xs),
            "errors": errors[kind],
            "p50": xs[len(xs) // 2],
            "p95": xs[min(len(xs) - 1, int(len(xs) * 0.95))],
            "max": xs[-1],
        }
    out["all"]["seconds"] = elapsed
    return out


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=5_000)
    ap.add_argument("--url", help="a running server on 127.0.0.1 (default: start one)")
    ap.add_argument(
        "--unique", action="store_true", help="make every URL distinct (no response reused)"
    )
    args = ap.parse_args(argv)
    if args.url:
        stats = run(args.url, args.clients, args.requests, unique=args.unique)
    else:
        with served() as base:
            run(base, 2, 40)  # warm-up: imports, caches
            stats = run(base, args.clients, args.requests, unique=args.unique)
    print(
        f"{args.requests:,} requests from {args.clients} clients in {stats['all']['seconds']:.1f} s"
        + (" (every URL distinct)" if args.unique else "")
    )
    print(f"{'kind':<16} {'count':>6} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, s in stats.items():
        print(
            f"{kind:<16} {s['count']:>6} {s['errors']:>6} {s['p50']:>8.1f} {s['p95']:>8.1f} {s['max']:>8.1f}"
        )


if __name__ == "__main__":
    main()
