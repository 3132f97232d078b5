"""What-if scenarios: a house changed by the user (seats, alliance memberships) and a coalition.

A scenario starts from the house of a dataset on a day (or as elected) and records changes:
seats given to parties (``seats``), parties or alliances joining or leaving an alliance
(``join``, ``leave``), the coalition being examined (``coalition``), the alliance treated as
an a priori union (``union``) and, for the seats page, the votes and law used (``votes``).
:meth:`Scenario.parliament` applies the changes and returns an ordinary
:class:`~majlis.model.Parliament`; the store (:class:`majlis.data.store.Store`) saves scenarios
as JSON documents so that a link (``/s/<id>``) can share them.

Every size is bounded (see :data:`LIMITS`): a scenario larger than that raises
:class:`~majlis.errors.TooLargeError` naming the limit.

Examples
--------
>>> from majlis.data import load_dataset
>>> s = Scenario.from_dict({"title": "Sadrists come back", "date": "2022-06-20",
...                         "seats": {"sadrist": 73}, "coalition": ["sadrist", "kdp"]})
>>> house = s.parliament(load_dataset("iraq"))
>>> house.seats["sadrist"], house.seats_of(["sadrist", "kdp"])
(73, 104)
>>> Scenario.from_dict(s.to_dict()) == s
True
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

from majlis.errors import TooLargeError, UnknownIdError, ValidationError
from majlis.model import Dataset, Membership, Parliament, parse_date

__all__ = ["LIMITS", "Scenario"]

#: Largest scenario accepted: characters of text, entries of each list, bytes of the document.
LIMITS: dict[str, int] = {
    "title": 200,
    "notes": 5_000,
    "id": 100,
    "entries": 500,
    "seats": 100_000,
    "votes": 10**12,
    "document_bytes": 200_000,
}

_FIELDS = (
    "title",
    "dataset",
    "election",
    "date",
    "seats",
    "join",
    "leave",
    "coalition",
    "union",
    "quota",
    "votes",
    "notes",
)


def _text(value: Any, what: str, limit: int, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ValidationError(f"scenario {what} must be text, got {type(value).__name__}")
    text = str(value).strip()
    if len(text) > limit:
        raise TooLargeError(f"scenario {what}: at most {limit:,} characters, got {len(text):,}")
    if required and not text:
        raise ValidationError(f"scenario {what} is empty")
    return text


def _count(value: Any, what: str, limit: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 40:
            value = int(value)
        else:
            raise ValidationError(f"scenario {what} must be a whole number, got {value!r}")
    if value < 0:
        raise ValidationError(f"scenario {what} must not be negative, got {value}")
    if value > limit:
        raise TooLargeError(f"scenario {what}: at most {limit:,}, got {value:,}")
    return value


def _entries(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise ValidationError(f"scenario {what} must be a list")
    items = list(value) if not isinstance(value, dict) else list(value.items())
    if len(items) > LIMITS["entries"]:
        raise TooLargeError(
            f"scenario {what}: at most {LIMITS['entries']:,} entries, got {len(items):,}"
        )
    return items


def _pairs(value: Any, what: str) -> tuple[tuple[str, str], ...]:
    out = []
    for item in _entries(value, what):
        if isinstance(item, str) and ":" in item:
            item = item.split(":", 1)
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise ValidationError(
                f"scenario {what}: each entry is [alliance, member], got {item!r}"
            )
        out.append(
            (
                _text(item[0], f"{what} alliance", LIMITS["id"], required=True),
                _text(item[1], f"{what} member", LIMITS["id"], required=True),
            )
        )
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Scenario:
    """A what-if: a house (dataset, election or date) with changes, and a coalition to examine."""

    title: str
    dataset: str = "iraq"
    election: str | None = None
    date: str | None = None
    seats: dict[str, int] = field(default_factory=dict)
    join: tuple[tuple[str, str], ...] = ()
    leave: tuple[tuple[str, str], ...] = ()
    coalition: tuple[str, ...] = ()
    union: str | None = None
    quota: int | None = None
    votes: dict[str, Any] = field(default_factory=dict)
    notes: str = ""

    # ------------------------------------------------------------------ (de)serialisation
    @classmethod
    def from_dict(cls, doc: Any) -> Scenario:
        """Validate a JSON document (see the module notes) into a scenario.

        Raises :class:`~majlis.errors.ValidationError` for a malformed document and
        :class:`~majlis.errors.TooLargeError` beyond :data:`LIMITS`. Ids are checked against
        a dataset only by :meth:`parliament`.
        """
        if not isinstance(doc, dict):
            raise ValidationError("a scenario is a JSON object")
        unknown = sorted(set(doc) - set(_FIELDS) - {"id", "created", "updated"})
        if unknown:
            raise ValidationError(
                f"unknown scenario field {unknown[0]!r} (fields: {', '.join(_FIELDS)})"
            )
        size = len(json.dumps(doc, ensure_ascii=False, default=str).encode())
        if size > LIMITS["document_bytes"]:
            raise TooLargeError(
                f"a scenario is at most {LIMITS['document_bytes']:,} bytes of JSON, got {size:,}"
            )
        seats_in = doc.get("seats") or {}
        if not isinstance(seats_in, dict):
            raise ValidationError("scenario seats must be an object {party: seats}")
        _entries(seats_in, "seats")
        seats = {
            _text(k, "seats party", LIMITS["id"], required=True): _count(
                v, f"seats of {k!r}", LIMITS["seats"]
            )
            for k, v in seats_in.items()
        }
        election = _text(doc.get("election"), "election", LIMITS["id"]) or None
        date = _text(doc.get("date"), "date", 10) or None
        if date is not None:
            date = parse_date(date).isoformat()
        votes = doc.get("votes") or {}
        if not isinstance(votes, dict):
            raise ValidationError("scenario votes must be an object")
        quota = doc.get("quota")
        return cls(
            title=_text(doc.get("title"), "title", LIMITS["title"], required=True),
            dataset=_text(doc.get("dataset") or "iraq", "dataset", LIMITS["id"], required=True),
            election=election,
            date=date,
            seats=seats,
            join=_pairs(doc.get("join"), "join"),
            leave=_pairs(doc.get("leave"), "leave"),
            coalition=tuple(
                dict.fromkeys(
                    _text(p, "coalition member", LIMITS["id"], required=True)
                    for p in _entries(doc.get("coalition"), "coalition")
                )
            ),
            union=_text(doc.get("union"), "union", LIMITS["id"]) or None,
            quota=None if quota in (None, "") else _count(quota, "quota", LIMITS["seats"]),
            votes=_votes(votes),
            notes=_text(doc.get("notes"), "notes", LIMITS["notes"]),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of the scenario (what :meth:`from_dict` reads)."""
        doc = dataclasses.asdict(self)
        doc["join"] = [list(p) for p in self.join]
        doc["leave"] = [list(p) for p in self.leave]
        doc["coalition"] = list(self.coalition)
        return doc

    # ------------------------------------------------------------------ the changed house
    def base(self, ds: Dataset) -> Parliament:
        """The house the scenario starts from (before its changes)."""
        return ds.parliament(election=self.election, date=self.date)

    def parliament(self, ds: Dataset) -> Parliament:
        """The house with the scenario's changes applied (seats, then memberships).

        Seats given in :attr:`seats` replace the party's seats that day (0 removes it); the
        house must not be overfull. A ``join`` starts a membership that day, a ``leave`` ends
        the one in force. Unknown ids raise :class:`~majlis.errors.UnknownIdError`.
        """
        base = self.base(ds)
        if not (self.seats or self.join or self.leave):
            self._check_ids(ds, base)
            return base
        on = base.date
        memberships = list(ds.memberships)
        for alliance, member in self.leave:
            ds.alliance(alliance)
            current = [
                m
                for m in memberships
                if m.alliance == alliance and m.member == member and m.covers(on)
            ]
            if not current:
                raise ValidationError(
                    f"scenario: {member!r} is not a member of {alliance!r} on {on}, it cannot leave"
                )
            for m in current:
                memberships.remove(m)
                if m.start < on:
                    memberships.append(dataclasses.replace(m, end=on))
        for alliance, member in self.join:
            ds.alliance(alliance)
            if not (ds.is_party(member) or ds.is_alliance(member)):
                raise UnknownIdError(f"unknown party or alliance {member!r}")
            if any(
                m.alliance == alliance and m.member == member and m.covers(on) for m in memberships
            ):
                continue
            later = [
                m.start
                for m in memberships
                if m.alliance == alliance and m.member == member and m.start > on
            ]
            memberships.append(
                Membership(alliance, member, on, min(later) if later else None, source="scenario")
            )
        changed = (
            dataclasses.replace(ds, memberships=memberships) if (self.join or self.leave) else ds
        )
        seats = dict(base.seats)
        for party, n in self.seats.items():
            ds.party(party)
            if n:
                seats[party] = n
            else:
                seats.pop(party, None)
        filled = sum(seats.values())
        if filled > base.total_seats:
            raise ValidationError(
                f"scenario: {filled} seats filled in a house of {base.total_seats}"
            )
        house = Parliament(
            dataset=changed, election=base.election, date=on, seats=seats, events=base.events
        )
        self._check_ids(changed, house)
        return house

    def _check_ids(self, ds: Dataset, house: Parliament) -> None:
        for p in self.coalition:
            if not ds.is_party(p) and not ds.is_alliance(p):
                raise UnknownIdError(f"scenario coalition: unknown party or alliance {p!r}")
        if self.union is not None:
            ds.alliance(self.union)


def _votes(doc: dict[str, Any]) -> dict[str, Any]:
    """The seats page's inputs: short text fields and ``{list: votes}`` or ``{district: {list: votes}}``."""
    _entries(doc, "votes")
    out: dict[str, Any] = {}
    for key, value in doc.items():
        k = _text(key, "votes key", LIMITS["id"], required=True)
        if isinstance(value, dict):
            _entries(value, f"votes {k!r}")
            out[k] = {
                _text(kk, "list", LIMITS["id"], required=True): (
                    {
                        _text(a, "list", LIMITS["id"], required=True): _count(
                            b, f"votes of {a!r}", LIMITS["votes"]
                        )
                        for a, b in _entries(vv, f"votes {kk!r}")
                    }
                    if isinstance(vv, dict)
                    else _count(vv, f"votes of {kk!r}", LIMITS["votes"])
                )
                for kk, vv in value.items()
            }
        else:
            out[k] = _text(value, f"votes {k!r}", LIMITS["notes"])
    return out
