"""Predictions of a coalition theory for one or many formation opportunities.

:func:`predict` is the function behind ``majlis predict`` and ``majlis coalitions``: it runs
a registered theory (:data:`~majlis.formation.THEORIES`) on each opportunity and returns
the ranked coalitions, best first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from majlis.errors import ValidationError
from majlis.formation._registry import get_theory
from majlis.formation.theories import RankedCoalition
from majlis.model import FormationOpportunity, Parliament

__all__ = [
    "CabinetRank",
    "CabinetRanks",
    "OpportunityPrediction",
    "Predictions",
    "predict",
    "rank_cabinet",
]


@dataclass(frozen=True)
class OpportunityPrediction:
    """A theory's ranked coalitions for one opportunity.

    ``predicted`` counts every coalition the theory predicts; ``predictions`` holds the
    first ``top`` of them (all without ``top``).
    """

    opportunity: FormationOpportunity
    theory: str
    predictions: tuple[RankedCoalition, ...]
    predicted: int

    @property
    def id(self) -> str:
        """The opportunity's id."""
        return self.opportunity.id

    def rank_of(self, parties: Sequence[str]) -> RankedCoalition | None:
        """The prediction of exactly these parties, if the theory ranks it (within ``top``)."""
        key = frozenset(parties)
        return next((c for c in self.predictions if frozenset(c.parties) == key), None)

    def to_dict(self, *, opportunity: bool = False) -> dict[str, Any]:
        """``{"id", "theory", "predicted", "predictions": [{"parties", "names", "score", ...}]}``;
        with ``opportunity``, also the opportunity itself (``majlis coalitions --json``)."""
        opp = self.opportunity
        doc = {
            "id": opp.id,
            "theory": self.theory,
            "total_seats": opp.total_seats,
            "majority_threshold": opp.majority_threshold,
            "predicted": self.predicted,
            "predictions": [
                {**c.to_dict(), "names": [opp.party(p).name or p for p in c.parties]}
                for c in self.predictions
            ],
        }
        if opportunity:
            doc["opportunity"] = opp.to_dict()
        return doc


@dataclass(frozen=True)
class Predictions:
    """Predictions for several opportunities: ``to_dict()`` is ``{"results": [...]}``."""

    theory: str
    results: tuple[OpportunityPrediction, ...]

    def to_dict(self) -> dict[str, Any]:
        """``{"theory", "results": [{"id", "predictions": [{"parties", "score"}, ...]}]}``."""
        return {"theory": self.theory, "results": [r.to_dict() for r in self.results]}


def predict(
    opportunities: FormationOpportunity | Parliament | Sequence[FormationOpportunity],
    theory: str = "model",
    *,
    top: int | None = None,
    coalition_model: Any = None,
    units: str = "bloc",
) -> Predictions:
    """Rank the potential governments of each opportunity with one theory.

    Parameters
    ----------
    opportunities : FormationOpportunity, Parliament or sequence of FormationOpportunity
        A :class:`~majlis.model.Parliament` is turned into an opportunity by
        :func:`majlis.data.opportunity_from_parliament` (blocs as actors).
    theory : str
        A registered theory id (``majlis.formation.THEORIES``).
    top : int, optional
        Keep the first ``top`` coalitions of each opportunity (all by default: for instance
        every minimal winning coalition).
    coalition_model : CoalitionModel, optional
        Coefficients for ``theory="model"`` (the shipped ones by default).
    units : str
        For a Parliament: ``"bloc"`` (blocs as single actors) or ``"party"``.

    Returns
    -------
    Predictions

    Raises
    ------
    UnknownMethodError
        An unknown theory id.
    ValidationError
        ``top`` below 1.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s)
    ...       for p, s in [("A", 45), ("B", 40), ("C", 15)]))
    >>> result = predict(opp, "minimal-winning")
    >>> [c["parties"] for c in result.to_dict()["results"][0]["predictions"]]
    [['B', 'C'], ['A', 'C'], ['A', 'B']]
    """
    info = get_theory(theory)
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ValidationError(f"top must be a positive integer, got {top!r}")
    if isinstance(opportunities, Parliament):
        from majlis.data import opportunity_from_parliament

        opps: list[FormationOpportunity] = [opportunity_from_parliament(opportunities, units=units)]
    elif isinstance(opportunities, FormationOpportunity):
        opps = [opportunities]
    else:
        opps = list(opportunities)
    options = {"coalition_model": coalition_model} if info.probabilistic else {}
    results = []
    for opp in opps:
        ranked = info.function(opp, top=top, **options)
        results.append(OpportunityPrediction(opp, theory, ranked.coalitions, ranked.total))
    return Predictions(theory, tuple(results))


