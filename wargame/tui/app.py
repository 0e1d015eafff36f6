"""The App: its screen registry and start-up; the table's screens bind to its ``picture``.

The App holds a ``TableClient`` (``seating.py`` follows it) and the saves
folder (``files.py``); the game itself lives in ``wargame.table``. Those are
imported with the first game: the title's first frame needs none of them.
"""

from __future__ import annotations

import gc
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from wargame.errors import WargameError
from wargame.tui import messages as msg
from wargame.tui.commands import GameCommands
from wargame.tui.launch import Launch
from wargame.tui.picture import Picture

if TYPE_CHECKING:
    from wargame.engine.setup import Mode
    from wargame.saves.files import Loaded
    from wargame.table.client import TableClient
    from wargame.table.model import Table
    from wargame.tui.files import Files
    from wargame.tui.negotiating import Negotiating
    from wargame.tui.screens.answer import AnswerScreen
    from wargame.tui.screens.negotiation import NegotiationScreen
    from wargame.tui.seating import Seating


def _dashboard() -> Screen:
    from wargame.tui.screens.dashboard import DashboardScreen

    return DashboardScreen().data_bind(WargameApp.picture)


def _briefing() -> Screen:
    from wargame.tui.screens.briefing import BriefingScreen

    return BriefingScreen().data_bind(WargameApp.picture)


def _help() -> Screen:
    from wargame.tui.screens.help import HelpScreen

    return HelpScreen()


def _sheet(name: str) -> Path:
    """A screen's stylesheet, as Textual names it when the screen brings it itself."""
    return (Path(__file__).resolve().parent / "screens" / f"{name}.tcss").resolve()


