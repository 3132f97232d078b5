"""Baron–Ferejohn legislative bargaining: stationary equilibrium shares of a weighted majority game.

A closed-rule, infinite-horizon game (Baron & Ferejohn 1989): each round nature recognises a
player (with probability ``p_i``: proportional to seats, or equal); the proposer offers a
division of a pie of 1; the proposal passes if the players accepting it hold at least the
quota of weight; otherwise the next round starts and the pie is discounted by ``delta``. In a
stationary subgame-perfect equilibrium (SSPE) every player ``i`` has a continuation value
``v_i`` (its expected share before anyone is recognised); a proposer ``k`` buys the cheapest set
of partners ``S`` that makes ``S + k`` winning, offering each partner ``delta * v_j``, keeps
``1 - delta * c_k`` (``c_k`` = the cheapest ``v(S)``) and mixes among equally cheap sets. The SSPE
payoffs are unique for every simple game (Eraslan 2002; Eraslan & McLennan 2013).

Method (exact, in :class:`fractions.Fraction`):

1. Symmetric games (equal weights and recognition) use Baron & Ferejohn's closed form: each
   player expects ``1/n``; a proposer needing ``m - 1`` partners keeps ``1 - delta (m - 1) / n``.
2. Other games (at most :data:`MAX_PLAYERS` players): a numerical homotopy (each proposer
   picks a partner set with logit probabilities whose temperature halves from 1 to 1e-10; the
   smoothed fixed point is solved by Newton's method at each temperature) finds the approximate
   equilibrium and which partner sets each proposer mixes over; the exact payoffs then solve
   the linear system of those indifferences, the value equations of players whose inclusion is
   not mixed, and ``sum v = 1``. If that system does not determine the payoffs, they are
   recovered from the approximation as fractions with denominators up to 10**6.
3. Every exact candidate is **certified**: with exact arithmetic each proposer's cheapest
   partner sets are recomputed, and an exact linear program (revised simplex, phase 1) finds
   mixed proposals that reproduce every player's value equation. A certified vector is the
   SSPE payoff vector by uniqueness. Otherwise the result carries the floating-point
   approximation with ``exact=False``: this happens when the indifferences leave a nonlinear
   equation (the payoffs of weights 40/30/20/10 with quota 51 are quadratic irrationals).

Limits: at most :data:`MAX_PLAYERS` players (the partner sets of every proposer are
enumerated, ``2**(n-1)`` each; 14 players take seconds); larger games raise
:class:`~majlis.errors.TooLargeError`, except symmetric ones (closed form, up to
:data:`MAX_SYMMETRIC_PLAYERS`).

Examples
--------
>>> r = baron_ferejohn([1, 1, 1], 2, delta="9/10", recognition="equal")
>>> r.payoffs, r.proposer_shares[0]  # each expects 1/3; a proposer keeps 1 - 0.9/3
((Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)), Fraction(7, 10))

References
----------
Baron, D. P. & Ferejohn, J. A. (1989). Bargaining in legislatures. *American Political
Science Review* 83(4): 1181–1206.
Eraslan, H. (2002). Uniqueness of stationary equilibrium payoffs in the Baron–Ferejohn model.
*Journal of Economic Theory* 103(1): 11–30.
Eraslan, H. & McLennan, A. (2013). Uniqueness of stationary equilibrium payoffs in coalitional
bargaining. *Journal of Economic Theory* 148(6): 2195–2222.
Snyder, J. M., Ting, M. M. & Ansolabehere, S. (2005). Legislative bargaining under weighted
voting. *American Economic Review* 95(4): 981–1004.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np

from majlis.errors import InfeasibleQuotaError, TooLargeError, ValidationError
from majlis.limits import check_limit

__all__ = [
    "MAX_PLAYERS",
    "MAX_SYMMETRIC_PLAYERS",
    "BargainingReport",
    "BargainingResult",
    "bargaining_report",
    "baron_ferejohn",
    "recognition_probabilities",
]

#: Largest general game solved (every proposer's partner sets are enumerated).
MAX_PLAYERS = 14
#: Largest symmetric game (closed form).
MAX_SYMMETRIC_PLAYERS = 100_000
_MAX_WEIGHT = 10**9


@dataclass(frozen=True)
class BargainingResult:
    """Stationary equilibrium of a Baron–Ferejohn game.

    ``payoffs`` are the expected (ex ante) shares ``v_i``; ``proposer_shares`` what a player
    keeps when recognised (``1 - delta c_i``); ``inclusion`` the probability of being bought as
    a partner in a round; ``proposals`` each proposer's mixed proposal (partner sets with
    probabilities). Exact (``Fraction``) when ``exact`` is true, floats otherwise.
    """

    players: tuple[str, ...]
    weights: tuple[int, ...]
    quota: int
    delta: Fraction
    recognition: tuple[Fraction, ...]
    payoffs: tuple[Any, ...]
    proposer_shares: tuple[Any, ...]
    inclusion: tuple[Any, ...]
    exact: bool
    method: str
    proposals: dict[str, list[tuple[tuple[str, ...], Any]]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def payoff(self, player: str) -> Any:
        """The expected share of one player."""
        return self.payoffs[self.players.index(player)]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document; exact numbers as ``p/q`` text beside a float."""

        def num(x: Any) -> Any:
            return str(x) if isinstance(x, Fraction) else x

        return {
            "quota": self.quota,
            "delta": str(self.delta),
            "exact": self.exact,
            "method": self.method,
            "players": [
                {
                    "player": p,
                    "weight": w,
                    "recognition": str(r),
                    "payoff": num(v),
                    "payoff_float": float(v),
                    "proposer_share": num(s),
                    "inclusion": num(x),
                }
                for p, w, r, v, s, x in zip(
                    self.players,
                    self.weights,
                    self.recognition,
                    self.payoffs,
                    self.proposer_shares,
                    self.inclusion,
                )
            ],
            "proposals": {
                k: [{"partners": list(s), "probability": num(q)} for s, q in v]
                for k, v in self.proposals.items()
            },
            "notes": list(self.notes),
        }


