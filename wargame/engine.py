"""The rules of one turn, as pure functions: a state in, a new state and news out.

Nothing here knows about logs, seats or files; ``wargame.replay`` drives these
functions through a log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from hashlib import blake2b
from typing import Any, TypeVar

from wargame.model import Ending, Event, Option, Policy, Scenario, Turn
from wargame.rng import _SCALE, draw
from wargame.state import Change, LogEntry, NewsItem, State

T = TypeVar("T")


def initial_state(scenario: Scenario) -> State:
    values = {i.id: i.start for i in scenario.indicators}
    values.update({t.id: t.start for t in scenario.tracks})
    return State(values=values)


def apply_effects(scenario: Scenario, state: State, effects: Iterable[tuple[str, float]],
                  cause: str) -> tuple[dict[str, float], tuple[Change, ...]]:
    """New values after adding each effect, clamped; and the changes it made."""
    values = dict(state.values)
    changes = []
    bounds = scenario.bounds
    for target, amount in effects:
        before = values[target]
        low, high = bounds[target]
        after = before + amount
        after = low if after < low else high if after > high else after
        if after != before:
            values[target] = after
            changes.append(Change(target, before, after, cause))
    return values, tuple(changes)


_Index = tuple[dict[tuple[str, str], tuple[Option, ...]], dict[tuple[str, str], tuple[Event, ...]]]


def _index(scenario: Scenario) -> _Index:
    """Options per (actor, turn) and events per (turn, phase), in file order, once per scenario.

    So a turn costs what it offers and checks, not what the whole file holds.
    """
    def build() -> _Index:
        offers = {(a, t.id): scenario.options_for(a, t.id)
                  for t in scenario.turns for a in t.actors}
        events = {(t.id, at): tuple(e for e in scenario.events if e.at == at
                                    and (e.turns is None or t.id in e.turns))
                  for t in scenario.turns for at in ("start", "end")}
        return offers, events

    return scenario.derived("engine.index", build)


def available(scenario: Scenario, state: State, turn: Turn, actor: str) -> tuple[Option, ...]:
    """Options an actor may choose now, in file order."""
    out = []
    offers = _index(scenario)[0].get((actor, turn.id))
    for option in offers if offers is not None else scenario.options_for(actor, turn.id):
        if not option.repeatable and option.id in state.chosen:
            continue
        if option.when is not None and not option.when(state):
            continue
        out.append(option)
    return tuple(out)


def weigh(option: Option, state: State, policy: Policy) -> float:
    """An AI's weight for an option: its expression times the doctrine's multiplier."""
    base = 1.0 if option.weight is None else option.weight(state)
    return max(0.0, base) * policy.multiplier(option.kind)


def ai_choose(options: tuple[Option, ...], state: State, policy: Policy, seed: int,
              turn: Turn, actor: str) -> Option | None:
    """Draw one option by weight; None when every option weighs nothing."""
    weights = [weigh(o, state, policy) for o in options]
    return weighted_pick(options, weights, lambda: draw(seed, turn.id, "decide", actor))


def weighted_pick(items: Sequence[T], weights: Sequence[float],
                  uniform: Callable[[], float]) -> T | None:
    """One item drawn by weight (``uniform`` is called only when there is a choice).

    Both the step-by-step path and the fast path pick through here, so the two
    can never draw differently.
    """
    total = sum(weights)
    if total <= 0:
        return None
    if len(items) == 1:
        return items[0]
    target = uniform() * total
    running = 0.0
    for item, weight in zip(items, weights, strict=True):
        running += weight
        if target < running and weight > 0:
            return item
    # Rounding can leave the target just past the sum: take the last that weighs.
    return next(i for i, w in zip(reversed(items), reversed(weights), strict=True) if w > 0)


def choose(scenario: Scenario, state: State, turn: Turn, option: Option, note: str = "",
           by_ai: bool = False) -> tuple[State, NewsItem]:
    """Apply an option's effects and mark it chosen."""
    values, changes = apply_effects(scenario, state, option.effects, f"option:{option.id}")
    new = State(values, state.turn, state.chosen | {option.id}, state.fired, state.ending)
    news = NewsItem(turn.id, "decision", option.id, option.title, option.text,
                    option.actor, changes, note, by_ai)
    return new, news


def fire(scenario: Scenario, state: State, turn: Turn, event: Event, cause: str = "event",
         note: str = "") -> tuple[State, NewsItem]:
    """Apply an event's effects and mark it fired."""
    values, changes = apply_effects(scenario, state, event.effects, f"{cause}:{event.id}")
    new = State(values, state.turn, state.chosen, state.fired | {event.id}, state.ending)
    kind = "inject" if cause == "inject" else "event"
    news = NewsItem(turn.id, kind, event.id, event.title, event.text, "", changes, note,
                    at=event.at)
    return new, news


