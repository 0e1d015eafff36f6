"""The facilitator's room at a hosted table: who has a screen, the AI's stand-ins, any seat's view.

Only a hosted table has a room: the white cell's screen opens it from the
console. A team with no screen for a while shows how long; the facilitator
can wait, or hand its seats to the AI with a doctrine and take them back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Select, Static

from wargame.host.client import RemoteTable
from wargame.host.hosted import PROJECTOR
from wargame.report.transcript import news_line
from wargame.table.view import SeatView
from wargame.tui.plain import choices


def presence_text(presence: Mapping[str, Any], stand_ins: Mapping[str, str]) -> Text:
    """One line per team: its screens, or how long it has had none, and the AI if it plays."""
    text = Text()
    for team, seat in presence.items():
        screens = seat.get("screens") or []
        if screens:
            count = len(screens)
            line = f"{team}: {count} screen{'' if count == 1 else 's'} ({', '.join(screens)})"
        else:
            absent = seat.get("absent") or 0
            line = f"{team}: no screen for {absent // 60} min {absent % 60:02d} s"
        if stand_ins.get(team):
            line += f" · the AI plays it ({stand_ins[team]})"
        text.append(line + "\n", style="bold red" if not screens else "")
    return text


def seen_text(who: str, view: SeatView, scenario: Any) -> Text:
    """What one seat's screen shows, in words: whose turn, its options, objectives, news."""
    text = Text()
    text.append(f"What {who} sees · turn {view.turn_index}/{view.turns} · {view.venue}\n\n",
                style="bold")
    text.append(f"Deciding: {view.acting or 'nobody'}\n")
    if view.options:
        for option in view.options:
            text.append(f"  · {scenario.option_by_id[option].title}\n")
    text.append("\nNumbers: " + ", ".join(f"{scenario.name_of(k)} {v:g}"
                                           for k, v in view.values.items()) + "\n")
    if view.objectives:
        text.append("\nObjectives it can see:\n")
        for objective in scenario.objectives:
            if objective.id in view.objectives:
                mark = "✓" if view.objectives[objective.id] else "·"
                text.append(f"  {mark} {objective.title}\n")
    text.append("\nNews, newest first:\n")
    for item in list(view.news)[::-1][:10]:
        text.append(f"  {news_line(scenario, item)}\n")
    return text


class LookScreen(ModalScreen[None]):
    """A seat's view, read-only, as the facilitator asked for it."""

    CSS_PATH = "room.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(self.text, id="seen")
            yield Static("Escape closes.", classes="hint")


class RoomScreen(ModalScreen[None]):
    """Seats and screens: presence, hand to the AI and back, look as a seat or the room."""

    CSS_PATH = "room.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Close")]

    def __init__(self, client: RemoteTable) -> None:
        super().__init__()
        self.client = client

    def compose(self) -> ComposeResult:
        client = self.client
        teams = choices((team, team) for team in client.view.teams)
        doctrines = choices((p.name, p.id) for p in client.scenario.policies)
        with VerticalScroll(classes="dialog"):
            yield Static("Seats and screens · Escape closes", classes="section")
            yield Static(presence_text(client.presence, client.stand_ins), id="presence")
            with Horizontal(classes="row"):
                yield Select(teams, id="team", prompt="Team")
                yield Select(doctrines, id="doctrine", prompt="AI doctrine")
            with Horizontal(classes="row"):  # the team's seats: to the AI and back
                yield Button("Hand to the AI", id="hand", variant="warning")
                yield Button("Take back", id="back")
            with Horizontal(classes="row"):  # what a screen shows: two rows fit 60 columns
                yield Button("Look as this team", id="look")
                yield Button("Projector view", id="projector")

    def on_mount(self) -> None:
        self.query(Select).first().focus()  # keys only: the team to act on comes first
        self.client.on_presence.append(self._presence)
        self.client.on_looked.append(self._looked)

    def on_unmount(self) -> None:
        if self._presence in self.client.on_presence:
            self.client.on_presence.remove(self._presence)
        if self._looked in self.client.on_looked:
            self.client.on_looked.remove(self._looked)

    def _presence(self, presence: Mapping[str, Any]) -> None:
        self.query_one("#presence", Static).update(
            presence_text(presence, self.client.stand_ins))

    def _looked(self, who: str, view: SeatView) -> None:
        name = "the room (projector)" if who == PROJECTOR else who
        self.app.push_screen(LookScreen(seen_text(name, view, self.client.scenario)))

    def _value(self, selector: str) -> str | None:
        # Select.BLANK is the allow_blank flag in Textual 8; is_blank() asks for "no choice".
        select = self.query_one(selector, Select)
        return None if select.is_blank() else str(select.value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        action = event.button.id
        if action == "projector":
            self.client.look(PROJECTOR)
            return
        team = self._value("#team")
        if team is None:
            self.notify("Choose a team first.", severity="warning")
            return
        if action == "look":
            self.client.look(team)
        elif action == "back":
            self.client.send_host({"request": "TakeBack", "team": team})
        elif action == "hand":
            doctrine = self._value("#doctrine")
            if doctrine is None:
                self.notify("Choose the doctrine the AI plays it with.", severity="warning")
                return
            self.client.send_host({"request": "HandToAI", "team": team, "doctrine": doctrine})
