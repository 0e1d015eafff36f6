"""Keyed randomness: every draw depends only on (seed, turn, purpose, id).

So the draw for one event does not depend on which other events fired or
which options were chosen before it, and a game replays the same on any
machine. ``draw`` spells the key out; the fast path builds the same key from
``key_suffix`` once per scenario and calls ``draw_key``.
"""

from __future__ import annotations

from hashlib import blake2b

_SCALE = 1.0 / float(1 << 64)


def key_suffix(turn: str, purpose: str, ident: str) -> bytes:
    """The part of a draw's key after the seed."""
    return f"\x1f{turn}\x1f{purpose}\x1f{ident}".encode()


def draw_key(key: bytes) -> float:
    """A number in [0, 1) for a key already spelled out (seed, then ``key_suffix``)."""
    return int.from_bytes(blake2b(key, digest_size=8).digest(), "big") * _SCALE


def draw(seed: int, turn: str, purpose: str, ident: str) -> float:
    """A number in [0, 1), the same for the same key everywhere."""
    return draw_key(f"{seed}".encode() + key_suffix(turn, purpose, ident))
