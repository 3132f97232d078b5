"""Shared fixtures: an isolated store per test session, and a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Never touch the user's own store: every test session gets a fresh MAJLIS_HOME."""
    old_home = os.environ.get("MAJLIS_HOME")
    old_url = os.environ.pop("MAJLIS_DATABASE_URL", None)
    os.environ["MAJLIS_HOME"] = str(tmp_path_factory.mktemp("majlis-home"))
    yield
    if old_home is None:
        os.environ.pop("MAJLIS_HOME", None)
    else:
        os.environ["MAJLIS_HOME"] = old_home
    if old_url is not None:
        os.environ["MAJLIS_DATABASE_URL"] = old_url


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``majlis ARGS...`` in-process through the real entry point; returns code, stdout, stderr."""
    from majlis.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def pg_url() -> str | None:
    """The test PostgreSQL server started by `make test` (scripts/test-postgres.sh), if any."""
    return os.environ.get("MAJLIS_TEST_PG_URL") or None
