"""An offer made to a human seat: its terms, what each would do, and the answer.

``a`` highlights Accept, ``r`` Reject (or the arrows, or 1 and 2); Enter
commits the highlighted answer. Nothing is highlighted at first, so a key
typed ahead of this screen answers nothing. Escape looks at the board
first; ``n`` there comes back here.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from wargame.tui.messages import in_turn
from wargame.tui.widgets.choices import ChoiceList
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.hanging import Hanging, Row
from wargame.tui.widgets.terms import Drawn, term_does, term_where
from wargame.tui.widgets.titlebar import TitleBar

ANSWERS = ("accept", "reject")


class AnswerScreen(Screen[None]):
    """Attributes down (``picture``); the answer goes up as ``AnswerScreen.Answer``."""

    CSS_PATH = "answer.tcss"
    BINDINGS = [
        Binding("a,1", "pick(0)", "Accept"),
        Binding("r,2", "pick(1)", "Reject"),
        Binding("enter", "commit", "Commit", priority=True),
        Binding("escape", "app.pop_screen", "Board"),
    ]

    picture: reactive[Drawn | None] = reactive(None, always_update=True)

    @dataclass
    class Answer(Message):
        """Request: the seat answers the offer made to it."""

        accept: bool

    def __init__(self, picture: Drawn) -> None:
        super().__init__()
        self._ready = False
        self._step = -1
        self.set_reactive(AnswerScreen.picture, picture)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="offer-box", can_focus=False):
            yield Hanging(id="offer")
        yield ChoiceList(  # a click highlights an answer, a second click commits it
            ListOption(Content.assemble(("a ", "bold $success"), "Accept: sign every term"),
                       id="accept"),
            ListOption(Content.assemble(("r ", "bold $error"), "Reject: nothing is signed"),
                       id="reject"),
            id="answers")
        yield Footer()

    def on_mount(self) -> None:
        self._ready = True
        listing = self.query_one("#answers", OptionList)
        listing.highlighted = None
        listing.focus()
        self.watch_picture(self.picture)

    def watch_picture(self, picture: Drawn | None) -> None:
        if picture is None or not self._ready:
            return
        view = picture.view
        if view.offer is None or not view.my_turn:  # the App takes this screen down
            return
        if view.step != self._step:  # another offer: nothing highlighted again
            self._step = view.step
            self.query_one("#answers", OptionList).highlighted = None
        self.query_one("#offer", Hanging).update(offer_text(picture))

    def action_pick(self, index: int) -> None:
        self.query_one("#answers", OptionList).highlighted = index

    def action_commit(self) -> None:
        in_turn(self, self._commit)

    def _commit(self) -> None:
        index = self.query_one("#answers", OptionList).highlighted
        if index is None:
            self.notify("Choose an answer first: a (accept) or r (reject).",
                        severity="warning")
            return
        self.post_message(self.Answer(ANSWERS[index] == "accept"))

    @on(OptionList.OptionSelected, "#answers")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._commit()


def offer_text(picture: Drawn) -> list[Row]:
    """Who offers what to whom, each term with who undertakes it and what it would do."""
    sc, view = picture.scenario, picture.view
    offer = view.offer
    assert offer is not None
    by, to = sc.actor_by_id[offer.offerer].name, sc.actor_by_id[offer.answerer].name
    package = sc.package_by_id.get(offer.package) if offer.package else None
    head = Content.assemble((by, "bold $accent"), " offers ", (to, "bold"),
                            f" {len(offer.terms)} term{'s' if len(offer.terms) != 1 else ''}"
                            f"{':' if package is None else ''}")
    if package is not None:
        head = Content.assemble(head, ": ", (package.title, "italic"))
    rows = [(Content(""), head)]
    for term_id in offer.terms:
        term = sc.term_by_id[term_id]
        yours = " (you)" if term.by == offer.answerer else ""
        rows.append((Content.styled("· ", "bold"), Content.styled(term.title, "bold")))
        rows.append((Content("  "), Content.styled(term_where(sc, term) + yours, "dim")))
        rows += term_does(sc, term, "  ")
    rows.append((Content(""), Content.styled(
        "Accept signs every term, in this order; reject signs none.", "dim")))
    return rows
