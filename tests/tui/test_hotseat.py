"""Hot seat: a hand-over names the team; what the next team sees follows the turn's format."""

from __future__ import annotations

from tests.tui.conftest import screen_name, to_board
from wargame.saves.files import read_save


async def test_hand_over_names_the_team_and_an_ordered_turn_shows_the_choice(make_app):
    app = make_app(seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#teams").value = "Washington=west; Moscow=east"
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "HandOverScreen"
        assert "Washington" in str(app.screen.query_one("#handover-text").render())
        await to_board(pilot)
        await pilot.press("2", "enter")  # west warns
        await pilot.pause()
        assert screen_name(app) == "HandOverScreen"
        assert "Moscow" in str(app.screen.query_one("#handover-text").render())
        await to_board(pilot)
        news = str(app.screen.query_one("#news-text").render())
        assert "The West: Warn" in news  # in order: Moscow sees what Washington did
        await pilot.press("3", "enter")  # east waits: turn one resolves
        await pilot.pause()
        await to_board(pilot)
        news = str(app.screen.query_one("#news-text").render())
        assert "The West: Warn" in news and "The East: Wait" in news


async def test_simultaneous_turn_stays_secret_until_all_have_chosen(make_app):
    app = make_app(seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for key in ("1", "3"):  # turn one: west offers talks, east waits
            await to_board(pilot)
            await pilot.press(key, "enter")
            await pilot.pause()
        await to_board(pilot)
        assert app.table.game.waiting.turn == "two"  # simultaneous
        await pilot.press("1", "enter")  # west chooses...
        await pilot.pause()
        assert screen_name(app) == "HandOverScreen"
        await to_board(pilot)
        assert app.table.game.waiting.actor == "east"
        news = str(app.screen.query_one("#news-text").render())
        assert "T2 The West" not in news


async def test_secret_objectives_show_only_to_their_team(make_app):
    app = make_app(seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await to_board(pilot)
        mine = str(app.screen.query_one("#world-panel").render())
        assert "Keep it calm" in mine and "secret" in mine
        await pilot.press("2", "enter")
        await pilot.pause()
        await to_board(pilot)
        theirs = str(app.screen.query_one("#world-panel").render())
        assert "Keep it calm" not in theirs and "Be feared" in theirs


async def test_a_bad_team_line_is_explained_and_the_title_stays(make_app):
    app = make_app(seats=("west",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#teams").value = "Moscow=east"
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "TitleScreen"
        assert any("'east' is not a human seat" in n.message for n in app._notifications)


async def test_teams_and_mode_travel_in_the_save(make_app, saves):
    app = make_app(seats=("west", "east"), mode="exercise")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#teams").value = "Washington=west; Moscow=east"
        await pilot.press("enter")
        await pilot.pause()
        await to_board(pilot)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#save-name").value = "seminar"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    saved = read_save(saves / "seminar.toml")
    assert saved.teams == {"Washington": ("west",), "Moscow": ("east",)}
    assert saved.mode == "exercise"
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        again.files.load(saves / "seminar.toml")
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert screen_name(again) == "HandOverScreen"
        assert "Washington" in str(again.screen.query_one("#handover-text").render())
        assert again.table.mode == "exercise"
