"""A monkey at the keyboard: random keys, clicks and resizes, then a game to the end.

Seminar tables are noisy: people lean on keys, click anywhere, drag the
window. Whatever they do, the app must raise nothing, and afterwards the
game must still play to an ending with the ordinary keys. One side plays with
a saves folder that cannot be written (a file stands where it should be):
every save and autosave fails with a message and the game goes on.

Default run: forty actions per side (about 200 keys, clicks and resizes in all);
``-m soak``: 1,500 actions per side (over 3,000 events each).
"""

from __future__ import annotations

import random
from collections import deque
from functools import partial
from pathlib import Path

import pytest
from textual import events
from textual.pilot import OutOfBounds
from textual.widgets import Button

from tests.tui.conftest import play_out, screen_name, to_board
from wargame.loader import find_scenario
from wargame.saves import write_save
from wargame.tui.app import WargameApp
from wargame.tui.launch import Launch

# Every key the game binds, and keys people hit by accident. Quitting keys
# are left out (ctrl+q, ctrl+c); a monkey that still finds its way out (the
# palette's "Quit") gets a new app and goes on.
KEYS = ([str(n) for n in range(10)]
        + ["enter", "enter", "escape", "escape", "tab", "shift+tab", "space", "backspace",
           "up", "down", "left", "right", "home", "end", "pageup", "pagedown", "delete",
           "u", "s", "l", "f", "r", "n", "y", "a", "e", "x", "question_mark", "ctrl+p",
           "ctrl+z", "ctrl+s", "minus", "full_stop", "slash", "exclamation_mark", "é"])
SIZES = [(80, 24), (120, 36), (40, 12), (200, 60), (24, 8), (60, 50), (100, 10)]


def _send_key(app: WargameApp, key: str) -> None:
    """A key event straight to the driver, as Pilot.press sends it, without the wait."""
    char = key if len(key) == 1 else {"space": " ", "question_mark": "?", "minus": "-",
                                      "full_stop": ".", "slash": "/",
                                      "exclamation_mark": "!"}.get(key)
    name = {"é": "e_acute"}.get(key, key)
    event = events.Key(name, char)
    event.set_sender(app)
    app._driver.send_message(event)


