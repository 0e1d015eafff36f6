"""Fuzzing the scenario loader and the save reader with mutated and random files.

Whatever a file holds, the loader may only answer with a Scenario or its own
error (ScenarioError), and the save reader with a game or a WargameError;
never another exception, never a hang. A mutated scenario that still loads
must also play to an ending. Each case is keyed by a seed, so a failure
names the seed and the mutations that reproduce it.

Default run: a few hundred cases; ``-m soak``: ten thousand or more.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from wargame.engine.game import Game
from wargame.errors import ScenarioError, WargameError
from wargame.saves.files import load_game, read_save, write_save
from wargame.scenario.load import parse_scenario
from wargame.tomlio import parse_toml

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.toml"
SOURCES = {"mini": MINI, "january_2022": ROOT / "scenarios" / "january_2022.toml"}
HANG_SECONDS = 20
"""Far beyond any real case (milliseconds): only a hang reaches it."""

EXPR_TOKENS = ["(", ")", " and ", " or ", "not ", "==", "!=", "<", ">=", "'", '"', ".",
               ".status", ".progress", "chose(", "fired(", ",", "/", "*", "-", "0", "1.5",
               "9" * 400, "1e9", " ", "é", "\u202e", "\\", "turn", "turns", "min(", "abs(",
               "true", "false", "tension", "[", "=", "&&", "\n"]
TEXT_TOKENS = ["[[", "]]", "[", "]", "=", '"', "'", '"""', "'''", "#", "\\u0000", "\\",
               "{", "}", ",", "\n", "\r\n", "\t", "x = ", "[actors]", "[[turns]]",
               "inf", "nan", "1979-05-27", "07:32:00", "0x1F", "1e400", "9" * 5000,
               "\x00", "\ufeff", "\ud7ff", "a.b.c = 1"]


class Hang(Exception):
    pass


@contextlib.contextmanager
def no_hang(what: str) -> Iterator[None]:
    def fire(signum: int, frame: Any) -> None:
        raise Hang(f"no answer after {HANG_SECONDS}s: {what}")

    old = signal.signal(signal.SIGALRM, fire)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# -- mutations of a parsed table ---------------------------------------------

