"""Every power index against the brute-force reference, plus published values and axioms."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from majlis.errors import UnknownMethodError, ValidationError
from majlis.games import (
    POWER_INDICES,
    SimpleGame,
    WeightedGame,
    banzhaf,
    banzhaf_raw,
    coleman_initiate,
    coleman_prevent,
    deegan_packel,
    holler_packel,
    johnston,
    penrose,
    power_index,
    shapley_shubik,
)
from tests.games import reference as ref

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def single_games(draw, max_n=10, max_w=12):
    n = draw(st.integers(1, max_n))
    w = draw(st.lists(st.integers(0, max_w), min_size=n, max_size=n))
    if sum(w) == 0:
        w[0] = 1
    q = draw(st.integers(1, sum(w)))
    return w, q


@st.composite
def multi_games(draw, max_n=8):
    n = draw(st.integers(1, max_n))
    k = draw(st.integers(1, 3))
    vecs = []
    for _ in range(k):
        v = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
        if sum(v) == 0:
            v[0] = 1
        vecs.append(v)
    qs = [draw(st.integers(1, sum(v))) for v in vecs]
    bmm = draw(st.one_of(st.none(), st.integers(1, n)))
    return vecs, qs, bmm


def _all_indices(game, wins, n):
    cp, ci = ref.ref_coleman(wins, n)
    assert banzhaf_raw(game) == ref.swings(wins, n)
    assert banzhaf(game) == ref.ref_banzhaf(wins, n)
    assert penrose(game) == ref.ref_penrose(wins, n)
    assert shapley_shubik(game) == ref.ref_shapley_shubik(wins, n)
    assert holler_packel(game) == ref.ref_holler_packel(wins, n)
    assert deegan_packel(game) == ref.ref_deegan_packel(wins, n)
    assert johnston(game) == ref.ref_johnston(wins, n)
    assert coleman_prevent(game) == cp
    assert coleman_initiate(game) == ci


@SETTINGS
@given(single_games())
def test_single_quota_matches_brute_force(wq):
    w, q = wq
    _all_indices(WeightedGame(w, q), ref.weighted_predicate(w, q), len(w))


@SETTINGS
@given(single_games(max_n=12, max_w=4))
def test_many_equal_weights_match_brute_force(wq):
    # few distinct weights: the class-grouping code paths with large multiplicities
    w, q = wq
    game = WeightedGame(w, q)
    wins = ref.weighted_predicate(w, q)
    assert banzhaf_raw(game) == ref.swings(wins, len(w))
    assert shapley_shubik(game) == ref.ref_shapley_shubik(wins, len(w))
    assert johnston(game) == ref.ref_johnston(wins, len(w))
    assert deegan_packel(game) == ref.ref_deegan_packel(wins, len(w))


@SETTINGS
@given(multi_games())
def test_multi_quota_and_blocking_clause_match_brute_force(g):
    vecs, qs, bmm = g
    game = WeightedGame(vecs, qs, bmm)
    _all_indices(game, ref.weighted_predicate(vecs, qs, bmm), len(vecs[0]))


@SETTINGS
@given(multi_games(max_n=7))
def test_dual_games_match_brute_force(g):
    vecs, qs, bmm = g
    game = WeightedGame(vecs, qs, bmm)
    n = len(vecs[0])
    _all_indices(game.dual(), ref.dual_predicate(ref.weighted_predicate(vecs, qs, bmm), n), n)


@SETTINGS
@given(single_games(max_n=8))
def test_simple_game_from_minimal_winning_coalitions(wq):
    w, q = wq
    n = len(w)
    wins = ref.weighted_predicate(w, q)
    mw = ref.minimal_winning(wins, n)
    _all_indices(SimpleGame([sorted(s) for s in mw], n), wins, n)


@SETTINGS
@given(single_games(max_n=9))
def test_axioms(wq):
    w, q = wq
    game = WeightedGame(w, q)
    n = len(w)
    wins = ref.weighted_predicate(w, q)
    ss, bz = shapley_shubik(game), banzhaf(game)
    assert sum(ss) == 1 and sum(bz) == 1  # efficiency (normalised indices)
    for fn in (holler_packel, deegan_packel, johnston):
        assert sum(fn(game)) == 1
    for i in range(n):  # null players get zero
        if all(wins(s | {i}) == wins(s) for s in ref.subsets(set(range(n)) - {i})):
            for fn in (shapley_shubik, banzhaf, penrose, holler_packel, deegan_packel, johnston):
                assert fn(game)[i] == 0
    for i in range(n):  # equal weights -> equal power (symmetry)
        for j in range(n):
            if w[i] == w[j]:
                assert ss[i] == ss[j] and bz[i] == bz[j]
    # monotonicity in weight (local monotonicity of weighted games)
    for i in range(n):
        for j in range(n):
            if w[i] >= w[j]:
                assert ss[i] >= ss[j] and bz[i] >= bz[j]


# ------------------------------------------------------------------ published values
def test_eec_1958_council():
    # EEC Council of Ministers 1958: France, Germany, Italy 4; Belgium, Netherlands 2;
    # Luxembourg 1; quota 12 of 17. Felsenthal & Machover, The Measurement of Voting
    # Power (1998), p. 164: Shapley-Shubik 14/60 (x3), 9/60 (x2), 0; Banzhaf swings 10,
    # 10, 10, 6, 6, 0 (normalised 5/21, 3/21, 0): Luxembourg is a dummy.
    g = WeightedGame([4, 4, 4, 2, 2, 1], 12)
    F = Fraction
    assert shapley_shubik(g) == [F(14, 60)] * 3 + [F(9, 60)] * 2 + [F(0)]
    assert banzhaf_raw(g) == [10, 10, 10, 6, 6, 0]
    assert banzhaf(g) == [F(5, 21)] * 3 + [F(3, 21)] * 2 + [F(0)]
    # second method: the literal definitions
    wins = ref.weighted_predicate([4, 4, 4, 2, 2, 1], 12)
    assert ref.ref_shapley_shubik(wins, 6) == shapley_shubik(g)
    assert ref.swings(wins, 6) == [10, 10, 10, 6, 6, 0]


def test_nassau_county_board_1964():
    # Banzhaf (1965), Rutgers Law Review 19: Nassau County Board of Supervisors,
    # weights 31, 31, 28, 21, 2, 2, quota 58 of 115: North Hempstead, Glen Cove and
    # Long Beach are dummies; the other three have power 1/3 each. By hand: any two of
    # 31, 31, 28 reach 58, and 21 + 2 + 2 + 31 = 56 < 58.
    g = WeightedGame([31, 31, 28, 21, 2, 2], 58)
    third = Fraction(1, 3)
    assert banzhaf(g) == [third, third, third, 0, 0, 0]
    assert shapley_shubik(g) == [third, third, third, 0, 0, 0]


def test_un_security_council():
    # 5 permanent members with a veto and 10 elected; 9 votes needed. As a weighted game
    # [39; 7 x5, 1 x10]. Shapley-Shubik 421/2145 ~ 0.1963 and 4/2145 ~ 0.00186 (Straffin,
    # Game Theory and Strategy, 1993, ch. 10). By hand: an elected member is pivotal when
    # it comes 9th after all 5 permanent and 3 of the 9 other elected:
    # C(9,3) 8! 6! / 15! = 4/2145. Swings: elected C(9,3) = 84; permanent: the other 4
    # permanent and at least 4 of 10 elected: 2^10 - (1 + 10 + 45 + 120) = 848.
    g = WeightedGame([7] * 5 + [1] * 10, 39)
    ss = shapley_shubik(g)
    assert ss[:5] == [Fraction(421, 2145)] * 5 and ss[5:] == [Fraction(4, 2145)] * 10
    assert banzhaf_raw(g) == [848] * 5 + [84] * 10
    # the same council as a two-quota game: 9 members, including all 5 permanent
    two = WeightedGame([[1] * 15, [1] * 5 + [0] * 10], [9, 5])
    assert shapley_shubik(two) == ss
    assert banzhaf_raw(two) == [848] * 5 + [84] * 10


def test_textbook_mwc_indices_by_hand():
    # [5; 3, 2, 2, 1]: minimal winning coalitions {0,1}, {0,2}, {1,2,3}.
    g = WeightedGame([3, 2, 2, 1], 5)
    F = Fraction
    assert holler_packel(g) == [F(2, 7), F(2, 7), F(2, 7), F(1, 7)]
    # DP: (1/2+1/2)/3, (1/2+1/3)/3, ..., (1/3)/3
    assert deegan_packel(g) == [F(1, 3), F(5, 18), F(5, 18), F(1, 9)]
    # [3; 2, 1, 1]: winning {0,1}, {0,2} (both members critical), {0,1,2} (0 alone
    # critical): Johnston 2, 1/2, 1/2 -> 2/3, 1/6, 1/6 (Felsenthal & Machover 1998, §6.3).
    assert johnston(WeightedGame([2, 1, 1], 3)) == [F(2, 3), F(1, 6), F(1, 6)]


def test_large_games_are_exact_and_symmetric():
    # 329 single MPs at 165: every MP has 1/329 (symmetry + efficiency); swings are
    # C(328, 164) (the MP is pivotal when exactly 164 others vote yes).
    from math import comb

    g = WeightedGame([1] * 329, 165)
    assert banzhaf_raw(g) == [comb(328, 164)] * 329
    assert shapley_shubik(g) == [Fraction(1, 329)] * 329


def test_registry():
    for key in [
        "banzhaf",
        "banzhaf-raw",
        "penrose",
        "shapley-shubik",
        "holler-packel",
        "deegan-packel",
        "johnston",
        "coleman-prevent",
        "coleman-initiate",
        "owen",
        "banzhaf-owen",
    ]:
        assert callable(power_index(key))
    assert set(POWER_INDICES) >= {"banzhaf", "owen"}
    with pytest.raises(UnknownMethodError, match="'shapely'"):
        power_index("shapely")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(12, 14), st.data())
def test_larger_games_up_to_14_players(n, data):
    w = data.draw(st.lists(st.integers(1, 30), min_size=n, max_size=n))
    q = data.draw(st.integers(1, sum(w)))
    g = WeightedGame(w, q)
    wins = ref.weighted_predicate(w, q)
    assert banzhaf_raw(g) == ref.swings(wins, n)
    assert shapley_shubik(g) == ref.ref_shapley_shubik(wins, n)
    assert holler_packel(g) == ref.ref_holler_packel(wins, n)


def test_common_factor_and_limits():
    from majlis.errors import MajlisError

    # weights with a common factor: the same game as the reduced one
    assert shapley_shubik(WeightedGame([40, 40, 20], 61)) == shapley_shubik(
        WeightedGame([2, 2, 1], 4)
    )
    # a game given by minimal winning coalitions is enumerated, with a clear limit
    big = SimpleGame([[0, 1], [22, 23]], 24)
    with pytest.raises(MajlisError, match="2\\^24 coalitions"):
        banzhaf(big)
    # a weighted game whose exact generating function would be enormous
    with pytest.raises(MajlisError, match="MiB"):
        shapley_shubik(WeightedGame([10**9 + 1, 10**9, 3] + [1] * 40, 10**9 + 7))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(multi_games(max_n=7))
def test_capped_state_dp_fallback(g):
    # the dictionary DP used when the multi-quota table would be too large
    from majlis.games import _counting

    vecs, qs, bmm = g
    game = WeightedGame(vecs, qs, bmm)
    wins = ref.weighted_predicate(vecs, qs, bmm)
    n = len(vecs[0])
    old = _counting.MAX_CELLS
    _counting.MAX_CELLS = 0
    try:
        assert banzhaf_raw(game) == ref.swings(wins, n)
        assert shapley_shubik(game) == ref.ref_shapley_shubik(wins, n)
        assert coleman_prevent(game) == ref.ref_coleman(wins, n)[0]
    finally:
        _counting.MAX_CELLS = old


def test_eu_lisbon_style_game_is_fast_and_consistent():
    # 27 members, 55% of members (15) and 65% of population, blocking minority >= 4
    # members (TEU art. 16(4)); populations (millions, Eurostat 1 Jan 2023, rounded).
    pop = [
        84,
        68,
        59,
        48,
        38,
        19,
        18,
        12,
        11,
        10,
        10,
        10,
        10,
        8,
        6,
        6,
        6,
        6,
        6,
        4,
        4,
        3,
        2,
        1,
        1,
        1,
        1,
    ]
    g = WeightedGame([[1] * 27, pop], [15, -(-65 * sum(pop) // 100)], blocking_min_members=4)
    ss, bz = shapley_shubik(g), banzhaf(g)
    assert sum(ss) == 1 and sum(bz) == 1
    assert ss == sorted(ss, reverse=True)  # more population, more power
    # the dual game has the same swings (Felsenthal & Machover 1998, §3.3)
    assert banzhaf_raw(g.dual()) == banzhaf_raw(g)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(multi_games(max_n=7))
def test_multi_quota_generating_function_engine(g):
    # the packed multi-dimensional generating function, forced even for small games
    from math import factorial

    from majlis.games._counting import _multi_swings

    vecs, qs, bmm = g
    game = WeightedGame(vecs, qs, bmm)
    n = len(vecs[0])
    wins = ref.weighted_predicate(vecs, qs, bmm)
    prof = _multi_swings(game, force=True)
    assert prof.swings == ref.swings(wins, n)
    assert prof.winning == len(ref.winning_coalitions(wins, n))
    ss = [
        Fraction(
            sum(factorial(s) * factorial(n - 1 - s) * c for s, c in enumerate(sizes)), factorial(n)
        )
        for sizes in prof.by_size
    ]
    assert ss == ref.ref_shapley_shubik(wins, n)


def test_published_mwc_based_indices():
    # Holler & Illing, Einfuehrung in die Spieltheorie (6th ed., 2006), §6.3.3-6.3.4, and
    # Holler, "Public Goods index", Encyclopedia of Power (2011): [51; 35, 20, 15, 15, 15]
    # (the paradox of weighted voting: the 20 gets less than each 15). Public good index
    # 16/60, 8/60, 12/60 x3; Deegan-Packel 18/60, 9/60, 11/60 x3 (values also in the R
    # package CoopGame's documentation and tests).
    F = Fraction
    g = WeightedGame([35, 20, 15, 15, 15], 51)
    assert holler_packel(g) == [F(16, 60), F(8, 60)] + [F(12, 60)] * 3
    assert deegan_packel(g) == [F(18, 60), F(9, 60)] + [F(11, 60)] * 3
    wins = ref.weighted_predicate([35, 20, 15, 15, 15], 51)  # second method
    assert ref.ref_holler_packel(wins, 5) == holler_packel(g)
    assert ref.ref_deegan_packel(wins, 5) == deegan_packel(g)
    # CoopGame tests (RUSER 2017): [315; 309, 193, 63, 64] public good index 3/9, 2/9 x3
    assert holler_packel(WeightedGame([309, 193, 63, 64], 315)) == [F(3, 9)] + [F(2, 9)] * 3
    # Johnston: Chakravarty, Mitra & Sarkar, A Course on Cooperative Game Theory (2015),
    # p. 124, via CoopGame: [4; 3, 2, 1] -> 2/3, 1/6, 1/6; further CoopGame test games.
    for w, q, expected in [
        ([3, 2, 1], 4, [F(2, 3), F(1, 6), F(1, 6)]),
        ([5, 3, 1], 8, [F(1, 2), F(1, 2), F(0)]),
        ([8, 8, 1], 9, [F(1, 3)] * 3),
        ([7, 3, 3], 10, [F(2, 3), F(1, 6), F(1, 6)]),
        ([8, 4, 1], 10, [F(1, 2), F(1, 2), F(0)]),
    ]:
        assert johnston(WeightedGame(w, q)) == expected
        assert ref.ref_johnston(ref.weighted_predicate(w, q), len(w)) == expected


def test_registry_records_one_home():
    from majlis.games import IndexInfo, power_index

    info = power_index("owen")
    assert isinstance(info, IndexInfo) and info.needs_unions and info.cost == "unions"
    assert power_index("shapley-shubik").cost == "swings-by-size"
    assert not power_index("banzhaf").needs_unions
    g = WeightedGame([2, 1, 1], 3)
    assert POWER_INDICES["banzhaf"](g) == banzhaf(g)  # a record calls its function
    with pytest.raises(ValidationError, match="unions apply to banzhaf-owen, owen"):
        info_b = power_index("banzhaf")
        info_b.compute(g, [[0, 1]])


def test_cli_help_lists_every_registered_index():
    from majlis.cli.power import _INDICES

    assert sorted(x.strip() for x in _INDICES.split(",")) == sorted(POWER_INDICES)
