"""A game is its log: ``Game`` wraps a log and its replay (``wargame.engine.replay``).

Every action returns a new Game with a longer or shorter log; undo, rewind
and load are replays, nothing is ever reversed in place.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import attrs

from wargame.engine import ai
from wargame.engine.forecast import forecast_problem
from wargame.engine.replay import (
    Outcome,
    offer_of,
    replay,
    resolve_policy,
    resume,
    unavailable_reason,
)
from wargame.engine.setup import Mode, PolicySpec, Setup, Teams
from wargame.engine.state import (
    Forecast,
    LogEntry,
    NewsItem,
    Offer,
    State,
    Valuation,
    Waiting,
)
from wargame.engine.talks import (
    answerers,
    breaks,
    mark_offered,
    offer_refusal,
    term_refusal,
    value,
)
from wargame.errors import GameError
from wargame.records import fields_eq, fields_hash, fields_repr
from wargame.scenario.model import Ending, Policy, Scenario, Term, Turn
from wargame.tomlio import control_problem

__all__ = ["Game", "GameError", "Outcome", "PolicySpec", "Setup", "check_policy",
           "check_seats", "replay", "resolve_policy"]


def check_policy(scenario: Scenario, spec: PolicySpec | None) -> None:
    """Raise GameError for a doctrine or actor the scenario does not know."""
    if isinstance(spec, Mapping):
        for actor in spec:
            if actor not in scenario.actor_by_id:
                raise GameError(f"policy names unknown actor '{actor}'")
            resolve_policy(scenario, spec, actor)
    else:
        resolve_policy(scenario, spec, "")


def check_seats(scenario: Scenario, seats: tuple[str, ...]) -> None:
    for seat in seats:
        actor = scenario.actor_by_id.get(seat)
        if actor is None:
            known = ", ".join(a.id for a in scenario.actors if a.playable)
            raise GameError(f"unknown seat '{seat}' (playable: {known})")
        if not actor.playable:
            raise GameError(f"actor '{seat}' is not playable")
    if len(set(seats)) != len(seats):
        raise GameError("a seat is named twice")


def _reason(note: str, what: str) -> str:
    """A white-cell action's reason, required: the log and the debrief keep it."""
    _check_note(note)
    text = note.strip()
    if not text:
        raise GameError(f"{what} needs a reason (it is kept in the log and the debrief)")
    return text


