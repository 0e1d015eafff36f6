"""``wargame serve``: a page that works offline, on loopback, and stops on a signal."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from wargame.host.net import is_loopback
from wargame.tui.serve import offline_page

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def start(port: int, saves: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "wargame", "serve", "--port", str(port), "--saves", str(saves),
         *extra],
        cwd=saves.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def printed_token(proc: subprocess.Popen[bytes]) -> str:
    """The token in the 'Open http://...?token=' line serve prints first."""
    assert proc.stdout is not None
    line = proc.stdout.readline().decode()
    found = re.search(r"^Open http://\S+/\?token=([\w-]+)$", line.strip())
    assert found, line
    return found.group(1)


def wait_for_page(proc: subprocess.Popen[bytes], url: str) -> bytes:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stderr.read().decode() if proc.stderr else ""
            pytest.fail(f"server exited early ({proc.returncode}): {out}")
        try:
            status, body = get(url)
        except OSError:
            time.sleep(0.1)
            continue
        assert status == 200
        return body
    pytest.fail("server did not answer within 20 s")


def other_address() -> str | None:
    """A non-loopback IPv4 address of this host, if it has one (a UDP connect sends nothing)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("192.0.2.1", 9))
            address = str(sock.getsockname()[0])
    except OSError:
        return None
    return None if address.startswith("127.") else address


def external_fetches(page: str, port: int) -> list[str]:
    """URLs in src, href or url() that point anywhere but this server."""
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""", page)
    found = [a or b for a, b in urls]
    ours = (f"http://127.0.0.1:{port}/", "/")
    return [u for u in found if re.match(r"(https?:)?//", u) and not u.startswith(ours)]


async def screen_bytes(ws, enough: int) -> int:  # type: ignore[no-untyped-def]
    """Read what the game draws until ``enough`` bytes came (15 s at most), or it closed."""
    import aiohttp

    received = 0
    deadline = time.monotonic() + 15
    while received < enough and time.monotonic() < deadline:
        try:
            message = await asyncio.wait_for(ws.receive(), 1)
        except TimeoutError:
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            received += len(message.data)
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            break
    return received


async def play_a_little(port: int, token: str) -> int:
    """Open a browser-like session and return how many bytes the game sent."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(f"http://127.0.0.1:{port}/ws/{token}?width=100&height=30",
                                      origin=f"http://127.0.0.1:{port}")
        received = await screen_bytes(ws, 2000)
        # Leave the socket open, as a browser tab would, while the server stops.
        await asyncio.sleep(0)
        session.detach()
        return received


def processes_mentioning(text: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if any(text.encode() in a for a in args):
            found.append(cmdline.parent.name)
    return found


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_serves_an_offline_page_on_loopback_and_stops_on_a_signal(tmp_path, sig):
    port = free_port()
    saves = tmp_path / "saves"
    proc = start(port, saves)
    try:
        token = printed_token(proc)
        page = wait_for_page(proc, f"http://127.0.0.1:{port}/?token={token}").decode()
        assert external_fetches(page, port) == []
        assert "fonts.googleapis" not in page
        for asset in re.findall(rf"http://127\.0\.0\.1:{port}(/static/[^\"')]+)", page):
            status, body = get(f"http://127.0.0.1:{port}{asset}")
            assert status == 200 and body, asset
        assert f"ws://127.0.0.1:{port}/ws/{token}" in page
        # Bound to loopback only: another address of this host must refuse.
        other = other_address()
        if other is not None:
            with socket.socket() as sock:
                sock.settimeout(2)
                assert sock.connect_ex((other, port)) != 0
        assert asyncio.run(play_a_little(port, token)) >= 2000  # the game draws its screen
        proc.send_signal(sig)
        assert proc.wait(timeout=5) == 0
        if Path("/proc").is_dir():  # no game process outlives the server for long
            deadline = time.monotonic() + 5
            while processes_mentioning(str(saves)) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert processes_mentioning(str(saves)) == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_page_points_the_browser_at_the_address_it_used(tmp_path):
    """Opened to a room (0.0.0.0), the page must not tell browsers to dial 0.0.0.0."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "wargame", "serve", "--host", "0.0.0.0", "--port", str(port),
         "--saves", str(tmp_path / "saves")],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        token = printed_token(proc)
        wait_for_page(proc, f"http://127.0.0.1:{port}/?token={token}")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/?token={token}",
                                         headers={"Host": f"room-laptop:{port}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            page = response.read().decode()
        assert f"ws://room-laptop:{port}/ws/{token}" in page
        assert "0.0.0.0" not in page
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=5) == 0
        warning = proc.stderr.read().decode() if proc.stderr else ""
        assert "warning: serving on 0.0.0.0" in warning and "token included" in warning
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_offline_page_replaces_web_fonts_with_the_shipped_ones():
    original = ('<head><link rel="stylesheet" href="{{ config.static.url }}css/x.css" />\n'
                '<link\n rel="stylesheet"\n href="https://fonts.googleapis.com/css?family=R"\n/>'
                "</head>")
    page = offline_page(original)
    assert "googleapis" not in page
    assert 'href="{{ config.static.url }}css/x.css"' in page
    assert '{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf' in page


def test_installed_textual_serve_page_has_no_external_resource_left():
    import textual_serve

    original = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text()
    page = offline_page(original)
    assert external_fetches(page, 0) == []
    fonts = Path(textual_serve.__file__).parent / "static" / "fonts"
    for name in re.findall(r"fonts/([\w.-]+\.ttf)", page):
        assert (fonts / name).is_file()


def test_loopback_detection():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
