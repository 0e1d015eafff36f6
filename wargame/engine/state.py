"""Immutable records of a game in progress: state, log entries, news."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

from wargame.records import fields_eq, fields_hash, fields_repr
from wargame.scenario.model import Option, Package, Term


@attrs.frozen(slots=True)
class State:
    """The world at one moment. Never edited: the engine returns a new one."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

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
    offered: frozenset[str] = frozenset()
    """Term ids put on the table so far, whatever the answer."""
    signed: frozenset[str] = frozenset()
    """Term ids signed and not broken."""
    breached: frozenset[str] = frozenset()
    """Term ids signed and then broken (never offered or signed again)."""


NewsKind = Literal["decision", "pass", "event", "inject", "adjust", "rewind", "ending",
                   "offer", "answer", "sign", "breach"]
"""What a news item reports: a seat's decision or pass, an event, the white
cell's inject, adjustment or rewind, the ending; an offer, its answer, a term
signed or a term broken."""
LogKind = Literal["decision", "pass", "inject", "adjust", "rewind", "offer"]
"""What a log entry records: a seat's decision, offer or pass, or a white-cell action."""

CauseKind = Literal["option", "event", "inject", "adjust", "term", "breach"]
"""What moved a number: a chosen option, an event, a white-cell inject or
adjustment, a signed term (its progress and effects) or a breached term (its
breach effects)."""


@attrs.frozen(slots=True)
class Cause:
    """Why a number moved: what kind of thing moved it, and which one."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

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

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

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
class Draw:
    """Why an AI chose what it chose: its weight out of the total it was drawn from."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    doctrine: str
    """Id of the AI's doctrine."""
    weight: float
    """The chosen option's or package's weight (its expression times the multiplier)."""
    total: float
    """The sum of the weights of everything available; 0 when the AI passed for want."""
    count: int = 0
    """How many options and packages were available to draw from."""

    @property
    def share(self) -> float:
        """The chance the draw had of landing on this choice."""
        return self.weight / self.total if self.total > 0 else 0.0


@attrs.frozen(slots=True)
class Valuation:
    """Why an AI answered as it did: an offer's value to it against its threshold."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    doctrine: str
    """Id of the answerer's doctrine."""
    value: float
    """The sum of each term's worth to the answerer, on the state when it answered."""
    threshold: float
    """The doctrine's ``accept``: the least value it takes."""
    least: str
    """The term it values least (the first of them on a tie)."""
    worths: tuple[tuple[str, float], ...] = ()
    """(term id, its worth to the answerer), in the offer's order."""

    @property
    def accepted(self) -> bool:
        return self.value >= self.threshold

    @property
    def least_worth(self) -> float:
        return dict(self.worths).get(self.least, 0.0)


@attrs.frozen(slots=True)
class Offer:
    """Terms one actor puts on the table for another to answer."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    offerer: str
    answerer: str
    terms: tuple[str, ...]
    """Term ids, in the order they are signed."""
    package: str = ""
    """The package it was made as, if any."""


@attrs.frozen(slots=True)
class NewsItem:
    """Something that happened: who, what, and each number it moved."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    turn: str
    """Turn id."""
    kind: NewsKind
    """What it reports."""
    source: str
    """Option, event or ending id, the adjusted indicator or track, or (for a
    rewind) the turn rewound from."""
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
    terms: tuple[str, ...] = ()
    """For offers and answers: the term ids on the table."""
    to: str = ""
    """For offers: the answerer; for answers: the offerer."""
    answer: str = ""
    """For answers: ``accept`` or ``reject``."""
    why: Draw | Valuation | None = None
    """For an AI's decision, offer or pass: its draw; for an AI's answer: its valuation."""
    option: str = ""
    """For a breach: the option that broke the term."""


OFFER = ":offer"
"""``Forecast.option`` of a forecast that expects an offer (any) rather than an option, and
the move of an actor that made one (no option id has a colon)."""


@attrs.frozen(slots=True)
class Forecast:
    """What a seat expected another actor deciding in the same turn to do (an extension)."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    actor: str
    """The actor the forecast is about."""
    option: str = ""
    """The option expected, or ``OFFER`` for an offer; empty: "no idea"."""
    confidence: float | None = None
    """How sure, from 0 to 1; None exactly when ``option`` is empty."""


@attrs.frozen(slots=True)
class LogEntry:
    """One line of a game's log, as in a save's ``[[log]]``."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    turn: str
    actor: str = ""
    option: str = ""
    inject: str = ""
    adjust: str = ""
    by: float = 0.0
    note: str = ""
    passed: bool = False
    """Extension: the actor passed (nothing was available, or the AI weighed all at zero)."""
    offer: tuple[str, ...] = ()
    """An offer of these term ids (``offer = [...]`` in a save)."""
    package: str = ""
    """An offer of this package (``offer = "<package id>"`` in a save)."""
    to: str = ""
    """The answerer of an offer; may be left out with a package."""
    answer: str = ""
    """``accept`` or ``reject``; empty while a human answerer has not answered."""
    rewound_from: str = ""
    """Extension: the white cell rewound the game from this turn to the start of ``turn``.
    A record only: it moves nothing, and stands first in the new branch."""
    forecast: tuple[Forecast, ...] = ()
    """Extension: on a seat's decision (an option or an offer), what it expected the
    others to do this turn."""
    stand_in: str = ""
    """Extension: the doctrine of the AI that made this human seat's decision for its
    team (a hosted table's stand-in); empty when the team's people made it."""
    answer_stand_in: str = ""
    """Extension: the doctrine of the AI that gave ``answer`` for a human answerer."""

    @property
    def kind(self) -> LogKind:
        if self.inject:
            return "inject"
        if self.adjust:
            return "adjust"
        if self.rewound_from:
            return "rewind"
        if self.passed:
            return "pass"
        if self.offer or self.package:
            return "offer"
        return "decision"

    @property
    def is_facilitator(self) -> bool:
        return bool(self.inject or self.adjust or self.rewound_from)


WaitKind = Literal["decision", "answer"]
"""What a waiting game needs: a seat's decision, or a seat's answer to an offer."""


@attrs.frozen(slots=True)
class Waiting:
    """Where a game stopped: a human seat must decide, or answer an offer."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    turn: str
    actor: str
    """The seat that must decide, or the answerer of ``offer``."""
    options: tuple[Option, ...]
    """What the seat may choose now, in file order (empty while it answers)."""
    terms: tuple[Term, ...] = ()
    """Terms the seat may put on the table now, to some answerer, in file order."""
    packages: tuple[Package, ...] = ()
    """Packages the seat may offer now, in file order."""
    offer: Offer | None = None
    """The offer the seat must answer; None while it decides."""

    @property
    def kind(self) -> WaitKind:
        return "answer" if self.offer is not None else "decision"
