"""Hot seat: a blank screen between teams, so nobody sees another team's choice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from wargame.tui.session import Session
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.titlebar import TitleBar


class HandOverScreen(Screen):
    """Names the team whose turn it is; Enter when that team has the keyboard."""

    CSS_PATH = "handover.tcss"
    BINDINGS = [Binding("enter", "app.pop_screen", "We're ready")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.team = session.acting_team or ""
        game = session.game
        self.actors = ", ".join(game.scenario.actor_by_id[s].name
                                for s in session.seats_of(self.team))

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Middle(), Center():
            yield Static(Content.assemble(
                ("Hand over to ", "bold"), (self.team, "bold $accent"), "\n\n",
                f"({self.actors})\n\n" if self.actors != self.team else "\n",
                "The previous team's choices stay hidden until the turn is over.\n",
                (f"{self.team}: press Enter when you have the keyboard.", "bold")),
                id="handover-text")
        yield Footer()
