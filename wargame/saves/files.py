"""Saves and replay scripts: TOML files that replay a game from its start.

A save is written atomically (temporary file, fsync, rename), so a crash
leaves the old file or the new one, never half of either. A writer killed
mid-save leaves its temporary file behind; writing or listing saves removes
such leftovers (see savetemp.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from wargame import FORMAT_VERSION
from wargame.engine.setup import MODES, Mode, Teams, policy_data
from wargame.engine.state import OFFER, Forecast, LogEntry
from wargame.errors import SaveError, ScenarioError, WargameError
from wargame.paths import (
    AUTOSAVE,
    file_kind,
    saves_dir,  # noqa: F401 - where saves live; re-exported
)
from wargame.records import fields_eq, fields_hash, fields_repr
from wargame.saves.temp import remove_stale_temp_files, temp_tag
from wargame.scenario.load import ID_RE, bundled_path, load_scenario
from wargame.scenario.model import Scenario
from wargame.tomlio import control_problem, dumps, parse_toml, read_bytes, write_atomic

if TYPE_CHECKING:  # the engine is imported when a game is loaded, not to list or name saves
    from wargame.engine.game import Game

TOP_KEYS = {"format", "scenario", "scenario_file", "scenario_sha256", "seed", "seats",
            "policy", "log", "expect", "meta", "teams", "mode"}
LOG_KEYS = {"turn", "actor", "option", "inject", "adjust", "by", "note", "pass", "offer", "to",
            "answer", "rewound_from", "forecast", "stand_in", "answer_stand_in"}
FORECAST_KEYS = {"actor", "option", "offer", "confidence"}
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
            *(f"lpt{i}" for i in range(10))}
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,79}\Z")
SAVE_MARK = "# wargame save"
END_MARK = "# end of save"
"""A save the game writes starts with SAVE_MARK and ends with END_MARK, so that a
file cut short (a full disk, an interrupted copy) is refused instead of loading a
shorter game or a different seed; hand-written scripts carry neither."""


def list_saves(folder: Path) -> list[Path]:
    """The saves in ``folder``, newest first, after removing stale temporary files."""
    remove_stale_temp_files(folder)
    found = []
    try:
        for path in Path(folder).glob("*.toml"):
            try:
                found.append((path.stat().st_mtime, path))
            except OSError:  # removed while listing
                continue
    except OSError:
        return []
    return [path for _, path in sorted(found, key=lambda pair: pair[0], reverse=True)]


@attrs.frozen
class SaveFile:
    """A save or replay script as read, before its scenario is resolved."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    path: Path
    scenario: str
    scenario_file: str
    scenario_sha256: str
    seed: int
    seats: tuple[str, ...]
    policy: str | Mapping[str, str] | None
    """None: the save names none, so AI actors play the scenario's default doctrine."""
    log: tuple[LogEntry, ...]
    expect: Mapping[str, Any]
    meta: Mapping[str, Any]
    teams: Teams
    """Extension: team name -> the seats it plays."""
    mode: Mode | None
    """Extension: ``training`` or ``exercise``; None when the file does not say."""


