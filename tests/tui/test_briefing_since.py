"""The briefing's "Since your last decision": not before the first one, oldest first, short."""

from __future__ import annotations

from tests.tui.conftest import screen_name


def _briefing_text(app) -> str:
    return str(app.screen.query_one("#briefing-page").render())


async def test_the_first_briefing_has_no_since_section_and_the_next_lists_oldest_first(
        make_app):
    app = make_app(seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the title starts the game
        for _ in range(5):
            await pilot.pause()
            if screen_name(app) == "BriefingScreen":
                break
        assert screen_name(app) == "BriefingScreen"
        assert "Since your last decision" not in _briefing_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1", "enter")  # the West offers talks; the East masses troops
        for _ in range(5):
            await pilot.pause()
            if screen_name(app) == "BriefingScreen":
                break
        text = _briefing_text(app)
        assert "Since your last decision, oldest first" in text
        since = text[text.index("Since your last decision"):]
        assert since.index("Mass troops") < since.index("A leak")  # turn 1, then turn 2

