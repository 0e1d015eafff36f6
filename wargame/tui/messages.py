"""App-wide messages: past tense for facts, imperative for requests.

Screens, widgets and workers post these; they bubble to the App, which
holds the table's client. What the table itself does is a table request
(``wargame.table.requests``), not a message. A message is one event, not a
value: no field-by-field ``__eq__`` (nor the generated ``__repr__``, which
Textual's own replaces), which also spares the title's first frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

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
