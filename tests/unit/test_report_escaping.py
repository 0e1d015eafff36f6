"""Reports show a scenario's and a save's text as written: no Markdown, no HTML, no headings.

Every name a report prints is given Markdown and HTML that would do
something if it were read as such: a script, an image that runs code, a
link, emphasis, a table pipe, an entity, and a title with a newline that
would start a heading of its own. The Markdown is parsed as CommonMark with
tables (markdown-it-py, which Rich brings) and the HTML with the standard
parser: neither finds an element, a link or a heading the report did not
write itself, and the text shows literally.
"""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from wargame.engine.game import Game
from wargame.report import compare
from wargame.report.write import render
from wargame.saves.files import Loaded, load_game, write_save
from wargame.scenario.load import parse_scenario

ROOT = Path(__file__).resolve().parents[2]
EVIL = ("<script>alert(1)</script> <img src=x onerror=alert(2)> [link](javascript:alert(3)) "
        "**bold** _it_ `code` a|b &amp; ~~s~~ #tag")
HEADING = "Title\n# Not a heading\n- not a list\n> not a quote\n1. not a list"


def _hostile_table() -> dict:
    table = tomllib.loads((ROOT / "tests" / "data" / "mini.toml").read_text("utf-8"))
    table["scenario"]["title"] = HEADING
    table["scenario"]["summary"] = EVIL
    table["scenario"]["history"] = HEADING + "\n" + EVIL
    for i, item in enumerate(table["actors"]):
        item["name"] = f"{EVIL} actor{i}"
    for key in ("indicators", "tracks", "policies"):
        for i, item in enumerate(table[key]):
            item["name"] = f"{EVIL} {key}{i}"
    for key in ("turns", "options", "events", "endings", "objectives"):
        for i, item in enumerate(table[key]):
            item["title"] = f"{HEADING} {key}{i}"
    for turn in table["turns"]:
        turn["venue"] = EVIL
        turn["history"] = HEADING
    for item in table["endings"]:
        item["text"] = HEADING + "\n" + EVIL
        item["history"] = EVIL
    return table


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Loaded:
    folder = tmp_path_factory.mktemp("evil")
    scenario = parse_scenario(_hostile_table(), str(folder / "evil.toml"))
    game = Game.new(scenario, 3, ("west",)).adjust("tension", 5, EVIL).decide("offer", HEADING)
    game = Game.new(scenario, 3, ("west",), log=game.outcome.log, auto=True)
    return Loaded(game, None, ())  # type: ignore[arg-type]


def _markdown_tokens(text: str) -> list:
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = md.parse(text)
    return tokens + [child for t in tokens for child in (t.children or [])]


OUR_HEADINGS = re.compile(r"(After-action report: |Two games of |Teams and seats|Ending|"
                          r"Objectives|Against the odds|Indicators and tracks|Timeline|"
                          r"Turn \d|Why the numbers moved|What actually happened|Where the |"
                          r"How the numbers|The turns side|The white cell.s actions|"
                          r"Forecasts against the moves|.* (indicators|tracks)\d$)")


def _check_markdown(text: str) -> None:
    tokens = _markdown_tokens(text)
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "s_open"}, kinds
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings and all(OUR_HEADINGS.match(h) for h in headings), headings
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as written
    for literal in ("**bold**", "_it_", "`code`", "~~s~~", "a|b", "&amp;amp;", "#tag",
                    "# Not a heading - not a list &gt; not a quote 1. not a list"):
        assert literal in html, literal


def test_the_markdown_report_shows_scenario_and_save_text_as_written(loaded):
    _check_markdown(render(loaded.game, "md", runs=0))


def test_the_markdown_comparison_shows_it_as_written(loaded, tmp_path):
    a = write_save(loaded.game, tmp_path / "a.toml")
    (tmp_path / "evil.toml").write_text("", "utf-8")  # never read: the scenario is given
    one = load_game(a, scenario=loaded.game.scenario)
    other = Game.new(loaded.game.scenario, 4, (), auto=True)
    two = load_game(write_save(other, tmp_path / "b.toml"), scenario=loaded.game.scenario)
    _check_markdown(compare.render(one, two, "md"))


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("kind", ["report", "comparison"])
def test_the_html_report_shows_it_as_written(kind, loaded, tmp_path):
    if kind == "report":
        page = render(loaded.game, "html", runs=0)
    else:
        one = load_game(write_save(loaded.game, tmp_path / "a.toml"),
                        scenario=loaded.game.scenario)
        two = load_game(write_save(Game.new(loaded.game.scenario, 4, (), auto=True),
                                   tmp_path / "b.toml"), scenario=loaded.game.scenario)
        page = compare.render(one, two, "html")
    found = _Elements()
    found.feed(page)
    assert not found.tags & {"script", "img", "a", "iframe"}, found.tags
    assert not [a for a in found.attrs if a[0].startswith("on")]
    assert "<script>alert(1)</script>" in "".join(found.text)  # the text, not an element
    assert "nan" not in re.findall(r'="([^"]*)"', page)
