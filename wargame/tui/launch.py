"""What the command line asked the interface for: the title screen starts from it.

``wargame.cli.play`` builds a ``Launch`` once every check has passed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from wargame.paths import saves_dir
from wargame.records import fields_eq, fields_hash, fields_repr
from wargame.scenario.catalog import ScenarioCard

if TYPE_CHECKING:
    from wargame.engine.setup import Mode, Setup
    from wargame.saves.files import Loaded
    from wargame.scenario.model import Scenario


@attrs.frozen
class Launch:
    """What the command line asked for; the title screen starts from it."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    scenario: Scenario | ScenarioCard
    """A card only for the bundled default, before its full load."""
    seed: int | None = None
    """None: the scenario's own seed."""
    seats: tuple[str, ...] | None = None
    """None: the scenario's default seats."""
    policy: str | dict[str, str] | None = None
    mode: Mode = "training"
    saves: Path = attrs.field(factory=saves_dir)
    loaded: Loaded | None = None
    """A save to resume at once, skipping the title screen."""
    password: str = attrs.field(default="", repr=False)
    """The white cell's password (``--facilitator-password``); empty: none."""

    def setup_for(self, scenario: Scenario) -> Setup:
        """The setup of a game of ``scenario`` as asked for; the scenario's where not."""
        from wargame.engine.setup import Setup

        seed = scenario.seed if self.seed is None else self.seed
        return Setup(scenario, seed, self.seats or scenario.default_seats,
                     self.policy if self.policy is not None else "standard", mode=self.mode)
