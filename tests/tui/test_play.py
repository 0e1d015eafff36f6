"""A whole game with keys only, on both sides of the bundled scenario, and on mini."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from tests.tui.conftest import decide, play_out, screen_name, start, to_board
from wargame.saves.files import load_game


@pytest.mark.parametrize("seat", ["us", "russia"])
async def test_bundled_scenario_plays_to_an_ending_with_keys_only(make_app, saves, seat):
    app = make_app("january_2022", seats=(seat,))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        assert screen_name(app) == "DashboardScreen"
        assert app.table.game.waiting.actor == seat
        await play_out(pilot)
        assert screen_name(app) == "EndingScreen"
        game = app.table.game
        assert game.ending is not None
        # Every decision of the seat was made through the keys, and logged as its own.
        mine = [e for e in game.outcome.log if e.actor == seat]
        assert mine and all(not e.passed for e in mine)
        text = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert game.ending.title in text
        await app.workers.wait_for_complete()
    # The autosave after the last turn replays to the same ending.
    assert load_game(saves / "autosave.toml").game.ending == game.ending


async def test_number_keys_pick_and_enter_commits_that_option(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("2")
        assert app.screen.query_one("#options", OptionList).highlighted == 1
        await pilot.press("enter")
        await pilot.pause()
        first = app.table.game.outcome.log[0]
        assert (first.actor, first.option) == ("west", "warn")


async def test_rationale_is_kept_in_the_log(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("1", "tab")
        await pilot.press(*"calm", "space", *"them")
        await pilot.press("enter")
        await pilot.pause()
        assert app.table.game.outcome.log[0].note == "calm them"


async def test_undo_returns_to_the_decision(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        before = app.table.game
        await pilot.press("2", "enter")
        await pilot.pause()
        await to_board(pilot)
        assert app.table.game.state != before.state
        await pilot.press("u")
        await pilot.pause()
        assert app.table.game.outcome.log == before.outcome.log
        assert app.table.game.state == before.state
        assert screen_name(app) == "DashboardScreen"


async def test_training_shows_effects_and_exercise_hides_them(make_app):
    for mode, shown in (("training", True), ("exercise", False)):
        app = make_app(mode=mode)
        async with app.run_test(size=(80, 24)) as pilot:
            await start(pilot)
            await pilot.press("1")  # the board starts on nothing picked
            detail = str(app.screen.query_one("#detail").render())
            assert ("Expected:" in detail) is shown
            assert "Offer talks" in detail


async def test_quit_with_unsaved_progress_offers_to_save(make_app, saves):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await decide(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert screen_name(app) == "QuitScreen"
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (saves / "mini-two.toml").is_file()


async def test_r_writes_the_after_action_report(make_app, saves):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await play_out(pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        reports = list((saves / "reports").glob("report-mini-*.html"))
        assert len(reports) == 1
        assert app.table.game.ending.title in reports[0].read_text(encoding="utf-8")
        assert any("Report written" in n.message for n in app._notifications)


async def test_one_click_reads_an_option_and_a_second_click_commits_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        listing = app.screen.query_one("#options", OptionList)
        await pilot.click("#options", offset=(4, 1))  # the second option's line
        await pilot.pause()
        assert listing.highlighted == 1 and app.table.game.outcome.log == ()
        assert "Warn" in str(app.screen.query_one("#detail").render())
        await pilot.click("#options", offset=(4, 1))
        await pilot.pause()
        assert app.table.game.outcome.log[0].option == "warn"
