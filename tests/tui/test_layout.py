"""Small terminals scroll instead of breaking; bad input stops before the UI."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tests.tui.conftest import MINI, play_out, screen_name, start
from wargame.cli.main import main


async def test_resize_down_to_60x20_and_play_on(make_app):
    app = make_app("january_2022")
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.has_class("-narrow")
        assert len(app.table.game.outcome.log) >= 2


async def test_mini_plays_out_at_60x20(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot)
        await play_out(pilot)
        assert screen_name(app) == "EndingScreen"


async def test_at_60x20_an_option_picked_by_its_number_comes_into_view(make_app):
    """The one-column board opens on the world; the options are below it. A key that
    highlights an option shows it, so Enter never commits one the player has not seen."""
    app = make_app("january_2022", seed=7, seats=("us",))
    async with app.run_test(size=(60, 20)) as pilot:
        await start(pilot)
        await pilot.pause(0.3)
        listing = app.screen.query_one("#options")
        assert not app.screen.region.contains_region(listing.region)  # the world first
        for key in ("3", "down"):
            await pilot.press(key)
            await pilot.pause(0.2)
            assert app.screen.query_one("#board").region.contains_region(listing.region)


async def test_help_and_palette_open(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen_name(app) == "HelpScreen"
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"undo")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)


@pytest.mark.parametrize("argv, message", [
    (["play", "no_such_scenario"], "no bundled scenario"),
    (["play", str(MINI), "--seats", "nobody"], "unknown seat 'nobody'"),
    (["play", str(MINI), "--policy", "nope"], "unknown AI doctrine 'nope'"),
    (["play", "--load", "missing-save.toml"], "missing-save.toml"),
])
def test_bad_play_input_is_one_line_and_exit_2(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


async def test_the_palette_offers_the_games_actions(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Pick", "space", *"option", "space", "2")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        assert app.screen.query_one("#options").highlighted == 1
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Commit")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.table.game.outcome.log[0].option == "warn"