def _spots(value: Any, path: tuple = ()) -> Iterator[tuple]:
    """Every (container, key) in a parsed file, for picking a place to mutate."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (value, key, path + (key,))
            yield from _spots(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield (value, i, path + (i,))
            yield from _spots(item, path + (i,))


def _odd_value(rng: random.Random) -> Any:
    return rng.choice([
        0, -1, 1.5, -1e308, 10 ** 400, -(10 ** 400), 2 ** 63, "", "x", "x" * 30_000, True,
        False, [], {}, [1, "a"], {"a": 1}, {"id": 1}, dt.date(1, 1, 1),
        dt.datetime(2022, 1, 10, 7, 0), dt.time(7, 32), "\x00", "tension >= ",
        "\u202e\u0301", ["x"] * 1000, [[[[[[[]]]]]]], "a" * 5000,
    ])


def _deep(rng: random.Random, value: Any) -> Any:
    for _ in range(rng.randint(10, 120)):
        value = [value] if rng.random() < 0.5 else {"a": value}
    return value


def _misspell(rng: random.Random, text: str, ids: list[str]) -> str:
    if ids and rng.random() < 0.3:
        return rng.choice(ids)
    if not text:
        return "x"
    i = rng.randrange(len(text))
    return rng.choice([
        text[:i] + text[i + 1:], text[:i] + rng.choice("abz_9-. A") + text[i:],
        text.upper(), text + "s", text[::-1], " " + text, (text * 400)[:40_000],
    ])


def _mangle(rng: random.Random, source: str) -> str:
    for _ in range(rng.randint(1, 4)):
        i = rng.randint(0, len(source))
        j = min(len(source), i + rng.randint(0, 6))
        source = source[:i] + rng.choice(EXPR_TOKENS) * rng.randint(1, 60) + source[j:]
    return source


def _ids(table: dict[str, Any]) -> list[str]:
    out = []
    for value in table.values():
        if isinstance(value, list):
            out += [t["id"] for t in value if isinstance(t, dict) and isinstance(t.get("id"), str)]
    return out


def mutate_table(rng: random.Random, table: Any, dict_only: bool = False,
                 soak: bool = False) -> list[str]:
    """Mutate a parsed file in place; returns what was done, for the failure message."""
    done = []
    ids = _ids(table) if isinstance(table, dict) else []
    for _ in range(rng.randint(1, 3)):
        spots = list(_spots(table))
        if not spots:
            break
        holder, key, path = rng.choice(spots)
        value = holder[key]
        kind = rng.choice(["drop", "swap", "swap", "misspell", "mangle", "deep", "huge",
                           "duplicate", "unknown", *(["nonfinite"] if dict_only else [])])
        if kind == "drop":
            del holder[key]
        elif kind == "swap":
            holder[key] = _odd_value(rng)
        elif kind == "misspell" and isinstance(value, str):
            holder[key] = _misspell(rng, value, ids)
        elif kind == "mangle" and isinstance(value, str):
            holder[key] = _mangle(rng, value)
        elif kind == "deep":
            holder[key] = _deep(rng, value)
        elif kind == "huge":
            # a megabyte takes tomllib seconds to read: kept for the soak run
            sizes = [20_001, 60_000, *([1_000_000] if soak and rng.random() < 0.1 else [])]
            holder[key] = rng.choice("AZ é\"'\\\n") * rng.choice(sizes)
        elif kind == "duplicate" and isinstance(holder, list):
            holder.insert(key, holder[key])
        elif kind == "unknown" and isinstance(value, dict):
            value[rng.choice(["idd", "effect", "whne", "from", "Id", "x" * 200])] = 1
        elif kind == "nonfinite":
            holder[key] = rng.choice([float("nan"), float("inf"), -float("inf")])
        else:
            kind = "swap"
            holder[key] = _odd_value(rng)
        done.append(f"{kind} at {'.'.join(map(str, path))[:120]}")
    return done


# -- mutations of the text ---------------------------------------------------

def mutate_text(rng: random.Random, text: str) -> tuple[str | bytes, list[str]]:
    done = []
    lines = text.splitlines(keepends=True)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choice(["delete", "duplicate", "swap", "insert", "truncate", "bytes"])
        if not lines:
            lines = [""]
        i = rng.randrange(len(lines))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "insert":
            at = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:at] + rng.choice(TEXT_TOKENS) + lines[i][at:]
        elif kind == "truncate":
            lines = lines[:i] + [lines[i][:rng.randint(0, len(lines[i]))]]
        done.append(f"{kind} line {i}")
        if kind == "bytes":
            raw = bytearray("".join(lines).encode("utf-8", "surrogatepass"))
            for _ in range(rng.randint(1, 8)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            return bytes(raw), done
    return "".join(lines), done


def random_toml(rng: random.Random, depth: int = 0) -> dict[str, Any]:
    """A random table with scenario-like keys, to reach the loader's type checks."""
    keys = ["format", "scenario", "actors", "indicators", "tracks", "turns", "options",
            "events", "endings", "policies", "objectives", "id", "when", "effects", "from",
            "start", "min", "max", "bands", "track_statuses", "final", "weight", "x"]
    out: dict[str, Any] = {}
    for _ in range(rng.randint(0, 6)):
        key = rng.choice(keys)
        roll = rng.random()
        if depth < 4 and roll < 0.3:
            out[key] = random_toml(rng, depth + 1)
        elif depth < 4 and roll < 0.5:
            out[key] = [random_toml(rng, depth + 1) for _ in range(rng.randint(0, 3))]
        elif key == "format" and roll < 0.8:
            out[key] = 1
        else:
            out[key] = _odd_value(rng)
    return out


