"""``wargame serve [--host 127.0.0.1] [--port 8000] [--saves DIR] [--table URL]``."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from wargame.errors import UsageError
from wargame.host.net import is_loopback, shown_address
from wargame.saves.files import saves_dir
from wargame.tui.serve import ServeConfig, build_server, share_package_path
from wargame.tui.serve_gate import new_token


def check_table_url(url: str | None) -> str | None:
    if url is not None and not url.startswith(("ws://", "wss://")):
        raise UsageError(f"--table: '{url}' is not a ws:// or wss:// address "
                         "(the one 'wargame host' printed)")
    return url


def command(args: argparse.Namespace) -> int:
    """``wargame serve``: print the address with its token, then serve until stopped."""
    saves = saves_dir(args.saves).resolve()
    config = ServeConfig(args.host, args.port, saves, new_token(), args.max_sessions,
                         args.shared_saves, check_table_url(args.table))
    if not is_loopback(args.host):
        what = "join the hosted table with a code" if config.table else \
            f"start games and write saves in {saves}"
        sys.stderr.write(
            f"warning: serving on {args.host}: anyone on the network who has the address "
            f"below, token included, can {what}. Use it only on a network you trust, "
            "and stop it (Ctrl+C) after the session.\n")
    print(f"Open {config.url(shown_address(args.host))}", flush=True)
    print(f"Up to {config.max_sessions} browser sessions at once; Ctrl+C stops.", flush=True)
    share_package_path()
    with tempfile.TemporaryDirectory(prefix="wargame-serve-") as tmp:
        server = build_server(config, Path(tmp))
        try:
            server.serve()
        except OSError as exc:  # the port is taken, or the host is not this machine's
            raise UsageError(f"cannot serve on {args.host}:{args.port}: "
                             f"{exc.strerror or exc}") from exc
    return 0
