"""``wargame lint``: dead content a scenario's author would want to know about.

Static checks first (options whose turns never let their actor decide,
conditions that can never hold given every indicator's reachable range,
shadowed endings, unreachable track statuses, indicators nothing moves,
doctrines that add nothing), then a quick simulation for what no game
reached. The white cell can inject and adjust anything; the checks ask what
the scenario does on its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from wargame.analysis.interval import Bounds, possible, span
from wargame.analysis.offers import package_blocker, package_turns, term_turns
from wargame.errors import Problem
from wargame.expr.face import Expr
from wargame.scenario.model import KINDS, Option, Package, Scenario, Term

if TYPE_CHECKING:
    from wargame.scenario.model import Amount, Effects


@attrs.frozen
class Reach:
    """What the scenario's own effects allow: value ranges and dead content."""

    bounds: Bounds
    """(lowest, highest) each indicator and track can reach."""
    rise: dict[str, float]
    """Most each indicator or track can rise in a game, before clamping."""
    fall: dict[str, float]
    dead: frozenset[str] = frozenset()
    """Options never offered or available, events that never fire (ids are unique)."""


def _offered_turns(sc: Scenario, option: Option) -> list[int]:
    """Indexes of the turns in which the option's actor decides and it is offered."""
    return [t.index for t in sc.turns if option.actor in t.actors
            and (option.turns is None or t.id in option.turns)]


def _event_turns(sc: Scenario, turns: frozenset[str] | None) -> list[int]:
    return [t.index for t in sc.turns if turns is None or t.id in turns]


def _ranges(sc: Scenario, dead: frozenset[str]) -> Reach:
    """Every value's range if each live effect applied as often as it possibly could."""
    rise = {k: 0.0 for k in sc.bounds}
    fall = {k: 0.0 for k in sc.bounds}
    sources: list[tuple[int, Effects]] = []
    for o in sc.options:
        n = len(_offered_turns(sc, o)) if o.id not in dead else 0
        sources.append((min(n, 1) if not o.repeatable else n, o.effects))
    for e in sc.events:
        n = len(_event_turns(sc, e.turns)) if e.id not in dead else 0
        sources.append((min(n, 1) if e.once else n, e.effects))
    for t in sc.terms:  # a term is signed at most once, and broken at most once
        n = 0 if t.id in dead else 1
        broken = 0 if f"breach:{t.id}" in dead else n
        sources += [(n, ((t.track, t.progress), *t.effects)), (broken, t.breach_effects)]
    every = (1.0, float(len(sc.turns)))
    for n, effects in sources:
        for target, amount in effects if n else ():
            low, high = _amount_span(sc, amount, every)
            if high > 0:
                rise[target] += n * high
            if low < 0:
                fall[target] += n * low
    starts = {i.id: i.start for i in sc.indicators} | {t.id: t.start for t in sc.tracks}
    # A hair of slack: sums in another order may round the other way.
    bounds = {k: (max(lo, _nudge(starts[k] + fall[k], -1)), min(hi, _nudge(starts[k] + rise[k], 1)))
              for k, (lo, hi) in sc.bounds.items()}
    return Reach(bounds, rise, fall, dead)


def _amount_span(sc: Scenario, amount: Amount, turns: tuple[float, float],
                 bounds: Bounds | None = None) -> tuple[float, float]:
    """What an amount can be: itself, or an expression's range over ``bounds`` (by default
    every value's clamp range: sound whatever the game did before)."""
    if isinstance(amount, (int, float)):
        return float(amount), float(amount)
    if amount.tree is None:
        return -math.inf, math.inf
    return span(amount.tree, bounds or sc.bounds, turns, sc.track_statuses)


def _dead(sc: Scenario, r: Reach) -> frozenset[str]:
    out = set()
    for o in sc.options:
        turns = _offered_turns(sc, o)
        if not turns or _never(o.when, r, sc, turns):
            out.add(o.id)
    for e in sc.events:
        turns = _event_turns(sc, e.turns)
        if e.chance <= 0 or not turns or _never(e.when, r, sc, turns):
            out.add(e.id)
    for t in sc.terms:
        turns = term_turns(sc, t)
        if not turns or _never(t.when, r, sc, turns):
            out.add(t.id)
        elif not _breakable(sc, t, turns, out):
            out.add(f"breach:{t.id}")  # signed, perhaps, but never broken
    return frozenset(out)


def _breakable(sc: Scenario, term: Term, turns: list[int], dead: set[str]) -> list[str]:
    """The breach options its ``by`` can choose once the term could be signed."""
    first = min(turns)
    return [o for o in term.breach if o not in dead and o in sc.option_by_id
            and any(i >= first for i in _offered_turns(sc, sc.option_by_id[o]))]


def reach(sc: Scenario) -> Reach:
    """Value ranges and dead content, each narrowing the other until neither changes."""
    r = _ranges(sc, frozenset())
    for _ in range(len(sc.options) + len(sc.events) + 2 * len(sc.terms) + 1):
        # dead content only grows
        dead = _dead(sc, r)
        if dead == r.dead:
            break
        r = _ranges(sc, dead)
    return r


