"""Power with a priori unions: the Owen value, the Banzhaf–Owen value, the symmetric
coalitional Banzhaf value and the quotient game.

A *coalition structure* partitions the players into unions that act together (the
Coordination Framework's member parties); players not listed in any union stay alone.
Each value first shares power among the unions (as in the quotient game, where the
unions are the players), then inside each union.

For a single-quota weighted game every value is computed exactly with generating
functions (outer: the other unions by count and weight; inner: the other members of the
union), pseudo-polynomial in the quota [3]_ [4]_; other games enumerate coalitions
(``n <= 20``).

References
----------
.. [1] G. Owen, "Values of games with a priori unions", in R. Henn, O. Moeschlin (eds.),
   Mathematical Economics and Game Theory, Springer, 1977, 76-88.
.. [2] G. Owen, "Modification of the Banzhaf-Coleman index for games with a priori
   unions", in M. J. Holler (ed.), Power, Voting and Voting Power, Physica, 1982, 232-238.
.. [3] J. M. Alonso-Meijide, C. Bowles, "Generating functions for coalitional power
   indices: an application to the IMF", Annals of Operations Research 137 (2005) 21-44.
.. [4] J. M. Alonso-Meijide, M. G. Fiestras-Janeiro, "Modification of the Banzhaf value
   for games with a coalition structure", Annals of Operations Research 109 (2002) 213-227.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from itertools import accumulate
from math import factorial

from majlis.errors import TooLargeError, ValidationError
from majlis.games._counting import _bits, _unpack, check_work, reduced, winning_table
from majlis.games._registry import register_index
from majlis.games.game import Game, SimpleGame, WeightedGame
from majlis.limits import MAX_INDEX_WORK

__all__ = [
    "banzhaf_owen",
    "coalition_structure",
    "owen",
    "quotient_game",
    "symmetric_coalitional_banzhaf",
]


def coalition_structure(
    game: Game, unions: Iterable[Iterable[int | str]] | None
) -> list[list[int]]:
    """Normalise ``unions`` into a partition of all players (listed unions first, then the
    remaining players as singletons).

    Raises
    ------
    ValidationError
        A player in two unions, an empty union, or an unknown player.

    Examples
    --------
    >>> coalition_structure(WeightedGame([3, 2, 2, 1], 5), [[0, 2]])
    [[0, 2], [1], [3]]
    """
    seen: dict[int, int] = {}
    out: list[list[int]] = []
    for u_no, union in enumerate(unions or []):
        members = [game.index(p) for p in union]
        if not members:
            raise ValidationError(f"union {u_no} is empty.")
        for p in members:
            if p in seen:
                if seen[p] == u_no:
                    raise ValidationError(
                        f"player {game.names[p]!r} is listed twice in union {u_no}."
                    )
                raise ValidationError(
                    f"player {game.names[p]!r} is in two unions ({seen[p]} and {u_no})."
                )
            seen[p] = u_no
        out.append(sorted(members))
    out.extend([p] for p in range(game.n) if p not in seen)
    return out


def quotient_game(
    game: Game, unions: Iterable[Iterable[int | str]] | None
) -> WeightedGame | SimpleGame:
    """The quotient game: each union becomes one player with its members' total weight.

    Examples
    --------
    >>> quotient_game(WeightedGame([3, 2, 2, 1], 5), [[0, 3]])
    WeightedGame([4, 2, 2], 5)
    """
    structure = coalition_structure(game, unions)
    names = ["+".join(game.names[p] for p in u) for u in structure]
    if isinstance(game, WeightedGame) and game.blocking_min_members is None:
        vectors = [[sum(r[p] for p in u) for u in structure] for r in game.weight_vectors]
        if len(game.quotas) == 1:
            return WeightedGame(vectors[0], game.quota, names=names)
        return WeightedGame(vectors, list(game.quotas), names=names)
    m = len(structure)
    if m > 20:
        raise TooLargeError(f"the quotient of this game has {m} unions; at most 20 are supported.")
    winning = []
    for mask in range(1, 1 << m):
        members = [p for k in range(m) if mask >> k & 1 for p in structure[k]]
        if game.is_winning(members):
            winning.append([k for k in range(m) if mask >> k & 1])
    return SimpleGame(winning, m, names=names)


# ----------------------------------------------------------------- weighted engine
def _rows_product(weights: Sequence[int], q: int, bits: int) -> list[int]:
    rows = [0] * q
    rows[0] = 1
    for w in weights:
        if w >= q:
            continue
        if w == 0:
            for k in range(q):
                rows[k] += rows[k] << bits
            continue
        for k in range(q - 1, w - 1, -1):
            rows[k] += rows[k - w] << bits
    return rows


def _divide(rows: list[int], w: int, q: int, bits: int) -> list[int]:
    """Rows of ``P / (1 + z x^w)`` (``w < q``)."""
    out = rows[:]
    if w == 0:
        # (1 + z) P' = P: P'_r = P_r - P'_{r-1}, per row, done on unpacked values
        raise AssertionError("zero weights are handled by the caller")
    for k in range(w, q):
        out[k] = rows[k] - (out[k - w] << bits)
    return out


def _weighted_values(
    game: WeightedGame, structure: list[list[int]], outer: str, inner: str
) -> list[Fraction]:
    w, q = reduced(game.weights, game.quota)
    check_work(w, q, MAX_INDEX_WORK, "values with a priori unions (Owen, Banzhaf-Owen)")
    m = len(structure)
    uw = [sum(w[p] for p in u) for u in structure]
    if outer == "shapley":
        alpha = [factorial(r) * factorial(m - 1 - r) for r in range(m)]
        alpha_den = factorial(m)
    else:
        alpha = [1] * m
        alpha_den = 1 << (m - 1)
    obits = _bits(m)
    # zero-weight unions: factor (1 + z); keep them aside and convolve alpha instead
    zero_unions = [k for k in range(m) if uw[k] == 0]
    full = _rows_product([uw[k] for k in range(m) if uw[k] > 0], q, obits)
    phi_cache: dict[tuple[int, bool], dict[int, int]] = {}
    cum_cache: dict[tuple[int, bool], list[int]] = {}

    def phi(k: int, y: int) -> int:
        """sum_r alpha_r * #(other unions of union k: r of them, weight <= y)."""
        if y < 0:
            return 0
        wk = uw[k]
        key = (wk, False)
        if key not in cum_cache:
            base = full if (wk >= q or wk == 0) else _divide(full, wk, q, obits)
            cum_cache[key] = list(accumulate(base))
            phi_cache[key] = {}
        memo = phi_cache[key]
        if y not in memo:
            counts = _unpack(cum_cache[key][min(y, q - 1)], m + 1, obits)
            # zero-weight unions other than k multiply by (1 + z)^z0
            z0 = len(zero_unions) - (1 if wk == 0 else 0)
            if z0:
                from math import comb

                conv = [0] * (m + 1)
                for r, c in enumerate(counts):
                    if c:
                        for j in range(z0 + 1):
                            if r + j <= m:
                                conv[r + j] += c * comb(z0, j)
                counts = conv
            memo[y] = sum(a * c for a, c in zip(alpha, counts) if c)
        return memo[y]

    values: list[Fraction] = [Fraction(0)] * game.n
    for k, union in enumerate(structure):
        b = len(union)
        if inner == "shapley":
            beta = [factorial(t) * factorial(b - 1 - t) for t in range(b)]
            beta_den = factorial(b)
        else:
            beta = [1] * b
            beta_den = 1 << (b - 1)
        den = alpha_den * beta_den
        done: dict[int, Fraction] = {}
        for i in union:
            wi = w[i]
            if wi in done:
                values[i] = done[wi]
                continue
            if wi == 0:
                done[wi] = values[i] = Fraction(0)
                continue
            others = [w[p] for p in union if p != i]
            # inner polynomial over (t, e): dict e -> list over t
            inner_rows: dict[int, list[int]] = {0: [1] + [0] * (b - 1)}
            for ow in others:
                new = {e: row[:] for e, row in inner_rows.items()}
                for e, row in inner_rows.items():
                    e2 = e + ow
                    if e2 >= q:
                        continue
                    tgt = new.setdefault(e2, [0] * b)
                    for t in range(b - 1):
                        if row[t]:
                            tgt[t + 1] += row[t]
                inner_rows = new
            num = 0
            for e, row in inner_rows.items():
                iota = sum(bt * c for bt, c in zip(beta, row) if c)
                if iota:
                    num += iota * (phi(k, q - 1 - e) - phi(k, q - wi - 1 - e))
            done[wi] = values[i] = Fraction(num, den)
    return values


