"""Stopping a negotiation run early: the report is partial and counts exactly the runs done."""

from __future__ import annotations

from majlis.formation.negotiation import negotiate


def test_should_stop_gives_a_partial_report_of_the_first_runs() -> None:
    polls = []

    def stop() -> bool:
        polls.append(1)
        return len(polls) > 1  # let the first chunk run, then stop

    part = negotiate("iraq-2021", runs=60, seed=3, chunk_size=20, should_stop=stop)
    doc = part.to_dict()
    assert doc["partial"] is True and 0 < doc["done"] < 60
    # runs are seeded one by one, so the finished runs are the first ones of a whole run
    whole = negotiate("iraq-2021", runs=doc["done"], seed=3, chunk_size=20).to_dict()
    assert doc["outcomes"] == whole["outcomes"]
