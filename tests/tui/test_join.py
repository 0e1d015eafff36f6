"""`wargame join`: the Textual game at a hosted seat, driven with keys against a real host."""

from __future__ import annotations

import asyncio

import pytest

from tests.functional.hosting import HostProcess, join, until
from tests.tui.conftest import screen_name, to_board
from wargame.tui.join import JoinApp


@pytest.fixture
def host(tmp_path):
    running = HostProcess(tmp_path, "--seats", "us,russia", "--teams",
                          "Washington=us; Moscow=russia")
    yield running
    running.stop()


async def joined(pilot, timeout: float = 15.0) -> None:
    await until(lambda: pilot.app.remote is not None, timeout)
    await pilot.pause()


async def test_a_team_plays_its_turn_and_then_waits_for_the_other(host, tmp_path):
    app = JoinApp(host.url, host.codes["Washington"], "laptop", tmp_path / "saves")
    moscow = await join(host, "Moscow")
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await joined(pilot)
            await to_board(pilot)
            assert screen_name(app) == "DashboardScreen"
            assert app.seating is not None and app.seating.view.my_turn
            await pilot.press("1")
            await pilot.press("enter")
            await until(lambda: moscow.view.acting == "Moscow")
            await until(lambda: app.seating.view.acting == "Moscow")
            await pilot.pause()
            head = str(app.screen.query_one("#choice-head").render())
            assert "waiting for Moscow" in head
            # Keys in the other team's turn change nothing on the host.
            before = moscow.version
            await pilot.press("2")
            await pilot.press("enter")
            await asyncio.sleep(0.3)
            assert moscow.version == before and app.remote.connected
    finally:
        await moscow.aclose()


async def test_the_first_screen_asks_for_a_code_and_says_when_it_is_wrong(host, tmp_path):
    app = JoinApp(host.url, None, "browser", tmp_path / "saves")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert screen_name(app) == "CodeScreen"
        code = app.screen.query_one("#code")
        code.value = "WRONG-WRONG-WRONG-WRONG"
        await pilot.press("enter")
        status = app.screen.query_one("#join-status")
        await until(lambda: "wrong code" in str(status.render()))
        code.value = host.codes["Moscow"].lower()
        await pilot.press("enter")
        await joined(pilot)
        assert app.remote is not None and app.remote.role == "Moscow"
        assert screen_name(app) in ("BriefingScreen", "DashboardScreen")


