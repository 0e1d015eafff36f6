"""What each team expected against what happened: forecasts and their scores.

A forecast is kept with the decision it came with (``LogEntry.forecast``);
the move it is about is that actor's entry in the same turn. A forecast of an
offer (``OFFER``) comes true when that move was an offer, whichever. A team's score
counts its hits and, over the forecasts it put a confidence on, the Brier
score: the mean of (confidence - outcome)², 0 for sure and right, 1 for sure
and wrong, 0.25 for a coin toss at 50%.
"""

from __future__ import annotations

import attrs

from wargame.engine.game import Game
from wargame.engine.setup import Teams, team_of
from wargame.engine.state import OFFER, LogEntry
from wargame.records import fields_eq, fields_hash, fields_repr
from wargame.scenario.model import Scenario


@attrs.frozen
class ForecastRow:
    """One forecast beside the move it was about."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    turn: str
    """Turn id."""
    by: str
    """The seat (actor id) that forecast."""
    about: str
    """The actor whose move was forecast."""
    expected: str
    """The option expected, OFFER for an offer; empty for "no idea"."""
    confidence: float | None
    actual: str | None
    """The option chosen; empty for a pass, OFFER for an offer; None: not yet decided."""

    @property
    def hit(self) -> bool | None:
        """Whether it came true; None for "no idea" or a move still to come."""
        if not self.expected or self.actual is None:
            return None
        return self.actual == self.expected


@attrs.frozen
class TeamForecasts:
    """One team's forecasts and its score."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    team: str
    rows: tuple[ForecastRow, ...]

    @property
    def settled(self) -> tuple[ForecastRow, ...]:
        """Forecasts of a move (an option or an offer) that has been made."""
        return tuple(r for r in self.rows if r.hit is not None)

    @property
    def hits(self) -> int:
        return sum(1 for r in self.settled if r.hit)

    @property
    def no_idea(self) -> int:
        return sum(1 for r in self.rows if not r.expected)

    @property
    def brier(self) -> float | None:
        """Mean squared gap between confidence and outcome; None with nothing settled."""
        scored = [r for r in self.settled if r.confidence is not None]
        if not scored:
            return None
        return sum((float(r.confidence or 0.0) - (1.0 if r.hit else 0.0)) ** 2
                   for r in scored) / len(scored)


def _move(entry: LogEntry) -> str:
    if entry.kind == "offer":
        return OFFER
    return "" if entry.passed else entry.option


def expected_text(sc: Scenario, expected: str) -> str:
    """What a forecast expected, in words: an option's title, "an offer", or "no idea"."""
    if not expected:
        return "no idea"
    return _option_text(sc, expected)


def move_text(sc: Scenario, actual: str | None) -> str:
    """The move a forecast was about, in words: an option's title, "an offer",
    "passed", or "not yet decided"."""
    if actual is None:
        return "not yet decided"
    if not actual:
        return "passed"
    return _option_text(sc, actual)


def _option_text(sc: Scenario, option: str) -> str:
    if option == OFFER:
        return "an offer"
    found = sc.option_by_id.get(option)
    return found.title if found else option


def forecast_rows(game: Game) -> tuple[ForecastRow, ...]:
    """Every forecast in the game's log, in play order, with the move it was about."""
    moves = {(e.turn, e.actor): _move(e) for e in game.outcome.log
             if e.actor and not e.is_facilitator}
    return tuple(ForecastRow(entry.turn, entry.actor, f.actor, f.option, f.confidence,
                             moves.get((entry.turn, f.actor)))
                 for entry in game.outcome.log for f in entry.forecast)


def team_name(game: Game, teams: Teams | None, seat: str) -> str:
    """The team that plays a seat; a seat in no team is a team named after its actor."""
    return team_of(teams, seat) or game.scenario.actor_by_id[seat].name


def by_team(game: Game, teams: Teams | None = None) -> tuple[TeamForecasts, ...]:
    """Each team that forecast at least once, in the order it first did."""
    grouped: dict[str, list[ForecastRow]] = {}
    for row in forecast_rows(game):
        grouped.setdefault(team_name(game, teams, row.by), []).append(row)
    return tuple(TeamForecasts(team, tuple(rows)) for team, rows in grouped.items())
