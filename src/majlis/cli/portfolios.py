"""``majlis portfolios``, ``majlis bargain`` and ``majlis positions``: cabinet shares and policy space.

Examples::

    majlis portfolios --date 2022-10-27 --coalition sac --rule dhondt
    majlis portfolios --date 2022-10-27 --coalition sac --rule points --top-posts --json
    majlis bargain --election 2021
    majlis bargain --date 2022-10-27 --coalition sac --recognition equal --delta 0.9 --json
    majlis positions --election 2025 --dimension federalism

Thin: each command parses its options, calls one library function
(:func:`majlis.formation.portfolios.portfolio_report`,
:func:`majlis.formation.bargaining.bargaining_report`,
:func:`majlis.formation.positions.position_report`) and prints the report.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Any

import typer
from rich.table import Table

from majlis.cli._app import app, console, print_json
from majlis.cli._options import DatasetOpt, DateOpt, ElectionOpt, JsonOpt

_RULES = "proportional, dhondt, weighted, points"
_SCHEMES = "equal, iraq-2022, iraq-2010"

ElectionOpt = ElectionOpt


def _show(x: Any) -> str:
    if x is None:
        return "–"
    if isinstance(x, Fraction):
        return f"{float(x):.3f}"
    if isinstance(x, float):
        return f"{x:.3f}"
    if isinstance(x, str) and "/" in x:
        return f"{float(Fraction(x)):.3f}"
    return str(x)


@app.command("portfolios")
def portfolios_cmd(
    coalition: Annotated[
        str,
        typer.Option(
            "--coalition", "-c", help="Alliance id (e.g. sac) or party ids separated by commas."
        ),
    ],
    date: DateOpt = None,
    election: ElectionOpt = None,
    rule: Annotated[str, typer.Option("--rule", "-r", help=f"Rule: {_RULES}.")] = "proportional",
    top_posts: Annotated[
        bool,
        typer.Option(
            "--top-posts",
            help="Reserve the three top posts: Shia prime minister, Kurdish president, Sunni speaker.",
        ),
    ] = False,
    weights: Annotated[
        str, typer.Option("--weights", help=f"Post weights by class: {_SCHEMES}.")
    ] = "iraq-2022",
    scheme: Annotated[
        str, typer.Option("--scheme", help="Points scheme for --rule points: iraq-2022, iraq-2010.")
    ] = "iraq-2022",
    posts: Annotated[
        int | None,
        typer.Option("--posts", help="Number of posts when no cabinet is recorded on the date."),
    ] = None,
    divisor: Annotated[
        str, typer.Option("--divisor", help="Divisor for --rule dhondt (dhondt, sainte-lague...).")
    ] = "dhondt",
    dataset: DatasetOpt = "iraq",
    as_json: JsonOpt = False,
) -> None:
    """Share a cabinet's posts among a coalition by a rule; compare with the real cabinet that day.

    Rules: proportional (Gamson), dhondt (sequential choice), weighted (posts by class), points
    (Iraq's nuqat); --top-posts reserves the premiership, presidency and speakership for the
    Shia, Kurdish and Sunni components. The posts are those of the cabinet in office.
    Example: majlis portfolios --date 2022-10-27 --coalition sac --rule dhondt
    """
    from majlis.data.store import open_dataset
    from majlis.formation.portfolios import portfolio_report

    ds = open_dataset(dataset)
    day = date if date is not None else _first_day(ds, election)
    report = portfolio_report(
        ds,
        date=day,
        coalition=coalition,
        rule=rule,
        top_posts=top_posts,
        weights=weights,
        scheme=scheme,
        posts=posts,
        divisor=divisor,
    )
    doc = report.to_dict()
    if as_json:
        print_json(doc)
        return
    alloc = doc["allocation"]
    console.print(
        f"{rule} allocation for {doc['coalition']} on {doc['date']}"
        + (f" · real cabinet {doc['cabinet']}" if doc["cabinet"] else " · no cabinet recorded"),
        soft_wrap=True,
    )
    t = Table()
    for col in ("party", "seats", "seat share", "posts", "weight", "real posts", "real weight"):
        t.add_column(col, justify="left" if col == "party" else "right")
    for row in doc["parties"]:
        t.add_row(
            row["party"] or "(party not recorded)",
            _show(row["seats"]),
            _show(row["seat_share"]),
            _show(row["predicted"]),
            row["predicted_weight"] or "–",
            _show(row["real"]),
            row["real_weight"] or "–",
        )
    console.print(t)
    c = Table(title="by component")
    for col in ("component", "predicted", "real"):
        c.add_column(col, justify="left" if col == "component" else "right")
    for row in doc["components"]:
        c.add_row(row["component"], str(row["predicted"]), str(row["real"]))
    console.print(c)
    a = Table(title="awards (in order)")
    for col in ("step", "post", "class", "weight", "party", "note"):
        a.add_column(col)
    for aw in alloc["awards"]:
        a.add_row(
            str(aw["step"]), aw["post"], aw["class"], aw["weight"], aw["party"] or "–", aw["note"]
        )
    console.print(a)
    for note in doc["notes"]:
        console.print(f"note: {note}", soft_wrap=True)


def _first_day(ds: Any, election: str | None) -> Any:
    from majlis.errors import ValidationError

    if election is None:
        raise ValidationError("give --date (or --election for the house's first session)")
    return ds.parliament(election=election).date


@app.command("bargain")
def bargain_cmd(
    election: ElectionOpt = None,
    date: DateOpt = None,
    coalition: Annotated[
        str | None,
        typer.Option(
            "--coalition", "-c", help="Players: an alliance id or party ids separated by commas."
        ),
    ] = None,
    recognition: Annotated[
        str, typer.Option("--recognition", help="Recognition probabilities: seats or equal.")
    ] = "seats",
    delta: Annotated[
        str, typer.Option("--delta", help="Discount factor in (0, 1), e.g. 0.9.")
    ] = "0.9",
    min_seats: Annotated[
        int | None,
        typer.Option(
            "--min-seats", help="Without --coalition: parties with at least this many seats."
        ),
    ] = None,
    dataset: DatasetOpt = "iraq",
    as_json: JsonOpt = False,
) -> None:
    """Baron–Ferejohn stationary equilibrium shares, beside Gamson's law and the real cabinet.

    Players: a coalition's members, or the largest parties of the house (at most 14); a
    proposal needs the house's absolute majority. Exact fractions when certified.
    Example: majlis bargain --election 2025 --recognition seats --delta 0.9
    """
    from majlis.data.store import open_dataset
    from majlis.formation.bargaining import bargaining_report

    ds = open_dataset(dataset)
    report = bargaining_report(
        ds,
        election=election,
        date=date,
        coalition=coalition,
        recognition=recognition,
        delta=delta,
        min_seats=min_seats,
    )
    doc = report.to_dict()
    if as_json:
        print_json(doc)
        return
    console.print(
        f"Baron–Ferejohn on {doc['date']} · players: {doc['players']} · quota {doc['quota']} · "
        f"delta {doc['delta']} · recognition {recognition} · "
        + ("exact" if doc["exact"] else "approximate (not certified)"),
        soft_wrap=True,
    )
    t = Table()
    for col in ("party", "seats", "Baron–Ferejohn", "as proposer", "Gamson", "real posts"):
        t.add_column(col, justify="left" if col == "party" else "right")
    for row in doc["parties"]:
        t.add_row(
            row["party"],
            str(row["seats"]),
            _show(row["baron_ferejohn"]),
            _show(row["proposer_share"]),
            _show(row["gamson"]),
            _show(row["real"]),
        )
    console.print(t)
    console.print(f"method: {doc['method']}", soft_wrap=True)
    for note in doc["notes"]:
        console.print(f"note: {note}", soft_wrap=True)


@app.command("positions")
def positions_cmd(
    election: ElectionOpt = None,
    date: DateOpt = None,
    dimension: Annotated[
        str | None, typer.Option("--dimension", help="One dimension, e.g. federalism.")
    ] = None,
    dataset: DatasetOpt = "iraq",
    as_json: JsonOpt = False,
) -> None:
    """Party positions on the policy dimensions, with their method and source.

    The house's parties (largest first) on left_right, pmf_iran, federalism and sectarian_civic,
    or on one --dimension; each value with its scale, method (expert-survey, coded, judgement)
    and source.
    Example: majlis positions --election 2025 --dimension federalism
    """
    from majlis.data.store import open_dataset
    from majlis.formation.positions import position_report

    ds = open_dataset(dataset)
    report = position_report(ds, election=election, date=date, dimension=dimension)
    doc = report.to_dict()
    if as_json:
        print_json(doc)
        return
    console.print(f"Positions on {doc['date']} (election {doc['election']})", soft_wrap=True)
    t = Table()
    for col in ("party", "seats", "dimension", "value", "scale", "method", "as of", "source"):
        t.add_column(col, justify="right" if col in ("seats", "value") else "left")
    for row in doc["positions"]:
        t.add_row(
            row["party"],
            str(row["seats"]),
            row["dimension"],
            row["value"] or "–",
            f"{row['low']}..{row['high']}" if row["value"] else "",
            row["method"] or "",
            row["as_of"] or "",
            (row["source"] or "")[:60],
        )
    console.print(t)
