"""``majlis parliament``, ``majlis timeline`` and ``majlis data``: the house, its events, its data."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from majlis.cli._app import app, console, fail, print_json
from majlis.cli._options import DatasetOpt, DateOpt, ElectionOpt, JsonOpt

if TYPE_CHECKING:
    from majlis.model import Parliament


def house(dataset: str, election: str | None, date: str | None) -> Parliament:
    """The parliament for the CLI's --election/--date options (shared by several commands).

    With neither, the house on the dataset's latest date (:meth:`Dataset.parliament`'s rule).
    """
    from majlis.data.store import open_dataset
    from majlis.model import parse_date

    ds = open_dataset(dataset)
    return ds.parliament(election=election, date=parse_date(date) if date else None)


@app.command("parliament")
def parliament_cmd(
    election: ElectionOpt = None,
    date: DateOpt = None,
    dataset: DatasetOpt = "iraq",
    as_json: JsonOpt = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print parties as CSV.")] = False,
) -> None:
    """The composition of the house after an election or on a date: parties, alliances, thresholds.

    With neither --election nor --date: the house on the dataset's latest date.
    Example: majlis parliament --date 2022-07-01 --json
    """
    from rich.table import Table

    p = house(dataset, election, date)
    doc = p.to_dict()
    if as_json:
        print_json(doc)
        return
    if as_csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["id", "name", "family", "seats", "alliance"])
        for row in doc["parties"]:
            w.writerow([row["id"], row["name"], row["family"], row["seats"], row["alliance"] or ""])
        return
    title = (
        f"{p.dataset.name} on {p.date} (election {p.election.id}): "
        f"{p.filled_seats} of {p.total_seats} seats filled"
    )
    t = Table(title=title, title_justify="left")
    t.add_column("party")
    t.add_column("family")
    t.add_column("seats", justify="right")
    t.add_column("share", justify="right")
    t.add_column("alliance")
    names = {a["id"]: a["name"] for a in doc["alliances"]}
    for row in doc["parties"]:
        t.add_row(
            row["name"],
            row["family"],
            str(row["seats"]),
            f"{row['seats'] / p.total_seats:.1%}",
            names.get(row["alliance"], row["alliance"] or ""),
        )
    console.print(t)
    if doc["alliances"]:
        a_t = Table(
            title="Alliances (seats computed from memberships on this date)", title_justify="left"
        )
        a_t.add_column("alliance")
        a_t.add_column("kind")
        a_t.add_column("seats", justify="right")
        a_t.add_column(f"to {p.majority}", justify="right")
        a_t.add_column(f"to {p.two_thirds}", justify="right")
        a_t.add_column("members")
        for a in doc["alliances"]:
            a_t.add_row(
                a["name"],
                a["kind"],
                str(a["seats"]),
                _gap(a["to_majority"]),
                _gap(a["to_two_thirds"]),
                ", ".join(a["members"]),
            )
        console.print(a_t)
    console.print(
        f"majority {p.majority} · two-thirds quorum {p.two_thirds} · blocking third {p.blocking_third}"
        + (f" · vacant {p.vacant_seats}" if p.vacant_seats else "")
    )


def _gap(n: int) -> str:
    return "reached" if n <= 0 else f"-{n}"


@app.command("timeline")
def timeline_cmd(
    dataset: DatasetOpt = "iraq",
    start: Annotated[str | None, typer.Option("--from", help="First date (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date (YYYY-MM-DD).")] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="Only this kind of event.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The dated events: elections, court rulings, votes, resignations, nominations...

    Example: majlis timeline --from 2022-01-01 --to 2022-12-31 --category parliament_vote
    """
    from rich.table import Table

    from majlis.data.store import open_dataset
    from majlis.model import EVENT_CATEGORIES, parse_date

    if category is not None and category not in EVENT_CATEGORIES:
        raise fail(f"unknown category {category!r} (one of {', '.join(EVENT_CATEGORIES)})")
    ds = open_dataset(dataset)
    events = ds.timeline(
        parse_date(start) if start else None, parse_date(end) if end else None, category
    )
    if as_json:
        doc = {"events": [ev.to_dict() for ev in events]}
        print_json(doc)
        return
    t = Table(title=f"{ds.name}: {len(events)} events", title_justify="left", show_lines=False)
    t.add_column("date", no_wrap=True)
    t.add_column("category")
    t.add_column("event")
    for ev in events:
        t.add_row(ev.date_text, ev.category, ev.description)
    console.print(t)


data_app = typer.Typer(
    help="Import and export datasets (CSV folders or JSON).", no_args_is_help=True
)
app.add_typer(data_app, name="data")


@data_app.command("export")
def data_export(
    target: Annotated[Path, typer.Argument(help="Folder to write CSV files to, or a .json file.")],
    dataset: DatasetOpt = "iraq",
) -> None:
    """Write a dataset as a folder of CSV files (or one JSON file if TARGET ends in .json).

    Example: majlis data export out/iraq
    """
    from majlis.data import dataset_to_json, write_dataset_dir
    from majlis.data.store import open_dataset

    ds = open_dataset(dataset)
    if target.suffix.lower() == ".json":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(dataset_to_json(ds), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        console.print(f"wrote {target}")
    else:
        files = write_dataset_dir(ds, target)
        console.print(f"wrote {len(files)} files to {target}")


@data_app.command("import")
def data_import(
    source: Annotated[Path, typer.Argument(help="A dataset folder of CSV files, or a .json file.")],
    name: Annotated[
        str | None, typer.Option("--name", help="Name to save it under (default: its country).")
    ] = None,
) -> None:
    """Validate a dataset and save it in the store (replacing one of the same name).

    Example: majlis data import examples/ruritania
    """
    from majlis.data import read_dataset
    from majlis.data.store import open_store

    ds = read_dataset(source)
    store = open_store()
    store.save(ds, name=name)
    saved = name or ds.country
    console.print(
        f"imported {ds.name!r} as {saved!r}: {len(ds.parties)} parties, {len(ds.elections)} elections, "
        f"{len(ds.events)} events"
    )


@data_app.command("list")
def data_list() -> None:
    """Datasets available: the built-in ones and those saved in the store.

    Example: majlis data list
    """
    from majlis.data.store import open_store

    store = open_store()
    console.print("built in: iraq")
    console.print(f"saved in {store._safe_url()}: {', '.join(store.names()) or 'none'}")
