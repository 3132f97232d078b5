"""Seat order of a house: a permutation of its parties, alliances contiguous, a coalition
being built seated first."""

from __future__ import annotations

import pytest

from majlis.data import load_dataset


@pytest.mark.parametrize("when", [{"election": 2021}, {"date": "2022-10-27"}, {"election": 2025}])
def test_seating_is_a_permutation_with_alliances_contiguous(when) -> None:
    house = load_dataset("iraq").parliament(**when)
    order = house.seating()
    assert sorted(order) == sorted(house.seats)
    groups = [a.id if (a := house.alliance_of(p)) else p for p in order]
    seen: list[str] = []
    for g in groups:
        if not seen or seen[-1] != g:
            assert g not in seen, f"alliance {g} split in the seating"
            seen.append(g)


def test_first_parties_are_seated_first() -> None:
    house = load_dataset("iraq").parliament(election=2021)
    order = house.seating(first=["kdp", "sadrist"])
    assert set(order[:2]) == {"kdp", "sadrist"}
    assert sorted(order) == sorted(house.seats)
