"""The turn procedure of SCENARIO_FORMAT.md, checked on tests/data/mini.toml."""

from __future__ import annotations

from wargame.engine import rules as engine
from wargame.engine.game import Game, replay
from wargame.engine.rng import draw
from wargame.engine.state import Cause, LogEntry


def test_effects_are_clamped_and_carry_their_cause(mini):
    state = engine.initial_state(mini)
    values, changes = engine.apply_effects(mini, state, [("cohesion", 50), ("tension", -80)],
                                           Cause("option", "x"))
    assert values["cohesion"] == 10 and values["tension"] == 0
    assert [(c.target, c.before, c.after, c.cause) for c in changes] == [
        ("cohesion", 5, 10, Cause("option", "x")), ("tension", 50, 0, Cause("option", "x"))]
    assert state.values["cohesion"] == 5, "the old state is never edited"


def test_non_repeatable_option_is_offered_once(mini):
    game = Game.new(mini, seed=1).decide("offer")
    offered = [o.id for o in game.waiting.options]
    assert "offer" not in offered and "warn" in offered


def test_when_decides_availability(mini):
    game = Game.new(mini, seed=1)
    assert "sign" not in [o.id for o in game.waiting.options]  # deal 10: stalled
    assert "sign" in [o.id for o in game.decide("offer").waiting.options]  # deal 25: talks


def test_simultaneous_turn_decides_on_the_opening_state(mini):
    # In turn two both decide on the state after its start events; the West's
    # option list does not see the East's troops yet, and effects apply in order.
    game = Game.new(mini, seed=1).decide("offer").decide("sign")
    two = [n for n in game.news if n.turn == "two"]
    assert [n.kind for n in two][:3] == ["event", "decision", "decision"]
    assert [n.actor for n in two if n.kind == "decision"] == ["west", "east"]
    assert game.ending.id == "war"


def test_end_events_see_earlier_effects_in_the_same_pass(mini):
    game = Game.new(mini, seed=1).decide("offer").decide("sign")
    spiral = next(n for n in game.news if n.source == "spiral")
    assert spiral.changes[0].before == 90 and spiral.changes[0].after == 100


def test_chance_zero_never_fires_and_keyed_draws_are_stable():
    assert draw(7, "one", "event", "x") == draw(7, "one", "event", "x")
    assert draw(7, "one", "event", "x") != draw(8, "one", "event", "x")
    assert 0 <= draw(0, "", "", "") < 1


def test_ai_with_all_weights_zero_passes(mini):
    out = replay(mini, 1, (), {"east": "dove"}, auto=True)
    east = [e for e in out.log if e.actor == "east"]
    assert east and all(e.passed for e in east)


def test_final_endings_only_after_the_last_turn(mini):
    out = replay(mini, 1, (), {"east": "dove", "west": "dove"}, auto=True)
    assert out.ending is not None and out.ending.final
    assert out.state.turn == len(mini.turns)


def test_same_seed_same_game_and_different_seeds_differ(bundled):
    a = replay(bundled, 11, (), "standard", auto=True)
    b = replay(bundled, 11, (), "standard", auto=True)
    assert a.log == b.log and a.state == b.state
    games = {tuple(e.option for e in replay(bundled, s, (), "standard", auto=True).log)
             for s in range(12)}
    assert len(games) > 1


def test_objectives_score_at_the_end(mini):
    game = Game.new(mini, seed=1).decide("offer").decide("sign")
    assert dict(game.scores) == {"west": 3, "east": 2}


def test_log_entry_for_an_ai_applies_as_written(mini):
    log = (LogEntry("one", "west", "warn"), LogEntry("one", "east", "wait"))
    game = Game.new(mini, seed=1, log=log)
    assert game.state.values["tension"] == 60  # east waited instead of massing troops
