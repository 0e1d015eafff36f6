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
    nodes = ["op", "neg", "minmax", "abs"] if depth < 3 else []
    kind = draw(st.sampled_from(leaves + nodes))
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
    return {t: _number(draw, -60, 60) for t in chosen}


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
    _maybe(draw, table, "weight", num_expr(draw, plan))
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
        turns.append(turn)
    data: dict[str, Any] = {
        "format": 1,
        "scenario": _head(draw, plan, actors),
        "actors": actors,
        "indicators": [_indicator(draw, i) for i in plan.indicators],
        "tracks": [{"id": k, "name": draw(TEXT), "start": _number(draw, 0, 100),
                    "parties": draw(st.lists(st.sampled_from(plan.actors), unique=True))}
                   for k in plan.tracks],
        "turns": turns,
        "options": [_option(draw, plan, o) for o in plan.options],
        "events": [_event(draw, plan, e) for e in plan.events],
        "endings": _endings(draw, plan),
    }
    if draw(st.booleans()):
        data["policies"] = [
            {"id": pid, "name": draw(TEXT), **{k: _number(draw, 0, 3) for k in KINDS}}
            for pid in draw(st.lists(st.sampled_from(("standard", "p0", "p1")), min_size=1,
                                     unique=True))]
    data["objectives"] = [
        {"id": f"b{i}", "actor": draw(st.sampled_from(plan.actors)), "title": draw(TEXT),
         "when": bool_expr(draw, plan), "points": _number(draw, -3, 5),
         "secret": draw(st.booleans())}
        for i in range(draw(st.integers(0, 3)))]
    return {k: v for k, v in data.items() if v != [] or k in ("actors", "turns", "endings")}
