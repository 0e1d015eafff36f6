"""News items in and out of their wire form, each worked out once.

A view carries the whole news feed, and every change sends it again to
every screen: without a memo the host turned the same thirty items into
plain types for each role at each change, and each screen read them back
(about 8 ms either way for the bundled scenario's feed). News items are
immutable, so each is converted once and found again by equality (host)
or by its text on the wire (screen).
"""

from __future__ import annotations

from typing import Any

from wargame.engine.state import NewsItem
from wargame.table.wire import from_plain, to_plain

LIMIT = 20_000
"""Items remembered before the memo starts afresh (a long game has a few hundred)."""


class NewsMemo:
    """NewsItem <-> plain dict, each direction worked out once per distinct item."""

    def __init__(self) -> None:
        self._out: dict[NewsItem, dict[str, Any]] = {}
        self._in: dict[str, NewsItem] = {}

    def plain(self, item: NewsItem) -> dict[str, Any]:
        found = self._out.get(item)
        if found is None:
            if len(self._out) > LIMIT:
                self._out.clear()
            found = self._out[item] = to_plain(item)
        return found

    def item(self, data: Any) -> NewsItem:
        key = repr(data)  # C-speed, and exact for JSON-read data
        found = self._in.get(key)
        if found is None:
            if len(self._in) > LIMIT:
                self._in.clear()
            found = self._in[key] = from_plain(NewsItem, data, "view.news[]")
        return found
