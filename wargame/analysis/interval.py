"""Interval analysis of expressions: what a condition can be over ranges of values.

``possible(tree, bounds, turns, statuses)`` answers with the set of truth
values a condition can take when every indicator and track lies somewhere in
its range. It over-approximates (a set too large is always sound), so
``{False}`` means the condition can never hold: that is what ``wargame lint``
reports.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from wargame.expr.face import Node
from wargame.scenario.model import Status

Bounds = Mapping[str, tuple[float, float]]
Span = tuple[float, float]
ANY: Span = (-math.inf, math.inf)
BOTH = frozenset({True, False})


class _Env:
    def __init__(self, bounds: Bounds, turns: Span, statuses: Sequence[Status],
                 dead: frozenset[str]):
        self.bounds = bounds
        self.turns = turns
        self.statuses = statuses
        self.dead = dead


def _mul(a: Span, b: Span) -> Span:
    products = [x * y for x in a for y in b]
    if any(math.isnan(p) for p in products):  # inf times 0
        return ANY
    return min(products), max(products)


def _arith(op: str, a: Span, b: Span) -> Span:
    if op == "+":
        return a[0] + b[0], a[1] + b[1]
    if op == "-":
        return a[0] - b[1], a[1] - b[0]
    if op == "*":
        return _mul(a, b)
    if b[0] <= 0 <= b[1]:  # '/': near zero anything; at zero the language gives 0
        return ANY
    return _mul(a, (1 / b[1], 1 / b[0]))


def _unary(op: str, a: Span) -> Span:
    if op == "-":
        return -a[1], -a[0]
    if a[0] >= 0:
        return a
    if a[1] <= 0:
        return -a[1], -a[0]
    return 0.0, max(-a[0], a[1])


def number(n: Node, env: _Env) -> Span:
    """The range a number expression can take."""
    if n.kind == "const":
        return float(n.arg), float(n.arg)
    if n.kind == "var":
        return env.bounds.get(n.arg, ANY)
    if n.kind == "turn":
        return env.turns
    if n.op == "if" and len(n.kids) == 3:
        cond = truth(n.kids[0], env)
        picked = [number(k, env) for c, k in ((True, n.kids[1]), (False, n.kids[2]))
                  if c in cond]
        return min(s[0] for s in picked), max(s[1] for s in picked)
    spans = [number(k, env) for k in n.kids]
    if n.op in ("+", "-", "*", "/") and len(spans) == 2:
        return _arith(n.op, spans[0], spans[1])
    if n.op in ("-", "abs") and len(spans) == 1:
        return _unary(n.op, spans[0])
    if n.op in ("min", "max") and len(spans) == 2:
        pick = min if n.op == "min" else max
        return pick(spans[0][0], spans[1][0]), pick(spans[0][1], spans[1][1])
    return ANY


def text(n: Node, env: _Env) -> frozenset[Any] | None:
    """The values a text expression can take; None when unknown."""
    if n.kind == "const":
        return frozenset({n.arg})
    if n.kind == "status":
        low, high = env.bounds.get(n.arg, (0.0, 100.0))
        st = env.statuses
        out = set()
        for j, s in enumerate(st):
            top = st[j + 1].start if j + 1 < len(st) else math.inf
            bottom = -math.inf if j == 0 else s.start
            if bottom <= high and low < top:
                out.add(s.id)
        return frozenset(out)
    return None


def _compare(op: str, a: Span, b: Span) -> frozenset[bool]:
    if op == "<":
        t, f = a[0] < b[1], a[1] >= b[0]
    elif op == "<=":
        t, f = a[0] <= b[1], a[1] > b[0]
    elif op == ">":
        t, f = a[1] > b[0], a[0] <= b[1]
    elif op == ">=":
        t, f = a[1] >= b[0], a[0] < b[1]
    else:
        overlap = a[0] <= b[1] and b[0] <= a[1]
        single = a[0] == a[1] == b[0] == b[1]
        t, f = (overlap, not single) if op == "==" else (not single, overlap)
    return frozenset(v for v, ok in ((True, t), (False, f)) if ok)


def _equal(op: str, a: frozenset[Any] | None, b: frozenset[Any] | None) -> frozenset[bool]:
    if a is None or b is None:
        return BOTH
    t = bool(a & b)
    f = not (len(a) == 1 and a == b)
    if op == "!=":
        t, f = f, t
    return frozenset(v for v, ok in ((True, t), (False, f)) if ok)


def truth(n: Node, env: _Env) -> frozenset[bool]:
    """The truth values a condition can take."""
    if n.kind == "const":
        return frozenset({bool(n.arg)})
    if n.op in ("chose", "fired", "offered", "signed"):
        return frozenset({False}) if n.arg in env.dead else BOTH
    if n.op == "breached":
        never = n.arg in env.dead or f"breach:{n.arg}" in env.dead
        return frozenset({False}) if never else BOTH
    if n.op == "if" and len(n.kids) == 3 and n.type == "bool":
        cond = truth(n.kids[0], env)
        return frozenset().union(*(truth(k, env) for c, k in ((True, n.kids[1]),
                                                              (False, n.kids[2])) if c in cond))
    if n.op == "not":
        return frozenset(not v for v in truth(n.kids[0], env))
    if n.op in ("and", "or"):
        p, q = truth(n.kids[0], env), truth(n.kids[1], env)
        if n.op == "and":
            t, f = True in p and True in q, False in p or False in q
        else:
            t, f = True in p or True in q, False in p and False in q
        return frozenset(v for v, ok in ((True, t), (False, f)) if ok)
    if n.op in ("==", "!=", "<", "<=", ">", ">=") and len(n.kids) == 2:
        a, b = n.kids
        if a.type == "number":
            return _compare(n.op, number(a, env), number(b, env))
        if a.type == "text":
            return _equal(n.op, text(a, env), text(b, env))
        return _equal(n.op, truth(a, env), truth(b, env))
    return BOTH


def span(tree: Node, bounds: Bounds, turns: Span, statuses: Sequence[Status],
         dead: frozenset[str] = frozenset()) -> Span:
    """The range of a number expression over every value in ``bounds`` and turn in ``turns``."""
    return number(tree, _Env(bounds, turns, statuses, dead))


def possible(tree: Node, bounds: Bounds, turns: Span, statuses: Sequence[Status],
             dead: frozenset[str] = frozenset()) -> frozenset[bool]:
    """Truth values of a condition over every value in ``bounds`` and turn in ``turns``.

    ``dead``: option and event ids that are never chosen or fired, term ids never
    offered, and ``breach:<term id>`` for terms never broken.
    """
    return truth(tree, _Env(bounds, turns, statuses, dead))
