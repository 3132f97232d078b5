"""Owen, Banzhaf-Owen and symmetric coalitional Banzhaf values against the defining
formulas, the quotient-game property, and hand-computed examples."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from majlis.errors import ValidationError
from majlis.games import (
    SimpleGame,
    WeightedGame,
    banzhaf_owen,
    coalition_structure,
    owen,
    penrose,
    quotient_game,
    shapley_shubik,
    symmetric_coalitional_banzhaf,
)
from tests.games import reference as ref

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def games_with_unions(draw, max_n=8):
    n = draw(st.integers(1, max_n))
    w = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
    if sum(w) == 0:
        w[0] = 1
    q = draw(st.integers(1, sum(w)))
    perm = draw(st.permutations(list(range(n))))
    cuts = sorted(draw(st.sets(st.integers(1, max(1, n - 1)), max_size=n)))
    parts, last = [], 0
    for c in cuts + [n]:
        if c > last:
            parts.append(list(perm[last:c]))
            last = c
    # list only some unions explicitly; the rest must default to singletons
    listed = [p for p in parts if len(p) > 1 or draw(st.booleans())]
    return w, q, listed


@SETTINGS
@given(games_with_unions())
def test_values_match_definitions(g):
    w, q, unions = g
    game = WeightedGame(w, q)
    n = len(w)
    wins = ref.weighted_predicate(w, q)
    structure = coalition_structure(game, unions)
    assert sorted(p for u in structure for p in u) == list(range(n))
    assert owen(game, unions) == ref.ref_union_value(wins, n, structure, "shapley", "shapley")
    assert banzhaf_owen(game, unions) == ref.ref_union_value(
        wins, n, structure, "banzhaf", "banzhaf"
    )
    assert symmetric_coalitional_banzhaf(game, unions) == ref.ref_union_value(
        wins, n, structure, "shapley", "banzhaf"
    )


@SETTINGS
@given(games_with_unions(max_n=7))
def test_multi_quota_values_match_definitions(g):
    w, q, unions = g
    n = len(w)
    game = WeightedGame([w, [1] * n], [q, (n + 1) // 2])
    wins = ref.weighted_predicate([w, [1] * n], [q, (n + 1) // 2])
    structure = coalition_structure(game, unions)
    assert owen(game, unions) == ref.ref_union_value(wins, n, structure, "shapley", "shapley")
    assert banzhaf_owen(game, unions) == ref.ref_union_value(
        wins, n, structure, "banzhaf", "banzhaf"
    )


@SETTINGS
@given(games_with_unions())
def test_quotient_game_property(g):
    # Owen (1977): the total Owen value of a union equals the union's Shapley value in
    # the quotient game; trivial structures give back the Shapley value / Penrose measure.
    w, q, unions = g
    game = WeightedGame(w, q)
    structure = coalition_structure(game, unions)
    ow = owen(game, unions)
    qss = shapley_shubik(quotient_game(game, unions))
    assert [sum(ow[p] for p in u) for u in structure] == qss
    assert sum(ow) == 1
    assert owen(game, []) == shapley_shubik(game)
    assert owen(game, [list(range(len(w)))]) == shapley_shubik(game)
    assert banzhaf_owen(game, []) == penrose(game)
    assert banzhaf_owen(game, [list(range(len(w)))]) == penrose(game)


def test_hand_example():
    # [5; 3, 2, 2, 1] with union {1, 2}: the quotient game [5; 4, 3, 1] (listed unions
    # first) gives the union 4/6 by Shapley (pivotal in 4 of 6 orders), shared equally
    # by its two equal members.
    g = WeightedGame([3, 2, 2, 1], 5)
    F = Fraction
    assert owen(g, [[1, 2]]) == [F(1, 6), F(1, 3), F(1, 3), F(1, 6)]
    assert shapley_shubik(quotient_game(g, [[1, 2]])) == [F(2, 3), F(1, 6), F(1, 6)]
    # Banzhaf-Owen by hand: player 0 swings only when the union is present and 3 absent
    # (1 of 4 outer configurations): 1/4; player 1 swings in 3 of the 8 (outer x inner)
    # configurations: 3/8.
    assert banzhaf_owen(g, [[1, 2]]) == [F(1, 4), F(3, 8), F(3, 8), F(1, 4)]
    assert owen(g, [["1", "2"]]) == owen(g, [[2, 1]])


def test_simple_game_unions():
    g = SimpleGame([[0, 1], [0, 2], [1, 2, 3]], 4)
    wg = WeightedGame([3, 2, 2, 1], 5)
    assert owen(g, [[1, 2]]) == owen(wg, [[1, 2]])
    assert shapley_shubik(quotient_game(g, [[1, 2]])) == [
        Fraction(2, 3),
        Fraction(1, 6),
        Fraction(1, 6),
    ]


def test_bad_unions():
    g = WeightedGame([3, 2, 2, 1], 5)
    with pytest.raises(ValidationError, match="two unions"):
        owen(g, [[0, 1], [1, 2]])
    with pytest.raises(ValidationError, match="empty"):
        owen(g, [[]])
    with pytest.raises(ValidationError, match="player index 7"):
        owen(g, [[0, 7]])
