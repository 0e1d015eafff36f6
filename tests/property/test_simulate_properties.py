"""Simulations of generated scenarios: the same games whatever the number of workers.

Worker processes may reload the scenario from its file, so each generated
table is written to a temporary file and loaded from there, as a designer's
scenario would be.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_gen import scenario_dicts

from wargame.analysis.simulate import CHUNK, play_one, run_games
from wargame.engine.game import Game
from wargame.scenario.load import load_scenario

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]


def _load(table: dict, folder: Path):
    path = folder / "gen.toml"
    path.write_text(tomli_w.dumps(table), encoding="utf-8")
    return load_scenario(path)


def _policy(data: st.DataObject, sc) -> str:
    return data.draw(st.sampled_from([p.id for p in sc.doctrines]))


def _jobs_agree(table, data):
    with tempfile.TemporaryDirectory() as tmp:
        sc = _load(table, Path(tmp))
        policy = _policy(data, sc)
        seed = data.draw(st.integers(0, 2**40))
        # More games than one chunk, or run_games rightly uses a single process.
        runs = CHUNK + data.draw(st.integers(1, 60))
        one = run_games(sc, runs, seed, policy, jobs=1)
        two = run_games(sc, runs, seed, policy, jobs=2)
    assert [g.seed for g in one] == list(range(seed, seed + runs))
    assert one == two
    statuses = {s.id for s in sc.track_statuses}
    for game in one:
        assert game.ending in sc.ending_by_id
        for target, value in game.values.items():
            low, high = sc.bounds[target]
            assert low <= value <= high
        assert set(game.statuses.values()) <= statuses


test_simulate_with_one_and_two_jobs_agree = settings(
    max_examples=8, deadline=None, suppress_health_check=_QUIET)(
    given(scenario_dicts(), st.data())(_jobs_agree))
test_simulate_with_one_and_two_jobs_agree_soak = pytest.mark.soak(settings(
    max_examples=200, deadline=None, suppress_health_check=_QUIET)(
    given(scenario_dicts(), st.data())(_jobs_agree)))


def _summary_matches_a_played_game(table, data):
    """A simulated game is the game a player would see with the AI on every seat."""
    with tempfile.TemporaryDirectory() as tmp:
        sc = _load(table, Path(tmp))
    policy = _policy(data, sc)
    seed = data.draw(st.integers(0, 2**63))
    summary = play_one(sc, seed, policy)
    game = Game.new(sc, seed, (), policy, auto=True)
    assert game.over
    assert summary.ending == game.ending.id
    assert summary.turns == game.state.turn
    assert dict(summary.values) == dict(game.state.values)
    assert summary.fired == game.state.fired
    assert summary.chosen == tuple(
        e.option for e in game.outcome.log if e.option and not e.is_facilitator)
    assert dict(summary.scores) == dict(game.scores)
    assert (summary.offered, summary.signed, summary.breached) == (
        game.state.offered, game.state.signed, game.state.breached)
    assert [(p, t, ok) for p, t, ok in summary.offers] == [
        (n.source, n.terms, n.answer == "accept") for n in game.news if n.kind == "answer"]


test_simulated_game_matches_a_played_game = settings(
    max_examples=80, deadline=None, suppress_health_check=_QUIET)(
    given(scenario_dicts(), st.data())(_summary_matches_a_played_game))
test_simulated_game_matches_a_played_game_soak = pytest.mark.soak(settings(
    max_examples=5000, deadline=None, suppress_health_check=_QUIET)(
    given(scenario_dicts(), st.data())(_summary_matches_a_played_game)))
