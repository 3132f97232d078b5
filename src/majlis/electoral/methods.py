"""One entry point over every registered method: :func:`allocate_seats`."""

from __future__ import annotations

from typing import Any

from majlis.electoral import divisor as _divisor  # noqa: F401  (registers the methods)
from majlis.electoral import plurality as _plurality  # noqa: F401
from majlis.electoral import quota as _quota  # noqa: F401
from majlis.electoral._registry import METHODS, MethodInfo
from majlis.errors import UnknownMethodError, ValidationError

__all__ = ["METHODS", "MethodInfo", "allocate_seats", "get_method"]


def get_method(method: str) -> MethodInfo:
    """Return the registered method ``method`` or raise UnknownMethodError.

    Examples
    --------
    >>> get_method("sainte-lague").name
    'Sainte-Laguë (Webster)'
    """
    try:
        return METHODS[method]
    except (KeyError, TypeError):
        raise UnknownMethodError(
            f"unknown method {method!r}: use one of {', '.join(sorted(METHODS))}"
        ) from None


def allocate_seats(
    votes: Any,
    seats: int,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> dict[str, int] | list[int]:
    """Allocate ``seats`` among lists by ``method``, exactly.

    Parameters
    ----------
    votes : Mapping[str, int] or sequence of int
        Votes per list (or per candidate for ``"sntv"``). A mapping (or a sequence of
        ``(name, votes)`` pairs) gives a dict back; a plain sequence gives a list.
    seats : int
        House or district size, at least 1.
    method : str
        A registered id: ``dhondt``, ``sainte-lague``, ``imperiali``, ``danish``,
        ``huntington-hill``, ``adams``, ``hare``, ``droop``, ``hagenbach-bischoff``,
        ``imperiali-quota``, ``sntv``.
    first_divisor : number, optional
        First divisor of ``sainte-lague`` (1.4 Nordic, 1.7 Iraq) and of the other linear
        divisor methods (``dhondt``, ``imperiali``, ``danish``).
    threshold : number, optional
        Legal threshold as a share of all valid votes: lists with fewer than
        ``threshold * total`` votes win nothing.
    tie_break : {"votes", "order", "lot"}
        Equal quotients/remainders go to the list with more votes, then the earlier one
        (``"votes"``); to the earlier one (``"order"``); or by lot (``"lot"`` with ``seed``).
    seed : int, optional
        Seed for ``tie_break="lot"``; pass an int for reproducible output across calls.

    Returns
    -------
    dict or list
        Seats per list, summing to ``seats``.

    Raises
    ------
    ValidationError
        Negative or non-integer votes, no lists, duplicate names, seats < 1, a bad option.
    UnknownMethodError
        ``method`` is not registered.
    InfeasibleQuotaError
        The threshold eliminates every list, or SNTV has fewer candidates than seats.

    Examples
    --------
    >>> allocate_seats({"A": 1000, "B": 600, "C": 300}, 10, "sainte-lague", first_divisor=1.7)
    {'A': 5, 'B': 3, 'C': 2}
    >>> allocate_seats([1000, 600, 300], 10, "hare")
    [5, 3, 2]
    """
    info = get_method(method)
    options: dict[str, Any] = {}
    if first_divisor is not None:
        if "first_divisor" not in info.options:
            raise ValidationError(f"first_divisor does not apply to the {method} method")
        options["first_divisor"] = first_divisor
    return info.function(
        votes, seats, threshold=threshold, tie_break=tie_break, seed=seed, **options
    )
