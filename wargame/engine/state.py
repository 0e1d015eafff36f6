"""Immutable records of a game in progress: state, log entries, news."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

from wargame.scenario.model import Option


@attrs.frozen(slots=True)
class State:
    """The world at one moment. Never edited: the engine returns a new one."""

    values: Mapping[str, float]
    """Indicator values and track progress, by id (not mutated after creation)."""
    turn: int = 0
    """1-based number of the current turn; 0 before the first."""
    chosen: frozenset[str] = frozenset()
    """Option ids chosen so far, by anyone."""
    fired: frozenset[str] = frozenset()
    """Event ids that have fired."""
    ending: str | None = None
    """Id of the ending, once the game is over."""


NewsKind = Literal["decision", "pass", "event", "inject", "adjust", "ending"]
"""What a news item reports: a seat's decision or pass, an event, the white
cell's inject or adjustment, or the ending."""
LogKind = Literal["decision", "pass", "inject", "adjust"]
"""What a log entry records: a seat's decision or pass, or a white-cell action."""

CauseKind = Literal["option", "event", "inject", "adjust", "term", "breach"]
"""What moved a number: a chosen option, an event, a white-cell inject or
adjustment, a signed term (its progress and effects) or a breached term (its
breach effects)."""


@attrs.frozen(slots=True)
class Cause:
    """Why a number moved: what kind of thing moved it, and which one."""

    kind: CauseKind
    """What moved the number."""
    id: str
    """The option, event or term id; for ``adjust``, the adjusted indicator or track."""

    def __str__(self) -> str:
        """As the transcript writes it: ``option:<id>``, ..., or ``facilitator``."""
        return "facilitator" if self.kind == "adjust" else f"{self.kind}:{self.id}"


@attrs.frozen(slots=True)
class Change:
    """One number that moved, and why."""

    target: str
    """Indicator or track id."""
    before: float
    after: float
    cause: Cause
    """What moved it."""

    @property
    def delta(self) -> float:
        return self.after - self.before


@attrs.frozen(slots=True)
class NewsItem:
    """Something that happened: who, what, and each number it moved."""

    turn: str
    """Turn id."""
    kind: NewsKind
    """What it reports."""
    source: str
    """Option, event or ending id, or the adjusted indicator or track."""
    title: str
    text: str = ""
    actor: str = ""
    """Actor who decided; empty for the world and the facilitator."""
    changes: tuple[Change, ...] = ()
    note: str = ""
    """The rationale or the facilitator's reason, from the log."""
    by_ai: bool = False
    """Whether an AI made this decision."""
    at: str = ""
    """For events: ``start`` or ``end`` of the turn."""


@attrs.frozen(slots=True)
class LogEntry:
    """One line of a game's log, as in a save's ``[[log]]``."""

    turn: str
    actor: str = ""
    option: str = ""
    inject: str = ""
    adjust: str = ""
    by: float = 0.0
    note: str = ""
    passed: bool = False
    """Extension: the actor passed (nothing was available, or the AI weighed all at zero)."""

    @property
    def kind(self) -> LogKind:
        if self.inject:
            return "inject"
        if self.adjust:
            return "adjust"
        if self.passed:
            return "pass"
        return "decision"

    @property
    def is_facilitator(self) -> bool:
        return bool(self.inject or self.adjust)


@attrs.frozen(slots=True)
class Waiting:
    """Where a game stopped: a human seat must decide."""

    turn: str
    actor: str
    options: tuple[Option, ...]
    """What the seat may choose now, in file order."""
