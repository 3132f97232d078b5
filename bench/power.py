"""Benchmark: exact Banzhaf and Shapley–Shubik indices, majlis vs existing Python packages.

Run:  .venv/bin/python bench/power.py [--timeout SECONDS] [--repeat N]

Games (all built here, nothing hard-coded from majlis' output):

* Iraq 2021 as elected, from the data layer (every list, and the 43 independents as
  separate one-seat players), at quota 165 (absolute majority) and 220 (two-thirds quorum);
* the US Electoral College, 51 players (50 states + DC), quota 270 of 538, with the
  electoral votes in force for the 2024 and 2028 elections (2020 census apportionment;
  Office of the Federal Register, "Distribution of Electoral Votes", archives.gov);
* a random 200-player game, weights uniform in 1..100 (seed 2024), simple majority;
* 329 single MPs at quota 165;
* (majlis only) the EU-27 Council double majority with the blocking-minority clause.

Competitors: ``powerindex`` (PyPI), ``powerindices`` (PyPI) and ``tucoopy`` (PyPI), when
installed. Each competitor call runs in a child process with a time limit; its floats are
compared with majlis' exact fractions (max absolute error). majlis is timed in process,
best of ``--repeat`` runs. Ratios are competitor time / majlis time.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
from fractions import Fraction

from majlis.games import WeightedGame, banzhaf, game_from_parliament, shapley_shubik

# 2024/2028 allocation (2020 census), 538 electors; Maine and Nebraska counted as one player each.
ELECTORAL_VOTES_2024 = {
    "AL": 9,
    "AK": 3,
    "AZ": 11,
    "AR": 6,
    "CA": 54,
    "CO": 10,
    "CT": 7,
    "DE": 3,
    "DC": 3,
    "FL": 30,
    "GA": 16,
    "HI": 4,
    "ID": 4,
    "IL": 19,
    "IN": 11,
    "IA": 6,
    "KS": 6,
    "KY": 8,
    "LA": 8,
    "ME": 4,
    "MD": 10,
    "MA": 11,
    "MI": 15,
    "MN": 10,
    "MS": 6,
    "MO": 10,
    "MT": 4,
    "NE": 5,
    "NV": 6,
    "NH": 4,
    "NJ": 14,
    "NM": 5,
    "NY": 28,
    "NC": 16,
    "ND": 3,
    "OH": 17,
    "OK": 7,
    "OR": 8,
    "PA": 19,
    "RI": 4,
    "SC": 9,
    "SD": 3,
    "TN": 11,
    "TX": 40,
    "UT": 6,
    "VT": 3,
    "VA": 13,
    "WA": 12,
    "WV": 4,
    "WI": 10,
    "WY": 3,
}

# EU Council, TEU art. 16(4): 55% of the 27 members (15) and 65% of the population, and
# a blocking minority needs 4 members. Population in 100,000s (Eurostat, 1 January 2023,
# rounded; used only as a benchmark input).
EU27_POPULATION_2023 = [
    844,
    682,
    590,
    481,
    376,
    191,
    178,
    117,
    108,
    105,
    104,
    103,
    96,
    84,
    64,
    59,
    58,
    56,
    55,
    43,
    39,
    28,
    19,
    13,
    9,
    7,
    5,
]


def iraq_game(quota: int) -> WeightedGame:
    try:
        from majlis.data import load_dataset

        parl = load_dataset("iraq").parliament(election="2021")
        return game_from_parliament(parl, quota)
    except Exception:  # data layer unavailable: the shared CSV of 2021 lists
        import csv

        weights: list[int] = []
        with open("/work/shared/data/iraq/lists_2021.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                seats = int(row["seats"])
                weights.extend([1] * seats if row["bloc_family"] == "independent" else [seats])
        return WeightedGame(weights, quota)


def games() -> list[tuple[str, WeightedGame]]:
    ev = list(ELECTORAL_VOTES_2024.values())
    assert len(ev) == 51 and sum(ev) == 538
    rng = random.Random(2024)
    r200 = [rng.randint(1, 100) for _ in range(200)]
    return [
        ("Iraq 2021 (76 players) q=165", iraq_game(165)),
        ("Iraq 2021 (76 players) q=220", iraq_game(220)),
        ("US Electoral College 2024, q=270", WeightedGame(ev, 270)),
        ("random 200 players w=1..100, majority", WeightedGame(r200, sum(r200) // 2 + 1)),
        ("329 single MPs, q=165", WeightedGame([1] * 329, 165)),
    ]


# ------------------------------------------------------------------ competitors
def _powerindex(weights, quota, which):
    import powerindex as px

    g = px.Game(quota, list(weights))
    if which == "banzhaf":
        g.calc_banzhaf()
        return list(g.banzhaf)
    g.calc_shapley_shubik()
    return list(g.shapley_shubik)


def _powerindices(weights, quota, which):
    import powerindices

    if which == "banzhaf":  # it returns the absolute (Penrose) index: normalise
        vals = powerindices.compute_pbi(quota, list(weights))
        total = sum(vals)
        return [v / total for v in vals]
    return powerindices.compute_ssi(quota, list(weights))


def _tucoopy(weights, quota, which):
    from tucoopy.power.banzhaf import banzhaf_index_weighted_voting
    from tucoopy.power.shapley_shubik import shapley_shubik_index_weighted_voting

    if which == "banzhaf":
        return list(banzhaf_index_weighted_voting(list(weights), quota))
    return list(shapley_shubik_index_weighted_voting(list(weights), quota))


COMPETITORS = {"powerindex": _powerindex, "powerindices": _powerindices, "tucoopy": _tucoopy}


def _child(fn, weights, quota, which, conn):
    try:
        t = time.perf_counter()
        out = fn(weights, quota, which)
        conn.send(("ok", time.perf_counter() - t, [float(x) for x in out]))
    except Exception as exc:
        conn.send(("error", 0.0, f"{type(exc).__name__}: {str(exc)[:60]}"))


def run_competitor(name, weights, quota, which, timeout):
    parent, child = mp.Pipe(duplex=False)
    proc = mp.Process(target=_child, args=(COMPETITORS[name], weights, quota, which, child))
    proc.start()
    if parent.poll(timeout):
        status, secs, payload = parent.recv()
        proc.join()
        return status, secs, payload
    proc.kill()
    proc.join()
    return "timeout", timeout, None


def time_majlis(fn, game, repeat):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(game)
        best = min(best, time.perf_counter() - t)
    return best, out


def available() -> list[str]:
    names = []
    for name in COMPETITORS:
        try:
            __import__(name)
            names.append(name)
        except ImportError:
            print(f"(competitor {name} not installed: skipped)")
    return names


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per competitor call")
    ap.add_argument("--repeat", type=int, default=5, help="majlis runs (best is kept)")
    args = ap.parse_args(argv)
    comps = available()
    print(f"{'game':42} {'index':8} {'majlis':>10}  competitor: time (ratio, max |error|)")
    totals: dict[str, float] = {}
    for label, game in games():
        for which, fn in (("banzhaf", banzhaf), ("ss", shapley_shubik)):
            rep = args.repeat if game.n < 150 or which == "banzhaf" else 1
            secs, exact = time_majlis(fn, game, rep)
            totals[label] = totals.get(label, 0.0) + secs
            cells = []
            for name in comps:
                status, csecs, payload = run_competitor(
                    name,
                    game.weights,
                    game.quota,
                    "banzhaf" if which == "banzhaf" else "ss",
                    args.timeout,
                )
                if status == "ok":
                    err = (
                        max(abs(Fraction(v) - e) for v, e in zip(payload, exact))
                        if len(payload) == len(exact)
                        else None
                    )
                    errs = f"{float(err):.1e}" if err is not None else "wrong length"
                    cells.append(f"{name} {csecs * 1000:.1f} ms ({csecs / secs:.0f}x, err {errs})")
                elif status == "timeout":
                    cells.append(f"{name} >{args.timeout:.0f} s (>{args.timeout / secs:.0f}x)")
                else:
                    cells.append(f"{name} failed: {payload}")
            print(f"{label:42} {which:8} {secs * 1000:8.2f}ms  " + "; ".join(cells), flush=True)
    # Several quotas: none of the competitors supports them, majlis alone.
    pop = EU27_POPULATION_2023
    eu = WeightedGame([[1] * 27, pop], [15, -(-65 * sum(pop) // 100)], blocking_min_members=4)
    for which, fn in (("banzhaf", banzhaf), ("ss", shapley_shubik)):
        secs, _ = time_majlis(fn, eu, args.repeat)
        totals["EU-27 Council (double majority)"] = (
            totals.get("EU-27 Council (double majority)", 0.0) + secs
        )
        print(
            f"{'EU-27 Council: 15 of 27 and 65% population':42} {which:8} {secs * 1000:8.2f}ms  "
            "(no competitor handles several quotas)",
            flush=True,
        )
    print()
    for label, secs in totals.items():
        print(f"majlis Banzhaf + Shapley-Shubik, {label}: {secs * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
