"""Cold start of the command line: `majlis --help` against bare Python and bare Typer.

The CLI imports what a command needs when it runs, so `majlis --help` pays only for Python,
Typer and Rich. Prints the median wall-clock time of each over several runs (goal: the CLI
under 0.2 s). Run: .venv/bin/python bench/cli_startup.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15
BIN = Path(sys.executable).parent


def median_time(cmd: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    python = median_time([sys.executable, "-c", "pass"])
    typer = median_time([sys.executable, "-c", "import typer, rich.console"])
    cli = median_time([str(BIN / "majlis"), "--help"])
    seats = median_time([str(BIN / "majlis"), "seats", "--help"])
    print(f"python -c pass             {python * 1000:7.1f} ms")
    print(f"import typer, rich.console {typer * 1000:7.1f} ms")
    print(f"majlis --help              {cli * 1000:7.1f} ms  (goal < 200 ms)")
    print(f"majlis seats --help        {seats * 1000:7.1f} ms")
    print(f"majlis's own share of --help: {(cli - typer) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
