"""Classic coalition theories: worked examples from the literature, and a brute-force check."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.cli.formation import THEORY_IDS
from majlis.errors import UnknownMethodError
from majlis.formation import THEORIES, get_theory, predict
from majlis.model import FormationOpportunity, OpportunityParty
from tests.formation.reference import THEORY_SETS


def lijphart() -> FormationOpportunity:
    """Lijphart's hypothetical legislature: A-E from left to right, 100 seats, 51 to win.

    A. Lijphart, *Patterns of Democracy*, Yale University Press, 1999, ch. 6, Table 6.1
    (coalitions predicted by six theories); positions are the parties' places on the line.
    """
    return FormationOpportunity(
        "lijphart",
        100,
        51,
        tuple(
            OpportunityParty(p, s, left_right=x)
            for p, s, x in [("A", 8, 1), ("B", 21, 2), ("C", 26, 3), ("D", 12, 4), ("E", 33, 5)]
        ),
        incumbent_parties=("B", "E"),
    )


def predicted(opp, theory):
    return {frozenset(c.parties) for c in THEORIES[theory].function(opp)}


def sets(*names):
    return {frozenset(n) for n in names}


def test_lijphart_table() -> None:
    opp = lijphart()
    # Lijphart (1999), Table 6.1: minimal winning ABC, ADE, BCD, BE, CE; minimum size ADE
    # (53 seats); bargaining proposition BE, CE; minimal range ABC, BCD, CE; minimal
    # connected winning ABC, BCD, CDE (D is needed only to connect C and E).
    assert predicted(opp, "minimal-winning") == sets("ABC", "ADE", "BCD", "BE", "CE")
    assert predicted(opp, "minimum-winning") == sets("ADE")
    assert predicted(opp, "fewest-parties") == sets("BE", "CE")
    assert predicted(opp, "minimal-range") == sets("ABC", "BCD", "CE")
    assert predicted(opp, "minimal-connected") == sets("ABC", "BCD", "CDE")
    # largest party E (33 seats) is in ADE, BE and CE
    assert predicted(opp, "largest-party") == sets("ADE", "BE", "CE")
    assert predicted(opp, "incumbent") == sets("BE")


def test_lijphart_policy_distance_by_hand() -> None:
    # Median member by seats and seat-weighted mean distance from it, by hand:
    # ABC (55; B's seats reach 29 >= 27.5, median B at 2): (8*1 + 26*1) / 55 = 34/55;
    # ADE (53; E at 5): (8*4 + 12*1) / 53
    # = 44/53; BCD (59; C at 3): (21 + 12) / 59 = 33/59; BE (54; E): 21*3 / 54 = 63/54;
    # CE (59; E): 26*2 / 59 = 52/59. Smallest: BCD.
    assert predicted(lijphart(), "minimal-distance") == sets("BCD")


def test_scores_ranks_and_statuses() -> None:
    ranked = THEORIES["minimal-winning"].function(lijphart())
    assert [c.rank for c in ranked] == [1] * 5
    assert all(c.score == pytest.approx(1 / 5) for c in ranked)
    assert [c.seats for c in ranked] == sorted(c.seats for c in ranked)  # fewest seats first
    assert {c.status for c in ranked} == {"minimal-winning"}
    cdE = next(
        c
        for c in THEORIES["minimal-connected"].function(lijphart())
        if "D" in c.parties and "E" in c.parties
    )
    assert cdE.status == "surplus"  # 71 seats: D is not needed to win, only to connect


def test_policy_theories_skip_unplaced_parties() -> None:
    opp = FormationOpportunity(
        "u", 100, 51, (OpportunityParty("A", 60), OpportunityParty("B", 40, left_right=3.0))
    )
    assert predicted(opp, "minimal-range") == set()
    assert predicted(opp, "minimal-connected") == set()
    assert predicted(opp, "minimal-winning") == sets("A")


def test_registry_matches_the_cli() -> None:
    assert tuple(THEORIES) == THEORY_IDS
    assert get_theory("model").probabilistic and get_theory("minimal-range").needs_positions
    with pytest.raises(UnknownMethodError, match="minimal-connected"):
        get_theory("connected")
    with pytest.raises(UnknownMethodError):
        predict(lijphart(), "nope")


@st.composite
def houses(draw) -> FormationOpportunity:
    n = draw(st.integers(1, 7))
    seats = draw(st.lists(st.integers(0, 40), min_size=n, max_size=n))
    others = draw(st.integers(0, 10))
    total = sum(seats) + others
    if total == 0:
        seats[0], total = 1, 1 + others
    positions = draw(st.lists(st.none() | st.integers(0, 10).map(float), min_size=n, max_size=n))
    parties = [
        OpportunityParty(f"p{i}", s, left_right=x) for i, (s, x) in enumerate(zip(seats, positions))
    ]
    if others:
        parties.append(OpportunityParty("others", others, eligible=False))
    q = draw(st.integers(total // 2 + 1, total))
    incumbents = draw(
        st.lists(st.sampled_from([p.id for p in parties[:n]]), max_size=3, unique=True)
    )
    return FormationOpportunity("h", total, q, tuple(parties), incumbent_parties=tuple(incumbents))


@settings(max_examples=150, deadline=None)
@given(houses())
def test_every_classic_theory_equals_its_brute_force_definition(opp: FormationOpportunity) -> None:
    for theory, reference in THEORY_SETS.items():
        assert predicted(opp, theory) == reference(opp), theory
