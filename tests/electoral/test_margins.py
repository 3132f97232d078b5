"""Flip margins: hand-checked examples and brute-force scans over vote counts."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from majlis.electoral import allocate_seats
from majlis.electoral.margins import (
    flip_margins,
    last_seat,
    next_seat,
    votes_to_gain,
    votes_to_lose,
    votes_to_transfer,
)
from majlis.errors import InfeasibleQuotaError, UnknownIdError, ValidationError

DIVISORS = ["dhondt", "sainte-lague", "imperiali", "danish", "huntington-hill", "adams"]


def test_iraq_style_hand_example():
    # Sainte-Laguë 1.7, 5 seats, A 10,000 B 6,000 C 2,500.
    # quotients A: 5882.4, 3333.3, 2000, 1428.6; B: 3529.4, 2000, 1200; C: 1470.6, 833.3
    # seats: A 5882, B 3529, A 3333, A 2000 / B 2000 tie -> A (more votes) -> A 3, B 1 after 4,
    # 5th: B 2000 -> A 3, B 2, C 0. Last seat B's 2nd (2000); next: C 1470.6 vs A 1428.6 -> C.
    v = {"A": 10_000, "B": 6_000, "C": 2_500}
    assert allocate_seats(v, 5, "sainte-lague", first_divisor=1.7) == {"A": 3, "B": 2, "C": 0}
    ls = last_seat(v, 5, "sainte-lague", first_divisor=1.7)
    assert (ls.list, ls.seat, ls.quotient) == ("B", 2, Fraction(2000))
    ns = next_seat(v, 5, "sainte-lague", first_divisor=1.7)
    assert (ns.list, ns.seat, ns.quotient) == ("C", 1, Fraction(2500) / Fraction(17, 10))
    # C needs w / 1.7 > 2000 (B's 2nd; a tie at w = 3400 goes to B, more votes) -> w = 3401
    assert votes_to_gain(v, 5, "C", "sainte-lague", first_divisor=1.7) == 901
    # B keeps its 2nd seat while w / 3 beats C's 1470.6 (then A's 1428.6 is next): w >= 4412
    # (4411/3 = 1470.33 < 1470.59), so B loses it at 4411: a loss of 1589
    assert votes_to_lose(v, 5, "B", "sainte-lague", first_divisor=1.7) == 1589


def test_errors():
    v = {"A": 10, "B": 5}
    with pytest.raises(ValidationError):
        votes_to_gain(v, 3, "A", "hare")
    with pytest.raises(UnknownIdError):
        votes_to_gain(v, 3, "Z")
    with pytest.raises(ValidationError):
        votes_to_transfer(v, 3, "A", "A")
    assert votes_to_gain({"A": 10}, 3, "A") is None
    assert votes_to_lose(v, 1, "B") is None


small_votes = st.lists(st.integers(0, 60), min_size=2, max_size=4).filter(lambda v: sum(v) > 0)


THRESHOLDS = [None, Fraction(1, 10), Fraction(1, 4)]


def _seats(votes, seats, method, first=None, tb="votes", th=None):
    """The seat table's allocation; nobody passing the threshold (or no votes) is no seat."""
    if not any(votes):
        return [0] * len(votes)
    try:
        return allocate_seats(votes, seats, method, first_divisor=first, tie_break=tb, threshold=th)
    except InfeasibleQuotaError:
        return [0] * len(votes)


def _scan_gain(votes, seats, x, method, first, tb, th):
    base = _seats(votes, seats, method, first, tb, th)[x]
    for e in range(1, 5000):
        v = list(votes)
        v[x] += e
        if _seats(v, seats, method, first, tb, th)[x] > base:
            return e
    return None


def _starts(votes, seats, method, first, th) -> bool:
    try:
        allocate_seats(votes, seats, method, first_divisor=first, threshold=th)
    except InfeasibleQuotaError:
        return False
    return True


@settings(max_examples=120, deadline=None)
@given(
    small_votes,
    st.integers(1, 8),
    st.sampled_from(DIVISORS),
    st.sampled_from(["votes", "order"]),
    st.sampled_from(THRESHOLDS),
    st.data(),
)
def test_gain_and_lose_match_scans(votes, seats, method, tb, th, data):
    first = Fraction(17, 10) if method == "sainte-lague" else None
    assume(_starts(votes, seats, method, first, th))
    x = data.draw(st.integers(0, len(votes) - 1))
    table = _seats(votes, seats, method, first, tb, th)
    fm = flip_margins(votes, seats, method, first_divisor=first, tie_break=tb, threshold=th)
    # the flip table starts from the seat table's result
    assert [m.seats for m in fm.lists] == table
    base = table[x]
    gain = votes_to_gain(votes, seats, x, method, first_divisor=first, tie_break=tb, threshold=th)
    assert gain == fm.lists[x].votes_to_gain
    if base == seats:
        assert gain is None
    else:
        assert gain == _scan_gain(votes, seats, x, method, first, tb, th)
    lose = votes_to_lose(votes, seats, x, method, first_divisor=first, tie_break=tb, threshold=th)
    assert lose == fm.lists[x].votes_to_lose
    if base == 0:
        assert lose is None
    else:

        def seats_with(w):
            v = [*votes[:x], w, *votes[x + 1 :]]
            return _seats(v, seats, method, first, tb, th)[x]

        scan = next(loss for loss in range(1, votes[x] + 1) if seats_with(votes[x] - loss) < base)
        assert lose == scan


