"""Batch allocation: thousands of vote vectors at once with numpy (no Python loop per row).

Divisor methods
    Start from the seats a common divisor would give (``searchsorted`` of ``votes / lam``
    in the divisor table, with ``lam`` chosen so that the expected total is the house size),
    then correct every row at once: rows short of seats give one seat to their highest next
    quotient, rows with too many take one back from their lowest last quotient, and
    balanced rows swap one seat while some list's next quotient beats another's last one.
    The loop runs until no row changes, a handful of rounds in practice. Quotients are
    ``votes**p / D`` in float64 with ``D`` the divisor table scaled to integers (1.7, 3, 5 ->
    17, 30, 50), so the float comparisons are right except between quotients that agree to a
    relative 1e-10; every row whose last awarded and next quotient are that close (exact ties
    included) is then settled by the exact scalar algorithm. The result therefore equals
    :func:`allocate_seats` with ``tie_break="votes"`` (ties: more votes, then the earlier
    list) row by row, for any votes below 2**53.
Largest remainder
    Whole quotas and remainders in int64 (``v * S // V`` and ``v * S % V`` for Hare), the
    leftover seats to the largest remainders via one stable sort per batch.
SNTV
    The ``seats`` highest vote counts per row.
"""

from __future__ import annotations

from collections.abc import Mapping
from math import lcm
from typing import Any

import numpy as np

from majlis.electoral._input import as_fraction, check_seats, tie_ranks
from majlis.electoral.divisor import DivisorRule, _divisor_core, divisor_rule
from majlis.electoral.laws import magnitudes
from majlis.electoral.methods import get_method
from majlis.errors import InfeasibleQuotaError, ValidationError
from majlis.limits import MAX_SEATS_BATCH, check_limit
from majlis.model import Law

__all__ = ["allocate_many", "apply_law_many"]

_CHUNK = 1 << 15  # rows per vectorised block (keeps the working set in cache)
_REL_TOL = 1e-10  # boundary quotients closer than this (relative) are settled exactly


def _as_matrix(votes_matrix: Any) -> np.ndarray:
    try:
        arr = np.asarray(votes_matrix)
    except (ValueError, TypeError):
        raise ValidationError("votes_matrix must be a rectangular array of whole numbers") from None
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] == 0 or arr.shape[0] == 0:
        raise ValidationError(f"votes_matrix must be a non-empty 2-D array, got shape {arr.shape}")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.floor(arr)):
            raise ValidationError("votes_matrix must hold whole numbers of votes")
        arr = arr.astype(np.int64)
    elif arr.dtype.kind not in "iu":
        raise ValidationError(
            f"votes_matrix must hold whole numbers of votes, got dtype {arr.dtype}"
        )
    arr = arr.astype(np.int64, copy=False)
    if (arr < 0).any():
        r, c = map(int, np.argwhere(arr < 0)[0])
        raise ValidationError(f"votes must not be negative, got {arr[r, c]} in row {r}, column {c}")
    return arr


def _apply_threshold(v: np.ndarray, threshold: Any) -> np.ndarray:
    t = as_fraction(threshold, "threshold")
    if not 0 <= t <= 1:
        raise ValidationError(f"threshold must be a share between 0 and 1, got {threshold!r}")
    total = v.sum(axis=1, keepdims=True)
    keep = v * t.denominator >= t.numerator * total
    out = np.where(keep, v, 0)
    dead = ~(out > 0).any(axis=1)
    if dead.any():
        raise InfeasibleQuotaError(
            f"the threshold {threshold} eliminates every list in row {int(np.argmax(dead))}"
        )
    return out


def _divisor_table(method: str, first_divisor: Any, seats: int) -> tuple[DivisorRule, np.ndarray]:
    """Return (rule, D) with D[k] = d(k)**power scaled to integers, k = 0..seats."""
    rule = divisor_rule(method, first_divisor)
    ds = [rule(k) for k in range(seats + 1)]
    scale = lcm(*(d.denominator for d in ds))
    table = np.array([int(d * scale) for d in ds], dtype=np.float64)
    return rule, table


