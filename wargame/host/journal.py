"""The host's journal: the table's start and every request it accepted, in sqlite3.

A hosted table is its start (the setup, or the save it was loaded from) and
the requests it accepted, in order, as a game is its log. Each accepted
request is committed here before any screen hears of it, so a host killed
at any moment (SIGKILL, a power cut with ``synchronous=FULL``) and started
again on the same file rebuilds the same table by applying them again.

The codes are kept too: the screens that were connected come back with the
codes their teams already hold.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from wargame.errors import WargameError

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests (
    seq INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    role TEXT NOT NULL,
    screen TEXT NOT NULL,
    body TEXT NOT NULL
);
"""


class JournalError(WargameError):
    """A journal that cannot be opened, read or continued."""

    def __init__(self, path: Path, message: str):
        super().__init__(f"{path}: {message}")


@attrs.frozen
class Entry:
    """One accepted request as the journal holds it."""

    seq: int
    """1, 2, ...: the table's version after this request."""
    at: float
    """Wall-clock time it was accepted (seconds since the epoch)."""
    role: str
    """Who sent it: a team's name or the white cell."""
    screen: str
    """The name the sending screen gave itself."""
    body: Mapping[str, Any]
    """The request, as it came over the wire."""


class Journal:
    """An open journal file. One host holds it at a time."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db

    @classmethod
    def open(cls, path: str | Path) -> Journal:
        path = Path(path)
        if path.exists() and not path.is_file():
            raise JournalError(path, "is not a regular file")
        try:
            db = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                 timeout=0.5)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.executescript(SCHEMA)
            # A second host on the same file would interleave two tables.
            db.execute("PRAGMA locking_mode=EXCLUSIVE")
            db.execute("BEGIN IMMEDIATE")
            db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                raise JournalError(path, "another host has this journal open") from exc
            raise JournalError(path, f"cannot open the journal ({exc})") from exc
        except sqlite3.DatabaseError as exc:
            raise JournalError(path, f"not a journal this host can use ({exc})") from exc
        journal = cls(path, db)
        version = journal.meta("schema")
        if version is not None and version != SCHEMA_VERSION:
            db.close()
            raise JournalError(path, f"journal format {version}, this host reads "
                               f"{SCHEMA_VERSION}")
        return journal

    def close(self) -> None:
        self._db.close()

    # -- the start ----------------------------------------------------------------
    def meta(self, key: str) -> Any:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    @property
    def started(self) -> bool:
        return self.meta("start") is not None

    def begin(self, start: Mapping[str, Any], codes: Mapping[str, str]) -> None:
        """Write the table's start and its codes, once, in one transaction."""
        if self.started:
            raise JournalError(self.path, "already holds a table")
        with self._transaction():
            for key, value in (("schema", SCHEMA_VERSION), ("start", start),
                               ("codes", codes), ("created", time.time())):
                self._db.execute("INSERT INTO meta VALUES (?, ?)", (key, json.dumps(value)))

    # -- the requests -----------------------------------------------------------------
    def append(self, role: str, screen: str, body: Mapping[str, Any]) -> int:
        """Commit one accepted request; returns its sequence number."""
        with self._transaction():
            cursor = self._db.execute(
                "INSERT INTO requests (at, role, screen, body) VALUES (?, ?, ?, ?)",
                (time.time(), role, screen, json.dumps(body, separators=(",", ":"))))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def entries(self) -> Iterator[Entry]:
        for seq, at, role, screen, body in self._db.execute(
                "SELECT seq, at, role, screen, body FROM requests ORDER BY seq"):
            yield Entry(seq, at, role, screen, json.loads(body))

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM requests").fetchone()[0])

    class _Tx:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> None:
            self.db.execute("BEGIN IMMEDIATE")

        def __exit__(self, kind: object, *_: object) -> None:
            self.db.execute("ROLLBACK" if kind else "COMMIT")

    def _transaction(self) -> Journal._Tx:
        return Journal._Tx(self._db)
