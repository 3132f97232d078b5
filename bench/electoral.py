"""Benchmark of majlis.electoral.allocate_many against the existing packages, in one run.

1. 10,000 vote vectors x 100 lists x 329 seats (D'Hondt): majlis ``allocate_many`` vs
   ``apportionment`` 1.0 (PyPI; one Python call per allocation) and, if installed,
   ``votelib`` 0.4.0; also modified Sainte-Laguë (1.7) vs votelib with a Fraction divisor.
   Results are compared row by row (the random vote vectors are tie-free).
2. 1,000,000 modified Sainte-Laguë (1.7) allocations of Iraq's 18 governorates (general
   seats from the 2018/2025 seat table, 320 in all): 1,000,000 draws x 18 governorates, timed.

Usage: python bench/electoral.py [--draws 10000] [--baseline-runs N] [--iraq-draws 1000000]
``--baseline-runs`` times the slow packages on the first N vectors only and extrapolates to
all draws (printed as such). Goals (issue 4): >= 50x faster than the existing package;
the 1,000,000 Iraq allocations in < 60 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import time
from fractions import Fraction

import numpy as np

from majlis.data import load_dataset
from majlis.electoral import allocate_many

IRAQ_GOVERNORATE_SEATS = dict(load_dataset("iraq").law("iraq-2025").seats_by_district)


def _time(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def part1(draws: int, baseline_runs: int, lists: int = 100, seats: int = 329) -> None:
    rng = np.random.default_rng(2026)
    votes = (rng.dirichlet(np.ones(lists), size=draws) * 10_000_000).astype(np.int64)
    print(f"[1] {draws:,} vote vectors x {lists} lists x {seats} seats")
    ours, t_ours = _time(lambda: allocate_many(votes, seats, "dhondt"))
    print(f"    majlis allocate_many dhondt        {t_ours:8.3f} s")
    n = min(baseline_runs, draws)
    try:
        from apportionment import methods as app
    except ImportError:  # pragma: no cover
        print("    apportionment not installed (pip install apportionment)")
    else:
        names = [f"p{i}" for i in range(lists)]
        rows = votes[:n].tolist()
        theirs, t_app = _time(
            lambda: [app.compute("dhondt", r, seats, parties=names, verbose=False) for r in rows]
        )
        t_all = t_app * draws / n
        bad = sum(1 for i in range(n) if list(theirs[i]) != ours[i].tolist())
        label = "" if n == draws else f" (timed {n:,}, extrapolated)"
        print(
            f"    apportionment 1.0 dhondt           {t_all:8.3f} s{label}; rows differing: {bad}"
        )
        print(f"    ratio apportionment / majlis       {t_all / t_ours:8.1f} x")
    try:
        from votelib.evaluate.proportional import HighestAverages
    except ImportError:
        print("    votelib not installed (pip install votelib): skipped")
        return
    m = min(n, 1000)
    for label, method, fd, divisor in [
        ("dhondt", "dhondt", None, "d_hondt"),
        (
            "sainte-lague 1.7",
            "sainte-lague",
            "1.7",
            lambda k: Fraction(17, 10) if k == 0 else 2 * k + 1,
        ),
    ]:
        ours, t_ours = _time(lambda: allocate_many(votes, seats, method, first_divisor=fd))
        ev = HighestAverages(divisor)
        rows = votes[:m]
        theirs, t_v = _time(
            lambda: [ev.evaluate({i: int(x) for i, x in enumerate(r)}, seats) for r in rows]
        )
        bad = sum(
            1 for i in range(m) if [theirs[i].get(j, 0) for j in range(lists)] != ours[i].tolist()
        )
        short = sum(1 for i in range(m) if any(not isinstance(k, int) for k in theirs[i]))
        t_all = t_v * draws / m
        print(f"    majlis allocate_many {label:<16}{t_ours:8.3f} s")
        print(
            f"    votelib 0.4.0 {label:<22}{t_all:8.3f} s (timed {m:,}, extrapolated); rows differing: {bad}"
            + (
                f", of which {short} exact ties that votelib leaves unresolved (majlis: more votes wins)"
                if short
                else ""
            )
        )
        print(f"    ratio votelib / majlis             {t_all / t_ours:8.1f} x")


def part2(draws: int, lists: int = 12) -> None:
    print(
        f"[2] {draws:,} modified Sainte-Lague (1.7) allocations of Iraq's 18 governorates "
        f"({sum(IRAQ_GOVERNORATE_SEATS.values())} seats, {lists} lists each)"
    )
    rng = np.random.default_rng(7)
    total = 0.0
    chunk = 250_000
    seats_won = np.zeros(lists, dtype=np.int64)
    for _gov, seats in IRAQ_GOVERNORATE_SEATS.items():
        share = rng.dirichlet(np.ones(lists) * 2)  # this governorate's expected shares
        for start in range(0, draws, chunk):
            k = min(chunk, draws - start)
            votes = rng.multinomial(400_000, share, size=k).astype(np.int64)
            out, t = _time(lambda: allocate_many(votes, seats, "sainte-lague", first_divisor="1.7"))
            total += t
            seats_won += out.sum(axis=0)
    print(
        f"    majlis allocate_many (allocation time only) {total:8.2f} s "
        f"({draws * 18 / total:,.0f} governorate allocations per second)"
    )
    print(f"    goal < 60 s: {'met' if total < 60 else 'NOT met'}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--baseline-runs", type=int, default=10_000)
    ap.add_argument("--iraq-draws", type=int, default=1_000_000)
    a = ap.parse_args()
    part1(a.draws, a.baseline_runs)
    part2(a.iraq_draws)


if __name__ == "__main__":
    main()