def _frac(x: Any, what: str) -> Fraction:
    if isinstance(x, bool):
        raise ValidationError(f"{what} must be a number, got {x!r}")
    try:
        return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)
    except (TypeError, ValueError, ZeroDivisionError):
        raise ValidationError(f"{what} must be a number such as 0.9 or 9/10, got {x!r}") from None


def recognition_probabilities(weights: Sequence[int], rule: Any = "seats") -> tuple[Fraction, ...]:
    """Recognition probabilities: ``"seats"`` (proportional to weight), ``"equal"``, or given.

    >>> recognition_probabilities([3, 1], "seats")
    (Fraction(3, 4), Fraction(1, 4))
    """
    n = len(weights)
    if isinstance(rule, str):
        if rule == "seats":
            total = sum(weights)
            return tuple(Fraction(w, total) for w in weights)
        if rule == "equal":
            return tuple(Fraction(1, n) for _ in weights)
        raise ValidationError(f"recognition must be 'seats', 'equal' or a list, got {rule!r}")
    probs = tuple(_frac(x, "a recognition probability") for x in rule)
    if len(probs) != n:
        raise ValidationError(f"{len(probs)} recognition probabilities for {n} players")
    if any(x <= 0 for x in probs) or sum(probs) != 1:
        raise ValidationError("recognition probabilities must be positive and sum to 1")
    return probs