def _nudge(x: float, sign: int) -> float:
    return x + sign * 1e-9 * (1 + abs(x))


def _src(expr: Expr | None) -> str:
    """An expression's text on one line (a finding is one line)."""
    return " ".join(expr.source.split()) if expr is not None else ""


def _where(kind: str, index: int, ident: str, key: str = "") -> str:
    return f"{kind}[{index}] (id '{ident}')" + (f": {key}" if key else "")


def _never(expr: Expr | None, r: Reach, sc: Scenario, turns: list[int]) -> bool:
    """Whether a condition is false in every state the scenario can reach."""
    if expr is None or expr.tree is None or not turns:
        return False
    return possible(expr.tree, r.bounds, (min(turns), max(turns)), sc.track_statuses,
                    r.dead) == {False}


def check_options(sc: Scenario, r: Reach) -> Iterator[tuple[str, str]]:
    for i, o in enumerate(sc.options):
        deciding = [t.id for t in sc.turns if o.actor in t.actors]
        if not deciding:
            yield _where("options", i, o.id, "actor"), f"'{o.actor}' decides in no turn"
            continue
        if o.turns is not None:
            idle = sorted(o.turns - set(deciding), key=[t.id for t in sc.turns].index)
            if idle and len(idle) == len(o.turns):
                yield (_where("options", i, o.id, "turns"),
                       f"'{o.actor}' decides in none of these turns, so it is never offered")
                continue
            if idle:
                yield (_where("options", i, o.id, "turns"),
                       f"'{o.actor}' does not decide in {', '.join(repr(t) for t in idle)}")
        if _never(o.when, r, sc, _offered_turns(sc, o)):
            yield (_where("options", i, o.id, "when"),
                   f"can never be true in the turns it is offered (\"{_src(o.when)}\")")


def check_events(sc: Scenario, r: Reach) -> Iterator[tuple[str, str]]:
    for i, e in enumerate(sc.events):
        if e.chance <= 0:
            yield _where("events", i, e.id, "chance"), "chance is 0, so it never fires"
        elif e.when is not None and _never(e.when, r, sc, _event_turns(sc, e.turns)):
            yield (_where("events", i, e.id, "when"),
                   f"can never be true in its turns (\"{_src(e.when)}\")")


def check_endings(sc: Scenario, r: Reach) -> Iterator[tuple[str, str]]:
    every = [t.index for t in sc.turns]
    seen: dict[tuple[bool, str], str] = {}
    open_final = None
    for i, e in enumerate(sc.endings):
        where = _where("endings", i, e.id)
        if e.final and open_final is not None:
            yield where, f"never reached: the final ending '{open_final}' before it has no `when`"
            continue
        source = "".join(e.when.source.split()) if e.when else ""  # spacing aside
        # Endings that are not final are checked after the last turn too, before any final one.
        earlier = seen.get((False, source)) or (seen.get((True, source)) if e.final else None)
        if e.when is not None and earlier:
            yield (f"{where}: when", f"same condition as the ending '{earlier}' "
                   "before it, which is always checked first")
        elif e.when is not None and _never(e.when, r, sc,
                                           [every[-1]] if e.final else every):
            yield f"{where}: when", f"can never be true (\"{_src(e.when)}\")"
        seen.setdefault((e.final, source), e.id)
        if e.final and e.when is None:
            open_final = e.id


def check_tracks(sc: Scenario, r: Reach) -> Iterator[tuple[str, str]]:
    statuses = sc.track_statuses
    for i, t in enumerate(sc.tracks):
        low, high = r.bounds[t.id]
        for j, s in enumerate(statuses):
            top = statuses[j + 1].start if j + 1 < len(statuses) else math.inf
            if s.start > high:
                yield (_where("tracks", i, t.id),
                       f"can never reach status '{s.id}' (from {s.start:g}): start "
                       f"{t.start:g} plus every increase (+{r.rise[t.id]:g}) tops out at {high:g}")
            elif top <= low:
                yield (_where("tracks", i, t.id),
                       f"can never fall to status '{s.id}' (below {top:g}): start "
                       f"{t.start:g} minus every decrease ({r.fall[t.id]:g}) bottoms out at "
                       f"{low:g}")


def check_moved(sc: Scenario) -> Iterator[tuple[str, str]]:
    tables = [o.effects for o in sc.options] + [e.effects for e in sc.events]
    tables += [((t.track, t.progress), *t.effects, *t.breach_effects) for t in sc.terms]
    moved = {target for table in tables for target, amount in table if amount != 0}
    for i, ind in enumerate(sc.indicators):
        if ind.id not in moved:
            yield _where("indicators", i, ind.id), "no option or event changes it"
    for i, t in enumerate(sc.tracks):
        if t.id not in moved:
            yield _where("tracks", i, t.id), "no option or event changes it"


def check_policies(sc: Scenario) -> Iterator[tuple[str, str]]:
    seen: dict[tuple[float, ...], tuple[int, str]] = {}
    for i, p in enumerate(sc.policies):
        mults = tuple(p.multiplier(k) for k in KINDS)
        if not any(mults):
            yield (_where("policies", i, p.id),
                   "every multiplier is 0, so an AI under it always passes")
        elif mults in seen:
            j, other = seen[mults]
            yield (_where("policies", i, p.id),
                   f"same multipliers as policies[{j}] (id '{other}'): it plays the same")
        seen.setdefault(mults, (i, p.id))


