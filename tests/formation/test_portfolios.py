"""Portfolio rules: Gamson/Hamilton and sequential D'Hondt against the electoral methods, hand
computations for the weighted and points rules, the top-posts convention, limits, and the 2022
Sudani cabinet."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.data import load_dataset
from majlis.electoral import dhondt as dhondt_seats
from majlis.electoral import hare
from majlis.errors import TooLargeError, UnknownMethodError, ValidationError
from majlis.formation.portfolios import (
    MAX_PARTIES,
    MAX_POSTS,
    POINTS_SCHEMES,
    PORTFOLIO_RULES,
    WEIGHT_SCHEMES,
    Post,
    allocate,
    cabinet_holders,
    dhondt,
    points,
    portfolio_report,
    proportional,
    top_posts_list,
    weighted,
)

seat_maps = st.dictionaries(
    st.sampled_from("abcdefgh"), st.integers(min_value=1, max_value=60), min_size=1, max_size=8
)


def test_registry_and_cli_list_agree() -> None:
    from majlis.cli.portfolios import _RULES

    assert set(PORTFOLIO_RULES) == {"proportional", "dhondt", "weighted", "points"}
    assert _RULES.split(", ") == list(PORTFOLIO_RULES)


@settings(max_examples=60, deadline=None)
@given(seat_maps, st.integers(min_value=1, max_value=30))
def test_proportional_is_hamilton(seats: dict[str, int], n: int) -> None:
    # second method: the electoral package's Hare largest remainder (ties: more votes, then order)
    ordered = dict(sorted(seats.items(), key=lambda kv: (-kv[1], kv[0])))
    assert proportional(seats, n).counts() == hare(ordered, n)


@settings(max_examples=60, deadline=None)
@given(seat_maps, st.integers(min_value=1, max_value=30))
def test_sequential_dhondt_counts_are_dhondt_seats(seats: dict[str, int], n: int) -> None:
    ordered = dict(sorted(seats.items(), key=lambda kv: (-kv[1], kv[0])))
    assert dhondt(seats, n).counts() == dhondt_seats(ordered, n)


@settings(max_examples=40, deadline=None)
@given(seat_maps, st.integers(min_value=1, max_value=20))
def test_invariants(seats: dict[str, int], n: int) -> None:
    for rule in PORTFOLIO_RULES:
        a = allocate(rule, seats, n)
        assert sum(a.counts().values()) == n  # every post goes to someone
        assert sum(a.shares.values()) == 1
    # equal weights: the weighted rule is Gamson's law
    assert weighted(seats, n, weights="equal").counts() == proportional(seats, n).counts()


def test_sequential_choice_order_by_hand() -> None:
    # quotients: a 50 (PM), b 30, a 25, c 20, b 15 = a 50/3 ... (O'Leary, Grofman & Elklit's procedure)
    posts = [Post("PM", "top", 5), Post("Finance", "sovereign", 3), "Health", "Youth", "Water"]
    a = dhondt({"a": 50, "b": 30, "c": 20}, posts)
    assert [(x.post.name, x.party) for x in a.awards] == [
        ("PM", "a"),
        ("Finance", "b"),
        ("Health", "a"),
        ("Youth", "c"),
        ("Water", "a"),  # a: 50/3 = 16.7 > b 15 > c 10
    ]


def test_weighted_by_hand() -> None:
    # total weight 3 + 1 + 1 + 1 = 6; dues a 4, b 2. Oil (3) -> a (due 4, left 1);
    # Health -> b (2 > 1, left 1); Youth -> a and b both 1 left: a has more seats; Water -> b.
    posts = [Post("Oil", "sovereign"), "Health", "Youth", "Water"]
    w = weighted({"a": 40, "b": 20}, posts, weights="iraq-2022")
    assert w.entitlement == {"a": 4, "b": 2}
    assert w.holders() == {"Oil": "a", "Health": "b", "Youth": "a", "Water": "b"}
    assert w.weights() == {"a": 4, "b": 2}


def test_points_by_hand() -> None:
    # Shafaq 17 Oct 2022: 5 MPs buy a cabinet seat (1 point), 15 MPs a sovereign one (3 points)
    seats = {"x": 45, "y": 25, "z": 10}  # 9, 5 and 2 points
    posts = [Post("Oil", "sovereign"), Post("Interior", "sovereign"), "Health", "Water", "Youth"]
    a = points(seats, posts, scheme="iraq-2022")
    assert a.entitlement == {"x": 9, "y": 5, "z": 2}
    # Oil (3) -> x (9 -> 6); Interior (3) -> x (6 -> 3, y has 5? no: 6 > 5) ; Health -> y (5);
    # Water -> y (4 > 3); Youth -> x and y at 3: x has more seats
    assert a.holders() == {"Oil": "x", "Interior": "x", "Health": "y", "Water": "y", "Youth": "x"}
    assert not any(aw.note for aw in a.awards)
    # 2010 scheme: seats / 2.44 = points (Musings on Iraq, 2 Dec 2010): 91 seats -> 37.3 points
    assert Fraction(91) / POINTS_SCHEMES["iraq-2010"].seats_per_point == Fraction(9100, 244)
    tight = points({"x": 5, "y": 4}, [Post("Oil", "sovereign"), "Health"])
    assert tight.awards[0].note.startswith("over budget")  # 1 point cannot buy a 3-point post


def test_weight_schemes_match_their_sources() -> None:
    w22 = WEIGHT_SCHEMES["iraq-2022"]
    assert (w22.sovereign, w22.ministry) == (3, 1)  # 15 MPs vs 5 MPs
    assert w22.sovereign_posts == {"Defence", "Interior", "Foreign Affairs", "Finance", "Oil"}
    w10 = WEIGHT_SCHEMES["iraq-2010"]
    assert (w10.top, w10.sovereign, w10.state) == (10, 4, 1)
    assert "Interior" not in w10.sovereign_posts  # the 2010 report names four
    assert w10.classify("Prime Minister") == "top" and w10.classify("Oil") == "sovereign"


def test_top_posts_convention() -> None:
    seats = {"shia1": 40, "shia2": 30, "kurd": 20, "sunni": 10}
    fam = {"shia1": "shia", "shia2": "shia", "kurd": "kurdish", "sunni": "sunni"}
    posts = [*top_posts_list(), "Health", "Youth"]
    for rule in PORTFOLIO_RULES:
        a = allocate(rule, seats, posts, families=fam, top_posts=True)
        h = a.holders()
        assert fam[h["Prime Minister"]] == "shia"
        assert h["President of the Republic"] == "kurd"
        assert h["Speaker of the Council of Representatives"] == "sunni"
    # without the rule the largest party may take the speakership
    free = proportional(seats, posts)
    assert free.holders()["Speaker of the Council of Representatives"] != "sunni"
    # no eligible party: the post stays unallocated, with a note
    a = proportional({"shia1": 40, "kurd": 20}, posts, families=fam, top_posts=True)
    assert a.holders()["Speaker of the Council of Representatives"] is None and a.notes
    with pytest.raises(ValidationError, match="needs each party's component"):
        proportional(seats, posts, top_posts=True)


@pytest.mark.parametrize(
    ("seats", "posts", "error", "message"),
    [
        ({}, 3, ValidationError, "give the coalition"),
        ({"a": -1}, 3, ValidationError, "whole number >= 0"),
        ({"a": 0}, 3, ValidationError, "holds no seats"),
        ({"a": True}, 3, ValidationError, "whole number"),
        ({"a": 1}, 0, ValidationError, "at least one post"),
        ({"a": 1}, ["X", "X"], ValidationError, "listed twice"),
        ({"a": 1}, MAX_POSTS + 1, TooLargeError, f"at most {MAX_POSTS:,} posts"),
        ({f"p{i}": 1 for i in range(MAX_PARTIES + 1)}, 3, TooLargeError, f"at most {MAX_PARTIES}"),
    ],
)
def test_bad_input(seats, posts, error, message) -> None:
    with pytest.raises(error, match=message):
        proportional(seats, posts)


def test_unknown_ids() -> None:
    with pytest.raises(UnknownMethodError, match="unknown portfolio rule"):
        allocate("gamson", {"a": 1}, 1)
    with pytest.raises(UnknownMethodError, match="unknown weight scheme"):
        weighted({"a": 1}, 1, weights="europe")
    with pytest.raises(UnknownMethodError, match="unknown points scheme"):
        points({"a": 1}, 1, scheme="iraq-1999")
    with pytest.raises(ValidationError, match="weight must be positive"):
        Post("x", weight=Fraction(0))


DS = load_dataset("iraq")


def test_real_2022_cabinet_holders() -> None:
    h = cabinet_holders(DS, "2022-10-27")
    assert h.cabinet == "sudani-2022"
    # sources/cabinet_2022.csv: 21 ministers confirmed on 27 Oct, two Kurdish posts on 3 Dec,
    # plus the prime minister
    assert len(h.holders) == 24 and h.classes["Prime Minister"] == "top"
    assert h.holders["Prime Minister"] == "furatain" and h.holders["Oil"] == "sol"
    assert h.holders["Environment"] is not None  # filled 3 Dec, counted with its first holder
    assert sum(h.shares().values()) == 1
    assert cabinet_holders(DS, "2021-01-01").cabinet is None


@pytest.mark.parametrize("rule", list(PORTFOLIO_RULES))
def test_report_on_the_2022_cabinet(rule: str) -> None:
    r = portfolio_report(DS, date="2022-10-27", coalition="sac", rule=rule)
    members = DS.parliament(date="2022-10-27").alliance_members("sac")
    assert set(r.parties) <= set(members)
    assert sum(r.allocation.counts().values()) == len(r.real) == 24
    total = sum(r.allocation.seats.values())
    assert r.allocation.shares == {p: Fraction(s, total) for p, s in r.allocation.seats.items()}
    rows = {row["party"]: row for row in r.rows()}
    assert rows["furatain"]["real"] == 3  # PM, Finance, Interior (Al-Monitor)
    comps = {c["component"]: c for c in r.components(r._post_components)}
    assert sum(c["real"] for c in comps.values()) == 24
    assert sum(c["predicted"] for c in comps.values()) == 24
    assert "independent" not in comps  # the Framework's independents count in the Shia share
    assert (
        comps["shia"]["real"] == 13
        and comps["sunni"]["real"] == 6
        and comps["kurdish"]["real"] == 4
    )
    doc = r.to_dict()
    assert doc["cabinet"] == "sudani-2022" and doc["rule"] == rule


def test_report_with_top_posts_and_without_a_cabinet() -> None:
    r = portfolio_report(DS, date="2022-10-27", coalition="sac", rule="points", top_posts=True)
    h = r.allocation.holders()
    assert DS.party(h["Prime Minister"]).family == "shia"
    assert DS.party(h["President of the Republic"]).family == "kurdish"
    assert DS.party(h["Speaker of the Council of Representatives"]).family == "sunni"
    with pytest.raises(ValidationError, match="give the number of posts"):
        portfolio_report(DS, date="2022-01-09", coalition="sadrist,kdp,taqaddum")
    g = portfolio_report(DS, date="2022-01-09", coalition="sadrist,kdp,taqaddum", posts=22)
    assert g.cabinet is None and sum(g.allocation.counts().values()) == 22
