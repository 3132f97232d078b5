"""Portfolio allocation: who gets which cabinet posts, by rule, in exact arithmetic.

Four registered rules (plain functions with string ids, :data:`PORTFOLIO_RULES`), each taking the
coalition's seats and the list of posts to share:

``proportional``
    Gamson's law (Gamson 1961): each party's share of the posts equals its share of the
    coalition's seats. Integer posts by largest remainder (Hamilton), one post at a time to the
    party with the largest remaining entitlement ``quota - held``.
``dhondt``
    Sequential choice by a divisor rule (O'Leary, Grofman & Elklit 2005), as in Northern
    Ireland's executive and Danish municipal committees: the party with the highest quotient
    ``seats / d(k)`` (``k`` posts already held; D'Hondt ``d(k) = k + 1`` by default) picks the
    most valuable post still free. Without party-specific preferences every party ranks posts
    by weight, then in the order given.
``weighted``
    Gamson's law on weighted posts: the heaviest post first, each to the party furthest below
    its seat share of the total weight (weights from :data:`WEIGHT_SCHEMES` or given).
``points``
    Iraq's customary points system (*nuqat*): seats buy points at a fixed rate, each post costs
    points by class (top posts, sovereign ministries, other ministries, ministers of state), and
    the heaviest post goes first to the party with the most points left. Rates and prices from
    press reports of the 2010 and 2022 negotiations (:data:`POINTS_SCHEMES`).

The ethno-sectarian convention for the three top posts (a Shia prime minister, a Kurdish
president, a Sunni speaker of parliament) is an optional rule (``top_posts=True``): a top post
then goes only to a party of that component. Posts are awarded one at a time; every tie is
broken by more seats, then by the party id in alphabetical order.

Examples
--------
>>> a = allocate("proportional", {"a": 60, "b": 30, "c": 10}, 10)
>>> a.counts()
{'a': 6, 'b': 3, 'c': 1}
>>> allocate("dhondt", {"a": 50, "b": 30, "c": 20}, ["PM", "Finance", "Health"]).holders()
{'PM': 'a', 'Finance': 'b', 'Health': 'a'}

References
----------
Gamson, W. A. (1961). A theory of coalition formation. *American Sociological Review* 26(3): 373–382.
O'Leary, B., Grofman, B. & Elklit, J. (2005). Divisor methods for sequential portfolio
allocation in multi-party executive bodies: evidence from Northern Ireland and Denmark.
*American Journal of Political Science* 49(1): 198–211.
Warwick, P. V. & Druckman, J. N. (2006). The portfolio allocation paradox. *European Journal of
Political Research* 45(4): 635–665.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from majlis.electoral import divisor_rule
from majlis.errors import UnknownMethodError, ValidationError
from majlis.limits import check_limit
from majlis.model import Dataset, Parliament, parse_date

__all__ = [
    "MAX_PARTIES",
    "MAX_POSTS",
    "POINTS_SCHEMES",
    "PORTFOLIO_RULES",
    "TOP_POSTS",
    "WEIGHT_SCHEMES",
    "Allocation",
    "Award",
    "CabinetHolders",
    "PointsScheme",
    "PortfolioReport",
    "Post",
    "PostWeights",
    "allocate",
    "cabinet_holders",
    "coalition_seats",
    "components",
    "dhondt",
    "points",
    "portfolio_report",
    "portfolio_rule",
    "proportional",
    "top_posts_list",
    "weighted",
]

#: Documented limits: allocations are O(posts x parties) and refuse larger inputs.
MAX_PARTIES = 500
MAX_POSTS = 2_000

#: The three top posts of Iraq's ethno-sectarian convention (muhasasa) and their component.
TOP_POSTS: dict[str, str] = {
    "Prime Minister": "shia",
    "President of the Republic": "kurdish",
    "Speaker of the Council of Representatives": "sunni",
}

_CLASSES = ("top", "sovereign", "ministry", "state")


@dataclass(frozen=True, slots=True)
class Post:
    """A post to share: its name, class and weight, and the component it is reserved for.

    ``cls`` is ``"top"`` (prime minister, president, speaker), ``"sovereign"`` (the sovereign
    ministries), ``"ministry"`` or ``"state"`` (minister of state). ``component`` is a party
    family (``"shia"``...) the post is reserved for, or empty; it binds only under the top-posts
    rule. ``weight`` orders the posts and values them (1 unless a scheme says otherwise).
    """

    name: str
    cls: str = "ministry"
    weight: Fraction = Fraction(1)
    component: str = ""

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise ValidationError("a post needs a name")
        if self.cls not in _CLASSES:
            raise ValidationError(
                f"post {self.name!r}: unknown class {self.cls!r} (expected one of {', '.join(_CLASSES)})"
            )
        if not isinstance(self.weight, Fraction):
            object.__setattr__(self, "weight", Fraction(self.weight))
        if self.weight <= 0:
            raise ValidationError(f"post {self.name!r}: weight must be positive, got {self.weight}")


@dataclass(frozen=True, slots=True)
class Award:
    """One post given to one party (``None``: nobody eligible could take it), in award order."""

    step: int
    post: Post
    party: str | None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (weights as exact ``p/q`` text)."""
        return {
            "step": self.step,
            "post": self.post.name,
            "class": self.post.cls,
            "weight": str(self.post.weight),
            "party": self.party,
            "note": self.note,
        }


