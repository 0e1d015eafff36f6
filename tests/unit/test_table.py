"""The table: who may do what (apply), who sees what (view), which screen comes next."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wargame.engine.game import Game
from wargame.scenario.load import load_scenario
from wargame.table import requests as rq
from wargame.table.apply import apply
from wargame.table.client import LocalTable
from wargame.table.flow import briefing_key, fresh_news, next_screen, turn_resolved
from wargame.table.model import WHITE_CELL, Refused, Table
from wargame.table.view import SeatView, view
from wargame.table.wire import WireError

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.toml"
W, E = "Washington", "Moscow"
TEAMS = {W: ("west",), E: ("east",)}


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(MINI)


def hot_seat(scenario, **kwargs) -> Table:
    return Table.new(Game.new(scenario, 3, ("west", "east")), TEAMS, **kwargs)


def run(table: Table, *requests: rq.Request) -> Table:
    for request in requests:
        table = apply(table, request)
    return table


def ready(table: Table) -> Table:
    """The acting team takes the keyboard and reads its briefing."""
    team = table.acting
    table = apply(table, rq.SeatReady(team))
    return apply(table, rq.BriefingSeen(team, table.game.waiting.turn))


# -- apply: who may do what -------------------------------------------------------
def test_a_team_decides_only_for_its_own_seat_and_with_the_keyboard(scenario):
    table = hot_seat(scenario)
    with pytest.raises(Refused, match="Hand the keyboard to Washington"):
        apply(table, rq.Decide(W, "warn"))
    table = ready(table)
    with pytest.raises(Refused, match="It is Washington's turn, not Moscow's"):
        apply(table, rq.Decide(E, "wait"))
    table = apply(table, rq.Decide(W, "warn"))
    assert table.game.waiting.actor == "east"
    assert table.acting == E and table.at_keyboard == W


def test_facilitator_requests_need_the_white_cell(scenario):
    table = ready(hot_seat(scenario))
    for request in (rq.Inject(W, "spiral"), rq.Adjust(E, "tension", 5), rq.Pause(W, True),
                    rq.Rewind(W, "one"), rq.SetCountdown(E, 60)):
        with pytest.raises(Refused, match="Only the facilitator"):
            apply(table, request)
    table = apply(table, rq.Adjust(WHITE_CELL, "tension", 5, "a reason"))
    assert table.game.state.values["tension"] == 55


def test_a_paused_table_takes_no_decision_and_strangers_nothing(scenario):
    table = run(ready(hot_seat(scenario)), rq.Pause(WHITE_CELL, True))
    with pytest.raises(Refused, match="paused"):
        apply(table, rq.Decide(W, "warn"))
    with pytest.raises(Refused, match="not at this table"):
        apply(table, rq.Decide("Kyiv", "warn"))
    table = run(table, rq.Pause(WHITE_CELL, False), rq.Decide(W, "warn"))
    assert len(table.game.outcome.log) == 1


def test_with_several_teams_undo_takes_back_only_your_own_decision(scenario):
    table = run(ready(hot_seat(scenario)), rq.Decide(W, "warn"))
    table = ready(table)  # Moscow has the keyboard now
    with pytest.raises(Refused, match="made by Washington: only they can undo it"):
        apply(table, rq.Undo(E))
    assert not view(table, E).can_undo
    table = run(table, rq.Decide(E, "wait"))  # turn one resolves; Washington is next
    with pytest.raises(Refused, match="made by Moscow"):
        apply(table, rq.Undo(W))
    assert view(table, E).can_undo  # at the hand-over, Moscow still has the keyboard
    table = apply(table, rq.Undo(E))
    assert table.game.waiting.actor == "east" and len(table.game.outcome.log) == 1


def test_the_white_cell_undoes_anything_and_a_lone_player_their_own_inject(scenario):
    table = run(ready(hot_seat(scenario)), rq.Decide(W, "warn"),
                rq.Inject(WHITE_CELL, "maybe", "why"))
    with pytest.raises(Refused, match="facilitator acted last"):
        apply(table, rq.Undo(W))
    assert len(apply(table, rq.Undo(WHITE_CELL)).game.outcome.log) == 1
    alone = Table.new(Game.new(scenario, 3, ("west",)))
    alone = run(alone, rq.Adjust(WHITE_CELL, "tension", 5, "a reason"))
    assert apply(alone, rq.Undo("The West")).game.outcome.log == ()


def test_the_console_opens_for_the_password_or_for_a_player_alone(scenario):
    assert not hot_seat(scenario).admits("")
    assert view(hot_seat(scenario), W).console_access == "none"
    locked = hot_seat(scenario, password="s3cret")
    assert locked.admits("s3cret") and not locked.admits("guess")
    assert view(locked, W).console_access == "password"
    assert Table.new(Game.new(scenario, 3, ("west",))).admits("")
    client = LocalTable(hot_seat(scenario))
    with pytest.raises(Refused, match="facilitator password"):
        client.white_cell("")
    assert LocalTable(locked).white_cell("s3cret").view.console is not None


def test_each_seat_plays_in_one_team_and_no_team_is_the_white_cell(scenario):
    game = Game.new(scenario, 3, ("west", "east"))
    for teams, message in (({W: ("west", "east"), E: ("east",)}, "in two teams"),
                           ({"White Cell": ("west",), E: ("east",)}, "cannot be a team"),
                           ({W: ("west", "nato"), E: ("east",)}, "not a human seat")):
        with pytest.raises(Refused, match=message):
            Table.new(game, teams)
    assert Table.new(game, {W: ("west",)}).teams == {W: ("west",), "The East": ("east",)}


def test_the_countdown_runs_per_turn_and_stops_when_paused(scenario):
    table = run(ready(hot_seat(scenario)), rq.SetCountdown(WHITE_CELL, 3),
                rq.Tick(WHITE_CELL), rq.Tick(WHITE_CELL))
    assert table.remaining == 1
    assert run(table, rq.Pause(WHITE_CELL, True), rq.Tick(WHITE_CELL)).remaining == 1
    table = run(table, rq.Decide(W, "warn"))
    assert table.remaining == 1  # the same turn: the clock runs on
    table = run(ready(table), rq.Decide(E, "wait"))
    assert table.game.waiting.turn == "two" and table.remaining == 3


# -- view: who sees what ------------------------------------------------------------
def test_secret_objectives_reach_only_their_team_until_the_end(scenario):
    table = ready(hot_seat(scenario))
    assert "west_calm" in view(table, W).objectives
    assert "west_calm" not in view(table, E).objectives
    assert "west_calm" not in view(table, None).objectives
    assert "east_fear" in view(table, W).objectives  # not secret
    assert "west_calm" in view(table, WHITE_CELL).objectives


def test_only_the_waiting_team_sees_its_options_and_only_the_white_cell_the_console(scenario):
    table = ready(hot_seat(scenario))
    mine, theirs = view(table, W), view(table, E)
    assert mine.options == ("offer", "warn") and mine.my_turn
    assert theirs.options == () and theirs.acting == W and not theirs.my_turn
    assert mine.console is None and theirs.console is None
    assert view(table, WHITE_CELL).console is not None


def _simultaneous(scenario) -> Table:
    table = run(ready(hot_seat(scenario)), rq.Decide(W, "offer"))
    table = run(ready(table), rq.Decide(E, "wait"))
    table = run(ready(table), rq.Decide(W, "warn"))  # turn two: west warns, unseen
    assert table.game.waiting.actor == "east" and table.game.turn.simultaneous
    return table


def test_a_simultaneous_choice_reaches_no_other_view_before_all_have_chosen(scenario):
    table = _simultaneous(scenario)
    before = table.game.outcome.history[-1][1]
    for who in (E, None):
        seen = view(table, who)
        wire = json.dumps(seen.to_dict())
        assert '"warn"' not in wire and "Warn" not in wire
        assert seen.values["tension"] == before["tension"]
    console = view(table, WHITE_CELL).console
    assert console.decided == {"west": "warn"}


def test_a_hidden_table_hides_a_sequential_decision_numbers_included(scenario):
    table = run(ready(hot_seat(scenario)), rq.HideDecisions(WHITE_CELL, True),
                rq.Decide(W, "warn"))
    assert table.game.state.values["tension"] == 60
    seen = view(table, E)
    assert seen.values["tension"] == 50 and seen.history["tension"][-1] == 50
    assert not any(item.source == "warn" for item in seen.news)
    assert view(table, W).values["tension"] == 60
    shown = run(table, rq.HideDecisions(WHITE_CELL, False))
    assert view(shown, E).values["tension"] == 60  # sequential: what was done is seen


def test_a_hidden_table_hides_a_stand_ins_decision_like_its_teams(scenario):
    """The AI standing in for a team decides for people: hidden like theirs, where an AI
    seat decides in the open."""
    table = run(ready(hot_seat(scenario)), rq.HideDecisions(WHITE_CELL, True),
                rq.Decide(W, "warn", stand_in="standard"))
    assert table.game.state.values["tension"] == 60
    seen = view(table, E)
    assert seen.values["tension"] == 50
    assert not any(item.source == "warn" for item in seen.news)


def test_a_view_crosses_a_wire_and_comes_back_the_same(scenario):
    table = run(ready(hot_seat(scenario)), rq.Decide(W, "warn"))
    for who in (W, E, WHITE_CELL, None):
        seen = view(table, who)
        again = SeatView.from_dict(json.loads(json.dumps(seen.to_dict())))
        assert again == seen


def test_a_malformed_view_or_request_is_refused_with_the_key():
    with pytest.raises(WireError, match="SeatView: unknown key 'x'"):
        SeatView.from_dict({"x": 1})
    with pytest.raises(WireError, match=r"Decide\.option: a number, not str"):
        rq.request_from_plain({"request": "Decide", "by": "W", "option": 3})
    with pytest.raises(WireError, match="unknown request 'MarkSaved'"):
        rq.request_from_plain({"request": "MarkSaved", "by": "W", "log": []})
    request = rq.request_from_plain(rq.request_to_plain(rq.Adjust("W", "tension", 5, "why")))
    assert request == rq.Adjust("W", "tension", 5.0, "why")


# -- which screen comes next --------------------------------------------------------
def test_a_hot_seat_goes_hand_over_briefing_board_and_hands_over_again(scenario):
    client = LocalTable(hot_seat(scenario))
    seen = []
    client.listen(lambda v: seen.append(next_screen(v)), pytest.fail)
    assert next_screen(client.view) == "hand_over" and client.view.hand_over == W
    client.send(rq.SeatReady(W))
    client.send(rq.BriefingSeen(W, "one"))
    client.send(rq.Decide(W, "warn"))
    client.send(rq.SeatReady(E))
    assert seen == ["briefing", "board", "hand_over", "briefing"]


def test_a_briefing_put_up_but_not_yet_heard_of_is_not_put_up_again(scenario):
    shown = ready(hot_seat(scenario))
    due = apply(hot_seat(scenario), rq.SeatReady(W))
    assert next_screen(view(due, W)) == "briefing"
    assert next_screen(view(due, W), frozenset({briefing_key(view(due, W))})) == "board"
    assert next_screen(view(shown, W)) == "board"


def test_after_an_undo_the_next_turn_is_briefed_again_but_not_the_current_one(scenario):
    table = run(ready(hot_seat(scenario)), rq.Decide(W, "warn"))
    table = run(ready(table), rq.Decide(E, "wait"))
    table = ready(table)  # turn two, briefed to Washington
    table = run(table, rq.Undo(WHITE_CELL))  # back into turn one, Moscow to decide
    assert next_screen(view(table, W)) == "hand_over"
    table = apply(table, rq.SeatReady(E))
    assert next_screen(view(table, E)) == "board"  # turn one: Moscow read it already
    table = run(table, rq.Decide(E, "wait"), rq.SeatReady(W))
    assert next_screen(view(table, W)) == "briefing"  # turn two reached anew


def test_a_rewind_briefs_the_turn_again_and_the_ending_comes_last(scenario):
    alone = Table.new(Game.new(scenario, 3, ("west",)))
    team = "The West"
    alone = run(alone, rq.BriefingSeen(team, "one"), rq.Decide(team, "offer"))
    assert next_screen(view(alone, team)) == "briefing"
    alone = run(alone, rq.Rewind(WHITE_CELL, "one", "play it again"))
    assert next_screen(view(alone, team)) == "briefing"
    for _ in range(5):
        if alone.game.over:
            break
        alone = apply(alone, rq.Decide(team, alone.game.waiting.options[0].id))
    assert next_screen(view(alone, team)) == "ending"
    assert view(alone, team).scores and "west_calm" in view(alone, None).objectives


def test_fresh_news_and_the_resolved_turn_come_from_two_views(scenario):
    table = ready(hot_seat(scenario))
    one = view(table, W)
    two = view(run(table, rq.Decide(W, "warn")), W)
    assert [item.source for item in fresh_news(one, two)] == ["warn"]
    assert fresh_news(two, one) == () and turn_resolved(one, two) is None
    table = run(ready(run(table, rq.Decide(W, "warn"))), rq.Decide(E, "wait"))
    assert turn_resolved(two, view(table, W)) == "one"
