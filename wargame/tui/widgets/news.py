"""The news feed: decisions and events, newest first, with the numbers each moved."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from wargame.engine.state import NewsItem
from wargame.report.reasons import reason
from wargame.report.transcript import news_line
from wargame.scenario.model import Scenario

KIND_STYLE = {"event": "$warning", "inject": "$secondary", "adjust": "$secondary",
              "ending": "bold $accent", "pass": "dim", "offer": "$accent",
              "answer": "$accent", "sign": "$success",
              "breach": "bold $text-error on $error-muted"}
"""A breach stands out: an agreement was broken."""


def news_content(sc: Scenario, items: Sequence[NewsItem], limit: int | None = None,
                 reasons: bool = False) -> Content:
    """Newest first, each line prefixed by its turn number; with ``reasons`` (training
    mode), why the AI did what it did under each of its items."""
    lines = []
    for item in list(reversed(items))[:limit]:
        turn = sc.turn_by_id[item.turn]
        style = KIND_STYLE.get(item.kind, "" if item.by_ai else "bold")
        line = Content.assemble((f"T{turn.index} ", "dim"), (news_line(sc, item), style))
        if item.note:
            line = Content.assemble(line, (f" — “{item.note}”", "italic"))
        why = reason(sc, item) if reasons and item.by_ai else ""
        if why:
            line = Content.assemble(line, "\n", (f"   why: {why}", "dim italic"))
        lines.append(line)
    if not lines:
        return Content("Nothing has happened yet.")
    return Content("\n").join(lines)


class NewsFeed(VerticalScroll):
    """Scrolls when it is longer than its room; the newest item stays on top."""

    DEFAULT_CSS = "NewsFeed > Static { width: 1fr; }"

    def compose(self) -> ComposeResult:
        yield Static("Nothing has happened yet.", id="news-text")

    def show(self, sc: Scenario, items: Sequence[NewsItem], reasons: bool = False) -> None:
        self.query_one("#news-text", Static).update(news_content(sc, items, reasons=reasons))
        self.scroll_home(animate=False)
