"""``wargame join``: the same game on this screen, for the seat a hosted table's code opens.

The App is the ordinary one sitting at a ``RemoteTable`` instead of a
``LocalTable``: the board, briefings, options and ending are the same
screens, drawn from this seat's view. What differs lives here: the code is
asked for on screen when none was given (the browser door, ``serve
--table``), the connection's drops and returns are told, and saving is the
host's (the facilitator's ``s`` asks the host to write the table).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on

from wargame.host.client import JoinError, RemoteTable
from wargame.paths import DEFAULT_SCENARIO, bundled_path
from wargame.scenario.catalog import peek
from wargame.table.model import WHITE_CELL
from wargame.tui.app import WargameApp
from wargame.tui.launch import Launch

if TYPE_CHECKING:
    from wargame.table.view import SeatView


def _launch(saves: Path) -> Launch:
    path = bundled_path(DEFAULT_SCENARIO)
    card = peek(path) if path is not None else None
    assert card is not None, "the bundled scenario ships with the game"
    return Launch(card, saves=saves)


class JoinApp(WargameApp):
    """A screen of a hosted table: one team's, the white cell's or the room's."""

    def __init__(self, url: str, code: str | None, screen: str | None, saves: Path) -> None:
        super().__init__(_launch(saves))
        self.url = url
        self.code = code
        self.screen_name = screen
        self.remote: RemoteTable | None = None

    @on(events.Mount)
    def _ask_for_the_code(self, event: events.Mount) -> None:
        event.prevent_default()  # the App's own mount shows the title: this screen joins
        self.set_timer(0.5, self.freeze_heap)
        from wargame.tui.screens.code import CodeScreen

        self.push_screen(CodeScreen(self.url, self.code))

    async def join(self, code: str) -> str:
        """Join with ``code``; an error to show, or empty once this screen sits at the table."""
        client = RemoteTable(self.url, code, self.screen_name)
        try:
            await client.connect()
        except JoinError as exc:
            await client.aclose()
            return str(exc)
        self.remote = client
        client.on_status.append(self._connection)
        client.on_notice.append(lambda text: self.notify(text, markup=False, timeout=8))
        client.start()
        self.sit(client)
        self._step = client.view.step
        client.listen(self._made_elsewhere, None)
        self.title = client.scenario.title
        who = "the white cell" if client.role == WHITE_CELL else client.role
        self.notify(f"Joined as {who} ({client.screen}).", markup=False, timeout=4)
        return ""

    def _made_elsewhere(self, view: SeatView) -> None:
        """Another screen of this team made the change: say which, once."""
        remote = self.remote
        by = remote.by if remote is not None else None
        if remote is None or not by or by.get("role") != remote.role:
            return
        moved, self._step = view.step != self._step, view.step  # the game moved, not a briefing
        if moved and by.get("screen") != remote.screen:
            self.notify(f"{by.get('screen')} acted for {remote.role}.", markup=False,
                        timeout=4)

    _step = -1

    def _connection(self, connected: bool, why: str) -> None:
        if connected:
            self.notify("Back at the table.", timeout=3)
        else:
            self.notify(f"{why}", title="Host", severity="warning", markup=False,
                        timeout=6)

    def action_save(self) -> None:
        remote = self.remote
        if remote is None or remote.role != WHITE_CELL:
            self.notify("The host keeps this table; the facilitator saves it.", timeout=4)
            return
        from wargame.tui.screens.saves import SaveScreen

        view: SeatView = remote.view

        def chosen(name: str | None) -> None:
            if name:
                remote.send_host({"request": "Save", "name": name})

        self.push_screen(SaveScreen(view.save_name, None), chosen)

    def action_load(self) -> None:
        self.notify("A hosted table is loaded on the host (wargame host --load).", timeout=4)

    def action_report(self) -> None:
        remote = self.remote
        if remote is not None and remote.role == WHITE_CELL:
            remote.send_host({"request": "Report"})
        else:
            self.notify("The facilitator writes the report.", timeout=4)

    def action_new_game(self) -> None:
        self.notify("This screen plays the hosted table.", timeout=3)

    def action_request_quit(self) -> None:
        self.exit()  # the host keeps the table: nothing here to save

    async def on_unmount(self) -> None:
        if self.remote is not None:
            await self.remote.aclose()
