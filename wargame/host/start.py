"""Where a hosted table starts: an ordinary save's text, kept in the journal.

A new game is written as the save it would be at its first turn, a loaded
one is its save file's text, so both resume the same way, and the journal
needs nothing the save format does not already say. The scenario file
itself is found again by its path (and its digest checked), as for a save.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from wargame.errors import SaveError, WargameError
from wargame.table.model import Mode, Table


@attrs.frozen
class Start:
    """The table's start: a save's text and the place it is read from."""

    save: str
    """The save's TOML text."""
    path: str
    """The file it is read as: a relative ``scenario_file`` is found from its folder."""
    hidden: bool = False
    """Decisions stay hidden, numbers included, until their turn resolves."""

    def to_plain(self) -> dict[str, Any]:
        return attrs.asdict(self)

    @classmethod
    def from_plain(cls, data: Any) -> Start:
        if not isinstance(data, Mapping) or not isinstance(data.get("save"), str) \
                or not isinstance(data.get("path"), str):
            raise WargameError("the journal's start is damaged")
        return cls(data["save"], data["path"], bool(data.get("hidden", False)))


def start_from_table(table: Table, path: Path) -> Start:
    """A new table's start, written as a save would be at ``path``."""
    from wargame.saves.files import to_toml

    text = to_toml(table.game, path, teams=table.teams, mode=table.mode)
    return Start(text, str(path.resolve()), table.hidden)


def start_from_save(save: Path) -> Start:
    """A saved game's start; the save is read and checked now, not at the first screen."""
    from wargame.tomlio import read_bytes

    data, problem = read_bytes(save)
    if problem is not None:
        raise SaveError(problem.source, problem.where, problem.message)
    assert data is not None
    start = Start(data.decode("utf-8", "replace"), str(save.resolve()))
    table_from_start(start)
    return start


def table_from_start(start: Start) -> Table:
    """The table a start describes, with one screen per team (no hand-overs)."""
    from wargame.engine.game import Game
    from wargame.saves.files import parse_save, scenario_for

    save = parse_save(start.save, Path(start.path))
    scenario, _ = scenario_for(save)
    try:
        game = Game.new(scenario, save.seed, save.seats, save.policy, save.log)
    except WargameError as exc:
        raise SaveError(start.path, "", str(exc)) from exc
    mode: Mode = "exercise" if save.mode == "exercise" else "training"
    table = Table.new(game, dict(save.teams) or None, mode, shared_screen=False)
    return attrs.evolve(table, hidden=start.hidden)
