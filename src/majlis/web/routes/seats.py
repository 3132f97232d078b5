"""Seats from votes (``/seats``): a law or method applied to official or typed votes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from majlis.web.render import render
from majlis.web.routes._deps import DatasetDep, LangQ

router = APIRouter()


@router.get(
    "/seats", response_class=HTMLResponse, summary="Seats from votes (page)", tags=["pages"]
)
def seats_page(request: Request, ds: DatasetDep, lang: LangQ = None) -> HTMLResponse:
    return render(request, "pages/pending.html", None, {"ds": ds, "key": "seats"})
