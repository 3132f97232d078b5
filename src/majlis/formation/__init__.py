"""Government formation: coalition theories, the constitutional process, portfolios, bargaining.

The constitutional process (:mod:`majlis.formation.constitution`, :mod:`majlis.formation.process`,
:mod:`majlis.formation.replays`): rules as data (:class:`Constitution` presets ``iraq-2005``,
``spain-1978``, ``sweden-1974``), a deterministic state machine (:class:`FormationProcess`) that
computes every ballot from who attends, boycotts and votes for whom, and replays of sourced
scenarios with counterfactuals (:func:`replay`).
"""

from majlis.formation.constitution import (
    CONSTITUTIONS,
    Constitution,
    Deadline,
    Round,
    Step,
    Threshold,
    get_constitution,
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
