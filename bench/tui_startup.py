"""Start-up and response of the terminal UI, against a bare Textual app.

Each start-up figure is measured in a fresh interpreter (headless, like
``app.run_test``), started through the command line as a player starts it:
time from the first line of the child script to the first frame written
that shows what the screen is for (the title's scenario list; the board's gauges and
options, not an empty skeleton), its CPU time, and the child's peak resident
memory. The baseline is an App with a Header and a Footer started the same
way. Aim: at most 1.3x the baseline for each. Runs are interleaved and the
median is reported, and the ratio of the fastest starts beside it; for a figure
no busy spell moves, see tui_instructions.py.

A second baseline, "bare+core", is the bare app after the same work the
game does before its UI starts (import the core, load, validate and replay
the scenario): the ratio against it is the interface's own cost.

The response figure is in-process: a keypress that commits a decision, timed
until the screen has been redrawn with the new state (aim: under 50 ms).

Run: ``python bench/tui_startup.py`` (or ``make bench``).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))
RUNS = 11
GAMES = 3
"""Games played to the end for the commit timing (the bundled one, as the US)."""

CHILD = r'''
import time, resource, sys, json, os
from pathlib import Path
T0 = time.perf_counter()
which, save = sys.argv[1], sys.argv[2]
from textual.app import App
from textual.widgets import Footer, Header

TARGET = {"bare": "Bare", "bare+core": "Bare", "title": "TitleScreen",
          "dashboard": "DashboardScreen"}[which]

def shows_the_game(screen):
    # The frame counts once it shows what the screen is for, not a skeleton.
    name = type(screen).__name__
    if name == "TitleScreen":
        return screen.query_one("#scenario-list").option_count > 0
    if name == "DashboardScreen":
        return (bool(screen.query_one("#world-panel").readings)
                and screen.query_one("#options").option_count > 0)
    return True

def peak_rss_kb():
    # VmHWM is this program's own peak; ru_maxrss survives exec, so a child of
    # a big process (bench/run.py after the engine bench) reports the parent's.
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

# Timed at the frame itself: the first one written to the (headless)
# terminal that shows the target screen with its content.
display = App._display
def timed_display(app, screen, renderable):
    display(app, screen, renderable)
    name = type(screen).__name__ if TARGET != "Bare" else "Bare"
    if name == TARGET and shows_the_game(screen) and not getattr(app, "_timed", False):
        app._timed = True
        ms = (time.perf_counter() - T0) * 1000
        rss = peak_rss_kb()
        print(json.dumps({"ms": ms, "cpu_ms": time.process_time() * 1000, "rss_kb": rss}))
        if os.environ.get("WARGAME_BENCH_STOP_AT_FRAME"):  # counting work up to the frame
            sys.stdout.flush()
            os._exit(0)
        app.call_later(app.exit)
App._display = timed_display

if which == "bare+core":
    # The same pre-UI work as the game: import the core, load and validate the
    # scenario. What is left over this line is the interface's own cost.
    from wargame.saves.files import load_game
    load_game(save)
if which.startswith("bare"):
    class Bare(App):
        def compose(self):
            yield Header()
            yield Footer()
    Bare().run(headless=True)
else:
    # The game starts as `wargame` and `wargame play --load SAVE` do, through
    # the command line (which checks its input before any UI), headless.
    saves = str(Path(save).parent)
    argv = (["play", "--saves", saves] if which == "title"
            else ["play", "--load", save, "--saves", saves])
    run = App.run
    App.run = lambda self, **kw: run(self, headless=True, **kw)
    from wargame.cli.main import main
    raise SystemExit(main(argv))
'''


# As a player's machine runs it: compiled bytecode cached beside the sources
# (pip writes it for Textual at install; Python writes ours on first import).
# With PYTHONDONTWRITEBYTECODE set, every start would compile the game's
# sources again while Textual's stay compiled: ~100 ms against the game alone.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
KINDS = ("bare", "bare+core", "title", "dashboard")


def child(which: str, save: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, which, str(save)], cwd=ROOT,
                         capture_output=True, text=True, check=True, env=ENV)
    return json.loads(out.stdout.strip().splitlines()[-1])


def startup(save: Path) -> dict[str, dict[str, float]]:
    for which in KINDS:  # warm-up: bytecode written, files in the page cache
        child(which, save)
    runs: dict[str, list[dict[str, float]]] = {which: [] for which in KINDS}
    for _ in range(RUNS):  # interleaved, so a busy spell hits every kind alike
        for which in KINDS:
            runs[which].append(child(which, save))
    # The fastest start of each kind is the one a busy spell touched least:
    # its ratio is printed beside the medians'.
    return {which: {"ms": statistics.median(r["ms"] for r in rs),
                    "min_ms": min(r["ms"] for r in rs),
                    "cpu_ms": statistics.median(r["cpu_ms"] for r in rs),
                    "rss_mb": statistics.median(r["rss_kb"] for r in rs) / 1024}
            for which, rs in runs.items()}


def make_save(folder: Path) -> Path:
    """A save of the bundled scenario, one decision in."""
    from wargame.engine.game import Game
    from wargame.saves.files import write_save
    from wargame.scenario.load import find_scenario

    game = Game.new(find_scenario("january_2022"), None, ("us",))
    for _ in range(1):
        game = game.decide(game.waiting.options[0].id)
    return write_save(game, folder / "bench.toml")


async def _commit_times(save: Path) -> list[float]:
    """Enter on an option, timed from the key event to the first frame written after it."""
    from textual import events

    from wargame.saves.files import load_game
    from wargame.tui.app import WargameApp
    from wargame.tui.launch import Launch

    loaded = load_game(save)
    app = WargameApp(Launch(loaded.game.scenario, saves=save.parent, loaded=loaded))
    frames: list[float] = []
    display = app._display

    def timed_display(screen, renderable):  # type: ignore[no-untyped-def]
        display(screen, renderable)
        frames.append(time.perf_counter())

    app._display = timed_display  # type: ignore[method-assign]
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        while not app.table.game.over and len(times) < 12:
            while app.settling or type(app.screen).__name__ in ("BriefingScreen",
                                                                 "HandOverScreen"):
                await pilot.press("enter")
                await pilot.pause()
            await pilot.press("1")
            await pilot.pause()
            await asyncio.sleep(0.3)  # a player reads before Enter; timers settle
            before = app.table.game
            frames.clear()
            start = time.perf_counter()
            app.post_message(events.Key("enter", "\r"))  # as the terminal driver does
            deadline = start + 10
            while (app.table.game is before or not frames) and time.perf_counter() < deadline:
                await asyncio.sleep(0.001)
            times.append((frames[0] - start) * 1000)
            await pilot.pause()
    return times


def main() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        save = make_save(Path(tmp))
        res = startup(save)
        times = [t for _ in range(GAMES) for t in asyncio.run(_commit_times(save))]
    bare = res["bare"]
    print(f"TUI start-up (median of {RUNS}, headless):")
    core = res["bare+core"]
    for which in KINDS:
        r = res[which]
        print(f"  {which:<10} first frame {r['ms']:6.1f} ms ({r['ms'] / bare['ms']:.2f}x,"
              f" {r['ms'] / core['ms']:.2f}x bare+core;"
              f" fastest {r['min_ms'] / bare['min_ms']:.2f}x)"
              f"  CPU {r['cpu_ms']:6.1f} ms ({r['cpu_ms'] / bare['cpu_ms']:.2f}x)"
              f"  peak RSS {r['rss_mb']:5.1f} MB ({r['rss_mb'] / bare['rss_mb']:.2f}x)")
    median = statistics.median(times)
    print(f"Commit keypress to redraw: median {median:.1f} ms, "
          f"max {max(times):.1f} ms over {len(times)} decisions (aim < 50 ms)")
    print(f"Load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(a busy machine slows every figure, the baseline too)")
    ratios = [res[w][k] / bare[k] for w in ("title", "dashboard") for k in ("ms", "rss_mb")]
    return max(ratios) <= 1.3 and median < 50


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
