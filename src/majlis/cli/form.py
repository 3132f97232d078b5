"""``majlis form``: replay a government formation through the constitution, or a counterfactual.

Examples::

    majlis form --scenario iraq-2021
    majlis form --scenario iraq-2021 --json
    majlis form --scenario iraq-2021 --no-resignation
    majlis form --scenario iraq-2021 --kdp-with-framework
    majlis form --scenario iraq-2021 --independents rival
    majlis form --scenario iraq-2025 --law iraq-2010
    majlis form --scenario-file my-scenario.json
    majlis form --rules spain-1978

Thin: parsing and printing only; the replay is :func:`majlis.formation.replay`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from majlis.cli._app import app, console, fail, print_json
from majlis.cli._options import JsonOpt, KdpWithFrameworkOpt, NoResignationOpt


def _moves(items: list[str]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        party, sep, camp = item.partition("=")
        if not sep or not party.strip() or not camp.strip():
            raise fail(f"--move takes PARTY=CAMP, got {item!r}")
        out.append((party.strip(), camp.strip()))
    return out


def _votes_cell(step: dict[str, Any], names: dict[str, str]) -> str:
    v = step.get("votes") or {}
    if not v:
        return ""
    if not v.get("quorum_met", True):
        return f"{v['present']} present < quorum {v['quorum']}"
    if "for" in v:
        return f"{v['for']} for, {v['against']} against (needs {v['threshold']})"
    listing = ", ".join(f"{names.get(c, c)} {n}" for c, n in v["votes"].items() if n)
    return f"{listing or 'no valid votes'} (needs {v['threshold']})"


def _reported_cell(step: dict[str, Any], names: dict[str, str]) -> str:
    rep = (step.get("votes") or {}).get("reported") or step.get("reported") or {}
    parts = []
    if "present" in rep:
        parts.append(f"{rep['present']} present")
    votes = rep.get("votes") or {}
    if not votes and rep.get("rounds"):
        votes = rep["rounds"][-1].get("votes") or {}
        if "voting" in rep["rounds"][-1]:
            parts.append(f"{rep['rounds'][-1]['voting']} voting")
    if votes:
        parts.append(", ".join(f"{names.get(c, c)} {n}" for c, n in votes.items()))
    return "; ".join(parts)


@app.command("form")
def form_cmd(
    scenario: Annotated[
        str,
        typer.Option("--scenario", "-s", help="Built-in scenario: iraq-2021, iraq-2025."),
    ] = "iraq-2021",
    scenario_file: Annotated[
        Path | None,
        typer.Option(
            "--scenario-file", help="A scenario JSON file (format majlis-formation-scenario/1)."
        ),
    ] = None,
    no_resignation: NoResignationOpt = False,
    kdp_with_framework: KdpWithFrameworkOpt = False,
    independents: Annotated[
        str | None,
        typer.Option(
            "--independents",
            help="Counterfactual: all independents join the 'framework' or the 'rival' camp, or 'split' evenly.",
        ),
    ] = None,
    move: Annotated[
        list[str] | None,
        typer.Option(
            "--move",
            help="Counterfactual: PARTY=CAMP, a party sides with another camp (repeatable).",
        ),
    ] = None,
    law: Annotated[
        str | None,
        typer.Option(
            "--law", help="Counterfactual: the election's seats under another law, e.g. iraq-2010."
        ),
    ] = None,
    strategic: Annotated[
        bool,
        typer.Option(
            "--strategic",
            help="Play the baseline by the blocking-minority rule (as counterfactuals are).",
        ),
    ] = False,
    until: Annotated[
        str | None, typer.Option("--until", help="Stop the replay at this date (YYYY-MM-DD).")
    ] = None,
    rules: Annotated[
        str | None,
        typer.Option(
            "--rules",
            help="Print a constitution preset instead: iraq-2005, spain-1978, sweden-1974.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Replay a government formation step by step (Speaker, President, designation, confidence).

    Modes: a built-in scenario (--scenario) or a file (--scenario-file), as sourced or with
    counterfactuals (--no-resignation, --kdp-with-framework, --independents, --move, --law);
    --rules prints a constitution preset instead.

    Example: majlis form --scenario iraq-2021 --no-resignation --json
    """
    from majlis.formation import get_constitution, replay

    if rules is not None:
        c = get_constitution(rules)
        if as_json:
            print_json(c.to_dict())
        else:
            _print_rules(c.to_dict())
        return
    result = replay(
        scenario_file if scenario_file is not None else scenario,
        no_resignation=no_resignation,
        kdp_with_framework=kdp_with_framework,
        independents=independents,
        move=_moves(list(move or [])),
        law=law,
        strategic=strategic,
        until=until,
    )
    doc = result.to_dict()
    if as_json:
        print_json(doc)
        return
    _print_result(doc)


