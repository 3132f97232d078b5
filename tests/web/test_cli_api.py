"""The CLI and the JSON API call the same library functions: the same query, the same document."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

CASES = [
    (["parliament", "--date", "2022-07-01", "--json"], "/api/parliament", {"date": "2022-07-01"}),
    (["parliament", "--election", "2021", "--json"], "/api/parliament", {"election": "2021"}),
    (["parliament", "--json"], "/api/parliament", {}),
    (
        ["timeline", "--from", "2022-01-01", "--to", "2022-12-31", "--json"],
        "/api/timeline",
        {"from": "2022-01-01", "to": "2022-12-31"},
    ),
    (["power", "--date", "2022-07-01", "--json"], "/api/power", {"date": "2022-07-01"}),
    (
        [
            "power",
            "--weights",
            "73,37,33,31",
            "--quota",
            "90",
            "--index",
            "shapley-shubik",
            "--json",
        ],
        "/api/power",
        {"weight": [73, 37, 33, 31], "quota": 90, "index": "shapley-shubik"},
    ),
    (
        [
            "power",
            "--weights",
            "3,2,2",
            "--quota",
            "5",
            "--index",
            "owen",
            "--union",
            "1,2",
            "--json",
        ],
        "/api/power",
        {"weight": [3, 2, 2], "quota": 5, "index": "owen", "union": "1,2"},
    ),
    (
        [
            "seats",
            "--method",
            "sainte-lague",
            "--first-divisor",
            "1.7",
            "--seats",
            "10",
            "--votes",
            "A=1000,B=600,C=300",
            "--flip",
            "--json",
        ],
        "/api/seats",
        {
            "method": "sainte-lague",
            "first_divisor": "1.7",
            "seats": 10,
            "votes": "A=1000,B=600,C=300",
            "flip": "true",
        },
    ),
    (["seats", "--election", "2025", "--json"], "/api/seats", {"election": "2025"}),
    (["form", "--scenario", "iraq-2021", "--json"], "/api/formation", {"scenario": "iraq-2021"}),
    (
        ["form", "--scenario", "iraq-2021", "--no-resignation", "--json"],
        "/api/formation",
        {"scenario": "iraq-2021", "no_resignation": "true"},
    ),
    (
        ["seats", "--election", "2025", "--law", "iraq-2018", "--json"],
        "/api/seats",
        {"election": "2025", "law": "iraq-2018"},
    ),
    (
        ["coalitions", "--election", "2021", "--date", "2022-10-27", "--theory", "model"]
        + ["--top", "5", "--json"],
        "/api/theories",
        {"election": "2021", "date": "2022-10-27", "theory": "model", "top": 5},
    ),
    (
        ["coalitions", "--election", "2025", "--units", "party", "--top", "10", "--json"],
        "/api/theories",
        {"election": "2025", "units": "party", "top": 10},
    ),
]


@pytest.mark.parametrize(("argv", "path", "params"), CASES, ids=[" ".join(c[0][:3]) for c in CASES])
def test_cli_json_equals_api_json(client: TestClient, run_cli, argv, path, params) -> None:
    cli = run_cli(*argv)
    assert cli.code == 0, cli.err
    api = client.get(path, params=params)
    assert api.status_code == 200, api.text
    assert api.json() == json.loads(cli.out)


def test_limits_answer_422_with_the_limit(client: TestClient) -> None:
    r = client.get("/api/seats", params={"votes": "A=1,B=2", "seats": 10**12})
    assert r.status_code == 422
    r = client.get("/api/power", params={"weight": [1] * 1001, "quota": 3})
    assert r.status_code == 422 and "1000" in json.dumps(r.json())
    r = client.get(
        "/api/power", params={"weight": [10**9 + i for i in range(600)], "quota": 10**11}
    )
    assert r.status_code in (400, 422) and r.json()["detail"]
