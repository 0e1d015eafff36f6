"""Headless Chromium for the browser tests, driven over the DevTools Protocol (CDP).

Plain CDP over one aiohttp WebSocket: ``Browser`` starts Chromium on
127.0.0.1 with a throwaway profile and stops it; ``Page`` is one tab, with
the few things a test does in it (open an address, press keys, read the
page, take a screenshot). Every wait is bounded.

The game's page is textual-serve's, which draws the terminal with xterm.js on
a WebGL (or 2D) canvas: its text is not in the DOM, and the page keeps its
``Terminal`` in a closure. ``SCREEN_HOOK`` runs before the page's own
scripts and keeps a reference to each Terminal as textual-serve constructs
it; ``Page.screen_text`` then reads the rows xterm is drawing through its
public buffer API (``buffer.active.getLine(y).translateToString()``).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
LISTENING = re.compile(r"DevTools listening on (ws://127\.0\.0\.1:\d+/\S+)")
START_TIMEOUT = 20.0
CALL_TIMEOUT = 15.0

SCREEN_HOOK = """
(() => {
  window.__screens = [];
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    get() { return undefined; },
    set(value) {
      Object.defineProperty(this, "terminal",
        {value, writable: true, configurable: true, enumerable: true});
      if (value && value.buffer && typeof value.write === "function") {
        window.__screens.push(value);
        delete Object.prototype.terminal;
      }
    },
  });
})();
"""
"""Keep each xterm Terminal that textual-serve's client assigns to ``this.terminal``."""

SCREEN_TEXT = """
(() => {
  const term = window.__screens && window.__screens[0];
  if (!term) return null;
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
})()
"""

KEYS: dict[str, tuple[str, int, str]] = {
    "Enter": ("Enter", 13, "\r"),
    "Tab": ("Tab", 9, ""),
    "Escape": ("Escape", 27, ""),
    "Backspace": ("Backspace", 8, ""),
}
"""Named keys: (code, Windows virtual key code, the text the key types)."""


def find_chromium() -> str | None:
    """``$CHROMIUM`` if set, else the first Chromium or Chrome on PATH."""
    given = os.environ.get("CHROMIUM")
    if given:
        return given if shutil.which(given) else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class CdpError(AssertionError):
    """Chromium answered a command with an error, or not in time."""


