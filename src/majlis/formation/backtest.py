"""Backtest of the coalition theories on real cabinets.

For every formation opportunity with a known cabinet, each theory ranks coalitions; the
backtest records where the real cabinet ranks and reports per theory:

``top1``
    the chance that a single guess (the theory's first coalition, ties broken uniformly at
    random) is the real cabinet: a set theory that predicts ``m`` tied coalitions including
    the real one scores ``1/m`` on that opportunity;
``top5``
    the chance that the real cabinet is among the first five (same tie rule);
``any_hit``
    the share of opportunities whose real cabinet the theory predicts at all;
``mean_rank``
    the mean expected position of the real cabinet where it is predicted;
``log_loss``
    the mean of ``-log p(real cabinet)`` (the model only; over the opportunities whose
    cabinet is a potential government);
``mean_predictions``
    the mean number of coalitions the theory predicts.

The fitted model is judged **out of sample**: leave-one-country-out cross-validation refits
it once per country on the other countries' opportunities and scores that country's
opportunities with those coefficients, so no country is predicted by a fit that saw it. Its
in-sample figures (one fit on everything) are reported under ``in_sample``. Each score is
also given for *minority situations* (no party holds a majority alone), the sample of
Martin & Stevenson (2001).

References
----------
.. [1] L. W. Martin and R. T. Stevenson, "Government Formation in Parliamentary
   Democracies", *American Journal of Political Science* 45(1) (2001) 33-50.
.. [2] M. Laver and N. Schofield, *Multiparty Government: The Politics of Coalition in
   Europe*, Oxford University Press, 1990 (tests of the classic theories).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from majlis.errors import TooLargeError, ValidationError
from majlis.formation._registry import THEORIES, get_theory
from majlis.formation.candidates import DEFAULT_MAX_PARTIES
from majlis.formation.logit import FEATURES, RIDGE, CoalitionModel, Design, fit_design
from majlis.model import FormationOpportunity

__all__ = [
    "BACKTEST_FORMATS",
    "BacktestResult",
    "OpportunityOutcome",
    "TheoryScore",
    "backtest",
    "read_opportunities",
]

#: Input formats of :func:`backtest` (``data=``): a ParlGov CSV export folder, or a JSON file
#: of opportunities with their ``cabinet`` (the ``majlis predict --input`` format).
BACKTEST_FORMATS = ("parlgov", "json")

#: At most this many opportunities in one JSON file.
MAX_JSON_OPPORTUNITIES = 100_000
#: At most this many bytes in one JSON file of opportunities.
MAX_JSON_BYTES = 100_000_000

Progress = Callable[[str, int, int], None]


def read_opportunities(path: str | Path) -> list[FormationOpportunity]:
    """Read a JSON file of formation opportunities (a list, or ``{"opportunities": [...]}``).

    Raises
    ------
    ValidationError
        Not JSON, or an opportunity that does not validate (naming it).
    TooLargeError
        More than :data:`MAX_JSON_BYTES` bytes or :data:`MAX_JSON_OPPORTUNITIES` opportunities.
    """
    p = Path(path)
    if not p.is_file():
        raise ValidationError(f"opportunities file {str(path)!r} not found")
    if p.stat().st_size > MAX_JSON_BYTES:
        raise TooLargeError(f"{path}: at most {MAX_JSON_BYTES:,} bytes of opportunities")
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(f"{path}: not a JSON document ({exc})") from None
    return opportunities_from_json(doc, where=str(path))


def opportunities_from_json(doc: Any, *, where: str = "input") -> list[FormationOpportunity]:
    """Opportunities from a parsed JSON document (a list, or an object with ``opportunities``)."""
    if isinstance(doc, dict) and "opportunities" in doc:
        doc = doc["opportunities"]
    if isinstance(doc, dict):
        doc = [doc]
    if not isinstance(doc, list):
        raise ValidationError(f"{where}: expected a JSON list of formation opportunities")
    if len(doc) > MAX_JSON_OPPORTUNITIES:
        raise TooLargeError(
            f"{where}: at most {MAX_JSON_OPPORTUNITIES:,} opportunities, got {len(doc):,}"
        )
    out = [FormationOpportunity.from_dict(d) for d in doc]
    ids = [o.id for o in out]
    dup = next((i for i in ids if ids.count(i) > 1), None) if len(set(ids)) != len(ids) else None
    if dup is not None:
        raise ValidationError(f"{where}: opportunity id {dup!r} is used twice")
    return out


@dataclass(frozen=True)
class TheoryScore:
    """How one theory did on a set of opportunities (see the module notes for each figure)."""

    theory: str
    opportunities: int
    top1: float
    top5: float
    any_hit: float
    mean_rank: float | None
    log_loss: float | None
    mean_predictions: float
    hits: int
    minority_situations: dict[str, Any] = field(default_factory=dict)
    in_sample: TheoryScore | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"top1", "top5", "any_hit", "mean_rank", "log_loss", ...}`` (rounded to 4 places)."""

        def r(x: float | None) -> float | None:
            return None if x is None else round(float(x), 4)

        doc: dict[str, Any] = {
            "top1": r(self.top1),
            "top5": r(self.top5),
            "any_hit": r(self.any_hit),
            "mean_rank": r(self.mean_rank),
            "log_loss": r(self.log_loss),
            "mean_predictions": r(self.mean_predictions),
            "hits": self.hits,
            "opportunities": self.opportunities,
            "minority_situations": {
                k: (r(v) if isinstance(v, float) else v)
                for k, v in self.minority_situations.items()
            },
        }
        if self.in_sample is not None:
            doc["evaluation"] = "leave-one-country-out"
            doc["in_sample"] = self.in_sample.to_dict()
        return doc


