"""The core imports no Textual: it must run headless, in simulations and reports."""

import subprocess
import sys

CORE = [
    "wargame", "wargame.model", "wargame.loader", "wargame.expr", "wargame.engine",
    "wargame.game", "wargame.replay", "wargame.saves", "wargame.transcript", "wargame.expect",
    "wargame.cli", "wargame.tomlcache",
]


def test_core_modules_do_not_import_textual():
    code = (
        "import sys, importlib\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""


def test_headless_commands_do_not_import_textual(tmp_path):
    code = (
        "import sys\n"
        "from wargame.cli import main\n"
        "rc = main(['run', 'tests/data/mini.toml', '--seed', '3'])\n"
        "assert rc == 0, rc\n"
        "bad = [m for m in sys.modules if m.startswith('textual')]\n"
        "print(len(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "0"
