"""apply_law_many: row by row equal to apply_law (thresholds, magnitudes, ties included)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from majlis.data import load_dataset
from majlis.electoral import Law, apply_law, apply_law_many
from majlis.errors import InfeasibleQuotaError, ValidationError

IRAQ_2025 = load_dataset("iraq").law("iraq-2025")

NAMES = [f"L{i}" for i in range(8)]
CUSTOM = {
    "national-5pc": Law(
        "test-national",
        "test",
        "sainte-lague",
        first_divisor="1.7",
        seats_by_district=(("North", 7), ("South", 4), ("East", 2)),
        threshold="0.05",
        threshold_scope="national",
    ),
    "district-10pc": Law(
        "test-district",
        "test",
        "dhondt",
        seats_by_district=(("North", 7), ("South", 4), ("East", 2)),
        threshold="0.1",
    ),
    "hare": Law(
        "test-hare", "test", "hare", seats_by_district=(("North", 7), ("South", 4), ("East", 2))
    ),
}


def _rowwise(law, mats, seats=None):
    rows = next(iter(mats.values())).shape[0]
    out = {d: np.zeros_like(m) for d, m in mats.items()}
    for r in range(rows):
        votes = {d: dict(zip(NAMES, m[r].tolist())) for d, m in mats.items()}
        res = apply_law(law, votes, seats)
        for d, got in res.districts.items():
            out[d][r] = [got.get(n, 0) for n in NAMES[: mats[d].shape[1]]]
    return out


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(sorted(CUSTOM)),
    st.integers(2, 8).flatmap(
        lambda n: st.lists(
            hnp.arrays(np.int64, (6, n), elements=st.integers(0, 40)),  # small: many exact ties
            min_size=3,
            max_size=3,
        )
    ),
)
def test_custom_laws_agree_with_apply_law(law_id, arrays):
    law = CUSTOM[law_id]
    mats = {}
    for d, a in zip(("North", "South", "East"), arrays):
        a[:, 0] += 50  # a list above every threshold in every row and district
        mats[d] = a
    got = apply_law_many(law, mats)
    want = _rowwise(law, mats)
    for d in mats:
        assert got[d].tolist() == want[d].tolist()
        assert (got[d].sum(axis=1) == dict(law.seats_by_district)[d]).all()


def test_iraq_2025_governorates_agree_with_apply_law():
    rng = np.random.default_rng(11)
    shares = rng.dirichlet(np.ones(8), size=4)
    mats = {
        gov: rng.multinomial(200_000, shares[i], size=50)
        for i, gov in enumerate(("Baghdad", "Erbil", "Muthanna", "Qadisiyah (Diwaniyah)"))
    }
    mats["Erbil"][:, 5] = 0  # a list that does not run there
    got = apply_law_many(IRAQ_2025, mats)
    want = _rowwise(IRAQ_2025, mats)
    for d in mats:
        assert got[d].tolist() == want[d].tolist()
    assert (got["Baghdad"].sum(axis=1) == 69).all()
    assert (got["Qadisiyah (Diwaniyah)"].sum(axis=1) == 11).all()
    assert (got["Erbil"][:, 5] == 0).all()


def test_official_erbil_2025():
    # IHEC preliminary votes and final seats (KDP 9, PUK 3, Halwest 2, NGM 1): the
    # dataset's Erbil rows, an official result reproduced
    erbil = [369_118, 97_301, 63_288, 38_911, 28_650, 13_772, 5_584, 1_811, 762]
    assert apply_law_many(IRAQ_2025, {"Erbil": [erbil]})["Erbil"][0].tolist()[:5] == [
        9,
        3,
        2,
        1,
        0,
    ]


def test_errors():
    with pytest.raises(ValidationError, match="no seat count"):
        apply_law_many(IRAQ_2025, {"Atlantis": [[1, 2]]})
    with pytest.raises(ValidationError, match="same rows and lists"):
        apply_law_many(IRAQ_2025, {"Erbil": [[1, 2]], "Dohuk": [[1, 2, 3]]})
    with pytest.raises(ValidationError, match="Erbil"):
        apply_law_many(IRAQ_2025, {"Erbil": [[1, -2]]})
    with pytest.raises(ValidationError):
        apply_law_many(IRAQ_2025, {})
    assert apply_law_many(IRAQ_2025, {"X": [[5, 1]]}, {"X": 3})["X"].tolist() == [[3, 0]]
    only_small = Law(
        "t",
        "t",
        "dhondt",
        seats_by_district=(("A", 2),),
        threshold="0.6",
        threshold_scope="national",
    )
    with pytest.raises(InfeasibleQuotaError):
        apply_law_many(only_small, {"A": [[50, 50]]})