async def test_the_white_cell_sees_the_room_hands_a_seat_to_the_ai_and_looks_as_it(host, tmp_path):
    from textual.widgets import Select

    app = JoinApp(host.url, host.codes["white cell"], "front", tmp_path / "saves")
    async with app.run_test(size=(110, 40)) as pilot:
        await joined(pilot)
        await to_board(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.click("#room")
        await pilot.pause()
        assert screen_name(app) == "RoomScreen"
        assert app.screen.focused is app.screen.query_one("#team")  # keys only: Enter opens it
        presence = app.screen.query_one("#presence")
        await until(lambda: "Moscow: no screen for" in str(presence.render()))
        app.screen.query_one("#team", Select).value = "Moscow"
        app.screen.query_one("#doctrine", Select).value = "standard"
        await pilot.click("#hand")
        await until(lambda: app.remote.stand_ins.get("Moscow") == "standard")
        await pilot.click("#look")
        await until(lambda: screen_name(app) == "LookScreen")
        seen = str(app.screen.query_one("#seen").render())
        assert "What Moscow sees" in seen
        secret_us = [o for o in app.remote.scenario.objectives if o.secret and o.actor == "us"]
        assert secret_us and secret_us[0].title not in seen


async def test_the_white_cells_board_does_not_invite_it_to_pick_an_option(host, tmp_path):
    """It sees the options before Washington, but they are Washington's to choose."""
    app = JoinApp(host.url, host.codes["white cell"], "front", tmp_path / "saves")
    async with app.run_test(size=(80, 24)) as pilot:
        await joined(pilot)
        await to_board(pilot)
        detail = str(app.screen.query_one("#detail").render())
        assert "Pick an option" not in detail
        assert "Washington chooses" in detail and "f opens the console" in detail
        # Nor to negotiate, forecast or note a reason: those are a team's.
        assert "negotiate" not in str(app.screen.query_one("#choice-head").render())
        assert not app.screen.query_one("#note").display
        await pilot.pause()
        footer = [key.description for key in app.screen.query("FooterKey")]
        assert "Negotiate" not in footer
        assert "Undo" in footer  # the white cell may take back any decision
        await pilot.press("n", "e", "enter")
        await pilot.pause()
        assert screen_name(app) == "DashboardScreen"
        assert "It is Washington's turn to choose." in [n.message for n in app._notifications]


async def test_the_white_cells_console_previews_an_inject_from_the_host(host, tmp_path):
    """The answer comes over the wire; when the table moves on, the console asks again."""
    from textual.widgets import Select

    from tests.functional.test_host import decide
    from tests.functional.test_host_preview import ask
    from wargame.table.model import WHITE_CELL
    from wargame.table.requests import Adjust, Inject

    app = JoinApp(host.url, host.codes["white cell"], "front", tmp_path / "saves")
    wash, other = await join(host, "Washington"), await join(host, "white cell")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await joined(pilot)
            await to_board(pilot)
            await pilot.press("f")
            await pilot.pause()
            assert screen_name(app) == "FacilitatorScreen"
            box = app.screen.query_one("#preview")
            event = app.remote.scenario.events[0]
            app.screen.query_one("#event", Select).value = event.id
            expected = await ask(other, Inject(WHITE_CELL, event.id))
            await until(lambda: str(box.render()).startswith(expected.title))
            assert str(box.render()).splitlines()[1:] == [f"  {ln}" for ln in expected.lines]
            # The adjustment row: its own question, its own answer.
            app.screen.query_one("#target", Select).value = "tension"
            app.screen.query_one("#by").value = "30"
            adjust = await ask(other, Adjust(WHITE_CELL, "tension", 30))
            await until(lambda: str(box.render()).startswith(adjust.title))
            # Washington decides while the console is open: the preview is of the table now.
            await decide(wash)
            await until(lambda: app.remote.version == 1)
            moved = await ask(other, Adjust(WHITE_CELL, "tension", 30))
            await until(lambda: str(box.render()).splitlines()[1:] ==
                        [f"  {ln}" for ln in moved.lines])
            assert moved != adjust and app.remote.version == 1  # asked, nothing released
    finally:
        await wash.aclose()
        await other.aclose()


async def test_the_console_preview_follows_the_table_past_an_offers_answer(host, tmp_path):
    """While an offer waits for its answer nothing can be released; once it is answered
    the preview is asked again and shows what the inject would move."""
    from textual.widgets import Select

    from wargame.table.requests import AnswerOffer, MakeOffer

    app = JoinApp(host.url, host.codes["white cell"], "front", tmp_path / "saves")
    wash, moscow = await join(host, "Washington"), await join(host, "Moscow")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await joined(pilot)
            await to_board(pilot)
            wash.send(MakeOffer("Washington", "russia", ("aegis_visits",)))
            await until(lambda: moscow.view.offer is not None)
            await until(lambda: app.remote.view.offer is not None)
            await pilot.pause()
            await pilot.press("f")
            await pilot.pause()
            box = app.screen.query_one("#preview")
            app.screen.query_one("#event", Select).value = app.remote.scenario.events[1].id
            await until(lambda: "Nothing now" in str(box.render()))
            moscow.send(AnswerOffer("Moscow", False))
            await until(lambda: app.remote.view.offer is None)  # Russia's own move next
            await until(lambda: "Nothing now" not in str(box.render()), timeout=5)
            assert "would move" in str(box.render())
    finally:
        await wash.aclose()
        await moscow.aclose()


async def test_the_white_cell_names_a_save_and_the_host_never_replaces_one(host, tmp_path):
    app = JoinApp(host.url, host.codes["white cell"], "front", tmp_path / "saves")
    folder = host.folder / "saves"
    async with app.run_test(size=(80, 24)) as pilot:
        await joined(pilot)
        await to_board(pilot)
        for _ in range(2):
            await pilot.press("s")
            await pilot.pause()
            assert screen_name(app) == "SaveScreen"
            app.screen.query_one("#save-name").value = "checkpoint"
            await pilot.press("enter")
            await pilot.pause()
        await until(lambda: (folder / "checkpoint-2.toml").exists())
        assert (folder / "checkpoint.toml").exists()
        await until(lambda: any("'checkpoint' exists there and is kept" in n.message
                                for n in app._notifications))
