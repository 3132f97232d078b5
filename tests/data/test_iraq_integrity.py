"""Data-integrity suite for the built-in Iraq dataset: sums, dates, references, sources.

Expected values come from the raw sourced tables copied beside the dataset
(``src/majlis/data/iraq/sources/``), read here independently of the dataset loader.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter

import pytest

from majlis.data import builtin_path, load_dataset
from majlis.model import EVENT_CATEGORIES

DS = load_dataset("iraq")
SOURCES = builtin_path("iraq") / "sources"


def raw(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def csv_rows(name: str) -> list[dict[str, str]]:
    with (builtin_path("iraq") / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("year", ["2018", "2021", "2025"])
def test_national_seats_match_the_sourced_tables(year: str) -> None:
    p = DS.parliament(election=year)
    expected = sum(int(r["seats"]) for r in raw(f"lists_{year}.csv"))
    assert expected == 329 == p.total_seats == p.filled_seats
    # list by list, the dataset's seats equal the sourced table's (matched by vote share, which is unique);
    # the sourced table's one aggregated "minority quota seats" row (Wikipedia) is itemised per seat in
    # the dataset: its seats equal the dataset's national minority rows
    by_share = {
        f"{float(r['vote_share']):.2f}": int(r["seats"])
        for r in raw(f"lists_{year}.csv")
        if not r["list_name_en"].startswith("Minority quota")
    }
    got = {f"{r.vote_share:.2f}": r.seats for r in DS.results_of(year) if r.vote_share is not None}
    assert got == by_share
    aggregated = [
        r for r in raw(f"lists_{year}.csv") if r["list_name_en"].startswith("Minority quota")
    ]
    minority = sum(r.seats or 0 for r in DS.results_of(year) if r.seat_type == "minority")
    assert minority == sum(int(r["seats"]) for r in aggregated) or (
        not aggregated and minority == 0
    )


def test_2021_key_figures() -> None:
    seats = DS.parliament(election=2021).seats
    # IHEC final results, 30 Nov 2021 (INA)
    assert (seats["sadrist"], seats["taqaddum"], seats["sol"], seats["kdp"], seats["fatah"]) == (
        73,
        37,
        33,
        31,
        17,
    )
    assert seats["independents"] == 43


def test_sadrist_seats_gone_after_june_2022_resignation() -> None:
    before = DS.parliament(date="2022-06-11")
    after = DS.parliament(date="2022-06-12")
    assert before.seats["sadrist"] == 73 and "sadrist" not in after.seats
    assert after.vacant_seats == before.vacant_seats + 73


def test_replacements_match_the_reported_oaths() -> None:
    # 64 substitutes sworn in on 23 Jun 2022 and 9 absent (esta.krd; the Cradle 24 Jun 2022);
    # 4 more sworn in on 8 Oct 2022 (Madarik parliamentary observatory, session 37)
    by_event = {ev.id: ev for ev in DS.events}
    june, october = by_event["2022-06-23"], by_event["2022-10-08"]
    assert june.category == october.category == "replacement"
    assert sum(c.delta for c in june.seat_changes) == 64
    assert sum(c.delta for c in october.seat_changes) == 4
    assert all(c.delta > 0 and c.source for c in june.seat_changes + october.seat_changes)
    assert DS.parliament(date="2022-06-23").vacant_seats == 9
    p = DS.parliament(date="2022-12-31")
    assert p.vacant_seats == 5 and p.seats["fatah"] == 17 + 12  # Rudaw: Fatah 17 -> 29


def test_nineveh_exclusion_of_december_2025_moves_one_seat() -> None:
    # Rudaw Arabic, 7 Dec 2025: excluding Najm al-Jubouri (39,464 votes) drops Nineveh for Its
    # People (111,225 votes) from 3 seats to 2 and lifts the Arab Project from 1 to 2
    nineveh = {
        r.party: r
        for r in DS.results
        if r.election == "2025" and r.district == "Nineveh" and r.seat_type == "general"
    }
    assert (nineveh["nfip"].votes, nineveh["nfip"].seats, nineveh["ap"].seats) == (111225, 3, 1)
    before = DS.parliament(date="2025-12-06").seats
    after = DS.parliament(date="2025-12-07").seats
    assert (after["nfip"], after["ap"]) == (before["nfip"] - 1, before["ap"] + 1) == (2, 2)
    assert sum(after.values()) == sum(before.values()) == 329
    # the house that first sat (29 Dec 2025) already has the change
    assert DS.parliament(election=2025).seats["nfip"] == 2


def test_framework_seats_are_the_sum_over_memberships() -> None:
    rows = csv_rows("memberships.csv")
    for day in ["2021-11-30", "2022-06-30", "2022-10-27", "2025-11-20", "2026-03-01"]:
        d = dt.date.fromisoformat(day)
        p = DS.parliament(date=d)
        members = {
            r["member"]
            for r in rows
            if r["alliance"] == "cf" and r["start"] <= day and (not r["end"] or day < r["end"])
        }
        assert p.alliance_seats("cf") == sum(p.seats.get(m, 0) for m in members)
        assert p.alliance_seats("cf") > 0


def test_framework_members_predecessor_leaders_and_rivals() -> None:
    cf = DS.alliance("cf")
    assert cf.predecessor == "nia" and DS.alliance("nia").name == "National Iraqi Alliance"
    members = {m.member for m in DS.memberships if m.alliance == "cf"}
    assert {
        "sol",
        "fatah",
        "badr",
        "sadiqoun",
        "nsf",
        "hikma",
        "nasr",
        "huqooq",
        "isci",
        "kss",
        "rdc",
        "aqd",
        "minhaj",
    } <= members
    for leader in ["Maliki", "Abadi", "Sudani", "Hakim", "Khazali", "Hamoudi"]:
        assert any(leader in name for name in cf.leaders), leader
    for rival in ["sadrist", "kdp", "puk", "taqaddum", "azm"]:
        DS.party(rival)
    assert DS.alliance("save-the-homeland").kind == "coalition"
    # Save the Homeland on the day it was announced (Siyada incl. Azm and Jamaheer), and after
    # Azm defected for the boycott of 26 Mar 2022 (musingsoniraq; Asharq al-Awsat)
    stl = DS.parliament(date="2022-03-23")
    assert set(stl.alliance_members("save-the-homeland")) == {
        "sadrist",
        "kdp",
        "taqaddum",
        "azm",
        "masses",
    }
    stl = DS.parliament(date="2022-04-01")
    assert set(stl.alliance_members("save-the-homeland")) == {
        "sadrist",
        "kdp",
        "taqaddum",
        "masses",
    }


def test_every_row_has_a_source() -> None:
    for name in [
        "parties",
        "alliances",
        "memberships",
        "elections",
        "results",
        "events",
        "seat_changes",
    ]:
        for i, row in enumerate(csv_rows(f"{name}.csv"), start=2):
            assert row["source"].strip(), f"{name}.csv line {i} has no source"


def test_source_files_referenced_exist() -> None:
    for name in ["parties", "results", "memberships"]:
        for row in csv_rows(f"{name}.csv"):
            for ref in row["source"].split(";"):
                ref = ref.strip().split(" ")[0]
                if ref.startswith("sources/"):
                    assert (builtin_path("iraq") / ref).exists(), ref


def test_timeline() -> None:
    events = DS.timeline()
    assert len(events) >= 30
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert all(e.category in EVENT_CATEGORIES for e in events)
    assert dt.date(2021, 10, 10) == events[0].date or events[0].date <= dt.date(2021, 10, 10)
    kinds = Counter(e.category for e in events)
    for needed in ["election", "court", "parliament_vote", "resignation", "nomination"]:
        assert kinds[needed] >= 1, needed


def test_governorates_sum_to_the_house() -> None:
    rows = raw("governorates.csv")
    assert len(rows) == 18
    assert sum(int(r["general_seats"]) for r in rows) == 320
    assert sum(int(r["minority_seats"]) for r in rows) == 9
    for col in ["seats_2018", "seats_2021", "seats_2025"]:
        assert sum(int(r[col]) for r in rows) == 329
    assert sum(int(r["women_quota_seats"]) for r in rows) == 83
    assert sum(int(r["districts_2021"]) for r in rows) == 83
    for r in rows:
        assert int(r["general_seats"]) + int(r["minority_seats"]) == int(r["seats_2025"]), r[
            "governorate"
        ]
    assert len(raw("minority_seats.csv")) == 9
    for year in ["2018", "2021", "2025"]:
        ds_rows = DS.districts_of(year)
        assert len(ds_rows) == 18
        assert sum(d.seats for d in ds_rows) == 320 and sum(d.minority_seats for d in ds_rows) == 9
        assert sum(d.women_quota for d in ds_rows) == 83
    assert sum(d.subdistricts for d in DS.districts_of(2021)) == 83


def test_governorate_results_never_exceed_national() -> None:
    for year in ["2018", "2021", "2025"]:
        national = {r.party: r.seats for r in DS.results_of(year)}
        per_district = Counter()
        for r in DS.results_of(year, district=None):
            if r.district and r.seats:
                per_district[r.party] += r.seats
        for party, seats in per_district.items():
            assert seats <= (national.get(party) or 0), (year, party)


def test_baghdad_2025_general_seats() -> None:
    # Rudaw / Okaz final results, 17 Nov 2025: Baghdad has 69 general seats and 2 minority seats
    rows = DS.results_of(2025, district="Baghdad")
    assert sum(r.seats for r in rows if r.seat_type == "general") == 69
    assert sum(r.seats for r in rows if r.seat_type == "minority") == 2


def test_every_party_id_is_used() -> None:
    used = (
        {r.party for r in DS.results}
        | {m.member for m in DS.memberships}
        | {c.party for e in DS.events for c in e.seat_changes}
    )
    unused = {p.id for p in DS.parties} - used
    assert not unused, unused


def test_district_results_fit_their_districts() -> None:
    for year in ["2018", "2025"]:
        magnitude = {d.name: d.seats for d in DS.districts_of(year)}
        known = Counter()
        for r in DS.results_of(year, district=None):
            if r.district:
                assert r.source and r.votes_status in (
                    "final",
                    "preliminary",
                    "approximate",
                    "missing",
                )
                if r.seat_type == "general":
                    known[r.district] += r.seats or 0
        for district, seats in known.items():
            assert seats <= magnitude[district], (year, district)
    # complete official results (Rudaw, Okaz, Kurdpress, Kurdistan24): every general seat accounted for
    for district in ["Baghdad", "Erbil", "Sulaymaniyah", "Dohuk", "Najaf"]:
        rows = DS.results_of(2025, district=district)
        assert sum(r.seats for r in rows if r.seats and r.seat_type == "general") == next(
            d.seats for d in DS.districts_of(2025) if d.name == district
        )


def test_positions_carry_source_method_and_reasoning() -> None:
    rows = csv_rows("positions.csv")
    assert rows, "positions.csv is empty"
    for i, row in enumerate(rows, start=2):
        assert row["source"].strip(), f"positions.csv line {i} has no source"
        assert row["scale"].strip(), f"positions.csv line {i} has no scale"
        if row["method"] in ("judgement", "coded"):
            assert len(row["notes"]) > 20, (
                f"positions.csv line {i}: a {row['method']} needs its reasoning"
            )
    # survey rows are the raw tables' figures: each GPS/V-Party value appears in the research table
    research = {
        (r["dimension"], r["value"]) for r in raw("positions_research.csv") if r["value"].strip()
    }
    for row in rows:
        if row["dimension"].startswith(("gps_", "vparty_")):
            assert (row["dimension"], row["value"]) in research, row


def test_main_dimensions_share_one_0_to_10_scale() -> None:
    for dim in ("left_right", "pmf_iran", "federalism", "sectarian_civic"):
        values = DS.positions_on(dim)
        assert values, dim
        assert {(p.low, p.high) for p in values.values()} == {(0, 10)}


# The minority quota seats of the 2025 house, one row per seat. Independent value: the law (the
# third amendment, Shafaq 20 Mar 2023, in sources/FACTCHECK.md): five Christian seats (Baghdad,
# Nineveh, Kirkuk, Erbil, Dohuk), Yazidi and Shabak in Nineveh, Sabean-Mandaean in Baghdad, Feyli Kurd
# in Wasit -- written out here by hand, not read from the package.
LAW_2025_MINORITY_SEATS = sorted(
    [
        ("Baghdad", "Christian"),
        ("Nineveh", "Christian"),
        ("Kirkuk", "Christian"),
        ("Erbil", "Christian"),
        ("Dohuk", "Christian"),
        ("Nineveh", "Yazidi"),
        ("Nineveh", "Shabak"),
        ("Baghdad", "Sabean-Mandaean"),
        ("Wasit", "Feyli Kurd"),
    ]
)


def minority_rows_2025() -> list:
    return [
        r for r in DS.results_of(2025, district=None) if r.district and r.seat_type == "minority"
    ]


def test_2025_minority_seats_itemised_one_row_per_seat() -> None:
    rows = minority_rows_2025()
    assert len(rows) == 9 and all(r.seats == 1 for r in rows)
    # each row says its community first ("Christian quota: Evan Faiq Jabro ...")
    got = sorted((r.district, r.notes.split(" quota:")[0]) for r in rows)
    assert got == LAW_2025_MINORITY_SEATS
    for r in rows:
        assert r.source and r.notes.split(" quota: ")[1].strip()  # the winner is named
        assert DS.party(r.party).family == "minority"
        assert r.votes_status in ("final", "preliminary", "approximate", "missing")
        assert (r.votes is None) == (r.votes_status == "missing")
    # the law's minority seats (laws.csv) and the dataset's districts agree with the rows
    law = sorted((g, c) for _, c, g in DS.law("iraq-2025").minority_seats)
    assert law == LAW_2025_MINORITY_SEATS
    per_district = Counter(r.district for r in rows)
    assert per_district == {
        d.name: d.minority_seats for d in DS.districts_of(2025) if d.minority_seats
    }


def test_2025_minority_rows_add_up_to_the_house() -> None:
    national = Counter()
    for r in DS.results_of(2025):
        if r.seat_type == "minority":
            national[r.party] += r.seats or 0
    assert sum(national.values()) == 9
    assert national == Counter(r.party for r in minority_rows_2025())
    house = DS.parliament(election=2025)
    assert house.total_seats == house.filled_seats == 329
    # Babylon Movement keeps 2 of the 5 Christian seats (AINA, 12 Nov 2025: "halved" from 4 in 2021)
    assert national["babylon"] == 2


def test_2025_house_has_no_unknown_family_and_no_placeholder_name() -> None:
    house = DS.parliament(election=2025)
    unknown = [p for p in house.seats if DS.party(p).family == "unknown"]
    assert not unknown, unknown
    placeholders = [p for p in house.seats if DS.party(p).name.endswith("(list)")]
    assert not placeholders, placeholders
    # every 2025 list renamed from a Wikipedia abbreviation carries an Arabic name except Kildani's,
    # whose full name was not found (sources/VOTES-BY-GOVERNORATE.md)
    for pid in [
        "nfip",
        "npu",
        "ap",
        "dfc",
        "spa",
        "sumerian",
        "idraak",
        "state-support",
        "faw-zakho",
    ]:
        assert DS.party(pid).name_ar, pid
    # the Kurdish total (56) that Shafaq's monitors' table and musingsoniraq give
    kurdish = sum(s for p, s in house.seats.items() if DS.party(p).family == "kurdish")
    assert kurdish == 56


@pytest.mark.parametrize("year", ["2021", "2025"])
def test_every_party_with_three_seats_has_the_four_main_positions(year: str) -> None:
    house = DS.parliament(election=year)
    not_parties = {"minority-quota"}  # nine quota seats, winners not itemised
    for party_id, seats in house.seats.items():
        if seats < 3 or DS.party(party_id).independents or party_id in not_parties:
            continue
        for dim in ("left_right", "pmf_iran", "federalism", "sectarian_civic"):
            p = DS.position(party_id, dim, on=house.date)
            assert p is not None, (year, party_id, dim)
            assert p.source and p.notes, (party_id, dim)


def test_dated_positions_record_changes() -> None:
    # Basra governor al-Eidani asked for a Basra region (2018, 2021), rejected it from March 2024
    assert DS.position("tasmim", "federalism", on="2022-10-27").value == 6
    assert DS.position("tasmim", "federalism", on="2025-11-11").value == 3
    # Azm: Khanjar's federalist list in 2021, Samarrai's anti-region Azm in 2025
    assert DS.position("azm", "federalism", on="2022-01-09").value == 7
    assert DS.position("azm", "federalism", on="2025-12-29").value == 2
