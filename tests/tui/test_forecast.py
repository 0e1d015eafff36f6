"""A team records what it expects the others to do, and it goes into the log with its decision."""

from __future__ import annotations

from textual.widgets import OptionList, Select

from tests.tui.conftest import DATA, play_out, screen_name, start
from wargame.engine.state import OFFER, Forecast
from wargame.report.write import render
from wargame.saves.files import load_game, write_save


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
        assert "✓ T1 The East: expected Mass troops (70%); actual: Mass troops" in text


async def test_a_forecast_goes_with_an_offer_and_an_offer_can_be_expected(make_app, tmp_path):
    # talks.toml, seed 4, the East under `hawk`: after the West's offer the East offers back.
    app = make_app(DATA / "talks.toml", seed=4, seats=("west",), policy="hawk")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("e")
        await pilot.pause()
        # Keys only: open the East's list, down past its three options to the offer.
        await pilot.press("enter")
        listed = app.screen.query_one("#expect-east SelectOverlay", OptionList)
        prompts = [str(listed.get_option_at_index(i).prompt)
                   for i in range(listed.option_count)]
        assert prompts == ["No idea", "Mass troops", "Wait", "Snap drill", "Makes an offer"]
        await pilot.press("down", "down", "down", "down", "enter")
        await pilot.press("tab", "enter", "down", "enter")  # 80% sure
        await pilot.press("tab", "enter")  # keep
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen" and app.table.game.outcome.log == ()
        await pilot.press("n")
        await pilot.pause()
        assert screen_name(app) == "NegotiationScreen"
        await pilot.press("space", "enter")  # the package, sent as the decision
        await pilot.pause()
        first, second = app.table.game.outcome.log[:2]
        assert (first.package, first.forecast) == ("missile_swap", (Forecast("east", OFFER, 0.8),))
        assert second.kind == "offer"  # the East did offer
        loaded = load_game(write_save(app.table.game, tmp_path / "offer.toml")).game
        assert loaded.outcome.log == app.table.game.outcome.log
        await play_out(pilot)
        assert screen_name(app) == "EndingScreen"
        text = str(app.screen.query_one("#ending-top").render())
        assert "The West: 1 of 1 forecast came true; Brier score 0.04" in text
        assert "✓ T1 The East: expected an offer (80%); actual: an offer" in text
        report = render(app.table.game, "md", runs=0)
        assert "| 1 · Geneva round | The East | an offer | 80% | an offer | yes |" in report
