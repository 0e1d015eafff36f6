"""The one authoritative table a host holds: its journal, its codes, its versions.

No network here. The server hands each message it read to ``submit`` and
sends out what comes back; ``HostedTable`` decides who may do what, writes
every accepted request to the journal before anyone hears of it, and keeps
each role's view ready as JSON for all the screens of that role.

Beside the table's own requests, the host keeps one thing of its own: seats
the facilitator handed to the AI (``stand_ins``), for a team with no screen.
The AI then decides for that team as an AI seat of its doctrine would,
through the same requests a screen sends (``Decide``, ``MakeOffer``,
``AnswerOffer``, ``Pass``), each naming the doctrine (``stand_in``, which
only the host may set); the journal holds the hand-over and each such request.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from wargame.engine import ai
from wargame.engine.replay import resolve_policy
from wargame.engine.state import Waiting
from wargame.errors import GameError, WargameError
from wargame.host.codes import CodeBook
from wargame.host.journal import Journal, JournalError
from wargame.host.newsmemo import NewsMemo
from wargame.host.shown import read_raw, scenario_text
from wargame.host.start import Start, table_from_start
from wargame.host.wire import encode
from wargame.scenario.model import Option, Package
from wargame.table import requests as rq
from wargame.table.apply import apply
from wargame.table.model import WHITE_CELL, Refused, Table
from wargame.table.preview import preview
from wargame.table.view import view
from wargame.table.wire import WireError, to_plain

PROJECTOR = "projector"
"""The role of the room's screen: the public board, no team's secrets, no console."""
HOST_REQUESTS = ("HandToAI", "TakeBack")
"""The host's own facilitator requests, journaled beside the table's."""


class Closed(WireError):
    """A request no honest screen sends (out of turn, above its role): close that one."""


@attrs.frozen
class Stale:
    """A request made on a table that has since changed: refused, the screen stays."""

    reason: str


@attrs.frozen
class By:
    """Who made the table's last change, as the other screens are told."""

    role: str
    screen: str


