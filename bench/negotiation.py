"""Benchmark of majlis.formation.negotiation: 1,000 runs of iraq-2021, single process and chunked.

1. ``prepare("iraq-2021")``: the scenario resolved on the dataset (seats of each round's day,
   positions, committees, pacts): done once per call of ``negotiate``.
2. ``negotiate`` on ``--runs`` runs in this process (``executor=None``): wall and CPU time, runs
   per second. Goal (issue): 1,000 runs in under 30 s on a 2-core machine.
3. The same runs chunked over a 2-process ``concurrent.futures.ProcessPoolExecutor`` (the
   ``majlis.runs.run_blocks`` machinery the forecast uses): identical outcome counts (a run's
   random stream depends only on the seed and its index), wall time and the speed-up over [2].
4. With ``--dask``: the same on a 2-worker ``dask.distributed`` LocalCluster
   (``majlis.runs.open_executor``), cluster start-up included.
5. One traced run (``trace_run``), the cost of recording the trace.

No other package simulates this negotiation, so the comparison is majlis against itself:
one process against chunks on two processes, and a run with and without its trace.

Usage: python bench/negotiation.py [--runs 1000] [--seed 1] [--dask]
"""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor

from majlis.formation.negotiation import negotiate, prepare, simulate_run, trace_run
from majlis.formation.negotiation.batch import run_rng


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dask", action="store_true", help="also run on a 2-worker Dask cluster")
    args = ap.parse_args()
    print(f"cores visible: {os.cpu_count()}")

    t = time.perf_counter()
    spec = prepare("iraq-2021")
    t_prep = time.perf_counter() - t
    print(f"[1] prepare('iraq-2021'): {t_prep:.2f} s ({len(spec.rounds)} rounds, "
          f"{len(spec.actors)} actors, {len(spec.channels)} channels)")  # fmt: skip

    t, c = time.perf_counter(), time.process_time()
    single = negotiate(spec, runs=args.runs, seed=args.seed)
    w1, cpu1 = time.perf_counter() - t, time.process_time() - c
    print(f"[2] negotiate, one process: {args.runs:,} runs in {w1:.2f} s wall, {cpu1:.2f} s CPU "
          f"({args.runs / w1:,.0f} runs/s; {w1 / args.runs * 1000:.1f} ms a run)")  # fmt: skip
    total = t_prep + w1
    print(f"    with prepare: {total:.2f} s; goal 1,000 runs < 30 s: "
          f"{'met' if total * 1000 / args.runs < 30 else 'NOT met'}")  # fmt: skip

    t = time.perf_counter()
    with ProcessPoolExecutor(2) as ex:
        pooled = negotiate(spec, runs=args.runs, seed=args.seed, executor=ex, chunk_size=50)
    w2 = time.perf_counter() - t
    same = pooled.tally.outcomes == single.tally.outcomes
    print(f"[3] negotiate, 2 processes (chunks of 50 runs): {w2:.2f} s wall "
          f"({args.runs / w2:,.0f} runs/s), x{w1 / w2:.2f} vs one process; "
          f"identical outcome counts: {same}")  # fmt: skip

    if args.dask:
        from majlis.runs import open_executor

        t = time.perf_counter()
        with open_executor(workers=2) as ex:
            t_up = time.perf_counter() - t
            t2 = time.perf_counter()
            dres = negotiate(spec, runs=args.runs, seed=args.seed, executor=ex, chunk_size=50)
            w3 = time.perf_counter() - t2
        print(f"[4] negotiate on Dask (2 workers): cluster start {t_up:.2f} s, runs {w3:.2f} s, "
              f"identical: {dres.tally.outcomes == single.tally.outcomes}")  # fmt: skip

    t = time.perf_counter()
    simulate_run(spec, run_rng(args.seed, 0))
    plain = time.perf_counter() - t
    t = time.perf_counter()
    trace_run(spec, seed=args.seed, run=0)
    traced = time.perf_counter() - t
    print(f"[5] run 0 without / with its trace: {plain * 1000:.1f} ms / {traced * 1000:.1f} ms")

    kinds = ", ".join(f"{k} {float(p):.3f}" for k, p in single.kinds().items())
    print(f"    outcome kinds ({args.runs:,} runs, seed {args.seed}): {kinds}")


if __name__ == "__main__":
    main()
