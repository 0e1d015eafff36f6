"""Turn briefing: date, venue, who sits at the table, the text, and what happened since."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from wargame.table.flow import since_last_decision
from wargame.tui.picture import Picture
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.news import news_content
from wargame.tui.widgets.titlebar import TitleBar
from wargame.tui.widgets.world import objectives_content

if TYPE_CHECKING:
    from wargame.engine.state import NewsItem


def table_content(picture: Picture) -> Content:
    """Who decides this turn, in order: a team's name for human seats, AI otherwise."""
    turn = picture.turn
    parts = []
    for actor in turn.actors:
        name = picture.scenario.actor_by_id[actor].name
        team = picture.team_of(actor)
        if actor not in picture.view.seats:
            who = "AI"
        elif not picture.hot_seat:
            who = "you"
        else:
            who = "human" if team == name else f"team {team}"
        parts.append(f"{name} ({who})")
    order = "decide at the same time, unseen" if turn.simultaneous else "decide in this order"
    return Content(f"At the table ({order}): " + ", ".join(parts))


class BriefingScreen(Screen):
    """Shown once per turn reached and team; Enter goes to the board.

    One instance is installed and refilled each turn: building a new screen
    per turn costs more than a frame.
    """

    CSS_PATH = "briefing.tcss"
    BINDINGS = [
        Binding("enter,escape,space", "app.briefing_read", "To the board"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.request_quit", "Quit"),
    ]

    picture: reactive[Picture | None] = reactive(None, always_update=True)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="briefing-box"):
            # One Static for the whole page: fewer widgets, a quicker first frame.
            yield Static(id="briefing-page")
        yield Footer()

    def on_mount(self) -> None:
        self._fill(self.picture)

    def watch_picture(self, picture: Picture | None) -> None:
        if self.is_attached and self.query("#briefing-page"):
            self._fill(picture)

    def _fill(self, picture: Picture | None) -> None:
        if picture is None or picture.view.waiting is None:
            return
        self.query_one("#briefing-page", Static).update(briefing_content(picture))
        self.query_one("#briefing-box", VerticalScroll).scroll_home(animate=False)


SINCE_LINES = 8
"""The most items the briefing lists since the team's last decision; the feed has all."""


def since_content(picture: Picture) -> Content | None:
    """What happened since this team last decided, oldest first and at most SINCE_LINES
    items; None before its first decision (the briefing itself says where things stand)."""
    view = picture.view
    mine = set(view.mine) or ({view.waiting} if view.waiting else set())
    if not any(i.kind in ("decision", "pass") and i.actor in mine for i in view.news):
        return None
    items = since_last_decision(view)
    if not items:
        return None
    shown = items[-SINCE_LINES:]
    lines = [news_line_of(picture, item) for item in shown]
    head = "Since your last decision, oldest first"
    if len(items) > len(shown):
        head += f" (the last {len(shown)} of {len(items)}; the news feed has them all)"
    return Content("\n").join([Content(head).stylize("bold $accent"), *lines])


def news_line_of(picture: Picture, item: NewsItem) -> Content:
    """One item as the news feed writes it (its turn, its words, its note)."""
    return news_content(picture.scenario, [item])


def briefing_content(picture: Picture) -> Content:
    """Date, venue, the table, the briefing, what happened since, the objectives."""
    turn = picture.turn
    parts = [
        Content.assemble((f"Turn {turn.index} of {picture.view.turns} · "
                          f"{turn.date:%A %d %B %Y} · {turn.venue}", "bold"),
                         "\n", (turn.title, "bold $accent")),
        table_content(picture),
        Content(turn.briefing or "No briefing for this turn."),
    ]
    since = since_content(picture)
    if since is not None:
        parts.append(since)
    objectives = objectives_content(picture)
    if objectives:
        parts.append(objectives)
    parts.append(Content("Press Enter to go to the board.").stylize("dim"))
    return Content("\n\n").join(parts)
