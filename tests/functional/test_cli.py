"""The command line as users script it: output and exit codes (DESIGN.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wargame.cli.main import main

ROOT = Path(__file__).resolve().parent.parent.parent
MINI = str(ROOT / "tests" / "data" / "mini.toml")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wargame", *args], capture_output=True,
                          text=True, cwd=ROOT, stdin=subprocess.DEVNULL, timeout=120)


def test_validate_clean_and_broken(capsys):
    assert main(["validate", MINI, "scenarios/january_2022.toml"]) == 0
    assert "ok" in capsys.readouterr().out
    bad = str(ROOT / "tests/data/bad/many_problems.toml")
    assert main(["validate", MINI, bad]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith(bad) for line in err)


def test_run_prints_a_transcript_with_dates_venues_and_an_ending(capsys):
    assert main(["run", "january_2022", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "10 Jan 2022 · Geneva" in out and "12 Jan 2022 · Brussels" in out
    assert "ENDING:" in out and "Tension" in out


def test_run_json_has_the_final_state(capsys):
    assert main(["run", MINI, "--seed", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["final"]["ending"] in {"war", "deal_done", "stalemate"}
    assert set(data["final"]["values"]) == {"tension", "cohesion", "deal"}
    assert data["turns"][0]["news"][0]["changes"]


def test_run_save_then_replay_check_round_trip(tmp_path, capsys):
    save = tmp_path / "game.toml"
    assert main(["run", "january_2022", "--seed", "5", "--save", str(save)]) == 0
    first = capsys.readouterr().out
    assert main(["replay", str(save)]) == 0
    assert capsys.readouterr().out == first


def test_replay_check_fails_with_exit_1_on_a_wrong_expectation(tmp_path):
    script = (ROOT / "tests/replays/mini_war.toml").read_text()
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(script.replace("tension = 100", "tension = 99").replace(
        '"../data/mini.toml"', f'"{MINI}"'))
    result = run_cli("replay", str(wrong), "--check")
    assert result.returncode == 1
    assert "expect.tension: expected 99, got 100" in result.stdout


def test_replay_auto_plays_open_seats_to_an_ending(capsys):
    script = str(ROOT / "tests/replays/mini_waiting.toml")
    assert main(["replay", script, "--auto", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["final"]["ending"] is not None and data["final"]["waiting"] is None


@pytest.mark.parametrize("args, needle", [
    (["validate", "nope.toml"], "nope.toml: no such file"),
    (["run", "nonesuch"], "nonesuch"),
    (["run", "january_2022", "--policy", "reckless"], "unknown AI doctrine 'reckless'"),
    (["run", "january_2022", "--seed", "x"], "--seed"),
    (["replay", "tests/data/mini.toml"], "this is a scenario file, not a save"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_message_and_no_traceback(args, needle):
    result = run_cli(*args)
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("args, needle", [
    # The game is the default command: its options and a scenario work without "play".
    (["--seed", "x"], "wargame play: argument --seed"),
    (["--load", "no-such-save.toml"], "wargame play: no-such-save.toml: no such file"),
    (["no-such-scenario.toml"], "wargame play: no-such-scenario.toml: no such file"),
    (["january_2022", "--seats", "martians"], "wargame play: unknown seat 'martians'"),
    # A word that is neither a command nor a scenario stays a mistyped command.
    (["simulat", "x"], "invalid choice: 'simulat'"),
])
def test_wargame_alone_takes_the_games_options(args, needle):
    result = run_cli(*args)
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["run", MINI, "--json"], ["run", "january_2022"],
                                  ["validate", MINI]])
def test_a_reader_that_goes_away_ends_the_command_quietly(args):
    """`wargame run --json | head`: the reader closed the pipe; no traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        result = subprocess.run([sys.executable, "-m", "wargame", *args], stdout=write_end,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT,
                                stdin=subprocess.DEVNULL, timeout=120)
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 141
