"""Single records reject malformed values with a message naming the record."""

import datetime as dt

import pytest

from majlis.errors import ValidationError
from majlis.model import (
    Alliance,
    Election,
    Event,
    Membership,
    Party,
    Result,
    SeatChange,
    parse_date,
)


def test_parse_date_accepts_day_and_month() -> None:
    assert parse_date("2022-06-23") == dt.date(2022, 6, 23)
    assert parse_date("2021-10") == dt.date(2021, 10, 1)


@pytest.mark.parametrize("bad", ["2022-13-01", "23/06/2022", "", "2022-6-3x"])
def test_parse_date_rejects_malformed(bad: str) -> None:
    with pytest.raises(ValidationError, match="malformed date"):
        parse_date(bad)


def test_party_family_must_be_known() -> None:
    with pytest.raises(ValidationError, match="party 'x': unknown family 'green'"):
        Party("x", "X", family="green")


def test_party_needs_id_and_name() -> None:
    with pytest.raises(ValidationError, match="id is empty"):
        Party("", "X")
    with pytest.raises(ValidationError, match="name is empty"):
        Party("x", " ")


def test_membership_end_after_start() -> None:
    with pytest.raises(ValidationError, match="end 2021-01-01 is not after start 2022-01-01"):
        Membership("cf", "sol", dt.date(2022, 1, 1), dt.date(2021, 1, 1))


def test_membership_covers_half_open_interval() -> None:
    m = Membership("a", "p", dt.date(2022, 1, 1), dt.date(2022, 6, 12))
    assert m.covers(dt.date(2022, 1, 1)) and m.covers(dt.date(2022, 6, 11))
    assert not m.covers(dt.date(2022, 6, 12)) and not m.covers(dt.date(2021, 12, 31))


def test_alliance_dates_in_order() -> None:
    with pytest.raises(ValidationError, match="dissolved 2020-01-01 before formed 2021-01-01"):
        Alliance("a", "A", formed=dt.date(2021, 1, 1), dissolved=dt.date(2020, 1, 1))


def test_result_rejects_negative_and_impossible_women_seats() -> None:
    with pytest.raises(ValidationError, match="votes is negative"):
        Result("2021", "sol", votes=-1)
    with pytest.raises(ValidationError, match="women_seats 3 exceed seats 2"):
        Result("2021", "sol", seats=2, women_seats=3)


def test_election_house_size_positive() -> None:
    with pytest.raises(ValidationError, match="house size must be positive"):
        Election("e", dt.date(2020, 1, 1), "law", 0)


def test_event_category_and_seat_change_owner() -> None:
    with pytest.raises(ValidationError, match="unknown category 'party'"):
        Event("e1", dt.date(2022, 1, 1), "x", category="party")
    with pytest.raises(ValidationError, match="seat change belongs to event 'other'"):
        Event("e1", dt.date(2022, 1, 1), "x", seat_changes=(SeatChange("other", "p", 1),))