@dataclass(frozen=True)
class CabinetRank:
    """Where one government ranks under one theory.

    ``position`` is the block ``(first, last)`` of positions the government shares with the
    coalitions tied with it (1-based; a set theory's whole set is one block), ``None`` when
    the theory does not predict it; ``predicted`` counts the theory's coalitions;
    ``probability`` is the model's probability of the government (``None`` for set
    theories); ``note`` says why a position is missing. ``predicted`` is -1 when a set is
    too large to list and the theory cannot count it otherwise.
    """

    theory: str
    position: tuple[int, int] | None
    predicted: int
    probability: float | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """``{"theory", "position", "predicted", "probability", "note"}``."""
        return {
            "theory": self.theory,
            "position": list(self.position) if self.position else None,
            "predicted": self.predicted,
            "probability": self.probability,
            "note": self.note,
        }


@dataclass(frozen=True)
class CabinetRanks:
    """Where a government ranks under each theory (:func:`rank_cabinet`)."""

    opportunity: FormationOpportunity
    cabinet: tuple[str, ...]
    seats: int
    status: str
    ranks: tuple[CabinetRank, ...]

    def __getitem__(self, theory: str) -> CabinetRank:
        return next(r for r in self.ranks if r.theory == theory)

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "cabinet", "seats", "status", "ranks": [{"theory", "position", ...}]}``."""
        opp = self.opportunity
        return {
            "id": opp.id,
            "total_seats": opp.total_seats,
            "majority_threshold": opp.majority_threshold,
            "cabinet": list(self.cabinet),
            "names": [opp.party(p).name or p for p in self.cabinet],
            "seats": self.seats,
            "status": self.status,
            "ranks": [r.to_dict() for r in self.ranks],
        }


def rank_cabinet(
    opportunity: FormationOpportunity | Parliament,
    cabinet: Sequence[str] | None = None,
    theories: Sequence[str] | None = None,
    *,
    coalition_model: Any = None,
) -> CabinetRanks:
    """Where a government (by default the opportunity's real cabinet) ranks under each theory.

    Set theories whose coalitions are all minimal winning (``THEORIES[t].minimal_winning``)
    cannot predict a minority or a surplus government: they rank it nowhere even when their
    set is too large to list (Iraq's houses have hundreds of thousands of minimal winning
    coalitions).

    Parameters
    ----------
    opportunity : FormationOpportunity or Parliament
    cabinet : sequence of str, optional
        Party ids of the government; the opportunity's ``cabinet`` by default.
    theories : sequence of str, optional
        Theory ids (every registered theory by default).
    coalition_model : CoalitionModel, optional
        Coefficients for ``model`` (the shipped ones by default).

    Returns
    -------
    CabinetRanks

    Raises
    ------
    ValidationError
        No cabinet given and none known, or a party id that is not in the opportunity.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s)
    ...       for p, s in [("A", 45), ("B", 40), ("C", 15)]), incumbent_parties=("A", "C"))
    >>> r = rank_cabinet(opp, ["A", "C"], ["minimal-winning", "minimum-winning", "incumbent"])
    >>> [(x.theory, x.position, x.predicted) for x in r.ranks]
    [('minimal-winning', (1, 3), 3), ('minimum-winning', None, 1), ('incumbent', (1, 1), 1)]
    """
    from majlis.errors import TooLargeError
    from majlis.formation._registry import THEORIES
    from majlis.formation.candidates import coalition_status, order_coalition
    from majlis.formation.logit import load_model

    if isinstance(opportunity, Parliament):
        from majlis.data import opportunity_from_parliament

        opportunity = opportunity_from_parliament(opportunity)
    opp = opportunity
    parties = cabinet if cabinet is not None else opp.cabinet
    if not parties:
        raise ValidationError(f"opportunity {opp.id!r}: no cabinet to rank")
    members = order_coalition(opp, parties)
    key = frozenset(members)
    status = coalition_status(opp, members)
    ids = list(theories) if theories is not None else list(THEORIES)
    out = []
    for t in ids:
        info = get_theory(t)
        if info.probabilistic:
            m = coalition_model if coalition_model is not None else load_model()
            cs, p = m.probabilities(opp)
            k = cs.index_of(members)
            if k is None:
                note = f"not a potential government (parties beyond the {m.max_parties} largest)"
                out.append(CabinetRank(t, None, len(cs), 0.0, note))
                continue
            pos = (int((p > p[k]).sum()) + 1, int((p >= p[k]).sum()))
            out.append(CabinetRank(t, pos, len(cs), float(p[k])))
            continue
        try:
            ranked = info.function(opp)
        except TooLargeError as exc:
            try:  # counted without listing where the theory can
                total = info.function(opp, top=1).total
            except TooLargeError:
                total = -1
            if info.minimal_winning and status != "minimal-winning":
                out.append(CabinetRank(t, None, total, note=f"a {status} government"))
            else:
                out.append(CabinetRank(t, None, total, note=f"undetermined: {exc}"))
            continue
        hit = any(frozenset(c.parties) == key for c in ranked)
        note = "" if hit or not info.minimal_winning else f"a {status} government"
        out.append(CabinetRank(t, (1, ranked.total) if hit else None, ranked.total, note=note))
    return CabinetRanks(opp, members, opp.seats_of(members), status, tuple(out))
