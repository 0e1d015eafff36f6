"""App-wide messages: past tense for facts, imperative for requests.

Screens, widgets and workers post these; they bubble to the App, which
holds the table's client. What the table itself does is a table request
(``wargame.table.requests``), not a message. A message is one event, not a
value: no field-by-field ``__eq__`` (nor the generated ``__repr__``, which
Textual's own replaces), which also spares the title's first frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:  # annotations only: the engine is not needed for the first frame
    from wargame.engine.game import Game
    from wargame.engine.setup import Setup
    from wargame.saves.files import Loaded
    from wargame.table.client import TableClient
    from wargame.table.requests import Request


@dataclass(eq=False, repr=False)
class StartGame(Message):
    """Request: start a new game with the title screen's choices."""

    setup: Setup
    """Empty teams: one team per seat."""
    password: str = ""
    """The white cell's password, typed on the title; empty: the command line's, if any."""


@dataclass(eq=False, repr=False)
class CommitDecision(Message):
    """Request: the waiting seat chooses an option, with an optional rationale."""

    option_id: str
    note: str = ""
    step: int = -1
    """The decision point the board showed (``SeatView.step``): a commit handled after
    the table moved on was meant for an earlier one and commits nothing."""


@dataclass(eq=False, repr=False)
class Facilitate(Message):
    """Request (the console): send a white-cell request through the console's client."""

    request: Request
    client: TableClient


@dataclass(eq=False, repr=False)
class GameLoaded(Message):
    """Fact: a save was read and replayed (in a worker)."""

    loaded: Loaded


@dataclass(eq=False, repr=False)
class LoadFailed(Message):
    """Fact: a save could not be loaded; ``error`` is the message to show."""

    error: str


@dataclass(eq=False, repr=False)
class SaveWritten(Message):
    """Fact: a save (or the autosave) was written."""

    path: Path
    auto: bool
    game: Game


@dataclass(eq=False, repr=False)
class SaveFailed(Message):
    """Fact: a save could not be written."""

    error: str


@dataclass(eq=False, repr=False)
class ReportWritten(Message):
    """Fact: the after-action report was written (in a worker)."""

    path: Path


@dataclass(eq=False, repr=False)
class ReportFailed(Message):
    """Fact: the report could not be written; ``error`` is the message to show."""

    error: str


@dataclass(eq=False, repr=False)
class RequestRefused(Message):
    """Fact: the table refused a request of this seat's (told to the screen on top,
    which may have built on what it asked: the negotiation table's pending draft)."""

    reason: str


@dataclass(eq=False, repr=False)
class InTurn(Message):
    """Request: run a priority key's action once the keys typed before it are handled.

    Textual runs a priority binding as soon as the App reads its key, while
    the keys typed before it are still on their way through the focused widget
    and the screen. Enter is a priority binding where a field or a list would
    otherwise take it (commit an answer, send an offer, start a game): typed
    quickly after Space or a letter it would act first, and send an offer
    without its last term or commit the answer highlighted before. Posted to
    the focused widget, this message takes the keys' own road up to the App,
    behind them (see ``in_turn``).
    """

    screen: object
    """The screen that asked: nothing runs if another has come up meanwhile."""
    run: Callable[[], None]


def in_turn(screen: Screen[Any], run: Callable[[], None]) -> None:
    """Run ``run`` after every key typed before this one has been handled."""
    (screen.focused or screen).post_message(InTurn(screen, run))
