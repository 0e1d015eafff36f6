"""The title's form with keys only: Enter opens a drop-down, Space toggles a seat at once,
and every seat box says in words whether you play it, '(you)' (no colour needed)."""

from __future__ import annotations

from textual.widgets import Select, SelectionList

from tests.tui.conftest import burst, screen_name


async def _form(pilot) -> None:
    await pilot.pause()
    await pilot.pause(0.3)  # the form paints a frame after the title
    await pilot.app.workers.wait_for_complete()


async def test_enter_on_the_mode_list_opens_it_instead_of_starting(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _form(pilot)
        mode = app.screen.query_one("#mode", Select)
        mode.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "TitleScreen" and mode.expanded
        await pilot.press("down", "enter")  # Exercise, chosen in the open list
        await pilot.pause()
        assert mode.value == "exercise" and not mode.expanded
        app.screen.query_one("#seed").focus()
        await pilot.press("enter")  # from a field, Enter starts as before
        await pilot.pause()
        assert app.table is not None and app.table.mode == "exercise"


async def test_the_first_space_in_the_seat_list_toggles_the_first_seat(make_app):
    app = make_app(seats=("west",))
    async with app.run_test(size=(80, 24)) as pilot:
        await _form(pilot)
        seats = app.screen.query_one("#seats", SelectionList)
        seats.focus()
        await pilot.press("space")
        await pilot.pause()
        assert seats.selected == []
        assert "nobody" in str(app.screen.query_one("#seats-summary").render())


async def test_each_seat_box_says_in_words_whether_you_play_it(make_app):
    app = make_app(seats=("east",))
    async with app.run_test(size=(80, 24)) as pilot:
        await _form(pilot)
        seats = app.screen.query_one("#seats", SelectionList)
        prompts = [str(seats.get_option_at_index(i).prompt) for i in range(seats.option_count)]
        assert prompts == ["The West", "The East (you)"]
        seats.focus()
        await pilot.press("space")  # the first box: The West
        await pilot.pause()
        prompts = [str(seats.get_option_at_index(i).prompt) for i in range(seats.option_count)]
        assert prompts == ["The West (you)", "The East (you)"]
        assert "You play: The West, The East" in str(
            app.screen.query_one("#seats-summary").render())


async def test_enter_typed_right_after_space_starts_with_the_seat_it_toggled(make_app):
    app = make_app(seats=("east",))
    async with app.run_test(size=(80, 24)) as pilot:
        await _form(pilot)
        app.screen.query_one("#seats", SelectionList).focus()
        await burst(pilot, "space", "enter")  # Enter is a priority key: it came first
        await pilot.pause()
        assert app.table is not None and set(app.table.game.setup.seats) == {"west", "east"}


async def test_a_seat_box_not_ticked_is_empty_without_colour(make_app):
    app = make_app(seats=("east",))
    async with app.run_test(size=(80, 24)) as pilot:
        await _form(pilot)
        seats = app.screen.query_one("#seats", SelectionList)
        rows = [seats.render_line(y).text for y in range(seats.option_count)]
        assert "X" not in rows[0].split("The West")[0]  # The West: not played
        assert "X" in rows[1].split("The East")[0]  # The East (you)
