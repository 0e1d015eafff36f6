"""``apply(table, request) -> table``: the table's rules, one handler per request.

A request the table does not take raises ``Refused`` with a sentence for the
player; the table is immutable, so a refused request changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from wargame.engine.game import Game
from wargame.engine.state import Waiting
from wargame.errors import GameError
from wargame.table import requests as rq
from wargame.table import talks
from wargame.table.model import WHITE_CELL, Refused, Table
from wargame.table.talks import Draft


def apply(table: Table, request: rq.Request) -> Table:
    """The table after ``request``; Refused if the table does not take it now."""
    admit(table, request)
    handler: Callable[[Table, Any], Table] = HANDLERS[type(request)]
    return handler(table, request)


def admit(table: Table, request: rq.Request) -> None:
    """Refused unless whoever sends ``request`` sits at this table and may send it."""
    by = request.by
    if by != WHITE_CELL and by not in table.teams:
        raise Refused(f"'{by}' is not at this table")
    if isinstance(request, rq.FACILITATOR_ONLY) and by != WHITE_CELL:
        raise Refused("Only the facilitator (white cell) can do that.")


def _moved(table: Table, game: Game, forget_from: int | None = None,
           restart_clock: bool = False) -> Table:
    """The table with ``game`` in play; briefings of turns from ``forget_from`` on are
    forgotten (those turns will be reached anew), and a new turn restarts the clock."""
    briefed = table.briefed
    if forget_from is not None:
        index = game.scenario.turn_by_id
        briefed = frozenset(k for k in briefed if index[k[0]].index < forget_from)
    turn = game.waiting.turn if game.waiting else ""
    moved = attrs.evolve(table, game=game, briefed=briefed)
    if restart_clock or turn != table.clock_turn:
        return attrs.evolve(moved, clock_turn=turn, remaining=table.countdown)
    return moved


def _game(change: Callable[[], Game]) -> Game:
    try:
        return change()
    except GameError as exc:
        raise Refused(str(exc)) from None


def _acting(table: Table, by: str, paused_too: bool = True) -> Waiting:
    """What the game waits for, when ``by`` is the team that may act on it now."""
    game = table.game
    waiting = game.waiting
    if waiting is None:
        raise Refused("The game is over." if game.over else "No seat is deciding now.")
    if paused_too and table.paused:
        raise Refused("The facilitator has paused the game.")
    if by == WHITE_CELL:
        raise Refused("The white cell does not decide for a seat.")
    acting = table.team_of(waiting.actor)
    if acting != by:
        raise Refused(f"It is {acting}'s turn, not {by}'s.")
    if table.hot_seat and table.at_keyboard != by:
        raise Refused(f"Hand the keyboard to {acting} first.")
    return waiting


def _decide(table: Table, request: rq.Decide) -> Table:
    _acting(table, request.by)
    return _moved(table, _game(lambda: table.game.decide(request.option, request.note,
                                                         request.forecast, request.stand_in)))


def _edit_draft(table: Table, request: rq.EditDraft) -> Table:
    waiting = _acting(table, request.by, paused_too=False)
    if waiting.kind != "decision":
        raise Refused("An offer waits for its answer: there is nothing to draft now.")
    step = len(table.game.outcome.log)
    draft = Draft(request.to, request.terms, request.package, step)
    why = talks.draft_refusal(draft, talks.offer_map(table.game), waiting)
    if why:
        raise Refused(why)
    return attrs.evolve(table, drafts={**table.drafts, request.by: draft})


def _make_offer(table: Table, request: rq.MakeOffer) -> Table:
    _acting(table, request.by)
    return _moved(table, _game(lambda: table.game.offer(
        request.terms, request.to, request.package, request.note, request.forecast,
        request.stand_in)))


def _answer(table: Table, request: rq.AnswerOffer) -> Table:
    _acting(table, request.by)
    return _moved(table, _game(lambda: table.game.answer(request.accept, request.stand_in)))


def _pass(table: Table, request: rq.Pass) -> Table:
    _acting(table, request.by)
    return _moved(table, _game(lambda: table.game.pass_turn(request.note, request.stand_in)))


def _undo(table: Table, request: rq.Undo) -> Table:
    game = table.game
    why = undo_refusal(table, request.by)
    if why:
        raise Refused(why)
    undone = _game(game.undo)
    return _moved(table, undone, forget_from=undone.state.turn + 1)


def undo_refusal(table: Table, by: str | None) -> str:
    """Why ``by`` may not undo now; empty when it may.

    With several teams, a team takes back only its own last decision: the
    one after it belongs to nobody else yet.
    """
    last = table.game.last_by
    if last is None:
        return "Nothing to undo."
    if by == WHITE_CELL or (by in table.teams and len(table.teams) == 1):
        return ""
    if by is None or by not in table.teams:
        return "Only the people at the table can undo."
    if last == "":
        return "The facilitator acted last: only the white cell can undo that."
    if last not in table.teams[by]:
        return f"The last decision was made by {table.team_of(last)}: only they can undo it."
    if table.hot_seat and table.at_keyboard != by:
        return f"{by} does not have the keyboard."
    return ""


def _seat_ready(table: Table, request: rq.SeatReady) -> Table:
    if request.by == WHITE_CELL or not table.shared_screen:
        return table
    acting = table.acting
    if acting != request.by:
        raise Refused(f"It is {acting}'s turn, not {request.by}'s." if acting
                      else "No seat is deciding now.")
    return attrs.evolve(table, at_keyboard=request.by)


def _briefing_seen(table: Table, request: rq.BriefingSeen) -> Table:
    if request.turn not in table.game.scenario.turn_by_id:
        raise Refused(f"unknown turn '{request.turn}'")
    if request.by == WHITE_CELL:
        return table
    return attrs.evolve(table, briefed=table.briefed | {(request.turn, request.by)})


def _inject(table: Table, request: rq.Inject) -> Table:
    return _moved(table, _game(lambda: table.game.inject(request.event, request.note)))


def _adjust(table: Table, request: rq.Adjust) -> Table:
    return _moved(table, _game(lambda: table.game.adjust(request.target, request.amount,
                                                         request.note)))


def _rewind(table: Table, request: rq.Rewind) -> Table:
    game = _game(lambda: table.game.rewind(request.turn, request.note))
    start = table.game.scenario.turn_by_id[request.turn].index
    return _moved(table, game, forget_from=start, restart_clock=True)


def _pause(table: Table, request: rq.Pause) -> Table:
    return attrs.evolve(table, paused=request.paused)


def _set_countdown(table: Table, request: rq.SetCountdown) -> Table:
    if request.seconds < 0:
        raise Refused("The countdown is 0 (off) or more seconds.")
    return attrs.evolve(table, countdown=request.seconds, remaining=request.seconds)


def _hide(table: Table, request: rq.HideDecisions) -> Table:
    return attrs.evolve(table, hidden=request.hidden)


def _tick(table: Table, request: rq.Tick) -> Table:
    if not table.countdown or table.paused or table.game.over or table.remaining <= 0:
        return table
    return attrs.evolve(table, remaining=table.remaining - 1)


def _mark_saved(table: Table, request: rq.MarkSaved) -> Table:
    return table.saved(request.log, request.name)


HANDLERS: dict[type, Callable[[Table, Any], Table]] = {
    rq.Decide: _decide, rq.EditDraft: _edit_draft, rq.MakeOffer: _make_offer,
    rq.AnswerOffer: _answer, rq.Pass: _pass, rq.Undo: _undo, rq.SeatReady: _seat_ready,
    rq.BriefingSeen: _briefing_seen, rq.Inject: _inject, rq.Adjust: _adjust,
    rq.Rewind: _rewind, rq.Pause: _pause, rq.SetCountdown: _set_countdown,
    rq.HideDecisions: _hide, rq.Tick: _tick, rq.MarkSaved: _mark_saved,
}
