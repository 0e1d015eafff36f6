"""What the title's form fields mean: the seed and the teams line. Plain Python.

Light on purpose: the title screen imports it for its first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wargame.errors import UsageError

if TYPE_CHECKING:
    from wargame.scenario.model import Scenario


def parse_seed(text: str) -> int | None:
    """The title's seed field: empty for the scenario's own, else a whole number >= 0."""
    text = text.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or len(text) > 30:
        raise UsageError(f"seed: '{text[:40]}' is not a whole number of 0 or more")
    return int(text)


def parse_teams(text: str, scenario: Scenario,
                seats: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``Washington=us,nato; Moscow=russia``; seats left out get a team of their own."""
    from wargame.table.model import Refused, check_teams, complete_teams  # with the game

    teams: dict[str, tuple[str, ...]] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        name, sep, members = part.partition("=")
        ids = tuple(m.strip() for m in members.split(",") if m.strip())
        if not sep or not name.strip() or not ids:
            raise UsageError(f"teams: '{part}' is not Name=seat,seat")
        teams[name.strip()] = ids
    teams = complete_teams(teams, scenario, seats)
    try:
        check_teams(teams, seats)  # the table's rule: each seat in one team, no white cell
    except Refused as exc:
        raise UsageError(str(exc)) from None
    return teams
