"""The game in a browser (``wargame serve``), for participants without a terminal.

Each browser tab that connects starts its own ``wargame play`` process through
textual-serve (or, with ``--table``, a ``wargame join`` of a hosted table). Only
a visitor with the printed URL's token, on a page this server served (see
serve_gate.py), gets one, and no more than ``--max-sessions`` at once. The page
must work in a room with no internet: textual-serve's own page pulls its font
from Google, so we serve a copy of that page that loads the font textual-serve
ships instead.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shlex
import sys
from pathlib import Path
from typing import Any

import attrs

from wargame.errors import UsageError
from wargame.tui.serve_gate import (
    FORBIDDEN,
    full_page,
    same_origin,
    session_folder,
    token_ok,
)

log = logging.getLogger("wargame.serve")

PAGE = "app_index.html"
SESSION_GRACE = 3.0
"""Seconds open game sessions get to quit when the server stops."""
FONT_FACES = """<style>
@font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
  src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
@font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
  src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf")
  format("truetype"); }
</style>"""
EXTERNAL = re.compile(r"""<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*["']?(?:https?:)?//[^>]*>""",
                      re.IGNORECASE | re.DOTALL)
"""A tag that would make the browser fetch something from another site."""


def offline_page(original: str) -> str:
    """textual-serve's page with every external stylesheet or script replaced by local fonts."""
    page, count = EXTERNAL.subn("", original)
    if count:
        page = page.replace("</head>", FONT_FACES + "\n</head>", 1)
    return page


def command_line(saves: Path, table: str | None = None) -> str:
    """The shell command textual-serve runs for one browser session.

    With a hosted table the visitor gets ``wargame join``, which asks for a
    join code on its first screen; the code never appears on a command line.
    """
    if table is not None:
        return shlex.join([sys.executable, "-m", "wargame", "join", table])
    return shlex.join([sys.executable, "-m", "wargame", "play", "--saves", str(saves)])


def share_package_path() -> None:
    """Let each session's child process import this same wargame, installed or not."""
    root = str(Path(__file__).resolve().parent.parent)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if root not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([root, *paths])


@attrs.frozen
class ServeConfig:
    """What ``wargame serve`` was asked for."""

    host: str
    port: int
    saves: Path
    """Where saves go: each session's in a folder of its own below it, unless shared."""
    token: str
    """The secret in the printed URL; the page and its WebSocket need it."""
    max_sessions: int
    """Game processes at once (each about 40 MB); the next visitor gets a page saying so."""
    shared_saves: bool = False
    """Every session saves into ``saves`` itself."""
    table: str | None = None
    """A hosted table's ws:// URL: each visitor joins it with a code."""

    def url(self, host: str | None = None) -> str:
        """The address to open in a browser, token included."""
        return f"http://{host or self.host}:{self.port}/?token={self.token}"


def _server_class() -> Any:
    try:
        import aiohttp_jinja2
        from aiohttp import web
        from textual_serve.app_service import AppService
        from textual_serve.server import Server
    except ImportError as exc:
        raise UsageError("serving needs textual-serve: pip install 'wargame[serve]'") from exc

    class GatedServer(Server):  # type: ignore[misc]
        """textual-serve behind a token, an Origin check and a cap on sessions."""

        def __init__(self, config: ServeConfig, templates: Path) -> None:
            super().__init__(command_line(config.saves, config.table), host=config.host,
                             port=config.port, title="wargame", templates_path=templates)
            self.config = config
            self.sessions: set[asyncio.Task[Any]] = set()
            self.started = 0

        async def _make_app(self) -> Any:
            app = await super()._make_app()
            # The WebSocket's address carries the token: textual.js appends its
            # own query string to whatever URL the page gives it.
            app.router.add_get("/ws/{token}", self.handle_websocket, name="gated")
            return app

        async def on_startup(self, app: Any) -> None:
            pass  # the command prints the address with its token, not textual-serve's logo

        def _full(self) -> bool:
            return len(self.sessions) >= self.config.max_sessions

        async def handle_index(self, request: Any) -> Any:
            if not token_ok(request.query.get("token"), self.config.token):
                return web.Response(status=403, text=FORBIDDEN, content_type="text/html")
            if self._full():
                return web.Response(status=503, text=full_page(self.config.max_sessions),
                                    content_type="text/html")
            return await self._page(request)

        @aiohttp_jinja2.template(PAGE)
        async def _page(self, request: Any) -> Any:
            # textual-serve writes its bind address (0.0.0.0 when open to a room)
            # into the page as the WebSocket URL, which other machines cannot
            # reach; the Host the browser asked for always works. No await comes
            # between setting it and the parent reading it, so sessions don't mix.
            self.public_url = f"{request.scheme}://{request.host}"
            context = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
            context["app_websocket_url"] += f"/{self.config.token}"
            return context

        async def handle_websocket(self, request: Any) -> Any:
            if not token_ok(request.match_info.get("token"), self.config.token):
                return web.Response(status=403, text="wrong or missing token")
            if not same_origin(request.headers.get("Origin"), request.host):
                return web.Response(status=403, text="this page did not come from this server")
            if self._full():
                return web.Response(status=503, text="all sessions are taken")
            task = asyncio.current_task()
            assert task is not None
            self.sessions.add(task)
            self.started += 1
            try:
                return await self._session(request, self._command())
            finally:
                self.sessions.discard(task)

        def _command(self) -> str:
            config = self.config
            if config.shared_saves or config.table is not None:
                return self.command
            return command_line(session_folder(config.saves, self.started), None)

        async def _session(self, request: Any, command: str) -> Any:
            """textual-serve's session loop, with this session's own command."""
            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            service = None

            async def close() -> None:
                await websocket.close()

            try:
                await websocket.prepare(request)
                service = AppService(command, write_bytes=websocket.send_bytes,
                                     write_str=websocket.send_str, close=close,
                                     download_manager=self.download_manager, debug=self.debug)
                await service.start(width, height)
                await self._process_messages(websocket, service)
            except asyncio.CancelledError:
                await websocket.close()
            except Exception:  # a broken session must not stop the server
                log.exception("game session failed")
            finally:
                if service is not None:
                    await service.stop()
            return websocket

        async def on_shutdown(self, app: Any) -> None:
            # aiohttp waits up to a minute for open handlers, and a browser tab
            # keeps its session's websocket open: end the sessions (each one
            # quits its game process) so Ctrl+C or SIGTERM stops at once.
            sessions = list(self.sessions)
            for task in sessions:
                task.cancel()
            if sessions:
                await asyncio.wait(sessions, timeout=SESSION_GRACE)

    return GatedServer


def to_int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def build_server(config: ServeConfig, templates: Path) -> Any:
    """A ready server; the offline page is written into ``templates``."""
    cls = _server_class()
    import textual_serve

    original = (Path(textual_serve.__file__).parent / "templates" / PAGE)
    (templates / PAGE).write_text(offline_page(original.read_text("utf-8")), "utf-8")
    return cls(config, templates)
