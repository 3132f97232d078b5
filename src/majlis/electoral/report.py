"""One call for the seats question: votes (typed, a file, or an election's official votes)
under a method or a law, per district and nationally, with flip margins and the official
comparison. The CLI (``majlis seats``), the web app and notebooks render its result.

* :func:`seat_report` — the call; it refuses options its mode does not use;
* :func:`read_votes` — votes from a CSV (``list,votes[,district]``) or JSON file;
* :class:`SeatReport` — the result: ``to_dict()`` (the ``majlis seats --json`` document),
  ``to_pandas()`` and a Jupyter table.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from majlis._optional import require
from majlis.electoral._input import as_fraction
from majlis.electoral.districts import allocate_districts
from majlis.electoral.elections import GovernorateCheck, load_election_votes, validate_election
from majlis.electoral.laws import apply_law
from majlis.electoral.margins import FlipMargins, flip_margins, votes_to_transfer
from majlis.electoral.methods import allocate_seats, get_method
from majlis.errors import ValidationError
from majlis.limits import MAX_DISTRICTS, MAX_LISTS, MAX_VOTES_BYTES, check_limit
from majlis.model import Dataset, Law

__all__ = ["DistrictSeats", "SeatReport", "Transfer", "parse_votes", "read_votes", "seat_report"]

VotesByDistrict = dict[str, dict[str, int]]


@dataclass(frozen=True)
class Transfer:
    """The fewest votes moving from ``source`` to ``target`` that win ``target`` a seat."""

    source: str
    target: str
    votes: int | None  # None: even all of source's votes are not enough

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (``from``, ``to``, ``votes``)."""
        return {"from": self.source, "to": self.target, "votes": self.votes}


@dataclass(frozen=True)
class DistrictSeats:
    """One district of a report: its votes and seats, and where known the official seats,
    the validation verdict and the flip margins."""

    name: str
    votes: dict[str, int]
    seats: dict[str, int]
    official: dict[str, int] | None = None
    check: GovernorateCheck | None = None
    flip: FlipMargins | None = None

    @property
    def total(self) -> int:
        """Seats allocated in the district."""
        return sum(self.seats.values())


@dataclass(frozen=True)
class SeatReport:
    """Seats per district and nationally under a method or a law (see :func:`seat_report`).

    ``mode`` is ``"votes"`` (one district), ``"districts"`` or ``"election"`` (an election's
    official votes from a dataset, compared with the official seats).
    """

    mode: str
    method: str
    districts: tuple[DistrictSeats, ...]
    totals: dict[str, int]
    total_seats: int
    first_divisor: str | None = None
    threshold: str | None = None
    law: str | None = None
    election: int | None = None
    transfer: Transfer | None = None
    estimated: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def method_name(self) -> str:
        """The method's human name, with its first divisor."""
        fd = f" (first divisor {self.first_divisor})" if self.first_divisor else ""
        return get_method(self.method).name + fd

    @property
    def national_votes(self) -> dict[str, int]:
        """Votes per list summed over the districts."""
        out: dict[str, int] = {}
        for d in self.districts:
            for n, v in d.votes.items():
                out[n] = out.get(n, 0) + v
        return out

    def to_dict(self) -> dict[str, Any]:
        """The ``majlis seats --json`` document (its shape depends on the mode).

        ``votes``: ``{"method", "first_divisor", "threshold", "law", "seats", "total",
        "flip"?, "transfer"?}``; ``districts``: the same plus ``"districts": {name: {list:
        seats}}`` and ``"notes"``; ``election``: ``{"election", "law", "seats", "total",
        "districts": {name: {"seats", "official", "check", "ok", "why"}}, "estimated",
        "notes", "flip"?}``.
        """
        doc: dict[str, Any]
        if self.mode == "election":
            doc = {
                "election": self.election,
                "law": self.law,
                "seats": dict(self.totals),
                "total": self.total_seats,
                "districts": {
                    d.name: {
                        "seats": d.seats,
                        "official": d.official or {},
                        "check": d.check.mode if d.check else None,
                        "ok": d.check.ok if d.check else None,
                        "why": d.check.reason if d.check else "",
                    }
                    for d in self.districts
                },
                "estimated": list(self.estimated),
                "notes": list(self.notes),
            }
        else:
            doc = {
                "method": self.method,
                "first_divisor": self.first_divisor,
                "threshold": self.threshold,
                "law": self.law,
                "seats": dict(self.totals),
                "total": self.total_seats,
            }
            if self.mode == "districts":
                doc["districts"] = {d.name: dict(d.seats) for d in self.districts}
                doc["notes"] = list(self.notes)
        flips = {d.name: d.flip.to_dict() for d in self.districts if d.flip is not None}
        if flips:
            doc["flip"] = flips[""] if self.mode == "votes" else flips
        if self.transfer is not None:
            doc["transfer"] = self.transfer.to_dict()
        return doc

    def to_pandas(self) -> Any:
        """One row per district and list: votes, seats, official seats (pandas DataFrame).

        Needs the optional ``pandas`` dependency (``pip install 'majlis[pandas]'``).
        """
        pd = require("pandas", "pandas", "tables as DataFrames")
        rows = [
            {
                "district": d.name,
                "list": n,
                "votes": d.votes.get(n),
                "seats": d.seats.get(n, 0),
                "official": None if d.official is None else d.official.get(n),
            }
            for d in self.districts
            for n in dict.fromkeys([*d.votes, *d.seats, *(d.official or {})])
        ]
        return pd.DataFrame(rows, columns=["district", "list", "votes", "seats", "official"])

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in ("list", "votes", "seats"))
        votes = self.national_votes
        body = "".join(
            f"<tr><td>{_esc(n)}</td><td>{votes.get(n, 0):,}</td><td>{s}</td></tr>"
            for n, s in sorted(self.totals.items(), key=lambda kv: -kv[1])
        )
        title = _esc(f"{self.law or self.method_name}: {self.total_seats} seats")
        return f"<p><b>{title}</b></p><table><tr>{head}</tr>{body}</table>"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _refuse(mode: str, **given: Any) -> None:
    """One error naming the options a mode does not use."""
    extra = [name.replace("_", " ") for name, value in given.items() if value not in (None, False)]
    if extra:
        names = ", ".join(extra)
        raise ValidationError(
            f"{mode} does not use {names}: drop {'it' if len(extra) == 1 else 'them'}"
        )


