"""A table: one game and the people at it. Immutable like the game.

``wargame.table.apply`` turns a table and a request into the next table;
``wargame.table.view`` gives one seat's view of it. Who is at a table:

- teams, each playing one or more human seats (by default one team per
  seat, named after its actor); requests and views name a team;
- the white cell (``WHITE_CELL``), the facilitator, with a password or code;
- ``None``: the room, who sees only what every seat may see (the projector,
  or the hot seat's keyboard before the first hand-over).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from wargame.engine.setup import Mode, Teams, team_of
from wargame.errors import GameError
from wargame.records import fields_eq, fields_hash, fields_repr

if TYPE_CHECKING:
    from wargame.engine.game import Game
    from wargame.engine.state import LogEntry
    from wargame.scenario.model import Scenario
    from wargame.table.talks import Draft

WHITE_CELL = "white cell"
"""Who the facilitator is in requests and views; no team may take this name."""


class Refused(GameError):
    """A request the table does not take now; the message says why, to the player."""


def complete_teams(teams: Teams, scenario: Scenario,
                   seats: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``teams`` with a team of its own, named after its actor, for each seat left out."""
    out = dict(teams)
    for seat in seats:
        if team_of(out, seat) is None:
            out[scenario.actor_by_id[seat].name] = (seat,)
    return out


def check_teams(teams: Teams, seats: tuple[str, ...]) -> None:
    """Every human seat in exactly one team, and no team named like the white cell."""
    placed: dict[str, str] = {}
    for name, members in teams.items():
        if not name.strip() or name.strip().casefold() == WHITE_CELL:
            raise Refused(f"teams: '{name}' cannot be a team's name")
        if not members:
            raise Refused(f"teams: '{name}' plays no seat")
        for seat in members:
            if seat not in seats:
                raise Refused(f"teams: '{seat}' is not a human seat "
                              f"(seats: {', '.join(seats) or 'none'})")
            if seat in placed:
                raise Refused(f"teams: seat '{seat}' is in two teams")
            placed[seat] = name
    missing = [s for s in seats if s not in placed]
    if missing:
        raise Refused(f"teams: seat '{missing[0]}' is in no team")


@attrs.frozen
class Table:
    """A game as the people at it play it: who, the clock, pause, saves, briefings."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    game: Game
    teams: Teams
    """Team name -> the human seats it plays; every human seat is in one team."""
    mode: Mode = "training"
    """``training`` shows each option's expected effects; ``exercise`` hides them."""
    shared_screen: bool = True
    """All teams at one keyboard (hot seat): the table hands the keyboard over."""
    password: str = attrs.field(default="", repr=False)
    """The white cell's password or code; empty: none was set. Never in a view."""
    at_keyboard: str | None = None
    """On a shared screen, the team that has the keyboard (None before the first)."""
    countdown: int = 0
    """Seconds per turn; 0: no countdown. The clock only warns: nobody decides for a team."""
    remaining: int = 0
    """Seconds left of this turn's countdown."""
    clock_turn: str = ""
    """The turn the countdown runs for; a new turn restarts it."""
    paused: bool = False
    """The facilitator paused the game: no decisions until resumed."""
    hidden: bool = False
    """Decisions stay hidden, numbers included, until the turn resolves (sequential
    turns too; a simultaneous turn always hides them)."""
    saved_log: tuple[LogEntry, ...] | None = None
    """The log as last saved under a name; None: never saved."""
    save_name: str = ""
    """The name of the last named save."""
    briefed: frozenset[tuple[str, str]] = frozenset()
    """(turn id, team) whose briefing that team has seen since the turn was reached."""
    drafts: Mapping[str, Draft] = attrs.field(factory=dict)
    """Team -> the offer it is building at the negotiation table (stale once the game
    moves on: each draft remembers the log length it was built at)."""

    @classmethod
    def new(cls, game: Game, teams: Teams | None = None, mode: Mode | None = None,
            password: str = "", shared_screen: bool = True) -> Table:
        """A table at the start of ``game``. Teams and mode default to the game's setup's
        (then one team per seat, and training); a seat no team plays gets its own."""
        teams = complete_teams(teams or game.setup.teams, game.scenario, game.seats)
        mode = mode or game.setup.mode or "training"
        check_teams(teams, game.seats)
        at_keyboard = next(iter(teams)) if shared_screen and len(teams) == 1 else None
        turn = game.waiting.turn if game.waiting else ""
        return cls(game, teams, mode, shared_screen, password, at_keyboard,
                   clock_turn=turn)

    @property
    def training(self) -> bool:
        return self.mode != "exercise"

    @property
    def hot_seat(self) -> bool:
        """More than one team at one screen, so hand-overs are needed."""
        return self.shared_screen and len(self.teams) > 1

    def team_of(self, seat: str) -> str:
        """The team playing ``seat``; for an AI actor, the actor's name."""
        return team_of(self.teams, seat) or self.game.scenario.actor_by_id[seat].name

    def seats_of(self, team: str | None) -> tuple[str, ...]:
        return tuple(self.teams.get(team, ())) if team else ()

    @property
    def acting(self) -> str | None:
        """The team whose seat the game waits for."""
        waiting = self.game.waiting
        return self.team_of(waiting.actor) if waiting else None

    def admits(self, password: str) -> bool:
        """Whether ``password`` opens the white cell's console at this table.

        With no password set, only a table of one team (a player alone, who is
        their own facilitator) opens it: at a hot seat any team could.
        """
        if not self.password:
            return len(self.teams) <= 1
        import hmac  # with the first password typed: the board's first frame needs none

        return hmac.compare_digest(password.encode(), self.password.encode())

    @property
    def unsaved(self) -> bool:
        """Progress made since the last named save (a new game with no move is not)."""
        log = self.game.outcome.log
        if self.saved_log is None:
            return any(e.is_facilitator or e.actor in self.game.seats for e in log)
        return log != self.saved_log

    def saved(self, log: tuple[LogEntry, ...], name: str = "") -> Table:
        """The table once ``log`` was saved (under ``name``, if a named save)."""
        return attrs.evolve(self, saved_log=log, save_name=name or self.save_name)

    def suggest_name(self) -> str:
        """The name a save is offered under: the last save's, else scenario and turn."""
        return self.save_name or f"{self.game.scenario.id}-{self.game.turn.id}"

    def draft_of(self, team: str | None) -> Draft:
        """The offer ``team`` is building at this decision point (an empty one if none)."""
        from wargame.table.talks import Draft  # not before the first game: it needs the engine
        draft = self.drafts.get(team or "")
        step = len(self.game.outcome.log)
        return draft if draft is not None and draft.step == step else Draft(step=step)
