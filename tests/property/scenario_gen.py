"""Hypothesis strategies that build valid scenario tables from SCENARIO_FORMAT.md.

Every table drawn here must load: the ids are planned first (so expressions
can name any indicator, track, option or event), then each array is drawn
within the format's rules. Text fields take any Unicode a file can hold, so
saves of generated games also exercise quoting and escapes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import strategies as st

KINDS = ("concession", "escalation", "neutral")
TONES = ("good", "mixed", "bad")
NUM_OPS = ("+", "-", "*", "/")
CMP_OPS = ("==", "!=", "<", "<=", ">", ">=")

# Any character text may hold (SCENARIO_FORMAT.md: no lone surrogates, no
# control characters but newline and tab), quotes, backslashes and markup too.
CHARS = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t")
TEXT = st.text(CHARS, max_size=24)
NOTES = st.text(CHARS, max_size=40)


@attrs.frozen
class Plan:
    """The ids a generated scenario will define, drawn before its tables."""

    actors: tuple[str, ...]
    indicators: tuple[str, ...]
    tracks: tuple[str, ...]
    statuses: tuple[str, ...]
    turns: tuple[str, ...]
    options: tuple[str, ...]
    events: tuple[str, ...]
    terms: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()


def _ids(prefix: str, n: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(n))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    n_tracks = draw(st.integers(0, 3))
    return Plan(
        actors=_ids("a", draw(st.integers(1, 3))),
        indicators=_ids("x", draw(st.integers(0, 3))),
        tracks=_ids("k", n_tracks),
        # statuses are required with tracks and allowed without
        statuses=_ids("s", draw(st.integers(1 if n_tracks else 0, 4))),
        turns=_ids("t", draw(st.integers(1, 5))),
        options=_ids("o", draw(st.integers(0, 8))),
        events=_ids("e", draw(st.integers(0, 5))),
        # terms need a track; every track then has a party
        terms=_ids("m", draw(st.integers(0, 5))) if n_tracks else (),
        packages=_ids("g", draw(st.integers(0, 3))) if n_tracks else (),
    )


def _literal(draw: st.DrawFn) -> str:
    whole = draw(st.integers(0, 150))
    if draw(st.booleans()):
        return str(whole)
    return f"{whole}.{draw(st.integers(0, 99))}"


def num_expr(draw: st.DrawFn, plan: Plan, depth: int = 0) -> str:
    """A number-valued expression over the plan's names."""
    leaves = ["lit", "turn", "turns"]
    if plan.indicators:
        leaves.append("indicator")
    if plan.tracks:
        leaves += ["track", "progress"]
    nodes = ["op", "neg", "minmax", "abs", "if"] if depth < 3 else []
    kind = draw(st.sampled_from(leaves + nodes))
    if kind == "if":
        return (f"if({bool_expr(draw, plan, depth + 1)}, {num_expr(draw, plan, depth + 1)}, "
                f"{num_expr(draw, plan, depth + 1)})")
    if kind == "lit":
        return _literal(draw)
    if kind in ("turn", "turns"):
        return kind
    if kind == "indicator":
        return draw(st.sampled_from(plan.indicators))
    if kind == "track":
        return draw(st.sampled_from(plan.tracks))
    if kind == "progress":
        return draw(st.sampled_from(plan.tracks)) + ".progress"
    if kind == "neg":
        return f"(-{num_expr(draw, plan, depth + 1)})"
    if kind == "abs":
        return f"abs({num_expr(draw, plan, depth + 1)})"
    if kind == "minmax":
        args = [num_expr(draw, plan, depth + 1) for _ in range(draw(st.integers(1, 3)))]
        return f"{draw(st.sampled_from(('min', 'max')))}({', '.join(args)})"
    op = draw(st.sampled_from(NUM_OPS))
    return f"({num_expr(draw, plan, depth + 1)} {op} {num_expr(draw, plan, depth + 1)})"


