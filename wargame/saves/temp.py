"""Leftovers of killed saves: which temporary files no running save will finish.

A save is written to ``.<save>.toml.<host>-<pid>.<8 random>.tmp`` and renamed
over the save (tomlio.write_atomic). A writer killed in between leaves that
file. Writing or listing saves removes such files, and only those: the name
must match exactly, the file must be a regular file, and either its writer
(on this machine) is gone or it is older than any save could take.
"""

from __future__ import annotations

import os
import re
import stat
import time
import zlib
from pathlib import Path

TEMP_RE = re.compile(r"\.(?P<save>.+\.toml)\.(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]{1,10})"
                     r"\.[a-z0-9_]{8}\.tmp\Z")
"""A save's temporary file: ``.<save>.toml.<host>-<pid>.<8 random>.tmp``; nothing
else in a saves folder is ever removed (a user's ``.notes.tmp`` stays)."""
TEMP_GRACE = 5.0
"""Seconds a temporary file is left alone even if its writer looks gone: a save
takes milliseconds, so anything younger may be in flight on another machine or
in another container that shares the folder."""
TEMP_MAX_AGE = 15 * 60.0
"""Seconds after which a temporary file is stale whoever wrote it (another
machine, or a pid reused since), since no save takes that long."""
_NODE = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
_HOST = f"{zlib.crc32(_NODE.encode('utf-8', 'replace')):08x}"
"""Pids mean something only on the machine that wrote them. (os.uname, not
socket.gethostname: importing socket costs start-up ~25 ms.)"""


def temp_tag() -> str:
    """What this process puts in its temporary files' names (read at each write:
    a forked child has its own pid)."""
    return f"{_HOST}-{os.getpid()}."


def _writer_gone(host: str, pid: int) -> bool:
    """True only when the writer surely is not running."""
    if host != _HOST or os.name != "posix" or pid <= 0 or pid == os.getpid():
        return False  # on Windows os.kill would end the process, not probe it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):  # EPERM: alive, someone else's
        return False
    return False


def stale_temp_files(folder: Path, now: float | None = None) -> list[Path]:
    """Temporary files of saves in ``folder`` that no running save will finish:
    the writer (same machine) is gone and the file is past TEMP_GRACE, or the
    file is past TEMP_MAX_AGE. Regular files matching TEMP_RE only."""
    now = time.time() if now is None else now
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    stale = []
    for name in names:
        match = TEMP_RE.match(name)
        if match is None:
            continue
        path = Path(folder) / name
        try:
            info = path.lstat()
        except OSError:
            continue
        age = now - info.st_mtime
        if not stat.S_ISREG(info.st_mode) or age < TEMP_GRACE:
            continue
        if age > TEMP_MAX_AGE or _writer_gone(match["host"], int(match["pid"])):
            stale.append(path)
    return stale


def remove_stale_temp_files(folder: Path) -> int:
    """Remove what ``stale_temp_files`` finds; never raises. Returns how many went."""
    removed = 0
    for path in stale_temp_files(folder):
        try:
            path.unlink()
            removed += 1
        except OSError:  # another cleaner was first, or a read-only folder
            continue
    return removed