def _print_rules(doc: dict[str, Any]) -> None:
    from rich.table import Table

    t = Table(title=doc["name"], title_justify="left")
    for col in ("step", "kind", "rounds (threshold; quorum)", "deadline", "basis"):
        t.add_column(col)
    for s in doc["steps"]:
        rounds = "\n".join(
            f"{r['name']}: {r['threshold_text']}"
            + (f"; quorum {r['quorum_text']}" if r["quorum_text"] else "")
            for r in s["rounds"]
        )
        d = s["deadline"]
        dl = ""
        if d:
            period = " ".join(
                x
                for x in (
                    f"{d['months']} months" * bool(d["months"]),
                    f"{d['days']} days" * bool(d["days"]),
                )
                if x
            )
            dl = f"{period} from {d['start']}: {d['on_expiry']}"
        t.add_row(
            s["id"],
            s["kind"] + (f" by {s['actor']}" if s["kind"] == "act" else ""),
            rounds,
            dl,
            s["article"],
        )
    console.print(t)


def _print_result(doc: dict[str, Any]) -> None:
    from rich.table import Table
    from rich.text import Text

    names = {k: v.get("name", k) for k, v in doc["candidates"].items()}
    cf = doc["counterfactual"]
    changes = [
        k
        for k, on in (
            ("no resignation", cf["no_resignation"]),
            (f"independents: {cf['independents']}", cf["independents"]),
            (f"law: {cf['law']}", cf["law"]),
        )
        if on
    ] + [f"{m['party']} with {m['camp']}" for m in cf["move"]]
    title = f"{doc['name']} ({doc['constitution']})" + (
        f" - counterfactual: {', '.join(changes)}" if changes else ""
    )
    t = Table(title=title, title_justify="left")
    t.add_column("#", justify="right")
    t.add_column("date")
    t.add_column("step")
    t.add_column("outcome")
    t.add_column("votes (modelled)")
    t.add_column("reported")
    colours = {"passed": "green", "failed": "red", "stalled": "yellow"}
    for i, s in enumerate(doc["steps"], start=1):
        t.add_row(
            str(i),
            s["date"],
            s["step"],
            Text(s["outcome"], style=colours[s["outcome"]]),
            _votes_cell(s, names),
            _reported_cell(s, names),
        )
    console.print(t)
    for i, s in enumerate(doc["steps"], start=1):
        reason = s["reason"]
        if s["kind"] == "event":
            house = reason[reason.find(" House: ") :] if " House: " in reason else ""
            reason = reason.split(". ")[0].rstrip(".") + "." + house
        console.print(f"{i:>2}. {s['date']} {s['step']}: {reason}", markup=False, soft_wrap=True)
    gov = doc["government"]
    if gov:
        who = "coalition " + gov["coalition"] if gov.get("coalition") else "voted in by"
        console.print(
            f"Government: {gov['prime_minister']} on {gov['date']}; {who}: {gov['seats']} seats "
            f"({', '.join(gov['parties'])}); {gov['votes_for']} MPs voted for it in this replay.",
            markup=False,
        )
    else:
        console.print(f"No government: {doc['status']}", markup=False)
    console.print(f"Mode: {doc['mode']} ballots. Status: {doc['status']}", markup=False)
    for n in doc["notes"]:
        console.print(f"Note: {n}", markup=False)
