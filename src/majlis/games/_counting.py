"""Exact counting engines behind the power indices (private).

Four engines, chosen by :func:`swing_profile` and friends:

* **packed generating functions** for a single-quota weighted game. Players of equal
  weight form one class; the generating function ``prod (1 + y x^w)^m`` (``y`` counts
  members, ``x`` weight, truncated at the quota) is stored with ``B`` bits per
  coefficient: for Banzhaf as one big Python integer (multiplying by ``1 + x^w`` is one
  shift and one add), for Shapley–Shubik as one big integer per weight, packed over
  sizes (``row[k] += row[k - w] << B``). The largest class is written down directly
  with binomial coefficients (Iraq's one-seat players, a house of single MPs).
  The swings of a player are the coefficients of ``P / (1 + y x^w)`` in the window
  ``[q - w, q - 1]``; the division is never carried out: with prefix sums ``G`` of
  ``P`` in ``x`` the window equals ``sum_i (-1)^i y^i (G(q-1-iw) - G(q-1-(i+1)w))``, so
  each class costs ``O(q / w)`` big-integer operations.
* **a multi-dimensional packed generating function** for several quotas and the
  blocking-members clause: ``prod (1 + y x^v)`` over the weight vectors, untruncated so
  that dividing out one player stays exact, turned into suffix sums (coalitions with
  every weight at least ``t``); weight vectors of all ones become a size threshold. Its
  table has ``prod (W_j + 1)`` cells (``W_j`` the total of weight ``j``).
* **state dynamic programming** (dictionary of (size, weights capped at the quotas)) when
  that is cheaper or the table too large, and for duals of such games.
* **enumeration** (of weight-class compositions, or of all ``2^n`` coalitions for games
  given by their minimal winning coalitions), with explicit limits.

References
----------
.. [1] S. J. Brams, P. J. Affuso, "Power and size: a new paradox", Theory and Decision
   7 (1976) 29-56 (generating functions for the Banzhaf index).
.. [2] J. M. Bilbao, J. R. Fernández, A. Jiménez Losada, J. J. López, "Generating
   functions for computing power indices efficiently", TOP 8 (2000) 191-213.
.. [3] T. Uno, "Efficient computation of power indices for weighted majority games",
   ISAAC 2012, LNCS 7676, 679-689 (deletion trick: all players in O(nq)).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate, product
from math import comb, gcd
from typing import Any

from majlis.errors import TooLargeError
from majlis.limits import MAX_INDEX_WORK, MAX_MWC_WORK

__all__: list[str] = []

#: Largest number of coalitions (or class compositions) an enumeration may visit.
ENUMERATION_LIMIT = 1 << 22


class _TooLarge(TooLargeError):
    """A game beyond the exact engines' documented limits (see :mod:`majlis.limits`)."""


