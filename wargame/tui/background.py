"""Reading in the background that never keeps the process alive.

Textual's thread workers run in the event loop's executor, whose threads the
interpreter waits for at exit: one scan stuck on a slow disk (or, before
files were opened without blocking, on a FIFO) kept `wargame play` running
after `q`. A scan reads and shows; it writes nothing, so when the app quits
there is nothing to finish: it runs in a daemon thread, and its result is
dropped if its screen or the app has gone in the meantime.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from textual.dom import DOMNode

T = TypeVar("T")


def scan(node: DOMNode, read: Callable[[], T], show: Callable[[T], None]) -> None:
    """``read()`` in a daemon thread, then ``show(result)`` on the app's thread
    while ``node`` is still mounted."""
    app = node.app

    def shown(result: T) -> None:
        if node.is_attached:
            show(result)

    def run() -> None:
        result = read()
        try:
            app.call_from_thread(shown, result)
        except RuntimeError:  # the app is no longer running
            pass

    threading.Thread(target=run, name=f"scan-{type(node).__name__}", daemon=True).start()
