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
from typing import TYPE_CHECKING, Any

import attrs

from wargame.engine.rng import draw_key, key_suffix
from wargame.engine.rules import check_endings, initial_state, weighted_pick
from wargame.engine.state import LogEntry, State
from wargame.scenario.model import Ending, Option, Package, Policy, Scenario, Turn

if TYPE_CHECKING:
    from wargame.expr.face import Expr
    from wargame.scenario.model import Amount


class _Ctx:
    """What expressions read, mutated in place during one fast game."""

    __slots__ = ("values", "turn", "chosen", "fired", "offered", "signed", "breached")

    def __init__(self, values: dict[str, float]):
        self.values = values
        self.turn = 0
        self.chosen: set[str] = set()
        self.fired: set[str] = set()
        self.offered: set[str] = set()
        self.signed: set[str] = set()
        self.breached: set[str] = set()


class _Amounts(tuple):  # type: ignore[type-arg]
    """Effects of which an amount is an expression: (target, amount, expression or None,
    low, high) per effect, every amount worked out on the state before the table applies."""


_Effects = tuple[tuple[str, float, float, float], ...]
"""(target, amount, low, high) per effect: the clamp range resolved once; or, when an
amount is an expression, ``_Amounts`` (the rare case pays for the check, not the rest)."""
_FastEvent = tuple[str, bool, Any, float, bytes, _Effects]
"""(id, once, when, chance, draw key after the seed, effects)."""
_FastTerm = tuple[str, Any, _Effects, _Effects]
"""(id, when, progress, effects: what signing it applies, in that order)."""
_FastBreach = tuple[str, _Effects]
"""(term id, breach effects)."""
_FastOption = tuple[str, bool, Any, Any, float, _Effects, LogEntry, tuple[_FastBreach, ...]]
"""(id, not repeatable, when, weight, doctrine multiplier, effects, log line of picking it,
the terms it breaks once signed)."""
_FastPackage = tuple[str, Any, Any, float, tuple[_FastTerm, ...], tuple[Any, ...], float,
                     LogEntry, LogEntry]
"""(id, when, weight, multiplier, terms, each term's worth to the answerer (a number or an
expression), the answerer's threshold, log line if accepted, log line if rejected)."""
_FastSeat = tuple[tuple[_FastOption, ...], tuple[_FastPackage, ...], bytes, LogEntry]
"""(options offered, packages it may offer, draw key after the seed, log line of passing)."""
_FastTurn = tuple[Turn, tuple[_FastEvent, ...], tuple[_FastEvent, ...], tuple[_FastSeat, ...]]


def _effects(scenario: Scenario, effects: Iterable[tuple[str, Amount]]) -> _Effects:
    effects = tuple(effects)
    plain = [(t, a) for t, a in effects if isinstance(a, (int, float))]
    if len(plain) == len(effects):
        return tuple((t, a, *scenario.bounds[t]) for t, a in plain)
    return _Amounts((t, a, None, *scenario.bounds[t]) if isinstance(a, (int, float))
                    else (t, 0.0, a.fn, *scenario.bounds[t]) for t, a in effects)


def _weight(weight: Expr | None, mult: float) -> tuple[Any, float]:
    """(expression or None, multiplier): a constant weight (most are) weighed once, as
    ``weigh`` would each time."""
    tree = weight.tree if weight is not None else None
    if weight is None or (tree is not None and tree.kind == "const"):
        base = 1.0 if weight is None or tree is None else float(tree.arg)
        return None, (base if base > 0.0 else 0.0) * mult
    return weight.fn, mult


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
         tuple(_fast_package(scenario, turn, p, policies)
               for p in scenario.packages if _may_offer(scenario, turn, actor, p)),
         key_suffix(turn.id, "decide", actor), LogEntry(turn.id, actor, "", passed=True))
        for actor in turn.actors)
    return turn, events("start"), events("end"), seats


def _fast_option(scenario: Scenario, turn: Turn, o: Option, policy: Policy) -> _FastOption:
    weight, mult = _weight(o.weight, policy.multiplier(o.kind))
    breaks = tuple((t.id, _effects(scenario, t.breach_effects)) for t in scenario.terms
                   if o.id in t.breach and t.by == o.actor)
    return (o.id, not o.repeatable, o.when.fn if o.when else None, weight, mult,
            _effects(scenario, o.effects), LogEntry(turn.id, o.actor, o.id), breaks)


def _may_offer(scenario: Scenario, turn: Turn, actor: str, p: Package) -> bool:
    """Whether ``actor`` may ever offer ``p`` in ``turn``: all but what the state decides."""
    if p.offerer != actor or (p.turns is not None and turn.id not in p.turns):
        return False
    for term in (scenario.term_by_id[t] for t in p.terms):
        parties = scenario.track_by_id[term.track].parties
        if (term.track not in turn.negotiate or p.offerer not in parties
                or p.answerer not in parties or term.by not in (p.offerer, p.answerer)):
            return False
    return True


def _fast_package(scenario: Scenario, turn: Turn, p: Package,
                  policies: Mapping[str, Policy]) -> _FastPackage:
    weight, mult = _weight(p.weight, policies[p.offerer].multiplier(p.kind))
    terms = tuple(scenario.term_by_id[t] for t in p.terms)
    signing = tuple(
        (t.id, t.when.fn if t.when else None,
         _effects(scenario, ((t.track, t.progress),)), _effects(scenario, t.effects))
        for t in terms)
    worths = tuple(w if isinstance(w, (int, float)) else w.fn
                   for w in (t.worth_to(p.answerer) for t in terms))
    entry = LogEntry(turn.id, p.offerer, package=p.id, to=p.answerer)
    return (p.id, p.when.fn if p.when else None, weight, mult, signing, worths,
            policies[p.answerer].accept, attrs.evolve(entry, answer="accept"),
            attrs.evolve(entry, answer="reject"))


