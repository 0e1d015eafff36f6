"""Properties every scenario written to the format must have, on generated scenarios.

A scenario drawn by ``scenario_gen`` is played by random seats, a random white
cell and the AI; whatever is drawn, the game must reach an ending, keep every
number inside its bounds and every track in a status the file defines, replay
the same from its log, survive a save and a load, and undo exactly one step.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_gen import NOTES, scenario_dicts

from wargame.engine.forecast import forecast_targets
from wargame.engine.game import Game
from wargame.engine.state import OFFER, Forecast
from wargame.saves.files import load_game, write_save
from wargame.scenario.load import load_scenario, parse_scenario
from wargame.scenario.model import Scenario

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
FAST = settings(max_examples=60, deadline=None, suppress_health_check=_QUIET)
SOAK = settings(max_examples=3000, deadline=None, suppress_health_check=_QUIET)


def both(*strategies):
    """A property run twice: briefly by default, and long in the opt-in soak run.

    ``given`` wraps the body anew on each call, so the two tests are separate
    functions; the soak one is named ``<name>_soak``.
    """
    def wrap(body):
        fast = FAST(given(*strategies)(body))
        soak = pytest.mark.soak(SOAK(given(*strategies)(body)))
        soak.__name__ = soak.__qualname__ = f"{body.__name__}_soak"
        globals()[soak.__name__] = soak
        return fast
    return wrap


def check_invariants(game: Game) -> None:
    """What a player must never see: a number out of range or an unknown status."""
    sc = game.scenario
    statuses = {s.id for s in sc.track_statuses}
    snapshots = [values for _, values in game.outcome.history] + [game.state.values]
    for values in snapshots:
        assert set(values) == set(sc.bounds)
        for target, value in values.items():
            low, high = sc.bounds[target]
            assert low <= value <= high, (target, value)
    for track in sc.tracks:
        assert game.status(track.id) in statuses
    for item in game.news:
        for change in item.changes:
            low, high = sc.bounds[change.target]
            assert low <= change.after <= high
            assert change.before != change.after
    if game.over:
        assert game.ending is not None and game.ending.id in sc.ending_by_id
        assert game.state.ending == game.ending.id
        assert set(game.scores) <= set(sc.actor_by_id)
    else:
        waiting = game.waiting
        assert waiting is not None
        assert waiting.actor in game.seats
        assert waiting.options or waiting.terms or waiting.kind == "answer"


def _policy(data: st.DataObject, sc: Scenario) -> Any:
    doctrines = [p.id for p in sc.doctrines]
    if data.draw(st.booleans()):
        return data.draw(st.sampled_from(doctrines))
    actors = data.draw(st.lists(st.sampled_from([a.id for a in sc.actors]), unique=True))
    return {a: data.draw(st.sampled_from(doctrines)) for a in actors}


def new_game(data: st.DataObject, sc: Scenario) -> Game:
    playable = [a.id for a in sc.actors if a.playable]
    seats = data.draw(st.lists(st.sampled_from(playable), unique=True) if playable
                      else st.just([]))
    seed = data.draw(st.integers(0, 2**63))
    return Game.new(sc, seed, seats, _policy(data, sc))


def act(data: st.DataObject, game: Game) -> Game:
    """What the waiting seat does: answer an offer, or choose, offer or (with no option)
    pass."""
    waiting = game.waiting
    assert waiting is not None
    if waiting.kind == "answer":
        return game.answer(data.draw(st.booleans()))
    moves = ["option"] * bool(waiting.options) + ["package"] * bool(waiting.packages)
    moves += ["terms"] * bool(waiting.terms) + ["pass"] * (not waiting.options)
    move = data.draw(st.sampled_from(moves))
    if move == "option":
        return game.decide(data.draw(st.sampled_from(waiting.options)).id, data.draw(NOTES),
                           forecasts(data, game))
    if move == "package":
        return game.offer(package=data.draw(st.sampled_from(waiting.packages)).id,
                          forecast=forecasts(data, game))
    if move == "terms":
        first = data.draw(st.sampled_from(waiting.terms))
        to = data.draw(st.sampled_from(game.answerers(first.id)))
        more = [t.id for t in waiting.terms if t.id != first.id and to in game.answerers(t.id)]
        terms = [first.id, *data.draw(st.lists(st.sampled_from(more), unique=True, max_size=2)
                                      if more else st.just([]))]
        assert game.offer_problem(terms, to) is None
        return game.offer(terms, to, note=data.draw(NOTES), forecast=forecasts(data, game))
    return game.pass_turn()


REASONS = NOTES.filter(str.strip)
"""A white-cell action always has a reason: the game refuses one without."""


def forecasts(data: st.DataObject, game: Game) -> tuple[Forecast, ...]:
    """What the waiting seat may expect of the others: an option or (in a turn that opens a
    track) an offer, with a confidence, or no idea."""
    sc = game.scenario
    waiting = game.waiting
    assert waiting is not None
    turn = sc.turn_by_id[waiting.turn]
    out = []
    for actor in forecast_targets(turn, waiting.actor):
        if data.draw(st.booleans()):
            continue
        options = [o.id for o in sc.options_for(actor, turn.id)] + [OFFER] * bool(turn.negotiate)
        if options and data.draw(st.booleans()):
            out.append(Forecast(actor, data.draw(st.sampled_from(options)),
                                data.draw(st.floats(0, 1))))
        else:
            out.append(Forecast(actor))
    return tuple(out)


def step(data: st.DataObject, game: Game, rewinds: bool = False) -> Game:
    """One thing a person does while a seat waits: mostly decide, sometimes the white cell.

    ``rewinds``: the white cell may also rewind (not in a game that must end).
    """
    sc = game.scenario
    waiting = game.waiting
    assert waiting is not None
    moves = ("decide",) * 4 + ("inject", "adjust") + (("rewind",) if rewinds else ())
    move = data.draw(st.sampled_from(moves))
    if waiting.kind == "answer":
        move = "decide"  # the white cell waits while an offer waits for its answer
    if move == "inject" and sc.events:
        return game.inject(data.draw(st.sampled_from([e.id for e in sc.events])),
                           data.draw(REASONS))
    if move == "adjust" and sc.bounds:
        target = data.draw(st.sampled_from(sorted(sc.bounds)))
        by = data.draw(st.one_of(st.integers(-300, 300),
                                 st.floats(-1e6, 1e6, allow_nan=False)))
        return game.adjust(target, by, data.draw(REASONS))
    if move == "rewind":
        turn = data.draw(st.sampled_from(sc.turns[:game.turn.index]))
        return game.rewind(turn.id, data.draw(REASONS))
    return act(data, game)


def play_out(data: st.DataObject, game: Game) -> Game:
    # Each step adds one entry to the log and a game has finitely many
    # decisions; the white cell is bounded so a game cannot grow forever.
    for _ in range(200):
        check_invariants(game)
        if game.over:
            return game
        game = step(data, game)
    pytest.fail("the game did not end after 200 actions")


@both(scenario_dicts(), st.data())
def test_every_generated_game_reaches_an_ending_within_bounds(table, data):
    sc = parse_scenario(table, "gen")
    game = play_out(data, new_game(data, sc))
    assert game.over
    assert game.news[-1].kind == "ending"


@both(scenario_dicts(), st.data())
def test_same_seed_and_log_give_the_same_game(table, data):
    sc = parse_scenario(table, "gen")
    game = new_game(data, sc)
    for _ in range(data.draw(st.integers(0, 6))):
        if game.over:
            break
        game = step(data, game, rewinds=True)
    # A fresh load of the same table, and both the full log and only the
    # people's entries (the AI fills in the rest the same way).
    again = parse_scenario(table, "gen")
    full = Game.new(again, game.seed, game.seats, game.policy, game.outcome.log)
    own = Game.new(again, game.seed, game.seats, game.policy, game.log)
    for other in (full, own):
        assert other.state == game.state
        assert other.news == game.news
        assert other.outcome.log == game.outcome.log
        assert other.waiting == game.waiting
        assert other.scores == game.scores


@both(scenario_dicts())
def test_a_scenario_written_to_toml_loads_the_same(table):
    text = tomli_w.dumps(table)
    from_text = parse_scenario(text, "gen")
    from_table = parse_scenario(table, "gen")
    assert attrs.evolve(from_text, sha256="") == from_table


@both(scenario_dicts(), st.data())
def test_save_then_load_gives_the_same_game(table, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scenario_file = folder / "scenarios" / "gen.toml"
        scenario_file.parent.mkdir()
        scenario_file.write_text(tomli_w.dumps(table), encoding="utf-8")
        sc = load_scenario(scenario_file)
        game = new_game(data, sc)
        for _ in range(data.draw(st.integers(0, 8))):
            if game.over:
                break
            game = step(data, game, rewinds=True)
        path = write_save(game, folder / "saves" / "game.toml")
        loaded = load_game(path)
    assert loaded.warnings == ()
    other = loaded.game
    assert (other.seed, other.seats, other.policy) == (game.seed, game.seats, game.policy)
    assert other.outcome.log == game.outcome.log
    assert other.state == game.state
    assert other.news == game.news
    assert other.waiting == game.waiting
    assert other.ending == game.ending


@both(scenario_dicts(), st.data())
def test_undo_after_a_decision_gives_the_state_before_it(table, data):
    sc = parse_scenario(table, "gen")
    game = new_game(data, sc)
    for _ in range(data.draw(st.integers(0, 5))):
        if game.over:
            break
        game = step(data, game, rewinds=True)
    if game.over:
        return
    after = act(data, game)
    before = after.undo()
    assert before.state == game.state
    assert before.waiting == game.waiting
    assert before.news == game.news
    assert before.outcome.log == game.outcome.log



@both(scenario_dicts(), st.data())
def test_a_game_that_grows_is_the_game_its_whole_log_replays(table, data):
    """Each action goes on from where the game waited (replay.resume): the outcome,
    history and news included, is the one a replay of the whole log from the start gives."""
    sc = parse_scenario(table, "gen")
    game = new_game(data, sc)
    for _ in range(data.draw(st.integers(1, 12))):
        if game.over:
            break
        game = step(data, game)
        whole = Game.start(game.setup, game.log, game.auto)
        assert whole.outcome == game.outcome
        assert whole.outcome.history == game.outcome.history
