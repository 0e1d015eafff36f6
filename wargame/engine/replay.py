"""How a log becomes a game: ``replay`` drives the engine through the calendar.

Undo, rewind, load and branching are all replays of a (shorter or longer)
log; nothing is ever reversed in place. ``wargame.engine.game.Game`` wraps a log
and its replay for the callers.

A replay remembers the last point where a seat was about to decide (a
``Point``: the state there and how much log, news and history came before).
A log that only grows past that point (a decision, an offer, an answer, the
white cell's action while a seat waits) is replayed from it: the same
outcome as from the start, at a cost that does not grow with the log.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import attrs

from wargame.engine import ai, fast, rules, talks
from wargame.engine.forecast import forecast_problem
from wargame.engine.setup import PolicySpec
from wargame.engine.state import Draw, LogEntry, NewsItem, Offer, State, Waiting
from wargame.errors import GameError, LogError
from wargame.records import fields_eq, fields_hash, fields_repr
from wargame.scenario.model import (
    Ending,
    Option,
    Package,
    Policy,
    Scenario,
    Turn,
)

Choice = Option | Offer | None
"""What a decision does: an option, an offer, or nothing (a pass)."""


@attrs.frozen
class Point:
    """Where a replay stood when a seat was about to decide: enough to go on from there."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    turn: int
    """0-based position of the turn in the calendar."""
    actor: int
    """0-based position of the deciding actor in the turn's ``actors``."""
    state: State
    """After the facilitator's entries that stood before the decision."""
    opening: State
    """The state when the turn's decisions opened (what a simultaneous turn decides on)."""
    picks: tuple[tuple[str, Choice, LogEntry, Draw | None], ...]
    """A simultaneous turn's decisions so far, applied once all are made."""
    full: int
    """Log entries played before it (AI decisions filled in): where the log resumes."""
    news: int
    history: int


