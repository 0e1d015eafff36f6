"""``wargame serve`` lets in only its own page, with the printed token, up to its cap."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from tests.functional.test_serve import (
    free_port,
    printed_token,
    processes_mentioning,
    screen_bytes,
    start,
    wait_for_page,
)
from wargame.tui.serve_gate import same_origin, token_ok


def status_of(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


async def handshake(url: str, origin: str | None) -> int:
    """The HTTP status a WebSocket handshake gets (101 when it is let in)."""
    async with aiohttp.ClientSession() as session:
        try:
            ws = await session.ws_connect(url, origin=origin, timeout=aiohttp.ClientWSTimeout(5))
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
        await ws.close()
        return 101


async def hold_session(url: str, origin: str, ready: asyncio.Event, done: asyncio.Event) -> None:
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(url, origin=origin)
        await screen_bytes(ws, 1000)
        ready.set()
        await done.wait()
        await ws.close()


@pytest.fixture
def server(tmp_path):
    port = free_port()
    proc = start(port, tmp_path / "saves", "--max-sessions", "1")
    try:
        token = printed_token(proc)
        wait_for_page(proc, f"http://127.0.0.1:{port}/?token={token}")
        yield port, token, tmp_path / "saves"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except Exception:
            proc.kill()
            proc.wait()


def test_the_page_needs_the_printed_token(server):
    port, token, _ = server
    for url in (f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/?token=guess",
                f"http://127.0.0.1:{port}/?token={token[:-1]}"):
        status, body = status_of(url)
        assert status == 403 and "needs its token" in body
        assert token not in body


def test_a_websocket_needs_the_token_and_this_servers_own_page(server):
    port, token, _ = server
    base = f"http://127.0.0.1:{port}"

    async def all_refused() -> list[int]:
        return [
            await handshake(f"{base}/ws?width=80&height=24", base),  # textual-serve's own door
            await handshake(f"{base}/ws/wrong?width=80&height=24", base),
            await handshake(f"{base}/ws/{token}?width=80&height=24", None),
            await handshake(f"{base}/ws/{token}?width=80&height=24", "https://evil.example"),
            await handshake(f"{base}/ws/{token}?width=80&height=24",
                            f"http://127.0.0.1:{port + 1}"),
        ]

    assert asyncio.run(all_refused()) == [403] * 5


def test_a_full_server_says_so_and_each_session_saves_apart(server):
    port, token, saves = server
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/ws/{token}?width=80&height=24"

    async def scenario() -> tuple[int, tuple[int, str], list[str]]:
        ready, done = asyncio.Event(), asyncio.Event()
        holder = asyncio.create_task(hold_session(url, base, ready, done))
        await asyncio.wait_for(ready.wait(), 20)
        second = await handshake(url, base)
        page = await asyncio.to_thread(status_of, f"{base}/?token={token}")
        children = processes_mentioning(str(saves / "session-"))
        done.set()
        await holder
        return second, page, children

    second, (status, body), children = asyncio.run(scenario())
    assert second == 503
    assert status == 503 and "All seats are taken" in body and "1 game is" in body
    # The one game running saves in a session folder of its own below --saves.
    assert len(children) >= 1


def test_origin_and_token_checks():
    assert same_origin("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert same_origin("https://Room-Laptop:8000", "room-laptop:8000")
    assert not same_origin("http://127.0.0.1:8000", "127.0.0.1:8001")
    assert not same_origin("null", "127.0.0.1:8000")
    assert not same_origin("file://", "127.0.0.1:8000")
    assert not same_origin(None, "127.0.0.1:8000")
    assert token_ok("abc", "abc") and not token_ok("abd", "abc") and not token_ok(None, "abc")


def test_a_cap_of_zero_sessions_is_refused(capsys):
    from wargame.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["serve", "--max-sessions", "0"])
    assert exc.value.code == 2
    assert "--max-sessions" in capsys.readouterr().err


def test_serve_table_gives_each_visitor_a_join_screen_behind_the_same_gate(tmp_path):
    from tests.functional.hosting import HostProcess

    host = HostProcess(tmp_path, "--seats", "us,russia")
    port = free_port()
    proc = start(port, tmp_path / "saves", "--table", host.url)
    try:
        token = printed_token(proc)
        wait_for_page(proc, f"http://127.0.0.1:{port}/?token={token}")
        base = f"http://127.0.0.1:{port}"
        url = f"{base}/ws/{token}?width=80&height=24"

        async def visit() -> tuple[int, list[str]]:
            refused = await handshake(url, "https://evil.example")
            ready, done = asyncio.Event(), asyncio.Event()
            holder = asyncio.create_task(hold_session(url, base, ready, done))
            await asyncio.wait_for(ready.wait(), 20)
            joins = [pid for pid in processes_mentioning(host.url)
                     if b"\0join\0" in Path(f"/proc/{pid}/cmdline").read_bytes()]
            done.set()
            await holder
            return refused, joins

        refused, joins = asyncio.run(visit())
        assert refused == 403
        # The visitor's game is `wargame join` of that table, which asks for a code on screen.
        assert joins
        assert status_of(f"{base}/")[0] == 403
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        host.stop()


def test_serve_table_wants_a_websocket_address(capsys):
    from wargame.cli.main import main

    assert main(["serve", "--table", "http://127.0.0.1:8765"]) == 2
    assert "ws://" in capsys.readouterr().err