def _enumerated_values(
    game: Game, structure: list[list[int]], outer: str, inner: str
) -> list[Fraction]:
    n = game.n
    if n > 20:
        raise TooLargeError(
            f"values with unions for this kind of game enumerate coalitions; {n} players is "
            "too many (at most 20)."
        )
    table = winning_table(game)
    m = len(structure)
    masks = [sum(1 << p for p in u) for u in structure]
    values = [Fraction(0)] * n
    for k, union in enumerate(structure):
        others = [masks[j] for j in range(m) if j != k]
        b = len(union)
        outer_terms: dict[int, int] = {}  # mask of other unions -> r
        for sel in range(1 << (m - 1)):
            mk = 0
            for j in range(m - 1):
                if sel >> j & 1:
                    mk |= others[j]
            outer_terms[mk] = sel.bit_count()
        for i in union:
            rest = [p for p in union if p != i]
            total = Fraction(0)
            for sel in range(1 << (b - 1)):
                tmask = 0
                for j in range(b - 1):
                    if sel >> j & 1:
                        tmask |= 1 << rest[j]
                t = sel.bit_count()
                bt = (
                    Fraction(factorial(t) * factorial(b - 1 - t), factorial(b))
                    if inner == "shapley"
                    else Fraction(1, 1 << (b - 1))
                )
                for mk, r in outer_terms.items():
                    base = mk | tmask
                    if table[base | (1 << i)] and not table[base]:
                        ar = (
                            Fraction(factorial(r) * factorial(m - 1 - r), factorial(m))
                            if outer == "shapley"
                            else Fraction(1, 1 << (m - 1))
                        )
                        total += ar * bt
            values[i] = total
    return values


