"""Run every benchmark in bench/: each module's ``main()``, one after another.

Modules named ``bench_*.py`` run first, then any other module here with a
``main`` (such as ``tui_startup.py``). A ``main`` that returns False missed a
target; the exit code is then 1. Timings depend on the machine and its load:
they are printed, never asserted by the test suite.

Run: ``python bench/run.py [NAME...]`` (``make bench``); names filter modules.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))


def modules(names: list[str]) -> list[Path]:
    found = [p for p in sorted(HERE.glob("*.py"))
             if p.name != "run.py" and not p.name.startswith("_")]
    found.sort(key=lambda p: (not p.name.startswith("bench_"), p.name))
    if names:
        found = [p for p in found if any(n in p.stem for n in names)]
    return found


def run(path: Path) -> bool:
    spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    main = getattr(module, "main", None)
    if main is None:
        return True
    print(f"== {path.name}", flush=True)
    start = time.perf_counter()
    result = main()
    print(f"   ({time.perf_counter() - start:.1f} s)\n", flush=True)
    return result is not False


def main(argv: list[str]) -> int:
    ok = True
    for path in modules(argv):
        ok = run(path) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
