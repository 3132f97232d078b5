"""``majlis power``: exact voting power of any weighted game, or of a parliament.

Examples::

    majlis power --weights 73,37,33,31 --quota 165 --index shapley-shubik --json
    majlis power --weights "1,1,1;60,30,10" --quota 2 --quota 65
    majlis power --weights 3,2,2,1 --quota 5 --index owen --union 1,2
    majlis power --election 2021
    majlis power --date 2022-07-01 --json
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from majlis.cli._app import app, console, fail, print_json

if TYPE_CHECKING:
    from majlis.games import PowerReport, WeightedGame

_INDICES = "banzhaf, banzhaf-raw, penrose, shapley-shubik, holler-packel, deegan-packel, johnston, coleman-prevent, coleman-initiate, owen, banzhaf-owen"


def _ints(text: str, what: str) -> list[int]:
    from majlis.errors import ValidationError

    parts = [p.strip() for p in text.split(",")]
    if not text.strip() or any(not p for p in parts):
        raise ValidationError(f"{what} {text!r} must be a comma-separated list of integers.")
    try:
        return [int(p) for p in parts]
    except ValueError:
        bad = next(p for p in parts if not p.lstrip("-").isdigit())
        raise ValidationError(f"{what} {bad!r} in {text!r} is not an integer.") from None


def _game(
    weights: list[str], quotas: list[int], names: str | None, bmm: int | None
) -> WeightedGame:
    from majlis.errors import ValidationError
    from majlis.games import WeightedGame

    vectors = [_ints(v, "weights") for w in weights for v in w.split(";")]
    if not quotas:
        raise ValidationError("give --quota with --weights.")
    name_list = [x.strip() for x in names.split(",")] if names else None
    if len(quotas) == 1 and len(vectors) == 1:
        return WeightedGame(vectors[0], quotas[0], bmm, names=name_list)
    if len(vectors) != len(quotas):
        raise ValidationError(
            f"{len(quotas)} quotas need {len(quotas)} weight vectors (separated by ';'), got {len(vectors)}."
        )
    return WeightedGame(vectors, quotas, bmm, names=name_list)


@app.command("power")
def power_cmd(
    weights: Annotated[
        list[str] | None,
        typer.Option(
            "--weights",
            "-w",
            help="Weights '73,37,33'; several vectors separated by ';' (one per quota).",
        ),
    ] = None,
    quota: Annotated[
        list[int] | None,
        typer.Option("--quota", "-q", help="Quota; repeat for several thresholds."),
    ] = None,
    index: Annotated[
        str,
        typer.Option(
            "--index",
            "-i",
            help=f"Index id: {_INDICES}.",
        ),
    ] = "banzhaf",
    names: Annotated[
        str | None,
        typer.Option("--names", help="Player names, comma separated; JSON keys use them."),
    ] = None,
    union: Annotated[
        list[str] | None,
        typer.Option(
            "--union",
            "-u",
            help="A priori union '0,2' (indices or names); repeatable. For owen and banzhaf-owen.",
        ),
    ] = None,
    blocking_min_members: Annotated[
        int | None,
        typer.Option(
            "--blocking-min-members",
            help="A coalition also wins when fewer than K players stay outside it (EU-Lisbon).",
        ),
    ] = None,
    blocking: Annotated[
        bool, typer.Option("--blocking", help="Analyse the blocking (dual) game.")
    ] = False,
    election: Annotated[
        str | None,
        typer.Option("--election", "-e", help="Parliament report for an election, e.g. 2021."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", help="Parliament report on a date (YYYY-MM-DD)."),
    ] = None,
    dataset: Annotated[
        str, typer.Option("--dataset", help="Dataset for --election/--date.")
    ] = "iraq",
    alliance: Annotated[
        str,
        typer.Option("--alliance", help="Alliance analysed as an a priori union in the report."),
    ] = "cf",
    after: Annotated[
        list[str] | None,
        typer.Option(
            "--after",
            help="Also report the house on this date (repeatable), e.g. 2022-07-01 after the Sadrist resignation.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (exact fractions as 'p/q').")
    ] = False,
) -> None:
    """Exact voting power: any weighted game (--weights/--quota), or a parliament (--election/--date).

    Modes: --weights/--quota (with --index, --names, --union, --blocking,
    --blocking-min-members) for any game; --election/--date (with --alliance, --after) for
    Banzhaf and Shapley-Shubik of every party at 165 and 220, with the alliance as a union.
    Example: majlis power --weights 73,37,33,31 --quota 90 --index shapley-shubik --json
    """
    if election is not None or date is not None:
        if weights:
            raise fail("give either --weights/--quota or --election/--date, not both")
        _report(dataset, election, date, alliance, as_json, list(after or []))
        return
    if after:
        raise fail("--after goes with --election/--date")
    if not weights:
        raise fail("give --weights and --quota, or --election/--date for a parliament")
    from majlis.games import Game, blocking_game, index_report

    game: Game = _game(weights, list(quota or []), names, blocking_min_members)
    if blocking:
        game = blocking_game(game)
    unions = [[p.strip() for p in u.split(",") if p.strip()] for u in (union or [])]
    if any(not u for u in unions):
        raise fail("--union needs player indices or names, e.g. --union 0,2.")
    report = index_report(game, index, unions or None)
    if as_json:
        print_json(report.to_dict())
        return
    from rich.table import Table

    console.print(f"{report.name} of {report.game}", soft_wrap=True)
    t = Table()
    t.add_column("player")
    t.add_column("weight", justify="right")
    t.add_column("value", justify="right")
    t.add_column("≈", justify="right")
    for k, w, v in zip(report.players, report.weights, report.values):
        t.add_row(k, w, str(v), f"{float(v):.4f}")
    console.print(t)


def _report(
    dataset: str,
    election: str | None,
    date: str | None,
    alliance: str,
    as_json: bool,
    after: list[str],
) -> None:
    from majlis.cli.parliament import house
    from majlis.games import power_report

    houses = [house(dataset, election, date)] + [house(dataset, election, d) for d in after]
    reports = [power_report(parl, alliance_id=alliance) for parl in houses]
    if as_json:
        docs = [rep.to_dict() for rep in reports]
        doc = docs[0] if len(docs) == 1 else {"reports": docs}
        print_json(doc)
        return
    for rep in reports:
        _report_table(rep)


def _report_table(rep: PowerReport) -> None:
    from rich.table import Table

    console.print(
        f"House on {rep.date} (election {rep.election}): {rep.filled} of {rep.house} "
        f"seats filled. Union: {rep.alliance} = {', '.join(rep.alliance_members) or 'none'}, "
        f"{rep.alliance_seats} seats."
    )
    for q in rep.quotas:
        t = Table(title=f"Power at quota {q}", title_justify="left")
        t.add_column("party")
        t.add_column("seats", justify="right")
        t.add_column("seat share", justify="right")
        t.add_column("Banzhaf", justify="right")
        t.add_column("Shapley–Shubik", justify="right")
        t.add_column(f"Banzhaf–Owen ({rep.alliance} union)", justify="right")
        t.add_column(f"Owen ({rep.alliance} union)", justify="right")
        for p in rep.parties:
            pw = p.power[q]
            name = p.name + (" *" if p.in_alliance else "")
            if p.players > 1:
                name += f" ({p.players} MPs)"
            t.add_row(
                name,
                str(p.seats),
                f"{float(p.seat_share):.1%}",
                f"{float(pw['banzhaf']):.1%}",
                f"{float(pw['shapley_shubik']):.1%}",
                f"{float(pw['banzhaf_owen']):.1%}",
                f"{float(pw['owen']):.1%}",
            )
        console.print(t)
    console.print("* member of the union; independents' power is summed over their MPs.")
