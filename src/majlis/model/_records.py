"""The records of a country dataset: parties, alliances, memberships, elections, results, events,
party positions.

Plain frozen dataclasses: no I/O, no validation across records (that is :class:`Dataset`'s job),
only checks that a single record is well formed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from majlis.errors import ValidationError

__all__ = [
    "EVENT_CATEGORIES",
    "FAMILIES",
    "Alliance",
    "District",
    "Election",
    "Event",
    "Membership",
    "POSITION_METHODS",
    "Party",
    "Position",
    "Result",
    "SeatChange",
    "format_number",
    "parse_date",
    "parse_number",
]

#: Political families a party can belong to (Iraq's main communal/ideological camps).
FAMILIES: tuple[str, ...] = (
    "shia",
    "sunni",
    "kurdish",
    "minority",
    "civil",
    "independent",
    "unknown",
)

#: Kinds of dated events.
EVENT_CATEGORIES: tuple[str, ...] = (
    "election",
    "court",
    "parliament_vote",
    "resignation",
    "replacement",
    "alliance_change",
    "nomination",
    "negotiation",
    "protest",
    "other",
)


#: How a party position was obtained: an expert survey (GPS, V-Party, CHES...), a coded
#: manifesto, documented coding of statements and votes, or a judgement (reasoning in the notes).
POSITION_METHODS: tuple[str, ...] = ("expert-survey", "manifesto", "coded", "judgement")


def parse_number(text: str | int | float | Fraction, *, what: str = "number") -> Fraction:
    """An exact number from a decimal or fraction text (``"2.84"``, ``"7/2"``, ``"3"``).

    Floats are read through their shortest decimal form (``0.1`` is 1/10, not a binary fraction).

    Examples
    --------
    >>> parse_number("2.84")
    Fraction(71, 25)
    >>> parse_number(0.1)
    Fraction(1, 10)
    """
    if isinstance(text, bool):
        raise ValidationError(f"malformed {what} {text!r}: expected a number")
    if isinstance(text, Fraction | int):
        return Fraction(text)
    try:
        return Fraction(repr(text) if isinstance(text, float) else str(text).strip())
    except (ValueError, ZeroDivisionError):
        raise ValidationError(f"malformed {what} {text!r}: expected a number") from None


def format_number(x: Fraction) -> str:
    """The shortest exact text of a number: a decimal if it has one, else ``p/q``.

    >>> format_number(Fraction(71, 25)), format_number(Fraction(1, 3)), format_number(Fraction(4))
    ('2.84', '1/3', '4')
    """
    if x.denominator == 1:
        return str(x.numerator)
    d, twos, fives = x.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        return f"{x.numerator}/{x.denominator}"
    places = max(twos, fives)
    scaled = x * 10**places
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def parse_date(text: str | dt.date, *, what: str = "date") -> dt.date:
    """Parse ``YYYY-MM-DD`` (or ``YYYY-MM``, taken as the 1st) into a date.

    Examples
    --------
    >>> parse_date("2022-06-12")
    datetime.date(2022, 6, 12)
    >>> parse_date("2021-10")
    datetime.date(2021, 10, 1)
    """
    if isinstance(text, dt.date):
        return text
    s = str(text).strip()
    try:
        if len(s) == 7:
            return dt.date.fromisoformat(s + "-01")
        return dt.date.fromisoformat(s)
    except ValueError:
        raise ValidationError(f"malformed {what} {text!r}: expected YYYY-MM-DD") from None


def _need(value: str, what: str, owner: str) -> None:
    if not value or not str(value).strip():
        raise ValidationError(f"{owner}: {what} is empty")


@dataclass(frozen=True, slots=True)
class Party:
    """A party or electoral list that holds (or held) seats.

    ``independents=True`` marks a group of independent MPs counted together in the
    results: each of its seats is a separate player in voting games.
    """

    id: str
    name: str
    name_ar: str = ""
    family: str = "unknown"
    colour: str = "#9e9e9e"
    leader: str = ""
    independents: bool = False
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        _need(self.id, "id", "party")
        _need(self.name, "name", f"party {self.id!r}")
        if self.family not in FAMILIES:
            raise ValidationError(
                f"party {self.id!r}: unknown family {self.family!r} (expected one of {', '.join(FAMILIES)})"
            )


@dataclass(frozen=True, slots=True)
class Alliance:
    """A named grouping of parties (and of other alliances) over time.

    ``kind`` is ``"bloc"`` (a standing council or parliamentary bloc such as the Coordination
    Framework), ``"electoral"`` (a joint list) or ``"coalition"`` (a governing or
    government-forming coalition). ``predecessor`` names the alliance it continues.
    """

    id: str
    name: str
    name_ar: str = ""
    kind: str = "bloc"
    predecessor: str = ""
    formed: dt.date | None = None
    dissolved: dt.date | None = None
    leaders: tuple[str, ...] = ()
    colour: str = "#607d8b"
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        _need(self.id, "id", "alliance")
        _need(self.name, "name", f"alliance {self.id!r}")
        if self.kind not in ("bloc", "electoral", "coalition"):
            raise ValidationError(f"alliance {self.id!r}: unknown kind {self.kind!r}")
        if self.formed and self.dissolved and self.dissolved < self.formed:
            raise ValidationError(
                f"alliance {self.id!r}: dissolved {self.dissolved} before formed {self.formed}"
            )

    def active(self, on: dt.date) -> bool:
        """True if the alliance exists on ``on``."""
        return (self.formed is None or self.formed <= on) and (
            self.dissolved is None or on < self.dissolved
        )


@dataclass(frozen=True, slots=True)
class Membership:
    """``member`` (a party or an alliance id) belongs to ``alliance`` from ``start`` until ``end``.

    ``end`` is exclusive (the day it left); ``None`` means still a member.
    """

    alliance: str
    member: str
    start: dt.date
    end: dt.date | None = None
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise ValidationError(
                f"membership of {self.member!r} in {self.alliance!r}: end {self.end} is not after start {self.start}"
            )

    def covers(self, on: dt.date) -> bool:
        """True if the membership holds on ``on``."""
        return self.start <= on and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class Election:
    """A general election: its date, the electoral law it was held under and the house size.

    ``first_session`` is the day the elected house first sat: the house "as elected" is shown
    on that day (seats as elected, alliances as they stood when it convened).
    """

    id: str
    date: dt.date
    law: str
    house_size: int
    name: str = ""
    first_session: dt.date | None = None
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        _need(self.id, "id", "election")
        if self.house_size <= 0:
            raise ValidationError(
                f"election {self.id!r}: house size must be positive, got {self.house_size}"
            )
        if self.first_session is not None and self.first_session < self.date:
            raise ValidationError(
                f"election {self.id!r}: first session {self.first_session} before the vote {self.date}"
            )


@dataclass(frozen=True, slots=True)
class District:
    """A constituency of an election: its general seats, reserved minority seats and women's quota.

    ``subdistricts`` counts smaller constituencies inside it where the law used them
    (Iraq 2021: each governorate split into as many SNTV districts as it had women's-quota seats).
    """

    election: str
    name: str
    seats: int
    minority_seats: int = 0
    women_quota: int | None = None
    subdistricts: int | None = None
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        owner = f"district {self.name!r} of election {self.election!r}"
        _need(self.name, "name", f"district of election {self.election!r}")
        if self.seats < 0 or self.minority_seats < 0:
            raise ValidationError(f"{owner}: negative seats")
        if (
            self.women_quota is not None
            and not 0 <= self.women_quota <= self.seats + self.minority_seats
        ):
            raise ValidationError(
                f"{owner}: women's quota {self.women_quota} outside 0..{self.seats + self.minority_seats}"
            )


@dataclass(frozen=True, slots=True)
class Result:
    """One list's result in one election, nationally (``district == ""``) or in one district.

    ``seat_type`` is ``"general"`` or ``"minority"`` (a reserved seat); ``votes_status`` says
    how good the vote figure is (``"final"``, ``"preliminary"``, ``"approximate"``).
    """

    election: str
    party: str
    district: str = ""
    votes: int | None = None
    seats: int | None = None
    women_seats: int | None = None
    vote_share: float | None = None
    seat_type: str = "general"
    votes_status: str = "final"
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        owner = f"result of {self.party!r} in election {self.election!r}" + (
            f" ({self.district})" if self.district else ""
        )
        for name in ("votes", "seats", "women_seats"):
            v = getattr(self, name)
            if v is not None and v < 0:
                raise ValidationError(f"{owner}: {name} is negative ({v})")
        if (
            self.seats is not None
            and self.women_seats is not None
            and self.women_seats > self.seats
        ):
            raise ValidationError(
                f"{owner}: women_seats {self.women_seats} exceed seats {self.seats}"
            )


@dataclass(frozen=True, slots=True)
class SeatChange:
    """A change of ``delta`` seats for ``party`` caused by an event (resignation, replacement...)."""

    event: str
    party: str
    delta: int
    source: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event: a resignation, replacement, court ruling, vote, nomination, alliance change...

    ``date_precision`` is ``"day"`` or ``"month"`` (the day is then the 1st).
    ``seat_changes`` are applied to the house composition from ``date`` on.
    """

    id: str
    date: dt.date
    description: str
    category: str = "other"
    actors: tuple[str, ...] = ()
    source: str = ""
    date_precision: str = "day"
    seat_changes: tuple[SeatChange, ...] = field(default=())

    def __post_init__(self) -> None:
        _need(self.id, "id", "event")
        if self.category not in EVENT_CATEGORIES:
            raise ValidationError(
                f"event {self.id!r}: unknown category {self.category!r} "
                f"(expected one of {', '.join(EVENT_CATEGORIES)})"
            )
        for ch in self.seat_changes:
            if ch.event != self.id:
                raise ValidationError(
                    f"event {self.id!r}: seat change belongs to event {ch.event!r}"
                )

    @property
    def date_text(self) -> str:
        """The date as precise as it is known: ``YYYY-MM-DD``, or ``YYYY-MM``."""
        iso = self.date.isoformat()
        return iso if self.date_precision == "day" else iso[:7]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (the ``majlis timeline --json`` shape).

        >>> Event("e1", dt.date(2021, 10, 1), "Results", "election", date_precision="month").to_dict()["date"]
        '2021-10'
        """
        return {
            "id": self.id,
            "date": self.date_text,
            "event": self.description,
            "category": self.category,
            "actors": list(self.actors),
            "source": self.source,
            "seat_changes": {c.party: c.delta for c in self.seat_changes},
        }


@dataclass(frozen=True, slots=True)
class Position:
    """A party's position on a named policy dimension, with its scale, method and source.

    ``value`` lies on the closed scale ``low .. high`` (exact numbers; ``scale`` describes the
    ends in words). ``method`` is one of :data:`POSITION_METHODS`: ``"expert-survey"`` (a
    survey's figure, or one derived from it as the notes say), ``"manifesto"`` (coded from a
    programme), ``"coded"`` (documented coding of statements, votes and reports, cited in
    ``source``) or ``"judgement"`` (an analyst's placement; the reasoning is in ``notes``).
    ``as_of`` dates the position (the survey's reference election, the statement's date);
    ``None`` means undated. Every position of one dimension must use the same scale.

    Examples
    --------
    >>> p = Position("a", "left_right", "6.5", method="judgement", source="example")
    >>> p.value, p.low, p.high
    (Fraction(13, 2), Fraction(0, 1), Fraction(10, 1))
    >>> p.normalised
    Fraction(13, 20)
    """

    party: str
    dimension: str
    value: Fraction
    low: Fraction = Fraction(0)
    high: Fraction = Fraction(10)
    method: str = "judgement"
    source: str = ""
    as_of: dt.date | None = None
    scale: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        _need(self.party, "party", "position")
        owner = f"position of {self.party!r} on {self.dimension!r}"
        _need(self.dimension, "dimension", owner)
        for name in ("value", "low", "high"):
            object.__setattr__(
                self, name, parse_number(getattr(self, name), what=f"{name} of {owner}")
            )
        if self.as_of is not None and not isinstance(self.as_of, dt.date):
            object.__setattr__(self, "as_of", parse_date(self.as_of, what=f"as_of of {owner}"))
        if self.method not in POSITION_METHODS:
            raise ValidationError(
                f"{owner}: unknown method {self.method!r} (expected one of {', '.join(POSITION_METHODS)})"
            )
        if not self.low < self.high:
            raise ValidationError(f"{owner}: scale low {self.low} is not below high {self.high}")
        if not self.low <= self.value <= self.high:
            raise ValidationError(
                f"{owner}: value {format_number(self.value)} outside its scale "
                f"{format_number(self.low)}..{format_number(self.high)}"
            )

    @property
    def normalised(self) -> Fraction:
        """The value mapped onto 0..1 (``low`` -> 0, ``high`` -> 1), exactly."""
        return (self.value - self.low) / (self.high - self.low)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document; numbers as floats plus their exact text.

        >>> Position("a", "d", "1/3", method="coded", source="s").to_dict()["value_exact"]
        '1/3'
        """
        return {
            "party": self.party,
            "dimension": self.dimension,
            "value": float(self.value),
            "value_exact": format_number(self.value),
            "low": float(self.low),
            "high": float(self.high),
            "scale": self.scale,
            "method": self.method,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "source": self.source,
            "notes": self.notes,
        }
