"""``majlis forecast``: Monte Carlo from vote estimates to seats to coalition majorities.

Examples::

    majlis forecast --election 2025 --draws 100000 --seed 1
    majlis forecast --election 2025 --draws 100000 --seed 1 --json
    majlis forecast --input my-estimates.csv --draws 200000 --seed 7 --csv
    majlis forecast --election 2025 --seed 1 --plot out/forecast.png --power banzhaf
    majlis forecast --election 2025 --draws 1000000 --seed 1 --workers 2
    majlis forecast --election 2025 --seed 1 --scheduler tcp://127.0.0.1:8786
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from majlis.cli._app import app, console, fail, print_json
from majlis.cli._options import WorkersOpt


@app.command("forecast")
def forecast_cmd(
    election: Annotated[
        str | None,
        typer.Option("--election", "-e", help="Base election (id or year); default the latest."),
    ] = None,
    dataset: Annotated[str, typer.Option("--dataset", help="Dataset.")] = "iraq",
    input_file: Annotated[
        Path | None,
        typer.Option(
            "--input",
            "-i",
            help="Estimates: a .json (majlis-forecast/1) or .csv (list,share[,district,se]) file.",
        ),
    ] = None,
    draws: Annotated[int, typer.Option("--draws", "-n", help="Simulated elections.")] = 100_000,
    seed: Annotated[
        int | None, typer.Option("--seed", "-s", help="Seed (default: drawn and reported).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
    plot: Annotated[
        Path | None,
        typer.Option("--plot", help="Write the charts to FILE as PNG and SVG (majlis[plot])."),
    ] = None,
    workers: WorkersOpt = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Run on an existing Dask scheduler, e.g. tcp://host:8786."
        ),
    ] = None,
    power: Annotated[
        str | None,
        typer.Option(
            "--power", help="Mean power index of the blocs, e.g. banzhaf, shapley-shubik."
        ),
    ] = None,
    national_error: Annotated[
        float | None,
        typer.Option("--national-error", help="Log-share sd shared by all districts (0.15)."),
    ] = None,
    district_error: Annotated[
        float | None, typer.Option("--district-error", help="Log-share sd per district (0.10).")
    ] = None,
    turnout_error: Annotated[
        float | None, typer.Option("--turnout-error", help="Log sd of valid votes (0.10).")
    ] = None,
    swing: Annotated[
        str | None,
        typer.Option(
            "--swing", help="How national estimates move districts: proportional, uniform."
        ),
    ] = None,
    blocs_on: Annotated[
        str | None,
        typer.Option("--blocs-on", help="Date of the alliance memberships for the default blocs."),
    ] = None,
    chunk_size: Annotated[
        int | None, typer.Option("--chunk-size", help="Draws per chunk (results do not change).")
    ] = None,
    top: Annotated[int, typer.Option("--lists", help="Lists shown in the table.")] = 15,
) -> None:
    """Seat ranges and majority chances (165, 220, 110) from vote estimates, by Monte Carlo.

    Example: majlis forecast --election 2025 --draws 100000 --seed 1 --json
    """
    from majlis.data.store import open_dataset
    from majlis.forecast import forecast_input, run_forecast

    if as_json and as_csv:
        raise fail("give --json or --csv, not both")
    if workers is not None and scheduler is not None:
        raise fail("give --workers or --scheduler, not both")
    if top < 0:
        raise fail(f"--lists must be 0 or more, got {top}")
    ds = open_dataset(dataset)
    inp = forecast_input(
        ds,
        election=election,
        path=input_file,
        national_error=national_error,
        district_error=district_error,
        turnout_error=turnout_error,
        swing=swing,
        blocs_on=blocs_on,
    )
    quiet = not sys.stderr.isatty()  # the bar is on stderr: it never mixes with --json/--csv
    started = time.perf_counter()
    with _progress(quiet, draws) as update:
        result = run_forecast(
            inp,
            draws,
            seed,
            power=power,
            workers=workers,
            scheduler=scheduler,
            chunk_size=chunk_size,
            progress=update,
        )
    elapsed = time.perf_counter() - started
    if plot is not None:
        from majlis.viz import forecast_figure

        written = forecast_figure(result.plot_data(), plot)
        print(f"majlis: wrote {', '.join(str(p) for p in written)}", file=sys.stderr)
    if result.partial:
        print(
            f"majlis: interrupted: PARTIAL result of {result.draws:,} of {result.draws_requested:,} draws",
            file=sys.stderr,
        )
    if as_json:
        print_json(result.to_dict())
    elif as_csv:
        sys.stdout.write(result.to_csv())
    else:
        engine = (
            f"Dask LocalCluster, {workers} workers"
            if workers
            else (f"Dask scheduler {scheduler}" if scheduler else "this process")
        )
        _tables(result, top, elapsed, engine)
    if result.partial:  # interrupted (Ctrl-C): the partial result is printed, the exit code says so
        raise typer.Exit(code=130)


class _progress:
    """A Rich progress bar on stderr for long runs (nothing when quiet)."""

    def __init__(self, quiet: bool, total: int) -> None:
        self.quiet = quiet or total < 50_000
        self.total = total
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Any:
        if self.quiet:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TimeRemainingColumn

        self.bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            "{task.completed:,}/{task.total:,} draws",
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.__enter__()
        self.task = self.bar.add_task("forecast", total=self.total)

        def update(done: int, total: int) -> None:
            self.bar.update(self.task, completed=done, total=total)

        return update

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _pct(x: float) -> str:
    return f"{x:.1%}"


def _tables(result: Any, top: int, elapsed: float, engine: str) -> None:
    console.print(
        f"{result.name}\n{result.draws:,} draws"
        + (f" (PARTIAL: {result.draws_requested:,} asked)" if result.partial else "")
        + f", seed {result.seed}, law {result.law}, {elapsed:.1f} s in {engine}. "
        f"Thresholds: majority {result.majority}, two-thirds {result.quorum}, blocking third "
        f"{result.blocking_third} of {result.house_size}.",
        soft_wrap=True,
    )
    power = result.power_index
    t = Table(title="Blocs", title_justify="left")
    for col in ("bloc", "mean", "90% interval", f"≥{result.majority}", f"≥{result.quorum}",
                f"≥{result.blocking_third}", "largest"):  # fmt: skip
        t.add_column(col, justify="left" if col == "bloc" else "right")
    if power:
        t.add_column(f"{power} ({result.majority})", justify="right")
    for b in result.blocs:
        row = [b.name, f"{b.mean:.1f}", f"{b.p5}–{b.p95}", _pct(b.p_majority), _pct(b.p_quorum),
               _pct(b.p_blocking), _pct(b.p_largest or 0.0)]  # fmt: skip
        if power:
            row.append(f"{(b.power or {}).get(f'q{result.majority}', 0.0):.3f}")
        t.add_row(*row)
    console.print(t)
    console.print(
        f"No bloc reaches {result.majority} in {_pct(result.p_no_bloc_majority)} of draws."
    )
    t = Table(title="Coalitions", title_justify="left")
    for col in ("coalition", "mean", "90% interval", f"≥{result.majority}", f"≥{result.quorum}",
                f"≥{result.blocking_third}"):  # fmt: skip
        t.add_column(col, justify="left" if col == "coalition" else "right")
    for c in result.coalitions:
        t.add_row(c.name, f"{c.mean:.1f}", f"{c.p5}–{c.p95}", _pct(c.p_majority), _pct(c.p_quorum),
                  _pct(c.p_blocking))  # fmt: skip
    console.print(t)
    t = Table(
        title=f"Lists (top {min(top, len(result.lists))} by mean seats)", title_justify="left"
    )
    for col in ("list", "mean", "median", "90% interval", "largest"):
        t.add_column(col, justify="left" if col == "list" else "right")
    for x in result.lists[:top]:
        t.add_row(x.name, f"{x.mean:.1f}", str(x.p50), f"{x.p5}–{x.p95}", _pct(x.p_largest or 0.0))
    console.print(t)
    for note in result.notes:
        console.print(f"• {note}", soft_wrap=True, markup=False, highlight=False)