def adjust(scenario: Scenario, state: State, turn: Turn, target: str, by: float,
           note: str = "") -> tuple[State, NewsItem]:
    """A facilitator moves one indicator or track by an amount."""
    values, changes = apply_effects(scenario, state, ((target, by),), "facilitator")
    new = State(values, state.turn, state.chosen, state.fired, state.ending)
    sign = "+" if by >= 0 else ""
    title = f"White cell adjusts {scenario.name_of(target)} by {sign}{by:g}"
    return new, NewsItem(turn.id, "adjust", target, title, note, "", changes, note)


def run_events(scenario: Scenario, state: State, turn: Turn, at: str, seed: int,
               record: bool = True) -> tuple[State, list[NewsItem]]:
    """Every event of one phase, in file order; each sees the effects of the last."""
    news: list[NewsItem] = []
    for event in _index(scenario)[1].get((turn.id, at), ()):
        if event.once and event.id in state.fired:
            continue
        if event.when is not None and not event.when(state):
            continue
        if event.chance < 1.0 and draw(seed, turn.id, "event", event.id) >= event.chance:
            continue
        state, item = fire(scenario, state, turn, event)
        if record:
            news.append(item)
    return state, news


def check_endings(scenario: Scenario, state: State, last_turn: bool) -> Ending | None:
    """The first ending whose condition holds; final ones only after the last turn."""
    for ending in scenario.endings:
        if not ending.final and ending.when is not None and ending.when(state):
            return ending
    if last_turn:
        for ending in scenario.endings:
            if ending.final and (ending.when is None or ending.when(state)):
                return ending
    return None


def scores(scenario: Scenario, state: State) -> dict[str, float]:
    """Objective points per actor on a state (scored when the game ends)."""
    having = {o.actor for o in scenario.objectives}
    out = {a.id: 0.0 for a in scenario.actors if a.id in having}
    for objective in scenario.objectives:
        if objective.when(state):
            out[objective.actor] = out.get(objective.actor, 0.0) + objective.points
    return out


def objectives_met(scenario: Scenario, state: State) -> Mapping[str, bool]:
    return {o.id: bool(o.when(state)) for o in scenario.objectives}


# -- the fast path: whole AI games, no news ------------------------------------
#
# Simulations play tens of thousands of games. The functions above build a new
# State, Change and NewsItem for every step; this path plays the same rules on
# one mutable context, with the per-(turn, actor) option lists, per-(turn,
# phase) event lists, doctrine multipliers and draw keys worked out once per
# scenario and doctrine. Plain tuples, unpacked in the loops, because reading
# attributes costs more. Its results equal the step-by-step path's
# (tests/unit/test_simulate.py, tests/property/test_simulate_properties.py).

class _Ctx:
    """What expressions read, mutated in place during one fast game."""

    __slots__ = ("values", "turn", "chosen", "fired")

    def __init__(self, values: dict[str, float]):
        self.values = values
        self.turn = 0
        self.chosen: set[str] = set()
        self.fired: set[str] = set()


_Effects = tuple[tuple[str, float, float, float], ...]
"""(target, amount, low, high) per effect: the clamp range resolved once."""
_FastEvent = tuple[str, bool, Any, float, bytes, _Effects]
"""(id, once, when, chance, draw key after the seed, effects)."""
_FastOption = tuple[str, bool, Any, Any, float, _Effects, LogEntry]
"""(id, not repeatable, when, weight, doctrine multiplier, effects, log line of picking it)."""
_FastSeat = tuple[tuple[_FastOption, ...], bytes, LogEntry]
"""(options offered, draw key after the seed, log line of passing)."""
_FastTurn = tuple[Turn, tuple[_FastEvent, ...], tuple[_FastEvent, ...], tuple[_FastSeat, ...]]


def _key(turn: str, purpose: str, ident: str) -> bytes:
    return f"\x1f{turn}\x1f{purpose}\x1f{ident}".encode()


def _effects(scenario: Scenario, effects: Iterable[tuple[str, float]]) -> _Effects:
    return tuple((t, a, *scenario.bounds[t]) for t, a in effects)


def _fast_turn(scenario: Scenario, turn: Turn, policies: Mapping[str, Policy]) -> _FastTurn:
    def events(at: str) -> tuple[_FastEvent, ...]:
        return tuple(
            (e.id, e.once, e.when.fn if e.when else None, e.chance,
             _key(turn.id, "event", e.id), _effects(scenario, e.effects))
            for e in scenario.events
            if e.at == at and (e.turns is None or turn.id in e.turns))

    seats = tuple(
        (tuple(_fast_option(scenario, turn, o, policies[actor])
               for o in scenario.options_for(actor, turn.id)),
         _key(turn.id, "decide", actor), LogEntry(turn.id, actor, "", passed=True))
        for actor in turn.actors)
    return turn, events("start"), events("end"), seats


