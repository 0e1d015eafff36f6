"""A crash in the middle of saving never costs a save.

A child process saves two games in turn, over and over, to the same file; the
test kills it with SIGKILL at a random moment, fifty times and more. After
every kill the file must be complete, load, and hold one of the two games;
the player's other saves must be untouched; what the kill leaves behind
(temporary files, named after the killed writer) must never be taken for a
save, and the next save or listing of the folder a few seconds later clears
it, leaving the user's own files alone.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wargame.engine.game import Game
from wargame.saves.files import list_saves, load_game, write_save
from wargame.saves.temp import TEMP_GRACE, TEMP_RE

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini.toml"


def _games(mini) -> tuple[Game, Game]:
    """Two different games: the old one and the new one a save may hold."""
    old = Game.new(mini, 5, ("west",), "dove").decide("warn", "old " + "x" * 2000)
    new = (Game.new(mini, 9, ("west",), "standard")
           .adjust("tension", -20, "new " + "y" * 4000).decide("offer", "why"))
    return old, new


def _saver(old: Game, new: Game, path: Path, ready: int) -> None:
    """The child: save the two games in turn until killed."""
    try:
        os.write(ready, b"r")
        while True:
            write_save(new, path)
            write_save(old, path)
    finally:
        os._exit(1)  # never return into pytest in the child


def _kill_while_saving(old: Game, new: Game, path: Path, rng: random.Random) -> int:
    read, ready = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        _saver(old, new, path, ready)
    os.close(ready)
    os.read(read, 1)
    os.close(read)
    time.sleep(rng.uniform(0, 0.03))
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return pid


def _check_folder(folder: Path, path: Path, logs: set, keep: dict[Path, bytes]) -> list[Path]:
    """Every save in the folder is whole and one of the two games, every file in
    ``keep`` (other saves, a user's files) is as it was; returns the litter."""
    saves = sorted(folder.glob("*.toml"))
    assert saves == sorted([path, *(p for p in keep if p.suffix == ".toml")])
    loaded = load_game(path)
    assert loaded.game.outcome.log in logs
    for other, data in keep.items():
        assert other.read_bytes() == data
    litter = [p for p in folder.iterdir() if p not in saves and p not in keep]
    for p in litter:  # only the atomic writer's temporary files, never a .toml
        assert p.name.startswith(f".{path.name}.") and p.suffix == ".tmp", p.name
    return litter


def _later(paths: list[Path]) -> None:
    """Move the clock on past the grace a leftover gets (see savetemp.TEMP_GRACE)."""
    when = time.time() - TEMP_GRACE - 1
    for p in paths:
        os.utime(p, (when, when))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_sigkill_in_the_middle_of_repeated_saves_leaves_a_whole_save(mini, tmp_path):
    old, new = _games(mini)
    folder = tmp_path / "saves"
    path = write_save(old, folder / "seminar.toml")
    other = write_save(new, folder / "yesterday.toml")
    keep = {other: other.read_bytes()}
    logs = {old.outcome.log, new.outcome.log}
    users = {".notes.tmp": b"a user's file", ".seminar.toml.tmp": b"another"}
    for name, data in users.items():
        (folder / name).write_bytes(data)
        keep[folder / name] = data
    rng = random.Random(2022)
    seen = set()
    killed: set[int] = set()
    litter: list[Path] = []
    for _ in range(60):
        killed.add(_kill_while_saving(old, new, path, rng))
        litter = _check_folder(folder, path, logs, keep)
        seen.add(load_game(path).game.outcome.log)
    # Both games were found after kills, so kills landed between saves of
    # each; temporary files left behind show kills inside a save too.
    assert seen == logs
    assert litter, "no kill landed inside a save"
    # Each leftover names the writer that was killed; a few seconds later,
    # listing the folder clears them all and leaves every real save whole.
    assert {int(TEMP_RE.match(p.name)["pid"]) for p in litter} <= killed
    _later(litter)
    assert set(list_saves(folder)) == {path, other}
    assert _check_folder(folder, path, logs, keep) == []
    # And after another round of kills, the next save clears them too.
    for _ in range(200):
        _kill_while_saving(old, new, path, rng)
        litter = _check_folder(folder, path, logs, keep)
        if len(litter) >= 2:
            break
    assert litter, "no kill landed inside a save"
    _later(litter)
    write_save(new, path)
    assert sorted(p for p in folder.iterdir() if p.suffix == ".tmp") == sorted(
        folder / n for n in users)
    assert load_game(path).game.outcome.log == new.outcome.log
    assert load_game(other).game.outcome.log == new.outcome.log


def test_a_killed_cli_run_leaves_the_previous_save_whole(tmp_path):
    """The same through the command line: `wargame run --save` killed at random."""
    target = tmp_path / "run.toml"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "wargame", "run", str(MINI), "--seed", "1",
           "--save", str(target)]
    subprocess.run(cmd, check=True, capture_output=True, env=env, timeout=60)
    first = load_game(target).game
    rng = random.Random(7)
    for seed in range(2, 8):
        cmd[5] = str(seed)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env)
        time.sleep(rng.uniform(0.05, 0.6))
        proc.kill()
        proc.wait(timeout=30)
        game = load_game(target).game
        assert game.over
        assert game.seed in range(1, seed + 1)
    assert first.seed == 1
    # Whatever the kills left, the next listing a few seconds later clears.
    _later([p for p in tmp_path.iterdir() if TEMP_RE.match(p.name)])
    assert list_saves(tmp_path) == [target]
    assert sorted(tmp_path.iterdir()) == [target]