@dataclass(frozen=True)
class OpportunityOutcome:
    """Where one real cabinet ranked under each theory.

    ``positions[theory]`` is the block ``(first, last)`` of positions the real cabinet shares
    with the coalitions tied with it (1-based), or ``None`` when the theory does not predict
    it; ``predicted[theory]`` is how many coalitions the theory predicted;
    ``probability[theory]`` the model's probability of the real cabinet.
    """

    id: str
    country: str | None
    cabinet: tuple[str, ...]
    minority_situation: bool
    positions: dict[str, tuple[int, int] | None]
    predicted: dict[str, int]
    probability: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "id": self.id,
            "country": self.country,
            "cabinet": list(self.cabinet),
            "minority_situation": self.minority_situation,
            "positions": {k: list(v) if v else None for k, v in self.positions.items()},
            "predicted": dict(self.predicted),
            "probability": {k: round(v, 6) for k, v in self.probability.items()},
        }


@dataclass(frozen=True)
class BacktestResult:
    """Scores of every theory, and where each real cabinet ranked.

    ``to_dict()`` gives ``{"opportunities": N, "theories": {"<id>": {"top1", "top5",
    "any_hit", "mean_rank", ...}}, ...}``; for ``model`` the headline figures are the
    leave-one-country-out ones and the in-sample ones sit under ``in_sample``.
    """

    opportunities: int
    countries: int
    source: str
    theories: dict[str, TheoryScore]
    outcomes: tuple[OpportunityOutcome, ...]
    skipped: tuple[tuple[str, str], ...] = ()
    model: CoalitionModel | None = None

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        """A JSON-ready document; ``details=True`` adds every opportunity's outcome."""
        doc: dict[str, Any] = {
            "opportunities": self.opportunities,
            "countries": self.countries,
            "source": self.source,
            "skipped": [{"election": e, "reason": r} for e, r in self.skipped],
            "theories": {k: v.to_dict() for k, v in self.theories.items()},
        }
        if self.model is not None:
            doc["model"] = self.model.to_dict()
        if details:
            doc["outcomes"] = [o.to_dict() for o in self.outcomes]
        return doc


def _minority_situation(opp: FormationOpportunity) -> bool:
    return not any(p.seats >= opp.majority_threshold for p in opp.eligible_parties)


def _tie_block(ranked: Sequence[Any], cabinet: frozenset[str]) -> tuple[int, int] | None:
    for c in ranked:
        if frozenset(c.parties) == cabinet:
            first = c.rank
            last = first + sum(1 for d in ranked if d.score == c.score) - 1
            return first, last
    return None


