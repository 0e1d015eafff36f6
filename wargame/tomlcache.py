"""A cache of parsed scenario files, so a start-up skips the TOML parse (issue 3).

``tomllib`` is pure Python: it takes ~12 ms of a ~29 ms start on the bundled
64 KB scenario, and the same file is parsed at every start. This module keeps
the parsed table of each scenario file, pickled, and hands it back when a
file with exactly the same bytes is read again.

- Key: a BLAKE2b hash of the file's exact bytes, the cache format and the
  Python minor version. Any edit is a new key; nothing is keyed on mtime.
- Value: the table ``tomllib`` gave, written only after it passed
  ``tomlio.check_table``. The loader checks every rule of the scenario on it
  as before: only the parse is skipped. Each entry carries its key and a
  hash of its payload, and unpickling admits no class but the date and time
  types TOML has, so a torn, corrupt or foreign file is a miss, never a
  wrong table.
- Where: ``WARGAME_CACHE`` (empty or ``off``: no cache), else
  ``$XDG_CACHE_HOME/wargame``, else ``~/.cache/wargame``; entries live in its
  ``toml`` folder, at most MAX_ENTRIES, the least recently used going first.
- Safe: a cache never fails a load. Any problem reading or writing (no home,
  a read-only or full disk, a bad entry) falls back to parsing; a bad entry
  is replaced by the next write; writes are atomic (temporary file in the
  same folder, then ``os.replace``).

Trust model: as ssh's for ``~/.ssh``. The cache folder (and the one that
holds it) must be the user's own: a symbolic link, a folder of another user
or one every user may write to is not used (``trusted``; every file is then
parsed, and stderr says why once). Whoever can write to a folder the user
owns can already change what the user runs; the restricted unpickler, the
hashes and the walk that refuses shared references (``_is_tree``) guard
against accidents and against an entry built to be slow, not against that
user.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import stat
import sys
import time
from pathlib import Path
from typing import Any

from wargame.errors import Problem
from wargame.tomlio import MAX_BYTES, check_table, parse_toml, read_regular, write_atomic

CACHE_FORMAT = 1
"""Bump when an entry's layout changes: old entries then simply miss."""
MIN_BYTES = 4096
"""Smaller files parse faster than a cache entry is found and read."""
MAX_ENTRIES = 64
"""Entries kept; a write beyond this removes the least recently used."""
MAX_ENTRY_BYTES = 16 * MAX_BYTES
"""An entry larger than this is no table of a file ``tomlio`` would read: a miss."""
TEMP_MAX_AGE = 600.0
"""Seconds after which a temporary file left by a killed writer is removed."""

_MAGIC = b"wargame-toml-cache\n"
_SALT = f"wargame tomlcache {CACHE_FORMAT} py{sys.version_info[0]}.{sys.version_info[1]}\n"
_KEY_LEN = 32
_SUM_LEN = 16
_HEAD = len(_MAGIC) + _KEY_LEN + _SUM_LEN
_SUFFIX = ".pickle"
# The only classes a TOML table holds besides str, int, float, bool, list, dict.
_ALLOWED = frozenset({("datetime", "date"), ("datetime", "time"), ("datetime", "datetime"),
                      ("datetime", "timezone"), ("datetime", "timedelta")})