@attrs.frozen
class Loaded:
    """A save turned into a game, with the warnings a user should see."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    game: Game
    file: SaveFile
    warnings: tuple[str, ...]


def save_path(name: str, folder: Path) -> Path:
    """The file for a save name; refuses anything that could leave the folder."""
    stem = name[:-5] if name.endswith(".toml") else name
    if "\x00" in stem or "/" in stem or "\\" in stem or stem in ("", ".", ".."):
        raise SaveError(name, "", "a save name may not contain slashes, NUL or be empty")
    if ".." in stem or not NAME_RE.match(stem):
        raise SaveError(name, "", "a save name uses letters, digits, space, '_', '-' and '.', "
                        "starts with a letter or digit and has at most 80 characters")
    if stem.split(".")[0].strip().lower() in RESERVED:
        raise SaveError(name, "", "that name is reserved on some systems; choose another")
    # Lower case: on a case-insensitive disk 'Autosave' is the autosave's file.
    if stem.lower() == AUTOSAVE:
        raise SaveError(name, "", "that name is kept for the autosave, which the game "
                        "overwrites after every turn; choose another")
    return folder / f"{stem}.toml"


def fresh_name(folder: Path, base: str) -> str:
    """``base``, or ``base-2``, ``base-3``...: the first with no save in ``folder``."""
    name, n = base, 1
    while (folder / f"{name}.toml").exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _entry_dict(entry: LogEntry) -> dict[str, Any]:
    out: dict[str, Any] = {"turn": entry.turn}
    if entry.rewound_from:
        out["rewound_from"] = entry.rewound_from
    elif entry.inject:
        out["inject"] = entry.inject
    elif entry.adjust:
        out["adjust"] = entry.adjust
        out["by"] = int(entry.by) if float(entry.by).is_integer() else entry.by
    else:
        out["actor"] = entry.actor
        if entry.passed:
            out["pass"] = True
        elif entry.kind == "offer":
            out["offer"] = entry.package or list(entry.offer)
            if entry.to:
                out["to"] = entry.to
            if entry.answer:
                out["answer"] = entry.answer
        else:
            out["option"] = entry.option
    if entry.note:
        out["note"] = entry.note
    if entry.forecast:
        out["forecast"] = [_forecast_dict(f) for f in entry.forecast]
    if entry.stand_in:
        out["stand_in"] = entry.stand_in
    if entry.answer_stand_in:
        out["answer_stand_in"] = entry.answer_stand_in
    return out


def _forecast_dict(f: Forecast) -> dict[str, Any]:
    out: dict[str, Any] = {"actor": f.actor}
    if f.option == OFFER:
        out["offer"] = True
    elif f.option:
        out["option"] = f.option
    if f.option:
        c = f.confidence
        out["confidence"] = int(c) if c is not None and float(c).is_integer() else c
    return out


def to_toml(game: Game, path: Path, meta: Mapping[str, Any] | None = None,
            teams: Teams | None = None, mode: Mode | None = None) -> str:
    """The text of a save of ``game`` to be written at ``path``.

    Teams and mode are the game's setup's unless given.
    """
    sc = game.scenario
    teams = game.setup.teams if teams is None else teams
    mode = game.setup.mode if mode is None else mode
    data: dict[str, Any] = {"format": FORMAT_VERSION, "scenario": sc.id}
    if sc.source:
        try:
            rel = os.path.relpath(Path(sc.source).resolve(), path.resolve().parent)
        except ValueError:  # another drive on Windows
            rel = str(Path(sc.source).resolve())
        data["scenario_file"] = Path(rel).as_posix()
    if sc.sha256:
        data["scenario_sha256"] = sc.sha256
    data["seed"] = game.seed
    data["seats"] = list(game.seats)
    data["policy"] = policy_data(game.policy)
    if mode:
        data["mode"] = mode
    if teams:
        data["teams"] = {name: list(seats) for name, seats in teams.items()}
    info: dict[str, Any] = {
        "saved_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "turn": game.turn.id,
        "date": game.turn.date,
    }
    if game.ending:
        info["ending"] = game.ending.id
    info.update(meta or {})
    data["meta"] = info
    data["log"] = [_entry_dict(e) for e in game.outcome.log]
    return (f"{SAVE_MARK} of {sc.id}; the last line marks a complete file\n"
            f"{dumps(data)}{END_MARK}\n")


def write_save(game: Game, path: str | Path, **extra: Any) -> Path:
    """Write a save atomically; the folder is created on first save."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, to_toml(game, path, **extra), tag=temp_tag())
    except OSError as exc:
        raise SaveError(str(path), "", f"cannot write the save: {exc.strerror or exc}") from exc
    remove_stale_temp_files(path.parent)
    return path


def _text(data: dict[str, Any], key: str, src: str, where: str, default: Any = None) -> Any:
    value = data.get(key, default)
    if value is None:
        raise SaveError(src, where or key, f"required key '{key}' is missing")
    if not isinstance(value, str):
        raise SaveError(src, f"{where}.{key}" if where else key, "must be text")
    _plain(value, src, f"{where}.{key}" if where else key)
    return value


