"""The Monte Carlo: correlated vote shares -> seats under the law -> exact tallies.

Model (one draw)
----------------
For list ``l`` in district ``d`` with expected share ``p[d, l]``::

    log-share[d, l] = log p[d, l] + eta[l] + eps[d, l]
    share[d, :]     = softmax(log-share[d, :])          (lists that do not run stay at 0)
    votes[d, :]     = round(share[d, :] * T[d])
    T[d]            = turnout[d] * exp(tau * (z + z[d]) / sqrt(2))

``eta[l] ~ N(0, national_error[l]**2)`` is shared by every district: the national error
that moves all governorates together (the error that sank seat forecasts built on
independent constituency errors, such as the UK's in 2015); ``eps[d, l] ~ N(0,
district_error[d, l]**2)`` is the district's own error; ``z`` and ``z[d]`` are standard
normal (the turnout error ``tau`` is half national, half local). Shares are therefore
logistic-normal (Aitchison 1986), the model Katz & King (1999) fit to district-level
multiparty results; unlike a Dirichlet, whose one concentration parameter ties every
list's variance to its mean and cannot share an error across districts, it separates
national from local error. A poll's Dirichlet posterior (the R package ``coalitions``) is
matched through the log-gamma variance ``1 / (n p)`` (:func:`~majlis.forecast.with_poll`).

Each district's votes then go through the election's law (:func:`majlis.electoral.apply_law_many`:
method, first divisor, threshold; ties: more votes, then the earlier list, the law
presets' documented rule), fixed seats are added, and each draw is tallied exactly:
seat histograms per list, bloc and coalition, who is largest (alone or tied), whether any
bloc reaches a majority, and optionally exact power indices of the blocs
(:mod:`majlis.games`), summed as fractions.

Reproducibility and memory
--------------------------
Draws run in blocks of :data:`majlis.runs.DEFAULT_BLOCK_SIZE`, each with its own seed
sequence (:mod:`majlis.runs`); the random numbers of a block are drawn in a fixed order
(national errors, national turnout, then per district: turnout, district errors), so a
seed gives the same draws whatever the chunking or the executor, and since every tally is
an integer (or a fraction) the result is byte-identical. Only one chunk's vote vectors
exist at a time; a run holds histograms of size lists x (house + 1), never the draws.

References
----------
.. [1] J. Aitchison, *The Statistical Analysis of Compositional Data*, Chapman and Hall, 1986.
.. [2] J. N. Katz, G. King, "A Statistical Model for Multiparty Electoral Data", *American
   Political Science Review* 93(1), 1999, pp. 15-32.
.. [3] P. Sturgis et al., *Report of the Inquiry into the 2015 British general election
   opinion polls*, Market Research Society and British Polling Council, 2016.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from majlis.electoral import Law, apply_law_many
from majlis.errors import ValidationError
from majlis.forecast.inputs import ForecastInput
from majlis.games import WeightedGame, power_index
from majlis.limits import MAX_CHUNK_CELLS, MAX_DRAW_CELLS, MAX_DRAWS, check_limit
from majlis.model import two_thirds_quota
from majlis.runs import DEFAULT_BLOCK_SIZE, Block, check_seed, open_executor, run_blocks

__all__ = [
    "Plan",
    "Tally",
    "compile_plan",
    "simulate",
    "simulate_chunk",
]

_SQRT_HALF = math.sqrt(0.5)
_MIN_VOTES = 1e6  # districts are scaled up to at least this many votes (rounding only)


@dataclass(frozen=True)
class _District:
    name: str
    seats: int
    cols: np.ndarray  # lists that run here
    log_mean: np.ndarray
    sd: np.ndarray
    turnout: float


@dataclass(frozen=True)
class Plan:
    """A forecast input compiled for simulation (picklable: sent to workers once per chunk)."""

    law: Law
    house: int
    n_lists: int
    districts: tuple[_District, ...]
    national_error: np.ndarray
    turnout_error: float
    fixed: np.ndarray
    groups: np.ndarray  # (blocs + coalitions, lists) 0/1
    n_blocs: int
    power: str | None
    quotas: tuple[int, ...]

    @property
    def cells(self) -> int:
        """(list, district) cells simulated per draw."""
        return sum(d.cols.size for d in self.districts)


def compile_plan(inp: ForecastInput, power: str | None = None) -> Plan:
    """Compile a :class:`ForecastInput` (and an optional power index id) into a :class:`Plan`."""
    scale = max(1.0, _MIN_VOTES / float(inp.turnout.min()))
    districts = []
    for k, (name, seats) in enumerate(zip(inp.districts, inp.seats)):
        cols = np.flatnonzero(inp.shares[k] > 0)
        districts.append(
            _District(
                name,
                int(seats),
                cols,
                np.log(inp.shares[k, cols]),
                inp.district_error[k, cols],
                float(inp.turnout[k]) * scale,
            )
        )
    lists = {lid: i for i, lid in enumerate(inp.lists)}
    bloc_members = {b.id: b.members for b in inp.blocs}
    rows = []
    for b in inp.blocs:
        rows.append([lists[m] for m in b.members])
    for c in inp.coalitions:
        members: set[int] = set()
        for m in c:
            members |= {lists[x] for x in bloc_members.get(m, (m,))}
        rows.append(sorted(members))
    groups = np.zeros((len(rows), len(inp.lists)), dtype=np.int64)
    for g, cols_ in enumerate(rows):
        groups[g, cols_] = 1
    if power is not None:
        power_index(power)  # fail early on an unknown id
        cover = groups[: len(inp.blocs)].sum(axis=0)
        holders = (inp.shares > 0).any(axis=0) | (inp.fixed > 0)
        if (cover[holders] != 1).any():
            bad = inp.lists[int(np.flatnonzero(holders & (cover != 1))[0])]
            raise ValidationError(
                f"power indices need blocs that share out every list exactly once; {bad!r} is in "
                f"{int(cover[inp.lists.index(bad)])} blocs"
            )
    return Plan(
        law=inp.law,
        house=inp.house_size,
        n_lists=len(inp.lists),
        districts=tuple(districts),
        national_error=inp.national_error,
        turnout_error=inp.turnout_error,
        fixed=inp.fixed,
        groups=groups,
        n_blocs=len(inp.blocs),
        power=power,
        quotas=(inp.majority, two_thirds_quota(inp.house_size)),
    )


@dataclass(frozen=True)
class Tally:
    """Exact aggregates of a set of draws (integers and fractions: order-independent sums).

    Attributes
    ----------
    draws : int
    list_hist, group_hist : numpy.ndarray of int64, shape (n, house + 1)
        Draws in which each list / group (blocs then coalitions) won k seats.
    list_largest, list_tied, bloc_largest, bloc_tied : numpy.ndarray of int64
        Draws in which it was the largest alone / tied for the largest.
    no_bloc_majority : int
        Draws in which no bloc reached a majority.
    power : tuple of tuple of Fraction, or None
        Per quota (majority, two-thirds), the sum over draws of each bloc's power index.
    """

    draws: int
    list_hist: np.ndarray
    group_hist: np.ndarray
    list_largest: np.ndarray
    list_tied: np.ndarray
    bloc_largest: np.ndarray
    bloc_tied: np.ndarray
    no_bloc_majority: int
    power: tuple[tuple[Fraction, ...], ...] | None = None

    def combine(self, other: Tally) -> Tally:
        """The tally of both sets of draws."""
        power = None
        if self.power is not None and other.power is not None:
            power = tuple(
                tuple(a + b for a, b in zip(pa, pb)) for pa, pb in zip(self.power, other.power)
            )
        return Tally(
            self.draws + other.draws,
            self.list_hist + other.list_hist,
            self.group_hist + other.group_hist,
            self.list_largest + other.list_largest,
            self.list_tied + other.list_tied,
            self.bloc_largest + other.bloc_largest,
            self.bloc_tied + other.bloc_tied,
            self.no_bloc_majority + other.no_bloc_majority,
            power,
        )


def _combine(a: Tally, b: Tally) -> Tally:
    return a.combine(b)


def _hist(values: np.ndarray, size: int) -> np.ndarray:
    """Rows x columns of seat counts -> (columns, size) histogram."""
    n = values.shape[1]
    flat = (values + np.arange(n) * size).ravel()
    return np.bincount(flat, minlength=n * size).reshape(n, size).astype(np.int64)


def _largest(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if values.shape[1] == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    top = values.max(axis=1, keepdims=True)
    is_top = values == top
    alone = is_top.sum(axis=1) == 1
    return (
        (is_top & alone[:, None]).sum(axis=0).astype(np.int64),
        (is_top & ~alone[:, None]).sum(axis=0).astype(np.int64),
    )


_POWER_CACHE: dict[tuple[str, int, tuple[int, ...]], tuple[Fraction, ...]] = {}


def _power(index: str, quota: int, weights: tuple[int, ...]) -> tuple[Fraction, ...]:
    key = (index, quota, weights)
    got = _POWER_CACHE.get(key)
    if got is None:
        if len(_POWER_CACHE) > 200_000:
            _POWER_CACHE.clear()
        got = tuple(power_index(index)(WeightedGame(list(weights), quota)))
        _POWER_CACHE[key] = got
    return got


def _draw_votes(plan: Plan, block: Block) -> list[np.ndarray]:
    """One block's vote vectors per district (the fixed order of random numbers)."""
    rng = block.rng()
    n = block.size
    eta = rng.standard_normal((n, plan.n_lists)) * plan.national_error
    z = rng.standard_normal(n)
    out = []
    for d in plan.districts:
        zd = rng.standard_normal(n)
        eps = rng.standard_normal((n, d.cols.size))
        x = d.log_mean + eta[:, d.cols] + eps * d.sd
        x -= x.max(axis=1, keepdims=True)
        np.exp(x, out=x)
        turnout = d.turnout * np.exp(plan.turnout_error * _SQRT_HALF * (z + zd))
        x *= (turnout / x.sum(axis=1))[:, None]
        out.append(np.floor(x + 0.5).astype(np.int64))
    return out


