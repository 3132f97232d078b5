"""Exact power indices of simple games, as lists of :class:`~fractions.Fraction` in player order.

Every index is a plain function of a game registered under a string id in
:data:`~majlis.games.POWER_INDICES` (``"banzhaf"``, ``"shapley-shubik"``, ...);
:func:`~majlis.games.power_index` looks one up by id. For a single-quota weighted game all of them run in
pseudo-polynomial time with exact big-integer arithmetic (generating functions, players
of equal weight grouped, see :mod:`majlis.games._counting`). Games with several quotas
or the blocking-members clause use a multi-dimensional generating function (pseudo-
polynomial in the product of the weight totals) or a dynamic programme over (size,
capped weights) for Banzhaf-type and Shapley–Shubik indices; their minimal-winning
indices (Holler–Packel, Deegan–Packel, Johnston) enumerate weight-class compositions,
at most 2^22, else all coalitions (``n <= 22``): an honest, documented fallback. Games
given by minimal winning coalitions are enumerated (``n <= 22``).

References
----------
.. [1] J. F. Banzhaf, "Weighted voting doesn't work", Rutgers Law Review 19 (1965) 317-343.
.. [2] L. S. Penrose, "The elementary statistics of majority voting", J. Royal Statistical
   Society 109 (1946) 53-57.
.. [3] L. S. Shapley, M. Shubik, "A method for evaluating the distribution of power in a
   committee system", American Political Science Review 48 (1954) 787-792.
.. [4] M. J. Holler, E. W. Packel, "Power, luck and the right index", Journal of
   Economics 43 (1983) 21-29.
.. [5] J. Deegan, E. W. Packel, "A new index of power for simple n-person games",
   International Journal of Game Theory 7 (1978) 113-123.
.. [6] R. J. Johnston, "On the measurement of power: some reactions to Laver",
   Environment and Planning A 10 (1978) 907-914.
.. [7] J. S. Coleman, "Control of collectivities and the power of a collectivity to
   act", in B. Lieberman (ed.), Social Choice, 1971, 269-300.
.. [8] D. S. Felsenthal, M. Machover, *The Measurement of Voting Power*, Edward Elgar,
   1998 (definitions and notation used here).
.. [9] J. M. Bilbao, J. R. Fernández, A. Jiménez Losada, J. J. López, "Generating
   functions for computing power indices efficiently", TOP 8 (2000) 191-213.
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial, lcm

from majlis.games._counting import mwc_and_johnston, swing_profile
from majlis.games._registry import register_index
from majlis.games.game import Game

__all__ = [
    "banzhaf",
    "banzhaf_absolute",
    "banzhaf_raw",
    "coleman_initiate",
    "coleman_prevent",
    "deegan_packel",
    "holler_packel",
    "johnston",
    "penrose",
    "shapley_shubik",
]


def _normalise_to(values: list[int], den: int) -> list[Fraction]:
    cache: dict[int, Fraction] = {}
    return [cache[v] if v in cache else cache.setdefault(v, Fraction(v, den)) for v in values]


def _normalise(values: list[int] | list[Fraction]) -> list[Fraction]:
    total = sum(values)
    cache: dict = {}  # players of one weight class have equal values: divide once
    out = []
    for v in values:
        f = cache.get(v)
        if f is None:
            f = cache[v] = Fraction(v) / total
        out.append(f)
    return out


@register_index("banzhaf-raw", "Banzhaf swing counts")
def banzhaf_raw(game: Game) -> list[int]:
    """Raw Banzhaf scores: the number of coalitions in which each player is a swing.

    Player ``i`` is a *swing* in a coalition ``S`` not containing it when ``S`` loses and
    ``S + i`` wins. Returned as ``int`` (a count, exact), not ``Fraction``.

    Notes
    -----
    Single quota: generating function ``prod (1 + x^w)^m`` truncated at the quota,
    swings read off ``P / (1 + x^{w_i})`` without dividing (alternating prefix sums):
    O(n q) for building plus O(q / w) per weight class [1]_ [2]_.

    References
    ----------
    .. [1] S. J. Brams, P. J. Affuso, Theory and Decision 7 (1976) 29-56.
    .. [2] T. Uno, ISAAC 2012, LNCS 7676, 679-689.

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> banzhaf_raw(WeightedGame([2, 1, 1], 3))
    [3, 1, 1]
    """
    return list(swing_profile(game, sizes=False).swings)


@register_index("banzhaf", "Banzhaf (normalised)")
def banzhaf(game: Game) -> list[Fraction]:
    """Normalised Banzhaf index: swing counts divided by their total (sums to 1).

    References
    ----------
    .. [1] J. F. Banzhaf, Rutgers Law Review 19 (1965) 317-343.

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> [str(v) for v in banzhaf(WeightedGame([2, 1, 1], 3))]
    ['3/5', '1/5', '1/5']
    """
    return _normalise(banzhaf_raw(game))


@register_index("penrose", "Penrose measure (absolute Banzhaf)")
def penrose(game: Game) -> list[Fraction]:
    """Penrose measure (absolute Banzhaf index): swings / 2^(n-1).

    The probability that a player's vote decides the outcome when all others vote
    independently with probability 1/2 [1]_; Felsenthal and Machover's β' [2]_.

    References
    ----------
    .. [1] L. S. Penrose, J. Royal Statistical Society 109 (1946) 53-57.
    .. [2] D. S. Felsenthal, M. Machover, *The Measurement of Voting Power*, 1998, §3.2.

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> [str(v) for v in penrose(WeightedGame([2, 1, 1], 3))]
    ['3/4', '1/4', '1/4']
    """
    prof = swing_profile(game, sizes=False)
    den = 1 << (prof.n - 1)
    return [Fraction(s, den) for s in prof.swings]


def banzhaf_absolute(game: Game) -> list[Fraction]:
    """Absolute Banzhaf index; the same as :func:`penrose`."""
    return penrose(game)


def _ss_weights(n: int) -> list[int]:
    """``[s! (n-1-s)! for s in range(n)]`` by a recurrence (exact integer division)."""
    c = factorial(n - 1)
    out = [c]
    for s in range(n - 1):
        c = c * (s + 1) // (n - 1 - s)
        out.append(c)
    return out


@register_index("shapley-shubik", "Shapley-Shubik", cost="swings-by-size")
def shapley_shubik(game: Game) -> list[Fraction]:
    """Shapley–Shubik index: the share of orderings in which each player is pivotal.

    ``phi_i = sum over swings S of |S|! (n - |S| - 1)! / n!``.

    Notes
    -----
    Single quota: bivariate generating function ``prod (1 + y x^w)^m`` (``y`` counts
    members), one big integer per weight packed over sizes; swings by size read off
    ``P / (1 + y x^{w_i})`` without dividing: O(n q) big-integer operations to build,
    ``O(q / w)`` per weight class [2]_.

    References
    ----------
    .. [1] L. S. Shapley, M. Shubik, APSR 48 (1954) 787-792.
    .. [2] J. M. Bilbao et al., TOP 8 (2000) 191-213.

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> [str(v) for v in shapley_shubik(WeightedGame([4, 4, 4, 2, 2, 1], 12))]
    ['7/30', '7/30', '7/30', '3/20', '3/20', '0']
    """
    prof = swing_profile(game, sizes=True)
    n = prof.n
    coef = _ss_weights(n)
    nf = factorial(n)
    out = []
    done: dict[int, Fraction] = {}  # players of one weight class share their size profile
    for sizes in prof.by_size:  # type: ignore[union-attr]
        key = id(sizes)
        if key not in done:
            done[key] = Fraction(sum(c * x for c, x in zip(coef, sizes) if x), nf)
        out.append(done[key])
    return out


@register_index("coleman-prevent", "Coleman power to prevent action")
def coleman_prevent(game: Game) -> list[Fraction]:
    """Coleman's power to prevent action: swings / number of winning coalitions.

    References
    ----------
    .. [1] J. S. Coleman, "Control of collectivities and the power of a collectivity to
       act", in Social Choice, 1971.

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> [str(v) for v in coleman_prevent(WeightedGame([2, 1, 1], 3))]
    ['1', '1/3', '1/3']
    """
    prof = swing_profile(game, sizes=False)
    return [Fraction(s, prof.winning) for s in prof.swings]


@register_index("coleman-initiate", "Coleman power to initiate action")
def coleman_initiate(game: Game) -> list[Fraction]:
    """Coleman's power to initiate action: swings / number of losing coalitions.

    References
    ----------
    .. [1] J. S. Coleman, in Social Choice, 1971.

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> [str(v) for v in coleman_initiate(WeightedGame([2, 1, 1], 3))]
    ['3/5', '1/5', '1/5']
    """
    prof = swing_profile(game, sizes=False)
    losing = (1 << prof.n) - prof.winning
    return [Fraction(s, losing) for s in prof.swings]


@register_index("holler-packel", "Holler-Packel (public good index)", cost="minimal-winning")
def holler_packel(game: Game) -> list[Fraction]:
    """Holler–Packel public good index: minimal winning coalitions containing each
    player, normalised to sum to 1.

    Notes
    -----
    Single quota: minimal winning coalitions counted by the lightest weight class they
    contain, with generating functions of the heavier classes; O(T^2 q + n q) big-integer
    operations for T distinct weights. Other games: enumeration of weight-class
    compositions.

    References
    ----------
    .. [1] M. J. Holler, E. W. Packel, Journal of Economics 43 (1983) 21-29.
    .. [2] M. J. Holler, "Forming coalitions and measuring voting power", Political
       Studies 30 (1982) 262-271.

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> [str(v) for v in holler_packel(WeightedGame([3, 2, 2, 1], 5))]
    ['2/7', '2/7', '2/7', '1/7']
    """
    per_player, _ = mwc_and_johnston(game, "mwc")
    return _normalise([sum(c) for c in per_player])


@register_index("deegan-packel", "Deegan-Packel", cost="minimal-winning")
def deegan_packel(game: Game) -> list[Fraction]:
    """Deegan–Packel index: every minimal winning coalition is equally likely and shares
    its power equally among its members.

    ``DP_i = (1/|M|) sum_{S in M, i in S} 1/|S|``.

    References
    ----------
    .. [1] J. Deegan, E. W. Packel, International Journal of Game Theory 7 (1978) 113-123.

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> [str(v) for v in deegan_packel(WeightedGame([3, 2, 2, 1], 5))]
    ['1/3', '5/18', '5/18', '1/9']
    """
    per_player, total = mwc_and_johnston(game, "mwc")
    m = sum(total)
    den = lcm(*range(1, game.n + 1))
    return _normalise_to(
        [sum(c * (den // s) for s, c in enumerate(counts) if c) for counts in per_player], den * m
    )


@register_index("johnston", "Johnston", cost="minimal-winning")
def johnston(game: Game) -> list[Fraction]:
    """Johnston index: in each winning coalition with critical members, every critical
    member gets ``1/k`` (``k`` critical members); scores normalised to sum to 1.

    Notes
    -----
    Single quota: in a coalition of weight ``q + d`` the critical members are those
    heavier than ``d``; counting band by band of the surplus ``d`` (between two
    consecutive distinct weights) gives a pseudo-polynomial algorithm (see
    :func:`majlis.games._counting.johnston_profile`), O(T^2 q) big-integer products for
    T distinct weights: milliseconds for a parliament (Iraq: 12 distinct weights), about
    a minute for 200 players of 85 distinct weights summing to 10,000.

    References
    ----------
    .. [1] R. J. Johnston, Environment and Planning A 10 (1978) 907-914.
    .. [2] D. S. Felsenthal, M. Machover, *The Measurement of Voting Power*, 1998, §6.3.

    Examples
    --------
    >>> from majlis.games import WeightedGame
    >>> [str(v) for v in johnston(WeightedGame([2, 1, 1], 3))]
    ['2/3', '1/6', '1/6']
    """
    per_player = mwc_and_johnston(game, "johnston")
    n = game.n
    den = lcm(*range(1, n + 1))
    raw = [sum(c * (den // k) for k, c in enumerate(counts) if c) for counts in per_player]
    return _normalise(raw)
