"""Builders of a scenario's sections, one per kind of table: actors, turns, options...

Each takes a ``Table`` (and what it may refer to), reads its keys and returns
the record, or None when a problem was found; the loader puts the sections
together and checks what spans them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any

from wargame.scenario.model import (
    HIGHER_IS,
    KINDS,
    TONES,
    Actor,
    Band,
    Ending,
    Event,
    Indicator,
    Objective,
    Option,
    Package,
    Policy,
    Status,
    Term,
    Track,
    Turn,
)
from wargame.scenario.tables import Reader, Table


def each(tables: list[Table], ids: list[str | None],
          build: Callable[[Table, str], Any]) -> tuple[Any, ...]:
    out = []
    for table, ident in zip(tables, ids, strict=True):
        if not table.ok:
            continue
        item = build(table, ident or "")
        table.finish()
        if item is not None and ident:
            out.append(item)
    return tuple(out)


def _ordered(table: Table, key: str, raw: list[Any], min_v: float, max_v: float,
             fields: tuple[str, str]) -> list[tuple[float, str]]:
    """Read ``[{from = n, <field> = text}, ...]``, ordered and within bounds."""
    out: list[tuple[float, str]] = []
    label_key = fields[1]
    for i, item in enumerate(raw):
        sub = Table(table.loader, item, f"{table.where}: {key}[{i}]")
        if not sub.ok:
            continue
        start = sub.number("from")
        label = sub.ident(label_key) if label_key == "id" else sub.text(label_key)
        sub.finish()
        if start is None or label is None:
            continue
        if not min_v <= start <= max_v:
            sub.problem("from", f"{start:g} is outside {min_v:g}..{max_v:g}")
        if out and start <= out[-1][0]:
            sub.problem("from", f"must be greater than the previous entry's ({out[-1][0]:g})")
        out.append((start, label))
    return out


def statuses(lo: Reader, head: Table) -> tuple[Status, ...]:
    raw = head.get("track_statuses", (list,), "an array of { id, from }", [])
    if not raw:
        return ()
    pairs = _ordered(head, "track_statuses", raw, 0, 100, ("from", "id"))
    seen: set[str] = set()
    for _, ident in pairs:
        if ident in seen:
            head.problem("track_statuses", f"status '{ident}' is defined twice")
        elif ident in lo.ids:
            head.problem("track_statuses", f"status '{ident}' is already used by "
                         f"{lo.ids[ident]}; ids are unique across the file")
        seen.add(ident)
    return tuple(Status(ident, start) for start, ident in pairs)


def actor(t: Table, ident: str) -> Actor | None:
    name, side = t.text("name"), t.text("side", "")
    playable, desc = t.boolean("playable", True), t.text("description", "")
    short = _short(t)
    if None in (name, side, playable, desc, short):
        return None
    return Actor(ident, name, side, playable, desc, short)


SHORT_MAX = 24
"""Longest ``short`` name: it exists for screens that cannot fit the name."""


def _short(t: Table) -> Any:
    """The optional ``short`` name (an extension), one line of at most SHORT_MAX characters."""
    value = t.text("short", "")
    if value is None:
        return None
    if "\n" in value or "\t" in value or not value.strip() and value:
        t.problem("short", "must be one line of visible text")
        return None
    if len(value) > SHORT_MAX:
        t.problem("short", f"is {len(value)} characters; a short name has at most {SHORT_MAX}")
        return None
    return value.strip()


def indicator(t: Table, ident: str) -> Indicator | None:
    name = t.text("name")
    lo_v, hi_v, start = t.number("min", 0.0), t.number("max", 100.0), t.number("start")
    higher = t.choice("higher_is", HIGHER_IS, "neutral")
    desc, short = t.text("description", ""), _short(t)
    # Read before any early return, so that a problem elsewhere does not also
    # make `bands` an unknown key.
    raw = t.get("bands", (list,), "an array of { from, label }", [])
    if None in (name, lo_v, hi_v, start, higher, desc, short):
        return None
    if lo_v >= hi_v:
        t.problem("max", f"must be greater than min ({lo_v:g})")
        return None
    if not math.isfinite(hi_v - lo_v):
        # Every gauge and report divides by the range: it must be a number.
        t.problem("max", f"max - min ({hi_v:g} - {lo_v:g}) is beyond the largest number")
        return None
    if not lo_v <= start <= hi_v:
        t.problem("start", f"{start:g} is outside min..max ({lo_v:g}..{hi_v:g})")
    bands = _ordered(t, "bands", raw or [], lo_v, hi_v, ("from", "label"))
    return Indicator(ident, name, lo_v, hi_v, start, higher,
                     tuple(Band(s, label) for s, label in bands), desc, short)


def track(t: Table, ident: str, actors: Mapping[str, Any]) -> Track | None:
    name, venue = t.text("name"), t.text("venue", "")
    parties = t.id_list("parties", actors, "actor", ())
    start, desc, short = t.number("start"), t.text("description", ""), _short(t)
    if None in (name, venue, parties, start, desc, short):
        return None
    if not 0 <= start <= 100:
        t.problem("start", f"{start:g} is outside 0..100")
    return Track(ident, name, venue, parties, start, desc, short)


def turn(t: Table, ident: str, actors: Mapping[str, Any],
         tracks: Mapping[str, Any]) -> Turn | None:
    date = t.get("date", (dt.date,), "a date (2022-01-10)")
    if isinstance(date, dt.datetime):
        t.problem("date", "must be a date (2022-01-10), not a date-time")
        date = None
    title, venue = t.text("title"), t.text("venue", "")
    who = t.id_list("actors", actors, "actor", ())
    briefing, simultaneous = t.text("briefing", ""), t.boolean("simultaneous", False)
    history = t.text("history", "")
    negotiate = t.id_list("negotiate", tracks, "track", ())
    if negotiate and simultaneous:
        t.problem("negotiate", "a simultaneous turn may not open tracks for offers "
                  "(offers are answered at once, inside the offerer's decision)")
    if None in (date, title, venue, who, briefing, simultaneous, history, negotiate):
        return None
    return Turn(ident, 0, date, title, venue, who, briefing, simultaneous, history, negotiate)


def _turns_of(t: Table, turns: Mapping[str, Any]) -> Any:
    listed = t.id_list("turns", turns, "turn", None)
    return None if listed is None else frozenset(listed)


def option(lo: Reader, t: Table, ident: str, actors: Mapping[str, Any],
            turns: Mapping[str, Any]) -> Option | None:
    actor = t.text("actor")
    if actor is not None and actor not in actors:
        t.problem("actor", f"unknown actor '{actor}'")
        actor = None
    kind, title = t.choice("kind", KINDS), t.text("title")
    text, repeatable = t.text("text", ""), t.boolean("repeatable", True)
    listed = _turns_of(t, turns)
    when, weight = lo.expr(t, "when", "bool"), lo.weight(t)
    effects = lo.effects(t)
    if None in (actor, kind, title, text, repeatable):
        return None
    return Option(ident, actor, kind, title, text, listed, when, repeatable, weight, effects)


def event(lo: Reader, t: Table, ident: str, turns: Mapping[str, Any]) -> Event | None:
    title, text = t.text("title"), t.text("text", "")
    at = t.choice("at", ("start", "end"), "end")
    listed = _turns_of(t, turns)
    when = lo.expr(t, "when", "bool")
    chance, once = t.number("chance", 1.0), t.boolean("once", True)
    effects = lo.effects(t)
    if chance is not None and not 0 <= chance <= 1:
        t.problem("chance", f"{chance:g} is outside 0..1")
    if None in (title, text, at, chance, once):
        return None
    return Event(ident, title, text, at, listed, when, chance, once, effects)


def ending(lo: Reader, t: Table, ident: str) -> Ending | None:
    title, tone = t.text("title"), t.choice("tone", TONES, "mixed")
    text, final = t.text("text", ""), t.boolean("final", False)
    history = t.text("history", "")
    when = lo.expr(t, "when", "bool")
    if final is False and "when" not in t.data:
        t.problem("when", "an ending that is not final needs a `when`")
    if None in (title, tone, text, final, history):
        return None
    return Ending(ident, title, tone, when, text, final, history)


def policy(t: Table, ident: str) -> Policy | None:
    name = t.text("name", ident)
    weights = {k: t.number(k, 1.0) for k in KINDS}
    for key, value in weights.items():
        if value is not None and value < 0:
            t.problem(key, f"{value:g} is negative; multipliers are 0 or more")
    accept = t.number("accept", 0.0)
    if name is None or accept is None or None in weights.values():
        return None
    return Policy(ident, name, **weights, accept=accept)


def objective(lo: Reader, t: Table, ident: str, actors: Mapping[str, Any]) -> Objective | None:
    actor = t.text("actor")
    if actor is not None and actor not in actors:
        t.problem("actor", f"unknown actor '{actor}'")
        actor = None
    title, points = t.text("title"), t.number("points", 1.0)
    secret = t.boolean("secret", False)
    when = lo.expr(t, "when", "bool", required=True)
    if actor is None or when is None or None in (title, points, secret):
        return None
    return Objective(ident, actor, title, when, points, secret)


def _party(t: Table, key: str, actor: str, track: Any) -> bool:
    """Whether ``actor`` is a party of ``track`` (a built Track); a problem if not."""
    if actor in track.parties:
        return True
    t.problem(key, f"actor '{actor}' is not a party of track '{track.id}' "
              f"(its parties: {', '.join(track.parties) or 'none'})")
    return False


def term(lo: Reader, t: Table, ident: str, ids: Mapping[str, Mapping[str, Any]],
         built: Mapping[str, Mapping[str, Any]]) -> Term | None:
    """A term; ``ids`` are the claimed ids by array, ``built`` the built tracks and options."""
    track_id, by = t.text("track"), t.text("by")
    if track_id is not None and track_id not in ids["tracks"]:
        t.problem("track", f"unknown track '{track_id}'")
        track_id = None
    if by is not None and by not in ids["actors"]:
        t.problem("by", f"unknown actor '{by}'")
        by = None
    track = built["tracks"].get(track_id) if track_id else None
    if by is not None and track is not None and not _party(t, "by", by, track):
        by = None
    title, text = t.text("title"), t.text("text", "")
    when = lo.expr(t, "when", "bool")
    worth = lo.amounts(t, "worth", frozenset(ids["actors"]), "actor")
    progress = t.number("progress", 0.0)
    effects, broken = lo.effects(t), lo.effects(t, "breach_effects")
    breach = t.id_list("breach", ids["options"], "option", ())
    for option_id in breach or ():
        option = built["options"].get(option_id)
        if by is not None and option is not None and option.actor != by:
            t.problem("breach", f"option '{option_id}' is an option of '{option.actor}', "
                      f"not of '{by}' (the term's `by`)")
    if None in (track_id, by, title, text, progress, breach):
        return None
    return Term(ident, track_id, by, title, text, when, worth, progress, effects, breach,
                broken)


def package(lo: Reader, t: Table, ident: str, ids: Mapping[str, Mapping[str, Any]],
            built: Mapping[str, Mapping[str, Any]]) -> Package | None:
    """A package; its ``from`` and ``to`` must be parties of every track its terms are on."""
    sides = {}
    for key in ("from", "to"):
        actor = t.text(key)
        if actor is not None and actor not in ids["actors"]:
            t.problem(key, f"unknown actor '{actor}'")
            actor = None
        sides[key] = actor
    if sides["from"] is not None and sides["from"] == sides["to"]:
        t.problem("to", f"the answerer must be another actor than `from` ('{sides['from']}')")
    terms = t.id_list("terms", ids["terms"], "term")
    if terms == ():
        t.problem("terms", "a package needs at least one term")
    tracks: dict[str, Any] = {}
    for term_id in terms or ():
        found = built["terms"].get(term_id)
        if found is not None and found.track in built["tracks"]:
            tracks.setdefault(found.track, built["tracks"][found.track])
    for key, actor in sides.items():
        for track in tracks.values():
            if actor is not None and not _party(t, key, actor, track):
                break
    title, kind = t.text("title"), t.choice("kind", KINDS, "concession")
    weight, when = lo.weight(t), lo.expr(t, "when", "bool")
    listed = _turns_of(t, ids["turns"])
    if None in (sides["from"], sides["to"], terms, title, kind) or not terms:
        return None
    return Package(ident, sides["from"], sides["to"], terms, title, kind, weight, listed, when)
