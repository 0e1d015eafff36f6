"""Reading and writing TOML files safely: size limits, clean errors, atomic writes."""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

try:  # the same parser as tomllib (which is tomli, vendored), compiled: ~3x faster
    import tomli as tomllib
except ImportError:  # pragma: no cover - a platform without its wheel: the standard one
    import tomllib  # type: ignore[no-redef]

from wargame.errors import Problem, shown
from wargame.paths import NotAFile, file_kind, read_regular

MAX_BYTES = 4 * 1024 * 1024
"""Larger files are refused: no scenario or save is near this size."""
MAX_DEPTH = 24
"""Deeper nesting than any valid file needs is refused."""
_FLOAT_MAX = int(sys.float_info.max)
_FLOAT_MAX_F = sys.float_info.max
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (C0, DEL, C1) that text may not hold: all but tab and newline."""


def control_problem(text: str) -> str | None:
    """Why ``text`` may not be shown as it is (a control character), or None."""
    bad = CONTROL_RE.search(text)
    if bad is None:
        return None
    return (f"holds the control character {shown(bad.group())} (at character "
            f"{bad.start() + 1}); text may hold no control characters but newline and tab")


def read_bytes(path: Path) -> tuple[bytes | None, Problem | None]:
    """The file's bytes, or the problem that stops reading it."""
    name = str(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return None, Problem(name, "", "no such file")
    except NotAFile as exc:
        return None, Problem(name, "", str(exc.strerror))
    except IsADirectoryError:
        return None, Problem(name, "", "is a folder, not a file")
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        return None, Problem(name, "", f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    if len(data) > MAX_BYTES:
        return None, Problem(name, "", f"file is too large (limit {MAX_BYTES} bytes)")
    return data, None


def parse_toml(data: bytes | str, source: str) -> tuple[dict[str, Any] | None, Problem | None]:
    """Parse TOML text; syntax errors carry line and column."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            return None, Problem(source, "", f"file is too large (limit {MAX_BYTES} bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, Problem(source, "", f"not UTF-8 text (byte {exc.start})")
    else:
        text = data
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, Problem(source, "", f"TOML syntax error: {exc}")
    except RecursionError:
        return None, Problem(source, "", "nested too deeply")
    except ValueError:
        # Python refuses to read integers of more than 4300 digits; tomllib
        # lets that ValueError through instead of a TOMLDecodeError.
        return None, Problem(source, "", "a number has too many digits")
    problem = check_table(parsed, source)
    return (None, problem) if problem else (parsed, None)


def check_table(parsed: dict[str, Any], source: str) -> Problem | None:
    """The limits every parsed file is held to, also for tables built in Python."""
    return None if _fits(parsed, 0) else name_problem(parsed, source)


def name_problem(parsed: dict[str, Any], source: str) -> Problem | None:
    """The slow walks that name what breaks the limits, for a table ``_fits`` refused."""
    deep = _too_deep(parsed, 0)
    if deep:
        return Problem(source, deep, f"nested more than {MAX_DEPTH} levels deep")
    bad = _non_finite(parsed, "")
    if bad is not None:
        return Problem(source, bad, "numbers must be finite (no inf or nan) and within "
                       "±1.7e308")
    return None


def _fits(value: Any, depth: int) -> bool:
    """True when nothing is nested too deep and every number is finite and in range.

    One walk that builds no key paths: every load pays for it, while only a
    bad file needs the paths ``_too_deep`` and ``_non_finite`` spell out.
    """
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, list):
        return not _bad_number(value)
    leaf_ok = depth < MAX_DEPTH
    for item in value:
        kind = type(item)
        if kind is str or kind is bool:  # the common leaves, settled at once
            if not leaf_ok:
                return False
        elif kind is float:
            if not (leaf_ok and -_FLOAT_MAX_F <= item <= _FLOAT_MAX_F):  # also false for nan
                return False
        elif kind is int:
            if not (leaf_ok and -_FLOAT_MAX <= item <= _FLOAT_MAX):
                return False
        elif not _fits(item, depth + 1):
            return False
    return True


def _bad_number(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    # An integer beyond the float range would overflow where it is used as a number.
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > _FLOAT_MAX


def _too_deep(value: Any, depth: int) -> str:
    if depth > MAX_DEPTH:
        return "(top)"
    if isinstance(value, dict):
        for key, item in value.items():
            if _too_deep(item, depth + 1):
                return str(key)
    elif isinstance(value, list):
        for item in value:
            if _too_deep(item, depth + 1):
                return "(array)"
    return ""


def _non_finite(value: Any, path: str) -> str | None:
    if _bad_number(value):
        return path or "(top)"
    if isinstance(value, dict):
        for key, item in value.items():
            found = _non_finite(item, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _non_finite(item, f"{path}[{i}]")
            if found is not None:
                return found
    return None


def dumps(data: dict[str, Any]) -> str:
    import tomli_w  # only saves and reports write TOML; loading need not import it

    return tomli_w.dumps(data, multiline_strings=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()
"""Read once, at import: os.umask is process-wide, and saves are written in threads."""


def _mode_for(path: Path) -> int:
    """The file's permissions if it exists, else what a new file gets (0666 less umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_UMASK


TEMP_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
"""The 8 random characters of a temporary file's name are drawn from these."""


def _open_temp(folder: Path, prefix: str) -> tuple[int, Path]:
    """A new file ``<prefix><8 random characters>.tmp`` in ``folder``, open for writing, 0600.

    Made by hand, as tempfile.mkstemp does (O_EXCL, retried on a clash):
    importing tempfile costs a start that reads but never writes ~10 ms.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        name = "".join(TEMP_CHARS[b % len(TEMP_CHARS)] for b in os.urandom(8))
        tmp = folder / f"{prefix}{name}.tmp"
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name in {folder}")


def write_atomic(path: Path, data: str | bytes, tag: str = "", *, durable: bool = True,
                 mode: int | None = None) -> None:
    """Write a file so that a crash leaves either the old file or the new one.

    The data goes to a temporary file in the same folder, then is renamed over
    the target. ``durable``: the file is fsynced before the rename and the
    folder after it, so the rename survives a power cut (saves, reports); a
    cache that can lose an entry skips both. The temporary file is named
    ``.<name>.<tag><8 random characters>.tmp``; a caller that cleans up after
    killed writers puts in ``tag`` what tells them apart (saves.py: host, pid).
    ``mode``: the new file's permissions; by default the old file's, or what a
    new file gets under the umask.
    """
    path = Path(path)
    folder = path.parent
    _check_replaceable(path)
    mode = _mode_for(path) if mode is None else mode
    blob = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = _open_temp(folder, f".{path.name}.{tag}")
    try:
        # The temporary file is 0600; a save replaced by it would lose the
        # permissions a shared seminar folder relies on.
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        _fsync_folder(folder)


def _check_replaceable(path: Path) -> None:
    """Raise NotAFile unless ``path`` is missing or a regular file (not followed).

    The rename would replace whatever sits there: a symbolic link the user
    made on purpose, a FIFO another program reads, a device (as root even
    /dev/full). None of those is ours to replace.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise NotAFile(errno.EEXIST, f"{file_kind(mode)} is there, not a regular file; "
                       "it is left as it is")


def _fsync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
