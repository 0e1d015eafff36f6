"""What a game screen draws: the scenario's static text and one seat's view of the table.

The App holds the current ``Picture`` in a reactive; the game screens bind to
it (``data_bind``) and hand parts down to their widgets. Everything a screen
shows of the game comes from here, so a screen cannot show what the seat's
view left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from wargame.records import fields_eq, fields_hash, fields_repr

if TYPE_CHECKING:
    from wargame.scenario.model import Objective, Option, Scenario, Turn
    from wargame.table.view import SeatView


@attrs.frozen
class Picture:
    """One seat's view of a table, with the scenario it is drawn with."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    scenario: Scenario
    view: SeatView

    @property
    def turn(self) -> Turn:
        return self.scenario.turn_by_id[self.view.turn]

    @property
    def training(self) -> bool:
        return self.view.mode != "exercise"

    @property
    def hot_seat(self) -> bool:
        """Several teams play: names say whose team a seat is."""
        return len(self.view.teams) > 1

    def team_of(self, actor: str) -> str:
        """The team playing ``actor``; for an AI actor, the actor's name."""
        for name, seats in self.view.teams.items():
            if actor in seats:
                return name
        return self.scenario.actor_by_id[actor].name

    @property
    def options(self) -> tuple[Option, ...]:
        """The options this seat may pick now, in file order."""
        by_id = self.scenario.option_by_id
        return tuple(by_id[o] for o in self.view.options)

    def objectives_of(self, seats: tuple[str, ...]) -> list[tuple[Objective, bool]]:
        """The objectives of ``seats`` that this view shows, each with whether it is met."""
        shown = self.view.objectives
        return [(o, shown[o.id]) for o in self.scenario.objectives
                if o.id in shown and o.actor in seats]

    def header(self) -> str:
        """The title line's right part: pause, clock, turn, date and venue."""
        view = self.view
        if view.over:
            parts = ["Game over"]
        else:
            turn = self.turn
            parts = [f"Turn {turn.index}/{view.turns}", f"{turn.date:%d %b %Y}", turn.venue]
            # The clock and the pause go first: a narrow header cuts the end off.
            if view.countdown:
                parts.insert(0, f"⏱ {view.remaining // 60}:{view.remaining % 60:02d}")
        if view.paused:
            parts.insert(0, "PAUSED")
        return " · ".join(parts)


