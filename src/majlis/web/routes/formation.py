"""Formation replay (``/formation``) and ``/api/formation``: a government formation step by
step (Speaker, President with its two-thirds quorum, designation, cabinet, confidence), as
sourced or with counterfactuals.

Thin: the steps are :func:`majlis.formation.replay`'s, the call behind ``majlis form``;
``/api/formation`` answers its ``to_dict()`` (the ``majlis form --json`` document). Only the
built-in scenarios can be named (never a file path).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from majlis.viz import hemicycle_svg
from majlis.web.i18n import Translator
from majlis.web.render import render
from majlis.web.routes._deps import PURE, DatasetDep, LangQ, one_of
from majlis.web.views import Remembered, house_svg, names_in, seating

router = APIRouter()

ScenarioQ = Annotated[
    str, Query(max_length=40, description="A built-in formation scenario, e.g. iraq-2021.")
]
FlagQ = Annotated[bool, Query(description="A counterfactual flag (see `majlis form --help`).")]
IndependentsQ = Annotated[
    str | None, Query(max_length=20, description="Counterfactual: 'framework', 'rival' or 'split'.")
]
StepQ = Annotated[int | None, Query(ge=0, le=10_000, description="The step shown (0 = the first).")]

#: Colours of a vote's groups by what they did.
_STANCE = {"attend": "#1565c0", "boycott": "#9e9e9e", "absent": "#cfd8dc", "blank": "#e0e0e0"}
_CHOICES = ("#1b5e20", "#e65100", "#0d47a1", "#6a1b9a", "#00838f")
#: The last few replays: stepping through one (``step``) does not replay it again.
_REPLAYS = Remembered(16)


def _result(
    scenario: str,
    no_resignation: bool,
    kdp_with_framework: bool,
    independents: str | None,
    strategic: bool,
) -> Any:
    from majlis.formation import replay
    from majlis.formation.replays import list_formation_scenarios

    one_of(scenario, list_formation_scenarios(), "formation scenario")
    key = (scenario, no_resignation, kdp_with_framework, independents or None, strategic)
    return _REPLAYS.get(
        key,
        None,
        lambda: replay(
            scenario,
            no_resignation=no_resignation,
            kdp_with_framework=kdp_with_framework,
            independents=independents or None,
            strategic=strategic,
        ),
    )


def _vote_svg(votes: dict[str, Any], total: int, t: Translator) -> str:
    """A hemicycle of a vote: each group's seats coloured by what it did."""
    choices = list(votes.get("candidates") or [])
    groups = []
    for g in sorted(
        votes.get("groups", []), key=lambda g: (g.get("vote") is None, str(g.get("vote")))
    ):
        stance = g.get("stance") or ""
        vote = g.get("vote")
        if vote is not None and vote in choices:
            colour = _CHOICES[choices.index(vote) % len(_CHOICES)]
        elif vote is not None:
            colour = _CHOICES[-1]
        else:
            colour = _STANCE.get(stance, "#bdbdbd")
        tip = f"{g.get('label', '')}: {g.get('seats', 0)} · {vote or stance}"
        groups.append((f"{g.get('label', '')}", int(g.get("seats", 0)), colour, tip))
    marks = tuple(m for m in (votes.get("threshold"), votes.get("quorum")) if isinstance(m, int))
    return hemicycle_svg(groups, total=total, marks=marks, title=t("formation.vote"))


@router.get(
    "/formation",
    dependencies=PURE,
    response_class=HTMLResponse,
    summary="Formation replay (page)",
    tags=["pages"],
)
def formation_page(
    request: Request,
    ds: DatasetDep,
    scenario: ScenarioQ = "iraq-2021",
    step: StepQ = None,
    no_resignation: FlagQ = False,
    kdp_with_framework: FlagQ = False,
    independents: IndependentsQ = None,
    strategic: FlagQ = False,
    lang: LangQ = None,
) -> HTMLResponse:
    from majlis.formation.replays import list_formation_scenarios

    t = Translator(lang)
    result = _result(scenario, no_resignation, kdp_with_framework, independents, strategic)
    doc = result.to_dict()
    steps = doc["steps"]
    index = min(step if step is not None else 0, max(0, len(steps) - 1))
    current = steps[index] if steps else None
    counterfactual = any((no_resignation, kdp_with_framework, independents))
    svg = ""
    if current is not None:
        if current.get("kind") == "vote" and current.get("votes", {}).get("groups"):
            total = sum(g.get("seats", 0) for g in current["votes"]["groups"]) + int(
                current["votes"].get("vacant", 0)
            )
            svg = _vote_svg(current["votes"], max(total, 1), t)
        elif not counterfactual:
            parl = ds.parliament(date=current["date"])
            svg = house_svg(parl, t, seating(parl, t.lang))
    context = {
        "ds": ds,
        "doc": doc,
        "steps": steps,
        "index": index,
        "current": current,
        "svg": svg,
        "counterfactual": counterfactual,
        "p": {
            "scenario": scenario,
            "no_resignation": no_resignation,
            "kdp_with_framework": kdp_with_framework,
            "independents": independents or "",
            "strategic": strategic,
        },
        "scenarios": list_formation_scenarios(),
        "names": names_in(ds, t.lang),
    }
    return render(request, "pages/formation.html", "partials/formation.html", context)


@router.get(
    "/api/formation",
    dependencies=PURE,
    summary="Formation replay (JSON, the `majlis form --json` document)",
    tags=["api"],
)
def api_formation(
    ds: DatasetDep,
    scenario: ScenarioQ = "iraq-2021",
    no_resignation: FlagQ = False,
    kdp_with_framework: FlagQ = False,
    independents: IndependentsQ = None,
    strategic: FlagQ = False,
) -> dict[str, Any]:
    return _result(scenario, no_resignation, kdp_with_framework, independents, strategic).to_dict()  # type: ignore[no-any-return]
