"""Pictures of the title, the board and the ending at 120x40, 80x24 and 60x20 (mini, fixed
seed), of every other screen at 80x24 and 60x20, and of the negotiation table with an
offer half built (talks).

Regenerate after a deliberate change with ``pytest tests/tui --snapshot-update``, and look
at each picture changed before keeping it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui import drives
from tests.tui.conftest import MINI
from tests.tui.drives import DIALOGS, TALKS
from wargame.scenario.load import load_scenario
from wargame.tui.app import WargameApp
from wargame.tui.join import JoinApp
from wargame.tui.launch import Launch

SIZES = [(80, 24), (120, 40)]
SMALL = [(80, 24), (60, 20)]
"""Every other screen, and the three of SIZES at the smallest size, 60x20."""


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_title(snap_compare, make_app, size):
    assert snap_compare(make_app(seed=5), terminal_size=size, run_before=drives.title)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_dashboard(snap_compare, make_app, size):
    assert snap_compare(make_app(seed=5), terminal_size=size, run_before=drives.board)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_ending(snap_compare, make_app, size):
    assert snap_compare(make_app(seed=5), terminal_size=size, run_before=drives.ending)


@pytest.mark.parametrize("size", [*SIZES, (60, 20)], ids=size_id)
def test_negotiation(snap_compare, make_app, size):
    app = make_app(TALKS, seed=1, seats=("west",))
    assert snap_compare(app, terminal_size=size, run_before=drives.negotiation)


@pytest.mark.parametrize("size", SMALL, ids=size_id)
def test_answer(snap_compare, make_app, size):
    app = make_app(TALKS, seed=1, seats=("west",))
    assert snap_compare(app, terminal_size=size, run_before=drives.answer)


@pytest.mark.parametrize("size", SMALL, ids=size_id)
def test_briefing(snap_compare, make_app, size):
    assert snap_compare(make_app(seed=5), terminal_size=size, run_before=drives.briefing)


@pytest.mark.parametrize("size", SMALL, ids=size_id)
def test_hand_over(snap_compare, make_app, size):
    app = make_app(seed=5, seats=("west", "east"))
    assert snap_compare(app, terminal_size=size, run_before=drives.hand_over)


@pytest.mark.parametrize("name", list(DIALOGS))
@pytest.mark.parametrize("size", SMALL, ids=size_id)
def test_dialog(snap_compare, tmp_path, monkeypatch, size, name):
    monkeypatch.chdir(tmp_path)  # the dialogs name the saves folder: the same in every run
    app = WargameApp(Launch(load_scenario(MINI), saves=Path("saves"), seed=5))
    assert snap_compare(app, terminal_size=size, run_before=DIALOGS[name])


@pytest.mark.parametrize("size", SMALL, ids=size_id)
def test_password(snap_compare, make_app, size):
    app = make_app(seed=5, seats=("west", "east"), password="pw")
    assert snap_compare(app, terminal_size=size, run_before=drives.on_board("f"))


@pytest.mark.parametrize("run", [drives.title, drives.board, drives.ending],
                         ids=["title", "board", "ending"])
def test_at_60x20(snap_compare, make_app, run):
    assert snap_compare(make_app(seed=5), terminal_size=(60, 20), run_before=run)


@pytest.mark.parametrize("size", SMALL, ids=size_id)
def test_join_code(snap_compare, tmp_path, size):
    app = JoinApp("ws://127.0.0.1:8765", None, "browser", tmp_path / "saves")
    assert snap_compare(app, terminal_size=size, run_before=drives.code)


@pytest.mark.parametrize("size", SMALL, ids=size_id)
def test_room(snap_compare, hosted, tmp_path, size):
    app = JoinApp(hosted.url, hosted.codes["white cell"], "front", tmp_path / "saves")
    assert snap_compare(app, terminal_size=size, run_before=drives.room)
