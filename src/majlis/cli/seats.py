"""``majlis seats``: votes to seats under a method or a law; flip margins; official validation.

Thin: parsing and printing only; everything else is :mod:`majlis.electoral`.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from majlis.cli._app import app, console
from majlis.data.store import open_dataset
from majlis.electoral import (
    allocate_districts,
    allocate_seats,
    apply_law,
    flip_margins,
    get_law,
    get_method,
    load_election_votes,
    validate_election,
    votes_to_transfer,
)
from majlis.errors import ValidationError


def _parse_pairs(text: str, what: str) -> dict[str, int]:
    """Parse ``"A=1000,B=600"`` into a dict, rejecting duplicates and non-integers."""
    out: dict[str, int] = {}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.rpartition("=")
        name = name.strip()
        if not sep or not name:
            raise ValidationError(f"{what} must look like 'A=1000,B=600', got {part!r}")
        if name in out:
            raise ValidationError(f"duplicate list name {name!r} in {what}")
        value = value.strip().replace("_", "")
        if not value.lstrip("-").isdigit():
            raise ValidationError(f"votes must be whole numbers, got {value!r} for {name!r}")
        out[name] = int(value)
    if not out:
        raise ValidationError(f"{what} is empty: give e.g. 'A=1000,B=600'")
    return out


def _read_votes_file(path: Path) -> dict[str, dict[str, int]]:
    """Read ``list,votes[,district]`` rows (header optional) into district -> list -> votes."""
    if not path.exists():
        raise ValidationError(f"votes file not found: {path}")
    rows = [
        r
        for r in csv.reader(path.open(newline="", encoding="utf-8"))
        if r and any(c.strip() for c in r)
    ]
    if rows and rows[0][1:2] != [] and not rows[0][1].strip().lstrip("-").isdigit():
        header = [c.strip().lower() for c in rows[0]]
        rows = rows[1:]
        if header[:2] != ["list", "votes"]:
            raise ValidationError(
                f"{path}: the header must be list,votes[,district], got {','.join(header)}"
            )
    if not rows:
        raise ValidationError(f"{path}: the vote list is empty")
    out: dict[str, dict[str, int]] = {}
    for n, row in enumerate(rows, start=1):
        if len(row) < 2:
            raise ValidationError(
                f"{path}: row {n} needs list,votes[,district], got {','.join(row)!r}"
            )
        name, value = row[0].strip(), row[1].strip()
        district = row[2].strip() if len(row) > 2 and row[2].strip() else ""
        if not value.lstrip("-").isdigit():
            raise ValidationError(f"votes must be whole numbers, got {value!r} for {name!r}")
        d = out.setdefault(district, {})
        if name in d:
            raise ValidationError(
                f"duplicate list name {name!r}" + (f" in district {district!r}" if district else "")
            )
        d[name] = int(value)
    return out


def _seat_table(
    title: str, votes: dict[str, int], seats: dict[str, int], official: dict[str, int] | None = None
) -> Table:
    console.print(title, markup=False)
    t = Table()
    t.add_column("list")
    t.add_column("votes", justify="right")
    t.add_column("seats", justify="right")
    if official is not None:
        t.add_column("official", justify="right")
    total = sum(votes.values()) or 1
    names = list(dict.fromkeys([*votes, *seats, *(official or {})]))
    names.sort(key=lambda n: (-seats.get(n, 0), -votes.get(n, 0)))
    for n in names:
        v = votes.get(n)
        cells: list[Any] = [
            Text(n),
            "—" if v is None else f"{v:,} ({v / total:.1%})",
            str(seats.get(n, 0)),
        ]
        if official is not None:
            cells.append("?" if n not in official else str(official[n]))
        t.add_row(*cells)
    return t


def _flip_table(fm: Any, title: str) -> Table:
    console.print(title, markup=False)
    t = Table()
    for col in ("list", "votes", "seats", "votes to gain a seat", "votes to lose a seat"):
        t.add_column(col, justify="left" if col == "list" else "right")
    for m in fm.lists:
        t.add_row(
            Text(m.list),
            f"{m.votes:,}",
            str(m.seats),
            "—" if m.votes_to_gain is None else f"{m.votes_to_gain:,}",
            "—" if m.votes_to_lose is None else f"{m.votes_to_lose:,}",
        )
    return t


def _seat_line(label: str, s: Any) -> str:
    if s is None:
        return f"{label}: none"
    q = "infinite" if s.quotient is None else f"{float(s.quotient):,.1f}"
    return f"{label}: {s.list} (its seat {s.seat}, quotient {q})"


@app.command("seats")
def seats_cmd(
    method: Annotated[
        str | None,
        typer.Option(
            "--method",
            "-m",
            help="dhondt, sainte-lague, imperiali, danish, huntington-hill, adams, hare, droop, hagenbach-bischoff, imperiali-quota, sntv.",
        ),
    ] = None,
    first_divisor: Annotated[
        str | None,
        typer.Option("--first-divisor", help="First divisor, e.g. 1.4 (Nordic) or 1.7 (Iraq)."),
    ] = None,
    seats: Annotated[
        int | None,
        typer.Option(
            "--seats", "-s", help="Seats to fill (per district with --votes-file districts)."
        ),
    ] = None,
    votes: Annotated[
        str | None, typer.Option("--votes", help="Votes per list: 'A=1000,B=600,C=300'.")
    ] = None,
    votes_file: Annotated[
        Path | None,
        typer.Option("--votes-file", help="CSV: list,votes[,district] (header optional)."),
    ] = None,
    district_seats: Annotated[
        str | None,
        typer.Option("--district-seats", help="Seats per district: 'North=4,South=3'."),
    ] = None,
    law: Annotated[
        str | None,
        typer.Option(
            "--law", help="Law preset: iraq-2010, iraq-2014, iraq-2018, iraq-2021, iraq-2025."
        ),
    ] = None,
    election: Annotated[
        str | None,
        typer.Option(
            "--election",
            "-e",
            help="Reproduce an election from the dataset's list votes per governorate (e.g. 2025).",
        ),
    ] = None,
    dataset: Annotated[
        str,
        typer.Option("--dataset", help="Dataset for --election: built-in 'iraq' or one imported."),
    ] = "iraq",
    threshold: Annotated[
        str | None,
        typer.Option("--threshold", help="Legal threshold as a share of valid votes, e.g. 0.05."),
    ] = None,
    tie_break: Annotated[
        str, typer.Option("--tie-break", help="votes (more votes, then list order), order, or lot.")
    ] = "votes",
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for --tie-break lot.")] = None,
    flip: Annotated[
        bool,
        typer.Option(
            "--flip", help="Also print flip margins: votes to gain/lose a seat, last and next seat."
        ),
    ] = False,
    transfer: Annotated[
        str | None,
        typer.Option(
            "--transfer",
            help="'X>Y': the fewest votes moving from list X to list Y that win Y a seat.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON document.")] = False,
) -> None:
    """Allocate seats from votes by a method or an electoral law; --flip for election-night margins."""
    if election is not None:
        _election(election, law, as_json, flip, dataset)
        return
    if (votes is None) == (votes_file is None):
        raise ValidationError(
            "give exactly one of --votes 'A=1000,B=600' or --votes-file FILE (or --election YEAR)"
        )
    by_district = (
        {"": _parse_pairs(votes, "--votes")} if votes is not None else _read_votes_file(votes_file)
    )  # type: ignore[arg-type]
    if law is not None:
        if method is not None or first_divisor is not None:
            raise ValidationError(
                "--law sets the method and first divisor: drop --method/--first-divisor"
            )
        lw = get_law(law)
        method, first_divisor = lw.method, lw.first_divisor
        if threshold is None and lw.threshold is not None:
            threshold = lw.threshold
    method = method or "dhondt"
    get_method(method)
    doc: dict[str, Any] = {"method": method, "first_divisor": first_divisor, "threshold": threshold}
    single = list(by_district) == [""]
    if single:
        if seats is None:
            raise ValidationError("give --seats N (the number of seats to fill)")
        result = allocate_seats(
            by_district[""],
            seats,
            method,
            first_divisor=first_divisor,
            threshold=threshold,
            tie_break=tie_break,
            seed=seed,
        )
        assert isinstance(result, dict)
        doc.update(seats=result, total=seats)
        fm = None
        if flip:
            fm = flip_margins(
                by_district[""],
                seats,
                method,
                first_divisor=first_divisor,
                tie_break=tie_break,
                seed=seed,
            )
            doc["flip"] = fm.to_dict()
        moved = None
        if transfer is not None:
            src, sep, dst = transfer.partition(">")
            if not sep or not src.strip() or not dst.strip():
                raise ValidationError(f"--transfer must look like 'A>B', got {transfer!r}")
            moved = votes_to_transfer(
                by_district[""],
                seats,
                src.strip(),
                dst.strip(),
                method,
                first_divisor=first_divisor,
                tie_break=tie_break,
                seed=seed,
            )
            doc["transfer"] = {"from": src.strip(), "to": dst.strip(), "votes": moved}
        if as_json:
            print(json.dumps(doc, ensure_ascii=False, indent=2))
            return
        fd = f" (first divisor {first_divisor})" if first_divisor else ""
        console.print(
            _seat_table(f"{get_method(method).name}{fd}: {seats} seats", by_district[""], result)
        )
        if fm is not None:
            console.print(_flip_table(fm, "Flip margins (others' votes fixed)"))
            console.print(_seat_line("last seat", fm.last_seat), markup=False)
            console.print(_seat_line("next seat", fm.next_seat), markup=False)
        if transfer is not None:
            t = doc["transfer"]
            console.print(
                f"{t['to']} wins one more seat if {moved:,} votes move from {t['from']}"
                if moved is not None
                else f"no transfer from {t['from']} wins {t['to']} another seat",
                markup=False,
            )
        return
    # several districts
    if "" in by_district:
        raise ValidationError("give a district for every row of the votes file, or for none")
    if district_seats is not None:
        mags = _parse_pairs(district_seats, "--district-seats")
    elif law is not None and get_law(law).seats_by_district:
        mags = {}
    elif seats is not None:
        mags = dict.fromkeys(by_district, seats)
    else:
        raise ValidationError(
            "give --seats N (per district), --district-seats 'D1=4,D2=3' or --law"
        )
    if law is not None:
        res = apply_law(law, by_district, mags or None, tie_break=tie_break, seed=seed)
        districts, totals, total = res.districts, res.totals, res.general_seats
        doc["law"] = res.law
        doc["notes"] = list(res.notes)
    else:
        dres = allocate_districts(
            by_district,
            mags,
            method,
            first_divisor=first_divisor,
            threshold=threshold,
            tie_break=tie_break,
            seed=seed,
        )
        districts, totals, total = dres.districts, dres.totals, dres.seats
    doc.update(seats=totals, total=total, districts=districts)
    flips = {}
    if flip:
        for d, v in by_district.items():
            flips[d] = flip_margins(
                v,
                sum(districts[d].values()),
                method,
                first_divisor=first_divisor,
                tie_break=tie_break,
                seed=seed,
            )
        doc["flip"] = {d: f.to_dict() for d, f in flips.items()}
    if as_json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for d, v in by_district.items():
        console.print(_seat_table(f"{d}: {sum(districts[d].values())} seats", v, districts[d]))
        if d in flips:
            console.print(_flip_table(flips[d], f"{d}: flip margins"))
            console.print(_seat_line("last seat", flips[d].last_seat), markup=False)
            console.print(_seat_line("next seat", flips[d].next_seat), markup=False)
    national_votes: dict[str, int] = {}
    for v in by_district.values():
        for n, x in v.items():
            national_votes[n] = national_votes.get(n, 0) + x
    console.print(_seat_table(f"Total: {total} seats", national_votes, dict(totals)))
    for note in doc.get("notes", []):
        console.print(f"note: {note}", markup=False)


def _election(
    election: str, law: str | None, as_json: bool, flip: bool, dataset: str = "iraq"
) -> None:
    """Reproduce an election per governorate from the dataset's list votes and compare."""
    ds = open_dataset(dataset)
    ev = load_election_votes(ds, election)
    law_id = get_law(law if law is not None else ev.law).id
    checks = validate_election(ds, election, law_id)
    res = apply_law(law_id, ev.votes, estimated=ev.estimated)
    lw = get_law(law_id)
    doc: dict[str, Any] = {
        "election": ev.year,
        "law": law_id,
        "seats": res.totals,
        "total": res.general_seats,
        "districts": {
            c.governorate: {
                "seats": c.predicted,
                "official": c.official,
                "check": c.mode,
                "ok": c.ok,
                "why": c.reason,
            }
            for c in checks
        },
        "estimated": list(res.estimated),
        "notes": list(res.notes)
        + [
            "only governorates with sourced list votes are included; "
            "lists missing from the sources are absent"
        ],
    }
    if flip:
        doc["flip"] = {
            g: flip_margins(
                v, sum(res.districts[g].values()), lw.method, first_divisor=lw.first_divisor
            ).to_dict()
            for g, v in ev.votes.items()
        }
    if as_json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for c in checks:
        verdict = {
            True: "consistent" if c.mode == "consistency" else "matches",
            False: "DOES NOT MATCH",
            None: "not checked",
        }[c.ok]
        console.print(
            _seat_table(
                f"{c.governorate} ({law_id}): {verdict} [{c.mode}]",
                ev.votes[c.governorate],
                c.predicted,
                c.official,
            )
        )
        console.print(f"  {c.reason}", markup=False)
        if flip:
            fm = flip_margins(
                ev.votes[c.governorate],
                sum(c.predicted.values()),
                lw.method,
                first_divisor=lw.first_divisor,
            )
            console.print(_flip_table(fm, f"{c.governorate}: flip margins"))
            console.print(_seat_line("last seat", fm.last_seat), markup=False)
            console.print(_seat_line("next seat", fm.next_seat), markup=False)
    console.print(
        f"{len(res.estimated)} inputs are estimates (preliminary, approximate or missing votes).",
        markup=False,
    )
    for note in doc["notes"]:
        console.print(f"note: {note}", markup=False)
