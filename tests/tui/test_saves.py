"""Save mid-game, load, land on the same state; bad names are explained, not crashes."""

from __future__ import annotations

from tests.tui.conftest import decide, play_out, screen_name, start, to_board


async def _save(pilot, name: str) -> None:
    await pilot.press("s")
    await pilot.pause()
    inp = pilot.app.screen.query_one("#save-name")
    inp.value = name
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_save_then_load_resumes_exactly(make_app, saves):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await decide(pilot)
        saved = app.table.game
        assert saved.waiting.turn == "two"
        await _save(pilot, "midgame")
        assert (saves / "midgame.toml").is_file()
        await pilot.press("1", "enter")  # play on, then go back to the save
        await pilot.pause()
        await to_board(pilot)
        assert app.table.game.outcome.log != saved.outcome.log
        await pilot.press("l")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = app.screen.query_one("#save-list")
        names = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        midgame = next(i for i, n in enumerate(names) if n.startswith("midgame"))
        assert "mini" in names[midgame] and "turn two" in names[midgame]
        assert "west" in names[midgame]
        listing.highlighted = midgame
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await to_board(pilot)
        game = app.table.game
        assert game.outcome.log == saved.outcome.log
        assert game.state == saved.state
        assert game.waiting == saved.waiting
        assert screen_name(app) == "DashboardScreen"


async def test_a_bad_save_name_is_explained_in_the_dialog(make_app, saves):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#save-name").value = "../escape"
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "SaveScreen"
        assert "slashes" in str(app.screen.query_one("#save-error").render())
        await pilot.press("escape")
    assert not saves.exists() or not any(saves.parent.glob("escape*"))


async def test_an_unreadable_save_is_reported_not_fatal(make_app, saves):
    saves.mkdir(parents=True)
    (saves / "broken.toml").write_text("format = 1\nscenario = 'mini'\nseed = 'x'\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = app.screen.query_one("#save-list")
        assert "unreadable" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("seed" in n.message for n in app._notifications)
        assert app.table.game.outcome.log == ()


async def test_save_and_quit_at_the_ending_never_replaces_a_named_save_unasked(make_app, saves):
    from wargame.saves.files import read_save

    app = make_app(seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await _save(pilot, "checkpoint")
        checkpoint = (saves / "checkpoint.toml").read_text()
        await play_out(pilot)
        assert screen_name(app) == "EndingScreen"
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("s")  # save and quit
        await pilot.pause()
        # Not written over: a name is asked, a new one offered.
        assert screen_name(app) == "SaveScreen"
        assert (saves / "checkpoint.toml").read_text() == checkpoint
        offered = app.screen.query_one("#save-name").value
        assert offered == "checkpoint-end"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (saves / "checkpoint.toml").read_text() == checkpoint
    assert read_save(saves / "checkpoint-end.toml").meta.get("ending")


async def test_saving_over_an_existing_save_says_so_first(make_app, saves):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await _save(pilot, "monday")
        before = (saves / "monday.toml").read_text()
        await decide(pilot)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#save-name").value = "monday"
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "SaveScreen"
        assert "exists" in str(app.screen.query_one("#save-error").render())
        assert (saves / "monday.toml").read_text() == before
        await pilot.press("enter")  # told: Enter again replaces it
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (saves / "monday.toml").read_text() != before
