"""Load and validate a scenario: every rule of SCENARIO_FORMAT.md, every problem at once.

``parse_scenario`` does the work on text or a parsed table;
``load_scenario`` is a thin shell that reads a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from wargame import FORMAT_VERSION
from wargame.errors import Problem, ScenarioError
from wargame.expr import Expr, ExprError, Symbols, compile_expr
from wargame.model import (
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
    Policy,
    Scenario,
    Status,
    Track,
    Turn,
)
from wargame.tomlio import check_table, parse_toml, read_bytes

ID_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
MAX_TEXT = 20_000
"""Longest text field accepted; far beyond any briefing."""
ARRAYS = ("actors", "indicators", "tracks", "turns", "options", "events", "endings",
          "policies", "objectives")
REQUIRED_ARRAYS = ("actors", "turns", "endings")
_MISSING = object()


class _Table:
    """Reads one TOML table, collecting problems instead of raising."""

    def __init__(self, loader: _Loader, data: Any, where: str):
        self.loader = loader
        self.where = where
        self.ok = isinstance(data, dict)
        if not self.ok:
            loader.problem(where, f"must be a table, not {_type_name(data)}")
            data = {}
        self.data: dict[str, Any] = data
        self.used: set[str] = set()

    def problem(self, key: str, message: str) -> None:
        self.loader.problem(f"{self.where}: {key}" if key else self.where, message)

    def get(self, key: str, kinds: tuple[type, ...], label: str, default: Any = _MISSING) -> Any:
        self.used.add(key)
        if key not in self.data:
            if default is _MISSING:
                self.problem(key, "required key is missing")
                return None
            return default
        value = self.data[key]
        if isinstance(value, bool) and bool not in kinds:
            self.problem(key, f"must be {label}, not a boolean")
            return None
        if not isinstance(value, kinds):
            self.problem(key, f"must be {label}, not {_type_name(value)}")
            return None
        if isinstance(value, str) and len(value) > MAX_TEXT:
            self.problem(key, f"text is too long ({len(value)} characters; limit {MAX_TEXT})")
            return None
        return value

    def text(self, key: str, default: Any = _MISSING) -> Any:
        return self.get(key, (str,), "text", default)

    def number(self, key: str, default: Any = _MISSING) -> Any:
        value = self.get(key, (int, float), "a number", default)
        return None if value is None else float(value)

    def boolean(self, key: str, default: Any = _MISSING) -> Any:
        return self.get(key, (bool,), "true or false", default)

    def ident(self, key: str = "id") -> str | None:
        value = self.text(key)
        if value is not None and not ID_RE.match(value):
            self.problem(key, f"'{value}' is not an id (lowercase letter, then a-z, 0-9, _)")
            return None
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: Any = _MISSING) -> Any:
        value = self.text(key, default)
        if value is not None and value not in allowed:
            self.problem(key, f"'{value}' is not one of: {', '.join(allowed)}")
            return None
        return value

    def id_list(self, key: str, known: Mapping[str, Any], what: str,
                default: Any = _MISSING) -> Any:
        value = self.get(key, (list,), "a list of ids", default)
        if value is None or value is default:
            return value
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.problem(f"{key}[{i}]", f"must be an id, not {_type_name(item)}")
            elif item not in known:
                self.problem(key, f"unknown {what} '{item}'")
            elif item in out:
                self.problem(key, f"'{item}' is listed twice")
            else:
                out.append(item)
        return tuple(out)

    def finish(self) -> None:
        for key in self.data:
            if key not in self.used:
                self.problem("", f"unknown key '{key}'")


class _Loader:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.ids: dict[str, str] = {}
        self.symbols: Symbols | None = None

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.source, where, message))

    def items(self, data: dict[str, Any], name: str) -> list[_Table]:
        raw = data.get(name, [])
        if name in REQUIRED_ARRAYS and not raw:
            self.problem(name, "at least one entry is required")
        if not isinstance(raw, list):
            self.problem(name, f"must be an array of tables ([[{name}]]), not {_type_name(raw)}")
            return []
        tables = []
        for i, item in enumerate(raw):
            where = f"{name}[{i}]"
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                where += f" (id '{item['id']}')"
            tables.append(_Table(self, item, where))
        return tables

    def claim(self, table: _Table) -> str | None:
        ident = table.ident()
        if ident is None:
            return None
        if ident in self.ids:
            table.problem("id", f"'{ident}' is already used by {self.ids[ident]}")
            return None
        self.ids[ident] = table.where.split(" ")[0]
        return ident

    def expr(self, table: _Table, key: str, want: str, required: bool = False) -> Expr | None:
        source = table.text(key, _MISSING if required else None)
        if source is None or self.symbols is None:
            return None
        try:
            return compile_expr(source, self.symbols, want)
        except ExprError as exc:
            table.problem(key, f"{exc} (in \"{source}\")")
            return None

    def effects(self, table: _Table) -> tuple[tuple[str, float], ...]:
        raw = table.get("effects", (dict,), "a table of id = number", {})
        out = []
        for target, amount in (raw or {}).items():
            if self.symbols and target not in self.symbols.indicators | self.symbols.tracks:
                table.problem("effects", f"unknown indicator or track '{target}'")
            elif isinstance(amount, bool) or not isinstance(amount, (int, float)):
                table.problem(f"effects.{target}", f"must be a number, not {_type_name(amount)}")
            else:
                out.append((target, float(amount)))
        return tuple(out)


def _type_name(value: Any) -> str:
    return {
        bool: "a boolean", int: "an integer", float: "a number", str: "text",
        list: "an array", dict: "a table", dt.date: "a date", dt.datetime: "a date-time",
        dt.time: "a time",
    }.get(type(value), type(value).__name__)


def parse_scenario(data: str | bytes | dict[str, Any], source: str = "<scenario>") -> Scenario:
    """Build a Scenario from TOML text or a parsed table; raise ScenarioError."""
    digest = ""
    if isinstance(data, (str, bytes)):
        raw = data.encode("utf-8") if isinstance(data, str) else data
        digest = hashlib.sha256(raw).hexdigest()
        parsed, problem = parse_toml(data, source)
        if problem is not None:
            raise ScenarioError([problem])
        assert parsed is not None
        data = parsed
    else:
        # A table built in Python skips the parser, not the limits a file has.
        problem = check_table(data, source) if isinstance(data, dict) else None
        if problem is not None:
            raise ScenarioError([problem])
    loader = _Loader(source)
    scenario = _build(loader, data, source, digest)
    if loader.problems or scenario is None:
        raise ScenarioError(loader.problems)
    return scenario


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file."""
    path = Path(path)
    data, problem = read_bytes(path)
    if problem is not None:
        raise ScenarioError([problem])
    assert data is not None
    return parse_scenario(data, str(path))


