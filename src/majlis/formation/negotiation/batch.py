"""Many runs of a negotiation (:func:`negotiate`), one run's trace (:func:`trace_run`).

Runs go through :func:`majlis.runs.run_blocks`, the package's seeded, chunked machinery: run
``i`` draws every random number from its own stream,
``numpy.random.SeedSequence(seed, spawn_key=(i,))`` (PCG64), so that a seed gives the same
runs whatever the chunk size, the executor or the number of workers, and
``trace_run(scenario, seed, run=i)`` replays exactly run ``i`` of ``negotiate(scenario,
seed=seed)``. A chunk returns exact counts (:class:`Tally`), folded by addition.

Examples
--------
>>> r = negotiate("iraq-2021", runs=20, seed=1)
>>> r.runs, sum(o.count for o in r.outcomes)
(20, 20)
>>> d = r.to_dict()
>>> d["runs"], sorted(d["outcomes"][0])[:4]
(20, ['count', 'formateur', 'government', 'kind'])
>>> t = trace_run("iraq-2021", seed=1, run=3)
>>> t.outcome.kind == negotiate("iraq-2021", runs=4, seed=1).run_kinds[3]
True
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import pickle
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from majlis.errors import ValidationError
from majlis.formation.negotiation.scenario import (
    NegotiationSpec,
    apply_overrides,
    list_negotiation_scenarios,
    load_negotiation_scenario,
    resolve_scenario,
)
from majlis.formation.negotiation.simulation import _SPEC_CACHE, RunRecord, simulate_run
from majlis.formation.negotiation.trace import RoundSnapshot, TraceEvent, render_trace
from majlis.limits import MAX_NEGOTIATION_RUNS, MAX_NEGOTIATION_WORK, check_limit
from majlis.model import Dataset
from majlis.runs import Block, check_seed, run_blocks

__all__ = [
    "BLOCK_SIZE",
    "NegotiationReport",
    "NegotiationTrace",
    "Outcome",
    "Tally",
    "TraceRound",
    "list_scenarios",
    "load_scenario",
    "negotiate",
    "prepare",
    "run_rng",
    "trace_run",
]

#: Runs per block of :func:`majlis.runs.run_blocks` (a run's random stream depends only on
#: its index, so this changes nothing but the unit of work).
BLOCK_SIZE = 25

ScenarioInput = str | Path | Mapping[str, Any] | NegotiationSpec


def list_scenarios() -> list[str]:
    """Ids of the built-in negotiation scenarios.

    >>> "iraq-2021" in list_scenarios()
    True
    """
    return list_negotiation_scenarios()


def load_scenario(id_or_path: str | Path) -> dict[str, Any]:
    """A scenario document: a built-in id (see :func:`list_scenarios`) or a JSON file path.

    >>> load_scenario("iraq-2021")["election"]
    '2021'
    """
    if not isinstance(id_or_path, Path):
        text = str(id_or_path)
        if text.endswith(".json") or "/" in text or Path(text).is_file():
            id_or_path = Path(text)
    return load_negotiation_scenario(id_or_path)


def run_rng(seed: int, run: int) -> np.random.Generator:
    """The random stream of run ``run``: ``SeedSequence(seed, spawn_key=(run,))`` on PCG64,
    the stream :class:`majlis.runs.Block` gives a block of index ``run``.

    >>> run_rng(1, 5).random() == run_rng(1, 5).random()
    True
    """
    return Block(run, run, 1, seed).rng()


def prepare(
    scenario: ScenarioInput,
    *,
    sets: Sequence[str] = (),
    no_resignation: bool = False,
    move: Sequence[tuple[str, str]] = (),
    counterfactuals: Sequence[str] = (),
    params: Mapping[str, Any] | None = None,
    council_rule: str | None = None,
    committees: Sequence[str] = (),
    rounds: int | None = None,
    dataset: Dataset | None = None,
) -> NegotiationSpec:
    """Load, override and resolve a scenario into the :class:`NegotiationSpec` runs play.

    ``scenario`` is a built-in id, a JSON file path, a scenario document or an already
    resolved spec (returned as is; the other arguments must then be left out).
    ``sets`` are ``PATH=VALUE`` changes to the document (:func:`apply_overrides`);
    ``counterfactuals`` names counterfactuals of the scenario (``"kdp_with_framework"``);
    the other arguments are those of :func:`resolve_scenario`.
    """
    if isinstance(scenario, NegotiationSpec):
        if sets or no_resignation or move or counterfactuals or params or council_rule:
            raise ValidationError("a resolved scenario takes no further overrides")
        if committees or rounds is not None:
            raise ValidationError("a resolved scenario takes no further overrides")
        return scenario
    doc = dict(scenario) if isinstance(scenario, Mapping) else load_scenario(scenario)
    if sets:
        doc = apply_overrides(doc, list(sets))
    moves = list(move) + [(f"@{c}", "") for c in counterfactuals]
    return resolve_scenario(
        doc,
        dataset,
        no_resignation=no_resignation,
        move=moves,
        params=params,
        council_rule=council_rule,
        committees=committees,
        rounds=rounds,
    )


# ------------------------------------------------------------------------------ aggregation
_Key = tuple[str, str | None, tuple[str, ...], str | None]


@dataclass
class Tally:
    """Exact counts over a set of runs (what a chunk returns); ``+`` folds two tallies.

    ``outcomes`` counts ``(kind, formateur, members, prime minister)``; ``formed`` the round
    in which a government formed; ``first_choice`` the first candidate each council backed;
    ``kinds_by_run`` the kind of each run by index (kept only for small batches).
    """

    outcomes: Counter[_Key] = field(default_factory=Counter)
    formed: Counter[int] = field(default_factory=Counter)
    first_choice: Counter[str] = field(default_factory=Counter)
    candidates_backed: Counter[str] = field(default_factory=Counter)
    rounds: int = 0
    kinds_by_run: dict[int, str] = field(default_factory=dict)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.outcomes + other.outcomes,
            self.formed + other.formed,
            self.first_choice + other.first_choice,
            self.candidates_backed + other.candidates_backed,
            self.rounds + other.rounds,
            {**self.kinds_by_run, **other.kinds_by_run},
        )

    def add(self, index: int, rec: RunRecord, keep_kind: bool) -> None:
        """Count one run."""
        g = rec.government
        key: _Key = (
            rec.kind,
            g.formateur if g else None,
            tuple(sorted(g.members)) if g else (),
            g.prime_minister if g else None,
        )
        self.outcomes[key] += 1
        if g is not None:
            self.formed[g.round] += 1
        self.rounds += rec.rounds
        seen: set[str] = set()
        for _, bloc, cand in rec.council:
            if cand is None:
                continue
            if bloc not in seen:
                seen.add(bloc)
                self.first_choice[cand] += 1
            self.candidates_backed[cand] += 1
        if keep_kind:
            self.kinds_by_run[index] = rec.kind


_KEEP_KINDS = 1000


#: Specs already unpickled in this process, by digest: a worker keeps one copy per scenario,
#: so that its caches (portfolio allocations, threshold checks) last from chunk to chunk.
_SPECS: dict[str, NegotiationSpec] = {}


class _Shipped:
    """A spec shipped to worker processes as bytes, unpickled once per process."""

    def __init__(self, spec: NegotiationSpec) -> None:
        state = dict(spec.__dict__)
        state.pop(_SPEC_CACHE, None)
        bare = object.__new__(NegotiationSpec)
        object.__setattr__(bare, "__dict__", state)
        self.blob = pickle.dumps(bare, protocol=pickle.HIGHEST_PROTOCOL)
        self.digest = hashlib.sha256(self.blob).hexdigest()
        self.local: NegotiationSpec | None = spec

    def __getstate__(self) -> dict[str, Any]:
        return {"blob": self.blob, "digest": self.digest}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.blob, self.digest, self.local = state["blob"], state["digest"], None

    def get(self) -> NegotiationSpec:
        if self.local is not None:
            return self.local
        spec = _SPECS.get(self.digest)
        if spec is None:
            if len(_SPECS) >= 8:
                _SPECS.clear()
            spec = _SPECS[self.digest] = pickle.loads(self.blob)
        return spec


def _task(shipped: _Shipped, keep: bool, chunk: tuple[Block, ...]) -> Tally:
    spec = shipped.get()
    t = Tally()
    for b in chunk:
        for i in range(b.start, b.start + b.size):
            t.add(i, simulate_run(spec, run_rng(b.seed, i), run=i), keep)
    return t


# ------------------------------------------------------------------------------ report
@dataclass(frozen=True)
class Outcome:
    """One distinct outcome of the runs and how often it came out.

    ``government`` lists the government's units: a council bloc whose factions with seats are
    all in it by its id, otherwise each member actor (``None`` for a deadlock).
    """

    kind: str
    government: tuple[str, ...] | None
    members: tuple[str, ...]
    formateur: str | None
    prime_minister: str | None
    count: int
    runs: int

    @property
    def probability(self) -> Fraction:
        """``count / runs``, exact."""
        return Fraction(self.count, self.runs)

    def to_dict(self, names: Callable[[str | None], str]) -> dict[str, Any]:
        """A JSON-ready document (``probability`` as a float)."""
        return {
            "government": list(self.government) if self.government is not None else None,
            "kind": self.kind,
            "probability": float(self.probability),
            "count": self.count,
            "members": list(self.members),
            "names": [names(m) for m in (self.government or ())],
            "formateur": self.formateur,
            "prime_minister": self.prime_minister,
            "prime_minister_name": names(self.prime_minister) if self.prime_minister else None,
        }


def _units(spec: NegotiationSpec, members: Sequence[str]) -> tuple[str, ...]:
    ms = set(members)
    out: list[str] = []
    for b in spec.blocs.values():
        present = [f for f in b.factions if f in ms]
        if present and len(present) == len(b.factions):
            out.append(b.id)
            ms -= set(present)
    return tuple(out) + tuple(a for a in spec.actors if a in ms)


@dataclass(frozen=True)
class NegotiationReport:
    """Outcome probabilities of many runs of a scenario (:func:`negotiate`).

    Attributes
    ----------
    spec : NegotiationSpec
        The resolved scenario (with its provenance: data vs assumptions).
    runs, done : int
        Runs asked for and runs aggregated (fewer when interrupted).
    seed : int
    tally : Tally
    """

    spec: NegotiationSpec
    runs: int
    done: int
    seed: int
    tally: Tally
    interrupted: bool = False

    @property
    def outcomes(self) -> list[Outcome]:
        """Distinct outcomes, most frequent first (ties: deadlock last, then by members)."""
        out = [
            Outcome(
                kind,
                _units(self.spec, members) if kind != "deadlock" else None,
                members,
                formateur,
                pm,
                n,
                self.done,
            )
            for (kind, formateur, members, pm), n in self.tally.outcomes.items()
        ]
        out.sort(key=lambda o: (-o.count, o.kind == "deadlock", o.members, o.prime_minister or ""))
        return out

    def kinds(self) -> dict[str, Fraction]:
        """Probability of each kind (``consensus``, ``majority``, ``deadlock``), exact."""
        c: Counter[str] = Counter()
        for (kind, *_), n in self.tally.outcomes.items():
            c[kind] += n
        return {k: Fraction(c[k], self.done) for k in ("consensus", "majority", "deadlock")}

    def prime_ministers(self) -> dict[str | None, Fraction]:
        """Probability of each prime minister (``None``: no government), exact."""
        c: Counter[str | None] = Counter()
        for (_, _, _, pm), n in self.tally.outcomes.items():
            c[pm] += n
        return {k: Fraction(v, self.done) for k, v in c.most_common()}

    def formed_before(self, day: dt.date) -> Fraction:
        """Probability that a government formed in a round dated before ``day``."""
        n = sum(c for r, c in self.tally.formed.items() if self.spec.rounds[r - 1].date < day)
        return Fraction(n, self.done)

    @property
    def run_kinds(self) -> list[str]:
        """Each run's kind by index (batches of up to 1,000 runs only)."""
        return [self.tally.kinds_by_run[i] for i in sorted(self.tally.kinds_by_run)]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``majlis negotiate --json``.

        At least ``{"runs": N, "outcomes": [{"government": [...] or None, "kind",
        "probability"}]}``; also the exact counts, the kinds, the prime ministers, when
        governments formed, the councils' choices, the history to compare with, the
        parameters, and what is data and what is an assumption (``provenance``).
        """
        spec = self.spec
        names = spec.name_of
        cum = 0
        formed = []
        for r in sorted(self.tally.formed):
            cum += self.tally.formed[r]
            formed.append(
                {
                    "round": r,
                    "date": spec.rounds[r - 1].date.isoformat(),
                    "count": self.tally.formed[r],
                    "cumulative_probability": cum / self.done,
                }
            )
        hist = dict(spec.history)
        return {
            "scenario": spec.id,
            "name": spec.name,
            "runs": self.done,
            "requested_runs": self.runs,
            "done": self.done,
            "partial": self.done < self.runs,
            "seed": self.seed,
            "outcomes": [o.to_dict(names) for o in self.outcomes],
            "kinds": {k: float(p) for k, p in self.kinds().items()},
            "prime_ministers": [
                {"candidate": c, "name": names(c) if c else None, "probability": float(p)}
                for c, p in self.prime_ministers().items()
            ],
            "council_first_choice": {
                c: {
                    "name": names(c),
                    "count": n,
                    "probability": n / self.done,
                    "compromise": spec.candidates[c].compromise if c in spec.candidates else False,
                }
                for c, n in self.tally.first_choice.most_common()
            },
            "formed_by_round": formed,
            "mean_rounds": self.tally.rounds / self.done,
            "milestones": [
                {
                    "date": d.isoformat(),
                    "label": label,
                    "government_before": float(self.formed_before(d)),
                }
                for d, label in spec.milestones
            ],
            "rounds": [{"round": r.index, "date": r.date.isoformat()} for r in spec.rounds],
            "thresholds": spec.thresholds.to_dict(),
            "actors": {a.id: a.to_dict() for a in spec.actors.values()},
            "blocs": {
                b.id: {"name": b.name, "factions": list(b.factions)} for b in spec.blocs.values()
            },
            "candidates": {c.id: c.to_dict() for c in spec.candidates.values()},
            "history": hist,
            "counterfactual": dict(spec.counterfactual),
            "parameters": spec.params.to_dict(),
            "provenance": spec.provenance(),
        }


def negotiate(
    scenario: ScenarioInput = "iraq-2021",
    *,
    runs: int = 1000,
    seed: int | None = None,
    sets: Sequence[str] = (),
    no_resignation: bool = False,
    move: Sequence[tuple[str, str]] = (),
    counterfactuals: Sequence[str] = (),
    params: Mapping[str, Any] | None = None,
    council_rule: str | None = None,
    committees: Sequence[str] = (),
    rounds: int | None = None,
    dataset: Dataset | None = None,
    executor: Executor | None = None,
    chunk_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> NegotiationReport:
    """Run a negotiation scenario ``runs`` times and count the outcomes.

    Parameters
    ----------
    scenario : str, Path, mapping or NegotiationSpec
        A built-in id (:func:`list_scenarios`), a JSON file, a document or a resolved spec.
    runs : int
        Number of runs (at most :data:`majlis.limits.MAX_NEGOTIATION_RUNS`; runs x rounds x
        offer pairs at most :data:`majlis.limits.MAX_NEGOTIATION_WORK`).
    seed : int, optional
        Root seed (``None``: drawn and reported). Run ``i`` uses :func:`run_rng`.
    sets, no_resignation, move, counterfactuals, params, council_rule, committees, rounds
        Overrides of the scenario's assumptions (see :func:`prepare`).
    executor : concurrent.futures.Executor, optional
        Where chunks run (a process pool, or Dask through :func:`majlis.runs.open_executor`).
    chunk_size : int, optional
        Runs per chunk (default 100).
    progress : callable, optional
        ``progress(done, total)``.
    should_stop : callable, optional
        Polled between chunks; when it returns True the run stops and the report counts the
        finished runs, marked partial (as Ctrl-C does).

    Returns
    -------
    NegotiationReport

    Raises
    ------
    TooLargeError
        Beyond the documented limits.

    Examples
    --------
    >>> a = negotiate("iraq-2021", runs=30, seed=2, chunk_size=25)
    >>> b = negotiate("iraq-2021", runs=30, seed=2, chunk_size=50)
    >>> a.to_dict()["outcomes"] == b.to_dict()["outcomes"]
    True
    """
    if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
        raise ValidationError(f"runs must be a positive whole number, got {runs!r}")
    check_limit(runs, MAX_NEGOTIATION_RUNS, "negotiation runs")
    seed = check_seed(seed)
    spec = prepare(
        scenario,
        sets=sets,
        no_resignation=no_resignation,
        move=move,
        counterfactuals=counterfactuals,
        params=params,
        council_rule=council_rule,
        committees=committees,
        rounds=rounds,
        dataset=dataset,
    )
    pairs = max(1, sum(len(ch.counterparts) for ch in spec.channels))
    check_limit(
        runs * len(spec.rounds) * pairs,
        MAX_NEGOTIATION_WORK,
        "negotiation work (runs x rounds x offer pairs)",
    )
    keep = runs <= _KEEP_KINDS
    res = run_blocks(
        functools.partial(_task, _Shipped(spec), keep),
        runs,
        seed=seed,
        combine=lambda a, b: a + b,
        block_size=BLOCK_SIZE,
        chunk_size=chunk_size if chunk_size is not None else 4 * BLOCK_SIZE,
        executor=executor,
        progress=progress,
        should_stop=should_stop,
    )
    if res.value is None or res.done == 0:
        raise ValidationError("the run was interrupted before any run finished")
    return NegotiationReport(spec, runs, res.done, res.seed, res.value, res.interrupted)


# ------------------------------------------------------------------------------ trace
@dataclass(frozen=True)
class TraceRound:
    """One round of a traced run: its events and the camps at its end."""

    round: int
    date: dt.date
    events: tuple[TraceEvent, ...]
    snapshot: RoundSnapshot | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "round": self.round,
            "date": self.date.isoformat(),
            "events": [e.to_dict() for e in self.events],
            "snapshot": self.snapshot.to_dict() if self.snapshot else None,
        }


@dataclass(frozen=True)
class NegotiationTrace:
    """One run, round by round (:func:`trace_run`)."""

    spec: NegotiationSpec
    seed: int
    run: int
    outcome: RunRecord

    @property
    def rounds(self) -> list[TraceRound]:
        """The rounds played, each with its events and snapshot."""
        snaps = {s.round: s for s in self.outcome.snapshots}
        by: dict[int, list[TraceEvent]] = {}
        for e in self.outcome.trace:
            by.setdefault(e.round, []).append(e)
        out = []
        for r in self.spec.rounds[: self.outcome.rounds]:
            out.append(TraceRound(r.index, r.date, tuple(by.get(r.index, ())), snaps.get(r.index)))
        return out

    def text(self) -> str:
        """The trace as text (what ``majlis negotiate --trace`` prints)."""
        return render_trace(self.outcome.trace)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document: the run's outcome, and each round's events and camps."""
        names = {
            **{a: x.name for a, x in self.spec.actors.items()},
            **{b: x.name for b, x in self.spec.blocs.items()},
            **{c: x.name for c, x in self.spec.candidates.items()},
        }
        out = self.outcome.to_dict(names)
        out.pop("trace", None)
        out.pop("snapshots", None)
        g = self.outcome.government
        return {
            "scenario": self.spec.id,
            "seed": self.seed,
            "run": self.run,
            "kind": self.outcome.kind,
            "government": list(_units(self.spec, g.members)) if g else None,
            "outcome": out,
            "names": names,
            "thresholds": self.spec.thresholds.to_dict(),
            "rounds": [r.to_dict() for r in self.rounds],
        }


def trace_run(
    scenario: ScenarioInput = "iraq-2021",
    seed: int | None = 1,
    run: int = 0,
    **overrides: Any,
) -> NegotiationTrace:
    """Replay run ``run`` of ``negotiate(scenario, seed=seed, ...)`` with its full trace.

    ``seed`` ``None`` draws one (reported in :attr:`NegotiationTrace.seed`).

    ``overrides`` are those of :func:`prepare` (``sets``, ``no_resignation``, ``move``, ...).

    Examples
    --------
    >>> t = trace_run("iraq-2021", seed=1, run=0)
    >>> t.rounds[0].events[0].kind
    'house'
    """
    seed = check_seed(seed)
    if isinstance(run, bool) or not isinstance(run, int) or run < 0:
        raise ValidationError(f"run must be a non-negative whole number, got {run!r}")
    check_limit(run + 1, MAX_NEGOTIATION_RUNS, "negotiation runs")
    spec = prepare(scenario, **overrides)
    rec = simulate_run(spec, run_rng(seed, run), run=run, trace=True)
    return NegotiationTrace(spec, seed, run, rec)
