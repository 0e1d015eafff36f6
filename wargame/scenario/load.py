"""Load and validate a scenario: every rule of SCENARIO_FORMAT.md, every problem at once.

``parse_scenario`` does the work on text or a parsed table;
``load_scenario`` is a thin shell that reads a file; ``find_scenario`` takes
a path or the id of a bundled scenario. Reading one table is ``tables.py``'s
job, building each section ``sections.py``'s; this module puts them together
and checks what spans sections.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wargame import FORMAT_VERSION
from wargame.errors import Problem, ScenarioError
from wargame.expr.face import Symbols
from wargame.paths import bundled_path, exists, is_file, scenario_dirs
from wargame.scenario import sections
from wargame.scenario.model import Scenario, Status
from wargame.scenario.tables import ID_RE, MISSING, Reader, Table
from wargame.tomlio import check_table, parse_toml, read_bytes

__all__ = ["ID_RE", "bundled_path", "find_scenario", "is_file", "load_scenario",
           "parse_scenario", "resolve_scenario", "scenario_dirs"]

ARRAYS = ("actors", "indicators", "tracks", "turns", "options", "events", "endings",
          "policies", "objectives", "terms", "packages")
REQUIRED_ARRAYS = ("actors", "turns", "endings")


def parse_scenario(data: str | bytes | dict[str, Any], source: str = "<scenario>"
                   ) -> Scenario:
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
    loader = Reader(source)
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


def _build(lo: Reader, data: dict[str, Any], source: str, digest: str) -> Scenario | None:
    # The order of the steps is the order of the problems a user reads.
    if not _top_level(lo, data):
        return None
    head = Table(lo, data.get("scenario", {}), "scenario")
    if "scenario" not in data:
        lo.problem("scenario", "required table [scenario] is missing")
    tables = {name: lo.items(data, name, name in REQUIRED_ARRAYS) for name in ARRAYS}
    # Claim every id first so references resolve regardless of order.
    ids = {name: [lo.claim(t) for t in tables[name]] for name in ARRAYS}
    statuses = sections.statuses(lo, head)
    lo.symbols = Symbols(
        indicators=frozenset(i for i in ids["indicators"] if i),
        tracks=frozenset(i for i in ids["tracks"] if i),
        statuses=tuple((s.id, s.start) for s in statuses),
        options=frozenset(i for i in ids["options"] if i),
        events=frozenset(i for i in ids["events"] if i),
        turns=len(tables["turns"]),
        terms=frozenset(i for i in ids["terms"] if i),
    )
    # References are checked against every claimed id, so that one broken
    # table does not also make every reference to it "unknown".
    actor_ids = {i: None for i in ids["actors"] if i}
    parts = _sections(lo, head, tables, ids, actor_ids, bool(statuses))
    return _scenario(lo, head, parts, actor_ids, statuses, source, digest)


def _top_level(lo: Reader, data: dict[str, Any]) -> bool:
    """Check the keys outside [scenario]; False when the file is no scenario at all."""
    fmt = data.get("format", MISSING)
    if fmt is MISSING:
        lo.problem("format", "required key is missing (format = 1)")
    elif type(fmt) is not int or fmt != FORMAT_VERSION:  # neither true nor 1.0
        lo.problem("format", f"unsupported format {fmt!r}; this game reads format {FORMAT_VERSION}")
        return False
    if isinstance(data.get("scenario"), str):
        # A save names its scenario by id; say so once instead of a dozen unknown keys.
        lo.problem("scenario", "this is a save or replay script, not a scenario (open it "
                   "with 'wargame replay FILE' or 'wargame play --load FILE')")
        return False
    for key in data:
        if key not in ARRAYS and key not in ("format", "scenario"):
            lo.problem("", f"unknown key '{key}'")
    return True


def _sections(lo: Reader, head: Table, tables: dict[str, list[Table]],
              ids: dict[str, list[str | None]], actor_ids: dict[str, None],
              has_statuses: bool) -> dict[str, tuple[Any, ...]]:
    """Every section built, by array name, in the order their problems are reported."""
    def build(name: str, make: Callable[[Table, str], Any]) -> tuple[Any, ...]:
        return sections.each(tables[name], ids[name], make)

    claimed = {name: {i: None for i in ids[name] if i} for name in ARRAYS}
    turn_ids = claimed["turns"]
    out = {"actors": build("actors", sections.actor)}
    if tables["tracks"] and not has_statuses:
        head.problem("track_statuses", "required when the scenario has tracks")
    out["indicators"] = build("indicators", sections.indicator)
    out["tracks"] = build("tracks", lambda t, i: sections.track(t, i, actor_ids))
    out["turns"] = build("turns",
                         lambda t, i: sections.turn(t, i, actor_ids, claimed["tracks"]))
    out["options"] = build("options",
                           lambda t, i: sections.option(lo, t, i, actor_ids, turn_ids))
    out["events"] = build("events", lambda t, i: sections.event(lo, t, i, turn_ids))
    out["endings"] = build("endings", lambda t, i: sections.ending(lo, t, i))
    out["policies"] = build("policies", sections.policy)
    out["objectives"] = build("objectives",
                              lambda t, i: sections.objective(lo, t, i, actor_ids))
    built: dict[str, dict[str, Any]] = {name: {x.id: x for x in out[name]}
                                        for name in ("tracks", "options")}
    out["terms"] = build("terms", lambda t, i: sections.term(lo, t, i, claimed, built))
    built["terms"] = {x.id: x for x in out["terms"]}
    out["packages"] = build("packages",
                            lambda t, i: sections.package(lo, t, i, claimed, built))
    # Positions: 1-based play order for turns, file order for the rest.
    for name, first in (("turns", 1), ("options", 0), ("events", 0), ("terms", 0),
                        ("packages", 0)):
        for n, item in enumerate(out[name], first):
            object.__setattr__(item, "index", n)
    return out


def _scenario(lo: Reader, head: Table, parts: dict[str, tuple[Any, ...]],
              actor_ids: dict[str, None], statuses: tuple[Status, ...], source: str,
              digest: str) -> Scenario | None:
    """The checks that span sections, the [scenario] table's own keys, then the Scenario."""
    finals = [e for e in parts["endings"] if e.final]
    if parts["endings"] and not any(e.when is None for e in finals):
        lo.problem("endings", "at least one ending needs final = true and no `when`, "
                   "so that every game ends")
    seed = head.get("seed", (int,), "an integer", 0)
    if seed is not None and seed < 0:
        head.problem("seed", f"{seed} is negative; a seed is 0 or more, as on the command line")
    seats = head.id_list("default_seats", actor_ids, "actor", ())
    actor_by_id = {a.id: a for a in parts["actors"]}
    for seat in seats or ():
        if seat in actor_by_id and not actor_by_id[seat].playable:
            head.problem("default_seats", f"actor '{seat}' is not playable")
    values = dict(
        id=head.ident(), title=head.text("title"), summary=head.text("summary", ""),
        history=head.text("history", ""),
        default_policy=_default_policy(head, parts["policies"]),
    )
    head.used.add("track_statuses")
    head.finish()
    if lo.problems or any(v is None for v in values.values()):
        return None
    return Scenario(
        id=values["id"], title=values["title"], summary=values["summary"], seed=seed or 0,
        default_seats=seats or (), track_statuses=statuses, actors=parts["actors"],
        indicators=parts["indicators"], tracks=parts["tracks"], turns=parts["turns"],
        options=parts["options"], events=parts["events"], endings=parts["endings"],
        policies=parts["policies"], objectives=parts["objectives"],
        terms=parts["terms"], packages=parts["packages"], history=values["history"],
        default_policy=values["default_policy"],
        source=source, sha256=digest,
    )


def _default_policy(head: Table, policies: tuple[Any, ...]) -> str | None:
    """``scenario.default_policy``: a doctrine of the file, or ``standard`` (always there)."""
    ident = head.text("default_policy", "standard")
    known = ["standard", *(p.id for p in policies if p.id != "standard")]
    if ident is not None and ident not in known:
        head.problem("default_policy", f"unknown doctrine '{ident}' (known: {', '.join(known)})")
        return None
    return ident  # type: ignore[no-any-return]


# -- finding scenarios -------------------------------------------------------

def resolve_scenario(arg: str) -> Path:
    """A SCENARIO argument: a path to a file, or the id of a bundled scenario."""
    path = Path(arg)
    if path.suffix == ".toml" or exists(path) or "/" in arg or "\\" in arg:
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

