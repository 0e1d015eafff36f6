"""The command line: parse arguments, call the core, turn errors into exit codes.

Exit codes: 0 success; 1 a check failed; 2 bad input (one message on stderr
naming the file and the key, no traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any, NoReturn

from wargame import __version__
from wargame.errors import ScenarioError, UsageError, WargameError

OK, CHECK_FAILED, BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see '{self.prog} --help')\n")
        raise SystemExit(BAD_INPUT)


def parse_policy(text: str | None) -> str | dict[str, str] | None:
    """``hawk`` for every AI actor, or ``russia=hawk,us=dove`` per actor."""
    if text is None:
        return None
    if "=" not in text:
        return text.strip()
    out = {}
    for part in text.split(","):
        actor, sep, policy = part.partition("=")
        if not sep or not actor.strip() or not policy.strip():
            raise UsageError(f"--policy: '{part}' is not actor=doctrine")
        out[actor.strip()] = policy.strip()
    return out


def parse_seats(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(s.strip() for s in text.split(",") if s.strip())


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
    serve.add_argument("--saves", metavar="DIR")
    return p


COMMANDS: dict[str, str] = {
    "play": "wargame.tui.launch:command",
    "validate": "wargame.cli:cmd_validate",
    "replay": "wargame.cli:cmd_replay",
    "run": "wargame.cli:cmd_run",
    "simulate": "wargame.simulate:command",
    "lint": "wargame.lint:command",
    "report": "wargame.report:command",
    "serve": "wargame.tui.serve:command",
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
        return _handler(args.command)(args)
    except WargameError as exc:
        sys.stderr.write(f"wargame {args.command}: {exc}\n")
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


# -- headless commands -------------------------------------------------------

def cmd_validate(args: argparse.Namespace) -> int:
    from wargame.loader import load_scenario, resolve_scenario

    status = OK
    for name in args.files:
        try:
            sc = load_scenario(resolve_scenario(name))
        except ScenarioError as exc:
            for problem in exc.problems:
                sys.stderr.write(f"{problem}\n")
            status = BAD_INPUT
        else:
            print(f"{name}: ok ({sc.id}: {len(sc.turns)} turns, {len(sc.actors)} actors, "
                  f"{len(sc.options)} options, {len(sc.events)} events, "
                  f"{len(sc.endings)} endings)")
    return status


def cmd_run(args: argparse.Namespace) -> int:
    from wargame import transcript
    from wargame.game import Game, GameError
    from wargame.loader import find_scenario
    from wargame.saves import write_save

    sc = find_scenario(args.scenario)
    try:
        game = Game.new(sc, args.seed, (), parse_policy(args.policy), auto=True)
    except GameError as exc:
        raise UsageError(f"--policy: {exc}") from exc
    if args.save:
        write_save(game, args.save)
    if args.json:
        emit_json(transcript.data(game))
    else:
        print(transcript.text(game))
    return OK


def cmd_replay(args: argparse.Namespace) -> int:
    from wargame import expect, transcript
    from wargame.saves import load_game

    loaded = load_game(args.file, auto=args.auto)
    for warning in loaded.warnings:
        sys.stderr.write(f"warning: {warning}\n")
    game = loaded.game
    failures = expect.check(game, loaded.file.expect) if args.check else []
    if args.json:
        out = transcript.data(game)
        out["check"] = {"expect": dict(loaded.file.expect), "failures": failures} \
            if args.check else None
        emit_json(out)
    else:
        print(transcript.text(game))
        if args.check:
            print()
            for line in failures:
                print(f"FAIL {args.file}: {line}")
            if not failures:
                print(f"{args.file}: all {len(loaded.file.expect)} expectations hold")
    return CHECK_FAILED if failures else OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
