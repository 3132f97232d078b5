"""Options that several commands share, declared once so that their flags and help agree."""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = [
    "DatasetOpt",
    "DateOpt",
    "ElectionOpt",
    "JsonOpt",
    "KdpWithFrameworkOpt",
    "NoResignationOpt",
    "WorkersOpt",
]

DatasetOpt = Annotated[
    str, typer.Option("--dataset", help="Dataset name: built-in 'iraq' or one imported.")
]
ElectionOpt = Annotated[
    str | None, typer.Option("--election", "-e", help="Election id or year, e.g. 2021.")
]
DateOpt = Annotated[
    str | None, typer.Option("--date", "-d", help="The house on this day (YYYY-MM-DD).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON document.")]
WorkersOpt = Annotated[
    int | None,
    typer.Option("--workers", help="Run on a local Dask cluster of N processes (majlis[dask])."),
]
NoResignationOpt = Annotated[
    bool,
    typer.Option(
        "--no-resignation",
        help="Counterfactual: the resignation the scenario names does not happen.",
    ),
]
KdpWithFrameworkOpt = Annotated[
    bool,
    typer.Option(
        "--kdp-with-framework", help="Counterfactual: the KDP sides with the Framework's camp."
    ),
]
