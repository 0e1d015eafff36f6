"""The command line: parse arguments, dispatch to a handler, turn errors into exit codes.

Exit codes: 0 success; 1 a check failed; 2 bad input (one message on stderr
naming the file and the key, no traceback); 141 the reader of stdout went
away (as a process ended by SIGPIPE reports it).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import NoReturn

from wargame import __version__
from wargame.cli.output import BAD_INPUT, BROKEN_PIPE
from wargame.errors import WargameError, shown

DEFAULT_MAX_SESSIONS = 8
"""Browser sessions `wargame serve` runs at once: each is a game process of about 40 MB."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see '{self.prog} --help')\n")
        raise SystemExit(BAD_INPUT)


def _nonnegative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is negative")
    return value


def _positive(text: str) -> int:
    value = _nonnegative(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _port(text: str) -> int:
    value = _nonnegative(text)
    if value > 65535:  # the socket layer raises OverflowError, a traceback
        raise argparse.ArgumentTypeError(f"'{text}' is not a port (0 to 65535)")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="wargame", description="A terminal wargame of a diplomatic crisis.")
    p.add_argument("--version", action="version", version=f"wargame {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    play = sub.add_parser("play", help="play in the terminal (the default)")
    play.add_argument("scenario", nargs="?", help="path or bundled id (default: january_2022)")
    play.add_argument("--seed", type=_nonnegative)
    play.add_argument("--seats", help="human seats, e.g. us,russia")
    play.add_argument("--policy", help="AI doctrine, or actor=doctrine,...")
    play.add_argument("--load", metavar="SAVE", help="resume a save")
    play.add_argument("--saves", metavar="DIR", help="folder for saves (default ./saves)")
    play.add_argument("--mode", choices=("training", "exercise"), default=None)
    play.add_argument("--facilitator-password", metavar="PASSWORD",
                      help="the white cell's password: with several teams at one screen, "
                           "f asks for it")

    val = sub.add_parser("validate", help="check scenario files")
    val.add_argument("files", nargs="+", metavar="FILE")

    rep = sub.add_parser("replay", help="replay a save or script headless")
    rep.add_argument("file", metavar="FILE")
    rep.add_argument("--check", action="store_true", help="compare [expect]; exit 1 on a miss")
    rep.add_argument("--auto", action="store_true", help="let the AI play open seats")
    rep.add_argument("--json", action="store_true")

    run = sub.add_parser("run", help="one game, AI on every seat, transcript")
    run.add_argument("scenario")
    run.add_argument("--seed", type=_nonnegative)
    run.add_argument("--policy")
    run.add_argument("--save", metavar="PATH")
    run.add_argument("--json", action="store_true")

    sim = sub.add_parser("simulate", help="many AI games: endings, distributions, coverage")
    sim.add_argument("scenario")
    sim.add_argument("--runs", type=_positive, required=True)
    sim.add_argument("--seed", type=_nonnegative, default=None)
    sim.add_argument("--policy")
    sim.add_argument("--jobs", type=_positive, default=1)
    sim.add_argument("--json", action="store_true")

    lint = sub.add_parser("lint", help="validate and look for dead content")
    lint.add_argument("scenario")
    lint.add_argument("--runs", type=_nonnegative, default=500,
                      help="games simulated for reachability (default 500; 0: static checks only)")

    report = sub.add_parser("report", help="after-action report of one or two saves")
    report.add_argument("saves", nargs="+", metavar="SAVE")
    report.add_argument("--format", choices=("md", "html"), default="md")
    report.add_argument("-o", "--output", metavar="FILE")
    report.add_argument("--runs", type=_nonnegative, default=1000,
                        help="simulated games to compare against (0: none)")

    serve = sub.add_parser("serve", help="serve the game to a browser")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8000)
    serve.add_argument("--saves", metavar="DIR",
                       help="folder for saves; each session saves in a folder of its own below it")
    serve.add_argument("--shared-saves", action="store_true",
                       help="every session saves into --saves itself")
    serve.add_argument("--max-sessions", type=_positive, default=DEFAULT_MAX_SESSIONS,
                       metavar="N", help=f"browser sessions at once (default "
                       f"{DEFAULT_MAX_SESSIONS}; each is a game process of about 40 MB)")
    serve.add_argument("--table", metavar="URL",
                       help="a hosted table (wargame host): each visitor joins it with a code")
    host = sub.add_parser("host", help="one game for several screens: prints a join code "
                          "for each team and the facilitator")
    host.add_argument("scenario", nargs="?", help="path or bundled id (default: january_2022)")
    host.add_argument("--seed", type=_nonnegative)
    host.add_argument("--seats", help="human seats, e.g. us,russia")
    host.add_argument("--teams", help="e.g. 'Washington=us,nato; Moscow=russia' "
                      "(default: a team per seat)")
    host.add_argument("--policy", help="AI doctrine, or actor=doctrine,...")
    host.add_argument("--load", metavar="SAVE", help="start from a save")
    host.add_argument("--mode", choices=("training", "exercise"), default=None)
    host.add_argument("--hidden", action="store_true",
                      help="keep each decision hidden, numbers included, until its turn resolves")
    host.add_argument("--host", default="127.0.0.1",
                      help="address to listen on (default 127.0.0.1: this machine only)")
    host.add_argument("--port", type=_port, default=8765)
    host.add_argument("--journal", metavar="FILE",
                      help="the table's journal: resumed if it holds one (default: a new "
                      "file in the saves folder)")
    host.add_argument("--saves", metavar="DIR", help="folder for saves (default ./saves)")

    join = sub.add_parser("join", help="a seat's (or the white cell's) screen of a hosted game")
    join.add_argument("url", metavar="URL", help="the ws:// address 'wargame host' printed")
    join.add_argument("--code", help="the join code (asked on screen if left out)")
    join.add_argument("--name", help="this screen's name, shown to the others "
                      "(default: this machine's name)")
    return p


