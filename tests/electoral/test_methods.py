"""Seat-allocation methods: published worked examples, oracles and invariants."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.electoral import (
    METHODS,
    allocate_seats,
    dhondt,
    divisor_method,
    divisor_rule,
    sainte_lague,
)
from majlis.errors import InfeasibleQuotaError, UnknownMethodError, ValidationError
from tests.electoral.reference import ref_divisor, ref_droop, ref_hare, ref_lr_general, ref_sntv

DIVISORS = ["dhondt", "sainte-lague", "imperiali", "danish", "huntington-hill", "adams"]

# ---------------------------------------------------------------- worked examples
# Votes 100,000 / 80,000 / 30,000 / 20,000 and 8 seats: the example used by the Wikipedia
# articles "D'Hondt method" and "Sainte-Laguë method"; every expected value below was
# computed by hand from the quotient table (see comments).
WIKI = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}


@pytest.mark.parametrize(
    "method, first, expected",
    [
        # 100,80,50,40,33.3,30,26.7,25 (k votes)
        ("dhondt", None, [4, 3, 1, 0]),
        # 100,80,33.3,30,26.7,20,20,16
        ("sainte-lague", None, [3, 3, 1, 1]),
        # /1.4: 71.4,57.1,33.3,26.7,21.4,20,16, then an exact tie for the 8th seat:
        # A 100000/7 == D 20000/1.4 -> "votes" tie-break gives it to A
        ("sainte-lague", "1.4", [4, 3, 1, 0]),
        # /1.7: 58.8,47.1,33.3,26.7,20,17.6,16,14.3
        ("sainte-lague", "1.7", [4, 3, 1, 0]),
        # /2,3,4: 50,40,33.3,26.7,25,20,20,16.7
        ("imperiali", None, [5, 3, 0, 0]),
        # /1,4,7: 100,80,30,25,20,20,14.3,11.4
        ("danish", None, [3, 3, 1, 1]),
        # everyone 1, then /sqrt2, /sqrt6: 70.7,56.6,40.8,32.7
        ("huntington-hill", None, [3, 3, 1, 1]),
        ("adams", None, [3, 3, 1, 1]),
    ],
)
def test_worked_example(method, first, expected):
    got = allocate_seats(WIKI, 8, method, first_divisor=first)
    assert list(got.values()) == expected


def test_sainte_lague_nordic_vs_iraq_diverge():
    # A 10,000, B 3,000, 3 seats (quotients by hand):
    #   pure (1, 3, 5):  A 10000, 3333, 2000;  B 3000, 1000   -> A 10000, A 3333, B 3000: [2, 1]
    #   Nordic (1.4):    A 7142.9, 3333, 2000; B 2142.9, 1000 -> A, A, B 2142.9:         [2, 1]
    #   Iraq (1.7):      A 5882.4, 3333, 2000; B 1764.7, 1000 -> A, A, A 2000 > 1764.7:  [3, 0]
    votes = [10_000, 3_000]
    pure = sainte_lague(votes, 3)
    nordic = sainte_lague(votes, 3, first_divisor=1.4)
    iraq = sainte_lague(votes, 3, first_divisor="1.7")
    assert pure == nordic == [2, 1]
    assert iraq == [3, 0]
    assert nordic != iraq  # the first divisor alone decides B's seat
    # with 4 seats all three agree again: A's 4th quotient (1429 or 1428.6) < B's first
    assert sainte_lague(votes, 4, first_divisor=Fraction(17, 10)) == [3, 1]


def test_largest_remainder_wikipedia():
    # Wikipedia "Largest remainder method" example (100,000 votes, 10 seats).
    v = [47_000, 16_000, 15_800, 12_000, 6_100, 3_100]
    assert allocate_seats(v, 10, "hare") == [5, 2, 1, 1, 1, 0]
    assert allocate_seats(v, 10, "droop") == [5, 2, 2, 1, 0, 0]


def test_alabama_paradox_hare():
    # Hamilton is not house-monotone (the Alabama paradox). Hand check, votes 6, 6, 2 (V=14):
    # S=10: quotas 4.29, 4.29, 1.43 -> floors 4,4,1 + C -> [4,4,2];
    # S=11: quotas 4.71, 4.71, 1.57 -> floors 4,4,1 + A, B -> [5,5,1]: C loses a seat.
    assert allocate_seats([6, 6, 2], 10, "hare") == [4, 4, 2]
    assert allocate_seats([6, 6, 2], 11, "hare") == [5, 5, 1]


def test_ties_documented_rule_and_lot():
    # exact tie A 600/3 == B 200/1 for the 3rd seat under D'Hondt? A: 600,300,200; B: 200
    # 3 seats: 600A,300A, then 200 (A k=2) vs 200 (B k=0): A has more votes -> A
    assert dhondt([600, 200], 3) == [3, 0]
    assert dhondt([600, 200], 3, tie_break="order") == [3, 0]
    assert dhondt([200, 600], 3, tie_break="order") == [1, 2]
    # equal votes: earlier list wins under "votes"
    assert dhondt([100, 100], 1) == [1, 0]
    lots = {tuple(dhondt([100, 100], 1, tie_break="lot", seed=s)) for s in range(20)}
    assert lots == {(1, 0), (0, 1)}
    assert dhondt([100, 100], 1, tie_break="lot", seed=3) == dhondt(
        [100, 100], 1, tie_break="lot", seed=3
    )


def test_float_first_divisor_is_read_as_decimal():
    # 1.7 as a binary float is 1.69999999999999995559...; read exactly as 17/10, seat 2 is
    # an exact tie between A's first quotient 170/1.7 = 100 and B's second 300/3 = 100:
    # "votes" gives it to B (300 votes), "order" to A (listed first).
    assert sainte_lague({"A": 170, "B": 300}, 2, first_divisor=1.7) == {"A": 0, "B": 2}
    assert sainte_lague({"A": 170, "B": 300}, 2, first_divisor=1.7, tie_break="order") == {
        "A": 1,
        "B": 1,
    }
    assert sainte_lague({"A": 170, "B": 299}, 2, first_divisor=1.7) == {"A": 1, "B": 1}
    assert sainte_lague({"A": 170, "B": 301}, 2, first_divisor=1.7) == {"A": 0, "B": 2}


def test_threshold():
    v = {"A": 50, "B": 30, "C": 15, "D": 5}  # D has exactly 5 %
    # D passes (5 % >= 5 %). D'Hondt: quotients above 5 give A 9, B 5, C 2, D 0 (16 seats); the
    # four quotients equal to 5 (A's 10th, B's 6th, C's 3rd, D's 1st) fill seats 17-20
    assert allocate_seats(v, 20, "dhondt", threshold=0.05) == {"A": 10, "B": 6, "C": 3, "D": 1}
    assert allocate_seats(v, 20, "sainte-lague", threshold="0.051")["D"] == 0
    assert allocate_seats(v, 20, "sainte-lague", threshold=0.05)["D"] == 1  # 5 % passes (>=)
    with pytest.raises(InfeasibleQuotaError):
        allocate_seats(v, 20, "dhondt", threshold=0.6)


def test_generic_divisor_method_matches_named():
    assert divisor_method(WIKI, 8, lambda k: 2 * k + 1) == allocate_seats(WIKI, 8, "sainte-lague")
    assert divisor_method(WIKI, 8, ["1.7", 3, 5, 7, 9, 11, 13, 15]) == sainte_lague(
        WIKI, 8, first_divisor=1.7
    )


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: allocate_seats({"A": -1, "B": 5}, 3), ValidationError),
        (lambda: allocate_seats({"A": 1.5, "B": 5}, 3), ValidationError),
        (lambda: allocate_seats({"A": True}, 3), ValidationError),
        (lambda: allocate_seats({"A": 10}, 0), ValidationError),
        (lambda: allocate_seats({"A": 10}, 2.0), ValidationError),
        (lambda: allocate_seats({}, 3), ValidationError),
        (lambda: allocate_seats([], 3), ValidationError),
        (lambda: allocate_seats([("A", 1), ("A", 2)], 3), ValidationError),
        (lambda: allocate_seats([0, 0], 3), ValidationError),
        (lambda: allocate_seats([10, 5], 3, "borda"), UnknownMethodError),
        (lambda: allocate_seats([10, 5], 3, "hare", first_divisor=1.7), ValidationError),
        (lambda: allocate_seats([10, 5], 3, "sainte-lague", first_divisor=0), ValidationError),
        (lambda: allocate_seats([10, 5], 3, "sainte-lague", first_divisor=3.5), ValidationError),
        (lambda: allocate_seats([10, 5], 3, "sainte-lague", first_divisor="x"), ValidationError),
        (lambda: allocate_seats([10, 5], 3, tie_break="coin"), ValidationError),
        (lambda: allocate_seats([10, 5], 3, threshold=2), ValidationError),
        (lambda: allocate_seats([10, 5], 3, "sntv"), InfeasibleQuotaError),
    ],
)
def test_bad_input(call, error):
    with pytest.raises(error) as exc:
        call()
    msg = str(exc.value)
    assert msg and "\n" not in msg
    assert isinstance(exc.value, ValueError)


def test_registry_ids():
    assert {
        "dhondt",
        "sainte-lague",
        "imperiali",
        "danish",
        "huntington-hill",
        "adams",
        "hare",
        "droop",
        "sntv",
    } <= set(METHODS)


def test_divisor_rule_values():
    hh = divisor_rule("huntington-hill")
    assert [hh(k) for k in range(4)] == [0, 2, 6, 12]
    assert [divisor_rule("danish")(k) for k in range(4)] == [1, 4, 7, 10]


# ---------------------------------------------------------------- properties
votes_st = st.lists(st.integers(0, 5_000), min_size=1, max_size=8).filter(lambda v: sum(v) > 0)
seats_st = st.integers(1, 40)
FIRSTS = [None, Fraction(7, 5), Fraction(17, 10)]


@settings(max_examples=150, deadline=None)
@given(votes_st, seats_st, st.sampled_from(DIVISORS), st.sampled_from(FIRSTS))
def test_divisor_agrees_with_reference(votes, seats, method, first):
    if method not in ("dhondt", "sainte-lague", "imperiali", "danish"):
        first = None
    expected = ref_divisor(votes, seats, method, first)
    assert allocate_seats(votes, seats, method, first_divisor=first) == expected
    assert sum(expected) == seats


@settings(max_examples=150, deadline=None)
@given(votes_st, seats_st)
def test_quota_methods_agree_with_reference(votes, seats):
    assert allocate_seats(votes, seats, "hare") == ref_hare(votes, seats)
    assert allocate_seats(votes, seats, "droop") == ref_droop(votes, seats)
    assert allocate_seats(votes, seats, "hagenbach-bischoff") == ref_lr_general(votes, seats, 1)
    assert allocate_seats(votes, seats, "imperiali-quota") == ref_lr_general(votes, seats, 2)


@settings(max_examples=100, deadline=None)
@given(
    votes_st, seats_st, st.sampled_from(["hare", "droop", "hagenbach-bischoff", "imperiali-quota"])
)
def test_seats_sum_and_hare_quota(votes, seats, method):
    got = allocate_seats(votes, seats, method)
    assert sum(got) == seats and min(got) >= 0
    if method == "hare":  # satisfies quota: floor(q) <= s <= ceil(q), q = v S / V
        total = sum(votes)
        for v, s in zip(votes, got):
            assert v * seats // total <= s <= -(-v * seats // total)


@settings(max_examples=100, deadline=None)
@given(votes_st, st.integers(1, 30), st.sampled_from(DIVISORS))
def test_house_monotone(votes, seats, method):
    a = allocate_seats(votes, seats, method)
    b = allocate_seats(votes, seats + 1, method)
    assert all(y >= x for x, y in zip(a, b))


@settings(max_examples=100, deadline=None)
@given(votes_st, seats_st, st.sampled_from(DIVISORS), st.data())
def test_vote_monotone(votes, seats, method, data):
    i = data.draw(st.integers(0, len(votes) - 1))
    extra = data.draw(st.integers(1, 3_000))
    more = list(votes)
    more[i] += extra
    assert allocate_seats(more, seats, method)[i] >= allocate_seats(votes, seats, method)[i]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=10), st.data())
def test_sntv_is_top_k(votes, data):
    k = data.draw(st.integers(1, len(votes)))
    if sum(votes) == 0:
        return
    got = allocate_seats(votes, k, "sntv")
    assert got == ref_sntv(votes, k)
    winners = [v for v, s in zip(votes, got) if s]
    losers = [v for v, s in zip(votes, got) if not s]
    assert not losers or min(winners) >= max(losers)


@settings(max_examples=100, deadline=None)
@given(
    votes_st,
    seats_st,
    st.sampled_from(DIVISORS + ["hare", "droop"]),
    st.sampled_from([Fraction(1, 20), Fraction(1, 10), Fraction(1, 4)]),
)
def test_threshold_respected(votes, seats, method, t):
    total = sum(votes)
    if not any(v * t.denominator >= t.numerator * total and v > 0 for v in votes):
        with pytest.raises(InfeasibleQuotaError):
            allocate_seats(votes, seats, method, threshold=t)
        return
    got = allocate_seats(votes, seats, method, threshold=t)
    assert sum(got) == seats
    for v, s in zip(votes, got):
        if v * t.denominator < t.numerator * total:
            assert s == 0
    # same as allocating among the survivors only
    kept = [v if v * t.denominator >= t.numerator * total else 0 for v in votes]
    assert got == allocate_seats(kept, seats, method)


def test_mapping_and_numpy_inputs():
    np = pytest.importorskip("numpy")
    assert allocate_seats(np.array([100, 80, 30, 20]), 8) == [4, 3, 1, 0]
    assert allocate_seats([("A", 100), ("B", 80)], 3) == {"A": 2, "B": 1}


def test_numpy_scalars_and_non_finite_votes():
    np = pytest.importorskip("numpy")
    assert sainte_lague([100, 80], 3, first_divisor=np.float64(1.7)) == sainte_lague(
        [100, 80], 3, first_divisor="1.7"
    )
    assert allocate_seats([5.0, 3.0], 2) == [1, 1]
    for bad in (float("nan"), float("inf"), 2.5):
        with pytest.raises(ValidationError):
            allocate_seats([bad, 3], 2)


# Large houses: divisor methods start from a quota estimate (time grows with lists, not seats)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 40), min_size=1, max_size=6).filter(any),
    st.integers(2049, 4000),
    st.sampled_from(DIVISORS),
    st.sampled_from(FIRSTS),
)
def test_large_houses_agree_with_reference(votes, seats, method, first):
    # small vote counts make many exact ties at the level where the estimate stops
    if first is not None and method not in ("sainte-lague", "dhondt"):
        first = None
    got = allocate_seats(votes, seats, method, first_divisor=first)
    assert got == ref_divisor(votes, seats, method, None if first is None else Fraction(first))


def test_a_trillion_seats_by_hand():
    # D'Hondt with 1 and 2 votes: every level gives B twice A's seats, 999,999,999,999 = 3 x 333,333,333,333
    assert allocate_seats({"A": 1, "B": 2}, 999_999_999_999, "dhondt") == {
        "A": 333_333_333_333,
        "B": 666_666_666_666,
    }
    # Imperiali (divisors k + 2): A wins ceil(1/L) - 2 seats and B ceil(2/L) - 2 above a level L,
    # so B = 2 A + 2 at the last seat: 3 A + 2 = 999,999,999,999 has no whole solution and the
    # last seat goes by the tie rule to B (more votes): A = 333,333,333,332, B = 666,666,666,667
    assert allocate_seats({"A": 1, "B": 2}, 999_999_999_999, "imperiali") == {
        "A": 333_333_333_332,
        "B": 666_666_666_667,
    }


def test_seat_limit_is_documented_and_refused():
    from majlis.errors import TooLargeError
    from majlis.limits import MAX_SEATS

    assert allocate_seats([1, 2], MAX_SEATS, "sainte-lague")[1] > 0
    with pytest.raises(TooLargeError, match="at most 1,000,000,000,000,000 seats"):
        allocate_seats([1, 2], MAX_SEATS + 1, "dhondt")
