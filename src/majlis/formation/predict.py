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

__all__ = ["OpportunityPrediction", "Predictions", "predict"]


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

    def to_dict(self) -> dict[str, Any]:
        """``{"id", "theory", "predicted", "predictions": [{"parties", "names", "score", ...}]}``."""
        opp = self.opportunity
        return {
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

        opps: list[FormationOpportunity] = [opportunity_from_parliament(opportunities)]
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
