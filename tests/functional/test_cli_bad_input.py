"""Every command, given bad input, exits 2 with one message that names the file.

Missing files, broken TOML, wrong flags, unknown doctrines and seats, corrupt
saves: a facilitator who mistypes gets one line that says what and where,
never a traceback. The commands run as users run them (``python -m wargame``),
all at once in a thread pool, since each one is mostly interpreter start-up.
"""

from __future__ import annotations

import os
import re
import socket
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from wargame.engine.game import Game
from wargame.saves.files import write_save
from wargame.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]
MINI = str(ROOT / "tests" / "data" / "mini.toml")
BAD = str(ROOT / "tests" / "data" / "bad")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# (command line, what the one message must contain); {dir} is the case folder.
CASES: dict[str, tuple[list[str], str]] = {
    "play missing": (["play", "{dir}/missing.toml"], "{dir}/missing.toml: no such file"),
    "play broken": (["play", "{dir}/broken.toml"], "{dir}/broken.toml: TOML syntax error"),
    "play unknown seat": (["play", MINI, "--seats", "nobody"], "unknown seat 'nobody'"),
    "play seat twice": (["play", MINI, "--seats", "east,east"], "a seat is named twice"),
    "play unknown doctrine": (["play", MINI, "--policy", "reckless"],
                              "unknown AI doctrine 'reckless'"),
    "play load missing": (["play", "--load", "{dir}/missing.toml"],
                          "{dir}/missing.toml: no such file"),
    "play load corrupt": (["play", "--load", "{dir}/corrupt.toml"],
                          "{dir}/corrupt.toml: the save is incomplete"),
    "play load broken": (["play", "--load", "{dir}/broken.toml"], "{dir}/broken.toml"),
    "play load a scenario": (["play", "--load", MINI], "this is a scenario file, not a save"),
    "play wrong flag": (["play", "--frobnicate"], "unrecognized arguments: --frobnicate"),
    "play negative seed": (["play", "--seed", "-1"], "--seed: '-1' is negative"),
    "play wrong mode": (["play", MINI, "--mode", "x"], "--mode: invalid choice"),
    "validate missing": (["validate", "{dir}/missing.toml"], "{dir}/missing.toml: no such file"),
    "validate broken": (["validate", "{dir}/broken.toml"], "{dir}/broken.toml: TOML syntax"),
    "validate a save": (["validate", "{dir}/good.toml"], "this is a save or replay script"),
    "run a save": (["run", "{dir}/good.toml"], "this is a save or replay script"),
    "validate nothing": (["validate"], "required: FILE"),
    "replay missing": (["replay", "{dir}/missing.toml"], "{dir}/missing.toml: no such file"),
    "replay broken": (["replay", "{dir}/broken.toml"], "{dir}/broken.toml: TOML syntax"),
    "replay corrupt": (["replay", "{dir}/corrupt.toml"], "{dir}/corrupt.toml: the save is"),
    "replay future": (["replay", "{dir}/future.toml"], "unsupported save format 2"),
    "replay bad log": (["replay", "{dir}/badlog.toml"], "unknown option 'warm'"),
    "replay wrong flag": (["replay", "{dir}/good.toml", "--frob"], "unrecognized arguments"),
    "run missing": (["run", "{dir}/missing.toml"], "{dir}/missing.toml: no such file"),
    "run broken": (["run", "{dir}/broken.toml"], "{dir}/broken.toml: TOML syntax error"),
    "run unknown doctrine": (["run", MINI, "--policy", "reckless"], "'reckless'"),
    "run doctrine of unknown actor": (["run", MINI, "--policy", "nobody=standard"],
                                      "unknown actor 'nobody'"),
    "run half a policy": (["run", MINI, "--policy", "east="], "not actor=doctrine"),
    "run seed not a number": (["run", MINI, "--seed", "x"], "--seed: 'x' is not a whole"),
    "run save into a file": (["run", MINI, "--save", "{dir}/afile/x.toml"],
                             "{dir}/afile/x.toml: cannot write the save"),
    "run name too long": (["run", "a" * 5000], "no such file, and no bundled scenario"),
    "simulate missing": (["simulate", "{dir}/missing.toml", "--runs", "3"],
                         "{dir}/missing.toml: no such file"),
    "simulate broken": (["simulate", "{dir}/broken.toml", "--runs", "3"], "{dir}/broken.toml"),
    "simulate no runs": (["simulate", MINI], "required: --runs"),
    "simulate zero runs": (["simulate", MINI, "--runs", "0"], "--runs: must be at least 1"),
    "simulate zero jobs": (["simulate", MINI, "--runs", "3", "--jobs", "0"], "--jobs"),
    "simulate unknown doctrine": (["simulate", MINI, "--runs", "3", "--policy", "reckless"],
                                  "unknown AI doctrine 'reckless'"),
    "lint missing": (["lint", "{dir}/missing.toml"], "{dir}/missing.toml: no such file"),
    "lint broken": (["lint", "{dir}/broken.toml"], "{dir}/broken.toml: TOML syntax error"),
    "lint runs not a number": (["lint", MINI, "--runs", "x"], "--runs: 'x' is not a whole"),
    "report missing": (["report", "{dir}/missing.toml"], "{dir}/missing.toml: no such file"),
    "report corrupt": (["report", "{dir}/corrupt.toml"], "{dir}/corrupt.toml: the save is"),
    "report a scenario": (["report", MINI], "this is a scenario file, not a save"),
    "report wrong format": (["report", "{dir}/good.toml", "--format", "pdf"],
                            "--format: invalid choice"),
    "report into a file": (["report", "{dir}/good.toml", "--runs", "0", "-o",
                            "{dir}/afile/r.md"], "{dir}/afile/r.md"),
    "serve port not a number": (["serve", "--port", "x"], "--port: 'x' is not a whole"),
    "serve port out of range": (["serve", "--port", "70000"], "'70000' is not a port"),
    "serve port in use": (["serve", "--port", "{busy}"], "address already in use"),
    "validate escape in a title": (["validate", f"{BAD}/control_escape_in_title.toml"],
                                   "title: holds the control character \\x1b"),
    "run escape in a name": (["run", f"{BAD}/control_c1_in_name.toml"],
                             "name: holds the control character \\x9b"),
    "replay escape in a note": (["replay", "{dir}/escape_note.toml"],
                                "log[0].note: holds the control character \\x1b"),
    "report escape in a team": (["report", "{dir}/escape_team.toml"],
                                "teams: holds the control character \\x1b"),
    "run escape in a flag, echoed": (["run", MINI, "--policy", "x\x1b[2J=standard"],
                                     "unknown actor 'x\\x1b[2J'"),
    "play escape in a seat, echoed": (["play", MINI, "--seats", "\x1b]52;c;eA==\x07"],
                                      "unknown seat '\\x1b]52;c;eA==\\x07'"),
    # Files are files: a FIFO, a device or a folder is refused at once, never waited on.
    "validate a FIFO": (["validate", "{dir}/pipe.toml"],
                        "{dir}/pipe.toml: is a FIFO (named pipe), not a file"),
    "run a FIFO": (["run", "{dir}/pipe.toml"], "{dir}/pipe.toml: is a FIFO"),
    "lint a FIFO": (["lint", "{dir}/pipe.toml"], "{dir}/pipe.toml: is a FIFO"),
    "simulate a FIFO": (["simulate", "{dir}/pipe.toml", "--runs", "3"], "pipe.toml: is a FIFO"),
    "play a FIFO": (["play", "{dir}/pipe.toml"], "{dir}/pipe.toml: is a FIFO"),
    "play load a FIFO": (["play", "--load", "{dir}/pipe.toml"], "{dir}/pipe.toml: is a FIFO"),
    "replay a FIFO": (["replay", "{dir}/pipe.toml"], "{dir}/pipe.toml: is a FIFO"),
    "report a FIFO": (["report", "{dir}/pipe.toml"], "{dir}/pipe.toml: is a FIFO"),
    "validate a device": (["validate", "/dev/zero"], "/dev/zero: is a device, not a file"),
    "validate a folder": (["validate", "{dir}/folder.toml"], "folder.toml: is a folder, not a"),
    "replay scenario_file a FIFO": (["replay", "{dir}/sf_pipe.toml"],
                                    "{dir}/sf_pipe.toml: scenario_file: {dir}/pipe.toml is a "
                                    "FIFO (named pipe), not a scenario file"),
    "replay scenario_file a device": (["replay", "{dir}/sf_tty.toml"],
                                      "{dir}/sf_tty.toml: scenario_file: /dev/tty is not a "
                                      ".toml file"),
    "replay scenario_file /etc/passwd": (["replay", "{dir}/sf_passwd.toml"],
                                         "{dir}/sf_passwd.toml: scenario_file: /etc/passwd "
                                         "is not a .toml file"),
    "report scenario_file /proc": (["report", "{dir}/sf_proc.toml"],
                                   "{dir}/sf_proc.toml: scenario_file: /proc/self/environ is "
                                   "not a .toml file"),
    "replay scenario_file missing": (["replay", "{dir}/sf_gone.toml"],
                                     "{dir}/sf_gone.toml: scenario_file: no scenario file "
                                     "(tried {dir}/gone.toml) and no bundled scenario 'nope'"),
    "replay scenario_file broken": (["replay", "{dir}/sf_broken.toml"],
                                    "{dir}/sf_broken.toml: scenario_file: its scenario does "
                                    "not load: {dir}/broken.toml: TOML syntax error"),
    "run save onto a symlink": (["run", MINI, "--save", "{dir}/link.toml"],
                                "{dir}/link.toml: cannot write the save: a symbolic link is "
                                "there, not a regular file; it is left as it is"),
    "run save onto a FIFO": (["run", MINI, "--save", "{dir}/pipe.toml"],
                             "cannot write the save: a FIFO (named pipe) is there"),
    "report onto a FIFO": (["report", "{dir}/good.toml", "--runs", "0", "-o", "{dir}/pipe.md"],
                           "{dir}/pipe.md: cannot write the report: a FIFO (named pipe) is"),
    "unknown command": (["nonesuch"], "invalid choice: 'nonesuch'"),
    "unknown flag": (["--frobnicate"], "unrecognized arguments: --frobnicate"),
}


