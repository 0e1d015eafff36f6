"""Everything on the board can be read by keys alone, at the smallest sizes."""

from __future__ import annotations

import html
import re

import pytest
from textual.containers import VerticalScroll
from textual.widgets import OptionList

from tests.tui.conftest import MINI, start


async def test_expected_effects_scroll_by_keys_at_80x24(make_app):
    app = make_app("january_2022")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("1")
        await pilot.pause()
        box = app.screen.query_one("#detail-box", VerticalScroll)
        assert box.max_scroll_y > 0  # the option's text and effects overflow the pane
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 0  # the rest of the effects come into view
        assert app.screen.query_one("#options", OptionList).highlighted == 0
        await pilot.press("pageup")
        await pilot.pause()
        assert box.scroll_y == 0


async def test_board_opens_with_the_world_in_view_at_60x20(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        board = app.screen.query_one("#board")
        world = app.screen.query_one("#world-panel")
        assert board.scroll_y == 0
        assert world.region.height > 0
        assert board.region.contains(world.region.x, world.region.y)


def _screen_text(app) -> str:
    """The words on the screen, as the picture of it shows them."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_title_seat_labels_are_whole_at_60x20(make_app):
    app = make_app(seed=5)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        text = _screen_text(app)
        assert "(Space" in text and "toggles)" in text
        assert "The West (you)" in text
        assert "…" not in text.split("Scenarios", 1)[1]


@pytest.mark.parametrize("scenario", ["january_2022", MINI], ids=["january_2022", "mini"])
async def test_the_title_line_names_the_venue_whole_at_60x20(make_app, scenario):
    app = make_app(scenario, seed=5)
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        venue = app.sub_title.rsplit(" · ", 1)[1]
        line = _screen_text(app).split(f"{app.title} — ", 1)[1].split("\n", 1)[0]
        assert venue in line, line
