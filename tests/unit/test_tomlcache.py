"""The parse cache: a second start reads the scenario's table instead of parsing
it, and nothing about the cache can change or break what a load gives."""

from __future__ import annotations

import datetime
import hashlib
import os
import pickle
import shutil
import time
import tomllib
from pathlib import Path

import pytest

from wargame import tomlcache, tomlio
from wargame.errors import ScenarioError
from wargame.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "scenarios" / "january_2022.toml"
MINI = (ROOT / "tests" / "data" / "mini.toml").read_text("utf-8")


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A fresh cache folder for one test; returns where its entries go."""
    monkeypatch.setenv("WARGAME_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "toml"


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """Every call of tomllib.loads, as the loader makes it."""
    calls: list[str] = []
    real = tomllib.loads

    def counted(text: str, **kw):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(text, **kw)

    monkeypatch.setattr(tomlio.tomllib, "loads", counted)
    return calls


def no_parse(monkeypatch) -> None:
    def boom(*args, **kw):  # type: ignore[no-untyped-def]
        raise AssertionError("tomllib.loads called on a cache hit")

    monkeypatch.setattr(tomlio.tomllib, "loads", boom)


def big_mini(tmp_path: Path, tag: str = "", text: str = MINI) -> Path:
    """mini.toml grown past MIN_BYTES by a comment, so that it is cached."""
    path = tmp_path / f"mini{tag}.toml"
    pad = "# " + "padding " * 40 + "\n"
    path.write_text(f"{text}\n# {tag}\n" + pad * (tomlcache.MIN_BYTES // len(pad) + 1), "utf-8")
    assert path.stat().st_size > tomlcache.MIN_BYTES
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def test_a_hit_gives_the_same_table_and_scenario_without_parsing(tmp_path, cache, monkeypatch):
    path = tmp_path / "january_2022.toml"
    shutil.copyfile(BUNDLED, path)
    first = load_scenario(path)
    assert len(entries(cache)) == 1
    want = tomllib.loads(BUNDLED.read_text("utf-8"))
    no_parse(monkeypatch)
    assert load_scenario(path) == first
    table, problem = tomlcache.parse_cached(path.read_bytes(), str(path))
    assert problem is None
    assert table == want
    # The bundled scenario's dates come back as dates, not strings.
    assert isinstance(table["turns"][0]["date"], datetime.date)


def test_an_edit_is_a_miss_even_with_the_same_size_and_time(tmp_path, cache, parses):
    path = big_mini(tmp_path)
    load_scenario(path)
    stamp = path.stat()
    text = path.read_text("utf-8").replace('title = "Mini crisis"', 'title = "Mini crisiz"')
    path.write_text(text, "utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size
    assert load_scenario(path).title == "Mini crisiz"
    assert len(parses) == 2
    assert len(entries(cache)) == 2


def _evil_entry(entry: Path) -> bytes:
    """A well-formed entry (right key, right sum) of the right table, except
    that its title is an object of a class no TOML table holds."""
    blob = entry.read_bytes()
    head = len(tomlcache._MAGIC) + tomlcache._KEY_LEN
    table = pickle.loads(blob[head + tomlcache._SUM_LEN:])
    table["scenario"]["title"] = Path("/etc")
    payload = pickle.dumps(table, protocol=5)
    summed = hashlib.blake2b(payload, digest_size=tomlcache._SUM_LEN).digest()
    return blob[:head] + summed + payload


CORRUPTIONS = {
    "empty": lambda entry, other: b"",
    "truncated": lambda entry, other: entry.read_bytes()[:-100],
    "garbage": lambda entry, other: os.urandom(5000),
    "flipped byte": lambda entry, other: (lambda b: b[:-50] + bytes([b[-50] ^ 1]) + b[-49:])(
        entry.read_bytes()),
    "another file's entry": lambda entry, other: other.read_bytes(),
    "foreign class": lambda entry, other: _evil_entry(entry),
}


@pytest.mark.parametrize("how", CORRUPTIONS)
def test_a_bad_entry_is_a_miss_and_is_rewritten(tmp_path, cache, monkeypatch, how):
    path = big_mini(tmp_path, "a")
    other = big_mini(tmp_path, "b", MINI.replace('title = "Mini crisis"', 'title = "Other"'))
    want = load_scenario(path)
    (entry,) = entries(cache)
    load_scenario(other)
    good = entry.read_bytes()
    entry.write_bytes(CORRUPTIONS[how](entry, [e for e in entries(cache) if e != entry][0]))
    assert load_scenario(path) == want
    assert entry.read_bytes() == good
    no_parse(monkeypatch)  # the rewritten entry is a hit again
    assert load_scenario(path) == want


def test_an_unwritable_cache_is_no_error_and_gets_nothing(tmp_path, monkeypatch, parses):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n", "utf-8")
    monkeypatch.setenv("WARGAME_CACHE", str(blocker))
    path = big_mini(tmp_path)
    assert load_scenario(path).id == "mini"
    assert load_scenario(path).id == "mini"
    assert len(parses) == 2
    assert blocker.read_text("utf-8") == "a file where the cache folder would be\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.toml", "not-a-folder"]


@pytest.mark.parametrize("value", ["off", ""])
def test_cache_off_writes_nothing_anywhere(tmp_path, monkeypatch, parses, value):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("WARGAME_CACHE", value)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xdg"))
    path = big_mini(tmp_path)
    load_scenario(path)
    load_scenario(path)
    assert len(parses) == 2
    assert list(home.iterdir()) == []


def test_without_wargame_cache_the_user_cache_folder_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("WARGAME_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_scenario(big_mini(tmp_path))
    assert len(entries(tmp_path / "xdg" / "wargame" / "toml")) == 1
    monkeypatch.delenv("XDG_CACHE_HOME")
    load_scenario(big_mini(tmp_path, "other"))
    assert len(entries(tmp_path / "home" / ".cache" / "wargame" / "toml")) == 1


def test_a_syntax_error_is_never_cached_and_reads_the_same(tmp_path, cache, monkeypatch):
    path = big_mini(tmp_path, text=MINI.replace('seed = 11', 'seed = = 11'))
    line = MINI.splitlines().index("seed = 11") + 1
    messages = []
    for setting in (str(tmp_path / "cache"), str(tmp_path / "cache"), "off"):
        monkeypatch.setenv("WARGAME_CACHE", setting)
        with pytest.raises(ScenarioError) as info:
            load_scenario(path)
        messages.append(str(info.value))
    assert messages[0] == messages[1] == messages[2]
    assert messages[0].startswith(f"{path}: TOML syntax error")
    assert f"line {line}" in messages[0]
    assert entries(cache) == []


def test_a_cached_table_is_still_checked_by_every_rule(tmp_path, cache, monkeypatch):
    path = big_mini(tmp_path, text=MINI.replace('seed = 11', 'seed = 11\nsede = 12'))
    with pytest.raises(ScenarioError) as first:
        load_scenario(path)
    assert "unknown key 'sede'" in str(first.value)
    assert len(entries(cache)) == 1  # the parse accepted it: only the loader refuses
    no_parse(monkeypatch)
    with pytest.raises(ScenarioError) as second:
        load_scenario(path)
    assert str(second.value) == str(first.value)


def test_small_files_are_parsed_not_cached(cache):
    load_scenario(ROOT / "tests" / "data" / "mini.toml")
    assert entries(cache) == []


def test_at_most_max_entries_are_kept_least_recently_used_going_first(tmp_path, cache):
    paths = [big_mini(tmp_path, str(i)) for i in range(tomlcache.MAX_ENTRIES)]
    aged: list[Path] = []
    for n, path in enumerate(paths):
        tomlcache.parse_cached(path.read_bytes(), str(path))
        # Distinct times, older first, however coarse the file system's clock.
        (entry,) = set(entries(cache)) - set(aged)
        os.utime(entry, (1_000_000 + n, 1_000_000 + n))
        aged.append(entry)
    oldest, second = aged[0], aged[1]
    tomlcache.parse_cached(paths[0].read_bytes(), str(paths[0]))  # a hit: now the newest
    newcomer = big_mini(tmp_path, "new")
    tomlcache.parse_cached(newcomer.read_bytes(), str(newcomer))
    left = entries(cache)
    assert len(left) == tomlcache.MAX_ENTRIES
    assert oldest in left and second not in left


def test_no_temporary_file_is_left_even_when_a_write_fails(tmp_path, cache, monkeypatch):
    load_scenario(big_mini(tmp_path, "a"))

    def full(*args):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tomlcache.os, "replace", full)
    assert load_scenario(big_mini(tmp_path, "b")).id == "mini"
    assert [p.name for p in cache.iterdir()] == [entries(cache)[0].name]


def test_temporary_files_of_killed_writers_are_removed_once_old(tmp_path, cache):
    load_scenario(big_mini(tmp_path, "a"))
    name = entries(cache)[0].name
    stale, fresh, mine = (cache / f".{name}.abcd1234.tmp", cache / f".{name}.efgh5678.tmp",
                          cache / "notes.tmp")
    for path in (stale, fresh, mine):
        path.write_bytes(b"half an entry")
    old = 1_000_000
    os.utime(stale, (old, old))
    os.utime(mine, (old, old))
    load_scenario(big_mini(tmp_path, "b"))
    assert not stale.exists()
    assert fresh.exists() and mine.exists()  # in flight, or not ours


def test_every_kind_of_toml_value_comes_back_equal(tmp_path, cache, monkeypatch):
    text = (
        'offset = 1979-05-27T07:32:00Z\nminus = 1979-05-27T00:32:00.999-07:00\n'
        'local = 1979-05-27T07:32:00\nday = 1979-05-27\nclock = 07:32:00.5\n'
        'big = 9_007_199_254_740_993\nneg = -0.0\nyes = true\nnested = [[1, "a"], {b = 2}]\n'
        'text = "' + "é\\u00e9\U0001f600 " * 400 + '"\n'
    )
    data = text.encode("utf-8")
    assert len(data) > tomlcache.MIN_BYTES
    want = tomllib.loads(text)
    assert tomlcache.parse_cached(data, "kinds.toml") == (want, None)
    no_parse(monkeypatch)
    table, problem = tomlcache.parse_cached(data, "kinds.toml")
    assert problem is None and table == want
    assert table["offset"].tzinfo == want["offset"].tzinfo
    assert table["minus"].utcoffset() == want["minus"].utcoffset()


# -- a cache folder that is not the user's own is not used (as ssh refuses) ------

def _refused(tmp_path: Path, capfd, parses) -> None:
    """Two loads parse the file each time, write nowhere, and say why once."""
    path = big_mini(tmp_path)
    assert load_scenario(path).id == "mini"
    assert load_scenario(path).id == "mini"
    assert len(parses) == 2
    err = capfd.readouterr().err
    assert err.count("is not used") == 1, err


def test_a_cache_folder_that_is_a_symlink_is_not_used(tmp_path, monkeypatch, capfd, parses):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    monkeypatch.setenv("WARGAME_CACHE", str(tmp_path / "link"))
    _refused(tmp_path, capfd, parses)
    assert list(real.iterdir()) == []
    monkeypatch.setenv("WARGAME_CACHE", str(real))  # the toml folder itself a link
    (real / "toml").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    parses.clear()
    _refused(tmp_path, capfd, parses)
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize("level", ["base", "toml"])
def test_a_cache_folder_every_user_may_write_is_not_used(tmp_path, monkeypatch, capfd, parses,
                                                         level):
    base = tmp_path / "cache"
    (base / "toml").mkdir(parents=True, mode=0o700)
    (base if level == "base" else base / "toml").chmod(0o777)
    monkeypatch.setenv("WARGAME_CACHE", str(base))
    _refused(tmp_path, capfd, parses)
    assert entries(base / "toml") == []


def test_a_cache_folder_of_another_user_is_not_used(tmp_path, monkeypatch, capfd, parses):
    if os.geteuid() != 0:
        pytest.skip("giving a folder to another user needs root")
    base = tmp_path / "cache"
    (base / "toml").mkdir(parents=True, mode=0o700)
    os.chown(base / "toml", 65534, 65534)
    monkeypatch.setenv("WARGAME_CACHE", str(base))
    _refused(tmp_path, capfd, parses)
    assert entries(base / "toml") == []


def test_a_new_cache_folder_is_private_at_both_levels(tmp_path, monkeypatch):
    old = os.umask(0o002)  # a group-sharing umask must not make it writable by others
    try:
        monkeypatch.setenv("WARGAME_CACHE", str(tmp_path / "fresh"))
        load_scenario(big_mini(tmp_path))
    finally:
        os.umask(old)
    for folder in (tmp_path / "fresh", tmp_path / "fresh" / "toml"):
        assert folder.stat().st_mode & 0o777 == 0o700
    assert len(entries(tmp_path / "fresh" / "toml")) == 1


def _entry_for(data: bytes, table: object) -> bytes:
    payload = pickle.dumps(table, protocol=5)
    return (tomlcache._MAGIC + tomlcache._key(data)
            + hashlib.blake2b(payload, digest_size=tomlcache._SUM_LEN).digest() + payload)


def test_an_entry_of_shared_references_is_a_quick_miss(tmp_path, cache):
    """A list holding the next one twice, 23 deep: 2 KB of pickle, 8 million leaves."""
    path = big_mini(tmp_path)
    want = load_scenario(path)
    (entry,) = entries(cache)
    table = tomllib.loads(path.read_text("utf-8"))
    shared: list[object] = ["leaf"]
    for _ in range(tomlio.MAX_DEPTH - 2):
        shared = [shared, shared]
    table["scenario"]["history"] = shared
    blob = _entry_for(path.read_bytes(), table)
    assert len(blob) < 8000
    entry.write_bytes(blob)
    start = time.process_time()
    assert load_scenario(path) == want
    assert time.process_time() - start < 2  # a miss at once, not a walk of every leaf
    assert entry.read_bytes() != blob  # and rewritten


def test_a_fifo_where_an_entry_belongs_is_a_miss_not_a_wait(tmp_path, cache, parses):
    path = big_mini(tmp_path)
    load_scenario(path)
    (entry,) = entries(cache)
    entry.unlink()
    os.mkfifo(entry)
    start = time.monotonic()
    assert load_scenario(path).id == "mini"
    assert time.monotonic() - start < 5
    assert len(parses) == 2