class Browser:
    """One headless Chromium, its DevTools connection, and the tabs opened in it."""

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self.profile = Path(tempfile.mkdtemp(prefix="wargame-chromium-"))
        self.proc: asyncio.subprocess.Process | None = None
        self.log: list[str] = []
        self._reader: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._listener: asyncio.Task[None] | None = None
        self._next = 0
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._events: dict[str, list[dict[str, Any]]] = {}
        self._changed = asyncio.Event()

    async def __aenter__(self) -> Browser:
        try:
            await self.start()
        except BaseException:
            await self.stop()
            raise
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        args = [self.executable, "--headless=new", "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update",
                "--disable-default-apps", "--disable-sync", "--mute-audio",
                "--password-store=basic", "--use-mock-keychain", "--disable-dev-shm-usage",
                "--enable-unsafe-swiftshader", "--window-size=1200,800", "about:blank"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium's sandbox refuses to run as root
        self.proc = await asyncio.create_subprocess_exec(
            *args, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE)
        url = await asyncio.wait_for(self._endpoint(), START_TIMEOUT)
        self._reader = asyncio.create_task(self._drain())
        self._session = aiohttp.ClientSession()
        self._ws = await self._session.ws_connect(url, max_msg_size=64 * 1024 * 1024,
                                                  timeout=aiohttp.ClientWSTimeout(10))
        self._listener = asyncio.create_task(self._listen())

    async def _endpoint(self) -> str:
        """The browser's DevTools WebSocket address, from the line Chromium prints."""
        assert self.proc is not None and self.proc.stderr is not None
        while True:
            raw = await self.proc.stderr.readline()
            if not raw:
                raise CdpError("Chromium exited before it listened:\n" + "".join(self.log))
            line = raw.decode(errors="replace")
            self.log.append(line)
            found = LISTENING.search(line)
            if found:
                return found.group(1)

    async def _drain(self) -> None:
        """Keep reading Chromium's stderr, so it never blocks on a full pipe."""
        assert self.proc is not None and self.proc.stderr is not None
        while raw := await self.proc.stderr.readline():
            self.log.append(raw.decode(errors="replace"))

    async def _listen(self) -> None:
        assert self._ws is not None
        async for message in self._ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(message.data)
            future = self._waiting.pop(data.get("id", -1), None)
            if future is not None and not future.done():
                future.set_result(data)
            elif "method" in data:
                self._events.setdefault(data["method"], []).append(data)
                self._changed.set()
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(CdpError("the DevTools connection closed"))

    async def send(self, method: str, session: str | None = None,
                   **params: Any) -> dict[str, Any]:
        """Send one command and return its result (CdpError on an error or after 15 s)."""
        assert self._ws is not None
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[self._next] = future
        await self._ws.send_str(json.dumps(message))
        try:
            answer = await asyncio.wait_for(future, CALL_TIMEOUT)
        except TimeoutError:
            raise CdpError(f"{method}: no answer within {CALL_TIMEOUT:.0f} s") from None
        if "error" in answer:
            raise CdpError(f"{method}: {answer['error']}")
        return dict(answer.get("result", {}))

    async def event(self, method: str, session: str, timeout: float,
                    since: int = 0) -> dict[str, Any]:
        """The first ``method`` event of ``session`` after the first ``since`` ones."""
        deadline = time.monotonic() + timeout
        while True:
            mine = [e for e in self._events.get(method, []) if e.get("sessionId") == session]
            if len(mine) > since:
                return dict(mine[since].get("params", {}))
            left = deadline - time.monotonic()
            if left <= 0:
                raise CdpError(f"no {method} within {timeout:.0f} s")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), left)

    def count(self, method: str, session: str) -> int:
        return sum(e.get("sessionId") == session for e in self._events.get(method, []))

    async def new_page(self, width: int = 1200, height: int = 800) -> Page:
        target = await self.send("Target.createTarget", url="about:blank")
        attached = await self.send("Target.attachToTarget", targetId=target["targetId"],
                                   flatten=True)
        page = Page(self, attached["sessionId"])
        await page.send("Page.enable")
        await page.send("Runtime.enable")
        await page.resize(width, height)
        await page.send("Page.addScriptToEvaluateOnNewDocument", source=SCREEN_HOOK)
        return page

    async def stop(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send("Browser.close"), 5)
            await self._ws.close()
        if self._session is not None:
            await self._session.close()
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.terminate()
            try:
                await asyncio.wait_for(self.proc.wait(), 5)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
        for task in (self._listener, self._reader):
            if task is not None:
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One tab: open an address, read it, press keys in it, take its picture."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        return await self.browser.send(method, self.session, **params)

    async def resize(self, width: int, height: int) -> None:
        """The size of the tab's window, in CSS pixels (the terminal fits it on load)."""
        await self.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                        deviceScaleFactor=1, mobile=False)

    async def goto(self, url: str, timeout: float = 15.0) -> None:
        """Open ``url`` and wait for its load event."""
        seen = self.browser.count("Page.loadEventFired", self.session)
        answer = await self.send("Page.navigate", url=url)
        if answer.get("errorText"):
            raise CdpError(f"{url}: {answer['errorText']}")
        await self.browser.event("Page.loadEventFired", self.session, timeout, since=seen)

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (awaited if a promise)."""
        answer = await self.send("Runtime.evaluate", expression=expression,
                                 returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in answer:
            raise CdpError(f"{expression[:60]}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    async def body_text(self) -> str:
        """What the page says, as the browser lays it out (hidden elements left out)."""
        return str(await self.evaluate("document.body ? document.body.innerText : ''"))

    async def screen_text(self) -> str:
        """The terminal's rows as xterm draws them; '' before the page made its terminal."""
        return str(await self.evaluate(SCREEN_TEXT) or "")

    async def wait_for(self, check: Callable[[], Awaitable[Any]], what: str,
                       timeout: float = 15.0) -> Any:
        """Poll ``check`` until it gives something true; fail naming ``what`` after timeout."""
        deadline = time.monotonic() + timeout
        while True:
            value = await check()
            if value:
                return value
            if time.monotonic() > deadline:
                raise CdpError(f"not within {timeout:.0f} s: {what}")
            await asyncio.sleep(0.1)

    async def wait_for_screen(self, *texts: str, timeout: float = 15.0) -> str:
        """The terminal's text once it shows every one of ``texts`` and has settled.

        Textual draws a new screen over a few frames: the text returned is the
        same in two reads a poll apart, so what a test then asserts is all there.
        """
        last = ""

        async def shown() -> str | None:
            nonlocal last
            screen, before = await self.screen_text(), last
            last = screen
            return screen if screen == before and all(t in screen for t in texts) else None

        try:
            return str(await self.wait_for(shown, f"{texts} on the screen", timeout))
        except CdpError as exc:
            if not await self.evaluate("window.__screens.length"):
                last = "(no terminal: the page made no xterm Terminal that SCREEN_HOOK saw)"
            raise CdpError(f"{exc}; the screen shows:\n{last}") from None

    async def focus_terminal(self) -> None:
        """Put the keyboard on the terminal, as clicking into it would."""
        await self.wait_for(lambda: self.evaluate(
            "(() => { const t = document.querySelector('.xterm-helper-textarea');"
            " if (!t) return false; t.focus(); return document.activeElement === t; })()"),
            "the terminal takes the keyboard")

    async def press(self, *keys: str) -> None:
        """Press and release each key: a name in KEYS, or one character."""
        for key in keys:
            if key in KEYS:
                code, vk, text = KEYS[key]
                name = key
            else:
                name, text = key, key
                code, vk = key_code(key)
            down: dict[str, Any] = {"type": "keyDown", "key": name, "code": code,
                                    "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk}
            if text:
                down["text"] = down["unmodifiedText"] = text
            await self.send("Input.dispatchKeyEvent", **down)
            await self.send("Input.dispatchKeyEvent", type="keyUp", key=name, code=code,
                            windowsVirtualKeyCode=vk, nativeVirtualKeyCode=vk)

    async def type(self, text: str) -> None:
        await self.press(*text)

    async def screenshot(self, path: Path) -> Path:
        """A PNG of what the tab shows, written to ``path``."""
        shot = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


def key_code(char: str) -> tuple[str, int]:
    """The DOM ``code`` and virtual key code of the key that types ``char`` (US layout)."""
    if char.isascii() and char.isalpha():
        return f"Key{char.upper()}", ord(char.upper())
    if char.isdigit():
        return f"Digit{char}", ord(char)
    return {" ": ("Space", 32), "-": ("Minus", 189), "?": ("Slash", 191),
            ".": ("Period", 190)}.get(char, ("", 0))
