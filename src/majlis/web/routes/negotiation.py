"""The negotiation simulation (``/negotiation``) and ``/api/negotiation``: a coordination
council, its committees and red lines run many times, and one run played round by round.

Thin: the outcome probabilities are :func:`majlis.formation.negotiation.negotiate`'s, the
call behind ``majlis negotiate`` (``/api/negotiation`` answers its ``to_dict()``, the
``majlis negotiate --json`` document); the trace of one run is
:func:`~majlis.formation.negotiation.trace_run`'s (``/api/negotiation/trace`` answers the
``majlis negotiate --trace --json`` document). Many runs go off the request thread, with
progress shown, at most :data:`MAX_WEB_RUNS` per request; only built-in scenarios can be
named (never a file path). The page's whole state is in its URL.
"""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from majlis.model import Dataset
from majlis.viz import hemicycle_svg
from majlis.web.i18n import STRINGS, Translator
from majlis.web.jobs import Job, check_web_limit, job_key, job_response, jobs_of
from majlis.web.render import render
from majlis.web.routes._deps import PURE, DatasetDep, LangQ, SeedQ, one_of
from majlis.web.views import Remembered, names_in

router = APIRouter()

#: Most runs one web request may ask for (the command line allows far more).
MAX_WEB_RUNS = 1_000
#: Runs of a simulation when the URL does not say.
DEFAULT_RUNS = 200

ScenarioQ = Annotated[
    str, Query(max_length=40, description="A built-in negotiation scenario, e.g. iraq-2021.")
]
RunsQ = Annotated[
    int | None, Query(ge=1, description=f"Runs of the simulation (at most {MAX_WEB_RUNS:,}).")
]
RunQ = Annotated[
    int, Query(ge=0, le=2**31, description="The run whose trace is shown (0 = the first).")
]
RoundQ = Annotated[
    int | None, Query(ge=1, le=10_000, description="The round of the trace shown (1 = the first).")
]
FlagQ = Annotated[bool, Query(description="A counterfactual (see `majlis negotiate --help`).")]
RuleQ = Annotated[
    str | None,
    Query(
        max_length=40, description="The council's rule (default: the scenario's), e.g. weighted."
    ),
]
PartQ = Annotated[
    str | None, Query(max_length=20, description="'outcome': only the outcome panel (htmx).")
]

#: Colours of camps without a colour in the dataset, and of actors in no camp.
_CAMP_COLOURS = ("#0d47a1", "#1b5e20", "#e65100", "#6a1b9a", "#00838f")
_NO_CAMP = "#9e9e9e"
_OUTSIDE = "#e0e0e0"
#: The last few traces: stepping through a run's rounds (``round``) does not run it again.
_TRACES = Remembered(32)


def _scenario(scenario: str) -> str:
    from majlis.formation.negotiation import list_scenarios

    return one_of(scenario, list_scenarios(), "negotiation scenario")


def _overrides(
    no_resignation: bool, kdp_with_framework: bool, council_rule: str | None
) -> dict[str, Any]:
    """The keyword arguments of ``negotiate``/``trace_run`` for the page's counterfactuals
    (the same as ``majlis negotiate --no-resignation --kdp-with-framework --council-rule``)."""
    return {
        "no_resignation": no_resignation,
        "counterfactuals": ["kdp_with_framework"] if kdp_with_framework else [],
        "council_rule": council_rule or None,
    }


def _start(request: Request, scenario: str, runs: int, seed: int, overrides: dict[str, Any]) -> Job:
    """The job running ``negotiate(scenario, runs=runs, seed=seed, **overrides)``."""
    from majlis.formation.negotiation import negotiate

    check_web_limit(runs, MAX_WEB_RUNS, "runs per web negotiation")
    return jobs_of(request).submit(
        job_key("negotiation", scenario, runs, seed, overrides),
        lambda progress, stop: negotiate(
            scenario, runs=runs, seed=seed, progress=progress, should_stop=stop, **overrides
        ),
    )


def _trace(scenario: str, seed: int, run: int, overrides: dict[str, Any]) -> dict[str, Any]:
    """The ``majlis negotiate --trace --json`` document of one run (remembered)."""
    from majlis.formation.negotiation import trace_run

    key = (scenario, seed, run, json.dumps(overrides, sort_keys=True))
    return _TRACES.get(  # type: ignore[no-any-return]
        key, None, lambda: trace_run(scenario, seed, run, **overrides).to_dict()
    )