def baron_ferejohn(
    weights: Sequence[int] | Mapping[str, int],
    quota: int,
    *,
    delta: Any = Fraction(9, 10),
    recognition: Any = "seats",
) -> BargainingResult:
    """Stationary equilibrium shares of the closed-rule Baron–Ferejohn game.

    Parameters
    ----------
    weights : sequence of int or mapping name -> int
        The players' voting weights (seats); every player must have a positive weight.
    quota : int
        Weight a proposal needs to pass (e.g. 165 of 329).
    delta : number
        Discount factor in (0, 1]; floats are read through their decimal text (0.9 = 9/10).
    recognition : "seats", "equal" or a sequence
        Recognition probabilities.

    Returns
    -------
    BargainingResult
        Exact payoffs when certified (see the module notes), else a float approximation.

    Examples
    --------
    >>> r = baron_ferejohn({"A": 3, "B": 1, "C": 1, "D": 1}, 4, delta="9/10", recognition="equal")
    >>> r.exact, r.payoffs  # apex game: A wins with any one small player, the smalls need all three
    (True, (Fraction(7, 10), Fraction(1, 10), Fraction(1, 10), Fraction(1, 10)))

    References
    ----------
    Baron & Ferejohn (1989), *APSR* 83(4): 1181–1206; Eraslan & McLennan (2013), *JET* 148(6).
    """
    if isinstance(weights, Mapping):
        names = tuple(str(k) for k in weights)
        ws = list(weights.values())
    else:
        ws = list(weights)
        names = tuple(f"p{i + 1}" for i in range(len(ws)))
    if not ws:
        raise ValidationError("a bargaining game needs at least one player")
    for name, w in zip(names, ws):
        if isinstance(w, bool) or not isinstance(w, int) or w <= 0:
            raise ValidationError(
                f"player {name!r}: weight must be a positive whole number, got {w!r}"
            )
        if w > _MAX_WEIGHT:
            raise TooLargeError(f"weights of at most {_MAX_WEIGHT:,} per player, got {w:,}")
    if isinstance(quota, bool) or not isinstance(quota, int):
        raise ValidationError(f"quota must be a whole number, got {quota!r}")
    total = sum(ws)
    if quota <= total / 2:
        raise ValidationError(
            f"quota {quota} is not more than half of the {total} weight: two disjoint coalitions could both win"
        )
    if quota > total:
        raise InfeasibleQuotaError(f"quota {quota} exceeds the players' total weight {total}")
    d = _frac(delta, "delta")
    if not 0 < d <= 1:
        raise ValidationError(f"delta must lie in (0, 1], got {d}")
    symmetric_game = len(set(ws)) == 1 and recognition in ("equal", "seats")
    if d == 1 and not symmetric_game:
        raise ValidationError(
            "delta = 1 is allowed only for symmetric games: the stationary payoffs are unique for delta < 1"
        )
    n = len(ws)
    if symmetric_game:
        check_limit(n, MAX_SYMMETRIC_PLAYERS, "players in a symmetric game")
        return _symmetric(names, ws, quota, d)
    if n > MAX_PLAYERS:
        raise TooLargeError(
            f"at most {MAX_PLAYERS} players for an exact Baron-Ferejohn equilibrium, got {n} "
            "(merge small parties or restrict the game to a coalition)"
        )
    probs = recognition_probabilities(ws, recognition)
    return _general(names, ws, quota, d, probs)