COMMANDS: dict[str, str] = {
    "play": "wargame.cli.play:command",
    "validate": "wargame.cli.headless:cmd_validate",
    "replay": "wargame.cli.headless:cmd_replay",
    "run": "wargame.cli.headless:cmd_run",
    "simulate": "wargame.cli.simulate:command",
    "lint": "wargame.cli.lint:command",
    "report": "wargame.cli.report:command",
    "serve": "wargame.cli.serve:command",
    "host": "wargame.cli.host:command",
    "join": "wargame.cli.join:command",
}


def _handler(name: str) -> Callable[[argparse.Namespace], int]:
    module, _, func = COMMANDS[name].partition(":")
    return getattr(import_module(module), func)  # type: ignore[no-any-return]


def _implied_play(argv: list[str]) -> bool:
    """`wargame --load x.toml`, `wargame mine.toml`: the game is the default command.

    Only options (other than help and version), scenario files and bundled
    scenario ids imply it; any other word stays a command, so a mistyped one
    is reported as such.
    """
    if not argv:
        return True
    first = argv[0]
    if first.startswith("-"):
        return first not in ("-h", "--help", "--version")
    if first in COMMANDS:
        return False
    if first.endswith(".toml") or "/" in first:
        return True
    from wargame.paths import bundled_path

    return bundled_path(first) is not None


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(["play", *words] if _implied_play(words) else words)
    try:
        code = _handler(args.command)(args)
        sys.stdout.flush()  # here, so that a closed pipe is caught below
        return code
    except WargameError as exc:
        # A message may echo a name from a file or the command line: escaped,
        # line by line (a scenario's problems are one a line).
        lines = str(exc).splitlines() or [""]
        sys.stderr.write("".join(f"wargame {args.command}: {shown(line)}\n" for line in lines))
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `wargame run --json | head`: the reader has all it wanted. Python would
        # print a traceback when it flushes stdout at exit; give it nowhere to write.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return BROKEN_PIPE


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