def _transfer(text: str | tuple[str, str]) -> tuple[str, str]:
    if isinstance(text, tuple):
        return text
    src, sep, dst = text.partition(">")
    if not sep or not src.strip() or not dst.strip():
        raise ValidationError(f"a transfer must look like 'A>B', got {text!r}")
    return src.strip(), dst.strip()


def seat_report(
    votes: Mapping[str, Any] | None = None,
    *,
    seats: int | None = None,
    method: str | None = None,
    first_divisor: Any = None,
    threshold: Any = None,
    law: Law | None = None,
    district_seats: Mapping[str, int] | None = None,
    dataset: Dataset | None = None,
    election: int | str | None = None,
    tie_break: str = "votes",
    seed: int | None = None,
    flip: bool = False,
    transfer: str | tuple[str, str] | None = None,
) -> SeatReport:
    """Allocate seats from votes by a method or a law, or reproduce an election.

    Three modes, chosen by the arguments; an option the mode does not use is an error:

    * **one district**: ``votes`` maps list -> votes; ``seats`` and ``method`` (default
      D'Hondt, with ``first_divisor``, ``threshold``) or ``law`` (which sets the method,
      divisor and threshold); ``flip`` adds flip margins, ``transfer="X>Y"`` the fewest
      votes moving from X to Y that win Y a seat.
    * **several districts**: ``votes`` maps district -> list -> votes; magnitudes from
      ``district_seats``, or ``seats`` for every district, or the ``law``'s own.
    * **an election**: ``dataset`` and ``election``; the official list votes per district,
      the law the election was held under (or ``law``, a counterfactual) and the
      comparison with the official seats (:func:`~majlis.electoral.validate_election`).

    Flip margins and transfers honour the threshold; under a national threshold (which
    depends on every district) they are refused.

    Examples
    --------
    >>> r = seat_report({"A": 1000, "B": 600, "C": 80}, seats=12, method="sainte-lague",
    ...                 threshold=0.05, flip=True)
    >>> r.totals, r.districts[0].flip.lists[2].votes_to_gain
    ({'A': 8, 'B': 4, 'C': 0}, 5)
    >>> from majlis.data import load_dataset
    >>> r = seat_report(dataset=load_dataset("iraq"), election=2025)
    >>> erbil = next(d for d in r.districts if d.name == "Erbil")
    >>> r.law, erbil.check.mode, erbil.check.ok, erbil.seats == erbil.official
    ('iraq-2025', 'full', True, True)
    """
    if election is not None:
        _refuse(
            "an election's official votes",
            votes=votes,
            seats=seats,
            method=method,
            first_divisor=first_divisor,
            threshold=threshold,
            district_seats=district_seats,
            transfer=transfer,
        )
        if dataset is None:
            raise ValidationError("an election needs its dataset")
        return _election(dataset, election, law, flip, tie_break, seed)
    if votes is None:
        raise ValidationError("give votes (per list, or per district and list) or an election")
    if not votes:
        raise ValidationError("the vote list is empty: give at least one list with votes")
    by_district = _as_districts(votes)
    if law is not None:
        _refuse(
            "a law (it sets them)", method=method, first_divisor=first_divisor, threshold=threshold
        )
        method, first_divisor, threshold = law.method, law.first_divisor, law.threshold
    method = method or "dhondt"
    get_method(method)
    opts: dict[str, Any] = {
        "first_divisor": first_divisor,
        "threshold": threshold,
        "tie_break": tie_break,
        "seed": seed,
    }
    fd = None if first_divisor is None else str(first_divisor)
    th = None if threshold is None else str(as_fraction(threshold, "threshold"))
    if list(by_district) == [""]:
        _refuse("one district", district_seats=district_seats)
        if seats is None:
            raise ValidationError("give the number of seats to fill")
        v = by_district[""]
        result = allocate_seats(v, seats, method, **opts)
        assert isinstance(result, dict)
        margins = flip_margins(v, seats, method, **opts) if flip else None
        moved = None
        if transfer is not None:
            src, dst = _transfer(transfer)
            moved = Transfer(
                src,
                dst,
                votes_to_transfer(v, seats, src, dst, method, **opts),
            )
        return SeatReport(
            "votes",
            method,
            (DistrictSeats("", dict(v), result, flip=margins),),
            dict(result),
            seats,
            fd,
            th,
            law.id if law else None,
            transfer=moved,
        )
    _refuse("several districts", transfer=transfer)
    if "" in by_district:
        raise ValidationError("give a district for every row of the votes, or for none")
    check_limit(len(by_district), MAX_DISTRICTS, "districts")
    if district_seats is not None and seats is not None:
        raise ValidationError("give the seats per district or one number for all, not both")
    if district_seats is not None:
        mags: dict[str, int] | None = dict(district_seats)
    elif seats is not None:
        mags = dict.fromkeys(by_district, seats)
    elif law is not None and law.seats_by_district:
        mags = None
    else:
        raise ValidationError("give the seats per district (or one number for all, or a law)")
    notes: tuple[str, ...] = ()
    if law is not None:
        res = apply_law(law, by_district, mags, tie_break=tie_break, seed=seed)
        districts, totals, total, notes = res.districts, res.totals, res.general_seats, res.notes
        scope = law.threshold_scope
    else:
        assert mags is not None
        dres = allocate_districts(by_district, mags, method, **opts)
        districts, totals, total, scope = dres.districts, dres.totals, dres.seats, "district"
    if flip and threshold is not None and scope == "national":
        raise ValidationError("flip margins under a national threshold depend on every district")
    rows = tuple(
        DistrictSeats(
            d,
            dict(v),
            districts[d],
            flip=(flip_margins(v, sum(districts[d].values()), method, **opts) if flip else None),
        )
        for d, v in by_district.items()
    )
    return SeatReport(
        "districts", method, rows, dict(totals), total, fd, th, law.id if law else None, notes=notes
    )