def _divisor_many(
    v: np.ndarray, seats: int, power: int, table: np.ndarray, rule: DivisorRule | None = None
) -> np.ndarray:
    rows, n = v.shape
    vf = v.astype(np.float64)
    vp = vf**power
    positive = v > 0
    # tie priority: more votes first, then the earlier list (unique per row)
    prio = v * n + (n - 1 - np.arange(n))
    # ---- start: seats from a common divisor lam, in linear units (table ** (1/power))
    lin = table ** (1.0 / power)
    a = (lin[-1] - lin[1]) / max(seats - 1, 1) if seats > 1 else max(lin[1] - lin[0], 1.0)
    b = lin[1] - a
    ks = np.arange(1, seats + 1)
    linear = (
        power == 1
        and seats > 1
        and bool(np.all(table[1:] == table[1] + (table[2] - table[1]) * (ks - 1)))
    )

    def counts(lam: np.ndarray) -> np.ndarray:
        x = vf / lam[:, None]
        if linear:  # [d(0) <= x] + #{k >= 1: a k + b <= x}
            c = (x >= lin[0]).astype(np.int64) + np.maximum(np.floor((x - b) / a), 0).astype(
                np.int64
            )
        elif power == 2 and lin[0] == 0:  # Huntington-Hill: #{k >= 0: k (k + 1) <= x^2}
            c = np.floor((np.sqrt(1.0 + 4.0 * x * x) - 1.0) / 2.0).astype(np.int64) + 1
        else:
            c = np.searchsorted(lin, x.ravel(), side="right").reshape(rows, n)
        return np.where(positive, np.minimum(c, seats), 0)

    npos = positive.sum(axis=1)
    denom = np.maximum(seats - npos * (0.5 - b / a), seats / 2.0)
    vsum = vf.sum(axis=1)
    lam = vsum / (a * denom)
    for _ in range(3):  # Newton steps on count(lam) ~ V / (a lam) + K, K fitted at lam
        c = counts(lam).sum(axis=1)
        k = c - vsum / (a * lam)
        lam = np.where(c == seats, lam, vsum / (a * np.maximum(seats - k, 0.5)))
    s = counts(lam).astype(np.int64)
    # ---- correction rounds over the rows that still change
    big = np.iinfo(np.int64).max
    top = float(seats)
    near = np.zeros(rows, dtype=bool)  # rows whose last and next quotients (nearly) tie
    infinite_first = bool(table[0] == 0)
    fmax = np.finfo(np.float64).max
    active: np.ndarray | None = None  # None = every row (views, no copies)
    with np.errstate(divide="ignore", invalid="ignore"):
        while True:
            if active is None:
                sa, va, posa, pra = s, vp, positive, prio
            else:
                sa, va, posa, pra = s[active], vp[active], positive[active], prio[active]
            m = sa.shape[0]
            r = np.arange(m)
            nxt = va / table[np.minimum(sa, seats)]
            if infinite_first:  # a first seat (d(0) = 0) outranks every finite quotient
                np.minimum(nxt, fmax, out=nxt)
            nxt[~posa | (sa >= top)] = -1.0
            last = va / table[np.maximum(sa - 1, 0)]
            if infinite_first:
                np.minimum(last, fmax, out=last)
            last[sa == 0] = np.inf  # nothing to take back
            # best next seat (ties: higher priority), worst held seat (ties: lower priority)
            ibest = nxt.argmax(axis=1)
            nmax = nxt[r, ibest]
            iworst = last.argmin(axis=1)
            lmin = last[r, iworst]
            tb = (nxt == nmax[:, None]).sum(axis=1) > 1
            if tb.any():
                ibest[tb] = np.where(nxt[tb] == nmax[tb, None], pra[tb], -1).argmax(axis=1)
            tw = (last == lmin[:, None]).sum(axis=1) > 1
            if tw.any():
                iworst[tw] = np.where(last[tw] == lmin[tw, None], pra[tw], big).argmin(axis=1)
            diff = seats - sa.sum(axis=1)
            pb, pw = pra[r, ibest], pra[r, iworst]
            swap = (diff == 0) & (ibest != iworst) & ((nmax > lmin) | ((nmax == lmin) & (pb > pw)))
            add = (diff > 0) | swap
            rem = (diff < 0) | swap
            change = add | rem
            done = ~change  # these rows are final: keep their boundary quotients
            rows_done = r[done] if active is None else active[done]
            near[rows_done] = (lmin[done] - nmax[done]) <= _REL_TOL * np.abs(lmin[done])
            if not change.any():
                break
            sa[r[add], ibest[add]] += 1
            sa[r[rem], iworst[rem]] -= 1
            if active is None:
                active = np.nonzero(change)[0]
            else:
                s[active] = sa
                active = active[change]
    if rule is not None:  # settle (near-)ties exactly, row by row, with the scalar algorithm
        for i in np.nonzero(near)[0]:
            row = v[i].tolist()
            s[i] = _divisor_core(row, seats, tie_ranks(row, "votes", None), rule)
    return s