def _plan(scenario: Scenario, policies: Mapping[str, Policy]) -> tuple[_FastTurn, ...]:
    """The scenario's turns worked out for the fast path, once per scenario and doctrines."""
    key = ("engine.plan", tuple(policies[a.id] for a in scenario.actors))
    return scenario.derived(
        key, lambda: tuple(_fast_turn(scenario, t, policies) for t in scenario.turns))


def _apply(values: dict[str, float], effects: _Effects, ctx: _Ctx) -> None:
    if effects.__class__ is _Amounts:  # every amount on the state before the table
        effects = tuple((t, a if fn is None else float(fn(ctx)), low, high)
                        for t, a, fn, low, high in effects)
    for target, amount, low, high in effects:
        before = values[target]
        after = before + amount
        after = low if after < low else high if after > high else after
        if after != before:  # as apply_effects: a -0.0 start stays -0.0
            values[target] = after


def _events(ctx: _Ctx, events: tuple[_FastEvent, ...], seed: bytes) -> None:
    fired, values = ctx.fired, ctx.values
    for ident, once, when, chance, key, effects in events:
        if once and ident in fired:
            continue
        if when is not None and not when(ctx):
            continue
        if chance < 1.0 and draw_key(seed + key) >= chance:
            continue
        _apply(values, effects, ctx)
        fired.add(ident)


def _weigh(weight: Any, mult: float, ctx: _Ctx) -> float:
    if weight is None:
        return mult  # no weight, or a constant one: weighed in the plan
    base = weight(ctx)  # max(0.0, base) spelled out: the same for nan and -0.0
    return (base if base > 0.0 else 0.0) * mult


def _pick(ctx: _Ctx, options: tuple[_FastOption, ...], packages: tuple[_FastPackage, ...],
          key: bytes) -> _FastOption | _FastPackage | None:
    """An AI's choice, as ``available`` then ``ai_choose`` would make it."""
    chosen = ctx.chosen
    opts: list[Any] = []
    weights: list[float] = []
    for o in options:
        ident, once, when, weight, mult, _, _, _ = o
        if once and ident in chosen:
            continue
        if when is not None and not when(ctx):
            continue
        if weight is None:  # _weigh, spelled out: this loop is the fast path's hottest
            weights.append(mult)
        else:
            base = weight(ctx)
            weights.append((base if base > 0.0 else 0.0) * mult)
        opts.append(o)
    for p in packages:
        _, when, weight, mult, terms, _, _, _, _ = p
        if (when is None or when(ctx)) and _terms_open(ctx, terms):
            weights.append(_weigh(weight, mult, ctx))
            opts.append(p)
    return weighted_pick(opts, weights, lambda: draw_key(key))


def _terms_open(ctx: _Ctx, terms: tuple[_FastTerm, ...]) -> bool:
    """Whether a package's terms may be offered: none signed or broken, each one's
    condition met (the package's own is checked before)."""
    signed, breached = ctx.signed, ctx.breached
    for ident, term_when, _, _ in terms:
        if ident in signed or ident in breached:
            return False
        if term_when is not None and not term_when(ctx):
            return False
    return True


def _offer(ctx: _Ctx, package: _FastPackage, log: list[LogEntry]) -> None:
    """An AI's package to an AI answerer: offered, valued, and signed if accepted."""
    _, _, _, _, terms, worths, threshold, accepted, rejected = package
    ctx.offered.update(ident for ident, _, _, _ in terms)
    value = sum(w if isinstance(w, float) else float(w(ctx)) for w in worths)
    if not value >= threshold:  # as Valuation.accepted, nan included
        log.append(rejected)
        return
    log.append(accepted)
    for ident, _, progress, effects in terms:
        _apply(ctx.values, progress, ctx)
        _apply(ctx.values, effects, ctx)
        ctx.signed.add(ident)


def _breach(ctx: _Ctx, breaks: tuple[_FastBreach, ...]) -> None:
    """The breach effects of each signed term that a chosen option breaks."""
    for ident, effects in breaks:
        if ident in ctx.signed:
            _apply(ctx.values, effects, ctx)
            ctx.signed.discard(ident)
            ctx.breached.add(ident)


def _decide(ctx: _Ctx, seats: tuple[_FastSeat, ...], simultaneous: bool, seed: bytes,
            log: list[LogEntry]) -> None:
    values, chosen = ctx.values, ctx.chosen
    picks: list[_FastOption] = []
    for options, packages, key, passed in seats:
        pick = _pick(ctx, options, packages, seed + key)
        if pick is None:
            log.append(passed)
        elif len(pick) == 9:  # a package
            _offer(ctx, pick, log)  # type: ignore[arg-type]
        elif simultaneous:  # every seat decides on the opening state
            _, _, _, _, _, _, entry, _ = pick  # type: ignore[misc]
            log.append(entry)
            picks.append(pick)  # type: ignore[arg-type]
        else:  # an option's effects, then the terms it breaks (spelled out: the hot path)
            ident, _, _, _, _, effects, entry, breaks = pick  # type: ignore[misc]
            log.append(entry)
            _apply(values, effects, ctx)
            chosen.add(ident)
            if breaks and ctx.signed:
                _breach(ctx, breaks)
    for ident, _, _, _, _, effects, _, breaks in picks:
        _apply(values, effects, ctx)
        chosen.add(ident)
        if breaks and ctx.signed:
            _breach(ctx, breaks)


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
    last, _, _, _ = plan[-1]
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
                  ending.id if ending else None, frozenset(ctx.offered),
                  frozenset(ctx.signed), frozenset(ctx.breached))
    return state, tuple(log), tuple(history), ending
