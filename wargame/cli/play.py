"""``wargame play``: check the command line, then start the interface.

Every check that can fail (scenario, seats, doctrine, save) runs before the
UI starts, so bad input is one line on stderr and exit code 2. The one
exception is the bundled scenario when nothing else is asked for: it is no
user input, the title lists it from a glance at its file (catalog.peek) and
loads it in full right after the first frame.
"""

from __future__ import annotations

import argparse
import gc
from typing import TYPE_CHECKING

from wargame.cli.args import parse_policy, parse_seats
from wargame.paths import DEFAULT_SCENARIO, bundled_path, saves_dir
from wargame.scenario.catalog import peek
from wargame.tui.launch import Launch

if TYPE_CHECKING:
    from wargame.engine.setup import Mode



def prepare(args: argparse.Namespace) -> Launch:
    """Turn arguments into a Launch; raise WargameError for bad input."""
    saves = saves_dir(getattr(args, "saves", None))
    password = getattr(args, "facilitator_password", None) or ""
    mode: Mode = getattr(args, "mode", None) or "training"
    load = getattr(args, "load", None)
    if load:
        from wargame.saves.files import load_game

        loaded = load_game(load)
        mode = getattr(args, "mode", None) or loaded.file.mode or "training"
        return Launch(loaded.game.scenario, mode=mode, saves=saves, loaded=loaded,
                      password=password)
    name = getattr(args, "scenario", None)
    seed = getattr(args, "seed", None)
    seats = parse_seats(getattr(args, "seats", None))
    policy = parse_policy(getattr(args, "policy", None))
    if name is None and seats is None and policy is None:
        path = bundled_path(DEFAULT_SCENARIO)
        card = peek(path) if path is not None else None
        if card is not None:
            return Launch(card, seed, None, None, mode, saves, password=password)
    from wargame.scenario.load import find_scenario

    scenario = find_scenario(name or DEFAULT_SCENARIO)
    if seats is not None or policy is not None:  # the default seats and doctrine always fit
        from wargame.engine.game import check_policy, check_seats

        if seats is not None:
            check_seats(scenario, seats)
        check_policy(scenario, policy)
    return Launch(scenario, seed, seats, policy, mode, saves, password=password)


def command(args: argparse.Namespace) -> int:
    # Start-up builds a long-lived heap (scenario, widgets, styles) and frees
    # little: cyclic collections over it cost ~30 ms before the first frame.
    # The App turns the collector back on once its first screen is up.
    gc.disable()
    try:
        launch = prepare(args)
        # After the checks: bad input never waits for Textual.
        from wargame.tui.app import WargameApp

        app = WargameApp(launch)
        app.run()
    finally:
        gc.enable()
    # Non-zero when the app stopped on an error (Textual has printed it): a
    # crash is never a clean exit.
    return app.return_code or 0
