"""100,000 simulated games of the bundled scenario (opt-in: ``-m soak``).

Every game must end, with every number inside its bounds, every track in a
status the scenario defines and every choice one the scenario offers. The
default run plays a thousand games of each shipped and test scenario.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.analysis.simulate import GameSummary, run_games
from wargame.scenario.load import load_scenario
from wargame.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = {"january_2022": ROOT / "scenarios" / "january_2022.toml",
             "mini": ROOT / "tests" / "data" / "mini.toml"}


def broken(sc: Scenario, game: GameSummary) -> list[str]:
    """What is wrong with one simulated game, as readable lines (empty: nothing)."""
    out = []
    if game.ending not in sc.ending_by_id:
        out.append(f"ending {game.ending!r} is not one of the scenario's")
    if not 1 <= game.turns <= len(sc.turns):
        out.append(f"played {game.turns} turns of {len(sc.turns)}")
    if set(game.values) != set(sc.bounds):
        out.append(f"values for {sorted(game.values)}, not {sorted(sc.bounds)}")
    for target, value in game.values.items():
        low, high = sc.bounds.get(target, (0.0, 0.0))
        if not low <= value <= high:
            out.append(f"{target} = {value} outside {low:g}..{high:g}")
    statuses = {s.id for s in sc.track_statuses}
    for track, status in game.statuses.items():
        if status not in statuses:
            out.append(f"{track} has status {status!r}")
    for option in game.chosen:
        if option not in sc.option_by_id:
            out.append(f"chose unknown option {option!r}")
    for event in game.fired:
        if event not in sc.event_by_id:
            out.append(f"fired unknown event {event!r}")
    return out


def soak(name: str, runs: int, jobs: int) -> None:
    sc = load_scenario(SCENARIOS[name])
    per = runs // len(sc.doctrines)
    endings = set()
    for n, doctrine in enumerate(sc.doctrines):
        games = run_games(sc, per, seed=1_000_000 * n, policy=doctrine.id, jobs=jobs)
        assert len(games) == per
        problems = [(g.seed, line) for g in games for line in broken(sc, g)]
        assert not problems, f"{name} under {doctrine.id}: {problems[:10]}"
        endings |= {g.ending for g in games}
    # The runs reach more than one ending, or the checks above saw little.
    assert len(endings) > 1


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_simulated_games_keep_every_invariant(name):
    soak(name, 1_000, jobs=1)


@pytest.mark.soak
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_soak_100000_simulated_games_keep_every_invariant(name):
    soak(name, 100_000, jobs=2)