# ------------------------------------------------------------------ symmetric closed form
def _symmetric(names: tuple[str, ...], ws: list[int], quota: int, d: Fraction) -> BargainingResult:
    n, w = len(ws), ws[0]
    m = -(-quota // w)  # players needed to win
    v = Fraction(1, n)
    keep = 1 - d * (m - 1) * v
    incl = Fraction(m - 1, n - 1) * (1 - v) if n > 1 else Fraction(0)
    # a player is a partner when someone else proposes (prob (n-1)/n) and picks it ((m-1)/(n-1))
    return BargainingResult(
        players=names,
        weights=tuple(ws),
        quota=quota,
        delta=d,
        recognition=tuple(v for _ in ws),
        payoffs=tuple(v for _ in ws),
        proposer_shares=tuple(keep for _ in ws),
        inclusion=tuple(incl for _ in ws),
        exact=True,
        method="closed form (symmetric game, Baron & Ferejohn 1989)",
        notes=(f"each proposer buys {m - 1} of the other {n - 1} players uniformly at random",),
    )


# ------------------------------------------------------------------ general games
def _partner_sets(ws: list[int], quota: int) -> list[list[int]]:
    """For each proposer k, the minimal partner sets S (bitmasks) with w(S) + w_k >= quota.

    All ``2**(n-1)`` subsets of the others are scanned at once (numpy): a set is minimal when
    dropping its lightest member falls short of ``quota - w_k``.
    """
    n = len(ws)
    out: list[list[int]] = []
    for k in range(n):
        others = [j for j in range(n) if j != k]
        need = quota - ws[k]
        if need <= 0:
            out.append([0])
            continue
        m = len(others)
        masks = np.arange(1 << m, dtype=np.int64)
        w = np.array([ws[j] for j in others], dtype=np.int64)
        bits = ((masks[:, None] >> np.arange(m, dtype=np.int64)) & 1).astype(bool)
        sums = bits.astype(np.int64) @ w
        lightest = np.where(bits, w, np.iinfo(np.int64).max).min(axis=1)
        ok = (sums >= need) & (sums - lightest < need)
        place = np.array([1 << j for j in others], dtype=np.int64)
        full = bits[ok].astype(np.int64) @ place
        out.append(sorted(int(x) for x in full))
    return out


def _members(mask: int, n: int) -> list[int]:
    return [j for j in range(n) if mask >> j & 1]


@dataclass(frozen=True)
class _Sets:
    """Every proposer's minimal partner sets as one 0/1 matrix (rows grouped by proposer)."""

    masks: list[list[int]]
    mat: np.ndarray
    own: np.ndarray
    starts: np.ndarray
    members: list[list[int]]

    @classmethod
    def build(cls, n: int, masks: list[list[int]]) -> _Sets:
        rows, owner, members = [], [], []
        for k, ss in enumerate(masks):
            for mask in ss:
                mem = _members(mask, n)
                row = np.zeros(n)
                row[mem] = 1.0
                rows.append(row)
                owner.append(k)
                members.append(mem)
        own = np.array(owner)
        return cls(masks, np.array(rows), own, np.searchsorted(own, np.arange(n)), members)

    def rows_of(self, k: int) -> range:
        end = int(self.starts[k + 1]) if k + 1 < len(self.starts) else len(self.own)
        return range(int(self.starts[k]), end)


def _numeric(probs: tuple[Fraction, ...], d: Fraction, sets: _Sets) -> Iterator[np.ndarray]:
    """Yield approximate equilibria along a logit homotopy, temperature 1 halving to 1e-10.

    At temperature ``tau`` each proposer picks a partner set with probability proportional to
    ``exp(-cost / tau)``; the smoothed fixed point ``v = phi_tau(v)`` is solved by Newton's method
    (finite-difference Jacobian, halving line search) from the previous temperature's solution.
    """
    n = len(probs)
    p = np.array([float(x) for x in probs])
    dl = float(d)
    mat, own, starts = sets.mat, sets.own, sets.starts
    pk = p[own]

    def phi(v: np.ndarray, tau: float) -> np.ndarray:
        cost = mat @ v
        low = np.minimum.reduceat(cost, starts)
        e = np.exp(-(cost - low[own]) / tau)
        sigma = e / np.add.reduceat(e, starts)[own]
        ecost = np.add.reduceat(sigma * cost, starts)
        incl = (sigma * pk) @ mat
        return p * (1 - dl * ecost) + dl * v * incl

    v = p.copy()
    tau = 1.0
    while tau > 1e-10:
        for _ in range(60):
            f = v - phi(v, tau)
            nf = float(np.abs(f).max())
            if nf < 1e-15:
                break
            jac = np.empty((n, n))
            h = 1e-9
            for j in range(n):
                e = np.zeros(n)
                e[j] = h
                jac[:, j] = ((v + e) - phi(v + e, tau) - f) / h
            try:
                step = np.linalg.solve(jac, -f)
            except np.linalg.LinAlgError:
                step = -f
            t = 1.0
            nv = v + step
            while t > 1e-6:
                nv = v + t * step
                if float(np.abs(nv - phi(nv, tau)).max()) < nf:
                    break
                t /= 2
            v = nv
        yield v
        tau *= 0.5


def _solve_exact(rows: list[list[Fraction]], rhs: list[Fraction], n: int) -> list[Fraction] | None:
    """Gaussian elimination; the unique solution if the system has rank n and is consistent."""
    a = [r[:] + [b] for r, b in zip(rows, rhs)]
    piv_row = 0
    where = [-1] * n
    for col in range(n):
        sel = next((i for i in range(piv_row, len(a)) if a[i][col] != 0), None)
        if sel is None:
            continue
        a[piv_row], a[sel] = a[sel], a[piv_row]
        pv = a[piv_row][col]
        a[piv_row] = [x / pv for x in a[piv_row]]
        for i in range(len(a)):
            if i != piv_row and a[i][col] != 0:
                f = a[i][col]
                a[i] = [x - f * y for x, y in zip(a[i], a[piv_row])]
        where[col] = piv_row
        piv_row += 1
    if any(w < 0 for w in where):
        return None
    if any(all(x == 0 for x in r[:n]) and r[n] != 0 for r in a):
        return None
    return [a[where[c]][n] for c in range(n)]


def _candidate_from_structure(
    v_num: np.ndarray,
    probs: tuple[Fraction, ...],
    d: Fraction,
    sets: _Sets,
    tol: float,
) -> list[Fraction] | None:
    """Exact payoffs from the indifferences the approximation shows (None if not determined)."""
    n = len(probs)
    cost = sets.mat @ v_num
    rows: dict[tuple[int, ...], None] = {}
    tied: set[int] = set()
    first: list[int] = []
    always: list[set[int]] = []
    for k in range(n):
        idx = list(sets.rows_of(k))
        lo = min(cost[i] for i in idx)
        near = [i for i in idx if cost[i] <= lo + tol]
        first.append(near[0])
        base = sets.members[near[0]]
        for i in near[1:]:
            row = [0] * n
            for j in base:
                row[j] += 1
            for j in sets.members[i]:
                row[j] -= 1
            rows[tuple(row)] = None
        mem = [set(sets.members[i]) for i in near]
        every = set.intersection(*mem)
        always.append(every)
        tied |= set.union(*mem) - every
    eqs: list[list[Fraction]] = [[Fraction(x) for x in r] for r in rows]
    rhs: list[Fraction] = [Fraction(0)] * len(eqs)
    for i in range(n):
        if i in tied:
            continue
        # v_i (1 - d r_i) + d p_i c_i(v) = p_i, with r_i = sum_k p_k [i in every cheapest set of k]
        r_i = sum((probs[k] for k in range(n) if k != i and i in always[k]), Fraction(0))
        eq = [Fraction(0)] * n
        eq[i] += 1 - d * r_i
        for j in sets.members[first[i]]:
            eq[j] += d * probs[i]
        eqs.append(eq)
        rhs.append(probs[i])
    eqs.append([Fraction(1)] * n)
    rhs.append(Fraction(1))
    return _solve_exact(eqs, rhs, n)


def _certify(
    v: list[Fraction],
    probs: tuple[Fraction, ...],
    d: Fraction,
    sets: _Sets,
) -> (
    tuple[list[Fraction], list[Fraction], list[Fraction], dict[int, list[tuple[int, Fraction]]]]
    | None
):
    """Check exactly that ``v`` is the SSPE payoff vector; return proposals that support it."""
    n = len(probs)
    if sum(v) != 1 or any(x <= 0 for x in v):
        return None
    den = math.lcm(*(x.denominator for x in v))
    ints = [x.numerator * (den // x.denominator) for x in v]
    cheapest: list[list[int]] = []
    cost: list[Fraction] = []
    for k in range(n):
        costs = [(sum(ints[j] for j in sets.members[i]), i) for i in sets.rows_of(k)]
        lo = min(c for c, _ in costs)
        cost.append(Fraction(lo, den))
        cheapest.append([i for c, i in costs if c == lo])
    need = [(v[i] - probs[i] * (1 - d * cost[i])) / (d * v[i]) for i in range(n)]
    if any(x < 0 or x > 1 for x in need):
        return None
    # variables: sigma[row] for the cheapest rows of each proposer; constraints: the rows of a
    # proposer sum to 1, and every player's probability of being a partner equals need_i
    var = [(k, i) for k in range(n) for i in cheapest[k]]
    columns: list[dict[int, Fraction]] = []
    for k, i in var:
        col = {k: Fraction(1)}
        for j in sets.members[i]:
            col[n + j] = probs[k]
        columns.append(col)
    sol = _lp_feasible(2 * n, columns, [Fraction(1)] * n + need)
    if sol is None:
        return None
    mix: dict[int, list[tuple[int, Fraction]]] = {}
    for (k, i), x in zip(var, sol):
        if x > 0:
            mix.setdefault(k, []).append((i, x))
    keep = [1 - d * c for c in cost]
    return v, keep, need, mix


def _lp_feasible(
    n_rows: int, columns: list[dict[int, Fraction]], b: list[Fraction]
) -> list[Fraction] | None:
    """A non-negative ``x`` with ``sum_j x_j columns[j] = b``, or None: exact revised simplex.

    Phase 1 of the simplex method on sparse columns, in exact arithmetic: the basis inverse is
    kept as fractions; the entering column is the one with the largest reduced cost computed in
    floating point (Dantzig's rule) and confirmed exactly, with Bland's rule (the first improving
    column, checked exactly) after a run of degenerate pivots, which rules out cycling.
    """
    m = n_rows
    sign = [(-1 if bi < 0 else 1) for bi in b]
    cols = [{r: v * sign[r] for r, v in c.items()} for c in columns]
    rhs = [bi * sg for bi, sg in zip(b, sign)]
    nv = len(cols)
    basis = [nv + i for i in range(m)]  # artificials
    binv = [[Fraction(int(i == j)) for j in range(m)] for i in range(m)]
    xb = rhs[:]
    dense = np.zeros((m, nv))
    for j, c in enumerate(cols):
        for r, v in c.items():
            dense[r, j] = float(v)
    degenerate = 0
    for _ in range(50 * (m + nv)):
        if all(x == 0 for x, bj in zip(xb, basis) if bj >= nv):
            break
        # duals of phase 1: cost 1 on artificials
        y = [
            sum((binv[i][k] for i, bj in enumerate(basis) if bj >= nv), Fraction(0))
            for k in range(m)
        ]
        in_basis = set(basis)

        def exact_rc(j: int) -> Fraction:
            return sum((y[r] * v for r, v in cols[j].items()), Fraction(0))

        enter = None
        if degenerate < 2 * m:
            yf = np.array([float(t) for t in y])
            gains = yf @ dense
            for j in np.argsort(-gains):
                j = int(j)
                if gains[j] <= 1e-12:
                    break
                if j not in in_basis and exact_rc(j) > 0:
                    enter = j
                    break
        if enter is None:  # Bland: the first improving column, exactly
            enter = next((j for j in range(nv) if j not in in_basis and exact_rc(j) > 0), None)
        if enter is None:
            return None  # phase 1 optimum with artificials > 0: infeasible
        col = cols[enter]
        direction = [sum((binv[i][r] * v for r, v in col.items()), Fraction(0)) for i in range(m)]
        ratios = [(xb[i] / direction[i], basis[i], i) for i in range(m) if direction[i] > 0]
        if not ratios:
            return None
        step, _, leave = min(ratios)
        degenerate = degenerate + 1 if step == 0 else 0
        piv = direction[leave]
        binv[leave] = [x / piv for x in binv[leave]]
        xb[leave] = xb[leave] / piv
        for i in range(m):
            if i != leave and direction[i] != 0:
                f = direction[i]
                binv[i] = [x - f * z for x, z in zip(binv[i], binv[leave])]
                xb[i] = xb[i] - f * xb[leave]
        basis[leave] = enter
    if any(x != 0 for x, bj in zip(xb, basis) if bj >= nv):
        return None
    x = [Fraction(0)] * nv
    for i, bj in enumerate(basis):
        if bj < nv:
            x[bj] = xb[i]
    return x


def _attempt(
    v_num: np.ndarray, probs: tuple[Fraction, ...], d: Fraction, sets: _Sets
) -> (
    tuple[list[Fraction], list[Fraction], list[Fraction], dict[int, list[tuple[int, Fraction]]]]
    | None
):
    for tol in (1e-9, 1e-7, 1e-5, 1e-3):
        cand = _candidate_from_structure(v_num, probs, d, sets, tol)
        cert = _certify(cand, probs, d, sets) if cand is not None else None
        if cert is not None:
            return cert
    return None


def _general(
    names: tuple[str, ...],
    ws: list[int],
    quota: int,
    d: Fraction,
    probs: tuple[Fraction, ...],
) -> BargainingResult:
    n = len(ws)
    sets = _Sets.build(n, _partner_sets(ws, quota))
    notes: list[str] = []
    cert = None
    method = ""
    v_num = np.array([float(x) for x in probs])
    # try the structure the approximation shows from temperature 2**-12 down, every 6 halvings
    # and at the end; stop as soon as a candidate is certified
    last = -1
    for step, v_num in enumerate(_numeric(probs, d, sets)):
        last = step
        if step >= 12 and step % 6 == 0:
            cert = _attempt(v_num, probs, d, sets)
            if cert is not None:
                break
    if cert is None and last % 6 != 0:
        cert = _attempt(v_num, probs, d, sets)
    if cert is not None:
        method = "logit homotopy, exact solve of the indifference system, certified by exact LP"
    if cert is None:
        for bound in (10**3, 10**4, 10**5, 10**6):
            guess = [Fraction(float(x)).limit_denominator(bound) for x in v_num]
            guess[-1] = Fraction(1) - sum(guess[:-1], Fraction(0))
            cert = _certify(guess, probs, d, sets)
            if cert is not None:
                method = f"logit homotopy, rational recovery (denominators <= {bound:,}), certified by exact LP"
                break
    if cert is None:
        notes.append(
            "not certified exactly: floating-point approximation of the stationary equilibrium"
        )
        dl = float(d)
        allc = sets.mat @ v_num
        costs = [float(min(allc[i] for i in sets.rows_of(k))) for k in range(n)]
        payoffs: tuple[Any, ...] = tuple(float(x) for x in v_num)
        keep: tuple[Any, ...] = tuple(1 - dl * c for c in costs)
        incl: tuple[Any, ...] = tuple(
            (payoffs[i] - float(probs[i]) * keep[i]) / (dl * payoffs[i]) for i in range(n)
        )
        proposals: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        method = "logit homotopy (temperature down to 1e-10), not certified"
    else:
        v, keep_x, need, mix = cert
        payoffs, keep, incl = tuple(v), tuple(keep_x), tuple(need)
        proposals = {
            names[k]: [(tuple(names[j] for j in sets.members[i]), x) for i, x in mix.get(k, [])]
            for k in range(n)
        }
    return BargainingResult(
        players=names,
        weights=tuple(ws),
        quota=quota,
        delta=d,
        recognition=probs,
        payoffs=payoffs,
        proposer_shares=keep,
        inclusion=incl,
        exact=cert is not None,
        method=method,
        proposals=proposals,
        notes=tuple(notes),
    )


# ------------------------------------------------------------------ a parliament's game
@dataclass(frozen=True)
class BargainingReport:
    """Baron–Ferejohn shares of a house's (or coalition's) parties beside Gamson's law.

    ``gamson`` are the exact seat shares among the players; ``real`` the shares of the posts of
    the cabinet in office on the date (``None`` collects posts whose party is not recorded).
    """

    date: str
    players: str
    quota: int
    result: BargainingResult
    gamson: dict[str, Fraction]
    cabinet: str | None
    real: dict[str | None, Fraction]
    dropped: dict[str, int]
    notes: tuple[str, ...] = ()

    def rows(self) -> list[dict[str, Any]]:
        """Per party: seats, Baron–Ferejohn expected share, proposer share, Gamson share, real share."""
        out = []
        for p, w, v, keep in zip(
            self.result.players,
            self.result.weights,
            self.result.payoffs,
            self.result.proposer_shares,
        ):
            out.append(
                {
                    "party": p,
                    "seats": w,
                    "baron_ferejohn": str(v) if isinstance(v, Fraction) else v,
                    "baron_ferejohn_float": float(v),
                    "proposer_share": str(keep) if isinstance(keep, Fraction) else keep,
                    "gamson": str(self.gamson[p]),
                    "gamson_float": float(self.gamson[p]),
                    "real": str(self.real.get(p, Fraction(0))) if self.cabinet else None,
                }
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (the ``majlis bargain --json`` shape)."""
        return {
            "date": self.date,
            "players": self.players,
            "quota": self.quota,
            "delta": str(self.result.delta),
            "recognition": [str(x) for x in self.result.recognition],
            "exact": self.result.exact,
            "method": self.result.method,
            "parties": self.rows(),
            "cabinet": self.cabinet,
            "real_other": (
                {str(k): str(v) for k, v in self.real.items() if k not in self.result.players}
                if self.cabinet
                else None
            ),
            "dropped": self.dropped,
            "result": self.result.to_dict(),
            "notes": list(self.notes) + list(self.result.notes),
        }


def bargaining_report(
    ds: Any,
    *,
    election: Any = None,
    date: Any = None,
    coalition: str | None = None,
    recognition: str = "seats",
    delta: Any = Fraction(9, 10),
    min_seats: int | None = None,
) -> BargainingReport:
    """Baron–Ferejohn shares in a house, set beside Gamson's law and the cabinet of that day.

    The players are the members of ``coalition`` (an alliance id, or party ids separated by
    commas) holding seats, or else every party with at least ``min_seats`` seats; by default the
    largest parties, as many as :data:`MAX_PLAYERS` allows (parties tied at the cut are all left
    out). Independents and the parties left out are not players (listed in ``dropped``). A
    proposal needs the house's absolute majority.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> core = "sol,taqaddum,kdp,fatah,kurdistan-alliance,nsf,azm"
    >>> r = bargaining_report(load_dataset("iraq"), date="2022-10-27", coalition=core)
    >>> r.quota, r.cabinet, r.result.exact
    (165, 'sudani-2022', True)
    """
    from majlis.formation.portfolios import cabinet_holders, coalition_seats
    from majlis.model import parse_date

    house = ds.parliament(election=election, date=date)
    seats = house.seats
    dropped: dict[str, int] = {}
    if coalition:
        players, label = coalition_seats(ds, house, coalition)
    else:
        parties = sorted(
            ((p, s) for p, s in seats.items() if not ds.party(p).independents),
            key=lambda kv: (-kv[1], kv[0]),
        )
        if min_seats is None:
            cut = parties[MAX_PLAYERS][1] if len(parties) > MAX_PLAYERS else 0
            min_seats = cut + 1
        if isinstance(min_seats, bool) or not isinstance(min_seats, int) or min_seats < 1:
            raise ValidationError(f"min_seats must be a whole number >= 1, got {min_seats!r}")
        players = {p: s for p, s in parties if s >= min_seats}
        dropped = {p: s for p, s in seats.items() if p not in players}
        label = f"parties with at least {min_seats} seats"
    if not players:
        raise ValidationError(f"no players: {label} hold no seats on {house.date}")
    quota = house.majority
    if sum(players.values()) < quota:
        raise InfeasibleQuotaError(
            f"{label} hold {sum(players.values())} seats, fewer than the majority of {quota}: no proposal can pass"
        )
    result = baron_ferejohn(players, quota, delta=delta, recognition=recognition)
    total = sum(players.values())
    gamson = {p: Fraction(s, total) for p, s in players.items()}
    held = cabinet_holders(ds, parse_date(house.date))
    notes = list(held.notes)
    if held.cabinet and (ds.cabinet(held.cabinet).start or house.date) < house.election.date:
        notes = [
            f"cabinet {held.cabinet} in office then was formed before the {house.election.id} election: not compared"
        ]
        held = replace(held, cabinet=None)
    if dropped:
        notes.append(
            f"left out of the game: {sum(dropped.values())} seats of {len(dropped)} parties or independents under {min_seats} seats"
        )
    return BargainingReport(
        date=house.date.isoformat(),
        players=label,
        quota=quota,
        result=result,
        gamson=gamson,
        cabinet=held.cabinet,
        real=held.shares() if held.cabinet else {},
        dropped=dropped,
        notes=tuple(notes),
    )
