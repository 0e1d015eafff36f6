"""The game board: the world's numbers, the tracks, the news and the acting seat's options."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import OptionList, Static

from wargame.table.view import SeatView
from wargame.tui.picture import Picture
from wargame.tui.widgets.choices import ChoicePanel
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.news import NewsFeed
from wargame.tui.widgets.titlebar import TitleBar
from wargame.tui.widgets.world import WorldPanel

PICK_KEYS = [Binding(str(n), f"pick({n})", f"Pick {n}", show=False) for n in range(1, 10)]


class DashboardScreen(Screen):
    """Bound to the App's ``picture``; this screen hands parts to its widgets."""

    CSS_PATH = "dashboard.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-normal"), (110, "-wide")]
    BINDINGS = [
        *PICK_KEYS,
        Binding("enter", "commit", "Commit", priority=False),
        Binding("n", "app.negotiate", "Negotiate"),
        # Off the footer, which has no room left at 80 columns; the help lists it.
        Binding("e", "app.forecast", "Forecast", show=False),
        Binding("u", "app.undo", "Undo"),
        Binding("s", "app.save", "Save"),
        Binding("l", "app.load", "Load"),
        Binding("f", "app.facilitator", "Facilitator"),
        Binding("r", "app.report", "Report"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.request_quit", "Quit"),
        Binding("escape", "focus_options", "Options", show=False),
    ]

    picture: reactive[Picture | None] = reactive(None, always_update=True)

    def __init__(self) -> None:
        super().__init__()
        # The width class from the start: added by the first resize instead, it
        # restyles every widget on the board once more before the first frame.
        width = self.app.size.width
        self.add_class([name for least, name in self.HORIZONTAL_BREAKPOINTS
                        if width >= least][-1])
        self._last: Picture | None = None
        self._ready = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="board"):
            with Vertical(id="left"):
                with VerticalScroll(id="world"):
                    yield WorldPanel(id="world-panel")
                yield Static("News — newest first", classes="section")
                yield NewsFeed(id="news")
            yield ChoicePanel(id="choices")
        yield Footer()

    def on_mount(self) -> None:
        # ``is_mounted`` is still False inside on_mount, hence the own flag.
        self._ready = True
        self.query_one("#options", OptionList).focus()
        if self.picture is not None:
            self.watch_picture(self.picture)

    def watch_picture(self, picture: Picture | None) -> None:
        if picture is None or not self._ready:
            return
        if self.app.screen is not self:
            return  # covered by a briefing or hand-over: on_screen_resume catches up
        previous: SeatView | None = self._last.view if self._last else None
        self._last = picture
        self.query_one(WorldPanel).show(picture, previous)
        self.query_one(NewsFeed).show(picture.scenario, picture.view.news, picture.training)
        self.query_one(ChoicePanel).picture = picture
        if previous is None or previous.who != picture.view.who:
            self.refresh_bindings()  # the footer's keys are a team's, or a watcher's
        if self.has_class("-narrow"):
            # One column: it opens on the world (gauges, tracks), the options
            # below it; focusing the options must not scroll the world away.
            self.call_after_refresh(self._world_first)

    def _world_first(self) -> None:
        self.query_one("#board").scroll_home(animate=False)

    def on_screen_resume(self) -> None:
        # Moves then count from what the table last saw on this board.
        if self.picture is not None and self._last is not self.picture:
            self.watch_picture(self.picture)

    def action_pick(self, number: int) -> None:
        if not self.query_one(ChoicePanel).pick(number):
            self.notify(f"There is no option {number}.", severity="warning")

    def action_commit(self) -> None:
        self.query_one(ChoicePanel).commit()

    def action_focus_options(self) -> None:
        self.query_one("#options", OptionList).focus()
