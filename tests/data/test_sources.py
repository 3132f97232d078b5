"""The source report: rows, sources, disputed and estimated rows per table."""

from __future__ import annotations

import datetime as dt

import pytest

from majlis.data import COLUMNS, load_dataset, source_report
from majlis.errors import UnknownIdError
from majlis.model import Dataset, Election, Event, Party, Result, TallyFigure


def toy() -> Dataset:
    return Dataset(
        country="xx",
        name="Toy",
        parties=[
            Party("a", "A", source="paper"),
            Party("b", "B", notes="leader DISPUTED"),  # no source
        ],
        elections=[Election("2020", dt.date(2020, 1, 1), "toy", 5, source="law")],
        results=[
            Result("2020", "a", seats=3, votes=10, votes_status="approximate", source="s"),
            Result("2020", "b", seats=2, source="s", notes="a CONFLICT between two counts"),
        ],
        events=[
            Event("e", dt.date(2020, 2, 1), "vote", "parliament_vote", source="s"),
            Event(
                "m", dt.date(2020, 3, 1), "ESTIMATED turnout", source="s", date_precision="month"
            ),
        ],
        tallies=[
            TallyFigure("e", "speaker", "present", 5, source="one"),
            TallyFigure("e", "speaker", "present", 4, source="two"),
            TallyFigure("e", "speaker", "votes", 3, subject="A", source="one"),
        ],
    )


def test_counts_follow_the_documented_rules() -> None:
    r = source_report(toy())
    parties = r.table("parties")
    assert (parties.rows, parties.sourced, parties.unsourced, parties.disputed) == (
        2,
        1,
        ("b",),
        ("b",),
    )
    results = r.table("results")
    assert results.estimated == ("2020 / a / general",)  # votes_status approximate
    assert results.disputed == ("2020 / b / general",)  # the word CONFLICT in the notes
    events = r.table("events")
    assert events.estimated == ("m",)  # dated to the month, and the word ESTIMATED
    tallies = r.table("tallies")
    assert tallies.disputed == ("e / speaker / 1 / present / 5", "e / speaker / 1 / present / 4")
    assert (r.rows, r.sourced) == (2 + 1 + 2 + 2 + 3, 2 + 1 + 2 + 2 + 3 - 1)
    assert sorted(t.table for t in r.tables) == sorted(COLUMNS)  # every table of the format
    assert r.table("cabinets").rows == 0 and r.table("cabinets").share_sourced == 1.0
    doc = r.to_dict()
    assert doc["disputed"] == 1 + 1 + 2 and doc["estimated"] == 1 + 1
    with pytest.raises(UnknownIdError, match="unknown table 'nope'"):
        r.table("nope")


def test_lowercase_words_do_not_count() -> None:
    ds = Dataset(
        country="xx",
        name="Toy",
        parties=[Party("a", "A", source="s", notes="disputed by nobody; estimated")],
        elections=[Election("2020", dt.date(2020, 1, 1), "toy", 1, source="s")],
        results=[Result("2020", "a", seats=1, source="s")],
    )
    t = source_report(ds).table("parties")
    assert t.disputed == () and t.estimated == ()


def test_the_iraq_dataset_is_fully_sourced() -> None:
    r = source_report(load_dataset("iraq"))
    assert r.rows == r.sourced > 0
    for t in r.tables:
        assert t.unsourced == (), t.table
    assert "partner / tasmim / cf / 2022-10-27" in r.table("relations").disputed
