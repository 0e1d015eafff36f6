"""The command palette offers the game's actions, as the keys do."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

ACTIONS = (
    ("Commit the highlighted decision", "commit", "Enter"),
    ("Negotiate: put terms on the table, or answer an offer", "negotiate", "n"),
    ("Undo the last decision", "undo", "u"),
    ("Save the game", "save", "s"),
    ("Load a saved game", "load", "l"),
    ("Facilitator console", "facilitator", "f"),
    ("After-action report", "report", "r"),
    ("Help: keys and how a turn works", "help", "?"),
    ("Quit (offers to save)", "request_quit", "q"),
    ("New game (back to the title)", "new_game", ""),
)


class GameCommands(Provider):
    """Game actions, plus one command per option of the waiting seat."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        out: list[tuple[str, Callable[[], object], str]] = []
        for label, action, key in ACTIONS:
            if action == "commit":
                run = partial(app.run_action, "commit", self.screen)
            else:
                run = partial(app.run_action, action)
            out.append((label, run, f"key: {key}" if key else ""))
        picture = getattr(app, "picture", None)
        if picture is not None:
            for n, option in enumerate(picture.options[:9], 1):
                out.append((f"Pick option {n}: {option.title}",
                            partial(app.run_action, f"pick({n})", self.screen),
                            f"{option.kind}; key: {n}"))
        return out

    async def discover(self) -> Hits:
        for label, run, help_text in self._commands():
            # Content: the palette reads a str prompt as markup, and a label
            # holds an option's title from the scenario.
            yield DiscoveryHit(Content(label), run, help=help_text, text=label)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, run, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, _highlight(matcher, label), run, text=label, help=help_text)


def _highlight(matcher: Matcher, label: str) -> Content:
    """``matcher.highlight`` without reading the label as markup."""
    content = Content(label)
    for offset in matcher.fuzzy_search.match(matcher.query, label)[1]:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
