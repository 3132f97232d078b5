"""The parliament power report on the Iraq data."""

from __future__ import annotations

from fractions import Fraction

from majlis.games import (
    WeightedGame,
    alliance_union,
    game_from_parliament,
    power_report,
    quotient_game,
    shapley_shubik,
)


def test_report_after_june_2022():
    from majlis.data import load_dataset

    parl = load_dataset("iraq").parliament(date="2022-07-01")
    rep = power_report(parl)
    union = alliance_union(parl, "cf")
    assert union
    members = set(rep.alliance_members)
    for q in rep.quotas:
        g = game_from_parliament(parl, q)
        # Owen: the Framework's total equals its Shapley value in the quotient game
        qss = shapley_shubik(quotient_game(g, [union]))
        owen_total = sum(p.power[q]["owen"] for p in rep.parties if p.id in members)
        assert owen_total == qss[0]
        # without the union, per-party Shapley-Shubik sums the per-player values
        ss = shapley_shubik(g)
        ids = parl.player_ids()
        for p in rep.parties:
            assert p.power[q]["shapley_shubik"] == sum(
                (ss[i] for i, x in enumerate(ids) if x == p.id), Fraction(0)
            )
    assert sum(p.seats for p in rep.parties) == parl.filled_seats


def test_framework_is_a_union_in_the_house_as_elected():
    from majlis.data import load_dataset

    parl = load_dataset("iraq").parliament(
        election="2021"
    )  # shown on its first session, 9 Jan 2022
    union = alliance_union(parl, "cf")
    assert {parl.player_ids()[i] for i in union} == set(parl.alliance_members("cf"))
    assert sum(parl.players()[i][1] for i in union) == parl.alliance_seats("cf") > 0
    assert isinstance(game_from_parliament(parl), WeightedGame)
