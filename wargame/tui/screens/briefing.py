"""Turn briefing: date, venue, who sits at the table, the text, and what happened since."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from wargame.tui.screens.dashboard import objectives_content
from wargame.tui.session import Session, since_last_decision
from wargame.tui.widgets.news import news_content


def table_content(session: Session) -> Content:
    """Who decides this turn, in order: a team's name for human seats, AI otherwise."""
    game = session.game
    turn = game.scenario.turn_by_id[game.waiting.turn] if game.waiting else game.turn
    parts = []
    for actor in turn.actors:
        name = game.scenario.actor_by_id[actor].name
        if actor not in game.seats:
            who = "AI"
        else:
            who = session.team_of(actor) if session.hot_seat else "you"
        parts.append(f"{name} ({who})")
    order = "decide at the same time, unseen" if turn.simultaneous else "decide in this order"
    return Content(f"At the table ({order}): " + ", ".join(parts))


class BriefingScreen(Screen):
    """Shown once per turn and team; Enter goes to the board."""

    CSS_PATH = "briefing.tcss"
    BINDINGS = [
        Binding("enter,escape,space", "app.pop_screen", "To the board"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.request_quit", "Quit"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        game = self.session.game
        turn = game.scenario.turn_by_id[game.waiting.turn]
        yield Header()
        with VerticalScroll(id="briefing-box"):
            yield Static(Content.assemble(
                (f"Turn {turn.index} of {len(game.scenario.turns)} · ", "bold"),
                (f"{turn.date:%A %d %B %Y} · {turn.venue}", "bold"),
                "\n", (turn.title, "bold $accent")), id="briefing-head")
            yield Static(table_content(self.session), id="briefing-table")
            yield Static(turn.briefing or "No briefing for this turn.", id="briefing-text")
            since = since_last_decision(self.session)
            yield Static("Since your last decision", classes="section")
            yield Static(news_content(game, since), id="briefing-news")
            yield Static(objectives_content(self.session), id="briefing-objectives")
            yield Static("Press Enter to go to the board.", classes="hint")
        yield Footer()
