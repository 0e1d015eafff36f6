"""Pictures of the title, the board and the ending at 120x40, 80x24 and 60x20 (mini, fixed
seed), of every other screen at 80x24 and 60x20, and of the negotiation table with an
offer half built (talks).

Regenerate after a deliberate change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui.conftest import DATA, MINI, decide, play_out, start
from wargame.scenario.load import load_scenario
from wargame.tui.app import WargameApp
from wargame.tui.launch import Launch

SIZES = [(80, 24), (120, 40)]


async def _title(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _board(pilot) -> None:
    await start(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _ending(pilot) -> None:
    await start(pilot)
    await play_out(pilot)
    pilot.app.clear_notifications()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_title(snap_compare, make_app, size):
    assert snap_compare(make_app(seed=5), terminal_size=size, run_before=_title)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard(snap_compare, make_app, size):
    assert snap_compare(make_app(seed=5), terminal_size=size, run_before=_board)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_ending(snap_compare, make_app, size):
    assert snap_compare(make_app(seed=5), terminal_size=size, run_before=_ending)


async def _negotiation(pilot) -> None:
    await start(pilot)
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("down", "down", "space", "up", "space")  # a trade, term by term
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_negotiation(snap_compare, make_app, size):
    app = make_app(DATA / "talks.toml", seed=1, seats=("west",))
    assert snap_compare(app, terminal_size=size, run_before=_negotiation)


# Every other screen, and the three above at the smallest size, 60x20.
SMALL = [(80, 24), (60, 20)]


async def _settle(pilot) -> None:
    pilot.app.clear_notifications()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _briefing(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    for _ in range(10):
        await pilot.pause()
        if type(pilot.app.screen).__name__ == "BriefingScreen":
            break
    await _settle(pilot)


async def _hand_over(pilot) -> None:
    await pilot.pause()
    await pilot.press("enter")
    await _settle(pilot)


def _on_board(*keys: str):
    async def run(pilot) -> None:
        await start(pilot)
        await pilot.press(*keys)
        await _settle(pilot)
    return run


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_briefing(snap_compare, make_app, size):
    assert snap_compare(make_app(seed=5), terminal_size=size, run_before=_briefing)


@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_hand_over(snap_compare, make_app, size):
    app = make_app(seed=5, seats=("west", "east"))
    assert snap_compare(app, terminal_size=size, run_before=_hand_over)


async def _quit(pilot) -> None:
    await start(pilot)
    await decide(pilot)  # a decision not yet saved: quitting asks first
    await pilot.press("q")
    await _settle(pilot)


DIALOGS = {"facilitator": _on_board("f"), "save": _on_board("s"), "load": _on_board("l"),
           "quit": _quit, "help": _on_board("question_mark")}


@pytest.mark.parametrize("name", list(DIALOGS))
@pytest.mark.parametrize("size", SMALL, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dialog(snap_compare, tmp_path, monkeypatch, size, name):
    monkeypatch.chdir(tmp_path)  # the dialogs name the saves folder: the same in every run
    app = WargameApp(Launch(load_scenario(MINI), saves=Path("saves"), seed=5))
    assert snap_compare(app, terminal_size=size, run_before=DIALOGS[name])


@pytest.mark.parametrize("run", [_title, _board, _ending], ids=["title", "board", "ending"])
def test_at_60x20(snap_compare, make_app, run):
    assert snap_compare(make_app(seed=5), terminal_size=(60, 20), run_before=run)
