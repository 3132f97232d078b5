"""A country dataset: every record, validated together on construction."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

from majlis._optional import require
from majlis.errors import UnknownIdError, ValidationError
from majlis.model._government import (
    Cabinet,
    CabinetPost,
    Committee,
    Relation,
    Tally,
    TallyFigure,
    group_tallies,
)
from majlis.model._law import Law
from majlis.model._parliament import Parliament
from majlis.model._records import (
    Alliance,
    District,
    Election,
    Event,
    Membership,
    Party,
    Position,
    Result,
    format_number,
    parse_date,
)

__all__ = ["Dataset"]


@dataclass(frozen=True)
class Dataset:
    """Everything known about one country's parliament: parties, alliances, elections, events.

    Construction validates the whole dataset and raises :class:`~majlis.errors.ValidationError`
    naming the offending record: duplicate or unknown ids, national seat totals that do not sum
    to the house size, overlapping memberships, membership cycles, events that would leave a
    party with negative seats or overfill the house; relations that duplicate a membership,
    committees and tallies naming unknown ids or events, vote counts larger than the house,
    overlapping cabinets, posts outside their cabinet's term or overlapping one another.

    Relations, committees, tallies, cabinets and posts are optional: :meth:`relations_on`,
    :meth:`committee`, :meth:`tally`, :meth:`cabinet`, :meth:`cabinet_on` and
    :meth:`cabinet_posts` read them.

    Examples
    --------
    >>> import datetime as dt
    >>> from majlis.model import Dataset, Party, Election, Result
    >>> ds = Dataset(
    ...     country="xx", name="Example",
    ...     parties=[Party("a", "A"), Party("b", "B")],
    ...     elections=[Election("2020", dt.date(2020, 1, 1), "example", 5)],
    ...     results=[Result("2020", "a", seats=3), Result("2020", "b", seats=2)],
    ... )
    >>> ds.parliament(election="2020").seats
    {'a': 3, 'b': 2}
    """

    country: str
    name: str
    parties: Sequence[Party] = ()
    alliances: Sequence[Alliance] = ()
    memberships: Sequence[Membership] = ()
    elections: Sequence[Election] = ()
    districts: Sequence[District] = ()
    results: Sequence[Result] = ()
    events: Sequence[Event] = ()
    positions: Sequence[Position] = ()
    laws: Sequence[Law] = ()
    source: str = ""
    notes: str = ""
    relations: Sequence[Relation] = ()
    committees: Sequence[Committee] = ()
    tallies: Sequence[TallyFigure] = ()
    cabinets: Sequence[Cabinet] = ()
    posts: Sequence[CabinetPost] = ()
    _party: dict[str, Party] = field(init=False, repr=False, compare=False)
    _alliance: dict[str, Alliance] = field(init=False, repr=False, compare=False)
    _election: dict[str, Election] = field(init=False, repr=False, compare=False)
    _positions: dict[tuple[str, str], tuple[Position, ...]] = field(
        init=False, repr=False, compare=False
    )
    _cabinet: dict[str, Cabinet] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in (
            "parties",
            "alliances",
            "memberships",
            "elections",
            "districts",
            "results",
            "relations",
            "committees",
            "tallies",
            "cabinets",
            "posts",
            "laws",
        ):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "positions", tuple(self.positions))
        object.__setattr__(self, "events", tuple(sorted(self.events, key=lambda e: (e.date, e.id))))
        object.__setattr__(self, "_party", _index(self.parties, "party"))
        object.__setattr__(self, "_alliance", _index(self.alliances, "alliance"))
        object.__setattr__(self, "_election", _index(self.elections, "election"))
        by_key: dict[tuple[str, str], list[Position]] = defaultdict(list)
        for p in self.positions:
            by_key[(p.party, p.dimension)].append(p)
        object.__setattr__(self, "_positions", {k: tuple(v) for k, v in by_key.items()})
        object.__setattr__(self, "_cabinet", _index(self.cabinets, "cabinet"))
        self._validate()

    # ------------------------------------------------------------------ validation
    def _validate(self) -> None:
        clash = set(self._party) & set(self._alliance)
        if clash:
            raise ValidationError(
                f"id {sorted(clash)[0]!r} is used by both a party and an alliance"
            )
        for a in self.alliances:
            if a.predecessor and a.predecessor not in self._alliance:
                raise ValidationError(f"alliance {a.id!r}: unknown predecessor {a.predecessor!r}")
        self._validate_memberships()
        self._validate_districts()
        self._validate_results()
        self._validate_events()
        self._validate_positions()
        self._validate_relations()
        self._validate_committees()
        self._validate_tallies()
        self._validate_cabinets()
        self._validate_laws()

    def _validate_memberships(self) -> None:
        spans: dict[tuple[str, str], list[Membership]] = defaultdict(list)
        for m in self.memberships:
            where = f"membership of {m.member!r} in {m.alliance!r} from {m.start}"
            if m.alliance not in self._alliance:
                raise ValidationError(f"{where}: unknown alliance {m.alliance!r}")
            if m.member not in self._party and m.member not in self._alliance:
                raise ValidationError(f"{where}: unknown party or alliance {m.member!r}")
            if m.member == m.alliance:
                raise ValidationError(f"{where}: an alliance cannot be its own member")
            spans[(m.alliance, m.member)].append(m)
        for (alliance, member), ms in spans.items():
            ms.sort(key=lambda m: m.start)
            for prev, nxt in zip(ms, ms[1:]):
                if prev.end is None or nxt.start < prev.end:
                    raise ValidationError(
                        f"overlapping memberships of {member!r} in {alliance!r}: "
                        f"{prev.start}..{prev.end or 'open'} and {nxt.start}..{nxt.end or 'open'}"
                    )
        # no cycles among alliances (ever): depth-first search over "member of" edges
        edges: dict[str, set[str]] = defaultdict(set)
        for m in self.memberships:
            if m.member in self._alliance:
                edges[m.member].add(m.alliance)
        state: dict[str, int] = {}

        def visit(node: str, path: list[str]) -> None:
            state[node] = 1
            for nxt in edges.get(node, ()):
                if state.get(nxt) == 1:
                    raise ValidationError(
                        "alliance membership cycle: " + " -> ".join([*path, node, nxt])
                    )
                if nxt not in state:
                    visit(nxt, [*path, node])
            state[node] = 2

        for node in list(edges):
            if node not in state:
                visit(node, [])

    def _validate_districts(self) -> None:
        totals: dict[str, int] = defaultdict(int)
        seen: set[tuple[str, str]] = set()
        for d in self.districts:
            if d.election not in self._election:
                raise ValidationError(f"district {d.name!r}: unknown election {d.election!r}")
            if (d.election, d.name) in seen:
                raise ValidationError(
                    f"district {d.name!r} of election {d.election!r} is listed twice"
                )
            seen.add((d.election, d.name))
            totals[d.election] += d.seats + d.minority_seats
        for eid, total in totals.items():
            if total != self._election[eid].house_size:
                raise ValidationError(
                    f"election {eid!r}: district seats sum to {total}, house size is {self._election[eid].house_size}"
                )
        for r in self.results:
            if r.district and r.election in totals and (r.election, r.district) not in seen:
                raise ValidationError(
                    f"result of {r.party!r} in election {r.election!r}: unknown district {r.district!r}"
                )

    def _validate_results(self) -> None:
        national: dict[str, int] = defaultdict(int)
        complete: dict[str, bool] = defaultdict(lambda: True)
        seen: set[tuple[str, str, str, str]] = set()
        for r in self.results:
            where = f"result of {r.party!r} in election {r.election!r}" + (
                f" ({r.district})" if r.district else ""
            )
            if r.election not in self._election:
                raise ValidationError(f"{where}: unknown election {r.election!r}")
            if r.party not in self._party:
                raise ValidationError(f"{where}: unknown party {r.party!r}")
            key = (r.election, r.party, r.district, r.seat_type)
            if key in seen:
                raise ValidationError(f"{where}: duplicate result row")
            seen.add(key)
            if not r.district:
                if r.seats is None:
                    complete[r.election] = False
                else:
                    national[r.election] += r.seats
        for e in self.elections:
            if any(r.election == e.id and not r.district for r in self.results) and complete[e.id]:
                if national[e.id] != e.house_size:
                    raise ValidationError(
                        f"election {e.id!r}: national seats sum to {national[e.id]}, house size is {e.house_size}"
                    )

    def _validate_events(self) -> None:
        ids: set[str] = set()
        for ev in self.events:
            if ev.id in ids:
                raise ValidationError(f"duplicate event id {ev.id!r}")
            ids.add(ev.id)
            for ch in ev.seat_changes:
                if ch.party not in self._party:
                    raise ValidationError(
                        f"event {ev.id!r}: seat change for unknown party {ch.party!r}"
                    )
        # every event's seat changes must keep the house consistent: replay each term
        for e in self.elections:
            if any(ev.seat_changes for ev in self.events_in_term(e)):
                seats = self._elected_seats(e)
                filled = sum(seats.values())
                for ev in self.events_in_term(e):
                    for ch in ev.seat_changes:
                        seats[ch.party] = seats.get(ch.party, 0) + ch.delta
                        filled += ch.delta
                        if seats[ch.party] < 0:
                            raise ValidationError(
                                f"event {ev.id!r} ({ev.date}): party {ch.party!r} would hold {seats[ch.party]} seats"
                            )
                    if filled > e.house_size:
                        raise ValidationError(
                            f"event {ev.id!r} ({ev.date}): {filled} seats filled in a house of {e.house_size}"
                        )

    def _validate_positions(self) -> None:
        scales: dict[str, Position] = {}
        seen: set[tuple[str, str, dt.date | None]] = set()
        for p in self.positions:
            where = f"position of {p.party!r} on {p.dimension!r}" + (
                f" as of {p.as_of}" if p.as_of else ""
            )
            if p.party not in self._party:
                raise ValidationError(f"{where}: unknown party {p.party!r}")
            key = (p.party, p.dimension, p.as_of)
            if key in seen:
                raise ValidationError(
                    f"{where}: listed twice (one position per party, dimension and date)"
                )
            seen.add(key)
            first = scales.setdefault(p.dimension, p)
            if (first.low, first.high) != (p.low, p.high):
                raise ValidationError(
                    f"{where}: scale {format_number(p.low)}..{format_number(p.high)} differs from "
                    f"{format_number(first.low)}..{format_number(first.high)} used by "
                    f"{first.party!r} on the same dimension"
                )

    def _known(self, ident: str) -> bool:
        return ident in self._party or ident in self._alliance

    def _validate_relations(self) -> None:
        spans: dict[tuple[str, str, str], list[Relation]] = defaultdict(list)
        for r in self.relations:
            where = f"relation {r.kind!r} of {r.subject!r} to {r.object!r} from {r.start}"
            for ident in (r.subject, r.object):
                if not self._known(ident):
                    raise ValidationError(f"{where}: unknown party or alliance {ident!r}")
            spans[(r.kind, r.subject, r.object)].append(r)
            for m in self.memberships:
                if (
                    m.member == r.subject
                    and m.alliance == r.object
                    and _overlap(m.start, m.end, r.start, r.end)
                ):
                    raise ValidationError(
                        f"{where}: {r.subject!r} is a member of {r.object!r} from {m.start} "
                        "in the same days (a relation is not membership: use one or the other)"
                    )
        for (kind, subject, obj), rs in spans.items():
            rs.sort(key=lambda r: r.start)
            for prev, nxt in zip(rs, rs[1:]):
                if _overlap(prev.start, prev.end, nxt.start, nxt.end):
                    raise ValidationError(
                        f"overlapping relations {kind!r} of {subject!r} to {obj!r}: "
                        f"{prev.start}..{prev.end or 'open'} and {nxt.start}..{nxt.end or 'open'}"
                    )

    def _validate_committees(self) -> None:
        _index(self.committees, "committee")
        for c in self.committees:
            for ident in (c.side, *c.counterparts):
                if not self._known(ident):
                    raise ValidationError(
                        f"committee {c.id!r}: unknown party or alliance {ident!r}"
                    )

    def _validate_tallies(self) -> None:
        events = {ev.id: ev for ev in self.events}
        for f in self.tallies:
            where = f"tally of event {f.event!r} ({f.item}, round {f.round}, {f.measure})"
            ev = events.get(f.event)
            if ev is None:
                raise ValidationError(f"{where}: unknown event {f.event!r}")
            held = [e for e in self.elections if e.date <= ev.date]
            if held:
                size = max(held, key=lambda e: e.date).house_size
                if f.count > size:
                    raise ValidationError(
                        f"{where}: {f.count} exceeds the house of {size} (subject {f.subject!r})"
                    )
        for t in group_tallies(self.tallies):
            attended = max(t.values("present") + t.values("voting"), default=None)
            votes = sum(t.candidates.values())
            if attended is not None and votes > attended:
                raise ValidationError(
                    f"tally of event {t.event!r} ({t.item}, round {t.round}): candidates' votes "
                    f"sum to {votes}, more than the {attended} MPs reported present or voting"
                )

    def _validate_cabinets(self) -> None:
        ordered = sorted(self.cabinets, key=lambda c: c.start or dt.date.min)
        for c in ordered:
            if c.party and c.party not in self._party:
                raise ValidationError(f"cabinet {c.id!r}: unknown party {c.party!r}")
            if c.coalition and c.coalition not in self._alliance:
                raise ValidationError(f"cabinet {c.id!r}: unknown coalition {c.coalition!r}")
        for prev, nxt in zip(ordered, ordered[1:]):
            if _overlap(prev.start, prev.end, nxt.start, nxt.end):
                raise ValidationError(
                    f"cabinets {prev.id!r} and {nxt.id!r} overlap: {prev.id!r} ends "
                    f"{prev.end or 'open'}, {nxt.id!r} starts {nxt.start}"
                )
        spans: dict[tuple[str, str], list[CabinetPost]] = defaultdict(list)
        ministries: dict[str, set[str]] = defaultdict(set)
        for p in self.posts:
            if p.kind != "prime-minister":
                ministries[p.cabinet].add(p.post)
            where = f"post {p.post!r} of cabinet {p.cabinet!r}" + (
                f" from {p.start}" if p.start else ""
            )
            cab = self._cabinet.get(p.cabinet)
            if cab is None:
                raise ValidationError(f"{where}: unknown cabinet {p.cabinet!r}")
            if p.party and p.party not in self._party:
                raise ValidationError(f"{where}: unknown party {p.party!r}")
            start, end = _post_span(p, cab)
            if start is not None and cab.start is not None and start < cab.start:
                raise ValidationError(f"{where}: starts before the cabinet ({cab.start})")
            if cab.end is not None and end is not None and end > cab.end:
                raise ValidationError(f"{where}: runs past the cabinet's end ({cab.end})")
            if start is not None and end is not None and end <= start:
                raise ValidationError(f"{where}: starts on or after the cabinet's end ({end})")
            spans[(p.cabinet, p.post)].append(p)
        for cab_id, names in ministries.items():
            size = self._cabinet[cab_id].ministries
            if size is not None and len(names) > size:
                raise ValidationError(
                    f"cabinet {cab_id!r}: {len(names)} ministerial posts listed, "
                    f"more than its {size} ministries"
                )
        for (cab_id, post), ps in spans.items():
            cab = self._cabinet[cab_id]
            ps.sort(key=lambda p: _post_span(p, cab)[0] or dt.date.min)
            for before, after in zip(ps, ps[1:]):
                if _overlap(*_post_span(before, cab), *_post_span(after, cab)):
                    raise ValidationError(
                        f"overlapping spans of post {post!r} in cabinet {cab_id!r}: "
                        f"{before.holder or 'vacant'} from {_post_span(before, cab)[0]} and "
                        f"{after.holder or 'vacant'} from {_post_span(after, cab)[0]}"
                    )

    def _validate_laws(self) -> None:
        seen: set[str] = set()
        for law in self.laws:
            if law.id in seen:
                raise ValidationError(f"law {law.id!r} is listed twice")
            seen.add(law.id)
            if law.districts_from:
                if law.districts_from not in self._election:
                    raise ValidationError(
                        f"law {law.id!r}: districts_from names unknown election {law.districts_from!r}"
                    )
                if not any(d.election == law.districts_from for d in self.districts):
                    raise ValidationError(
                        f"law {law.id!r}: election {law.districts_from!r} has no districts"
                    )

    # ------------------------------------------------------------------ look-ups
    def law(self, law_id: str) -> Law:
        """The electoral law with this id, its magnitudes filled in.

        A law whose magnitudes are an election's districts (``districts_from``) gets that
        election's general seats and women's quota per district: one copy of each table.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> law = load_dataset("iraq").law("iraq-2025")
        >>> law.first_divisor, law.general_seats, dict(law.seats_by_district)["Baghdad"]
        ('1.7', 320, 69)
        """
        for law in self.laws:
            if law.id == law_id:
                break
        else:
            known = ", ".join(x.id for x in self.laws) or "none"
            raise UnknownIdError(f"unknown law {law_id!r} (known: {known})")
        if not law.districts_from:
            return law
        ds = self.districts_of(law.districts_from)
        women = tuple((d.name, d.women_quota) for d in ds if d.women_quota is not None)
        return replace(
            law,
            seats_by_district=tuple((d.name, d.seats) for d in ds),
            women_seats_by_district=law.women_seats_by_district or women,
            districts_from="",
        )

    def to_pandas(self, table: str = "results") -> Any:
        """One table of the dataset as a pandas DataFrame, a row per record (``results``,
        ``parties``, ``alliances``, ``memberships``, ``elections``, ``districts``, ``events``,
        ``laws``, ...); needs the optional ``pandas`` extra.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> df = load_dataset("iraq").to_pandas("results")
        >>> int(df[(df.election == "2021") & (df.district == "")]["seats"].sum())
        329
        """
        records = getattr(self, table, None) if not table.startswith("_") else None
        if not isinstance(records, tuple) or (records and not is_dataclass(records[0])):
            raise ValidationError(f"unknown table {table!r} of dataset {self.name!r}")
        pd = require("pandas", "pandas", "tables as DataFrames")
        rows = [{f.name: getattr(r, f.name) for f in fields(r)} for r in records]
        return pd.DataFrame(rows)

    def party(self, party_id: str) -> Party:
        """The party with this id (:class:`~majlis.errors.UnknownIdError` if none)."""
        try:
            return self._party[party_id]
        except KeyError:
            raise UnknownIdError(f"unknown party {party_id!r}") from None

    def alliance(self, alliance_id: str) -> Alliance:
        """The alliance with this id (:class:`~majlis.errors.UnknownIdError` if none)."""
        try:
            return self._alliance[alliance_id]
        except KeyError:
            raise UnknownIdError(f"unknown alliance {alliance_id!r}") from None

    def election(self, key: str | int) -> Election:
        """The election with this id, or the only election held in this year.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> load_dataset("iraq").election(2021).date
        datetime.date(2021, 10, 10)
        """
        k = str(key).strip()
        if k in self._election:
            return self._election[k]
        same_year = [e for e in self.elections if str(e.date.year) == k]
        if len(same_year) == 1:
            return same_year[0]
        known = ", ".join(e.id for e in self.elections) or "none"
        raise UnknownIdError(f"unknown election {k!r} (known: {known})")

    def election_on(self, on: dt.date) -> Election:
        """The last election held on or before ``on``."""
        held = [e for e in self.elections if e.date <= on]
        if not held:
            first = min((e.date for e in self.elections), default=None)
            raise ValidationError(f"no election on or before {on} (first election: {first})")
        return max(held, key=lambda e: e.date)

    def next_election(self, after: Election) -> Election | None:
        """The election that follows ``after``, if any."""
        later = [e for e in self.elections if e.date > after.date]
        return min(later, key=lambda e: e.date) if later else None

    def results_of(self, election: str | int, district: str | None = "") -> list[Result]:
        """Result rows of an election: national rows (``district=""``), one district, or all (``None``)."""
        e = self.election(election)
        return [
            r
            for r in self.results
            if r.election == e.id and (district is None or r.district == district)
        ]

    def districts_of(self, election: str | int) -> list[District]:
        """The constituencies of an election (empty if the dataset does not list them)."""
        e = self.election(election)
        return [d for d in self.districts if d.election == e.id]

    def events_in_term(self, election: Election, until: dt.date | None = None) -> list[Event]:
        """Events after ``election`` and before the next one (and not after ``until``)."""
        nxt = self.next_election(election)
        return [
            ev
            for ev in self.events
            if ev.date > election.date
            and (nxt is None or ev.date < nxt.date)
            and (until is None or ev.date <= until)
        ]

    def timeline(
        self, start: dt.date | None = None, end: dt.date | None = None, category: str | None = None
    ) -> list[Event]:
        """Events in date order, optionally within ``[start, end]`` and of one category."""
        return [
            ev
            for ev in self.events
            if (start is None or ev.date >= start)
            and (end is None or ev.date <= end)
            and (category is None or ev.category == category)
        ]

    def dimensions(self) -> list[str]:
        """Ids of the policy dimensions that have positions, in order of first appearance.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> dims = load_dataset("iraq").dimensions()
        >>> {"left_right", "pmf_iran", "federalism", "sectarian_civic"} <= set(dims)
        True
        """
        return list(dict.fromkeys(p.dimension for p in self.positions))

    def position(
        self, party_id: str, dimension: str, on: dt.date | str | None = None
    ) -> Position | None:
        """A party's position on a dimension: the latest dated one on or before ``on``, else the undated one.

        Without ``on``, the latest dated position (or the undated one). ``None`` if the party
        has no position on that dimension (then). An unknown party or dimension raises
        :class:`~majlis.errors.UnknownIdError`.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> ds = load_dataset("iraq")
        >>> p = ds.position("kdp", "federalism", on="2022-10-27")
        >>> p.value > 5, p.method in ("expert-survey", "coded", "judgement")
        (True, True)
        """
        self.party(party_id)
        rows = self._positions.get((party_id, dimension), ())
        if not rows:
            self._check_dimension(dimension)
        day = parse_date(on, what="date") if on is not None else None
        dated = [p for p in rows if p.as_of is not None and (day is None or p.as_of <= day)]
        if dated:
            return max(dated, key=lambda p: p.as_of or dt.date.min)
        undated = [p for p in rows if p.as_of is None]
        return undated[0] if undated else None

    def positions_on(self, dimension: str, on: dt.date | str | None = None) -> dict[str, Position]:
        """Every party's position on one dimension (as :meth:`position` picks it), by party id.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> lr = load_dataset("iraq").positions_on("left_right", on="2022-10-27")
        >>> all(0 <= p.value <= 10 for p in lr.values())
        True
        """
        self._check_dimension(dimension)
        out: dict[str, Position] = {}
        for party_id, dim in self._positions:
            if dim == dimension:
                found = self.position(party_id, dimension, on)
                if found is not None:
                    out[party_id] = found
        return out

    def _check_dimension(self, dimension: str) -> None:
        dims = self.dimensions()
        if dimension not in dims:
            raise UnknownIdError(
                f"unknown dimension {dimension!r} (known: {', '.join(dims) or 'none'})"
            )

    def memberships_on(self, on: dt.date) -> list[Membership]:
        """Memberships in force on ``on`` (of alliances active that day)."""
        return [
            m for m in self.memberships if m.covers(on) and self._alliance[m.alliance].active(on)
        ]

    def latest_date(self) -> dt.date:
        """The newest date the dataset knows: its last event, election or first session.

        The default day of :meth:`parliament` when neither an election nor a date is given.

        Examples
        --------
        >>> import datetime as dt
        >>> from majlis.model import Dataset, Party, Election, Result
        >>> ds = Dataset(country="xx", name="Example", parties=[Party("a", "A")],
        ...              elections=[Election("2020", dt.date(2020, 1, 1), "example", 5)],
        ...              results=[Result("2020", "a", seats=5)])
        >>> ds.latest_date()
        datetime.date(2020, 1, 1)
        """
        days = [e.date for e in self.elections]
        days += [e.first_session for e in self.elections if e.first_session]
        days += [ev.date for ev in self.events]
        if not days:
            raise ValidationError(f"dataset {self.name!r} has no election: there is no house")
        return max(days)

    def is_party(self, key: str) -> bool:
        """Whether ``key`` is the id of a party of this dataset."""
        return key in self._party

    def is_alliance(self, key: str) -> bool:
        """Whether ``key`` is the id of an alliance of this dataset."""
        return key in self._alliance

    def relations_on(self, on: dt.date | str, kind: str | None = None) -> list[Relation]:
        """Relations (alliance, partnership...) in force on ``on``, optionally of one kind.

        Relations are not memberships: :meth:`Parliament.alliance_seats` never counts them.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> [(r.kind, r.subject) for r in load_dataset("iraq").relations_on("2023-01-01")
        ...  if r.object == "cf" and r.subject == "tasmim"]
        [('partner', 'tasmim')]
        """
        day = parse_date(on)
        return [r for r in self.relations if r.covers(day) and (kind is None or r.kind == kind)]

    def committee(self, committee_id: str) -> Committee:
        """The negotiating committee with this id (:class:`~majlis.errors.UnknownIdError` if none)."""
        for c in self.committees:
            if c.id == committee_id:
                return c
        raise UnknownIdError(f"unknown committee {committee_id!r}")

    def tallies_of(self, event_id: str) -> list[Tally]:
        """The tallies (one per item and round) recorded for an event, in file order."""
        if not any(ev.id == event_id for ev in self.events):
            raise UnknownIdError(f"unknown event {event_id!r}")
        return group_tallies(f for f in self.tallies if f.event == event_id)

    def tally(self, event_id: str, item: str, round: int = 1) -> Tally:
        """The tally of one item and round of an event: every figure with its own source.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> t = load_dataset("iraq").tally("2022-03-30", "session")
        >>> t.values("present"), t.quorum_met()
        ((178, 200), False)
        """
        for t in self.tallies_of(event_id):
            if t.item == item and t.round == round:
                return t
        raise UnknownIdError(f"event {event_id!r} has no tally for {item!r} round {round}")

    def cabinet(self, cabinet_id: str) -> Cabinet:
        """The cabinet with this id (:class:`~majlis.errors.UnknownIdError` if none)."""
        try:
            return self._cabinet[cabinet_id]
        except KeyError:
            known = ", ".join(self._cabinet) or "none"
            raise UnknownIdError(f"unknown cabinet {cabinet_id!r} (known: {known})") from None

    def cabinet_on(self, on: dt.date | str) -> Cabinet | None:
        """The cabinet in office (or caretaker) on ``on``, if the dataset records one."""
        day = parse_date(on)
        return next((c for c in self.cabinets if c.in_office(day)), None)

    def cabinet_posts(self, cabinet_id: str, on: dt.date | str | None = None) -> list[CabinetPost]:
        """The posts of a cabinet: every span, or only those held on ``on``.

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> posts = load_dataset("iraq").cabinet_posts("sudani-2022", on="2022-10-27")
        >>> sum(p.kind == "minister" and p.filled for p in posts)
        21
        """
        cab = self.cabinet(cabinet_id)
        day = parse_date(on) if on is not None else None
        out = []
        for p in self.posts:
            if p.cabinet != cabinet_id:
                continue
            start, end = _post_span(p, cab)
            if day is None or ((start is None or start <= day) and (end is None or day < end)):
                out.append(p)
        return out

    def _elected_seats(self, e: Election) -> dict[str, int]:
        seats: dict[str, int] = {}
        for r in self.results:
            if r.election == e.id and not r.district and r.seats:
                seats[r.party] = seats.get(r.party, 0) + r.seats
        return seats

    def parliament(
        self, *, election: str | int | None = None, date: dt.date | str | None = None
    ) -> Parliament:
        """The composition of the house as elected, or at a date (election plus the events since).

        Parameters
        ----------
        election : str or int, optional
            Election id or year. Alone, gives the house as elected, on the day it first sat
            (``Election.first_session``; the polling day if unknown).
        date : date or "YYYY-MM-DD", optional
            Gives the house on that day: the last election before it plus every seat change
            (resignations, replacements) from events up to and including that day.

        With neither, the house on :meth:`latest_date` (the newest dated record): the rule
        the CLI, the web app and the Python API share for "the house now".

        Examples
        --------
        >>> from majlis.data import load_dataset
        >>> ds = load_dataset("iraq")
        >>> ds.parliament(election=2021).seats["sadrist"]
        73
        >>> "sadrist" in ds.parliament(date="2022-07-01").seats
        False
        >>> ds.parliament().date == ds.latest_date()
        True
        """
        on = parse_date(date) if date is not None else None
        if election is None and on is None:
            on = self.latest_date()
        e = self.election(election) if election is not None else self.election_on(on)  # type: ignore[arg-type]
        if on is not None and on < e.date:
            raise ValidationError(f"date {on} is before election {e.id!r} ({e.date})")
        if on is None:  # the house as elected, on the day it first sat
            on = e.first_session or e.date
        seats = self._elected_seats(e)
        applied = self.events_in_term(e, until=on)
        for ev in applied:
            for ch in ev.seat_changes:
                seats[ch.party] = seats.get(ch.party, 0) + ch.delta
        return Parliament(
            dataset=self,
            election=e,
            date=on,
            seats={p: s for p, s in seats.items() if s > 0},
            events=tuple(ev for ev in applied if ev.seat_changes),
        )


def _overlap(
    a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None
) -> bool:
    """True if the half-open spans [a_start, a_end) and [b_start, b_end) share a day."""
    lo_a, lo_b = a_start or dt.date.min, b_start or dt.date.min
    hi_a, hi_b = a_end or dt.date.max, b_end or dt.date.max
    return lo_a < hi_b and lo_b < hi_a


def _post_span(p: CabinetPost, cab: Cabinet) -> tuple[dt.date | None, dt.date | None]:
    """A post's span, its missing ends taken from its cabinet's term."""
    return (p.start or cab.start, p.end or cab.end)


def _index(records: Iterable, what: str) -> dict:
    out: dict = {}
    for r in records:
        if r.id in out:
            raise ValidationError(f"duplicate {what} id {r.id!r}")
        out[r.id] = r
    return out
