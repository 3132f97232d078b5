"""Reading and writing a dataset as a folder of CSV files, or as one JSON document.

The format (documented in the README, section "Dataset format"):

``dataset.json``
    ``{"format": "majlis-dataset/1", "country": "iq", "name": "...", "source": "..."}``
``parties.csv``
    id, name, name_ar, family, colour, leader, independents, source, notes
``alliances.csv``
    id, name, name_ar, kind, predecessor, formed, dissolved, leaders, colour, source, notes
``memberships.csv``
    alliance, member, start, end, source, notes
``elections.csv``
    id, date, law, house_size, name, first_session, source, notes
``districts.csv``
    election, name, seats, minority_seats, women_quota, subdistricts, source, notes
``results.csv``
    election, party, district, votes, seats, women_seats, vote_share, seat_type, votes_status, source, notes
``events.csv``
    id, date, date_precision, category, event, actors, source
``seat_changes.csv``
    event, party, delta, source, notes
``positions.csv``
    party, dimension, value, low, high, scale, method, as_of, source, notes
``relations.csv``
    kind, subject, object, start, end, source, notes
``committees.csv``
    id, date, side, head, members, counterparts, account, source, notes
``tallies.csv``
    event, item, round, measure, subject, count, source, notes
``cabinets.csv``
    id, name, prime_minister, prime_minister_ar, party, coalition, designated, start, end, ministries,
    source, notes
``cabinet_posts.csv``
    cabinet, post, kind, holder, holder_ar, party, affiliation, component, start, end, status, source,
    notes
``laws.csv``
    id, name, method, first_divisor, threshold, threshold_scope, women_rule, districts_from,
    minority (``seat id: community @ district; ...``), total_seats, verified, source, notes
``law_districts.csv``
    law, district, seats, women_seats, source, notes — magnitudes of a law whose
    ``districts_from`` (an election of the dataset) is empty

Lists inside a cell (``leaders``, ``actors``, ``members``, ``counterparts``) are separated by ``;``.
Empty cells mean unknown. Only ``parties.csv``, ``elections.csv`` and ``results.csv`` are required.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, overload

from majlis.errors import ValidationError
from majlis.limits import MAX_DATASET_BYTES, check_limit
from majlis.model import (
    Alliance,
    Cabinet,
    CabinetPost,
    Committee,
    Dataset,
    District,
    Election,
    Event,
    Law,
    Membership,
    Party,
    Position,
    Relation,
    Result,
    SeatChange,
    TallyFigure,
    format_number,
    parse_date,
    parse_number,
)

__all__ = [
    "COLUMNS",
    "FORMAT",
    "dataset_from_json",
    "dataset_from_tables",
    "dataset_to_json",
    "dataset_to_tables",
    "read_dataset",
    "read_dataset_dir",
    "write_dataset_dir",
]

FORMAT = "majlis-dataset/1"

COLUMNS: dict[str, tuple[str, ...]] = {
    "parties": (
        "id",
        "name",
        "name_ar",
        "family",
        "colour",
        "leader",
        "independents",
        "source",
        "notes",
    ),
    "alliances": (
        "id",
        "name",
        "name_ar",
        "kind",
        "predecessor",
        "formed",
        "dissolved",
        "leaders",
        "colour",
        "source",
        "notes",
    ),
    "memberships": ("alliance", "member", "start", "end", "source", "notes"),
    "elections": ("id", "date", "law", "house_size", "name", "first_session", "source", "notes"),
    "districts": (
        "election",
        "name",
        "seats",
        "minority_seats",
        "women_quota",
        "subdistricts",
        "source",
        "notes",
    ),
    "results": (
        "election",
        "party",
        "district",
        "votes",
        "seats",
        "women_seats",
        "vote_share",
        "seat_type",
        "votes_status",
        "source",
        "notes",
    ),
    "events": ("id", "date", "date_precision", "category", "event", "actors", "source"),
    "seat_changes": ("event", "party", "delta", "source", "notes"),
    "relations": ("kind", "subject", "object", "start", "end", "source", "notes"),
    "committees": (
        "id",
        "date",
        "side",
        "head",
        "members",
        "counterparts",
        "account",
        "source",
        "notes",
    ),
    "tallies": ("event", "item", "round", "measure", "subject", "count", "source", "notes"),
    "cabinets": (
        "id",
        "name",
        "prime_minister",
        "prime_minister_ar",
        "party",
        "coalition",
        "designated",
        "start",
        "end",
        "ministries",
        "source",
        "notes",
    ),
    "cabinet_posts": (
        "cabinet",
        "post",
        "kind",
        "holder",
        "holder_ar",
        "party",
        "affiliation",
        "component",
        "start",
        "end",
        "status",
        "source",
        "notes",
    ),
    "positions": (
        "party",
        "dimension",
        "value",
        "low",
        "high",
        "scale",
        "method",
        "as_of",
        "source",
        "notes",
    ),
    "laws": (
        "id",
        "name",
        "method",
        "first_divisor",
        "threshold",
        "threshold_scope",
        "women_rule",
        "districts_from",
        "minority",
        "total_seats",
        "verified",
        "source",
        "notes",
    ),
    "law_districts": ("law", "district", "seats", "women_seats", "source", "notes"),
}
_REQUIRED = ("parties", "elections", "results")
_ATTR = {
    ("events", "event"): "description"
}  # (table, CSV column) -> record attribute, where they differ

Row = dict[str, str]


# ---------------------------------------------------------------------- cell parsing
@overload
def _int(row: Row, key: str, where: str, *, required: Literal[True]) -> int: ...
@overload
def _int(row: Row, key: str, where: str, *, required: bool = False) -> int | None: ...
def _int(row: Row, key: str, where: str, *, required: bool = False) -> int | None:
    text = (row.get(key) or "").strip().replace(",", "").replace("_", "")
    if not text:
        if required:
            raise ValidationError(f"{where}: {key} is empty")
        return None
    try:
        return int(text)
    except ValueError:
        raise ValidationError(f"{where}: {key} {text!r} is not a whole number") from None


def _float(row: Row, key: str, where: str) -> float | None:
    text = (row.get(key) or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidationError(f"{where}: {key} {text!r} is not a number") from None


def _number(row: Row, key: str, where: str) -> Fraction:
    text = (row.get(key) or "").strip()
    if not text:
        raise ValidationError(f"{where}: {key} is empty")
    return parse_number(text, what=f"{key} in {where}")


@overload
def _date(row: Row, key: str, where: str, *, required: Literal[True]) -> dt.date: ...
@overload
def _date(row: Row, key: str, where: str, *, required: bool = False) -> dt.date | None: ...
def _date(row: Row, key: str, where: str, *, required: bool = False) -> dt.date | None:
    text = (row.get(key) or "").strip()
    if not text:
        if required:
            raise ValidationError(f"{where}: {key} is empty")
        return None
    return parse_date(text, what=f"{key} in {where}")


def _bool(row: Row, key: str, where: str) -> bool:
    text = (row.get(key) or "").strip().lower()
    if text in ("", "0", "no", "false"):
        return False
    if text in ("1", "yes", "true"):
        return True
    raise ValidationError(f"{where}: {key} {text!r} is not yes/no")


def _list(row: Row, key: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in (row.get(key) or "").split(";") if x.strip())


def _s(row: Row, key: str, default: str = "") -> str:
    return (row.get(key) or "").strip() or default


# ---------------------------------------------------------------------- tables <-> records
def dataset_from_tables(meta: Mapping[str, Any], tables: Mapping[str, list[Row]]) -> Dataset:
    """Build a validated :class:`~majlis.model.Dataset` from rows of the CSV tables."""

    def build(name: str, make: Callable[[Row, str], Any]) -> list:
        out = []
        for i, row in enumerate(tables.get(name, ()), start=2):  # line 1 is the header
            out.append(make(row, f"{name}.csv line {i}"))
        return out

    def mk_event(r: Row, w: str) -> Event:
        eid = _s(r, "id")
        return Event(
            id=eid,
            date=_date(r, "date", w, required=True),
            description=_s(r, "event"),
            category=_s(r, "category", "other"),
            actors=_list(r, "actors"),
            source=_s(r, "source"),
            date_precision=_s(r, "date_precision", "day"),
            seat_changes=tuple(changes.get(eid, ())),
        )

    def mk_position(r: Row, w: str) -> Position:
        try:
            return Position(
                party=_s(r, "party"),
                dimension=_s(r, "dimension"),
                value=_number(r, "value", w),
                low=_number(r, "low", w),
                high=_number(r, "high", w),
                scale=_s(r, "scale"),
                method=_s(r, "method"),
                as_of=_date(r, "as_of", w),
                source=_s(r, "source"),
                notes=_s(r, "notes"),
            )
        except ValidationError as exc:
            msg = str(exc)
            raise ValidationError(msg if msg.startswith(w) else f"{w}: {msg}") from None

    changes: dict[str, list[SeatChange]] = {}
    for i, r in enumerate(tables.get("seat_changes", ()), start=2):
        w = f"seat_changes.csv line {i}"
        ch = SeatChange(
            _s(r, "event"),
            _s(r, "party"),
            _int(r, "delta", w, required=True),
            _s(r, "source"),
            _s(r, "notes"),
        )
        changes.setdefault(ch.event, []).append(ch)
    events = build("events", mk_event)
    unknown = set(changes) - {e.id for e in events}
    if unknown:
        raise ValidationError(f"seat_changes.csv: unknown event {sorted(unknown)[0]!r}")

    try:
        return Dataset(
            country=str(meta.get("country", "")),
            name=str(meta.get("name", "")),
            source=str(meta.get("source", "")),
            notes=str(meta.get("notes", "")),
            parties=build(
                "parties",
                lambda r, w: Party(
                    id=_s(r, "id"),
                    name=_s(r, "name"),
                    name_ar=_s(r, "name_ar"),
                    family=_s(r, "family", "unknown"),
                    colour=_s(r, "colour", "#9e9e9e"),
                    leader=_s(r, "leader"),
                    independents=_bool(r, "independents", w),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            alliances=build(
                "alliances",
                lambda r, w: Alliance(
                    id=_s(r, "id"),
                    name=_s(r, "name"),
                    name_ar=_s(r, "name_ar"),
                    kind=_s(r, "kind", "bloc"),
                    predecessor=_s(r, "predecessor"),
                    formed=_date(r, "formed", w),
                    dissolved=_date(r, "dissolved", w),
                    leaders=_list(r, "leaders"),
                    colour=_s(r, "colour", "#607d8b"),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            memberships=build(
                "memberships",
                lambda r, w: Membership(
                    alliance=_s(r, "alliance"),
                    member=_s(r, "member"),
                    start=_date(r, "start", w, required=True),
                    end=_date(r, "end", w),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            elections=build(
                "elections",
                lambda r, w: Election(
                    id=_s(r, "id"),
                    date=_date(r, "date", w, required=True),
                    law=_s(r, "law"),
                    house_size=_int(r, "house_size", w, required=True),
                    name=_s(r, "name"),
                    first_session=_date(r, "first_session", w),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            districts=build(
                "districts",
                lambda r, w: District(
                    election=_s(r, "election"),
                    name=_s(r, "name"),
                    seats=_int(r, "seats", w, required=True),
                    minority_seats=_int(r, "minority_seats", w) or 0,
                    women_quota=_int(r, "women_quota", w),
                    subdistricts=_int(r, "subdistricts", w),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            results=build(
                "results",
                lambda r, w: Result(
                    election=_s(r, "election"),
                    party=_s(r, "party"),
                    district=_s(r, "district"),
                    votes=_int(r, "votes", w),
                    seats=_int(r, "seats", w),
                    women_seats=_int(r, "women_seats", w),
                    vote_share=_float(r, "vote_share", w),
                    seat_type=_s(r, "seat_type", "general"),
                    votes_status=_s(r, "votes_status", "final"),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            events=events,
            positions=build("positions", mk_position),
            relations=build(
                "relations",
                lambda r, w: Relation(
                    kind=_s(r, "kind"),
                    subject=_s(r, "subject"),
                    object=_s(r, "object"),
                    start=_date(r, "start", w, required=True),
                    end=_date(r, "end", w),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            committees=build(
                "committees",
                lambda r, w: Committee(
                    id=_s(r, "id"),
                    date=_date(r, "date", w, required=True),
                    side=_s(r, "side"),
                    head=_s(r, "head"),
                    counterparts=_list(r, "counterparts"),
                    members=_list(r, "members"),
                    account=_s(r, "account"),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            tallies=build(
                "tallies",
                lambda r, w: TallyFigure(
                    event=_s(r, "event"),
                    item=_s(r, "item"),
                    measure=_s(r, "measure"),
                    count=_int(r, "count", w, required=True),
                    round=_int(r, "round", w) or 1,
                    subject=_s(r, "subject"),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            cabinets=build(
                "cabinets",
                lambda r, w: Cabinet(
                    id=_s(r, "id"),
                    name=_s(r, "name"),
                    prime_minister=_s(r, "prime_minister"),
                    prime_minister_ar=_s(r, "prime_minister_ar"),
                    party=_s(r, "party"),
                    coalition=_s(r, "coalition"),
                    designated=_date(r, "designated", w),
                    start=_date(r, "start", w, required=True),
                    end=_date(r, "end", w),
                    ministries=_int(r, "ministries", w),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            posts=build(
                "cabinet_posts",
                lambda r, w: CabinetPost(
                    cabinet=_s(r, "cabinet"),
                    post=_s(r, "post"),
                    kind=_s(r, "kind", "minister"),
                    holder=_s(r, "holder"),
                    holder_ar=_s(r, "holder_ar"),
                    party=_s(r, "party"),
                    affiliation=_s(r, "affiliation"),
                    component=_s(r, "component", "unknown"),
                    start=_date(r, "start", w),
                    end=_date(r, "end", w),
                    status=_s(r, "status", "filled"),
                    source=_s(r, "source"),
                    notes=_s(r, "notes"),
                ),
            ),
            laws=_laws(tables),
        )
    except TypeError as exc:  # e.g. a required cell missing in a hand-written file
        raise ValidationError(f"malformed dataset: {exc}") from None


def _minority(text: str, where: str) -> tuple[tuple[str, str, str], ...]:
    out = []
    for item in (x.strip() for x in text.split(";") if x.strip()):
        seat, sep, rest = item.partition(":")
        community, sep2, district = rest.partition("@")
        if not (sep and sep2 and seat.strip() and community.strip() and district.strip()):
            raise ValidationError(
                f"{where}: minority seat {item!r} must look like 'seat_id: Community @ District'"
            )
        out.append((seat.strip(), community.strip(), district.strip()))
    return tuple(out)


def _laws(tables: Mapping[str, list[Row]]) -> list[Law]:
    """Laws from ``laws.csv``, with the magnitudes of ``law_districts.csv`` folded in."""
    seats: dict[str, list[tuple[str, int]]] = {}
    women: dict[str, list[tuple[str, int]]] = {}
    for i, r in enumerate(tables.get("law_districts", ()), start=2):
        w = f"law_districts.csv line {i}"
        law = _s(r, "law")
        seats.setdefault(law, []).append((_s(r, "district"), _int(r, "seats", w, required=True)))
        n = _int(r, "women_seats", w)
        if n is not None:
            women.setdefault(law, []).append((_s(r, "district"), n))
    out = []
    for i, r in enumerate(tables.get("laws", ()), start=2):
        w = f"laws.csv line {i}"
        lid = _s(r, "id")
        out.append(
            Law(
                id=lid,
                name=_s(r, "name"),
                method=_s(r, "method"),
                first_divisor=_s(r, "first_divisor") or None,
                threshold=_s(r, "threshold") or None,
                threshold_scope=_s(r, "threshold_scope", "district"),
                women_quota=_s(r, "women_rule", "none"),
                districts_from=_s(r, "districts_from"),
                seats_by_district=tuple(seats.pop(lid, ())),
                women_seats_by_district=tuple(women.pop(lid, ())),
                minority_seats=_minority(_s(r, "minority"), w),
                total_seats=_int(r, "total_seats", w),
                verified=(_s(r, "verified", "yes").lower() not in ("no", "false", "0")),
                sources=tuple(x.strip() for x in _s(r, "source").split(" ; ") if x.strip()),
                notes=_s(r, "notes"),
            )
        )
    if seats:
        raise ValidationError(f"law_districts.csv: unknown law {sorted(seats)[0]!r}")
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, tuple):
        return "; ".join(value)
    if isinstance(value, Fraction):
        return format_number(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def dataset_to_tables(ds: Dataset) -> tuple[dict[str, Any], dict[str, list[Row]]]:
    """The metadata and CSV rows of a dataset (the inverse of :func:`dataset_from_tables`)."""
    meta = {
        "format": FORMAT,
        "country": ds.country,
        "name": ds.name,
        "source": ds.source,
        "notes": ds.notes,
    }
    records: dict[str, Iterable[Any]] = {
        "parties": ds.parties,
        "alliances": ds.alliances,
        "memberships": ds.memberships,
        "elections": ds.elections,
        "districts": ds.districts,
        "results": ds.results,
        "events": ds.events,
        "seat_changes": (ch for ev in ds.events for ch in ev.seat_changes),
        "positions": ds.positions,
        "relations": ds.relations,
        "committees": ds.committees,
        "tallies": ds.tallies,
        "cabinets": ds.cabinets,
        "cabinet_posts": ds.posts,
    }
    t: dict[str, list[Row]] = {}
    for name, items in records.items():
        t[name] = [
            {k: _cell(getattr(x, _ATTR.get((name, k), k))) for k in COLUMNS[name]} for x in items
        ]
    t["laws"] = [
        {
            **{
                k: _cell(getattr(law, k, None))
                for k in COLUMNS["laws"]
                if k not in ("minority", "source", "women_rule")
            },
            "women_rule": law.women_quota,
            "minority": "; ".join(f"{i}: {c} @ {d}" for i, c, d in law.minority_seats),
            "verified": "yes" if law.verified else "no",
            "source": " ; ".join(law.sources),
        }
        for law in ds.laws
    ]
    women = {law.id: dict(law.women_seats_by_district) for law in ds.laws}
    t["law_districts"] = [
        {
            "law": law.id,
            "district": d,
            "seats": str(n),
            "women_seats": _cell(women[law.id].get(d)),
            "source": " ; ".join(law.sources),
            "notes": "",
        }
        for law in ds.laws
        for d, n in law.seats_by_district
    ]
    return meta, t


# ---------------------------------------------------------------------- folders
def _read_text(path: Path) -> str:
    """A file's text, refused beyond :data:`~majlis.limits.MAX_DATASET_BYTES`."""
    check_limit(path.stat().st_size, MAX_DATASET_BYTES, f"bytes in a dataset file ({path.name})")
    return path.read_text(encoding="utf-8-sig")