class WargameApp(App):
    """A screen at a table: one seat, or several at one keyboard (hot seat)."""

    # A screen's own CSS_PATH read on its first push makes Textual re-parse all
    # CSS and restyle every widget on screen (10-25 ms, a hitch on the first
    # hand-over). So the App reads the first screens' sheets at start and all
    # the others in one batch once the first frame is up (read_stylesheets).
    CSS_PATH = "app.tcss"
    FIRST_SHEETS = {"title": ("title",), "game": ("dashboard", "briefing", "handover")}
    SHEETS = ("title", "briefing", "dashboard", "handover", "ending", "facilitator",
              "saves", "quit", "help", "negotiation", "answer", "forecast")
    TITLE = "wargame"
    # Screens built on first use, so start-up imports only the title screen.
    SCREENS = {"dashboard": _dashboard, "briefing": _briefing, "help": _help}
    COMMANDS = App.COMMANDS | {GameCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("q", "request_quit", "Quit"),
    ]

    picture: var[Picture | None] = var(None, always_update=True)
    """What the game screens draw: the scenario and this seat's view (None: no game)."""

    def __init__(self, launch: Launch) -> None:
        first = self.FIRST_SHEETS["game" if launch.loaded else "title"]
        super().__init__(css_path=[self.CSS_PATH, *map(_sheet, first)])
        self.launch = launch
        self.seating: Seating | None = None
        """This screen's seat at a table; None until the first game."""

    @cached_property
    def files(self) -> Files:
        from wargame.tui.files import Files

        return Files(self, self.launch.saves)

    @cached_property
    def negotiating(self) -> Negotiating:
        from wargame.tui.negotiating import Negotiating

        return Negotiating(self)

    @property
    def table(self) -> Table | None:
        """The table held in this process (hot seat or a player alone), if any."""
        from wargame.table.client import LocalTable

        client = self.seating.client if self.seating else None
        return client.table if isinstance(client, LocalTable) else None

    @property
    def settling(self) -> bool:
        return self.seating is not None and self.seating.settling

    def on_mount(self) -> None:
        self.set_timer(0.5, self.freeze_heap)  # when the first screen is up and idle
        if self.launch.loaded is not None:
            for warning in self.launch.loaded.warnings:
                self.notify(warning, severity="warning", markup=False)
            if self.start_loaded(self.launch.loaded, self.launch.mode):
                return
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

    # -- sitting at a table -----------------------------------------------------
    def sit(self, client: TableClient) -> None:
        """Show this client's table: a new game, a loaded one, or a hosted one."""
        from wargame.tui.seating import Seating

        if self.seating is None:
            self.seating = Seating(self)
            self.set_interval(1.0, self._tick)
        self.seating.sit(client)

    def _tick(self) -> None:
        """A table held here keeps its own clock; a hosted one ticks on the host."""
        from wargame.table.client import LocalTable

        client = self.seating.client if self.seating else None
        if isinstance(client, LocalTable):
            client.tick()

    def on_start_game(self, event: msg.StartGame) -> None:
        # Enter twice on the title: the second request arrives after the first
        # game replaced the title. One game was asked for (tests/tui/test_monkey.py).
        if self.seating is not None and self.seating.client is not None:
            return
        # Imported here: the title's first frame needs none of the engine.
        from wargame.engine.game import Game
        from wargame.table.client import LocalTable
        from wargame.table.model import Table

        try:
            game = Game.start(event.setup)
            table = Table.new(game, password=event.password or self.launch.password)
        except WargameError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.sit(LocalTable(table))

    def start_loaded(self, loaded: Loaded, mode: Mode | None = None) -> bool:
        from wargame.paths import AUTOSAVE
        from wargame.table.client import LocalTable
        from wargame.table.model import Table

        game = loaded.game
        try:  # teams and mode as saved, unless the command line chose a mode
            table = Table.new(game, mode=mode, password=self.launch.password)
        except WargameError as exc:
            self.notify(str(exc), title="Not loaded", severity="error", markup=False)
            return False
        name = loaded.file.path.stem
        table = table.saved(game.outcome.log, "" if name == AUTOSAVE else name)
        self.sit(LocalTable(table))
        return True

    def show_header(self) -> None:
        """The scenario's title, then pause, clock, turn, date and venue, on every screen."""
        picture = self.seating.picture if self.seating else None
        if picture is None:
            self.sub_title = ""
            return
        self.title = picture.scenario.title
        self.sub_title = picture.header()

    # -- keys ---------------------------------------------------------------------
    def on_in_turn(self, event: msg.InTurn) -> None:
        event.stop()
        if event.screen is self.screen:
            event.run()

    def on_commit_decision(self, event: msg.CommitDecision) -> None:
        if self.seating is not None:
            self.seating.commit(event.option_id, event.note, event.step)

    def action_undo(self) -> None:
        if self.seating is not None and self.seating.client is not None:
            self.seating.undo()
        else:
            self.notify("Nothing to undo.", severity="warning")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``n`` is shown only in a scenario that has terms to negotiate, and only to a
        team: the white cell and the room's screen neither negotiate nor forecast, and
        the room's screen undoes nothing."""
        from wargame.table.model import WHITE_CELL  # loaded with the first game

        view = self.picture.view if self.picture is not None else None
        watcher = view is not None and view.who in (WHITE_CELL, None)
        if action in ("negotiate", "forecast") and watcher:
            return False
        if action == "undo" and view is not None and view.who is None:
            return False
        if action == "negotiate":
            return self.picture is not None and bool(self.picture.scenario.terms)
        return True

    def action_forecast(self) -> None:
        if self.seating is not None:
            self.seating.forecast()

    def action_negotiate(self) -> None:
        self.negotiating.open()

    def on_negotiation_screen_edit(self, event: NegotiationScreen.Edit) -> None:
        self.negotiating.edit(event.draft)

    def on_negotiation_screen_send(self, event: NegotiationScreen.Send) -> None:
        self.negotiating.offer(event.draft, event.note)

    def on_answer_screen_answer(self, event: AnswerScreen.Answer) -> None:
        self.negotiating.answer(event.accept)

    def action_briefing_read(self) -> None:
        if self.seating is not None:
            self.seating.briefing_read()
        else:
            self.pop_screen()

    def action_seat_ready(self) -> None:
        if self.seating is not None:
            self.seating.seat_ready()
        else:
            self.pop_screen()

    def action_facilitator(self) -> None:
        """The console for the facilitator: at once, after the password, or not here."""
        view = self.seating.view if self.seating else None
        if self.seating is None or view is None:
            return
        seating = self.seating
        from wargame.tui.screens.facilitator import FacilitatorScreen

        def open_with(client: TableClient | None) -> None:
            if client is not None:
                self.push_screen(FacilitatorScreen(client))

        if view.console_access == "password":
            from wargame.tui.screens.password import PasswordScreen

            self.push_screen(PasswordScreen(seating.console), open_with)
        else:  # open, or a refusal that says how to get the console
            open_with(seating.white_cell(""))

    def on_facilitate(self, event: msg.Facilitate) -> None:
        if self.seating is not None:
            self.seating.facilitate(event.request, event.client)

    def action_save(self) -> None:
        if self.table is not None:
            self.files.ask_name()

    def action_load(self) -> None:
        self.files.ask_load()

    def action_report(self) -> None:
        self.files.report()

    def on_save_written(self, event: msg.SaveWritten) -> None:
        self.files.written(event)

    def on_save_failed(self, event: msg.SaveFailed) -> None:
        self.files.failed(event)

    def on_game_loaded(self, event: msg.GameLoaded) -> None:
        for warning in event.loaded.warnings:
            self.notify(warning, severity="warning", markup=False)
        if self.start_loaded(event.loaded):
            self.notify(f"Loaded {event.loaded.file.path.name}", markup=False, timeout=3)

    def on_load_failed(self, event: msg.LoadFailed) -> None:
        self.notify(event.error, title="Not loaded", severity="error", markup=False)

    def on_report_written(self, event: msg.ReportWritten) -> None:
        self.notify(f"Report written: {event.path}", title="Report", markup=False, timeout=8)

    def on_report_failed(self, event: msg.ReportFailed) -> None:
        self.notify(event.error, title="No report", severity="error", markup=False)

    def action_help(self) -> None:
        from wargame.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen("help")

    def action_new_game(self) -> None:
        from wargame.tui.screens.title import TitleScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(TitleScreen(self.launch))
        if self.seating is not None:
            self.seating.leave()

    def action_request_quit(self) -> None:
        view = self.seating.view if self.seating else None
        if view is None or not view.unsaved:
            self.exit()
            return
        from wargame.tui.screens.quit import QuitScreen

        def chosen(answer: str | None) -> None:
            if answer == "quit":
                self.exit()
            elif answer == "save":
                self.files.save_and_quit(view.save_name)

        self.push_screen(QuitScreen(), chosen)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Textual's toast, never read as markup.

        A toast shows names, paths and errors from files and players; our own
        messages carry no markup. Screens' and widgets' ``notify`` (which pass
        ``markup=True`` unless told) end here too.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_command_palette(self) -> None:
        """Textual's palette, in the subclass that survives keys typed faster than it."""
        from textual.command import CommandPalette

        from wargame.tui.palette import SafeCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))
