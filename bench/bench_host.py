"""A hosted table on loopback: a change to every other screen, one table and fifty.

1. One ``wargame host`` and six screens (Washington x3, Moscow x2, the white
   cell). Washington's first screen decides, then undoes, over and over; each
   time we clock how long until all five other screens hold the new view,
   decoded into a SeatView as the TUI gets it (aim: p95 under 100 ms). The
   five are in this one process, so their decoding queues on one core,
   which a room of separate machines never does: the figure is an upper bound.
   Then the same change to a real screen: ``wargame join``'s App (headless),
   clocked until the frame after it took the new view in.
2. Fifty hosts (one table each, as ``wargame host`` runs) with six screens
   each, every table deciding once a second or so: the same latency, read
   off the raw frames (aim: p95 under 250 ms), and each host's memory.

Bounded: a fixed number of changes, a deadline, loopback only.
Run: ``python bench/bench_host.py`` (``make bench``).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LINE = re.compile(r"^\s+(.+?)\s+wargame join (ws://\S+) --code (\S+)")
CHANGES = 200
"""Changes clocked on the one table (decide, undo, decide, ...)."""
TABLES, PER_TABLE_CHANGES = 50, 10
DEADLINE = 240.0
"""Seconds the whole benchmark may take; it stops clocking past that."""


def spawn_host(folder: Path, name: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "wargame", "host", "--port", "0", "--seats", "us,russia",
         "--teams", "Washington=us; Moscow=russia", "--journal", str(folder / f"{name}.journal"),
         "--saves", str(folder / "saves")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def ready(proc: subprocess.Popen[str]) -> tuple[str, dict[str, str]]:
    """The URL and codes a host printed, once it listens."""
    assert proc.stdout is not None
    codes, url = {}, ""
    for line in proc.stdout:
        found = LINE.match(line)
        if found:
            codes[found.group(1)] = found.group(3)
            url = found.group(2)
        if line.startswith("Ctrl+C"):
            break
    return url, codes


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


async def one_table(url: str, codes: dict[str, str]) -> list[float]:
    from wargame.host.client import RemoteTable
    from wargame.table.requests import Decide, Undo

    roles = ["Washington", "Washington", "Washington", "Moscow", "Moscow", "white cell"]
    screens = [RemoteTable(url, codes[role], f"{role} {i}") for i, role in enumerate(roles)]
    for screen in screens:
        await screen.connect()
        screen.start()
    actor, others = screens[0], screens[1:]
    latencies: list[float] = []
    deadline = time.monotonic() + DEADLINE / 2
    try:
        for i in range(CHANGES):
            if time.monotonic() > deadline:
                break
            target = actor.version + 1
            arrived = asyncio.Event()

            def heard(view: object, *, target: int = target, event: asyncio.Event = arrived
                      ) -> None:
                if all(s.version >= target for s in others):
                    event.set()

            for screen in others:
                screen.listen(heard, None)
            start = time.perf_counter()
            actor.send(Decide("Washington", actor.view.options[0]) if i % 2 == 0
                       else Undo("Washington"))
            await asyncio.wait_for(arrived.wait(), 10)
            latencies.append((time.perf_counter() - start) * 1000)
            for screen in others:
                screen._on_change.clear()
            await asyncio.sleep(0.02)
    finally:
        for screen in screens:
            await screen.aclose()
    return latencies


async def redrawn(url: str, codes: dict[str, str], folder: Path) -> list[float]:
    """Washington decides (and undoes); Moscow's Textual screen draws the change."""
    from wargame.host.client import RemoteTable
    from wargame.table.requests import Decide, Undo
    from wargame.tui.join import JoinApp

    app = JoinApp(url, codes["Moscow"], "bench", folder / "saves")
    actor = RemoteTable(url, codes["Washington"], "decider")
    latencies: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while app.remote is None:
            await pilot.pause(0.05)
        await actor.connect()
        actor.start()
        for _ in range(5):  # past the briefing, to the board
            await pilot.press("enter")
        drawn = asyncio.Event()
        app.remote.listen(lambda view: app.call_after_refresh(drawn.set), None)
        deadline = time.monotonic() + DEADLINE / 4
        for i in range(CHANGES // 4):
            if time.monotonic() > deadline:
                break
            target = actor.version + 1
            drawn.clear()
            start = time.perf_counter()
            actor.send(Decide("Washington", actor.view.options[0]) if i % 2 == 0
                       else Undo("Washington"))
            while True:  # the frame after the view that holds this change
                await asyncio.wait_for(drawn.wait(), 10)
                drawn.clear()
                if app.remote.version >= target:
                    break
            latencies.append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(0.05)
        await actor.aclose()
    return latencies


async def raw_screen(url: str, code: str, versions: dict[int, float], done: asyncio.Event):
    """A screen that only reads frames and notes when each version reached it."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(url, max_msg_size=16 * 1024 * 1024)
        await ws.send_str(json.dumps({"type": "hello", "code": code, "screen": "bench"}))
        while not done.is_set():
            try:
                message = await ws.receive(timeout=0.5)
            except TimeoutError:
                continue
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            head = re.match(r'\{"type":"view","version":(\d+)', message.data)
            if head:
                versions.setdefault(int(head.group(1)), time.perf_counter())
        await ws.close()
        return ws


async def many_tables(hosts: list[tuple[str, dict[str, str]]]) -> list[float]:
    import aiohttp

    done = asyncio.Event()
    latencies: list[float] = []
    roles = ["Washington", "Washington", "Moscow", "Moscow", "white cell"]

    async def table(url: str, codes: dict[str, str]) -> None:
        heard = [dict[int, float]() for _ in roles]
        readers = [asyncio.create_task(raw_screen(url, codes[r], heard[i], done))
                   for i, r in enumerate(roles)]
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(url, max_msg_size=16 * 1024 * 1024)
            await ws.send_str(json.dumps({"type": "hello", "code": codes["Washington"],
                                          "screen": "decider"}))
            version, option = 0, None
            while option is None:
                data = json.loads((await ws.receive()).data)
                if data["type"] == "view":
                    version, option = data["version"], data["view"]["options"][0]
            await asyncio.sleep(0.5 + hash(url) % 1000 / 1000)  # the tables do not move in step
            for i in range(PER_TABLE_CHANGES):
                body = {"request": "Decide", "option": option} if i % 2 == 0 else \
                    {"request": "Undo"}
                start = time.perf_counter()
                await ws.send_str(json.dumps({"type": "request", "version": version,
                                              "request": body}))
                version += 1
                limit = time.monotonic() + 10
                while not all(version in h for h in heard) and time.monotonic() < limit:
                    await asyncio.sleep(0.002)
                if all(version in h for h in heard):
                    latencies.append((max(h[version] for h in heard) - start) * 1000)
                await asyncio.sleep(1.0)
            await ws.close()
        for reader in readers:
            reader.cancel()

    await asyncio.gather(*(table(url, codes) for url, codes in hosts))
    done.set()
    return latencies


def report(what: str, latencies: list[float], aim: float) -> bool:
    figure = p95(latencies)
    print(f"{what}, {len(latencies)} changes: median {statistics.median(latencies):.1f} ms, "
          f"p95 {figure:.1f} ms (aim under {aim:g})")
    return figure < aim


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> bool:
    ok = True
    with tempfile.TemporaryDirectory(prefix="wargame-bench-host-") as tmp:
        folder = Path(tmp)
        proc = spawn_host(folder, "one")
        url, codes = ready(proc)
        try:
            latencies = asyncio.run(one_table(url, codes))
        finally:
            proc.terminate()
            proc.wait()
        ok = report("one table, six screens: a change to the five others", latencies, 100) and ok
        proc = spawn_host(folder, "drawn")
        url, codes = ready(proc)
        try:
            latencies = asyncio.run(redrawn(url, codes, folder))
        finally:
            proc.terminate()
            proc.wait()
        ok = report("a change to a join screen, its frame drawn", latencies, 100) and ok
        procs = []
        try:
            procs = [spawn_host(folder, f"t{i}") for i in range(TABLES)]
            hosts = [ready(proc) for proc in procs]
            latencies = asyncio.run(many_tables(hosts))
            memory = [rss_mb(p.pid) for p in procs if Path(f"/proc/{p.pid}").exists()]
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait()
        ok = report(f"{TABLES} tables, six screens each", latencies, 250) and ok
        if memory:
            print(f"host memory per table (one host process each, VmRSS): median "
                  f"{statistics.median(memory):.1f} MB, max {max(memory):.1f} MB")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