def _election(
    ds: Dataset,
    election: int | str,
    law: Law | None,
    flip: bool,
    tie_break: str,
    seed: int | None,
) -> SeatReport:
    ev = load_election_votes(ds, election)
    lw = law if law is not None else ds.law(ev.law)
    checks = {c.governorate: c for c in validate_election(ds, election, lw)}
    res = apply_law(lw, ev.votes, estimated=ev.estimated, tie_break=tie_break, seed=seed)
    rows = tuple(
        DistrictSeats(
            g,
            dict(v),
            res.districts[g],
            official=checks[g].official,
            check=checks[g],
            flip=(
                flip_margins(
                    v,
                    sum(res.districts[g].values()),
                    lw.method,
                    first_divisor=lw.first_divisor,
                    threshold=lw.threshold,
                )
                if flip
                else None
            ),
        )
        for g, v in ev.votes.items()
    )
    notes = (
        *res.notes,
        "only districts with sourced list votes are included; lists missing from the sources are absent",
    )
    return SeatReport(
        "election",
        lw.method,
        rows,
        dict(res.totals),
        res.general_seats,
        lw.first_divisor,
        lw.threshold,
        lw.id,
        ev.year,
        estimated=tuple(res.estimated),
        notes=notes,
    )


def _as_districts(votes: Mapping[str, Any]) -> VotesByDistrict:
    """``{list: votes}`` -> ``{"": {...}}``; ``{district: {list: votes}}`` as it is."""
    nested = [isinstance(v, Mapping) for v in votes.values()]
    if all(nested):
        return {str(d): dict(v) for d, v in votes.items()}
    if any(nested):
        raise ValidationError("give votes per list or per district and list, not a mix")
    return {"": dict(votes)}


