"""Text that did not come from our code, made ready for a widget: shown as written.

Textual reads a ``str`` as content markup in most widgets (Static, Label,
OptionList and Select prompts, SelectionList, toasts, the command palette):
a scenario name ``[@click=app.quit()]x[/]`` would run an action when clicked
and a lone ``[/]`` would stop the app. Every name, title, note and message
from a scenario, a save or a player goes to a widget as ``Content`` (which
is never parsed) through these, or to a widget made with ``markup=False``
(SteadyOptionList, the App's notify).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from textual.content import Content

V = TypeVar("V")


def plain(text: str) -> Content:
    """``text`` as it is written: brackets, backslashes and all."""
    return Content(text)


def choices(pairs: Iterable[tuple[str, V]]) -> list[tuple[Content, V]]:
    """(prompt, value) pairs for a Select, each prompt shown as written."""
    return [(Content(prompt), value) for prompt, value in pairs]


def selections(rows: Iterable[tuple[str, V, bool]]) -> list[tuple[Content, V, bool]]:
    """(prompt, value, selected) rows for a SelectionList, each prompt shown as written."""
    return [(Content(prompt), value, on) for prompt, value, on in rows]