@attrs.frozen
class Outcome:
    """Everything a replay of a log produced."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    state: State
    log: tuple[LogEntry, ...]
    """The log with every AI decision filled in: what a save records."""
    news: tuple[NewsItem, ...]
    """Oldest first."""
    history: tuple[tuple[str, Mapping[str, float]], ...]
    """(``start`` or a turn id, values) at the start and after each finished turn."""
    waiting: Waiting | None
    ending: Ending | None
    scores: Mapping[str, float]
    """Objective points per actor, once the game has ended."""
    chosen_passes: frozenset[int] = frozenset()
    """Positions in ``log`` of passes a person chose (a seat that could only make offers
    and made none); every other pass is logged because nothing was available."""
    point: Point | None = attrs.field(default=None, eq=False, repr=False)
    """The last point where a seat was about to decide: a longer log replays from it."""
    basis: State | None = attrs.field(default=None, eq=False, repr=False)
    """The state the waiting seat decides on (in a simultaneous turn, the turn's opening):
    what an AI deciding in its place would weigh."""


def resolve_policy(scenario: Scenario, spec: PolicySpec | None, actor: str) -> Policy:
    """The doctrine an AI actor plays under: the one named for it, else the
    scenario's ``default_policy`` (``standard`` when the file names none)."""
    if spec is None:
        ident = scenario.default_policy
    elif isinstance(spec, str):
        ident = spec
    else:
        ident = spec.get(actor, scenario.default_policy)
    policy = scenario.policy_by_id.get(ident)
    if policy is None:
        known = ", ".join(p.id for p in scenario.doctrines)
        raise GameError(f"unknown AI doctrine '{ident}' (known: {known})")
    return policy


def unavailable_reason(scenario: Scenario, state: State, turn: Turn, actor: str,
                       option_id: str) -> str:
    """Why ``actor`` may not choose ``option_id`` now: for a refused decision or log entry."""
    option = scenario.option_by_id.get(option_id)
    if option is None:
        return f"unknown option '{option_id}'"
    if option.actor != actor:
        return f"option '{option_id}' belongs to '{option.actor}', not '{actor}'"
    if option.turns is not None and turn.id not in option.turns:
        return f"option '{option_id}' is not offered in turn '{turn.id}'"
    if not option.repeatable and option_id in state.chosen:
        return f"option '{option_id}' was already chosen and is not repeatable"
    return f"option '{option_id}' is not available now (its `when` is false)"




def _precheck(scenario: Scenario, log: tuple[LogEntry, ...], start: int = 0) -> None:
    for i in range(start, len(log)):
        entry = log[i]
        if entry.turn not in scenario.turn_by_id:
            raise LogError(i, entry.turn, f"unknown turn '{entry.turn}'")
        if entry.inject and entry.inject not in scenario.event_by_id:
            raise LogError(i, entry.turn, f"unknown event '{entry.inject}'")
        if entry.adjust:
            if entry.adjust not in scenario.bounds:
                raise LogError(i, entry.turn, f"unknown indicator or track '{entry.adjust}'")
            if not math.isfinite(entry.by):
                raise LogError(i, entry.turn, "`by` must be a finite number")
        if entry.rewound_from:
            origin = scenario.turn_by_id.get(entry.rewound_from)
            if origin is None:
                raise LogError(i, entry.turn, f"rewound from unknown turn '{entry.rewound_from}'")
            if origin.index < scenario.turn_by_id[entry.turn].index:
                raise LogError(i, entry.turn, f"rewound from turn '{origin.id}', which comes "
                               "before the turn it rewound to")
        if not entry.is_facilitator:
            if entry.actor not in scenario.actor_by_id:
                raise LogError(i, entry.turn, f"unknown actor '{entry.actor}'")
            problem = (_offer_precheck(scenario, entry) if entry.kind == "offer" else None
                       ) or _stand_in_precheck(scenario, entry)
            if problem:
                raise LogError(i, entry.turn, problem)
            if entry.kind == "decision" and entry.option not in scenario.option_by_id:
                raise LogError(i, entry.turn, f"unknown option '{entry.option}'")


def _offer_precheck(scenario: Scenario, entry: LogEntry) -> str | None:
    if entry.package and entry.package not in scenario.package_by_id:
        return f"unknown package '{entry.package}'"
    for term in entry.offer:
        if term not in scenario.term_by_id:
            return f"unknown term '{term}'"
    if not entry.package and not entry.to:
        return "an offer of terms needs `to`, the answerer"
    if entry.to and entry.to not in scenario.actor_by_id:
        return f"unknown answerer '{entry.to}'"
    if entry.answer not in ("", "accept", "reject"):
        return f"`answer` must be 'accept' or 'reject', not '{entry.answer}'"
    return None


def _stand_in_precheck(scenario: Scenario, entry: LogEntry) -> str | None:
    for doctrine in (entry.stand_in, entry.answer_stand_in):
        if doctrine and doctrine not in scenario.policy_by_id:
            return f"unknown AI doctrine '{doctrine}' (the stand-in's)"
    if entry.answer_stand_in and not (entry.kind == "offer" and entry.answer):
        return "`answer_stand_in` belongs to an offer's answer"
    return None


def offer_of(scenario: Scenario, entry: LogEntry) -> Offer:
    """The offer a log entry makes (a package's terms and answerer when it names one)."""
    package = scenario.package_by_id.get(entry.package) if entry.package else None
    if package is not None:
        return Offer(entry.actor, entry.to or package.answerer, package.terms, package.id)
    return Offer(entry.actor, entry.to, entry.offer)


def rewind_news(scenario: Scenario, turn: Turn, entry: LogEntry) -> NewsItem:
    """The news of a rewind record: where the game went back to, from where, and why."""
    origin = scenario.turn_by_id[entry.rewound_from]
    title = (f"White cell rewinds to the start of turn {turn.index}, {turn.title} "
             f"(from turn {origin.index}, {origin.title})")
    return NewsItem(turn.id, "rewind", origin.id, title, "", "", (), entry.note)


class _Replay:
    """One pass through the calendar, consuming the log as it goes."""

    def __init__(self, scenario: Scenario, seed: int, seats: frozenset[str],
                 policy: PolicySpec | None, log: tuple[LogEntry, ...], auto: bool,
                 record: bool):
        self.sc = scenario
        self.seed = seed
        self.seats = seats
        self.log = log
        self.auto = auto
        self.record = record
        self.pos = 0
        self.full: list[LogEntry] = []
        self.news: list[NewsItem] = []
        self.policies = {a.id: resolve_policy(scenario, policy, a.id) for a in scenario.actors}
        self.waiting: Waiting | None = None
        self.chosen_passes: set[int] = set()
        self.history: list[tuple[str, Mapping[str, float]]] = []
        self.point: Point | None = None
        self.basis: State | None = None

    def human(self, actor: str) -> bool:
        return actor in self.seats and not self.auto

    def facilitator(self, state: State, turn: Turn) -> State:
        """Apply the facilitator's entries that stand next in the log."""
        while self.pos < len(self.log) and self.log[self.pos].is_facilitator:
            entry = self.log[self.pos]
            if entry.turn != turn.id:
                if self.sc.turn_by_id[entry.turn].index > turn.index:
                    break  # it belongs to a later turn; applied when that turn comes
                raise LogError(self.pos, entry.turn,
                               f"facilitator action for turn '{entry.turn}', "
                               f"but the game is already in turn '{turn.id}'")
            if entry.rewound_from:
                item = rewind_news(self.sc, turn, entry)
            elif entry.inject:
                state, item = rules.fire(self.sc, state, turn,
                                          self.sc.event_by_id[entry.inject], "inject",
                                          entry.note)
            else:
                state, item = rules.adjust(self.sc, state, turn, entry.adjust, entry.by,
                                            entry.note)
            self.pos += 1
            self.full.append(entry)
            if self.record:
                self.news.append(item)
        return state

    def decision(self, state: State, turn: Turn, actor: str, options: tuple[Option, ...]
                 ) -> tuple[Choice, LogEntry, Draw | None] | None:
        """(what the actor does, its log entry, the AI's draw); None to wait for a seat."""
        human = self.human(actor)
        if self.pos < len(self.log):
            entry = self.log[self.pos]
            if entry.turn == turn.id and entry.actor == actor:
                self.pos += 1
                self.full.append(entry)
                problem = forecast_problem(self.sc, turn, actor, entry.forecast)
                if problem:
                    raise LogError(self.pos - 1, entry.turn, problem)
                people = human and not entry.stand_in
                choice = self.written(state, turn, options, entry, people)
                why = None if people or not self.record else self.reweigh(
                    state, turn, actor, options, choice, entry)
                return choice, entry, why
            if human:
                raise LogError(self.pos, entry.turn,
                               f"expected a decision of '{actor}' in turn '{turn.id}' "
                               f"before this entry")
        elif human:
            terms = talks.offerable(self.sc, state, turn, actor)
            if options or terms:
                self.waiting = Waiting(turn.id, actor, options, terms,
                                       talks.packages(self.sc, state, turn, actor))
                self.basis = state
                return None
        pick, why = self.draw(state, turn, actor, options)
        if human:  # nothing to choose or offer: the seat passes, no AI drew for it
            why = None
        if pick is None:
            entry = LogEntry(turn.id, actor, passed=True)
        elif isinstance(pick, Package):
            entry = LogEntry(turn.id, actor, package=pick.id, to=pick.answerer)
        else:
            entry = LogEntry(turn.id, actor, pick.id)
        self.full.append(entry)
        choice = talks.package_offer(pick) if isinstance(pick, Package) else pick
        return choice, entry, why

    def draw(self, state: State, turn: Turn, actor: str, options: tuple[Option, ...]
             ) -> tuple[Option | Package | None, Draw]:
        """An AI's draw among its options and the packages it may offer."""
        return ai.choose(self.sc, state, turn, actor, options, self.policies[actor], self.seed)

    def reweigh(self, state: State, turn: Turn, actor: str, options: tuple[Option, ...],
                choice: Choice, entry: LogEntry) -> Draw:
        """The draw an AI would have made, with the weight of what its log entry chose
        (under the stand-in's doctrine when an AI stood in for a human seat)."""
        ident = choice.package if isinstance(choice, Offer) else choice.id if choice else ""
        return ai.reweigh(self.sc, state, turn, actor, options, self.policy_of(entry), ident)

    def policy_of(self, entry: LogEntry) -> Policy:
        """The doctrine the AI decided an entry with: its stand-in's, else its actor's."""
        return (self.sc.policy_by_id[entry.stand_in] if entry.stand_in
                else self.policies[entry.actor])

    def by_ai(self, entry: LogEntry) -> bool:
        """Whether an AI made an entry's decision (an AI actor, or a stand-in's)."""
        return bool(entry.stand_in) or not self.human(entry.actor)

    def answering(self, offer: Offer, entry: LogEntry) -> Policy | None:
        """The doctrine an offer is answered with; None when the answerer's people answer."""
        if entry.answer_stand_in:
            return self.sc.policy_by_id[entry.answer_stand_in]
        return None if self.human(offer.answerer) else self.policies[offer.answerer]

    def written(self, state: State, turn: Turn, options: tuple[Option, ...],
                entry: LogEntry, human: bool) -> Choice:
        """The choice a log entry makes, checked against what is available now."""
        index = self.pos - 1
        if entry.passed:
            if human and options:
                raise LogError(index, entry.turn,
                               f"'{entry.actor}' may not pass while options are available")
            if human and talks.offerable(self.sc, state, turn, entry.actor):
                self.chosen_passes.add(len(self.full) - 1)
            return None
        if entry.kind == "offer":
            offer = offer_of(self.sc, entry)
            refused = talks.offer_refusal(self.sc, state, turn, offer)
            if refused:
                raise LogError(index, entry.turn, refused)
            return offer
        option = self.sc.option_by_id[entry.option]
        if option not in options:
            raise LogError(index, entry.turn, unavailable_reason(
                self.sc, state, turn, entry.actor, entry.option))
        return option

    def pass_news(self, turn: Turn, entry: LogEntry, why: Draw | None) -> None:
        if self.record:
            actor = entry.actor
            name = self.sc.actor_by_id[actor].name
            self.news.append(NewsItem(turn.id, "pass", actor, f"{name} passes", "", actor,
                                      (), entry.note, self.by_ai(entry), why=why))

    def play_turn(self, state: State, turn: Turn, at: Point | None = None
                  ) -> tuple[State, bool]:
        """Play one turn's decisions (from ``at``, a point in it); False when the game
        must wait for a seat."""
        opening = state if at is None else at.opening
        picks = [] if at is None else list(at.picks)
        first = 0 if at is None else at.actor
        for n, actor in enumerate(turn.actors[first:], first):
            state = self.facilitator(state, turn)
            self.point = Point(turn.index - 1, n, state, opening, tuple(picks), len(self.full),
                               len(self.news), len(self.history))
            basis = opening if turn.simultaneous else state
            options = rules.available(self.sc, basis, turn, actor)
            decided = self.decision(basis, turn, actor, options)
            if decided is None:
                return state, False
            if turn.simultaneous:
                picks.append((actor, *decided))
                continue
            state, answered = self.apply(state, turn, actor, *decided)
            if not answered:
                return state, False
        for actor, choice, entry, why in picks:
            state, _ = self.apply(state, turn, actor, choice, entry, why)
        return self.facilitator(state, turn), True

    def apply(self, state: State, turn: Turn, actor: str, choice: Choice, entry: LogEntry,
              why: Draw | None) -> tuple[State, bool]:
        """A decision's consequences; False when an offer waits for a seat's answer."""
        if choice is None:
            self.pass_news(turn, entry, why)
            return state, True
        if isinstance(choice, Offer):
            return self.offer(state, turn, choice, entry, why)
        state, item = rules.choose(self.sc, state, turn, choice, entry.note,
                                   self.by_ai(entry))
        state, broken = talks.breach(self.sc, state, turn, choice)
        if self.record:
            self.news.append(attrs.evolve(item, why=why) if why else item)
            self.news.extend(broken)
        return state, True

    def offer(self, state: State, turn: Turn, offer: Offer, entry: LogEntry,
              why: Draw | None) -> tuple[State, bool]:
        """Make an offer, get its answer (an AI's at once), sign its terms if accepted."""
        sc = self.sc
        state = talks.mark_offered(state, offer)
        if self.record:
            self.news.append(talks.offer_item(sc, turn, offer, entry.note, why,
                                             self.by_ai(entry)))
        policy = self.answering(offer, entry)
        valuation = None
        if policy is not None and (self.record or not entry.answer):
            valuation = ai.answer(sc, state, offer, policy)
        answer = entry.answer
        if not answer:
            if valuation is None:
                self.waiting = Waiting(turn.id, offer.answerer, (), offer=offer)
                return state, False
            answer = "accept" if valuation.accepted else "reject"
            self.full[-1] = attrs.evolve(entry, to=offer.answerer, answer=answer)
        if self.record:
            self.news.append(talks.answer_item(sc, turn, offer, answer, valuation,
                                               policy is not None))
        if answer == "accept":
            for term_id in offer.terms:
                state, item = talks.sign(sc, state, turn, sc.term_by_id[term_id])
                if self.record:
                    self.news.append(item)
        return state, True

    def run(self, at: Point | None = None) -> Outcome:
        """The outcome of the log: from the start, or from ``at`` (see ``resume``)."""
        sc = self.sc
        history = self.history
        if at is None:
            state = rules.initial_state(sc)
            history.append(("start", state.values))
        else:
            state = at.state
        ending = None
        last = len(sc.turns)
        for turn in sc.turns[0 if at is None else at.turn:]:
            if at is None or turn.index - 1 != at.turn:
                state = attrs.evolve(state, turn=turn.index)
                state, items = rules.run_events(sc, state, turn, "start", self.seed,
                                                self.record)
                self.news.extend(items)
                state, finished = self.play_turn(state, turn)
            else:  # the turn the point is in: its start events have run
                state, finished = self.play_turn(state, turn, at)
            if not finished:
                break
            state, items = rules.run_events(sc, state, turn, "end", self.seed, self.record)
            self.news.extend(items)
            history.append((turn.id, state.values))
            ending = rules.check_endings(sc, state, turn.index == last)
            if ending is not None:
                state = attrs.evolve(state, ending=ending.id)
                if self.record:
                    self.news.append(NewsItem(turn.id, "ending", ending.id, ending.title,
                                              ending.text))
                break
        if self.pos < len(self.log):
            entry = self.log[self.pos]
            where = "the game ended" if ending else "the game stopped to wait for a seat"
            raise LogError(self.pos, entry.turn, f"{where} before this entry could apply")
        return Outcome(state, tuple(self.full), tuple(self.news), tuple(history),
                       self.waiting, ending,
                       rules.scores(sc, state) if ending else {},
                       frozenset(self.chosen_passes), self.point, self.basis)


def replay(scenario: Scenario, seed: int, seats: tuple[str, ...] | frozenset[str],
           policy: PolicySpec | None, log: tuple[LogEntry, ...] = (), auto: bool = False,
           record: bool = True) -> Outcome:
    """Play the game a log describes; AI actors without entries decide as live.

    A whole game with the AI on every seat and no news wanted (a simulation)
    is ``autoplay``: the fast path, the same game several times faster.
    """
    log = tuple(log)
    _precheck(scenario, log)
    return _Replay(scenario, seed, frozenset(seats), policy, log, auto, record).run()


def resume(scenario: Scenario, seed: int, seats: tuple[str, ...] | frozenset[str],
           policy: PolicySpec | None, log: tuple[LogEntry, ...], auto: bool,
           base: Outcome, kept: int) -> Outcome:
    """``replay`` of ``log`` when its first ``kept`` entries are ``base.log``'s.

    When the base stopped to wait for a seat and nothing before its last
    decision point changed, the replay goes on from that point with the
    entries after it: the outcome a replay from the start gives, at the cost
    of what is new. Otherwise (an undo, a rewind, a note on an old entry)
    it is the replay from the start.
    """
    point = base.point
    if point is None or base.waiting is None or kept < point.full:
        return replay(scenario, seed, seats, policy, log, auto)
    log = tuple(log)
    turns = scenario.turn_by_id
    if any(e.turn in turns and turns[e.turn].index <= point.turn for e in log[point.full:]):
        # An entry for a turn before the point's (a rewind's record, after a turn
        # in which nobody decided): it applies back there, so start again.
        return replay(scenario, seed, seats, policy, log, auto)
    _precheck(scenario, log, point.full)
    run = _Replay(scenario, seed, frozenset(seats), policy, log, auto, True)
    run.pos = point.full
    run.full = list(base.log[:point.full])
    run.news = list(base.news[:point.news])
    run.history = list(base.history[:point.history])
    run.chosen_passes = {i for i in base.chosen_passes if i < point.full}
    return run.run(point)


def autoplay(scenario: Scenario, seed: int, policy: PolicySpec | None) -> Outcome:
    """A whole game with the AI on every seat, by the fast path: no news, the same game."""
    policies = {a.id: resolve_policy(scenario, policy, a.id) for a in scenario.actors}
    state, full, history, ending = fast.autoplay(scenario, seed, policies)
    return Outcome(state, full, (), history, None, ending,
                   rules.scores(scenario, state) if ending else {})