def _coalitional(
    game: Game, unions: Iterable[Iterable[int | str]] | None, outer: str, inner: str
) -> list[Fraction]:
    structure = coalition_structure(game, unions)
    if isinstance(game, WeightedGame) and game.is_single_quota:
        return _weighted_values(game, structure, outer, inner)
    return _enumerated_values(game, structure, outer, inner)


@register_index("owen", "Owen value (a priori unions)", unions=True, cost="unions")
def owen(game: Game, unions: Iterable[Iterable[int | str]] | None = None) -> list[Fraction]:
    """Owen value: Shapley–Shubik power with a priori unions.

    The unions bargain as players of the quotient game (Shapley value), then each union's
    share is divided among its members by their Shapley value inside the union:
    ``Owen_i = sum_{R ⊆ M\\k} r!(m-r-1)!/m! sum_{T ⊆ B_k\\i} t!(b-t-1)!/b! [v(Q∪T∪i) - v(Q∪T)]``.

    Parameters
    ----------
    game : a simple game
    unions : list of lists of player indices (or names)
        Players not listed are singleton unions.

    Notes
    -----
    For a single-quota weighted game: a generating function of the other unions by
    (count, weight), from which union ``k``'s factor is divided out, and a generating
    function of the other members of the union [3]_.

    References
    ----------
    .. [1] G. Owen, "Values of games with a priori unions", 1977.
    .. [3] J. M. Alonso-Meijide, C. Bowles, Annals of Operations Research 137 (2005) 21-44.

    Examples
    --------
    >>> g = WeightedGame([3, 2, 2, 1], 5)
    >>> [str(v) for v in owen(g, [[1, 2]])]
    ['1/6', '1/3', '1/3', '1/6']
    """
    return _coalitional(game, unions, "shapley", "shapley")


@register_index("banzhaf-owen", "Banzhaf-Owen value (a priori unions)", unions=True, cost="unions")
def banzhaf_owen(game: Game, unions: Iterable[Iterable[int | str]] | None = None) -> list[Fraction]:
    """Banzhaf–Owen value (Owen's modified Banzhaf index): Banzhaf among unions and
    inside each union; each term weighted ``1/2^(m-1) * 1/2^(b-1)``.

    Not normalised (with singleton unions it is the Penrose measure).

    References
    ----------
    .. [2] G. Owen, "Modification of the Banzhaf-Coleman index for games with a priori
       unions", 1982.

    Examples
    --------
    >>> g = WeightedGame([3, 2, 2, 1], 5)
    >>> [str(v) for v in banzhaf_owen(g, [[1, 2]])]
    ['1/4', '3/8', '3/8', '1/4']
    """
    return _coalitional(game, unions, "banzhaf", "banzhaf")


def symmetric_coalitional_banzhaf(
    game: Game, unions: Iterable[Iterable[int | str]] | None = None
) -> list[Fraction]:
    """Symmetric coalitional Banzhaf value: Shapley among unions, Banzhaf inside them.

    References
    ----------
    .. [4] J. M. Alonso-Meijide, M. G. Fiestras-Janeiro, Annals of Operations Research
       109 (2002) 213-227.

    Examples
    --------
    >>> g = WeightedGame([3, 2, 2, 1], 5)
    >>> [str(v) for v in symmetric_coalitional_banzhaf(g, [[1, 2]])]
    ['1/6', '1/3', '1/3', '1/6']
    """
    return _coalitional(game, unions, "shapley", "banzhaf")
