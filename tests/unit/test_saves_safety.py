"""A facilitator's saves survive: bad files are refused untouched, names stay in
the folder, a read-only or full disk is a message, not a lost game, and what a
killed save leaves behind is cleared without touching anything else."""

from __future__ import annotations

import errno
import os
import re
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.engine.game import Game
from wargame.errors import SaveError, WargameError
from wargame.saves.files import END_MARK, list_saves, load_game, read_save, save_path, write_save
from wargame.saves.temp import TEMP_GRACE, TEMP_MAX_AGE, TEMP_RE, temp_tag

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def game(mini) -> Game:
    """A game in progress with a white-cell action and notes, waiting for 'west'."""
    return (Game.new(mini, 5, ("west",), "dove")
            .adjust("tension", -20, 'A "calming" call\nfrom the capital')
            .decide("warn", "Hold the line"))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- bad files are refused with a clear message and left as they were ---------

def _bad_files(good: bytes) -> dict[str, tuple[bytes, str]]:
    text = good.decode("utf-8")
    return {
        "cut_in_half": (good[: len(good) // 2], "the save is incomplete"),
        "cut_before_the_end": (text.replace(END_MARK, "").encode(), "the save is incomplete"),
        "cut_after_the_header": (b"\n".join(good.split(b"\n")[:6]), "the save is incomplete"),
        "empty": (b"", "is this a wargame save?"),
        "binary": (bytes(range(256)) * 4, "not UTF-8 text"),
        "utf16": ("format = 1".encode("utf-16"), "not UTF-8 text"),
        "syntax": (good.replace(b" = ", b" : ", 3), "TOML syntax error"),
        "foreign_toml": ((ROOT / "pyproject.toml").read_bytes(), "is this a wargame save?"),
        "a_scenario": ((ROOT / "tests" / "data" / "mini.toml").read_bytes(),
                       "this is a scenario file, not a save"),
        "future_format": (text.replace("format = 1", "format = 2").encode(),
                          "unsupported save format 2"),
        "unknown_option": (text.replace('"warn"', '"warm"').encode(), "unknown option 'warm'"),
        "format_float": (text.replace("format = 1", "format = 1.0").encode(),
                         "unsupported save format 1.0"),
        "negative_seed": (text.replace("seed = 5", "seed = -5").encode(),
                          "seed: -5 is negative"),
        "escape_in_note": (text.replace("Hold the line", "Hold\\u001b[2Jthe line").encode(),
                           "log[1].note: holds the control character \\x1b"),
        "osc_in_team": (text.replace("seed = 5", 'seed = 5\nteams = { "a\\u001b]52;c;eA==\\u0007"'
                                     ' = ["west"] }').encode(),
                        "teams: holds the control character \\x1b"),
        "c1_in_meta": (text.replace("[meta]", '[meta]\nx = "\\u009b2J"').encode(),
                       "meta.x: holds the control character \\x9b"),
        "forecast_option_and_offer": (_forecast(text, 'option = "mass", offer = true'),
                                      "log[1].forecast[0].offer: a forecast expects an "
                                      "option or an offer, not both"),
        "forecast_offer_without_talks": (_forecast(text, "offer = true"),
                                         "log[1] (turn 'one'): forecast about 'east': an "
                                         "offer cannot be expected in turn 'one', which "
                                         "opens no track for offers"),
        "forecast_offer_not_true": (_forecast(text, "offer = false"),
                                    "log[1].forecast[0].offer: must be true"),
        "forecast_offer_mark_as_option": (_forecast(text, 'option = ":offer"'),
                                          "log[1].forecast[0].option: ':offer' is not an "
                                          "option id"),
        "forecast_on_an_adjustment": (
            text.replace("by = -20", 'by = -20\nforecast = [{ actor = "east" }]').encode(),
            "log[0] (turn 'one'): only a seat's decision (an option or an offer) has a "
            "forecast"),
        "forecast_on_a_pass": (
            text.replace("pass = true", 'pass = true\nforecast = [{ actor = "west" }]').encode(),
            "log[2] (turn 'one'): only a seat's decision (an option or an offer) has a "
            "forecast"),
    }


REPLAYED = {"unknown_option", "forecast_offer_without_talks"}
"""Cases that read fine and fail only when the log is replayed (the log no longer applies)."""


def _forecast(text: str, expects: str) -> bytes:
    """The save with the West's decision forecasting the East: ``expects`` and a confidence."""
    return text.replace('option = "warn"', f'option = "warn"\nforecast = [{{ actor = "east", '
                        f'{expects}, confidence = 0.5 }}]').encode()


@pytest.mark.parametrize("case", list(_bad_files(b"format = 1\n" + END_MARK.encode())))
def test_a_bad_save_is_refused_with_a_clear_message_and_left_untouched(case, game, tmp_path):
    good = write_save(game, tmp_path / "good.toml").read_bytes()
    data, message = _bad_files(good)[case]
    path = tmp_path / f"{case}.toml"
    path.write_bytes(data)
    stat = path.stat()
    # a log that no longer applies reads fine and fails only when replayed
    for load in (load_game,) if case in REPLAYED else (read_save, load_game):
        with pytest.raises(WargameError) as err:
            load(path)
        assert message in str(err.value)
        assert str(path) in str(err.value)
    # Refusing the file did not repair, rename or rewrite it.
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    # and saving another game beside it leaves it alone too
    write_save(game.undo(), tmp_path / "other.toml")
    assert path.read_bytes() == data


def test_a_folder_where_a_save_belongs_is_refused(tmp_path):
    with pytest.raises(SaveError, match="is a folder, not a file"):
        load_game(tmp_path)


def _special(kind: str, path: Path) -> Path:
    """A FIFO, a character device (the null device, as root only) or a folder at ``path``."""
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device needs root")
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    else:
        path.mkdir()
    return path


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_fifo_device_or_folder_where_a_save_belongs_is_refused_at_once(kind, tmp_path):
    path = _special(kind, tmp_path / "odd.toml")
    start = time.monotonic()
    for load in (read_save, load_game):
        with pytest.raises(SaveError, match=r"odd\.toml: is a (FIFO|device|folder)"):
            load(path)
    assert time.monotonic() - start < 5  # refused, not waited on
    assert [p.name for p in list_saves(tmp_path)] == ["odd.toml"]  # listed, never opened


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device", "folder"])
def test_a_save_never_replaces_what_is_not_a_regular_file(kind, game, tmp_path):
    target = tmp_path / "mine.toml"
    if kind == "symlink":
        (tmp_path / "elsewhere.toml").write_text("kept")
        target.symlink_to(tmp_path / "elsewhere.toml")
    else:
        _special(kind, target)
    before = target.lstat()
    with pytest.raises(SaveError, match="cannot write the save: a .* is there, not a regular "
                                        "file; it is left as it is"):
        write_save(game, target)
    after = target.lstat()
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    if kind == "symlink":
        assert (tmp_path / "elsewhere.toml").read_text() == "kept"


@pytest.mark.parametrize("where, message", [
    ("/etc/passwd", "scenario_file: /etc/passwd is not a .toml file"),
    ("/proc/self/environ", "scenario_file: /proc/self/environ is not a .toml file"),
    ("/dev/tty", "scenario_file: /dev/tty is not a .toml file"),
    ("pipe.toml", "pipe.toml is a FIFO (named pipe), not a scenario file"),
    ("folder.toml", "folder.toml is a folder, not a scenario file"),
    ("gone.toml", "scenario_file: no scenario file (tried {dir}/gone.toml) and no bundled "
                  "scenario 'nope'"),
    ("broken.toml", "scenario_file: its scenario does not load: {dir}/broken.toml: TOML syntax"),
])
def test_a_saves_scenario_file_is_read_only_when_it_is_a_toml_file(where, message, game,
                                                                   tmp_path):
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "folder.toml").mkdir()
    (tmp_path / "broken.toml").write_text("format = 1\n[scenario\n")
    text = write_save(game, tmp_path / "good.toml").read_text()
    text = re.sub(r"^scenario_file = .*$", f'scenario_file = "{where}"', text, flags=re.M)
    if where == "gone.toml":
        text = text.replace('scenario = "mini"', 'scenario = "nope"')
    save = tmp_path / "hostile.toml"
    save.write_text(text)
    with pytest.raises(SaveError) as err:
        load_game(save)
    assert str(err.value).startswith(f"{save}: ")  # the save is named first
    assert message.format(dir=tmp_path) in str(err.value)


def test_a_complete_save_without_its_last_newline_still_loads(game, tmp_path):
    path = write_save(game, tmp_path / "g.toml")
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    assert load_game(path).game.state == game.state


def test_a_hand_written_script_needs_no_end_mark(tmp_path):
    script = tmp_path / "script.toml"
    script.write_text('format = 1\nscenario = "mini"\nscenario_file = "'
                      f'{(ROOT / "tests" / "data" / "mini.toml").as_posix()}"\nseed = 5\n'
                      'seats = ["west"]\n', encoding="utf-8")
    assert load_game(script).game.waiting.actor == "west"


# -- names cannot leave the folder ---------------------------------------------

@pytest.mark.parametrize("name", [
    "..", "../escape", "../../etc/passwd", "/etc/passwd", "/tmp/x", "a/../../b", "sub/x",
    "C:\\Windows\\x", "..\\x", "a\x00b", "\x00", "", ".", ".hidden", " lead", "-rf",
    "nul", "CON", "com1.toml", "Lpt9.x", "aux", "x" * 81, "é", "tab\there", "new\nline",
    "autosave", "Autosave.toml",
])
def test_a_save_name_that_could_escape_or_clash_is_refused(name, tmp_path):
    with pytest.raises(SaveError) as err:
        save_path(name, tmp_path)
    assert "name" in str(err.value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=90) | st.from_regex(r"[./\\a-zA-Z0-9 ]{0,12}", fullmatch=True))