def bool_expr(draw: st.DrawFn, plan: Plan, depth: int = 0) -> str:
    """A condition over the plan's names, statuses, options and events."""
    leaves = ["const", "compare", "compare"]
    if plan.tracks:
        leaves.append("status")
    if plan.options:
        leaves.append("chose")
    if plan.events:
        leaves.append("fired")
    if plan.terms:
        leaves.append("term")
    nodes = ["not", "and", "or"] if depth < 3 else []
    kind = draw(st.sampled_from(leaves + nodes))
    if kind == "const":
        return draw(st.sampled_from(("true", "false")))
    if kind == "compare":
        op = draw(st.sampled_from(CMP_OPS))
        return f"({num_expr(draw, plan, depth + 1)} {op} {num_expr(draw, plan, depth + 1)})"
    if kind == "status":
        track = draw(st.sampled_from(plan.tracks))
        status = draw(st.sampled_from(plan.statuses))
        return f"({track}.status {draw(st.sampled_from(('==', '!=')))} '{status}')"
    if kind == "chose":
        return f"chose('{draw(st.sampled_from(plan.options))}')"
    if kind == "fired":
        return f"fired('{draw(st.sampled_from(plan.events))}')"
    if kind == "term":
        fn = draw(st.sampled_from(("offered", "signed", "breached")))
        return f"{fn}('{draw(st.sampled_from(plan.terms))}')"
    if kind == "not":
        return f"(not {bool_expr(draw, plan, depth + 1)})"
    return (f"({bool_expr(draw, plan, depth + 1)} {kind} "
            f"{bool_expr(draw, plan, depth + 1)})")


def _number(draw: st.DrawFn, low: float, high: float) -> float | int:
    """An integer most of the time, sometimes a decimal, within [low, high]."""
    if draw(st.booleans()) and float(low).is_integer() and float(high).is_integer():
        return draw(st.integers(int(low), int(high)))
    return draw(st.floats(low, high, allow_nan=False, allow_infinity=False))


def _ascending(draw: st.DrawFn, low: int, high: int, least: int, most: int) -> list[int]:
    """Between ``least`` and ``most`` strictly ascending integers in [low, high]."""
    return sorted(draw(st.lists(st.integers(low, high), min_size=least, max_size=most,
                                unique=True)))


def _effects(draw: st.DrawFn, plan: Plan) -> dict[str, Any]:
    targets = plan.indicators + plan.tracks
    if not targets:
        return {}
    chosen = draw(st.lists(st.sampled_from(targets), max_size=3, unique=True))
    return {t: _amount(draw, plan, -60, 60) for t in chosen}


def _amount(draw: st.DrawFn, plan: Plan, low: float, high: float) -> Any:
    """A number, or now and then a number expression as text."""
    if draw(st.integers(0, 4)) == 0:
        return num_expr(draw, plan)
    return _number(draw, low, high)


def _maybe(draw: st.DrawFn, table: dict[str, Any], key: str, value: Any) -> None:
    """Set an optional key only some of the time, so defaults are exercised too."""
    if draw(st.booleans()):
        table[key] = value


def _turn_window(draw: st.DrawFn, plan: Plan) -> list[str]:
    return draw(st.lists(st.sampled_from(plan.turns), max_size=len(plan.turns), unique=True))


def _head(draw: st.DrawFn, plan: Plan, actors: list[dict[str, Any]]) -> dict[str, Any]:
    playable = [a["id"] for a in actors if a.get("playable", True)]
    head: dict[str, Any] = {"id": "gen", "title": draw(TEXT)}
    _maybe(draw, head, "summary", draw(TEXT))
    _maybe(draw, head, "seed", draw(st.integers(0, 2**31)))
    _maybe(draw, head, "default_seats",
           draw(st.lists(st.sampled_from(playable), unique=True)) if playable else [])
    if plan.statuses:
        # the first status starts at 0 so that every progress has one
        starts = [0, *_ascending(draw, 1, 100, len(plan.statuses) - 1, len(plan.statuses) - 1)]
        head["track_statuses"] = [{"id": s, "from": f}
                                  for s, f in zip(plan.statuses, starts, strict=True)]
    return head