class HostedTable:
    """A table, the journal it is kept in, and what each role sees of it."""

    def __init__(self, table: Table, journal: Journal, codes: CodeBook) -> None:
        self.table = table
        self.journal = journal
        self.codes = codes
        self.version = 0
        """How many requests the journal holds: the table's version, as screens quote it."""
        self.stamp = 0
        """Counts every change, the clock's included: a view is rebuilt when it moves."""
        self.by: By | None = None
        self.stand_ins: dict[str, str] = {}
        """Team -> the doctrine the AI plays it with, while the facilitator says so."""
        self._drafting: tuple[object, int] | None = None
        """(source, version before it): the run of draft edits one connection has made
        since anything else changed the table; its own edits never make its next
        request stale."""
        self._views: dict[str | None, tuple[int, str]] = {}
        self._raw = read_raw(table.game.scenario.source)
        self._news = NewsMemo()
        self._scenarios: dict[tuple[str, bool], str] = {}

    # -- start and resume -----------------------------------------------------------
    @classmethod
    def create(cls, journal: Journal, start: Start) -> HostedTable:
        table = table_from_start(start)
        codes = CodeBook.for_roles([*table.teams, PROJECTOR])
        journal.begin(start.to_plain(), dict(codes.codes))
        return cls(table, journal, codes)

    @classmethod
    def resume(cls, journal: Journal) -> HostedTable:
        """The table as the journal left it: its start, then every request again."""
        start = Start.from_plain(journal.meta("start"))
        hosted = cls(table_from_start(start), journal,
                     CodeBook(journal.meta("codes")))
        for entry in journal.entries():
            try:
                result = hosted._take(entry.role, entry.body)
            except (GameError, WireError) as exc:
                raise JournalError(journal.path, f"request {entry.seq} no longer applies "
                                   f"({exc}); was the scenario file changed?") from exc
            hosted._commit(entry.role, entry.screen, entry.body, *result, journal=False)
        return hosted

    # -- requests -------------------------------------------------------------------
    def submit(self, role: str, screen: str, version: int,
               body: Mapping[str, Any], source: object = None) -> Stale | None:
        """Take one request from a screen of ``role``; None when it was accepted.

        A request quoting an older version is stale, unless everything since was
        that same connection's (``source``) draft edits: Space, Down, Space and
        Enter typed at the negotiation table go as three edits and an offer
        before the first edit's view is back. Raises Closed (or WireError) for
        what no honest screen sends, and Refused for what the table does not
        take now (paused, game over).
        """
        if role == PROJECTOR:
            raise Closed("the room's screen only watches")
        if version != self.version and not self._own_drafts_since(version, source):
            return Stale(self._stale_reason())
        body = dict(body)
        if body.get("stand_in"):
            raise Closed("only the host's AI stands in for a team")
        if body.get("request") in HOST_REQUESTS and role != WHITE_CELL:
            raise Closed("only the facilitator (white cell) can do that")
        if body.get("request") == "Decide" and role != WHITE_CELL and self.table.acting != role:
            raise Closed(f"out of turn: {self.table.acting or 'nobody'} is deciding, "
                         f"not {role}")
        before = self.version
        self._commit(role, screen, body, *self._take(role, body))
        if body.get("request") == "EditDraft" and source is not None:
            run = self._drafting
            self._drafting = run if run is not None and run[0] is source else (source, before)
        return None

    def _own_drafts_since(self, version: int, source: object) -> bool:
        """Whether every request after ``version`` was a draft edit from ``source``."""
        run = self._drafting
        return (source is not None and run is not None and run[0] is source
                and run[1] <= version < self.version)

    def _take(self, role: str, body: Mapping[str, Any]) -> tuple[Table, dict[str, str]]:
        """The table and stand-ins after one request, the host's own or the table's.

        Nothing changes here: the caller keeps the result only once the
        journal holds the request.
        """
        kind = body.get("request")
        stand_ins = dict(self.stand_ins)
        if kind == "HandToAI":
            team, doctrine = _text(body, "team"), _text(body, "doctrine")
            self._check_stand_in(team, doctrine)
            stand_ins[team] = doctrine
            return self.table, stand_ins
        if kind == "TakeBack":
            team = _text(body, "team")
            if stand_ins.pop(team, None) is None:
                raise Refused(f"{team} is not played by the AI")
            return self.table, stand_ins
        request = _request_of(role, body)
        if isinstance(request, (rq.Tick, rq.MarkSaved)):
            raise Closed(f"{kind} is the host's own")
        return apply(self.table, request), stand_ins

    def preview(self, role: str, ask: int, body: Mapping[str, Any]) -> str:
        """The ``previewed`` message answering a facilitator's question, for its screen only.

        The table, the journal and the version stay as they are. Closed (or
        WireError) for a question no honest screen asks: from a seat, about
        anything but an Inject or an Adjust, of an unknown event or number,
        by an amount out of bounds.
        """
        question = _request_of(role, body)
        if not isinstance(question, (rq.Inject, rq.Adjust)):
            raise Closed("only an Inject or an Adjust is previewed")
        try:
            text = preview(self.table, question)
        except GameError as exc:
            raise Closed(f"preview: {exc}") from None
        return encode("previewed", ask=ask, version=self.version, preview=to_plain(text))

    def _check_stand_in(self, team: str, doctrine: str) -> None:
        if team not in self.table.teams:
            raise Refused(f"no team '{team}' at this table")
        scenario = self.table.game.scenario
        for seat in self.table.teams[team]:
            try:
                resolve_policy(scenario, doctrine, seat)
            except GameError as exc:
                raise Refused(str(exc)) from None

    def _commit(self, role: str, screen: str, body: Mapping[str, Any], table: Table,
                stand_ins: dict[str, str], journal: bool = True) -> None:
        """Keep a request's result: in the journal first, then in memory."""
        self.version = self.journal.append(role, screen, body) if journal else self.version + 1
        if body.get("request") != "EditDraft":
            self._drafting = None
        self.table, self.stand_ins = table, stand_ins
        self.by = By(role, screen)
        self.stamp += 1

    def _stale_reason(self) -> str:
        by = self.by
        who = "" if by is None else f" ({by.role}, on {by.screen or 'a screen'})"
        return ("The table changed before this arrived" + who +
                ": look at it again, and decide again if you still wish.")

    def tick(self) -> bool:
        """One second of the countdown; True when the table changed.

        Not journaled: after a restart the turn's countdown starts again.
        """
        before = self.table
        self.table = apply(self.table, rq.Tick(WHITE_CELL))
        if self.table is not before:
            self.stamp += 1
        return self.table is not before

    def play_stand_ins(self) -> bool:
        """If the seat the game waits for is the AI's, decide (or answer) for it.

        True if it did. The AI does what an AI seat of its doctrine would do
        there (see ``_stand_in_move``). If the table refuses (it should not),
        the seat waits for the facilitator to take it back.
        """
        table = self.table
        waiting = table.game.waiting
        team = table.acting
        if waiting is None or team is None or team not in self.stand_ins or table.paused:
            return False
        doctrine = self.stand_ins[team]
        try:
            body = _stand_in_move(table, waiting, team, doctrine)
            self._commit(team, f"AI ({doctrine})", body, *self._take(team, body))
        except WargameError:  # Refused, or a request this table no longer reads
            return False
        return True

    # -- what each role sees ------------------------------------------------------------
    def view_of(self, role: str | None) -> dict[str, Any]:
        seen = view(self.table, None if role == PROJECTOR else role)
        plain: dict[str, Any] = to_plain(attrs.evolve(seen, news=()))
        plain["news"] = [self._news.plain(item) for item in seen.news]
        return plain

    def message_for(self, role: str | None) -> str:
        """The ``view`` message for every screen of ``role``, built once per version."""
        key = self.stamp
        cached = self._views.get(role)
        if cached is not None and cached[0] == key:
            return cached[1]
        by = None if self.by is None else attrs.asdict(self.by)
        text = encode("view", version=self.version, view=self.view_of(role), by=by,
                      stand_ins=self.stand_ins)
        self._views[role] = (key, text)
        return text

    def scenario_message(self, role: str) -> str:
        """The ``scenario`` message for ``role``: all of it once the game is over."""
        over = self.table.game.over
        key = (role, over)
        if key not in self._scenarios:
            seats = None if role == WHITE_CELL or over else self.table.seats_of(role)
            self._scenarios[key] = encode("scenario", text=scenario_text(self._raw, seats))
        return self._scenarios[key]

    def save_text(self, path: Path) -> str:
        from wargame.saves.files import to_toml

        table = self.table
        return to_toml(table.game, path, teams=table.teams, mode=table.mode)


