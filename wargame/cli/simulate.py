"""``wargame simulate``: many AI games, statistics on stdout, progress on stderr."""

from __future__ import annotations

import argparse

from wargame.analysis import stats
from wargame.analysis.simulate import tally_games
from wargame.cli.args import parse_policy
from wargame.cli.output import emit_json
from wargame.cli.progress import GameProgress
from wargame.engine.game import GameError, check_policy
from wargame.errors import UsageError
from wargame.scenario.load import find_scenario


def command(args: argparse.Namespace) -> int:
    """Print the statistics of many AI games."""
    scenario = find_scenario(args.scenario)
    policy = parse_policy(args.policy)
    try:
        check_policy(scenario, policy)
    except GameError as exc:
        raise UsageError(f"--policy: {exc}") from exc
    with GameProgress(args.runs) as progress:
        # Counted as the games finish: memory does not grow with --runs.
        tally = tally_games(scenario, args.runs, args.seed, policy, args.jobs,
                            progress.update if progress.enabled else None)
    summary = stats.summarise(scenario, tally, args.seed, policy)
    if args.json:
        emit_json(summary)
    else:
        print(stats.render(summary))
    return 0