def _indicator(draw: st.DrawFn, ident: str) -> dict[str, Any]:
    low = draw(st.integers(-100, 50))
    high = low + draw(st.integers(1, 200))
    table: dict[str, Any] = {"id": ident, "name": draw(TEXT),
                             "start": _number(draw, low, high)}
    if low != 0 or draw(st.booleans()):
        table["min"] = low
    if high != 100 or draw(st.booleans()):
        table["max"] = high
    _maybe(draw, table, "higher_is", draw(st.sampled_from(("worse", "better", "neutral"))))
    bands = _ascending(draw, low, high, 0, 4)
    if bands:
        table["bands"] = [{"from": b, "label": draw(TEXT)} for b in bands]
    return table


def _option(draw: st.DrawFn, plan: Plan, ident: str) -> dict[str, Any]:
    table: dict[str, Any] = {"id": ident, "actor": draw(st.sampled_from(plan.actors)),
                             "kind": draw(st.sampled_from(KINDS)), "title": draw(TEXT),
                             "effects": _effects(draw, plan)}
    _maybe(draw, table, "text", draw(TEXT))
    _maybe(draw, table, "turns", _turn_window(draw, plan))
    _maybe(draw, table, "when", bool_expr(draw, plan))
    _maybe(draw, table, "repeatable", draw(st.booleans()))
    _maybe(draw, table, "weight", _amount(draw, plan, -1, 5))
    return table


def _event(draw: st.DrawFn, plan: Plan, ident: str) -> dict[str, Any]:
    table: dict[str, Any] = {"id": ident, "title": draw(TEXT), "effects": _effects(draw, plan)}
    _maybe(draw, table, "text", draw(TEXT))
    _maybe(draw, table, "at", draw(st.sampled_from(("start", "end"))))
    _maybe(draw, table, "turns", _turn_window(draw, plan))
    _maybe(draw, table, "when", bool_expr(draw, plan))
    _maybe(draw, table, "chance", draw(st.sampled_from((0, 1, 0.0, 0.25, 0.5, 0.9, 1.0))))
    _maybe(draw, table, "once", draw(st.booleans()))
    return table


def _endings(draw: st.DrawFn, plan: Plan) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        final = draw(st.booleans())
        table = {"title": draw(TEXT), "tone": draw(st.sampled_from(TONES)),
                 "when": bool_expr(draw, plan)}
        if final:
            table["final"] = True
        out.append(table)
    fallback: dict[str, Any] = {"title": draw(TEXT), "final": True}
    _maybe(draw, fallback, "text", draw(TEXT))
    out.insert(draw(st.integers(0, len(out))), fallback)
    for i, table in enumerate(out):
        table["id"] = f"n{i}"
    return out


def _term(draw: st.DrawFn, plan: Plan, ident: str, tracks: list[dict[str, Any]],
          options: list[dict[str, Any]]) -> dict[str, Any]:
    track = draw(st.sampled_from(tracks))
    by = draw(st.sampled_from(track["parties"]))
    table: dict[str, Any] = {"id": ident, "track": track["id"], "by": by, "title": draw(TEXT)}
    _maybe(draw, table, "text", draw(TEXT))
    _maybe(draw, table, "when", bool_expr(draw, plan))
    _maybe(draw, table, "worth", {a: _amount(draw, plan, -5, 5) for a in draw(
        st.lists(st.sampled_from(plan.actors), unique=True))})
    _maybe(draw, table, "progress", _number(draw, -30, 40))
    _maybe(draw, table, "effects", _effects(draw, plan))
    own = [o["id"] for o in options if o["actor"] == by]
    if own:
        _maybe(draw, table, "breach", draw(st.lists(st.sampled_from(own), unique=True)))
    _maybe(draw, table, "breach_effects", _effects(draw, plan))
    return table


