"""Constitution presets as data: thresholds, deadlines and presets against published figures."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from majlis.errors import UnknownIdError, ValidationError
from majlis.formation.constitution import (
    CONSTITUTIONS,
    Constitution,
    Deadline,
    Round,
    Step,
    Threshold,
    add_months,
    constitution_from_dict,
    get_constitution,
)
from majlis.model import majority_quota, two_thirds_quota


def test_iraq_thresholds_are_the_published_ones() -> None:
    # 165 (absolute majority) and 220 (two-thirds) of 329: RULES.md, Art. 55, 70, FSC 16/2022
    iraq = get_constitution("iraq-2005")
    speaker = iraq.step("speaker").rounds[0]
    president, runoff = iraq.step("president").rounds
    assert speaker.threshold.needed(members=329) == 165
    assert speaker.quorum is not None and speaker.quorum.needed(members=329) == 165
    assert president.threshold.needed(members=329) == 220
    assert president.quorum is not None and president.quorum.needed(members=329) == 220
    assert runoff.runoff == 2 and runoff.quorum == president.quorum
    # a second method: the model's own quota functions
    assert speaker.threshold.needed(members=329) == majority_quota(329)
    assert president.threshold.needed(members=329) == two_thirds_quota(329)
    confidence = iraq.step("confidence").rounds[0]
    assert confidence.threshold.needed(members=329) == 165
    assert iraq.step("confidence").on_failure == "designation"  # Art. 76(5)


def test_spain_and_sweden_figures() -> None:
    # Spain: absolute majority of 350 is 176 (Art. 99.3; press reports of 2019-2020)
    inv = get_constitution("spain-1978").step("investiture")
    assert inv.rounds[0].threshold.needed(members=350) == 176
    assert inv.rounds[1].min_hours_after_previous == 48
    assert (
        inv.deadline is not None
        and inv.deadline.months == 2
        and inv.deadline.on_expiry == "dissolve"
    )
    # Sweden: a proposal falls when 175 of 349 vote against (The Local, 18 Jan 2019)
    vote = get_constitution("sweden-1974").step("pm-vote")
    assert vote.rounds[0].negative and vote.rounds[0].threshold.needed(members=349) == 175
    assert vote.max_failures == 4  # ch. 6 art. 5: the fourth rejection ends the procedure


@given(
    st.integers(1, 10_000),
    st.fractions(min_value=Fraction(1, 100), max_value=1),
    st.booleans(),
)
def test_threshold_is_the_smallest_count_meeting_the_rule(
    base: int, f: Fraction, strict: bool
) -> None:
    n = Threshold(f, "members", strict).needed(members=base)
    meets = (lambda k: k > f * base) if strict else (lambda k: k >= f * base)
    assert meets(n) and not meets(n - 1)


def test_threshold_describe_and_bad_input() -> None:
    assert Threshold("2/3", strict=False).describe() == "at least 2/3 of all members"
    assert Threshold("1/2", of="valid").describe() == "more than 1/2 of the valid votes"
    with pytest.raises(ValidationError):
        Threshold("3/2")
    with pytest.raises(ValidationError):
        Threshold("1/2", of="voters")
    with pytest.raises(ValidationError):
        Threshold("half")


def test_deadlines_match_the_dated_events() -> None:
    # events.csv: the 30-day deadline for the President expired on 28 Jan 2026 (first session 29 Dec)
    president = get_constitution("iraq-2005").step("president").deadline
    assert president is not None
    assert president.due(dt.date(2025, 12, 29)) == dt.date(2026, 1, 28)
    # Spain 2019: two months from the failed vote of 23 July run to 23 September (ABC, 25 Jul 2019)
    assert add_months(dt.date(2019, 7, 23), 2) == dt.date(2019, 9, 23)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)


@pytest.mark.parametrize("cid", sorted(CONSTITUTIONS))
def test_presets_round_trip_and_cite_articles(cid: str) -> None:
    c = CONSTITUTIONS[cid]
    assert constitution_from_dict(c.to_dict()) == c
    assert c.sources
    for s in c.steps:
        assert s.article, f"{cid}/{s.id} cites no article"


def test_rules_are_checked() -> None:
    maj = Threshold("1/2")
    vote = Step("v", "vote", "investiture", (Round("r", maj),))
    with pytest.raises(ValidationError, match="repeated"):
        Constitution("x", "x", "xx", (vote, vote))
    with pytest.raises(ValidationError, match="unknown step"):
        Constitution(
            "x", "x", "xx", (Step("v", "v", "investiture", (Round("r", maj),), on_failure="nope"),)
        )
    with pytest.raises(ValidationError, match="rounds"):
        Step("a", "a", "act", (Round("r", maj),))
    with pytest.raises(ValidationError, match="rounds"):
        Step("v", "v", "election")
    with pytest.raises(ValidationError, match="run-off"):
        Step("v", "v", "election", (Round("r", maj, runoff=2),))
    with pytest.raises(ValidationError, match="restart_at"):
        Deadline("election", days=3, on_expiry="restart")
    with pytest.raises(ValidationError, match="positive"):
        Deadline("election")
    with pytest.raises(ValidationError, match="milestone"):
        Constitution(
            "x",
            "x",
            "xx",
            (
                Step(
                    "v",
                    "v",
                    "investiture",
                    (Round("r", maj),),
                    deadline=Deadline("nowhere", days=1),
                ),
            ),
        )
    with pytest.raises(UnknownIdError):
        get_constitution("atlantis")
    with pytest.raises(UnknownIdError):
        get_constitution("iraq-2005").step("king")
    with pytest.raises(ValidationError, match="malformed"):
        constitution_from_dict({"id": "x"})
