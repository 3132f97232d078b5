"""Seats from votes (``/seats``) and ``/api/seats``: a law or a method applied to an election's
official votes, or to votes typed or uploaded; results per governorate and flip margins.

Thin: the numbers are :func:`majlis.electoral.seat_report`'s, the call behind ``majlis
seats``; ``/api/seats`` answers its ``to_dict()`` (the ``majlis seats --json`` document).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from majlis.electoral import METHODS, SeatReport, parse_votes, read_votes, seat_report
from majlis.errors import ValidationError
from majlis.limits import MAX_SEATS_MARGINS, check_limit
from majlis.model import Dataset
from majlis.web.render import render, url_with
from majlis.web.routes._deps import PURE, DatasetDep, LangQ
from majlis.web.security import MAX_BODY_BYTES

router = APIRouter()

#: Most seats a web request may ask to allocate (the library's own limit is far larger).
MAX_WEB_SEATS = MAX_SEATS_MARGINS

ElectionQ = Annotated[
    str | None, Query(max_length=40, description="An election of the dataset: its official votes.")
]
LawQ = Annotated[
    str | None,
    Query(max_length=40, description="A law of the dataset (with an election: a counterfactual)."),
]
MethodQ = Annotated[
    str | None, Query(max_length=40, description="A method id: " + ", ".join(METHODS) + ".")
]
SeatsQ = Annotated[
    int | None, Query(ge=1, le=MAX_WEB_SEATS, description="Seats to fill (typed votes).")
]
DivisorQ = Annotated[str | None, Query(max_length=20, description="First divisor (e.g. 1.7).")]
ThresholdQ = Annotated[str | None, Query(max_length=20, description="Threshold share (e.g. 0.05).")]
VotesQ = Annotated[
    str | None, Query(max_length=200_000, description="Votes 'A=1000,B=600' (commas or new lines).")
]
FlipQ = Annotated[bool, Query(description="Also compute flip margins.")]

#: An uploaded file of one district, written as typed votes, up to this many characters
#: becomes a link (``/seats?votes=...``) so its result can be shared like any other view.
MAX_LINK_VOTES = 4_000


def _as_typed(votes: Any) -> str | None:
    """Votes of one district as the ``votes`` parameter (``name=votes`` lines), if they fit a link."""
    if not isinstance(votes, dict) or not all(isinstance(n, int) for n in votes.values()):
        return None
    if any(set(str(k)) & set(",=\n\r") for k in votes):
        return None
    text = "\n".join(f"{k}={n}" for k, n in votes.items())
    return text if len(text) <= MAX_LINK_VOTES else None


def _typed(votes: str) -> dict[str, int]:
    return parse_votes(votes.replace("\r", "").replace("\n", ","), "votes")


def compute(
    ds: Dataset,
    *,
    election: str | None,
    law: str | None,
    method: str | None,
    seats: int | None,
    first_divisor: str | None,
    threshold: str | None,
    votes: Any,
    flip: bool,
) -> SeatReport:
    """The :func:`seat_report` for the page's (or the API's) parameters."""
    if seats is not None:
        check_limit(seats, MAX_WEB_SEATS, "seats per request")
    the_law = ds.law(law) if law else None
    if election and votes:
        raise ValidationError("give votes or an election, not both")
    if election:
        return seat_report(dataset=ds, election=election, law=the_law, flip=flip)
    if not votes:
        raise ValidationError("give votes (one list per line: name=votes), a file, or an election")
    return seat_report(
        votes,
        seats=seats,
        method=None if the_law else (method or None),
        first_divisor=None if the_law else (first_divisor or None),
        threshold=None if the_law else (threshold or None),
        law=the_law,
        flip=flip,
    )


def _from_query(
    ds: Dataset,
    election: str | None,
    law: str | None,
    method: str | None,
    seats: int | None,
    first_divisor: str | None,
    threshold: str | None,
    votes: str | None,
    flip: bool,
) -> SeatReport:
    """:func:`compute` for the query parameters of ``/seats`` and ``/api/seats`` (votes typed)."""
    return compute(
        ds,
        election=election,
        law=law,
        method=method,
        seats=seats,
        first_divisor=first_divisor,
        threshold=threshold,
        votes=_typed(votes) if votes else None,
        flip=flip,
    )


def _page(
    request: Request, ds: Dataset, params: dict[str, Any], report: SeatReport | None
) -> HTMLResponse:
    context = {
        "ds": ds,
        "p": params,
        "report": report,
        "methods": list(METHODS.values()),
        "laws": ds.laws,
        "elections": ds.elections,
        "names": {**{p.name: p for p in ds.parties}, **{p.id: p for p in ds.parties}},
    }
    return render(request, "pages/seats.html", "partials/seats.html", context)


@router.get(
    "/seats",
    dependencies=PURE,
    response_class=HTMLResponse,
    summary="Seats from votes (page)",
    tags=["pages"],
)
def seats_page(
    request: Request,
    ds: DatasetDep,
    election: ElectionQ = None,
    law: LawQ = None,
    method: MethodQ = None,
    seats: SeatsQ = None,
    first_divisor: DivisorQ = None,
    threshold: ThresholdQ = None,
    votes: VotesQ = None,
    flip: FlipQ = False,
    lang: LangQ = None,
) -> HTMLResponse:
    params = {
        "election": election or "",
        "law": law or "",
        "method": method or "",
        "seats": seats or "",
        "first_divisor": first_divisor or "",
        "threshold": threshold or "",
        "votes": votes or "",
        "flip": flip,
    }
    report = None
    if election or votes:
        report = _from_query(
            ds, election, law, method, seats, first_divisor, threshold, votes, flip
        )
    return _page(request, ds, params, report)


@router.post(
    "/seats",
    response_class=HTMLResponse,
    summary="Seats from an uploaded votes file (page)",
    tags=["pages"],
)
async def seats_upload(
    request: Request,
    ds: DatasetDep,
    file: Annotated[UploadFile, File(description="CSV rows list,votes[,district] or JSON.")],
    law: Annotated[str, Form(max_length=40)] = "",
    method: Annotated[str, Form(max_length=40)] = "",
    seats: Annotated[int | None, Form(ge=1, le=MAX_WEB_SEATS)] = None,
    first_divisor: Annotated[str, Form(max_length=20)] = "",
    threshold: Annotated[str, Form(max_length=20)] = "",
    flip: Annotated[bool, Form()] = False,
) -> Response:
    raw = await file.read(MAX_BODY_BYTES + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("the votes file is not UTF-8 text") from None
    fmt = (
        "json"
        if (file.filename or "").lower().endswith(".json") or text.lstrip()[:1] in "{["
        else "csv"
    )
    votes: Any = read_votes(text, format=fmt)
    if list(votes) == [""]:
        votes = votes[""]
    typed = _as_typed(votes)
    if typed is not None:  # one district: the same view as typing it, with its state in the URL
        _typed(typed)  # refused here, with its message, rather than after the redirect
        link = url_with(
            request,
            "/seats",
            votes=typed,
            law=law,
            method=method,
            seats=seats,
            first_divisor=first_divisor,
            threshold=threshold,
            flip="true" if flip else None,
        )
        return RedirectResponse(link, status_code=303)
    params = {
        "election": "",
        "law": law,
        "method": method,
        "seats": seats or "",
        "first_divisor": first_divisor,
        "threshold": threshold,
        "votes": "",
        "flip": flip,
        "file": file.filename or "",
    }
    report = compute(
        ds,
        election=None,
        law=law or None,
        method=method or None,
        seats=seats,
        first_divisor=first_divisor or None,
        threshold=threshold or None,
        votes=votes,
        flip=flip,
    )
    return _page(request, ds, params, report)


@router.get(
    "/api/seats",
    dependencies=PURE,
    summary="Seats from votes (JSON, the `majlis seats --json` document)",
    tags=["api"],
)
def api_seats(
    ds: DatasetDep,
    election: ElectionQ = None,
    law: LawQ = None,
    method: MethodQ = None,
    seats: SeatsQ = None,
    first_divisor: DivisorQ = None,
    threshold: ThresholdQ = None,
    votes: VotesQ = None,
    flip: FlipQ = False,
) -> dict[str, Any]:
    report = _from_query(ds, election, law, method, seats, first_divisor, threshold, votes, flip)
    return report.to_dict()
