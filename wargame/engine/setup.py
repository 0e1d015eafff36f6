"""How a game was set up: its vocabulary of modes and teams.

Plain data beside the engine: the engine plays a scenario with seats and a
doctrine; teams and mode are how the people at the table play it, carried
with the game into saves and reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Mode = Literal["training", "exercise"]
"""``training`` shows each option's expected effects; ``exercise`` hides them."""
MODES: tuple[Mode, ...] = ("training", "exercise")

Teams = Mapping[str, tuple[str, ...]]
"""Team name -> the human seats it plays."""
