"""``validate``, ``run`` and ``replay``: the headless commands."""

from __future__ import annotations

import argparse
import sys

from wargame.cli.args import parse_policy
from wargame.cli.output import BAD_INPUT, CHECK_FAILED, OK, emit_json
from wargame.errors import ScenarioError, UsageError


def cmd_validate(args: argparse.Namespace) -> int:
    from wargame.scenario.load import load_scenario, resolve_scenario

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
                  f"{len(sc.endings)} endings"
                  + (f", {len(sc.terms)} terms, {len(sc.packages)} packages" if sc.terms else "")
                  + ")")
    return status


def cmd_run(args: argparse.Namespace) -> int:
    from wargame.engine.game import Game, GameError
    from wargame.report import transcript
    from wargame.saves.files import write_save
    from wargame.scenario.load import find_scenario

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
    from wargame.analysis import expect
    from wargame.report import transcript
    from wargame.saves.files import load_game

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
