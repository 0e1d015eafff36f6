"""The host on the network: WebSocket connections, each a screen of one role.

aiohttp serves the WebSocket (the project already has it through
textual-serve; it gives server and client, size limits and heartbeats in
one well-kept library). Every message a screen sends goes through
``wire.decode`` and ``HostedTable.submit`` (a facilitator's question goes to
``HostedTable.preview`` and is answered to its screen alone); whatever goes
wrong with one connection is answered on it and ends it, and never reaches
the others or stops the host.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
from aiohttp import WSMsgType, web

from wargame.errors import WargameError
from wargame.host import wire
from wargame.host.codes import Throttle
from wargame.host.hosted import PROJECTOR, Closed, HostedTable, Stale
from wargame.table.model import WHITE_CELL, Refused, Table

log = logging.getLogger("wargame.host")

HELLO_TIMEOUT = 10.0
"""Seconds a new connection has to say who it is."""
SEND_TIMEOUT = 5.0
"""A screen that takes longer to accept a view is cut off; the others go on."""
HEARTBEAT = 10.0
"""Seconds between pings: a screen gone without closing is noticed within about this."""


@attrs.define(eq=False)
class Screen:
    """One connected screen."""

    ws: web.WebSocketResponse
    role: str
    name: str
    """The name it gave itself, shown to the others."""
    since: float = attrs.field(factory=time.time)
    scenario: str = ""
    """The scenario message this screen has; a new one goes first when it changes."""
    outbox: asyncio.Queue[str | None] = attrs.field(factory=asyncio.Queue)
    """What goes to this screen, in order; None: the table's view as it is when sent."""
    sent: int = -1
    """The table's stamp in the last view sent: a view is never sent twice, nor an old one."""
    writer: asyncio.Task[None] | None = None