def _plain(value: Any, src: str, where: str) -> None:
    """Refuse a control character anywhere in ``value`` (text, or a small table of it)."""
    if isinstance(value, str):
        bad = control_problem(value)
        if bad is not None:
            raise SaveError(src, where, bad)
    elif isinstance(value, dict):
        for key, item in value.items():
            _plain(key, src, where)
            _plain(item, src, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _plain(item, src, f"{where}[{i}]")


def _known(item: Any, where: str, src: str, keys: set[str], what: str = "a table") -> None:
    """``item`` is a table whose every key is one of ``keys``; else a SaveError at ``where``."""
    if not isinstance(item, dict):
        raise SaveError(src, where, f"must be {what}")
    for key in item:
        if key not in keys:
            raise SaveError(src, where, f"unknown key '{key}'")


def _log_entry(item: Any, i: int, src: str) -> LogEntry:
    where = f"log[{i}]"
    _known(item, where, src, LOG_KEYS)
    turn = _text(item, "turn", src, where)
    note = _text(item, "note", src, where, "")
    kinds = [k for k in ("option", "inject", "adjust", "pass", "offer", "rewound_from")
             if k in item]
    if len(kinds) != 1:
        raise SaveError(src, f"{where} (turn '{turn}')", "needs exactly one of option, offer, "
                        "inject, adjust, rewound_from (or pass = true)")
    kind = kinds[0]
    for key in ("to", "answer"):
        if key in item and kind != "offer":
            raise SaveError(src, f"{where} (turn '{turn}')", f"`{key}` belongs to an offer")
    if "forecast" in item and kind not in ("option", "offer"):
        raise SaveError(src, f"{where} (turn '{turn}')", "only a seat's decision (an option "
                        "or an offer) has a forecast")
    if kind in ("option", "pass", "offer"):
        return _stood_in(_seat_entry(item, kind, turn, note, where, src), item, where, src)
    for key in ("stand_in", "answer_stand_in"):
        if key in item:
            raise SaveError(src, f"{where} (turn '{turn}')", f"`{key}` belongs to a seat's "
                            "decision or answer")
    if kind == "rewound_from":
        return LogEntry(turn, rewound_from=_text(item, "rewound_from", src, where), note=note)
    if kind == "inject":
        return LogEntry(turn, inject=_text(item, "inject", src, where), note=note)
    by = item.get("by")  # the one kind left: adjust
    if isinstance(by, bool) or not isinstance(by, (int, float)):
        raise SaveError(src, f"{where} (turn '{turn}')", "`by` must be a number")
    return LogEntry(turn, adjust=_text(item, "adjust", src, where), by=float(by), note=note)


def _seat_entry(item: dict[str, Any], kind: str, turn: str, note: str, where: str,
                src: str) -> LogEntry:
    """A seat's decision: an option, a pass or an offer (with its answer)."""
    actor = _text(item, "actor", src, where)
    if kind == "pass":
        if item["pass"] is not True:
            raise SaveError(src, f"{where} (turn '{turn}')", "`pass` must be true")
        return LogEntry(turn, actor, passed=True, note=note)
    forecast = _forecasts(item.get("forecast", []), f"{where}.forecast", src)
    if kind == "offer":
        entry = _offer_entry(item, turn, actor, note, f"{where} (turn '{turn}')", src)
        return attrs.evolve(entry, forecast=forecast) if forecast else entry
    return LogEntry(turn, actor, _text(item, "option", src, where), note=note,
                    forecast=forecast)


def _stood_in(entry: LogEntry, item: dict[str, Any], where: str, src: str) -> LogEntry:
    """A seat's entry with the doctrines of the AI that stood in for it (an extension)."""
    stand_in = _text(item, "stand_in", src, where, "")
    answer_stand_in = _text(item, "answer_stand_in", src, where, "")
    if answer_stand_in and not entry.answer:
        raise SaveError(src, f"{where} (turn '{entry.turn}')", "`answer_stand_in` belongs "
                        "to an offer's answer")
    if not (stand_in or answer_stand_in):
        return entry
    return attrs.evolve(entry, stand_in=stand_in, answer_stand_in=answer_stand_in)


def _forecasts(raw: Any, where: str, src: str) -> tuple[Forecast, ...]:
    """A decision's ``forecast = [{ actor, option | offer = true, confidence }, ...]``
    (an extension)."""
    if not isinstance(raw, list):
        raise SaveError(src, where, "must be an array of tables { actor, option or offer, "
                        "confidence }")
    out = []
    for i, item in enumerate(raw):
        at = f"{where}[{i}]"
        _known(item, at, src, FORECAST_KEYS, "a table { actor, option or offer, confidence }")
        actor = _text(item, "actor", src, at)
        option = _expected(item, at, src)
        confidence = item.get("confidence")
        if confidence is not None and (isinstance(confidence, bool)
                                       or not isinstance(confidence, (int, float))):
            raise SaveError(src, f"{at}.confidence", "must be a number from 0 to 1")
        out.append(Forecast(actor, option,
                            None if confidence is None else float(confidence)))
    return tuple(out)


def _expected(item: dict[str, Any], at: str, src: str) -> str:
    """What a forecast expects: an option's id, ``OFFER`` for ``offer = true``, or ""."""
    if "offer" not in item:
        option = str(_text(item, "option", src, at, ""))
        if option == OFFER:  # the internal mark is no option id; a save says offer = true
            raise SaveError(src, f"{at}.option", f"'{option}' is not an option id "
                            "(an offer is expected with offer = true)")
        return option
    if "option" in item:
        raise SaveError(src, f"{at}.offer", "a forecast expects an option or an offer, "
                        "not both")
    if item["offer"] is not True:
        raise SaveError(src, f"{at}.offer", "must be true (the actor will make an offer)")
    return OFFER


def _offer_entry(item: dict[str, Any], turn: str, actor: str, note: str, where: str,
                 src: str) -> LogEntry:
    """``offer = [terms]`` with ``to``, or ``offer = "<package>"``; ``answer`` optional."""
    offer, to, answer = item["offer"], item.get("to", ""), item.get("answer", "")
    if not isinstance(to, str):
        raise SaveError(src, where, "`to` must be an actor id")
    if answer not in ("", "accept", "reject"):
        raise SaveError(src, where, "`answer` must be 'accept' or 'reject'")
    if isinstance(offer, str):
        return LogEntry(turn, actor, package=offer, to=to, answer=answer, note=note)
    if not isinstance(offer, list) or not offer or not all(isinstance(t, str) for t in offer):
        raise SaveError(src, where, "`offer` must be a package id or a list of term ids")
    if not to:
        raise SaveError(src, where, "an offer of terms needs `to`, the answerer")
    return LogEntry(turn, actor, offer=tuple(offer), to=to, answer=answer, note=note)


def _cut_short(data: bytes | str) -> bool:
    """A save the game wrote that lost its end (see END_MARK)."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    text = text.removeprefix("\ufeff")
    return text.startswith(SAVE_MARK) and not text.rstrip().endswith(END_MARK)


def parse_save(data: bytes | str, path: Path) -> SaveFile:
    src = str(path)
    if _cut_short(data):
        raise SaveError(src, "", f"the save is incomplete: it ends before its last line "
                        f"'{END_MARK}' (cut short by a full disk or an interrupted copy?); "
                        "load an earlier save or the autosave")
    parsed, problem = parse_toml(data, src)
    if problem is not None:
        raise SaveError(problem.source, problem.where, problem.message)
    assert parsed is not None
    fmt = parsed.get("format")
    if fmt is None:
        raise SaveError(src, "format", "required key is missing; is this a wargame save?")
    if type(fmt) is not int or fmt != FORMAT_VERSION:  # neither true nor 1.0
        raise SaveError(src, "format", f"unsupported save format {fmt!r}; this game reads "
                        f"format {FORMAT_VERSION}")
    if isinstance(parsed.get("scenario"), dict):
        raise SaveError(src, "scenario", "this is a scenario file, not a save or replay "
                        "script (play it with 'wargame run' or 'wargame play')")
    for key in parsed:
        if key not in TOP_KEYS:
            raise SaveError(src, "", f"unknown key '{key}'")
    scenario = _text(parsed, "scenario", src, "")
    seed = parsed.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise SaveError(src, "seed", "must be an integer")
    if seed < 0:
        raise SaveError(src, "seed", f"{seed} is negative; a seed is 0 or more, as on the "
                        "command line")
    for key in ("seats", "policy", "teams", "expect", "meta"):
        _plain(parsed.get(key), src, key)
    seats = parsed.get("seats", [])
    if not isinstance(seats, list) or not all(isinstance(s, str) for s in seats):
        raise SaveError(src, "seats", "must be a list of actor ids")
    policy = parsed.get("policy")
    if policy is None:
        pass
    elif isinstance(policy, dict):
        if not all(isinstance(v, str) for v in policy.values()):
            raise SaveError(src, "policy", "must map actor ids to doctrine ids")
    elif not isinstance(policy, str):
        raise SaveError(src, "policy", "must be a doctrine id or a table actor = doctrine")
    log = parsed.get("log", [])
    if not isinstance(log, list):
        raise SaveError(src, "log", "must be an array of tables ([[log]])")
    teams = parsed.get("teams", {})
    if not isinstance(teams, dict) or not all(
            isinstance(v, list) and all(isinstance(s, str) for s in v) for v in teams.values()):
        raise SaveError(src, "teams", "must map team names to lists of seats")
    for key in ("expect", "meta"):
        if not isinstance(parsed.get(key, {}), dict):
            raise SaveError(src, key, "must be a table")
    mode = parsed.get("mode", "")
    if mode not in ("", *MODES):
        raise SaveError(src, "mode", "must be 'training' or 'exercise'")
    return SaveFile(
        path=path, scenario=scenario,
        scenario_file=_text(parsed, "scenario_file", src, "", ""),
        scenario_sha256=_text(parsed, "scenario_sha256", src, "", ""),
        seed=seed, seats=tuple(seats), policy=policy,
        log=tuple(_log_entry(item, i, src) for i, item in enumerate(log)),
        expect=parsed.get("expect", {}), meta=parsed.get("meta", {}),
        teams={k: tuple(v) for k, v in teams.items()}, mode=mode or None,
    )


def read_save(path: str | Path) -> SaveFile:
    path = Path(path)
    data, problem = read_bytes(path)
    if problem is not None:
        raise SaveError(problem.source, problem.where, problem.message)
    assert data is not None
    return parse_save(data, path)


def scenario_for(save: SaveFile) -> tuple[Scenario, list[str]]:
    """The scenario a save names: its file if it exists, else the bundled one."""
    src = str(save.path)
    warnings: list[str] = []
    candidate = _scenario_file(save)
    tried = f" (tried {save.path.parent / save.scenario_file})" if save.scenario_file else ""
    if candidate is None:
        candidate = bundled_path(save.scenario) if ID_RE.match(save.scenario) else None
    if candidate is None:
        raise SaveError(src, "scenario_file" if tried else "scenario",
                        f"no scenario file{tried} and no bundled scenario '{save.scenario}'")
    try:
        scenario = load_scenario(candidate)
    except ScenarioError as exc:
        more = len(exc.problems) - 1
        raise SaveError(src, "scenario_file", f"its scenario does not load: {exc.problems[0]}"
                        + (f" (and {more} more: wargame validate {candidate})" if more else "")
                        ) from exc
    if scenario.id != save.scenario:
        raise SaveError(src, "scenario", f"the save is for '{save.scenario}', "
                        f"but {candidate} holds '{scenario.id}'")
    if save.scenario_sha256 and save.scenario_sha256 != scenario.sha256:
        warnings.append(f"{save.path}: made with a different version of {candidate} "
                        "(its digest differs); the log still applies")
    return scenario, warnings


def _scenario_file(save: SaveFile) -> Path | None:
    """The save's ``scenario_file``: a regular ``.toml`` file, or None when nothing is there.

    A save can come from anywhere: it may name ``/etc/shadow``, ``/dev/tty``
    or ``/proc/self/environ``. Only a scenario file is read; anything else is
    refused by name before it is opened.
    """
    if not save.scenario_file:
        return None
    candidate = save.path.parent / save.scenario_file
    if candidate.suffix.lower() != ".toml":
        raise SaveError(str(save.path), "scenario_file", f"{candidate} is not a .toml file; "
                        "a scenario is one")
    try:
        mode = candidate.stat().st_mode
    except (OSError, ValueError):  # nothing there (or a name no system could look up)
        return None
    if not stat.S_ISREG(mode):
        raise SaveError(str(save.path), "scenario_file", f"{candidate} is {file_kind(mode)}, "
                        "not a scenario file")
    return candidate


def load_game(path: str | Path, auto: bool = False,
              scenario: Scenario | None = None) -> Loaded:
    """Read a save and replay it into a Game; every problem is a WargameError."""
    from wargame.engine.game import Game, GameError, Setup, check_policy

    save = read_save(path)
    warnings: list[str] = []
    if scenario is None:
        scenario, warnings = scenario_for(save)
    src = str(save.path)
    try:
        check_policy(scenario, save.policy)  # before the seats: the message it has given
        policy = scenario.default_policy if save.policy is None else save.policy
        setup = Setup(scenario, save.seed, save.seats, policy, save.teams, save.mode)
        game = Game.start(setup, save.log, auto)
    except GameError as exc:
        raise SaveError(src, "", str(exc)) from exc
    except ScenarioError:
        raise
    except WargameError as exc:
        raise SaveError(src, "", str(exc)) from exc
    return Loaded(game, save, tuple(warnings))
