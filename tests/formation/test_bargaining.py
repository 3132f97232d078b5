"""Baron–Ferejohn: closed forms, hand-derived equilibria, an independent brute-force check of
every certified result, limits, and the Iraq reports."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.data import load_dataset
from majlis.errors import InfeasibleQuotaError, TooLargeError, ValidationError
from majlis.formation.bargaining import (
    MAX_PLAYERS,
    MAX_SYMMETRIC_PLAYERS,
    BargainingResult,
    bargaining_report,
    baron_ferejohn,
)

D = Fraction(9, 10)


def brute_force_check(r: BargainingResult) -> None:
    """Check an exact result from scratch: every subset of partners is tried (not only minimal
    ones), the proposals are cheapest and sum to one, and each value equation holds."""
    assert r.exact
    n, v, p, d = len(r.players), r.payoffs, r.recognition, r.delta
    idx = {name: i for i, name in enumerate(r.players)}
    assert sum(v) == 1
    incl = [Fraction(0)] * n
    for k in range(n):
        others = [j for j in range(n) if j != k]
        cheapest = min(
            sum((v[j] for j in s), Fraction(0))
            for size in range(n)
            for s in itertools.combinations(others, size)
            if sum(r.weights[j] for j in s) + r.weights[k] >= r.quota
        )
        assert r.proposer_shares[k] == 1 - d * cheapest
        if not r.proposals:  # closed form: uniform mixing, checked through r.inclusion below
            continue
        mix = r.proposals[r.players[k]]
        assert sum(q for _, q in mix) == 1
        for partners, q in mix:
            members = [idx[x] for x in partners]
            assert sum(r.weights[j] for j in members) + r.weights[k] >= r.quota
            assert sum(v[j] for j in members) == cheapest  # a cheapest winning offer
            for j in members:
                incl[j] += p[k] * q
    if r.proposals:
        assert list(r.inclusion) == incl
    for i in range(n):
        assert v[i] == p[i] * r.proposer_shares[i] + d * v[i] * r.inclusion[i]


def test_three_player_majority_by_hand() -> None:
    # Baron & Ferejohn (1989): n = 3, any two win, equal recognition. By symmetry v_i = 1/3; the
    # proposer buys one partner at delta * 1/3 and keeps 1 - delta/3 = 1 - delta (n-1)/(2n).
    r = baron_ferejohn([1, 1, 1], 2, delta=D, recognition="equal")
    assert r.payoffs == (Fraction(1, 3),) * 3
    assert r.proposer_shares == (1 - D / 3,) * 3 == (1 - D * 2 / 6,) * 3
    assert r.inclusion == (Fraction(1, 3),) * 3  # picked by one of the two others, half the time


@pytest.mark.parametrize("n", [3, 5, 7])
def test_symmetric_closed_form_equals_the_general_solver(n: int) -> None:
    m = n // 2 + 1
    closed = baron_ferejohn([1] * n, m, delta=D, recognition="equal")
    assert closed.proposer_shares[0] == 1 - D * Fraction(n - 1, 2 * n)  # BF (1989)
    # the same game with the recognition given explicitly goes through the general solver
    general = baron_ferejohn([1] * n, m, delta=D, recognition=[Fraction(1, n)] * n)
    assert general.exact and general.payoffs == closed.payoffs
    assert general.proposer_shares == closed.proposer_shares
    brute_force_check(general)


def test_apex_game_by_hand() -> None:
    # Weights (2,1,1,1), quota 3: the apex A wins with any small player, the three smalls win
    # together. Guess v_A = 2 v_s (a small proposer is then indifferent between buying A and
    # buying the two other smalls) and v_A + 3 v_s = 1: v = (2/5, 1/5, 1/5, 1/5). A's value
    # equation 2/5 = 1/4 (1 - delta/5) + delta (2/5)(3/4) pi gives the share pi of small
    # proposers that buy A: pi = (3 + delta) / (6 delta) = 13/18 in [0, 1], so the guess holds.
    r = baron_ferejohn({"A": 2, "B": 1, "C": 1, "D": 1}, 3, delta=D, recognition="equal")
    assert r.payoffs == (Fraction(2, 5),) + (Fraction(1, 5),) * 3
    assert r.proposer_shares == (1 - D / 5,) + (1 - D * Fraction(2, 5),) * 3
    brute_force_check(r)


def test_veto_player_by_hand() -> None:
    # Weights (3,1,1,1), quota 4: A is in every winning coalition (a veto player). With
    # recognition by seats (1/2, 1/6, 1/6, 1/6): v_A = 1/2 (1 - d v_s) + d v_A (1/2) and
    # v_s = 1/6 (1 - d v_A) + d v_s (1/2)(1/3); the solution is v_A = 7/8, v_s = 1/24.
    r = baron_ferejohn([3, 1, 1, 1], 4, delta=D, recognition="seats")
    va, vs = Fraction(7, 8), Fraction(1, 24)
    assert va == Fraction(1, 2) * (1 - D * vs) + D * va / 2
    assert vs == Fraction(1, 6) * (1 - D * va) + D * vs * Fraction(1, 6)
    assert r.payoffs == (va, vs, vs, vs)
    brute_force_check(r)


def test_heterogeneous_recognition_three_players() -> None:
    # any two of three win: the expected shares are equal whatever the recognition (by seats here)
    r = baron_ferejohn([40, 35, 25], 51, delta=D, recognition="seats")
    assert r.payoffs == (Fraction(1, 3),) * 3
    brute_force_check(r)


def test_homogeneous_game_shares_follow_its_minimal_weights() -> None:
    # (5,4,3,2,1) with quota 8 is the homogeneous game (3,2,2,1,1) with quota 5
    r = baron_ferejohn([5, 4, 3, 2, 1], 8, delta=D, recognition="seats")
    assert r.payoffs == tuple(Fraction(w, 9) for w in (3, 2, 2, 1, 1))
    brute_force_check(r)


def test_irrational_equilibrium_is_reported_as_an_approximation() -> None:
    # (40,30,20,10), quota 51: the indifferences leave one equation quadratic in v, so the
    # payoffs are not rational; the result says so and still satisfies the equations closely
    r = baron_ferejohn([40, 30, 20, 10], 51, delta=D, recognition="seats")
    assert not r.exact and "not certified" in r.notes[0]
    assert abs(sum(r.payoffs) - 1) < 1e-9
    v = r.payoffs
    assert abs(v[0] - (v[1] + v[3])) < 1e-7 and abs(v[1] - v[2]) < 1e-7  # the indifferences


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=9), min_size=2, max_size=5),
    st.sampled_from(["seats", "equal"]),
)
def test_certified_results_pass_the_brute_force_check(weights: list[int], rec: str) -> None:
    total = sum(weights)
    r = baron_ferejohn(weights, total // 2 + 1, delta=D, recognition=rec)
    if r.exact:
        brute_force_check(r)
    else:
        assert abs(sum(r.payoffs) - 1) < 1e-9


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (([1, 2], 1), {}, ValidationError, "not more than half"),
        (([1, 2], 4), {}, InfeasibleQuotaError, "exceeds"),
        (([0, 2], 2), {}, ValidationError, "positive whole number"),
        (([1, 2], 2.5), {}, ValidationError, "whole number"),
        (([1, 2, 3], 4), {"delta": 0}, ValidationError, "delta must lie"),
        (([1, 2, 3], 4), {"delta": "x"}, ValidationError, "number such as"),
        (([1, 2, 3], 4), {"delta": 1}, ValidationError, "only for symmetric"),
        (([1, 2, 3], 4), {"recognition": "lot"}, ValidationError, "seats', 'equal'"),
        (([1, 2, 3], 4), {"recognition": [1, 0, 0]}, ValidationError, "positive and sum to 1"),
        (([10**10, 1], 10**10), {}, TooLargeError, "at most 1,000,000,000"),
        (
            (list(range(1, MAX_PLAYERS + 2)), 100),
            {},
            TooLargeError,
            f"at most {MAX_PLAYERS} players",
        ),
        (([1] * (MAX_SYMMETRIC_PLAYERS + 1), 60_000), {}, TooLargeError, "symmetric game"),
    ],
)
def test_bad_input_and_limits(args, kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        baron_ferejohn(*args, **kwargs)


def test_large_symmetric_game_is_closed_form() -> None:
    r = baron_ferejohn([1] * 329, 165, delta=D, recognition="equal")
    assert r.exact and r.proposer_shares[0] == 1 - D * Fraction(164, 329)


DS = load_dataset("iraq")


def test_report_on_a_2022_coalition() -> None:
    core = "sol,taqaddum,kdp,fatah,kurdistan-alliance,nsf,azm"
    r = bargaining_report(DS, date="2022-10-27", coalition=core, recognition="equal")
    seats = DS.parliament(date="2022-10-27").seats
    total = sum(seats[p] for p in core.split(","))
    assert r.quota == 165 and r.cabinet == "sudani-2022"
    assert r.gamson == {p: Fraction(seats[p], total) for p in core.split(",")}
    assert r.result.exact
    brute_force_check(r.result)
    rows = {row["party"]: row for row in r.rows()}
    assert rows["sol"]["real"] == str(Fraction(3, 24))  # Oil, Youth and Sports, Agriculture
    assert r.to_dict()["exact"] is True


def test_report_picks_the_largest_parties_and_skips_older_cabinets() -> None:
    r = bargaining_report(DS, election=2025, min_seats=15)
    assert all(s >= 15 for s in r.result.weights)
    assert r.cabinet is None and "formed before the 2025 election" in r.notes[0]
    assert sum(r.dropped.values()) + sum(r.result.weights) == 329
    with pytest.raises(InfeasibleQuotaError, match="fewer than the majority"):
        bargaining_report(DS, election=2025, min_seats=40)
    with pytest.raises(ValidationError, match="min_seats"):
        bargaining_report(DS, election=2025, min_seats=0)
