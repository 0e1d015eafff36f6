"""The scenario as frozen records: what the loader builds and the engine reads.

Field names follow SCENARIO_FORMAT.md; ``from`` is spelled ``start`` in
Python because ``from`` is a keyword.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from wargame.records import fields_eq, fields_hash, fields_repr

if TYPE_CHECKING:
    from wargame.expr.face import Expr

    Amount = float | Expr
    """An effect's amount or a worth: a number, or a number expression evaluated on the
    state just before its table applies."""
    Effects = tuple[tuple[str, Amount], ...]
    """(indicator or track id, amount added), in file order."""

T = TypeVar("T")
OptionKind = Literal["concession", "escalation", "neutral"]
"""What an option does to the crisis; a doctrine weighs each kind."""
KINDS: tuple[OptionKind, ...] = ("concession", "escalation", "neutral")
Tone = Literal["good", "mixed", "bad"]
"""How an ending reads for the world."""
TONES: tuple[Tone, ...] = ("good", "mixed", "bad")
HigherIs = Literal["worse", "better", "neutral"]
"""Whether a rising indicator is bad news, good news or neither."""
HIGHER_IS: tuple[HigherIs, ...] = ("worse", "better", "neutral")


@attrs.frozen
class Band:
    """A labelled range of an indicator, from ``start`` up to the next band."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    start: float
    """Lowest value that carries this label (``from`` in the file)."""
    label: str
    """What the range is called on screen."""


@attrs.frozen
class Status:
    """A named status of a negotiation track."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    """Status id, compared as text in expressions."""
    start: float
    """Lowest progress that has this status (``from`` in the file)."""


class ShortNamed:
    """A record with a ``name`` and an optional ``short`` one (actors, indicators, tracks)."""

    __slots__ = ()
    name: str
    short: str

    @property
    def label(self) -> str:
        """The short name if the scenario gives one, else the name."""
        return self.short or self.name


@attrs.frozen
class Actor(ShortNamed):
    """A government or alliance that decides."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    name: str
    """Name shown to players."""
    side: str
    """Free text; actors of one side can be one team."""
    playable: bool = True
    """Whether a human may take this seat."""
    description: str = ""
    """Optional extension: who the actor is, for the title screen."""
    short: str = ""
    """Optional extension: a short name for narrow screens (empty: none given)."""


@attrs.frozen
class Indicator(ShortNamed):
    """A number that describes the world (tension, cohesion, troops)."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    name: str
    min: float
    max: float
    start: float
    higher_is: HigherIs
    """``worse``, ``better`` or ``neutral``: how to colour it."""
    bands: tuple[Band, ...] = ()
    """Labels ordered by their start."""
    description: str = ""
    """Optional extension: what the number measures."""
    short: str = ""
    """Optional extension: a short name for narrow screens (empty: none given)."""

    def band(self, value: float) -> Band | None:
        """The band a value falls in, or None before the first band."""
        found = None
        for band in self.bands:
            if band.start <= value:
                found = band
            else:
                break
        return found


@attrs.frozen
class Track(ShortNamed):
    """A negotiation track; its state is progress from 0 to 100."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    name: str
    venue: str
    parties: tuple[str, ...]
    start: float
    description: str = ""
    """Optional extension: what is negotiated."""
    short: str = ""
    """Optional extension: a short name for narrow screens (empty: none given)."""


@attrs.frozen
class Turn:
    """One step of the calendar."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    index: int
    """1-based position in play order (``turn`` in expressions)."""
    date: dt.date
    title: str
    venue: str
    actors: tuple[str, ...]
    """Who decides this turn, in this order."""
    briefing: str = ""
    simultaneous: bool = False
    history: str = ""
    """Optional extension: what actually happened at this point in reality."""
    negotiate: tuple[str, ...] = ()
    """Track ids on which offers may be made this turn (never in a simultaneous turn)."""


@attrs.frozen
class Option:
    """Something an actor may do."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    actor: str
    kind: OptionKind
    title: str
    text: str
    turns: frozenset[str] | None
    """Turn ids it is offered in; None: every turn its actor decides."""
    when: Expr | None
    repeatable: bool
    weight: Expr | None
    """How an AI weighs it; None means 1."""
    effects: Effects
    """(indicator or track id, amount added), in file order."""
    index: int = 0
    """Position in the file's ``options`` array, for messages."""


