"""``view(table, who) -> SeatView``: what one seat may see, and nothing more.

This is the one place where what a seat may not see is left out, so it is
the one place to audit: another seat's secret objectives (until the game
ends), a decision the table keeps hidden until its turn resolves (news and
the numbers it moved), the white cell's console. A simultaneous turn's
choices never reach a view before all are in: the engine applies them only
then, and a view holds no log.

A SeatView holds what changes as the game goes; the scenario's static text
(names, briefings, option texts, bands) travels separately, once: the
screens draw from the scenario and the view together. A hosted table may
send a seat a scenario without other seats' secret objectives; the screens
show objectives only as ``SeatView.objectives`` lists them, so a full
scenario on a hot seat's screen shows no more. ``to_dict``/``from_dict``
carry a view across a wire as plain JSON types.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

from wargame.analysis.forecasts import ForecastRow, forecast_rows
from wargame.engine.rules import amounts, objectives_met
from wargame.engine.state import NewsItem, Offer, State
from wargame.records import fields_eq, fields_hash, fields_repr
from wargame.table import talks
from wargame.table.apply import undo_refusal
from wargame.table.model import WHITE_CELL, Table
from wargame.table.talks import Agreement, Talks
from wargame.table.wire import from_plain, to_plain

ConsoleAccess = Literal["open", "password", "none"]


@attrs.frozen
class Console:
    """What only the white cell sees."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    decided: Mapping[str, str]
    """This turn's decisions so far: human seat -> option id (empty: passed)."""


@attrs.frozen
class SeatView:
    """One seat's (or the white cell's, or the room's) view of a table."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    who: str | None
    """The team this view is for, ``WHITE_CELL``, or None for the room."""
    scenario: str
    """The scenario's id."""
    step: int
    """How many entries the game's log holds: each decision point has its own."""
    turn: str
    """The turn being played (the last one played, once over)."""
    turn_index: int
    turns: int
    date: str
    """The turn's date, ISO."""
    venue: str
    mode: str
    """``training`` (expected effects shown) or ``exercise``."""
    teams: Mapping[str, tuple[str, ...]]
    seats: tuple[str, ...]
    """The human seats."""
    mine: tuple[str, ...]
    """The seats this view's team plays."""
    values: Mapping[str, float]
    """Every indicator and track, as this seat may see it."""
    bands: Mapping[str, str]
    """Indicator id -> its band's label (empty without bands)."""
    statuses: Mapping[str, str]
    """Track id -> its status id."""
    history: Mapping[str, tuple[float, ...]]
    """Each number at the start, after each finished turn, and now (until over)."""
    news: tuple[NewsItem, ...]
    """What this seat may see happened, oldest first."""
    waiting: str | None
    """The seat the game waits for."""
    acting: str | None
    """Its team: "waiting for Moscow"."""
    options: tuple[str, ...]
    """The waiting seat's options (ids), in this seat's view only if it is its team's."""
    expected: Mapping[str, tuple[tuple[str, float], ...]]
    """Each of ``options``' effects as it would apply now: (number, amount)."""
    simultaneous: bool
    """The turn is decided by all at once, unseen."""
    hidden: bool
    """The table keeps each decision hidden, numbers included, until its turn resolves
    (a simultaneous turn always does)."""
    hand_over: str | None
    """At a shared screen: the team to hand the keyboard to before anything else."""
    briefing_due: bool
    """This team has not seen this turn's briefing since the turn was reached."""
    paused: bool
    countdown: int
    remaining: int
    can_undo: bool
    """Whether this seat may undo now (its own last decision, with several teams)."""
    objectives: Mapping[str, bool]
    """The objectives this seat may see, and whether each is met now."""
    console_access: ConsoleAccess
    """``f`` here: opens the console, asks a password, or is not this screen's."""
    unsaved: bool
    save_name: str
    """The name a save is offered under."""
    ending: str | None
    scores: Mapping[str, float]
    """Objective points per actor, once over."""
    console: Console | None = None
    """The white cell's alone."""
    talks: Talks | None = None
    """The deciding seat's negotiation table, in its own team's view only; None when the
    seat may put nothing on the table now."""
    offer: Offer | None = None
    """The offer the game waits to have answered (by ``waiting``, its answerer)."""
    agreements: tuple[Agreement, ...] = ()
    """Every term signed so far, in force or broken, in the order signed."""
    forecasts: tuple[ForecastRow, ...] = ()
    """Every team's forecasts beside the moves made, once the game is over (none before:
    a forecast is a team's own until the debrief)."""
    breaks: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    """Option id -> the agreements (term ids) choosing it now would break (own options)."""

    @property
    def my_turn(self) -> bool:
        return self.waiting is not None and self.waiting in self.mine

    @property
    def over(self) -> bool:
        return self.ending is not None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_plain(self)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> SeatView:
        """A view read from a wire; WireError names the first key that is wrong."""
        return from_plain(cls, data)


