"""Negotiation simulation: a coordination council, committees and red lines, run many times.

Public API (stable names)::

    negotiate(scenario, *, runs, seed, sets, no_resignation, move, counterfactuals, params,
              council_rule, committees, rounds, executor, chunk_size) -> NegotiationReport
    NegotiationReport.to_dict()  # {"runs": N, "outcomes": [{"government": [...] | None,
                                 #   "kind": "consensus" | "majority" | "deadlock",
                                 #   "probability": p, ...}], ...}
    trace_run(scenario, seed, run=0, **overrides) -> NegotiationTrace
    NegotiationTrace.rounds      # [TraceRound(round, date, events, snapshot)]
    NegotiationTrace.to_dict(), NegotiationTrace.text()
    load_scenario(id_or_path) -> dict;  list_scenarios() -> ["iraq-2021", ...]
    prepare(scenario, **overrides) -> NegotiationSpec  (resolved, with .provenance())

Modules, one job each:

* :mod:`~majlis.formation.negotiation.actors` -- actors, red lines and the utility they use;
* :mod:`~majlis.formation.negotiation.council` -- the council's registered rules for choosing a
  prime-minister candidate;
* :mod:`~majlis.formation.negotiation.committees` -- channels, offers, the acceptance rule and
  concessions;
* :mod:`~majlis.formation.negotiation.thresholds` -- what a camp can reach (165 / 220 / 110 in
  Iraq) on the formation process engine;
* :mod:`~majlis.formation.negotiation.params` -- the behavioural parameters and their ranges;
* :mod:`~majlis.formation.negotiation.scenario` -- scenario files (data vs assumptions) and
  their resolution on a dataset;
* :mod:`~majlis.formation.negotiation.simulation` -- one run, round by round;
* :mod:`~majlis.formation.negotiation.trace` -- the trace a person reads;
* :mod:`~majlis.formation.negotiation.batch` -- many runs (:func:`negotiate`), outcome
  probabilities.
"""

from majlis.formation.negotiation.actors import Actor, RedLine, utility
from majlis.formation.negotiation.batch import (
    NegotiationReport,
    NegotiationTrace,
    Outcome,
    TraceRound,
    list_scenarios,
    load_scenario,
    negotiate,
    prepare,
    run_rng,
    trace_run,
)
from majlis.formation.negotiation.committees import Channel, Concession, Offer, accepts
from majlis.formation.negotiation.council import (
    COUNCIL_RULES,
    Candidate,
    Council,
    CouncilDecision,
    Leader,
    LeaderStance,
    LeaderView,
    decide,
)
from majlis.formation.negotiation.params import PARAMETERS, Distribution, ParameterSet
from majlis.formation.negotiation.scenario import (
    NegotiationSpec,
    apply_overrides,
    list_negotiation_scenarios,
    load_negotiation_scenario,
    resolve_scenario,
)
from majlis.formation.negotiation.simulation import Government, RunRecord, simulate_run
from majlis.formation.negotiation.thresholds import (
    Thresholds,
    Viability,
    check_government,
    thresholds,
)
from majlis.formation.negotiation.trace import RoundSnapshot, TraceEvent, render_trace

__all__ = [
    "COUNCIL_RULES",
    "PARAMETERS",
    "Actor",
    "Candidate",
    "Channel",
    "Concession",
    "Council",
    "CouncilDecision",
    "Distribution",
    "Government",
    "Leader",
    "LeaderStance",
    "LeaderView",
    "NegotiationReport",
    "NegotiationSpec",
    "NegotiationTrace",
    "Offer",
    "Outcome",
    "ParameterSet",
    "RedLine",
    "RoundSnapshot",
    "RunRecord",
    "Thresholds",
    "TraceEvent",
    "TraceRound",
    "Viability",
    "accepts",
    "apply_overrides",
    "check_government",
    "decide",
    "list_negotiation_scenarios",
    "list_scenarios",
    "load_negotiation_scenario",
    "load_scenario",
    "negotiate",
    "prepare",
    "render_trace",
    "resolve_scenario",
    "run_rng",
    "simulate_run",
    "thresholds",
    "trace_run",
    "utility",
]
