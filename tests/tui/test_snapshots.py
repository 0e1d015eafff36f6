"""Pictures of the title, the board and the ending at 80x24 and 120x40 (mini, fixed seed),
and of the negotiation table with an offer half built (talks).

Regenerate after a deliberate change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import DATA, play_out, start

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
