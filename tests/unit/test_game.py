"""A game is its log: undo, rewind, save and load are replays."""

from __future__ import annotations

import pytest

from wargame.engine.game import Game, GameError
from wargame.engine.state import LogEntry
from wargame.errors import LogError, SaveError
from wargame.saves.files import load_game, read_save, save_path, write_save


def test_undo_gives_the_state_before_the_decision(mini):
    start = Game.new(mini, seed=2)
    after = start.decide("warn")
    back = after.undo()
    assert back.state == start.state and back.waiting == start.waiting
    assert back.news == start.news


def test_undo_takes_back_a_facilitator_action_too(mini):
    game = Game.new(mini, seed=2)
    adjusted = game.adjust("tension", -20, "calm")
    assert adjusted.state.values["tension"] == 30
    assert adjusted.undo().state == game.state


def test_nothing_to_undo_at_the_start(mini):
    with pytest.raises(GameError):
        Game.new(mini, seed=2).undo()


def test_rewind_to_the_start_of_an_earlier_turn(mini):
    game = Game.new(mini, seed=2).decide("offer")
    assert game.waiting.turn == "two"
    first = game.rewind("one", "again")
    assert first.state == Game.new(mini, seed=2).state
    again = game.rewind("two", "again")
    assert again.state == game.state


def test_rewind_refuses_turns_not_reached(mini):
    with pytest.raises(GameError, match="not been reached"):
        Game.new(mini, seed=2).rewind("three", "why")


def test_save_then_load_gives_the_same_game(mini, tmp_path):
    game = Game.new(mini, seed=9).decide("offer", note="talks first").inject("maybe", "thaw")
    path = write_save(game, tmp_path / "mid.toml")
    loaded = load_game(path)
    assert loaded.warnings == ()
    assert loaded.game.state == game.state
    assert loaded.game.outcome.log == game.outcome.log
    assert loaded.game.waiting == game.waiting
    text = path.read_text()
    assert 'note = "talks first"' in text and 'inject = "maybe"' in text


def test_a_save_records_the_ai_decisions(mini, tmp_path):
    game = Game.new(mini, seed=9).decide("offer")
    save = read_save(write_save(game, tmp_path / "s.toml"))
    assert [(e.actor, e.option) for e in save.log] == [("west", "offer"), ("east", "mass")]


def test_a_changed_scenario_warns_but_loads(mini, tmp_path):
    source = mini.source
    copy = tmp_path / "mini.toml"
    copy.write_text(open(source).read())
    from wargame.scenario.load import load_scenario

    game = Game.new(load_scenario(copy), seed=4).decide("warn")
    path = write_save(game, tmp_path / "a.toml")
    copy.write_text(copy.read_text() + "\n# a comment changes the digest\n")
    loaded = load_game(path)
    assert loaded.game.state == game.state
    assert any("digest differs" in w for w in loaded.warnings)


def test_a_log_that_no_longer_applies_names_the_entry(mini, tmp_path):
    game = Game.new(mini, seed=4).decide("offer")
    path = write_save(game, tmp_path / "a.toml")
    path.write_text(path.read_text().replace('option = "offer"', 'option = "sign"'))
    with pytest.raises(SaveError, match=r"log\[0\] \(turn 'one'\): option 'sign' is not "
                                        r"available now"):
        load_game(path)


def test_a_human_entry_out_of_order_is_an_error(mini):
    with pytest.raises(LogError, match=r"log\[0\]"):
        Game.new(mini, seed=1, log=(LogEntry("two", "west", "warn"),))


def test_decide_refuses_what_is_not_offered(mini):
    with pytest.raises(GameError, match="belongs to 'east'"):
        Game.new(mini, seed=1).decide("mass")


def test_save_names_cannot_leave_the_folder(tmp_path):
    assert save_path("turn 3", tmp_path) == tmp_path / "turn 3.toml"
    for bad in ("../x", "/etc/passwd", "a/b", "nul", "COM1", "", "..", "a\x00b"):
        with pytest.raises(SaveError):
            save_path(bad, tmp_path)


def test_note_attaches_a_rationale_to_the_last_decision(mini):
    game = Game.new(mini, seed=1).decide("warn").note("signal resolve")
    assert game.outcome.log[0].note == "signal resolve"
    assert next(n for n in game.news if n.source == "warn").note == "signal resolve"


@pytest.mark.parametrize("note", ["\x1b[2J", "a\x9bb", "bell\x07", "cr\r"])
def test_a_note_with_a_control_character_is_refused_before_it_reaches_a_save(mini, note):
    """A save refuses control characters (they would reach a terminal): so does the game."""
    game = Game.new(mini, 5, ("west",))
    with pytest.raises(GameError, match="control character"):
        game.decide("warn", note)
    with pytest.raises(GameError, match="control character"):
        game.adjust("tension", 1, note)
    with pytest.raises(GameError, match="control character"):
        game.decide("warn").note(note)
    # newline and tab are text
    assert game.decide("warn", "two\tlines\nof it").log[-1].note == "two\tlines\nof it"


def test_the_example_save_loads_and_waits_for_its_seat():
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent.parent / "saves" / "example.toml"
    loaded = load_game(example)
    assert loaded.game.waiting is not None and loaded.game.waiting.actor == "us"
    assert any(e.adjust == "cohesion" for e in loaded.game.outcome.log)
    assert any(e.note for e in loaded.game.outcome.log)


def test_rewind_to_a_turn_in_which_nobody_decides():
    # Found by the property tests: the rewind's record belongs to turn one, in
    # which nobody decides, and the game then waits in turn two. Going on from
    # where the old branch waited (turn two) applied the record one turn late,
    # and the rewind failed with "facilitator action for turn 't0'".
    import datetime as dt

    from wargame.engine.replay import replay
    from wargame.scenario.load import parse_scenario

    sc = parse_scenario({
        "format": 1,
        "scenario": {"id": "quiet_start", "title": "Quiet start",
                     "track_statuses": [{"id": "s0", "from": 0}]},
        "actors": [{"id": "a0", "name": "A"}],
        "indicators": [{"id": "x0", "name": "X", "start": 1}],
        "tracks": [],
        "turns": [{"id": "t0", "date": dt.date(2022, 1, 1), "title": "Nobody", "actors": []},
                  {"id": "t1", "date": dt.date(2022, 1, 2), "title": "A", "actors": ["a0"]}],
        "options": [{"id": "o0", "actor": "a0", "kind": "neutral", "title": "O"}],
        "events": [],
        "endings": [{"id": "n0", "title": "End", "tone": "mixed", "final": True}],
    }, "quiet_start.toml")
    game = Game.new(sc, 1, ("a0",))
    assert game.waiting is not None and game.waiting.turn == "t1"
    rewound = game.rewind("t0", "again")
    again = replay(sc, 1, ("a0",), None, rewound.outcome.log)
    assert rewound.state == again.state and rewound.waiting == again.waiting
    assert [e.rewound_from for e in rewound.outcome.log] == ["t1"]
