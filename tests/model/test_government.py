"""Relations, committees, tallies, cabinets and posts: records and their validation in a Dataset."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.errors import UnknownIdError, ValidationError
from majlis.model import (
    Cabinet,
    CabinetPost,
    Committee,
    Event,
    Relation,
    Tally,
    TallyFigure,
)

from .test_dataset import small

D = dt.date


def cabinet(**kw) -> Cabinet:
    base = dict(
        id="c1",
        name="First",
        prime_minister="P. M.",
        party="a",
        coalition="big",
        start=D(2020, 8, 1),
        end=D(2021, 8, 1),
    )
    base.update(kw)
    return Cabinet(**base)  # type: ignore[arg-type]


def vote_event() -> Event:
    return Event("vote", D(2020, 9, 1), "a vote", "parliament_vote")


# ---------------------------------------------------------------------- records alone
def test_relation_record_checks() -> None:
    with pytest.raises(ValidationError, match="unknown kind"):
        Relation("friend", "a", "b", D(2020, 1, 1))
    with pytest.raises(ValidationError, match="cannot relate to itself"):
        Relation("ally", "a", "a", D(2020, 1, 1))
    with pytest.raises(ValidationError, match="end 2020-01-01 is not after start"):
        Relation("ally", "a", "b", D(2020, 1, 1), D(2020, 1, 1))
    r = Relation("ally", "a", "b", D(2020, 1, 1), D(2020, 2, 1))
    assert r.covers(D(2020, 1, 31)) and not r.covers(D(2020, 2, 1))  # end is exclusive


def test_committee_record_checks() -> None:
    with pytest.raises(ValidationError, match="no counterpart"):
        Committee("x", D(2020, 1, 1), "ab", "Head", ())
    with pytest.raises(ValidationError, match="cannot negotiate with itself"):
        Committee("x", D(2020, 1, 1), "ab", "Head", ("ab",))
    with pytest.raises(ValidationError, match="head is empty"):
        Committee("x", D(2020, 1, 1), "ab", "", ("c",))


def test_tally_figure_record_checks() -> None:
    with pytest.raises(ValidationError, match="unknown item 'mayor'"):
        TallyFigure("e", "mayor", "present", 1)
    with pytest.raises(ValidationError, match="unknown measure 'cheers'"):
        TallyFigure("e", "speaker", "cheers", 1)
    with pytest.raises(ValidationError, match="negative count"):
        TallyFigure("e", "speaker", "present", -1)
    with pytest.raises(ValidationError, match="need a subject"):
        TallyFigure("e", "speaker", "votes", 10)
    with pytest.raises(ValidationError, match="round must be 1 or more"):
        TallyFigure("e", "speaker", "present", 10, round=0)


def test_tally_prefers_the_first_figure_and_keeps_every_source() -> None:
    figs = (
        TallyFigure("e", "speaker", "votes", 182, subject="M", source="INA"),
        TallyFigure("e", "speaker", "votes", 181, subject="M", source="Shafaq"),
        TallyFigure("e", "speaker", "votes", 182, subject="M", source="Xinhua"),
        TallyFigure("e", "speaker", "votes", 42, subject="I", source="INA"),
        TallyFigure("e", "speaker", "threshold", 165, source="Art. 55"),
    )
    t = Tally("e", "speaker", 1, figs)
    assert t.values("votes", "M") == (182, 181) and t.value("votes", "M") == 182
    assert t.sources("votes", "M") == {182: ["INA", "Xinhua"], 181: ["Shafaq"]}
    assert t.disputed() and t.disputed("votes", "M") and not t.disputed("votes", "I")
    assert t.candidates == {"M": 182, "I": 42}
    assert t.value("present") is None and t.quorum_met() is None
    assert t.to_dict()["preferred"] == {"threshold": 165}


def test_cabinet_and_post_record_checks() -> None:
    with pytest.raises(ValidationError, match=r"start .* is required"):
        Cabinet("c", "C", "PM")
    with pytest.raises(ValidationError, match="designated 2020-09-01 after its confidence vote"):
        cabinet(designated=D(2020, 9, 1))
    with pytest.raises(ValidationError, match="a vacant post has no holder"):
        CabinetPost("c1", "Interior", holder="X", status="vacant")
    with pytest.raises(ValidationError, match="a filled post needs a holder"):
        CabinetPost("c1", "Interior")
    with pytest.raises(ValidationError, match="unknown component 'martian'"):
        CabinetPost("c1", "Interior", holder="X", component="martian")
    with pytest.raises(ValidationError, match="unknown status"):
        CabinetPost("c1", "Interior", holder="X", status="gone")
    assert not CabinetPost("c1", "Interior", status="vacant").filled


# ---------------------------------------------------------------------- inside a dataset
def test_relations_are_checked_against_ids_and_memberships() -> None:
    with pytest.raises(ValidationError, match="unknown party or alliance 'zz'"):
        small(relations=[Relation("ally", "zz", "ab", D(2020, 6, 1))])
    # 'a' is a member of 'ab' from 2020-06-01: it cannot also be its ally then
    with pytest.raises(ValidationError, match="'a' is a member of 'ab'"):
        small(relations=[Relation("ally", "a", "ab", D(2020, 1, 1), D(2020, 7, 1))])
    # before joining it can be an ally
    small(relations=[Relation("ally", "a", "ab", D(2020, 1, 1), D(2020, 6, 1))])
    with pytest.raises(ValidationError, match="overlapping relations 'ally' of 'c' to 'ab'"):
        small(
            relations=[
                Relation("ally", "c", "ab", D(2020, 6, 1)),
                Relation("ally", "c", "ab", D(2021, 1, 1)),
            ]
        )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ally", "partner", "support", "opposition"]),
            st.sampled_from(["c", "i"]),
            st.sampled_from(["ab", "big", "a"]),
            st.integers(0, 700),
        ),
        max_size=4,
        unique_by=lambda t: (t[0], t[1], t[2]),
    )
)
def test_relations_never_change_alliance_totals(rels) -> None:
    plain = small()
    related = small(
        relations=[
            Relation(kind, s, o, D(2020, 1, 1) + dt.timedelta(days=days))
            for kind, s, o, days in rels
            if not (s == "c" and o == "big")  # c is a member of big: not a relation
        ]
    )
    for day in ["2020-06-15", "2020-08-01", "2021-06-01", "2022-02-01"]:
        for aid in ["ab", "big"]:
            assert related.parliament(date=day).alliance_seats(aid) == plain.parliament(
                date=day
            ).alliance_seats(aid)


def test_relations_on_a_day() -> None:
    ds = small(
        relations=[
            Relation("ally", "c", "ab", D(2020, 6, 1), D(2020, 7, 1)),
            Relation("opposition", "i", "big", D(2022, 1, 2)),
        ]
    )
    assert [r.subject for r in ds.relations_on("2020-06-15")] == ["c"]
    assert ds.relations_on("2020-07-01") == []
    assert [r.kind for r in ds.relations_on("2022-03-01", kind="opposition")] == ["opposition"]


def test_committees_are_checked_and_found() -> None:
    c = Committee("talks", D(2020, 6, 1), "ab", "Head", ("c",), account="paper")
    ds = small(committees=[c])
    assert ds.committee("talks") == c
    with pytest.raises(UnknownIdError, match="unknown committee 'nope'"):
        ds.committee("nope")
    with pytest.raises(ValidationError, match="committee 'talks': unknown party or alliance 'zz'"):
        small(committees=[Committee("talks", D(2020, 6, 1), "ab", "Head", ("zz",))])
    with pytest.raises(ValidationError, match="duplicate committee id 'talks'"):
        small(committees=[c, c])


def test_tallies_are_checked_against_events_and_the_house() -> None:
    events = [*small().events, vote_event()]
    ok = small(
        events=events,
        tallies=[
            TallyFigure("vote", "speaker", "present", 9, source="s1"),
            TallyFigure("vote", "speaker", "present", 8, source="s2"),
            TallyFigure("vote", "speaker", "votes", 6, subject="A", source="s1"),
            TallyFigure("vote", "speaker", "votes", 3, subject="B", source="s1"),
        ],
    )
    t = ok.tally("vote", "speaker")
    assert t.values("present") == (9, 8) and t.candidates == {"A": 6, "B": 3}
    assert [x.item for x in ok.tallies_of("vote")] == ["speaker"]
    with pytest.raises(UnknownIdError, match="no tally for 'president'"):
        ok.tally("vote", "president")
    with pytest.raises(UnknownIdError, match="unknown event 'zz'"):
        ok.tallies_of("zz")
    with pytest.raises(ValidationError, match="unknown event 'nope'"):
        small(tallies=[TallyFigure("nope", "session", "present", 5)])
    with pytest.raises(ValidationError, match="11 exceeds the house of 10"):
        small(events=events, tallies=[TallyFigure("vote", "session", "present", 11)])
    with pytest.raises(ValidationError, match="sum to 9, more than the 8 MPs"):
        small(
            events=events,
            tallies=[
                TallyFigure("vote", "speaker", "present", 8),
                TallyFigure("vote", "speaker", "votes", 5, subject="A"),
                TallyFigure("vote", "speaker", "votes", 4, subject="B"),
            ],
        )


def test_cabinets_and_posts_are_checked() -> None:
    with pytest.raises(ValidationError, match="cabinet 'c1': unknown party 'zz'"):
        small(cabinets=[cabinet(party="zz")])
    with pytest.raises(ValidationError, match="cabinet 'c1': unknown coalition 'zz'"):
        small(cabinets=[cabinet(coalition="zz")])
    with pytest.raises(ValidationError, match="cabinets 'c1' and 'c2' overlap"):
        small(cabinets=[cabinet(), cabinet(id="c2", start=D(2021, 7, 1), end=None)])
    with pytest.raises(ValidationError, match="unknown cabinet 'c9'"):
        small(cabinets=[cabinet()], posts=[CabinetPost("c9", "Oil", holder="X")])
    with pytest.raises(ValidationError, match="post 'Oil' of cabinet 'c1': unknown party 'zz'"):
        small(cabinets=[cabinet()], posts=[CabinetPost("c1", "Oil", holder="X", party="zz")])
    with pytest.raises(ValidationError, match="starts before the cabinet"):
        small(
            cabinets=[cabinet()], posts=[CabinetPost("c1", "Oil", holder="X", start=D(2020, 1, 1))]
        )
    with pytest.raises(ValidationError, match="runs past the cabinet's end"):
        small(cabinets=[cabinet()], posts=[CabinetPost("c1", "Oil", holder="X", end=D(2022, 1, 1))])
    with pytest.raises(ValidationError, match="overlapping spans of post 'Oil' in cabinet 'c1'"):
        small(
            cabinets=[cabinet()],
            posts=[
                CabinetPost("c1", "Oil", status="vacant", end=D(2020, 10, 1)),
                CabinetPost("c1", "Oil", holder="X", start=D(2020, 9, 1)),
            ],
        )


def test_cabinet_look_ups_follow_the_dates() -> None:
    ds = small(
        cabinets=[cabinet(), cabinet(id="c2", name="Second", start=D(2021, 8, 1), end=None)],
        posts=[
            CabinetPost("c1", "Prime Minister", "prime-minister", holder="P. M.", party="a"),
            CabinetPost("c1", "Oil", status="vacant", end=D(2020, 10, 1)),
            CabinetPost("c1", "Oil", holder="X", party="b", start=D(2020, 10, 1)),
            CabinetPost("c2", "Oil", holder="Y", party="c"),
        ],
    )
    assert ds.cabinet("c2").name == "Second" and ds.cabinet_on("2021-08-01").id == "c2"
    assert ds.cabinet_on("2020-01-01") is None
    assert len(ds.cabinet_posts("c1")) == 3
    assert [p.status for p in ds.cabinet_posts("c1", on="2020-09-01")] == ["filled", "vacant"]
    assert [p.holder for p in ds.cabinet_posts("c1", on="2021-07-31")] == ["P. M.", "X"]
    assert ds.cabinet_posts("c1", on="2021-08-01") == []  # the term is over
    with pytest.raises(UnknownIdError, match="unknown cabinet 'c9' \\(known: c1, c2\\)"):
        ds.cabinet_posts("c9")
