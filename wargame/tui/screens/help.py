"""Help: the keys and how a turn works.

Each key and each step of a turn is a row of two columns, the key (or the
step's number) and what it does: a description too long for the width wraps
under itself, never under the key.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = (
    ("[b]1[/b]-[b]9[/b]", "pick the option with that number"),
    ("[b]Enter[/b]", "commit the decision (with the note, if you typed one)"),
    ("[b]n[/b]", "negotiate: put terms on the table (in a turn that opens a track)"),
    ("[b]e[/b]", "forecast what the others will do this turn (kept for the debrief)"),
    ("[b]u[/b]", "undo your last decision"),
    ("[b]s[/b] / [b]l[/b]", "save / load a game"),
    ("[b]f[/b]", "facilitator console (white cell; with several teams, its password)"),
    ("[b]r[/b]", "after-action report"),
    ("[b]?[/b]", "this help"),
    ("[b]q[/b]", "quit (offers to save)"),
    ("[b]PgUp[/b]/[b]PgDn[/b]", "scroll the highlighted option's text and expected effects"),
    ("[b]Tab[/b]", "move between the options, the note and the news"),
    ("[b]Ctrl+P[/b]", "command palette: every action by name"),
    ("[b]Mouse[/b]", "works everywhere: click an option to read it, click it again (or press "
     "Enter) to commit"),
)
"""Each key (markup: ours) and what it does."""

TURN = (
    "Start events: the world moves first.",
    "Each actor at the table decides in turn. You play your seats; the AI plays the "
    "others by its doctrine. In a [i]simultaneous[/i] turn everyone decides on the same "
    "picture and the choices stay secret until all have chosen.",
    "End events, then the game checks whether the crisis has ended.",
)
"""The steps of a turn, in order."""

TURN_NOTES = (
    "Each option is marked by kind: [$success]+[/] concession, [$error]![/] escalation, "
    "· neutral. In training mode you see what each option is expected to do.",
    "The news feed lists every decision and event with the numbers it moved.",
    "The game saves itself after every turn (saves/autosave.toml).",
)

NEGOTIATION = (
    "In a turn that opens a track, [b]n[/b] opens the negotiation table: the packages and "
    "terms you may offer, each with its track and who undertakes it. [b]Space[/b] puts a "
    "term on the table or takes it off (on a package: takes the package), [b]t[/b] changes "
    "whom it goes to, [b]c[/b] clears it, [b]Enter[/b] sends it: the offer is your decision "
    "for the turn. In training mode you see what an AI answerer would make of it.",
    "An offer made to you comes up on its own screen: [b]a[/b] accept or [b]r[/b] reject, "
    "then [b]Enter[/b].",
    "The board lists the agreements on each track, and warns before an option that would "
    "break one.",
)

HOT_SEAT = (
    "With several teams at one screen, a hand-over screen passes the keyboard. In a turn "
    "played in order the next team sees what the teams before it chose; in a simultaneous "
    "one nothing shows until all have chosen. Each team's [b]u[/b] takes back only its own "
    "last decision (at the hand-over, before the next team has the keyboard).",
)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,question_mark,q", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static("Keys", classes="heading")
            for key, what in KEYS:
                yield _row(key, what, "key")
            yield Static("How a turn works", classes="heading")
            for number, step in enumerate(TURN, 1):
                yield _row(f"{number}.", step, "step")
            for note in TURN_NOTES:
                yield Static(note, classes="prose")
            yield Static("Negotiation", classes="heading")
            for paragraph in NEGOTIATION:
                yield Static(paragraph, classes="prose")
            yield Static("Hot seat", classes="heading")
            for paragraph in HOT_SEAT:
                yield Static(paragraph, classes="prose")
            yield Static("Press Escape or ? to close.", classes="closing")


def _row(left: str, right: str, kind: str) -> Horizontal:
    """A key (or a step's number) and its words, which wrap under themselves."""
    return Horizontal(Static(left, classes=kind), Static(right, classes="what"),
                      classes="help-row")
