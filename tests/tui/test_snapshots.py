"""Pictures of the title, the board and the ending at 80x24 and 120x40 (mini, fixed seed).

Regenerate after a deliberate change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import play_out, start

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
