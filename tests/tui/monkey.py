"""The monkey's driver: random keys, clicks and resizes on the app, and the way
back to a game afterwards (tests/tui/test_monkey.py has the tests).

``WARGAME_MONKEY_SEED=N`` picks the seeds (N for one side, N+1 for the other)
to replay a run or try new ones. A step that takes longer than
``WARGAME_MONKEY_TIMEOUT`` seconds (default 60) fails the test with the last
actions, the screen stack, the focused widget, the running workers, the last
notices and where the test waits, so a stall is a message rather than a run
that never ends; a UI loop blocked outright (no await comes back) gets every
thread's stack on the terminal and the test is interrupted.
"""


from __future__ import annotations

import _thread
import asyncio
import faulthandler
import os
import random
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import pytest
from textual import events
from textual.pilot import OutOfBounds
from textual.widgets import Button

from tests.tui.conftest import play_out, screen_name, to_board
from wargame.scenario.load import find_scenario
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
TIMEOUT = float(os.environ.get("WARGAME_MONKEY_TIMEOUT", "60"))
"""Seconds each step may take (the start, one action, closing up, the play-out,
the shutdown); the slowest action seen took 4.3 s, on two busy cores."""


def seed_for(default: int, side: int) -> int:
    base = os.environ.get("WARGAME_MONKEY_SEED")
    return int(base) + side if base else default


def send_key(app: WargameApp, key: str) -> None:
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
        self.slowest = 0.0
        """The longest one action took, in seconds (to set TIMEOUT by)."""
        self.apps = 0
        self.doing = ""
        self.recoveries: Counter[str] = Counter()
        """What the driver had to do to get back to a game, beyond Escape and Enter."""
        self.timer: asyncio.TimerHandle | None = None
        self.expire: Callable[[], asyncio.TimerHandle] | None = None
        """Starts the clock on a step; set by _watched_session."""

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
                send_key(pilot.app, key)
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

    def step(self, what: str) -> None:
        """Restart the clock for the next step (see watched_session)."""
        self.doing = what
        if self.timer is not None:
            self.timer.cancel()
        self.timer = self.expire() if self.expire else None


def awaiting(coro) -> list[str]:  # type: ignore[no-untyped-def]
    """The chain of awaits a coroutine is suspended in, outermost first."""
    chain = []
    while coro is not None:
        kind = next((k for k in ("cr", "gi", "ag") if hasattr(coro, f"{k}_frame")), None)
        if kind is None:  # a future or a task: the end of the chain
            chain.append(repr(coro)[:80])
            break
        frame = getattr(coro, f"{kind}_frame")
        if frame is not None:
            chain.append(f"{frame.f_code.co_name} ({Path(frame.f_code.co_filename).name}"
                         f":{frame.f_lineno})")
        coro = getattr(coro, {"cr": "cr_await", "gi": "gi_yieldfrom", "ag": "ag_await"}[kind])
    return chain


def app_state(app: WargameApp, monkey: Monkey, problem: str,
           task: asyncio.Task | None = None) -> str:
    """What a person would look at when the app stops answering or playing."""
    try:
        focused = repr(app.focused)
    except Exception as exc:  # no screen at all is itself the finding
        focused = f"(none: {exc!r})"
    workers = [f"{w.name} group={w.group} {w.state.name}" for w in app.workers]
    task = task or asyncio.current_task()
    waits = " <- ".join(reversed(awaiting(task.get_coro()))) if task else "?"
    tasks = sorted(repr(t.get_coro()).split(" at ")[0].removeprefix("<coroutine object ")
                   for t in asyncio.all_tasks() if not t.done())
    pumps = sum("_process_messages" in t or "_run_timer" in t for t in tasks)
    tasks = [t for t in tasks if "_process_messages" not in t and "_run_timer" not in t]
    table = app.table
    waiting = table and table.game.waiting
    game = table and (f"turn {table.game.turn.id}, "
                      f"waiting for {waiting.actor if waiting else None}, "
                      f"paused {table.paused}, over {table.game.over}")
    return "\n".join([
        problem,
        f"game: {game}; settling {app.settling}",
        f"screen stack: {[type(s).__name__ for s in app.screen_stack]}",
        f"last notices: {[n.message for n in app._notifications][-4:]}",
        f"focused: {focused}",
        f"workers: {workers or 'none'}",
        f"the test waits in: {waits}",
        f"asyncio tasks: {tasks} and {pumps} message pumps and timers",
        f"last {len(monkey.trace)} actions:", monkey.where(),
    ])


class LoopWatch:
    """A thread that notices a UI loop blocked outright, where no timeout can fire:
    it prints every thread's stack and the last actions, then interrupts the run."""

    def __init__(self, monkey: Monkey, config: pytest.Config | None = None) -> None:
        self.monkey = monkey
        # pytest captures stderr and shows none of it after an interrupt:
        # the report goes past the capture, to the terminal.
        capman = config.pluginmanager.getplugin("capturemanager") if config else None
        self.uncaptured = capman.global_and_fixture_disabled if capman else nullcontext
        self.loop = asyncio.get_running_loop()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self.stop.wait(1):
            beat = threading.Event()
            try:
                self.loop.call_soon_threadsafe(beat.set)
            except RuntimeError:  # the loop closed: nothing left to watch
                return
            if not beat.wait(TIMEOUT) and not self.stop.is_set():
                with self.uncaptured():
                    print(f"\nUI loop blocked for {TIMEOUT:g} s after:\n"
                          f"{self.monkey.where()}", file=sys.stderr, flush=True)
                    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
                self._interrupt()
                return

    @staticmethod
    def _interrupt() -> None:
        """A real SIGINT, twice: interrupt_main alone waits for a blocking call to
        return, and asyncio's runner answers the first SIGINT only by cancelling."""
        if not hasattr(signal, "pthread_kill"):
            _thread.interrupt_main()
            return
        for _ in range(2):
            signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
            time.sleep(1)

    def __enter__(self) -> LoopWatch:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()


