"""Dataset validation across records, and the composition of the house over time."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.errors import UnknownIdError, ValidationError
from majlis.model import (
    Alliance,
    Dataset,
    District,
    Election,
    Event,
    Membership,
    Party,
    Result,
    SeatChange,
    majority_quota,
    two_thirds_quota,
)

D = dt.date


def small(**overrides) -> Dataset:
    """A 10-seat toy house: a 5, b 3, c 2; a and b in alliance 'ab' from 2020-06-01."""
    kw = dict(
        country="xx",
        name="Toy",
        parties=[
            Party("a", "A"),
            Party("b", "B"),
            Party("c", "C"),
            Party("i", "Indeps", independents=True),
        ],
        alliances=[
            Alliance("ab", "A+B", formed=D(2020, 6, 1)),
            Alliance("big", "Big", kind="coalition"),
        ],
        memberships=[
            Membership("ab", "a", D(2020, 6, 1)),
            Membership("ab", "b", D(2020, 6, 1), D(2021, 1, 1)),
            Membership("big", "ab", D(2020, 7, 1)),
            Membership("big", "c", D(2020, 7, 1)),
        ],
        elections=[
            Election("2020", D(2020, 1, 1), "toy", 10),
            Election("2022", D(2022, 1, 1), "toy", 10),
        ],
        results=[
            Result("2020", "a", seats=5),
            Result("2020", "b", seats=3),
            Result("2020", "c", seats=2),
            Result("2022", "a", seats=4),
            Result("2022", "c", seats=4),
            Result("2022", "i", seats=2),
        ],
        events=[
            Event(
                "res",
                D(2020, 3, 1),
                "c resigns",
                "resignation",
                seat_changes=(SeatChange("res", "c", -2),),
            ),
            Event(
                "rep",
                D(2020, 4, 1),
                "replacements",
                "replacement",
                seat_changes=(SeatChange("rep", "a", 1), SeatChange("rep", "b", 1)),
            ),
        ],
    )
    kw.update(overrides)
    return Dataset(**kw)


def test_house_as_elected_and_after_events() -> None:
    ds = small()
    assert ds.parliament(election="2020").seats == {"a": 5, "b": 3, "c": 2}
    mid = ds.parliament(date="2020-03-15")
    assert mid.seats == {"a": 5, "b": 3} and mid.vacant_seats == 2
    after = ds.parliament(date=D(2020, 5, 1))
    assert after.seats == {"a": 6, "b": 4} and after.vacant_seats == 0
    assert [e.id for e in after.events] == ["res", "rep"]


def test_house_as_elected_is_shown_on_its_first_session() -> None:
    ds = small(
        elections=[
            Election("2020", D(2020, 1, 1), "toy", 10, first_session=D(2020, 6, 15)),
            Election("2022", D(2022, 1, 1), "toy", 10),
        ]
    )
    p = ds.parliament(election="2020")
    assert p.date == D(2020, 6, 15) and p.seats == {
        "a": 6,
        "b": 4,
    }  # events before the first sitting apply
    assert p.alliance_seats("ab") == 10


def test_events_of_an_earlier_term_do_not_leak_into_the_next() -> None:
    p = small().parliament(date="2022-02-01")
    assert p.election.id == "2022" and p.seats == {"a": 4, "c": 4, "i": 2}


def test_alliance_seats_come_from_memberships_on_the_date() -> None:
    ds = small()
    assert ds.parliament(date="2020-05-01").alliances() == []  # 'ab' not yet formed
    p = ds.parliament(date="2020-06-15")
    assert p.alliance_seats("ab") == 10 and p.alliance_members("ab") == ["a", "b"]
    p = ds.parliament(date="2020-08-01")  # nested: big = ab + c
    assert p.alliance_seats("big") == 10 and p.direct_members("big") == ["ab", "c"]
    assert p.alliance_of("a").id == "ab"  # the bloc before the coalition
    p = ds.parliament(date="2021-06-01")  # b left ab on 2021-01-01
    assert p.alliance_seats("ab") == 6 and p.seats_of(["ab", "b"]) == 10


def test_independents_are_separate_players() -> None:
    p = small().parliament(election="2022")
    assert p.players() == [("A", 4), ("C", 4), ("Indeps #1", 1), ("Indeps #2", 1)]
    assert p.player_ids() == ["a", "c", "i", "i"]
    assert p.players(expand_independents=False)[-1] == ("Indeps", 2)


def test_lookup_errors_name_the_id() -> None:
    ds = small()
    with pytest.raises(UnknownIdError, match="unknown election '1999'"):
        ds.election("1999")
    with pytest.raises(UnknownIdError, match="unknown party 'zz'"):
        ds.party("zz")
    with pytest.raises(ValidationError, match="no election on or before 2019-01-01"):
        ds.parliament(date="2019-01-01")
    with pytest.raises(ValidationError, match="before election"):
        ds.parliament(election="2022", date="2021-01-01")


@pytest.mark.parametrize(
    "overrides, message",
    [
        (
            {"results": [Result("2020", "a", seats=5), Result("2020", "b", seats=3)]},
            "election '2020': national seats sum to 8, house size is 10",
        ),
        ({"results": [Result("2020", "zz", seats=10)]}, "unknown party 'zz'"),
        ({"results": [Result("1999", "a", seats=10)]}, "unknown election '1999'"),
        (
            {
                "memberships": [
                    Membership("ab", "a", D(2020, 1, 1)),
                    Membership("ab", "a", D(2020, 5, 1)),
                ]
            },
            "overlapping memberships of 'a' in 'ab'",
        ),
        ({"memberships": [Membership("ab", "q", D(2020, 1, 1))]}, "unknown party or alliance 'q'"),
        (
            {
                "memberships": [
                    Membership("ab", "big", D(2020, 1, 1)),
                    Membership("big", "ab", D(2020, 1, 1)),
                ]
            },
            "alliance membership cycle",
        ),
        (
            {
                "events": [
                    Event("x", D(2020, 2, 1), "too many", seat_changes=(SeatChange("x", "c", -3),))
                ]
            },
            "event 'x' \\(2020-02-01\\): party 'c' would hold -1 seats",
        ),
        (
            {
                "events": [
                    Event("x", D(2020, 2, 1), "overfill", seat_changes=(SeatChange("x", "c", 1),))
                ]
            },
            "11 seats filled in a house of 10",
        ),
        ({"parties": [Party("a", "A"), Party("a", "A2")]}, "duplicate party id 'a'"),
        (
            {"districts": [District("2020", "North", 6), District("2020", "South", 3)]},
            "election '2020': district seats sum to 9, house size is 10",
        ),
        (
            {"districts": [District("2020", "North", 6), District("2020", "North", 4)]},
            "listed twice",
        ),
        (
            {
                "districts": [District("2020", "North", 10)],
                "results": [
                    Result("2020", "a", seats=5),
                    Result("2020", "b", seats=3),
                    Result("2020", "c", seats=2),
                    Result("2020", "a", district="West", seats=1),
                ],
            },
            "unknown district 'West'",
        ),
    ],
)
def test_validation_names_the_offending_record(overrides: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        small(**overrides)


def test_quotas() -> None:
    # Iraq: absolute majority 165 and two-thirds 220 of 329 (Constitution Art. 70; FSC 3 Feb 2022)
    assert (majority_quota(329), two_thirds_quota(329)) == (165, 220)
    p = small().parliament(election="2020")
    assert (p.majority, p.two_thirds, p.blocking_third) == (6, 7, 4)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 2000))
def test_quota_definitions(n: int) -> None:
    m, t = majority_quota(n), two_thirds_quota(n)
    assert 2 * m > n >= 2 * (m - 1)  # more than half, and the least such
    assert 3 * t >= 2 * n > 3 * (t - 1)  # at least two-thirds, and the least such


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=1, max_size=8), st.data())
def test_seat_totals_are_conserved_by_resign_and_replace(seats: list[int], data) -> None:
    total = sum(seats)
    if total == 0:
        return
    parties = [Party(f"p{i}", f"P{i}") for i in range(len(seats))]
    loser = data.draw(st.sampled_from([i for i, s in enumerate(seats) if s > 0]))
    k = data.draw(st.integers(1, seats[loser]))
    gainer = data.draw(st.integers(0, len(seats) - 1))
    ds = Dataset(
        country="xx",
        name="x",
        parties=parties,
        elections=[Election("e", D(2020, 1, 1), "x", total)],
        results=[Result("e", f"p{i}", seats=s) for i, s in enumerate(seats)],
        events=[
            Event("r", D(2020, 2, 1), "r", seat_changes=(SeatChange("r", f"p{loser}", -k),)),
            Event("s", D(2020, 3, 1), "s", seat_changes=(SeatChange("s", f"p{gainer}", k),)),
        ],
    )
    assert ds.parliament(date="2020-02-15").filled_seats == total - k
    after = ds.parliament(date="2020-03-15")
    expected = seats[gainer] + (0 if gainer == loser else k)
    assert after.filled_seats == total and after.seats.get(f"p{gainer}", 0) == expected


def test_tables_as_dataframes():
    pd = pytest.importorskip("pandas")
    from majlis.data import load_dataset

    ds = load_dataset("iraq")
    house = ds.parliament(date="2022-07-01")
    df = house.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert int(df["seats"].sum()) == house.filled_seats and len(df) == len(house.seats)
    results = ds.to_pandas("results")
    assert len(results) == len(ds.results) and "votes_status" in results.columns
    with pytest.raises(ValidationError, match="unknown table 'nonsense'"):
        ds.to_pandas("nonsense")
    with pytest.raises(ValidationError):
        ds.to_pandas("_party")
