"""``wargame lint``: validation, static checks, then a quick simulation."""

from __future__ import annotations

import argparse
import sys

from wargame.analysis.lint import lint
from wargame.errors import ScenarioError
from wargame.scenario.load import load_scenario, resolve_scenario


def command(args: argparse.Namespace) -> int:
    try:
        path = resolve_scenario(args.scenario)
        sc = load_scenario(path)
    except ScenarioError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"{problem}\n")
        return 2
    problems = lint(sc, args.runs)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{sc.source}: {len(problems)} finding{'s' if len(problems) != 1 else ''}",
              file=sys.stderr)
        return 1
    print(f"{sc.source}: clean ({len(sc.options)} options, {len(sc.events)} events, "
          f"{len(sc.endings)} endings; {args.runs} simulated games)")
    return 0
