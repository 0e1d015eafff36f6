"""How a log becomes a game: ``replay`` drives the engine through the calendar.

Undo, rewind, load and branching are all replays of a (shorter or longer)
log; nothing is ever reversed in place. ``wargame.engine.game.Game`` wraps a log
and its replay for the callers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import attrs

from wargame.engine import fast, rules
from wargame.engine.setup import PolicySpec
from wargame.engine.state import LogEntry, NewsItem, State, Waiting
from wargame.errors import GameError, LogError
from wargame.scenario.model import STANDARD_POLICY, Ending, Option, Policy, Scenario, Turn


@attrs.frozen
class Outcome:
    """Everything a replay of a log produced."""

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


def resolve_policy(scenario: Scenario, spec: PolicySpec | None, actor: str) -> Policy:
    """The doctrine an AI actor plays under."""
    if spec is None:
        ident = "standard"
    elif isinstance(spec, str):
        ident = spec
    else:
        ident = spec.get(actor, "standard")
    policy = scenario.policy_by_id.get(ident)
    if policy is None:
        if ident == "standard":
            return STANDARD_POLICY
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




def _precheck(scenario: Scenario, log: tuple[LogEntry, ...]) -> None:
    for i, entry in enumerate(log):
        if entry.turn not in scenario.turn_by_id:
            raise LogError(i, entry.turn, f"unknown turn '{entry.turn}'")
        if entry.inject and entry.inject not in scenario.event_by_id:
            raise LogError(i, entry.turn, f"unknown event '{entry.inject}'")
        if entry.adjust:
            if entry.adjust not in scenario.bounds:
                raise LogError(i, entry.turn, f"unknown indicator or track '{entry.adjust}'")
            if not math.isfinite(entry.by):
                raise LogError(i, entry.turn, "`by` must be a finite number")
        if not entry.is_facilitator:
            if entry.actor not in scenario.actor_by_id:
                raise LogError(i, entry.turn, f"unknown actor '{entry.actor}'")
            if not entry.passed and entry.option not in scenario.option_by_id:
                raise LogError(i, entry.turn, f"unknown option '{entry.option}'")


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
            if entry.inject:
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

    def decision(self, state: State, turn: Turn, actor: str,
                 options: tuple[Option, ...]) -> tuple[bool, Option | None, str]:
        """(decided, option or None for a pass, note); decided is False to wait."""
        human = actor in self.seats and not self.auto
        if self.pos < len(self.log):
            entry = self.log[self.pos]
            if entry.turn == turn.id and entry.actor == actor:
                index = self.pos
                self.pos += 1
                self.full.append(entry)
                if entry.passed:
                    if human and options:
                        raise LogError(index, entry.turn,
                                       f"'{actor}' may not pass while options are available")
                    return True, None, entry.note
                option = self.sc.option_by_id[entry.option]
                if option not in options:
                    raise LogError(index, entry.turn, unavailable_reason(
                        self.sc, state, turn, actor, entry.option))
                return True, option, entry.note
            if human:
                raise LogError(self.pos, entry.turn,
                               f"expected a decision of '{actor}' in turn '{turn.id}' "
                               f"before this entry")
        elif human and options:
            self.waiting = Waiting(turn.id, actor, options)
            return False, None, ""
        pick = rules.ai_choose(options, state, self.policies[actor], self.seed, turn, actor)
        self.full.append(LogEntry(turn.id, actor, pick.id if pick else "",
                                  passed=pick is None))
        return True, pick, ""

    def pass_news(self, turn: Turn, actor: str, note: str) -> None:
        if self.record:
            name = self.sc.actor_by_id[actor].name
            self.news.append(NewsItem(turn.id, "pass", actor, f"{name} passes", "", actor,
                                      (), note, actor not in self.seats or self.auto))

    def play_turn(self, state: State, turn: Turn) -> tuple[State, bool]:
        """Play one turn's decisions; False when the game must wait for a seat."""
        opening = state
        picks: list[tuple[str, Option | None, str]] = []
        for actor in turn.actors:
            state = self.facilitator(state, turn)
            basis = opening if turn.simultaneous else state
            options = rules.available(self.sc, basis, turn, actor)
            decided, option, note = self.decision(basis, turn, actor, options)
            if not decided:
                return state, False
            if turn.simultaneous:
                picks.append((actor, option, note))
            else:
                state = self.apply(state, turn, actor, option, note)
        for actor, option, note in picks:
            state = self.apply(state, turn, actor, option, note)
        return self.facilitator(state, turn), True

    def apply(self, state: State, turn: Turn, actor: str, option: Option | None,
              note: str) -> State:
        if option is None:
            self.pass_news(turn, actor, note)
            return state
        by_ai = actor not in self.seats or self.auto
        state, item = rules.choose(self.sc, state, turn, option, note, by_ai)
        if self.record:
            self.news.append(item)
        return state

    def run(self) -> Outcome:
        sc = self.sc
        state = rules.initial_state(sc)
        history: list[tuple[str, Mapping[str, float]]] = [("start", state.values)]
        ending = None
        last = len(sc.turns)
        for turn in sc.turns:
            state = attrs.evolve(state, turn=turn.index)
            state, items = rules.run_events(sc, state, turn, "start", self.seed, self.record)
            self.news.extend(items)
            state, finished = self.play_turn(state, turn)
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
                       rules.scores(sc, state) if ending else {})


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


def autoplay(scenario: Scenario, seed: int, policy: PolicySpec | None) -> Outcome:
    """A whole game with the AI on every seat, by the fast path: no news, the same game."""
    policies = {a.id: resolve_policy(scenario, policy, a.id) for a in scenario.actors}
    state, full, history, ending = fast.autoplay(scenario, seed, policies)
    return Outcome(state, full, (), history, None, ending,
                   rules.scores(scenario, state) if ending else {})
