"""The registry of seat-allocation methods (private; re-exported by ``majlis.electoral``).

A method is a plain public function ``f(votes, seats, *, threshold=None, tie_break="votes",
seed=None, ...)``; the :func:`allocation_method` decorator records it in :data:`METHODS` under
the id the CLI uses (pref_voting / abcvoting style). :func:`run_core` does the shared work:
it accepts every votes container, validates once, applies a legal threshold, computes tie
priorities and maps the result back to names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from majlis.electoral._input import check_seats, normalize_votes, threshold_mask, tie_ranks
from majlis.errors import ValidationError

__all__ = ["METHODS", "MethodInfo", "allocation_method"]


@dataclass(frozen=True)
class MethodInfo:
    """A registered seat-allocation method: id, human name, family and the function."""

    id: str
    name: str
    family: str  # "divisor", "largest-remainder" or "plurality"
    function: Callable[..., Any] = field(repr=False)
    options: tuple[str, ...] = ()


METHODS: dict[str, MethodInfo] = {}
"""Every registered method by its id (the ids the CLI accepts for ``--method``)."""


def allocation_method(
    id: str, *, name: str, family: str, options: tuple[str, ...] = ()
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function under ``id`` and return it unchanged."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        METHODS[id] = MethodInfo(id, name, family, fn, options)
        fn.method_id = id  # type: ignore[attr-defined]
        return fn

    return deco


def run_core(
    core: Callable[..., list[int]],
    votes: Any,
    seats: Any,
    *,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
    **options: Any,
) -> dict[str, int] | list[int]:
    """Validate, apply the threshold, run ``core(votes, seats, ranks, **options)``, map back."""
    names, values = normalize_votes(votes)
    seats = check_seats(seats)
    ranks = tie_ranks(values, tie_break, seed)
    eligible = values
    if threshold is not None:
        passed = threshold_mask(values, threshold)
        eligible = [v if p else 0 for v, p in zip(values, passed)]
    if not any(eligible):
        raise ValidationError("every list has zero votes: there is nothing to allocate")
    result = core(eligible, seats, ranks, **options)
    if names is None:
        return result
    return dict(zip(names, result))
