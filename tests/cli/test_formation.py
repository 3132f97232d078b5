"""`majlis coalitions`, `majlis predict` and `majlis backtest` through the real entry point."""

from __future__ import annotations

import json

from majlis.data import read_parlgov


def test_coalitions_json(run_cli) -> None:
    r = run_cli(
        "coalitions",
        "--election",
        "2021",
        "--date",
        "2022-10-27",
        "--theory",
        "minimal-winning",
        "--top",
        "5",
        "--json",
    )
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["theory"] == "minimal-winning" and len(doc["predictions"]) == 5
    assert all(c["seats"] >= 165 and c["status"] == "minimal-winning" for c in doc["predictions"])
    assert doc["opportunity"]["majority_threshold"] == 165
    table = run_cli("coalitions", "--election", "2021", "--theory", "model", "--top", "3")
    assert table.code == 0 and "Kurdistan Democratic Party" in table.out


def test_predict_from_a_file(run_cli, tmp_path) -> None:
    opps = [
        {
            "id": "toy",
            "total_seats": 100,
            "majority_threshold": 51,
            "parties": [
                {"id": "A", "seats": 45, "left_right": 3},
                {"id": "B", "seats": 40, "left_right": None},
                {"id": "C", "seats": 15, "left_right": 5},
            ],
            "incumbent_parties": ["A"],
        }
    ]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(opps), encoding="utf-8")
    r = run_cli("predict", "--input", str(path), "--theory", "minimal-winning", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert [[c["parties"] for c in res["predictions"]] for res in doc["results"]] == [
        [["B", "C"], ["A", "C"], ["A", "B"]]
    ]
    r = run_cli("predict", "--input", str(path), "--theory", "model", "--top", "2", "--json")
    assert len(json.loads(r.out)["results"][0]["predictions"]) == 2


def test_backtest_json(run_cli, tmp_path) -> None:
    r = run_cli("backtest", "--theory", "incumbent", "--theory", "minimum-winning", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["opportunities"] == len(read_parlgov().opportunities)
    assert set(doc["theories"]) == {"incumbent", "minimum-winning"}
    assert {"top1", "top5", "any_hit", "mean_rank"} <= set(doc["theories"]["incumbent"])
    opps = [o.to_dict() for o in read_parlgov(countries=["AUT", "IRL"]).opportunities]
    path = tmp_path / "o.json"
    path.write_text(json.dumps(opps), encoding="utf-8")
    out = tmp_path / "model.json"
    r = run_cli(
        "backtest",
        "--data",
        str(path),
        "--format",
        "json",
        "--theory",
        "model",
        "--fit",
        "--output",
        str(out),
        "--json",
    )
    assert r.code == 0, r.err
    model = json.loads(r.out)["theories"]["model"]
    assert model["evaluation"] == "leave-one-country-out" and "top1" in model["in_sample"]
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["command"].startswith("majlis backtest --fit --data") and saved["coefficients"]


def test_bad_input_is_one_line_and_exit_2(run_cli, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "x"}]', encoding="utf-8")
    cases = [
        ("predict", "--input", str(tmp_path / "missing.json"), "--theory", "model"),
        ("predict", "--input", str(bad), "--theory", "model"),
        ("coalitions", "--election", "2021", "--theory", "nope"),
        ("coalitions", "--election", "1999"),
        ("coalitions", "--election", "2021", "--units", "clan"),
        ("backtest", "--fit"),
        ("backtest", "--data", str(tmp_path), "--format", "parlgov", "--theory", "incumbent"),
    ]
    for args in cases:
        r = run_cli(*args)
        assert r.code == 2, (args, r.out, r.err)
        assert r.err.startswith("majlis: error:") and r.err.count("\n") == 1, (args, r.err)


def test_coalitions_cabinet_ranks(run_cli) -> None:
    r = run_cli(
        "coalitions", "--election", "2021", "--date", "2022-10-27", "--cabinet", "sac", "--json"
    )
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    # the State Administration Coalition: a surplus government (cf. the 165 it needed)
    assert doc["status"] == "surplus" and doc["seats"] > 165 and "cf" in doc["cabinet"]
    ranks = {x["theory"]: x for x in doc["ranks"]}
    assert set(ranks) >= {"minimal-winning", "model", "incumbent"}
    assert ranks["minimal-winning"]["position"] is None
    assert 0 < ranks["model"]["probability"] < 1 and ranks["model"]["position"][0] >= 1
    table = run_cli("coalitions", "--election", "2021", "--date", "2022-10-27", "-c", "sac")
    assert table.code == 0 and "surplus" in table.out
    bad = run_cli("coalitions", "--election", "2021", "--cabinet", "nosuch")
    assert bad.code == 2 and len(bad.err.strip().splitlines()) == 1
