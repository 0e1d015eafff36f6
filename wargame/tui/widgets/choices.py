"""The acting seat's options: numbered, marked by kind, the highlighted one in full."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option as ListOption

from wargame.scenario.model import Option
from wargame.table.model import WHITE_CELL
from wargame.tui.messages import CommitDecision
from wargame.tui.picture import Picture
from wargame.tui.view import KIND_MARK, KIND_STYLE, effects_text
from wargame.tui.widgets.fields import Field
from wargame.tui.widgets.hanging import HangingText
from wargame.tui.widgets.lists import SteadyOptionList
from wargame.tui.widgets.terms import breach_warning


def option_prompt(number: int, option: Option, breaks: bool = False) -> HangingText:
    """``1 + Title``; an option that would break an agreement says so on its line. A
    title that wraps goes on under itself, not under the number."""
    mark = KIND_MARK.get(option.kind, "·")
    return HangingText(Content.styled(f"{number} {mark} ", f"bold {KIND_STYLE[option.kind]}"),
                       Content.assemble(option.title, ("  ✗ breaks an agreement", "bold $error")
                                        if breaks else ""))


def talks_hint(picture: Picture) -> str:
    """What ``n`` would open now, for the options' heading (empty: nothing)."""
    view = picture.view
    if view.offer is not None and view.my_turn:
        return "\nAn offer waits for your answer: n"
    if view.talks is not None and view.my_turn:
        return "\nn: negotiate (put terms on the table)"
    return ""