async def clear_the_title_form(pilot) -> None:
    """What a person does when Enter on the title explains that the seed or the
    teams typed there are not valid: empty those fields (Home, then ctrl+k)."""
    for field in pilot.app.screen.query("#seed, #teams"):
        if field.value:
            field.focus()
            await pilot.press("home", "ctrl+k")


async def resume(pilot) -> None:
    """A game the monkey paused from the facilitator console is resumed there."""
    await pilot.press("f")
    await pilot.pause()
    if screen_name(pilot.app) == "FacilitatorScreen":
        # As a click on it does, wherever a small terminal scrolled it to.
        pilot.app.screen.query_one("#pause", Button).press()
        await pilot.pause()


async def back_to_the_game(pilot, trace: str = "", monkey: Monkey | None = None) -> None:
    """Close whatever the monkey left open, and start a game if it is at the title."""
    app = pilot.app
    for _ in range(12):
        await app.workers.wait_for_complete()
        await pilot.pause()
        name = screen_name(app)
        if name in ("DashboardScreen", "EndingScreen") and len(app.screen_stack) <= 3:
            if name == "DashboardScreen" and app.table.paused:
                await resume(pilot)
                if monkey:
                    monkey.recoveries["resumed a paused game"] += 1
                continue
            return
        if name == "TitleScreen":
            await pilot.press("enter")
            await pilot.pause()
            if screen_name(app) == "TitleScreen":  # refused: the form says why
                await clear_the_title_form(pilot)
                if monkey:
                    monkey.recoveries["cleared the title form"] += 1
        elif name in ("BriefingScreen", "HandOverScreen"):
            await to_board(pilot)
        else:
            await pilot.press("escape")
    problem = f"stuck on {screen_name(app)} ({app.screen_stack})"
    raise AssertionError(app_state(app, monkey, problem) if monkey
                         else f"{problem} after:\n{trace}")


async def monkey_session(app: WargameApp, monkey: Monkey, events: int) -> int:
    """Random events until done or the app quits; returns how many were sent."""
    sent = 0
    hook = monkey.messages.append
    async with app.run_test(size=monkey.size, message_hook=hook) as pilot:
        monkey.step("the first frame")
        await pilot.pause()
        while sent < events:
            monkey.step("the last action")
            began = time.monotonic()
            await monkey.event(pilot)
            monkey.slowest = max(monkey.slowest, time.monotonic() - began)
            sent += 1
            assert app._exception is None, monkey.where()
            # Only Textual's own empty screen left: a blank app, however it came.
            assert len(app.screen_stack) > 1 or app._exit, app_state(app, monkey, "a blank app")
            if app._exit:  # it found a way out; the caller starts a new app
                monkey.step("closing the app")
                return sent
        monkey.step("closing what the monkey left open")
        await pilot.resize_terminal(80, 24)
        await back_to_the_game(pilot, monkey=monkey)
        monkey.step("playing the game out")
        try:
            await play_out(pilot, limit=120)
        except AssertionError as exc:
            raise AssertionError(app_state(app, monkey, str(exc))) from None
        monkey.step("the last autosave")
        await app.workers.wait_for_complete()
        monkey.step("closing the app")
    return -1


async def watched_session(app: WargameApp, monkey: Monkey, events: int) -> int:
    """monkey_session with a timer that each step restarts; when it runs out,
    the app's state is taken there and then (before the cancel unwinds the app)
    and the session fails with it. Start and shutdown are watched as well."""
    task = asyncio.current_task()
    assert task is not None
    loop = asyncio.get_running_loop()
    report: list[str] = []

    def expire() -> None:
        report.append(app_state(app, monkey, f"the app stopped answering: {monkey.doing} "
                             f"took over {TIMEOUT:g} s", task))
        task.cancel()

    monkey.expire = lambda: loop.call_later(TIMEOUT, expire)
    monkey.step("starting the app")
    try:
        return await monkey_session(app, monkey, events)
    except asyncio.CancelledError:
        if not report:
            raise
        task.uncancel()
        raise AssertionError(report[0]) from None
    finally:
        if monkey.timer is not None:
            monkey.timer.cancel()


async def run(seat: str, saves: Path, events: int, seed: int,
               config: pytest.Config | None = None) -> Monkey:
    scenario = find_scenario("january_2022")
    monkey = Monkey(seed)
    left = events
    with LoopWatch(monkey, config):
        for _ in range(50):
            monkey.apps += 1
            app = WargameApp(Launch(scenario, seats=(seat,), saves=saves))
            sent = await watched_session(app, monkey, left)
            if sent < 0:
                return monkey
            left -= sent
    raise AssertionError("the monkey quit the app fifty times")
