"""Hot seat: a blank screen between teams, so nobody sees another team's choice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from wargame.table.view import SeatView
from wargame.tui.picture import Picture
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.titlebar import TitleBar


def reveal_text(view: SeatView) -> str:
    """What the next team will see of the choices made before it, as the format says."""
    if view.offer is not None and view.offer.answerer in view.teams.get(view.hand_over or "",
                                                                         ()):
        return "An offer waits for this team's answer: it comes up first."
    if view.simultaneous:
        return ("Everyone decides this turn at the same time: the choices, and the "
                "numbers they move, stay hidden until all have chosen.")
    if view.hidden:
        return "The previous team's choices stay hidden until the turn is over."
    return ("This turn is played in order: each team sees what the teams before it "
            "chose, and what it moved.")


class HandOverScreen(Screen):
    """Names the team whose turn it is; Enter when that team has the keyboard."""

    CSS_PATH = "handover.tcss"
    # Below 74 columns the 70-wide box (with its border) fits the screen instead.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (74, "-normal")]
    BINDINGS = [Binding("enter", "app.seat_ready", "We're ready"),
                Binding("u", "app.undo", "Undo", show=False)]

    def __init__(self, picture: Picture) -> None:
        super().__init__()
        self.team = picture.view.hand_over or ""
        self.actors = ", ".join(picture.scenario.actor_by_id[s].name
                                for s in picture.view.teams.get(self.team, ()))
        self.reveal = reveal_text(picture.view)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Middle(), Center():
            yield Static(Content.assemble(
                ("Hand over to ", "bold"), (self.team, "bold $accent"), "\n\n",
                f"({self.actors})\n\n" if self.actors != self.team else "\n",
                f"{self.reveal}\n",
                (f"{self.team}: press Enter when you have the keyboard.", "bold")),
                id="handover-text")
        yield Footer()
