"""Simple games: weighted voting games with one or several quotas, blocking (dual) games
and games given by their minimal winning coalitions.

A *simple game* on players ``0 .. n-1`` says which coalitions win. Every game here is
monotone (a superset of a winning coalition wins) and the empty coalition loses.

References
----------
.. [1] L. S. Shapley, "Simple games: an outline of the descriptive theory",
   Behavioral Science 7 (1962) 59-66.
.. [2] A. Taylor, W. Zwicker, *Simple Games*, Princeton University Press, 1999.
.. [3] Treaty on European Union, art. 16(4) (Lisbon): qualified majority of 55 % of the
   members and 65 % of the population; a blocking minority needs at least four members.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from majlis.errors import InfeasibleQuotaError, ValidationError
from majlis.limits import MAX_PLAYERS, check_limit

__all__ = [
    "DualGame",
    "Game",
    "SimpleGame",
    "WeightedGame",
    "blocking_game",
    "game_from_parliament",
]


def _as_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            as_int = int(value)
        except (TypeError, ValueError):
            raise ValidationError(f"{what} must be an integer, got {value!r}.") from None
        if as_int != value:
            raise ValidationError(f"{what} must be an integer, got {value!r}.")
        return as_int
    return value


def _check_names(names: Sequence[str] | None, n: int) -> tuple[str, ...]:
    if names is None:
        return tuple(str(i) for i in range(n))
    names = tuple(str(x) for x in names)
    if len(names) != n:
        raise ValidationError(f"{len(names)} names given for {n} players.")
    if len(set(names)) != n:
        dup = next(x for x in names if names.count(x) > 1)
        raise ValidationError(f"player name {dup!r} is used twice.")
    return names


class Game:
    """A simple game: players, names and coalition helpers; subclasses say who wins
    (:class:`WeightedGame`, :class:`SimpleGame`, :class:`DualGame`)."""

    n: int
    names: tuple[str, ...]

    def __len__(self) -> int:
        return self.n

    def _coalition(self, coalition: Iterable[int | str]) -> frozenset[int]:
        return frozenset(self.index(p) for p in coalition)

    def index(self, player: int | str) -> int:
        """Return the index of ``player`` given by index or by name."""
        if isinstance(player, str):
            if player in self.names:
                return self.names.index(player)
            if player.isdigit() and int(player) < self.n:
                return int(player)
            raise ValidationError(f"unknown player {player!r}.")
        if isinstance(player, bool) or not isinstance(player, int) or not 0 <= player < self.n:
            raise ValidationError(f"player index {player!r} is not in 0..{self.n - 1}.")
        return player

    def is_winning(self, coalition: Iterable[int | str]) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def is_blocking(self, coalition: Iterable[int | str]) -> bool:
        """True when the players outside ``coalition`` cannot win without it."""
        inside = self._coalition(coalition)
        return not self.is_winning(frozenset(range(self.n)) - inside)

    def dual(self) -> Game:
        """The blocking (dual) game: a coalition wins when the others cannot win."""
        return blocking_game(self)


class WeightedGame(Game):
    """A weighted voting game with one quota, or several quotas that must all be met.

    Parameters
    ----------
    weights : sequence of int, or sequence of sequences of int
        One weight per player (seats), or, for several quotas, one weight vector per
        quota (``[seats, population]``), each with one entry per player.
    quota : int or sequence of int
        A coalition wins when its total weight reaches the quota; with several quotas it
        must reach every one of them (the *meet* of weighted games).
    blocking_min_members : int, optional
        EU-Lisbon clause: a coalition also wins when fewer than this many players stay
        outside it (a blocking minority needs at least ``K`` members).
    names : sequence of str, optional
        Player names; default ``"0"``, ``"1"``, ...

    Raises
    ------
    ValidationError
        Negative or non-integer weights, lengths that do not match, duplicate names.
    InfeasibleQuotaError
        A quota ``<= 0`` or above the total weight.

    Notes
    -----
    Weights and quotas are integers so that every index is exact. A quota equal to the
    total weight is allowed (unanimity).

    References
    ----------
    .. [1] A. Taylor, W. Zwicker, *Simple Games*, Princeton University Press, 1999, ch. 1.
    .. [2] Treaty on European Union, art. 16(4) (Lisbon double majority and blocking clause).

    Examples
    --------
    >>> g = WeightedGame([73, 37, 33, 31], 90)
    >>> g.is_winning([0, 3]), g.is_winning([1, 2])
    (True, False)
    >>> eu = WeightedGame([[1, 1, 1], [60, 30, 10]], [2, 65])
    >>> eu.is_winning([0, 1]), eu.is_winning([1, 2])
    (True, False)
    """

    def __init__(
        self,
        weights: Sequence[int] | Sequence[Sequence[int]],
        quota: int | Sequence[int],
        blocking_min_members: int | None = None,
        *,
        names: Sequence[str] | None = None,
    ) -> None:
        multi = not isinstance(quota, int) and isinstance(quota, Sequence)
        if multi:
            quotas = [_as_int(q, "a quota") for q in quota]  # type: ignore[union-attr]
            rows = list(weights)
            if not quotas:
                raise ValidationError("at least one quota is needed.")
            if len(rows) != len(quotas):
                raise ValidationError(
                    f"{len(quotas)} quotas need {len(quotas)} weight vectors, got {len(rows)}."
                )
            wrows = []
            for r in rows:
                if isinstance(r, (int, str)) or not isinstance(r, Iterable):
                    raise ValidationError(
                        "with several quotas, weights must be one sequence per quota."
                    )
                wrows.append([_as_int(w, "a weight") for w in r])
        else:
            quotas = [_as_int(quota, "the quota")]
            wrows = [[_as_int(w, "a weight") for w in weights]]  # type: ignore[union-attr]
        n = len(wrows[0])
        if n == 0:
            raise ValidationError("a game needs at least one player.")
        check_limit(n, MAX_PLAYERS, "players in a weighted game")
        for j, r in enumerate(wrows):
            if len(r) != n:
                raise ValidationError(
                    f"weight vector {j} has {len(r)} entries but vector 0 has {n}."
                )
            for i, w in enumerate(r):
                if w < 0:
                    raise ValidationError(f"weight {w} of player {i} is negative.")
        for r, q in zip(wrows, quotas):
            total = sum(r)
            if q <= 0:
                raise InfeasibleQuotaError(f"quota {q} must be positive.")
            if q > total:
                raise InfeasibleQuotaError(
                    f"quota {q} is above the total weight {total}: no coalition can win."
                )
        if blocking_min_members is not None:
            k = _as_int(blocking_min_members, "blocking_min_members")
            if not 1 <= k <= n:
                raise ValidationError(
                    f"blocking_min_members {k} must be between 1 and the number of players {n}."
                )
            blocking_min_members = k
        self.n = n
        self.weight_vectors: tuple[tuple[int, ...], ...] = tuple(tuple(r) for r in wrows)
        self.quotas: tuple[int, ...] = tuple(quotas)
        self.blocking_min_members = blocking_min_members
        self.names = _check_names(names, n)

    # -- descriptive -------------------------------------------------------------
    @property
    def weights(self) -> tuple[int, ...]:
        """The weights of the first (or only) quota."""
        return self.weight_vectors[0]

    @property
    def quota(self) -> int:
        """The first (or only) quota."""
        return self.quotas[0]

    @property
    def total(self) -> int:
        """Total weight of the first (or only) weight vector."""
        return sum(self.weight_vectors[0])

    @property
    def is_single_quota(self) -> bool:
        """True for a plain weighted game ``[q; w_1, ..., w_n]``."""
        return len(self.quotas) == 1 and self.blocking_min_members is None

    def __repr__(self) -> str:
        if len(self.quotas) == 1:
            body = f"{list(self.weights)}, {self.quota}"
        else:
            body = f"{[list(r) for r in self.weight_vectors]}, {list(self.quotas)}"
        if self.blocking_min_members is not None:
            body += f", blocking_min_members={self.blocking_min_members}"
        return f"WeightedGame({body})"

    def weight_of(self, coalition: Iterable[int | str]) -> int:
        """Total (first) weight of a coalition."""
        return sum(self.weights[i] for i in self._coalition(coalition))

    def is_winning(self, coalition: Iterable[int | str]) -> bool:
        """True when ``coalition`` (indices or names) meets every quota (or the blocking clause)."""
        members = self._coalition(coalition)
        return self._win_state(
            len(members), tuple(sum(r[i] for i in members) for r in self.weight_vectors)
        )

    def _win_state(self, size: int, wvec: Sequence[int]) -> bool:
        if all(w >= q for w, q in zip(wvec, self.quotas)):
            return True
        k = self.blocking_min_members
        return k is not None and self.n - size < k

    # state description used by the dynamic programmes of majlis.games.indices
    def _state_spec(self) -> Any:
        caps = self.quotas
        return self.weight_vectors, caps, self._win_state

    def dual(self) -> Game:
        """The blocking game; for one quota it is ``[W - q + 1; w]``.

        Examples
        --------
        >>> WeightedGame([3, 2, 2], 5).dual()
        WeightedGame([3, 2, 2], 3)
        """
        if self.is_single_quota:
            return WeightedGame(self.weights, self.total - self.quota + 1, names=self.names)
        return DualGame(self)


class DualGame(Game):
    """The dual (blocking) game of ``game``: ``S`` wins iff ``N \\ S`` loses in ``game``.

    Examples
    --------
    >>> g = WeightedGame([[1, 1, 1], [5, 3, 2]], [2, 6])
    >>> d = DualGame(g)
    >>> d.is_winning([0]), d.is_winning([1]), d.is_winning([1, 2])
    (True, False, True)
    """

    def __init__(self, game: Game) -> None:
        self.game = game
        self.n = game.n
        self.names = game.names

    def __repr__(self) -> str:
        return f"DualGame({self.game!r})"

    def is_winning(self, coalition: Iterable[int | str]) -> bool:
        inside = self._coalition(coalition)
        return not self.game.is_winning(frozenset(range(self.n)) - inside)

    def dual(self) -> Game:
        return self.game

    def _state_spec(self) -> Any:
        spec = getattr(self.game, "_state_spec", None)
        if spec is None:
            return None
        base = spec()
        if base is None:
            return None
        vectors, caps, win = base
        totals = tuple(sum(r) for r in vectors)
        n = self.n
        # the complement has weight T - w, which wins iff w <= T - cap; values above
        # T - cap + 1 all behave alike, so cap there.
        new_caps = tuple(max(1, t - c + 1) for t, c in zip(totals, caps))

        def dual_win(size: int, wvec: Sequence[int]) -> bool:
            # w < T - c + 1  <=>  the complement still reaches its cap c
            comp = tuple(c if w < nc else c - 1 for w, c, nc in zip(wvec, caps, new_caps))
            return not win(n - size, comp)

        return vectors, new_caps, dual_win


class SimpleGame(Game):
    """A simple game given by its minimal winning coalitions.

    Parameters
    ----------
    minimal_winning : iterable of iterables of int
        The minimal winning coalitions (player indices). Non-minimal sets are accepted
        and reduced.
    n : int, optional
        Number of players (default: one more than the largest index used).
    names : sequence of str, optional

    Notes
    -----
    Indices of such games are computed by enumerating the ``2^n`` coalitions, so
    ``n`` is limited to 22.

    Examples
    --------
    >>> g = SimpleGame([[0, 1], [0, 2]])
    >>> g.is_winning([1, 2]), g.is_winning([0, 2])
    (False, True)
    >>> g.minimal_winning
    ((0, 1), (0, 2))
    """

    def __init__(
        self,
        minimal_winning: Iterable[Iterable[int]],
        n: int | None = None,
        *,
        names: Sequence[str] | None = None,
    ) -> None:
        sets = [frozenset(_as_int(i, "a player index") for i in c) for c in minimal_winning]
        if not sets:
            raise InfeasibleQuotaError("a simple game needs at least one winning coalition.")
        if any(not s for s in sets):
            raise ValidationError("the empty coalition cannot be winning.")
        used = max(max(s) for s in sets) + 1
        if any(min(s) < 0 for s in sets):
            raise ValidationError("player indices must be non-negative.")
        if n is None:
            n = used if names is None else len(names)
        if used > n:
            raise ValidationError(f"player index {used - 1} is outside a game of {n} players.")
        minimal = {s for s in sets if not any(t < s for t in sets)}
        self.n = n
        self.names = _check_names(names, n)
        self._masks = sorted({sum(1 << i for i in s) for s in minimal})
        self.minimal_winning: tuple[tuple[int, ...], ...] = tuple(
            sorted(tuple(sorted(s)) for s in minimal)
        )

    def __repr__(self) -> str:
        return f"SimpleGame({[list(c) for c in self.minimal_winning]}, n={self.n})"

    def _win_mask(self, mask: int) -> bool:
        return any(m & mask == m for m in self._masks)

    def is_winning(self, coalition: Iterable[int | str]) -> bool:
        mask = 0
        for i in self._coalition(coalition):
            mask |= 1 << i
        return self._win_mask(mask)


def blocking_game(game: Game) -> Game:
    """Return the blocking (dual) game: a coalition wins when the rest cannot win.

    For Iraq's 329 seats and the 220 quorum, the blocking game has quota 110: the
    "blocking third".

    Examples
    --------
    >>> blocking_game(WeightedGame([329], 220)).quota
    110
    >>> blocking_game(WeightedGame([200, 129], 220)).quota
    110
    """
    if isinstance(game, WeightedGame):
        return game.dual()
    if isinstance(game, DualGame):
        return game.game
    return DualGame(game)


def game_from_parliament(parl: Any, quota: int | None = None) -> WeightedGame:
    """Build the weighted game of a parliament (one player per list or independent MP).

    Parameters
    ----------
    parl : Parliament
        Anything with ``players()`` returning ``(name, seats)`` pairs (independents one
        seat each) and, when ``quota`` is omitted, a ``majority`` attribute.
    quota : int, optional
        Default: the parliament's absolute majority.

    Examples
    --------
    >>> class P:
    ...     majority = 3
    ...     def players(self):
    ...         return [("A", 2), ("B", 2), ("C", 1)]
    >>> game_from_parliament(P())
    WeightedGame([2, 2, 1], 3)
    """
    players = list(parl.players())
    names = [str(name) for name, _ in players]
    seen: dict[str, int] = {}
    unique = []
    for nm in names:  # duplicate names (several "Independent") get a suffix
        if nm in seen:
            seen[nm] += 1
            unique.append(f"{nm} ({seen[nm]})")
        else:
            seen[nm] = 1
            unique.append(nm)
    if len(set(unique)) != len(unique):
        unique = [f"{nm} #{i}" for i, nm in enumerate(names)]
    q = parl.majority if quota is None else quota
    return WeightedGame([int(s) for _, s in players], int(q), names=unique)
