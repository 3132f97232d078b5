"""The seats page: official votes per governorate, typed and uploaded votes, flip margins."""

from __future__ import annotations

from fastapi.testclient import TestClient

from majlis.data import load_dataset
from majlis.electoral import seat_report


def test_official_votes_per_governorate(client: TestClient) -> None:
    html = client.get("/seats", params={"election": "2025"}).text
    report = seat_report(dataset=load_dataset("iraq"), election=2025)
    for d in report.districts:
        assert f'data-district="{d.name}"' in html
    assert 'id="seats-national"' in html and "iraq-2025" in html


def test_typed_votes_by_hand(client: TestClient) -> None:
    # D'Hondt, 5 seats: quotients A 1000,500,333,250; B 600,300 -> A 3, B 2 (by hand)
    html = client.get(
        "/seats", params={"votes": "A=1000\nB=600", "seats": 5, "method": "dhondt", "flip": "true"}
    ).text
    assert '<tr data-list="A"><td>A</td>' in html and "<b>3</b>" in html and "<b>2</b>" in html
    assert 'id="flip"' in html


def test_uploaded_file_with_districts(client: TestClient) -> None:
    csv = "list,votes,district\nA,100,North\nB,80,North\nA,30,South\nB,50,South\n"
    r = client.post(
        "/seats", files={"file": ("v.csv", csv)}, data={"seats": "2", "method": "dhondt"}
    )
    assert r.status_code == 200
    # by hand, D'Hondt 2 seats each: North A 100, B 80 -> 1 + 1; South B 50, A 30 -> 1 + 1
    assert 'data-district="North"' in r.text and 'data-district="South"' in r.text
    bad = client.post("/seats", files={"file": ("v.csv", b"\xff\xfe")}, data={"seats": "2"})
    assert bad.status_code == 400 and "UTF-8" in bad.text


def test_uploaded_file_of_one_district_becomes_a_shareable_link(client: TestClient) -> None:
    csv = "list,votes\nA,1000\nB,600\n"
    r = client.post(
        "/seats?lang=ar",
        files={"file": ("v.csv", csv)},
        data={"seats": "5", "method": "dhondt"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    link = r.headers["location"]
    assert link.startswith("/seats?") and "lang=ar" in link and "method=dhondt" in link
    html = client.get(link).text
    # the same result as typing them: D'Hondt, 5 seats -> A 3, B 2 (by hand, see above)
    assert '<tr data-list="A"><td>A</td>' in html and "<b>3</b>" in html and "<b>2</b>" in html
    assert 'dir="rtl"' in html


def test_bad_seats_input_is_a_4xx(client: TestClient) -> None:
    assert client.get("/seats", params={"votes": "A=x", "seats": 3}).status_code == 400
    assert client.get("/seats", params={"election": "2025", "votes": "A=1"}).status_code == 400
    assert (
        client.get("/seats", params={"law": "nope", "votes": "A=1", "seats": 1}).status_code == 400
    )
