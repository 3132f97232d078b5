"""Minimal winning and minimal blocking coalitions, enumerated output-sensitively.

A coalition is *minimal winning* when it wins and loses as soon as any member leaves;
*minimal blocking* coalitions are the minimal winning coalitions of the blocking (dual)
game: the smallest groups whose defection stops every other coalition from winning (in
Iraq, the "blocking third" against the 220 quorum).

For a single-quota weighted game ``[q; w]`` the enumeration is output-sensitive: a
coalition of total weight ``t`` is minimal winning iff ``t >= q`` and every member weighs
more than ``t - q``, so for each total ``t = q, q+1, ..., q + max(w) - 1`` the coalitions
are the subsets of players heavier than ``t - q`` with sum exactly ``t``. A depth-first
search (players by index) pruned by reachable-sum bitsets visits only prefixes that
complete to a solution: ``O(n)`` work per coalition after an ``O(n * W / 64)`` set-up per
total. Coalitions come out sorted by seats (total weight), then lexicographically.

References
----------
.. [1] W. H. Riker, *The Theory of Political Coalitions*, Yale University Press, 1962
   (minimal winning coalitions).
.. [2] S. Kurz, "On minimum sum representations for weighted voting games", Annals of
   Operations Research 196 (2012) 361-369 (enumeration of minimal winning coalitions by
   weight order).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from majlis.errors import ValidationError
from majlis.games.game import Game, SimpleGame, WeightedGame, blocking_game

__all__ = ["minimal_blocking_coalitions", "minimal_winning_coalitions"]


def _players(game: Game, players: Iterable[int | str] | None, what: str) -> frozenset[int]:
    if players is None:
        return frozenset()
    if isinstance(players, (str, int)):
        players = [players]
    try:
        return frozenset(game.index(p) for p in players)
    except ValidationError as exc:
        raise ValidationError(f"{what}: {exc}") from None


def _weighted_mwc(
    weights: tuple[int, ...],
    q: int,
    include: frozenset[int],
    exclude: frozenset[int],
    max_size: int | None,
) -> Iterator[tuple[int, ...]]:
    wmax = max(weights)
    w_inc = sum(weights[i] for i in include)
    for t in range(q, q + wmax):
        floor = t - q  # every member must weigh more than this
        if any(weights[i] <= floor for i in include):
            continue
        target = t - w_inc
        if target < 0:
            continue
        need = max_size - len(include) if max_size is not None else None
        if need is not None and need < 0:
            return
        cands = [
            i
            for i in range(len(weights))
            if i not in include and i not in exclude and weights[i] > floor
        ]
        cw = [weights[i] for i in cands]
        k = len(cands)
        reach = [0] * (k + 1)
        reach[k] = 1
        limit = (1 << (target + 1)) - 1
        for j in range(k - 1, -1, -1):
            reach[j] = (reach[j + 1] | (reach[j + 1] << cw[j])) & limit
        if not reach[0] >> target & 1:
            continue
        base = tuple(sorted(include))
        chosen: list[int] = []

        def dfs(j: int, rem: int) -> Iterator[tuple[int, ...]]:
            if rem == 0:
                yield tuple(sorted(base + tuple(chosen)))
                return
            if need is not None and len(chosen) >= need:
                return
            for jj in range(j, k):
                if not reach[jj] >> rem & 1:
                    return  # no later start can reach rem either (reach is decreasing)
                wj = cw[jj]
                if wj <= rem and reach[jj + 1] >> (rem - wj) & 1:
                    chosen.append(cands[jj])
                    yield from dfs(jj + 1, rem - wj)
                    chosen.pop()

        yield from dfs(0, target)


def _generic_mwc(
    game: Game, include: frozenset[int], exclude: frozenset[int], max_size: int | None
) -> list[tuple[int, ...]]:
    n = game.n
    if isinstance(game, SimpleGame):
        found = [c for c in game.minimal_winning]
    else:
        order = sorted(
            (i for i in range(n) if i not in exclude),
            key=lambda i: -_seat(game, i),
        )
        found = []
        chosen: list[int] = []

        def dfs(j: int) -> None:
            if game.is_winning(chosen):
                if all(not game.is_winning([p for p in chosen if p != x]) for x in chosen):
                    found.append(tuple(sorted(chosen)))
                return
            if max_size is not None and len(chosen) >= max_size:
                return
            if not game.is_winning(chosen + order[j:]):
                return
            for jj in range(j, len(order)):
                chosen.append(order[jj])
                dfs(jj + 1)
                chosen.pop()

        dfs(0)
    out = [
        c
        for c in found
        if include <= set(c) and not (exclude & set(c)) and (max_size is None or len(c) <= max_size)
    ]
    out.sort(key=lambda c: (sum(_seat(game, i) for i in c), c))
    return out


def _seat(game: Game, i: int) -> int:
    base = getattr(game, "game", game)
    vectors = getattr(base, "weight_vectors", None)
    return vectors[0][i] if vectors else 1


def minimal_winning_coalitions(
    game: Game,
    *,
    include: Iterable[int | str] | None = None,
    exclude: Iterable[int | str] | None = None,
    max_size: int | None = None,
) -> Iterator[tuple[int, ...]]:
    """Yield the minimal winning coalitions of ``game``, sorted by seats.

    Parameters
    ----------
    game : a simple game
    include : players (indices or names) every coalition must contain
    exclude : players no coalition may contain
    max_size : int, optional
        Only coalitions of at most this many players.

    Yields
    ------
    tuple of int
        Player indices in increasing order; coalitions in increasing total weight (seats
        of the first weight vector), ties in lexicographic order.

    Notes
    -----
    Single-quota weighted games are enumerated output-sensitively (see the module
    notes); ``max_size`` only prunes, so the work can exceed the output then. Other games
    use a pruned depth-first search whose results are collected and sorted.

    Examples
    --------
    >>> g = WeightedGame([73, 37, 33, 31, 17], 90)
    >>> list(minimal_winning_coalitions(g))
    [(0, 4), (1, 2, 3), (0, 3), (0, 2), (0, 1)]
    >>> list(minimal_winning_coalitions(g, exclude=[0]))
    [(1, 2, 3)]
    """
    inc = _players(game, include, "include")
    exc = _players(game, exclude, "exclude")
    if inc & exc:
        p = min(inc & exc)
        raise ValidationError(f"player {game.names[p]!r} is both included and excluded.")
    if max_size is not None and max_size < 0:
        raise ValidationError(f"max_size {max_size} must be non-negative.")
    if isinstance(game, WeightedGame) and game.is_single_quota:
        yield from _weighted_mwc(game.weights, game.quota, inc, exc, max_size)
    else:
        yield from _generic_mwc(game, inc, exc, max_size)


def minimal_blocking_coalitions(
    game: Game,
    *,
    include: Iterable[int | str] | None = None,
    exclude: Iterable[int | str] | None = None,
    max_size: int | None = None,
) -> Iterator[tuple[int, ...]]:
    """Yield the minimal blocking coalitions of ``game`` (minimal winning coalitions of its
    blocking game), sorted by seats.

    Examples
    --------
    >>> g = WeightedGame([200, 100, 29], 220)
    >>> list(minimal_blocking_coalitions(g))
    [(1, 2), (0,)]
    """
    yield from minimal_winning_coalitions(
        blocking_game(game), include=include, exclude=exclude, max_size=max_size
    )
