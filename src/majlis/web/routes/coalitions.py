"""The coalition builder (``/coalitions``), its JSON twin ``/api/coalitions``, and what the
coalition theories predict for the house (``/api/theories``, the ``majlis coalitions --json``
document; the page shows the first :data:`THEORY_SHOWN` of the ``theory`` chosen).

The page's whole state is in its URL: the house (``date`` or ``election``), the coalition
(``party``, repeated), the a priori union (``union``), the quota examined (``quota``) and any
what-if changes (``seats=party:n``, ``join=alliance:member``, ``leave=alliance:member``), so a
view can be shared as a link or saved as a scenario (:mod:`majlis.web.routes.scenarios`).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from majlis.data.scenarios import Scenario
from majlis.errors import ValidationError
from majlis.formation import THEORIES
from majlis.games import POWER_INDICES
from majlis.limits import MAX_PLAYERS, check_limit
from majlis.web.i18n import Translator
from majlis.web.render import render
from majlis.web.routes._deps import PURE, DatasetDep, DateQ, ElectionQ, LangQ
from majlis.web.views import (
    coalition_view,
    house_svg,
    record_names,
    seating,
    theory_predictions,
)

router = APIRouter()

MAX_LIST = 500
#: Most coalitions a web request may ask a theory for (the command line can list them all).
MAX_WEB_TOP = 100
#: Coalitions of the chosen theory shown on the page.
THEORY_SHOWN = 5
#: The theory the page shows when the URL does not say.
DEFAULT_THEORY = "model"

TheoryQ = Annotated[
    str | None,
    Query(max_length=40, description="A coalition theory: " + ", ".join(THEORIES) + "."),
]

PartyQ = Annotated[
    list[str],
    Query(description="A party (or alliance) in the coalition; repeat it.", max_length=MAX_LIST),
]
UnionQ = Annotated[
    str | None,
    Query(
        description="An alliance treated as an a priori union (Owen, Banzhaf–Owen), e.g. cf.",
        max_length=100,
    ),
]
QuotaQ = Annotated[
    str | None,
    Query(description="The quota examined: 'majority' (default) or 'two_thirds'.", max_length=20),
]
SeatsQ = Annotated[
    list[str],
    Query(
        description="What-if: give a party this many seats, 'party:n'; repeat it.",
        max_length=MAX_LIST,
    ),
]
JoinQ = Annotated[
    list[str],
    Query(
        description="What-if: 'alliance:member' joins the alliance that day; repeat it.",
        max_length=MAX_LIST,
    ),
]
LeaveQ = Annotated[
    list[str],
    Query(
        description="What-if: 'alliance:member' leaves the alliance that day; repeat it.",
        max_length=MAX_LIST,
    ),
]


def scenario_from_query(
    date: str | None,
    election: str | None,
    party: list[str],
    union: str | None,
    quota: str | None,
    seats: list[str],
    join: list[str],
    leave: list[str],
    title: str = "coalition",
) -> Scenario:
    """The scenario a coalition URL describes (validated by :meth:`Scenario.from_dict`)."""
    changed: dict[str, str] = {}
    for item in seats:
        name, sep, n = item.rpartition(":")
        if not sep or not name:
            raise ValidationError(f"seats must look like 'party:12', got {item!r}")
        changed[name] = n
    if quota not in (None, "", "majority", "two_thirds"):
        raise ValidationError(f"quota must be 'majority' or 'two_thirds', got {quota!r}")
    return Scenario.from_dict(
        {
            "title": title,
            "date": date or None,
            "election": election or None,
            "coalition": [p for p in party if p],
            "union": union or None,
            "seats": changed,
            "join": join,
            "leave": leave,
            "votes": {"quota": quota} if quota else {},
        }
    )


def scenario_query(s: Scenario) -> list[tuple[str, str]]:
    """The query parameters of the coalition page showing scenario ``s``."""
    items: list[tuple[str, str]] = []
    if s.date:
        items.append(("date", s.date))
    if s.election:
        items.append(("election", s.election))
    items += [("party", p) for p in s.coalition]
    if s.union:
        items.append(("union", s.union))
    if s.votes.get("quota"):
        items.append(("quota", str(s.votes["quota"])))
    items += [("seats", f"{p}:{n}") for p, n in s.seats.items()]
    items += [("join", f"{a}:{m}") for a, m in s.join]
    items += [("leave", f"{a}:{m}") for a, m in s.leave]
    return items


def coalition_page(
    request: Request,
    ds: Any,
    scenario: Scenario,
    lang: str | None,
    extra: dict[str, Any] | None = None,
    theory: str | None = None,
) -> HTMLResponse:
    """Render the coalition builder for ``scenario`` (also used by ``/s/<id>``)."""
    t = Translator(lang)
    house = scenario.parliament(ds)
    theory = theory or DEFAULT_THEORY
    view = coalition_view(house, scenario)
    seats = seating(house, t.lang, first=view.members)
    context = {
        "ds": ds,
        "house": house.to_dict(),
        "parl": house,
        "view": view,
        "seats": seats,
        "svg": house_svg(house, t, seats, selected=view.members),
        "names": record_names(house.dataset, t.lang),
        "scenario": scenario,
        "elections": ds.elections,
        "alliances": house.alliances(),
        "state": urlencode(scenario_query(scenario)),
        "theory": THEORIES.get(theory),
        "theories": THEORIES,
        "predictions": theory_predictions(house, theory, THEORY_SHOWN),
        **(extra or {}),
    }
    return render(request, "pages/coalitions.html", "partials/coalition.html", context)


@router.get(
    "/coalitions",
    dependencies=PURE,
    response_class=HTMLResponse,
    summary="Coalition builder (page)",
    tags=["pages"],
)
def coalitions_page(
    request: Request,
    ds: DatasetDep,
    date: DateQ = None,
    election: ElectionQ = None,
    party: PartyQ = [],  # noqa: B006 - FastAPI copies defaults
    union: UnionQ = None,
    quota: QuotaQ = None,
    seats: SeatsQ = [],  # noqa: B006
    join: JoinQ = [],  # noqa: B006
    leave: LeaveQ = [],  # noqa: B006
    theory: TheoryQ = None,
    lang: LangQ = None,
) -> HTMLResponse:
    s = scenario_from_query(date, election, party, union, quota, seats, join, leave)
    return coalition_page(request, ds, s, lang, theory=theory)


@router.get(
    "/api/theories",
    dependencies=PURE,
    summary="A coalition theory's ranked governments for the house at a date (JSON, the "
    "`majlis coalitions --json` document)",
    tags=["api"],
)
def api_theories(
    ds: DatasetDep,
    date: DateQ = None,
    election: ElectionQ = None,
    theory: TheoryQ = None,
    top: Annotated[
        int,
        Query(ge=1, description=f"The first K coalitions (at most {MAX_WEB_TOP})."),
    ] = 10,
    units: Annotated[
        str, Query(max_length=10, description="Actors: 'bloc' (blocs as one) or 'party'.")
    ] = "bloc",
) -> dict[str, Any]:
    """Theory ``minimal-winning`` by default, like ``majlis coalitions``."""
    check_limit(top, MAX_WEB_TOP, "coalitions per web request (top)")
    house = ds.parliament(election=election or None, date=date or None)
    return theory_predictions(house, theory or "minimal-winning", top, units)


@router.get(
    "/api/coalitions",
    dependencies=PURE,
    summary="A coalition: seats, thresholds, power, minimal winning coalitions (JSON)",
    tags=["api"],
)
def api_coalitions(
    ds: DatasetDep,
    date: DateQ = None,
    election: ElectionQ = None,
    party: PartyQ = [],  # noqa: B006
    union: UnionQ = None,
    quota: QuotaQ = None,
    seats: SeatsQ = [],  # noqa: B006
    join: JoinQ = [],  # noqa: B006
    leave: LeaveQ = [],  # noqa: B006
) -> dict[str, Any]:
    """The coalition builder's numbers: exact fractions as ``"p/q"`` strings."""
    s = scenario_from_query(date, election, party, union, quota, seats, join, leave)
    house = s.parliament(ds)
    return coalition_view(house, s).to_dict()