@attrs.frozen
class Game:
    """A setup (scenario, seed, seats, doctrine, teams, mode) and the log."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    setup: Setup
    log: tuple[LogEntry, ...] = ()
    auto: bool = False
    """Let the AI play the human seats too (headless runs)."""
    outcome: Outcome = attrs.field(init=False, eq=False, repr=False)
    _base: tuple[Outcome, int] | None = attrs.field(default=None, eq=False, repr=False,
                                                    alias="base")
    """(a game's outcome, how many leading entries of its log this log keeps): the
    replay goes on from where that one stopped (``replay.resume``); dropped once used."""

    def __attrs_post_init__(self) -> None:
        s = self.setup
        if self._base is None:
            outcome = replay(s.scenario, s.seed, s.seats, s.policy, self.log, self.auto)
        else:
            outcome = resume(s.scenario, s.seed, s.seats, s.policy, self.log, self.auto,
                             *self._base)
        object.__setattr__(self, "outcome", outcome)
        object.__setattr__(self, "_base", None)  # no chain of past outcomes kept alive

    @classmethod
    def new(cls, scenario: Scenario, seed: int | None = None,
            seats: tuple[str, ...] | list[str] | None = None,
            policy: PolicySpec | None = None, log: tuple[LogEntry, ...] = (),
            auto: bool = False, teams: Teams | None = None, mode: Mode | None = None) -> Game:
        """A game of ``scenario``; None takes the scenario's seed and seats and its
        default doctrine (``default_policy``). Raises GameError for a seat or
        doctrine the scenario does not know."""
        seats_t = tuple(scenario.default_seats if seats is None else seats)
        return cls.start(Setup(scenario, scenario.seed if seed is None else seed, seats_t,
                               policy if policy is not None else scenario.default_policy,
                               dict(teams or {}), mode), log, auto)

    @classmethod
    def start(cls, setup: Setup, log: tuple[LogEntry, ...] = (), auto: bool = False) -> Game:
        """The game of a setup after ``log``; GameError for seats or a doctrine it lacks."""
        check_seats(setup.scenario, setup.seats)
        check_policy(setup.scenario, setup.policy)
        return cls(setup, tuple(log), auto)

    # -- how it was set up -----------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self.setup.scenario

    @property
    def seed(self) -> int:
        return self.setup.seed

    @property
    def seats(self) -> tuple[str, ...]:
        return self.setup.seats

    @property
    def policy(self) -> PolicySpec:
        return self.setup.policy

    # -- what the game shows -------------------------------------------------
    @property
    def state(self) -> State:
        return self.outcome.state

    @property
    def news(self) -> tuple[NewsItem, ...]:
        return self.outcome.news

    @property
    def waiting(self) -> Waiting | None:
        return self.outcome.waiting

    @property
    def ending(self) -> Ending | None:
        return self.outcome.ending

    @property
    def over(self) -> bool:
        return self.outcome.ending is not None

    @property
    def turn(self) -> Turn:
        """The turn being played, or the last one played."""
        return self.scenario.turns[max(self.state.turn, 1) - 1]

    @property
    def scores(self) -> Mapping[str, float]:
        return self.outcome.scores

    def policy_for(self, actor: str) -> Policy:
        return resolve_policy(self.scenario, self.policy, actor)

    def status(self, track: str) -> str:
        return self.scenario.status_of(self.state.values[track])

    # -- what players and the facilitator do --------------------------------
    def _with(self, log: tuple[LogEntry, ...], kept: int = 0) -> Game:
        """This game with another log whose first ``kept`` entries are this one's."""
        return Game(self.setup, log, self.auto, base=(self.outcome, kept))

    def _grown(self, entry: LogEntry) -> Game:
        """This game with one more entry: replayed from where it waits, not from the start."""
        log = self.outcome.log
        return self._with(log + (entry,), len(log))

    def _waiting_for(self, kind: str) -> Waiting:
        waiting = self.waiting
        if waiting is None:
            raise GameError("no seat is waiting for a decision")
        if waiting.kind != kind:
            who = self.scenario.actor_by_id[waiting.actor].name
            raise GameError(f"{who} must answer an offer first" if waiting.kind == "answer"
                            else "no offer is waiting for an answer")
        return waiting

    def decide(self, option_id: str, note: str = "",
               forecast: tuple[Forecast, ...] = (), stand_in: str = "") -> Game:
        """The waiting seat chooses an option, with what it expects the others to do
        (``stand_in``: the doctrine of the AI that chose it for the seat's team)."""
        _check_note(note)
        self._check_stand_in(stand_in)
        waiting = self._waiting_for("decision")
        turn = self.scenario.turn_by_id[waiting.turn]
        if option_id not in {o.id for o in waiting.options}:
            raise GameError(unavailable_reason(self.scenario, self.state, turn,
                                                waiting.actor, option_id))
        forecast = self._forecast(waiting, forecast)
        return self._grown(LogEntry(waiting.turn, waiting.actor, option_id, note=note,
                                    forecast=forecast, stand_in=stand_in))

    def _forecast(self, waiting: Waiting, forecast: Iterable[Forecast]) -> tuple[Forecast, ...]:
        """The forecasts that go with the waiting seat's decision; GameError if they may not."""
        forecast = tuple(forecast)
        problem = forecast_problem(self.scenario, self.scenario.turn_by_id[waiting.turn],
                                   waiting.actor, forecast)
        if problem:
            raise GameError(problem)
        return forecast

    def pass_turn(self, note: str = "", stand_in: str = "") -> Game:
        """The waiting seat makes no offer and has no option to choose: it passes.

        An AI standing in (``stand_in``) passes as an AI seat does: when everything
        it could choose or offer weighs nothing, options or not.
        """
        _check_note(note)
        self._check_stand_in(stand_in)
        waiting = self._waiting_for("decision")
        if stand_in and ai.waiting_choice(self, stand_in)[0] is not None:
            raise GameError("the AI passes only when nothing it could choose weighs anything")
        if waiting.options and not stand_in:
            raise GameError("a seat may not pass while options are available")
        return self._grown(LogEntry(waiting.turn, waiting.actor, passed=True, note=note,
                                    stand_in=stand_in))

    def _check_stand_in(self, doctrine: str) -> None:
        if doctrine:
            resolve_policy(self.scenario, doctrine, "")  # GameError for one it lacks

    def _offer(self, terms: Sequence[str], to: str, package: str) -> Offer:
        waiting = self._waiting_for("decision")
        found = self.scenario.package_by_id.get(package) if package else None
        if package and found is None:
            raise GameError(f"unknown package '{package}'")
        if found is not None:
            return Offer(waiting.actor, to or found.answerer, found.terms, found.id)
        return Offer(waiting.actor, to, tuple(terms))

    def offer_problem(self, terms: Sequence[str] = (), to: str = "",
                      package: str = "") -> str | None:
        """Why the waiting seat may not make this offer now; None when it may."""
        try:
            offer = self._offer(terms, to, package)
        except GameError as exc:
            return str(exc)
        return offer_refusal(self.scenario, self.state, self.turn, offer)

    def offer(self, terms: Sequence[str] = (), to: str = "", package: str = "",
              note: str = "", forecast: tuple[Forecast, ...] = (),
              stand_in: str = "") -> Game:
        """The waiting seat's decision is an offer: terms to an answerer, or a package,
        with what the seat expects the others to do.

        An AI answerer answers at once; a human answerer's seat is then waited for
        (``waiting.kind == "answer"``).
        """
        _check_note(note)
        self._check_stand_in(stand_in)
        offer = self._offer(terms, to, package)
        refused = offer_refusal(self.scenario, self.state, self.turn, offer)
        if refused:
            raise GameError(refused)
        forecast = self._forecast(self._waiting_for("decision"), forecast)
        entry = LogEntry(self.turn.id, offer.offerer, note=note, to=offer.answerer,
                         forecast=forecast, stand_in=stand_in,
                         **({"package": package} if package else {"offer": offer.terms}))
        return self._grown(entry)

    def answer(self, accept: bool, stand_in: str = "") -> Game:
        """The waiting seat answers the offer made to it: accept (sign) or reject
        (``stand_in``: the doctrine of the AI that answered for the seat's team)."""
        self._check_stand_in(stand_in)
        self._waiting_for("answer")
        log = self.outcome.log
        entry = attrs.evolve(log[-1], answer="accept" if accept else "reject",
                             answer_stand_in=stand_in)
        return self._with(log[:-1] + (entry,), len(log) - 1)

    def value_of(self, terms: Sequence[str], answerer: str) -> Valuation:
        """What an offer of ``terms`` would be worth to ``answerer`` if made now, against
        its AI doctrine's threshold (what an AI answerer would make of it)."""
        for term in terms:
            if term not in self.scenario.term_by_id:
                raise GameError(f"unknown term '{term}'")
        if answerer not in self.scenario.actor_by_id:
            raise GameError(f"unknown actor '{answerer}'")
        offered = mark_offered(self.state, Offer("", answerer, tuple(terms)))
        return value(self.scenario, offered, terms, answerer, self.policy_for(answerer))

    def answerers(self, term_id: str) -> tuple[str, ...]:
        """Whom the waiting seat may offer ``term_id`` to now."""
        waiting = self.waiting
        term = self.scenario.term_by_id.get(term_id)
        if waiting is None or waiting.kind != "decision" or term is None:
            return ()
        return tuple(a for a in answerers(self.scenario, self.turn, waiting.actor, term)
                     if term_refusal(self.scenario, self.state, self.turn, waiting.actor, a,
                                     term) is None)

    def breaks(self, option_id: str) -> tuple[Term, ...]:
        """The agreements choosing ``option_id`` now would break (signed terms it breaches)."""
        option = self.scenario.option_by_id.get(option_id)
        return breaks(self.scenario, self.state, option) if option else ()

    @property
    def white_cell_waits(self) -> str:
        """Why the facilitator cannot inject or adjust now; empty when it can."""
        if self.over:
            return "the game is over"
        if self.waiting is None:
            return "the facilitator acts while a seat is deciding"
        if self.waiting.kind == "answer":
            return ("the facilitator acts while a seat is deciding, not while an offer "
                    "waits for its answer")
        return ""

    def _facilitate(self, entry: LogEntry) -> Game:
        _check_note(entry.note)
        if self.white_cell_waits:
            raise GameError(self.white_cell_waits)
        return self._grown(entry)

    def inject(self, event_id: str, note: str) -> Game:
        """Fire an event now, whatever its condition or chance; ``note`` is the reason."""
        if event_id not in self.scenario.event_by_id:
            raise GameError(f"unknown event '{event_id}'")
        return self._facilitate(LogEntry(self.turn.id, inject=event_id,
                                         note=_reason(note, "an inject")))

    def adjust(self, target: str, by: float, note: str) -> Game:
        """Move an indicator or a track by an amount; ``note`` is the reason."""
        if target not in self.scenario.bounds:
            raise GameError(f"unknown indicator or track '{target}'")
        if not math.isfinite(by):
            raise GameError("the amount must be a finite number")
        return self._facilitate(LogEntry(self.turn.id, adjust=target, by=float(by),
                                         note=_reason(note, "an adjustment")))

    def _human(self, actor: str) -> bool:
        return actor in self.seats and not self.auto

    def _answered(self, entry: LogEntry) -> bool:
        """Whether a person answered this entry's offer."""
        return entry.kind == "offer" and bool(entry.answer) and self._human(
            offer_of(self.scenario, entry).answerer)

    def _last_own(self) -> int | None:
        """Index of the last entry a person made (a seat's decision or answer, or the
        white cell's action)."""
        for i in range(len(self.outcome.log) - 1, -1, -1):
            entry = self.outcome.log[i]
            # A seat's pass is a person's choice only when the seat could have made
            # an offer; otherwise it is logged because nothing was available, so undo
            # must look past it. A rewind record moves nothing (the old branch is
            # its own save): undo takes back what came before it, and the record
            # with it.
            if entry.rewound_from:
                continue
            if entry.is_facilitator or self._answered(entry) or (
                    self._human(entry.actor)
                    and (not entry.passed or i in self.outcome.chosen_passes)):
                return i
        return None

    @property
    def last_by(self) -> str | None:
        """Who made the last entry a person made: a seat's id, ``""`` for the white cell.

        None when no person has acted yet. A table uses it to let a seat undo
        only its own decision.
        """
        last = self._last_own()
        if last is None:
            return None
        entry = self.outcome.log[last]
        if entry.is_facilitator:
            return ""
        # An answered offer: the answer came last, so it is the answerer's to undo.
        return offer_of(self.scenario, entry).answerer if self._answered(entry) else entry.actor

    @property
    def can_undo(self) -> bool:
        return self._last_own() is not None

    def undo(self) -> Game:
        """The game as it stood before the last decision, answer or facilitator action.

        A log cut; undoing a person's answer cuts only the answer, so the offer
        waits for it again.
        """
        last = self._last_own()
        if last is None:
            raise GameError("nothing to undo")
        entry = self.outcome.log[last]
        if self._answered(entry):
            return self._with(self.outcome.log[:last] + (attrs.evolve(entry, answer=""),))
        return self._with(self.outcome.log[:last])

    def rewind(self, turn_id: str, note: str) -> Game:
        """The game at the start of an earlier turn (its start events run again).

        The new branch starts with a record of the rewind: the turn it left and
        the white cell's reason (``note``), so the log and the debrief keep it.
        """
        turn = self.scenario.turn_by_id.get(turn_id)
        if turn is None:
            raise GameError(f"unknown turn '{turn_id}'")
        if turn.index > self.state.turn:
            raise GameError(f"turn '{turn_id}' has not been reached")
        record = LogEntry(turn.id, rewound_from=self.turn.id, note=_reason(note, "a rewind"))
        index = self.scenario.turn_by_id
        kept = tuple(e for e in self.outcome.log if index[e.turn].index < turn.index)
        return self._with(kept + (record,))

    def note(self, text: str) -> Game:
        """Attach a note to the last log entry a person made."""
        _check_note(text)
        last = self._last_own()
        if last is None:
            raise GameError("nothing to annotate")
        log = list(self.outcome.log)
        log[last] = attrs.evolve(log[last], note=text)
        return self._with(tuple(log), last)


def _check_note(note: str) -> None:
    """A note goes into the save, which refuses control characters: refuse them now."""
    bad = control_problem(note)
    if bad is not None:
        raise GameError(f"the note {bad}")
