"""Party positions: single records, dataset-wide checks and the date rule of ``Dataset.position``."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from majlis.errors import UnknownIdError, ValidationError
from majlis.model import (
    POSITION_METHODS,
    Dataset,
    Election,
    Party,
    Position,
    Result,
    format_number,
    parse_number,
)

D = dt.date


def ds(*positions: Position) -> Dataset:
    return Dataset(
        country="xx",
        name="Toy",
        parties=[Party("a", "A"), Party("b", "B")],
        elections=[Election("2020", D(2020, 1, 1), "toy", 5)],
        results=[Result("2020", "a", seats=3), Result("2020", "b", seats=2)],
        positions=positions,
    )


def test_methods_are_the_four_documented_kinds() -> None:
    assert POSITION_METHODS == ("expert-survey", "manifesto", "coded", "judgement")


def test_value_is_exact_and_normalised_onto_0_1() -> None:
    p = Position("a", "econ", "4.121", low=0, high=6, method="expert-survey", source="s")
    assert p.value == Fraction(4121, 1000)
    assert p.normalised == Fraction(4121, 6000)  # 4.121 / 6 by hand
    assert Position("a", "d", 0.1, source="s").value == Fraction(1, 10)  # not the binary float


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"value": "11"}, "value 11 outside its scale 0..10"),
        ({"value": "-0.5"}, "value -0.5 outside its scale 0..10"),
        ({"value": "x"}, "malformed value"),
        ({"value": "nan"}, "malformed value"),
        ({"value": "1/0"}, "malformed value"),
        ({"value": "1", "low": "5", "high": "5"}, "scale low 5 is not below high 5"),
        ({"value": "1", "method": "poll"}, "unknown method 'poll'"),
        ({"value": "1", "dimension": " "}, "dimension is empty"),
        ({"value": "1", "party": ""}, "party is empty"),
        ({"value": True}, "malformed value"),
    ],
)
def test_malformed_positions_are_refused(kwargs: dict, message: str) -> None:
    args = {"party": "a", "dimension": "d", "source": "s", **kwargs}
    with pytest.raises(ValidationError, match=message):
        Position(**args)


def test_as_of_text_is_parsed() -> None:
    assert Position("a", "d", 1, as_of="2022-10", source="s").as_of == D(2022, 10, 1)  # type: ignore[arg-type]


def test_dataset_rejects_unknown_party_duplicates_and_mixed_scales() -> None:
    with pytest.raises(ValidationError, match="unknown party 'z'"):
        ds(Position("z", "d", 1))
    with pytest.raises(ValidationError, match="listed twice"):
        ds(Position("a", "d", 1), Position("a", "d", 2))
    with pytest.raises(ValidationError, match=r"scale 0\.\.4 differs from 0\.\.10 used by 'a'"):
        ds(Position("a", "d", 1), Position("b", "d", 1, high=4))
    # the same party and dimension at two dates is fine
    assert len(ds(Position("a", "d", 1), Position("a", "d", 2, as_of=D(2021, 1, 1))).positions) == 2


def test_position_picks_the_latest_dated_on_or_before_else_the_undated() -> None:
    undated = Position("a", "lr", 5)
    early = Position("a", "lr", 3, as_of=D(2018, 5, 12))
    late = Position("a", "lr", 7, as_of=D(2022, 1, 1))
    d = ds(late, undated, early)
    assert d.position("a", "lr", on=D(2017, 1, 1)) is undated  # before every dated row
    assert d.position("a", "lr", on=D(2018, 5, 12)) is early  # on the day counts
    assert d.position("a", "lr", on="2021-12-31") is early
    assert d.position("a", "lr", on="2030-01-01") is late
    assert d.position("a", "lr") is late  # no date: the latest
    assert d.position("b", "lr") is None  # a known party without a position
    only_dated = ds(Position("a", "lr", 3, as_of=D(2018, 5, 12)))
    assert only_dated.position("a", "lr", on=D(2018, 5, 11)) is None


def test_unknown_party_or_dimension_is_an_error() -> None:
    d = ds(Position("a", "lr", 5))
    with pytest.raises(UnknownIdError, match="unknown dimension 'rl' \\(known: lr\\)"):
        d.position("a", "rl")
    with pytest.raises(UnknownIdError, match="unknown party 'z'"):
        d.position("z", "lr")
    with pytest.raises(UnknownIdError, match="unknown dimension"):
        d.positions_on("rl")


def test_dimensions_and_positions_on() -> None:
    d = ds(
        Position("a", "lr", 5),
        Position("b", "fed", 2),
        Position("b", "lr", 1, as_of=D(2021, 1, 1)),
    )
    assert d.dimensions() == ["lr", "fed"]
    assert {k: p.value for k, p in d.positions_on("lr").items()} == {"a": 5, "b": 1}
    assert set(d.positions_on("lr", on=D(2020, 1, 1))) == {"a"}  # b's only row is later


@given(st.fractions(min_value=-(10**6), max_value=10**6))
def test_format_number_round_trips(x: Fraction) -> None:
    text = format_number(x)
    assert parse_number(text) == x
    if "/" not in text:  # a decimal only when the denominator is 2^a 5^b
        d = x.denominator
        while d % 2 == 0:
            d //= 2
        while d % 5 == 0:
            d //= 5
        assert d == 1


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (Fraction(-1, 8), "-0.125"),
        (Fraction(1, 20), "0.05"),
        (Fraction(7), "7"),
        (Fraction(2, 3), "2/3"),
    ],
)
def test_format_number_by_hand(x: Fraction, text: str) -> None:
    assert format_number(x) == text