def hidden_news(table: Table, who: str | None) -> list[NewsItem]:
    """News ``who`` may not see yet: other teams' decisions this turn, if the table hides them.

    A decision's news is its item and what it set off at once: an offer's
    answer and signatures, an option's breaches.
    """
    game = table.game
    waiting = game.waiting
    if who == WHITE_CELL or waiting is None or not table.hidden:
        return []
    mine, people = set(table.seats_of(who)), set(game.seats)
    hidden, hiding = [], False
    for item in game.news:
        if item.turn != waiting.turn:
            continue
        if item.kind in ("decision", "pass", "offer"):
            # An offer to this team is shown: it is theirs to answer.
            # A human seat's decision, a stand-in's for its team included; AI seats
            # decide in the open.
            hiding = (item.actor in people and item.actor not in mine
                      and not (item.kind == "offer" and item.to in mine))
        elif item.kind not in ("answer", "sign", "breach"):  # what a decision set off
            hiding = False
        if hiding:
            hidden.append(item)
    return hidden


def view(table: Table, who: str | None) -> SeatView:
    """What ``who`` (a team, ``WHITE_CELL`` or None for the room) may see of ``table``."""
    game = table.game
    sc = game.scenario
    over = game.over
    hidden = hidden_news(table, who)
    state = game.state
    values = dict(state.values)
    for item in hidden:
        for change in item.changes:
            values[change.target] -= change.after - change.before
    if hidden:
        state = attrs.evolve(state, values=values)
    left_out = set(map(id, hidden))
    waiting = game.waiting
    acting = table.acting
    mine = table.seats_of(who) if who != WHITE_CELL else ()
    own_turn = waiting is not None and (who == WHITE_CELL or waiting.actor in mine)
    turn = sc.turn_by_id[waiting.turn] if waiting else game.turn
    options = waiting.options if waiting and own_turn else ()
    return SeatView(
        who=who, scenario=sc.id, step=len(game.outcome.log), turn=turn.id,
        turn_index=turn.index, turns=len(sc.turns), date=turn.date.isoformat(),
        venue=turn.venue, mode=table.mode, teams=dict(table.teams), seats=game.seats,
        mine=mine, values=values, bands=_bands(table, values), statuses={
            t.id: sc.status_of(values[t.id]) for t in sc.tracks},
        history=_history(table, values),
        news=tuple(item for item in game.news if id(item) not in left_out),
        waiting=waiting.actor if waiting else None, acting=acting,
        options=tuple(o.id for o in options), expected={
            o.id: tuple(amounts(o.effects, state)) for o in options},
        simultaneous=turn.simultaneous, hidden=table.hidden,
        hand_over=_hand_over(table, who),
        briefing_due=(who in table.teams and waiting is not None
                      and (turn.id, who) not in table.briefed),
        paused=table.paused, countdown=table.countdown, remaining=table.remaining,
        can_undo=not undo_refusal(table, who), objectives=_objectives(table, who, state),
        console_access=_console_access(table, who), unsaved=table.unsaved,
        save_name=table.suggest_name(), ending=game.ending.id if game.ending else None,
        scores=dict(game.scores) if over else {},
        console=_console(table) if who == WHITE_CELL else None,
        talks=_talks(table) if own_turn else None,
        offer=_offer(table, who, own_turn),
        agreements=talks.agreements([i for i in game.news if id(i) not in left_out]),
        forecasts=forecast_rows(game) if over else (),
        breaks=_breaks(table) if own_turn else {})