class Monkey:
    """Random events on one app, with the last few kept for a failure message."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.trace: deque[str] = deque(maxlen=40)
        self.size = (80, 24)
        self.counts = {"key": 0, "click": 0, "resize": 0}
        self.messages: list = []
        """Every message the apps handled, to see saves written or refused."""

    async def event(self, pilot) -> None:
        roll = self.rng.random()
        if roll < 0.45:
            key = self.rng.choice(KEYS)
            self.trace.append(f"press {key} on {screen_name(pilot.app)}")
            self.counts["key"] += 1
            await pilot.press(key)
        elif roll < 0.75:
            # Mashing: keys arrive faster than the app settles, as at a real table.
            keys = [self.rng.choice(KEYS) for _ in range(self.rng.randint(2, 8))]
            self.trace.append(f"mash {keys} on {screen_name(pilot.app)}")
            self.counts["key"] += len(keys)
            for key in keys:
                _send_key(pilot.app, key)
            await pilot.pause()
        elif roll < 0.95:
            x, y = self.rng.randrange(self.size[0]), self.rng.randrange(self.size[1])
            times = self.rng.choice((1, 1, 2))
            self.trace.append(f"click {x},{y} x{times} on {screen_name(pilot.app)}")
            self.counts["click"] += 1
            try:
                await pilot.click(offset=(x, y), times=times)
            except OutOfBounds:
                pass
        else:
            self.size = self.rng.choice(SIZES)
            self.trace.append(f"resize {self.size}")
            self.counts["resize"] += 1
            await pilot.resize_terminal(*self.size)

    def where(self) -> str:
        return "\n".join(self.trace)


async def _back_to_the_game(pilot, trace: str = "") -> None:
    """Close whatever the monkey left open, and start a game if it is at the title."""
    app = pilot.app
    for _ in range(12):
        await app.workers.wait_for_complete()
        await pilot.pause()
        name = screen_name(app)
        if name in ("DashboardScreen", "EndingScreen") and len(app.screen_stack) <= 3:
            return
        if name == "TitleScreen":
            await pilot.press("enter")
        elif name in ("BriefingScreen", "HandOverScreen"):
            await to_board(pilot)
        else:
            await pilot.press("escape")
    raise AssertionError(f"stuck on {screen_name(app)} ({app.screen_stack}) after:\n{trace}")


async def _monkey_session(app: WargameApp, monkey: Monkey, events: int) -> int:
    """Random events until done or the app quits; returns how many were sent."""
    sent = 0
    hook = monkey.messages.append
    async with app.run_test(size=monkey.size, message_hook=hook) as pilot:
        await pilot.pause()
        while sent < events:
            await monkey.event(pilot)
            sent += 1
            assert app._exception is None, monkey.where()
            if app._exit:  # it found a way out; the caller starts a new app
                return sent
        await _back_to_the_game(pilot, monkey.where())
        await pilot.resize_terminal(80, 24)
        await play_out(pilot, limit=120)
        assert app.session.game.over, monkey.where()
        await app.workers.wait_for_complete()
    return -1


async def _run(seat: str, saves: Path, events: int, seed: int) -> Monkey:
    scenario = find_scenario("january_2022")
    monkey = Monkey(seed)
    left = events
    for _ in range(50):
        app = WargameApp(Launch(scenario, seats=(seat,), saves=saves))
        sent = await _monkey_session(app, monkey, left)
        if sent < 0:
            return monkey
        left -= sent
    raise AssertionError("the monkey quit the app fifty times")


async def test_keys_that_outrun_the_command_palette_do_not_stop_the_app(tmp_path):
    """What the monkey found: Escape, ctrl+p and a letter in one batch on the
    hot-seat hand-over screen crashed Textual's palette (see wargame/tui/palette.py)."""
    launch = Launch(find_scenario("january_2022"), seats=("us", "russia"),
                    saves=tmp_path / "saves")
    app = WargameApp(launch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert screen_name(app) == "HandOverScreen"
        for _ in range(4):
            for key in ("escape", "ctrl+p", "r", "shift+tab"):
                _send_key(app, key)
            await pilot.pause()
            await pilot.pause(0.1)
            assert app._exception is None
        await _back_to_the_game(pilot)
        assert app.session.game.waiting is not None


@pytest.mark.parametrize("opener, focus", [
    ("s", "#save-name"),   # save: the name submitted, then Escape
    ("l", "#save-list"),   # load: a save chosen, then Escape
])
async def test_enter_then_escape_in_a_dialog_keeps_the_board(opener, focus, tmp_path):
    """What the soak monkey found: Escape closed the dialog before its Enter was
    handled, the late handler dismissed again and popped the board: a blank app."""
    app = WargameApp(Launch(find_scenario("january_2022"), seats=("us",),
                            saves=tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _back_to_the_game(pilot)
        write_save(app.session.game, tmp_path / "saves" / "earlier.toml")
        await pilot.press(opener)
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one(focus).focus()
        await pilot.pause()
        for key in ("enter", "escape"):
            _send_key(app, key)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "DashboardScreen" in [type(s).__name__ for s in app.screen_stack]
        await _back_to_the_game(pilot)


@pytest.mark.parametrize("opener, late", [
    ("f", lambda screen: partial(screen._send, "pause")),
    ("q", lambda screen: partial(screen._pressed, Button.Pressed(screen.query_one("#stay")))),
])
async def test_a_dialog_message_handled_after_it_closed_keeps_the_board(opener, late,
                                                                       tmp_path):
    """The soak monkey blanked the app again from the facilitator console (two
    Enters in one burst), too timing-bound to replay; this is its shape: the
    dialog is closed, then a button's message from before is handled."""
    app = WargameApp(Launch(find_scenario("january_2022"), seats=("us",),
                            saves=tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _back_to_the_game(pilot)
        await pilot.press("1", "enter")  # progress, so that q asks before quitting
        await _back_to_the_game(pilot)
        await pilot.press(opener)
        await pilot.pause()
        dialog = app.screen
        handle = late(dialog)  # the message, made while the dialog was open
        dialog.dismiss(None)
        await pilot.pause()
        handle()
        await pilot.pause()
        assert "DashboardScreen" in [type(s).__name__ for s in app.screen_stack]
        assert not app.session.paused
        await _back_to_the_game(pilot)


async def test_a_decision_while_the_facilitator_console_is_covered(tmp_path):
    """What the soak monkey found next: Enter, then f, in one burst; the decision
    landed with the console open and a briefing pushed over it, and handing the
    new session to the covered console (a plain attribute, not a reactive)
    raised AttributeError."""
    app = WargameApp(Launch(find_scenario("january_2022"), seats=("us",),
                            saves=tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _back_to_the_game(pilot)
        game = app.session.game
        await pilot.press("f")
        await pilot.pause()
        app.push_screen("help")  # anything over the console
        await pilot.pause()
        app.apply(game.decide(game.waiting.options[0].id))
        await pilot.pause()
        assert app._exception is None
        await _back_to_the_game(pilot)
        assert app.session.game.outcome.log[0].option == game.waiting.options[0].id


async def test_page_keys_before_the_palette_lists_its_results(tmp_path):
    """What the soak monkey found: Page Down while the palette's first results were
    not laid out yet raised KeyError in Textual's OptionList."""
    app = WargameApp(Launch(find_scenario("january_2022"), seats=("us",),
                            saves=tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _back_to_the_game(pilot)
        for _ in range(3):
            for key in ("ctrl+p", "3", "tab", "1", "pagedown", "u", "tab"):
                _send_key(app, key)
            await pilot.pause()
            await pilot.pause(0.1)
            assert app._exception is None
            await _back_to_the_game(pilot)


async def test_the_facilitator_console_in_a_tiny_terminal(tmp_path):
    """What the soak monkey found: at 24x8 a Select squeezed to nothing made
    Textual wrap its options at width 0 and raise (see app.tcss)."""
    app = WargameApp(Launch(find_scenario("january_2022"), seats=("us",),
                            saves=tmp_path / "saves"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _back_to_the_game(pilot)
        await pilot.press("f")
        await pilot.resize_terminal(24, 8)
        for keys in (("tab",), ("enter",), ("down",), ("escape",), ("tab", "tab", "enter")):
            if screen_name(app) != "FacilitatorScreen":
                await pilot.press("f")
            await pilot.press(*keys)
            await pilot.pause()
            assert app._exception is None
        await _back_to_the_game(pilot)


@pytest.mark.parametrize("seat", ["us", "russia"])
async def test_random_keys_clicks_and_resizes_break_nothing(seat, tmp_path):
    saves = tmp_path / "saves"
    if seat == "russia":
        saves.write_text("a file where the saves folder should be")
    monkey = await _run(seat, saves, events=40, seed={"us": 1, "russia": 2}[seat])
    assert min(monkey.counts.values()) > 0, monkey.counts
    kinds = {type(m).__name__ for m in monkey.messages}
    if seat == "russia":
        # Every save was refused with a message, the file was left alone,
        # and the game still reached its ending above.
        assert "SaveFailed" in kinds and "SaveWritten" not in kinds
        assert saves.read_text() == "a file where the saves folder should be"
    else:
        assert "SaveWritten" in kinds and (saves / "autosave.toml").is_file()


@pytest.mark.soak
@pytest.mark.parametrize("seat", ["us", "russia"])
async def test_soak_monkey(seat, tmp_path):
    saves = tmp_path / "saves"
    if seat == "russia":
        saves.write_text("a file where the saves folder should be")
    monkey = await _run(seat, saves, events=1500, seed={"us": 11, "russia": 12}[seat])
    assert sum(monkey.counts.values()) > 3000, monkey.counts
