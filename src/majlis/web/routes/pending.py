"""Pages whose library parts are still being built: the negotiation simulation.

Each has its path (a contract), its place in the navigation and a page saying what will be
there; it is filled in when that part of :mod:`majlis.formation` lands.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from majlis.web.render import render
from majlis.web.routes._deps import DatasetDep, LangQ

router = APIRouter()


def _pending(request: Request, ds: object, key: str) -> HTMLResponse:
    return render(request, "pages/pending.html", None, {"ds": ds, "key": key})


@router.get(
    "/negotiation",
    response_class=HTMLResponse,
    summary="Negotiation simulation (page)",
    tags=["pages"],
)
def negotiation_page(request: Request, ds: DatasetDep, lang: LangQ = None) -> HTMLResponse:
    return _pending(request, ds, "negotiation")
