"""Validation's cost against the size of the file: linear, and 4 MB in under 2.5 s.

Each figure is the best of a few runs of ``parse_scenario`` on the file's
text (the TOML parse and every rule of the format), on files
made from the bundled scenario:

- ``1x``, ``10x``, ``100x``: the bundled scenario with its options and events
  copied 10 and 100 times (new ids, the same expressions), to show the cost
  per kilobyte stays flat;
- ``20,000 entries``: 10,000 options and 10,000 events (just under the 4 MB
  limit), the file the issue timed at 7-10 s; the target is 2.5 s;
- ``1,000 unknown names``: a 150 KB file whose 1,000 options each name an
  option that does not exist in ``chose()``, so that each problem looks for a
  "did you mean" among 1,000 ids (10 s when that compared each with every one).

Run: ``python bench/bench_validate.py`` (or ``make bench``).
"""

from __future__ import annotations

import copy
import os
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from wargame.errors import ScenarioError  # noqa: E402
from wargame.scenario.load import parse_scenario  # noqa: E402
from wargame.tomlio import MAX_BYTES, dumps  # noqa: E402

BUNDLED = ROOT / "scenarios" / "january_2022.toml"
TARGET_S = 2.5


def _bundled() -> dict[str, Any]:
    return tomllib.loads(BUNDLED.read_text("utf-8"))


def copies(table: dict[str, Any], key: str, count: int, short: bool = False) -> list[Any]:
    """``count`` entries of ``table[key]``, cycling through them, each with a new id."""
    out = []
    items = table[key]
    for n in range(count):
        item = copy.deepcopy(items[n % len(items)])
        if n >= len(items):
            item["id"] = f"{item['id']}_{n}"
            item.pop("repeatable", None)
        if short:
            item.pop("text", None)
            item["title"] = item["title"][:10]
        out.append(item)
    return out


def scaled(factor: int) -> str:
    table = _bundled()
    for key in ("options", "events"):
        table[key] = copies(table, key, len(table[key]) * factor)
    return dumps(table)


def entries(options: int, events: int) -> str:
    table = _bundled()
    table["options"] = copies(table, "options", options, short=True)
    table["events"] = copies(table, "events", events, short=True)
    return dumps(table)


def unknown_names(count: int) -> str:
    table = _bundled()
    table["options"] = copies(table, "options", count, short=True)
    for option in table["options"]:
        option["when"] = f"not chose('{option['id']}x')"  # a misspelled option id
    return dumps(table)


def best(text: str, runs: int = 3, valid: bool = True) -> tuple[float, float]:
    """The least wall time and the least CPU time of ``runs`` validations, in seconds."""
    times, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            parse_scenario(text, "bench.toml")
        except ScenarioError:
            if valid:
                raise
            # the unknown names: finding every problem is the work measured
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return min(times), min(cpus)


def main() -> bool:
    rows = [(f"{k}x the bundled scenario", scaled(k)) for k in (1, 10, 100)]
    rows.append(("10,000 options + 10,000 events", entries(10_000, 10_000)))
    rows.append(("1,000 unknown names", unknown_names(1_000)))
    ok = True
    load = os.getloadavg()[0]
    print(f"validation (TOML parse + every rule), best of 3; load average {load:.1f} on "
          f"{os.cpu_count()} CPUs (CPU time is the figure a busy machine moves least):")
    for label, text in rows:
        size = len(text.encode("utf-8"))
        seconds, cpu = best(text, 3, valid="unknown" not in label)
        note = ""
        if label.startswith("10,000"):
            ok = cpu < TARGET_S and size <= MAX_BYTES
            note = f"  (target < {TARGET_S} s{'' if ok else ': MISSED'})"
        print(f"  {label:<32} {size / 1024:6.0f} KB  {seconds * 1000:7.0f} ms wall  "
              f"{cpu * 1000:7.0f} ms CPU  {cpu * 1e6 / size * 1024:5.0f} µs/KB CPU{note}")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
