"""The after-action report as Markdown: tables, sparklines, one section per question.

Every name, title, note and sentence that holds them comes from a scenario,
a save or a player: each is written through ``text`` (one line, Markdown
and HTML escaped), ``cell`` (the same, inside a table) or ``para`` (lines of
text, none of which can start a heading, a list or a quote). Only this
module's own strings carry Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wargame.report import odds as odds_mod
from wargame.report import record
from wargame.report.compare import Comparison
from wargame.report.compare import header as compare_head
from wargame.report.compare import labels as compare_labels
from wargame.report.compare import rows as compare_rows
from wargame.report.format import fmt_number, signed, spark
from wargame.report.model import ChangeRow, Line, Report, Series, TurnBlock
from wargame.report.odds import Odds
from wargame.report.record import WHITE_CELL_KINDS

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
"""Characters that could start emphasis, code, a link, an image, raw HTML or an
entity, or end a table cell: each is backslash-escaped (CommonMark: literal)."""
_LINE_START = re.compile(r"^([-+=:]|\d+(?=[.)]))")
"""What could open a list, a setext heading or a table rule at a line's start."""


def escaped(line: str) -> str:
    """One line of text shown as written: no Markdown, no HTML, no entity."""
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if not m.group(1)[0].isdigit()
                           else m.group(1) + "\\", _SPECIAL.sub(r"\\\1", line))


def text(value: object) -> str:
    """Text from a file or a player, on one line (a newline never starts a heading)."""
    return escaped(" ".join(str(value).split()))


def cell(value: object) -> str:
    """Text safe inside a table cell: one line, escaped, pipes too."""
    return text(value) or " "


def _cell(markdown: str) -> str:
    """A cell already written by this module (its text escaped): one line."""
    return " ".join(markdown.split()) or " "


def para(value: str) -> str:
    """Paragraph text: its lines kept, each escaped so that none starts a block."""
    return "\n".join(escaped(part.strip()) for part in value.strip().splitlines())


def quote(text: str) -> list[str]:
    return ["> " + ln if ln else ">" for ln in para(text).splitlines()]


def table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in head) + " |",
           "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out


def change_text(row: ChangeRow) -> str:
    return (f"{text(row.name)} {fmt_number(row.before)}→{fmt_number(row.after)} "
            f"({signed(row.delta)})")


def header(r: Report) -> list[str]:
    out = [f"# After-action report: {text(r.title)}", ""]
    if r.summary:
        out += [f"*{cell(r.summary)}*", ""]
    rows = [["Scenario", f"{text(r.title)} (`{r.setup.scenario.id}`)"],
            ["Seed", str(r.setup.seed)], ["AI doctrine", cell(r.doctrine)]]
    if r.setup.mode:
        rows.append(["Mode", r.setup.mode])
    end = r.debrief.ending
    rows.append(["Ending", f"**{text(end.title)}** ({end.tone}), {text(r.state_line)}"
                 if end else cell(r.state_line)])
    if r.source:
        rows.append(["Save", cell(r.source)])
    out += table(["", ""], rows) + ["", "## Teams and seats", ""]
    out += table(["Actor", "Played by"], [[cell(s.actor), cell(s.played_by)] for s in r.seats])
    return out + [""]


def ending(r: Report) -> list[str]:
    end = r.debrief.ending
    if end is None:
        return ["## Ending", "", f"The game is {text(r.state_line)}.", ""]
    out = [f"## Ending: {text(end.title)} ({end.tone})", "", para(end.text), ""]
    if end.history:
        out += ["**What actually happened:**", ""] + quote(end.history) + [""]
    return out


def objectives(r: Report) -> list[str]:
    d = r.debrief
    if not d.objectives:
        return []
    out = ["## Objectives", ""]
    if d.ending is None:
        out += ["The game is not over: objectives as they stand now.", ""]
    rows = [[cell(o.actor), text(o.title) + (" (secret, revealed)" if o.secret else ""),
             fmt_number(o.points), "yes" if o.met else "no"] for o in d.objectives]
    out += table(["Actor", "Objective", "Points", "Met"], rows) + [""]
    if d.scores:
        out += ["Points: " + ", ".join(f"{text(a)} {fmt_number(p)}"
                                       for a, p in d.scores.items()), ""]
    return out


