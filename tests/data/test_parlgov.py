"""The ParlGov reader: the shipped extract, real cabinets, the rules of the module notes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from majlis.data import parlgov_path, read_parlgov
from majlis.data.parlgov import investiture_rule
from majlis.errors import ValidationError


def _shared_export() -> Path | None:
    """ParlGov's full export in the project's ../shared folder, if this checkout has one."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "data" / "parlgov"
        if (candidate / "view_cabinet.csv").is_file():
            return candidate
    return None


@pytest.fixture(scope="module")
def data():
    return read_parlgov()


def by_id(data, oid):
    return next(o for o in data.opportunities if o.id == oid)


def short(opp, ids):
    return sorted(opp.party(p).extra["short_name"] for p in ids)


def test_extract_reads_like_the_full_export(data) -> None:
    full = _shared_export()
    if full is None:
        pytest.skip("ParlGov's full export (../shared/data/parlgov) is not in this checkout")
    assert read_parlgov(full).opportunities == data.opportunities


def test_known_cabinets(data) -> None:
    # Bundestag 2021 (Bundeswahlleiter): SPD 206, Greens 118, FDP 92 of 736; Scholz cabinet
    de = by_id(data, "DEU-2021-09-26")
    assert short(de, de.cabinet) == ["B90/Gru", "FDP", "SPD"]
    assert de.seats_of(de.cabinet) == 206 + 118 + 92 and de.total_seats == 736
    assert de.majority_threshold == 369 and de.investiture == "absolute"
    assert short(de, de.incumbent_parties) == ["CDU+CSU", "SPD"]  # Merkel IV
    # UK 2019: Conservatives 365 of 650, Johnson II governs alone
    uk = by_id(data, "GBR-2019-12-12")
    assert short(uk, uk.cabinet) == ["Con"] and uk.seats_of(uk.cabinet) == 365
    # Norway 2005: Stoltenberg II, Labour 61 + Socialist Left 15 + Centre 11 = 87 of 169
    no = by_id(data, "NOR-2005-09-12")
    assert no.seats_of(no.cabinet) == 87 and no.total_seats == 169 and len(no.cabinet) == 3


def test_elections_without_a_government_are_skipped(data) -> None:
    skipped = dict(data.skipped)
    # Israel's April and September 2019 Knessets formed no government (new elections followed)
    assert "ISR-2019-04-09" in skipped and "ISR-2019-09-17" in skipped
    assert not any(o.id.startswith("ISR-2019") for o in data.opportunities)
    assert not any(o.country == "CYP" for o in data.opportunities)  # presidential
    assert not any(o.country == "TUR" and o.date >= dt.date(2018, 7, 9) for o in data.opportunities)


def test_invariants(data) -> None:
    assert len(data.opportunities) > 600 and len({o.country for o in data.opportunities}) == 36
    for o in data.opportunities:
        assert sum(p.seats for p in o.parties) <= o.total_seats
        assert o.majority_threshold == o.total_seats // 2 + 1
        assert o.cabinet and all(o.party(p).eligible and o.party(p).seats > 0 for p in o.cabinet)
        assert o.date is not None and o.date.year >= 1945
        assert all(g.start is None or g.start < o.date for g in o.history or ())
        for p in o.parties:
            if p.extra["short_name"] in {"none", "one-seat", "no-seat", "etc", "vac"}:
                assert not p.eligible


def test_system_codings() -> None:
    # Basic Law Art. 63; Instrument of Government 1974 ch. 6 art. 4 (from 1975); Finland 2000
    assert investiture_rule("DEU", dt.date(1953, 9, 6)) == "absolute"
    assert investiture_rule("SWE", dt.date(1973, 9, 16)) == "none"
    assert investiture_rule("SWE", dt.date(1976, 9, 19)) == "negative"
    assert investiture_rule("FIN", dt.date(1999, 3, 21)) == "none"
    assert investiture_rule("FIN", dt.date(2003, 3, 16)) == "simple"
    assert investiture_rule("ESP", dt.date(1977, 6, 15)) == "none"
    assert investiture_rule("ESP", dt.date(1979, 3, 1)) == "absolute"


def test_belgium_is_segmented_from_the_1970_revision(data) -> None:
    before = by_id(data, "BEL-1968-03-31")
    after = by_id(data, "BEL-1971-11-07")
    assert not before.segmented and all(p.segment is None for p in before.parties)
    assert after.segmented
    segments = {p.extra["short_name"]: p.segment for p in after.parties if p.seats}
    assert segments["CVP|CD&V"] == "flemish" and segments["PSC-CDH"] == "francophone"
    assert segments["BSP-PSB"] == "*"  # still unitary until 1978


def test_history_statuses(data) -> None:
    de = by_id(data, "DEU-2021-09-26")
    merkel4 = de.history[-1]
    # ParlGov: Merkel IV = the 2017-2018 caretaker, Merkel V = the 2018 grand coalition
    assert merkel4.name == "Merkel V" and merkel4.status == "minimal-winning"
    dk = by_id(data, "DNK-2022-11-01")
    assert any(g.status == "minority" for g in dk.history)  # Danish minority cabinets


def test_filters_and_errors(tmp_path: Path) -> None:
    only = read_parlgov(countries=["nld"], since="2000-01-01")
    assert {o.country for o in only.opportunities} == {"NLD"}
    assert all(o.date >= dt.date(2000, 1, 1) for o in only.opportunities)
    with pytest.raises(ValidationError, match="starts in 1945"):
        read_parlgov(since="1930-01-01")
    with pytest.raises(ValidationError, match="not found"):
        read_parlgov(tmp_path / "nowhere")
    folder = tmp_path / "pg"
    shutil.copytree(parlgov_path(), folder)
    (folder / "view_party.csv").write_text("party_id,left_right\n1,5\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"view_party\.csv: missing column"):
        read_parlgov(folder)
