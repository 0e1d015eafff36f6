"""A screen's side of a hosted table: a ``TableClient`` over a WebSocket.

The Textual screens hold it as they hold a ``LocalTable``: they read
``view`` and ``scenario``, ``send`` requests and ``listen`` for changes. It
runs in the screens' own asyncio loop. When the connection drops it dials
again by itself (0.5 s, 1 s, 2 s, ... at most every 5 s) and lands on the
host's current view; only a refusal of its code ends it.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import aiohttp
import attrs

from wargame.engine.preview import PreviewText
from wargame.errors import WargameError
from wargame.host import wire
from wargame.host.newsmemo import NewsMemo
from wargame.host.wire import WireError
from wargame.table.client import OnPreview
from wargame.table.model import Refused
from wargame.table.requests import Request, request_to_plain
from wargame.table.view import SeatView
from wargame.table.wire import from_plain

if TYPE_CHECKING:
    from wargame.scenario.model import Scenario
    from wargame.table.preview import Question

RETRY = (0.5, 1.0, 2.0, 4.0, 5.0)
"""Seconds between tries to reconnect; the last repeats."""
CONNECT_TIMEOUT = 5.0


class JoinError(WargameError):
    """The host refused this screen (a wrong code) or cannot be reached."""


OnChange = Callable[[SeatView], None]
OnText = Callable[[str], None]


def default_screen_name() -> str:
    return socket.gethostname()[:wire.MAX_SCREEN_NAME] or "a screen"


class RemoteTable:
    """One screen of a hosted table, of the role its code opens."""

    def __init__(self, url: str, code: str, screen: str | None = None) -> None:
        self.url = url
        self.code = code
        self.screen = (screen or default_screen_name())[:wire.MAX_SCREEN_NAME]
        self.role = ""
        self.teams: tuple[str, ...] = ()
        self.version = -1
        self.by: Mapping[str, str] | None = None
        """Who made the last change (role and screen), as the host says."""
        self.stand_ins: Mapping[str, str] = {}
        """Teams the AI plays for now, with its doctrine."""
        self.presence: Mapping[str, Any] = {}
        """The facilitator's: each team's screens and how long it has had none."""
        self.connected = False
        self._scenario: Scenario | None = None
        self._scenario_text = ""
        self._view: SeatView | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._session: aiohttp.ClientSession | None = None
        self._task: asyncio.Task[None] | None = None
        self._news = NewsMemo()
        self._on_change: list[OnChange] = []
        self._on_refused: list[OnText] = []
        self.on_status: list[Callable[[bool, str], None]] = []
        """Told (connected?, why) when the connection drops or comes back."""
        self.on_notice: list[OnText] = []
        self.on_presence: list[Callable[[Mapping[str, Any]], None]] = []
        self.on_looked: list[Callable[[str, SeatView], None]] = []
        self._asks = 0
        """Questions asked (``preview``): only the answer to the last is kept."""
        self._asked: OnPreview | None = None

    # -- the TableClient protocol -------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        assert self._scenario is not None, "connect() first"
        return self._scenario

    @property
    def view(self) -> SeatView:
        assert self._view is not None, "connect() first"
        return self._view

    def send(self, request: Request) -> None:
        body = request_to_plain(request)
        body.pop("by", None)  # the host knows who this screen is from its code
        self._post(wire.encode("request", version=self.version, request=body))

    def send_host(self, body: Mapping[str, Any]) -> None:
        """A request of the host's own (HandToAI, TakeBack, Save): the facilitator's."""
        self._post(wire.encode("request", version=self.version, request=dict(body)))

    def look(self, seat: str) -> None:
        """The facilitator asks for a seat's (or the projector's) view; see ``on_looked``."""
        self._post(wire.encode("look", seat=seat))

    def preview(self, question: Question, answer: OnPreview) -> None:
        """Ask the host; only the answer to the latest question, on the version it was
        worked out for, reaches ``answer`` (an older one is stale: dropped)."""
        self._asks += 1
        self._asked = answer
        body = request_to_plain(question)
        body.pop("by", None)
        self._post(wire.encode("preview", ask=self._asks, request=body))

    def listen(self, on_change: OnChange | None, on_refused: OnText | None) -> None:
        if on_change is not None:
            self._on_change.append(on_change)
        if on_refused is not None:
            self._on_refused.append(on_refused)

    def close(self) -> None:
        """No more callbacks; the connection itself ends with ``aclose``."""
        self._on_change.clear()
        self._on_refused.clear()
        self._asked = None

    def white_cell(self, password: str) -> RemoteTable:
        if self.role == "white cell":
            return self
        raise Refused("The facilitator joins with the white cell's own code.")

    # -- the connection ---------------------------------------------------------------
    async def connect(self) -> None:
        """Join once: the code is checked and the first view is here when this returns."""
        self._session = self._session or aiohttp.ClientSession()
        try:
            self._ws = await self._session.ws_connect(
                self.url, heartbeat=10.0, max_msg_size=wire.MAX_VIEW,
                timeout=aiohttp.ClientWSTimeout(ws_close=CONNECT_TIMEOUT))
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise JoinError(f"cannot reach the host at {self.url} ({exc})") from None
        await self._ws.send_str(wire.encode("hello", code=self.code, screen=self.screen))
        while self._view is None or self.version < 0 or not self._fresh:
            message = await self._ws.receive(timeout=CONNECT_TIMEOUT)
            if message.type != aiohttp.WSMsgType.TEXT:
                raise JoinError(self._closed_reason or "the host closed the connection")
            self._handle(wire.decode_from_host(message.data))
        self.connected = True

    _fresh = False
    _closed_reason = ""

    def start(self) -> None:
        """Keep the connection up from now on (inside the screens' loop)."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def aclose(self) -> None:
        """Hang up: no reconnecting after this."""
        self.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._ws is not None:
            await self._ws.close()
        if self._session is not None:
            await self._session.close()

    async def _run(self) -> None:
        tries = 0
        while True:
            if self._ws is not None and not self._ws.closed:
                await self._read()
            if self._closed_reason.startswith(("wrong code", "too many")):
                self._status(False, self._closed_reason)
                return
            self.connected = False
            self._status(False, self._closed_reason or "connection lost: reconnecting")
            await asyncio.sleep(RETRY[min(tries, len(RETRY) - 1)])
            tries += 1
            self._fresh = False
            try:
                await self.connect()
            except (JoinError, TimeoutError, aiohttp.ClientError, OSError):
                continue
            tries = 0
            self._status(True, "connected")

    async def _read(self) -> None:
        assert self._ws is not None
        async for message in self._ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            try:
                self._handle(wire.decode_from_host(message.data))
            except (ValueError, WargameError):
                continue  # a host newer than this screen: skip what it cannot read

    def _post(self, text: str) -> None:
        ws = self._ws
        if ws is None or ws.closed:
            for callback in list(self._on_refused):
                callback("Not connected to the host: reconnecting. Try again in a moment.")
            return
        asyncio.get_running_loop().create_task(ws.send_str(text))

    # -- what the host says -------------------------------------------------------------
    def _handle(self, data: Mapping[str, Any]) -> None:
        kind = data["type"]
        if kind == "welcome":
            self.role = str(data["role"])
            self.teams = tuple(data.get("teams", ()))
        elif kind == "scenario":
            self._set_scenario(str(data["text"]))
        elif kind == "view":
            self._set_view(data)
        elif kind == "refused":
            for callback in list(self._on_refused):
                callback(str(data["reason"]))
        elif kind == "error":
            self._closed_reason = str(data["reason"])
            for callback in list(self._on_refused):
                callback(self._closed_reason)
        elif kind == "presence":
            self.presence = data["seats"]
            for on_presence in list(self.on_presence):
                on_presence(self.presence)
        elif kind == "looked":
            seen = SeatView.from_dict(data["view"])
            for on_looked in list(self.on_looked):
                on_looked(str(data["seat"]), seen)
        elif kind == "previewed":
            self._previewed(data)
        elif kind == "notice":
            for on_notice in list(self.on_notice):
                on_notice(str(data["text"]))

    def _set_scenario(self, text: str) -> None:
        if text == self._scenario_text:
            return
        from wargame.scenario.load import parse_scenario

        self._scenario = parse_scenario(text, f"the host's scenario ({self.url})")
        self._scenario_text = text

    def _set_view(self, data: Mapping[str, Any]) -> None:
        plain = dict(data["view"])
        news = plain.pop("news", None)
        if not isinstance(news, list):
            raise WireError("view.news: not a list")
        seen = SeatView.from_dict({**plain, "news": []})
        self._view = attrs.evolve(seen, news=tuple(self._news.item(item) for item in news))
        self.version = int(data["version"])
        self.by = data.get("by")
        self.stand_ins = data.get("stand_ins") or {}
        self._fresh = True
        self._closed_reason = ""
        for callback in list(self._on_change):
            callback(self._view)

    def _previewed(self, data: Mapping[str, Any]) -> None:
        answer = self._asked
        if answer is None or data.get("ask") != self._asks or data.get("version") != self.version:
            return  # asked again since, or worked out on a table this screen no longer shows
        answer(from_plain(PreviewText, data.get("preview"), "previewed.preview"))

    def _status(self, connected: bool, why: str) -> None:
        for callback in list(self.on_status):
            callback(connected, why)