def _lr_many(v: np.ndarray, seats: int, quota: str) -> np.ndarray:
    rows, n = v.shape
    total = v.sum(axis=1, keepdims=True)
    if quota == "hare":
        num, den = v * seats, total
    elif quota == "droop":
        num, den = v, total // (seats + 1) + 1
    elif quota == "hagenbach-bischoff":
        num, den = v * (seats + 1), total
    else:  # imperiali
        num, den = v * (seats + 2), total
    whole = num // den
    rem = num % den  # remainders share the row's denominator: compare them directly
    left = seats - whole.sum(axis=1)
    prio = v * n + (n - 1 - np.arange(n))
    if (left < 0).any():  # small quota: take back one seat each from the smallest remainders
        over = np.where(left < 0)[0]
        w = whole[over]
        big = np.iinfo(np.int64).max
        # order: lists holding seats first, by remainder ascending, then weakest priority first
        o1 = np.argsort(prio[over], axis=1, kind="stable")
        key = np.where(
            np.take_along_axis(w, o1, axis=1) > 0, np.take_along_axis(rem[over], o1, axis=1), big
        )
        order = np.take_along_axis(o1, np.argsort(key, axis=1, kind="stable"), axis=1)
        holders = (w > 0).sum(axis=1)
        excess = -left[over]
        r = np.arange(over.size)
        for j in range(int(excess.max())):
            go = j < excess
            pos = j % np.maximum(holders, 1)
            w[r[go], order[r[go], pos[go]]] -= 1
        whole[over] = w
        left = seats - whole.sum(axis=1)
    # order lists by (remainder desc, priority desc): sort by priority, then stable by remainder
    o1 = np.argsort(-prio, axis=1, kind="stable")
    rem1 = np.take_along_axis(rem, o1, axis=1)
    o2 = np.argsort(-rem1, axis=1, kind="stable")
    order = np.take_along_axis(o1, o2, axis=1)
    npos = (v > 0).sum(axis=1)
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(n)[None, :].repeat(rows, axis=0), axis=1)
    # round-robin when more seats are left than lists with votes
    full_rounds = left // np.maximum(npos, 1)
    extra = left % np.maximum(npos, 1)
    pos = v > 0
    return whole + np.where(pos, full_rounds[:, None] + (rank < extra[:, None]), 0)


def _sntv_many(v: np.ndarray, seats: int) -> np.ndarray:
    _rows, n = v.shape
    if seats > n:
        raise InfeasibleQuotaError(f"{seats} seats but only {n} candidates")
    prio = v * n + (n - 1 - np.arange(n))
    order = np.argsort(-prio, axis=1)
    out = np.zeros_like(v)
    np.put_along_axis(out, order[:, :seats], 1, axis=1)
    return out


def allocate_many(
    votes_matrix: Any,
    seats: Any,
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    threshold: Any = None,
) -> np.ndarray:
    """Allocate ``seats`` for every row of ``votes_matrix`` at once (vectorised with numpy).

    Parameters
    ----------
    votes_matrix : array_like of int, shape (rows, lists)
        One vote vector per row (a 1-D vector is treated as one row).
    seats : int or array_like of int, shape (rows,)
        House size, the same for every row or one per row.
    method : str
        Any method id of :func:`allocate_seats` (``dhondt``, ``sainte-lague``, ``imperiali``,
        ``danish``, ``huntington-hill``, ``adams``, ``hare``, ``droop``,
        ``hagenbach-bischoff``, ``imperiali-quota``, ``sntv``).
    first_divisor : number, optional
        First divisor for ``sainte-lague`` and the other linear divisor methods (1.7 Iraq).
    threshold : number, optional
        Legal threshold as a share of each row's valid votes.

    Returns
    -------
    numpy.ndarray of int64, shape (rows, lists)
        Seats, each row summing to its house size; identical to :func:`allocate_seats` row
        by row with its default tie-break (more votes, then the earlier list).

    Notes
    -----
    See the module docstring for the algorithm and the range in which float64 quotients are
    exact (votes times scaled divisors below 2**52).

    Examples
    --------
    >>> allocate_many([[100_000, 80_000, 30_000, 20_000], [1000, 600, 300, 0]], 8,
    ...               "sainte-lague", first_divisor=1.7).tolist()
    [[4, 3, 1, 0], [4, 3, 1, 0]]
    """
    info = get_method(method)
    v = _as_matrix(votes_matrix)
    if threshold is not None:
        v = _apply_threshold(v, threshold)
    dead = ~(v > 0).any(axis=1)
    if dead.any():
        raise ValidationError(
            f"every list has zero votes in row {int(np.argmax(dead))}: nothing to allocate"
        )
    if first_divisor is not None and "first_divisor" not in info.options:
        raise ValidationError(f"first_divisor does not apply to the {method} method")
    if not np.isscalar(seats) and np.ndim(seats) == 1:
        s_arr = np.asarray(seats)
        if s_arr.shape[0] != v.shape[0]:
            raise ValidationError(f"seats has {s_arr.shape[0]} entries for {v.shape[0]} rows")
        out = np.zeros_like(v)
        for s in np.unique(s_arr):  # one vectorised call per distinct house size
            rows = np.where(s_arr == s)[0]
            out[rows] = allocate_many(v[rows], int(s), method, first_divisor=first_divisor)
        return out
    seats = check_seats(seats)
    check_limit(seats, MAX_SEATS_BATCH, "seats per row in a batch allocation")
    if info.family == "divisor":
        rule, table = _divisor_table(method, first_divisor, seats)
        return np.concatenate(
            [
                _divisor_many(v[i : i + _CHUNK], seats, rule.power, table, rule)
                for i in range(0, v.shape[0], _CHUNK)
            ]
        )
    if info.family == "largest-remainder":
        quota = {"imperiali-quota": "imperiali"}.get(method, method)
        return _lr_many(v, seats, quota)
    return _sntv_many(v, seats)


