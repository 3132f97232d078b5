"""The web app's wiring: :func:`create_app` builds the FastAPI application.

Pages and their JSON APIs live in :mod:`majlis.web.routes` (one module per page); templates
in ``templates/`` (``base.html``, ``pages/``, ``partials/``); static files, htmx and Swagger
UI included, in ``static/`` (nothing is fetched from the network at run time).

Errors: a :class:`~majlis.errors.MajlisError` becomes a 4xx with its message (422 for
:class:`~majlis.errors.TooLargeError`, else 400), an unreachable store
(:class:`~majlis.errors.StoreUnavailableError`) a 503; an API path answers JSON
``{"detail": message}``, a page answers an HTML page with the message.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import HTTPException
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from majlis.errors import MajlisError, StoreUnavailableError, TooLargeError
from majlis.web.cache import DatasetSource, ResponseCache
from majlis.web.jobs import BusyError, Jobs
from majlis.web.render import TEMPLATES, render
from majlis.web.routes import ROUTERS
from majlis.web.routes._deps import Settings
from majlis.web.security import BodyLimit, SecurityHeaders

__all__ = ["create_app"]

HERE = Path(__file__).parent


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return (
        path.startswith(("/api/", "/openapi"))
        or "application/json" in request.headers.get("accept", "").split(",")[0]
    )


def _error(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return render(
        request,
        "pages/error.html",
        "partials/error.html",
        {"message": message, "ds": None},
        status_code=status,
    )


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.jobs.shutdown()  # running forecasts stop between chunks


def create_app(
    dataset: str = "iraq", *, token: str | None = None, store_url: str | None = None
) -> FastAPI:
    """The FastAPI application serving ``dataset`` (default: the built-in Iraq data).

    Parameters
    ----------
    dataset : str
        A built-in dataset or one saved in the store.
    token : str, optional
        The token that writes need; default ``$MAJLIS_TOKEN`` (none: writes are refused).
    store_url : str, optional
        The store's database URL; default ``$MAJLIS_DATABASE_URL`` or the SQLite file.
    """
    app = FastAPI(
        title="majlis",
        version="0.1.0",
        description=(
            "Parliaments, seats, voting power and coalitions: the house at any date, the power "
            "of each party, coalitions, seats from votes and saved what-if scenarios. Every "
            "number comes from the same library functions as the `majlis` command line."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.jobs = Jobs()
    app.state.settings = Settings(
        dataset=dataset, store_url=store_url, token=token or os.environ.get("MAJLIS_TOKEN") or None
    )
    app.state.source = DatasetSource(dataset, store_url)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for router in ROUTERS:
        app.include_router(router)

    @app.exception_handler(MajlisError)
    async def user_error(request: Request, exc: MajlisError) -> Response:
        status = (
            422 if isinstance(exc, TooLargeError) else 429 if isinstance(exc, BusyError) else 400
        )
        return _error(request, status, " ".join(str(exc).split()))

    @app.exception_handler(StoreUnavailableError)
    async def store_down(request: Request, exc: StoreUnavailableError) -> Response:
        return _error(request, 503, f"the store is unavailable: {exc}")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> HTMLResponse:
        return TEMPLATES.TemplateResponse(
            request, "docs.html", {"static": lambda p: f"/static/{p}"}
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response((HERE / "static" / "favicon.svg").read_bytes(), media_type="image/svg+xml")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.add_middleware(ResponseCache, source=app.state.source)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    return app