def read_votes(source: str | Path, *, format: str | None = None) -> VotesByDistrict:
    """Read votes from a CSV or JSON file (or text) into district -> list -> votes.

    CSV rows are ``list,votes[,district]`` (header optional); JSON is ``{"list": votes}``,
    ``{"district": {"list": votes}}`` or a list of ``{"list", "votes", "district"?}``
    objects. One district without a name is ``""``. Files over
    :data:`~majlis.limits.MAX_VOTES_BYTES` are refused.

    Examples
    --------
    >>> read_votes("list,votes,district\\nA,100,North\\nB,80,North\\nA,30,South", format="csv")
    {'North': {'A': 100, 'B': 80}, 'South': {'A': 30}}
    >>> read_votes('{"A": 100, "B": 80}', format="json")
    {'': {'A': 100, 'B': 80}}
    """
    if format is None:
        path = Path(source)
        if not path.exists():
            raise ValidationError(f"votes file not found: {path}")
        check_limit(path.stat().st_size, MAX_VOTES_BYTES, "bytes in a votes file")
        with path.open(encoding="utf-8", newline="") as f:
            text = f.read()
        format = "json" if path.suffix.lower() == ".json" else "csv"
        where = str(path)
    else:
        text, where = str(source), "votes"
        check_limit(len(text.encode("utf-8")), MAX_VOTES_BYTES, "bytes of votes")
    if format == "json":
        return _votes_json(text, where)
    if format != "csv":
        raise ValidationError(f"unknown votes format {format!r}: use csv or json")
    return _votes_csv(text, where)


def parse_votes(text: str, what: str = "votes") -> dict[str, int]:
    """Parse ``"A=1000,B=600"`` (what people type) into ``{"A": 1000, "B": 600}``.

    Examples
    --------
    >>> parse_votes("A=1_000, B=600")
    {'A': 1000, 'B': 600}
    >>> parse_votes("North=4,South=3", "seats per district")
    {'North': 4, 'South': 3}
    """
    out: dict[str, int] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, value = part.rpartition("=")
        if not sep or not name.strip():
            raise ValidationError(f"{what} must look like 'A=1000,B=600', got {part!r}")
        if name.strip() in out:
            raise ValidationError(f"duplicate list name {name.strip()!r} in {what}")
        out[name.strip()] = _whole(value, name.strip(), what)
    if not out:
        raise ValidationError(f"{what} is empty: give e.g. 'A=1000,B=600'")
    check_limit(len(out), MAX_LISTS, "lists")
    return out


def _whole(value: Any, name: str, what: str = "votes") -> int:
    text = str(value).strip().replace("_", "")
    if isinstance(value, bool) or not text.lstrip("-").isdigit():
        raise ValidationError(f"{what} must be whole numbers, got {value!r} for {name!r}")
    return int(text)


def _add(out: VotesByDistrict, district: str, name: str, value: Any) -> None:
    d = out.setdefault(district, {})
    if name in d:
        raise ValidationError(
            f"duplicate list name {name!r}" + (f" in district {district!r}" if district else "")
        )
    d[name] = _whole(value, name)


def _votes_csv(text: str, where: str) -> VotesByDistrict:
    rows = [r for r in csv.reader(io.StringIO(text)) if r and any(c.strip() for c in r)]
    if rows and len(rows[0]) > 1 and not rows[0][1].strip().lstrip("-").isdigit():
        header = [c.strip().lower() for c in rows[0]]
        rows = rows[1:]
        if header[:2] != ["list", "votes"]:
            raise ValidationError(
                f"{where}: the header must be list,votes[,district], got {','.join(header)}"
            )
    if not rows:
        raise ValidationError(f"{where}: the vote list is empty")
    out: VotesByDistrict = {}
    for n, row in enumerate(rows, start=1):
        if len(row) < 2:
            raise ValidationError(
                f"{where}: row {n} needs list,votes[,district], got {','.join(row)!r}"
            )
        district = row[2].strip() if len(row) > 2 else ""
        _add(out, district, row[0].strip(), row[1])
    return out


def _votes_json(text: str, where: str) -> VotesByDistrict:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{where}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    out: VotesByDistrict = {}
    if isinstance(doc, list):
        for i, item in enumerate(doc, start=1):
            if not isinstance(item, dict) or "list" not in item or "votes" not in item:
                raise ValidationError(f"{where}: item {i} needs 'list' and 'votes'")
            _add(out, str(item.get("district") or ""), str(item["list"]), item["votes"])
    elif isinstance(doc, dict):
        for key, value in doc.items():
            if isinstance(value, dict):
                for name, v in value.items():
                    _add(out, str(key), str(name), v)
            else:
                _add(out, "", str(key), value)
    else:
        raise ValidationError(f"{where}: expected an object or a list of objects")
    if not out:
        raise ValidationError(f"{where}: the vote list is empty")
    return out