def _files(folder: Path) -> None:
    """The bad (and one good) inputs the cases name."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.toml").write_text("format = 1\n[scenario\n", encoding="utf-8")
    (folder / "afile").write_text("a file where a folder is expected", encoding="utf-8")
    game = Game.new(load_scenario(MINI), 5, ("west",)).decide("warn")
    good = write_save(game, folder / "good.toml").read_text(encoding="utf-8")
    (folder / "corrupt.toml").write_text(good[: len(good) // 2], encoding="utf-8")
    (folder / "future.toml").write_text(good.replace("format = 1", "format = 2"), "utf-8")
    (folder / "badlog.toml").write_text(good.replace('"warn"', '"warm"'), encoding="utf-8")
    game = Game.new(load_scenario(MINI), 5, ("west",)).decide("warn", "calm")
    good = write_save(game, folder / "noted.toml").read_text(encoding="utf-8")
    (folder / "noted.toml").unlink()
    (folder / "escape_note.toml").write_text(good.replace('"calm"', '"\\u001b[2Jcalm"'), "utf-8")
    (folder / "escape_team.toml").write_text(good.replace(
        "seed = 5", 'seed = 5\nteams = { "a\\u001b]0;x\\u0007" = ["west"] }'), "utf-8")
    os.mkfifo(folder / "pipe.toml")
    os.mkfifo(folder / "pipe.md")
    (folder / "folder.toml").mkdir()
    (folder / "target.toml").write_text("a user's file, linked to", encoding="utf-8")
    (folder / "link.toml").symlink_to(folder / "target.toml")
    line = re.compile(r"^scenario_file = .*$", re.M)
    for name, where in (("pipe", "pipe.toml"), ("tty", "/dev/tty"), ("passwd", "/etc/passwd"),
                        ("proc", "/proc/self/environ"), ("gone", "gone.toml"),
                        ("broken", "broken.toml")):
        text = line.sub(f'scenario_file = "{where}"', good)
        if name == "gone":
            text = text.replace('scenario = "mini"', 'scenario = "nope"')
        (folder / f"sf_{name}.toml").write_text(text, encoding="utf-8")


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "wargame", *args], capture_output=True,
                          text=True, cwd=cwd, stdin=subprocess.DEVNULL, timeout=60, env=env)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    _files(folder)
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    fill = {"dir": str(folder), "busy": str(busy.getsockname()[1])}
    jobs = {name: [a.format(**fill) for a in args] for name, (args, _) in CASES.items()}
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            done = {name: pool.submit(_run, args, folder) for name, args in jobs.items()}
            out = {name: (future.result(), fill) for name, future in done.items()}
    finally:
        busy.close()
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    out["files"] = (before, after)  # type: ignore[assignment]
    out["files and folder"] = str(folder)  # type: ignore[assignment]
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_exits_2_with_one_message_and_no_traceback(case, results):
    result, fill = results[case]
    needle = CASES[case][1].format(**fill)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert len(lines) == 1, result.stderr
    assert needle in lines[0]
    # Whatever the file or the command line held, the terminal gets no control
    # character: the message shows it escaped.
    assert not CONTROL.search(result.stderr.replace("\n", ""))
    if case != "serve port in use":  # the server prints its banner before it binds
        assert result.stdout == ""


def test_bad_input_leaves_every_file_as_it_was(results):
    before, after = results["files"]
    assert after == before
    folder = Path(results["files and folder"])
    # What is no regular file was neither replaced nor written through.
    assert (folder / "link.toml").is_symlink()
    assert (folder / "target.toml").read_text("utf-8") == "a user's file, linked to"
    assert stat.S_ISFIFO((folder / "pipe.toml").lstat().st_mode)
    assert stat.S_ISFIFO((folder / "pipe.md").lstat().st_mode)
