"""Start-up as instructions executed up to the first frame: a figure a busy machine cannot move.

``tui_startup.py`` times the same four starts (bare app, bare app after the
core's work, title, board after ``--load``); on a shared machine its
milliseconds wander by 10-20 %. Here each start runs once under valgrind's
callgrind, which counts the instructions the interpreter executes until the
first frame that shows the screen's content (the child stops there), with
hash randomisation fixed. Same code, same count, to a few parts in a
thousand: the figure to compare two versions of the code by. Instructions
are not time (importing reads files, caches miss), but the ratios track:
on this machine the wall-clock excess over the bare app has been about 0.7
times the instruction excess.

Skipped when valgrind is not installed. Run: ``python bench/tui_instructions.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (ROOT, HERE):  # run as a script from a checkout
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import tui_startup  # noqa: E402  (the same children, the same save)

COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def instructions(which: str, save: Path) -> int:
    """Instructions executed by one start of ``which``, up to its first frame."""
    env = {**tui_startup.ENV, "PYTHONHASHSEED": "0", "WARGAME_BENCH_STOP_AT_FRAME": "1"}
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", tui_startup.CHILD, which, str(save)],
        cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    found = COLLECTED.search(out.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count from valgrind:\n{out.stderr[-2000:]}")
    return int(found.group(1))


def main() -> bool:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed: instruction counts skipped")
        return True
    with tempfile.TemporaryDirectory() as tmp:
        save = tui_startup.make_save(Path(tmp))
        for which in tui_startup.KINDS:  # warm-up: bytecode and the parse cache written
            tui_startup.child(which, save)
        counts = {which: instructions(which, save) for which in tui_startup.KINDS}
    bare = counts["bare"]
    print("TUI start-up, instructions to the first frame (callgrind, one run each):")
    for which, count in counts.items():
        print(f"  {which:<10} {count / 1e6:7.1f} M ({count / bare:.2f}x)")
    return True


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