def simulate_chunk(plan: Plan, chunk: tuple[Block, ...]) -> Tally:
    """Simulate and tally the draws of consecutive blocks (the task of :func:`simulate`)."""
    per_block = [_draw_votes(plan, b) for b in chunk]
    rows = sum(b.size for b in chunk)
    seats = np.tile(plan.fixed, (rows, 1))
    votes = [np.concatenate([pb[k] for pb in per_block]) for k in range(len(plan.districts))]
    del per_block
    magnitudes = {d.name: d.seats for d in plan.districts}
    if plan.law.threshold is not None and plan.law.threshold_scope == "national":
        full = {}
        for d, v in zip(plan.districts, votes):
            m = np.zeros((rows, plan.n_lists), dtype=np.int64)
            m[:, d.cols] = v
            full[d.name] = m
        for s in apply_law_many(plan.law, full, magnitudes).values():
            seats += s
    else:
        for d, v in zip(plan.districts, votes):
            seats[:, d.cols] += apply_law_many(plan.law, {d.name: v}, {d.name: d.seats})[d.name]
    del votes
    size = plan.house + 1
    group_seats = seats @ plan.groups.T
    blocs = group_seats[:, : plan.n_blocs]
    list_largest, list_tied = _largest(seats)
    bloc_largest, bloc_tied = _largest(blocs)
    majority = plan.quotas[0]
    no_majority = int((blocs.max(axis=1) < majority).sum()) if plan.n_blocs else rows
    power = None
    if plan.power is not None and plan.n_blocs:
        uniq, counts = np.unique(blocs, axis=0, return_counts=True)
        per_quota = []
        for q in plan.quotas:
            sums = [Fraction(0)] * plan.n_blocs
            for w, c in zip(uniq.tolist(), counts.tolist()):
                vals = _power(plan.power, q, tuple(w))
                sums = [s + c * v for s, v in zip(sums, vals)]
            per_quota.append(tuple(sums))
        power = tuple(per_quota)
    return Tally(
        rows,
        _hist(seats, size),
        _hist(group_seats, size),
        list_largest,
        list_tied,
        bloc_largest,
        bloc_tied,
        no_majority,
        power,
    )


