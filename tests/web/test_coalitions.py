"""The coalition builder and its API: totals, status, power and minimal winning coalitions."""

from __future__ import annotations

import re
from fractions import Fraction

from fastapi.testclient import TestClient

from majlis.data import load_dataset
from majlis.games import game_from_parliament, shapley_shubik


def test_totals_and_status_against_the_thresholds(client: TestClient) -> None:
    p = load_dataset("iraq").parliament(date="2022-10-27")
    for parties, status in (
        ([], "empty"),
        (["sol"], "short"),
        (["sol", "fatah", "kdp", "taqaddum"], "blocking"),
    ):
        doc = client.get("/api/coalitions", params={"date": "2022-10-27", "party": parties}).json()
        assert doc["seats"] == sum(p.seats[x] for x in parties)  # hand sum of the house's seats
        assert doc["status"] == status, (parties, doc["seats"])
    # the whole Coordination Framework with KDP, Taqaddum and Azm: a majority
    big = ["cf", "kdp", "taqaddum", "azm"]
    doc = client.get("/api/coalitions", params={"date": "2022-10-27", "party": big}).json()
    assert (
        doc["seats"] == p.seats_of(big)
        and doc["seats"] >= 165
        and doc["status"]
        in (
            "majority",
            "two_thirds",
        )
    )


def test_power_is_the_exact_index_of_the_whole_house(client: TestClient) -> None:
    p = load_dataset("iraq").parliament(date="2022-10-27")
    doc = client.get(
        "/api/coalitions", params={"date": "2022-10-27", "party": ["sol", "kdp"]}
    ).json()
    ss = shapley_shubik(game_from_parliament(p, 165))
    ids = p.player_ids()
    for row in doc["power"]:
        expected = sum((v for v, pid in zip(ss, ids) if pid == row["id"]), Fraction(0))
        assert Fraction(row["shapley_shubik"]) == expected


def test_minimal_winning_coalitions_contain_the_selection_and_are_minimal(
    client: TestClient,
) -> None:
    p = load_dataset("iraq").parliament(date="2022-10-27")
    doc = client.get(
        "/api/coalitions", params={"date": "2022-10-27", "party": ["sol", "kdp"]}
    ).json()
    assert doc["minimal_winning"]
    for c in doc["minimal_winning"]:
        assert {"sol", "kdp"} <= set(c["parties"])
        total = p.seats_of(c["parties"])
        assert total == c["seats"] >= 165
        assert all(total - p.seats[x] < 165 for x in c["parties"])  # every member is needed
    seats = [c["seats"] for c in doc["minimal_winning"]]
    assert seats == sorted(seats)


def test_what_if_seats_and_memberships(client: TestClient) -> None:
    base = client.get("/api/coalitions", params={"date": "2022-06-20", "party": ["sadrist"]}).json()
    assert base["seats"] == 0  # the Sadrists had resigned
    doc = client.get(
        "/api/coalitions",
        params={"date": "2022-06-20", "party": ["sadrist"], "seats": "sadrist:73"},
    ).json()
    assert doc["seats"] == 73
    r = client.get("/api/coalitions", params={"date": "2022-10-27", "seats": "sol:400"})
    assert r.status_code == 400 and "house of 329" in r.json()["detail"]
    left = client.get(
        "/api/coalitions", params={"date": "2022-10-27", "party": "cf", "leave": "cf:sol"}
    ).json()
    whole = client.get("/api/coalitions", params={"date": "2022-10-27", "party": "cf"}).json()
    assert whole["seats"] - left["seats"] == 39  # State of Law's seats that day


def test_page_marks_the_selection_and_the_status(client: TestClient) -> None:
    html = client.get(
        "/coalitions", params={"date": "2022-10-27", "party": ["cf", "kdp", "taqaddum", "azm"]}
    ).text
    assert 'data-status="majority"' in html or 'data-status="two_thirds"' in html
    assert 'id="party-sol" checked' in html and 'id="party-imtidad" checked' not in html
    assert 'class="selected"' in html and 'data-mark="165"' in html
    frag = client.get("/coalitions", params={"party": "sol"}, headers={"HX-Request": "true"}).text
    assert frag.startswith('<div id="view"') and 'id="save-state"' in frag


def test_bad_coalition_input_is_a_400(client: TestClient) -> None:
    for params in ({"party": "nobody"}, {"quota": "most"}, {"seats": "sol"}, {"union": "nope"}):
        r = client.get("/api/coalitions", params=params)
        assert r.status_code == 400 and r.json()["detail"], params


def test_theories_panel_lists_the_theorys_first_coalitions_and_builds_them(
    client: TestClient,
) -> None:
    from majlis.data import opportunity_from_parliament
    from majlis.formation import predict

    house = load_dataset("iraq").parliament(date="2022-10-27")
    expected = predict(opportunity_from_parliament(house), "minimum-winning", top=5)
    expected_doc = expected.results[0].to_dict()["predictions"]
    html = client.get("/coalitions", params={"date": "2022-10-27", "theory": "minimum-winning"})
    found = re.findall(r'<li data-seats="(\d+)" data-parties="([^"]+)">', html.text)
    assert [(int(s), p.split()) for s, p in found] == [
        (c["seats"], c["parties"]) for c in expected_doc
    ]
    # the link of the first builds that coalition in the builder: its seats, by the house's count
    first = expected_doc[0]
    link = re.search(r'data-parties="[^"]+">\s*<a href="([^"]+)"', html.text).group(1)
    page = client.get(link.replace("&amp;", "&")).text
    assert f'data-seats="{house.seats_of(house_members(house, first["parties"]))}"' in page
    # an unknown theory is a 400 that lists the known ones
    r = client.get("/api/theories", params={"theory": "nope"})
    assert r.status_code == 400 and "minimal-winning" in r.json()["detail"]
    r = client.get("/api/theories", params={"top": 101})
    assert r.status_code == 422 and "100" in r.json()["detail"]


def house_members(house, units: list[str]) -> list[str]:
    """Parties of blocs and parties, computed from the house's alliances."""
    out: list[str] = []
    for u in units:
        out += house.alliance_members(u) if house.dataset.is_alliance(u) else [u]
    return [p for p in out if p in house.seats]
