"""Benchmark of majlis.forecast on Iraq's 2025 house, against the straightforward loop, in one run.

1. ``run_forecast`` on the built-in Iraq input (the 2025 results per governorate, modified
   Sainte-Laguë 1.7, every list) for ``--draws`` draws in this process: time, draws per
   second and the process's peak resident memory (``ru_maxrss``). Goal (issue 11): 1,000,000
   draws in under 60 s on a 2-core machine.
2. The straightforward loop on ``--baseline-draws`` draws: the same vote vectors (majlis's
   own generator, given to the loop for free), then one call of an existing apportionment
   package per governorate per draw (votelib 0.4 ``HighestAverages`` with divisors 1.7, 3,
   5, ...; the PyPI ``apportionment`` package has no 1.7 first divisor) and a Python tally.
   Its seats are compared with majlis's draw by draw, and its time with majlis's on the same
   draws, and per draw with the run of [1]. Goal: at least 20x. Times are CPU seconds of
   this process (``time.process_time``) besides wall time: other work on the machine slows
   the wall clock, not the CPU time.
3. The run of [1] on a 2-worker ``dask.distributed`` LocalCluster: identical JSON, and the
   overhead (cluster start-up, task transfer) printed, with the workers' CPU time beside the
   single process's: on a shared machine the wall time depends on the free cores.

Usage: python bench/forecast.py [--draws 1000000] [--baseline-draws 1000] [--seed 1]
       [--skip-baseline] [--skip-dask]
For the memory figure of a long run: python bench/forecast.py --draws 10000000 --skip-baseline --skip-dask
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections import Counter
from fractions import Fraction

from majlis.data import load_dataset
from majlis.forecast import from_election, run_forecast
from majlis.forecast.simulate import _draw_votes, compile_plan
from majlis.runs import make_blocks


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def part1(inp, draws: int, seed: int) -> tuple[str, float, float]:
    print(f"[1] majlis run_forecast: Iraq 2025 ({len(inp.districts)} districts, {len(inp.lists)} lists, "
          f"law {inp.law.id}), {draws:,} draws, one process")  # fmt: skip
    before = _peak_mb()
    t, c = time.perf_counter(), time.process_time()
    res = run_forecast(inp, draws, seed)
    dt, cpu = time.perf_counter() - t, time.process_time() - c
    print(f"    wall time                 {dt:8.2f} s  ({draws / dt:,.0f} draws/s)")
    print(f"    CPU time of this process  {cpu:8.2f} s  ({cpu / draws * 1e6:.1f} us a draw)")
    print(f"    peak RSS before / after   {before:8.0f} MB / {_peak_mb():.0f} MB")
    cf = res.find("cf")
    print(
        f"    Coordination Framework    mean {cf.mean:.1f}, 90% {cf.p5}-{cf.p95}, P(>=165) {cf.p_majority:.3f}"
    )
    per_million = dt * 1_000_000 / draws
    print(
        f"    goal 1,000,000 draws < 60 s (wall): {'met' if per_million < 60 else 'NOT met'} "
        f"({per_million:.1f} s per million)"
    )
    return json.dumps(res.to_dict()), dt, cpu / draws


def part2(inp, draws: int, seed: int, cpu_per_draw: float) -> None:
    try:
        from votelib.evaluate.proportional import HighestAverages
    except ImportError:
        print("[2] votelib not installed (pip install 'majlis[bench]'): skipped")
        return
    print(f"[2] straightforward loop, {draws:,} draws: votelib 0.4 HighestAverages(1.7, 3, 5, ...) "
          "per governorate per draw")  # fmt: skip
    ev = HighestAverages(lambda k: Fraction(17, 10) if k == 0 else 2 * k + 1)
    plan = compile_plan(inp)
    blocks = make_blocks(draws, seed)
    clock = time.process_time()
    ours = run_forecast(inp, draws, seed)
    t_ours = time.process_time() - clock
    clock = time.process_time()
    hist: Counter[tuple[str, int]] = Counter()
    for b in blocks:
        per_district = _draw_votes(plan, b)
        for row in range(b.size):
            seats = Counter({inp.lists[i]: int(plan.fixed[i]) for i in range(len(inp.lists))})
            for d, votes in zip(plan.districts, per_district):
                got = ev.evaluate({int(j): int(v) for j, v in zip(d.cols, votes[row])}, d.seats)
                for j, s in got.items():
                    seats[inp.lists[j]] += s
            for lid, s in seats.items():
                hist[(lid, s)] += 1
    t_lib = time.process_time() - clock
    differ = sum(
        1
        for x in ours.lists
        if {k: v for k, v in x.hist.items()}
        != {s: n for (lid, s), n in hist.items() if lid == x.id and n}
    )
    print(f"    votelib loop (CPU)        {t_lib:8.2f} s  ({t_lib / draws * 1e6:.0f} us a draw)")
    print(f"    majlis, same draws (CPU)  {t_ours:8.2f} s  (fixed costs included)")
    print(f"    lists whose seat histogram differs: {differ} of {len(ours.lists)}")
    print(
        f"    ratio per draw, votelib / majlis [1] (CPU): {t_lib / draws / cpu_per_draw:6.1f} x  (goal >= 20x)"
    )


def part3(inp, draws: int, seed: int, single: str, t_single: float, cpu_single: float) -> None:
    try:
        from majlis.runs import open_executor
    except ImportError:  # pragma: no cover
        return
    print(f"[3] the run of [1] on a 2-worker dask.distributed LocalCluster ({draws:,} draws)")
    t0 = time.perf_counter()
    try:
        from distributed import default_client

        with open_executor(workers=2) as ex:
            t1 = time.perf_counter()
            before = default_client().run(time.process_time)
            res = run_forecast(inp, draws, seed, executor=ex, chunk_size=16 * 1024)
            t2 = time.perf_counter()
            after = default_client().run(time.process_time)
    except Exception as exc:  # print why and go on
        print(f"    skipped: {exc}")
        return
    t3 = time.perf_counter()
    same = json.dumps(res.to_dict()) == single
    worker_cpu = sum(after[w] - before[w] for w in before)
    print(f"    cluster start-up          {t1 - t0:8.2f} s")
    print(f"    run on 2 workers          {t2 - t1:8.2f} s  (one process: {t_single:.2f} s)")
    print(f"    CPU time of the workers   {worker_cpu:8.2f} s  (one process: {cpu_single:.2f} s)")
    print(
        f"    total incl. shutdown      {t3 - t0:8.2f} s; overhead vs one process {t3 - t0 - t_single:+.2f} s"
    )
    print(f"    JSON identical to [1]:    {same}")
    print(
        f"    load average now: {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores"
    )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--draws", type=int, default=1_000_000)
    ap.add_argument("--baseline-draws", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--skip-dask", action="store_true")
    a = ap.parse_args()
    inp = from_election(load_dataset("iraq"), 2025)
    single, t_single, cpu_per_draw = part1(inp, a.draws, a.seed)
    if not a.skip_baseline:
        part2(inp, a.baseline_draws, a.seed, cpu_per_draw)
    if not a.skip_dask:
        part3(inp, a.draws, a.seed, single, t_single, cpu_per_draw * a.draws)


if __name__ == "__main__":
    main()