def _stand_in_move(table: Table, waiting: Waiting, team: str, doctrine: str
                   ) -> dict[str, Any]:
    """The request the AI makes for ``team``'s waiting seat under ``doctrine``: what an
    AI seat of that doctrine does there, by the engine's own draw and valuation.

    An offer to answer is accepted when its value reaches the doctrine's
    threshold; otherwise the keyed draw over the seat's options and packages
    picks an option (``Decide``), a package (``MakeOffer``), or nothing (``Pass``).
    """
    game = table.game
    request: rq.Request
    if waiting.offer is not None:
        accept = ai.waiting_answer(game, doctrine).accepted
        request = rq.AnswerOffer(team, accept, stand_in=doctrine)
    else:
        note = f"played by the AI ({doctrine}) for {team}"
        pick, _ = ai.waiting_choice(game, doctrine)
        if isinstance(pick, Package):
            request = rq.MakeOffer(team, pick.answerer, package=pick.id, note=note,
                                   stand_in=doctrine)
        elif isinstance(pick, Option):
            request = rq.Decide(team, pick.id, note, stand_in=doctrine)
        else:
            request = rq.Pass(team, note, stand_in=doctrine)
    body = rq.request_to_plain(request)
    del body["by"]  # the host's role for the request is the team's, as for its screens
    return body


def _request_of(role: str, body: Mapping[str, Any]) -> rq.Request:
    """A screen's request of the table, sent by ``role``; Closed if it is above that role."""
    request = rq.request_from_plain({**body, "by": role})
    if isinstance(request, rq.FACILITATOR_ONLY) and role != WHITE_CELL:
        raise Closed("only the facilitator (white cell) can do that")
    return request


def _text(body: Mapping[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value or len(value) > 80:
        raise WireError(f"request: '{key}' must be a short text")
    return value
