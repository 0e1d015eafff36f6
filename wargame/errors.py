"""Precise error types, raised once and turned into a message at the edge."""

from __future__ import annotations

import attrs

from wargame.records import fields_eq, fields_hash, fields_repr


def shown(text: str) -> str:
    """``text`` with every character a terminal could act on escaped, as ``repr`` does.

    Control characters (ESC, C1, newline...), format characters (bidi
    overrides) and the like become ``\\x1b``, ``\\u202e``; printable text,
    accents and spaces are left as they are. Every message that echoes a
    value from a file goes through this, so a message can never clear the
    screen or write to the clipboard.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@attrs.frozen
class Problem:
    """One thing wrong with an input file, as a user reads it."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    source: str
    """The file (or name) the problem is in."""
    where: str
    """Key path and table id, e.g. ``options[4] (id 'letter'): effects``."""
    message: str
    """What is wrong."""

    def __str__(self) -> str:
        # The file name, the key path and the message may each echo a name
        # or a value from a file: escaped, whatever the file holds.
        if self.where:
            return f"{shown(self.source)}: {shown(self.where)}: {shown(self.message)}"
        return f"{shown(self.source)}: {shown(self.message)}"


class WargameError(Exception):
    """Base of every error the game reports as bad input (exit code 2)."""


class ScenarioError(WargameError):
    """A scenario that does not load; carries every problem found."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SaveError(WargameError):
    """A save or replay script that cannot be read or applied."""

    def __init__(self, source: str, where: str, message: str):
        self.problem = Problem(source, where, message)
        super().__init__(str(self.problem))


class LogError(WargameError):
    """A log entry that cannot be applied to the game."""

    def __init__(self, index: int, turn: str, reason: str):
        self.index = index
        self.turn = turn
        self.reason = reason
        super().__init__(f"log[{index}] (turn '{turn}'): {reason}")


class GameError(WargameError):
    """An action the game cannot take now (no seat waiting, unknown option...)."""


class UsageError(WargameError):
    """A wrong flag or argument on the command line."""