def apply_law_many(
    law: Law,
    votes_by_district: Mapping[str, Any],
    seats_by_district: Mapping[str, int] | None = None,
) -> dict[str, np.ndarray]:
    """Apply a law to many vote vectors per district at once (:func:`apply_law`, vectorised).

    Parameters
    ----------
    law : Law
        The law (e.g. ``load_dataset("iraq").law("iraq-2025")``): its method, first divisor,
        district magnitudes and threshold (per district, or national: a list below the
        national share wins nothing anywhere in that row).
    votes_by_district : Mapping[str, array_like of int, shape (rows, lists)]
        District -> one vote vector per row; every district has the same rows and the same
        lists (columns), with 0 where a list does not run.
    seats_by_district : Mapping[str, int], optional
        Magnitudes; default the law's own.

    Returns
    -------
    dict of str to numpy.ndarray of int64, shape (rows, lists)
        Seats per district, row by row equal to ``apply_law(law, row).districts`` (ties:
        more votes, then the earlier list). General seats only: the law's minority seats
        are separate ballots and its women's quota changes who sits for a list, not list
        totals (see :func:`apply_law`).

    Notes
    -----
    Lists with no votes in any row of a district are left out of that district's
    allocation (they cannot win a seat, except under SNTV, where nothing is left out).

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> law = load_dataset("iraq").law("iraq-2025")
    >>> out = apply_law_many(law, {"Erbil": [[369_118, 97_301, 63_288, 38_911, 28_650],
    ...                                      [300_000, 150_000, 63_288, 38_911, 28_650]]})
    >>> out["Erbil"].tolist()
    [[9, 3, 2, 1, 0], [8, 4, 2, 1, 0]]
    """
    get_method(law.method)
    if not isinstance(votes_by_district, Mapping) or not votes_by_district:
        raise ValidationError(
            "votes_by_district must be a non-empty mapping of district -> votes matrix"
        )
    seats = magnitudes(law, votes_by_district, seats_by_district)
    mats: dict[str, np.ndarray] = {}
    for d, votes in votes_by_district.items():
        try:
            mats[d] = _as_matrix(votes)
        except ValidationError as exc:
            raise ValidationError(f"district {d!r}: {exc}") from None
    shapes = {m.shape for m in mats.values()}
    if len(shapes) > 1:
        raise ValidationError(
            f"every district needs the same rows and lists, got shapes {sorted(shapes)}"
        )
    threshold = law.threshold
    if threshold is not None and law.threshold_scope == "national":
        national = sum(mats.values())
        assert isinstance(national, np.ndarray)
        t = as_fraction(threshold, "threshold")
        keep = national * t.denominator >= t.numerator * national.sum(axis=1, keepdims=True)
        if not (keep & (national > 0)).any(axis=1).all():
            raise InfeasibleQuotaError(f"the national threshold {threshold} eliminates every list")
        mats = {d: np.where(keep, m, 0) for d, m in mats.items()}
        threshold = None
    sntv = get_method(law.method).family == "sntv"
    out: dict[str, np.ndarray] = {}
    for d, m in mats.items():
        cols = np.ones(m.shape[1], dtype=bool) if sntv else (m > 0).any(axis=0)
        res = np.zeros_like(m)
        try:
            res[:, cols] = allocate_many(
                m[:, cols],
                seats[d],
                law.method,
                first_divisor=law.first_divisor,
                threshold=threshold,
            )
        except (ValidationError, InfeasibleQuotaError) as exc:
            raise type(exc)(f"district {d!r}: {exc}") from None
        out[d] = res
    return out
