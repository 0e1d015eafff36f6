"""The core imports no Textual: it must run headless, in simulations and reports."""

import subprocess
import sys
from pathlib import Path

import wargame

PACKAGE = Path(wargame.__file__).resolve().parent


def core_modules() -> list[str]:
    """Every module of the package outside ``wargame.tui``, found on disk."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[1:2] == ("tui",) or parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_list_of_core_modules_is_found_not_written():
    names = core_modules()
    assert "wargame.engine.rules" in names and "wargame.scenario.load" in names
    assert not any(name.startswith("wargame.tui") for name in names)
    assert len(names) > 30


def test_core_modules_do_not_import_textual():
    code = (
        "import sys, importlib\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "    if bad:\n"
        "        print(name, bad[0])\n"
        "        break\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""


def test_headless_commands_do_not_import_textual(tmp_path):
    code = (
        "import sys\n"
        "from wargame.cli.main import main\n"
        "rc = main(['run', 'tests/data/mini.toml', '--seed', '3'])\n"
        "assert rc == 0, rc\n"
        "bad = [m for m in sys.modules if m.startswith('textual')]\n"
        "print(len(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "0"
