"""``wargame serve`` in a real browser: headless Chromium, driven as a player would.

Opt in with ``make browser`` (``pytest -m browser``). Each test leaves
screenshots of what the page showed in its ``tmp_path``.
"""

from __future__ import annotations

import os
import re
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiohttp import web

from tests.functional.chromium import Browser, Page, find_chromium
from tests.functional.hosting import HostProcess
from tests.functional.test_serve import (
    free_port,
    printed_token,
    processes_mentioning,
    start,
    wait_for_page,
)

pytestmark = pytest.mark.browser


class Served:
    """A running ``wargame serve``: its address and the token it printed."""

    def __init__(self, folder: Path, *extra: str) -> None:
        self.port = free_port()
        self.saves = folder / "saves"
        self.proc = start(self.port, self.saves, *extra)
        self.token = printed_token(self.proc)
        self.base = f"http://127.0.0.1:{self.port}"
        self.url = f"{self.base}/?token={self.token}"
        wait_for_page(self.proc, self.url)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def news(screen: str) -> str:
    """The news on the board: its left column below the heading, wrapped lines joined."""
    left = " ".join(line.split("▏")[0] for line in screen.splitlines())
    return " ".join(left.partition("News — newest first")[2].split())


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def table(tmp_path: Path) -> Iterator[tuple[HostProcess, Served]]:
    """A hosted table for two teams, and ``wargame serve --table`` in front of it."""
    host = HostProcess(tmp_path, "--seats", "us,russia", "--teams",
                       "Washington=us; Moscow=russia")
    try:
        server = Served(tmp_path, "--table", host.url)
        yield host, server
        server.stop()
    finally:
        host.stop()


@pytest.fixture
async def page() -> AsyncIterator[Page]:
    executable = find_chromium()
    if executable is None:
        given = os.environ.get("CHROMIUM")
        pytest.skip(f"CHROMIUM={given} is not a program" if given else
                    "no Chromium or Chrome on PATH (or set CHROMIUM=/path/to/it)")
    async with Browser(executable) as browser:
        yield await browser.new_page()


async def test_a_player_starts_a_game_picks_and_commits_and_reads_it_in_the_news(
        page: Page, served: Served, tmp_path: Path) -> None:
    await page.resize(1200, 1600)  # room for the news of a whole turn
    await page.goto(served.url)
    await page.wait_for_screen("Choose a scenario; Enter starts", "Red Lines", "Start (Enter)")
    await page.screenshot(tmp_path / "1-title.png")
    await page.focus_terminal()
    await page.press("Enter")
    await page.wait_for_screen("Turn 1 of 8", "Press Enter to go to the board.")
    await page.press("Enter")
    board = await page.wait_for_screen("Pick an option")
    await page.screenshot(tmp_path / "2-board.png")
    option = re.search(r"1 · (.+?)\s*$", board, re.MULTILINE)
    assert option, board
    chosen = option.group(1)
    await page.press("1")
    await page.wait_for_screen("Expected:")
    await page.press("Enter")
    await page.wait_for_screen("Turn 2 of 8", "Press Enter to go to the board.")
    await page.press("Enter")
    decision = f"T1 United States: {chosen}"

    async def in_the_news() -> bool:
        return decision in news(await page.screen_text())

    await page.wait_for(in_the_news, f"{decision!r} in the news")  # it draws over frames
    await page.screenshot(tmp_path / "3-news.png")


async def test_without_the_token_the_page_says_it_needs_it(page: Page, served: Served,
                                                           tmp_path: Path) -> None:
    for n, url in enumerate((f"{served.base}/", f"{served.base}/?token=guess")):
        await page.goto(url)
        await page.screenshot(tmp_path / f"no-token-{n}.png")
        text = await page.body_text()
        assert "This address needs its token" in text
        assert served.token not in text
        assert await page.evaluate("document.querySelector('.textual-terminal')") is None


async def test_the_page_copied_to_another_site_gets_no_game(page: Page, served: Served,
                                                            tmp_path: Path) -> None:
    """Even with the token, a page from another origin is refused its WebSocket."""
    with urllib.request.urlopen(served.url, timeout=5) as response:
        copy = response.read().decode()
    assert f"ws://127.0.0.1:{served.port}/ws/{served.token}" in copy

    async def copied(request: web.Request) -> web.Response:
        return web.Response(text=copy, content_type="text/html")

    app = web.Application()
    app.router.add_get("/", copied)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        await page.goto(f"http://127.0.0.1:{port}/")
        await page.wait_for(
            lambda: page.evaluate("document.body.classList.contains('-closed')"),
            "the copied page's session ends")
        await page.screenshot(tmp_path / "other-origin.png")
        assert "Session ended." in await page.body_text()
        assert not (await page.screen_text()).strip()  # the terminal never drew a thing
        assert not processes_mentioning(str(served.saves / "session-"))  # nor a game started
    finally:
        await runner.cleanup()


async def test_a_team_joins_a_hosted_table_with_its_code_in_the_browser(
        page: Page, table: tuple[HostProcess, Served], tmp_path: Path) -> None:
    host, served = table
    await page.goto(served.url)
    await page.wait_for_screen("Join a hosted table", f"Host: {host.url}")
    await page.screenshot(tmp_path / "1-code.png")
    await page.focus_terminal()
    await page.type("WRONG-WRONG-WRONG-WRONG")
    await page.press("Enter")
    await page.wait_for_screen("wrong code: check it with the facilitator")
    await page.screenshot(tmp_path / "2-wrong-code.png")
    # Like a person, look at the field before typing on: Textual runs Backspace (a key
    # binding) after letters that come in the same instant, out of order.
    for _ in "WRONG-WRONG-WRONG-WRONG":
        await page.press("Backspace")

    async def cleared() -> bool:
        return "WRONG-" not in await page.screen_text()

    await page.wait_for(cleared, "the field emptied")
    await page.type(host.codes["Moscow"])
    await page.wait_for_screen(host.codes["Moscow"])
    await page.press("Enter")
    # Moscow's briefing, with Russia's aims (not Washington's), then its board.
    briefing = await page.wait_for_screen("Turn 1 of 8", "Close NATO's door",
                                          "Press Enter to go to the board.")
    await page.screenshot(tmp_path / "3-briefing.png")
    assert "No Russian invasion of Ukraine" not in briefing
    await page.press("Enter")
    board = await page.wait_for_screen("United States decides · waiting for Washington")
    await page.screenshot(tmp_path / "4-board.png")
    assert "Pick an option" not in board
