"""Save, autosave, load and the after-action report: files, always in workers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from wargame.errors import WargameError
from wargame.paths import AUTOSAVE, autosave_path
from wargame.tui import messages as msg

if TYPE_CHECKING:
    from wargame.engine.game import Game


class SaveActions:
    """Mixin of the App: named saves, the autosave after every turn, loading."""

    def setup_saves(self, folder: Path) -> None:
        self.saves_folder = folder
        self._saved_log: tuple | None = None
        self._save_name = ""
        self._quit_after_save = False

    def mark_saved(self, game: Game, name: str) -> None:
        self._saved_log = game.outcome.log
        if name != AUTOSAVE:
            self._save_name = name

    def unsaved(self) -> bool:
        """Progress made since the last named save (a new game with no move is not)."""
        log = self.session.game.outcome.log
        if self._saved_log is None:
            return any(e.is_facilitator or e.actor in self.session.game.seats for e in log)
        return log != self._saved_log

    def suggest_name(self) -> str:
        if self._save_name:
            return self._save_name
        game = self.session.game
        return f"{game.scenario.id}-{game.turn.id}"

    def action_save(self) -> None:
        if self.session is None:
            return
        from wargame.tui.screens.saves import SaveScreen

        def chosen(name: str | None) -> None:
            if name:
                self.save_named(name)

        self.push_screen(SaveScreen(self.suggest_name(), self.saves_folder), chosen)

    def save_named(self, name: str, then_quit: bool = False) -> None:
        # wargame.saves.files (and the loader it needs) is imported on first use:
        # the title's first frame does without it.
        from wargame.saves.files import save_path

        try:
            path = save_path(name, self.saves_folder)
        except WargameError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._quit_after_save = then_quit
        self._write(self.session.game, path, False, self._extra())

    def _extra(self) -> dict:
        """Teams and mode, read on the UI thread and handed to the worker."""
        session = self.session
        return {"teams": dict(session.teams), "mode": session.mode} if session else {}

    @work(thread=True, group="save")
    def _write(self, game: Game, path: Path, auto: bool, extra: dict) -> None:
        from wargame.saves.files import write_save

        try:
            write_save(game, path, **extra)
        except WargameError as exc:
            self.post_message(msg.SaveFailed(str(exc)))
            return
        self.post_message(msg.SaveWritten(path, auto, game))

    def on_save_written(self, event: msg.SaveWritten) -> None:
        if event.auto:
            return
        self.mark_saved(event.game, event.path.stem)
        self.notify(f"Saved to {event.path}", markup=False, timeout=4)
        if self._quit_after_save:
            self.exit()

    def on_save_failed(self, event: msg.SaveFailed) -> None:
        self._quit_after_save = False
        self.notify(event.error, title="Not saved", severity="error", markup=False)

    def on_turn_resolved(self, event: msg.TurnResolved) -> None:
        self._write(event.game, autosave_path(self.saves_folder), True, self._extra())

    # -- loading ----------------------------------------------------------------
    def action_load(self) -> None:
        from wargame.tui.screens.saves import LoadScreen

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.load_path(path)

        self.push_screen(LoadScreen(self.saves_folder), chosen)

    @work(thread=True, exclusive=True, group="load")
    def load_path(self, path: Path) -> None:
        """Replaying a long log can take a while: never on the UI thread."""
        from wargame.saves.files import load_game

        try:
            loaded = load_game(path)
        except WargameError as exc:
            self.post_message(msg.LoadFailed(str(exc)))
            return
        self.post_message(msg.GameLoaded(loaded))

    def on_game_loaded(self, event: msg.GameLoaded) -> None:
        for warning in event.loaded.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.start_loaded(event.loaded)
        self.notify(f"Loaded {event.loaded.file.path.name}", markup=False, timeout=3)

    def on_load_failed(self, event: msg.LoadFailed) -> None:
        self.notify(event.error, title="Not loaded", severity="error", markup=False)

    # -- the after-action report ------------------------------------------------
    def action_report(self) -> None:
        if self.session is None:
            self.notify("Start or load a game first.", severity="warning")
            return
        folder = self.saves_folder / "reports"
        self.notify(f"Writing the after-action report to {folder}…", markup=False, timeout=3)
        self._report(self.session.game, folder, self._extra())

    @work(thread=True, exclusive=True, group="report")
    def _report(self, game: Game, folder: Path, extra: dict) -> None:
        """The report simulates many games for its odds: seconds, never on the UI thread."""
        from wargame.report.write import write_report

        try:
            path = write_report(game, folder, "html", extra.get("teams"), extra.get("mode", ""))
        except WargameError as exc:
            self.post_message(msg.ReportFailed(str(exc)))
            return
        self.post_message(msg.ReportWritten(path))

    def on_report_written(self, event: msg.ReportWritten) -> None:
        self.notify(f"Report written: {event.path}", title="Report", markup=False,
                    timeout=8)

    def on_report_failed(self, event: msg.ReportFailed) -> None:
        self.notify(event.error, title="No report", severity="error", markup=False)
