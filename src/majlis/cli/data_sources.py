"""``majlis data sources``: how solid the ground is — rows, sources, disputed and estimated rows."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from majlis.cli._app import console, print_json
from majlis.cli._options import DatasetOpt, JsonOpt
from majlis.cli.parliament import data_app


@data_app.command("sources")
def data_sources(
    dataset: DatasetOpt = "iraq",
    table: Annotated[
        str | None,
        typer.Option(
            "--table", help="List the disputed, estimated and unsourced rows of one table."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """For each table: how many rows, how many with a source, which are disputed or estimated.

    Example: majlis data sources --table tallies
    """
    from majlis.data import source_report
    from majlis.data.store import open_dataset

    report = source_report(open_dataset(dataset))
    if table is not None:
        one = report.table(table)
        if as_json:
            print_json(one.to_dict())
            return
        console.print(
            f"{table}: {one.rows} rows, {one.sourced} with a source, "
            f"{len(one.disputed)} disputed, {len(one.estimated)} estimated"
        )
        for what, labels in (
            ("disputed", one.disputed),
            ("estimated", one.estimated),
            ("no source", one.unsourced),
        ):
            for label in labels:
                console.print(f"  {what}: {label}", highlight=False)
        return
    if as_json:
        print_json(report.to_dict())
        return
    doc = report.to_dict()
    t = Table(title=f"{report.dataset}: sources", title_justify="left")
    for col in ("table", "rows", "with source", "disputed", "estimated"):
        t.add_column(col, justify="left" if col == "table" else "right")
    for row in doc["tables"]:
        t.add_row(
            row["table"],
            str(row["rows"]),
            str(row["sourced"]),
            str(row["disputed"]),
            str(row["estimated"]),
        )
    t.add_row(
        "all",
        str(doc["rows"]),
        str(doc["sourced"]),
        str(doc["disputed"]),
        str(doc["estimated"]),
        style="bold",
    )
    console.print(t)
    console.print("--table NAME lists the rows; rules: README, section 'Dataset format'")
