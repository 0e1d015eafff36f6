"""Lint's static analysis is sound: what it calls impossible never happens in play.

On generated scenarios, every simulated game stays inside the ranges lint
computes, never chooses an option or fires an event lint calls dead, and
never ends in an ending lint says can't be reached.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_gen import scenario_dicts

from wargame.analysis.lint import reach, static_findings
from wargame.engine.replay import autoplay
from wargame.scenario.load import parse_scenario

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]


def _never_reached_endings(sc) -> set[str]:
    return {sc.endings[int(where.split("[")[1].split("]")[0])].id
            for where, message in static_findings(sc)
            if where.startswith("endings[") and ("never" in message)}


def _sound(table, data):
    sc = parse_scenario(table, "gen")
    r = reach(sc)
    never_end = _never_reached_endings(sc)
    policy = data.draw(st.sampled_from([p.id for p in sc.doctrines]))
    for seed in data.draw(st.lists(st.integers(0, 2**32), min_size=1, max_size=8)):
        out = autoplay(sc, seed, policy)
        for _, values in out.history:
            for target, value in values.items():
                low, high = r.bounds[target]
                assert low <= value <= high, (target, value, r.bounds[target])
        assert not (out.state.chosen | out.state.fired | out.state.offered) & r.dead
        assert not {f"breach:{t}" for t in out.state.breached} & r.dead
        assert out.ending is None or out.ending.id not in never_end


test_lint_static_analysis_is_sound = settings(
    max_examples=60, deadline=None, suppress_health_check=_QUIET)(
    given(scenario_dicts(), st.data())(_sound))
test_lint_static_analysis_is_sound_soak = pytest.mark.soak(settings(
    max_examples=3000, deadline=None, suppress_health_check=_QUIET)(
    given(scenario_dicts(), st.data())(_sound)))


def _reports(table, data):
    """Simulate's statistics and lint run on any valid scenario and give strict JSON."""
    import json

    from wargame.analysis import stats as coverage
    from wargame.analysis.lint import lint
    from wargame.analysis.simulate import run_games

    sc = parse_scenario(table, "gen")
    runs = data.draw(st.integers(1, 30))
    games = run_games(sc, runs, data.draw(st.integers(0, 2**32)))
    stats = coverage.summarise(sc, games)
    json.dumps(stats, allow_nan=False)
    text = coverage.render(stats)
    assert f"Coverage: never reached in {runs} games" in text
    assert sum(e["count"] for e in stats["endings"]) == runs
    for problem in lint(sc, 20):
        assert "\n" not in str(problem) and str(problem).startswith("gen: ")


test_simulate_and_lint_report_on_any_scenario = settings(
    max_examples=40, deadline=None, suppress_health_check=_QUIET)(
    given(scenario_dicts(), st.data())(_reports))