def _score(
    theory: str,
    outcomes: Sequence[OpportunityOutcome],
    key: str,
) -> TheoryScore:
    n = len(outcomes)
    top1 = top5 = 0.0
    ranks: list[float] = []
    losses: list[float] = []
    sizes: list[int] = []
    hits = 0
    for o in outcomes:
        sizes.append(o.predicted.get(key, 0))
        block = o.positions.get(key)
        if key in o.probability and o.probability[key] > 0:
            losses.append(-float(np.log(o.probability[key])))
        if block is None:
            continue
        hits += 1
        a, b = block
        m = b - a + 1
        top1 += min(1.0, max(0.0, (1 - a + 1) / m))
        top5 += min(1.0, max(0.0, (5 - a + 1) / m))
        ranks.append((a + b) / 2)
    return TheoryScore(
        theory=theory,
        opportunities=n,
        top1=top1 / n if n else 0.0,
        top5=top5 / n if n else 0.0,
        any_hit=hits / n if n else 0.0,
        mean_rank=float(np.mean(ranks)) if ranks else None,
        log_loss=float(np.mean(losses)) if losses else None,
        mean_predictions=float(np.mean(sizes)) if sizes else 0.0,
        hits=hits,
    )


def _with_subset(theory: str, outcomes: Sequence[OpportunityOutcome], key: str) -> TheoryScore:
    full = _score(theory, outcomes, key)
    sub = [o for o in outcomes if o.minority_situation]
    s = _score(theory, sub, key)
    minority = {
        "opportunities": s.opportunities,
        "top1": s.top1,
        "top5": s.top5,
        "any_hit": s.any_hit,
        "mean_rank": s.mean_rank,
    }
    return TheoryScore(**{**full.__dict__, "minority_situations": minority})


def _load(
    opportunities: Iterable[FormationOpportunity] | None, data: str | Path | None, format: str
) -> tuple[list[FormationOpportunity], str, tuple[tuple[str, str], ...]]:
    if opportunities is not None:
        return list(opportunities), "opportunities given", ()
    if format not in BACKTEST_FORMATS:
        raise ValidationError(
            f"unknown backtest format {format!r} (known: {', '.join(BACKTEST_FORMATS)})"
        )
    if format == "json":
        if data is None:
            raise ValidationError("the json format needs a file of opportunities")
        return read_opportunities(data), str(data), ()
    from majlis.data import read_parlgov

    pg = read_parlgov(data)
    return list(pg.opportunities), pg.source, pg.skipped


