"""The App: its screen registry and start-up. Game handling lives in the mixins."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.reactive import Reactive, reactive
from textual.screen import Screen

from wargame.tui.commands import GameCommands
from wargame.tui.facilitation import FacilitatorActions
from wargame.tui.flow import GameFlow
from wargame.tui.launch import Launch
from wargame.tui.session import Session
from wargame.tui.storage import SaveActions


def _dashboard() -> Screen:
    from wargame.tui.screens.dashboard import DashboardScreen

    return DashboardScreen()


def _briefing() -> Screen:
    from wargame.tui.screens.briefing import BriefingScreen

    return BriefingScreen()


def _help() -> Screen:
    from wargame.tui.screens.help import HelpScreen

    return HelpScreen()


def _sheet(name: str) -> Path:
    """A screen's stylesheet, as Textual names it when the screen brings it itself."""
    return (Path(__file__).resolve().parent / "screens" / f"{name}.tcss").resolve()


class WargameApp(GameFlow, SaveActions, FacilitatorActions, App):
    """A seat (or several, hot seat) at the table, with a facilitator's console."""

    # A screen's own CSS_PATH read on its first push makes Textual re-parse all
    # CSS and restyle every widget on screen (10-25 ms, a hitch on the first
    # hand-over). So the App reads the first screens' sheets at start and all
    # the others in one batch once the first frame is up (read_stylesheets).
    CSS_PATH = "app.tcss"
    FIRST_SHEETS = {"title": ("title",), "game": ("dashboard", "briefing", "handover")}
    SHEETS = ("title", "briefing", "dashboard", "handover", "ending", "facilitator",
              "saves", "quit", "help")
    TITLE = "wargame"
    # Screens built on first use, so start-up imports only the title screen.
    SCREENS = {"dashboard": _dashboard, "briefing": _briefing, "help": _help}
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("q", "request_quit", "Quit"),
    ]

    session: reactive[Session | None] = reactive(None, always_update=True)

    def __init__(self, launch: Launch) -> None:
        first = self.FIRST_SHEETS["game" if launch.loaded else "title"]
        super().__init__(css_path=[self.CSS_PATH, *map(_sheet, first)])
        self.launch = launch
        self.setup_flow()
        self.setup_saves(launch.saves)
        self.setup_facilitation()

    def on_mount(self) -> None:
        self.set_timer(0.5, self.freeze_heap)  # when the first screen is up and idle
        if self.launch.loaded is not None:
            for warning in self.launch.loaded.warnings:
                self.notify(warning, severity="warning", markup=False)
            self.start_loaded(self.launch.loaded, self.launch.mode)
        else:
            from wargame.tui.screens.title import TitleScreen

            self.push_screen(TitleScreen(self.launch))

    def read_stylesheets(self) -> None:
        """Every screen's stylesheet not read yet, with one re-parse, while the table reads."""
        unread = [path for path in map(_sheet, self.SHEETS)
                  if not self.stylesheet.has_source(str(path), "")]
        if unread:
            self.stylesheet.read_all(unread)
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    def freeze_heap(self) -> None:
        """Move what start-up built out of the collector's way.

        Textual's widgets and the scenario are long-lived; a full collection
        over them took 25-60 ms here, enough to miss a frame after a decision.
        """
        self.read_stylesheets()  # first: the restyled heap gets frozen too
        gc.collect()
        gc.freeze()
        gc.enable()  # `wargame play` starts with it off (launch.command)

    def watch_session(self, session: Session | None) -> None:
        """Attributes down: every screen that shows the game gets the new session."""
        if session is None:
            return
        for screen in self.screen_stack:
            if not hasattr(screen, "session") or screen.session is session:
                continue
            field = getattr(type(screen), "session", None)
            # A screen with a plain `session` attribute (the facilitator console)
            # has nothing to refresh: set it; set_reactive needs a reactive.
            if screen is self.screen or not isinstance(field, Reactive):
                screen.session = session  # current: not is_current, stale until the next frame
            else:  # covered: it catches up when shown (on_screen_resume)
                screen.set_reactive(field, session)
        self.show_clock()

    def action_command_palette(self) -> None:
        """Textual's palette, in the subclass that survives keys typed faster than it."""
        from textual.command import CommandPalette

        from wargame.tui.palette import SafeCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))
