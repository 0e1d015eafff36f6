"""Save, autosave, load and the after-action report: files, always in worker threads.

A worker calls the plain core and posts a message with the result; the App
hands the message back here. Only a table held in this process has a game
to write: a hosted table keeps its own journal and saves.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from wargame.errors import WargameError
from wargame.paths import autosave_path
from wargame.table import requests as rq
from wargame.table.client import LocalTable
from wargame.table.model import WHITE_CELL
from wargame.tui import messages as msg

if TYPE_CHECKING:
    from wargame.engine.game import Game
    from wargame.engine.setup import Mode, Teams
    from wargame.tui.app import WargameApp


class Files:
    """The saves folder of one App, and the workers that read and write it."""

    def __init__(self, app: WargameApp, folder: Path) -> None:
        self.app = app
        self.folder = folder
        self.quit_after_save = False

    @property
    def local(self) -> LocalTable | None:
        client = self.app.seating.client if self.app.seating else None
        return client if isinstance(client, LocalTable) else None

    def extra(self) -> tuple[Teams, Mode] | None:
        """Teams and mode, read on the UI thread and handed to the worker."""
        local = self.local
        return (dict(local.table.teams), local.table.mode) if local else None

    # -- saving -----------------------------------------------------------------
    def ask_name(self) -> None:
        local = self.local
        if local is None:
            self.app.notify("This screen has no game of its own to save.", severity="warning")
            return
        from wargame.tui.screens.saves import SaveScreen

        def chosen(name: str | None) -> None:
            if name:
                self.save_named(name)

        self.app.push_screen(SaveScreen(local.view.save_name, self.folder), chosen)

    def save_and_quit(self, name: str) -> None:
        """Quit after saving under ``name``; a name whose save exists is asked again,
        with a new one offered, so an earlier save is never replaced unasked."""
        from wargame.saves.files import fresh_name, save_path

        local = self.local
        if local is None:
            return
        try:
            exists = save_path(name, self.folder).exists()
        except WargameError:
            exists = False
        if not exists:
            self.save_named(name, then_quit=True)
            return
        from wargame.tui.screens.saves import SaveScreen

        game = local.table.game
        fresh = fresh_name(self.folder, f"{name}-{'end' if game.over else game.turn.id}")

        def chosen(picked: str | None) -> None:
            if picked:
                self.save_named(picked, then_quit=True)

        self.app.push_screen(SaveScreen(
            fresh, self.folder, f"'{name}' holds an earlier save of this game. Save this "
            "one under a new name (or type the old one to replace it)."), chosen)

    def save_named(self, name: str, then_quit: bool = False) -> None:
        # wargame.saves.files (and the loader it needs) is imported on first use:
        # the title's first frame does without it.
        from wargame.saves.files import save_path

        local = self.local
        if local is None:
            return
        try:
            path = save_path(name, self.folder)
        except WargameError as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            return
        self.quit_after_save = then_quit
        self.write(local.table.game, path, auto=False)

    def autosave(self) -> None:
        local = self.local
        if local is not None:
            self.write(local.table.game, autosave_path(self.folder), auto=True)

    def branch(self, game: Game) -> Path:
        """Keep ``game`` as a branch save before a rewind; the path it goes to."""
        # Microseconds: two rewinds within one second must not share a branch file.
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path = self.folder / f"branch-{game.turn.id}-{stamp}.toml"
        # The old game is immutable, so the branch can be written in a worker.
        self.write(game, path, auto=True)
        return path

    def write(self, game: Game, path: Path, auto: bool) -> None:
        self.app.run_worker(partial(self._write, game, path, auto, self.extra()),
                            thread=True, group="save")

    def _write(self, game: Game, path: Path, auto: bool,
               extra: tuple[Teams, Mode] | None) -> None:
        from wargame.saves.files import write_save

        try:
            if extra is None:
                write_save(game, path)
            else:
                write_save(game, path, teams=extra[0], mode=extra[1])
        except WargameError as exc:
            self.app.post_message(msg.SaveFailed(str(exc)))
            return
        self.app.post_message(msg.SaveWritten(path, auto, game))

    def written(self, event: msg.SaveWritten) -> None:
        if event.auto:
            return
        local = self.local
        if local is not None and local.table.game.scenario is event.game.scenario:
            local.send(rq.MarkSaved(WHITE_CELL, event.game.outcome.log, event.path.stem))
        self.app.notify(f"Saved to {event.path}", markup=False, timeout=4)
        if self.quit_after_save:
            self.app.exit()

    def failed(self, event: msg.SaveFailed) -> None:
        self.quit_after_save = False
        self.app.notify(event.error, title="Not saved", severity="error", markup=False)

    # -- loading ----------------------------------------------------------------
    def ask_load(self) -> None:
        from wargame.tui.screens.saves import LoadScreen

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.load(path)

        self.app.push_screen(LoadScreen(self.folder), chosen)

    def load(self, path: Path) -> None:
        """Replaying a long log can take a while: never on the UI thread."""
        self.app.run_worker(partial(self._load, path), thread=True, exclusive=True,
                            group="load")

    def _load(self, path: Path) -> None:
        from wargame.saves.files import load_game

        try:
            loaded = load_game(path)
        except WargameError as exc:
            self.app.post_message(msg.LoadFailed(str(exc)))
            return
        self.app.post_message(msg.GameLoaded(loaded))

    # -- the after-action report ------------------------------------------------
    def report(self) -> None:
        local = self.local
        if local is None:
            self.app.notify("Start or load a game first.", severity="warning")
            return
        folder = self.folder / "reports"
        self.app.notify(f"Writing the after-action report to {folder}…", markup=False,
                        timeout=3)
        self.app.run_worker(partial(self._report, local.table.game, folder, self.extra()),
                            thread=True, exclusive=True, group="report")

    def _report(self, game: Game, folder: Path, extra: tuple[Teams, Mode] | None) -> None:
        """The report simulates many games for its odds: seconds, never on the UI thread."""
        from wargame.report.write import write_report

        teams, mode = extra if extra else (None, None)
        try:
            path = write_report(game, folder, "html", teams, mode)
        except WargameError as exc:
            self.app.post_message(msg.ReportFailed(str(exc)))
            return
        self.app.post_message(msg.ReportWritten(path))
