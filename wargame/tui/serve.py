"""The game in a browser (``wargame serve``), for participants without a terminal.

Each browser tab that connects starts its own ``wargame play`` process through
textual-serve. The page must work in a room with no internet: textual-serve's
own page pulls its font from Google, so we serve a copy of that page that
loads the font textual-serve ships instead.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import re
import shlex
import sys
from pathlib import Path
from typing import Any

from wargame.errors import UsageError

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


def command_line(saves: Path) -> str:
    """The shell command textual-serve runs for each browser session."""
    return shlex.join([sys.executable, "-m", "wargame", "play", "--saves", str(saves)])


def share_package_path() -> None:
    """Let each session's child process import this same wargame, installed or not."""
    root = str(Path(__file__).resolve().parent.parent)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if root not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([root, *paths])


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _server_class() -> Any:
    try:
        import aiohttp_jinja2
        from textual_serve.server import Server
    except ImportError as exc:
        raise UsageError("serving needs textual-serve: pip install 'wargame[serve]'") from exc

    class OfflineServer(Server):  # type: ignore[misc]
        """textual-serve, with the page's URLs taken from the address the browser used."""

        @aiohttp_jinja2.template(PAGE)
        async def handle_index(self, request: Any) -> Any:
            # textual-serve writes its bind address (0.0.0.0 when open to a room)
            # into the page as the websocket URL, which other machines cannot
            # reach; the Host the browser asked for always works. No await comes
            # between setting it and the parent reading it, so sessions don't mix.
            self.public_url = f"{request.scheme}://{request.host}"
            return await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]

        async def handle_websocket(self, request: Any) -> Any:
            task = asyncio.current_task()
            sessions = self.__dict__.setdefault("sessions", set())
            sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                sessions.discard(task)

        async def on_shutdown(self, app: Any) -> None:
            # aiohttp waits up to a minute for open handlers, and a browser tab
            # keeps its session's websocket open: end the sessions (each one
            # quits its game process) so Ctrl+C or SIGTERM stops at once.
            sessions = list(self.__dict__.get("sessions", ()))
            for task in sessions:
                task.cancel()
            if sessions:
                await asyncio.wait(sessions, timeout=SESSION_GRACE)

    return OfflineServer


def build_server(host: str, port: int, saves: Path, templates: Path) -> Any:
    """A ready server; the offline page is written into ``templates``."""
    cls = _server_class()
    import textual_serve

    original = (Path(textual_serve.__file__).parent / "templates" / PAGE)
    (templates / PAGE).write_text(offline_page(original.read_text("utf-8")), "utf-8")
    return cls(command_line(saves), host=host, port=port, title="wargame",
               templates_path=templates)