def backtest(
    opportunities: Iterable[FormationOpportunity] | None = None,
    *,
    data: str | Path | None = None,
    format: str = "parlgov",
    theories: Sequence[str] | None = None,
    cross_validate: bool = True,
    ridge: float = RIDGE,
    max_parties: int = DEFAULT_MAX_PARTIES,
    command: str = "",
    progress: Progress | None = None,
) -> BacktestResult:
    """Backtest coalition theories on formation opportunities with known cabinets.

    Parameters
    ----------
    opportunities : iterable of FormationOpportunity, optional
        Opportunities with their ``cabinet``; by default read from ``data``.
    data : path, optional
        A ParlGov CSV export folder (``format="parlgov"``; the built-in extract when
        omitted) or a JSON file of opportunities (``format="json"``).
    format : str
        One of :data:`BACKTEST_FORMATS`.
    theories : sequence of str, optional
        Theory ids (all registered theories by default).
    cross_validate : bool
        Score the model out of sample by leave-one-country-out (default) as well as in sample.
    ridge, max_parties :
        The model's penalty and candidate sets (:func:`~majlis.formation.fit_model`).
    command : str
        Recorded in the fitted model (``result.model``) as the command that produced it.
    progress : callable, optional
        ``progress(stage, done, total)`` for a progress bar.

    Returns
    -------
    BacktestResult
        With ``model``: the coefficients fitted on all the opportunities.

    Examples
    --------
    >>> result = backtest(theories=["incumbent", "minimum-winning"])
    >>> result.opportunities > 500, 0.3 < result.theories["incumbent"].top1 < 0.5
    (True, True)
    """
    opps, source, skipped = _load(opportunities, data, format)
    opps = [o for o in opps if o.cabinet]
    if not opps:
        raise ValidationError("no formation opportunity with a known cabinet to backtest")
    ids = list(theories) if theories is not None else list(THEORIES)
    for t in ids:
        get_theory(t)
    set_theories = [t for t in ids if not THEORIES[t].probabilistic]
    positions: list[dict[str, tuple[int, int] | None]] = [{} for _ in opps]
    predicted: list[dict[str, int]] = [{} for _ in opps]
    probability: list[dict[str, float]] = [{} for _ in opps]

    for g, opp in enumerate(opps):
        cabinet = frozenset(opp.cabinet or ())
        for t in set_theories:
            ranked = THEORIES[t].function(opp)
            positions[g][t] = _tie_block(ranked, cabinet)
            predicted[g][t] = ranked.total
        if progress is not None:
            progress("theories", g + 1, len(opps))

    fitted: CoalitionModel | None = None
    in_sample_key = "model (in sample)"
    if "model" in ids:
        design = Design.build(
            opps,
            max_parties=max_parties,
            progress=(lambda d, n: progress("features", d, n)) if progress else None,
        )
        beta, ll, hessian = fit_design(design, ridge=ridge, start=_warm_start(max_parties))
        fitted = CoalitionModel(
            coefficients=dict(zip(FEATURES, beta.tolist())),
            ridge=ridge,
            max_parties=max_parties,
            data=f"{source}; {len(opps)} formation opportunities",
            command=command,
            opportunities=int((design.chosen >= 0).sum()),
            log_likelihood=ll,
        )
        _model_outcome(design, beta, positions, predicted, probability, in_sample_key)
        groups = [o.country or o.id for o in opps]
        keys = sorted(set(groups))
        if cross_validate and len(keys) > 1:
            for i, key in enumerate(keys):
                weights = np.array([0.0 if gk == key else 1.0 for gk in groups])
                b, _, _ = fit_design(design, weights, ridge=ridge, start=beta, hessian=hessian)
                members = [g for g, gk in enumerate(groups) if gk == key]
                _model_outcome(design, b, positions, predicted, probability, "model", members)
                if progress is not None:
                    progress("cross-validation", i + 1, len(keys))

    outcomes = tuple(
        OpportunityOutcome(
            id=o.id,
            country=o.country,
            cabinet=tuple(o.cabinet or ()),
            minority_situation=_minority_situation(o),
            positions=positions[g],
            predicted=predicted[g],
            probability=probability[g],
        )
        for g, o in enumerate(opps)
    )
    scores: dict[str, TheoryScore] = {}
    for t in ids:
        if t == "model":
            inside = _with_subset("model", outcomes, in_sample_key)
            if cross_validate and any("model" in o.positions for o in outcomes):
                out = _with_subset("model", outcomes, "model")
                scores[t] = TheoryScore(**{**out.__dict__, "in_sample": inside})
            else:
                scores[t] = inside
        else:
            scores[t] = _with_subset(t, outcomes, t)
    return BacktestResult(
        opportunities=len(opps),
        countries=len({o.country for o in opps}),
        source=source,
        theories=scores,
        outcomes=outcomes,
        skipped=skipped,
        model=fitted,
    )


def _warm_start(max_parties: int) -> np.ndarray | None:
    """The shipped coefficients, a good starting point (the optimum does not depend on it)."""
    from majlis.formation.logit import load_model

    try:
        shipped = load_model()
    except (OSError, ValidationError):
        return None
    return shipped.beta if shipped.max_parties == max_parties else None


def _model_outcome(
    design: Design,
    beta: np.ndarray,
    positions: list[dict[str, tuple[int, int] | None]],
    predicted: list[dict[str, int]],
    probability: list[dict[str, float]],
    key: str,
    groups: Iterable[int] | None = None,
) -> None:
    for g in range(len(design.sizes)) if groups is None else groups:
        s, n = int(design.starts[g]), int(design.sizes[g])
        u = design.X[s : s + n] @ beta
        predicted[g][key] = n
        y = int(design.chosen[g])
        if y < 0:
            positions[g][key] = None
            probability[g][key] = 0.0
            continue
        uy = u[y]
        positions[g][key] = (int((u > uy).sum()) + 1, int((u >= uy).sum()))
        e = np.exp(u - u.max())
        probability[g][key] = float(e[y] / e.sum())
