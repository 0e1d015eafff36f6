"""Turn briefing: date, venue, who sits at the table, the text, and what happened since."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from wargame.tui.session import Session, since_last_decision
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.news import news_content
from wargame.tui.widgets.titlebar import TitleBar
from wargame.tui.widgets.world import objectives_content


def table_content(session: Session) -> Content:
    """Who decides this turn, in order: a team's name for human seats, AI otherwise."""
    game = session.game
    turn = game.scenario.turn_by_id[game.waiting.turn] if game.waiting else game.turn
    parts = []
    for actor in turn.actors:
        name = game.scenario.actor_by_id[actor].name
        team = session.team_of(actor)
        if actor not in game.seats:
            who = "AI"
        elif not session.hot_seat:
            who = "you"
        else:
            who = "human" if team == name else f"team {team}"
        parts.append(f"{name} ({who})")
    order = "decide at the same time, unseen" if turn.simultaneous else "decide in this order"
    return Content(f"At the table ({order}): " + ", ".join(parts))


class BriefingScreen(Screen):
    """Shown once per turn and team; Enter goes to the board.

    One instance is installed and refilled each turn: building a new screen
    per turn costs more than a frame.
    """

    CSS_PATH = "briefing.tcss"
    BINDINGS = [
        Binding("enter,escape,space", "app.pop_screen", "To the board"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.request_quit", "Quit"),
    ]

    session: reactive[Session | None] = reactive(None, always_update=True)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="briefing-box"):
            # One Static for the whole page: fewer widgets, a quicker first frame.
            yield Static(id="briefing-page")
        yield Footer()

    def on_mount(self) -> None:
        self._fill(self.session)

    def watch_session(self, session: Session | None) -> None:
        if self.is_attached and self.query("#briefing-page"):
            self._fill(session)

    def _fill(self, session: Session | None) -> None:
        if session is None or session.game.waiting is None:
            return
        self.query_one("#briefing-page", Static).update(briefing_content(session))
        self.query_one("#briefing-box", VerticalScroll).scroll_home(animate=False)


def briefing_content(session: Session) -> Content:
    """Date, venue, the table, the briefing, what happened since, the objectives."""
    game = session.game
    turn = game.scenario.turn_by_id[game.waiting.turn]
    parts = [
        Content.assemble((f"Turn {turn.index} of {len(game.scenario.turns)} · "
                          f"{turn.date:%A %d %B %Y} · {turn.venue}", "bold"),
                         "\n", (turn.title, "bold $accent")),
        table_content(session),
        Content(turn.briefing or "No briefing for this turn."),
        Content.assemble(("Since your last decision", "bold $accent"), "\n",
                         news_content(game, since_last_decision(session))),
    ]
    objectives = objectives_content(session)
    if objectives:
        parts.append(objectives)
    parts.append(Content("Press Enter to go to the board.").stylize("dim"))
    return Content("\n\n").join(parts)
