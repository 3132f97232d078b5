"""A majlis house as a formation opportunity: default positions and history (Iraq)."""

from __future__ import annotations

import datetime as dt

import pytest

from majlis.data import SYSTEMS, load_dataset, opportunity_from_parliament


@pytest.fixture(scope="module")
def ds():
    return load_dataset("iraq")


def test_positions_default_to_the_datasets_left_right(ds) -> None:
    house = ds.parliament(date="2022-10-27")
    opp = opportunity_from_parliament(house)
    # KDP is one actor of its own: its position is the dataset's, exactly
    assert opp.party("kdp").left_right == float(ds.position("kdp", "left_right").value)
    # the Framework: the seat-weighted mean of its placed members, recomputed here
    members = [p for p in opp.party("cf").extra["members"] if ds.position(p, "left_right")]
    num = sum(float(ds.position(p, "left_right").value) * house.seats[p] for p in members)
    assert opp.party("cf").left_right == pytest.approx(num / sum(house.seats[p] for p in members))
    bare = opportunity_from_parliament(house, positions={})
    assert all(p.left_right is None for p in bare.parties)


def test_history_2021_is_the_systems_list_by_status_only(ds) -> None:
    opp = opportunity_from_parliament(ds.parliament(date="2022-10-27"))
    listed = SYSTEMS["iq"]["governments"]
    assert [g.name for g in opp.history] == [name for name, _, _ in listed]
    assert all(g.status == "surplus" and not g.parties_known for g in opp.history)
    assert all(g.start < dt.date(2021, 10, 10) for g in opp.history)


def test_history_2025_adds_the_sudani_cabinet_with_its_status(ds) -> None:
    opp = opportunity_from_parliament(ds.parliament(date="2026-05-14"))
    sudani = opp.history[-1]
    assert sudani.name == "Sudani cabinet" and sudani.parties_known
    # surplus: in the house of its first day the coalition still wins without Babylon
    then = opportunity_from_parliament(ds.parliament(date="2022-10-27"), cabinet=["sac"])
    assert then.seats_of(set(then.cabinet) - {"babylon"}) >= 165
    assert sudani.status == "surplus"
    assert {"cf", "kdp", "taqaddum", "azm", "babylon"} <= set(sudani.parties)
    # the outgoing government of the 2025 house is the same coalition
    assert set(opp.incumbent_parties) == set(sudani.parties)
    assert opportunity_from_parliament(ds.parliament(date="2026-05-14"), history=()).history == ()


def test_incumbents_and_past_cabinets_list_their_actors_largest_first(ds) -> None:
    # the order is the house's (seats, then id), not a set's: JSON output must not depend
    # on PYTHONHASHSEED
    opp = opportunity_from_parliament(ds.parliament(date="2026-05-14"))
    rank = {p.id: (-p.seats, p.id) for p in opp.parties}
    assert len(opp.incumbent_parties) > 2
    assert list(opp.incumbent_parties) == sorted(opp.incumbent_parties, key=rank.__getitem__)
    sudani = opp.history[-1]
    assert list(sudani.parties) == sorted(sudani.parties, key=rank.__getitem__)