def _build(lo: _Loader, data: dict[str, Any], source: str, digest: str) -> Scenario | None:
    fmt = data.get("format", _MISSING)
    if fmt is _MISSING:
        lo.problem("format", "required key is missing (format = 1)")
    elif isinstance(fmt, bool) or fmt != FORMAT_VERSION:
        lo.problem("format", f"unsupported format {fmt!r}; this game reads format {FORMAT_VERSION}")
        return None
    if isinstance(data.get("scenario"), str):
        # A save names its scenario by id; say so once instead of a dozen unknown keys.
        lo.problem("scenario", "this is a save or replay script, not a scenario (open it "
                   "with 'wargame replay FILE' or 'wargame play --load FILE')")
        return None
    for key in data:
        if key not in ARRAYS and key not in ("format", "scenario"):
            lo.problem("", f"unknown key '{key}'")

    head = _Table(lo, data.get("scenario", {}), "scenario")
    if "scenario" not in data:
        lo.problem("scenario", "required table [scenario] is missing")

    tables = {name: lo.items(data, name) for name in ARRAYS}
    # Claim every id first so references resolve regardless of order.
    ids = {name: [lo.claim(t) for t in tables[name]] for name in ARRAYS}
    statuses = _statuses(lo, head)
    lo.symbols = Symbols(
        indicators=frozenset(i for i in ids["indicators"] if i),
        tracks=frozenset(i for i in ids["tracks"] if i),
        statuses=tuple((s.id, s.start) for s in statuses),
        options=frozenset(i for i in ids["options"] if i),
        events=frozenset(i for i in ids["events"] if i),
        turns=len(tables["turns"]),
    )
    actors = _each(tables["actors"], ids["actors"], lambda t, i: _actor(t, i))
    actor_by_id = {a.id: a for a in actors}
    # References are checked against every claimed id, so that one broken
    # table does not also make every reference to it "unknown".
    actor_ids = {i: None for i in ids["actors"] if i}
    if tables["tracks"] and not statuses:
        head.problem("track_statuses", "required when the scenario has tracks")
    indicators = _each(tables["indicators"], ids["indicators"], _indicator)
    tracks = _each(tables["tracks"], ids["tracks"], lambda t, i: _track(t, i, actor_ids))
    turns = _each(tables["turns"], ids["turns"], lambda t, i: _turn(t, i, actor_ids))
    for n, turn in enumerate(turns, 1):
        object.__setattr__(turn, "index", n)
    turn_ids = {i: None for i in ids["turns"] if i}
    options = _each(tables["options"], ids["options"],
                    lambda t, i: _option(lo, t, i, actor_ids, turn_ids))
    events = _each(tables["events"], ids["events"], lambda t, i: _event(lo, t, i, turn_ids))
    endings = _each(tables["endings"], ids["endings"], lambda t, i: _ending(lo, t, i))
    policies = _each(tables["policies"], ids["policies"], _policy)
    objectives = _each(tables["objectives"], ids["objectives"],
                       lambda t, i: _objective(lo, t, i, actor_ids))
    for n, item in enumerate(options):
        object.__setattr__(item, "index", n)
    for n, item in enumerate(events):
        object.__setattr__(item, "index", n)

    finals = [e for e in endings if e.final]
    if endings and not any(e.when is None for e in finals):
        lo.problem("endings", "at least one ending needs final = true and no `when`, "
                   "so that every game ends")
    seed = head.get("seed", (int,), "an integer", 0)
    seats = head.id_list("default_seats", actor_ids, "actor", ())
    for seat in seats or ():
        if seat in actor_by_id and not actor_by_id[seat].playable:
            head.problem("default_seats", f"actor '{seat}' is not playable")
    values = dict(
        id=head.ident(), title=head.text("title"), summary=head.text("summary", ""),
        history=head.text("history", ""),
    )
    head.used.add("track_statuses")
    head.finish()
    if lo.problems or any(v is None for v in values.values()):
        return None
    return Scenario(
        id=values["id"], title=values["title"], summary=values["summary"], seed=seed or 0,
        default_seats=seats or (), track_statuses=statuses, actors=actors,
        indicators=indicators, tracks=tracks, turns=turns, options=options, events=events,
        endings=endings, policies=policies, objectives=objectives,
        history=values["history"], source=source, sha256=digest,
    )