def _fast_option(scenario: Scenario, turn: Turn, o: Option, policy: Policy) -> _FastOption:
    weight, mult = o.weight, policy.multiplier(o.kind)
    tree = weight.tree if weight is not None else None
    if tree is not None and tree.kind == "const":
        # A constant weight (most are): weigh it once, as ``weigh`` would each time.
        base = float(tree.arg)
        weight, mult = None, (base if base > 0.0 else 0.0) * mult
    return (o.id, not o.repeatable, o.when.fn if o.when else None,
            weight.fn if weight is not None else None, mult,
            _effects(scenario, o.effects), LogEntry(turn.id, o.actor, o.id))


def _plan(scenario: Scenario, policies: Mapping[str, Policy]) -> tuple[_FastTurn, ...]:
    """The scenario's turns worked out for the fast path, once per scenario and doctrines."""
    key = ("engine.plan", tuple(policies[a.id] for a in scenario.actors))
    return scenario.derived(
        key, lambda: tuple(_fast_turn(scenario, t, policies) for t in scenario.turns))


def _apply(values: dict[str, float], effects: _Effects) -> None:
    for target, amount, low, high in effects:
        before = values[target]
        after = before + amount
        after = low if after < low else high if after > high else after
        if after != before:  # as apply_effects: a -0.0 start stays -0.0
            values[target] = after


def _events(ctx: _Ctx, events: tuple[_FastEvent, ...], seed: bytes) -> None:
    fired = ctx.fired
    for ident, once, when, chance, key, effects in events:
        if once and ident in fired:
            continue
        if when is not None and not when(ctx):
            continue
        if chance < 1.0 and _draw(seed + key) >= chance:
            continue
        _apply(ctx.values, effects)
        fired.add(ident)


def _draw(key: bytes) -> float:
    """rng.draw on a key already spelled out."""
    return int.from_bytes(blake2b(key, digest_size=8).digest(), "big") * _SCALE


def _pick(ctx: _Ctx, options: tuple[_FastOption, ...], key: bytes) -> _FastOption | None:
    """An AI's choice, as ``available`` then ``ai_choose`` would make it."""
    chosen = ctx.chosen
    opts: list[_FastOption] = []
    weights: list[float] = []
    for o in options:
        ident, once, when, weight, mult, _, _ = o
        if once and ident in chosen:
            continue
        if when is not None and not when(ctx):
            continue
        if weight is None:
            weights.append(mult)  # no weight, or a constant one: weighed in the plan
        else:
            base = weight(ctx)  # max(0.0, base) spelled out: the same for nan and -0.0
            weights.append((base if base > 0.0 else 0.0) * mult)
        opts.append(o)
    return weighted_pick(opts, weights, lambda: _draw(key))


def _decide(ctx: _Ctx, seats: tuple[_FastSeat, ...], simultaneous: bool, seed: bytes,
            log: list[LogEntry]) -> None:
    values, chosen = ctx.values, ctx.chosen
    picks = []
    for options, key, passed in seats:
        pick = _pick(ctx, options, seed + key)
        if pick is None:
            log.append(passed)
        elif simultaneous:  # every seat decides on the opening state
            picks.append(pick)
            log.append(pick[6])
        else:
            _apply(values, pick[5])
            chosen.add(pick[0])
            log.append(pick[6])
    for pick in picks:
        _apply(values, pick[5])
        chosen.add(pick[0])


def autoplay(scenario: Scenario, seed: int, policies: Mapping[str, Policy]
             ) -> tuple[State, tuple[LogEntry, ...], tuple[tuple[str, Mapping[str, float]], ...],
                        Ending | None]:
    """A whole game with an AI on every seat: final state, log, history, ending."""
    values = dict(initial_state(scenario).values)
    history: list[tuple[str, Mapping[str, float]]] = [("start", dict(values))]
    ctx = _Ctx(values)
    key = f"{seed}".encode()
    log: list[LogEntry] = []
    ending = None
    plan = _plan(scenario, policies)
    last = plan[-1][0]
    for turn, start, end, seats in plan:
        ctx.turn = turn.index
        _events(ctx, start, key)
        _decide(ctx, seats, turn.simultaneous, key, log)
        _events(ctx, end, key)
        history.append((turn.id, dict(values)))
        ending = check_endings(scenario, ctx, turn is last)  # type: ignore[arg-type]
        if ending is not None:
            break
    state = State(dict(values), ctx.turn, frozenset(ctx.chosen), frozenset(ctx.fired),
                  ending.id if ending else None)
    return state, tuple(log), tuple(history), ending
