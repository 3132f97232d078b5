"""seat_report and read_votes: one library call behind ``majlis seats`` and the web page."""

from __future__ import annotations

import json
import warnings

import pytest

from majlis.data import load_dataset
from majlis.electoral import allocate_seats, parse_votes, read_votes, seat_report
from majlis.errors import TooLargeError, ValidationError

IRAQ = load_dataset("iraq")


def test_read_votes_csv_json_and_inline_agree(tmp_path):
    expected = {"North": {"A": 500, "B": 300}, "South": {"A": 200, "C": 600}}
    c = tmp_path / "v.csv"
    c.write_text("list,votes,district\nA,500,North\nB,300,North\nA,200,South\nC,600,South\n")
    j = tmp_path / "v.json"
    j.write_text(json.dumps(expected))
    lst = tmp_path / "l.json"
    rows = [
        {"list": n, "votes": v, "district": d} for d, vs in expected.items() for n, v in vs.items()
    ]
    lst.write_text(json.dumps(rows))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an unclosed file would raise a ResourceWarning
        assert read_votes(c) == read_votes(j) == read_votes(lst) == expected
    assert parse_votes("A=500,B=300") == read_votes("A,500\nB,300", format="csv")[""]


@pytest.mark.parametrize(
    "text, fmt, fragment",
    [
        ("list,votes\nA,x\n", "csv", "whole numbers"),
        ("list,votes\nA,1\nA,2\n", "csv", "duplicate list name 'A'"),
        ("party,count\nA,1\n", "csv", "header must be"),
        ("{not json", "json", "not valid JSON"),
        ('[{"list": "A"}]', "json", "needs 'list' and 'votes'"),
        ("[]", "json", "empty"),
        ("A,1", "xml", "unknown votes format"),
    ],
)
def test_read_votes_errors(text, fmt, fragment):
    with pytest.raises(ValidationError, match=fragment):
        read_votes(text, format=fmt)


def test_votes_file_size_limit(tmp_path, monkeypatch):
    from majlis.electoral import report

    monkeypatch.setattr(report, "MAX_VOTES_BYTES", 10)
    f = tmp_path / "big.csv"
    f.write_text("A,1000000\nB,2000000\n")
    with pytest.raises(TooLargeError, match="at most 10 bytes"):
        read_votes(f)


def test_one_district_report_is_the_allocation():
    v = {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}
    r = seat_report(v, seats=8, method="dhondt", flip=True, transfer="A>D")
    assert r.totals == allocate_seats(v, 8, "dhondt")
    assert r.transfer.votes == 4001  # 20,000 + t > (100,000 - t) / 4 for t > 4,000
    doc = r.to_dict()
    assert doc["seats"] == {"A": 4, "B": 3, "C": 1, "D": 0} and doc["total"] == 8
    assert doc["flip"]["last_seat"]["list"] == "A"


def test_law_gives_magnitudes_and_method():
    law = IRAQ.law("iraq-2025")
    votes = {"Erbil": {"KDP": 369_118, "PUK": 97_301, "Stance": 63_288, "NG": 38_911}}
    r = seat_report(votes, law=law)
    # Sainte-Laguë 1.7 in Erbil's 15 seats; the same numbers the official result gives (9, 3, 2, 1)
    assert r.districts[0].seats == {"KDP": 9, "PUK": 3, "Stance": 2, "NG": 1}
    assert r.to_dict()["law"] == "iraq-2025" and r.total_seats == 15
    with pytest.raises(ValidationError, match=r"a law .* does not use method"):
        seat_report(votes, law=law, method="dhondt")
    with pytest.raises(ValidationError, match="no seat count for district 'Atlantis'"):
        seat_report({"Atlantis": {"A": 1}}, law=law)


def test_election_mode_matches_validation_and_refuses_unused_options():
    r = seat_report(dataset=IRAQ, election=2025)
    checks = {d.name: d.check for d in r.districts}
    assert checks["Erbil"].mode == "full" and checks["Erbil"].ok is True
    assert sum(d.total for d in r.districts) == r.total_seats
    with pytest.raises(ValidationError, match="does not use seats, method"):
        seat_report(dataset=IRAQ, election=2025, seats=3, method="dhondt")


def test_to_pandas_rows():
    pd = pytest.importorskip("pandas")
    r = seat_report({"N": {"A": 5, "B": 3}, "S": {"A": 1, "C": 9}}, seats=2)
    df = r.to_pandas()
    assert isinstance(df, pd.DataFrame)
    assert df.groupby("list")["seats"].sum().to_dict() == r.totals
    assert "<table>" in r._repr_html_()
