"""The first screen of ``wargame join``: which table, and the code that opens a seat at it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from wargame.tui.widgets.fields import Field
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.titlebar import TitleBar

if TYPE_CHECKING:
    from wargame.tui.join import JoinApp


class CodeScreen(Screen[None]):
    """Asks for the join code (or uses the one given) and sits this screen at the table."""

    CSS_PATH = "code.tcss"

    def __init__(self, url: str, code: str | None) -> None:
        super().__init__()
        self.url = url
        self.code = code

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Middle(), Center(), Vertical(id="join-box"):
            yield Static("Join a hosted table", classes="section")
            yield Static(f"Host: {self.url}", id="join-url", markup=False)
            yield Field(placeholder="Join code, e.g. K7QX2-M9TRA-4WZ1B-QH0C5", id="code",
                        password=False, max_length=64)
            yield Static("The facilitator gives each team its code.", id="join-status",
                         markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if self.code:
            self.query_one("#code", Input).value = self.code
            self._join(self.code)
        else:
            self.query_one("#code", Input).focus()

    @on(Input.Submitted, "#code")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._join(event.value.strip())

    @work(exclusive=True, group="join")
    async def _join(self, code: str) -> None:
        status = self.query_one("#join-status", Static)
        status.update("Joining…")
        app: JoinApp = self.app  # type: ignore[assignment]
        error = await app.join(code)
        if error:
            status.update(error)
            self.query_one("#code", Input).focus()