@settings(max_examples=80, deadline=None)
@given(
    small_votes,
    st.integers(1, 8),
    st.sampled_from(DIVISORS),
    st.sampled_from(THRESHOLDS),
    st.data(),
)
def test_transfer_matches_scan(votes, seats, method, th, data):
    assume(_starts(votes, seats, method, None, th))
    x = data.draw(st.integers(0, len(votes) - 1))
    y = data.draw(st.integers(0, len(votes) - 1).filter(lambda j: j != x))
    base = _seats(votes, seats, method, th=th)[y]
    scan = None
    for t in range(1, votes[x] + 1):
        v = list(votes)
        v[x] -= t
        v[y] += t
        if _seats(v, seats, method, th=th)[y] > base:
            scan = t
            break
    assert votes_to_transfer(votes, seats, x, y, method, threshold=th) == scan


def test_threshold_example_from_the_seat_table() -> None:
    # Sainte-Laguë, 12 seats, A 1000, B 600, C 80, threshold 5%: C (80/1680 = 4.8%) is out and
    # the seats are A 8 (1000/1..15, the 12th seat A's 66.7 ties B's 600/9 and goes to A, more
    # votes) and B 4 (600, 200, 120, 85.7). C passes at w >= 0.05 (1600 + w), i.e. w >= 85
    # (84/1684 = 4.99%), and then its 85 beats A's 76.9: 5 more votes win C a seat.
    v = {"A": 1000, "B": 600, "C": 80}
    opts = dict(threshold=0.05)
    assert allocate_seats(v, 12, "sainte-lague", **opts) == {"A": 8, "B": 4, "C": 0}
    fm = flip_margins(v, 12, "sainte-lague", **opts)
    assert [(m.list, m.seats) for m in fm.lists] == [("A", 8), ("B", 4), ("C", 0)]
    assert fm.lists[2].votes_to_gain == 5 and fm.lists[2].votes_to_lose is None
    assert fm.next_seat.list == "B" and fm.to_dict()["threshold"] == "1/20"  # C is not in the race
    # C with 100 votes (5.9%) holds a seat while it passes (w >= 85) and beats the others'
    # 12th entry, A's 1000/15 = 66.7: the threshold binds first, so it loses the seat at 84.
    v = {"A": 1000, "B": 600, "C": 100}
    assert votes_to_lose(v, 12, "C", "sainte-lague", **opts) == 16
    assert votes_to_lose(v, 12, "C", "sainte-lague") == 34  # no threshold: 66 < 66.7


def test_flip_margins_table_and_dict():
    fm = flip_margins({"A": 10_000, "B": 6_000, "C": 2_500}, 5, "sainte-lague", first_divisor=1.7)
    d = fm.to_dict()
    assert d["last_seat"] == {"list": "B", "seat": 2, "quotient": "2000"}
    assert d["next_seat"]["list"] == "C"
    assert [m["seats"] for m in d["lists"]] == [3, 2, 0]


def test_gain_against_an_infinite_quotient_tie_decided_by_order() -> None:
    # Huntington-Hill divides by sqrt(0 * 1) = 0 for a first seat: every list with votes has an
    # infinite first quotient. With [0, 1] votes and 1 seat, one vote gives list 0 an infinite
    # quotient too; under tie_break="order" list 0 then wins the tie, so the margin is 1.
    assert votes_to_gain([0, 1], 1, 0, "huntington-hill", tie_break="order") == 1
    # under "votes" the tie goes to more votes, then list order: at [1, 1] list 0 still wins
    assert votes_to_gain([0, 1], 1, 0, "huntington-hill", tie_break="votes") == 1
    # with the lists swapped, list 1 must out-poll list 0 (2 votes against 1)
    assert votes_to_gain([1, 0], 1, 1, "huntington-hill", tie_break="votes") == 2
    assert allocate_seats([1, 2], 1, "huntington-hill") == [0, 1]
