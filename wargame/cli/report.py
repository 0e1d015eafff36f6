"""``wargame report SAVE... [--format md|html] [-o FILE] [--runs N]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wargame.errors import UsageError
from wargame.report import compare
from wargame.report.write import render, write_text
from wargame.saves.files import load_game


def command(args: argparse.Namespace) -> int:
    """``wargame report SAVE... [--format md|html] [-o FILE] [--runs N]``."""
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
        text = render(one.game, args.format, runs=args.runs, source=str(args.saves[0]))
    if args.output:
        write_text(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0
