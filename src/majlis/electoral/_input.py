"""Input normalisation shared by every allocation method (private).

Turns the user's votes (a mapping name -> votes, a sequence of ints or a sequence of
``(name, votes)`` pairs) into a list of Python ints plus the names, and checks every
input once, raising a :class:`~majlis.errors.MajlisError` subclass with one sentence
naming the offending value.
"""

from __future__ import annotations

import numbers
import random
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from majlis.errors import InfeasibleQuotaError, ValidationError
from majlis.limits import MAX_LISTS, MAX_SEATS, check_limit

__all__: list[str] = []

TIE_BREAKS = ("votes", "order", "lot")
"""Tie-break rules: ``votes`` (more votes first, then earlier in the list), ``order``
(earlier in the list first) and ``lot`` (a random order drawn once from ``seed``)."""


def _as_int(value: Any, what: str) -> int:
    """Return ``value`` as a non-negative Python int or raise ValidationError."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        try:
            whole = isinstance(value, (float, Fraction, Decimal)) and value == int(value)
        except (ValueError, OverflowError):  # nan, inf
            whole = False
        if not whole:
            raise ValidationError(f"votes must be whole numbers, got {value!r} for {what}")
        value = int(value)
    value = int(value)
    if value < 0:
        raise ValidationError(f"votes must not be negative, got {value} for {what}")
    return value


def normalize_votes(votes: Any) -> tuple[list[str] | None, list[int]]:
    """Return ``(names or None, votes as ints)`` from any accepted votes container."""
    if isinstance(votes, Mapping):
        names = [str(k) for k in votes]
        if len(set(names)) != len(names):
            dup = next(n for n in names if names.count(n) > 1)
            raise ValidationError(f"duplicate list name {dup!r}")
        values = [_as_int(v, repr(k)) for k, v in votes.items()]
    elif isinstance(votes, (str, bytes)) or not hasattr(votes, "__iter__"):
        raise ValidationError(
            f"votes must be a mapping of list -> votes or a sequence of ints, got {type(votes).__name__}"
        )
    else:
        items = list(votes)
        if items and all(isinstance(x, tuple) and len(x) == 2 for x in items):
            names = [str(n) for n, _ in items]
            seen: set[str] = set()
            for n in names:
                if n in seen:
                    raise ValidationError(f"duplicate list name {n!r}")
                seen.add(n)
            values = [_as_int(v, repr(n)) for n, v in items]
        else:
            names = None
            values = [_as_int(v, f"list #{i}") for i, v in enumerate(items)]
    if not values:
        raise ValidationError("the vote list is empty: give at least one list with votes")
    check_limit(len(values), MAX_LISTS, "lists in one district")
    return names, values


def check_seats(seats: Any) -> int:
    """Return ``seats`` as a positive int or raise ValidationError."""
    if isinstance(seats, bool) or not isinstance(seats, numbers.Integral):
        raise ValidationError(f"seats must be a positive whole number, got {seats!r}")
    if seats < 1:
        raise ValidationError(f"seats must be at least 1, got {seats}")
    check_limit(int(seats), MAX_SEATS, "seats in one allocation")
    return int(seats)


def as_fraction(value: Any, what: str) -> Fraction:
    """Return ``value`` (int, str, float, Decimal, Fraction) as an exact Fraction.

    Floats go through their shortest decimal repr, so ``1.7`` is exactly 17/10.
    """
    if isinstance(value, bool):
        raise ValidationError(f"{what} must be a number, got {value!r}")
    try:
        if isinstance(value, float):  # incl. numpy.float64: its shortest decimal repr
            return Fraction(repr(float(value)))
        if isinstance(value, (int, Fraction, Decimal, str, numbers.Rational)):
            return Fraction(value)
        if isinstance(value, numbers.Real):
            return Fraction(repr(float(value)))
    except (ValueError, ZeroDivisionError):
        pass
    raise ValidationError(f"{what} must be a number such as 0.05 or 1.7, got {value!r}")


def tie_ranks(votes: list[int], tie_break: str, seed: int | None) -> list[int]:
    """Return each list's tie priority (0 = wins every tie) under ``tie_break``."""
    n = len(votes)
    if tie_break == "votes":
        order = sorted(range(n), key=lambda i: (-votes[i], i))
    elif tie_break == "order":
        order = list(range(n))
    elif tie_break == "lot":
        order = list(range(n))
        random.Random(seed).shuffle(order)
    else:
        raise ValidationError(
            f"unknown tie_break {tie_break!r}: use one of {', '.join(TIE_BREAKS)}"
        )
    ranks = [0] * n
    for r, i in enumerate(order):
        ranks[i] = r
    return ranks


def threshold_mask(votes: list[int], threshold: Any, total: int | None = None) -> list[bool]:
    """Return which lists reach ``threshold`` (a share of ``total``, default the sum of votes).

    A list passes when ``votes >= threshold * total`` (exactly, in rationals).
    """
    t = as_fraction(threshold, "threshold")
    if not 0 <= t <= 1:
        raise ValidationError(f"threshold must be a share between 0 and 1, got {threshold!r}")
    tot = sum(votes) if total is None else total
    passed = [v * t.denominator >= t.numerator * tot for v in votes]
    if not any(p and v > 0 for p, v in zip(passed, votes)):
        raise InfeasibleQuotaError(f"the threshold {threshold} eliminates every list")
    return passed
