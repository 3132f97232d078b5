"""Districts, women's and minority quotas, law presets and counterfactuals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.data import load_dataset
from majlis.electoral import (
    Candidate,
    allocate_districts,
    allocate_quota_seats,
    allocate_seats,
    apply_law,
    compare_laws,
    women_quota_lists,
    women_quota_sntv,
)
from majlis.errors import InfeasibleQuotaError, UnknownIdError, ValidationError

IRAQ = load_dataset("iraq")
get_law = IRAQ.law


def test_districts_sum_and_national_threshold():
    votes = {"N": {"A": 500, "B": 300, "C": 40}, "S": {"A": 200, "C": 60, "D": 600}}
    r = allocate_districts(votes, {"N": 4, "S": 3}, "sainte-lague")
    assert r.seats == 7 and sum(r.totals.values()) == 7
    assert r.districts["N"] == allocate_seats(votes["N"], 4, "sainte-lague")
    # national shares: A 700, B 300, C 100, D 600 of 1700; 6 % threshold kills C (5.9 %) only
    t = allocate_districts(
        votes, {"N": 4, "S": 3}, "dhondt", threshold=0.06, threshold_scope="national"
    )
    assert t.eliminated == ("C",) and t.totals["C"] == 0
    # per-district: C has 60/860 = 7 % in S, passes there
    d = allocate_districts(votes, {"N": 4, "S": 3}, "dhondt", threshold=0.06)
    assert d.eliminated == ()
    with pytest.raises(ValidationError):
        allocate_districts(votes, {"N": 4}, "dhondt")
    with pytest.raises(ValidationError) as exc:
        allocate_districts({"N": {"A": -5}}, {"N": 4})
    assert "'N'" in str(exc.value)


def test_women_quota_sntv_2021_rule():
    # 5-seat district, quota 1. Elected by votes: m1..m5 (all men); best woman w1 replaces m5.
    c = [Candidate(f"m{i}", 10_000 - i * 1000) for i in range(1, 7)]
    c += [Candidate("w1", 2_000, True), Candidate("w2", 1_500, True)]
    assert [x.name for x in women_quota_sntv(c, 5, 1)] == ["m1", "m2", "m3", "m4", "w1"]
    # quota already met: no substitution (IDEA: "no substitution process shall take place")
    c2 = [Candidate("w0", 9_999, True)] + c
    assert [x.name for x in women_quota_sntv(c2, 5, 1)] == ["w0", "m1", "m2", "m3", "m4"]
    # quota 2 -> w1, w2 replace m5 and m4
    assert [x.name for x in women_quota_sntv(c, 5, 2)] == ["m1", "m2", "m3", "w1", "w2"]
    # no women at all -> as many as possible, no error
    assert len(women_quota_sntv(c[:6], 5, 1)) == 5
    with pytest.raises(ValidationError):
        women_quota_sntv(c, 5, 6)


def test_women_quota_lists_2025_rule():
    # Governorate quota 3. X (8 seats) owes 8//4 = 2 women, Y (3 seats) 0, Z (3 seats) 0.
    # After step 2: X has 2 women -> total 2 < 3. Step 3: lists owing seats//3: X 8//3 = 2 (has 2),
    # Y 3//3 = 1, Z 3//3 = 1 -> the one with more list votes (Z 9,000 > Y 8,000) takes it.
    def lst(prefix, men, women):
        return [Candidate(f"{prefix}m{i}", 1000 - i) for i in range(men)] + [
            Candidate(f"{prefix}w{i}", 10 - i, True) for i in range(women)
        ]

    cands = {"X": lst("x", 9, 3), "Y": lst("y", 4, 1), "Z": lst("z", 4, 1)}
    out = women_quota_lists(
        {"X": 8, "Y": 3, "Z": 3}, cands, quota=3, list_votes={"X": 20_000, "Y": 8_000, "Z": 9_000}
    )
    women = {n: sum(c.woman for c in v) for n, v in out.items()}
    assert women == {"X": 2, "Y": 0, "Z": 1}
    assert {n: len(v) for n, v in out.items()} == {"X": 8, "Y": 3, "Z": 3}  # list totals unchanged
    assert "xm7" not in [c.name for c in out["X"]] and "xm6" not in [c.name for c in out["X"]]


def test_minority_seats():
    got = allocate_quota_seats(
        {"feyli_kurd": {"Haidar": 17_174, "Other": 9_000}},
    )
    assert got == {"feyli_kurd": ["Haidar"]}
    assert allocate_quota_seats({"christian": {"a": 5, "b": 9, "c": 7}}, {"christian": 2}) == {
        "christian": ["b", "c"]
    }
    with pytest.raises(InfeasibleQuotaError):
        allocate_quota_seats({"x": {"a": 1}}, {"x": 2})


def test_law_presets():
    assert {"iraq-2010", "iraq-2014", "iraq-2018", "iraq-2021", "iraq-2025"} <= {
        law.id for law in IRAQ.laws
    }
    for law_id in ("iraq-2014", "iraq-2018", "iraq-2025"):
        law = get_law(law_id)
        assert law.general_seats == 320
        assert law.general_seats + len(law.minority_seats) == law.total_seats
        # with its minority seats the law fills the house of the elections held under it
        for e in IRAQ.elections:
            if e.law == law_id:
                assert law.total_seats == e.house_size
    assert get_law("iraq-2010").general_seats == 310
    assert sum(dict(get_law("iraq-2025").women_seats_by_district).values()) == 83
    assert get_law("iraq-2014").verified is False
    with pytest.raises(UnknownIdError):
        get_law("iraq-1999")


def test_apply_law_and_counterfactual():
    votes = {"Qadisiyah (Diwaniyah)": {"A": 100_000, "B": 80_000, "C": 30_000, "D": 20_000}}
    r = apply_law(get_law("iraq-2025"), votes, estimated=["Qadisiyah (Diwaniyah)/C"])
    assert sum(r.totals.values()) == 11  # Qadisiyah has 11 general seats
    assert r.estimated == ("Qadisiyah (Diwaniyah)/C",)
    assert any("women" in n for n in r.notes)
    cf = compare_laws(votes, [get_law(x) for x in ("iraq-2010", "iraq-2014", "iraq-2025")])
    assert cf["iraq-2025"].totals == allocate_seats(
        votes["Qadisiyah (Diwaniyah)"], 11, "sainte-lague", first_divisor="1.7"
    )
    assert cf["iraq-2014"].totals == allocate_seats(
        votes["Qadisiyah (Diwaniyah)"], 11, "sainte-lague", first_divisor="1.6"
    )
    with pytest.raises(ValidationError):
        apply_law(get_law("iraq-2021"), {"Baghdad-1": {"x": 5}})  # 2021 needs district magnitudes
    r21 = apply_law(
        get_law("iraq-2021"), {"Baghdad-1": {"x": 5, "y": 9, "z": 7, "w": 1}}, {"Baghdad-1": 3}
    )
    assert r21.districts["Baghdad-1"] == {"x": 1, "y": 1, "z": 1, "w": 0}


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([g for g, _ in get_law("iraq-2025").seats_by_district][:6]),
        st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(1, 10**6), min_size=1),
        min_size=1,
    )
)
def test_apply_law_totals_sum_to_district_seats(votes):
    r = apply_law(get_law("iraq-2025"), votes)
    seats = dict(get_law("iraq-2025").seats_by_district)
    assert sum(r.totals.values()) == r.general_seats == sum(seats[g] for g in votes)


def test_elect_candidates_2025_list_rule():
    from majlis.electoral import elect_candidates

    # Muthanna: 7 seats, 2 women. List votes = sum of candidates: X 78,000, Y 50,000, Z 5,000.
    # Sainte-Lague 1.7: X 45882, 26000, 15600, 11143; Y 29412, 16667, 10000 -> X 4, Y 3
    # (next: X 8667). X elects x1..x4, owes 4 // 4 = 1 woman: xw1 replaces x4. Y's 3 seats go
    # to y1, y2 and yw (3rd by votes). Women: 2 = the quota.
    c = [
        Candidate("x1", 30_000, list="X"),
        Candidate("x2", 20_000, list="X"),
        Candidate("x3", 15_000, list="X"),
        Candidate("x4", 10_000, list="X"),
        Candidate("xw1", 2_000, True, "X"),
        Candidate("xw2", 1_000, True, "X"),
        Candidate("y1", 30_000, list="Y"),
        Candidate("y2", 17_000, list="Y"),
        Candidate("yw", 3_000, True, "Y"),
        Candidate("z1", 5_000, list="Z"),
    ]
    res, elected = elect_candidates(get_law("iraq-2025"), {"Muthanna": c})
    assert res.totals == {"X": 4, "Y": 3, "Z": 0}
    assert sorted(x.name for x in elected["Muthanna"]) == [
        "x1",
        "x2",
        "x3",
        "xw1",
        "y1",
        "y2",
        "yw",
    ]
    # the 2018 rule (a woman after three men) gives the same here; 2010's rule is only noted
    _res18, el18 = elect_candidates(get_law("iraq-2018"), {"Muthanna": c})
    assert sorted(x.name for x in el18["Muthanna"]) == sorted(x.name for x in elected["Muthanna"])
    res10, _ = elect_candidates(get_law("iraq-2010"), {"Muthanna": c})
    assert any("not modelled" in n for n in res10.notes)


def test_apply_law_with_minority_ballots():
    # 2025 winners per the shared minority_seats.csv (AINA/Rudaw): Feyli Kurd seat in Wasit to
    # Haidar Ali with 17,174 votes; an invented runner-up below him.
    r = apply_law(
        get_law("iraq-2025"),
        {"Wasit": {"A": 1000, "B": 500}},
        minority_votes={"feyli_kurd": {"Haidar Ali": 17_174, "Runner-up": 9_000}},
    )
    assert r.minority == {"feyli_kurd": ["Haidar Ali"]}
    assert any("8 minority quota seats" in n for n in r.notes)
    with pytest.raises(ValidationError):
        apply_law(
            get_law("iraq-2025"), {"Wasit": {"A": 1}}, minority_votes={"feyli_kurd_wasit": {"x": 1}}
        )
    with pytest.raises(ValidationError):
        apply_law(
            get_law("iraq-2010"), {"Wasit": {"A": 1}}, minority_votes={"feyli_kurd": {"x": 1}}
        )  # no Feyli seat in 2010
