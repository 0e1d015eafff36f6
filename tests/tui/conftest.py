"""Helpers to drive the app with keys only, as a player would."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from wargame.scenario.load import find_scenario, load_scenario
from wargame.tui.app import WargameApp
from wargame.tui.launch import Launch

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = DATA / "mini.toml"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """A hosted table with both teams at a screen of their own, kept connected by a loop
    of their own in a thread: the room of screens reads the same in every run."""
    from tests.functional.hosting import HostProcess, join

    host = HostProcess(tmp_path_factory.mktemp("host"), "--seats", "us,russia", "--teams",
                       "Washington=us; Moscow=russia")
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(work):
        return asyncio.run_coroutine_threadsafe(work, loop).result(timeout=20)

    try:
        teams = [run(join(host, "Washington", "laptop")), run(join(host, "Moscow", "tablet"))]
        yield host
        for team in teams:
            run(team.aclose())
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
        host.stop()


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    return tmp_path / "saves"


@pytest.fixture
def make_app(saves: Path):
    def make(scenario: str | Path = MINI, **kwargs) -> WargameApp:
        sc = load_scenario(scenario) if isinstance(scenario, Path) else find_scenario(scenario)
        return WargameApp(Launch(sc, saves=saves, **kwargs))
    return make


def screen_name(app: WargameApp) -> str:
    return type(app.screen).__name__


async def burst(pilot, *keys: str) -> None:
    """Keys typed faster than the screen redraws (Pilot's ``press`` waits for each):
    all of them reach the App before any is handled, as from a quick typist."""
    from textual import events

    app = pilot.app
    for key in keys:
        event = events.Key(key, " " if key == "space" else key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


async def to_board(pilot) -> None:
    """Press Enter through hand-over and briefing screens until the board shows."""
    for _ in range(20):
        if pilot.app.settling:  # the briefing of a new game comes a frame after the board
            await pilot.pause()
            continue
        if screen_name(pilot.app) not in ("BriefingScreen", "HandOverScreen"):
            return
        await pilot.press("enter")
        await pilot.pause()


async def start(pilot) -> None:
    """From the title: Enter starts with the defaults, then on to the board."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await to_board(pilot)


async def decide(pilot, key: str = "1") -> None:
    """Pick an option with its number key, commit it, and go on to the next board."""
    await pilot.press(key, "enter")
    await pilot.pause()
    await to_board(pilot)


async def play_out(pilot, pick: str = "1", limit: int = 60) -> None:
    """Decide (or answer an offer) with the same key until the game ends."""
    app = pilot.app
    for _ in range(limit):
        if app.table.game.over:
            return
        await to_board(pilot)
        waiting = app.table.game.waiting
        answering = waiting is not None and waiting.kind == "answer"
        if answering and screen_name(app) == "DashboardScreen":
            await pilot.press("n")  # an offer put away waits on the board: n brings it back
            await pilot.pause()
        await pilot.press(pick, "enter")
        await pilot.pause()
    raise AssertionError("the game did not end")