class Host:
    """The aiohttp application around one HostedTable."""

    def __init__(self, hosted: HostedTable, saves: Path) -> None:
        self.hosted = hosted
        self.saves = saves
        self.throttle = Throttle()
        self.screens: set[Screen] = set()
        self.started = time.time()
        self.absent_since: dict[str, float] = {team: self.started for team in hosted.table.teams}
        """Team -> when its last screen went (or the host started): shown to the facilitator."""
        self._lock = asyncio.Lock()
        self._clock: asyncio.Task[None] | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/", self.handle)
        app.on_startup.append(self._start_clock)
        app.on_shutdown.append(self._close_all)
        return app

    # -- one connection ------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(heartbeat=HEARTBEAT, max_msg_size=4 * wire.MAX_MESSAGE)
        await ws.prepare(request)
        screen = None
        try:
            screen = await self._greet(ws, request.remote or "?")
            if screen is not None:
                await self._serve(screen)
        except Exception:  # a bug met by one screen ends that screen only
            log.exception("a screen's connection failed")
            await _close(ws, "the host could not handle that message")
        finally:
            if screen is not None:
                self._leave(screen)
        return ws

    async def _greet(self, ws: web.WebSocketResponse, peer: str) -> Screen | None:
        try:
            message = await ws.receive(timeout=HELLO_TIMEOUT)
        except TimeoutError:
            await _close(ws, "say hello with a code first")
            return None
        if message.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
            return None
        try:
            hello = wire.decode(message.data)
        except WargameError as exc:
            await _close(ws, str(exc))
            return None
        if not isinstance(hello, wire.Hello):
            await _close(ws, "the first message is a hello with a code")
            return None
        wait = self.throttle.wait(peer)
        if wait > 0:
            await _close(ws, f"too many wrong codes from this address: try again in "
                         f"{wait:.0f} s")
            return None
        role = self.hosted.codes.role_of(hello.code)
        if role is None:
            self.throttle.failed(peer)
            await _close(ws, "wrong code: check it with the facilitator")
            return None
        self.throttle.succeeded(peer)
        screen = Screen(ws, role, hello.screen or f"screen {len(self.screens) + 1}")
        screen.writer = asyncio.get_running_loop().create_task(self._write(screen))
        self.screens.add(screen)
        self.absent_since.pop(role, None)
        self._send(screen, wire.encode("welcome", role=role, screen=screen.name,
                                       teams=list(self.hosted.table.teams)))
        self._send_view(screen)
        self._tell_facilitator()
        return screen

    async def _serve(self, screen: Screen) -> None:
        async for message in screen.ws:
            if message.type == WSMsgType.ERROR:
                return
            if message.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                continue
            try:
                await self._answer(screen, wire.decode(message.data))
            except Refused as exc:
                self._send(screen, wire.encode("refused", reason=str(exc)))
            except WargameError as exc:  # Closed, WireError: no honest screen sends it
                await _close(screen.ws, str(exc))
                return

    async def _answer(self, screen: Screen, message: wire.ClientMessage) -> None:
        if isinstance(message, wire.Hello):
            raise Closed("hello comes once, first")
        if isinstance(message, wire.Look):
            await self._look(screen, message.seat)
            return
        if isinstance(message, wire.Ask):  # a question: answered here, nothing changes
            self._send(screen, self.hosted.preview(screen.role, message.ask, message.request))
            return
        kind = message.request.get("request")
        if kind in ("Save", "Report"):
            await self._write_file(screen, kind, message.request)
            return
        async with self._lock:  # one request at a time: journal order is table order
            before = self.hosted.table
            outcome = self.hosted.submit(screen.role, screen.name, message.version,
                                         message.request, source=screen)
            if isinstance(outcome, Stale):
                self._send(screen, wire.encode("refused", reason=outcome.reason))
                self._send_view(screen)
                return
            while self.hosted.play_stand_ins():
                pass
        if kind == "Rewind":
            self._keep_branch(screen, before)
        self.broadcast()
        if message.request.get("request") in ("HandToAI", "TakeBack"):
            self._tell_facilitator()

    async def _look(self, screen: Screen, seat: str) -> None:
        if screen.role != WHITE_CELL:
            raise Closed("only the facilitator sees other seats' views")
        if seat != PROJECTOR and seat not in self.hosted.table.teams:
            raise Refused(f"no team '{seat}' at this table")
        self._send(screen, wire.encode("looked", seat=seat, view=self.hosted.view_of(seat)))

    async def _write_file(self, screen: Screen, kind: str, body: Mapping[str, Any]) -> None:
        """The facilitator's ``s`` and ``r``: the table as a save, or its report, on the host."""
        from wargame.report.write import write_report
        from wargame.saves.files import fresh_name, save_path, write_save

        if screen.role != WHITE_CELL:
            raise Closed("only the facilitator saves the hosted table or writes its report")
        table = self.hosted.table
        asked: Path | None = None
        try:
            if kind == "Report":
                self._send(screen, wire.encode("notice", text="Writing the report…"))
                path = await asyncio.to_thread(write_report, table.game, self.saves / "reports",
                                               "html", table.teams, table.mode)
            else:
                name = body.get("name")
                if not isinstance(name, str):
                    raise Closed("Save: 'name' must be text")
                asked = path = save_path(name, self.saves)
                if asked.exists():  # never replaced from a screen: the next free name
                    path = save_path(fresh_name(self.saves, asked.stem), self.saves)
                await asyncio.to_thread(write_save, table.game, path, teams=table.teams,
                                        mode=table.mode)
        except Closed:
            raise
        except WargameError as exc:  # a bad name, a full disk: the facilitator is told
            raise Refused(str(exc)) from None
        what = "Report written" if kind == "Report" else "Saved"
        if asked is not None and path != asked:
            what = f"A save named '{asked.stem}' exists there and is kept; saved"
        self._send(screen, wire.encode("notice", text=f"{what} on the host: {path}"))

    def _keep_branch(self, screen: Screen, table: Table) -> None:
        """After a rewind, the game as it stood is kept as a save (a branch), as at one screen.

        Written here, before any other request: the journal holds the rewind
        already, and the branch is a convenience for the debrief's comparison.
        """
        from wargame.saves.files import write_save

        stamp = time.strftime("%Y%m%d-%H%M%S")
        path = self.saves / f"branch-{table.game.turn.id}-{stamp}-{self.hosted.version}.toml"
        try:
            write_save(table.game, path, teams=table.teams, mode=table.mode)
        except WargameError as exc:
            self._send(screen, wire.encode("notice", text=f"The old branch was not kept: {exc}"))
            return
        self._send(screen, wire.encode("notice", text=f"The old branch is kept as {path.name} "
                                       "on the host."))

    def _leave(self, screen: Screen) -> None:
        self.screens.discard(screen)
        if screen.writer is not None:
            screen.writer.cancel()
        if screen.role in self.hosted.table.teams and not self._of(screen.role):
            self.absent_since[screen.role] = time.time()
        self._tell_facilitator()

    # -- to every screen -------------------------------------------------------------
    def _of(self, role: str) -> list[Screen]:
        return [s for s in self.screens if s.role == role]

    def broadcast(self) -> None:
        """Every screen gets its role's view (built once per role and version)."""
        for screen in self.screens:
            self._send_view(screen)

    def _send_view(self, screen: Screen) -> None:
        screen.outbox.put_nowait(None)

    def _send(self, screen: Screen, text: str) -> None:
        screen.outbox.put_nowait(text)

    async def _write(self, screen: Screen) -> None:
        """This screen's messages in order; the view is the table's as it is at sending.

        A burst of changes reaches a slow screen as its latest view, never
        as an older one after a newer; a screen that cannot keep up for
        SEND_TIMEOUT is cut off (it reconnects to the current state) and
        holds up nobody else.
        """
        hosted = self.hosted
        while True:
            text = await screen.outbox.get()
            try:
                if text is None:
                    if screen.sent == hosted.stamp:
                        continue
                    screen.sent = hosted.stamp
                    scenario = hosted.scenario_message(screen.role)
                    if scenario != screen.scenario:
                        screen.scenario = scenario
                        await asyncio.wait_for(screen.ws.send_str(scenario), SEND_TIMEOUT)
                    text = hosted.message_for(screen.role)
                await asyncio.wait_for(screen.ws.send_str(text), SEND_TIMEOUT)
            except (ConnectionError, TimeoutError, RuntimeError):
                with contextlib.suppress(Exception):
                    await screen.ws.close()
                return

    def presence(self) -> dict[str, Any]:
        """Each team's screens, how long it has had none, and whether the AI plays it."""
        now = time.time()
        seats = {}
        for team in self.hosted.table.teams:
            gone = self.absent_since.get(team)
            seats[team] = {"screens": [s.name for s in self._of(team)],
                           "absent": None if gone is None else round(now - gone),
                           "ai": self.hosted.stand_ins.get(team)}
        return seats

    def _tell_facilitator(self) -> None:
        cells = self._of(WHITE_CELL)
        if cells:
            text = wire.encode("presence", seats=self.presence())
            for cell in cells:
                self._send(cell, text)

    # -- the clock -------------------------------------------------------------------
    async def _start_clock(self, app: web.Application) -> None:
        self._clock = asyncio.get_running_loop().create_task(self._run_clock())

    async def _run_clock(self) -> None:
        beat = 0
        while True:
            await asyncio.sleep(1.0)
            beat += 1
            try:
                if self.hosted.tick():
                    self.broadcast()
                if beat % 5 == 0 and any(self.absent_since.values()):
                    self._tell_facilitator()
            except Exception:  # the clock must not stop the host
                log.exception("the table's clock failed")

    async def _close_all(self, app: web.Application) -> None:
        if self._clock is not None:
            self._clock.cancel()
        await asyncio.gather(*(_close(s.ws, "the host stopped") for s in list(self.screens)),
                             return_exceptions=True)


async def _close(ws: web.WebSocketResponse, reason: str) -> None:
    """Tell the screen why, then close its connection (and only it)."""
    with contextlib.suppress(Exception):
        await ws.send_str(wire.encode("error", reason=reason))
    with contextlib.suppress(Exception):
        await ws.close(code=1008, message=reason[:120].encode("utf-8", "ignore"))


async def serve(host: Host, address: str, port: int,
                ready: Callable[[int], None] | None = None) -> None:
    """Run until cancelled; ``ready`` gets the port bound (useful with port 0)."""
    runner = web.AppRunner(host.app(), handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, address, port)
    try:
        await site.start()
        if ready is not None:
            server = site._server
            sockets = getattr(server, "sockets", None) or []
            ready(sockets[0].getsockname()[1] if sockets else port)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
