"""The negotiation table: the terms and packages on offer, and an offer built term by term.

Keys only: the arrows move in the list, Space puts the highlighted term on
the table or takes it off (on a package: takes the package as the offer),
``t`` changes whom it goes to, ``c`` clears it, Enter sends it (the seat's
decision for the turn), Escape goes back to the board and keeps the draft.
The draft lives at the table (``EditDraft``), so what the answerer would
make of it (training mode) is worked out there. Keys typed faster than the
table answers (a hosted table is a round trip away) build on the screen's
own last edit, not on the draft last shown: Space, Down, Space puts two
terms on the table however quickly it is typed, and Enter sends them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option as ListOption

from wargame.table import talks
from wargame.table.talks import Draft, Talks
from wargame.tui.messages import RequestRefused, in_turn
from wargame.tui.widgets.fields import Field
from wargame.tui.widgets.footer import Footer
from wargame.tui.widgets.hanging import Hanging, Row
from wargame.tui.widgets.lists import SteadyOptionList
from wargame.tui.widgets.terms import Drawn, term_detail, verdict, worth_note
from wargame.tui.widgets.titlebar import TitleBar


class NegotiationScreen(Screen[None]):
    """Attributes down (``picture``); the draft and the offer go up as messages."""

    CSS_PATH = "negotiation.tcss"
    BINDINGS = [
        Binding("space", "take", "Add/remove"),
        Binding("t", "answerer", "To whom"),
        Binding("c", "clear", "Clear"),
        Binding("enter", "send", "Send offer", priority=True),
        Binding("escape", "back", "Board"),
    ]

    picture: reactive[Drawn | None] = reactive(None, always_update=True)

    @dataclass
    class Edit(Message):
        """Request: keep this draft at the table (not sent)."""

        draft: Draft

    @dataclass
    class Send(Message):
        """Request: make this draft the seat's decision, an offer, with a note."""

        draft: Draft
        note: str = ""

    def __init__(self, picture: Drawn) -> None:
        super().__init__()
        self._rows: tuple[str | None, ...] = ()
        self._ready = False
        self._pending: Draft | None = None
        self._sent = False
        self.set_reactive(NegotiationScreen.picture, picture)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="talks-head", markup=False)
        with Horizontal(id="talks-body"):
            yield SteadyOptionList(id="talks-list")
            with VerticalScroll(id="draft-box", can_focus=False):
                yield Hanging(id="draft")
        with VerticalScroll(id="talks-detail-box", can_focus=False):
            yield Hanging(id="talks-detail")
        yield Field(placeholder="Why? (optional, for the debrief)", id="talks-note")
        yield Footer()

    def on_mount(self) -> None:
        self._ready = True
        self.query_one("#talks-list", OptionList).focus()
        self.watch_picture(self.picture)

    @property
    def talks(self) -> Talks | None:
        return self.picture.view.talks if self.picture else None

    def watch_picture(self, picture: Drawn | None) -> None:
        if picture is None or not self._ready:
            return
        if picture.view.talks is None:  # the App takes this screen down (an offer made)
            return
        if picture.view.talks.draft == self._pending:  # the table has caught up
            self._pending = None
        self._show_head(picture)
        self._fill_list(picture)
        self._show_draft(picture)
        self._show_detail()

    def _show_head(self, picture: Drawn) -> None:
        sc, view = picture.scenario, picture.view
        tracks = ", ".join(sc.track_by_id[t].name for t in picture.scenario.turn_by_id[
            view.turn].negotiate)
        who = sc.actor_by_id[view.waiting].name if view.waiting else ""
        self.query_one("#talks-head", Static).update(f"Negotiation · {who} · open: {tracks}")

    def _fill_list(self, picture: Drawn) -> None:
        """Packages, then the terms under a heading per open track, each with who
        undertakes it; the highlight stays where it was while the rows do."""
        sc, seen = picture.scenario, picture.view.talks
        assert seen is not None
        chosen = set(seen.draft.terms)
        items: list[ListOption] = []
        if seen.packages:
            items.append(ListOption(Content.styled("Packages", "bold $accent"), disabled=True))
            items += [ListOption(Content.assemble(
                ("◆ " if seen.draft.package == p else "◇ ", "$accent"),
                sc.package_by_id[p].title), id=f"package:{p}") for p in seen.packages]
        for track in sc.turn_by_id[picture.view.turn].negotiate:
            terms = [sc.term_by_id[t] for t in seen.terms if sc.term_by_id[t].track == track]
            if terms:
                items.append(ListOption(Content.styled(
                    f"Terms · {sc.track_by_id[track].name}", "bold $accent"), disabled=True))
            for term in terms:
                mark = ("[x] ", "bold $success") if term.id in chosen else ("[ ] ", "dim")
                items.append(ListOption(Content.assemble(
                    mark, term.title, (f" — {sc.actor_by_id[term.by].name}", "dim")),
                    id=f"term:{term.id}"))
        rows = tuple(item.id for item in items)
        listing = self.query_one("#talks-list", OptionList)
        at = listing.highlighted
        listing.set_options(items)
        if rows != self._rows or at is None:  # the first row that is not a heading
            at = next((i for i, item in enumerate(items) if not item.disabled), None)
        self._rows = rows
        listing.highlighted = at

    def _show_draft(self, picture: Drawn) -> None:
        sc, view = picture.scenario, picture.view
        seen = view.talks
        assert seen is not None and view.waiting is not None
        draft = seen.draft
        give, ask = talks.sides(sc, draft, view.waiting)
        worth = dict(seen.valuation.worths) if seen.valuation else {}
        to = sc.actor_by_id[draft.to].name if draft.to else "(no one yet: t)"
        bare = Content("")
        rows = [(bare, Content.assemble(("Offer to ", "bold"), (to, "bold $accent")))]
        for heading, terms in (("We give", give), ("We ask", ask)):
            rows.append((bare, Content.styled(heading, "bold")))
            rows += [(Content("· "), Content.assemble(
                t.title, (worth_note(worth[t.id]), "dim") if t.id in worth else ""))
                for t in terms] or [(Content("  "), Content.styled("nothing", "dim"))]
        if seen.valuation is not None and draft.to:
            rows.append((bare, verdict(sc, draft.to, seen.valuation)))
        elif draft.to in view.seats:
            rows.append((bare, Content.styled(f"{to} is played at this table: its team answers.",
                                              "dim")))
        if seen.problem:
            rows.append((bare, Content.styled(seen.problem, "$warning")))
        else:
            rows.append((bare, Content.styled("Enter sends it: your decision this turn.",
                                              "bold")))
        self.query_one("#draft", Hanging).update(rows)

    @on(OptionList.OptionHighlighted, "#talks-list")
    def _show_detail(self) -> None:
        picture = self.picture
        row = self._highlighted()
        rows: list[Row] = []
        if picture is not None and row:
            sc = picture.scenario
            kind, _, key = row.partition(":")
            if kind == "term":
                rows = term_detail(sc, sc.term_by_id[key])
            else:
                package = sc.package_by_id[key]
                rows = [(Content(""), Content.styled(package.title, "bold")),
                        *((Content("· "), Content(sc.term_by_id[t].title))
                          for t in package.terms),
                        (Content(""), Content.styled("Space takes this package as the offer.",
                                                     "dim"))]
        self.query_one("#talks-detail", Hanging).update(rows)

    @on(OptionList.OptionSelected, "#talks-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        """A click on a row (Enter is the screen's own): take that term or package."""
        event.stop()
        self.action_take()

    def _highlighted(self) -> str:
        listing = self.query_one("#talks-list", OptionList)
        index = listing.highlighted
        if index is None:
            return ""
        return listing.get_option_at_index(index).id or ""

    def on_request_refused(self, event: RequestRefused) -> None:
        """The table refused a request of this seat's: what it shows is the draft again."""
        event.stop()
        self._pending = None
        self._sent = False

    # -- keys --------------------------------------------------------------------
    def _draft(self) -> Draft | None:
        """The draft as this screen last made it: its own edit until the table shows
        it, else the table's."""
        seen = self.talks
        if seen is None:
            return None
        pending = self._pending
        return pending if pending is not None and pending.step == seen.draft.step else seen.draft

    def _edit(self, draft: Draft) -> None:
        self._pending = draft
        self.post_message(self.Edit(draft))

    def action_take(self) -> None:
        seen, now, row = self.talks, self._draft(), self._highlighted()
        if seen is None or now is None or not row:
            return
        kind, _, key = row.partition(":")
        if kind == "package":
            assert self.picture is not None
            self._edit(talks.from_package(self.picture.scenario, key, now.step))
            return
        draft, why = talks.toggle(now, seen.terms, key)
        if why:
            self.notify(why, severity="warning", markup=False)
        elif draft != now:
            self._edit(draft)

    def action_answerer(self) -> None:
        seen, now = self.talks, self._draft()
        if seen is not None and now is not None:
            draft = talks.next_answerer(now, seen.terms)
            if draft != now:
                self._edit(draft)

    def action_clear(self) -> None:
        now = self._draft()
        if now is not None and now.terms:
            self._edit(Draft(step=now.step))

    def action_send(self) -> None:
        in_turn(self, self._send)

    def _send(self) -> None:
        """The draft as last edited goes, once; the table refuses it, with its reason, if
        it cannot be sent (the reason shown is for the draft on the screen)."""
        seen, now = self.talks, self._draft()
        if seen is None or now is None or self._sent:
            return
        if seen.problem and now == seen.draft:
            self.notify(seen.problem, severity="warning", markup=False)
            return
        note = self.query_one("#talks-note", Input).value.strip()
        self._sent = True
        self.post_message(self.Send(now, note))

    def action_back(self) -> None:
        self.dismiss()