@attrs.frozen
class Event:
    """What the world does at the start or end of a turn."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    title: str
    text: str
    at: str
    """``start`` or ``end``."""
    turns: frozenset[str] | None
    when: Expr | None
    chance: float
    once: bool
    effects: Effects
    index: int = 0


@attrs.frozen
class Ending:
    """How a game can end, with its debrief."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    title: str
    tone: Tone
    when: Expr | None
    text: str
    final: bool = False
    history: str = ""
    """Optional extension: how this compares with what really happened."""


@attrs.frozen
class Policy:
    """An AI doctrine: multipliers on option weights by kind.

    Equality and hash stay attrs' own: the fast path hashes the doctrines
    into its plan's key once a game, where the shared ones cost more.
    """

    __repr__ = fields_repr

    id: str
    name: str
    concession: float = 1.0
    escalation: float = 1.0
    neutral: float = 1.0
    accept: float = 0.0
    """The least value an offer must have to this doctrine's actor before it accepts."""

    def multiplier(self, kind: OptionKind) -> float:
        return float(getattr(self, kind))


@attrs.frozen
class Objective:
    """Points for an actor, scored when the game ends."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    actor: str
    title: str
    when: Expr
    points: float
    secret: bool = False


@attrs.frozen
class Term:
    """One undertaking that can be put on the table, signed and broken."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    track: str
    """The track it is negotiated on."""
    by: str
    """The actor that undertakes it: a party of its track."""
    title: str
    text: str
    when: Expr | None
    """May be offered only while true; None: always."""
    worth: tuple[tuple[str, Amount], ...]
    """(actor id, what the term being agreed is worth to it); actors left out: 0."""
    progress: float
    """Added to its track's progress when signed."""
    effects: Effects
    """Applied when signed, after the progress."""
    breach: tuple[str, ...]
    """Options of ``by`` that break it once signed."""
    breach_effects: Effects
    """Applied when it is broken."""
    index: int = 0
    """Position in the file's ``terms`` array, for messages."""

    def worth_to(self, actor: str) -> Amount:
        """What the term is worth to an actor (0 when its ``worth`` leaves it out)."""
        for who, amount in self.worth:
            if who == actor:
                return amount
        return 0.0


@attrs.frozen
class Package:
    """A set of terms an actor offers another: what an AI offers, a shortcut for players."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    offerer: str
    """Who offers (``from`` in the file)."""
    answerer: str
    """Who answers (``to`` in the file)."""
    terms: tuple[str, ...]
    """Term ids, in the order they are signed."""
    title: str
    kind: OptionKind
    """How doctrines weigh it, as an option's kind."""
    weight: Expr | None
    """How an AI weighs it; None means 1."""
    turns: frozenset[str] | None
    """Turn ids it may be offered in; None: every turn."""
    when: Expr | None
    index: int = 0
    """Position in the file's ``packages`` array, for messages."""


STANDARD_POLICY = Policy(id="standard", name="Standard")


