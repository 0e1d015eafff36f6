"""A team records what it expects the others to do, and it goes into the log with its decision."""

from __future__ import annotations

from textual.widgets import Select

from tests.tui.conftest import play_out, screen_name, start
from wargame.engine.state import Forecast


async def test_a_forecast_made_on_the_board_goes_with_the_decision(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert screen_name(app) == "ForecastScreen"
        app.screen.query_one("#expect-east", Select).value = "mass"
        app.screen.query_one("#sure-east", Select).value = 0.9
        app.screen.query_one("#keep").press()
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        assert app.table.game.outcome.log == ()  # a forecast commits nothing
        await pilot.press("1", "enter")
        await pilot.pause()
        first = app.table.game.outcome.log[0]
        assert (first.option, first.forecast) == ("offer", (Forecast("east", "mass", 0.9),))


async def test_escape_keeps_no_forecast_and_no_idea_is_recorded_as_such(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        # Keys only: Tab to the button past the two drop-downs, Enter keeps "no idea".
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        await pilot.press("2", "enter")
        await pilot.pause()
        assert app.table.game.outcome.log[0].forecast == (Forecast("east"),)


async def test_the_ending_shows_each_teams_forecasts_beside_the_moves(make_app):
    app = make_app(seed=5)
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#expect-east", Select).value = "mass"
        app.screen.query_one("#keep").press()
        await pilot.pause()
        assert app.seating.view.forecasts == ()  # a team's own until the debrief
        await play_out(pilot)
        assert screen_name(app) == "EndingScreen"
        text = str(app.screen.query_one("#ending-top").render())
        assert "Forecasts against the moves" in text
        assert "The West: 1 of 1 forecast came true; Brier score 0.09" in text
        assert "✓ T1 The East: expected Mass troops (70%); did Mass troops" in text
