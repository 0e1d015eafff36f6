"""How a game was set up: the scenario, the seed, the seats, the doctrine, teams and mode.

Plain data beside the engine: the engine plays a scenario with seats and a
doctrine; teams and mode are how the people at the table play it, carried
with the game into saves and reports. The title screen, the game, its save
and its report all hold one ``Setup`` rather than each its own copy of these.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal

import attrs

from wargame.records import fields_eq, fields_hash, fields_repr

if TYPE_CHECKING:  # the title's first frame imports this module, not the scenario's records
    from wargame.scenario.model import Scenario

Mode = Literal["training", "exercise"]
"""``training`` shows each option's expected effects; ``exercise`` hides them."""
MODES: tuple[Mode, ...] = ("training", "exercise")

Teams = Mapping[str, tuple[str, ...]]
"""Team name -> the human seats it plays."""

PolicySpec = str | Mapping[str, str]
"""The AI doctrine: one doctrine id for every AI actor, or actor id -> doctrine id."""


def policy_text(spec: PolicySpec) -> str:
    """``hawk``, or ``russia=hawk, us=dove``: as the transcript and statistics print it."""
    if isinstance(spec, str):
        return spec
    return ", ".join(f"{a}={p}" for a, p in spec.items())


def policy_data(spec: PolicySpec) -> str | dict[str, str]:
    """The doctrine as a save and the JSON transcript write it: an id or a table."""
    return spec if isinstance(spec, str) else dict(spec)


def team_of(teams: Teams | None, seat: str) -> str | None:
    """The team that plays a seat; None when no team does."""
    for name, seats in (teams or {}).items():
        if seat in seats:
            return name
    return None


@attrs.frozen
class Setup:
    """What a game is started with; the log of what happened is the game's."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    scenario: Scenario
    seed: int
    """The seed of every keyed draw."""
    seats: tuple[str, ...] = ()
    """Human seats (actor ids); the AI plays the others."""
    policy: PolicySpec = "standard"
    """The AI doctrine."""
    teams: Teams = attrs.field(factory=dict)
    """Team name -> the human seats it plays; empty when nobody said."""
    mode: Mode | None = None
    """None when nobody said (a headless run, an old save)."""
