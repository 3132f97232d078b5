"""``majlis coalitions``, ``majlis predict`` and ``majlis backtest``: coalition theories.

Examples::

    majlis coalitions --election 2021 --date 2022-10-27 --theory minimal-connected --top 10
    majlis coalitions --election 2025 --theory model --top 5 --json
    majlis coalitions --election 2021 --date 2022-10-27 --cabinet sac   # the real cabinet's ranks
    majlis predict --input opportunities.json --theory model --top 3 --json
    majlis backtest --json                      # the built-in ParlGov extract
    majlis backtest --data path/to/parlgov --format parlgov
    majlis backtest --fit --output src/majlis/formation/model.json
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from majlis.cli._app import app, console, fail, print_json
from majlis.cli._options import DatasetOpt, DateOpt, ElectionOpt, JsonOpt

if TYPE_CHECKING:
    from rich.table import Table

#: Theory ids, as registered in ``majlis.formation.THEORIES`` (a test keeps them equal;
#: listed here so that ``majlis --help`` does not import the formation layer).
THEORY_IDS = (
    "minimal-winning",
    "minimum-winning",
    "fewest-parties",
    "minimal-range",
    "minimal-connected",
    "minimal-distance",
    "largest-party",
    "incumbent",
    "model",
)

TheoryOpt = Annotated[
    str, typer.Option("--theory", "-t", help="Theory: " + ", ".join(THEORY_IDS) + ".")
]
TopOpt = Annotated[
    int | None,
    typer.Option(
        "--top", "-k", min=1, help="Keep the first K coalitions (default: all predicted)."
    ),
]


def _coalition_table(title: str, result: dict[str, Any]) -> Table:
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    t.add_column("rank", justify="right")
    t.add_column("coalition")
    t.add_column("seats", justify="right")
    t.add_column("status")
    t.add_column("score", justify="right")
    for c in result["predictions"]:
        t.add_row(
            str(c["rank"]),
            " + ".join(c["names"]),
            str(c["seats"]),
            c["status"],
            f"{c['score']:.4f}",
        )
    return t


@app.command("coalitions")
def coalitions_cmd(
    election: ElectionOpt = None,
    date: DateOpt = None,
    theory: TheoryOpt = "minimal-winning",
    top: TopOpt = None,
    units: Annotated[
        str, typer.Option("--units", help="Actors: 'bloc' (blocs as one) or 'party'.")
    ] = "bloc",
    dataset: DatasetOpt = "iraq",
    cabinet: Annotated[
        list[str] | None,
        typer.Option(
            "--cabinet",
            "-c",
            help="Rank this government (alliance or party ids, repeatable) under every theory.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Rank the potential governments of a house with a coalition theory.

    Blocs on that day are single actors (--units party: every party on its own). The classic
    theories predict a set of tied coalitions (score 1/size of the set); the fitted model
    gives every potential government a probability. Positions: the dataset's left-right;
    history: the country's earlier governments (see majlis.data.opportunity_from_parliament).
    --cabinet sac: where that government ranks under each theory instead.

    Example: majlis coalitions --election 2021 --date 2022-10-27 --theory model --top 10
    Example: majlis coalitions --election 2021 --date 2022-10-27 --cabinet sac
    """
    from majlis.cli.parliament import house
    from majlis.data import opportunity_from_parliament
    from majlis.formation import predict, rank_cabinet

    opp = opportunity_from_parliament(house(dataset, election, date), units=units, cabinet=cabinet)
    if cabinet:
        ranks = rank_cabinet(opp).to_dict()
        if as_json:
            print_json(ranks)
            return
        _print_cabinet_ranks(ranks, opp.date)
        return
    result = predict(opp, theory, top=top).results[0]
    doc = result.to_dict(opportunity=as_json)
    if as_json:
        print_json(doc)
        return
    title = (
        f"{theory}: {doc['predicted']} coalition(s) predicted for the house on {opp.date} "
        f"(majority {opp.majority_threshold} of {opp.total_seats})"
    )
    console.print(_coalition_table(title, doc))


def _print_cabinet_ranks(doc: dict[str, Any], day: Any) -> None:
    from rich.table import Table

    t = Table(
        title=f"{' + '.join(doc['names'])}: {doc['seats']} of {doc['total_seats']} seats, "
        f"{doc['status']}, on {day}",
        title_justify="left",
    )
    for col in ("theory", "rank", "of", "probability", "note"):
        t.add_column(col, justify="left" if col in ("theory", "note") else "right")
    for r in doc["ranks"]:
        pos = r["position"]
        rank = "-" if pos is None else (str(pos[0]) if pos[0] == pos[1] else f"{pos[0]}-{pos[1]}")
        prob = "" if r["probability"] is None else f"{r['probability']:.4f}"
        t.add_row(r["theory"], rank, f"{r['predicted']:,}", prob, r["note"])
    console.print(t)


