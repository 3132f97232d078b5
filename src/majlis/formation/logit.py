"""The fitted model: a conditional logit over every potential government (Martin & Stevenson).

Each formation opportunity is one choice among its potential governments
(:func:`~majlis.formation.candidates.potential_governments`); the government that formed is
the chosen alternative. The probability of coalition ``c`` is
``exp(x_c . beta) / sum_k exp(x_k . beta)`` over the opportunity's potential governments
(McFadden's conditional logit), where ``x_c`` are the coalition's attributes
(:data:`FEATURES`). The coefficients are fitted by maximum likelihood with a small ridge
penalty (:data:`RIDGE`, which keeps every coefficient finite when a feature separates the
data, e.g. Belgium's language rule) by Newton's method with the exact gradient and Hessian.

The package ships coefficients fitted on every ParlGov post-election formation
(``model.json`` beside this module, written by ``majlis backtest --fit``), so the ``model``
theory works offline and fits nothing at run time.

Features
--------
Size and status (Riker; Martin & Stevenson): ``minority`` and ``surplus`` (minimal winning
is the baseline), ``parties`` (number of parties), ``deficit`` (seats a minority coalition
lacks, as a share of the house), ``minority_parties``.
Policy (Axelrod; de Swaan; Laver & Schofield): ``range`` (left-right range / 10),
``gaps`` (parties with a position inside the range that stay out), ``median`` (the party of
the median legislator is in).
Actors: ``largest`` (the largest party is in), ``incumbent`` (exactly the outgoing
government), ``incumbent_share`` (share of members from it), ``prime_minister`` (the
outgoing head of government's party is in).
Institutions: ``minority_absolute`` and ``minority_simple`` (minority x an absolute- or
simple-majority investiture vote; Bergman 1993, Rasch, Martin & Cheibub 2015).
History, from the country's earlier governments only (no outcome of the formation itself):
``newcomers`` (members that never governed), ``known_pairs`` (share of member pairs that
governed together before; both from the governments whose parties are known, 0 when every
earlier government is recorded by its status only), ``surplus_norm`` and ``minority_norm`` (surplus or minority status
x the share of the country's earlier governments that had that status: a system's own norm,
e.g. Finland's and Switzerland's oversized cabinets, Scandinavia's minority cabinets).
Segments: ``segments`` (every segment with at least 10 % of the seats is represented, in
systems whose cabinets must or customarily do span them: Belgium since 1970).

Unknown inputs are neutral: without positions, ``range``, ``gaps`` and ``median`` are 0
for every coalition; without a history, the history features are 0; outside segmented
systems, ``segments`` is 0. A feature constant across an opportunity's coalitions does not
change its probabilities.

References
----------
.. [1] L. W. Martin and R. T. Stevenson, "Government Formation in Parliamentary
   Democracies", *American Journal of Political Science* 45(1) (2001) 33-50.
.. [2] D. McFadden, "Conditional logit analysis of qualitative choice behavior", in
   P. Zarembka (ed.), *Frontiers in Econometrics*, Academic Press, 1974, 105-142.
.. [3] T. Bergman, "Formation rules and minority governments", *European Journal of
   Political Research* 23(1) (1993) 55-66.
.. [4] L. W. Martin and R. T. Stevenson, "The Conditional Impact of Incumbency on
   Government Formation", *American Political Science Review* 104(3) (2010) 503-518.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from majlis.errors import ValidationError
from majlis.formation.candidates import DEFAULT_MAX_PARTIES, CandidateSet, potential_governments
from majlis.model import FormationOpportunity

__all__ = [
    "FEATURES",
    "RIDGE",
    "CoalitionModel",
    "Design",
    "coalition_features",
    "fit_model",
    "load_model",
    "model_path",
]

#: The coalition attributes of the model, in coefficient order (see the module notes).
FEATURES: tuple[str, ...] = (
    "minority",
    "surplus",
    "parties",
    "deficit",
    "minority_parties",
    "range",
    "gaps",
    "median",
    "largest",
    "incumbent",
    "incumbent_share",
    "prime_minister",
    "minority_absolute",
    "minority_simple",
    "newcomers",
    "known_pairs",
    "surplus_norm",
    "minority_norm",
    "segments",
)

#: Ridge penalty (a Gaussian prior with variance 1/RIDGE on every coefficient).
RIDGE = 1.0

#: A segment needs this share of the house to count as a major segment.
SEGMENT_SHARE = 0.1

Progress = Callable[[int, int], None]


def model_path() -> Path:
    """The shipped coefficients (``model.json`` in the installed package)."""
    return Path(str(resources.files("majlis.formation") / "model.json"))


def _median_party(opp: FormationOpportunity) -> str | None:
    placed = sorted(
        (p for p in opp.eligible_parties if p.left_right is not None),
        key=lambda p: (p.left_right, p.id),
    )
    total = sum(p.seats for p in placed)
    running = 0
    for p in placed:
        running += p.seats
        if 2 * running >= total:
            return p.id
    return None


def coalition_features(cs: CandidateSet) -> np.ndarray:
    """The attribute matrix of a candidate set: one row per coalition, one column per feature.

    Examples
    --------
    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> from majlis.formation.candidates import potential_governments
    >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s, left_right=x)
    ...       for p, s, x in [("A", 45, 3.0), ("B", 40, 7.0), ("C", 15, 5.0)]),
    ...       incumbent_parties=("A", "C"))
    >>> cs = potential_governments(opp)
    >>> X = coalition_features(cs)
    >>> k = cs.index_of(["A", "C"])
    >>> dict(zip(FEATURES[:3], X[k, :3].tolist())), float(X[k, FEATURES.index("incumbent")])
    ({'minority': 0.0, 'surplus': 0.0, 'parties': 2.0}, 1.0)
    """
    opp = cs.opportunity
    B = cs.members()
    n_rows = len(B)
    parties = [opp.party(p) for p in cs.parties]
    w = np.array([p.seats for p in parties], dtype=float)
    q = opp.majority_threshold
    house = float(opp.total_seats)
    seats = B @ w
    k = B.sum(axis=1).astype(float)
    win = seats >= q
    smallest = np.where(B, w, np.inf).min(axis=1)
    mwc = win & (seats - smallest < q)
    minority = ~win
    surplus = win & ~mwc
    out = np.zeros((n_rows, len(FEATURES)))
    col = {f: i for i, f in enumerate(FEATURES)}

    out[:, col["minority"]] = minority
    out[:, col["surplus"]] = surplus
    out[:, col["parties"]] = k
    out[:, col["deficit"]] = np.where(minority, (q - seats) / house, 0.0)
    out[:, col["minority_parties"]] = np.where(minority, k, 0.0)

    # policy
    lr = np.array([np.nan if p.left_right is None else p.left_right for p in parties])
    placed = ~np.isnan(lr)
    if placed.sum() >= 1:
        lo = np.where(B & placed, lr, np.inf).min(axis=1)
        hi = np.where(B & placed, lr, -np.inf).max(axis=1)
        has = np.isfinite(lo)
        out[:, col["range"]] = np.where(has, hi - lo, 0.0) / 10.0
        gaps = np.zeros(n_rows)
        inside = {pid: i for i, pid in enumerate(cs.parties)}
        for p in opp.eligible_parties:
            if p.left_right is None:
                continue
            between = has & (lo < p.left_right) & (p.left_right < hi)
            if p.id in inside:
                between &= ~B[:, inside[p.id]]
            gaps += between
        out[:, col["gaps"]] = gaps
        median = _median_party(opp)
        if median in inside:
            out[:, col["median"]] = B[:, inside[median]]

    # actors
    biggest = max(w) if len(w) else 0
    out[:, col["largest"]] = B[:, w == biggest].any(axis=1)
    inc = set(opp.incumbent_parties)
    if inc:
        inc_mask = np.array([pid in inc for pid in cs.parties])
        if inc <= set(cs.parties):
            out[:, col["incumbent"]] = (inc_mask == B).all(axis=1)
        out[:, col["incumbent_share"]] = (B & inc_mask).sum(axis=1) / k
    pm = opp.incumbent_prime_minister
    if pm in cs.parties:
        out[:, col["prime_minister"]] = B[:, cs.parties.index(pm)]

    # institutions
    out[:, col["minority_absolute"]] = minority & (opp.investiture == "absolute")
    out[:, col["minority_simple"]] = minority & (opp.investiture == "simple")

    # history
    # past governments whose parties are known (a system may record earlier governments by
    # their size status alone: then they speak to the status norms only)
    listed = [g for g in opp.history or () if g.parties_known]
    if opp.history is not None and (listed or not opp.history):
        governed = {p for g in listed for p in g.parties}
        new = np.array([pid not in governed for pid in cs.parties])
        out[:, col["newcomers"]] = (B & new).sum(axis=1)
        pairs = {frozenset(pair) for g in listed for pair in combinations(set(g.parties), 2)}
        n = len(cs.parties)
        together = np.zeros((n, n))
        for i, j in combinations(range(n), 2):
            together[i, j] = frozenset((cs.parties[i], cs.parties[j])) in pairs
        Bf = B.astype(float)
        known = np.einsum("ki,ij,kj->k", Bf, together, Bf)
        n_pairs = k * (k - 1) / 2
        out[:, col["known_pairs"]] = np.where(n_pairs > 0, known / np.maximum(n_pairs, 1), 0.0)
    if opp.history is not None:
        statuses = [g.status for g in opp.history if g.status is not None and not g.caretaker]
        if statuses:
            out[:, col["surplus_norm"]] = surplus * statuses.count("surplus") / len(statuses)
            out[:, col["minority_norm"]] = minority * statuses.count("minority") / len(statuses)

    # segments
    if opp.segmented:
        held: dict[str, int] = {}
        for p in opp.parties:
            if p.segment and p.segment != "*":
                held[p.segment] = held.get(p.segment, 0) + p.seats
        major = sorted(s for s, v in held.items() if v >= SEGMENT_SHARE * house)
        if major:
            covered = np.ones(n_rows, dtype=bool)
            for s in major:
                in_s = np.array([p.segment in (s, "*") for p in parties])
                covered &= (B & in_s).any(axis=1)
            out[:, col["segments"]] = covered
    return out


@dataclass(frozen=True)
class CoalitionModel:
    """Fitted coefficients of the conditional logit, with where they came from.

    Attributes
    ----------
    coefficients : dict of str to float
        One per feature of :data:`FEATURES`.
    ridge : float
        The penalty used in the fit.
    max_parties : int
        The candidate sets it was fitted on (:func:`potential_governments`).
    data : str
        The data the coefficients were fitted on.
    command : str
        The command that produced them.
    opportunities : int
        Opportunities used in the fit (those whose cabinet is a potential government).
    log_likelihood : float
        Penalised log-likelihood at the optimum.
    """

    coefficients: dict[str, float]
    ridge: float = RIDGE
    max_parties: int = DEFAULT_MAX_PARTIES
    data: str = ""
    command: str = ""
    opportunities: int = 0
    log_likelihood: float = 0.0
    _beta: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        missing = [f for f in FEATURES if f not in self.coefficients]
        if missing:
            raise ValidationError(f"model coefficients lack feature {missing[0]!r}")
        unknown = [f for f in self.coefficients if f not in FEATURES]
        if unknown:
            raise ValidationError(f"model coefficient {unknown[0]!r} is not a known feature")
        beta = np.array([float(self.coefficients[f]) for f in FEATURES])
        if not np.all(np.isfinite(beta)):
            raise ValidationError("model coefficients must be finite numbers")
        object.__setattr__(self, "coefficients", {f: float(self.coefficients[f]) for f in FEATURES})
        object.__setattr__(self, "_beta", beta)

    @property
    def beta(self) -> np.ndarray:
        """The coefficients as a vector in :data:`FEATURES` order (a copy)."""
        return self._beta.copy()

    def probabilities(
        self, opportunity: FormationOpportunity, *, candidates: CandidateSet | None = None
    ) -> tuple[CandidateSet, np.ndarray]:
        """The potential governments of an opportunity and the model's probability of each.

        Examples
        --------
        >>> from majlis.model import FormationOpportunity, OpportunityParty
        >>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s)
        ...       for p, s in [("A", 45), ("B", 40), ("C", 15)]))
        >>> cs, p = load_model().probabilities(opp)
        >>> round(float(p.sum()), 12), len(cs)
        (1.0, 7)
        """
        cs = (
            candidates
            if candidates is not None
            else potential_governments(opportunity, max_parties=self.max_parties)
        )
        u = coalition_features(cs) @ self._beta
        e = np.exp(u - u.max())
        return cs, e / e.sum()

    def to_dict(self) -> dict[str, Any]:
        """The JSON document shipped as ``model.json``."""
        return {
            "format": "majlis-coalition-model/1",
            "model": "conditional logit over potential governments (Martin & Stevenson 2001)",
            "data": self.data,
            "command": self.command,
            "opportunities": self.opportunities,
            "log_likelihood": self.log_likelihood,
            "ridge": self.ridge,
            "max_parties": self.max_parties,
            "features": list(FEATURES),
            "coefficients": dict(self.coefficients),
        }

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> CoalitionModel:
        """Read a document written by :meth:`to_dict`."""
        if not isinstance(doc, dict) or not isinstance(doc.get("coefficients"), dict):
            raise ValidationError("a coalition model document needs a 'coefficients' object")
        return cls(
            coefficients=doc["coefficients"],
            ridge=float(doc.get("ridge", RIDGE)),
            max_parties=int(doc.get("max_parties", DEFAULT_MAX_PARTIES)),
            data=str(doc.get("data", "")),
            command=str(doc.get("command", "")),
            opportunities=int(doc.get("opportunities", 0)),
            log_likelihood=float(doc.get("log_likelihood", 0.0)),
        )

    def save(self, path: str | Path) -> None:
        """Write the model as JSON."""
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def _load(path: str) -> CoalitionModel:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{path}: not a JSON document ({exc.msg})") from None
    return CoalitionModel.from_dict(doc)


def load_model(path: str | Path | None = None) -> CoalitionModel:
    """The shipped model (default), or one saved with :meth:`CoalitionModel.save`.

    >>> "ParlGov development version 07/23" in load_model().data
    True
    """
    return _load(str(path) if path is not None else str(model_path()))


# ---------------------------------------------------------------------- fitting
@dataclass
class Design:
    """The stacked attribute matrix of many opportunities, ready for fitting.

    Attributes
    ----------
    opportunities : list of FormationOpportunity
    candidates : list of CandidateSet
    X : numpy.ndarray
        All coalitions of all opportunities, stacked (rows of opportunity ``g`` are
        ``starts[g] : starts[g] + sizes[g]``).
    starts, sizes : numpy.ndarray
    chosen : numpy.ndarray
        Row (within its opportunity) of the government that formed, or -1 when it is not a
        potential government (those opportunities cannot enter the likelihood).
    """

    opportunities: list[FormationOpportunity]
    candidates: list[CandidateSet]
    X: np.ndarray
    starts: np.ndarray
    sizes: np.ndarray
    chosen: np.ndarray

    @classmethod
    def build(
        cls,
        opportunities: Sequence[FormationOpportunity],
        *,
        max_parties: int = DEFAULT_MAX_PARTIES,
        progress: Progress | None = None,
    ) -> Design:
        """Enumerate every opportunity's potential governments and their attributes."""
        blocks: list[np.ndarray] = []
        sets: list[CandidateSet] = []
        chosen: list[int] = []
        total = len(opportunities)
        for i, opp in enumerate(opportunities):
            cs = potential_governments(opp, max_parties=max_parties)
            sets.append(cs)
            blocks.append(coalition_features(cs))
            k = cs.index_of(opp.cabinet) if opp.cabinet else None
            chosen.append(-1 if k is None else k)
            if progress is not None:
                progress(i + 1, total)
        sizes = np.array([len(b) for b in blocks], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
        X = np.vstack(blocks) if blocks else np.zeros((0, len(FEATURES)))
        return cls(list(opportunities), sets, X, starts, sizes, np.array(chosen, dtype=np.int64))

    def utilities(self, beta: np.ndarray) -> np.ndarray:
        """``X @ beta``."""
        return self.X @ beta

    def probabilities(self, beta: np.ndarray) -> np.ndarray:
        """Choice probabilities of every row (each opportunity's rows sum to one)."""
        u = self.X @ beta
        group = np.repeat(np.arange(len(self.sizes)), self.sizes)
        m = np.maximum.reduceat(u, self.starts)
        e = np.exp(u - m[group])
        z = np.add.reduceat(e, self.starts)
        return e / z[group]


class _Objective:
    """Penalised log-likelihood of the opportunities with weight 1, its gradient and Hessian."""

    def __init__(self, design: Design, weights: np.ndarray, ridge: float) -> None:
        self.d = design
        self.w = weights * (design.chosen >= 0)
        self.ridge = ridge
        self.group = np.repeat(np.arange(len(design.sizes)), design.sizes)
        rows = design.starts + np.maximum(design.chosen, 0)
        self.xy = (design.X[rows] * self.w[:, None]).sum(axis=0)
        self.row_w = self.w[self.group]

    def value(self, beta: np.ndarray) -> tuple[float, np.ndarray]:
        d = self.d
        u = d.X @ beta
        m = np.maximum.reduceat(u, d.starts)
        e = np.exp(u - m[self.group])
        z = np.add.reduceat(e, d.starts)
        ll = float(self.xy @ beta - (self.w * (m + np.log(z))).sum() - self.ridge / 2 * beta @ beta)
        return ll, e / z[self.group]

    def gradient(self, beta: np.ndarray, p: np.ndarray) -> np.ndarray:
        return self.xy - self.d.X.T @ (p * self.row_w) - self.ridge * beta

    def hessian(self, p: np.ndarray) -> np.ndarray:
        """Minus the Hessian (positive definite): ``sum_g w_g Cov_g(x) + ridge I``."""
        d = self.d
        pw = p * self.row_w
        xp = d.X * pw[:, None]
        ex = np.add.reduceat(xp, d.starts)  # w_g E_g[x]
        used = self.w > 0
        h = xp.T @ d.X - (ex[used] / self.w[used][:, None]).T @ ex[used]
        return h + self.ridge * np.eye(len(FEATURES))


def _maximise(
    obj: _Objective,
    beta: np.ndarray,
    *,
    hessian: np.ndarray | None = None,
    tol: float = 1e-7,
    max_iter: int = 100,
) -> tuple[np.ndarray, float, np.ndarray]:
    """Newton's method with step halving; with ``hessian`` given, the chord method (that fixed
    matrix in every step, exact gradients), falling back to Newton if it stalls. Stops when
    no coefficient moves by ``tol`` or more."""
    ll, p = obj.value(beta)
    h = hessian
    for _ in range(max_iter):
        g = obj.gradient(beta, p)
        if h is None or _ > 25:
            h = obj.hessian(p)
        step = np.linalg.solve(h, g)
        t = 1.0
        while True:
            new = beta + t * step
            new_ll, new_p = obj.value(new)
            if new_ll >= ll - 1e-12 * (1 + abs(ll)) or t < 1e-6:
                break
            t /= 2
        beta, p = new, new_p
        converged = float(np.max(np.abs(t * step))) < tol
        ll = new_ll
        if converged:
            break
        if hessian is None:
            h = None
    return beta, ll, obj.hessian(p) if hessian is None else hessian


def fit_design(
    design: Design,
    weights: np.ndarray | None = None,
    *,
    ridge: float = RIDGE,
    start: np.ndarray | None = None,
    hessian: np.ndarray | None = None,
) -> tuple[np.ndarray, float, np.ndarray]:
    """Maximise the penalised log-likelihood over the opportunities with weight 1.

    Returns the coefficients, the penalised log-likelihood and minus its Hessian (pass the
    Hessian of a fit on nearly the same data as ``hessian`` to refit with cheap chord steps:
    leave-one-country-out cross-validation does).
    """
    w = np.ones(len(design.sizes)) if weights is None else np.asarray(weights, dtype=float)
    obj = _Objective(design, w, ridge)
    beta0 = np.zeros(len(FEATURES)) if start is None else np.array(start, dtype=float)
    return _maximise(obj, beta0, hessian=hessian)


def fit_model(
    opportunities: Sequence[FormationOpportunity],
    *,
    ridge: float = RIDGE,
    max_parties: int = DEFAULT_MAX_PARTIES,
    data: str = "",
    command: str = "",
    design: Design | None = None,
) -> CoalitionModel:
    """Fit the conditional logit on formation opportunities with known cabinets.

    Parameters
    ----------
    opportunities : sequence of FormationOpportunity
        Each with its ``cabinet``; those whose cabinet is not a potential government are
        left out of the likelihood.
    ridge : float
        Penalty ``ridge / 2 * |beta|**2`` on the log-likelihood.
    max_parties : int
        Candidate sets (:func:`potential_governments`).
    data, command : str
        Provenance recorded in the model.
    design : Design, optional
        A design already built for these opportunities.

    Examples
    --------
    A synthetic case whose cabinets are always the outgoing government: the incumbency
    coefficient comes out positive.

    >>> from majlis.model import FormationOpportunity, OpportunityParty
    >>> opps = [FormationOpportunity(f"o{i}", 100, 51, tuple(OpportunityParty(p, s)
    ...         for p, s in [("A", 40), ("B", 35), ("C", 25)]),
    ...         incumbent_parties=(inc,), cabinet=(inc,)) for i, inc in enumerate("ABCAB")]
    >>> fit_model(opps).coefficients["incumbent"] > 1
    True
    """
    if ridge <= 0:
        raise ValidationError(f"ridge must be positive, got {ridge}")
    if design is None:
        design = Design.build(opportunities, max_parties=max_parties)
    usable = int((design.chosen >= 0).sum())
    if usable == 0:
        raise ValidationError("no opportunity with a known cabinet among its potential governments")
    beta, ll, _ = fit_design(design, ridge=ridge)
    return CoalitionModel(
        coefficients=dict(zip(FEATURES, beta.tolist())),
        ridge=ridge,
        max_parties=max_parties,
        data=data,
        command=command,
        opportunities=usable,
        log_likelihood=ll,
    )
