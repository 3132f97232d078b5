"""A formation opportunity: the house a government must be formed from, as plain data.

The data layer produces these records (from ParlGov's CSV export, a JSON file or a majlis
:class:`~majlis.model.Parliament`); the formation layer ranks the potential governments of
each one. A record holds only what a coalition theory or the fitted model needs: the parties'
seats and positions, the majority threshold, the outgoing government, a few features of the
political system and, when the outcome is known (a backtest), the cabinet that formed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from majlis.errors import TooLargeError, UnknownIdError, ValidationError
from majlis.model._records import parse_date

__all__ = [
    "INVESTITURE_RULES",
    "MAX_OPPORTUNITY_PARTIES",
    "FormationOpportunity",
    "OpportunityParty",
    "PastGovernment",
]

#: Investiture rules an opportunity can carry (Rasch, Martin & Cheibub 2015's decision rule):
#: ``"absolute"`` (the government or its head needs the votes of a majority of all members),
#: ``"simple"`` (more votes for than against), ``"negative"`` (the government stands unless an
#: absolute majority votes it down) and ``"none"`` (no vote is needed to take office).
INVESTITURE_RULES: tuple[str, ...] = ("absolute", "simple", "negative", "none")

#: At most this many parties in one opportunity (a documented input limit, not a law of
#: nature: the largest post-war house in ParlGov seats 19 parties, Iraq's about 40).
MAX_OPPORTUNITY_PARTIES = 1000

#: A party spanning every segment of a segmented system (e.g. Belgium's unitary parties).
ALL_SEGMENTS = "*"

_PARTY_KEYS = {"id", "name", "seats", "left_right", "eligible", "segment"}
_OPP_KEYS = {
    "id",
    "total_seats",
    "majority_threshold",
    "parties",
    "incumbent_parties",
    "incumbent_prime_minister",
    "country",
    "date",
    "investiture",
    "segmented",
    "history",
    "cabinet",
    "cabinet_name",
    "source",
    "notes",
}


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise ValidationError(f"{what} must be an integer, got {value!r}")
    return value


def _float_or_none(value: Any, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(f"{what} must be a number or null, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ValidationError(f"{what} must be finite, got {value!r}")
    return x


@dataclass(frozen=True)
class OpportunityParty:
    """One party of a formation opportunity.

    Parameters
    ----------
    id : str
        Unique within the opportunity.
    seats : int
        Seats held when the government is formed (non-negative).
    left_right : float, optional
        Position on the left-right dimension (ParlGov's 0-10 scale for the built-in data);
        ``None`` when unknown. Policy-based theories cannot place a party without one.
    name : str
        Display name.
    eligible : bool
        Whether the party can be part of a government. ``False`` for aggregates that are
        not actors (ParlGov's "others", "one seat", "no party affiliation"): their seats
        count towards the house, never towards a coalition.
    segment : str, optional
        The community the party belongs to in a segmented system (e.g. ``"flemish"``,
        ``"kurdish"``); ``"*"`` for a party that spans every segment.
    dimensions : mapping of str to float
        Positions on other named dimensions (kept, not used by the classic theories).
    extra : mapping
        Any other field of the input, kept for the round trip.
    """

    id: str
    seats: int
    left_right: float | None = None
    name: str = ""
    eligible: bool = True
    segment: str | None = None
    dimensions: Mapping[str, float] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise ValidationError(f"party id must be a non-empty string, got {self.id!r}")
        seats = _int(self.seats, f"seats of party {self.id!r}")
        if seats < 0:
            raise ValidationError(f"party {self.id!r}: seats must be non-negative, got {seats}")
        object.__setattr__(self, "seats", seats)
        object.__setattr__(
            self, "left_right", _float_or_none(self.left_right, f"left_right of {self.id!r}")
        )
        object.__setattr__(self, "dimensions", dict(self.dimensions))
        object.__setattr__(self, "extra", dict(self.extra))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (the party shape of ``majlis predict --input``)."""
        doc: dict[str, Any] = {"id": self.id, "seats": self.seats, "left_right": self.left_right}
        if self.name:
            doc["name"] = self.name
        if not self.eligible:
            doc["eligible"] = False
        if self.segment is not None:
            doc["segment"] = self.segment
        doc.update(self.dimensions)
        doc.update(self.extra)
        return doc

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any], *, where: str = "party") -> OpportunityParty:
        """Read a party document: ``id``, ``seats``, ``left_right`` (may be null), optional
        ``name``, ``eligible``, ``segment``; other numeric fields are other dimensions."""
        if not isinstance(doc, Mapping):
            raise ValidationError(f"{where} must be an object, got {type(doc).__name__}")
        for key in ("id", "seats"):
            if key not in doc:
                raise ValidationError(f"{where} has no {key!r}")
        pid = doc["id"]
        if not isinstance(pid, str):
            raise ValidationError(f"{where}: id must be a string, got {pid!r}")
        eligible = doc.get("eligible", True)
        if not isinstance(eligible, bool):
            raise ValidationError(f"{where}: eligible must be true or false, got {eligible!r}")
        segment = doc.get("segment")
        if segment is not None and not isinstance(segment, str):
            raise ValidationError(f"{where}: segment must be a string, got {segment!r}")
        dims: dict[str, float] = {}
        extra: dict[str, Any] = {}
        for key, value in doc.items():
            if key in _PARTY_KEYS:
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                dims[key] = float(value)
            else:
                extra[key] = value
        return cls(
            id=pid,
            seats=doc["seats"],
            left_right=doc.get("left_right"),
            name=str(doc.get("name") or ""),
            eligible=eligible,
            segment=segment,
            dimensions=dims,
            extra=extra,
        )


