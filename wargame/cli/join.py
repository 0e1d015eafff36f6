"""``wargame join URL [--code CODE] [--name NAME]``: a screen of a hosted table.

With a code, it is tried before the interface starts, so a wrong code or an
unreachable host is one line on stderr and exit code 2. Without one, the
first screen asks for it (as the browser door, ``serve --table``, does).
"""

from __future__ import annotations

import argparse
import asyncio

from wargame.errors import UsageError
from wargame.paths import saves_dir


def check_url(url: str) -> str:
    if not url.startswith(("ws://", "wss://")):
        raise UsageError(f"'{url}' is not a ws:// or wss:// address (the one "
                         "'wargame host' printed)")
    return url


async def _try(url: str, code: str, name: str | None) -> None:
    from wargame.host.client import RemoteTable

    client = RemoteTable(url, code, name)
    try:
        await client.connect()
    finally:
        await client.aclose()


def command(args: argparse.Namespace) -> int:
    from wargame.host.client import JoinError

    url = check_url(args.url)
    if args.code:
        try:
            asyncio.run(_try(url, args.code, args.name))
        except JoinError as exc:
            raise UsageError(str(exc)) from None
    from wargame.tui.join import JoinApp

    JoinApp(url, args.code, args.name, saves_dir(getattr(args, "saves", None))).run()
    return 0
