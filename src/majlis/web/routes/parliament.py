"""The parliament page (``/``): the house at any date; ``/api/parliament`` and ``/api/timeline``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from majlis.model import EVENT_CATEGORIES, Dataset, parse_date
from majlis.web.i18n import Translator
from majlis.web.render import fragment, render
from majlis.web.routes._deps import PURE, DatasetDep, DateQ, ElectionQ, LangQ
from majlis.web.views import (
    house_svg,
    parliament_at,
    per_dataset,
    record_names,
    seating,
    seating_basis,
    slider_dates,
)

router = APIRouter()


@router.get(
    "/",
    dependencies=PURE,
    response_class=HTMLResponse,
    summary="The house at a date (page)",
    tags=["pages"],
)
def parliament_page(
    request: Request,
    ds: DatasetDep,
    date: DateQ = None,
    election: ElectionQ = None,
    lang: LangQ = None,
) -> HTMLResponse:
    t = Translator(lang)
    parl = parliament_at(ds, election, date)
    day = parl.date.isoformat()

    def drawn(d: Dataset) -> str:
        seats = seating(parl, t.lang)
        return fragment(
            "partials/house_view.html",
            t.lang,
            {
                "ds": d,
                "house": parl.to_dict(),
                "seats": seats,
                "svg": house_svg(parl, t, seats),
                "basis": seating_basis(d),
                "changed_by": parl.events[-1] if parl.events else None,
                "today_events": d.timeline(parl.date, parl.date),
                "names": record_names(d, t.lang),
            },
        )

    # the house of one day is the same for every request: drawn once per (day, language)
    view = per_dataset(ds, f"house-{parl.election.id}-{day}-{t.lang}", drawn)
    dates = per_dataset(ds, "slider", slider_dates)
    index = max((i for i, d in enumerate(dates) if d <= day), default=0)
    context = {
        "ds": ds,
        "house_view": view,
        "dates": dates,
        "index": index,
        "date": day,
        "election": election or "",
        "elections": ds.elections,
    }
    return render(request, "pages/parliament.html", "partials/house.html", context)


@router.get(
    "/api/parliament", dependencies=PURE, summary="Composition of the house (JSON)", tags=["api"]
)
def api_parliament(
    ds: DatasetDep, date: DateQ = None, election: ElectionQ = None
) -> dict[str, Any]:
    """The same document as ``majlis parliament --json``: parties, alliances, thresholds, events."""
    parl = parliament_at(ds, election, date)
    return per_dataset(ds, f"doc-{parl.election.id}-{parl.date}", lambda d: parl.to_dict())


@router.get("/api/timeline", dependencies=PURE, summary="Dated events (JSON)", tags=["api"])
def api_timeline(
    ds: DatasetDep,
    start: Annotated[
        str | None, Query(alias="from", max_length=10, description="First date (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, Query(alias="to", max_length=10, description="Last date (YYYY-MM-DD).")
    ] = None,
    category: Annotated[
        str | None,
        Query(
            max_length=40,
            description="Only this kind of event: " + ", ".join(EVENT_CATEGORIES) + ".",
        ),
    ] = None,
) -> dict[str, Any]:
    """The same document as ``majlis timeline --json``."""
    from majlis.errors import ValidationError

    if category is not None and category not in EVENT_CATEGORIES:
        raise ValidationError(
            f"unknown category {category!r} (one of {', '.join(EVENT_CATEGORIES)})"
        )
    events = ds.timeline(
        parse_date(start) if start else None, parse_date(end) if end else None, category
    )
    return {"events": [ev.to_dict() for ev in events]}
