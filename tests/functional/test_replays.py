"""Golden replay scripts: each lands exactly on the numbers worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.analysis import expect
from wargame.saves.files import load_game

REPLAYS = sorted((Path(__file__).resolve().parent.parent / "replays").glob("*.toml"))


def test_there_are_replay_scripts():
    assert len(REPLAYS) >= 4


@pytest.mark.parametrize("path", REPLAYS, ids=[p.stem for p in REPLAYS])
def test_replay_script_meets_its_expectations(path):
    loaded = load_game(path)
    assert loaded.file.expect, "a golden script needs an [expect] table"
    assert expect.check(loaded.game, loaded.file.expect) == []
    assert loaded.warnings == ()
