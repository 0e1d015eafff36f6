"""A real ``wargame host`` on 127.0.0.1 for the tests, and screens to join it."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aiohttp

from wargame.host.client import RemoteTable

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.toml"
LINE = re.compile(r"^\s+(.+?)\s+wargame join (ws://\S+) --code (\S+)")


class HostProcess:
    """``wargame host`` in a child process; ``codes`` maps each role to its code."""

    def __init__(self, folder: Path, *args: str) -> None:
        self.folder = folder
        self.journal = folder / "table.journal"
        self.args = args
        self.url = ""
        self.codes: dict[str, str] = {}
        self.out: list[str] = []
        self.proc: subprocess.Popen[str] | None = None
        self.start()

    def start(self, *args: str) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        port = re.search(r":(\d+)$", self.url)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wargame", "host", "--port", port.group(1) if port else "0",
             "--journal", str(self.journal), "--saves", str(self.folder / "saves"),
             *(args or self.args)],
            cwd=self.folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError(f"host stopped: {self.proc.stderr.read()}")  # type: ignore[union-attr]
            self.out.append(line)
            found = LINE.match(line)
            if found:
                self.codes[found.group(1)] = found.group(3)
                self.url = found.group(2)
            if line.startswith("Ctrl+C"):
                return
        raise AssertionError("host not ready within 20 s")

    def stop(self, sig: int = signal.SIGTERM) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


async def join(host: HostProcess, role: str, name: str = "") -> RemoteTable:
    client = RemoteTable(host.url, host.codes[role], name or role)
    await client.connect()
    client.start()
    return client


def requests_in(journal: Path) -> list[str]:
    """The journal's requests as text, read once the host has let go of the file."""
    import sqlite3

    db = sqlite3.connect(journal)
    try:
        return [row[0] for row in db.execute("SELECT body FROM requests ORDER BY seq")]
    finally:
        db.close()


async def until(check: Callable[[], Any], timeout: float = 10.0) -> Any:
    """Wait for ``check()`` to be true (the screens hear of changes asynchronously)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        await asyncio.sleep(0.01)
    raise AssertionError("not within the time allowed")


class Wire:
    """A raw connection: every frame the host sends, as text, to read what a screen got."""

    def __init__(self, session: aiohttp.ClientSession,
                 ws: aiohttp.ClientWebSocketResponse) -> None:
        self.session = session
        self.ws = ws
        self.frames: list[str] = []

    @classmethod
    async def open(cls, url: str) -> Wire:
        session = aiohttp.ClientSession()
        ws = await session.ws_connect(url, max_msg_size=16 * 1024 * 1024)
        return cls(session, ws)

    async def send(self, text: str) -> None:
        await self.ws.send_str(text)

    async def read(self, timeout: float = 5.0) -> str | None:
        """The next text frame; None once the host closed the connection."""
        message = await self.ws.receive(timeout=timeout)
        if message.type != aiohttp.WSMsgType.TEXT:
            return None
        self.frames.append(message.data)
        return str(message.data)

    async def drain(self, quiet: float = 0.3) -> list[str]:
        """Frames until the host has been quiet for ``quiet`` seconds."""
        got = []
        while True:
            try:
                frame = await self.read(timeout=quiet)
            except TimeoutError:
                return got
            if frame is None:
                return got
            got.append(frame)

    async def aclose(self) -> None:
        await self.ws.close()
        await self.session.close()
