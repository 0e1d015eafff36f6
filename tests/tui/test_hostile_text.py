"""Text from a scenario, a save or a player is drawn as written on every screen.

tests/data/hostile_markup.toml puts Textual markup in every name a player
reads: `[@click=app.screenshot()]x[/]` (an action run on a click, were it
markup) and a lone `[/]` (a MarkupError that stopped the app, were it
markup). The walk goes through every screen at 80x24 (title, hand-over of a
team named `[/]`, briefing, board, facilitator console with its drop-downs,
save dialog with a typed name `[/]`, load dialog, help, ending) and checks
on each that the characters are drawn, and at the end that no click ran an
action and nothing crashed.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, SelectionList

from tests.tui.conftest import DATA, screen_name, to_board
from wargame.tui.app import WargameApp

HOSTILE = DATA / "hostile_markup.toml"
CLICK = "[@click=app.screenshot()]"


def drawn(app: WargameApp) -> str:
    """Every line of the frame as the terminal gets it."""
    strips = app.screen._compositor.render_update(full=True).strips  # noqa: SLF001
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def _settle(pilot, screen: str, tries: int = 40) -> None:
    for _ in range(tries):
        await pilot.pause()
        if screen_name(pilot.app) == screen:
            await pilot.pause()
            return
    raise AssertionError(f"{screen} did not come; at {screen_name(pilot.app)}")


def _shows(app: WargameApp, *needles: str) -> None:
    frame = drawn(app)
    for needle in needles:
        assert needle in frame, (needle, frame)


async def test_hostile_names_are_drawn_as_written_on_every_screen(make_app, saves, monkeypatch):
    clicked: list[object] = []
    monkeypatch.setattr(WargameApp, "action_screenshot",
                        lambda self, *args, **kw: clicked.append(args))
    app = make_app(HOSTILE)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(40):  # the form comes after the first frame
            await pilot.pause()
            if app.screen.query("#teams"):
                break
        _shows(app, f"{CLICK}Mini[/]", "[/]", "[b]bold?[/b]")
        await pilot.click("#scenario-list")
        await pilot.click("#summary")
        app.screen.query_one("#seats", SelectionList).focus()
        await pilot.pause()
        _shows(app, f"{CLICK}West[/]", "[/]East", "[/]Standard", "You play: ")
        app.screen.query_one("#teams", Input).value = "[/]=west"
        await pilot.press("enter")
        await _settle(pilot, "BriefingScreen")
        _shows(app, f"{CLICK}First[/]", "[red]not")
        await to_board(pilot)
        assert screen_name(app) == "DashboardScreen"
        _shows(app, f"{CLICK}Offer[/]", "[/]Warn", "[/]Tension", "[/]Calm")
        await pilot.click("#choices")

        await pilot.press("f")
        await _settle(pilot, "FacilitatorScreen")
        _shows(app, "Teams: [/]: west")
        for selector, value in (("#event", "spiral"), ("#target", "tension"), ("#turn", "one")):
            select = app.screen.query_one(selector, Select)
            select.focus()
            await pilot.press("enter")  # the list drops down: every entry drawn
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            select.value = value  # last: a chosen event or turn takes the keys to the reason
            await pilot.pause()
        _shows(app, f"{CLICK}Spiral[/]", "[/]Tension", f"{CLICK}First[/]")
        await pilot.press("escape")
        await _settle(pilot, "DashboardScreen")

        await pilot.press("s")
        await _settle(pilot, "SaveScreen")
        name = app.screen.query_one("#save-name", Input)
        name.value = "[/]"
        await pilot.press("enter")  # a name that is not allowed: the reason, with the name
        await pilot.pause()
        _shows(app, "[/]: a save name")
        name.value = "plain"
        await pilot.press("enter")
        await _settle(pilot, "DashboardScreen")

        await pilot.press("l")
        await _settle(pilot, "LoadScreen")
        for _ in range(20):
            await pilot.pause()
            if "plain" in drawn(app):
                break
        _shows(app, "plain")
        await pilot.press("escape")
        await _settle(pilot, "DashboardScreen")

        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()

        for _ in range(30):  # play on to the ending
            if app.table.game.over:
                break
            await to_board(pilot)
            await pilot.press("2", "enter")
            await pilot.pause()
        await _settle(pilot, "EndingScreen")
        _shows(app, "[/]")
        await pilot.click("#ending-top")
        await pilot.press("q")
        await pilot.pause()
    assert clicked == []
    assert app.return_code in (None, 0)


async def test_hostile_team_names_are_drawn_as_written_at_the_hand_over(make_app):
    app = make_app(HOSTILE)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(40):
            await pilot.pause()
            if app.screen.query("#teams"):
                break
        app.screen.query_one("#seats", SelectionList).select("east")  # two teams, hot seat
        app.screen.query_one("#teams", Input).value = "[/]=west; [b]E[/]=east"
        await pilot.press("enter")
        await _settle(pilot, "HandOverScreen")
        _shows(app, "[/]")
        await pilot.press("enter")
        await _settle(pilot, "BriefingScreen")
        await to_board(pilot)
        await pilot.press("1", "enter")
        await _settle(pilot, "HandOverScreen")
        _shows(app, "[b]E[/]")
    assert app.return_code in (None, 0)


def test_the_hostile_scenario_is_a_valid_one():
    from wargame.scenario.load import load_scenario

    sc = load_scenario(Path(HOSTILE))
    assert sc.title.startswith(CLICK)


def test_a_crash_of_the_app_is_a_non_zero_exit(monkeypatch, tmp_path, capsys):
    """Whatever stops the app with an error, `wargame play` does not exit 0."""
    from wargame.cli.main import main

    def crash(self) -> None:
        raise RuntimeError("a bug")

    real_run = WargameApp.run
    monkeypatch.setattr(WargameApp, "on_mount", crash)
    monkeypatch.setattr(WargameApp, "run", lambda self, **kw: real_run(self, headless=True))
    assert main(["play", str(HOSTILE), "--saves", str(tmp_path)]) != 0


QUIT_DURING_SCANS = r'''
import sys, threading, time
from pathlib import Path

import wargame.scenario.load as load
import wargame.tui.screens.saves as saves

real = load.load_scenario
stuck = threading.Event()


def forever(*args):
    stuck.set()
    time.sleep(3600)  # a disk that never answers


def slow_load(path):
    if threading.current_thread() is threading.main_thread():
        return real(path)
    forever()


load.load_scenario = slow_load
saves.list_saves = forever

from wargame.tui.app import WargameApp
from wargame.tui.launch import Launch

app = WargameApp(Launch(real(sys.argv[1]), saves=Path(sys.argv[2])))


async def pilot(p):
    for _ in range(200):  # the title's scan of other scenarios
        await p.pause(0.02)
        if stuck.is_set():
            break
    stuck.clear()
    await p.press("l")  # the load dialog's listing of saves
    for _ in range(200):
        await p.pause(0.02)
        if stuck.is_set():
            break
    await p.press("escape", "q")


app.run(headless=True, auto_pilot=pilot)
print("quit", stuck.is_set(), flush=True)
'''


def test_the_process_ends_after_q_whatever_a_scan_waits_for(tmp_path):
    """Background reads never keep `wargame play` alive after the player quits."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", QUIT_DURING_SCANS, str(DATA / "mini.toml"),
                             str(tmp_path)], capture_output=True, text=True, timeout=60,
                            cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["quit", "True"]  # both scans were stuck
