"""The game board: the world's numbers, the tracks, the news and the acting seat's options."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from wargame.engine import objectives_met
from wargame.tui.session import Session
from wargame.tui.view import series, severity
from wargame.tui.widgets.choices import ChoicePanel
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.gauge import Gauge, Reading
from wargame.tui.widgets.news import NewsFeed
from wargame.tui.widgets.tracks import TrackTable

PICK_KEYS = [Binding(str(n), f"pick({n})", f"Pick {n}", show=False) for n in range(1, 10)]


def objectives_content(session: Session) -> Content:
    """The acting team's objectives, secret ones included; nobody else's secrets."""
    game = session.game
    seats = set(session.seats_of(session.acting_team))
    met = objectives_met(game.scenario, game.state)
    lines = []
    for obj in game.scenario.objectives:
        if obj.actor not in seats:
            continue
        mark = "✓" if met[obj.id] else "·"
        secret = " (secret)" if obj.secret else ""
        lines.append(Content.assemble((f"{mark} ", "bold $success" if met[obj.id] else ""),
                                      f"{obj.title} — {obj.points:g} pts", (secret, "italic")))
    if not lines:
        return Content("")
    return Content("\n").join([Content("Your objectives").stylize("bold"), *lines])


class DashboardScreen(Screen):
    """Attributes down: the App sets ``session``; this screen hands parts to its widgets."""

    CSS_PATH = "dashboard.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-normal"), (110, "-wide")]
    BINDINGS = [
        *PICK_KEYS,
        Binding("enter", "commit", "Commit", priority=False),
        Binding("u", "app.undo", "Undo"),
        Binding("s", "app.save", "Save"),
        Binding("l", "app.load", "Load"),
        Binding("f", "app.facilitator", "Facilitator"),
        Binding("r", "app.report", "Report"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.request_quit", "Quit"),
        Binding("escape", "focus_options", "Options", show=False),
    ]

    session: reactive[Session | None] = reactive(None, always_update=True)

    def __init__(self) -> None:
        super().__init__()
        # The width class from the start: added by the first resize instead, it
        # restyles every widget on the board once more before the first frame.
        width = self.app.size.width
        self.add_class([name for least, name in self.HORIZONTAL_BREAKPOINTS
                        if width >= least][-1])
        self._last: Session | None = None
        self._ready = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="board"):
            with Vertical(id="left"):
                with VerticalScroll(id="world"):
                    yield Static("World", classes="section")
                    # One gauge per indicator from the start, so the first frame
                    # shows the numbers; watch_session rebuilds them for another scenario.
                    count = len(self.session.game.scenario.indicators) if self.session else 0
                    yield Vertical(*(Gauge() for _ in range(count)), id="gauges")
                    yield TrackTable(id="tracks")
                    yield Static("", id="objectives")
                yield Static("News — newest first", classes="section")
                yield NewsFeed(id="news")
            yield ChoicePanel(id="choices")
        yield Footer()

    def on_mount(self) -> None:
        # ``is_mounted`` is still False inside on_mount, hence the own flag.
        self._ready = True
        self.query_one("#options", OptionList).focus()
        if self.session is not None:
            self.watch_session(self.session)

    def watch_session(self, session: Session | None) -> None:
        if session is None or not self._ready:
            return
        if self.app.screen is not self:
            return  # covered by a briefing or hand-over: on_screen_resume catches up
        game = session.game
        previous = self._last.game if self._last else None
        self._last = session
        gauges = self.query_one("#gauges", Vertical)
        if len(gauges.children) != len(game.scenario.indicators):
            gauges.remove_children()
            gauges.mount_all(Gauge() for _ in game.scenario.indicators)
            self.call_after_refresh(self.watch_session, session)
            return
        for gauge, ind in zip(gauges.query(Gauge), game.scenario.indicators, strict=True):
            value = game.state.values[ind.id]
            moved = value - previous.state.values[ind.id] \
                if previous is not None and previous.scenario is game.scenario else 0.0
            band = ind.band(value)
            gauge.reading = Reading(ind.name, value, ind.min, ind.max,
                                    band.label if band else "", severity(ind, value),
                                    tuple(series(game, ind.id)), moved)
        self.query_one(TrackTable).game = game
        self.query_one("#objectives", Static).update(objectives_content(session))
        self.query_one(NewsFeed).show(game, session.visible_news())
        self.query_one(ChoicePanel).session = session
        if self.has_class("-narrow"):  # one column: the options are what to see first
            self.query_one("#choices").scroll_visible(animate=False, top=True)

    def on_screen_resume(self) -> None:
        # Moves then count from what the table last saw on this board.
        if self.session is not None and self._last is not self.session:
            self.watch_session(self.session)

    def action_pick(self, number: int) -> None:
        if not self.query_one(ChoicePanel).pick(number):
            self.notify(f"There is no option {number}.", severity="warning")

    def action_commit(self) -> None:
        self.query_one(ChoicePanel).commit()

    def action_focus_options(self) -> None:
        self.query_one("#options", OptionList).focus()
