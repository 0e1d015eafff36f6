"""Join codes: who a screen speaks for, and the slowing of those who guess.

A code is 100 random bits (``secrets``) written as four groups of five
letters and digits from an alphabet without look-alikes (no I, L, O, U), so
that a team can read it off a sheet of paper and type it. Case, spaces and
dashes do not matter when it is typed.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable, Mapping

import attrs

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: 5 bits a character, nothing that reads as another."""
GROUPS, GROUP = 4, 5
FACILITATOR = "white cell"
"""The role of the facilitator's code; every other role is a team's name."""


def new_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP))
    return "-".join(chars[i:i + GROUP] for i in range(0, len(chars), GROUP))


def normalize(typed: str) -> str:
    """The code as stored: upper case, no spaces or dashes, look-alikes read as meant."""
    text = "".join(ch for ch in typed.upper() if ch not in " -\t")
    return text.translate(str.maketrans("ILO", "110"))


@attrs.frozen
class CodeBook:
    """Code -> role: a team's name, or FACILITATOR."""

    codes: Mapping[str, str]
    """The codes as printed (with dashes) -> the role each opens."""

    @classmethod
    def for_roles(cls, roles: Iterable[str]) -> CodeBook:
        codes: dict[str, str] = {}
        for role in [*roles, FACILITATOR]:
            code = new_code()
            while code in codes:  # 2^-100: never, but a repeat would give two roles one key
                code = new_code()
            codes[code] = role
        return cls(codes)

    def role_of(self, typed: str) -> str | None:
        """The role a typed code opens, or None; every code is compared in full."""
        given = normalize(typed).encode()
        found = None
        for code, role in self.codes.items():
            if secrets.compare_digest(given, normalize(code).encode()):
                found = role
        return found

    def code_of(self, role: str) -> str:
        return next(code for code, r in self.codes.items() if r == role)


@attrs.define
class Throttle:
    """Slows a peer that keeps giving wrong codes: 2^(failures-3) seconds, at most a minute.

    Three wrong codes cost nothing (a typo, a second try); after that each
    further failure doubles the wait before that address may try again.
    The delay is kept per address, and forgotten after a quiet hour.
    """

    free: int = 3
    """Failures allowed before any wait."""
    cap: float = 60.0
    """The longest wait, in seconds."""
    _failures: dict[str, tuple[int, float]] = attrs.field(factory=dict)
    """Address -> (failures so far, monotonic time of the last one)."""

    def wait(self, peer: str, now: float | None = None) -> float:
        """Seconds this address must still wait before its next try counts."""
        now = time.monotonic() if now is None else now
        count, last = self._failures.get(peer, (0, 0.0))
        if now - last > 3600:
            self._failures.pop(peer, None)
            return 0.0
        return max(0.0, last + self.delay(count) - now)

    def delay(self, count: int) -> float:
        return 0.0 if count < self.free else min(self.cap, 2.0 ** (count - self.free))

    def failed(self, peer: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        count, _ = self._failures.get(peer, (0, 0.0))
        self._failures[peer] = (count + 1, now)
        if len(self._failures) > 10_000:  # a flood from many addresses: keep the newest
            oldest = min(self._failures, key=lambda p: self._failures[p][1])
            del self._failures[oldest]

    def succeeded(self, peer: str) -> None:
        self._failures.pop(peer, None)
