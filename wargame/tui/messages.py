"""App-wide messages: past tense for facts, imperative for requests.

Screens and widgets post these; they bubble to the App, which owns the game.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # annotations only: the engine is not needed for the first frame
    from wargame.engine.game import Game
    from wargame.engine.setup import Setup
    from wargame.saves.files import Loaded


class StartGame(Message):
    """Request: start a new game with the title screen's choices."""

    def __init__(self, setup: Setup) -> None:
        super().__init__()
        self.setup = setup
        """Empty teams: one team per seat."""


class CommitDecision(Message):
    """Request: the waiting seat chooses an option, with an optional rationale."""

    def __init__(self, option_id: str, note: str = "") -> None:
        super().__init__()
        self.option_id = option_id
        self.note = note


class DecisionMade(Message):
    """Fact: a seat decided; ``game`` is the game after it."""

    def __init__(self, game: Game, actor: str) -> None:
        super().__init__()
        self.game = game
        self.actor = actor


class TurnResolved(Message):
    """Fact: a turn finished (or the game ended); ``game`` is the game after it."""

    def __init__(self, game: Game, turn_id: str) -> None:
        super().__init__()
        self.game = game
        self.turn_id = turn_id


class GameLoaded(Message):
    """Fact: a save was read and replayed (in a worker)."""

    def __init__(self, loaded: Loaded) -> None:
        super().__init__()
        self.loaded = loaded


class LoadFailed(Message):
    """Fact: a save could not be loaded; ``error`` is the message to show."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SaveWritten(Message):
    """Fact: a save (or the autosave) was written."""

    def __init__(self, path: Path, auto: bool, game: Game) -> None:
        super().__init__()
        self.path = path
        self.auto = auto
        self.game = game


class SaveFailed(Message):
    """Fact: a save could not be written."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class InjectEvent(Message):
    """Request (facilitator): fire a scenario event now."""

    def __init__(self, event_id: str, note: str) -> None:
        super().__init__()
        self.event_id = event_id
        self.note = note


class AdjustValue(Message):
    """Request (facilitator): move an indicator or track by an amount."""

    def __init__(self, target: str, by: float, note: str) -> None:
        super().__init__()
        self.target = target
        self.by = by
        self.note = note


class RewindTo(Message):
    """Request (facilitator): branch from the start of an earlier turn."""

    def __init__(self, turn_id: str) -> None:
        super().__init__()
        self.turn_id = turn_id


class SetCountdown(Message):
    """Request (facilitator): a per-turn countdown in seconds (0: none)."""

    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.seconds = seconds


class TogglePause(Message):
    """Request (facilitator): pause or resume the game."""


class ReportWritten(Message):
    """Fact: the after-action report was written (in a worker)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class ReportFailed(Message):
    """Fact: the report could not be written; ``error`` is the message to show."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error
