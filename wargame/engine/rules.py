"""The rules of one turn, as pure functions: a state in, a new state and news out.

Nothing here knows about logs, seats or files; ``wargame.engine.replay`` drives these
functions through a log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, TypeVar

from wargame.engine.rng import draw
from wargame.engine.state import Cause, Change, Draw, NewsItem, State
from wargame.scenario.model import Ending, Event, Option, Package, Policy, Scenario, Turn

if TYPE_CHECKING:
    from wargame.scenario.model import Amount

T = TypeVar("T")


def initial_state(scenario: Scenario) -> State:
    values = {i.id: i.start for i in scenario.indicators}
    values.update({t.id: t.start for t in scenario.tracks})
    return State(values=values)


def with_values(state: State, values: Mapping[str, float], *,
                chosen: frozenset[str] | None = None,
                fired: frozenset[str] | None = None) -> State:
    """``state`` with new values (and choices or events), the rest as it was."""
    return State(values, state.turn, state.chosen if chosen is None else chosen,
                 state.fired if fired is None else fired, state.ending, state.offered,
                 state.signed, state.breached)


def amounts(effects: Iterable[tuple[str, Amount]], state: State) -> list[tuple[str, float]]:
    """An effects table's amounts, every expression evaluated on ``state``."""
    return [(t, float(a) if isinstance(a, (int, float)) else float(a(state)))
            for t, a in effects]


def apply_effects(scenario: Scenario, state: State, effects: Iterable[tuple[str, Amount]],
                  cause: Cause) -> tuple[dict[str, float], tuple[Change, ...]]:
    """New values after adding each effect, clamped; and the changes it made.

    Every amount is evaluated on ``state`` (the state just before the table
    applies), then added in the table's order, each clamped, none rounded.
    """
    values = dict(state.values)
    changes = []
    bounds = scenario.bounds
    for target, amount in amounts(effects, state):
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


def weigh(option: Option | Package, state: State, policy: Policy) -> float:
    """An AI's weight for an option or a package: its expression times the doctrine's
    multiplier of its kind."""
    base = 1.0 if option.weight is None else option.weight(state)
    return max(0.0, base) * policy.multiplier(option.kind)


def ai_choose(options: Sequence[Option | Package], state: State, policy: Policy, seed: int,
              turn: Turn, actor: str) -> tuple[Option | Package | None, Draw]:
    """Draw one option or package by weight (options in file order, then packages in
    file order); None when everything weighs nothing. The Draw says why."""
    weights = [weigh(o, state, policy) for o in options]
    pick = weighted_pick(options, weights, lambda: draw(seed, turn.id, "decide", actor))
    total = sum(weights)
    weight = next((w for o, w in zip(options, weights, strict=True) if o is pick), 0.0)
    return pick, Draw(policy.id, weight, total, len(options))


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
    values, changes = apply_effects(scenario, state, option.effects,
                                    Cause("option", option.id))
    new = with_values(state, values, chosen=state.chosen | {option.id})
    news = NewsItem(turn.id, "decision", option.id, option.title, option.text,
                    option.actor, changes, note, by_ai)
    return new, news


def fire(scenario: Scenario, state: State, turn: Turn, event: Event,
         kind: Literal["event", "inject"] = "event", note: str = "") -> tuple[State, NewsItem]:
    """Apply an event's effects and mark it fired (``inject``: the white cell fired it)."""
    values, changes = apply_effects(scenario, state, event.effects, Cause(kind, event.id))
    new = with_values(state, values, fired=state.fired | {event.id})
    news = NewsItem(turn.id, kind, event.id, event.title, event.text, "", changes, note,
                    at=event.at)
    return new, news


def adjust(scenario: Scenario, state: State, turn: Turn, target: str, by: float,
           note: str = "") -> tuple[State, NewsItem]:
    """A facilitator moves one indicator or track by an amount."""
    values, changes = apply_effects(scenario, state, ((target, by),),
                                    Cause("adjust", target))
    new = with_values(state, values)
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
