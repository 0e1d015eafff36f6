"""A decision's cost against the length of the log: flat, since a game goes on from where it waited.

A game of the bundled scenario whose first seat waits in the first turn,
with a log of N entries (the white cell's adjustments while the seat
waits), for N = 40, 1,000 and 100,000 (a 110,000-entry save is within the
size limit). For each: the load (a replay of the whole log), a decision and
an offer-free pass of the next seat (``decide``: replayed from the waiting
point, replay.resume), and ``undo`` (an exact replay of the shorter log,
as rewind is). Best of 5, milliseconds of CPU time.

Run: ``python bench/bench_replay.py`` (or ``make bench``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from wargame.engine.game import Game  # noqa: E402
from wargame.engine.state import LogEntry  # noqa: E402
from wargame.scenario.load import find_scenario  # noqa: E402

SIZES = (40, 1_000, 100_000)


def best(work: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times) * 1000


def waiting_game(entries: int) -> Game:
    """The bundled game, its first seat waiting, after ``entries`` white-cell entries."""
    sc = find_scenario("january_2022")
    fresh = Game.new(sc, 7, sc.default_seats)
    turn = fresh.waiting.turn
    target = sc.indicators[0].id
    log = tuple(LogEntry(turn, adjust=target, by=1.0 if n % 2 else -1.0, note="")
                for n in range(entries))
    return Game.start(fresh.setup, log)


def measure(entries: int) -> tuple[float, float, float]:
    """(decide, undo, load) in ms of CPU for a game with ``entries`` log entries."""
    game = waiting_game(entries)
    option = game.waiting.options[0].id
    once = entries > 10_000  # a whole replay of 100,000 entries: once is enough
    load = best(lambda: Game.start(game.setup, game.log), 1 if once else 5)
    decided = game.decide(option)
    decide = best(lambda: game.decide(option))
    undo = best(decided.undo, 1 if once else 5)
    return decide, undo, load


def main() -> bool:
    print("log entries   load (replay)    decide     undo   (ms CPU, best of 5)")
    flat = True
    first = None
    for entries in SIZES:
        decide, undo, load = measure(entries)
        print(f"  {entries:>9,}  {load:12.1f}  {decide:8.2f}  {undo:8.1f}")
        first = decide if first is None else first
        flat = flat and decide < max(20 * first, 25.0)
    print("  decide is " + ("flat" if flat else "NOT flat") + " in the length of the log")
    return flat


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
