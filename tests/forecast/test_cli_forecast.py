"""`majlis forecast` through the real entry point: the JSON contract, CSV, plots, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest


def test_json_contract(run_cli) -> None:
    r = run_cli("forecast", "--election", "2025", "--draws", "3000", "--seed", "1", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["draws"] == 3000 and doc["seed"] == 1 and doc["partial"] is False
    assert doc["thresholds"] == {"majority": 165, "quorum": 220, "blocking_third": 110}
    cf = doc["blocs"]["cf"]
    assert cf["name"] == "Coordination Framework"
    assert cf["p5"] <= cf["p50"] <= cf["p95"] and 0 < cf["mean"] < 329
    first = doc["coalitions"][0]
    assert {"members", "p_majority", "p_quorum"} <= set(first) and first["members"] == ["cf"]
    again = run_cli(
        "forecast",
        "--election",
        "2025",
        "--draws",
        "3000",
        "--seed",
        "1",
        "--json",
        "--chunk-size",
        "1024",
    )
    assert again.out == r.out  # byte-identical whatever the chunking


def test_same_json_with_workers(run_cli) -> None:
    pytest.importorskip("distributed")
    args = ("forecast", "--election", "2025", "--draws", "2048", "--seed", "3", "--json")
    assert run_cli(*args, "--workers", "2").out == run_cli(*args).out


def test_csv_and_table(run_cli) -> None:
    r = run_cli("forecast", "--draws", "1000", "--seed", "2", "--csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    kinds = {row["kind"] for row in rows}
    assert kinds == {"bloc", "coalition", "list"}
    assert next(row for row in rows if row["id"] == "cf")["p_majority"] != ""
    t = run_cli("forecast", "--draws", "1000", "--seed", "2", "--power", "banzhaf")
    assert t.code == 0 and "Coordination Framework" in t.out and "banzhaf" in t.out


def test_plot_files(run_cli, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    r = run_cli(
        "forecast", "--draws", "1000", "--seed", "2", "--json", "--plot", str(tmp_path / "f.png")
    )
    assert r.code == 0, r.err
    assert (tmp_path / "f.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "f.svg").read_text()


def test_input_file(run_cli, tmp_path: Path) -> None:
    f = tmp_path / "est.csv"
    f.write_text("list,share,se\nState of Law Coalition,12,1\n")
    doc = json.loads(
        run_cli("forecast", "--input", str(f), "--draws", "1000", "--seed", "1", "--json").out
    )
    base = json.loads(run_cli("forecast", "--draws", "1000", "--seed", "1", "--json").out)
    assert doc["lists"]["sol"]["mean"] > base["lists"]["sol"]["mean"]


@pytest.mark.parametrize(
    ("args", "content", "match"),
    [
        (("--draws", "-5"), None, "draws must be at least 1"),
        (("--draws", "100000000"), None, "at most 20,000,000 draws"),
        (("--input", "{f}"), "list,share\nsol,lots\n", "share 'lots' is not a number"),
        (("--input", "{f}"), "list,share\nmartians,5\n", "unknown list 'martians'"),
        (("--input", "{f}"), "list,share\nsol,5\n", None),
        (("--input", "{dir}/missing.csv"), None, "file not found"),
        (("--json", "--csv"), None, "not both"),
        (("--election", "1066"), None, "unknown election"),
        (("--power", "nonsense"), None, "unknown power index"),
        (("--workers", "0"), None, "workers must be a positive"),
    ],
)
def test_bad_input_is_one_line_exit_2(run_cli, tmp_path: Path, args, content, match) -> None:
    f = tmp_path / "in.csv"
    if content is not None:
        f.write_text(content)
    argv = [a.format(f=f, dir=tmp_path) for a in args]
    r = run_cli("forecast", "--draws", "500", "--seed", "1", *argv, "--json")
    if match is None:
        assert r.code == 0, r.err
        return
    assert r.code == 2 and r.out == ""
    assert len(r.err.strip().splitlines()) == 1 and match in r.err, r.err


def test_unknown_bloc_in_a_json_input(run_cli, tmp_path: Path) -> None:
    f = tmp_path / "in.json"
    f.write_text(json.dumps({"coalitions": [["cf", "nobody"]]}))
    r = run_cli("forecast", "--input", str(f), "--draws", "500")
    assert r.code == 2 and "unknown bloc or list 'nobody'" in r.err


def test_ctrl_c_prints_the_partial_result(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import majlis.forecast.simulate as sim

    real = sim.simulate_chunk

    def interrupted(plan, chunk):
        if chunk[0].index >= 16:  # Ctrl-C during the second chunk
            raise KeyboardInterrupt
        return real(plan, chunk)

    monkeypatch.setattr(sim, "simulate_chunk", interrupted)
    r = run_cli("forecast", "--draws", "40000", "--seed", "1", "--chunk-size", "16384", "--json")
    assert r.code == 130
    doc = json.loads(r.out)
    assert doc["partial"] is True and doc["draws"] == 16384 and doc["draws_requested"] == 40000
    assert "PARTIAL result of 16,384 of 40,000 draws" in r.err


def test_progress_bar_on_a_terminal(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    run_cli("--help")  # sys.stderr is now the capture stream of this test
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    r = run_cli("forecast", "--draws", "50000", "--seed", "1", "--chunk-size", "16384", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["draws"] == 50_000  # the bar never reaches stdout
    assert "50,000/50,000 draws" in r.err, r.err


def test_chunk_limits(run_cli) -> None:
    # Iraq 2025 draws 203 (list, district) cells: 2**24 // 203 = 82,646 -> 80 blocks of 1,024
    assert run_cli("forecast", "--draws", "500", "--chunk-size", "81920", "--json").code == 0
    r = run_cli("forecast", "--draws", "500", "--chunk-size", "82944", "--json")
    assert r.code == 2 and "cells in one chunk" in r.err and "chunk_size at most 81,920" in r.err
    r = run_cli("forecast", "--draws", "500", "--chunk-size", "0", "--json")
    assert r.code == 2 and "chunk_size must be a positive whole number" in r.err
    r = run_cli("forecast", "--draws", "500", "--lists", "-1")
    assert r.code == 2 and "--lists must be 0 or more" in r.err