#: Size statuses of a government (see :func:`majlis.formation.coalition_status`).
_STATUSES = ("minority", "minimal-winning", "surplus")


@dataclass(frozen=True)
class PastGovernment:
    """An earlier government of the same country: its parties and, when known, its status.

    Parameters
    ----------
    parties : sequence of str
        Party ids (as in the opportunity; parties no longer in the house may appear).
    status : str, optional
        ``"minority"``, ``"minimal-winning"`` or ``"surplus"`` in the house it governed.
    start : date, optional
    name : str
    caretaker : bool
        A caretaker cabinet (kept for the parties' record, left out of the status rates).
    parties_known : bool
        ``False`` for a government recorded by its size status only (its parties unknown):
        it counts towards the status rates, not the parties' record. A government known to
        have no party members (non-partisan) has ``parties=()`` and ``parties_known=True``.
    """

    parties: tuple[str, ...]
    status: str | None = None
    start: dt.date | None = None
    name: str = ""
    caretaker: bool = False
    parties_known: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "parties", tuple(str(p) for p in self.parties))
        if self.status is not None and self.status not in _STATUSES:
            raise ValidationError(
                f"past government {self.name or list(self.parties)!r}: status {self.status!r} "
                "is not one of " + ", ".join(_STATUSES)
            )
        if self.start is not None:
            object.__setattr__(self, "start", parse_date(self.start, what="past government start"))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        doc: dict[str, Any] = {"parties": list(self.parties)}
        if self.status is not None:
            doc["status"] = self.status
        if self.start is not None:
            doc["start"] = self.start.isoformat()
        if self.name:
            doc["name"] = self.name
        if self.caretaker:
            doc["caretaker"] = True
        if not self.parties_known:
            doc["parties_known"] = False
        return doc

    @classmethod
    def from_dict(cls, doc: Any, *, where: str = "history") -> PastGovernment:
        """Read a list of party ids, or ``{"parties", "status", "start", "name", "caretaker",
        "parties_known"}``."""
        if isinstance(doc, list):
            doc = {"parties": doc}
        if not isinstance(doc, Mapping):
            raise ValidationError(f"{where}: a past government is a list of party ids or an object")
        parties = doc.get("parties")
        if not isinstance(parties, list) or not all(isinstance(p, str) for p in parties):
            raise ValidationError(f"{where}: parties must be a list of party ids")
        for key in ("status", "name"):
            if doc.get(key) is not None and not isinstance(doc[key], str):
                raise ValidationError(f"{where}: {key} must be a string")
        caretaker = doc.get("caretaker", False)
        if not isinstance(caretaker, bool):
            raise ValidationError(f"{where}: caretaker must be true or false")
        parties_known = doc.get("parties_known", True)
        if not isinstance(parties_known, bool):
            raise ValidationError(f"{where}: parties_known must be true or false")
        return cls(
            parties=tuple(parties),
            status=doc.get("status"),
            start=parse_date(doc["start"], what=f"{where}: start") if doc.get("start") else None,
            name=doc.get("name") or "",
            caretaker=caretaker,
            parties_known=parties_known,
        )


