"""The white cell sees what an inject or an adjustment would move before releasing it."""

from __future__ import annotations

import pytest

from wargame.engine.game import Game, GameError
from wargame.engine.preview import PreviewText, describe, preview_adjust, preview_inject
from wargame.table.client import LocalTable
from wargame.table.model import WHITE_CELL, Table
from wargame.table.requests import Adjust, Inject


def test_an_adjustment_previews_exactly_what_releasing_it_does(mini):
    game = Game.new(mini, 5, ["west"])
    preview = preview_adjust(game, "tension", 25)
    released = game.adjust("tension", 25, "pressure")
    assert [(c.target, c.before, c.after) for c in preview.changes] == [
        ("tension", 50, 75)]
    assert released.state.values["tension"] == preview.changes[0].after
    assert [(s.name, s.before, s.after) for s in preview.shifts] == [("Tension", "Calm", "Crisis")]
    assert game.outcome.log == ()  # nothing was logged by looking


def test_the_preview_names_an_ending_it_would_trigger_or_avert(mini):
    game = Game.new(mini, 5, ["west"])
    war = preview_adjust(game, "tension", 60)
    assert war.changes[0].after == 100  # clamped, as in play
    assert war.triggers is not None and war.triggers.id == "war"
    lines = describe(game, war).lines
    assert "Tension 50 → 100 (+50)" in lines
    assert any("would end in “War” at the end of this turn" in ln for ln in lines)
    hot = game.adjust("tension", 50, "brink")
    calm = preview_adjust(hot, "tension", -10)
    assert calm.triggers is None and calm.averts.id == "war"
    assert any("no longer end in “War”" in ln for ln in describe(hot, calm).lines)


def test_an_inject_previews_its_event_and_a_track_status(mini):
    game = Game.new(mini, 5, ["west"])
    preview = preview_inject(game, "spiral")
    assert [(c.target, c.after) for c in preview.changes] == [("tension", 80)]
    assert game.inject("spiral", "why").state.values["tension"] == 80
    deal = preview_adjust(game, "deal", 15)
    assert [(s.target, s.before, s.after) for s in deal.shifts] == [("deal", "stalled", "talks")]
    assert "The deal: status stalled → talks" in describe(game, deal).lines
    # An action that moves nothing says so.
    quiet = preview_adjust(game, "cohesion", 0)
    assert describe(game, quiet).lines == ("Moves no number.",)


def test_unknown_targets_are_refused(mini):
    game = Game.new(mini, 5, ["west"])
    with pytest.raises(GameError):
        preview_inject(game, "nothing")
    with pytest.raises(GameError):
        preview_adjust(game, "nothing", 1)
    with pytest.raises(GameError):
        preview_adjust(game, "tension", float("nan"))
    with pytest.raises(GameError, match="at most"):
        preview_adjust(game, "tension", 1e12)


def test_a_preview_when_the_white_cell_cannot_act_says_why_as_releasing_would(mini):
    over = Game.new(mini, 5, [])  # no person at the table: the AI plays it to the end
    assert over.over
    with pytest.raises(GameError, match="the game is over"):
        over.adjust("tension", 5, "late")
    text = describe(over, preview_adjust(over, "tension", 5))
    assert text == PreviewText("Adjust Tension by +5 would move:",
                               ("Nothing now: the game is over.",))
    assert describe(over, preview_inject(over, "spiral")).title == "Fire “Spiral” would move:"


def test_a_table_answers_the_white_cell_and_refuses_a_seat(mini):
    table = Table.new(Game.new(mini, 5, ["west"]))
    seat, refusals, answers = LocalTable(table, "The West"), [], []
    seat.listen(None, refusals.append)
    seat.preview(Adjust("The West", "tension", 25), answers.append)
    assert answers == [] and refusals == ["Only the facilitator (white cell) can do that."]
    cell = seat.white_cell("")
    cell.preview(Inject(WHITE_CELL, "spiral"), answers.append)
    assert answers == [describe(table.game, preview_inject(table.game, "spiral"))]
    assert cell.table is table  # asked, not changed