def odds_section(o: Odds | None, runs: int, r: Report) -> list[str]:
    if o is None:
        if runs <= 0:
            return []
        return ["## Against the odds", "", "Available once the game has ended.", ""]
    out = ["## Against the odds", "", text(odds_mod.ending_sentence(o)), "",
           f"**{text(odds_mod.verdict(o, r.debrief.tone, r.people, r.interventions))}**", ""]
    out += [f"- {text(odds_mod.sentence(s, o.runs))}" for s in o.standings]
    out += ["", "Endings of the simulated games: "
            + ", ".join(f"{text(t)} {odds_mod.pct(p)}" for t, p in o.endings), ""]
    return out


def charts(r: Report) -> list[str]:
    labels = ["Start"] + [f"T{b.index}" for b in r.turns if _finished(r, b)]
    out = ["## Indicators and tracks over the turns", ""]
    rows = []
    for s in r.series:
        values = [v for _, v in s.points]
        rows.append([cell(s.name), *(fmt_number(v) for v in values),
                     *([""] * (len(labels) - len(values))), f"`{spark(values, s.low, s.high)}`"])
    out += table(["", *labels, "Trend"], rows) + [""]
    return out


def _finished(r: Report, block: TurnBlock) -> bool:
    return any(label == block.id for label, _ in r.series[0].points) if r.series else False


def line_text(entry: Line) -> list[str]:
    if entry.kind == "decision":
        head = f"**{text(entry.who)}** chose *{text(entry.title)}*"
    elif entry.kind == "pass":
        head = f"**{text(entry.who)}**: {text(entry.title)}"
    elif entry.kind == "inject":
        head = f"**White cell inject:** *{text(entry.title)}*"
    elif entry.kind in ("adjust", "rewind"):
        head = f"**{text(entry.title)}**"
    elif entry.kind == "ending":
        head = f"**Ending:** {text(entry.title)}"
    elif entry.kind == "breach":
        head = f"**{cell(entry.title)}**"
    elif entry.kind in ("offer", "answer", "sign"):
        tag = " (AI)" if entry.by_ai and entry.kind != "sign" else ""
        head = f"*{cell(entry.title)}*{tag}"
    else:
        head = f"Event: *{text(entry.title)}*"
    if entry.changes:
        head += " — " + "; ".join(change_text(c) for c in entry.changes)
    out = [f"- {head}"]
    if entry.terms:
        out.append(f"  - Terms: {cell(entry.terms)}")
    if entry.why:
        out.append(f"  - Why: {cell(entry.why)}")
    if entry.note:
        out.append(f"  - {note_label(entry.kind)}: “{cell(entry.note)}”")
    return out


def note_label(kind: str) -> str:
    """What a line's note is: a team's rationale, the white cell's reason, or a note."""
    if kind in ("decision", "pass"):
        return "Rationale"
    return "Reason" if kind in WHITE_CELL_KINDS else "Note"


def timeline(r: Report) -> list[str]:
    out = ["## Timeline", ""]
    for b in r.turns:
        out += [f"### Turn {b.index} · {b.date:%d %b %Y} · {text(b.venue)} — {text(b.title)}",
                ""]
        for entry in b.lines:
            out += line_text(entry)
        if not b.lines:
            out.append("- (nothing yet)")
        out.append("")
        if b.history:
            out += ["**In 2022:**", ""] + quote(b.history) + [""]
    return out


def ledger(s: Series) -> list[str]:
    rows = [[str(c.turn), fmt_number(c.before), fmt_number(c.after), signed(c.delta),
             cell(c.why), cell(c.note)] for c in s.ledger]
    out = [f"### {text(s.name)}", ""]
    if not rows:
        return out + [f"Unchanged at {fmt_number(s.points[0][1])}.", ""]
    return out + table(["Turn", "From", "To", "Change", "Cause", "Note"], rows) + [""]


def forecasts(r: Report) -> list[str]:
    """Each team's forecasts beside the moves made, and its score."""
    if not r.forecasts:
        return []
    out = ["## Forecasts against the moves", ""]
    for team in r.forecasts:
        out += [f"### {text(team.team)}: {text(record.score_text(team))}", ""]
        rows = [[cell(f"{x.turn} · {x.turn_title}"), cell(x.about), cell(x.expected),
                 record.pct_text(x.confidence), cell(x.actual), record.hit_text(x)]
                for x in team.lines]
        out += table(["Turn", "About", "Expected", "Confidence", "Actual move", "Right"],
                     rows) + [""]
    return out