@attrs.frozen
class Scenario:
    """A loaded, validated scenario. Built only by ``wargame.scenario.load``."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    title: str
    summary: str
    seed: int
    default_seats: tuple[str, ...]
    track_statuses: tuple[Status, ...]
    actors: tuple[Actor, ...]
    indicators: tuple[Indicator, ...]
    tracks: tuple[Track, ...]
    turns: tuple[Turn, ...]
    options: tuple[Option, ...]
    events: tuple[Event, ...]
    endings: tuple[Ending, ...]
    policies: tuple[Policy, ...]
    objectives: tuple[Objective, ...]
    terms: tuple[Term, ...] = ()
    packages: tuple[Package, ...] = ()
    history: str = ""
    """Optional extension: what actually happened, for the debrief."""
    default_policy: str = "standard"
    """The doctrine of AI actors unless told otherwise (``scenario.default_policy``)."""
    source: str = ""
    """Where it was loaded from (a path or a name)."""
    sha256: str = ""
    """Digest of the file's bytes, recorded in saves."""

    actor_by_id: Mapping[str, Actor] = attrs.field(init=False, eq=False, repr=False)
    indicator_by_id: Mapping[str, Indicator] = attrs.field(init=False, eq=False, repr=False)
    track_by_id: Mapping[str, Track] = attrs.field(init=False, eq=False, repr=False)
    turn_by_id: Mapping[str, Turn] = attrs.field(init=False, eq=False, repr=False)
    option_by_id: Mapping[str, Option] = attrs.field(init=False, eq=False, repr=False)
    event_by_id: Mapping[str, Event] = attrs.field(init=False, eq=False, repr=False)
    ending_by_id: Mapping[str, Ending] = attrs.field(init=False, eq=False, repr=False)
    policy_by_id: Mapping[str, Policy] = attrs.field(init=False, eq=False, repr=False)
    term_by_id: Mapping[str, Term] = attrs.field(init=False, eq=False, repr=False)
    package_by_id: Mapping[str, Package] = attrs.field(init=False, eq=False, repr=False)
    bounds: Mapping[str, tuple[float, float]] = attrs.field(init=False, eq=False, repr=False)
    """Clamp range of every indicator and track id."""
    _memo: dict[Any, Any] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def derived(self, key: Hashable, build: Callable[[], T]) -> T:
        """Data worked out from the scenario once and kept with it (a scenario never changes)."""
        try:
            return self._memo[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._memo[key] = build()
            return value

    def __attrs_post_init__(self) -> None:
        def index(items):  # type: ignore[no-untyped-def]
            return {item.id: item for item in items}

        put = object.__setattr__
        put(self, "actor_by_id", index(self.actors))
        put(self, "indicator_by_id", index(self.indicators))
        put(self, "track_by_id", index(self.tracks))
        put(self, "turn_by_id", index(self.turns))
        put(self, "option_by_id", index(self.options))
        put(self, "event_by_id", index(self.events))
        put(self, "ending_by_id", index(self.endings))
        put(self, "policy_by_id", index(self.doctrines))
        put(self, "term_by_id", index(self.terms))
        put(self, "package_by_id", index(self.packages))
        bounds = {i.id: (i.min, i.max) for i in self.indicators}
        bounds.update({t.id: (0.0, 100.0) for t in self.tracks})
        put(self, "bounds", bounds)

    @property
    def doctrines(self) -> tuple[Policy, ...]:
        """Every AI doctrine a game may use: the file's, in file order, then the
        built-in ``standard`` unless the file defines its own (it always exists)."""
        if any(p.id == STANDARD_POLICY.id for p in self.policies):
            return self.policies
        return (*self.policies, STANDARD_POLICY)

    @property
    def default_doctrine(self) -> Policy:
        """The doctrine AI actors play under when nobody chose one."""
        return self.policy_by_id[self.default_policy]

    def status_of(self, progress: float) -> str:
        """A track's status: the last whose start is at or below progress."""
        found = self.track_statuses[0].id
        for status in self.track_statuses:
            if status.start <= progress:
                found = status.id
            else:
                break
        return found

    def name_of(self, target: str) -> str:
        """Display name of an indicator or track id."""
        item = self.indicator_by_id.get(target) or self.track_by_id.get(target)
        return item.name if item else target

    def label_of(self, target: str) -> str:
        """Short name (else the name) of an indicator or track id, for narrow screens."""
        item = self.indicator_by_id.get(target) or self.track_by_id.get(target)
        return item.label if item else target

    def options_for(self, actor: str, turn: str) -> tuple[Option, ...]:
        """Options of an actor offered in a turn, before ``when`` is checked."""
        return tuple(
            o for o in self.options
            if o.actor == actor and (o.turns is None or turn in o.turns)
        )