# ----------------------------------------------------------------------------- helpers
def _bits(n: int) -> int:
    """Bits per packed coefficient: counts of subsets of n players are <= 2^n."""
    return 8 * ((n + 1) // 8 + 1)


def _unpack(value: int, count: int, bits: int) -> list[int]:
    nb = bits // 8
    raw = value.to_bytes(count * nb + 1, "little") if value.bit_length() <= count * bits else None
    if raw is None:  # pragma: no cover - defensive: coefficient overflow
        raise AssertionError("packed polynomial overflow")
    fb = int.from_bytes
    return [fb(raw[i * nb : (i + 1) * nb], "little") for i in range(count)]


def weight_classes(weights: Sequence[int]) -> list[tuple[int, list[int]]]:
    """Group players by weight: ``[(w, [players...]), ...]`` by decreasing weight."""
    groups: dict[int, list[int]] = {}
    for i, w in enumerate(weights):
        groups.setdefault(w, []).append(i)
    return sorted(groups.items(), key=lambda kv: -kv[0])


#: Largest generating function (in bits) the exact engines may build (512 MiB).
MAX_POLY_BITS = 1 << 32


def reduced(weights: Sequence[int], q: int) -> tuple[Sequence[int], int]:
    """Divide weights by their gcd and round the quota up: the same game, a smaller quota.

    >>> reduced([4, 4, 2], 7)
    ([2, 2, 1], 4)
    """
    g = gcd(*weights)
    if g <= 1:
        return weights, q
    return [w // g for w in weights], -(-q // g)


def check_work(weights: Sequence[int], q: int, limit: int, what: str) -> None:
    """Refuse a game whose players x distinct weights x quota exceeds ``limit``: the time of
    the engines that count by coalition size grows with that product."""
    work = len(weights) * len(set(weights)) * q
    if work > limit:
        raise _TooLarge(
            f"{what} take at most {limit:,} units of players x distinct weights x quota, this "
            f"game needs {work:,}; scale the weights down (e.g. to seats rather than votes)"
        )


def _check_size(bits: int) -> None:
    if bits > MAX_POLY_BITS:
        raise _TooLarge(
            f"this game needs a generating function of {bits // 8_388_608} MiB for an exact "
            "answer; scale the weights down (e.g. to seats rather than votes)."
        )


# ------------------------------------------------------- single-quota packed engine
class SwingProfile:
    """Per-player swing counts (optionally by coalition size) and the number of winning coalitions."""

    __slots__ = ("by_size", "n", "swings", "winning")

    def __init__(self, n: int, swings: list[int], by_size: list[list[int]] | None, winning: int):
        self.n = n
        self.swings = swings
        self.by_size = by_size
        self.winning = winning


def _univariate_swings(weights: Sequence[int], q: int) -> SwingProfile:
    n = len(weights)
    classes = weight_classes(weights)
    bits = _bits(n)
    mask = (1 << (q * bits)) - 1
    active = [(w, len(ms)) for w, ms in classes if 0 < w < q]
    zeros = sum(len(ms) for w, ms in classes if w == 0)
    poly = 1
    if active:
        # the class with most members is written down directly (binomial coefficients)
        first = max(range(len(active)), key=lambda j: active[j][1])
        w0, m0 = active.pop(first)
        nb = bits // 8
        buf = bytearray(q * nb + nb)
        for j in range(min(m0, (q - 1) // w0) + 1):
            buf[j * w0 * nb : (j * w0 + 1) * nb] = comb(m0, j).to_bytes(nb, "little")
        poly = int.from_bytes(buf, "little")
        for w, m in sorted(active):
            sh = w * bits
            for _ in range(m):
                poly += poly << sh
            poly &= mask
    poly <<= zeros  # (1 + x^0)^z = 2^z
    cum = list(accumulate(_unpack(poly, q, bits)))
    swings = [0] * n
    for w, members in classes:
        if w == 0:
            continue
        if w >= q:
            eta = cum[q - 1]
        else:
            eta = 0
            sign = 1
            hi = q - 1
            while hi >= 0:
                lo = hi - w
                eta += sign * (cum[hi] - (cum[lo] if lo >= 0 else 0))
                sign = -sign
                hi = lo
        for i in members:
            swings[i] = eta
    return SwingProfile(n, swings, None, (1 << n) - cum[q - 1])


def _bivariate_swings(weights: Sequence[int], q: int) -> SwingProfile:
    n = len(weights)
    classes = weight_classes(weights)
    bits = _bits(n)
    slots = n + 1  # sizes 0..n in one row
    active = [(w, len(ms)) for w, ms in classes if w < q]
    # rows[k]: coalitions of weight k, packed over their size. The class with most
    # members is written down directly (binomial coefficients), then one player at a time
    # rows[k] += y * rows[k - w], lightest first.
    rows = [0] * q
    rows[0] = 1
    if active:
        first = max(range(len(active)), key=lambda j: active[j][1])
        w0, m0 = active.pop(first)
        rows[0] = 0
        for j in range(m0 + 1):
            if j * w0 >= q:
                break
            rows[j * w0] += comb(m0, j) << (j * bits)
        for w, m in sorted(active):
            for _ in range(m):
                for k in range(q - 1, w - 1, -1):
                    r = rows[k - w]
                    if r:
                        rows[k] += r << bits
    rows = list(accumulate(rows))  # prefix sums in x
    swings = [0] * n
    by_size: list[list[int]] = [[0] * n for _ in range(n)]
    for w, members in classes:
        if w == 0:
            continue
        if w >= q:
            packed = rows[q - 1]
        else:
            packed = 0
            i = 0
            hi = q - 1
            while hi >= 0:
                lo = hi - w
                band = rows[hi] - (rows[lo] if lo >= 0 else 0)
                if i & 1:
                    packed -= band << (i * bits)
                else:
                    packed += band << (i * bits)
                i += 1
                hi = lo
        counts = _unpack(packed, n, bits)
        eta = sum(counts)
        for p in members:
            swings[p] = eta
            by_size[p] = counts
    losing = sum(_unpack(rows[q - 1], slots, bits))
    return SwingProfile(n, swings, by_size, (1 << n) - losing)


# --------------------------------------------------------------- state DP (generic)
def _state_dp(
    vectors: Sequence[Sequence[int]],
    caps: Sequence[int],
    classes: list[tuple[tuple[int, ...], list[int]]],
    skip: int | None,
) -> dict[tuple, int]:
    """Counts of coalitions by (size, capped weight vector), one player of class ``skip`` left out."""
    counts: dict[tuple, int] = {(0, *(0 for _ in caps)): 1}
    for c, (wv, members) in enumerate(classes):
        m = len(members) - (1 if c == skip else 0)
        for _ in range(m):
            new = dict(counts)
            for state, cnt in counts.items():
                s = state[0]
                key = (s + 1, *(min(x + w, cap) for x, w, cap in zip(state[1:], wv, caps)))
                new[key] = new.get(key, 0) + cnt
            counts = new
    return counts


def _vector_classes(
    vectors: Sequence[Sequence[int]], n: int
) -> list[tuple[tuple[int, ...], list[int]]]:
    groups: dict[tuple[int, ...], list[int]] = {}
    for i in range(n):
        groups.setdefault(tuple(r[i] for r in vectors), []).append(i)
    return sorted(groups.items(), key=lambda kv: tuple(-x for x in kv[0]))


#: Most weight-vector cells the multi-quota generating function may have.
MAX_CELLS = 1 << 21


def _multi_swings(game: Any, force: bool = False) -> SwingProfile | None:
    """Swings of a weighted game with several quotas and/or the blocking-members clause.

    The generating function ``prod_i (1 + y x^{v_i})`` over all weight vectors (not
    truncated, so that dividing out one player is exact) is built as one packed integer,
    then turned into suffix sums ``Suf(s, t)`` = coalitions of size ``s`` with every
    weight ``>= t``. For a player of vector ``v`` the same counts without it are
    ``sum_i (-1)^i Suf(s - i, t - i v)``; swings of size ``s`` are then "wins with the
    player" minus "wins without it". Weight vectors of all ones are the coalition size
    and become a size threshold. Returns ``None`` when the table would be too large.
    """
    n = game.n
    smin = 0
    dims: list[tuple[Sequence[int], int]] = []
    for vec, q in zip(game.weight_vectors, game.quotas):
        if all(w == 1 for w in vec):
            smin = max(smin, q)
        else:
            dims.append(reduced(vec, q))
    k = len(dims)
    sizes_d = [sum(v) + 1 for v, _ in dims]
    cells = 1
    for d in sizes_d:
        cells *= d
    bits = _bits(n)
    slots = n + 1
    if cells > MAX_CELLS or cells * slots * bits > MAX_POLY_BITS:
        return None
    # the capped dictionary DP costs about T * n * (n + 1) * prod(min(cap, W) + 1)
    capped = n + 1
    for vec, q in zip(game.weight_vectors, game.quotas):
        capped *= min(q, sum(vec)) + 1
    distinct = len({tuple(v[i] for v in game.weight_vectors) for i in range(n)})
    if not force and distinct * n * capped < cells * (k + 1) + n * n:
        return None
    strides = [1] * k
    for j in range(k - 2, -1, -1):
        strides[j] = strides[j + 1] * sizes_d[j + 1]
    vecs = [tuple(v[i] for v, _ in dims) for i in range(n)]
    quotas = [q for _, q in dims]
    poly = 1
    for vec in vecs:
        off = sum(x * st for x, st in zip(vec, strides))
        poly += poly << ((off * slots + 1) * bits)
    rb = slots * bits // 8
    raw = poly.to_bytes(cells * rb + 1, "little")
    fb = int.from_bytes
    rows = [fb(raw[c * rb : (c + 1) * rb], "little") for c in range(cells)]
    for j in range(k):  # suffix sums along every weight dimension
        st, dj = strides[j], sizes_d[j]
        for c in range(cells - 1, -1, -1):
            if (c // st) % dj < dj - 1:
                rows[c] += rows[c + st]

    def suf(t: Sequence[int]) -> int:
        idx = 0
        for x, dj, st in zip(t, sizes_d, strides):
            if x >= dj:
                return 0
            if x > 0:
                idx += x * st
        return rows[idx]

    def suf_without(t: Sequence[int], vec: Sequence[int]) -> int:
        acc = 0
        for i in range(n):
            val = suf([x - i * w for x, w in zip(t, vec)])
            if val:
                acc += -(val << (i * bits)) if i & 1 else (val << (i * bits))
        return acc & ((1 << (n * bits)) - 1)

    K = game.blocking_min_members
    zero = [0] * k

    def wins_by_size(upper: list[int], count: list[int], size_shift: int) -> list[int]:
        out = []
        for s in range(len(count)):
            size = s + size_shift
            if K is not None and n - size < K:
                out.append(count[s])
            elif size >= smin:
                out.append(upper[s])
            else:
                out.append(0)
        return out

    swings = [0] * n
    by_size: list[list[int]] = [[0] * n for _ in range(n)]
    done: dict[tuple[int, ...], list[int]] = {}
    for i, vec in enumerate(vecs):
        if vec not in done:
            count = _unpack(suf_without(zero, vec), n, bits)
            up_with = _unpack(suf_without([q - w for q, w in zip(quotas, vec)], vec), n, bits)
            up_without = _unpack(suf_without(quotas, vec), n, bits)
            w_with = wins_by_size(up_with, count, 1)
            w_without = wins_by_size(up_without, count, 0)
            done[vec] = [a - b for a, b in zip(w_with, w_without)]
        by_size[i] = done[vec]
        swings[i] = sum(done[vec])
    total = _unpack(suf(zero), slots, bits)
    upper = _unpack(suf(quotas), slots, bits)
    winning = sum(wins_by_size(upper, total, 0))
    return SwingProfile(n, swings, by_size, winning)


def _state_swings(game: Any, spec: Any) -> SwingProfile:
    vectors, caps, win = spec
    n = game.n
    classes = _vector_classes(vectors, n)
    swings = [0] * n
    by_size = [[0] * n for _ in range(n)]
    for c, (wv, members) in enumerate(classes):
        counts = _state_dp(vectors, caps, classes, c)
        sizes = [0] * n
        for state, cnt in counts.items():
            s = state[0]
            if win(s, state[1:]):
                continue
            after = tuple(min(x + w, cap) for x, w, cap in zip(state[1:], wv, caps))
            if win(s + 1, after):
                sizes[s] += cnt
        for p in members:
            by_size[p] = sizes
            swings[p] = sum(sizes)
    full = _state_dp(vectors, caps, classes, None)
    winning = sum(cnt for st, cnt in full.items() if win(st[0], st[1:]))
    return SwingProfile(n, swings, by_size, winning)


# ------------------------------------------------------------- full enumeration
def winning_table(game: Any) -> list[bool]:
    """``table[mask]`` for every coalition (bit ``i`` = player ``i``); n <= 22."""
    n = game.n
    if (1 << n) > ENUMERATION_LIMIT:
        raise _TooLarge(
            f"this game of {n} players has no pseudo-polynomial algorithm here and "
            f"2^{n} coalitions is too many to enumerate."
        )
    wm = getattr(game, "_win_mask", None)
    if wm is None:
        players = range(n)
        return [game.is_winning([i for i in players if mask >> i & 1]) for mask in range(1 << n)]
    return [wm(mask) for mask in range(1 << n)]


def _enumerated_swings(game: Any) -> SwingProfile:
    n = game.n
    table = winning_table(game)
    swings = [0] * n
    by_size = [[0] * n for _ in range(n)]
    popcount = [bin(m).count("1") for m in range(1 << n)] if n <= 16 else None
    for mask in range(1 << n):
        if not table[mask]:
            continue
        s = popcount[mask] if popcount else mask.bit_count()
        for i in range(n):
            if mask >> i & 1 and not table[mask ^ (1 << i)]:
                swings[i] += 1
                by_size[i][s - 1] += 1
    return SwingProfile(n, swings, by_size, sum(table))


def swing_profile(game: Any, *, sizes: bool) -> SwingProfile:
    """Swing counts of every player; ``sizes=True`` also splits them by coalition size."""
    from majlis.games.game import DualGame, WeightedGame

    if isinstance(game, WeightedGame) and game.is_single_quota:
        weights, q = reduced(game.weights, game.quota)
        if sizes:
            _check_size(q * (len(weights) + 1) * _bits(len(weights)))
            check_work(weights, q, MAX_INDEX_WORK, "indices by coalition size (Shapley-Shubik)")
            return _bivariate_swings(weights, q)
        _check_size(q * _bits(len(weights)))
        return _univariate_swings(weights, q)
    if isinstance(game, WeightedGame):
        prof = _multi_swings(game)
        if prof is not None:
            return prof
    if isinstance(game, DualGame) and isinstance(game.game, WeightedGame):
        # swings are the same in a game and its dual, sizes mirrored (S <-> N - S - i)
        base = swing_profile(game.game, sizes=sizes)
        n = base.n
        mirrored = [list(reversed(b)) for b in base.by_size] if base.by_size else None
        return SwingProfile(n, list(base.swings), mirrored, (1 << n) - base.winning)
    spec_fn = getattr(game, "_state_spec", None)
    spec = spec_fn() if spec_fn is not None else None
    if spec is not None:
        return _state_swings(game, spec)
    return _enumerated_swings(game)


# ---------------------------------------- minimal winning coalitions (single quota)
def mwc_profile(weights: Sequence[int], q: int) -> tuple[list[list[int]], list[int]]:
    """Minimal winning coalitions of ``[q; w]`` containing each player, by size.

    Returns ``(per_player, total)``: ``per_player[i][s]`` = number of minimal winning
    coalitions of size ``s`` that contain ``i``; ``total[s]`` = number of minimal
    winning coalitions of size ``s``.

    A coalition is minimal winning iff ``w(S) >= q`` and ``w(S) - min_S w < q``.
    Decomposing by the lightest weight class ``l`` present in ``S`` (``j`` members of
    it), the heavier part must weigh between ``q - j w_l`` and ``q - (j-1) w_l - 1``;
    the heavier part is counted by the running generating function of the heavier
    classes, and "player ``i`` is in it" by dividing out ``1 + y x^{w_i}``.
    O(T^2 q + n q) big-integer operations for T distinct weights.
    """
    n = len(weights)
    classes = [(w, ms) for w, ms in weight_classes(weights) if w > 0]
    bits = _bits(n)
    slots = n + 1
    H = [0] * q  # rows over weight k < q, each packed over size
    H[0] = 1
    per_class_packed: list[int] = [0] * len(classes)
    total_packed = 0

    def window(cum: list[int], lo: int, hi: int) -> int:
        hi = min(hi, q - 1)
        lo = max(lo, 0)
        if lo > hi:
            return 0
        return cum[hi] - (cum[lo - 1] if lo > 0 else 0)

    for li, (wl, ml_members) in enumerate(classes):
        ml = len(ml_members)
        cumH = list(accumulate(H))
        for j in range(1, ml + 1):
            lo, hi = q - j * wl, q - (j - 1) * wl - 1
            if hi < 0:
                break
            win_j = window(cumH, lo, hi)
            if win_j:
                total_packed += comb(ml, j) * (win_j << (j * bits))
                per_class_packed[li] += comb(ml - 1, j - 1) * (win_j << (j * bits))
        for ti in range(li):
            wt = classes[ti][0]
            if wt >= q:
                continue
            # heavier part containing a player of class ti: A = H / (1 + y x^wt) in the
            # windows [q - j wl - wt, q - (j-1) wl - 1 - wt]; the windows tile, so only the
            # prefix sums S_A at their upper ends are needed
            ends = [q - (j - 1) * wl - 1 - wt for j in range(1, ml + 2)]
            alt_cost = sum(e // wt + 1 for e in ends if e >= 0)
            if alt_cost < 2 * q:
                # S_A(e) = sum_i (-1)^i y^i cumH(e - i wt): no division carried out
                def s_a(e: int, wt: int = wt) -> int:
                    acc_e, i = 0, 0
                    while e >= 0:
                        term = cumH[e] << (i * bits)
                        acc_e = acc_e - term if i & 1 else acc_e + term
                        e -= wt
                        i += 1
                    return acc_e

                s_vals = [s_a(e) if e >= 0 else 0 for e in ends]
            else:
                A = H[:]
                for k in range(wt, q):
                    A[k] = H[k] - (A[k - wt] << bits)
                cumA = list(accumulate(A))
                s_vals = [cumA[e] if e >= 0 else 0 for e in ends]
            acc = 0
            for j in range(1, ml + 1):
                win_j = s_vals[j - 1] - s_vals[j]
                if win_j:
                    acc += comb(ml, j) * (win_j << ((j + 1) * bits))
            per_class_packed[ti] += acc
        if wl < q:
            for _ in range(ml):
                for k in range(q - 1, wl - 1, -1):
                    H[k] += H[k - wl] << bits
    per_player = [[0] * slots for _ in range(n)]
    for (_w, members), packed in zip(classes, per_class_packed):
        counts = _unpack(packed, slots, bits)
        for p in members:
            per_player[p] = counts
    return per_player, _unpack(total_packed, slots, bits)


def johnston_profile(weights: Sequence[int], q: int) -> list[list[int]]:
    """Johnston counts of ``[q; w]``: ``out[i][k]`` = number of winning coalitions with
    exactly ``k`` critical members in which ``i`` is critical.

    In a winning coalition of weight ``q + d`` the critical members are exactly those
    heavier than ``d``. With the distinct weights ``w_1 > ... > w_T`` (and ``w_{T+1} = 0``),
    a surplus ``d`` in the band ``[w_{b+1}, w_b - 1]`` makes the members from classes
    ``1..b`` critical and the others not, whatever they are. So, band by band, the
    critical part is counted by the generating function of the heavy classes by (size,
    weight), with player ``i`` forced in by dividing out ``1 + y x^{w_i}``, against a kernel
    ``K_b(h)`` = number of light sets completing weight ``h`` to a surplus in the band.
    O(T^2 (q + w_1)) big-integer operations.
    """
    n = len(weights)
    allc = weight_classes(weights)
    classes = [(w, ms) for w, ms in allc if w > 0]
    zero = sum(len(ms) for w, ms in allc if w == 0)
    T = len(classes)
    D = q + classes[0][0]  # weights 0..D-1 matter
    bits = _bits(n)
    slots = n + 1
    # suffix products of the light classes (univariate counts); zero-weight players are
    # always light
    suf: list[list[int]] = [[0] * D for _ in range(T + 1)]
    suf[T][0] = 1 << zero
    for g in range(T - 1, -1, -1):
        w, ms = classes[g]
        poly = suf[g + 1][:]
        for _ in range(len(ms)):
            for k in range(D - 1, w - 1, -1):
                poly[k] += poly[k - w]
        suf[g] = poly
    pre = [0] * D  # heavy part: rows over weight, packed over size
    pre[0] = 1
    per_class_packed = [0] * T
    for b, (wb, members) in enumerate(classes):
        for _ in range(len(members)):
            for k in range(D - 1, wb - 1, -1):
                r = pre[k - wb]
                if r:
                    pre[k] += r << bits
        w_next = classes[b + 1][0] if b + 1 < T else 0
        cum = list(accumulate(suf[b + 1]))
        last = cum[-1]

        def cum_at(y: int) -> int:
            return 0 if y < 0 else (cum[y] if y < D else last)

        kernel = []
        for h in range(D):
            kv = cum_at(q + wb - 1 - h) - cum_at(q + w_next - 1 - h)
            if kv:
                kernel.append((h, kv))
        if not kernel:
            continue
        for t in range(b + 1):
            wt = classes[t][0]
            A = pre[:]
            for k in range(wt, D):
                A[k] = pre[k] - (A[k - wt] << bits)
            acc = 0
            for h, kv in kernel:
                k = h - wt
                if k >= 0:
                    a = A[k]
                    if a:
                        acc += a * kv
            per_class_packed[t] += acc << bits  # the forced player adds one member
    out = [[0] * slots for _ in range(n)]
    for (_w, members), packed in zip(classes, per_class_packed):
        counts = _unpack(packed, slots, bits)
        for p in members:
            out[p] = counts
    return out


# ------------------------------------------------- composition enumeration (generic)
def composition_profiles(
    game: Any, spec: Any
) -> tuple[list[list[int]], list[int], list[list[int]]]:
    """MWC-by-size per player, MWC totals by size, Johnston counts per player (generic).

    Enumerates the compositions ``(j_1, ..., j_T)`` of weight classes (``prod (m_t + 1)``
    of them, limited by :data:`ENUMERATION_LIMIT`), each standing for
    ``prod C(m_t, j_t)`` coalitions.
    """
    vectors, caps, win = spec
    n = game.n
    classes = _vector_classes(vectors, n)
    sizes = [len(ms) for _, ms in classes]
    count = 1
    for m in sizes:
        count *= m + 1
        if count > ENUMERATION_LIMIT:
            raise _TooLarge(
                "this game has too many distinct player weights for an exact count of its "
                "minimal winning coalitions here."
            )
    k = len(caps)
    slots = n + 1
    per_class_mwc = [[0] * slots for _ in classes]
    per_class_j = [[0] * slots for _ in classes]
    total = [0] * slots
    wvs = [wv for wv, _ in classes]
    for comp in product(*(range(m + 1) for m in sizes)):
        size = sum(comp)
        wsum = [0] * k
        for c, j in enumerate(comp):
            if j:
                wv = wvs[c]
                for d in range(k):
                    wsum[d] += j * wv[d]
        capped = tuple(min(x, cap) for x, cap in zip(wsum, caps))
        if not win(size, capped):
            continue
        crit = []
        for c, j in enumerate(comp):
            if j:
                wv = wvs[c]
                less = tuple(min(x - w, cap) for x, w, cap in zip(wsum, wv, caps))
                if not win(size - 1, less):
                    crit.append(c)
        mult = 1
        for c, j in enumerate(comp):
            mult *= comb(sizes[c], j)
        present = [c for c, j in enumerate(comp) if j]
        if len(crit) == len(present):  # minimal winning
            total[size] += mult
            for c in present:
                per_class_mwc[c][size] += mult * comp[c] // sizes[c]
        if crit:
            kappa = sum(comp[c] for c in crit)
            for c in crit:
                per_class_j[c][kappa] += mult * comp[c] // sizes[c]
    mwc = [[0] * slots for _ in range(n)]
    jon = [[0] * slots for _ in range(n)]
    for c, (_, members) in enumerate(classes):
        for p in members:
            mwc[p] = per_class_mwc[c]
            jon[p] = per_class_j[c]
    return mwc, total, jon


def enumerated_profiles(game: Any) -> tuple[list[list[int]], list[int], list[list[int]]]:
    """Same as :func:`composition_profiles` by enumerating all 2^n coalitions."""
    n = game.n
    table = winning_table(game)
    slots = n + 1
    mwc = [[0] * slots for _ in range(n)]
    jon = [[0] * slots for _ in range(n)]
    total = [0] * slots
    for mask in range(1 << n):
        if not table[mask]:
            continue
        members = [i for i in range(n) if mask >> i & 1]
        crit = [i for i in members if not table[mask ^ (1 << i)]]
        if len(crit) == len(members):
            total[len(members)] += 1
            for i in members:
                mwc[i][len(members)] += 1
        if crit:
            for i in crit:
                jon[i][len(crit)] += 1
    return mwc, total, jon


def mwc_and_johnston(game: Any, need: str) -> Any:
    """Dispatch for the minimal-winning-coalition and Johnston counts.

    ``need`` is ``"mwc"`` or ``"johnston"``; returns ``(per_player, total)`` for "mwc" and
    ``per_player`` for "johnston".
    """
    from majlis.games.game import WeightedGame

    if isinstance(game, WeightedGame) and game.is_single_quota:
        weights, q = reduced(game.weights, game.quota)
        _check_size((q + max(weights)) * (len(weights) + 1) * _bits(len(weights)))
        check_work(weights, q, MAX_MWC_WORK, "minimal-winning indices (Holler-Packel, Johnston...)")
        if need == "mwc":
            return mwc_profile(weights, q)
        return johnston_profile(weights, q)
    spec_fn = getattr(game, "_state_spec", None)
    spec = spec_fn() if spec_fn is not None else None
    if spec is not None:
        try:
            mwc, total, jon = composition_profiles(game, spec)
        except _TooLarge:
            mwc, total, jon = enumerated_profiles(game)
    else:
        mwc, total, jon = enumerated_profiles(game)
    return (mwc, total) if need == "mwc" else jon