def _each(tables: list[_Table], ids: list[str | None],
          build: Callable[[_Table, str], Any]) -> tuple[Any, ...]:
    out = []
    for table, ident in zip(tables, ids, strict=True):
        if not table.ok:
            continue
        item = build(table, ident or "")
        table.finish()
        if item is not None and ident:
            out.append(item)
    return tuple(out)


def _ordered(table: _Table, key: str, raw: list[Any], min_v: float, max_v: float,
             fields: tuple[str, str]) -> list[tuple[float, str]]:
    """Read ``[{from = n, <field> = text}, ...]``, ordered and within bounds."""
    out: list[tuple[float, str]] = []
    label_key = fields[1]
    for i, item in enumerate(raw):
        sub = _Table(table.loader, item, f"{table.where}: {key}[{i}]")
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


def _statuses(lo: _Loader, head: _Table) -> tuple[Status, ...]:
    raw = head.get("track_statuses", (list,), "an array of { id, from }", [])
    if not raw:
        return ()
    pairs = _ordered(head, "track_statuses", raw, 0, 100, ("from", "id"))
    seen: set[str] = set()
    for _, ident in pairs:
        if ident in seen:
            head.problem("track_statuses", f"status '{ident}' is defined twice")
        seen.add(ident)
    return tuple(Status(ident, start) for start, ident in pairs)


def _actor(t: _Table, ident: str) -> Actor | None:
    name, side = t.text("name"), t.text("side", "")
    playable, desc = t.boolean("playable", True), t.text("description", "")
    if None in (name, side, playable, desc):
        return None
    return Actor(ident, name, side, playable, desc)


def _indicator(t: _Table, ident: str) -> Indicator | None:
    name = t.text("name")
    lo_v, hi_v, start = t.number("min", 0.0), t.number("max", 100.0), t.number("start")
    higher = t.choice("higher_is", HIGHER_IS, "neutral")
    desc = t.text("description", "")
    if None in (name, lo_v, hi_v, start, higher, desc):
        return None
    if lo_v >= hi_v:
        t.problem("max", f"must be greater than min ({lo_v:g})")
        return None
    if not lo_v <= start <= hi_v:
        t.problem("start", f"{start:g} is outside min..max ({lo_v:g}..{hi_v:g})")
    raw = t.get("bands", (list,), "an array of { from, label }", [])
    bands = _ordered(t, "bands", raw or [], lo_v, hi_v, ("from", "label"))
    return Indicator(ident, name, lo_v, hi_v, start, higher,
                     tuple(Band(s, label) for s, label in bands), desc)


def _track(t: _Table, ident: str, actors: Mapping[str, Any]) -> Track | None:
    name, venue = t.text("name"), t.text("venue", "")
    parties = t.id_list("parties", actors, "actor", ())
    start, desc = t.number("start"), t.text("description", "")
    if None in (name, venue, parties, start, desc):
        return None
    if not 0 <= start <= 100:
        t.problem("start", f"{start:g} is outside 0..100")
    return Track(ident, name, venue, parties, start, desc)


