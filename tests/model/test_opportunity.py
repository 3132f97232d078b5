"""FormationOpportunity: the JSON round trip, validation and limits."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from majlis.errors import TooLargeError, UnknownIdError, ValidationError
from majlis.model import FormationOpportunity, OpportunityParty, PastGovernment
from majlis.model._opportunity import MAX_OPPORTUNITY_PARTIES

DOC = {
    "id": "x",
    "total_seats": 100,
    "majority_threshold": 51,
    "parties": [
        {"id": "A", "seats": 45, "left_right": 3.5, "green_brown": 2},
        {"id": "B", "seats": 40, "left_right": None, "colour": "red"},
        {"id": "C", "seats": 10, "left_right": 5, "segment": "north"},
        {"id": "others", "seats": 5, "left_right": None, "eligible": False},
    ],
    "incumbent_parties": ["A", "C"],
    "country": "XX",
    "date": "2020-01-02",
    "investiture": "absolute",
    "segmented": True,
    "history": [["A"], {"parties": ["A", "C"], "status": "minimal-winning", "start": "2016-05-01"}],
    "cabinet": ["B", "C"],
    "custom": {"kept": True},
}


def test_from_dict_reads_every_field() -> None:
    opp = FormationOpportunity.from_dict(DOC)
    assert opp.party("A").dimensions == {"green_brown": 2.0}
    assert opp.party("B").left_right is None and opp.party("B").extra == {"colour": "red"}
    assert opp.party("C").segment == "north" and not opp.party("others").eligible
    assert [p.id for p in opp.eligible_parties] == ["A", "B", "C"]  # largest first
    assert opp.date == dt.date(2020, 1, 2) and opp.investiture == "absolute"
    assert opp.history == (
        PastGovernment(("A",)),
        PastGovernment(("A", "C"), "minimal-winning", dt.date(2016, 5, 1)),
    )
    assert opp.cabinet == ("B", "C") and opp.extra == {"custom": {"kept": True}}
    # 45 + 10 = 55 >= 51; 40 + 10 = 50 < 51
    assert opp.is_winning(["A", "C"]) and not opp.is_winning(["B", "C"])


def test_round_trip() -> None:
    opp = FormationOpportunity.from_dict(DOC)
    assert FormationOpportunity.from_dict(opp.to_dict()) == opp


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"majority_threshold": 0}, ValidationError, "between 1 and"),
        ({"majority_threshold": 101}, ValidationError, "between 1 and"),
        ({"total_seats": 90}, ValidationError, "hold 100 seats"),
        ({"incumbent_parties": ["Z"]}, UnknownIdError, "'Z'"),
        ({"cabinet": ["others"]}, ValidationError, "not eligible"),
        ({"investiture": "maybe"}, ValidationError, "investiture"),
        ({"parties": [{"id": "A", "seats": 1}, {"id": "A", "seats": 2}]}, ValidationError, "twice"),
        ({"parties": [{"id": "A", "seats": -1}]}, ValidationError, "non-negative"),
        ({"parties": [{"id": "A", "seats": 1.5}]}, ValidationError, "integer"),
        ({"parties": [{"id": "A", "seats": 1, "left_right": "left"}]}, ValidationError, "number"),
        ({"parties": [{"seats": 1}]}, ValidationError, "'id'"),
        ({"history": [{"parties": ["A"], "status": "huge"}]}, ValidationError, "status"),
        ({"date": "2020-13-01"}, ValidationError, "malformed"),
    ],
)
def test_bad_input_names_the_problem(change, error, words) -> None:
    doc = {**DOC, **change}
    if "parties" in change:
        doc = {**doc, "incumbent_parties": [], "cabinet": None, "total_seats": 100}
    with pytest.raises(error, match=words):
        FormationOpportunity.from_dict(doc)


def test_party_limit_is_checked_before_reading_parties() -> None:
    doc = {
        **DOC,
        "parties": [{"id": str(i), "seats": 0} for i in range(MAX_OPPORTUNITY_PARTIES + 1)],
    }
    with pytest.raises(TooLargeError, match=f"{MAX_OPPORTUNITY_PARTIES:,}"):
        FormationOpportunity.from_dict(doc)


@given(
    st.lists(st.integers(0, 50), min_size=1, max_size=8),
    st.data(),
)
def test_round_trip_of_random_houses(seats: list[int], data: st.DataObject) -> None:
    total = sum(seats) + data.draw(st.integers(0, 5))
    parties = tuple(
        OpportunityParty(f"p{i}", s, left_right=data.draw(st.none() | st.floats(0, 10)))
        for i, s in enumerate(seats)
    )
    q = data.draw(st.integers(1, max(1, total)))
    opp = FormationOpportunity("r", max(1, total), q, parties)
    assert FormationOpportunity.from_dict(opp.to_dict()) == opp