def _package(draw: st.DrawFn, plan: Plan, ident: str, tracks: list[dict[str, Any]],
             terms: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A package of terms whose tracks share two parties, or None when none do."""
    parties = {t["id"]: set(t["parties"]) for t in tracks}
    first = draw(st.sampled_from(terms))
    same = [t for t in terms if t["track"] == first["track"] and t is not first]
    others = [t for t in terms if t is not first and (t in same or draw(st.booleans()))]
    chosen = [first, *draw(st.lists(st.sampled_from(others), max_size=2,
                                    unique_by=lambda t: t["id"]) if others else st.just([]))]
    common = sorted(set.intersection(*(parties[t["track"]] for t in chosen)))
    if len(common) < 2:
        return None
    offerer, answerer = draw(st.permutations(common))[:2]
    table: dict[str, Any] = {"id": ident, "from": offerer, "to": answerer,
                             "terms": [t["id"] for t in chosen], "title": draw(TEXT)}
    _maybe(draw, table, "kind", draw(st.sampled_from(KINDS)))
    _maybe(draw, table, "weight", _amount(draw, plan, -1, 5))
    _maybe(draw, table, "turns", _turn_window(draw, plan))
    _maybe(draw, table, "when", bool_expr(draw, plan))
    return table


@st.composite
def scenario_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A parsed scenario table that follows every rule of the format page."""
    plan = draw(plans())
    actors = []
    for ident in plan.actors:
        actor: dict[str, Any] = {"id": ident, "name": draw(TEXT)}
        _maybe(draw, actor, "side", draw(st.sampled_from(("west", "east", ""))))
        _maybe(draw, actor, "playable", draw(st.booleans()))
        actors.append(actor)
    # A term's `by` is a party of its track; two parties make a deal possible.
    least = min(2, len(plan.actors)) if plan.terms else 0
    tracks = [{"id": k, "name": draw(TEXT), "start": _number(draw, 0, 100),
               "parties": draw(st.lists(st.sampled_from(plan.actors), unique=True,
                                        min_size=least))}
              for k in plan.tracks]
    options = [_option(draw, plan, o) for o in plan.options]
    terms = [_term(draw, plan, m, tracks, options) for m in plan.terms]
    packages = [p for p in (_package(draw, plan, g, tracks, terms) for g in plan.packages)
                if p is not None] if terms else []
    start = dt.date(2022, 1, 1)
    turns = []
    for n, ident in enumerate(plan.turns):
        turn: dict[str, Any] = {
            "id": ident, "date": start + dt.timedelta(days=n), "title": draw(TEXT),
            "actors": draw(st.lists(st.sampled_from(plan.actors), unique=True,
                                    max_size=len(plan.actors))),
        }
        _maybe(draw, turn, "briefing", draw(TEXT))
        _maybe(draw, turn, "simultaneous", draw(st.booleans()))
        if plan.tracks and not turn.get("simultaneous") and draw(st.integers(0, 2)):
            turn["negotiate"] = draw(st.lists(st.sampled_from(plan.tracks), unique=True))
        turns.append(turn)
    data: dict[str, Any] = {
        "format": 1,
        "scenario": _head(draw, plan, actors),
        "actors": actors,
        "indicators": [_indicator(draw, i) for i in plan.indicators],
        "tracks": tracks,
        "turns": turns,
        "options": options,
        "events": [_event(draw, plan, e) for e in plan.events],
        "endings": _endings(draw, plan),
    }
    if draw(st.booleans()):
        data["policies"] = [
            {"id": pid, "name": draw(TEXT), **{k: _number(draw, 0, 3) for k in KINDS}}
            for pid in draw(st.lists(st.sampled_from(("standard", "p0", "p1")), min_size=1,
                                     unique=True))]
        for policy in data["policies"]:
            _maybe(draw, policy, "accept", _number(draw, -3, 3))
    data["terms"], data["packages"] = terms, packages
    data["objectives"] = [
        {"id": f"b{i}", "actor": draw(st.sampled_from(plan.actors)), "title": draw(TEXT),
         "when": bool_expr(draw, plan), "points": _number(draw, -3, 5),
         "secret": draw(st.booleans())}
        for i in range(draw(st.integers(0, 3)))]
    return {k: v for k, v in data.items() if v != [] or k in ("actors", "turns", "endings")}
