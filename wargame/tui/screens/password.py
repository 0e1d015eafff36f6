"""The facilitator's password, asked before the console opens at a shared screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from wargame.table.model import Refused
from wargame.tui.widgets.fields import Field

T = TypeVar("T")


class PasswordScreen(ModalScreen["T | None"], Generic[T]):
    """Dismisses with what ``admit`` gave for the password, or None for Escape.

    A wrong password keeps the dialog up, says so and empties the field: the
    password typed again goes into it, never onto the board behind it as keys.
    """

    CSS_PATH = "saves.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, admit: Callable[[str], T]) -> None:
        super().__init__()
        self.admit = admit
        """What the password opens; raises Refused for a wrong one."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Facilitator console (white cell)", classes="section")
            yield Field(placeholder="Facilitator password", password=True, id="password")
            yield Static("", id="password-error", classes="hint", markup=False)
            yield Static("Enter opens the console · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.is_active:  # Escape first: a second dismiss would pop the board
            return
        try:
            opened = self.admit(event.value)
        except Refused as exc:
            event.input.value = ""
            self.query_one("#password-error", Static).update(str(exc))
            return
        self.dismiss(opened)
