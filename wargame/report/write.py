"""After-action reports: the text of one game's report, and writing it to a file.

``write_report`` is what the game's ending screen calls; ``wargame report``
(``wargame.cli.report``) uses ``render`` and ``write_text``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from wargame.engine.game import Game
from wargame.engine.setup import Mode, Teams
from wargame.errors import SaveError, UsageError
from wargame.report.model import build
from wargame.tomlio import write_atomic

FORMATS = ("md", "html")
DEFAULT_RUNS = 1000


def render(game: Game, fmt: str = "md", teams: Teams | None = None, mode: Mode | None = None,
           runs: int = DEFAULT_RUNS, source: str = "",
           progress: Callable[[int, int], None] | None = None) -> str:
    """The text of one game's report; ``runs`` simulated games for the odds (0: none)."""
    from wargame.report import html, markdown, odds

    report = build(game, teams, mode, source)
    measured = odds.simulate(game, runs, report.doctrine, progress=progress)
    if fmt == "html":
        return html.render(report, measured, runs)
    return markdown.render(report, measured, runs)


def report_name(game: Game, fmt: str, when: dt.datetime | None = None) -> str:
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"report-{game.scenario.id}-seed{game.seed}-{stamp}.{fmt}"


def write_report(game: Game, folder: str | Path, fmt: str = "html",
                 teams: Teams | None = None, mode: Mode | None = None,
                 runs: int = DEFAULT_RUNS) -> Path:
    """Write a game's report into ``folder`` (created if needed); returns the file."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format '{fmt}' (md or html)")
    folder = Path(folder)
    path = folder / report_name(game, fmt)
    text = render(game, fmt, teams, mode, runs)
    write_text(path, text)
    return path


def write_text(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError as exc:
        raise SaveError(str(path), "", f"cannot write the report: {exc.strerror or exc}") \
            from exc