def _names(ds: Dataset, lang: str, english: dict[str, str]) -> dict[str, str]:
    """Names of the simulation's actors, blocs and candidates in ``lang``: the dataset's name
    of a party or alliance of the same id, else the app's word for the actor, else the
    scenario's (English) name (candidates' names stay as the scenario spells them)."""
    local = names_in(ds, lang)
    words = STRINGS[lang]  # actors that are no record of the dataset (e.g. cf-other)
    return {k: local.get(k) or words.get(f"neg.actor.{k}", v) for k, v in english.items()}


def _round_svg(
    ds: Dataset, snap: dict[str, Any], thr: dict[str, int], names: dict[str, str], t: Translator
) -> str:
    """The house at the end of a round: actors grouped by camp (the largest camp on the left,
    so the marks show whether it reaches them), actors in no camp, then every other seat."""
    camps = sorted(snap["camps"], key=lambda c: -snap["camps"][c])
    known = {p.id: p.colour for p in ds.parties} | {a.id: a.colour for a in ds.alliances}
    colours: dict[str, str] = {}
    for i, camp in enumerate(camps):
        colours[camp] = known.get(camp) or _CAMP_COLOURS[i % len(_CAMP_COLOURS)]
    groups: list[tuple[str, int, str, str]] = []
    commitments = snap["commitments"]
    for camp in [*camps, None]:
        for actor, seats in snap["seats"].items():
            if commitments.get(actor) != camp or seats <= 0:
                continue
            where = names.get(camp, camp) if camp else t("neg.no_camp")
            tip = t("house.seat_info", name=names.get(actor, actor), seats=seats) + f" · {where}"
            groups.append((actor, seats, colours.get(camp, _NO_CAMP) if camp else _NO_CAMP, tip))
    members = thr["members"]
    rest = members - sum(g[1] for g in groups)
    if rest > 0:
        groups.append(("", rest, _OUTSIDE, t("neg.outside", n=rest)))
    marks = (thr["govern"], thr["quorum"])
    return hemicycle_svg(groups, total=members, marks=marks, title=t("neg.title"))


def _camp_rows(snap: dict[str, Any], names: dict[str, str], thr: dict[str, int]) -> list[Any]:
    rows = []
    for camp, seats in sorted(snap["camps"].items(), key=lambda kv: -kv[1]):
        cand = snap.get("candidates", {}).get(camp)
        rows.append(
            {
                "id": camp,
                "name": names.get(camp, camp),
                "seats": seats,
                "candidate": names.get(cand, cand) if cand else "",
                "to_govern": thr["govern"] - seats,
                "members": [
                    names.get(a, a)
                    for a, c in snap["commitments"].items()
                    if c == camp and snap["seats"].get(a, 0) > 0
                ],
            }
        )
    return rows


