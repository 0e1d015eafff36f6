"""Text that names seats and doctrines, as the command line and the title take it."""

from __future__ import annotations

from wargame.errors import UsageError


def parse_policy(text: str | None) -> str | dict[str, str] | None:
    """``hawk`` for every AI actor, or ``russia=hawk,us=dove`` per actor."""
    if text is None:
        return None
    if "=" not in text:
        return text.strip()
    out = {}
    for part in text.split(","):
        actor, sep, policy = part.partition("=")
        if not sep or not actor.strip() or not policy.strip():
            raise UsageError(f"--policy: '{part}' is not actor=doctrine")
        out[actor.strip()] = policy.strip()
    return out


def parse_seats(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(s.strip() for s in text.split(",") if s.strip())
