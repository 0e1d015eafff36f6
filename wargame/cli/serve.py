"""``wargame serve [--host 127.0.0.1] [--port 8000] [--saves DIR]``."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from wargame.errors import UsageError
from wargame.saves.files import saves_dir
from wargame.tui.serve import build_server, is_loopback, share_package_path


def command(args: argparse.Namespace) -> int:
    """``wargame serve [--host 127.0.0.1] [--port 8000] [--saves DIR]``."""
    saves = saves_dir(args.saves).resolve()
    if not is_loopback(args.host):
        sys.stderr.write(
            f"warning: serving on {args.host}: anyone who can reach port {args.port} can "
            "start games and write saves in " f"{saves}. There is no password. Use it "
            "only on a network you trust, and stop it (Ctrl+C) after the session.\n")
    share_package_path()
    with tempfile.TemporaryDirectory(prefix="wargame-serve-") as tmp:
        server = build_server(args.host, args.port, saves, Path(tmp))
        try:
            server.serve()
        except OSError as exc:  # the port is taken, or the host is not this machine's
            raise UsageError(f"cannot serve on {args.host}:{args.port}: "
                             f"{exc.strerror or exc}") from exc
    return 0
