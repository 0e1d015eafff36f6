"""Keyed randomness: every draw depends only on (seed, turn, purpose, id).

So the draw for one event does not depend on which other events fired or
which options were chosen before it, and a game replays the same on any
machine.
"""

from __future__ import annotations

from hashlib import blake2b

_SCALE = 1.0 / float(1 << 64)


def draw(seed: int, turn: str, purpose: str, ident: str) -> float:
    """A number in [0, 1), the same for the same key everywhere."""
    key = f"{seed}\x1f{turn}\x1f{purpose}\x1f{ident}".encode()
    return int.from_bytes(blake2b(key, digest_size=8).digest(), "big") * _SCALE