def _chunk_size(cells: int, block_size: int, chunk_size: int | None) -> int:
    """Draws per chunk: the one given (checked) or 16 blocks, within :data:`majlis.limits.MAX_CHUNK_CELLS`.

    A chunk holds its draws' vote vectors at once, so ``draws x cells`` of a chunk is what
    bounds a run's memory; chunks are whole blocks (at least one).
    """
    check_limit(
        cells,
        MAX_CHUNK_CELLS // block_size,
        f"(list, district) cells a draw (a chunk holds at least one block of {block_size:,} draws)",
    )
    widest = max(1, MAX_CHUNK_CELLS // (cells * block_size)) * block_size
    if chunk_size is None:
        return min(16 * block_size, widest)
    if (
        isinstance(chunk_size, bool)
        or not isinstance(chunk_size, int | np.integer)
        or chunk_size < 1
    ):
        raise ValidationError(f"chunk_size must be a positive whole number, got {chunk_size!r}")
    blocks = max(1, int(chunk_size) // block_size)
    check_limit(
        blocks * block_size * cells,
        MAX_CHUNK_CELLS,
        f"draws x (list, district) cells in one chunk ({cells:,} cells a draw: "
        f"chunk_size at most {widest:,})",
    )
    return blocks * block_size


def simulate(
    inp: ForecastInput,
    draws: int,
    seed: int | None = None,
    *,
    power: str | None = None,
    block_size: int = DEFAULT_BLOCK_SIZE,
    chunk_size: int | None = None,
    executor: Executor | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[Tally | None, Any]:
    """Run ``draws`` simulations of ``inp`` and return ``(tally, run)``.

    ``run`` is the :class:`majlis.runs.RunResult` (done, seed, interrupted); chunks run in
    this process, on ``executor``, or on a Dask cluster (``workers`` / ``scheduler``,
    :func:`majlis.runs.open_executor`). See :func:`majlis.forecast.run_forecast` for the
    parameters; this is its engine.
    """
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer):
        raise ValidationError(f"draws must be a whole number, got {draws!r}")
    if draws < 1:
        raise ValidationError(f"draws must be at least 1, got {draws}")
    check_limit(int(draws), MAX_DRAWS, "draws per forecast")
    plan = compile_plan(inp, power)
    check_limit(
        int(draws) * plan.cells,
        MAX_DRAW_CELLS,
        f"draws x (list, district) cells per forecast ({plan.cells:,} cells a draw)",
    )
    seed = check_seed(seed)
    chunk_size = _chunk_size(plan.cells, block_size, chunk_size)
    task = functools.partial(simulate_chunk, plan)
    if executor is not None or (workers is None and scheduler is None):
        run = run_blocks(
            task, int(draws), seed=seed, combine=_combine, block_size=block_size,
            chunk_size=chunk_size, executor=executor, progress=progress, should_stop=should_stop,
        )  # fmt: skip
    else:
        with open_executor(workers=workers, scheduler=scheduler) as ex:
            run = run_blocks(
                task, int(draws), seed=seed, combine=_combine, block_size=block_size,
                chunk_size=chunk_size, executor=ex, max_pending=2 * (workers or 4),
                progress=progress, should_stop=should_stop,
            )  # fmt: skip
    return run.value, run