# -- the checks --------------------------------------------------------------

def loads_or_refuses(data: str | bytes | dict[str, Any], what: str) -> bool:
    """A Scenario or a ScenarioError with messages; a loaded one plays to an ending.

    Returns whether the data loaded.
    """
    with no_hang(what):
        try:
            sc = parse_scenario(data, "fuzz.toml")
        except ScenarioError as exc:
            assert exc.problems, what
            assert all(p.message and p.source == "fuzz.toml" for p in exc.problems), what
            return False
        except Exception as exc:  # noqa: BLE001 - the point of the test
            pytest.fail(f"{type(exc).__name__}: {str(exc)[:300]} <- {what}")
        try:
            game = Game.new(sc, 7, (), None, auto=True)
        except Exception as exc:  # noqa: BLE001
            pytest.fail(f"loaded but did not play: {type(exc).__name__}: {exc} <- {what}")
        assert game.over, what
        for target, value in game.state.values.items():
            low, high = sc.bounds[target]
            assert low <= value <= high, (target, value, what)
    return True


def _base_table(name: str) -> dict[str, Any]:
    parsed, problem = parse_toml(SOURCES[name].read_bytes(), name)
    assert problem is None and parsed is not None
    return parsed


@pytest.fixture(scope="module")
def bases() -> dict[str, tuple[str, dict[str, Any]]]:
    return {name: (path.read_text(encoding="utf-8"), _base_table(name))
            for name, path in SOURCES.items()}


def _copy(table: Any) -> Any:
    if isinstance(table, dict):
        return {k: _copy(v) for k, v in table.items()}
    if isinstance(table, list):
        return [_copy(v) for v in table]
    return table


def _pick_base(rng: random.Random, soak: bool) -> str:
    # january_2022 is fifty times larger than mini and as slow to load: the
    # default run mostly mutates mini, the soak run both alike.
    return "january_2022" if rng.random() < (0.5 if soak else 0.15) else "mini"


def fuzz_tables(bases: dict, seeds: range, soak: bool = False) -> Counter[bool]:
    """Returns how many mutated tables loaded (True) and were refused (False)."""
    outcomes: Counter[bool] = Counter()
    for seed in seeds:
        rng = random.Random(seed)
        name = _pick_base(rng, soak)
        as_dict = rng.random() < 0.3
        table = _copy(bases[name][1])
        done = mutate_table(rng, table, dict_only=as_dict, soak=soak)
        what = f"seed {seed}, {name}, {'dict' if as_dict else 'text'}: {done}"
        outcomes[loads_or_refuses(table if as_dict else tomli_w.dumps(table), what)] += 1
    return outcomes


def fuzz_texts(bases: dict, seeds: range, soak: bool = False) -> None:
    for seed in seeds:
        rng = random.Random(seed)
        roll = rng.random()
        if roll < 0.1:
            data: str | bytes = rng.randbytes(rng.randint(0, 400))
            what = f"seed {seed}: random bytes"
        elif roll < 0.3:
            data = tomli_w.dumps(random_toml(rng))
            what = f"seed {seed}: random TOML"
        else:
            name = _pick_base(rng, soak)
            data, done = mutate_text(rng, bases[name][0])
            what = f"seed {seed}, {name}: {done}"
        loads_or_refuses(data, what)


def test_mutated_scenario_tables_load_or_give_the_loaders_error(bases):
    outcomes = fuzz_tables(bases, range(250))
    # Guards the fuzzer itself: most mutations must be refused, and some must
    # still load (a dropped optional key), or half of the checks never run.
    assert outcomes[False] > 100 and outcomes[True] > 5, outcomes


def test_mutated_and_random_scenario_texts_load_or_give_the_loaders_error(bases):
    fuzz_texts(bases, range(250))


