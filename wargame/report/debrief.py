"""What the end of a game says: how it ended, each side's objectives, and 2022 beside it.

The ending screen and the after-action report both read this one model, so
the debrief a team sees at the table is the one its report prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

import attrs

from wargame.engine import rules
from wargame.engine.game import Game
from wargame.scenario.model import Ending, Scenario, Tone


@attrs.frozen
class ObjectiveRow:
    """One objective at the end (or as it stands): met or not, secret ones revealed."""

    actor: str
    """Actor name."""
    title: str
    points: float
    met: bool
    secret: bool


@attrs.frozen
class Side:
    """One actor that has objectives: who played it, its points, its objectives."""

    actor: str
    """Actor name."""
    human: bool
    """People held the seat (the ending screen says "you")."""
    points: float
    """Points scored; 0 until the game has ended."""
    objectives: tuple[ObjectiveRow, ...]


@attrs.frozen
class Past:
    """What happened at one turn's point in reality (the turn's ``history``)."""

    date: dt.date
    title: str
    text: str


@attrs.frozen
class Debrief:
    """A game's debrief: its ending, the objectives of every side, and history."""

    ending: Ending | None
    """None while the game has not ended."""
    objectives: tuple[ObjectiveRow, ...]
    """Every objective, in file order."""
    sides: tuple[Side, ...]
    """The actors with objectives, in file order."""
    scores: Mapping[str, float]
    """Actor name -> points, once the game has ended."""
    history: str
    """The scenario's account of what happened in 2022."""
    past: tuple[Past, ...]
    """The history of each turn reached that has one, in calendar order."""

    @property
    def tone(self) -> Tone | None:
        return self.ending.tone if self.ending else None


def build(game: Game) -> Debrief:
    """The debrief of a game, finished or not."""
    return assemble(game.scenario, game.seats, rules.objectives_met(game.scenario, game.state),
                    game.scores, game.turn.index, game.ending)


def assemble(sc: Scenario, seats: Collection[str], met: Mapping[str, bool],
             scores: Mapping[str, float], turns_reached: int,
             ending: Ending | None) -> Debrief:
    """The debrief from what a game shows: whether each objective is met (by id), the
    points per actor id, how many turns were reached. A seat's screen builds it from
    its view of the table, which holds every objective once the game has ended."""
    rows = {o.id: ObjectiveRow(sc.actor_by_id[o.actor].name, o.title, o.points,
                               met.get(o.id, False), o.secret) for o in sc.objectives}
    sides = []
    for actor in sc.actors:
        mine = tuple(rows[o.id] for o in sc.objectives if o.actor == actor.id)
        if mine:
            sides.append(Side(actor.name, actor.id in seats, scores.get(actor.id, 0.0), mine))
    past = tuple(Past(t.date, t.title, t.history) for t in sc.turns[:turns_reached]
                 if t.history.strip())
    return Debrief(ending, tuple(rows.values()), tuple(sides),
                   {sc.actor_by_id[a].name: p for a, p in scores.items()}, sc.history, past)
