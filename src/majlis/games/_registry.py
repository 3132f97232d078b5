"""The registry of power indices (private; re-exported by ``majlis.games``).

An index is a plain public function of a game (and, for values with a priori unions, of
the unions); the :func:`register_index` decorator records it in :data:`POWER_INDICES` under
the id the CLI and the web app use, with its human name, whether it needs unions and its
cost class (pref_voting / abcvoting style, like ``majlis.electoral``'s method registry).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from majlis.errors import UnknownMethodError, ValidationError

__all__ = ["COST_CLASSES", "POWER_INDICES", "IndexInfo", "power_index", "register_index"]

COST_CLASSES = {
    "swings": "pseudo-polynomial: generating function of the weights (Banzhaf, Coleman)",
    "swings-by-size": "pseudo-polynomial with a size dimension (Shapley-Shubik, Owen)",
    "minimal-winning": "minimal winning coalitions counted by weight class (Holler-Packel...)",
    "unions": "generating functions per union and inside it (Owen, Banzhaf-Owen)",
}
"""What each cost class of :class:`IndexInfo` means (see :mod:`majlis.games._counting`)."""


@dataclass(frozen=True)
class IndexInfo:
    """A registered power index: id, human name, the function, whether it takes a priori
    unions (``f(game, unions)``) and its cost class (a key of :data:`COST_CLASSES`).

    Calling an ``IndexInfo`` calls the function.
    """

    id: str
    name: str
    function: Callable[..., Any] = field(repr=False)
    needs_unions: bool = False
    cost: str = "swings"

    def __call__(self, game: Any, *args: Any, **kwargs: Any) -> Any:
        return self.function(game, *args, **kwargs)

    def compute(self, game: Any, unions: Any = None) -> Any:
        """The index of ``game``; ``unions`` only for indices that take them."""
        if self.needs_unions:
            return self.function(game, unions or [])
        if unions:
            raise ValidationError(
                f"a priori unions apply to {', '.join(union_indices())}, not to {self.id!r}"
            )
        return self.function(game)


POWER_INDICES: dict[str, IndexInfo] = {}
"""Every registered index by id (``"banzhaf"``, ``"shapley-shubik"``, ``"owen"``, ...)."""


def register_index(
    index_id: str, name: str, *, unions: bool = False, cost: str = "swings"
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function under ``index_id`` and return it unchanged."""
    if cost not in COST_CLASSES:  # pragma: no cover - programming error
        raise ValueError(f"unknown cost class {cost!r}")

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        POWER_INDICES[index_id] = IndexInfo(index_id, name, fn, unions, cost)
        fn.index_id = index_id  # type: ignore[attr-defined]
        return fn

    return deco


def union_indices() -> list[str]:
    """Ids of the indices that take a priori unions."""
    return sorted(k for k, v in POWER_INDICES.items() if v.needs_unions)


def power_index(index_id: str) -> IndexInfo:
    """Return the registered index called ``index_id`` (callable like its function).

    Raises
    ------
    UnknownMethodError
        When no index has that id.

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> power_index("shapley-shubik")(WeightedGame([2, 1, 1], 3))
    [Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)]
    >>> power_index("owen").needs_unions, power_index("banzhaf").cost
    (True, 'swings')
    """
    try:
        return POWER_INDICES[index_id]
    except KeyError:
        known = ", ".join(sorted(POWER_INDICES))
        raise UnknownMethodError(f"unknown power index {index_id!r}; known: {known}.") from None
