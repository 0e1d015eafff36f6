"""``wargame simulate``: memory flat in the number of games, and what a second core buys.

Each line is one run of the whole command, as a user types it
(``python -m wargame simulate january_2022 --runs N --jobs J --json``),
under ``/usr/bin/time -v``: wall time, CPU time (user + system, the
children's included) and peak resident memory.

- 20,000 and 200,000 runs: the peak memory should not grow with the runs
  (``simulate`` counts games as they finish, tally.py);
- 10,000 runs with ``--jobs 1`` and ``--jobs 2``: the speed-up of the second
  core, best of two runs each (the issue's aim: 1.7x). On a machine shared
  with other work the wall times, and so the ratio, are pessimistic.

Run: ``python bench/bench_simulate.py`` (or ``make bench``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIME = "/usr/bin/time"


def run(runs: int, jobs: int) -> tuple[float, float, int]:
    """(wall s, CPU s, peak KB) of one simulate command."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [TIME, "-v", sys.executable, "-m", "wargame", "simulate", "january_2022",
           "--runs", str(runs), "--jobs", str(jobs), "--json"]
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    err = out.stderr

    def field(name: str) -> str:
        found = re.search(rf"{re.escape(name)}: (.+)", err)
        assert found is not None, err[-2000:]
        return found.group(1).strip()

    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return seconds, cpu, int(field("Maximum resident set size (kbytes)"))


def main() -> bool:
    if not os.path.exists(TIME) or shutil.which("python3") is None:
        print(f"{TIME} is not installed: simulate figures skipped")
        return True
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for runs in (20_000, 200_000):
        wall, cpu, peak = run(runs, 2)
        print(f"  {runs:>7} runs --jobs 2: {wall:6.1f} s wall, {cpu:6.1f} s CPU, "
              f"peak {peak / 1024:5.0f} MB")
    best = {}
    for jobs in (1, 2):
        best[jobs] = min(run(10_000, jobs) for _ in range(2))
        wall, cpu, peak = best[jobs]
        print(f"   10,000 runs --jobs {jobs}: {wall:6.1f} s wall, {cpu:6.1f} s CPU, "
              f"peak {peak / 1024:5.0f} MB")
    print(f"  --jobs 2 is {best[1][0] / best[2][0]:.2f}x --jobs 1 (wall, whole command)")
    return True


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
