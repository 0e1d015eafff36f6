from __future__ import annotations

from pathlib import Path

import pytest

from wargame.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session")
def mini():
    """The small hand-checked scenario of tests/data/mini.toml."""
    return load_scenario(DATA / "mini.toml")


@pytest.fixture(scope="session")
def talks():
    """The small hand-checked scenario with negotiation, tests/data/talks.toml."""
    return load_scenario(DATA / "talks.toml")


@pytest.fixture(scope="session")
def bundled():
    """The bundled January 2022 scenario."""
    return load_scenario(ROOT / "scenarios" / "january_2022.toml")
