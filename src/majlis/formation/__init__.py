"""Government formation: coalition theories, the constitutional process, portfolios, bargaining.

The constitutional process (:mod:`majlis.formation.constitution`, :mod:`majlis.formation.process`,
:mod:`majlis.formation.replays`): rules as data (:class:`Constitution` presets ``iraq-2005``,
``spain-1978``, ``sweden-1974``), a deterministic state machine (:class:`FormationProcess`) that
computes every ballot from who attends, boycotts and votes for whom, and replays of sourced
scenarios with counterfactuals (:func:`replay`).

Coalition theories and the fitted model
    :func:`predict` ranks the potential governments of formation opportunities
    (:class:`~majlis.model.FormationOpportunity`, or a :class:`~majlis.model.Parliament`)
    with one registered theory (:data:`THEORIES`: ``minimal-winning``, ``minimum-winning``,
    ``fewest-parties``, ``minimal-range``, ``minimal-connected``, ``minimal-distance``,
    ``largest-party``, ``incumbent``, ``model``); :func:`get_theory`,
    :func:`coalition_theory` (the registry), :class:`RankedCoalition`,
    :class:`Predictions`; :func:`rank_cabinet` says where a government ranks under each
    theory (:class:`CabinetRanks`).
Backtest
    :func:`backtest` scores every theory on real cabinets (ParlGov's post-election
    formations by default; the model out of sample, leave-one-country-out),
    :class:`BacktestResult`, :func:`read_opportunities` (the ``majlis predict --input``
    JSON format).
The fitted model
    :func:`load_model` (the shipped coefficients), :func:`fit_model`,
    :class:`CoalitionModel`, :data:`FEATURES`.
Potential governments
    :func:`potential_governments`, :func:`minimal_winning`, :func:`connected_winning`,
    :func:`coalition_status` (minority, minimal winning or surplus).
Positions, portfolios and bargaining
    :func:`position_report` (the policy space of a house), :func:`portfolio_report` and
    :func:`allocate` with the rules of :data:`PORTFOLIO_RULES` (Gamson, sequential D'Hondt,
    weighted, Iraq's points), :func:`bargaining_report` and :func:`baron_ferejohn`.
Negotiation (:mod:`majlis.formation.negotiation`)
    :func:`negotiate` runs a scenario's coordination council, committees and red lines many
    times; :func:`trace_run` replays one run round by round.

Examples
--------
>>> from majlis.formation import predict
>>> from majlis.model import FormationOpportunity, OpportunityParty
>>> opp = FormationOpportunity("x", 100, 51, tuple(OpportunityParty(p, s, left_right=x)
...       for p, s, x in [("A", 45, 2), ("B", 40, 6), ("C", 15, 5)]))
>>> [c.parties for c in predict(opp, "minimal-connected").results[0].predictions]
[('A', 'C'), ('B', 'C')]
"""

from majlis.formation import theories as _theories  # registers the theories
from majlis.formation._registry import THEORIES, TheoryInfo, coalition_theory, get_theory
from majlis.formation.backtest import (
    BacktestResult,
    OpportunityOutcome,
    TheoryScore,
    backtest,
    read_opportunities,
)
from majlis.formation.bargaining import (
    BargainingReport,
    BargainingResult,
    bargaining_report,
    baron_ferejohn,
)
from majlis.formation.candidates import (
    CandidateSet,
    coalition_status,
    connected_winning,
    minimal_winning,
    potential_governments,
)
from majlis.formation.constitution import (
    CONSTITUTIONS,
    Constitution,
    Deadline,
    Round,
    Step,
    Threshold,
    get_constitution,
)
from majlis.formation.logit import FEATURES, CoalitionModel, fit_model, load_model
from majlis.formation.negotiation import (
    NegotiationReport,
    NegotiationTrace,
    negotiate,
    trace_run,
)
from majlis.formation.negotiation import (
    list_scenarios as list_negotiation_scenarios,
)
from majlis.formation.negotiation import (
    load_scenario as load_negotiation_scenario,
)
from majlis.formation.portfolios import (
    PORTFOLIO_RULES,
    PortfolioReport,
    allocate,
    portfolio_report,
    portfolio_rule,
)
from majlis.formation.positions import PositionReport, position_report
from majlis.formation.predict import (
    CabinetRank,
    CabinetRanks,
    OpportunityPrediction,
    Predictions,
    predict,
    rank_cabinet,
)
from majlis.formation.process import (
    Ballot,
    Camp,
    FormationProcess,
    House,
    StepRecord,
    blocking_ballots,
    run_session,
    tally,
)
from majlis.formation.replays import (
    FormationResult,
    FormationScenario,
    list_formation_scenarios,
    load_formation_scenario,
    replay,
)
from majlis.formation.theories import RankedCoalition

__all__ = [
    "CONSTITUTIONS",
    "PORTFOLIO_RULES",
    "BargainingReport",
    "BargainingResult",
    "bargaining_report",
    "baron_ferejohn",
    "PortfolioReport",
    "allocate",
    "portfolio_report",
    "portfolio_rule",
    "PositionReport",
    "position_report",
    "NegotiationReport",
    "NegotiationTrace",
    "list_negotiation_scenarios",
    "load_negotiation_scenario",
    "negotiate",
    "trace_run",
    "FEATURES",
    "THEORIES",
    "backtest",
    "BacktestResult",
    "Ballot",
    "blocking_ballots",
    "CabinetRank",
    "CabinetRanks",
    "Camp",
    "CandidateSet",
    "coalition_status",
    "coalition_theory",
    "CoalitionModel",
    "connected_winning",
    "Constitution",
    "Deadline",
    "fit_model",
    "FormationProcess",
    "FormationResult",
    "FormationScenario",
    "get_constitution",
    "get_theory",
    "House",
    "list_formation_scenarios",
    "load_formation_scenario",
    "load_model",
    "minimal_winning",
    "OpportunityOutcome",
    "OpportunityPrediction",
    "potential_governments",
    "predict",
    "Predictions",
    "rank_cabinet",
    "RankedCoalition",
    "read_opportunities",
    "replay",
    "Round",
    "run_session",
    "Step",
    "StepRecord",
    "tally",
    "TheoryInfo",
    "TheoryScore",
    "Threshold",
]
