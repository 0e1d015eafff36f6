"""Save under a name; load from the saves folder (listed with scenario, turn, date, seats)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option as ListOption

from wargame.errors import WargameError
from wargame.saves.files import list_saves, read_save, save_path
from wargame.tui.background import scan
from wargame.tui.widgets.fields import Field
from wargame.tui.widgets.lists import SteadyOptionList


class SaveScreen(ModalScreen[str | None]):
    """Asks for a name; a name that is not allowed is explained here, not saved."""

    CSS_PATH = "saves.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, suggestion: str, folder: Path | None, why: str = "") -> None:
        super().__init__()
        self.suggestion = suggestion
        self.folder = folder
        """None: the save is written on the host, which never replaces one."""
        self.why = why
        """Why a name is asked for now (a save that would be overwritten), if anything."""
        self._confirmed = ""
        """A name whose file exists that the player has been told of: Enter again overwrites."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Save the game", classes="section")
            yield Static(f"Folder: {self.folder}" if self.folder is not None else
                         "On the host, in its saves folder; a name in use there is kept "
                         "and this save gets the next free one.", classes="hint", markup=False)
            if self.why:
                yield Static(self.why, classes="hint", markup=False)
            yield Field(self.suggestion, id="save-name")
            yield Static("Enter saves · Escape cancels", id="save-error", classes="hint")

    @on(Input.Submitted, "#save-name")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.is_active:  # see _chosen
            return
        name = event.value.strip()
        error = self.query_one("#save-error", Static)
        try:
            path = save_path(name, self.folder or Path("."))
        except WargameError as exc:
            error.update(Content(str(exc)))  # it quotes the name typed
            error.add_class("-error")
            return
        if self.folder is not None and path.exists() and name != self._confirmed:
            # Never overwrite a named save without saying so.
            self._confirmed = name
            error.update(Content.assemble(f"A save named '{name}' exists: ", describe(path),
                                          "\nEnter again replaces it; or type a new name."))
            error.add_class("-error")
            return
        self.dismiss(name)


def describe(path: Path) -> Content:
    """One line per save: name, scenario, turn, date, seats; or why it cannot load."""
    try:
        save = read_save(path)
    except WargameError as exc:
        return Content.assemble((path.stem, "bold"), (f"  unreadable: {exc}", "$error"))
    meta = save.meta
    ending = f" · ended: {meta['ending']}" if meta.get("ending") else ""
    return Content.assemble(
        (path.stem, "bold"),
        f"  {save.scenario} · turn {meta.get('turn', '?')} · {meta.get('date', '?')}"
        f" · seats {', '.join(save.seats) or 'none'}{ending}",
        (f"  saved {str(meta.get('saved_at', '?'))[:16].replace('T', ' ')}", "dim"))


class LoadScreen(ModalScreen[Path | None]):
    """Lists saves newest first; the list is read in a worker."""

    CSS_PATH = "saves.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.paths: list[Path] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Load a game", classes="section")
            yield Static(f"Folder: {self.folder}" if self.folder is not None else
                         "On the host, in its saves folder; a name in use there is kept "
                         "and this save gets the next free one.", classes="hint", markup=False)
            yield SteadyOptionList(id="save-list")
            yield Static("Enter loads · Escape cancels", id="load-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#save-list", OptionList).focus()
        scan(self, self._rows, self._fill)

    def _rows(self) -> list[tuple[Path, Content]]:
        paths = list_saves(self.folder)  # also clears killed saves' temporary files
        return [(p, describe(p)) for p in paths]

    def _fill(self, rows: list[tuple[Path, Content]]) -> None:
        self.paths = [p for p, _ in rows]
        listing = self.query_one("#save-list", OptionList)
        listing.add_options([ListOption(text) for _, text in rows])
        if not rows:
            self.query_one("#load-hint", Static).update(
                "No saves yet. Press s in a game to save. Escape closes.")
        else:
            listing.highlighted = 0

    @on(OptionList.OptionSelected, "#save-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        # Enter then Escape typed fast: Escape closes the screen before this
        # message is handled, and a second dismiss would pop the board too.
        if self.is_active:
            self.dismiss(self.paths[event.option_index])
