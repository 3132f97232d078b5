"""``majlis seats``: votes to seats under a method or a law; flip margins; official validation.

Thin: it parses the options, calls :func:`majlis.electoral.seat_report` and prints the
report (a Rich table, or ``--json``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from majlis.cli._app import app, console, print_json
from majlis.cli._options import JsonOpt

if TYPE_CHECKING:
    from majlis.electoral import DistrictSeats, FlipMargins, SeatReport
    from majlis.electoral.margins import SeatInfo

_METHODS = "dhondt, sainte-lague, imperiali, danish, huntington-hill, adams, hare, droop, hagenbach-bischoff, imperiali-quota, sntv"


@app.command("seats")
def seats_cmd(
    method: Annotated[
        str | None, typer.Option("--method", "-m", help=f"Method: {_METHODS}.")
    ] = None,
    first_divisor: Annotated[
        str | None,
        typer.Option("--first-divisor", help="First divisor, e.g. 1.4 (Nordic) or 1.7 (Iraq)."),
    ] = None,
    seats: Annotated[
        int | None,
        typer.Option("--seats", "-s", help="Seats to fill (in every district of a votes file)."),
    ] = None,
    votes: Annotated[
        str | None, typer.Option("--votes", help="Votes per list: 'A=1000,B=600,C=300'.")
    ] = None,
    votes_file: Annotated[
        Path | None,
        typer.Option(
            "--votes-file", help="CSV list,votes[,district] (header optional) or a .json file."
        ),
    ] = None,
    district_seats: Annotated[
        str | None,
        typer.Option("--district-seats", help="Seats per district: 'North=4,South=3'."),
    ] = None,
    law: Annotated[
        str | None,
        typer.Option(
            "--law",
            help="A law of the dataset (iraq-2010, iraq-2014, iraq-2018, iraq-2021, iraq-2025): "
            "sets method, divisor, threshold and district seats.",
        ),
    ] = None,
    election: Annotated[
        str | None,
        typer.Option(
            "--election",
            "-e",
            help="Reproduce an election from the dataset's official votes per district and "
            "compare with the official seats (with --law: a counterfactual).",
        ),
    ] = None,
    dataset: Annotated[
        str | None,
        typer.Option("--dataset", help="Dataset for --law/--election (default: built-in iraq)."),
    ] = None,
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
            "--transfer", help="'X>Y': the fewest votes moving from X to Y that win Y a seat."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Allocate seats from votes by a method or a law; --flip for election-night margins.

    Modes: --votes/--votes-file with --seats and --method (or --law); --election YEAR
    (official votes, compared with the official seats; --law for a counterfactual).
    Example: majlis seats -m sainte-lague --first-divisor 1.7 -s 10 --votes A=1000,B=600,C=300
    """
    from majlis.data.store import open_dataset
    from majlis.electoral import parse_votes, read_votes, seat_report
    from majlis.errors import ValidationError

    if votes is not None and votes_file is not None:
        raise ValidationError("give --votes or --votes-file, not both")
    if election is None and votes is None and votes_file is None:
        raise ValidationError("give --votes 'A=1000,B=600', --votes-file FILE or --election YEAR")
    ds = None
    if election is not None or law is not None:
        ds = open_dataset(dataset or "iraq")
    elif dataset is not None:
        raise ValidationError("--dataset goes with --law or --election")
    given: Any = None
    if votes is not None:
        given = parse_votes(votes, "--votes")
    elif votes_file is not None:
        given = read_votes(votes_file)
        given = given[""] if list(given) == [""] else given
    report = seat_report(
        given,
        seats=seats,
        method=method,
        first_divisor=first_divisor,
        threshold=threshold,
        law=ds.law(law) if ds is not None and law is not None else None,
        district_seats=(
            parse_votes(district_seats, "--district-seats") if district_seats is not None else None
        ),
        dataset=ds,
        election=election,
        tie_break=tie_break,
        seed=seed,
        flip=flip,
        transfer=transfer,
    )
    if as_json:
        print_json(report.to_dict())
    else:
        _print(report)


# ---------------------------------------------------------------------- rendering
def _print(r: SeatReport) -> None:
    if r.mode == "votes":
        d = r.districts[0]
        _table(f"{r.method_name}: {r.total_seats} seats", d.votes, d.seats)
        _flip(d, "Flip margins (others' votes fixed)")
        if r.transfer is not None:
            t = r.transfer
            console.print(
                f"{t.target} wins one more seat if {t.votes:,} votes move from {t.source}"
                if t.votes is not None
                else f"no transfer from {t.source} wins {t.target} another seat",
                markup=False,
            )
        return
    for d in r.districts:
        if r.mode == "election" and d.check is not None:
            verdict = {
                True: "consistent" if d.check.mode == "consistency" else "matches",
                False: "DOES NOT MATCH",
                None: "not checked",
            }[d.check.ok]
            _table(f"{d.name} ({r.law}): {verdict} [{d.check.mode}]", d.votes, d.seats, d.official)
            console.print(f"  {d.check.reason}", markup=False)
        else:
            _table(f"{d.name}: {d.total} seats", d.votes, d.seats)
        _flip(d, f"{d.name}: flip margins")
    if r.mode == "districts":
        _table(f"Total: {r.total_seats} seats", r.national_votes, r.totals)
    else:
        console.print(
            f"{len(r.estimated)} inputs are estimates (preliminary, approximate or missing votes).",
            markup=False,
        )
    for note in r.notes:
        console.print(f"note: {note}", markup=False)


def _table(
    title: str, votes: dict[str, int], seats: dict[str, int], official: dict[str, int] | None = None
) -> None:
    from rich.table import Table
    from rich.text import Text

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
    console.print(t)


def _flip(d: DistrictSeats, title: str) -> None:
    fm: FlipMargins | None = d.flip
    if fm is None:
        return
    from rich.table import Table
    from rich.text import Text

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
    console.print(t)
    console.print(_seat_line("last seat", fm.last_seat), markup=False)
    console.print(_seat_line("next seat", fm.next_seat), markup=False)


def _seat_line(label: str, s: SeatInfo | None) -> str:
    if s is None:
        return f"{label}: none"
    q = "infinite" if s.quotient is None else f"{float(s.quotient):,.1f}"
    return f"{label}: {s.list} (its seat {s.seat}, quotient {q})"
