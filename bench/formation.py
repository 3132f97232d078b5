"""Benchmark: the coalition-theory backtest and ``predict`` (goals: < 60 s and < 10 s).

Run:  .venv/bin/python bench/formation.py [--data DIR] [--repeat N]

1. Backtest of every ParlGov post-election formation opportunity (the built-in 07/23 extract,
   or ``--data``, a ParlGov CSV export folder) with every registered theory, the fitted model
   scored leave-one-country-out (one refit per country) and in sample: the work of
   ``majlis backtest --data DIR --format parlgov``. Goal: under 60 s.
2. ``predict`` on 300 opportunities (the first 300 of the same set), once per theory, every
   coalition each theory predicts (no ``top``). Goal: under 10 s per theory.
3. A reference run for the set theories: the minimal winning coalitions of the same 300
   opportunities found by a plain enumeration of every subset (itertools, the textbook
   definition), against majlis' enumerator (majlis.games, output-sensitive). No installed
   package ranks coalition theories or fits a conditional logit (statsmodels is not a
   dependency), so the ratio is against this naive count, which must agree coalition for
   coalition; opportunities with more than ``--naive-max`` eligible parties are left to majlis.

Each figure is the best of ``--repeat`` runs (wall time, in process).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from itertools import combinations
from typing import Any

from majlis.data import read_parlgov
from majlis.formation import THEORIES, backtest, predict
from majlis.formation.candidates import iter_minimal_winning
from majlis.model import FormationOpportunity


def best_of(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def naive_minimal_winning(opp: FormationOpportunity) -> set[frozenset[str]]:
    """Every subset of the eligible parties, kept if winning and losing without any member."""
    parties = [(p.id, p.seats) for p in opp.eligible_parties]
    q = opp.majority_threshold
    out = set()
    for k in range(1, len(parties) + 1):
        for c in combinations(parties, k):
            total = sum(s for _, s in c)
            if total >= q and total - min(s for _, s in c) < q:
                out.add(frozenset(p for p, _ in c))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=None, help="ParlGov CSV export folder (built-in extract)")
    ap.add_argument("--repeat", type=int, default=1, help="best of N runs (default 1)")
    ap.add_argument("--naive-max", type=int, default=16, help="naive count up to N parties")
    args = ap.parse_args(argv)

    secs, pg = best_of(1, lambda: read_parlgov(args.data))
    opps = [o for o in pg.opportunities if o.cabinet]
    print(
        f"ParlGov: {len(opps)} formation opportunities with a known cabinet, read in {secs:.2f} s"
    )

    secs, result = best_of(args.repeat, lambda: backtest(opps))
    print(
        f"\n1. backtest, {len(THEORIES)} theories, model leave-one-country-out "
        f"({result.countries} refits) + in sample: {secs:.2f} s "
        f"(goal < 60 s: {'met' if secs < 60 else 'NOT met'})"
    )
    print(f"   {'theory':18} {'top-1':>6} {'top-5':>6} {'any hit':>8} {'mean rank':>10}")
    for name, s in result.theories.items():
        rows = [(name, s)] + ([(name + " (in)", s.in_sample)] if s.in_sample else [])
        for label, r in rows:
            rank = "" if r.mean_rank is None else f"{r.mean_rank:.1f}"
            print(f"   {label:18} {r.top1:6.3f} {r.top5:6.3f} {r.any_hit:8.3f} {rank:>10}")

    sample = opps[:300]
    print(f"\n2. predict on {len(sample)} opportunities, every coalition predicted (no top):")
    worst = 0.0
    for theory in THEORIES:
        secs, out = best_of(args.repeat, lambda t=theory: predict(sample, t))
        worst = max(worst, secs)
        listed = sum(len(r.predictions) for r in out.results)
        print(f"   {theory:18} {secs:7.3f} s  ({listed:,} coalitions listed)")
    print(f"   slowest theory: {worst:.3f} s (goal < 10 s: {'met' if worst < 10 else 'NOT met'})")

    small = [o for o in sample if len(o.eligible_parties) <= args.naive_max]
    secs_m, ours = best_of(
        args.repeat, lambda: [{frozenset(c) for c in iter_minimal_winning(o)} for o in small]
    )
    secs_n, naive = best_of(args.repeat, lambda: [naive_minimal_winning(o) for o in small])
    agree = sum(a == b for a, b in zip(ours, naive))
    total = sum(len(a) for a in ours)
    print(
        f"\n3. minimal winning coalitions of {len(small)} opportunities (<= {args.naive_max} "
        f"parties, {total:,} coalitions): majlis {secs_m:.3f} s, naive subsets {secs_n:.3f} s "
        f"(ratio naive/majlis {secs_n / max(secs_m, 1e-9):.1f}x); identical sets: "
        f"{agree}/{len(small)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