class ChoiceList(SteadyOptionList):
    """An OptionList where a click only highlights; a second click on it commits.

    A decision is not undone by moving the mouse: one stray click must not
    commit it. Page Up/Down scroll the highlighted option's detail.
    """

    def action_page_down(self) -> None:
        # At most nine options fit the list: the Page keys serve the detail pane
        # instead, whose text and expected effects overflow it at 80x24.
        detail = self._detail()
        if detail is None:
            super().action_page_down()
        else:
            detail.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        detail = self._detail()
        if detail is None:
            super().action_page_up()
        else:
            detail.scroll_page_up(animate=False)

    def _detail(self) -> VerticalScroll | None:
        """The detail pane beside this list, if its screen has one."""
        found = self.screen.query("#detail-box").results(VerticalScroll)
        return next(iter(found), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter before a pick selects nothing here: it goes on to the board's commit,
        # which says why nothing was committed (no pick, or another team's turn).
        if action == "select" and self.highlighted is None:
            return False
        return True

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()  # OptionList's own handler would select at once
        clicked = event.style.meta.get("option")
        if clicked is None or self._options[clicked].disabled:
            return
        if clicked == self.highlighted:
            self.action_select()
        else:
            self.highlighted = clicked


class ChoicePanel(Vertical):
    """Attributes down (``picture``); a commit goes up as ``CommitDecision``."""

    picture: reactive[Picture | None] = reactive(None, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(id=id)
        self._shown: tuple[str, ...] = ()
        self._key: tuple[str, str, int, tuple[str, ...]] | None = None
        self._options: tuple[Option, ...] = ()
        self._ready = False

    def on_mount(self) -> None:
        self._ready = True
        if self.picture is not None:
            self.watch_picture(self.picture)

    def compose(self) -> ComposeResult:
        yield Static("", id="choice-head")
        yield ChoiceList(id="options")
        with VerticalScroll(id="detail-box", can_focus=False):
            yield Static("", id="detail")
        yield Field(placeholder="Why? (optional, for the debrief)", id="note")

    @property
    def options(self) -> tuple[Option, ...]:
        return self._options

    def watch_picture(self, picture: Picture | None) -> None:
        if picture is None or not self._ready:
            return
        view = picture.view
        head = self.query_one("#choice-head", Static)
        listing = self.query_one("#options", OptionList)
        self._options = options = picture.options
        if view.waiting is None:
            head.update("The game is over.")
            listing.clear_options()
            self._shown = ()
            # Forget what was listed: an undo may come back to that very point,
            # which must list its options again (it showed none: 'There is no
            # option 1', found by tests/tui/test_monkey.py).
            self._key = None
            self._show_detail()
            return
        # The white cell and the room's screen watch: no note of theirs goes anywhere.
        self.query_one("#note", Input).display = view.who not in (WHITE_CELL, None)
        name = picture.scenario.actor_by_id[view.waiting].name
        pause = "  [PAUSED]" if view.paused else ""
        count = len(options)
        head.update(Content.assemble((f"{name} decides", "bold"), (
            f" · {count} option{'' if count == 1 else 's'}{pause}" if view.my_turn
            else f" · waiting for {view.acting}{pause}"), (talks_hint(picture), "$accent")))
        # The options too: a loaded or rewound game at the same turn, seat and
        # log length may offer others, and the list must show what commits.
        shown = view.options
        key = (view.turn, view.waiting, view.step, shown)
        if key != self._key:
            self._key = key
            self._shown = shown
            listing.clear_options()
            listing.add_options([ListOption(option_prompt(i, o, o.id in view.breaks), id=o.id)
                                 for i, o in enumerate(options, 1)])
            # A new decision starts on nothing picked, with the keys on the
            # options (not in the note, where digits and Enter went before):
            # Enter meant for the screen before commits nothing unseen.
            listing.highlighted = None
            self.query_one("#note", Input).value = ""
            listing.focus()
        self._show_detail()

    def pick(self, number: int) -> bool:
        """Highlight option ``number`` (1-based); False when there is none."""
        if not 1 <= number <= len(self._shown):
            return False
        listing = self.query_one("#options", OptionList)
        listing.highlighted = number - 1
        listing.focus()
        return True

    @property
    def highlighted(self) -> Option | None:
        index = self.query_one("#options", OptionList).highlighted
        options = self.options
        return options[index] if index is not None and index < len(options) else None

    def commit(self) -> None:
        option, view = self.highlighted, self.picture.view if self.picture else None
        if view is not None and not view.my_turn and view.acting:
            self.notify(f"It is {view.acting}'s turn to choose.", severity="warning",
                        markup=False)
            return
        if option is None:
            self.notify("Pick an option first (1-9 or the arrows).", severity="warning")
            return
        note = self.query_one("#note", Input).value.strip()
        self.post_message(CommitDecision(option.id, note, view.step if view else -1))

    @on(OptionList.OptionHighlighted, "#options")
    def _highlighted(self) -> None:
        # Where the board is one column (60x20) the options sit below the world:
        # an option picked by its number or the arrows comes into view, so what
        # Enter commits is seen highlighted.
        self.query_one("#options", OptionList).scroll_visible(animate=False, top=True)
        self._show_detail()

    @on(OptionList.OptionSelected, "#options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.commit()

    @on(Input.Submitted, "#note")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit()

    @staticmethod
    def _hint(picture: Picture | None) -> str:
        """What to do with the options listed: pick one, or (the white cell, who sees
        another team's options) watch that team choose."""
        view = picture.view if picture is not None else None
        if view is None or view.my_turn:
            return "Pick an option: 1-9 or the arrows. Enter commits it."
        console = " f opens the console." if view.who == WHITE_CELL else ""
        return f"{view.acting} chooses among these.{console}"

    def _show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        option = self.highlighted
        picture = self.picture
        if option is None or picture is None:
            detail.update(Content(self._hint(picture) if self._shown else "").stylize("dim"))
            return
        parts = [Content.assemble((f"{option.title}", "bold"),
                                  (f"  ({option.kind})", KIND_STYLE[option.kind]))]
        if option.text:
            parts.append(Content(option.text))
        if picture.training:
            parts.append(Content.assemble(("Expected: ", "bold"),
                                          effects_text(picture.scenario,
                                                       picture.view.expected[option.id])))
        broken = picture.view.breaks.get(option.id)
        if broken:
            parts.append(breach_warning(picture.scenario, broken))
        if not option.repeatable:
            parts.append(Content("Once per game.").stylize("dim"))
        detail.update(Content("\n").join(parts))
