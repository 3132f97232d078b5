"""The registry of coalition theories (private; re-exported by ``majlis.formation``).

A theory is a plain public function ``f(opportunity, **options) -> list[RankedCoalition]``
(best first); the :func:`coalition_theory` decorator records it in :data:`THEORIES` under the
id the CLI uses (``--theory minimal-connected``), pref_voting / abcvoting style.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from majlis.errors import UnknownMethodError

__all__ = ["THEORIES", "TheoryInfo", "coalition_theory", "get_theory"]


@dataclass(frozen=True)
class TheoryInfo:
    """A registered coalition theory: id, human name, citation and the function.

    ``probabilistic`` theories score coalitions with probabilities (the fitted model); the
    others predict a set of tied coalitions. ``needs_positions`` theories place parties on
    the left-right dimension and cannot predict coalitions of unplaced parties.
    ``minimal_winning`` theories predict minimal winning coalitions only (never a minority
    or a surplus government).
    """

    id: str
    name: str
    citation: str
    function: Callable[..., Any] = field(repr=False)
    probabilistic: bool = False
    needs_positions: bool = False
    minimal_winning: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description."""
        return {
            "id": self.id,
            "name": self.name,
            "citation": self.citation,
            "probabilistic": self.probabilistic,
            "needs_positions": self.needs_positions,
            "minimal_winning": self.minimal_winning,
        }


THEORIES: dict[str, TheoryInfo] = {}
"""Every registered theory by its id (the ids the CLI accepts for ``--theory``)."""


def coalition_theory(
    id: str,
    *,
    name: str,
    citation: str,
    probabilistic: bool = False,
    needs_positions: bool = False,
    minimal_winning: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function under ``id`` and return it unchanged."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        THEORIES[id] = TheoryInfo(
            id, name, citation, fn, probabilistic, needs_positions, minimal_winning
        )
        fn.theory_id = id  # type: ignore[attr-defined]
        return fn

    return deco


def get_theory(id: str) -> TheoryInfo:
    """The registered theory with this id (:class:`~majlis.errors.UnknownMethodError` if none)."""
    try:
        return THEORIES[id]
    except KeyError:
        known = ", ".join(THEORIES)
        raise UnknownMethodError(f"unknown theory {id!r} (known: {known})") from None