def _turn(t: _Table, ident: str, actors: Mapping[str, Any]) -> Turn | None:
    date = t.get("date", (dt.date,), "a date (2022-01-10)")
    if isinstance(date, dt.datetime):
        date = date.date()
    title, venue = t.text("title"), t.text("venue", "")
    who = t.id_list("actors", actors, "actor", ())
    briefing, simultaneous = t.text("briefing", ""), t.boolean("simultaneous", False)
    history = t.text("history", "")
    if None in (date, title, venue, who, briefing, simultaneous, history):
        return None
    return Turn(ident, 0, date, title, venue, who, briefing, simultaneous, history)


def _turns_of(t: _Table, turns: Mapping[str, Any]) -> Any:
    listed = t.id_list("turns", turns, "turn", None)
    return None if listed is None else frozenset(listed)


def _option(lo: _Loader, t: _Table, ident: str, actors: Mapping[str, Any],
            turns: Mapping[str, Any]) -> Option | None:
    actor = t.text("actor")
    if actor is not None and actor not in actors:
        t.problem("actor", f"unknown actor '{actor}'")
        actor = None
    kind, title = t.choice("kind", KINDS), t.text("title")
    text, repeatable = t.text("text", ""), t.boolean("repeatable", True)
    listed = _turns_of(t, turns)
    when, weight = lo.expr(t, "when", "bool"), lo.expr(t, "weight", "number")
    effects = lo.effects(t)
    if None in (actor, kind, title, text, repeatable):
        return None
    return Option(ident, actor, kind, title, text, listed, when, repeatable, weight, effects)


def _event(lo: _Loader, t: _Table, ident: str, turns: Mapping[str, Any]) -> Event | None:
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


def _ending(lo: _Loader, t: _Table, ident: str) -> Ending | None:
    title, tone = t.text("title"), t.choice("tone", TONES, "mixed")
    text, final = t.text("text", ""), t.boolean("final", False)
    history = t.text("history", "")
    when = lo.expr(t, "when", "bool")
    if final is False and "when" not in t.data:
        t.problem("when", "an ending that is not final needs a `when`")
    if None in (title, tone, text, final, history):
        return None
    return Ending(ident, title, tone, when, text, final, history)


def _policy(t: _Table, ident: str) -> Policy | None:
    name = t.text("name", ident)
    weights = {k: t.number(k, 1.0) for k in KINDS}
    for key, value in weights.items():
        if value is not None and value < 0:
            t.problem(key, f"{value:g} is negative; multipliers are 0 or more")
    if name is None or None in weights.values():
        return None
    return Policy(ident, name, **weights)


def _objective(lo: _Loader, t: _Table, ident: str, actors: Mapping[str, Any]) -> Objective | None:
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


# -- finding scenarios -------------------------------------------------------

def bundled_dir() -> Path:
    """Folder of the bundled scenarios: inside the installed package, or the checkout's."""
    here = Path(__file__).resolve().parent
    inside = here / "scenarios"
    if inside.is_dir():
        return inside
    return here.parent / "scenarios"


def scenario_dirs() -> list[Path]:
    """Where scenarios are looked for: bundled first, then ./scenarios."""
    dirs = [bundled_dir()]
    local = Path.cwd() / "scenarios"
    if local.is_dir() and local.resolve() != dirs[0].resolve():
        dirs.append(local)
    return dirs


def is_file(path: Path) -> bool:
    """Like ``Path.is_file``, but False for a name the system cannot even look up.

    ``Path.is_file`` raises OSError for a name that is too long (and for
    a folder it may not enter); a name from a save or the command line can be
    either, and is then simply not a file.
    """
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def resolve_scenario(arg: str) -> Path:
    """A SCENARIO argument: a path to a file, or the id of a bundled scenario."""
    path = Path(arg)
    if path.suffix == ".toml" or _exists(path) or "/" in arg or "\\" in arg:
        return path
    for folder in scenario_dirs():
        candidate = folder / f"{arg}.toml"
        if is_file(candidate):
            return candidate
    known = sorted({p.stem for d in scenario_dirs() for p in d.glob("*.toml")})
    raise ScenarioError([Problem(arg, "", "no such file, and no bundled scenario with that id "
                                 f"(known: {', '.join(known) or 'none'})")])


def find_scenario(arg: str) -> Scenario:
    return load_scenario(resolve_scenario(arg))


def bundled_path(scenario_id: str) -> Path | None:
    for folder in scenario_dirs():
        candidate = folder / f"{scenario_id}.toml"
        if is_file(candidate):
            return candidate
    return None

