"""Where scenarios and saves live, and reading a file that is surely a file.

Light on purpose: the title's first frame needs it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

DEFAULT_SCENARIO = "january_2022"
"""The scenario `wargame`, `play` and `host` open when none is named."""

AUTOSAVE = "autosave"
"""The name of the game's own save after every turn; a named save may not take it."""


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


def exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def bundled_path(scenario_id: str) -> Path | None:
    for folder in scenario_dirs():
        candidate = folder / f"{scenario_id}.toml"
        if is_file(candidate):
            return candidate
    return None


def saves_dir(override: str | Path | None = None) -> Path:
    """``--saves DIR``, else ``WARGAME_SAVES``, else ``./saves``."""
    if override:
        return Path(override)
    env = os.environ.get("WARGAME_SAVES")
    return Path(env) if env else Path.cwd() / "saves"


def autosave_path(folder: Path) -> Path:
    """The autosave's file in a saves folder."""
    return folder / f"{AUTOSAVE}.toml"


class NotAFile(OSError):
    """A path that names something other than a regular file (a FIFO, a device, a folder)."""


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in a user's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def read_regular(path: Path, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of a regular file; NotAFile for anything else.

    Opened without blocking (O_NONBLOCK: a FIFO with no writer would wait
    forever, a terminal device for a line) and without becoming a
    controlling terminal, then checked with fstat on what was opened, so a
    file swapped in between is caught too. Only then is anything read.
    """
    flags = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
             | getattr(os, "O_BINARY", 0))
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(errno.EINVAL, f"is {file_kind(mode)}, not a file")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
