"""The record a debrief reads beside the timeline: the white cell's actions with their
reasons, and each team's forecasts beside the moves actually made, with a score."""

from __future__ import annotations

import attrs

from wargame.analysis import forecasts as forecast
from wargame.engine.game import Game
from wargame.engine.setup import Teams
from wargame.report.transcript import fmt_change


@attrs.frozen
class WhiteCellRow:
    """One white-cell action (inject, adjustment, rewind) with its reason."""

    turn: int
    """1-based turn index."""
    turn_title: str
    kind: str
    """``inject``, ``adjust`` or ``rewind``."""
    action: str
    """What the white cell did, in words, with the numbers it moved."""
    reason: str


@attrs.frozen
class ForecastLine:
    """One forecast beside the actual move, in words."""

    turn: int
    turn_title: str
    by: str
    """The actor that forecast (its name)."""
    about: str
    """The actor forecast (its name)."""
    expected: str
    """The option expected (its title), "an offer", or "no idea"."""
    confidence: float | None
    actual: str
    """The move made (its title), "an offer", "passed", or "not yet decided"."""
    hit: bool | None


@attrs.frozen
class TeamForecast:
    """A team's forecasts and its score: hits, and the Brier score over its confidences."""

    team: str
    lines: tuple[ForecastLine, ...]
    settled: int
    """Forecasts of a move (an option or an offer) that has been made."""
    hits: int
    no_idea: int
    brier: float | None


WHITE_CELL_KINDS = ("inject", "adjust", "rewind")


def white_cell(game: Game) -> tuple[WhiteCellRow, ...]:
    """The white cell's actions in play order, each with what it moved and why."""
    sc = game.scenario
    out = []
    for item in game.news:
        if item.kind not in WHITE_CELL_KINDS:
            continue
        action = f"Inject: {item.title}" if item.kind == "inject" else item.title
        if item.changes:
            action += " (" + "; ".join(fmt_change(sc, c) for c in item.changes) + ")"
        turn = sc.turn_by_id[item.turn]
        out.append(WhiteCellRow(turn.index, turn.title, item.kind, action, item.note))
    return tuple(out)


def forecasts(game: Game, teams: Teams | None) -> tuple[TeamForecast, ...]:
    """Each team's forecasts beside the moves made, and its score."""
    sc = game.scenario
    out = []
    for team in forecast.by_team(game, teams):
        lines = tuple(ForecastLine(
            sc.turn_by_id[r.turn].index, sc.turn_by_id[r.turn].title,
            sc.actor_by_id[r.by].name, sc.actor_by_id[r.about].name,
            forecast.expected_text(sc, r.expected), r.confidence,
            forecast.move_text(sc, r.actual), r.hit) for r in team.rows)
        out.append(TeamForecast(team.team, lines, len(team.settled), team.hits,
                                team.no_idea, team.brier))
    return tuple(out)


def pct_text(confidence: float | None) -> str:
    return "" if confidence is None else f"{round(confidence * 100)}%"


def score_text(team: TeamForecast) -> str:
    """"2 of 3 forecasts came true (1 "no idea"); Brier score 0.14 ..." in one sentence."""
    return score_sentence(team.settled, team.hits, team.no_idea, team.brier)


def score_sentence(settled: int, hits: int, no_idea: int, brier: float | None) -> str:
    """A team's forecast score in words, as the report and the ending screen say it."""
    if not settled:
        head = "no forecast settled yet"
    else:
        noun = "forecast" if settled == 1 else "forecasts"
        head = f"{hits} of {settled} {noun} came true"
    if no_idea:
        head += f" ({no_idea} “no idea”)"
    if brier is None:
        return head
    return f"{head}; Brier score {brier:.2f} (0 is perfect; saying 50% every time scores 0.25)"


def hit_text(line: ForecastLine) -> str:
    return "" if line.hit is None else "yes" if line.hit else "no"