@dataclass(frozen=True)
class Allocation:
    """The result of a portfolio rule: every award, the parties' seats and exact entitlements.

    ``entitlement`` is each party's due in weight units (Gamson: seat share x total weight;
    points: the points its seats buy); ``shares`` its exact seat share of the coalition.
    """

    rule: str
    seats: dict[str, int]
    awards: tuple[Award, ...]
    entitlement: dict[str, Fraction]
    params: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def shares(self) -> dict[str, Fraction]:
        """Each party's exact share of the coalition's seats."""
        total = sum(self.seats.values())
        return {p: Fraction(s, total) for p, s in self.seats.items()}

    def counts(self) -> dict[str, int]:
        """Posts won per party (every coalition party, zero included), in seat order."""
        out = dict.fromkeys(self.seats, 0)
        for a in self.awards:
            if a.party is not None:
                out[a.party] += 1
        return out

    def weights(self) -> dict[str, Fraction]:
        """Total weight of the posts won per party."""
        out = dict.fromkeys(self.seats, Fraction(0))
        for a in self.awards:
            if a.party is not None:
                out[a.party] += a.post.weight
        return out

    def holders(self) -> dict[str, str | None]:
        """Post name -> party, in award order."""
        return {a.post.name: a.party for a in self.awards}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document; exact numbers as ``p/q`` text."""
        counts, weights, shares = self.counts(), self.weights(), self.shares
        return {
            "rule": self.rule,
            "params": self.params,
            "parties": [
                {
                    "party": p,
                    "seats": s,
                    "seat_share": str(shares[p]),
                    "entitlement": str(self.entitlement[p]),
                    "posts": counts[p],
                    "weight": str(weights[p]),
                }
                for p, s in self.seats.items()
            ],
            "awards": [a.to_dict() for a in self.awards],
            "notes": list(self.notes),
        }


# ------------------------------------------------------------------ weights and points schemes
@dataclass(frozen=True)
class PostWeights:
    """Weights of posts by class, with the names of the sovereign ministries and the source."""

    id: str
    name: str
    top: Fraction
    sovereign: Fraction
    ministry: Fraction
    state: Fraction
    sovereign_posts: frozenset[str]
    source: str
    notes: str = ""

    def classify(self, name: str, kind: str = "minister") -> str:
        """The class of a post from its name and cabinet-post kind."""
        if name in TOP_POSTS or kind == "prime-minister":
            return "top"
        if kind == "minister-of-state":
            return "state"
        return "sovereign" if name in self.sovereign_posts else "ministry"

    def weight(self, cls: str) -> Fraction:
        """The weight of a class of posts."""
        return {
            "top": self.top,
            "sovereign": self.sovereign,
            "ministry": self.ministry,
            "state": self.state,
        }[cls]


@dataclass(frozen=True)
class PointsScheme:
    """A points system: how many seats buy one point, and what each class of post costs."""

    id: str
    weights: PostWeights
    seats_per_point: Fraction

    @property
    def source(self) -> str:
        return self.weights.source


_SOVEREIGN_2022 = frozenset({"Defence", "Interior", "Foreign Affairs", "Finance", "Oil"})
_SOVEREIGN_2010 = frozenset({"Defence", "Foreign Affairs", "Finance", "Oil"})

#: Weights of posts by class. ``iraq-2022``: 15 MPs buy a sovereign portfolio and 5 MPs an
#: ordinary one (a sovereign post weighs 3); ``iraq-2010``: the second reported version of the
#: 2010 points (top posts 10, sovereign 4, others "2-3", ministers of state 1).
WEIGHT_SCHEMES: dict[str, PostWeights] = {
    "equal": PostWeights(
        "equal",
        "every post weighs 1",
        Fraction(1),
        Fraction(1),
        Fraction(1),
        Fraction(1),
        _SOVEREIGN_2022,
        "Gamson (1961): portfolios counted, not weighted",
    ),
    "iraq-2022": PostWeights(
        "iraq-2022",
        "Iraq 2022: 5 MPs = 1 cabinet seat, 15 MPs = 1 sovereign portfolio",
        Fraction(3),
        Fraction(3),
        Fraction(1),
        Fraction(1),
        _SOVEREIGN_2022,
        "https://www.shafaq.com/en/Iraq-News/CF-leading-figure-unveils-features-of-al-Sudani-s-cabinet "
        "(Shafaq, 17 Oct 2022, a Framework leader: 'five lawmakers to a seat in the cabinet and 15 "
        "lawmakers to a sovereign portfolio') ; sovereign ministries (interior, defence, foreign "
        "affairs, finance, oil): https://shafaq.com/amp/en/Iraq/Iraq-s-new-cabinet-CF-gives-more-powers-to-Al-Sudani-to-choose-the-ministers",
        "The report prices ministries only: the top posts are priced as sovereign posts (assumption); "
        "ministers of state as ordinary ministries (assumption).",
    ),
    "iraq-2010": PostWeights(
        "iraq-2010",
        "Iraq 2010 (second reported version): seats / 2.44 = points; top posts 10, sovereign 4, others 2-3, state 1",
        Fraction(10),
        Fraction(4),
        Fraction(5, 2),
        Fraction(1),
        _SOVEREIGN_2010,
        "https://musingsoniraq.blogspot.com/2010/12/iraqs-lists-arguing-over-points-system.html "
        "(Musings on Iraq, 2 Dec 2010)",
        "Other ministries cost '2-3 points depending upon their importance' without a list: 5/2 is "
        "the midpoint (assumption). The report notes that the lists had not agreed on the system.",
    ),
}

#: Points systems reported for Iraqi cabinet formations (the rate at which seats buy points).
POINTS_SCHEMES: dict[str, PointsScheme] = {
    "iraq-2022": PointsScheme("iraq-2022", WEIGHT_SCHEMES["iraq-2022"], Fraction(5)),
    "iraq-2010": PointsScheme("iraq-2010", WEIGHT_SCHEMES["iraq-2010"], Fraction(244, 100)),
}


# ------------------------------------------------------------------ the registry
@dataclass(frozen=True)
class RuleInfo:
    """A registered portfolio rule: id, human name, the reference, and the function."""

    id: str
    name: str
    reference: str
    function: Callable[..., Allocation] = field(repr=False)


PORTFOLIO_RULES: dict[str, RuleInfo] = {}
"""Every registered portfolio rule by id (the ids the CLI accepts for ``--rule``)."""


def portfolio_rule(
    id: str, *, name: str, reference: str
) -> Callable[[Callable[..., Allocation]], Callable[..., Allocation]]:
    """Register the decorated function under ``id`` and return it unchanged."""

    def deco(fn: Callable[..., Allocation]) -> Callable[..., Allocation]:
        PORTFOLIO_RULES[id] = RuleInfo(id, name, reference, fn)
        return fn

    return deco


def allocate(rule: str, seats: Mapping[str, int], posts: Any, **options: Any) -> Allocation:
    """Run the registered rule ``rule`` (see :data:`PORTFOLIO_RULES`).

    Examples
    --------
    >>> allocate("weighted", {"a": 3, "b": 1}, [Post("Oil", "sovereign", 3), "Health", "Youth"]).holders()
    {'Oil': 'a', 'Health': 'b', 'Youth': 'a'}
    """
    try:
        info = PORTFOLIO_RULES[rule]
    except KeyError:
        raise UnknownMethodError(
            f"unknown portfolio rule {rule!r} (known: {', '.join(PORTFOLIO_RULES)})"
        ) from None
    return info.function(seats, posts, **options)


# ------------------------------------------------------------------ shared machinery
def _check_seats(seats: Mapping[str, int]) -> dict[str, int]:
    if not isinstance(seats, Mapping) or not seats:
        raise ValidationError("give the coalition's parties and their seats")
    check_limit(len(seats), MAX_PARTIES, "parties per allocation")
    out: dict[str, int] = {}
    for p, s in seats.items():
        if isinstance(s, bool) or not isinstance(s, int) or s < 0:
            raise ValidationError(f"party {p!r}: seats must be a whole number >= 0, got {s!r}")
        out[str(p)] = s
    if not any(out.values()):
        raise ValidationError("the coalition holds no seats: there is nothing to share")
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def _check_posts(posts: Any) -> list[Post]:
    if isinstance(posts, bool):
        raise ValidationError(f"posts must be a number or a list of posts, got {posts!r}")
    if isinstance(posts, int):
        if posts < 1:
            raise ValidationError(f"there must be at least one post, got {posts}")
        check_limit(posts, MAX_POSTS, "posts per allocation")
        return [Post(f"post {i + 1}") for i in range(posts)]
    items = list(posts)
    if not items:
        raise ValidationError("there must be at least one post")
    check_limit(len(items), MAX_POSTS, "posts per allocation")
    out = [p if isinstance(p, Post) else Post(str(p)) for p in items]
    names = [p.name for p in out]
    dup = next((n for n in names if names.count(n) > 1), None)
    if dup is not None:
        raise ValidationError(f"post {dup!r} is listed twice")
    return out


def _check_families(
    seats: Mapping[str, int], families: Mapping[str, str] | None, top: bool
) -> dict[str, str]:
    fam = dict(families or {})
    if top:
        missing = [p for p in seats if p not in fam]
        if missing:
            raise ValidationError(
                f"the top-posts rule needs each party's component (family); missing for {missing[0]!r}"
            )
    return fam


def _eligible(post: Post, party: str, families: Mapping[str, str], top: bool) -> bool:
    return not (top and post.component) or families.get(party) == post.component


def _order(posts: Sequence[Post]) -> list[Post]:
    """Heaviest first, then in the order given (a stable sort)."""
    return sorted(posts, key=lambda p: -p.weight)


def _greedy(
    rule: str,
    seats: dict[str, int],
    posts: list[Post],
    entitlement: dict[str, Fraction],
    families: dict[str, str],
    top: bool,
    *,
    afford: bool = False,
) -> tuple[list[Award], list[str]]:
    """Heaviest post first, each to the eligible party with the most entitlement left."""
    left = dict(entitlement)
    awards: list[Award] = []
    notes: list[str] = []
    for step, post in enumerate(_order(posts), start=1):
        cands = [p for p in seats if seats[p] > 0 and _eligible(post, p, families, top)]
        if not cands:
            awards.append(
                Award(step, post, None, f"no coalition party of component {post.component!r}")
            )
            notes.append(f"{post.name}: no coalition party of component {post.component!r}")
            continue
        best = min(cands, key=lambda p: (-left[p], -seats[p], p))
        note = ""
        if afford and left[best] < post.weight:
            note = f"over budget: {left[best]} points left, the post costs {post.weight}"
        left[best] -= post.weight
        awards.append(Award(step, post, best, note))
    return awards, notes


def _params(**kw: Any) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Fraction) else v) for k, v in kw.items()}


# ------------------------------------------------------------------ the rules
@portfolio_rule(
    "proportional",
    name="Proportional (Gamson's law), largest remainder",
    reference="Gamson (1961), American Sociological Review 26(3): 373-382",
)
def proportional(
    seats: Mapping[str, int],
    posts: int | Iterable[Post | str],
    *,
    families: Mapping[str, str] | None = None,
    top_posts: bool = False,
) -> Allocation:
    """Gamson's law: posts in proportion to seats, whole posts by largest remainder.

    Each party's quota is ``n * seats / coalition seats``; posts go one at a time to the
    eligible party with the largest ``quota - held`` (this is Hamilton's largest-remainder
    apportionment), the heaviest post first.

    Parameters
    ----------
    seats : mapping
        Party id -> seats of the coalition's parties.
    posts : int or iterable of Post or str
        How many posts, or the posts themselves (names, or :class:`Post` with class and weight).
    families : mapping, optional
        Party id -> component, needed with ``top_posts``.
    top_posts : bool
        Reserve each top post for its component (Shia PM, Kurdish president, Sunni speaker).

    Examples
    --------
    >>> proportional({"a": 45, "b": 35, "c": 20}, 7).counts()  # quotas 3.15, 2.45, 1.4
    {'a': 3, 'b': 3, 'c': 1}

    References
    ----------
    Gamson, W. A. (1961). A theory of coalition formation. *ASR* 26(3): 373–382.
    """
    s = _check_seats(seats)
    ps = _check_posts(posts)
    fam = _check_families(s, families, top_posts)
    total = sum(s.values())
    n = len(ps)
    ent = {p: Fraction(n * v, total) for p, v in s.items()}
    counted = [replace(p, weight=Fraction(1)) for p in ps]
    # a stable order that keeps the caller's weights for which post is handed out first
    order = {p.name: i for i, p in enumerate(_order(ps))}
    counted.sort(key=lambda p: order[p.name])
    awards, notes = _greedy("proportional", s, counted, ent, fam, top_posts)
    weights = {p.name: p for p in ps}
    awards = [replace(a, post=weights[a.post.name]) for a in awards]
    return Allocation(
        "proportional", s, tuple(awards), ent, _params(top_posts=top_posts), tuple(notes)
    )


@portfolio_rule(
    "dhondt",
    name="Sequential choice by D'Hondt (or another divisor)",
    reference="O'Leary, Grofman & Elklit (2005), American Journal of Political Science 49(1): 198-211",
)
def dhondt(
    seats: Mapping[str, int],
    posts: int | Iterable[Post | str],
    *,
    families: Mapping[str, str] | None = None,
    top_posts: bool = False,
    divisor: str = "dhondt",
) -> Allocation:
    """Sequential portfolio choice: the highest divisor quotient picks the best free post.

    At each step the party with the highest quotient ``seats / d(k)`` (``k`` its posts so far)
    picks the most valuable free post it may take (heaviest, then in the order given). With the
    top-posts rule a party skips the top posts reserved for another component; if it may take
    none of the free posts it passes. The number of posts per party is the divisor method's
    apportionment (without reserved posts).

    Examples
    --------
    >>> a = dhondt({"a": 50, "b": 30, "c": 20}, ["PM", "Finance", "Health", "Youth"])
    >>> [(x.post.name, x.party) for x in a.awards]  # quotients a 50, b 30, a 25, c 20
    [('PM', 'a'), ('Finance', 'b'), ('Health', 'a'), ('Youth', 'c')]

    References
    ----------
    O'Leary, B., Grofman, B. & Elklit, J. (2005). Divisor methods for sequential portfolio
    allocation in multi-party executive bodies. *AJPS* 49(1): 198–211.
    """
    s = _check_seats(seats)
    ps = _check_posts(posts)
    fam = _check_families(s, families, top_posts)
    rule = divisor_rule(divisor)
    held = dict.fromkeys(s, 0)
    free = _order(ps)
    awards: list[Award] = []
    notes: list[str] = []
    passed: set[str] = set()
    step = 0

    def key(p: str) -> tuple[int, Fraction, int, str]:
        q = rule.quotient(s[p], held[p])
        return (0, Fraction(0), -s[p], p) if q is None else (1, -q, -s[p], p)

    while free:
        active = [p for p in s if s[p] > 0 and p not in passed]
        if not active:
            for post in free:
                step += 1
                awards.append(
                    Award(step, post, None, f"no coalition party of component {post.component!r}")
                )
                notes.append(f"{post.name}: no coalition party of component {post.component!r}")
            break
        picker = min(active, key=key)
        choice = next((post for post in free if _eligible(post, picker, fam, top_posts)), None)
        if choice is None:
            passed.add(picker)
            continue
        step += 1
        q = rule.quotient(s[picker], held[picker])
        awards.append(Award(step, choice, picker, f"quotient {'inf' if q is None else q}"))
        free.remove(choice)
        held[picker] += 1
        passed.clear()
    total = sum(s.values())
    ent = {p: Fraction(len(ps) * v, total) for p, v in s.items()}
    return Allocation(
        "dhondt", s, tuple(awards), ent, _params(top_posts=top_posts, divisor=divisor), tuple(notes)
    )


def _weights_of(scheme: str | PostWeights | Mapping[str, Any]) -> PostWeights | dict[str, Fraction]:
    if isinstance(scheme, PostWeights):
        return scheme
    if isinstance(scheme, str):
        try:
            return WEIGHT_SCHEMES[scheme]
        except KeyError:
            raise UnknownMethodError(
                f"unknown weight scheme {scheme!r} (known: {', '.join(WEIGHT_SCHEMES)})"
            ) from None
    return {str(k): Fraction(v) for k, v in scheme.items()}


def _apply_weights(ps: list[Post], w: PostWeights | dict[str, Fraction]) -> list[Post]:
    out = []
    for p in ps:
        if isinstance(w, PostWeights):
            cls = p.cls if p.cls != "ministry" else w.classify(p.name)
            out.append(replace(p, cls=cls, weight=w.weight(cls)))
        elif p.name in w:
            out.append(replace(p, weight=w[p.name]))
        else:
            raise ValidationError(f"no weight given for post {p.name!r}")
    return out


@portfolio_rule(
    "weighted",
    name="Weighted by post importance (Gamson's law on weights)",
    reference="Warwick & Druckman (2006), European Journal of Political Research 45(4): 635-665; "
    "Iraq weights: Shafaq News 17 Oct 2022, Musings on Iraq 2 Dec 2010",
)
def weighted(
    seats: Mapping[str, int],
    posts: int | Iterable[Post | str],
    *,
    weights: str | PostWeights | Mapping[str, Any] = "iraq-2022",
    families: Mapping[str, str] | None = None,
    top_posts: bool = False,
) -> Allocation:
    """Gamson's law on weighted posts: the heaviest post to the party furthest below its share.

    Each party is due ``W * seats / coalition seats`` (``W`` the total weight); the heaviest post
    goes first, each to the eligible party with the most of its due left.

    Parameters
    ----------
    weights : str, PostWeights or mapping
        A scheme of :data:`WEIGHT_SCHEMES` (weights by class of post; a post's class comes from
        its name unless it is a top post or a minister of state), or post name -> weight.

    Examples
    --------
    >>> posts = [Post("Oil", "sovereign"), Post("Health"), Post("Youth"), Post("Water")]
    >>> weighted({"a": 50, "b": 50}, posts).weights()  # Oil weighs 3: a gets Oil, b the rest
    {'a': Fraction(3, 1), 'b': Fraction(3, 1)}

    References
    ----------
    Warwick, P. V. & Druckman, J. N. (2006). The portfolio allocation paradox. *EJPR* 45(4): 635–665.
    """
    s = _check_seats(seats)
    ps = _apply_weights(_check_posts(posts), _weights_of(weights))
    fam = _check_families(s, families, top_posts)
    total = sum(s.values())
    w_total = sum((p.weight for p in ps), Fraction(0))
    ent = {p: w_total * v / total for p, v in s.items()}
    awards, notes = _greedy("weighted", s, ps, ent, fam, top_posts)
    scheme = weights if isinstance(weights, str) else getattr(weights, "id", "custom")
    return Allocation(
        "weighted",
        s,
        tuple(awards),
        ent,
        _params(weights=scheme, top_posts=top_posts),
        tuple(notes),
    )


@portfolio_rule(
    "points",
    name="Iraq's points system (nuqat): seats buy points, posts cost points",
    reference="Shafaq News 17 Oct 2022 (5 MPs = 1 cabinet seat, 15 MPs = 1 sovereign portfolio); "
    "Musings on Iraq 2 Dec 2010 (seats / 2.44 = points; top posts 10, sovereign 4, others 2-3)",
)
def points(
    seats: Mapping[str, int],
    posts: int | Iterable[Post | str],
    *,
    scheme: str | PointsScheme = "iraq-2022",
    families: Mapping[str, str] | None = None,
    top_posts: bool = False,
) -> Allocation:
    """Iraq's customary points system: each party's seats buy points; posts cost points.

    A party's budget is ``seats / seats_per_point`` points; each post costs its class price. The
    most expensive post goes first, to the eligible party with the most points left (a post
    nobody can afford still goes to the party with the most points left and is marked "over
    budget"). Unspent points are reported in the entitlement minus the weight won.

    Examples
    --------
    >>> a = points({"a": 30, "b": 10}, [Post("Oil", "sovereign"), Post("Health"), Post("Water")])
    >>> a.entitlement  # 30 / 5 and 10 / 5 points
    {'a': Fraction(6, 1), 'b': Fraction(2, 1)}
    >>> a.holders()  # Oil (3) to a (6 left), Health (1) to a (3 left), Water (1) to a (2 left, b 2: more seats)
    {'Oil': 'a', 'Health': 'a', 'Water': 'a'}

    References
    ----------
    Shafaq News (17 Oct 2022), CF leading figure unveils features of al-Sudani's cabinet.
    Musings on Iraq (2 Dec 2010), Iraq's lists arguing over points system for divvying up
    government posts.
    """
    if isinstance(scheme, str):
        try:
            sch = POINTS_SCHEMES[scheme]
        except KeyError:
            raise UnknownMethodError(
                f"unknown points scheme {scheme!r} (known: {', '.join(POINTS_SCHEMES)})"
            ) from None
    else:
        sch = scheme
    s = _check_seats(seats)
    ps = _apply_weights(_check_posts(posts), sch.weights)
    fam = _check_families(s, families, top_posts)
    budget = {p: Fraction(v) / sch.seats_per_point for p, v in s.items()}
    awards, notes = _greedy("points", s, ps, budget, fam, top_posts, afford=True)
    return Allocation(
        "points",
        s,
        tuple(awards),
        budget,
        _params(scheme=sch.id, seats_per_point=sch.seats_per_point, top_posts=top_posts),
        tuple(notes),
    )


def top_posts_list(include_speaker_and_president: bool = True) -> list[Post]:
    """The three top posts of Iraq's convention, reserved for their components.

    >>> [(p.name, p.component) for p in top_posts_list()][0]
    ('Prime Minister', 'shia')
    """
    names = list(TOP_POSTS) if include_speaker_and_president else ["Prime Minister"]
    return [Post(n, "top", Fraction(1), TOP_POSTS[n]) for n in names]


# ------------------------------------------------------------------ a rule against a real cabinet
@dataclass(frozen=True)
class CabinetHolders:
    """The posts of the cabinet in office on a day and the party holding each (None: unknown)."""

    cabinet: str | None
    holders: dict[str, str | None]
    classes: dict[str, str]
    components: dict[str, str]
    notes: tuple[str, ...] = ()

    def shares(self) -> dict[str | None, Fraction]:
        """Each party's exact share of the posts (``None`` collects the unattributed posts)."""
        n = len(self.holders)
        out: dict[str | None, Fraction] = {}
        for party in self.holders.values():
            out[party] = out.get(party, Fraction(0)) + Fraction(1, n)
        return out


def cabinet_holders(ds: Dataset, on: Any) -> CabinetHolders:
    """The cabinet in office on ``on``: each post (prime minister and ministers) and its party.

    A post vacant that day counts with its first later holder (noted); a post created later is
    left out.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> h = cabinet_holders(load_dataset("iraq"), "2022-10-27")
    >>> h.cabinet, h.holders["Prime Minister"], len(h.holders)
    ('sudani-2022', 'furatain', 24)
    """
    day = parse_date(on)
    cab = ds.cabinet_on(day)
    if cab is None:
        return CabinetHolders(None, {}, {}, {})
    spans = ds.cabinet_posts(cab.id)
    holders: dict[str, str | None] = {}
    classes: dict[str, str] = {}
    comps: dict[str, str] = {}
    notes: list[str] = []
    for name in dict.fromkeys(p.post for p in spans):
        mine = [p for p in spans if p.post == name]
        now = [p for p in mine if p.held_on(day) and p.filled]
        later = sorted(
            (p for p in mine if p.filled and p.start is not None and p.start > day),
            key=lambda p: p.start or day,
        )
        pick = now[0] if now else (later[0] if later else None)
        if pick is None and not any(p.held_on(day) for p in mine):
            continue  # created after the day
        kind = mine[0].kind
        holders[name] = (pick.party or None) if pick else None
        classes[name] = (
            "top"
            if kind == "prime-minister"
            else "state"
            if kind == "minister-of-state"
            else "ministry"
        )
        comps[name] = mine[0].component
        if pick is not None and not now:
            notes.append(f"{name}: vacant on {day}, first filled on {pick.start}")
    return CabinetHolders(cab.id, holders, classes, comps, tuple(notes))


@dataclass(frozen=True)
class PortfolioReport:
    """A rule's allocation for a coalition on a date, beside the real cabinet (if one is recorded).

    ``real`` maps each post to the party that held it (the holder on ``date``, or the first
    holder after it for a post still vacant; ``None`` where the dataset names no party).
    ``rows`` compare predicted and real posts and weights per party, ``components`` per
    communal component (the real posts' component, the predicted winners' family).
    """

    date: str
    coalition: str
    parties: tuple[str, ...]
    allocation: Allocation
    cabinet: str | None
    real: dict[str, str | None]
    families: dict[str, str]
    notes: tuple[str, ...] = ()

    def rows(self) -> list[dict[str, Any]]:
        """Per party: seats, exact seat share, predicted and real posts and weights."""
        weight = {a.post.name: a.post.weight for a in self.allocation.awards}
        counts, weights, shares = (
            self.allocation.counts(),
            self.allocation.weights(),
            self.allocation.shares,
        )
        real_n: dict[str | None, int] = {}
        real_w: dict[str | None, Fraction] = {}
        for post, party in self.real.items():
            real_n[party] = real_n.get(party, 0) + 1
            real_w[party] = real_w.get(party, Fraction(0)) + weight.get(post, Fraction(1))
        keys: list[str | None] = [*self.allocation.seats]
        keys += [p for p in real_n if p not in keys and p is not None]
        if None in real_n:
            keys.append(None)
        out = []
        for p in keys:
            out.append(
                {
                    "party": p,
                    "family": self.families.get(p, "") if p else "",
                    "seats": self.allocation.seats.get(p, 0) if p else None,
                    "seat_share": str(shares[p]) if p in shares else None,
                    "entitlement": str(self.allocation.entitlement[p]) if p in shares else None,
                    "predicted": counts.get(p, 0) if p else None,
                    "predicted_weight": str(weights.get(p, 0)) if p else None,
                    "real": real_n.get(p, 0) if self.cabinet else None,
                    "real_weight": str(real_w.get(p, 0)) if self.cabinet else None,
                }
            )
        return out

    def components(self, post_components: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
        """Per component: predicted posts (by the winners' family) and real posts (by the post's component)."""
        pred: dict[str, int] = {}
        for a in self.allocation.awards:
            fam = self.families.get(a.party, "unknown") if a.party else "none"
            pred[fam] = pred.get(fam, 0) + 1
        real: dict[str, int] = {}
        for post, comp in (post_components or {}).items():
            if post in self.real:
                real[comp] = real.get(comp, 0) + 1
        keys = list(dict.fromkeys([*pred, *real]))
        return [{"component": k, "predicted": pred.get(k, 0), "real": real.get(k, 0)} for k in keys]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (the ``majlis portfolios --json`` shape)."""
        return {
            "date": self.date,
            "coalition": self.coalition,
            "rule": self.allocation.rule,
            "cabinet": self.cabinet,
            "allocation": self.allocation.to_dict(),
            "parties": self.rows(),
            "components": self.components(self._post_components),
            "real": self.real if self.cabinet else None,
            "notes": list(self.notes) + list(self.allocation.notes),
        }

    _post_components: dict[str, str] = field(default_factory=dict, repr=False)


def components(ds: Dataset, house: Parliament) -> dict[str, str]:
    """Each party's communal component on the house's date: its family, except that a party of
    independents or of unknown family takes the family holding most seats in the alliance it
    sits with (the Framework's independents counted in the Shia share, as in 2022).

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> ds = load_dataset("iraq")
    >>> comp = components(ds, ds.parliament(date="2022-10-27"))
    >>> comp["kdp"], comp["independents-cf"]
    ('kurdish', 'shia')
    """
    out = {p.id: p.family for p in ds.parties}
    for pid in house.seats:
        if out.get(pid) in ("independent", "unknown"):
            alliance = house.alliance_of(pid)
            if alliance is None:
                continue
            weight: dict[str, int] = {}
            for m in house.alliance_members(alliance.id):
                fam = out.get(m, "unknown")
                if fam not in ("independent", "unknown"):
                    weight[fam] = weight.get(fam, 0) + house.seats.get(m, 0)
            if weight:
                out[pid] = max(weight, key=lambda f: (weight[f], f))
    return out


def coalition_seats(
    ds: Dataset, house: Parliament, coalition: str | Sequence[str]
) -> tuple[dict[str, int], str]:
    """The seats in ``house`` of a coalition given as an alliance id, a party id, or party ids
    (a sequence or a comma-separated text); members without seats are left out.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> ds = load_dataset("iraq")
    >>> coalition_seats(ds, ds.parliament(election=2021), "sadrist,kdp")
    ({'sadrist': 73, 'kdp': 31}, 'sadrist,kdp')
    """
    if (
        isinstance(coalition, str)
        and "," not in coalition
        and coalition.strip() in {a.id for a in ds.alliances}
    ):
        label = coalition.strip()
        members = house.alliance_members(label)
    else:
        members = (
            [m.strip() for m in coalition.split(",") if m.strip()]
            if isinstance(coalition, str)
            else [str(m) for m in coalition]
        )
        label = ",".join(members)
        for m in members:
            ds.party(m)
    seats = {m: house.seats[m] for m in members if house.seats.get(m, 0) > 0}
    if not seats:
        raise ValidationError(f"coalition {label!r} holds no seats on {house.date}")
    return seats, label


def portfolio_report(
    ds: Dataset,
    *,
    date: Any,
    coalition: str | Sequence[str],
    rule: str = "proportional",
    top_posts: bool = False,
    weights: str = "iraq-2022",
    scheme: str = "iraq-2022",
    posts: int | None = None,
    divisor: str = "dhondt",
) -> PortfolioReport:
    """Share a cabinet among a coalition by ``rule`` on ``date`` and set it beside the real one.

    The coalition is an alliance id (its members on that day) or a list of party ids; their
    seats are the house's on ``date``. The posts are those of the cabinet in office that day (its
    prime minister and ministers, each valued by the ``weights`` scheme), or ``posts`` generic
    posts if the dataset records no cabinet. With ``top_posts`` the president and the speaker
    are added, and the three top posts are reserved for their components.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> r = portfolio_report(load_dataset("iraq"), date="2022-10-27", coalition="sac")
    >>> sum(r.allocation.counts().values()) == len(r.real)  # every post of the real cabinet
    True
    """
    day = parse_date(date)
    house = ds.parliament(date=day)
    seats, label = coalition_seats(ds, house, coalition)
    families = components(ds, house)
    scheme_w = _weights_of(weights)
    notes: list[str] = []
    held = cabinet_holders(ds, day)
    cab = ds.cabinet(held.cabinet) if held.cabinet else None
    real = dict(held.holders)
    comps = dict(held.components)
    notes.extend(held.notes)
    if cab is not None:
        post_list = [
            Post(name, cls, Fraction(1), "shia" if cls == "top" else "")
            for name, cls in held.classes.items()
        ]
        if posts is not None and posts != len(post_list):
            notes.append(f"the real cabinet has {len(post_list)} posts; --posts {posts} ignored")
    else:
        if posts is None:
            raise ValidationError(f"no cabinet recorded on {day}: give the number of posts")
        post_list = _check_posts(posts)
        notes.append(f"no cabinet recorded on {day}: {posts} generic posts")
    if top_posts:
        have = {p.name for p in post_list}
        pm = next((p for p in post_list if p.cls == "top"), None)
        if pm is not None and pm.name != "Prime Minister":
            post_list = [replace(p, name="Prime Minister") if p is pm else p for p in post_list]
            real["Prime Minister"] = real.pop(pm.name, None)
            comps["Prime Minister"] = comps.pop(pm.name, "shia")
            have = {p.name for p in post_list}
        for extra in top_posts_list():
            if extra.name not in have:
                post_list.insert(0 if extra.name == "Prime Minister" else 1, extra)
                notes.append(
                    f"{extra.name}: added by the top-posts rule (no real holder in the dataset)"
                )
    weighted_posts = _apply_weights(post_list, scheme_w)
    options: dict[str, Any] = {"families": families, "top_posts": top_posts}
    if rule == "weighted":
        options["weights"] = weights
    elif rule == "points":
        options["scheme"] = scheme
    elif rule == "dhondt":
        options["divisor"] = divisor
    alloc = allocate(rule, seats, weighted_posts, **options)
    return PortfolioReport(
        date=day.isoformat(),
        coalition=label,
        parties=tuple(seats),
        allocation=alloc,
        cabinet=cab.id if cab is not None else None,
        real={k: v for k, v in real.items()} if cab is not None else {},
        families={
            p: families.get(p, "unknown") for p in {*seats, *(v for v in real.values() if v)}
        },
        notes=tuple(notes),
        _post_components=comps,
    )
