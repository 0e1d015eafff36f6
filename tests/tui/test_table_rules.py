"""A fair table, with keys only: whose undo, whose console, what the next team sees,
and no key that commits a decision nobody saw highlighted."""

from __future__ import annotations

from textual.widgets import OptionList, Select

from tests.tui.conftest import burst, screen_name, start, to_board
from wargame.cli.main import build_parser
from wargame.cli.play import prepare

TEAMS = "Washington=west; Moscow=east"


async def _hot_seat(pilot) -> None:
    """From the title: Washington and Moscow at one keyboard, to Washington's board."""
    await pilot.pause()
    pilot.app.screen.query_one("#teams").value = TEAMS
    await pilot.press("enter")
    await pilot.pause()
    await to_board(pilot)


def _notices(app) -> list[str]:
    return [n.message for n in app._notifications]


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def _picked(app) -> int | None:
    return app.screen.query_one("#options", OptionList).highlighted


# -- whose undo, whose console ------------------------------------------------------
async def test_with_several_teams_u_undoes_only_your_own_decision(make_app):
    app = make_app(seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _hot_seat(pilot)
        await pilot.press("2", "enter")  # Washington warns; the hand-over to Moscow
        await pilot.pause()
        await to_board(pilot)
        await pilot.press("u")  # Moscow at the keyboard
        await pilot.pause()
        assert len(app.table.game.outcome.log) == 1  # Washington's decision stands
        assert "The last decision was made by Washington: only they can undo it." in _notices(app)
        await pilot.press("3", "enter")  # Moscow waits; turn one resolves
        await pilot.pause()
        assert screen_name(app) == "HandOverScreen"  # to Washington, Moscow still at it
        await pilot.press("u")  # Moscow takes back its own decision at the hand-over
        await pilot.pause()
        game = app.table.game
        assert [e.option for e in game.outcome.log] == ["warn"]
        assert game.waiting.actor == "east"


async def test_at_a_shared_screen_f_needs_the_facilitator_password(make_app):
    app = make_app(seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _hot_seat(pilot)  # no password was set
        await pilot.press("f")
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        assert any("facilitator password" in n for n in _notices(app))


async def test_the_password_from_the_title_opens_the_console_and_a_wrong_one_does_not(
        make_app):
    app = make_app(seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#facilitator-password").value = "white"
        await _hot_seat(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert screen_name(app) == "PasswordScreen"
        await pilot.press(*"black", "enter")
        await pilot.pause()
        # The dialog stays, says why and is empty again: the retyped password is
        # typed into it, not onto the board behind it.
        assert screen_name(app) == "PasswordScreen"
        assert "Wrong facilitator password." in _text(app, "#password-error")
        assert app.screen.query_one("#password").value == ""
        await pilot.press(*"white", "enter")
        await pilot.pause()
        assert screen_name(app) == "FacilitatorScreen"
        app.screen.query_one("#target", Select).value = "tension"
        app.screen.query_one("#by").value = "5"
        app.screen.query_one("#reason").value = "a good argument at the table"
        await pilot.click("#adjust")
        await pilot.pause()
        assert app.table.game.outcome.log[-1].adjust == "tension"


async def test_keys_typed_after_a_wrong_password_never_reach_the_board(make_app, saves):
    """A facilitator who mistyped types the password again at once: 's', a digit and
    Enter must not save, pick and commit on the board behind the dialog."""
    app = make_app(seats=("west", "east"), password="s1cret")
    async with app.run_test(size=(80, 24)) as pilot:
        await _hot_seat(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"s1cre", "enter")
        await pilot.pause()
        await pilot.press(*"s1", "enter")
        await pilot.pause()
        assert app.table.game.outcome.log == ()
        assert not saves.exists() or not list(saves.glob("*.toml"))
        assert screen_name(app) == "PasswordScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        assert _picked(app) is None


async def test_the_command_line_password_guards_a_loaded_seminar_too(make_app):
    args = build_parser().parse_args(["play", "tests/data/mini.toml", "--seats", "west,east",
                                      "--facilitator-password", "white"])
    assert prepare(args).password == "white"
    app = make_app(seats=("west", "east"), password="white")
    async with app.run_test(size=(80, 24)) as pilot:
        await _hot_seat(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert screen_name(app) == "PasswordScreen"


# -- what the next team sees ----------------------------------------------------------
async def test_in_a_sequential_turn_the_next_team_sees_what_was_done_and_is_told_so(
        make_app):
    app = make_app(seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _hot_seat(pilot)
        await pilot.press("2", "enter")  # Washington warns: tension 50 -> 60
        await pilot.pause()
        assert "played in order" in _text(app, "#handover-text")
        await to_board(pilot)
        assert "The West: Warn" in _text(app, "#news-text")  # the news says what moved...
        assert "60" in _text(app, "#world-panel").split("Tension")[1].split("\n")[0]


async def test_in_a_simultaneous_turn_nothing_is_revealed_until_all_have_chosen(make_app):
    app = make_app(seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _hot_seat(pilot)
        for key in ("1", "3"):  # turn one: west offers talks, east waits
            await pilot.press(key, "enter")
            await pilot.pause()
            await to_board(pilot)
        before = dict(app.table.game.state.values)
        await pilot.press("2", "enter")  # turn two, at the same time: west warns, unseen
        await pilot.pause()
        assert "at the same time" in _text(app, "#handover-text")
        await to_board(pilot)
        world = _text(app, "#world-panel")
        tension = world.split("Tension")[1].split("\n")[0]
        assert f"{before['tension']:g}" in tension and "+10" not in tension
        assert "T2 The West" not in _text(app, "#news-text")


# -- keys commit only what was seen highlighted ----------------------------------------
async def test_after_an_undo_the_next_briefing_comes_again_and_enter_commits_nothing(
        make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("1", "enter")  # turn one; the briefing of turn two, read
        await pilot.pause()
        await to_board(pilot)
        await pilot.press("u")
        await pilot.pause()
        assert app.table.game.waiting.turn == "one" and _picked(app) is None
        await pilot.press("1", "enter")  # turn two reached anew
        await pilot.pause()
        assert screen_name(app) == "BriefingScreen"
        log = app.table.game.outcome.log
        await pilot.press("enter", "enter")  # "To the board", and one more
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        assert app.table.game.outcome.log == log  # nothing committed unseen
        assert _picked(app) is None


async def test_at_a_hand_over_the_board_starts_on_nothing_picked(make_app):
    app = make_app(seats=("west", "east"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _hot_seat(pilot)
        assert _picked(app) is None
        await pilot.press("2", "enter")
        await pilot.pause()
        await to_board(pilot)  # Moscow
        assert _picked(app) is None and app.focused.id == "options"
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.table.game.outcome.log) == 1
        assert any("Pick an option first" in n for n in _notices(app))


async def test_a_rewind_briefs_its_turn_again_and_picks_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        await to_board(pilot)
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#turn", Select).value = "one"
        app.screen.query_one("#reason").value = "play the first round again"
        await pilot.click("#rewind")
        await pilot.pause()
        assert screen_name(app) == "BriefingScreen"
        await pilot.press("enter")
        await pilot.pause()
        # Nothing picked; the log holds only the record of the rewind.
        assert [e.kind for e in app.table.game.outcome.log] == ["rewind"]
        assert _picked(app) is None


async def test_the_note_gives_the_keys_back_to_the_options_in_the_next_turn(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press("1", "tab", *"firm", "enter")  # committed from the note
        await pilot.pause()
        await to_board(pilot)
        assert app.table.game.outcome.log[0].note == "firm"
        assert app.focused.id == "options"
        await pilot.press("1")
        assert app.screen.query_one("#note").value == "" and _picked(app) == 0


async def test_a_note_typed_quickly_with_backspaces_is_kept_as_typed(make_app):
    """Backspace is a binding of the field, letters are not: typed in one burst they
    used to land out of order ('teh' for the 'the' typed)."""
    app = make_app("january_2022", seed=7, seats=("us",))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await to_board(pilot)
        await pilot.press("1")
        app.screen.query_one("#note").focus()
        await pilot.pause()
        await burst(pilot, "t", "e", "h", "backspace", "backspace", "h", "e", "enter")
        assert app.table.game.outcome.log[0].note == "the"


async def test_keys_typed_in_a_burst_after_committing_from_the_note_commit_nothing(make_app):
    """'x', Enter, '2', Enter in one burst: the note is 'x', one decision is made, and the
    keys typed after its Enter neither join the note nor commit the next decision."""
    app = make_app("january_2022", seed=4, seats=("us",))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await to_board(pilot)
        await pilot.press("1")
        app.screen.query_one("#note").focus()
        await pilot.pause()
        await burst(pilot, "x", "enter", "2", "enter")
        await pilot.pause()
        ours = [e for e in app.table.game.outcome.log if e.actor == "us"]
        assert [(e.turn, e.note) for e in ours] == [("geneva", "x")]