def _talks(table: Table) -> Talks | None:
    """The waiting seat's negotiation table: what it may offer, its draft, and (in
    training, to an AI answerer) what the answerer would make of the draft."""
    game = table.game
    waiting = game.waiting
    if waiting is None or waiting.kind != "decision" or not (waiting.terms or waiting.packages):
        return None
    terms = talks.offer_map(game)
    draft = table.draft_of(table.team_of(waiting.actor))
    sc = game.scenario
    names = {**{t.id: t.title for t in sc.terms}, **{a.id: a.name for a in sc.actors}}
    problem = talks.problem(draft, terms, names) or game.offer_problem(
        draft.terms, draft.to, draft.package) or ""
    valuation = None
    if table.training and draft.terms and draft.to and draft.to not in game.seats:
        valuation = game.value_of(draft.terms, draft.to)
    return Talks(terms, tuple(p.id for p in waiting.packages), draft, problem, valuation)


def _offer(table: Table, who: str | None, own_turn: bool) -> Offer | None:
    """The offer waiting for its answer: hidden, like the decision it is, from other teams
    than the answerer's and the offerer's at a table that hides decisions."""
    waiting = table.game.waiting
    offer = waiting.offer if waiting else None
    if offer is None or own_turn or not table.hidden or offer.offerer in table.seats_of(who):
        return offer
    return None


def _breaks(table: Table) -> dict[str, tuple[str, ...]]:
    game = table.game
    waiting = game.waiting
    out = {}
    for option in waiting.options if waiting else ():
        broken = game.breaks(option.id)
        if broken:
            out[option.id] = tuple(t.id for t in broken)
    return out


def _bands(table: Table, values: Mapping[str, float]) -> dict[str, str]:
    out = {}
    for ind in table.game.scenario.indicators:
        band = ind.band(values[ind.id])
        out[ind.id] = band.label if band else ""
    return out


def _history(table: Table, values: Mapping[str, float]) -> dict[str, tuple[float, ...]]:
    game = table.game
    points = [v for _, v in game.outcome.history]
    if not game.over:
        points.append(values)
    return {target: tuple(float(p[target]) for p in points) for target in values}


def _hand_over(table: Table, who: str | None) -> str | None:
    acting = table.acting
    if table.hot_seat and who == table.at_keyboard and acting and acting != who:
        return acting
    return None


def _objectives(table: Table, who: str | None, state: State) -> dict[str, bool]:
    game = table.game
    everything = who == WHITE_CELL or game.over
    mine = set(table.seats_of(who))
    met = objectives_met(game.scenario, state)
    return {o.id: met[o.id] for o in game.scenario.objectives
            if everything or o.actor in mine or not o.secret}


def _console_access(table: Table, who: str | None) -> ConsoleAccess:
    if who == WHITE_CELL:
        return "open"
    if not table.shared_screen:
        return "none"  # a hosted seat: the facilitator joins with a code of its own
    if table.password:
        return "password"
    return "open" if table.admits("") else "none"


def _console(table: Table) -> Console:
    game = table.game
    turn = game.waiting.turn if game.waiting else ""
    decided = {e.actor: e.option for e in game.outcome.log
               if e.turn == turn and e.actor in game.seats and not e.is_facilitator}
    return Console(decided)


def turn_change(view: SeatView, target: str) -> float:
    """How far a number moved in the current turn (in the last one, once over)."""
    points = view.history[target]
    if len(points) < 2:
        return 0.0
    return points[-1] - points[-2]
