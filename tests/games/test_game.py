"""Game construction, validation, duals and the parliament helper."""

from __future__ import annotations

import pytest

from majlis.errors import InfeasibleQuotaError, MajlisError, ValidationError
from majlis.games import (
    DualGame,
    SimpleGame,
    WeightedGame,
    blocking_game,
    game_from_parliament,
)
from tests.games import reference as ref


@pytest.mark.parametrize(
    "args, exc, words",
    [
        (([3, 2, 1], 7), InfeasibleQuotaError, "quota 7 is above the total weight 6"),
        (([3, 2, 1], 0), InfeasibleQuotaError, "quota 0"),
        (([3, 2, 1], -4), InfeasibleQuotaError, "quota -4"),
        (([3, -2, 1], 3), ValidationError, "weight -2 of player 1"),
        (([3, 2.5, 1], 3), ValidationError, "2.5"),
        (([], 1), ValidationError, "at least one player"),
        (([[1, 2], [1, 2, 3]], [1, 1]), ValidationError, "vector 1 has 3"),
        (([[1, 2]], [1, 1]), ValidationError, "2 quotas need 2 weight vectors"),
        (([[1, 2], [3, 4]], [1, 8]), InfeasibleQuotaError, "quota 8"),
    ],
)
def test_validation(args, exc, words):
    with pytest.raises(exc, match=words):
        WeightedGame(*args)
    assert issubclass(exc, MajlisError) and issubclass(exc, ValueError)


def test_other_validation():
    with pytest.raises(ValidationError, match="blocking_min_members 5"):
        WeightedGame([1, 1, 1], 2, 5)
    with pytest.raises(ValidationError, match="2 names given for 3 players"):
        WeightedGame([1, 1, 1], 2, names=["a", "b"])
    with pytest.raises(ValidationError, match="'a' is used twice"):
        WeightedGame([1, 1, 1], 2, names=["a", "b", "a"])
    with pytest.raises(ValidationError, match="unknown player 'z'"):
        WeightedGame([1, 1, 1], 2, names=["a", "b", "c"]).is_winning(["z"])
    with pytest.raises(ValidationError, match="empty coalition"):
        SimpleGame([[]])


def test_winning_and_names():
    g = WeightedGame([73, 37, 33, 31], 90, names=["sadr", "taq", "sol", "kdp"])
    assert g.is_winning(["sadr", "kdp"]) and not g.is_winning(["taq", "sol"])
    assert g.is_winning([1, 2, 3])
    assert g.weight_of(["sadr", "sol"]) == 106
    assert len(g) == 4 and g.total == 174


def test_multi_threshold_and_blocking_clause():
    # EU-Lisbon style on 5 members: 55% of members (3 of 5) and 65% of population; a
    # coalition also wins when fewer than K = 2 members stay outside it.
    pop = [40, 30, 15, 10, 5]
    plain = WeightedGame([[1] * 5, pop], [3, 65])
    lisbon = WeightedGame([[1] * 5, pop], [3, 65], blocking_min_members=2)
    assert plain.is_winning([0, 1, 4]) and lisbon.is_winning([0, 1, 4])  # 3 members, 75%
    assert not plain.is_winning([1, 2, 3, 4])  # 4 members but 60% of the population
    assert lisbon.is_winning([1, 2, 3, 4])  # ...yet one member alone cannot block
    assert not lisbon.is_winning([2, 3, 4])  # two outside may block
    assert lisbon.blocking_min_members == 2 and lisbon.quotas == (3, 65)


def test_dual_games():
    g = WeightedGame([329], 220)
    assert blocking_game(g).quota == 110
    iraq_like = WeightedGame([100, 80, 60, 49, 40], 220)
    b = blocking_game(iraq_like)
    assert b.quota == 329 - 220 + 1
    n = 5
    for s in ref.subsets(range(n)):
        assert b.is_winning(s) == (not iraq_like.is_winning(set(range(n)) - s))
        assert iraq_like.is_blocking(s) == b.is_winning(s)
    multi = WeightedGame([[1, 1, 1], [5, 3, 2]], [2, 6])
    d = blocking_game(multi)
    assert isinstance(d, DualGame) and blocking_game(d) is multi
    for s in ref.subsets(range(3)):
        assert d.is_winning(s) == (not multi.is_winning(set(range(3)) - s))
    sg = SimpleGame([[0, 1], [0, 2]])
    assert blocking_game(sg).is_winning([0]) and not blocking_game(sg).is_winning([1])


def test_simple_game_reduces_to_minimal():
    g = SimpleGame([[0, 1], [0, 1, 2], [2, 3]])
    assert g.minimal_winning == ((0, 1), (2, 3))
    assert g.n == 4
    with pytest.raises(ValidationError, match="outside a game of 3"):
        SimpleGame([[0, 5]], 3)


def test_game_from_parliament():
    from majlis.data import load_dataset

    parl = load_dataset("iraq").parliament(election="2021")
    g = game_from_parliament(parl)
    assert g.total == 329 and g.quota == 165
    assert g.n == len(parl.players())
    assert sum(1 for w in g.weights if w == 1) >= 43  # independents are single players
    assert len(set(g.names)) == g.n
    g220 = game_from_parliament(parl, parl.two_thirds)
    assert g220.quota == 220 and blocking_game(g220).quota == 110


def test_documented_limits_refuse_at_once():
    import random

    from majlis.errors import TooLargeError
    from majlis.games import johnston, owen, shapley_shubik
    from majlis.limits import MAX_INDEX_WORK, MAX_MWC_WORK, MAX_PLAYERS

    with pytest.raises(TooLargeError, match="at most 1,000 players"):
        WeightedGame([1] * (MAX_PLAYERS + 1), MAX_PLAYERS)
    rng = random.Random(3)
    w = [rng.randint(1, 100) for _ in range(500)]
    g = WeightedGame(w, sum(w) // 2 + 1)
    work = len(w) * len(set(w)) * g.quota  # the documented measure, computed here by hand
    assert work > MAX_INDEX_WORK > MAX_MWC_WORK
    for index in (shapley_shubik, johnston, lambda g: owen(g, [[0, 1]])):
        with pytest.raises(TooLargeError, match=f"{work:,}"):
            index(g)


def test_cli_refuses_a_huge_game_in_one_line(run_cli):
    r = run_cli("power", "--weights", ",".join(["1"] * 100_000), "--quota", "50001")
    assert r.code == 2 and r.err.count("\n") == 1 and "at most 1,000 players" in r.err