def test_any_save_name_gives_a_refusal_or_a_file_directly_in_the_folder(name):
    folder = Path("/nonexistent/saves")
    try:
        path = save_path(name, folder)
    except SaveError:
        return
    assert path.parent == folder
    assert path.suffix == ".toml"
    assert not path.name.startswith(".")
    assert os.path.normpath(path) == str(path)  # no '..' or '.' left to resolve


# -- a read-only or full disk is a message, and the game goes on ----------------

def test_a_saves_folder_that_is_a_file_gives_a_message(game, tmp_path):
    blocker = tmp_path / "saves"
    blocker.write_text("not a folder")
    with pytest.raises(SaveError, match="cannot write the save"):
        write_save(game, save_path("turn one", blocker))
    assert blocker.read_text() == "not a folder"


def test_a_read_only_folder_gives_a_message_and_keeps_the_old_save(game, tmp_path,
                                                                    monkeypatch):
    path = write_save(game, tmp_path / "mine.toml")
    before = snapshot(tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    # root ignores chmod, so the refusal comes from where a temporary file is made
    monkeypatch.setattr("wargame.tomlio._open_temp", refuse)
    with pytest.raises(SaveError, match="cannot write the save: Permission denied"):
        write_save(game.undo(), path)
    assert snapshot(tmp_path) == before


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _fdopen_on_a_full_disk(fd, *args, **kwargs):
    # The temporary file's writes go to /dev/full, which answers every write
    # with ENOSPC: the kernel's own "disk full", not a stand-in exception.
    os.close(fd)
    return open("/dev/full", *args, **kwargs)  # noqa: SIM115


@pytest.mark.parametrize("where", ["write", "os.fsync", "os.replace"])
def test_a_full_disk_gives_a_message_keeps_the_old_save_and_leaves_no_litter(
        where, game, tmp_path, monkeypatch):
    path = write_save(game, tmp_path / "mine.toml")
    before = snapshot(tmp_path)
    if where == "write":
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full here")
        monkeypatch.setattr("os.fdopen", _fdopen_on_a_full_disk)
    else:
        monkeypatch.setattr(where, _no_space)
    with pytest.raises(SaveError, match="No space left on device"):
        write_save(game.undo(), path)
    monkeypatch.undo()
    assert snapshot(tmp_path) == before  # no half file, no temporary file
    # The game goes on: the next decision is made and saved once there is room.
    later = game.decide(game.waiting.options[0].id)
    write_save(later, path)
    assert load_game(path).game.state == later.state


def test_a_failed_save_does_not_lose_the_first_save_in_a_new_folder(game, tmp_path,
                                                                     monkeypatch):
    folder = tmp_path / "new" / "saves"
    monkeypatch.setattr("os.fsync", _no_space)
    with pytest.raises(SaveError):
        write_save(game, folder / "first.toml")
    assert list(folder.iterdir()) == []


# -- permissions survive a save ---------------------------------------------------

def test_a_new_save_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(game,
                                                                                tmp_path):
    mask = os.umask(0)
    os.umask(mask)
    fresh = write_save(game, tmp_path / "fresh.toml")
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~mask  # not the temporary file's 0600
    shared = write_save(game, tmp_path / "shared.toml")
    shared.chmod(0o664)  # a seminar folder the white cell's team can write
    write_save(game.undo(), shared)
    assert shared.stat().st_mode & 0o777 == 0o664


# -- leftovers of killed saves are cleared, and nothing else is ------------------

def _gone_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _leftover(folder: Path, save: str, pid: int, age: float, host: str = "") -> Path:
    """A temporary file as a writer killed ``age`` seconds ago leaves it."""
    tag = f"{host}-{pid}." if host else temp_tag().replace(str(os.getpid()), str(pid))
    path = folder / f".{save}.{tag}k3x_9q2a.tmp"
    path.write_text("format = 1\n# half a sa")
    when = time.time() - age
    os.utime(path, (when, when))
    return path


def _age(path: Path, seconds: float) -> None:
    when = time.time() - seconds
    os.utime(path, (when, when), follow_symlinks=False)


def test_the_next_save_clears_what_a_killed_writer_left_and_nothing_else(game, tmp_path):
    mine = write_save(game, tmp_path / "mine.toml")
    gone = _leftover(tmp_path, "mine.toml", _gone_pid(), TEMP_GRACE + 1)
    other = _leftover(tmp_path, "other.toml", _gone_pid(), TEMP_MAX_AGE + 60)
    # A user's files that look a little like ours, a day old: all stay.
    look_alikes = [".notes.tmp", ".mine.toml.tmp", ".mine.toml.k3x_9q2a.tmp", "mine.toml.tmp",
                   f".mine.toml.{temp_tag()}k3x_9q2a.tmp.bak", f"mine.toml.{temp_tag()}ab.tmp",
                   f".mine.toml.{temp_tag()}k3x_9q2a.TMP", ".mine.txt.0bbfd16a-1.k3x_9q2a.tmp"]
    for name in look_alikes:
        (tmp_path / name).write_text("mine, not the game's")
        _age(tmp_path / name, 86400)
    # Named like ours but not a regular file: a folder, and a link to a real save.
    odd_dir = tmp_path / f".mine.toml.{temp_tag()}dirdirdi.tmp"
    odd_dir.mkdir()
    link = tmp_path / f".mine.toml.{temp_tag()}linklink.tmp"
    link.symlink_to(mine)
    for path in (odd_dir, link):
        _age(path, 86400)
    write_save(game.undo(), tmp_path / "later.toml")
    assert not gone.exists() and not other.exists()
    assert all((tmp_path / name).read_text() == "mine, not the game's" for name in look_alikes)
    assert odd_dir.is_dir() and link.is_symlink()
    assert load_game(mine).game.state == game.state
    assert load_game(tmp_path / "later.toml").game.state == game.undo().state


def test_listing_saves_clears_leftovers_and_lists_real_saves_newest_first(game, tmp_path):
    old = write_save(game, tmp_path / "old.toml")
    _age(old, 60)
    new = write_save(game.undo(), tmp_path / "new.toml")
    gone = _leftover(tmp_path, "new.toml", _gone_pid(), TEMP_GRACE + 1)
    assert list_saves(tmp_path) == [new, old]
    assert not gone.exists()
    assert list_saves(tmp_path / "missing") == []
    (tmp_path / "a file").write_text("not a folder")
    assert list_saves(tmp_path / "a file") == []


def test_a_leftover_that_a_running_save_may_still_finish_stays(game, tmp_path):
    """Our own pid or a live one, another machine's, or seconds old: each may be a
    save in flight, so each stays until it is older than any save could take."""
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        young = {
            "own": _leftover(tmp_path, "a.toml", os.getpid(), 60),
            "live": _leftover(tmp_path, "b.toml", live.pid, 60),
            "other host": _leftover(tmp_path, "c.toml", _gone_pid(), 60, host="ffffffff"),
            "just now": _leftover(tmp_path, "d.toml", _gone_pid(), 0),
        }
        list_saves(tmp_path)
        write_save(game, tmp_path / "e.toml")
        assert [name for name, path in young.items() if not path.exists()] == []
        for path in young.values():
            _age(path, TEMP_MAX_AGE + 1)
        list_saves(tmp_path)
        assert [name for name, path in young.items() if path.exists()] == []
    finally:
        live.kill()
        live.wait()
    assert load_game(tmp_path / "e.toml").game.state == game.state


def test_a_save_names_its_temporary_file_after_its_writer(game, tmp_path, monkeypatch):
    """A save killed between write and rename: its leftover names this process."""
    names = []

    def kill_before_rename(src, dst):
        names.append(Path(src).name)
        raise OSError(errno.EIO, "killed")

    monkeypatch.setattr("os.replace", kill_before_rename)
    with pytest.raises(SaveError):
        write_save(game, tmp_path / "mine.toml")
    match = TEMP_RE.match(names[0])
    assert match and match["save"] == "mine.toml" and int(match["pid"]) == os.getpid()
