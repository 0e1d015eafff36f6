"""The facilitator's password, asked before the console opens at a shared screen."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class PasswordScreen(ModalScreen[str | None]):
    """Dismisses with what was typed (the table checks it), or None for Escape."""

    CSS_PATH = "saves.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Facilitator console (white cell)", classes="section")
            yield Input(placeholder="Facilitator password", password=True, id="password")
            yield Static("Enter opens the console · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        if self.is_active:  # Escape first: a second dismiss would pop the board
            self.dismiss(event.value)