@dataclass(frozen=True)
class FormationOpportunity:
    """A government to be formed: the parties, the threshold, the outgoing government.

    Parameters
    ----------
    id : str
        Identifies the opportunity (e.g. ``"DEU-2021-09-26"``).
    total_seats : int
        Seats in the house (filled or not).
    majority_threshold : int
        Seats a coalition needs to be *winning* (an absolute majority in every built-in
        case: ``total_seats // 2 + 1``).
    parties : sequence of OpportunityParty
    incumbent_parties : sequence of str
        The parties of the government in office when the opportunity arises (those still
        holding seats); empty when none or unknown.
    incumbent_prime_minister : str, optional
        The party of the outgoing head of government.
    country, date : optional
        Where and when (the election date for a post-election formation).
    investiture : str, optional
        One of :data:`INVESTITURE_RULES`, or ``None`` when unknown.
    segmented : bool
        A system whose cabinets by rule or convention include every major segment (Belgium's
        language communities since 1970; Iraq's Shia, Sunni and Kurdish components); the
        parties' ``segment`` says who belongs where.
    history : sequence of PastGovernment, optional
        Earlier governments of the country, oldest first. ``None`` means unknown, which is
        not the same as "no earlier government" (an empty sequence).
    cabinet : sequence of str, optional
        The government that actually formed (for backtests), eligible parties only.
    cabinet_name, source, notes : str
    extra : mapping
        Any other field of the input, kept for the round trip.

    Examples
    --------
    >>> opp = FormationOpportunity.from_dict({
    ...     "id": "example", "total_seats": 100, "majority_threshold": 51,
    ...     "parties": [{"id": "A", "seats": 45, "left_right": 3},
    ...                 {"id": "B", "seats": 40, "left_right": 7},
    ...                 {"id": "C", "seats": 15, "left_right": 5}],
    ...     "incumbent_parties": ["A"]})
    >>> opp.seats_of(["A", "C"]), opp.is_winning(["A", "C"])
    (60, True)
    >>> opp.to_dict()["incumbent_parties"]
    ['A']
    """

    id: str
    total_seats: int
    majority_threshold: int
    parties: tuple[OpportunityParty, ...]
    incumbent_parties: tuple[str, ...] = ()
    incumbent_prime_minister: str | None = None
    country: str | None = None
    date: dt.date | None = None
    investiture: str | None = None
    segmented: bool = False
    history: tuple[PastGovernment, ...] | None = None
    cabinet: tuple[str, ...] | None = None
    cabinet_name: str = ""
    source: str = ""
    notes: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        where = f"opportunity {self.id!r}"
        if not isinstance(self.id, str) or not self.id.strip():
            raise ValidationError(f"opportunity id must be a non-empty string, got {self.id!r}")
        parties = tuple(self.parties)
        if len(parties) > MAX_OPPORTUNITY_PARTIES:
            raise TooLargeError(
                f"{where}: at most {MAX_OPPORTUNITY_PARTIES:,} parties per opportunity, "
                f"got {len(parties):,}"
            )
        object.__setattr__(self, "parties", parties)
        index: dict[str, int] = {}
        for i, p in enumerate(parties):
            if not isinstance(p, OpportunityParty):
                raise ValidationError(f"{where}: parties must be OpportunityParty records")
            if p.id in index:
                raise ValidationError(f"{where}: party {p.id!r} is listed twice")
            index[p.id] = i
        object.__setattr__(self, "_index", index)
        total = _int(self.total_seats, f"{where}: total_seats")
        if total < 1:
            raise ValidationError(f"{where}: total_seats must be positive, got {total}")
        q = _int(self.majority_threshold, f"{where}: majority_threshold")
        if not 1 <= q <= total:
            raise ValidationError(
                f"{where}: majority_threshold {q} must lie between 1 and total_seats {total}"
            )
        filled = sum(p.seats for p in parties)
        if filled > total:
            raise ValidationError(f"{where}: parties hold {filled} seats, the house has {total}")
        object.__setattr__(self, "total_seats", total)
        object.__setattr__(self, "majority_threshold", q)
        object.__setattr__(
            self, "incumbent_parties", self._known(self.incumbent_parties, "incumbent")
        )
        if self.incumbent_prime_minister is not None and self.incumbent_prime_minister not in index:
            object.__setattr__(self, "incumbent_prime_minister", None)
        if self.cabinet is not None:
            cab = self._known(self.cabinet, "cabinet")
            bad = [p for p in cab if not parties[index[p]].eligible]
            if bad:
                raise ValidationError(f"{where}: cabinet party {bad[0]!r} is not eligible")
            object.__setattr__(self, "cabinet", cab)
        if self.investiture is not None and self.investiture not in INVESTITURE_RULES:
            raise ValidationError(
                f"{where}: investiture {self.investiture!r} is not one of "
                + ", ".join(INVESTITURE_RULES)
            )
        if self.date is not None:
            object.__setattr__(self, "date", parse_date(self.date, what=f"{where}: date"))
        if self.history is not None:
            history = tuple(
                g if isinstance(g, PastGovernment) else PastGovernment(tuple(g))
                for g in self.history
            )
            object.__setattr__(self, "history", history)
        object.__setattr__(self, "extra", dict(self.extra))

    def _known(self, ids: Iterable[str], what: str) -> tuple[str, ...]:
        if isinstance(ids, str):
            ids = [ids]
        out: list[str] = []
        for pid in ids:
            if pid not in self._index:
                raise UnknownIdError(
                    f"opportunity {self.id!r}: {what} party {pid!r} is not in the house"
                )
            if pid not in out:
                out.append(pid)
        return tuple(out)

    # ------------------------------------------------------------------ look-ups
    def party(self, party_id: str) -> OpportunityParty:
        """The party with this id (:class:`~majlis.errors.UnknownIdError` if none)."""
        try:
            return self.parties[self._index[party_id]]
        except KeyError:
            raise UnknownIdError(f"opportunity {self.id!r}: unknown party {party_id!r}") from None

    @property
    def eligible_parties(self) -> tuple[OpportunityParty, ...]:
        """Parties that can join a government and hold seats, largest first (ties by id)."""
        ps = [p for p in self.parties if p.eligible and p.seats > 0]
        return tuple(sorted(ps, key=lambda p: (-p.seats, p.id)))

    def seats_of(self, ids: Iterable[str]) -> int:
        """Seats of a group of parties."""
        return sum(self.party(p).seats for p in set(ids))

    def is_winning(self, ids: Iterable[str]) -> bool:
        """Whether the parties together reach :attr:`majority_threshold`."""
        return self.seats_of(ids) >= self.majority_threshold

    def status_of(self, ids: Iterable[str]) -> str:
        """``"minority"``, ``"minimal-winning"`` (every member needed) or ``"surplus"``.

        >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s) for p, s in
        ...       [("A", 45), ("B", 40), ("C", 15)]))
        >>> [opp.status_of(c) for c in (["A"], ["A", "C"], ["A", "B", "C"])]
        ['minority', 'minimal-winning', 'surplus']
        """
        seats = [self.party(p).seats for p in set(ids)]
        total = sum(seats)
        q = self.majority_threshold
        if total < q:
            return "minority"
        return "minimal-winning" if total - min(seats) < q else "surplus"

    # ------------------------------------------------------------------ input / output
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document: the ``majlis predict --input`` format (round-trips)."""
        doc: dict[str, Any] = {
            "id": self.id,
            "total_seats": self.total_seats,
            "majority_threshold": self.majority_threshold,
            "parties": [p.to_dict() for p in self.parties],
            "incumbent_parties": list(self.incumbent_parties),
        }
        optional: dict[str, Any] = {
            "incumbent_prime_minister": self.incumbent_prime_minister,
            "country": self.country,
            "date": self.date.isoformat() if self.date else None,
            "investiture": self.investiture,
            "segmented": self.segmented or None,
            "history": [g.to_dict() for g in self.history] if self.history is not None else None,
            "cabinet": list(self.cabinet) if self.cabinet is not None else None,
            "cabinet_name": self.cabinet_name or None,
            "source": self.source or None,
            "notes": self.notes or None,
        }
        doc.update({k: v for k, v in optional.items() if v is not None})
        doc.update(self.extra)
        return doc

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any]) -> FormationOpportunity:
        """Read one opportunity of the ``majlis predict --input`` format.

        Required: ``id``, ``total_seats``, ``majority_threshold``, ``parties``; optional:
        ``incumbent_parties``, ``incumbent_prime_minister``, ``country``, ``date``,
        ``investiture``, ``segmented``, ``history``, ``cabinet``, ``cabinet_name``,
        ``source``, ``notes``; other fields are kept in :attr:`extra`.
        """
        if not isinstance(doc, Mapping):
            raise ValidationError(f"an opportunity must be an object, got {type(doc).__name__}")
        for key in ("id", "total_seats", "majority_threshold", "parties"):
            if key not in doc:
                raise ValidationError(f"opportunity {doc.get('id', '?')!r} has no {key!r}")
        oid = doc["id"]
        if isinstance(oid, int) and not isinstance(oid, bool):
            oid = str(oid)
        if not isinstance(oid, str):
            raise ValidationError(f"opportunity id must be a string, got {oid!r}")
        raw_parties = doc["parties"]
        if not isinstance(raw_parties, list):
            raise ValidationError(f"opportunity {oid!r}: parties must be a list")
        if len(raw_parties) > MAX_OPPORTUNITY_PARTIES:
            raise TooLargeError(
                f"opportunity {oid!r}: at most {MAX_OPPORTUNITY_PARTIES:,} parties per "
                f"opportunity, got {len(raw_parties):,}"
            )
        parties = tuple(
            OpportunityParty.from_dict(p, where=f"opportunity {oid!r}, party #{i + 1}")
            for i, p in enumerate(raw_parties)
        )

        def id_list(key: str) -> tuple[str, ...] | None:
            value = doc.get(key)
            if value is None:
                return None
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                raise ValidationError(f"opportunity {oid!r}: {key} must be a list of party ids")
            return tuple(value)

        raw_history = doc.get("history")
        history: tuple[PastGovernment, ...] | None = None
        if raw_history is not None:
            if not isinstance(raw_history, list):
                raise ValidationError(f"opportunity {oid!r}: history must be a list")
            history = tuple(
                PastGovernment.from_dict(g, where=f"opportunity {oid!r}, history #{i + 1}")
                for i, g in enumerate(raw_history)
            )
        segmented = doc.get("segmented", False)
        if not isinstance(segmented, bool):
            raise ValidationError(f"opportunity {oid!r}: segmented must be true or false")
        for key in ("country", "investiture", "cabinet_name", "source", "notes"):
            if doc.get(key) is not None and not isinstance(doc[key], str):
                raise ValidationError(f"opportunity {oid!r}: {key} must be a string")
        pm = doc.get("incumbent_prime_minister")
        if pm is not None and not isinstance(pm, str):
            raise ValidationError(f"opportunity {oid!r}: incumbent_prime_minister must be a string")
        return cls(
            id=oid,
            total_seats=doc["total_seats"],
            majority_threshold=doc["majority_threshold"],
            parties=parties,
            incumbent_parties=id_list("incumbent_parties") or (),
            incumbent_prime_minister=pm,
            country=doc.get("country"),
            date=parse_date(doc["date"], what=f"opportunity {oid!r}: date")
            if doc.get("date")
            else None,
            investiture=doc.get("investiture"),
            segmented=segmented,
            history=history,
            cabinet=id_list("cabinet"),
            cabinet_name=doc.get("cabinet_name") or "",
            source=doc.get("source") or "",
            notes=doc.get("notes") or "",
            extra={k: v for k, v in doc.items() if k not in _OPP_KEYS},
        )