def white_cell(r: Report) -> list[str]:
    """Every white-cell action with its reason."""
    if not r.white_cell:
        return []
    rows = [[cell(f"{w.turn} · {w.turn_title}"), cell(w.action), cell(w.reason)]
            for w in r.white_cell]
    return ["## The white cell's actions", ""] + table(["Turn", "Action", "Reason"], rows) + [""]


def render(r: Report, o: Odds | None = None, runs: int = 0) -> str:
    out = header(r) + ending(r) + objectives(r) + forecasts(r) + odds_section(o, runs, r)
    out += charts(r) + timeline(r) + white_cell(r)
    out += ["## Why the numbers moved", "",
            "Every change of every indicator and track, with its cause.", ""]
    for s in r.series:
        out += ledger(s)
    if r.debrief.history:
        out += ["## What actually happened in 2022", "", para(r.debrief.history), ""]
    return "\n".join(out).rstrip() + "\n"


# -- two games side by side ---------------------------------------------------

def _pair(va: float | None, vb: float | None) -> str:
    if va is None or vb is None:
        return f"{'–' if va is None else fmt_number(va)} / {'–' if vb is None else fmt_number(vb)}"
    diff = vb - va
    return f"{fmt_number(va)} / {fmt_number(vb)}" + (f" ({signed(diff)})" if diff else "")


def compare_header(c: Comparison) -> list[str]:
    rows = [[cell(what), cell(x), cell(y)] for what, x, y in compare_head(c)]
    return [f"# Two games of {text(c.a.title)} compared", ""] \
        + table(["", "Game A", "Game B"], rows) + [""]


def compare_divergence(c: Comparison) -> list[str]:
    out = ["## Where the games parted", ""]
    out += [f"- {text(note)}" for note in c.notes]
    d = c.divergence
    if d is None:
        out.append("- The two logs are the same: these are the same game.")
    else:
        out += [f"- First different log entry (number {d.index + 1}): turn {d.turn}, "
                f"{text(d.turn_title)}; {text(d.who)}.",
                f"  - Game A: {text(d.a)}", f"  - Game B: {text(d.b)}"]
    return out + [""]


def compare_numbers(c: Comparison) -> list[str]:
    labels = compare_labels(c)[c.start:]
    since = (f" From the start of turn {c.divergence.turn}, where they parted."
             if c.divergence and c.start else "")
    out = ["## How the numbers differed", "", f"Each cell: game A / game B (B − A).{since}", ""]
    series_b = {s.id: s for s in c.b.series}
    body = []
    for (ident, name, pairs), sa in zip(compare_rows(c), c.a.series, strict=True):
        sb = series_b[ident]
        trend = (f"`{spark([v for _, v in sa.points], sa.low, sa.high)}` / "
                 f"`{spark([v for _, v in sb.points], sb.low, sb.high)}`")
        body.append([cell(name), *(_pair(va, vb) for va, vb in pairs), trend])
    return out + table(["", *labels, "Trend A / B"], body) + [""]


def compare_timeline(c: Comparison) -> list[str]:
    first = c.divergence.turn if c.divergence and not c.notes else 1
    out = ["## The turns side by side", ""]
    turns_a = {b.index: b for b in c.a.turns}
    turns_b = {b.index: b for b in c.b.turns}
    for index in sorted(set(turns_a) | set(turns_b)):
        if index < first:
            continue
        title = (turns_a.get(index) or turns_b[index]).title
        out += [f"### Turn {index} · {text(title)}", ""]
        for tag, mine in (("A", turns_a.get(index)), ("B", turns_b.get(index))):
            lines = [x for entry in (mine.lines if mine else ()) for x in line_text(entry)]
            out += [f"**Game {tag}:**", "", *(lines or ["- (not played)"]), ""]
    return out


def render_compare(c: Comparison) -> str:
    out = compare_header(c) + compare_divergence(c) + compare_numbers(c) + compare_timeline(c)
    return "\n".join(out).rstrip() + "\n"
