"""A game turned into plain records for a debrief: who did what, what moved, and why.

The renderers (markdown, html) read only these records, so what a report
says is decided once, here, from the game's own news and history.
"""

from __future__ import annotations

import datetime as dt

import attrs

from wargame.engine.game import Game
from wargame.engine.setup import Mode, Setup, Teams, team_of
from wargame.engine.state import Cause, Change, NewsItem, NewsKind
from wargame.report import debrief
from wargame.report.debrief import Debrief
from wargame.report.reasons import NEGOTIATION, headline, reason, terms_text
from wargame.report.record import TeamForecast, WhiteCellRow, forecasts, white_cell


@attrs.frozen
class ChangeRow:
    """One number that moved, with its cause in words."""

    turn: int
    """1-based turn index."""
    target: str
    name: str
    before: float
    after: float
    cause: Cause
    """The engine's cause: what kind of thing moved the number, and which one."""
    why: str
    """The cause as a reader sees it (who chose what, which event)."""
    note: str = ""

    @property
    def delta(self) -> float:
        return self.after - self.before


@attrs.frozen
class Line:
    """One news item of the timeline."""

    kind: NewsKind
    """What the news item reports."""
    who: str
    """The actor (with "AI" or the team), "World" or "White cell"."""
    title: str
    note: str
    changes: tuple[ChangeRow, ...]
    source: str = ""
    """Option, event or ending id, or the adjusted indicator or track."""
    by_ai: bool = False
    why: str = ""
    """Why an AI did it (its draw or its valuation), in words; empty for people and the world."""
    terms: str = ""
    """For an offer: its terms, each with who undertakes it."""


@attrs.frozen
class TurnBlock:
    index: int
    id: str
    date: dt.date
    title: str
    venue: str
    lines: tuple[Line, ...]
    history: str
    """What happened at this point in 2022 (the scenario's ``history``)."""


@attrs.frozen
class Series:
    """An indicator or track over the game, with every change and its cause."""

    id: str
    name: str
    kind: str
    """``indicator`` or ``track``."""
    low: float
    high: float
    higher_is: str
    points: tuple[tuple[str, float], ...]
    """(``start`` or turn id, value) at the start and after each finished turn."""
    ledger: tuple[ChangeRow, ...]
    guides: tuple[tuple[float, str], ...] = ()
    """Labelled levels: an indicator's bands, or the track statuses."""


@attrs.frozen
class Seat:
    actor: str
    """Actor name."""
    played_by: str
    """"Team Blue", "players" or "AI (doctrine)"."""


@attrs.frozen
class Report:
    """Everything a debrief shows about one game."""

    game: Game
    setup: Setup
    """The game's setup, with the teams and mode the report was asked for."""
    title: str
    summary: str
    doctrine: str
    seats: tuple[Seat, ...]
    debrief: Debrief
    """The ending, the objectives and 2022, as the ending screen shows them."""
    state_line: str
    """Where the game ended or stopped, in one line."""
    turns: tuple[TurnBlock, ...]
    series: tuple[Series, ...]
    source: str = ""
    """The save the report was made from, if any."""
    white_cell: tuple[WhiteCellRow, ...] = ()
    """Every white-cell action, in play order, with its reason."""
    forecasts: tuple[TeamForecast, ...] = ()
    """Each team's forecasts beside the actual moves, with its score."""

    @property
    def result(self) -> str:
        """The ending's title, or where the game stopped."""
        return self.debrief.ending.title if self.debrief.ending else self.state_line

    @property
    def interventions(self) -> int:
        """How many times the white cell injected or adjusted."""
        return sum(1 for entry in self.game.outcome.log if entry.is_facilitator)

    @property
    def people(self) -> bool:
        """Whether people played at least one seat."""
        return bool(self.game.seats) and not self.game.auto


def doctrine_text(game: Game) -> str:
    if isinstance(game.policy, str):
        return game.scenario.policy_by_id[game.policy].name \
            if game.policy in game.scenario.policy_by_id else game.policy
    return ", ".join(f"{game.scenario.actor_by_id[a].name}: {p}" for a, p in game.policy.items())


def seats(game: Game, teams: Teams | None) -> tuple[Seat, ...]:
    """Who played each actor; a team's seat the AI stood in for says for how many of
    its moves, under which doctrine, from which turn."""
    out = []
    for actor in game.scenario.actors:
        if actor.id in game.seats and not game.auto:
            team = team_of(teams, actor.id)
            who = f"team {team}" if team else "players"
            who += _stood_in(game, actor.id)
        else:
            who = f"AI ({game.policy_for(actor.id).name})"
        out.append(Seat(actor.name, who))
    return tuple(out)


def _stood_in(game: Game, actor: str) -> str:
    """'; the AI stood in for 3 of its 5 moves, from turn 2, under Dove'; empty when it
    never did."""
    sc = game.scenario
    moves = [e for e in game.outcome.log if e.actor == actor and not e.is_facilitator]
    by_ai = [e for e in moves if e.stand_in]
    if not by_ai:
        return ""
    doctrines = ", ".join(dict.fromkeys(
        sc.policy_by_id[e.stand_in].name if e.stand_in in sc.policy_by_id else e.stand_in
        for e in by_ai))
    first = sc.turn_by_id[by_ai[0].turn].index
    return (f"; the AI stood in for {len(by_ai)} of its {len(moves)} moves, from turn "
            f"{first}, under {doctrines}")


