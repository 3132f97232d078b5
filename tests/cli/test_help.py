"""--help of every command: a whole summary, the modes, a worked example; --version."""

from __future__ import annotations

import pytest

from majlis.cli import app


def _commands() -> list[list[str]]:
    import typer.main

    root = typer.main.get_command(app)
    out = []
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        if subs:
            out.extend([name, sub] for sub in subs)
        else:
            out.append([name])
    return out


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_has_help_with_an_example(run_cli, command):
    r = run_cli(*command, "--help")
    assert r.code == 0, r.err
    assert "Example: majlis " + command[0] in r.out


def test_summaries_are_not_cut_off(run_cli):
    import typer.main

    r = run_cli("--help")
    root = typer.main.get_command(app)
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        first = (cmd.help or "").strip().splitlines()[0]
        assert f"{name}" in r.out and first in r.out, first


def test_version(run_cli):
    from majlis import __version__

    r = run_cli("--version")
    assert r.code == 0 and r.out.strip() == f"majlis {__version__}"


def test_method_and_law_lists_match_the_registries(run_cli):
    from majlis.data import load_dataset
    from majlis.electoral import METHODS

    r = run_cli("seats", "--help")
    text = " ".join(r.out.split()).replace("- ", "-")  # undo the help's line wrapping
    for method in METHODS:
        assert method in text
    for law in load_dataset("iraq").laws:
        assert law.id in text
