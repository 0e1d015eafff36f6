"""The briefing of a new turn is read in full: no toast of the news lies over it."""

from __future__ import annotations

import pytest

from tests.tui.conftest import screen_name, start

pytestmark = pytest.mark.asyncio


async def test_no_news_toast_covers_the_next_turns_briefing(make_app):
    app = make_app("january_2022", seats=("us",))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        app.clear_notifications()
        await pilot.press("1", "enter")
        for _ in range(5):
            await pilot.pause()
        assert screen_name(app) == "BriefingScreen"
        # The briefing lists what happened since the decision; a toast would hide it.
        assert not [n.message for n in app._notifications]