def why(game: Game, change: Change, item: NewsItem) -> str:
    """A change's cause in words."""
    sc = game.scenario
    kind, ident = change.cause.kind, change.cause.id
    if kind == "option" and ident in sc.option_by_id:
        option = sc.option_by_id[ident]
        return f"{sc.actor_by_id[option.actor].name}: {option.title}"
    if kind == "event" and ident in sc.event_by_id:
        return f"event: {sc.event_by_id[ident].title}"
    if kind == "inject" and ident in sc.event_by_id:
        return f"white cell inject: {sc.event_by_id[ident].title}"
    if kind == "adjust":
        return "white cell adjustment"
    if kind == "term" and ident in sc.term_by_id:
        return f"agreement signed: {sc.term_by_id[ident].title}"
    if kind == "breach" and ident in sc.term_by_id:
        return f"agreement broken: {sc.term_by_id[ident].title}"
    return str(change.cause)


def who(game: Game, item: NewsItem, teams: Teams | None) -> str:
    sc = game.scenario
    if item.kind == "sign":
        return "Agreement"
    if item.kind in ("decision", "pass", "offer", "answer", "breach"):
        name = sc.actor_by_id[item.actor].name
        team = team_of(teams, item.actor)
        if item.by_ai:  # a team's seat the AI played for it (a stand-in), or an AI actor
            return f"{name} (AI, for team {team})" if team else f"{name} (AI)"
        return f"{name} (team {team})" if team else name
    if item.kind in ("inject", "adjust", "rewind"):
        return "White cell"
    return "World" if item.kind == "event" else ""


def line(game: Game, item: NewsItem, teams: Teams | None) -> Line:
    index = game.scenario.turn_by_id[item.turn].index
    rows = tuple(ChangeRow(index, c.target, game.scenario.name_of(c.target), c.before,
                           c.after, c.cause, why(game, c, item), item.note)
                 for c in item.changes)
    sc = game.scenario
    title = headline(sc, item) if item.kind in NEGOTIATION else item.title
    return Line(item.kind, who(game, item, teams), title, item.note, rows, item.source,
                item.by_ai, reason(sc, item), terms_text(sc, item) if item.kind == "offer" else "")


def timeline(game: Game, teams: Teams | None) -> tuple[TurnBlock, ...]:
    """Every turn reached, oldest first, with its news."""
    sc = game.scenario
    news: dict[str, list[Line]] = {}
    for item in game.news:
        news.setdefault(item.turn, []).append(line(game, item, teams))
    blocks = []
    for turn in sc.turns:
        if turn.id not in news and turn.index > game.state.turn:
            break
        blocks.append(TurnBlock(turn.index, turn.id, turn.date, turn.title, turn.venue,
                                tuple(news.get(turn.id, ())), turn.history))
    return tuple(blocks)


def series(game: Game, turns: tuple[TurnBlock, ...]) -> tuple[Series, ...]:
    sc = game.scenario
    ledgers: dict[str, list[ChangeRow]] = {}
    for block in turns:
        for entry in block.lines:
            for row in entry.changes:
                ledgers.setdefault(row.target, []).append(row)
    points = game.outcome.history
    statuses = tuple((s.start, s.id) for s in sc.track_statuses)
    out = [Series(i.id, i.name, "indicator", i.min, i.max, i.higher_is,
                  tuple((label, values[i.id]) for label, values in points),
                  tuple(ledgers.get(i.id, ())), tuple((b.start, b.label) for b in i.bands))
           for i in sc.indicators]
    out += [Series(t.id, t.name, "track", 0.0, 100.0, "better",
                   tuple((label, values[t.id]) for label, values in points),
                   tuple(ledgers.get(t.id, ())), statuses)
            for t in sc.tracks]
    return tuple(out)


def state_line(game: Game) -> str:
    sc = game.scenario
    if game.ending:
        return f"ended after turn {game.state.turn} of {len(sc.turns)} ({game.turn.title})"
    if game.waiting:
        name = sc.actor_by_id[game.waiting.actor].name
        turn = sc.turn_by_id[game.waiting.turn]
        return f"not finished: waiting for {name} in turn {turn.index} ({turn.title})"
    return f"stopped in turn {game.state.turn}"


def build(game: Game, teams: Teams | None = None, mode: Mode | None = None,
          source: str = "") -> Report:
    """The report of one game; teams and mode are its setup's unless given."""
    sc = game.scenario
    setup = attrs.evolve(game.setup, teams=teams or game.setup.teams,
                         mode=mode or game.setup.mode)
    turns = timeline(game, setup.teams)
    return Report(
        game=game, setup=setup, title=sc.title, summary=sc.summary,
        doctrine=doctrine_text(game), seats=seats(game, setup.teams),
        debrief=debrief.build(game), state_line=state_line(game),
        turns=turns, series=series(game, turns), source=source,
        white_cell=white_cell(game), forecasts=forecasts(game, setup.teams),
    )