@app.command("predict")
def predict_cmd(
    input: Annotated[
        Path, typer.Option("--input", "-i", help="JSON file: a list of formation opportunities.")
    ],
    theory: TheoryOpt = "model",
    top: TopOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Rank the potential governments of every opportunity in a JSON file.

    FILE is a JSON list of {"id", "total_seats", "majority_threshold", "parties": [{"id",
    "seats", "left_right"}], "incumbent_parties"}; the output is {"results": [{"id",
    "predictions": [{"parties", "score"}]}]}, best first.

    Example: majlis predict --input opportunities.json --theory minimal-connected --json
    """
    from majlis.formation import predict, read_opportunities

    result = predict(read_opportunities(input), theory, top=top)
    doc = result.to_dict()
    if as_json:
        print_json(doc)
        return
    for r in doc["results"]:
        console.print(_coalition_table(f"{r['id']}: {theory}, {r['predicted']} predicted", r))


def _pct(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


@app.command("backtest")
def backtest_cmd(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="ParlGov CSV export folder, or a JSON file of opportunities."),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="Input format: 'parlgov' (folder) or 'json' (file).")
    ] = "parlgov",
    theory: Annotated[
        list[str] | None,
        typer.Option("--theory", "-t", help="Only these theories (repeatable); all by default."),
    ] = None,
    cross_validate: Annotated[
        bool,
        typer.Option(
            "--cv/--no-cv", help="Score the model leave-one-country-out (default) and in sample."
        ),
    ] = True,
    fit: Annotated[
        bool, typer.Option("--fit", help="Save the model fitted on all the data to --output.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where --fit writes the model (JSON).")
    ] = None,
    details: Annotated[
        bool, typer.Option("--details", help="With --json: every opportunity's outcome.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Backtest the coalition theories on real cabinets (ParlGov's post-election formations).

    Top-1, top-5, any-hit, mean rank of the real cabinet and log-loss per theory; the model
    is scored leave-one-country-out (in-sample figures beside). Without --data: the built-in
    ParlGov 07/23 extract. --fit saves the model fitted on all the data. A progress bar
    shows on stderr (in a terminal).

    Example: majlis backtest --json
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    from majlis.formation import backtest

    if fit and output is None:
        raise fail("--fit needs --output FILE (e.g. src/majlis/formation/model.json)")
    if output is not None and not fit:
        raise fail("--output goes with --fit")
    command = "majlis backtest --fit" + (f" --data {data} --format {format}" if data else "")
    command += f" --output {output}" if output else ""
    err = Console(stderr=True)  # stdout keeps the table or the JSON document
    with Progress(
        TextColumn("{task.description:>16}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        result = backtest(
            data=data,
            format=format,
            theories=theory or None,
            cross_validate=cross_validate,
            command=command,
            progress=progress,
        )
    if fit and result.model is not None and output is not None:
        result.model.save(output)
    if as_json:
        print_json(result.to_dict(details=details))
        return
    t = Table(
        title=f"Backtest on {result.opportunities} formations in {result.countries} countries "
        f"({result.source})",
        title_justify="left",
    )
    t.add_column("theory", no_wrap=True, min_width=21)
    for col in ("top-1", "top-5", "any hit", "mean rank", "log loss", "mean set"):
        t.add_column(col, justify="right")
    t.caption = (
        "model (out of sample): leave-one-country-out, one refit per country; "
        "mean set: coalitions predicted per formation"
    )
    rows = []
    for name, s in result.theories.items():
        label = f"{name} (out of sample)" if s.in_sample is not None else name
        rows.append((label, s))
        if s.in_sample is not None:
            rows.append((f"{name} (in sample)", s.in_sample))
    for label, s in rows:
        t.add_row(
            label,
            _pct(s.top1),
            _pct(s.top5),
            _pct(s.any_hit),
            "" if s.mean_rank is None else f"{s.mean_rank:.1f}",
            "" if s.log_loss is None else f"{s.log_loss:.3f}",
            f"{s.mean_predictions:.1f}",
        )
    console.print(t)
    if fit and output is not None:
        console.print(f"model written to {output}")
