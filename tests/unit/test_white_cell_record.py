"""Every white-cell action, rewind included, is in the log with its reason, and in the report.

A rewind used to cut the log and keep nothing of itself; an inject without a
reason was logged as "White cell inject" (issue 14).
"""

from __future__ import annotations

import pytest

from wargame.cli.main import main
from wargame.engine.game import Game, GameError
from wargame.errors import SaveError
from wargame.report.model import build
from wargame.report.write import render
from wargame.saves.files import load_game, read_save, write_save


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_white_cell_actions_without_a_reason_are_refused(mini, reason):
    game = Game.new(mini, 5, ["west"])
    with pytest.raises(GameError, match="needs a reason"):
        game.inject("maybe", reason)
    with pytest.raises(GameError, match="needs a reason"):
        game.adjust("tension", 5, reason)
    with pytest.raises(GameError, match="needs a reason"):
        game.decide("offer").rewind("one", reason)


def test_a_rewind_starts_the_new_branch_with_its_origin_and_reason(mini):
    # Under the dove doctrine the East passes, so the game lasts all three turns.
    game = Game.new(mini, 5, ["west"], "dove").decide("offer", "talk").decide("warn", "deter")
    assert game.waiting.turn == "three"
    back = game.rewind("two", "  Brief the teams on the leak first ")
    assert back.waiting.turn == "two"
    kept, record = back.outcome.log[:-1], back.outcome.log[-1]
    # What came before turn two is kept, then the record: nothing of turn two or later.
    assert kept == tuple(e for e in game.outcome.log if e.turn == "one")
    assert (record.turn, record.rewound_from, record.note, record.kind) == (
        "two", "three", "Brief the teams on the leak first", "rewind")
    assert record.is_facilitator
    # It moves nothing: the state is that of a game that never went past turn two.
    assert back.state == game.undo().state
    item = back.news[-1]
    assert item.kind == "rewind" and item.note == "Brief the teams on the leak first"
    assert item.title == ("White cell rewinds to the start of turn 2, Second round "
                          "(from turn 3, Third round)")


def test_a_rewind_saves_loads_replays_and_reports(mini, tmp_path, capsys):
    game = Game.new(mini, 5, ["west"]).decide("offer", "talk")
    back = game.rewind("one", "Start over with the new brief").decide("warn", "deter")
    path = write_save(back, tmp_path / "rewound.toml")
    text = path.read_text()
    assert 'rewound_from = "two"' in text and 'note = "Start over with the new brief"' in text
    loaded = load_game(path)
    assert loaded.game.outcome.log == back.outcome.log
    assert loaded.game.news == back.news
    assert main(["replay", str(path)]) == 0
    out = capsys.readouterr().out
    assert "White cell rewinds to the start of turn 1, First round" in out
    assert "note: Start over with the new brief" in out
    report = render(loaded.game, "md", runs=0)
    assert "## The white cell's actions" in report
    assert "Reason: “Start over with the new brief”" in report
    html = render(loaded.game, "html", runs=0)
    assert "white cell rewind" in html and "Start over with the new brief" in html


def test_the_report_lists_every_white_cell_action_with_its_reason(mini):
    game = Game.new(mini, 5, ["west"]).adjust("cohesion", 2, "Allies reassured")
    game = game.decide("offer").inject("maybe", "A thaw")
    game = game.rewind("one", "Replay it")
    rows = build(game).white_cell
    assert [(r.turn, r.kind, r.reason) for r in rows] == [(1, "rewind", "Replay it")]
    game = game.adjust("tension", -5, "Calmer news").decide("warn")
    rows = build(game).white_cell
    assert [(r.kind, r.reason) for r in rows] == [("rewind", "Replay it"),
                                                  ("adjust", "Calmer news")]
    assert rows[1].action == "White cell adjusts Tension by -5 (Tension 50→45 (-5))"
    assert build(game).interventions == 2


def test_undo_after_a_rewind_takes_back_what_came_before_it(mini):
    game = Game.new(mini, 5, ["west"], "dove").decide("offer").decide("warn")
    back = game.rewind("two", "again")
    # The record itself is not an action to take back: undo takes the decision before it.
    undone = back.undo()
    assert undone.outcome.log == ()
    assert undone.state == Game.new(mini, 5, ["west"], "dove").state


def _save_with(tmp_path, entry: str):
    path = tmp_path / "s.toml"
    path.write_text(f'format = 1\nscenario = "mini"\nscenario_file = "{tmp_path}/m.toml"\n'
                    f'seed = 5\nseats = ["west"]\n\n[[log]]\nturn = "one"\nactor = "west"\n'
                    f'option = "offer"\n\n[[log]]\n{entry}\n')
    return path


def test_a_bad_rewind_record_is_refused_naming_the_entry(mini, tmp_path):
    (tmp_path / "m.toml").write_text(open(mini.source).read())
    path = _save_with(tmp_path, 'turn = "two"\nrewound_from = "nowhere"\nnote = "x"')
    with pytest.raises(SaveError, match=r"log\[\d\] \(turn 'two'\): rewound from unknown turn"):
        load_game(path)
    path = _save_with(tmp_path, 'turn = "two"\nrewound_from = "one"\nnote = "x"')
    with pytest.raises(SaveError, match="comes before the turn it rewound to"):
        load_game(path)
    path = _save_with(tmp_path, 'turn = "two"\nrewound_from = "two"\ninject = "maybe"')
    with pytest.raises(SaveError, match="exactly one of"):
        read_save(path)


def test_older_saves_with_injects_without_a_reason_still_load(mini, tmp_path):
    (tmp_path / "m.toml").write_text(open(mini.source).read())
    path = _save_with(tmp_path, 'turn = "one"\ninject = "maybe"')
    game = load_game(path).game
    assert game.outcome.log[1].inject == "maybe" and game.outcome.log[1].note == ""
