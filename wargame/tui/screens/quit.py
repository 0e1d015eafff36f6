"""Quit with unsaved progress: save first, quit anyway, or stay."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class QuitScreen(ModalScreen[str | None]):
    """Dismisses with ``save``, ``quit`` or None (stay)."""

    CSS_PATH = "quit.tcss"
    BINDINGS = [
        Binding("escape,n", "dismiss(None)", "Stay"),
        Binding("s,y", "dismiss('save')", "Save and quit"),
        Binding("q", "dismiss('quit')", "Quit without saving"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-box"):
            yield Static("Your progress since the last save is not saved.", id="quit-text")
            with Horizontal(id="quit-buttons"):
                yield Button("Save and quit (s)", id="save", variant="primary")
                yield Button("Quit (q)", id="quit", variant="error")
                yield Button("Stay (Esc)", id="stay")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if self.is_active:  # a click handled after Escape closed it must not pop the board
            self.dismiss(None if event.button.id == "stay" else event.button.id)