def _read_csv(path: Path, name: str) -> list[Row]:
    try:
        text = _read_text(path)
    except UnicodeDecodeError:
        raise ValidationError(f"{path}: not UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS[name][:2] if c not in header]
    if missing:
        raise ValidationError(
            f"{path.name}: missing column {missing[0]!r} (header: {','.join(header) or 'empty'})"
        )
    rows = []
    for i, row in enumerate(reader, start=2):
        if None in row:
            raise ValidationError(f"{path.name} line {i}: more cells than columns")
        rows.append({k: (v or "") for k, v in row.items()})
    return rows


def read_dataset_dir(folder: str | Path) -> Dataset:
    """Read a dataset folder (``dataset.json`` + CSV files) and validate it.

    Examples
    --------
    >>> from majlis.data import builtin_path
    >>> read_dataset_dir(builtin_path("iraq")).country
    'iq'
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValidationError(f"{folder}: not a folder")
    meta: dict[str, Any] = {}
    meta_path = folder / "dataset.json"
    if meta_path.exists():
        try:
            meta = json.loads(_read_text(meta_path))
        except json.JSONDecodeError as exc:
            raise ValidationError(
                f"{meta_path.name}: invalid JSON ({exc.msg} at line {exc.lineno})"
            ) from None
        if not isinstance(meta, dict):
            raise ValidationError(f"{meta_path.name}: expected a JSON object")
    meta.setdefault("country", folder.name)
    meta.setdefault("name", folder.name)
    tables: dict[str, list[Row]] = {}
    for name in COLUMNS:
        path = folder / f"{name}.csv"
        if path.exists():
            tables[name] = _read_csv(path, name)
        elif name in _REQUIRED:
            raise ValidationError(f"{folder}: missing {name}.csv")
    return dataset_from_tables(meta, tables)


def read_dataset(path: str | Path) -> Dataset:
    """Read and validate a dataset from a folder of CSV files or one JSON file.

    Examples
    --------
    >>> from majlis.data import builtin_path
    >>> read_dataset(builtin_path("iraq")).name
    'Iraq: Council of Representatives'
    """
    path = Path(path)
    if not path.exists():
        raise ValidationError(f"{path}: no such file or folder")
    if path.is_dir():
        return read_dataset_dir(path)
    try:
        doc = json.loads(_read_text(path))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(f"{path}: not a valid JSON file ({exc})") from None
    return dataset_from_json(doc)


def write_dataset_dir(ds: Dataset, folder: str | Path) -> list[Path]:
    """Write a dataset as a folder of CSV files (created if needed); returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    meta, tables = dataset_to_tables(ds)
    written = [folder / "dataset.json"]
    written[0].write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name, rows in tables.items():
        path = folder / f"{name}.csv"
        _write_csv(path, COLUMNS[name], rows)
        written.append(path)
    return written


def _write_csv(path: Path, columns: Iterable[str], rows: list[Row]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


# ---------------------------------------------------------------------- JSON
def dataset_to_json(ds: Dataset) -> dict[str, Any]:
    """One JSON document holding the whole dataset (same tables and columns as the CSV folder)."""
    meta, tables = dataset_to_tables(ds)
    return {**meta, "tables": tables}


def dataset_from_json(doc: Mapping[str, Any]) -> Dataset:
    """Build a dataset from the document of :func:`dataset_to_json`."""
    if not isinstance(doc, Mapping) or not isinstance(doc.get("tables"), Mapping):
        raise ValidationError("dataset JSON: expected an object with a 'tables' object")
    tables = {}
    for name, rows in doc["tables"].items():
        if name not in COLUMNS:
            raise ValidationError(f"dataset JSON: unknown table {name!r}")
        if not isinstance(rows, list) or not all(isinstance(r, Mapping) for r in rows):
            raise ValidationError(f"dataset JSON: table {name!r} must be a list of objects")
        tables[name] = [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows]
    meta = {k: v for k, v in doc.items() if k != "tables"}
    return dataset_from_tables(meta, tables)
