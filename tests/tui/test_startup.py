"""Start-up as `wargame` runs it: what the title's first frame costs, and what it leaves behind.

Timings live in bench/tui_startup.py; these tests hold the structure that
the figures there depend on, in a fresh interpreter as a player starts it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import gc, json, sys
from textual.app import App
from wargame.tui.screens.title import TitleScreen

report = {}
original = TitleScreen.on_mount

def on_mount(self):
    def first_frame():
        report["modules"] = sorted(m for m in sys.modules if m.startswith("wargame"))
        report["gc_during_startup"] = gc.isenabled()
        self.set_timer(0.8, later)

    def later():
        report["gc_later"] = gc.isenabled()
        report["form"] = bool(self.query("#start")) and "wargame.scenario.load" in sys.modules
        report["screen"] = type(self.app.screen).__name__
        self.app.exit()

    self.call_after_refresh(first_frame)
    original(self)

TitleScreen.on_mount = on_mount
run = App.run
App.run = lambda self, **kw: run(self, headless=True, **kw)
from wargame.cli.main import main
rc = main(["play", "--saves", sys.argv[1]])
report["gc_after_exit"] = gc.isenabled()
print(json.dumps(report))
sys.exit(rc)
"""


def start(tmp_path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "saves")], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_title_comes_up_without_the_engine_and_the_collector_comes_back(tmp_path):
    report = start(tmp_path)
    assert report["screen"] == "TitleScreen"
    # The title lists the bundled scenario from a glance at its file: the
    # loader, the model, the engine and the saves come after the first frame
    # (about 60 ms of imports and loading).
    for module in ("wargame.scenario.load", "wargame.scenario.model", "wargame.expr.face",
                   "wargame.saves.files", "wargame.engine.rules", "wargame.engine.game",
                   "wargame.report.transcript", "wargame.analysis.simulate",
                   "wargame.report.write"):
        assert module not in report["modules"], module
    # ...and by the time a player can act, it is loaded and the form is up.
    assert report["form"] is True
    # Start-up runs without cyclic collections; a seminar's afternoon must not:
    # the collector is on again once the first screen is up, and after exit.
    assert report["gc_during_startup"] is False
    assert report["gc_later"] is True
    assert report["gc_after_exit"] is True


async def test_dialogs_open_without_restyling_everything(make_app, monkeypatch):
    """Once the first screen is up, opening any screen re-parses no CSS.

    A re-parse restyles every widget on screen: the hitch a player feels on
    the first hand-over or the first dialog of a session.
    """
    from textual.css.stylesheet import Stylesheet

    from tests.tui.conftest import start

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.pause(0.8)  # the sheets not needed for the first frame load now
        reparses = []
        original = Stylesheet.reparse
        monkeypatch.setattr(Stylesheet, "reparse",
                            lambda self: (reparses.append(1), original(self))[1])
        for key in ("s", "escape", "l", "escape", "f", "escape", "question_mark", "escape",
                    "q", "escape"):
            await pilot.press(key)
            await pilot.pause()
        assert reparses == []
        assert type(app.screen).__name__ == "DashboardScreen"


async def test_a_scenario_listed_from_a_glance_loads_before_anyone_plays(saves):
    from tests.tui.conftest import MINI, to_board
    from wargame.scenario.catalog import peek
    from wargame.tui.app import WargameApp
    from wargame.tui.launch import Launch

    app = WargameApp(Launch(peek(MINI), saves=saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        summary = str(app.screen.query_one("#summary").render())
        assert "Mini crisis" in summary and "3 turns, from" in summary  # loaded in full
        assert app.screen.query("#start")  # the form is up
        await pilot.press("enter")
        await pilot.pause()
        await to_board(pilot)
        assert type(app.screen).__name__ == "DashboardScreen"
        assert app.table.game.scenario.id == "mini"


async def test_a_listed_scenario_that_fails_its_full_load_says_so_and_starts_nothing(
        tmp_path, saves):
    from tests.tui.conftest import DATA
    from wargame.scenario.catalog import peek
    from wargame.tui.app import WargameApp
    from wargame.tui.launch import Launch

    broken = tmp_path / "broken.toml"
    broken.write_text((DATA / "bad" / "bad_id.toml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    app = WargameApp(Launch(peek(broken), saves=saves))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [n for n in app._notifications if "cannot be played" in (n.title or "")]
        assert not app.screen.query("#start")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "TitleScreen"
        assert app.table is None
