"""After-action reports: one game's debrief, or two games side by side.

``wargame report SAVE`` writes one report; ``wargame report A B`` compares two
games of the same scenario. ``write_report`` is what the game's ending screen
calls.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from wargame.errors import SaveError, UsageError
from wargame.game import Game
from wargame.report.model import Teams, build
from wargame.tomlio import write_atomic

FORMATS = ("md", "html")
DEFAULT_RUNS = 1000


def render(game: Game, fmt: str = "md", teams: Teams | None = None, mode: str = "",
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
                 teams: Teams | None = None, mode: str = "",
                 runs: int = DEFAULT_RUNS) -> Path:
    """Write a game's report into ``folder`` (created if needed); returns the file."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format '{fmt}' (md or html)")
    folder = Path(folder)
    path = folder / report_name(game, fmt)
    text = render(game, fmt, teams, mode, runs)
    _write(path, text)
    return path


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError as exc:
        raise SaveError(str(path), "", f"cannot write the report: {exc.strerror or exc}") \
            from exc


def command(args: argparse.Namespace) -> int:
    """``wargame report SAVE... [--format md|html] [-o FILE] [--runs N]``."""
    from wargame.report import compare
    from wargame.saves import load_game

    if len(args.saves) > 2:
        raise UsageError("report takes one save, or two to compare")
    loaded = [load_game(path) for path in args.saves]
    for item in loaded:
        for warning in item.warnings:
            sys.stderr.write(f"warning: {warning}\n")
    if len(loaded) == 2:
        text = compare.render(loaded[0], loaded[1], args.format)
    else:
        one = loaded[0]
        text = render(one.game, args.format, one.file.teams, one.file.mode, args.runs,
                      str(args.saves[0]))
    if args.output:
        _write(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0
