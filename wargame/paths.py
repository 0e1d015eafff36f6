"""Where scenarios and saves live. Light on purpose: the title's first frame needs it."""

from __future__ import annotations

import os
from pathlib import Path

AUTOSAVE = "autosave"
"""The name of the game's own save after every turn; a named save may not take it."""


def bundled_dir() -> Path:
    """Folder of the bundled scenarios: inside the installed package, or the checkout's."""
    here = Path(__file__).resolve().parent
    inside = here / "scenarios"
    if inside.is_dir():
        return inside
    return here.parent / "scenarios"


def scenario_dirs() -> list[Path]:
    """Where scenarios are looked for: bundled first, then ./scenarios."""
    dirs = [bundled_dir()]
    local = Path.cwd() / "scenarios"
    if local.is_dir() and local.resolve() != dirs[0].resolve():
        dirs.append(local)
    return dirs


def is_file(path: Path) -> bool:
    """Like ``Path.is_file``, but False for a name the system cannot even look up.

    ``Path.is_file`` raises OSError for a name that is too long (and for
    a folder it may not enter); a name from a save or the command line can be
    either, and is then simply not a file.
    """
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def bundled_path(scenario_id: str) -> Path | None:
    for folder in scenario_dirs():
        candidate = folder / f"{scenario_id}.toml"
        if is_file(candidate):
            return candidate
    return None


def saves_dir(override: str | Path | None = None) -> Path:
    """``--saves DIR``, else ``WARGAME_SAVES``, else ``./saves``."""
    if override:
        return Path(override)
    env = os.environ.get("WARGAME_SAVES")
    return Path(env) if env else Path.cwd() / "saves"


def autosave_path(folder: Path) -> Path:
    """The autosave's file in a saves folder."""
    return folder / f"{AUTOSAVE}.toml"
