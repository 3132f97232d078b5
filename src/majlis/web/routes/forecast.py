"""Forecasts (``/forecast``, ``/api/forecast``): Monte Carlo from vote estimates to seats and
majorities, run off the request thread with its progress shown.

The state is in the URL (election, estimates ``list:share`` in percent, draws, seed, error
sizes), so a forecast can be shared: with its seed it gives the same numbers again. The work
is :func:`majlis.forecast.run_forecast`, the call behind ``majlis forecast``; a web request
may ask for at most :data:`MAX_WEB_DRAWS` draws.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from majlis.errors import TooLargeError, ValidationError
from majlis.model import Dataset
from majlis.viz import histogram_svg
from majlis.web.jobs import Job, check_web_limit, job_key, job_response, jobs_of
from majlis.web.render import render
from majlis.web.routes._deps import DatasetDep, LangQ, SeedQ
from majlis.web.security import MAX_BODY_BYTES

router = APIRouter()

#: Most draws one web request may ask for (the command line allows far more).
MAX_WEB_DRAWS = 200_000
#: Draws of a forecast when the URL does not say.
DEFAULT_DRAWS = 20_000

ElectionQ = Annotated[
    str | None, Query(max_length=40, description="Base election (default: the latest).")
]
EstimatesQ = Annotated[
    str | None,
    Query(
        max_length=20_000,
        description="Vote estimates 'list:share' in percent, comma separated, e.g. sol:12,kdp:9.",
    ),
]
DrawsQ = Annotated[
    int | None, Query(ge=1, description=f"Simulated elections (at most {MAX_WEB_DRAWS:,}).")
]
ErrorQ = Annotated[float | None, Query(ge=0, le=3, description="Log-share standard deviation.")]
JobQ = Annotated[
    str | None, Query(max_length=32, description="A forecast started from an uploaded file.")
]


def _estimates(text: str) -> list[dict[str, Any]]:
    out = []
    for part in text.replace("\n", ",").split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, share = part.rpartition(":")
        if not sep or not name.strip():
            raise ValidationError(f"estimates must look like 'sol:12,kdp:9', got {part!r}")
        try:
            value = float(share)
        except ValueError:
            raise ValidationError(f"share {share!r} of {name.strip()!r} is not a number") from None
        out.append({"list": name.strip(), "share": value})
    return out


def _start(request: Request, ds: Dataset, inputs: Any, what: Any, draws: int, seed: int) -> Job:
    """The job computing ``inputs`` (described by ``what``, which names the job) with ``draws``."""
    from majlis.forecast import run_forecast

    check_web_limit(draws, MAX_WEB_DRAWS, "draws per web forecast")
    return jobs_of(request).submit(
        job_key(ds.country, ds.name, what, draws, seed),
        lambda progress, stop: run_forecast(
            inputs, draws, seed, progress=progress, should_stop=stop
        ),
    )


def _typed(
    ds: Dataset,
    election: str | None,
    estimates: str | None,
    national_error: float | None,
    district_error: float | None,
) -> tuple[Any, Any]:
    """The forecast input of typed parameters, and what names it."""
    from majlis.forecast import parse_input

    doc = {"estimates": _estimates(estimates)} if estimates else {}
    options: dict[str, Any] = {
        "election": election or None,
        "national_error": national_error,
        "district_error": district_error,
    }
    inputs = parse_input(
        doc,
        ds,
        election=election or None,
        national_error=national_error,
        district_error=district_error,
    )
    return inputs, [doc, options]


def _page(request: Request, ds: Dataset, params: dict[str, Any], job: Job | None) -> HTMLResponse:
    charts: dict[str, str] = {}
    result = job.result if job is not None and job.status == "done" else None
    if result is not None:
        marks = (result.majority, result.quorum)
        for d in (*result.blocs, *result.coalitions):
            charts[d.id] = histogram_svg(d.hist, marks=marks, title=d.name)
    context = {
        "ds": ds,
        "p": params,
        "job": job,
        "result": result,
        "charts": charts,
        "elections": ds.elections,
        "max_draws": MAX_WEB_DRAWS,
    }
    return render(request, "pages/forecast.html", "partials/forecast.html", context)


@router.get("/forecast", response_class=HTMLResponse, summary="Forecast (page)", tags=["pages"])
def forecast_page(
    request: Request,
    ds: DatasetDep,
    election: ElectionQ = None,
    estimates: EstimatesQ = None,
    draws: DrawsQ = None,
    seed: SeedQ = None,
    national_error: ErrorQ = None,
    district_error: ErrorQ = None,
    job: JobQ = None,
    lang: LangQ = None,
) -> HTMLResponse:
    n_draws = draws or DEFAULT_DRAWS
    the_seed = 1 if seed is None else seed
    params: dict[str, Any] = {
        "election": election or "",
        "estimates": estimates or "",
        "draws": n_draws,
        "seed": the_seed,
        "national_error": "" if national_error is None else national_error,
        "district_error": "" if district_error is None else district_error,
    }
    found: Job | None = None
    if job:
        found = jobs_of(request).get(job)
        if found is None:
            raise ValidationError(
                f"no forecast {job!r} (forecasts from files are kept for a while only)"
            )
    elif any(
        v is not None for v in (election, estimates, draws, seed, national_error, district_error)
    ):
        inputs, what = _typed(ds, election, estimates, national_error, district_error)
        found = _start(request, ds, inputs, what, n_draws, the_seed)
    return _page(request, ds, params, found)


@router.post("/forecast", summary="Forecast from an uploaded estimates file (page)", tags=["pages"])
async def forecast_upload(
    request: Request,
    ds: DatasetDep,
    file: Annotated[
        UploadFile,
        File(description="A majlis-forecast/1 JSON document or a CSV list,share[,district,se]."),
    ],
    draws: Annotated[int, Form(ge=1)] = DEFAULT_DRAWS,
    seed: Annotated[int, Form(ge=0, le=2**63 - 1)] = 1,
    lang: Annotated[str, Form(max_length=5)] = "",
) -> RedirectResponse:
    from majlis.forecast import read_input

    raw = await file.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        raise TooLargeError(f"an estimates file is at most {MAX_BODY_BYTES:,} bytes")
    name = file.filename or "estimates.csv"
    suffix = ".json" if name.lower().endswith(".json") else ".csv"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"estimates{suffix}"
        path.write_bytes(raw)
        inputs = read_input(path, ds)
    job = _start(request, ds, inputs, hashlib.sha256(raw).hexdigest(), draws, seed)
    suffix = "&lang=ar" if lang == "ar" else ""
    return RedirectResponse(f"/forecast?job={job.key}{suffix}", status_code=303)


@router.get(
    "/api/forecast",
    summary="A forecast (JSON): 202 with progress while it runs, 200 with the `majlis forecast --json` document",
    tags=["api"],
)
def api_forecast(
    request: Request,
    ds: DatasetDep,
    election: ElectionQ = None,
    estimates: EstimatesQ = None,
    draws: DrawsQ = None,
    seed: SeedQ = None,
    national_error: ErrorQ = None,
    district_error: ErrorQ = None,
) -> JSONResponse:
    inputs, what = _typed(ds, election, estimates, national_error, district_error)
    job = _start(request, ds, inputs, what, draws or DEFAULT_DRAWS, 1 if seed is None else seed)
    return job_response(job)
