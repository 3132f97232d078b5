"""A coalition in a real house: seats against the thresholds, power rows, minimal winning
coalitions containing it — checked against hand counts and the definitions."""

from __future__ import annotations

from fractions import Fraction

import pytest

from majlis.data import load_dataset
from majlis.errors import UnknownIdError
from majlis.games import coalition_members, coalition_report, power_report, threshold_status


@pytest.fixture(scope="module")
def house_2021():
    return load_dataset("iraq").parliament(election=2021)


def test_sadrist_kdp_is_short_of_a_majority(house_2021) -> None:
    # 73 Sadrist + 31 KDP seats (the certified 2021 results) = 104: short by 165 - 104 = 61.
    r = coalition_report(house_2021, ["kdp", "sadrist"])
    assert (r.seats, r.status, r.to_majority, r.to_two_thirds) == (104, "short", 61, 116)
    assert r.members == ("sadrist", "kdp")
    assert [row["seats"] for row in r.power] == [73, 31]
    doc = r.to_dict()
    assert doc["power"][0]["banzhaf"] == str(r.power[0]["banzhaf"])


def test_alliance_ids_expand_to_their_members(house_2021) -> None:
    assert coalition_members(house_2021, ["cf"]) == [
        p for p in house_2021.seats if p in set(house_2021.alliance_members("cf"))
    ]
    with pytest.raises(UnknownIdError):
        coalition_members(house_2021, ["no-such-party"])


@pytest.mark.parametrize(
    ("seats", "status"),
    [
        (0, "empty"),
        (1, "short"),
        (109, "short"),
        (110, "blocking"),
        (164, "blocking"),
        (165, "majority"),
        (219, "majority"),
        (220, "two_thirds"),
        (329, "two_thirds"),
    ],
)
def test_status_thresholds_of_329(house_2021, seats: int, status: str) -> None:
    # 329 seats: majority 165, two-thirds 220 (ceil 2*329/3), blocking third 329 - 220 + 1 = 110.
    assert threshold_status(house_2021, seats) == status


def test_minimal_winning_coalitions_contain_the_selection_and_are_minimal(house_2021) -> None:
    r = coalition_report(house_2021, ["sadrist", "kdp"], minimal_winning=8)
    assert r.minimal_winning
    for c in r.minimal_winning:
        parties = c["parties"]
        assert {"sadrist", "kdp"} <= set(parties)
        assert c["seats"] == sum(house_2021.seats[p] for p in parties) >= 165
        # minimal: dropping any one member loses the majority
        assert all(c["seats"] - house_2021.seats[p] < 165 for p in parties)


def test_union_adds_owen_indices_and_a_given_report_is_reused(house_2021) -> None:
    rep = power_report(house_2021, alliance_id="cf", quotas=[165])
    a = coalition_report(house_2021, ["cf"], union="cf", power=rep, minimal_winning=0)
    b = coalition_report(house_2021, ["cf"], union="cf", minimal_winning=0)
    assert a.indices == ("banzhaf", "shapley_shubik", "owen", "banzhaf_owen")
    assert a.power == b.power and a.minimal_winning == ()
    assert all(isinstance(row["owen"], Fraction) for row in a.power)
