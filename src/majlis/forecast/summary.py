"""Summaries of a forecast: seat distributions, intervals and threshold probabilities.

Everything here is computed from the exact tallies of :mod:`majlis.forecast.simulate`:
means are integer sums divided once, quantiles are read off the seat histograms (the
smallest k whose cumulative share reaches q, numpy's ``inverted_cdf``), probabilities are
counts over draws. The same seed therefore gives byte-identical JSON whatever the chunking
or the number of workers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from majlis.errors import UnknownIdError
from majlis.forecast.inputs import ForecastInput
from majlis.forecast.simulate import Tally
from majlis.model import two_thirds_quota

__all__ = ["Distribution", "ForecastResult", "quantile", "summarise"]

_Q = (0.05, 0.5, 0.95)


def quantile(hist: np.ndarray, q: float) -> int:
    """The smallest k with ``sum(hist[:k + 1]) >= q * sum(hist)`` (inverted CDF).

    Examples
    --------
    >>> quantile(np.array([1, 1, 1, 1]), 0.5), quantile(np.array([1, 1, 1, 1]), 0.05)
    (1, 0)
    """
    total = int(hist.sum())
    if total == 0:
        raise ValueError("empty histogram")
    cum = np.cumsum(hist)
    # exact: cum >= q * total  <=>  cum * den >= num * total for q = num / den
    num, den = float(q).as_integer_ratio()
    return int(np.argmax(cum.astype(object) * den >= num * total))


def _r(x: float) -> float:
    return round(float(x), 6)


@dataclass(frozen=True)
class Distribution:
    """Seats of one list, bloc or coalition over the draws."""

    id: str
    name: str
    mean: float
    sd: float
    p5: int
    p50: int
    p95: int
    p_majority: float
    p_quorum: float
    p_blocking: float
    hist: dict[int, int]
    members: tuple[str, ...] = ()
    p_largest: float | None = None
    p_tied_largest: float | None = None
    power: dict[str, float] | None = None

    def contains(self, seats: int) -> bool:
        """Whether ``seats`` lies in the 90% interval ``[p5, p95]``."""
        return self.p5 <= seats <= self.p95

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (``hist``: seats -> draws, as string keys)."""
        d: dict[str, Any] = {"name": self.name}
        if self.members:
            d["members"] = list(self.members)
        d.update(
            mean=self.mean,
            sd=self.sd,
            p5=self.p5,
            p50=self.p50,
            p95=self.p95,
            p_majority=self.p_majority,
            p_quorum=self.p_quorum,
            p_blocking=self.p_blocking,
        )
        if self.p_largest is not None:
            d["p_largest"] = self.p_largest
            d["p_tied_largest"] = self.p_tied_largest
        if self.power is not None:
            d["power"] = dict(self.power)
        d["hist"] = {str(k): v for k, v in self.hist.items()}
        return d


def _dist(
    id_: str,
    name: str,
    hist: np.ndarray,
    quotas: tuple[int, int, int],
    draws: int,
    **extra: Any,
) -> Distribution:
    k = np.arange(hist.size)
    s1 = int((hist * k).sum())
    s2 = int((hist.astype(object) * (k.astype(object) ** 2)).sum())
    mean = s1 / draws
    var = max((s2 - s1 * s1 / draws) / max(draws - 1, 1), 0.0)
    majority, quorum, blocking = quotas
    return Distribution(
        id_,
        name,
        _r(mean),
        _r(var**0.5),
        quantile(hist, _Q[0]),
        quantile(hist, _Q[1]),
        quantile(hist, _Q[2]),
        _r(hist[majority:].sum() / draws),
        _r(hist[quorum:].sum() / draws),
        _r(hist[blocking:].sum() / draws),
        {int(i): int(hist[i]) for i in np.flatnonzero(hist)},
        **extra,
    )


