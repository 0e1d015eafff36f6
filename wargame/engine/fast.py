"""The fast path: whole AI games, no news.

Simulations play tens of thousands of games. The functions of ``rules`` build a new
State, Change and NewsItem for every step; this path plays the same rules on
one mutable context, with the per-(turn, actor) option lists, per-(turn,
phase) event lists, doctrine multipliers and draw keys worked out once per
scenario and doctrine. Plain tuples, unpacked in the loops, because reading
attributes costs more. Its results equal the step-by-step path's
(tests/unit/test_simulate.py, tests/property/test_simulate_properties.py).

A rule added to ``rules`` goes here too (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from wargame.engine.rng import draw_key, key_suffix
from wargame.engine.rules import check_endings, initial_state, weighted_pick
from wargame.engine.state import LogEntry, State
from wargame.scenario.model import Ending, Option, Policy, Scenario, Turn


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


def _effects(scenario: Scenario, effects: Iterable[tuple[str, float]]) -> _Effects:
    return tuple((t, a, *scenario.bounds[t]) for t, a in effects)


def _fast_turn(scenario: Scenario, turn: Turn, policies: Mapping[str, Policy]) -> _FastTurn:
    def events(at: str) -> tuple[_FastEvent, ...]:
        return tuple(
            (e.id, e.once, e.when.fn if e.when else None, e.chance,
             key_suffix(turn.id, "event", e.id), _effects(scenario, e.effects))
            for e in scenario.events
            if e.at == at and (e.turns is None or turn.id in e.turns))

    seats = tuple(
        (tuple(_fast_option(scenario, turn, o, policies[actor])
               for o in scenario.options_for(actor, turn.id)),
         key_suffix(turn.id, "decide", actor), LogEntry(turn.id, actor, "", passed=True))
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
        if chance < 1.0 and draw_key(seed + key) >= chance:
            continue
        _apply(ctx.values, effects)
        fired.add(ident)


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
    return weighted_pick(opts, weights, lambda: draw_key(key))


def _decide(ctx: _Ctx, seats: tuple[_FastSeat, ...], simultaneous: bool, seed: bytes,
            log: list[LogEntry]) -> None:
    values, chosen = ctx.values, ctx.chosen
    picks: list[tuple[str, _Effects]] = []
    for options, key, passed in seats:
        pick = _pick(ctx, options, seed + key)
        if pick is None:
            log.append(passed)
            continue
        ident, _, _, _, _, effects, entry = pick
        log.append(entry)
        if simultaneous:  # every seat decides on the opening state
            picks.append((ident, effects))
        else:
            _apply(values, effects)
            chosen.add(ident)
    for ident, effects in picks:
        _apply(values, effects)
        chosen.add(ident)


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
