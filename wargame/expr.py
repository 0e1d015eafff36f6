"""Scenario expressions: parsed once from a whitelist, compiled to closures.

(Interface fixed; the parser and compiler are being written.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import attrs


class Context(Protocol):
    """What a compiled expression reads at run time (the engine's State)."""

    values: dict[str, float]
    """Indicator values and track progress, by id."""
    turn: int
    """1-based number of the current turn."""
    chosen: frozenset[str]
    """Option ids anyone chose earlier in this game."""
    fired: frozenset[str]
    """Event ids that have fired in this game."""


class ExprError(Exception):
    """An expression that does not parse or check; the message says why."""


@attrs.frozen
class Symbols:
    """The names a scenario defines, for checking expressions at load time."""

    indicators: frozenset[str]
    tracks: frozenset[str]
    statuses: tuple[tuple[str, float], ...]
    """(status id, from) in order, as ``scenario.track_statuses``."""
    options: frozenset[str]
    events: frozenset[str]
    turns: int
    """How many turns the scenario has (the name ``turns``)."""


@attrs.frozen
class Expr:
    """A compiled expression."""

    source: str
    type: str
    """``bool``, ``number`` or ``text``."""
    fn: Callable[[Any], Any] = attrs.field(eq=False, repr=False)
    names: frozenset[str] = frozenset()
    """Indicator and track ids it reads."""
    chose: frozenset[str] = frozenset()
    """Option ids named in ``chose(...)``."""
    fired: frozenset[str] = frozenset()
    """Event ids named in ``fired(...)``."""

    def __call__(self, ctx: Context) -> Any:
        return self.fn(ctx)


def compile_expr(source: str, symbols: Symbols, want: str) -> Expr:
    """Parse and check ``source``; ``want`` is ``bool`` or ``number``."""
    raise ExprError("expressions are not compiled yet")
