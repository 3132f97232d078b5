"""A small load test (the full one is bench/web_load.py): concurrent clients, zero errors."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")

BENCH = Path(__file__).parents[2] / "bench" / "web_load.py"


def _bench():  # bench/ is not a package: load the script as a module
    spec = importlib.util.spec_from_file_location("web_load", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_concurrent_clients_get_no_error() -> None:
    bench = _bench()
    with bench.served() as base:
        stats = bench.run(base, clients=8, requests=200)
    assert stats["all"]["count"] == 200 and stats["all"]["errors"] == 0
    kinds = {kind for kind, _ in bench.MIX}
    assert kinds <= set(stats)  # every kind of request was sent
    print(f"\nload smoke: p50 {stats['all']['p50']:.1f} ms, p95 {stats['all']['p95']:.1f} ms")


def test_only_loopback_is_a_target() -> None:
    with pytest.raises(SystemExit):
        _bench().run("http://10.0.0.1:80", clients=1, requests=1)
