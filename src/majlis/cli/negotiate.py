"""``majlis negotiate``: run a negotiation scenario many times, or trace one run.

Examples::

    majlis negotiate --scenario iraq-2021 --runs 1000 --seed 1
    majlis negotiate --scenario iraq-2021 --runs 1000 --seed 1 --json
    majlis negotiate --scenario iraq-2021 --seed 1 --trace --run 0
    majlis negotiate --scenario iraq-2021 --no-resignation --runs 1000 --seed 1
    majlis negotiate --scenario iraq-2021 --kdp-with-framework --runs 1000 --seed 1
    majlis negotiate --scenario iraq-2025 --council-rule weighted --runs 1000 --seed 1
    majlis negotiate --scenario iraq-2021 --param noise=0.1 --set actors.kdp.consensus=0.9
    majlis negotiate --scenario my-scenario.json --runs 500 --seed 3
    majlis negotiate --provenance --scenario iraq-2021

Thin: parsing and printing only; the simulation is
:func:`majlis.formation.negotiation.negotiate` (and :func:`~majlis.formation.negotiation.trace_run`).
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from majlis.cli._app import app, console, fail, print_json
from majlis.cli._options import JsonOpt, KdpWithFrameworkOpt, NoResignationOpt, WorkersOpt


def _pairs(items: list[str], flag: str) -> list[tuple[str, str]]:
    out = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise fail(f"{flag} takes NAME=VALUE, got {item!r}")
        out.append((key.strip(), value.strip()))
    return out


@app.command("negotiate")
def negotiate_cmd(
    scenario: Annotated[
        str,
        typer.Option(
            "--scenario", "-s", help="Built-in scenario (iraq-2021, iraq-2025) or a JSON file."
        ),
    ] = "iraq-2021",
    runs: Annotated[int, typer.Option("--runs", "-n", help="Number of runs.")] = 1000,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Seed (default: drawn and reported).")
    ] = None,
    as_json: JsonOpt = False,
    trace: Annotated[
        bool, typer.Option("--trace", help="Print one run (--run) round by round instead.")
    ] = False,
    run: Annotated[int, typer.Option("--run", help="Which run --trace prints (0-based).")] = 0,
    no_resignation: NoResignationOpt = False,
    kdp_with_framework: KdpWithFrameworkOpt = False,
    counterfactual: Annotated[
        list[str] | None,
        typer.Option("--counterfactual", help="A named counterfactual of the scenario."),
    ] = None,
    move: Annotated[
        list[str] | None,
        typer.Option("--move", help="ACTOR=FORMATEUR: an actor sides with a formateur throughout."),
    ] = None,
    council_rule: Annotated[
        str | None,
        typer.Option(
            "--council-rule", help="The council's rule: consensus, weighted, veto, two-thirds."
        ),
    ] = None,
    committee: Annotated[
        list[str] | None,
        typer.Option(
            "--committee",
            help="A dataset committee that replaces the scenario's one with the same "
            "counterparts (e.g. cf-2021-12-sunnis-wikipedia).",
        ),
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", help="NAME=VALUE or NAME=LOW:HIGH: a behavioural parameter (repeatable)."
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="PATH=VALUE: change any value of the scenario document."),
    ] = None,
    rounds: Annotated[
        int | None, typer.Option("--rounds", help="Number of rounds (default: the scenario's).")
    ] = None,
    workers: WorkersOpt = None,
    provenance: Annotated[
        bool,
        typer.Option("--provenance", help="List what is data and what is an assumption, and exit."),
    ] = False,
) -> None:
    """Simulate a coordination council, its committees and red lines many times.

    Prints the outcome distribution (consensus, majority or no government), the prime
    ministers, and when governments formed; --trace prints one run round by round.

    Example: majlis negotiate --scenario iraq-2021 --runs 1000 --seed 1 --json
    """
    from majlis.formation.negotiation import negotiate, prepare, trace_run
    from majlis.runs import open_executor

    moves = _pairs(list(move or []), "--move")
    cfs = list(counterfactual or [])
    if kdp_with_framework:
        cfs.append("kdp_with_framework")
    overrides: dict[str, Any] = {
        "sets": list(set_ or []),
        "no_resignation": no_resignation,
        "move": moves,
        "counterfactuals": cfs,
        "params": dict(_pairs(list(param or []), "--param")) or None,
        "council_rule": council_rule,
        "committees": list(committee or []),
        "rounds": rounds,
    }
    if provenance:
        spec = prepare(scenario, **overrides)
        doc = spec.provenance()
        if as_json:
            print_json(doc)
            return
        for kind in ("data", "assumptions"):
            console.print(f"[bold]{kind.title()}[/bold]")
            for row in doc[kind]:
                console.print(f"  {row['item']}: {row['text']}", markup=False, soft_wrap=True)
        return
    if trace:
        t = trace_run(scenario, seed, run, **overrides)
        if as_json:
            print_json(t.to_dict())
        else:
            console.print(f"{t.spec.name}: run {t.run}, seed {t.seed}", markup=False)
            console.print(t.text(), markup=False, soft_wrap=True)
            _print_run(t.to_dict())
        return
    if runs < 1:
        raise fail(f"--runs must be at least 1, got {runs}")
    with open_executor(workers=workers) as ex:
        report = negotiate(scenario, runs=runs, seed=seed, executor=ex, **overrides)
    doc = report.to_dict()
    if as_json:
        print_json(doc)
        return
    _print_report(doc)


def _print_run(doc: dict[str, Any]) -> None:
    out = doc["outcome"]
    g = out["government"]
    if g is None:
        console.print(
            f"Run {doc['run']}: no government after {out['rounds']} rounds.", markup=False
        )
        return
    console.print(
        f"Run {doc['run']}: a {g['kind']} government under {g['prime_minister_name']} on "
        f"{g['date']} (round {g['round']}), {g['seats']} seats: {', '.join(g['member_names'])}.",
        markup=False,
        soft_wrap=True,
    )


def _print_report(doc: dict[str, Any]) -> None:
    from rich.table import Table

    cf = doc["counterfactual"]
    changes = [k for k in ("no_resignation",) if cf.get(k)]
    changes += [f"{m['actor']} with {m['formateur']}" for m in cf.get("move", [])]
    if cf.get("council_rule"):
        changes.append(f"council rule {cf['council_rule']}")
    changes += [f"committee {c}" for c in cf.get("committees", [])]
    title = f"{doc['name']}: {doc['runs']} runs, seed {doc['seed']}" + (
        f" - counterfactual: {', '.join(changes)}" if changes else ""
    )
    t = Table(title=title, title_justify="left")
    t.add_column("probability", justify="right")
    t.add_column("kind")
    t.add_column("prime minister")
    t.add_column("government")
    for o in doc["outcomes"][:15]:
        t.add_row(
            f"{o['probability']:.3f}",
            o["kind"],
            o["prime_minister_name"] or "",
            ", ".join(o["government"]) if o["government"] else "(no government)",
        )
    console.print(t)
    if len(doc["outcomes"]) > 15:
        console.print(f"... and {len(doc['outcomes']) - 15} rarer outcomes (see --json).")
    kinds = ", ".join(f"{k} {p:.3f}" for k, p in doc["kinds"].items())
    console.print(f"Kinds: {kinds}", markup=False)
    pms = ", ".join(f"{p['name'] or 'none'} {p['probability']:.3f}" for p in doc["prime_ministers"])
    console.print(f"Prime minister: {pms}", markup=False, soft_wrap=True)
    first = ", ".join(
        f"{v['name']} {v['probability']:.3f}" for v in doc["council_first_choice"].values()
    )
    if first:
        console.print(f"Council's first choice: {first}", markup=False, soft_wrap=True)
    for m in doc["milestones"]:
        console.print(
            f"Government before {m['date']} ({m['label']}): {m['government_before']:.3f}",
            markup=False,
        )
    console.print(f"Mean rounds: {doc['mean_rounds']:.2f}", markup=False)
    h = doc.get("history") or {}
    if h:
        pm = doc["candidates"].get(h.get("prime_minister", ""), {}).get("name", "")
        gov = ", ".join(h.get("government", [])) or "(members not itemised)"
        kind = f"{h['kind']} " if h.get("kind") else ""
        console.print(
            f"History: a {kind}government under {pm or 'nobody'} on {h.get('date', '')}: {gov}",
            markup=False,
            soft_wrap=True,
        )
    if doc["partial"]:
        print(
            f"majlis: interrupted after {doc['done']} of {doc['requested_runs']} runs",
            file=sys.stderr,
        )
