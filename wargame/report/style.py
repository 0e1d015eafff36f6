"""The inline stylesheet of HTML reports: screen and print, no web fonts."""

from __future__ import annotations

CSS = """
:root { --ink: #1d232a; --muted: #5b6670; --rule: #d5dbe0; --paper: #ffffff;
  --a: #1f5fa8; --b: #c2571a; --good: #2e7d32; --mixed: #a86b00; --bad: #b3261e;
  --soft: #f3f5f7; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; color: var(--ink);
  background: var(--paper); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
  "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p.summary { color: var(--muted); font-style: italic; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem;
  border-bottom: 1px solid var(--rule); }
th { background: var(--soft); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
  margin: .8rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.ending { border-left: 6px solid var(--mixed); background: var(--soft); padding: .6rem 1rem;
  margin: .5rem 0 1rem; }
.ending.good { border-color: var(--good); } .ending.bad { border-color: var(--bad); }
.ending h3 { margin-top: .2rem; }
.real { border-left: 3px solid var(--muted); padding: .2rem .8rem; color: #333;
  background: #fafbfc; font-size: .93rem; }
.real p { margin: .3rem 0; }
.real b { display: block; font-size: .8rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); }
.yes { color: var(--good); font-weight: 600; } .no { color: var(--bad); }
.yes, .no { white-space: nowrap; }
.secret { font-size: .8rem; color: var(--mixed); font-weight: 600; }
.verdict { font-weight: 600; font-size: 1.05rem; }
.share { font-size: 1.8rem; font-weight: 700; margin-right: .4rem; }
.bar { display: inline-block; height: .7rem; background: var(--a); vertical-align: middle;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar.this { background: var(--b); }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
  gap: .8rem 1.2rem; }
figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; font-size: .9rem; }
svg.chart { width: 100%; height: auto; display: block; }
svg .frame { fill: none; stroke: var(--rule); }
svg .tick, svg .guide-label { font: 9px system-ui, sans-serif; fill: var(--muted); }
svg .guide { stroke: var(--rule); stroke-dasharray: 3 3; }
svg .mark { stroke: var(--bad); stroke-dasharray: 2 2; }
svg .line { fill: none; stroke-width: 2; }
svg .line.a { stroke: var(--a); } svg .line.b { stroke: var(--b); stroke-dasharray: 5 3; }
svg .dot.a { fill: var(--a); } svg .dot.b { fill: var(--b); }
svg .end { font: bold 10px system-ui, sans-serif; }
svg .end.a { fill: var(--a); } svg .end.b { fill: var(--b); }
.legend .a { color: var(--a); font-weight: 600; } .legend .b { color: var(--b); font-weight: 600; }
.turn { display: grid; grid-template-columns: 3fr 2fr; gap: 1.2rem;
  border-top: 1px solid var(--rule); padding: .4rem 0 .6rem; break-inside: avoid-page; }
.turn.solo { grid-template-columns: 1fr; }
.turn h3 { grid-column: 1 / -1; margin: .4rem 0 0; }
.turn ul { margin: 0; padding-left: 1.1rem; }
.turn li { margin: .2rem 0; }
.kind { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); margin-right: .3rem; }
li.k-inject .kind, li.k-adjust .kind { color: var(--bad); font-weight: 700; }
li.k-ending { font-weight: 600; }
.moves { color: var(--muted); font-size: .88rem; display: block; }
.up { color: var(--bad); } .down { color: var(--good); }
.note { display: block; font-style: italic; font-size: .9rem; }
.why { display: block; color: var(--muted); font-size: .88rem; }
li.k-breach .kind, li.k-breach { color: var(--bad); }
li.k-sign .kind { color: var(--good); font-weight: 700; }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 1.2rem; }
.diverge { background: #fff4e5; border-left: 6px solid var(--b); padding: .5rem 1rem; }
.wide { overflow-x: auto; }
.delta { font-size: .85em; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@media (max-width: 50rem) { .turn, .side { grid-template-columns: 1fr; } }
@media print {
  @page { margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; }
  .charts { grid-template-columns: repeat(3, 1fr); }
  .wide { overflow: visible; } .wide table { font-size: 8pt; }
  tr, .ending, .real, .diverge { break-inside: avoid; page-break-inside: avoid; }
  .ending, .real, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
