"""Two games of one scenario side by side: where they parted, and what it did to the numbers."""

from __future__ import annotations

import attrs

from wargame.engine.setup import policy_text
from wargame.engine.state import LogEntry
from wargame.errors import UsageError
from wargame.report.format import fmt_number
from wargame.report.model import Report, build
from wargame.saves.files import Loaded


@attrs.frozen
class Divergence:
    """The first log entry on which two games differ."""

    index: int
    """Position in the logs (every decision, AI ones included, and facilitator action)."""
    turn: int
    """1-based index of the turn it happened in."""
    turn_title: str
    who: str
    a: str
    """What game A did there."""
    b: str


@attrs.frozen
class Comparison:
    a: Report
    b: Report
    divergence: Divergence | None
    """None when one log is the other (same seed and doctrine: the same game)."""
    notes: tuple[str, ...]
    """Differences of set-up: seed, doctrine, seats, which can part games before any log entry."""
    start: int
    """Index into the history points from which the numbers are compared."""


def describe(loaded: Loaded, entry: LogEntry | None) -> str:
    sc = loaded.game.scenario
    if entry is None:
        return "nothing: its log ends here"
    if entry.inject:
        return f"white cell injected “{sc.event_by_id[entry.inject].title}”"
    if entry.adjust:
        return f"white cell adjusted {sc.name_of(entry.adjust)} by {entry.by:+g}"
    name = sc.actor_by_id[entry.actor].name
    if entry.passed:
        return f"{name} passed"
    return f"{name} chose “{sc.option_by_id[entry.option].title}”"


def _who(loaded: Loaded, entry: LogEntry) -> str:
    if entry.is_facilitator:
        return "White cell"
    return loaded.game.scenario.actor_by_id[entry.actor].name


def divergence(a: Loaded, b: Loaded) -> Divergence | None:
    log_a, log_b = a.game.outcome.log, b.game.outcome.log
    index = next((i for i, (x, y) in enumerate(zip(log_a, log_b, strict=False)) if x != y),
                 min(len(log_a), len(log_b)))
    if index == len(log_a) == len(log_b):
        return None
    ea = log_a[index] if index < len(log_a) else None
    eb = log_b[index] if index < len(log_b) else None
    entry = ea or eb
    assert entry is not None
    sc = a.game.scenario
    turn = sc.turn_by_id[entry.turn]
    names = [_who(a, x) for x in (ea, eb) if x is not None]
    who = names[0] if len(set(names)) == 1 else f"{names[0]} in game A, {names[1]} in game B"
    return Divergence(index, turn.index, turn.title, who, describe(a, ea), describe(b, eb))


def setup_notes(a: Loaded, b: Loaded) -> tuple[str, ...]:
    ga, gb = a.game, b.game
    notes = []
    if ga.seed != gb.seed:
        notes.append(f"The games have different seeds ({ga.seed} and {gb.seed}): chance "
                     "events and AI draws can differ from the first turn.")
    if policy_text(ga.policy) != policy_text(gb.policy):
        notes.append(f"The AI doctrines differ ({policy_text(ga.policy)} and "
                     f"{policy_text(gb.policy)}).")
    if ga.seats != gb.seats:
        notes.append(f"The human seats differ ({', '.join(ga.seats) or 'none'} and "
                     f"{', '.join(gb.seats) or 'none'}).")
    if ga.scenario.sha256 != gb.scenario.sha256:
        notes.append("The scenario files differ in content (different versions).")
    return tuple(notes)


def build_comparison(a: Loaded, b: Loaded, name_a: str = "", name_b: str = "") -> Comparison:
    """Compare two loaded saves; UsageError if they are games of different scenarios."""
    sa, sb = a.game.scenario, b.game.scenario
    if sa.id != sb.id:
        raise UsageError(f"{a.file.path} is a game of '{sa.id}' and {b.file.path} of "
                         f"'{sb.id}': only games of the same scenario can be compared")
    ra = build(a.game, source=name_a or str(a.file.path))
    rb = build(b.game, source=name_b or str(b.file.path))
    div = divergence(a, b)
    notes = setup_notes(a, b)
    # Numbers are compared from the last point both games share: the start of the
    # turn they parted in, or the very start when their set-up differs.
    start = 0 if notes or div is None else max(div.turn - 1, 0)
    return Comparison(ra, rb, div, notes, start)


def rows(c: Comparison) -> list[tuple[str, str, list[tuple[float | None, float | None]]]]:
    """Per series: (id, name, [(A, B) per history point from ``start``])."""
    n = max(len(c.a.series[0].points), len(c.b.series[0].points)) if c.a.series else 0
    out = []
    for sa, sb in zip(c.a.series, c.b.series, strict=True):
        pairs = []
        for i in range(c.start, n):
            va = sa.points[i][1] if i < len(sa.points) else None
            vb = sb.points[i][1] if i < len(sb.points) else None
            pairs.append((va, vb))
        out.append((sa.id, sa.name, pairs))
    return out


def header(c: Comparison) -> list[tuple[str, str, str]]:
    """The header's rows as plain text, (what, game A, game B); each format escapes them.

    The first row is the two saves' names.
    """
    a, b = c.a, c.b
    out = [("Save", a.source, b.source), ("Seed", str(a.setup.seed), str(b.setup.seed)),
           ("AI doctrine", a.doctrine, b.doctrine), ("Ending", a.result, b.result)]
    out += [(sa.actor, sa.played_by, sb.played_by)
            for sa, sb in zip(a.seats, b.seats, strict=True)]
    pa, pb = a.debrief.scores, b.debrief.scores
    out += [(f"Points: {actor}", fmt_number(pa.get(actor, 0)), fmt_number(pb.get(actor, 0)))
            for actor in dict.fromkeys([*pa, *pb])]
    return out


def labels(c: Comparison) -> list[str]:
    """History point labels: ``Start``, then ``T<n>`` for each finished turn."""
    longer = c.a if len(c.a.series[0].points) >= len(c.b.series[0].points) else c.b
    index = longer.game.scenario.turn_by_id
    return ["Start" if label == "start" else f"T{index[label].index}"
            for label, _ in longer.series[0].points]


def render(a: Loaded, b: Loaded, fmt: str = "md") -> str:
    from wargame.report import html, markdown

    c = build_comparison(a, b)
    return html.render_compare(c) if fmt == "html" else markdown.render_compare(c)