@router.get(
    "/negotiation",
    response_class=HTMLResponse,
    summary="Negotiation simulation (page)",
    tags=["pages"],
)
def negotiation_page(
    request: Request,
    ds: DatasetDep,
    scenario: ScenarioQ = "iraq-2021",
    runs: RunsQ = None,
    seed: SeedQ = None,
    run: RunQ = 0,
    round: RoundQ = None,
    no_resignation: FlagQ = False,
    kdp_with_framework: FlagQ = False,
    council_rule: RuleQ = None,
    part: PartQ = None,
    lang: LangQ = None,
) -> HTMLResponse:
    from majlis.formation.negotiation import COUNCIL_RULES, list_scenarios

    t = Translator(lang)
    scenario = _scenario(scenario)
    the_seed = 1 if seed is None else seed
    overrides = _overrides(no_resignation, kdp_with_framework, council_rule)
    n_runs = runs or DEFAULT_RUNS
    params: dict[str, Any] = {
        "scenario": scenario,
        "runs": n_runs,
        "seed": the_seed,
        "run": run,
        "no_resignation": no_resignation,
        "kdp_with_framework": kdp_with_framework,
        "council_rule": council_rule or "",
    }
    # the outcome probabilities: started when the URL asks for runs (the "run" button)
    job = _start(request, scenario, n_runs, the_seed, overrides) if runs is not None else None
    result = job.result.to_dict() if job is not None and job.status == "done" else None
    api = {k: v for k, v in params.items() if k != "run" and v not in ("", False)}
    context: dict[str, Any] = {
        "ds": ds,
        "p": params,
        "job": job,
        "result": result,
        "max_runs": MAX_WEB_RUNS,
        "api_url": "/api/negotiation?" + urlencode(api),
    }
    if part == "outcome":
        if result is not None:
            context["names"] = _names(ds, t.lang, _report_names(result))
        return render(request, "partials/negotiation_outcome.html", None, context)
    doc = _trace(scenario, the_seed, run, overrides)
    names = _names(ds, t.lang, doc["names"])
    if result is not None:
        names = {**_names(ds, t.lang, _report_names(result)), **names}
    rounds = doc["rounds"]
    index = min(max(1, round or 1), max(1, len(rounds))) - 1
    current = rounds[index] if rounds else None
    snap = current["snapshot"] if current else None
    context.update(
        {
            "doc": doc,
            "rounds": rounds,
            "index": index,
            "current": current,
            "names": names,
            "svg": _round_svg(ds, snap, doc["thresholds"], names, t) if snap else "",
            "event_kinds": {
                k: t(f"neg.event.{k}") if f"neg.event.{k}" in STRINGS["en"] else k
                for k in {e["kind"] for r in rounds for e in r["events"]}
            },
            "camps": _camp_rows(snap, names, doc["thresholds"]) if snap else [],
            "scenarios": list_scenarios(),
            "rules": list(COUNCIL_RULES),
        }
    )
    return render(request, "pages/negotiation.html", "partials/negotiation.html", context)


def _report_names(result: dict[str, Any]) -> dict[str, str]:
    """English names of a report's governments' members and prime ministers."""
    names: dict[str, str] = {}
    for o in result.get("outcomes", []):
        names.update(zip(o.get("government") or [], o.get("names") or []))
        if o.get("prime_minister"):
            names[o["prime_minister"]] = o.get("prime_minister_name") or o["prime_minister"]
    return names


@router.get(
    "/api/negotiation",
    summary="Negotiation outcomes (JSON): 202 with progress while it runs, 200 with the "
    "`majlis negotiate --json` document",
    tags=["api"],
)
def api_negotiation(
    request: Request,
    scenario: ScenarioQ = "iraq-2021",
    runs: RunsQ = None,
    seed: SeedQ = None,
    no_resignation: FlagQ = False,
    kdp_with_framework: FlagQ = False,
    council_rule: RuleQ = None,
) -> JSONResponse:
    overrides = _overrides(no_resignation, kdp_with_framework, council_rule)
    job = _start(
        request,
        _scenario(scenario),
        runs or DEFAULT_RUNS,
        1 if seed is None else seed,
        overrides,
    )
    return job_response(job)


@router.get(
    "/api/negotiation/trace",
    dependencies=PURE,
    summary="One run round by round (JSON, the `majlis negotiate --trace --json` document)",
    tags=["api"],
)
def api_negotiation_trace(
    ds: DatasetDep,  # the scenario names its own dataset; kept answers go with the served one
    scenario: ScenarioQ = "iraq-2021",
    seed: SeedQ = None,
    run: RunQ = 0,
    no_resignation: FlagQ = False,
    kdp_with_framework: FlagQ = False,
    council_rule: RuleQ = None,
) -> dict[str, Any]:
    overrides = _overrides(no_resignation, kdp_with_framework, council_rule)
    return _trace(_scenario(scenario), 1 if seed is None else seed, run, overrides)


@router.get(
    "/api/negotiation/scenarios",
    dependencies=PURE,
    summary="The built-in negotiation scenarios and council rules (JSON)",
    tags=["api"],
)
def api_negotiation_scenarios(ds: DatasetDep) -> dict[str, Any]:  # ds: see the trace
    from majlis.formation.negotiation import COUNCIL_RULES, list_scenarios

    return {"scenarios": list_scenarios(), "council_rules": list(COUNCIL_RULES)}
