"""Who may open a game in the browser: the token, the Origin, the cap. Plain Python.

A page on any website a participant visits can open a WebSocket to
``127.0.0.1:8000`` through the participant's browser; the browser says where
the page came from in the ``Origin`` header, so only a page served by
``wargame serve`` itself may drive a game. A page whose host name was made to
point at this machine (DNS rebinding) passes that check, so the WebSocket's
address also carries a token that only the printed URL has.
"""

from __future__ import annotations

import datetime as dt
import html
import secrets
from pathlib import Path
from urllib.parse import urlsplit

TOKEN_BYTES = 16
"""128 random bits: out of reach of guessing at any rate a network allows."""


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_ok(given: str | None, token: str) -> bool:
    """The token matches, compared in constant time."""
    return given is not None and secrets.compare_digest(given.encode(), token.encode())


def same_origin(origin: str | None, host: str | None) -> bool:
    """The page that opened this WebSocket came from this server (the Host it asked for)."""
    if not origin or not host:
        return False
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    return parts.netloc.lower() == host.lower()


def session_folder(saves: Path, number: int, now: dt.datetime | None = None) -> Path:
    """A folder of its own for one browser session's saves (created on its first save)."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return saves / f"session-{stamp}-{number:03d}"


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>wargame: {title}</title>
<style>body {{ background: #0c181f; color: #eee; font-family: monospace;
  display: flex; align-items: center; justify-content: center; height: 90vh; }}
main {{ max-width: 40em; background: #12232d; padding: 2em; }}</style></head>
<body><main><h1>{title}</h1><p>{text}</p></main></body></html>
"""


def page(title: str, text: str) -> str:
    """A small page of plain text for a visitor the game cannot take."""
    return PAGE.format(title=html.escape(title), text=html.escape(text))


FORBIDDEN = page("This address needs its token",
                 "Open the full address that 'wargame serve' printed, token included. "
                 "Ask the facilitator for it.")


def full_page(limit: int) -> str:
    noun = "game is" if limit == 1 else "games are"
    return page("All seats are taken",
                f"{limit} {noun} already open on this server, its limit. Try again "
                "when someone closes theirs, or ask the facilitator to allow more "
                "(wargame serve --max-sessions).")
