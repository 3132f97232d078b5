"""``majlis power``: exact voting power of any weighted game, or of a parliament.

Examples::

    majlis power --weights 73,37,33,31 --quota 165 --index shapley-shubik --json
    majlis power --weights "1,1,1;60,30,10" --quota 2 --quota 65
    majlis power --weights 3,2,2,1 --quota 5 --index owen --union 1,2
    majlis power --election 2021
    majlis power --date 2022-07-01 --json
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Annotated

import typer
from rich.table import Table

from majlis.cli._app import app, console, fail
from majlis.errors import ValidationError
from majlis.games import WeightedGame, blocking_game, power_index, power_report
from majlis.games.indices import INDEX_NAMES, POWER_INDICES

_UNION_INDICES = {"owen", "banzhaf-owen"}


def _ints(text: str, what: str) -> list[int]:
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


def _fmt(v: Fraction | int) -> str:
    return str(v)


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
            help="Index id: " + ", ".join(sorted(set(POWER_INDICES) | _UNION_INDICES)) + ".",
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
    """Exact voting power: any weighted game (--weights/--quota), or a parliament (--election/--date)."""
    if election is not None or date is not None:
        if weights:
            raise fail("give either --weights/--quota or --election/--date, not both")
        _report(dataset, election, date, alliance, as_json, list(after or []))
        return
    if after:
        raise fail("--after goes with --election/--date")
    if not weights:
        raise fail("give --weights and --quota, or --election/--date for a parliament")
    if index not in POWER_INDICES and index not in _UNION_INDICES:
        power_index(index)  # raises UnknownMethodError naming the known ids
    game = _game(weights, list(quota or []), names, blocking_min_members)
    if blocking:
        game = blocking_game(game)
    fn = power_index(index)
    if index in _UNION_INDICES:
        unions = [[p.strip() for p in u.split(",") if p.strip()] for u in (union or [])]
        for u in unions:
            if not u:
                raise ValidationError("--union needs player indices or names, e.g. --union 0,2.")
        values = fn(game, unions)
    else:
        if union:
            raise ValidationError(f"--union applies to owen and banzhaf-owen, not to {index!r}.")
        values = fn(game)
    keys = list(game.names)
    if as_json:
        doc = {"index": index, "values": {k: _fmt(v) for k, v in zip(keys, values)}}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    console.print(f"{INDEX_NAMES.get(index, index)} of {game!r}", soft_wrap=True)
    t = Table()
    t.add_column("player")
    t.add_column("weight", justify="right")
    t.add_column("value", justify="right")
    t.add_column("≈", justify="right")
    base = getattr(game, "game", game)
    for i, (k, v) in enumerate(zip(keys, values)):
        w = ",".join(str(r[i]) for r in base.weight_vectors)
        t.add_row(k, w, _fmt(v), f"{float(v):.4f}")
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

    houses = [house(dataset, election, date)] + [house(dataset, election, d) for d in after]
    reports = [power_report(parl, alliance_id=alliance) for parl in houses]
    if as_json:
        docs = [_report_json(rep) for rep in reports]
        doc = docs[0] if len(docs) == 1 else {"reports": docs}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for rep in reports:
        _report_table(rep, alliance)


def _report_json(rep: dict) -> dict:
    quotas = rep["quotas"]
    doc = dict(rep)
    doc["parties"] = [
        {
            **{k: v for k, v in p.items() if k not in ("seat_share", "power")},
            "seat_share": str(p["seat_share"]),
            "power": {str(q): {k: str(v) for k, v in p["power"][q].items()} for q in quotas},
        }
        for p in rep["parties"]
    ]
    return doc


def _report_table(rep: dict, alliance: str) -> None:
    quotas = rep["quotas"]
    al = rep["alliance"]
    console.print(
        f"House on {rep['date']} (election {rep['election']}): {rep['filled']} of {rep['house']} "
        f"seats filled. Union: {alliance} = {', '.join(al['members']) or 'none'}, "
        f"{al['seats']} seats."
    )
    for q in quotas:
        t = Table(title=f"Power at quota {q}", title_justify="left")
        t.add_column("party")
        t.add_column("seats", justify="right")
        t.add_column("seat share", justify="right")
        t.add_column("Banzhaf", justify="right")
        t.add_column("Shapley–Shubik", justify="right")
        t.add_column(f"Banzhaf–Owen ({alliance} union)", justify="right")
        t.add_column(f"Owen ({alliance} union)", justify="right")
        for p in rep["parties"]:
            pw = p["power"][q]
            name = p["name"] + (" *" if p["in_alliance"] else "")
            if p["players"] > 1:
                name += f" ({p['players']} MPs)"
            t.add_row(
                name,
                str(p["seats"]),
                f"{float(p['seat_share']):.1%}",
                f"{float(pw['banzhaf']):.1%}",
                f"{float(pw['shapley_shubik']):.1%}",
                f"{float(pw['banzhaf_owen']):.1%}",
                f"{float(pw['owen']):.1%}",
            )
        console.print(t)
    console.print("* member of the union; independents' power is summed over their MPs.")
