"""Routes of the web app. Thin: each handler calls the library and renders or returns its data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from majlis.data.store import open_dataset
from majlis.errors import MajlisError, StoreUnavailableError, TooLargeError
from majlis.model import Dataset, Parliament, parse_date
from majlis.viz import parliament_svg

HERE = Path(__file__).parent


def house_view(p: Parliament) -> dict[str, Any]:
    """Everything the house page shows: the composition document plus its hemicycle."""
    doc = p.to_dict()
    doc["svg"] = parliament_svg(p)
    doc["colours"] = {pid: p.party(pid).colour for pid in p.seats}
    return doc


def create_app(dataset: str = "iraq") -> FastAPI:
    """The FastAPI application for one dataset (default: the built-in Iraq data)."""
    app = FastAPI(
        title="majlis",
        version="0.1.0",
        description="Parliaments, seats, voting power and coalitions: the house at any date.",
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(MajlisError)
    async def user_error(request: Request, exc: MajlisError) -> JSONResponse:
        status = 422 if isinstance(exc, TooLargeError) else 400
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(StoreUnavailableError)
    async def store_down(request: Request, exc: StoreUnavailableError) -> JSONResponse:
        return JSONResponse({"detail": f"the store is unavailable: {exc}"}, status_code=503)

    def parliament(ds: Dataset, election: str | None, date: str | None) -> Parliament:
        # no election and no date: the dataset's own rule for "the house now"
        return ds.parliament(election=election or None, date=parse_date(date) if date else None)

    @app.get("/", response_class=HTMLResponse, summary="The house at a chosen date (HTML page)")
    def index(
        request: Request,
        date: str | None = Query(None, description="YYYY-MM-DD"),
        election: str | None = Query(None, description="Election id or year"),
    ) -> HTMLResponse:
        ds = open_dataset(dataset)
        context: dict[str, Any] = {
            "dataset": ds,
            "date": date or "",
            "election": election or "",
            "error": None,
            "elections": ds.elections,
        }
        status = 200
        try:
            p = parliament(ds, election, date)
            context["house"] = house_view(p)
            context["date"] = p.date.isoformat() if not election else ""
        except MajlisError as exc:
            context["error"] = str(exc)
            context["house"] = None
            status = 400
        return templates.TemplateResponse(request, "index.html", context, status_code=status)

    @app.get("/api/parliament", summary="Composition of the house (JSON)")
    def api_parliament(
        date: str | None = Query(None, description="YYYY-MM-DD"),
        election: str | None = Query(None, description="Election id or year"),
    ) -> dict[str, Any]:
        return parliament(open_dataset(dataset), election, date).to_dict()

    @app.get("/api/timeline", summary="Dated events (JSON)")
    def api_timeline() -> dict[str, Any]:
        ds = open_dataset(dataset)
        return {"events": [ev.to_dict() for ev in ds.timeline()]}

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
