"""The white cell: inject, adjust with a reason, pause, countdown, rewind and branch."""

from __future__ import annotations

from textual.widgets import Select

from tests.tui.conftest import decide, screen_name, start, to_board
from wargame.saves.files import load_game


async def _console(pilot):
    await pilot.press("f")
    await pilot.pause()
    assert screen_name(pilot.app) == "FacilitatorScreen"
    return pilot.app.screen


async def test_adjust_moves_the_number_with_its_reason(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        screen = await _console(pilot)
        screen.query_one("#target", Select).value = "cohesion"
        screen.query_one("#by").value = "-2"
        screen.query_one("#reason").value = "An ally breaks ranks"
        await pilot.click("#adjust")
        await pilot.pause()
        game = app.table.game
        assert game.state.values["cohesion"] == 3
        assert game.news[-1].note == "An ally breaks ranks"
        assert "Cohesion 5→3" in str(app.screen.query_one("#news-text").render())


async def test_inject_fires_an_event_now_with_its_reason(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        screen = await _console(pilot)
        screen.query_one("#event", Select).value = "spiral"
        screen.query_one("#reason").value = "Test the teams under pressure"
        await pilot.click("#fire")
        await pilot.pause()
        assert app.table.game.state.values["tension"] == 80
        last = app.table.game.outcome.log[-1]
        assert (last.inject, last.note) == ("spiral", "Test the teams under pressure")


async def test_an_inject_without_a_reason_is_refused_not_logged(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        screen = await _console(pilot)
        screen.query_one("#event", Select).value = "spiral"
        await pilot.click("#fire")
        await pilot.pause()
        assert screen_name(app) == "FacilitatorScreen"  # still open, asking for a reason
        assert app.table.game.outcome.log == ()
        assert any("reason" in n.message for n in app._notifications)


def _title_line(app) -> str:
    """The top line of the frame last drawn: what the table sees, not what the app holds."""
    from wargame.tui.widgets.titlebar import TitleBar

    bar = app.screen.query_one(TitleBar)
    strips = app.screen._compositor.render_update(full=True).strips  # noqa: SLF001
    return "".join(segment.text for segment in strips[bar.region.y])


async def _close_console(pilot) -> None:
    if type(pilot.app.screen).__name__ == "FacilitatorScreen":
        await pilot.press("escape")
        await pilot.pause()


async def test_pause_blocks_decisions_until_resumed(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await _console(pilot)
        await pilot.click("#pause")
        await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.pause()
        assert app.table.game.outcome.log == ()
        assert "PAUSED" in _title_line(app)
        await _console(pilot)
        await pilot.click("#pause")
        await pilot.pause()
        await pilot.press("1", "enter")
        await pilot.pause()
        assert len(app.table.game.outcome.log) >= 1


async def test_countdown_shows_in_the_header_and_only_warns(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        screen = await _console(pilot)
        screen.query_one("#minutes").value = "0.05"  # three seconds
        await pilot.click("#clock")
        await pilot.pause()
        await _close_console(pilot)
        assert "⏱ 0:0" in _title_line(app)  # 0:03, or 0:02 if the clock ticked already
        for _ in range(5):  # do not wait three real seconds: tick by hand
            if app.table.remaining == 0:
                break
            app.seating.client.tick()
        await pilot.pause()
        assert any("Time is up" in n.message for n in app._notifications)
        assert app.table.game.outcome.log == ()  # nobody decided for the team


async def test_rewind_keeps_the_old_branch_as_a_save(make_app, saves):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await decide(pilot)
        old = app.table.game
        assert old.waiting.turn == "two"
        screen = await _console(pilot)
        screen.query_one("#turn", Select).value = "one"
        await pilot.click("#rewind")
        await pilot.pause()
        assert app.table.game is old  # no reason given: nothing happens yet
        screen.query_one("#reason").value = "Replay the first round with the new brief"
        screen.query_one("#rewind").press()  # the warning's toast covers the button
        await pilot.pause()
        await app.workers.wait_for_complete()
        await to_board(pilot)
        # The new branch starts with the rewind, its origin and its reason.
        (record,) = app.table.game.outcome.log
        assert (record.turn, record.rewound_from, record.note) == (
            "one", "two", "Replay the first round with the new brief")
        told = [n.message for n in app._notifications if "Rewound" in n.message]
        assert told and "First round" in told[-1] and "'one'" not in told[-1]
        branches = list(saves.glob("branch-*.toml"))
        assert len(branches) == 1
        assert load_game(branches[0]).game.outcome.log == old.outcome.log


async def test_the_console_shows_what_an_action_would_move_before_it_is_released(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        screen = await _console(pilot)
        screen.query_one("#target", Select).value = "tension"
        screen.query_one("#by").value = "55"
        await pilot.pause()
        shown = str(screen.query_one("#preview").render())
        assert "Tension 50 → 100 (+50)" in shown
        assert "Tension: band Calm → Crisis" in shown
        assert "would end in “War”" in shown
        assert app.table.game.outcome.log == ()  # nothing released by looking
        screen.query_one("#event", Select).value = "spiral"
        await pilot.pause()
        shown = str(screen.query_one("#preview").render())
        assert "Fire “Spiral” would move:" in shown and "Tension 50 → 80 (+30)" in shown


async def test_fire_with_no_event_chosen_asks_for_one(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        screen = await _console(pilot)
        screen.query_one("#reason").value = "why"
        screen.query_one("#fire").press()
        await pilot.pause()
        assert app.table.game.outcome.log == ()
        assert any("Choose an event first" in n.message for n in app._notifications)


async def test_keys_only_the_console_opens_on_its_first_control_and_enter_fires(make_app):
    """A facilitator at the keyboard: the event list has focus at once; an event picked,
    a reason typed and Enter fires that event (not the adjustment row's action)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        screen = await _console(pilot)
        assert screen.focused is screen.query_one("#event", Select)
        await pilot.press("enter")  # open the list; the first event is highlighted
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = screen.query_one("#event", Select).value
        assert chosen in ("leak", "spiral", "maybe")
        assert screen.focused is screen.query_one("#reason")  # what it needs next
        await pilot.press(*"pressure", "enter")
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        last = app.table.game.outcome.log[-1]
        assert (last.inject, last.note) == (chosen, "pressure")


async def test_the_consoles_numbers_follow_the_table_and_keep_the_choice(make_app):
    from wargame.table.model import WHITE_CELL
    from wargame.table.requests import Adjust

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        screen = await _console(pilot)
        target = screen.query_one("#target", Select)
        target.value = "tension"
        await pilot.pause()
        assert "Tension (50)" in str(target.query_one("SelectCurrent #label").render())
        app.seating.facilitate(Adjust(WHITE_CELL, "tension", 9, "from elsewhere"), screen.client)
        await pilot.pause()
        assert app.screen is screen and target.value == "tension"
        assert "Tension (59)" in str(target.query_one("SelectCurrent #label").render())
        assert screen.armed == "adjust"
