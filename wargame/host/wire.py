"""What travels between a host and its screens: JSON text frames, checked at the door.

A screen sends:
    {"type": "hello", "code": "K7QX2-...", "screen": "laptop 2"}     first, once
    {"type": "request", "version": 12, "request": {...}}             a table request
    {"type": "look", "seat": "Moscow"}                               facilitator only
    {"type": "preview", "ask": 3, "request": {...}}                  facilitator only
The host sends:
    {"type": "welcome", "role": "Moscow", ...}
    {"type": "view", "version": 12, "view": {...}, "by": {...} | null}
    {"type": "presence", "seats": {...}}                             facilitator only
    {"type": "looked", "seat": "Moscow", "view": {...}}              facilitator only
    {"type": "previewed", "ask": 3, "version": 12, "preview": {...}} to the asker only
    {"type": "refused", "reason": "..."}                             the screen stays
    {"type": "error", "reason": "..."}                               then the host closes

``version`` is the table version the screen saw when its person acted: a
request made on an older version (another screen of the same team was
quicker) is refused and the screen stays, unless all that came since was this
connection's own draft edits (keys typed at the negotiation table faster than
its views come back); anything an honest screen never
sends (a malformed, oversized or out-of-turn message, a facilitator request
from a seat) is an error and closes that connection, and only that one.

A ``preview`` is a question, not a request: what the inject or adjustment
in it would move on the table as it stands (``ask`` numbers the question,
so the screen keeps only the answer to its latest). The host answers that
connection alone; nothing is journaled and the version does not move.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from typing import Any

import attrs

from wargame.errors import WargameError

MAX_MESSAGE = 64 * 1024
"""The largest message a screen may send; a request is a few hundred bytes."""
MAX_VIEW = 8 * 1024 * 1024
"""The largest message a screen accepts from its host (a view of a big scenario)."""
MAX_SCREEN_NAME = 40
MAX_DEPTH = 8
"""Nesting deeper than any request has; deeper is refused before it is walked."""


class WireError(WargameError):
    """A message that breaks the protocol; the connection that sent it is closed."""


@attrs.frozen
class Hello:
    code: str
    """The join code as typed."""
    screen: str
    """The name the screen gives itself, shown to the others (``laptop 2``)."""


@attrs.frozen
class Send:
    version: int
    """The table version the screen saw when its person acted."""
    request: Mapping[str, Any]
    """The table request, to be decoded by the table's codec."""


@attrs.frozen
class Look:
    seat: str
    """The team whose view the facilitator wants to see."""


@attrs.frozen
class Ask:
    ask: int
    """The screen's number for the question, quoted in the answer."""
    request: Mapping[str, Any]
    """The Inject or Adjust it would release, to be decoded by the table's codec."""


ClientMessage = Hello | Send | Look | Ask
MAX_ASK = 2 ** 53
"""Versions and question numbers stay below this (exact in every JSON reader)."""


def _depth(value: Any, limit: int) -> int:
    if limit < 0:
        return 0
    if isinstance(value, dict):
        return 1 + max((_depth(v, limit - 1) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v, limit - 1) for v in value), default=0)
    return 0


def plain_text(value: Any, what: str, limit: int) -> str:
    """A short string with no control characters (it is shown on other screens)."""
    if not isinstance(value, str):
        raise WireError(f"{what} must be a string")
    if len(value) > limit:
        raise WireError(f"{what} is longer than {limit} characters")
    if any(unicodedata.category(ch)[0] == "C" for ch in value):
        raise WireError(f"{what} has control characters")
    return value


def decode(text: str | bytes) -> ClientMessage:
    """One message from a screen; WireError says what is wrong with it."""
    if isinstance(text, bytes):
        raise WireError("binary frames are not part of the protocol; send JSON text")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_MESSAGE:
        raise WireError(f"message larger than {MAX_MESSAGE} bytes")
    try:
        data = json.loads(text)
    except RecursionError:  # json's parser recurses: '[[[[...' deep enough
        raise WireError(f"message nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:
        raise WireError(f"not JSON ({exc.__class__.__name__}: {str(exc)[:80]})") from None
    if not isinstance(data, dict):
        raise WireError("a message is a JSON object")
    if _depth(data, MAX_DEPTH) > MAX_DEPTH:
        raise WireError(f"message nested deeper than {MAX_DEPTH} levels")
    kind = data.get("type")
    if kind == "hello":
        return Hello(plain_text(data.get("code"), "code", 64),
                     plain_text(data.get("screen", ""), "screen", MAX_SCREEN_NAME))
    if kind == "request":
        return Send(_count(data, "version"), _request(data))
    if kind == "look":
        return Look(plain_text(data.get("seat"), "seat", 80))
    if kind == "preview":
        return Ask(_count(data, "ask"), _request(data))
    raise WireError(f"unknown message type {str(kind)[:40]!r}")


def _count(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < MAX_ASK:
        raise WireError(f"{key} must be a whole number of 0 or more")
    return value


def _request(data: Mapping[str, Any]) -> dict[str, Any]:
    request = data.get("request")
    if not isinstance(request, dict):
        raise WireError("request must be an object")
    return request


def encode(kind: str, **fields: Any) -> str:
    return json.dumps({"type": kind, **fields}, separators=(",", ":"), ensure_ascii=False)


def decode_from_host(text: str) -> Mapping[str, Any]:
    """One message from the host, as a screen reads it."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise WireError("the host sent something that is not a message")
    return data
