"""Potential governments: counts, limits, coverage of real cabinets, minimal winning sets."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.data import read_parlgov
from majlis.errors import TooLargeError
from majlis.formation.candidates import (
    DEFAULT_MAX_PARTIES,
    MAX_CANDIDATES,
    coalition_status,
    minimal_winning,
    potential_governments,
)
from majlis.model import FormationOpportunity, OpportunityParty
from tests.formation import reference


def house(seats, q=None, incumbents=()):
    total = sum(seats)
    parties = tuple(OpportunityParty(f"p{i:02d}", s) for i, s in enumerate(seats))
    return FormationOpportunity(
        "h", total, q or total // 2 + 1, parties, incumbent_parties=incumbents
    )


def test_every_subset_of_a_small_house() -> None:
    opp = house([30, 25, 20, 15, 10])
    cs = potential_governments(opp)
    assert len(cs) == 2**5 - 1
    assert len({int(m) for m in cs.masks}) == len(cs)
    members = cs.members()
    assert members.shape == (31, 5) and members.sum() == 5 * 2**4  # each party in half the subsets
    assert cs.index_of(["p00", "p02"]) is not None and cs.index_of(["zz"]) is None


def test_largest_parties_ties_and_incumbents() -> None:
    # 14 parties: the 10 largest, the two tied with the 10th, and a small incumbent
    seats = [50, 40, 30, 20, 18, 16, 14, 12, 10, 8, 8, 8, 3, 1]
    opp = house(seats, incumbents=("p13",))
    cs = potential_governments(opp)
    assert set(cs.parties) == {f"p{i:02d}" for i in range(12)} | {"p13"}
    assert len(cs) == 2**13 - 1
    small = potential_governments(opp, max_parties=3, max_size=2)
    assert len(small) == comb(4, 1) + comb(4, 2)


def test_limit_is_checked_before_enumerating() -> None:
    opp = house([1] * 30)
    with pytest.raises(TooLargeError, match=f"{MAX_CANDIDATES:,}"):
        potential_governments(opp, max_parties=30)
    assert len(potential_governments(opp, max_parties=30, max_size=3)) == sum(
        comb(30, k) for k in range(1, 4)
    )


def test_real_cabinets_are_almost_always_potential_governments() -> None:
    opps = read_parlgov().opportunities
    missing = [o.id for o in opps if potential_governments(o).index_of(o.cabinet) is None]
    # a government party below the 10th largest (e.g. a one-seat ally): counted, not hidden
    assert len(missing) <= 5, missing
    assert DEFAULT_MAX_PARTIES == 10


def test_statuses_by_hand() -> None:
    opp = house([45, 40, 15])  # 100 seats, 51 to win
    assert coalition_status(opp, ["p00"]) == "minority"
    assert coalition_status(opp, ["p00", "p02"]) == "minimal-winning"  # 60, both needed
    assert coalition_status(opp, ["p00", "p01", "p02"]) == "surplus"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=8), st.integers(0, 10))
def test_minimal_winning_equals_brute_force(seats: list[int], extra: int) -> None:
    if sum(seats) == 0:
        seats = [*seats, 1]
    opp = house(seats, q=(sum(seats) // 2 + 1) + min(extra, sum(seats) - sum(seats) // 2 - 1))
    found = minimal_winning(opp)
    assert {frozenset(c) for c in found} == reference.mwc(opp)
    totals = [opp.seats_of(c) for c in found]
    assert totals == sorted(totals)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=1, max_size=7))
def test_statuses_partition_the_candidates(seats: list[int]) -> None:
    opp = house(seats)
    cs = potential_governments(opp)
    statuses = [coalition_status(opp, cs.coalition(k)) for k in range(len(cs))]
    mw = {frozenset(cs.coalition(k)) for k, s in enumerate(statuses) if s == "minimal-winning"}
    assert mw == reference.mwc(opp)
    minority = np.array([s == "minority" for s in statuses])
    wins = np.array([reference.wins(opp, frozenset(cs.coalition(k))) for k in range(len(cs))])
    assert (minority == ~wins).all()
