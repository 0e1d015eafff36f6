"""The scenario file as a screen of one role is sent it: others' secret objectives left out.

A SeatView carries what changes; the scenario's static text (names,
briefings, options) goes to each screen once, as TOML. A secret objective is
a hidden agenda: until the game ends, only its actor's team (and the white
cell) may read it, so the copy a team receives does not hold the others'.
Nothing else in a scenario refers to an objective, so the copy still loads.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from wargame.errors import WargameError
from wargame.tomlio import dumps, parse_toml, read_bytes


def read_raw(source: str) -> dict[str, Any]:
    """The scenario file's tables, as the host read it at start."""
    data, problem = read_bytes(Path(source))
    if problem is None and data is not None:
        parsed, problem = parse_toml(data, source)
        if problem is None and parsed is not None:
            return parsed
    raise WargameError(str(problem) if problem else f"{source}: cannot read the scenario")


def scenario_text(raw: dict[str, Any], seats: Collection[str] | None) -> str:
    """The scenario for a screen that plays ``seats``; None: everything (white cell, ending)."""
    if seats is None:
        return dumps(raw)
    copy = dict(raw)
    copy["objectives"] = [o for o in raw.get("objectives", ())
                          if not o.get("secret", False) or o.get("actor") in seats]
    if not copy["objectives"]:
        del copy["objectives"]
    return dumps(copy)
