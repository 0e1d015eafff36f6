from __future__ import annotations

import os
from pathlib import Path

import pytest

from wargame.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="session", autouse=True)
def _private_parse_cache(tmp_path_factory):
    """The parse cache (wargame/tomlcache.py) in a folder of this test session,
    never the user's ~/.cache; tests that start ``wargame`` inherit it."""
    old = os.environ.get("WARGAME_CACHE")
    os.environ["WARGAME_CACHE"] = str(tmp_path_factory.mktemp("wargame-cache"))
    yield
    if old is None:
        os.environ.pop("WARGAME_CACHE", None)
    else:
        os.environ["WARGAME_CACHE"] = old


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