class _TableUnpickler(pickle.Unpickler):
    """Unpickles a TOML table and nothing else: any other class is refused."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a TOML table")


def cache_dir() -> Path | None:
    """The folder of the entries, or None when caching is off or has no home."""
    env = os.environ.get("WARGAME_CACHE")
    if env is not None:
        if env.strip().lower() in ("", "off"):
            return None
        return Path(env) / "toml"
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative value is ignored
        return Path(xdg) / "wargame" / "toml"
    try:
        return Path.home() / ".cache" / "wargame" / "toml"
    except (RuntimeError, KeyError, OSError):  # no home to be found
        return None


def parse_cached(data: bytes, source: str) -> tuple[dict[str, Any] | None, Problem | None]:
    """``tomlio.parse_toml`` of a file's bytes, from the cache when it holds them.

    Same result as ``parse_toml`` in every case: a problem is never cached,
    so a bad file is parsed and reported each time.
    """
    folder = cache_dir() if len(data) >= MIN_BYTES else None
    if folder is None or not trusted(folder):
        return parse_toml(data, source)
    key = _key(data)
    path = folder / f"{key.hex()}{_SUFFIX}"
    table = _read(path, key)
    # A cached table is held to the same limits as a parsed one (cheap: one walk,
    # once it is known to be a tree: shared references would make it exponential).
    if table is not None and _is_tree(table) and check_table(table, source) is None:
        return table, None
    parsed, problem = parse_toml(data, source)
    if parsed is not None:
        _write(folder, path, key, parsed)
    return parsed, problem


def trusted(folder: Path) -> bool:
    """Whether the cache folder and the one that holds it are the user's own, as ssh asks.

    Each that exists must be a real folder (not a symbolic link), owned by
    this user and not writable by every user: otherwise anyone could put a
    table there that this user's game then plays. Refused, the cache is not
    used (every file is parsed) and stderr says why, once per process.
    """
    for each in (folder.parent, folder):
        try:
            info = os.lstat(each)
        except FileNotFoundError:
            continue  # made by the first write, 0700
        except OSError:
            return False
        why = _untrusted(info)
        if why is not None:
            _say_once(f"wargame: the parse cache {each} is not used: {why} (see "
                      "WARGAME_CACHE in the README)\n")
            return False
    return True


def _untrusted(info: os.stat_result) -> str | None:
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return "it belongs to another user"
    if info.st_mode & stat.S_IWOTH:
        return "every user may write to it"
    return None


_said: set[str] = set()


def _say_once(message: str) -> None:
    if message not in _said:
        _said.add(message)
        try:
            sys.stderr.write(message)
        except (OSError, ValueError, AttributeError):  # no stderr to speak of
            pass


def _is_tree(value: Any) -> bool:
    """True when no table or array occurs twice in ``value`` (as in every parsed file).

    A pickle can refer to one list many times: 24 levels of a list holding
    the next twice are a 2 KB entry whose plain walk visits 16 million
    leaves. This walk visits each table and array once and stops at the
    first seen twice (or at a cycle).
    """
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if id(item) in seen:  # every item is alive in the table: ids are not reused
            return False
        seen.add(id(item))
        children = item.values() if isinstance(item, dict) else item
        stack.extend(x for x in children if isinstance(x, (dict, list)))
    return True


def _key(data: bytes) -> bytes:
    digest = hashlib.blake2b(_SALT.encode(), digest_size=_KEY_LEN)
    digest.update(data)
    return digest.digest()


def _read(path: Path, key: bytes) -> dict[str, Any] | None:
    """The table stored under ``key``, or None for a missing or bad entry."""
    try:
        blob = read_regular(path, MAX_ENTRY_BYTES)  # a FIFO or a device there: a miss
    except OSError:
        return None
    if len(blob) > MAX_ENTRY_BYTES:
        return None
    head, payload = blob[:_HEAD], memoryview(blob)[_HEAD:]
    if head[:len(_MAGIC)] != _MAGIC or head[len(_MAGIC):len(_MAGIC) + _KEY_LEN] != key:
        return None
    if head[-_SUM_LEN:] != hashlib.blake2b(payload, digest_size=_SUM_LEN).digest():
        return None  # torn or corrupted on disk
    try:
        table = _TableUnpickler(io.BytesIO(payload)).load()
    except Exception:  # any unpickling error at all is a miss
        return None
    if not isinstance(table, dict):
        return None
    _touch(path)
    return table


def _touch(path: Path) -> None:
    """Mark an entry used, so the pruning keeps it (least recently used goes)."""
    try:
        os.utime(path)
    except OSError:
        pass


def _write(folder: Path, path: Path, key: bytes, table: dict[str, Any]) -> None:
    """Store ``table`` atomically; silently give up on any problem."""
    try:
        payload = pickle.dumps(table, protocol=5)
        blob = _MAGIC + key + hashlib.blake2b(payload, digest_size=_SUM_LEN).digest() + payload
        # Both levels private: trusted() refuses a folder every user may write to.
        folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder.mkdir(exist_ok=True, mode=0o700)
        _prune(folder, MAX_ENTRIES - 1)
        # Not durable: an entry lost or torn by a power cut is only a miss (the
        # hash catches it), and a first start should not wait for the disk.
        write_atomic(path, blob, durable=False, mode=0o600)
    except Exception:  # a cache must never fail a load
        return


def _prune(folder: Path, keep: int) -> None:
    """Leave at most ``keep`` entries, dropping the least recently used, and
    remove temporary files that killed writers left long ago."""
    entries: list[tuple[float, str]] = []
    now = time.time()
    with os.scandir(folder) as found:
        for item in found:
            try:
                mtime = item.stat(follow_symlinks=False).st_mtime
            except OSError:
                continue
            if _is_entry(item.name):
                entries.append((mtime, item.name))
            elif _is_temp(item.name) and now - mtime > TEMP_MAX_AGE:
                _unlink(folder / item.name)
    entries.sort()
    for _, name in entries[:max(0, len(entries) - keep)]:
        _unlink(folder / name)


def _is_entry(name: str) -> bool:
    stem = name[:-len(_SUFFIX)] if name.endswith(_SUFFIX) else ""
    return len(stem) == 2 * _KEY_LEN and all(c in "0123456789abcdef" for c in stem)


def _is_temp(name: str) -> bool:
    """``.<entry>.<random>.tmp``, as ``tomlio.write_atomic`` names its temporary files."""
    return (name.startswith(".") and name.endswith(".tmp")
            and _is_entry(name[1:].rsplit(".", 2)[0]))


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:  # another process was first, or a read-only folder
        pass
