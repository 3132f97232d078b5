"""The Typer application and the entry point that turns user errors into one line + exit 2.

Command modules (``majlis.cli.parliament``, ``majlis.cli.seats``, ...) import ``app`` from
here and register their commands with ``@app.command()``; ``majlis.cli`` imports them all.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import typer

try:  # Typer >= 0.16 vendors its own copy of click
    from typer import _click as click  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Typer uses click itself
    import click  # type: ignore[no-redef]
from rich.console import Console

from majlis.errors import MajlisError, StoreUnavailableError


def _version(value: bool) -> None:
    if value:
        from majlis import __version__

        print(f"majlis {__version__}")
        raise typer.Exit()


app = typer.Typer(
    name="majlis",
    help="Parliaments, seats, voting power, coalitions, formation and forecasts. "
    "Built-in case: Iraq's Council of Representatives (329 seats). "
    "Every command takes --help; bad input prints one line and exits with code 2.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # wide enough that every command's one-line summary is shown whole
    context_settings={"max_content_width": 120, "terminal_width": 120},
)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Parliaments, seats, voting power, coalitions, formation and forecasts."""


console = Console(soft_wrap=False)


def print_json(doc: Any) -> None:
    """Print a command's JSON document on stdout (UTF-8 text, indented by 2): every
    ``--json`` goes through here, so the format is one contract."""
    print(json.dumps(doc, ensure_ascii=False, indent=2))


def fail(message: str) -> typer.Exit:
    """Print ``message`` as one error line on stderr and return an Exit(2) to raise."""
    print(f"majlis: error: {message}", file=sys.stderr)
    return typer.Exit(code=2)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; user errors print one line on stderr and exit with code 2."""
    try:
        rv = app(
            args=list(argv) if argv is not None else None, prog_name="majlis", standalone_mode=False
        )
    except click.exceptions.NoArgsIsHelpError as exc:  # `majlis` (or a group) with no arguments
        print(exc.ctx.get_help() if exc.ctx else exc.format_message())
        sys.exit(0)
    except click.ClickException as exc:
        msg = " ".join(exc.format_message().split())
        print(f"majlis: error: {msg}", file=sys.stderr)
        sys.exit(2)
    except (KeyboardInterrupt, getattr(click.exceptions, "Abort", KeyboardInterrupt)):
        sys.exit(130)
    except MajlisError as exc:
        msg = " ".join(str(exc).split())
        print(f"majlis: error: {msg}", file=sys.stderr)
        sys.exit(2)
    except StoreUnavailableError as exc:  # not the user's input: exit 1 with the reason
        msg = " ".join(str(exc).split())
        print(f"majlis: error: {msg}", file=sys.stderr)
        sys.exit(1)
    except FileNotFoundError as exc:
        print(f"majlis: error: file not found: {exc.filename}", file=sys.stderr)
        sys.exit(2)
    sys.exit(rv if isinstance(rv, int) else 0)