@router.get(
    "/api/power",
    dependencies=PURE,
    summary="Exact voting power (JSON, the `majlis power --json` document)",
    tags=["api"],
)
def api_power(
    ds: DatasetDep,
    date: DateQ = None,
    election: ElectionQ = None,
    alliance: Annotated[
        str,
        Query(
            max_length=100, description="Alliance analysed as an a priori union (parliament mode)."
        ),
    ] = "cf",
    weight: Annotated[
        list[int],
        Query(
            max_length=MAX_PLAYERS,
            description="Weights of a game, one per player (repeat); with quota.",
        ),
    ] = [],  # noqa: B006
    quota: Annotated[list[int], Query(max_length=1, description="The game's quota.")] = [],  # noqa: B006
    index: Annotated[
        str,
        Query(max_length=40, description="Index id (game mode): " + ", ".join(POWER_INDICES) + "."),
    ] = "banzhaf",
    union: Annotated[
        list[str],
        Query(
            max_length=MAX_PLAYERS,
            description="An a priori union '0,2' (game mode; owen, banzhaf-owen); repeat.",
        ),
    ] = [],  # noqa: B006
    blocking: Annotated[bool, Query(description="Analyse the blocking (dual) game.")] = False,
) -> dict[str, Any]:
    """Parliament mode (``date``/``election``): Banzhaf and Shapley–Shubik of every party at
    the majority and two-thirds quotas, with the alliance as a union (``power_report``).
    Game mode (``weight``, ``quota``): one index of a weighted game (``index_report``).
    """
    from majlis.games import Game, WeightedGame, blocking_game, index_report, power_report

    if weight:
        if date or election:
            raise ValidationError("give either weights and a quota, or a date/election, not both")
        if not quota:
            raise ValidationError("give the quota with the weights")
        check_limit(len(weight), MAX_PLAYERS, "players in a game")
        game: Game = WeightedGame(weight, quota[0])
        if blocking:
            game = blocking_game(game)
        unions = [[p.strip() for p in u.split(",") if p.strip()] for u in union]
        if any(not u for u in unions):
            raise ValidationError("a union needs player indices, e.g. union=0,2")
        return index_report(game, index, unions or None).to_dict()
    if quota or union or blocking:
        raise ValidationError("quota, union and blocking go with weights (game mode)")
    house = ds.parliament(election=election or None, date=date or None)
    return power_report(house, alliance_id=alliance).to_dict()
