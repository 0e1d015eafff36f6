"""What the screens hold: a ``TableClient``, one seat's window on a table.

The screens read ``view``, draw it with ``scenario``'s static text, and
``send`` requests; they learn of every change, theirs or anyone's, through
the ``listen`` callbacks, and of a refused request the same way. The
facilitator's console also asks questions that change nothing (``preview``:
what an inject or an adjustment would move), answered to the one client
that asked. ``LocalTable`` is the table in this process (the hot seat); a
hosted table's client (``host.client.RemoteTable``) implements the same
protocol over a connection, where answers arrive later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from wargame.errors import GameError
from wargame.table.apply import apply
from wargame.table.model import WHITE_CELL, Refused, Table
from wargame.table.requests import Request, Tick
from wargame.table.view import SeatView, view

if TYPE_CHECKING:
    from wargame.engine.preview import PreviewText
    from wargame.scenario.model import Scenario
    from wargame.table.preview import Question

OnChange = Callable[[SeatView], None]
OnRefused = Callable[[str], None]
"""Told the reason of a refused request, as a sentence for the player."""
OnPreview = Callable[["PreviewText"], None]
"""Told what a white-cell action would move, when the table has worked it out."""


class TableClient(Protocol):
    """One screen's side of a table, local or hosted."""

    @property
    def scenario(self) -> Scenario:
        """The scenario's static text (a hosted seat's copy may lack others' secrets)."""
        ...

    @property
    def view(self) -> SeatView:
        """What this screen may show now."""
        ...

    def send(self, request: Request) -> None:
        """Ask the table; the answer is a change of view, or a refusal, both by ``listen``."""
        ...

    def listen(self, on_change: OnChange | None, on_refused: OnRefused | None) -> None:
        """Be told of each new view, and of each refused request of this client's."""
        ...

    def preview(self, question: Question, answer: OnPreview) -> None:
        """Ask what ``question`` would move now; ``answer`` is told, a refusal goes by
        ``listen``. The table does not change; a hosted table may answer later, or
        not at all if the question went stale (another asked since, the table moved)."""
        ...

    def close(self) -> None:
        """This screen is done with the table: no more callbacks."""
        ...

    def white_cell(self, password: str) -> TableClient:
        """The facilitator's client at this table; Refused for a wrong password."""
        ...


KEYBOARD = "keyboard"
"""A LocalTable that speaks for whichever team has the shared keyboard."""


class _Shared:
    """The one table behind every LocalTable client of it."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.clients: list[LocalTable] = []

    def replace(self, table: Table) -> None:
        self.table = table
        for client in list(self.clients):
            client.changed()


class LocalTable:
    """A table held in this process: the hot seat's keyboard, or a fixed seat of it."""

    def __init__(self, table: Table, who: str | None = KEYBOARD,
                 shared: _Shared | None = None) -> None:
        self._shared = shared or _Shared(table)
        self._who = who
        self._cached: tuple[Table, SeatView] | None = None
        self._on_change: list[OnChange] = []
        self._on_refused: list[OnRefused] = []

    @property
    def table(self) -> Table:
        """The authoritative table (local only: saves and reports write its game)."""
        return self._shared.table

    @property
    def who(self) -> str | None:
        return self.table.at_keyboard if self._who == KEYBOARD else self._who

    @property
    def scenario(self) -> Scenario:
        return self.table.game.scenario

    @property
    def view(self) -> SeatView:
        table = self.table
        if self._cached is None or self._cached[0] is not table:
            self._cached = (table, view(table, self.who))
        return self._cached[1]

    def send(self, request: Request) -> None:
        try:
            table = apply(self.table, request)
        except Refused as exc:
            for callback in list(self._on_refused):
                callback(str(exc))
            return
        if table is not self.table:
            self._shared.replace(table)

    def preview(self, question: Question, answer: OnPreview) -> None:
        from wargame.table.preview import preview

        try:
            text = preview(self.table, question)
        except GameError as exc:  # Refused too: a seat asking
            for callback in list(self._on_refused):
                callback(str(exc))
            return
        answer(text)

    def listen(self, on_change: OnChange | None, on_refused: OnRefused | None) -> None:
        if on_change is not None:
            self._on_change.append(on_change)
            if self not in self._shared.clients:
                self._shared.clients.append(self)
        if on_refused is not None:
            self._on_refused.append(on_refused)

    def changed(self) -> None:
        if self._on_change:
            current = self.view
            for callback in list(self._on_change):
                callback(current)

    def replace(self, table: Table) -> None:
        """Another game at this table (a load, a new game): every client sees it."""
        self._shared.replace(table)

    def white_cell(self, password: str) -> LocalTable:
        if not self.table.admits(password):
            raise Refused("Wrong facilitator password." if self.table.password else
                          "Set a facilitator password on the title screen (or "
                          "--facilitator-password) to use the console at a shared screen.")
        return LocalTable(self.table, WHITE_CELL, self._shared)

    def close(self) -> None:
        """Stop hearing of changes (a console closed)."""
        self._on_change.clear()
        self._on_refused.clear()
        if self in self._shared.clients:
            self._shared.clients.remove(self)

    def tick(self) -> None:
        """One second of the table's countdown."""
        self.send(Tick(WHITE_CELL))