def check_terms(sc: Scenario, r: Reach) -> Iterator[tuple[str, str]]:
    for i, t in enumerate(sc.terms):
        turns = term_turns(sc, t)
        if not turns:
            yield (_where("terms", i, t.id, "track"),
                   f"can never be offered: track '{t.track}' is open in no turn in which one "
                   "of its parties decides with another party to answer")
        elif _never(t.when, r, sc, turns):
            yield (_where("terms", i, t.id, "when"),
                   f"can never be true in the turns it could be offered (\"{_src(t.when)}\")")
        else:
            live = _breakable(sc, t, turns, set(r.dead))
            for option in t.breach:
                if option not in live:
                    yield (_where("terms", i, t.id, "breach"),
                           f"'{option}' can never be chosen by '{t.by}' once the term could "
                           "be signed")


def check_packages(sc: Scenario, r: Reach) -> Iterator[tuple[str, str]]:
    for i, p in enumerate(sc.packages):
        blocked = package_blocker(sc, p)
        dead = [t for t in p.terms if t in r.dead]
        turns = package_turns(sc, p)
        if blocked or dead:
            why = blocked or f"its term '{dead[0]}' can never be offered"
            yield _where("packages", i, p.id), f"can never be offered: {why}"
        elif _never(p.when, r, sc, turns):
            yield (_where("packages", i, p.id, "when"),
                   f"can never be true in the turns it could be offered (\"{_src(p.when)}\")")
        else:
            yield from _refused(sc, r, i, p, turns)


def _refused(sc: Scenario, r: Reach, i: int, p: Package,
             turns: list[int]) -> Iterator[tuple[str, str]]:
    """A package whose value to its answerer is below every AI doctrine's threshold."""
    every = (float(min(turns)), float(max(turns)))
    high = sum(_amount_span(sc, sc.term_by_id[t].worth_to(p.answerer), every, r.bounds)[1]
               for t in p.terms)
    thresholds = [d.accept for d in sc.doctrines]
    if "standard" not in sc.policy_by_id:
        thresholds.append(0.0)  # the standard doctrine exists unless the file redefines it
    lowest = min(thresholds)
    if high < lowest:
        yield (_where("packages", i, p.id),
               f"no AI doctrine of '{p.answerer}' would ever accept it: its value to "
               f"'{p.answerer}' is at most {high:g}, below every threshold (the lowest is "
               f"{lowest:g})")


def check_objectives(sc: Scenario, r: Reach) -> Iterator[tuple[str, str]]:
    every = [t.index for t in sc.turns]
    for i, o in enumerate(sc.objectives):
        if _never(o.when, r, sc, every):
            yield (_where("objectives", i, o.id, "when"),
                   f"can never be met (\"{_src(o.when)}\")")


def static_findings(sc: Scenario) -> list[tuple[str, str]]:
    """(where, message) for every static finding, in file order of the arrays."""
    r = reach(sc)
    return [*check_options(sc, r), *check_events(sc, r), *check_endings(sc, r),
            *check_tracks(sc, r), *check_moved(sc), *check_policies(sc),
            *check_objectives(sc, r), *check_terms(sc, r), *check_packages(sc, r)]


def simulated_findings(sc: Scenario, runs: int, known: set[str]) -> list[tuple[str, str]]:
    """What no game reached in ``runs`` games, shared out over every doctrine."""
    from wargame.analysis.simulate import run_games

    doctrines = sc.doctrines
    games = []
    for k, p in enumerate(doctrines):
        share = runs // len(doctrines) + (1 if k < runs % len(doctrines) else 0)
        games += run_games(sc, share, sc.seed + k * runs, p.id)
    fired = set().union(*(g.fired for g in games))
    chosen = {o for g in games for o in g.chosen}
    ended = {g.ending for g in games}
    offered = {p for g in games for p, _, _ in g.offers}
    signed = set().union(*(g.signed | g.breached for g in games))
    how = f"in {runs} simulated games (AI on every seat, every doctrine)"
    out = []
    for kind, ids, hit, verb in (("options", [o.id for o in sc.options], chosen, "never chosen"),
                                 ("events", [e.id for e in sc.events], fired, "never fired"),
                                 ("endings", [e.id for e in sc.endings], ended, "never reached"),
                                 ("packages", [p.id for p in sc.packages], offered,
                                  "never offered"),
                                 ("terms", [t.id for t in sc.terms], signed, "never signed")):
        for i, ident in enumerate(ids):
            where = _where(kind, i, ident)
            if ident not in hit and where not in known:
                out.append((where, f"{verb} {how}"))
    return out


def lint(sc: Scenario, runs: int) -> list[Problem]:
    found = static_findings(sc)
    known = {where.split(": ")[0] for where, _ in found}
    if runs:
        found += simulated_findings(sc, runs, known)
    return [Problem(sc.source, where, message) for where, message in found]
