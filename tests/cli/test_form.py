"""`majlis form` through the real entry point: the JSON contract, the table, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_form_json_contract(run_cli) -> None:
    r = run_cli("form", "--scenario", "iraq-2021", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert set(doc) >= {"steps", "government"}
    for s in doc["steps"]:
        assert set(s) >= {"date", "step", "outcome", "votes", "reason"}
        assert s["outcome"] in ("passed", "failed", "stalled")
        assert isinstance(s["votes"], dict)
    speaker = next(s for s in doc["steps"] if s["step"] == "speaker")
    assert speaker["date"] == "2022-01-09" and speaker["outcome"] == "passed"
    assert speaker["votes"]["reported"]["present"] == 228
    assert set(doc["government"]) >= {"parties", "prime_minister"}
    assert doc["government"]["prime_minister"] == "Mohammed Shia al-Sudani"


def test_form_counterfactual_json(run_cli) -> None:
    doc = json.loads(run_cli("form", "--scenario", "iraq-2021", "--no-resignation", "--json").out)
    assert doc["government"] is None
    assert doc["counterfactual"]["no_resignation"] and doc["mode"] == "rule"
    doc = json.loads(run_cli("form", "-s", "iraq-2021", "--kdp-with-framework", "--json").out)
    assert doc["counterfactual"]["move"] == [{"party": "kdp", "camp": "role:framework"}]
    doc = json.loads(run_cli("form", "-s", "iraq-2021", "--independents", "rival", "--json").out)
    assert doc["government"]["prime_minister"] == "Mohammed Jaafar al-Sadr"


def test_form_table(run_cli) -> None:
    r = run_cli("form", "--scenario", "iraq-2025")
    assert r.code == 0, r.err
    assert "Ali al-Zaidi" in r.out and "2026-04-11" in r.out and "quorum" not in r.err
    assert "MPs voted for it in this" in " ".join(r.out.split())


def test_form_rules(run_cli) -> None:
    r = run_cli("form", "--rules", "sweden-1974", "--json")
    assert r.code == 0 and json.loads(r.out)["steps"][1]["rounds"][0]["negative"] is True
    assert "investiture" in run_cli("form", "--rules", "spain-1978").out


@pytest.mark.parametrize(
    "args, message",
    [
        (("--scenario", "atlantis"), "unknown scenario"),
        (("--independents", "everyone"), "independents must be"),
        (("--move", "kdp"), "--move takes PARTY=CAMP"),
        (("--law", "iraq-2018"), "no list votes"),
        (("--rules", "atlantis"), "unknown constitution"),
        (("--until", "yesterday"), "malformed"),
    ],
)
def test_form_bad_input_is_one_line_exit_2(run_cli, args: tuple[str, ...], message: str) -> None:
    r = run_cli("form", *args)
    assert r.code == 2 and message in r.err and r.err.count("\n") == 1 and r.out == ""


def test_form_scenario_file(run_cli, tmp_path: Path) -> None:
    missing = run_cli("form", "--scenario-file", str(tmp_path / "none.json"))
    assert missing.code == 2 and "not found" in missing.err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "majlis-formation-scenario/1"}', encoding="utf-8")
    r = run_cli("form", "--scenario-file", str(bad))
    assert r.code == 2 and "missing 'id'" in r.err
