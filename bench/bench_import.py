"""The core's start-up cost: importing the loader, then finding and loading a scenario.

This is the work the terminal UI does before its first frame (issue 3), so
every millisecond here is one the UI cannot win back. Each figure is the
median over several fresh interpreters, each timing from its first line:

- standalone: ``import wargame.scenario.load`` then ``find_scenario("january_2022")``,
  as the command line does;
- after textual: the same once ``textual.app`` and ``textual.widgets`` are
  imported, as in the UI, where the standard modules both need are paid for.

Every start parses the scenario: with tomli's compiled parser the bundled
file's parse is ~2 ms of CPU, which is what a parse cache (removed; see
docs/architecture.md) saved at its best.

Bytecode is cached, as in an installed package: one untimed run writes the
``.pyc`` files first (``PYTHONDONTWRITEBYTECODE`` is lifted for it). Wall time
is what a user waits; CPU time is printed beside it because on a shared,
busy machine it moves far less from run to run.

Run: ``python bench/bench_import.py [RUNS]`` (or ``make bench``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15

CHILD = r'''
import sys, time
if sys.argv[1] == "textual":
    import textual.app, textual.widgets
c0, t0 = time.process_time(), time.perf_counter()
import wargame.scenario.load
c1, t1 = time.process_time(), time.perf_counter()
wargame.scenario.load.find_scenario("january_2022")
c2, t2 = time.process_time(), time.perf_counter()
print((t1 - t0) * 1000, (t2 - t1) * 1000, (c1 - c0) * 1000, (c2 - c1) * 1000)
'''


def fresh(first: str, runs: int) -> list[float]:
    """Medians of (import, first load) wall ms, then the same in CPU ms, over ``runs`` children."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # One untimed run writes the .pyc files, so no timed run compiles source.
    subprocess.run([sys.executable, "-c", CHILD, first], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CHILD, first], cwd=ROOT, env=env,
                             check=True, capture_output=True, text=True)
        rows.append([float(x) for x in out.stdout.split()])
    return [statistics.median(column) for column in zip(*rows, strict=True)]


def main(runs: int = RUNS) -> bool:
    load = os.getloadavg()[0]
    print(f"load average {load:.2f} on {os.cpu_count()} CPUs; median of {runs} fresh "
          "interpreters" + (" (busy: wall times below are pessimistic)" if load > 0.5 else ""))
    for first in ("standalone", "textual"):
        imp, first_load, cpu_imp, cpu_load = fresh(first, runs)
        label = "after textual" if first == "textual" else "standalone"
        print(f"  {label:<13}: import wargame.scenario.load {imp:5.1f} ms + "
              f"find_scenario {first_load:5.1f} ms = {imp + first_load:5.1f} ms wall "
              f"({cpu_imp:.1f} + {cpu_load:.1f} = {cpu_imp + cpu_load:.1f} ms CPU)")
    return True


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS)
