"""Progress of a long run on stderr (rich, which ships with Textual), in a terminal only."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn


class GameProgress:
    """A bar of games played; silent when stderr is no terminal or the run is short."""

    MIN_RUNS = 500

    def __init__(self, total: int, stream: TextIO | None = None):
        stream = sys.stderr if stream is None else stream
        self.total = total
        self.enabled = total >= self.MIN_RUNS and stream.isatty()
        self._bar: Progress | None = None
        if self.enabled:
            console = Console(file=stream, force_terminal=True)
            self._bar = Progress(TextColumn("simulating"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("games"), TimeRemainingColumn(),
                                 console=console, transient=True)
            self._task = self._bar.add_task("games", total=total)

    def update(self, done: int, total: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total)

    def __enter__(self) -> GameProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
