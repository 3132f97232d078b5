"""Minimal winning / blocking coalitions against brute force, filters and order."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from majlis.errors import ValidationError
from majlis.games import (
    SimpleGame,
    WeightedGame,
    blocking_game,
    minimal_blocking_coalitions,
    minimal_winning_coalitions,
)
from tests.games import reference as ref

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def games(draw, max_n=10):
    n = draw(st.integers(1, max_n))
    w = draw(st.lists(st.integers(0, 15), min_size=n, max_size=n))
    if sum(w) == 0:
        w[0] = 1
    q = draw(st.integers(1, sum(w)))
    return w, q


def _key(w):
    return lambda c: (sum(w[i] for i in c), tuple(sorted(c)))


@SETTINGS
@given(games(), st.data())
def test_single_quota_matches_brute_force(wq, data):
    w, q = wq
    n = len(w)
    g = WeightedGame(w, q)
    wins = ref.weighted_predicate(w, q)
    expected = sorted((tuple(sorted(s)) for s in ref.minimal_winning(wins, n)), key=_key(w))
    assert list(minimal_winning_coalitions(g)) == expected
    blocking = ref.minimal_winning(ref.dual_predicate(wins, n), n)
    assert list(minimal_blocking_coalitions(g)) == sorted(
        (tuple(sorted(s)) for s in blocking), key=_key(w)
    )
    inc = data.draw(st.sets(st.integers(0, n - 1), max_size=2))
    exc = data.draw(st.sets(st.integers(0, n - 1), max_size=2)) - inc
    size = data.draw(st.one_of(st.none(), st.integers(0, n)))
    got = list(minimal_winning_coalitions(g, include=inc, exclude=exc, max_size=size))
    want = [
        c
        for c in expected
        if inc <= set(c) and not exc & set(c) and (size is None or len(c) <= size)
    ]
    assert got == want


@SETTINGS
@given(st.integers(1, 6), st.data())
def test_multi_quota_matches_brute_force(n, data):
    v1 = data.draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))
    v2 = data.draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))
    v1[0] = v1[0] or 1
    v2[0] = v2[0] or 1
    qs = [data.draw(st.integers(1, sum(v1))), data.draw(st.integers(1, sum(v2)))]
    bmm = data.draw(st.one_of(st.none(), st.integers(1, n)))
    g = WeightedGame([v1, v2], qs, bmm)
    wins = ref.weighted_predicate([v1, v2], qs, bmm)
    expected = sorted((tuple(sorted(s)) for s in ref.minimal_winning(wins, n)), key=_key(v1))
    assert list(minimal_winning_coalitions(g)) == expected
    dual = ref.minimal_winning(ref.dual_predicate(wins, n), n)
    assert list(minimal_blocking_coalitions(g)) == sorted(
        (tuple(sorted(s)) for s in dual), key=_key(v1)
    )


def test_filters_with_names_and_errors():
    g = WeightedGame([73, 37, 33, 31, 17], 90, names=["sadr", "taq", "sol", "kdp", "fatah"])
    all_mwc = list(minimal_winning_coalitions(g))
    # by hand: 73+17, 37+33+31, 73+31, 73+33, 73+37 (sorted by seats 90, 101, 104, 106, 110)
    assert all_mwc == [(0, 4), (1, 2, 3), (0, 3), (0, 2), (0, 1)]
    assert list(minimal_winning_coalitions(g, include=["sadr"], max_size=2)) == [
        (0, 4),
        (0, 3),
        (0, 2),
        (0, 1),
    ]
    assert list(minimal_winning_coalitions(g, exclude="sadr")) == [(1, 2, 3)]
    with pytest.raises(ValidationError, match="both included and excluded"):
        list(minimal_winning_coalitions(g, include=[0], exclude=["sadr"]))
    with pytest.raises(ValidationError, match="include: unknown player 'x'"):
        list(minimal_winning_coalitions(g, include=["x"]))


def test_blocking_third():
    # 329 seats, quorum 220: the blocking third needs 110 seats.
    g = WeightedGame([73, 100, 100, 56], 220)
    blocks = list(minimal_blocking_coalitions(g))
    # by hand: no party alone has 110, every pair has: all six pairs, by seats
    assert blocks == [(0, 3), (1, 3), (2, 3), (0, 1), (0, 2), (1, 2)]


def test_simple_game_filters():
    g = SimpleGame([[0, 1], [0, 2], [1, 2, 3]], 4)
    assert list(minimal_winning_coalitions(g)) == [(0, 1), (0, 2), (1, 2, 3)]
    assert list(minimal_winning_coalitions(g, exclude=[0])) == [(1, 2, 3)]
    # blocking sets meet every minimal winning coalition: {0,1}, {0,2}, {0,3}, {1,2}
    assert list(minimal_blocking_coalitions(g)) == [(0, 1), (0, 2), (0, 3), (1, 2)]
    assert list(minimal_winning_coalitions(blocking_game(g), include=[3])) == [(0, 3)]


def test_output_sensitive_on_large_game():
    # 329 single MPs: the minimal winning coalitions are all C(329,165) sets of 165; a
    # generator must produce the first few without enumerating them all.
    g = WeightedGame([1] * 329, 165)
    it = minimal_winning_coalitions(g)
    first = [next(it) for _ in range(3)]
    assert all(len(c) == 165 for c in first) and len(set(first)) == 3
