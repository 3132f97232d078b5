"""Records of government formation: relations between blocs, negotiation committees, vote tallies,
cabinets and their posts.

Plain frozen dataclasses like :mod:`majlis.model._records`: each checks only that it is well
formed on its own; :class:`~majlis.model.Dataset` checks them against the rest of the data
(known ids, spans that do not overlap, posts inside their cabinet's term).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from majlis.errors import ValidationError
from majlis.model._records import FAMILIES

__all__ = [
    "POST_KINDS",
    "POST_STATUSES",
    "RELATION_KINDS",
    "TALLY_ITEMS",
    "TALLY_MEASURES",
    "Cabinet",
    "CabinetPost",
    "Committee",
    "Relation",
    "Tally",
    "TallyFigure",
]

#: Kinds of relation between a party or alliance and another that are *not* membership.
#:
#: ``ally``: coordinates positions and votes with the object without joining it;
#: ``partner``: a partner in a government or a governing agreement, not a member of the bloc;
#: ``confidence-and-supply``: votes for the object's government in confidence and budget votes
#: only; ``support``: backs the object (a candidate, a government) from outside;
#: ``opposition``: declared opposition to the object.
RELATION_KINDS: tuple[str, ...] = (
    "ally",
    "partner",
    "confidence-and-supply",
    "support",
    "opposition",
)

#: What a recorded vote or attendance count is about.
TALLY_ITEMS: tuple[str, ...] = (
    "session",  # attendance of a sitting (no vote recorded)
    "speaker",
    "first-deputy-speaker",
    "second-deputy-speaker",
    "president",
    "confidence",  # the vote of confidence in a cabinet and its programme
    "minister",  # one minister's confirmation (``subject`` names the post)
    "resignation",
    "dissolution",
    "other",
)

#: The figures a tally can carry. ``votes`` is one candidate's votes (``subject`` names them);
#: ``quorum`` is the attendance required, ``threshold`` the votes required to carry the item.
TALLY_MEASURES: tuple[str, ...] = (
    "present",
    "absent",
    "voting",
    "for",
    "against",
    "abstain",
    "invalid",
    "votes",
    "quorum",
    "threshold",
)

#: Kinds of cabinet post (a deputy prime minister's title goes in the notes of the ministry its
#: holder runs, so that each post is one portfolio).
POST_KINDS: tuple[str, ...] = ("prime-minister", "minister", "minister-of-state")

#: States of a cabinet post over a span: held by its own minister, held ad interim by
#: another member of the government, or empty.
POST_STATUSES: tuple[str, ...] = ("filled", "acting", "vacant")


def _check_span(start: dt.date | None, end: dt.date | None, owner: str) -> None:
    if start is not None and end is not None and end <= start:
        raise ValidationError(f"{owner}: end {end} is not after start {start}")


def _covers(start: dt.date | None, end: dt.date | None, on: dt.date) -> bool:
    return (start is None or start <= on) and (end is None or on < end)


@dataclass(frozen=True, slots=True)
class Relation:
    """``subject`` (a party or alliance) stands in a relation of ``kind`` to ``object``.

    A relation is *not* membership: alliance seat totals never count it. ``end`` is exclusive;
    ``None`` means it still holds.

    Examples
    --------
    >>> r = Relation("ally", "tasmim", "cf", dt.date(2022, 10, 27))
    >>> r.covers(dt.date(2025, 1, 1))
    True
    """

    kind: str
    subject: str
    object: str
    start: dt.date
    end: dt.date | None = None
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        owner = f"relation {self.kind!r} of {self.subject!r} to {self.object!r} from {self.start}"
        if self.kind not in RELATION_KINDS:
            raise ValidationError(
                f"{owner}: unknown kind (expected one of {', '.join(RELATION_KINDS)})"
            )
        if not self.subject or not self.object:
            raise ValidationError(f"{owner}: subject and object are required")
        if self.subject == self.object:
            raise ValidationError(f"{owner}: a party or alliance cannot relate to itself")
        _check_span(self.start, self.end, owner)

    def covers(self, on: dt.date) -> bool:
        """True if the relation holds on ``on``."""
        return _covers(self.start, self.end, on)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "kind": self.kind,
            "subject": self.subject,
            "object": self.object,
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "source": self.source,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class Committee:
    """A negotiating delegation: ``side`` sends it, led by ``head``, to talk to ``counterparts``.

    Where sources disagree on who led a delegation, each version is its own record with its own
    ``account`` (the source that gives it) and ``id``.

    Examples
    --------
    >>> c = Committee("cf-sadr", dt.date(2021, 12, 25), "cf", "Hadi al-Amiri", ("sadrist",))
    >>> c.to_dict()["counterparts"]
    ['sadrist']
    """

    id: str
    date: dt.date
    side: str
    head: str
    counterparts: tuple[str, ...]
    members: tuple[str, ...] = ()
    account: str = ""
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValidationError("committee: id is empty")
        owner = f"committee {self.id!r}"
        if not self.side:
            raise ValidationError(f"{owner}: side is empty")
        if not self.head:
            raise ValidationError(f"{owner}: head is empty")
        if not self.counterparts:
            raise ValidationError(f"{owner}: no counterpart")
        if self.side in self.counterparts:
            raise ValidationError(f"{owner}: {self.side!r} cannot negotiate with itself")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "side": self.side,
            "head": self.head,
            "members": list(self.members),
            "counterparts": list(self.counterparts),
            "account": self.account,
            "source": self.source,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class TallyFigure:
    """One reported figure of a vote or an attendance count, with its own source.

    ``item`` is what was decided (:data:`TALLY_ITEMS`), ``round`` the ballot round,
    ``measure`` what is counted (:data:`TALLY_MEASURES`) and ``subject`` the candidate (for
    ``votes``) or the post (for a ``minister`` item). Two sources giving different figures for
    the same count are two records; the first listed is the dataset's preferred figure.

    Examples
    --------
    >>> TallyFigure("2022-01-09", "speaker", "votes", 200, subject="Mohammed al-Halbousi").count
    200
    """

    event: str
    item: str
    measure: str
    count: int
    round: int = 1
    subject: str = ""
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        owner = f"tally of event {self.event!r} ({self.item}, round {self.round}, {self.measure})"
        if not self.event:
            raise ValidationError("tally figure: event is empty")
        if self.item not in TALLY_ITEMS:
            raise ValidationError(
                f"{owner}: unknown item {self.item!r} (expected one of {', '.join(TALLY_ITEMS)})"
            )
        if self.measure not in TALLY_MEASURES:
            raise ValidationError(
                f"{owner}: unknown measure {self.measure!r} (expected one of {', '.join(TALLY_MEASURES)})"
            )
        if self.count < 0:
            raise ValidationError(f"{owner}: negative count {self.count}")
        if self.round < 1:
            raise ValidationError(f"{owner}: round must be 1 or more, got {self.round}")
        if self.measure == "votes" and not self.subject:
            raise ValidationError(f"{owner}: a candidate's votes need a subject (the candidate)")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "event": self.event,
            "item": self.item,
            "round": self.round,
            "measure": self.measure,
            "subject": self.subject,
            "count": self.count,
            "source": self.source,
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Tally:
    """All figures reported for one item and round of one event (a ballot or a sitting).

    Build it with :meth:`majlis.model.Dataset.tally`. Where sources disagree, :meth:`value`
    gives the preferred (first listed) figure and :meth:`values` every figure reported.

    Examples
    --------
    >>> t = Tally("e", "session", 1, (
    ...     TallyFigure("e", "session", "present", 178, source="AFP"),
    ...     TallyFigure("e", "session", "present", 200, source="Anadolu"),
    ...     TallyFigure("e", "session", "quorum", 220, source="FSC"),
    ... ))
    >>> t.value("present"), t.values("present"), t.disputed("present"), t.quorum_met()
    (178, (178, 200), True, False)
    """

    event: str
    item: str
    round: int
    figures: tuple[TallyFigure, ...]

    def _matching(self, measure: str, subject: str) -> list[TallyFigure]:
        return [f for f in self.figures if f.measure == measure and f.subject == subject]

    def values(self, measure: str, subject: str = "") -> tuple[int, ...]:
        """Every distinct figure reported for ``measure`` (and ``subject``), preferred first."""
        out: list[int] = []
        for f in self._matching(measure, subject):
            if f.count not in out:
                out.append(f.count)
        return tuple(out)

    def value(self, measure: str, subject: str = "") -> int | None:
        """The preferred figure for ``measure`` (and ``subject``); ``None`` if none is reported."""
        vals = self.values(measure, subject)
        return vals[0] if vals else None

    def sources(self, measure: str, subject: str = "") -> dict[int, list[str]]:
        """For each figure reported, the sources that give it."""
        out: dict[int, list[str]] = {}
        for f in self._matching(measure, subject):
            out.setdefault(f.count, []).append(f.source)
        return out

    def disputed(self, measure: str | None = None, subject: str = "") -> bool:
        """True if sources give different figures (for one measure, or for any if ``None``)."""
        if measure is not None:
            return len(self.values(measure, subject)) > 1
        return any(len(self.values(f.measure, f.subject)) > 1 for f in self.figures)

    @property
    def candidates(self) -> dict[str, int]:
        """Each candidate's preferred vote count, most votes first."""
        names: list[str] = []
        for f in self.figures:
            if f.measure == "votes" and f.subject not in names:
                names.append(f.subject)
        counts = {n: self.value("votes", n) or 0 for n in names}
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]))

    def quorum_met(self) -> bool | None:
        """Whether the preferred attendance reached the quorum (``None`` if either is unknown)."""
        present, quorum = self.value("present"), self.value("quorum")
        if present is None or quorum is None:
            return None
        return present >= quorum

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document: every figure with its source, plus the preferred values."""
        measures: dict[str, Any] = {}
        for f in self.figures:
            if f.measure != "votes" and f.subject == "":
                measures[f.measure] = self.value(f.measure)
        return {
            "event": self.event,
            "item": self.item,
            "round": self.round,
            "preferred": measures,
            "candidates": self.candidates,
            "disputed": self.disputed(),
            "quorum_met": self.quorum_met(),
            "figures": [f.to_dict() for f in self.figures],
        }


@dataclass(frozen=True, slots=True)
class Cabinet:
    """A government: its prime minister, the coalition that voted it in, and its term.

    ``start`` is the day parliament gave it confidence, ``end`` (exclusive) the day the next
    cabinet did (a caretaker period counts as part of the term). ``designated`` is the day the
    prime minister was tasked with forming it. ``ministries`` is the number of ministerial
    portfolios it was formed with (including any left vacant), where the sources give it: the
    size of the pie when not every post is itemised.

    Examples
    --------
    >>> c = Cabinet("x", "Example cabinet", "A. Minister", start=dt.date(2022, 10, 27))
    >>> c.in_office(dt.date(2023, 1, 1))
    True
    """

    id: str
    name: str
    prime_minister: str
    prime_minister_ar: str = ""
    party: str = ""
    coalition: str = ""
    designated: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    ministries: int | None = None
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            raise ValidationError("cabinet: id is empty")
        owner = f"cabinet {self.id!r}"
        if not self.name or not self.prime_minister:
            raise ValidationError(f"{owner}: name and prime minister are required")
        if self.start is None:
            raise ValidationError(f"{owner}: start (the confidence vote) is required")
        _check_span(self.start, self.end, owner)
        if self.ministries is not None and self.ministries < 1:
            raise ValidationError(f"{owner}: ministries must be 1 or more, got {self.ministries}")
        if self.designated is not None and self.designated > self.start:
            raise ValidationError(
                f"{owner}: designated {self.designated} after its confidence vote {self.start}"
            )

    def in_office(self, on: dt.date) -> bool:
        """True if the cabinet is in office (or caretaker) on ``on``."""
        return _covers(self.start, self.end, on)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "id": self.id,
            "name": self.name,
            "prime_minister": self.prime_minister,
            "prime_minister_ar": self.prime_minister_ar,
            "party": self.party or None,
            "coalition": self.coalition or None,
            "designated": self.designated.isoformat() if self.designated else None,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "ministries": self.ministries,
            "source": self.source,
            "notes": self.notes,
        }


@dataclass(frozen=True, slots=True)
class CabinetPost:
    """One post of a cabinet over a span: who held it, for which party, or that it was vacant.

    A post that changes hands (or is filled after the confidence vote) has one record per span.
    ``party`` is a party id of the dataset (empty if the holder has none or it is unknown;
    ``affiliation`` then describes it in words); ``component`` is the communal share the post
    counts towards (a :data:`~majlis.model.FAMILIES` value).

    Examples
    --------
    >>> p = CabinetPost("c", "Interior", status="vacant", start=dt.date(2026, 5, 14))
    >>> p.filled
    False
    """

    cabinet: str
    post: str
    kind: str = "minister"
    holder: str = ""
    holder_ar: str = ""
    party: str = ""
    affiliation: str = ""
    component: str = "unknown"
    start: dt.date | None = None
    end: dt.date | None = None
    status: str = "filled"
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        owner = f"post {self.post!r} of cabinet {self.cabinet!r}" + (
            f" from {self.start}" if self.start else ""
        )
        if not self.cabinet or not self.post:
            raise ValidationError(f"{owner}: cabinet and post are required")
        if self.kind not in POST_KINDS:
            raise ValidationError(
                f"{owner}: unknown kind {self.kind!r} (expected one of {', '.join(POST_KINDS)})"
            )
        if self.status not in POST_STATUSES:
            raise ValidationError(
                f"{owner}: unknown status {self.status!r} (expected one of {', '.join(POST_STATUSES)})"
            )
        if self.component not in FAMILIES:
            raise ValidationError(
                f"{owner}: unknown component {self.component!r} (expected one of {', '.join(FAMILIES)})"
            )
        if self.status == "vacant" and (self.holder or self.party):
            raise ValidationError(f"{owner}: a vacant post has no holder or party")
        if self.status != "vacant" and not self.holder:
            raise ValidationError(f"{owner}: a {self.status} post needs a holder")
        _check_span(self.start, self.end, owner)

    @property
    def filled(self) -> bool:
        """True if someone holds the post (as minister or acting)."""
        return self.status != "vacant"

    def held_on(self, on: dt.date) -> bool:
        """True if this span of the post covers ``on``."""
        return _covers(self.start, self.end, on)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "cabinet": self.cabinet,
            "post": self.post,
            "kind": self.kind,
            "holder": self.holder or None,
            "holder_ar": self.holder_ar or None,
            "party": self.party or None,
            "affiliation": self.affiliation,
            "component": self.component,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "status": self.status,
            "source": self.source,
            "notes": self.notes,
        }


def group_tallies(figures: Iterable[TallyFigure]) -> list[Tally]:
    """Group figures into one :class:`Tally` per (event, item, round), in first-seen order."""
    groups: dict[tuple[str, str, int], list[TallyFigure]] = {}
    for f in figures:
        groups.setdefault((f.event, f.item, f.round), []).append(f)
    return [Tally(e, i, r, tuple(fs)) for (e, i, r), fs in groups.items()]