@pytest.mark.soak
def test_soak_scenario_tables(bases):
    fuzz_tables(bases, range(300, 10_300), soak=True)


@pytest.mark.soak
def test_soak_scenario_texts(bases):
    fuzz_texts(bases, range(300, 10_300), soak=True)


# -- saves -------------------------------------------------------------------

def _base_saves(folder: Path) -> list[dict[str, Any]]:
    """Saves of the mini scenario: AI-only, waiting for a seat, white cell, finished."""
    from wargame.scenario.load import load_scenario

    sc = load_scenario(MINI)
    waiting = Game.new(sc, 5, ("west",), "dove")
    white = waiting.adjust("tension", -20, 'note "quoted"\nand a newline').decide("warn")
    white = white.inject("maybe", "white cell")
    finished = Game.new(sc, 3, (), {"east": "dove"}, auto=True)
    out = []
    for i, game in enumerate((waiting, white, finished)):
        path = write_save(game, folder / f"base{i}.toml")
        parsed, problem = parse_toml(path.read_bytes(), str(path))
        assert problem is None and parsed is not None
        out.append(parsed)
    return out


def reads_or_refuses(path: Path, what: str) -> None:
    with no_hang(what):
        for load in (read_save, load_game):
            try:
                load(path)
            except WargameError as exc:
                assert str(exc), what
            except Exception as exc:  # noqa: BLE001
                pytest.fail(f"{load.__name__}: {type(exc).__name__}: {str(exc)[:300]} "
                            f"<- {what}")


def fuzz_saves(folder: Path, seeds: range, soak: bool = False) -> None:
    bases = _base_saves(folder)
    texts = [tomli_w.dumps(b) for b in bases]
    target = folder / "fuzzed.toml"
    for seed in seeds:
        rng = random.Random(seed)
        roll = rng.random()
        if roll < 0.6:
            table = _copy(rng.choice(bases))
            done = mutate_table(rng, table, soak=soak)
            data: str | bytes = tomli_w.dumps(table)
        else:
            data, done = mutate_text(rng, rng.choice(texts))
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8",
                                                                           "surrogatepass"))
        reads_or_refuses(target, f"seed {seed}: {done}")


def test_mutated_saves_load_or_give_a_wargame_error(tmp_path):
    fuzz_saves(tmp_path, range(250))


@pytest.mark.soak
def test_soak_saves(tmp_path):
    fuzz_saves(tmp_path, range(300, 10_300), soak=True)


# -- what the fuzzer found, kept as named cases -------------------------------

def _mini_with(old: str, new: str) -> str:
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


@pytest.mark.parametrize(("data", "message"), [
    # tomllib lets Python's 4300-digit limit escape as a bare ValueError
    (_mini_with("start = 50", "start = " + "9" * 5000), "a number has too many digits"),
    # an integer beyond the float range overflowed in float()
    (_mini_with("start = 50", "start = " + "9" * 400), "numbers must be finite"),
    (_mini_with("effects = { tension = 30 }", "effects = { tension = -" + "9" * 400 + " }"),
     "numbers must be finite"),
])
def test_numbers_too_large_are_the_loaders_error(data, message):
    with pytest.raises(ScenarioError) as err:
        parse_scenario(data, "fuzz.toml")
    assert message in str(err.value)


def test_a_table_built_in_python_is_held_to_the_limits_of_a_file():
    table = _base_table("mini")
    table["events"][1]["effects"]["tension"] = float("nan")
    with pytest.raises(ScenarioError) as err:
        parse_scenario(table, "gen")
    assert "events[1].effects.tension: numbers must be finite" in str(err.value)


def test_a_scenario_name_too_long_for_the_system_is_not_found():
    from wargame.scenario.load import find_scenario

    with pytest.raises(ScenarioError) as err:
        find_scenario("a" * 5000)
    assert "no such file, and no bundled scenario" in str(err.value)
