"""A scenario at a glance: what the title screen lists before the whole file is loaded.

Loading the bundled scenario (imports of the loader and the expression
language, the whole TOML file, every check) is ~45 ms; the title's first
frame needs only the id, the title and the summary. ``peek`` reads them from
the ``[scenario]`` table at the top of the file, parsing that table alone.
The full load follows right after the first frame, so every rule of the
format still holds before a game starts.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from wargame.paths import read_regular
from wargame.records import fields_eq, fields_hash, fields_repr

if TYPE_CHECKING:
    from wargame.scenario.model import Scenario

_SCENARIO_TABLE = re.compile(r"^[ \t]*\[scenario\][ \t]*(?:#.*)?$", re.MULTILINE)
_NEXT_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
MAX_PEEK = 64 * 1024
"""A [scenario] table longer than this is not a glance: load the file instead."""


@attrs.frozen
class ScenarioCard:
    """The title, summary and source of a scenario; turns and date once loaded."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str
    title: str
    summary: str
    source: str
    turns: int | None = None
    first_date: dt.date | None = None


def card_of(scenario: Scenario) -> ScenarioCard:
    return ScenarioCard(scenario.id, scenario.title, scenario.summary, scenario.source,
                        len(scenario.turns), scenario.turns[0].date)


def peek(path: Path) -> ScenarioCard | None:
    """The card from the file's ``[scenario]`` table, or None when a glance cannot tell.

    None is no verdict on the file: the caller loads it in full and reports
    whatever is wrong with it.
    """
    try:
        text = read_regular(path, MAX_PEEK)[:MAX_PEEK].decode("utf-8")
    except (OSError, UnicodeDecodeError, ValueError):  # a FIFO or a device too: no wait
        return None
    start = _SCENARIO_TABLE.search(text)
    if start is None:
        return None
    end = _NEXT_TABLE.search(text, start.end())
    if end is None:
        return None  # the table may run past what was read
    try:
        table = tomllib.loads(text[start.start():end.start()]).get("scenario")
    except tomllib.TOMLDecodeError:
        return None  # e.g. a multi-line string with a line that looks like a table
    if not isinstance(table, dict):
        return None
    ident, title, summary = (table.get(key) for key in ("id", "title", "summary"))
    if not all(isinstance(value, str) and value.strip() for value in (ident, title, summary)):
        return None
    return ScenarioCard(str(ident), str(title), str(summary), str(path))