@dataclass(frozen=True)
class ForecastResult:
    """A forecast: seat distributions per list, bloc and coalition, and their chances.

    ``to_dict()`` is the JSON document of ``majlis forecast --json``; ``to_csv()`` its
    table. ``partial`` is True when the run was interrupted (``draws`` < ``draws_requested``).
    """

    name: str
    election: str
    law: str
    house_size: int
    majority: int
    quorum: int
    blocking_third: int
    draws: int
    draws_requested: int
    seed: int
    block_size: int
    partial: bool
    lists: tuple[Distribution, ...]
    blocs: tuple[Distribution, ...]
    coalitions: tuple[Distribution, ...]
    p_no_bloc_majority: float
    model: dict[str, Any]
    power_index: str | None = None
    notes: tuple[str, ...] = field(default=())

    def find(self, id_: str) -> Distribution:
        """The distribution of a bloc, a list or a coalition (``"cf+kurdish"``) by id."""
        for x in (*self.blocs, *self.lists, *self.coalitions):
            if x.id == id_:
                return x
        raise UnknownIdError(f"no bloc, list or coalition {id_!r} in this forecast")

    def to_dict(self) -> dict[str, Any]:
        """The JSON document (deterministic for a seed: no timings, no engine details)."""
        return {
            "format": "majlis-forecast-result/1",
            "name": self.name,
            "election": self.election,
            "law": self.law,
            "draws": self.draws,
            "draws_requested": self.draws_requested,
            "partial": self.partial,
            "seed": self.seed,
            "block_size": self.block_size,
            "house_size": self.house_size,
            "thresholds": {
                "majority": self.majority,
                "quorum": self.quorum,
                "blocking_third": self.blocking_third,
            },
            "interval": [5, 95],
            "power_index": self.power_index,
            "p_no_bloc_majority": self.p_no_bloc_majority,
            "blocs": {b.id: b.to_dict() for b in self.blocs},
            "coalitions": [
                {
                    "members": list(c.members),
                    **{k: v for k, v in c.to_dict().items() if k != "members"},
                }
                for c in self.coalitions
            ],
            "lists": {x.id: x.to_dict() for x in self.lists},
            "model": self.model,
            "notes": list(self.notes),
        }

    def to_csv(self) -> str:
        """One row per bloc, coalition and list: mean, interval and probabilities."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        cols = ["mean", "sd", "p5", "p50", "p95", "p_majority", "p_quorum", "p_blocking"]
        w.writerow(["kind", "id", "name", *cols, "p_largest"])
        for kind, items in (
            ("bloc", self.blocs),
            ("coalition", self.coalitions),
            ("list", self.lists),
        ):
            for x in items:
                row = [getattr(x, c) for c in cols]
                w.writerow([kind, x.id, x.name, *row, "" if x.p_largest is None else x.p_largest])
        return buf.getvalue()

    def plot_data(self) -> dict[str, Any]:
        """Plain data for :func:`majlis.viz.forecast_figure` (bloc histograms, coalition bars).

        Blocs under one seat on average are not drawn (their spike at 0 would flatten the
        other curves), nor bars that are 0% at every threshold; the title says which.
        """
        ids = {b.id for b in self.blocs}
        drawn = [b for b in self.blocs if b.mean >= 1] or list(self.blocs)
        bars: list[dict[str, Any]] = [
            {
                "name": c.name,
                "values": {
                    f"≥ {self.majority}": c.p_majority,
                    f"≥ {self.quorum}": c.p_quorum,
                    f"≥ {self.blocking_third}": c.p_blocking,
                },
            }
            for c in (*self.blocs, *self.coalitions)
            if not (c in self.coalitions and len(c.members) == 1 and c.id in ids)
        ]
        shown = [b for b in bars if any(b["values"].values())] or bars
        left = [b.name for b in self.blocs if b not in drawn]
        zero = [b["name"] for b in bars if b not in shown]
        notes = []
        if left:
            notes.append("under 1 seat on average, not drawn: " + ", ".join(left))
        if zero:
            notes.append("0% at every threshold, no bars: " + ", ".join(zero))
        return {
            "title": f"{self.name} — {self.draws:,} draws"
            + (" (partial)" if self.partial else "")
            + "".join(f"\n{n}" for n in notes),
            "house_size": self.house_size,
            "thresholds": {
                f"majority {self.majority}": self.majority,
                f"two-thirds {self.quorum}": self.quorum,
                f"blocking third {self.blocking_third}": self.blocking_third,
            },
            "distributions": [{"name": b.name, "hist": dict(b.hist)} for b in drawn],
            "bars": shown,
        }


def summarise(
    inp: ForecastInput,
    tally: Tally,
    *,
    seed: int,
    draws_requested: int,
    block_size: int,
    power: str | None = None,
) -> ForecastResult:
    """Turn an exact :class:`~majlis.forecast.simulate.Tally` into a :class:`ForecastResult`."""
    n = tally.draws
    quorum = two_thirds_quota(inp.house_size)
    quotas = (inp.majority, quorum, inp.house_size - quorum + 1)
    lists = tuple(
        _dist(
            lid,
            name,
            tally.list_hist[i],
            quotas,
            n,
            p_largest=_r(tally.list_largest[i] / n),
            p_tied_largest=_r(tally.list_tied[i] / n),
        )
        for i, (lid, name) in enumerate(zip(inp.lists, inp.list_names))
    )
    lists = tuple(sorted(lists, key=lambda x: (-x.mean, x.id)))
    blocs = []
    for k, b in enumerate(inp.blocs):
        pw = None
        if tally.power is not None:
            pw = {
                f"q{q}": _r(float(tally.power[j][k] / n))
                for j, q in enumerate((inp.majority, quorum))
            }
        blocs.append(
            _dist(
                b.id,
                b.name,
                tally.group_hist[k],
                quotas,
                n,
                members=b.members,
                p_largest=_r(tally.bloc_largest[k] / n),
                p_tied_largest=_r(tally.bloc_tied[k] / n),
                power=pw,
            )
        )
    names = {b.id: b.name for b in inp.blocs} | dict(zip(inp.lists, inp.list_names))
    coalitions = tuple(
        _dist(
            "+".join(c),
            " + ".join(names[m] for m in c),
            tally.group_hist[len(inp.blocs) + j],
            quotas,
            n,
            members=c,
        )
        for j, c in enumerate(inp.coalitions)
    )
    model = {
        "kind": "logistic-normal: national error per list shared by every district, plus district error",
        "national_error": _r(float(np.median(inp.national_error))),
        "district_error": _r(float(np.median(inp.district_error))),
        "turnout_error": inp.turnout_error,
        "districts": len(inp.districts),
        "lists": len(inp.lists),
        "ties": "more votes, then the earlier list (the law presets' rule); no random tie-break",
    }
    return ForecastResult(
        name=inp.name,
        election=inp.election,
        law=inp.law.id,
        house_size=inp.house_size,
        majority=inp.majority,
        quorum=quorum,
        blocking_third=quotas[2],
        draws=n,
        draws_requested=draws_requested,
        seed=seed,
        block_size=block_size,
        partial=n < draws_requested,
        lists=lists,
        blocs=tuple(blocs),
        coalitions=coalitions,
        p_no_bloc_majority=_r(tally.no_bloc_majority / n) if n else 0.0,
        model=model,
        power_index=power,
        notes=inp.notes,
    )
