"""Forecast inputs: from an election (with stated estimates), estimates, polls, files, blocs."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from majlis.data import load_dataset
from majlis.electoral import validate_election
from majlis.errors import TooLargeError, UnknownIdError, ValidationError
from majlis.forecast import (
    Bloc,
    Estimate,
    ForecastInput,
    Poll,
    alliance_lists,
    default_blocs,
    forecast_input,
    from_election,
    read_input,
    run_forecast,
    with_estimates,
    with_poll,
)
from majlis.limits import MAX_VOTES_BYTES
from majlis.model import Alliance, Dataset, District, Election, Law, Membership, Party, Result


@pytest.fixture(scope="module")
def iraq() -> Dataset:
    return load_dataset("iraq")


@pytest.fixture(scope="module")
def base(iraq: Dataset) -> ForecastInput:
    return from_election(iraq, 2025)


def only(inp: ForecastInput, districts: list[str]) -> ForecastInput:
    """The input restricted to some districts (no fixed seats)."""
    idx = [inp.districts.index(d) for d in districts]
    return replace(
        inp,
        districts=tuple(districts),
        seats=tuple(inp.seats[i] for i in idx),
        shares=inp.shares[idx],
        district_error=inp.district_error[idx],
        turnout=inp.turnout[idx],
        fixed=np.zeros(len(inp.lists), dtype=np.int64),
        house_size=sum(inp.seats[i] for i in idx),
    )


def test_iraq_2025_base(iraq: Dataset, base: ForecastInput) -> None:
    assert base.law.id == "iraq-2025" and base.house_size == 329
    assert sum(base.seats) == 320 and int(base.fixed.sum()) == 9  # 320 general + 9 quota seats
    quota = {r.party: r.seats for r in iraq.results_of(2025) if r.seat_type == "minority"}
    assert {p: int(base.fixed[base.index(p)]) for p in quota} == quota
    np.testing.assert_allclose(base.shares.sum(axis=1), 1.0)
    # expected shares are the dataset's own votes where a governorate is complete
    for r in iraq.results_of(2025, district="Erbil"):
        if r.votes and r.seat_type == "general":
            i = base.districts.index("Erbil")
            assert base.shares[i, base.index(r.party)] == pytest.approx(r.votes / base.turnout[i])
    # the Framework bloc: its members on the day the house first sat (29 Dec 2025)
    cf = base.blocs[0]
    assert cf.id == "cf" and set(cf.members) == set(alliance_lists(iraq, "cf", "2025-12-29")) & set(
        base.lists
    )
    assert "rdc" in cf.members and "asas" not in cf.members  # Asas joined on 10 Jan 2026
    assert any("pooled" in n or "estimated" in n for n in base.notes) or len(base.districts) == 18


def test_default_blocs_partition_the_lists(iraq: Dataset, base: ForecastInput) -> None:
    members = [m for b in base.blocs for m in b.members]
    assert sorted(members) == sorted(base.lists)
    assert len({b.id for b in base.blocs}) == len(base.blocs)
    fam = {p.id: p.family for p in iraq.parties}
    kurdish = next(b for b in base.blocs if b.id == "kurdish")
    assert all(fam[m] == "kurdish" for m in kurdish.members)


def test_complete_governorates_reproduce_the_official_seats(
    iraq: Dataset, base: ForecastInput
) -> None:
    """With no uncertainty the simulation is the law applied to the official votes."""
    full = [c.governorate for c in validate_election(iraq, 2025) if c.mode == "full" and c.ok]
    assert full, "no governorate with complete official results"
    sub = only(
        replace(
            base,
            national_error=base.national_error * 0,
            district_error=base.district_error * 0,
            turnout_error=0.0,
        ),
        full,
    )
    res = run_forecast(sub, draws=50, seed=3)
    official: dict[str, int] = {}
    for gov in full:
        for r in iraq.results_of(2025, district=gov):
            if r.seat_type == "general":
                official[r.party] = official.get(r.party, 0) + (r.seats or 0)
    for x in res.lists:
        assert x.p5 == x.p95 == official.get(x.id, 0), x.id


def _toy(missing_votes: bool = True) -> Dataset:
    parties = [
        Party("a", "A", family="shia"),
        Party("b", "B", family="kurdish"),
        Party("c", "C", family="sunni"),
    ]
    e = Election("2030", dt.date(2030, 1, 1), "toy-law", 13)
    districts = [
        District("2030", "North", 5),
        District("2030", "South", 4),
        District("2030", "East", 3, minority_seats=1),
    ]
    results = [
        Result("2030", "a", votes=6000, vote_share=60.0, seats=6),
        Result("2030", "b", vote_share=30.0, seats=4),  # share only: votes come from the share
        Result("2030", "c", votes=2000, seats=2),
        Result("2030", "q", seats=1, seat_type="minority"),
        Result("2030", "a", "North", votes=3000, seats=3),
        Result("2030", "b", "North", votes=2000, seats=2),
        Result("2030", "a", "South", seats=2),  # seats only: votes estimated from seats
        Result("2030", "c", "South", votes=1500, seats=2),
    ]
    if not missing_votes:
        results += [
            Result("2030", "a", "East", votes=1000),
            Result("2030", "b", "East", votes=1000),
        ]
    return Dataset(
        "xx",
        "Toy",
        parties=[*parties, Party("q", "Quota", family="minority")],
        alliances=[Alliance("al", "Alliance", kind="bloc", formed=dt.date(2029, 1, 1))],
        memberships=[
            Membership("al", "a", dt.date(2029, 1, 1)),
            Membership("al", "c", dt.date(2029, 1, 1)),
        ],
        elections=[e],
        laws=[
            Law("toy-law", "Toy law", "sainte-lague", first_divisor="1.7", districts_from="2030")
        ],
        districts=districts,
        results=results,
    )


def test_missing_votes_are_estimated_and_said() -> None:
    inp = from_election(_toy(), "2030")
    assert inp.districts == ("North", "South", "Other governorates (pooled estimate)")
    assert inp.seats == (5, 4, 3) and inp.house_size == 13 and inp.fixed[inp.index("q")] == 1
    pool = dict(zip(inp.lists, inp.shares[2] * inp.turnout[2]))
    # South: a's votes from seats at South's own votes per seat (1500 / 2): 2 * 750 = 1500
    s = inp.districts.index("South")
    assert inp.shares[s, inp.index("a")] * inp.turnout[s] == pytest.approx(1500)
    # pooled: national votes minus votes counted in districts: a 6000 - 3000 - 1500, c 2000 - 1500
    assert pool["a"] == pytest.approx(1500) and pool["c"] == pytest.approx(500)
    # b has a share only: valid votes 6000 / 60% = 10,000, so 3000 votes, 2000 of them in North
    assert pool["b"] == pytest.approx(1000)
    assert any("pooled" in n for n in inp.notes) and any("from seats" in n for n in inp.notes)
    assert any("from the vote share for 1 lists" in n for n in inp.notes)
    assert [b.id for b in inp.blocs] == ["al", "kurdish", "minority"]
    assert inp.blocs[0].members == ("a", "c")


def test_complete_toy_has_no_pool() -> None:
    inp = from_election(_toy(missing_votes=False), "2030")
    assert "Other governorates (pooled estimate)" not in inp.districts


def test_national_estimate_proportional_and_uniform(base: ForecastInput) -> None:
    j = base.index("rdc")
    for swing in ("proportional", "uniform"):
        new = with_estimates(base, [Estimate("rdc", 20.0, se=2.0)], swing=swing)
        assert new.national_shares[j] == pytest.approx(0.20, abs=1e-9)
        assert ((new.shares[:, j] > 0) == (base.shares[:, j] > 0)).all()  # runs where it ran
        # its national error is the log-share sd of a 2-point standard error at 20%
        assert new.national_error[j] == pytest.approx(0.02 / (0.2 * math.sqrt(0.8)))
    prop = with_estimates(base, [Estimate("rdc", 20.0)])
    k = base.index("kdp")  # untouched lists keep their ratios within a district
    d = base.districts.index("Baghdad")
    ratio = lambda s: s[d, base.index("sol")] / s[d, base.index("taqaddum")]
    assert ratio(prop.shares) == pytest.approx(ratio(base.shares))
    assert prop.national_error[k] == base.national_error[k]


def test_district_estimate_and_names(base: ForecastInput) -> None:
    new = with_estimates(
        base, [Estimate("Patriotic Union of Kurdistan", 40.0, se=4.0, district="Sulaymaniyah")]
    )
    d, j = base.districts.index("Sulaymaniyah"), base.index("puk")
    assert new.shares[d, j] == pytest.approx(0.40)
    assert new.district_error[d, j] == pytest.approx(0.04 / (0.4 * math.sqrt(0.6)))
    other = base.index("ngm")
    assert new.shares[d, other] / base.shares[d, other] == pytest.approx(
        0.6 / (1 - base.shares[d, j])
    )


def test_poll_error_is_dirichlet_sampling_plus_systematic(base: ForecastInput) -> None:
    p = with_poll(base, Poll({"rdc": 15.0, "sol": 8.0}, 2000), systematic_error=0.1)
    assert p.national_error[p.index("sol")] == pytest.approx(
        math.sqrt(1 / (2000 * 0.08 + 0.5) + 0.01)
    )
    assert p.national_shares[p.index("rdc")] == pytest.approx(0.15)


def test_bad_estimates(base: ForecastInput, iraq: Dataset) -> None:
    with pytest.raises(UnknownIdError, match="nope"):
        with_estimates(base, [Estimate("nope", 5.0)])
    with pytest.raises(ValidationError, match="not a number"):
        with_estimates(base, [Estimate("rdc", "abc")])  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="between 0 and 100"):
        with_estimates(base, [Estimate("rdc", 120.0)])
    with pytest.raises(ValidationError, match="more than 100"):
        with_estimates(base, [Estimate("rdc", 60.0), Estimate("kdp", 50.0)])
    with pytest.raises(UnknownIdError, match="unknown district"):
        with_estimates(base, [Estimate("rdc", 6.0, district="Atlantis")])
    with pytest.raises(ValidationError, match="two national"):
        with_estimates(base, [Estimate("rdc", 6.0), Estimate("rdc", 7.0)])
    with pytest.raises(ValidationError, match="se"):
        with_estimates(base, [Estimate("rdc", 6.0, se=-1)])
    with pytest.raises(ValidationError, match="swing"):
        with_estimates(base, [Estimate("rdc", 6.0)], swing="sideways")
    with pytest.raises(ValidationError, match="sample_size"):
        with_poll(base, Poll({"rdc": 10.0}, 0))
    with pytest.raises(UnknownIdError, match="unknown list"):
        replace(base, blocs=(Bloc("x", "X", ("zz",)),))
    with pytest.raises(UnknownIdError, match="unknown bloc or list"):
        replace(base, coalitions=(("cf", "nobody"),))


def test_new_list_from_the_dataset(base: ForecastInput, iraq: Dataset) -> None:
    new = with_estimates(base, [Estimate("sadrist", 10.0)], dataset=iraq)
    j = new.index("sadrist")
    assert (new.shares[:, j] > 0).all() and new.national_shares[j] == pytest.approx(0.10)
    assert any("new lists" in n for n in new.notes)


def test_files(tmp_path: Path, iraq: Dataset) -> None:
    csv_file = tmp_path / "est.csv"
    csv_file.write_text(
        "# my estimates\nlist,share,district,se\nrdc,15,,1.5\npuk,45,Sulaymaniyah,\n"
    )
    inp = read_input(csv_file, iraq)
    assert inp.national_shares[inp.index("rdc")] == pytest.approx(
        0.15, abs=1e-3
    )  # the district estimate moves it a bit
    js = tmp_path / "f.json"
    js.write_text(
        json.dumps(
            {
                "format": "majlis-forecast/1",
                "election": "2025",
                "national_error": 0.2,
                "poll": {"sample_size": 1000, "shares": {"rdc": 14, "kdp": 10}},
                "blocs": [
                    {"id": "fw", "alliance": "cf"},
                    {"id": "kurds", "name": "Kurds", "lists": ["kdp", "puk"]},
                ],
                "coalitions": [["fw", "kurds"], ["fw", "taqaddum"]],
            }
        )
    )
    inp = read_input(js, iraq)
    assert [b.id for b in inp.blocs] == ["fw", "kurds"] and inp.coalitions[1] == ("fw", "taqaddum")
    assert inp.national_error[inp.index("sol")] == pytest.approx(0.2)
    over = forecast_input(iraq, path=js, national_error=0.05)
    assert over.national_error[over.index("sol")] == pytest.approx(0.05)  # options beat the file
    # the poll's error: Dirichlet sampling sqrt(1 / (n p + 1/2)) plus the systematic error
    assert inp.national_error[inp.index("rdc")] == pytest.approx((1 / 140.5 + 0.2**2) ** 0.5)
    poll = {"sample_size": 1000, "shares": {"rdc": 14}, "systematic_error": 0}
    js.write_text(json.dumps({"poll": poll}))
    inp = read_input(js, iraq)
    assert inp.national_error[inp.index("rdc")] == pytest.approx(140.5**-0.5)


@pytest.mark.parametrize(
    ("name", "text", "error", "match"),
    [
        ("a.csv", "list,share\nrdc,abc\n", ValidationError, "line 2: share 'abc' is not a number"),
        ("b.csv", "party,share\nrdc,5\n", ValidationError, "missing column 'list'"),
        ("c.csv", "list,share\nnobody,5\n", UnknownIdError, "nobody"),
        ("d.json", "{not json", ValidationError, "not valid JSON"),
        ("e.json", '{"shares": 1}', ValidationError, "unknown key 'shares'"),
        ("f.json", '{"coalitions": [["cf", "martians"]]}', UnknownIdError, "martians"),
        ("g.json", '{"blocs": [{"id": "x"}]}', ValidationError, "needs 'alliance'"),
        ("h.json", '{"format": "other/2"}', ValidationError, "unknown format"),
        ("i.json", '{"national_error": "big"}', ValidationError, "not a number"),
        ("j.json", '{"poll": {"sample_size": 9, "shares": {}, "n": 1}}', ValidationError, "'n'"),
        (
            "k.json",
            '{"poll": {"sample_size": 900, "shares": {"rdc": 9}, "systematic_error": -1}}',
            ValidationError,
            "systematic_error must be between 0 and 5",
        ),
    ],
)
def test_bad_files(
    tmp_path: Path, iraq: Dataset, name: str, text: str, error: type, match: str
) -> None:
    p = tmp_path / name
    p.write_text(text)
    with pytest.raises(error, match=match):
        read_input(p, iraq)


def test_file_limits(tmp_path: Path, iraq: Dataset) -> None:
    with pytest.raises(FileNotFoundError):
        read_input(tmp_path / "missing.csv", iraq)
    big = tmp_path / "big.csv"
    big.write_bytes(b"list,share\n" + b"#" * (MAX_VOTES_BYTES + 1))
    with pytest.raises(TooLargeError, match=f"{MAX_VOTES_BYTES:,}"):
        read_input(big, iraq)


def test_default_blocs_on_a_date(iraq: Dataset) -> None:
    before = default_blocs(iraq, ["rdc", "sol"], "2025-11-11")  # before RDC joined (17 Nov 2025)
    assert [(b.id, b.members) for b in before] == [("cf", ("sol",)), ("shia", ("rdc",))]


def test_example_files(iraq: Dataset) -> None:
    root = Path(__file__).parents[2] / "examples" / "forecast"
    poll = read_input(root / "poll.json", iraq)
    assert [b.id for b in poll.blocs] == ["cf", "kurds", "sunni-big"]
    assert poll.national_shares[poll.index("rdc")] == pytest.approx(
        0.13, abs=0.005
    )  # Kirkuk moves it a little
    est = read_input(root / "estimates.csv", iraq)
    d = est.districts.index("Sulaymaniyah")
    assert est.shares[d, est.index("puk")] == pytest.approx(0.42)
