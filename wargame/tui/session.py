"""What the interface knows beyond the game: mode, teams, pause. Plain Python.

A ``Session`` is immutable like the game; the App replaces it and hands it
down to its screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from wargame.engine.setup import team_of
from wargame.errors import UsageError

if TYPE_CHECKING:  # the core loads with the first game, after the title's first frame
    from wargame.engine.game import Game
    from wargame.engine.setup import Mode, Teams
    from wargame.engine.state import NewsItem
    from wargame.scenario.model import Scenario


@attrs.frozen
class Session:
    """A game as the table plays it."""

    game: Game
    mode: Mode = "training"
    """``training`` shows each option's effects; ``exercise`` hides them."""
    teams: Teams = attrs.field(factory=dict)
    """Team name -> the human seats it plays."""
    paused: bool = False
    """The facilitator paused the game: no decisions until resumed."""

    @property
    def training(self) -> bool:
        return self.mode != "exercise"

    def team_of(self, seat: str) -> str:
        """The seat's team, or its actor's name when it plays alone."""
        return team_of(self.teams, seat) or self.game.scenario.actor_by_id[seat].name

    @property
    def acting_team(self) -> str | None:
        waiting = self.game.waiting
        return self.team_of(waiting.actor) if waiting else None

    @property
    def hot_seat(self) -> bool:
        """More than one team sits at this screen, so hand-overs are needed."""
        return len({self.team_of(s) for s in self.game.seats}) > 1

    def seats_of(self, team: str | None) -> tuple[str, ...]:
        return tuple(s for s in self.game.seats if self.team_of(s) == team)

    def visible_news(self) -> list[NewsItem]:
        """News the acting team may see: other teams' choices this turn stay hidden."""
        game = self.game
        if game.over or not self.hot_seat:
            return list(game.news)
        team = self.acting_team
        current = game.waiting.turn if game.waiting else ""
        return [item for item in game.news
                if not (item.turn == current and item.kind == "decision" and not item.by_ai
                        and self.team_of(item.actor) != team)]


def default_teams(scenario: Scenario, seats: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """One team per seat, named after its actor."""
    return {scenario.actor_by_id[s].name: (s,) for s in seats}


def parse_seed(text: str) -> int | None:
    """The title's seed field: empty for the scenario's own, else a whole number >= 0."""
    text = text.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 30:
        raise UsageError(f"seed: '{text[:40]}' is not a whole number of 0 or more")
    return int(text)


def parse_teams(text: str, scenario: Scenario,
                seats: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``Washington=us,nato; Moscow=russia``; seats left out get a team of their own."""
    teams: dict[str, tuple[str, ...]] = {}
    placed: set[str] = set()
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        name, sep, members = part.partition("=")
        ids = tuple(m.strip() for m in members.split(",") if m.strip())
        if not sep or not name.strip() or not ids:
            raise UsageError(f"teams: '{part}' is not Name=seat,seat")
        for seat in ids:
            if seat not in seats:
                raise UsageError(f"teams: '{seat}' is not a human seat "
                                 f"(seats: {', '.join(seats) or 'none'})")
            if seat in placed:
                raise UsageError(f"teams: seat '{seat}' is in two teams")
            placed.add(seat)
        teams[name.strip()] = ids
    for seat in seats:
        if seat not in placed:
            teams[scenario.actor_by_id[seat].name] = (seat,)
    return teams


def fresh_news(old: Game | None, new: Game) -> tuple[NewsItem, ...]:
    """What happened between two games when ``new`` continues ``old``; else nothing."""
    if old is None or old.scenario is not new.scenario:
        return ()
    if new.outcome.log[:len(old.outcome.log)] != old.outcome.log:
        return ()
    if len(new.outcome.log) <= len(old.outcome.log):
        return ()
    return new.news[len(old.news):]


def since_last_decision(session: Session) -> list[NewsItem]:
    """News since the acting team last decided (all of it before its first decision)."""
    news = session.visible_news()
    team = session.acting_team
    for i in range(len(news) - 1, -1, -1):
        item = news[i]
        if item.kind in ("decision", "pass") and item.actor in session.game.seats \
                and session.team_of(item.actor) == team:
            return news[i + 1:]
    return news
