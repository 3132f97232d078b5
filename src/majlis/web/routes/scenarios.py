"""Saved what-if scenarios: ``/s/<id>`` (the page), ``/api/scenarios`` (JSON).

Reading is public; creating, changing and deleting need the token (see
:mod:`majlis.web.security`). A saved scenario opens in the coalition builder with its changes.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from majlis.data.scenarios import LIMITS, Scenario
from majlis.data.store import Store, open_store
from majlis.errors import TooLargeError
from majlis.web.routes._deps import DatasetDep, LangQ, settings_of
from majlis.web.routes.coalitions import coalition_page, scenario_from_query
from majlis.web.security import check_token

router = APIRouter()

_bearer = HTTPBearer(
    auto_error=False, description="The token printed by `majlis serve` (`make run`)."
)

IdP = Annotated[
    str, Path(description="A scenario id, as returned when it was saved.", max_length=32)
]

_ID = Annotated[str, Field(min_length=1, max_length=LIMITS["id"])]


class ScenarioIn(BaseModel):
    """A what-if scenario (see :class:`majlis.data.scenarios.Scenario`)."""

    title: str = Field(min_length=1, max_length=LIMITS["title"], examples=["Sadrists stay"])
    dataset: str = Field("iraq", min_length=1, max_length=LIMITS["id"])
    election: str | None = Field(None, max_length=LIMITS["id"], examples=["2021"])
    date: str | None = Field(None, max_length=10, examples=["2022-06-20"])
    seats: dict[_ID, Annotated[int, Field(ge=0, le=LIMITS["seats"])]] = Field(
        default_factory=dict, max_length=LIMITS["entries"], examples=[{"sadrist": 73}]
    )
    join: list[tuple[_ID, _ID]] = Field(default_factory=list, max_length=LIMITS["entries"])
    leave: list[tuple[_ID, _ID]] = Field(default_factory=list, max_length=LIMITS["entries"])
    coalition: list[_ID] = Field(
        default_factory=list, max_length=LIMITS["entries"], examples=[["sadrist", "kdp"]]
    )
    union: str | None = Field(None, max_length=LIMITS["id"], examples=["cf"])
    quota: int | None = Field(None, ge=0, le=LIMITS["seats"])
    votes: dict[_ID, Any] = Field(default_factory=dict, max_length=LIMITS["entries"])
    notes: str = Field("", max_length=LIMITS["notes"])


class ScenarioRecord(BaseModel):
    """A saved scenario with its id and times (ISO 8601, UTC)."""

    id: str
    created: str
    updated: str
    url: str
    scenario: dict[str, Any]


def _store(request: Request) -> Store:
    return open_store(settings_of(request).store_url)


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """The write token from ``Authorization: Bearer`` (401 without it, 403 if wrong)."""
    check_token(request, settings_of(request).token)


def _record(store: Store, sid: str) -> dict[str, Any]:
    rec = store.scenario_record(sid)
    return {**rec, "url": f"/s/{sid}"}


@router.get("/api/scenarios", summary="The newest saved scenarios (JSON)", tags=["scenarios"])
def api_scenarios(request: Request) -> dict[str, Any]:
    return {"scenarios": _store(request).scenario_list(50)}


@router.post(
    "/api/scenarios",
    summary="Save a scenario (needs the token)",
    tags=["scenarios"],
    status_code=201,
    response_model=ScenarioRecord,
    dependencies=[Depends(require_token)],
)
def api_create(request: Request, doc: ScenarioIn, ds: DatasetDep) -> dict[str, Any]:
    s = Scenario.from_dict(doc.model_dump())
    s.parliament(ds)  # a scenario must describe a house of the served dataset
    store = _store(request)
    return _record(store, store.save_scenario(s))


@router.get(
    "/api/scenarios/{sid}",
    summary="A saved scenario (JSON)",
    tags=["scenarios"],
    response_model=ScenarioRecord,
)
def api_get(request: Request, sid: IdP) -> dict[str, Any]:
    return _record(_store(request), sid)


@router.put(
    "/api/scenarios/{sid}",
    summary="Replace a saved scenario (needs the token)",
    tags=["scenarios"],
    response_model=ScenarioRecord,
    dependencies=[Depends(require_token)],
)
def api_replace(request: Request, sid: IdP, doc: ScenarioIn, ds: DatasetDep) -> dict[str, Any]:
    s = Scenario.from_dict(doc.model_dump())
    s.parliament(ds)
    store = _store(request)
    store.replace_scenario(sid, s)
    return _record(store, sid)


@router.delete(
    "/api/scenarios/{sid}",
    summary="Delete a saved scenario (needs the token)",
    tags=["scenarios"],
    status_code=204,
    response_class=Response,
    dependencies=[Depends(require_token)],
)
def api_delete(request: Request, sid: IdP) -> Response:
    _store(request).delete_scenario(sid)
    return Response(status_code=204)


# ---------------------------------------------------------------------- pages
@router.get(
    "/s/{sid}", response_class=HTMLResponse, summary="A saved scenario (page)", tags=["pages"]
)
def scenario_page(request: Request, sid: IdP, ds: DatasetDep, lang: LangQ = None) -> HTMLResponse:
    rec = _record(_store(request), sid)
    s = Scenario.from_dict(rec["scenario"])
    return coalition_page(request, ds, s, lang, {"saved": rec, "base": s.base(ds)})


@router.post(
    "/s",
    summary="Save the coalition builder's view as a scenario (form; needs the token)",
    tags=["pages"],
)
def scenario_form(
    request: Request,
    ds: DatasetDep,
    title: Annotated[str, Form(max_length=LIMITS["title"])],
    token: Annotated[str, Form(max_length=200)] = "",
    state: Annotated[str, Form(max_length=20_000)] = "",
    lang: Annotated[str, Form(max_length=5)] = "",
) -> RedirectResponse:
    check_token(request, settings_of(request).token, token)
    try:
        q = parse_qs(state, keep_blank_values=False, max_num_fields=4 * LIMITS["entries"])
    except ValueError:
        raise TooLargeError(f"at most {4 * LIMITS['entries']:,} fields in a scenario") from None

    def one(k: str) -> str | None:
        values = q.get(k)
        return values[0] if values else None

    s = scenario_from_query(
        one("date"),
        one("election"),
        q.get("party", []),
        one("union"),
        one("quota"),
        q.get("seats", []),
        q.get("join", []),
        q.get("leave", []),
        title=title,
    )
    s.parliament(ds)
    sid = _store(request).save_scenario(s)
    return RedirectResponse(f"/s/{sid}" + ("?lang=ar" if lang == "ar" else ""), status_code=303)
