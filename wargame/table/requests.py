"""What the people at a table ask of it: small records, each naming who sends it.

``by`` is a team's name or ``WHITE_CELL``. A hosted table sets ``by`` from
the connection (the code it joined with), never from what the message says.
Requests read off a wire go through ``request_from_plain``, which accepts
only those in ``WIRE``.
"""

from __future__ import annotations

from typing import Any

import attrs

from wargame.engine.state import Forecast, LogEntry
from wargame.records import fields_eq, fields_hash, fields_repr
from wargame.table.wire import WireError, from_plain, to_plain


@attrs.frozen
class Decide:
    """A team commits the option it picked for its waiting seat."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    option: str
    """The option's id."""
    note: str = ""
    """Why (optional), kept for the debrief."""
    forecast: tuple[Forecast, ...] = ()
    """What the team expects the others still to decide this turn to do (optional)."""
    stand_in: str = ""
    """The doctrine of the AI that decides for the team (a hosted table's stand-in, set
    by the host only); empty when the team's people decide."""


@attrs.frozen
class EditDraft:
    """A team's offer as it builds it at the negotiation table (not sent yet)."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    to: str = ""
    """The answerer; empty until chosen."""
    terms: tuple[str, ...] = ()
    """Term ids, in the order they would be signed."""
    package: str = ""
    """The package it is, while its terms are exactly that package's."""


@attrs.frozen
class MakeOffer:
    """A team's decision for its waiting seat is an offer: terms to an answerer, or a package."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    to: str = ""
    """The answerer (may be left out with a package)."""
    terms: tuple[str, ...] = ()
    package: str = ""
    note: str = ""
    """Why (optional), kept for the debrief."""
    forecast: tuple[Forecast, ...] = ()
    """What the team expects the others still to decide this turn to do (optional)."""
    stand_in: str = ""
    """The doctrine of the AI that decides for the team (a hosted table's stand-in, set
    by the host only); empty when the team's people decide."""


@attrs.frozen
class AnswerOffer:
    """The team of the seat an offer was made to accepts (signs) it or rejects it."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    accept: bool
    stand_in: str = ""
    """The doctrine of the AI that decides for the team (a hosted table's stand-in, set
    by the host only); empty when the team's people decide."""


@attrs.frozen
class Pass:
    """A team's waiting seat makes no decision: it has no option, and offers nothing
    (an AI standing in also passes when nothing it could choose weighs anything)."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    note: str = ""
    """Why (optional), kept for the debrief."""
    stand_in: str = ""
    """The doctrine of the AI that decides for the team (a hosted table's stand-in, set
    by the host only); empty when the team's people decide."""


@attrs.frozen
class Undo:
    """Take back the last decision: a team only its own, the white cell anything."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str


@attrs.frozen
class SeatReady:
    """At a shared screen, the team whose turn it is has the keyboard (hand-over done)."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str


@attrs.frozen
class BriefingSeen:
    """A team has read the briefing of ``turn``."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    turn: str


@attrs.frozen
class Inject:
    """White cell: fire a scenario event now."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    event: str
    note: str = ""
    """The facilitator's reason, kept in the log."""


@attrs.frozen
class Adjust:
    """White cell: move an indicator or a track by an amount."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    target: str
    amount: float
    note: str = ""


@attrs.frozen
class Rewind:
    """White cell: go back to the start of an earlier turn (its start events run again)."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    turn: str
    note: str = ""


@attrs.frozen
class Pause:
    """White cell: pause (True) or resume (False) the game."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    paused: bool


@attrs.frozen
class SetCountdown:
    """White cell: seconds per turn on the clock; 0 turns the countdown off."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    seconds: int


@attrs.frozen
class HideDecisions:
    """White cell: keep each decision hidden, numbers included, until its turn resolves."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    hidden: bool


@attrs.frozen
class Tick:
    """One second of the countdown: sent by the table's own clock, never by a screen."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str


@attrs.frozen
class MarkSaved:
    """The game was written as a save holding ``log``; a named save also sets the name.

    Local only: a hosted table keeps its own journal and saves.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    by: str
    log: tuple[LogEntry, ...]
    name: str = ""
    """The save's name; empty for the autosave, which does not rename the table's saves."""


Request = (Decide | EditDraft | MakeOffer | AnswerOffer | Pass | Undo | SeatReady | BriefingSeen
           | Inject | Adjust | Rewind | Pause | SetCountdown | HideDecisions | Tick | MarkSaved)
FACILITATOR_ONLY = (Inject, Adjust, Rewind, Pause, SetCountdown, HideDecisions, Tick)
"""Requests only the white cell may send."""
WIRE: dict[str, type] = {cls.__name__: cls for cls in (
    Decide, EditDraft, MakeOffer, AnswerOffer, Pass, Undo, SeatReady, BriefingSeen, Inject, Adjust,
    Rewind, Pause, SetCountdown, HideDecisions)}
"""Requests a screen may send over a wire, by name (the clock and saves are the host's)."""


def request_to_plain(request: Request) -> dict[str, Any]:
    """``{"request": "Decide", "by": ..., ...}``: plain JSON types."""
    return {"request": type(request).__name__, **to_plain(request)}


def request_from_plain(data: Any) -> Request:
    """A request read from a wire message; WireError says what is wrong with it."""
    if not isinstance(data, dict):
        raise WireError("a request is a table of keys")
    fields = dict(data)
    name = fields.pop("request", None)
    cls = WIRE.get(name) if isinstance(name, str) else None
    if cls is None:
        raise WireError(f"request: unknown request {str(name)[:40]!r}")
    request: Request = from_plain(cls, fields, name)
    return request
