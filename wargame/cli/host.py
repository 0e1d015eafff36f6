"""``wargame host``: one table for several screens, its codes printed, its journal kept.

Every check that can fail (scenario, seats, teams, doctrine, save, journal,
port) runs before anything is written or printed as ready: bad input is one
line on stderr and exit code 2, and no journal is left half-made.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import signal
import sys
from pathlib import Path

from wargame.cli.args import parse_policy, parse_seats
from wargame.errors import UsageError, WargameError
from wargame.host.net import is_loopback, shown_address
from wargame.paths import DEFAULT_SCENARIO, saves_dir

ROLE_NOTES = {"white cell": "the facilitator: keep this one to yourself",
              "projector": "the public board, for the room's screen"}


def _start(args: argparse.Namespace, journal: Path):  # type: ignore[no-untyped-def]
    """The table's start from the command line: a save, or a new game."""
    from wargame.host.start import start_from_save, start_from_table

    if args.load:
        if args.scenario or args.seats or args.teams or args.seed is not None:
            raise UsageError("--load resumes a save as it is: give no scenario, --seed, "
                             "--seats or --teams with it")
        return start_from_save(Path(args.load))
    from wargame.engine.game import Game
    from wargame.scenario.load import find_scenario
    from wargame.table.model import Table
    from wargame.tui.entry import parse_teams

    scenario = find_scenario(args.scenario or DEFAULT_SCENARIO)
    game = Game.new(scenario, args.seed, parse_seats(args.seats), parse_policy(args.policy))
    teams = parse_teams(args.teams, scenario, game.seats) if args.teams else None
    table = Table.new(game, teams, args.mode or "training", shared_screen=False)
    if args.hidden:
        import attrs

        table = attrs.evolve(table, hidden=True)
    return start_from_table(table, journal)


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The hosted table: resumed from an existing journal, or started in a new one."""
    from wargame.host.hosted import HostedTable
    from wargame.host.journal import Journal

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(args.journal) if args.journal else \
        saves_dir(args.saves) / f"table-{stamp}.journal"
    if path.exists():
        journal = Journal.open(path)
        if journal.started:
            if args.scenario or args.load or args.seats or args.teams or args.seed is not None:
                journal.close()
                raise UsageError(f"{path} already holds a table: give only --journal to "
                                 "resume it, or name a new file")
            return HostedTable.resume(journal), True
        journal.close()
    start = _start(args, path)  # everything checked before the journal is made
    path.parent.mkdir(parents=True, exist_ok=True)
    return HostedTable.create(Journal.open(path), start), False


def announce(hosted, url: str, resumed: bool) -> None:  # type: ignore[no-untyped-def]
    table = hosted.table
    game = table.game
    verb = "Resumed" if resumed else "Hosting"
    print(f"{verb} {game.scenario.title} (seed {game.seed}) at {url}, turn "
          f"{game.turn.index} of {len(game.scenario.turns)}.")
    print(f"Journal: {hosted.journal.path} (wargame host --journal FILE resumes it)")
    print("Give each screen its line:")
    width = max(len(role) for role in hosted.codes.codes.values())
    for code, role in hosted.codes.codes.items():
        note = f"   ({ROLE_NOTES[role]})" if role in ROLE_NOTES else ""
        print(f"  {role:<{width}}  wargame join {url} --code {code}{note}")
    print(f"In a browser: wargame serve --table {url}, then a code on its page.")
    print("Ctrl+C stops the host; the journal keeps the table.", flush=True)


def command(args: argparse.Namespace) -> int:
    try:
        hosted, resumed = _open(args)
    except OSError as exc:
        raise UsageError(f"cannot make the journal: {exc.strerror or exc}") from exc
    if not is_loopback(args.host):
        sys.stderr.write(f"warning: hosting on {args.host}: any machine that can reach port "
                         f"{args.port} can try codes (wrong ones are slowed). Use it only "
                         "on a network you trust.\n")
    try:
        return asyncio.run(_run(hosted, args, resumed))
    finally:
        hosted.journal.close()


async def _run(hosted, args: argparse.Namespace, resumed: bool) -> int:  # type: ignore[no-untyped-def]
    from wargame.host.server import Host, serve

    host = Host(hosted, saves_dir(args.saves))
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    assert task is not None
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, task.cancel)

    def ready(port: int) -> None:
        announce(hosted, f"ws://{shown_address(args.host)}:{port}", resumed)

    try:
        await serve(host, args.host, args.port, ready)
    except OSError as exc:
        raise UsageError(f"cannot host on {args.host}:{args.port}: "
                         f"{exc.strerror or exc}") from exc
    except asyncio.CancelledError:
        pass
    except WargameError:
        raise
    return 0
