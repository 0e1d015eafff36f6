"""The type checker and compiler of scenario expressions: typed nodes, flat closures.

The parser (``exprparse.py``) reads the syntax and calls a ``Compiler``
method for each operator it meets; the method checks the operands' types,
folds constants, and builds the node with the closure the engine will run.
What a node means is documented on ``Node``.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from wargame.records import fields_eq, fields_repr

if TYPE_CHECKING:
    from wargame.expr.face import Symbols

MAX_DEPTH = 100  # tree depth; bounds the closures' recursion at run time
NOUN = {"number": "a number", "text": "text", "bool": "a condition"}
"""How a message names each type."""
_FLIP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
    ">": operator.gt, ">=": operator.ge, "+": operator.add, "-": operator.sub,
    "*": operator.mul}

# One flat closure per (operator, operand shape): the engine runs thousands of
# these per turn, and an operator.* call or an extra closure per leaf adds up.
_Fn = Callable[[Any], Any]
_CMP_VAR: dict[str, Callable[[str, Any], _Fn]] = {
    "==": lambda k, c: lambda ctx: ctx.values[k] == c,
    "!=": lambda k, c: lambda ctx: ctx.values[k] != c,
    "<": lambda k, c: lambda ctx: ctx.values[k] < c,
    "<=": lambda k, c: lambda ctx: ctx.values[k] <= c,
    ">": lambda k, c: lambda ctx: ctx.values[k] > c,
    ">=": lambda k, c: lambda ctx: ctx.values[k] >= c}
_CMP_TURN: dict[str, Callable[[Any], _Fn]] = {
    "==": lambda c: lambda ctx: ctx.turn == c, "!=": lambda c: lambda ctx: ctx.turn != c,
    "<": lambda c: lambda ctx: ctx.turn < c, "<=": lambda c: lambda ctx: ctx.turn <= c,
    ">": lambda c: lambda ctx: ctx.turn > c, ">=": lambda c: lambda ctx: ctx.turn >= c}
_CMP_FN: dict[str, Callable[[_Fn, Any], _Fn]] = {
    "==": lambda f, c: lambda ctx: f(ctx) == c, "!=": lambda f, c: lambda ctx: f(ctx) != c,
    "<": lambda f, c: lambda ctx: f(ctx) < c, "<=": lambda f, c: lambda ctx: f(ctx) <= c,
    ">": lambda f, c: lambda ctx: f(ctx) > c, ">=": lambda f, c: lambda ctx: f(ctx) >= c}
_ARITH_FC: dict[str, Callable[[_Fn, float], _Fn]] = {  # '/' only by a non-zero constant
    "+": lambda f, c: lambda ctx: f(ctx) + c, "-": lambda f, c: lambda ctx: f(ctx) - c,
    "*": lambda f, c: lambda ctx: f(ctx) * c, "/": lambda f, c: lambda ctx: f(ctx) / c}
_ARITH_VC: dict[str, Callable[[str, float], _Fn]] = {  # an indicator and a constant: one call
    "+": lambda k, c: lambda ctx: ctx.values[k] + c,
    "-": lambda k, c: lambda ctx: ctx.values[k] - c,
    "*": lambda k, c: lambda ctx: ctx.values[k] * c,
    "/": lambda k, c: lambda ctx: ctx.values[k] / c}
_ARITH_FF: dict[str, Callable[[_Fn, _Fn], _Fn]] = {
    "+": lambda f, g: lambda ctx: f(ctx) + g(ctx), "-": lambda f, g: lambda ctx: f(ctx) - g(ctx),
    "*": lambda f, g: lambda ctx: f(ctx) * g(ctx),
    "/": lambda f, g: lambda ctx: f(ctx) / d if (d := g(ctx)) else 0.0}
_UNARY: dict[str, tuple[str, Callable[[Any], Any], Callable[[_Fn], _Fn]]] = {
    "not": ("bool", operator.not_, lambda f: lambda ctx: not f(ctx)),
    "-": ("number", operator.neg, lambda f: lambda ctx: -f(ctx)),
    "abs": ("number", abs, lambda f: lambda ctx: abs(f(ctx)))}


class ExprError(Exception):
    """An expression that does not parse or check; the message says why."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column
        """1-based column of the offending token, when there is one."""


def fail(message: str, at: int) -> ExprError:
    """The error for a problem at 0-based offset ``at``, its column named in the message."""
    return ExprError(f"{message} (column {at + 1})", at + 1)


def _pick2(name: str, f: _Fn, g: _Fn) -> _Fn:
    # Spelled out: a conditional is about twice as fast as calling builtin min/max.
    if name == "min":
        return lambda ctx: x if (x := f(ctx)) <= (y := g(ctx)) else y
    return lambda ctx: x if (x := f(ctx)) >= (y := g(ctx)) else y


@attrs.define(slots=True)
class Node:
    """A node of a checked expression (``Expr.tree``), for static analysis."""

    __repr__ = fields_repr
    __eq__ = fields_eq

    type: str
    fn: _Fn
    kind: str = "op"
    """const (arg = value), var (arg = id), status (arg = track id), turn or op."""
    arg: Any = None
    """For op nodes ``chose``, ``fired``, ``offered``, ``signed``, ``breached``: the option,
    event or term id."""
    start: int = 0
    end: int = 0
    depth: int = 1
    op: str = ""
    """For op nodes: ``and or not - abs + * / == != < <= > >= min max if chose fired
    offered signed breached`` (``-`` with one kid is negation; ``if`` has the condition
    and the two values as kids)."""
    kids: tuple[Node, ...] = ()
    """Operands in order; a comparison with a constant has it second."""


class Compiler:
    """Builds checked nodes for one expression; ``Parser`` adds the syntax on top."""

    def __init__(self, source: str, symbols: Symbols) -> None:
        self.src, self.sym = source, symbols
        self.status_ids, self.ranges = symbols.status_ids, symbols.ranges

    def desc(self, n: Node) -> str:
        text = self.src[n.start:n.end].strip()
        if n.kind == "const" and n.type == "text":
            return text  # already quoted
        return f'"{text}"' if "'" in text and '"' not in text else f"'{text}'"

    def node(self, type_: str, fn: _Fn, *kids: Node, start: int, end: int,
             kind: str = "op", arg: Any = None, op: str = "") -> Node:
        depth = 1 + max((k.depth for k in kids), default=0)
        if depth > MAX_DEPTH:
            raise fail("expression is too complex", start)
        return Node(type_, fn, kind, arg, start, end, depth, op, kids)

    def const(self, value: Any, type_: str, start: int, end: int) -> Node:
        if type_ == "number":
            if not math.isfinite(value):
                raise fail("number out of range", start)
            value = float(value)
        return Node(type_, lambda ctx: value, "const", value, start, end, 0)

    def need(self, n: Node, type_: str, what: str, at: int) -> None:
        if n.type != type_:
            noun = "conditions" if type_ == "bool" else "numbers"
            raise fail(f"{what} needs {noun}; {self.desc(n)} is {NOUN[n.type]}", at)

    def choice(self, cond: Node, a: Node, b: Node, at: int, end: int) -> Node:
        """``if(cond, a, b)``: ``a`` when the condition holds, else ``b``, of one type."""
        self.need(cond, "bool", "if()'s first argument", cond.start)
        if a.type != b.type:
            raise fail(f"if() needs two values of one type; {self.desc(a)} is "
                       f"{NOUN[a.type]}, {self.desc(b)} is {NOUN[b.type]}", at)
        if cond.kind == "const":  # no side effects: the branch not taken vanishes
            return attrs.evolve(a if cond.arg else b, start=at, end=end)
        c, f, g = cond.fn, a.fn, b.fn
        return self.node(a.type, lambda ctx: f(ctx) if c(ctx) else g(ctx), cond, a, b,
                         start=at, end=end, op="if")

    def pick(self, name: str, args: list[Node], at: int, end: int) -> Node:
        """``min(...)`` or ``max(...)`` of checked numbers, the constants folded into one."""
        pick = min if name == "min" else max
        consts = [a.arg for a in args if a.kind == "const"]
        rest = [a for a in args if a.kind != "const"]
        if consts:
            rest.append(self.const(pick(consts), "number", at, end))
        out = rest[0]
        for b in rest[1:]:
            f, g = out.fn, b.fn
            out = self.node("number", _pick2(name, f, g), out, b, start=at, end=end, op=name)
        out.start, out.end = at, end
        return out

    # -- operators ------------------------------------------------------------
    def unary(self, op: str, x: Node, at: int, end: int | None = None) -> Node:
        type_, fold, make = _UNARY[op]
        self.need(x, type_, f"'{op}'", at)
        end = x.end if end is None else end
        if x.kind == "const":
            return self.const(fold(x.arg), type_, at, end)
        return self.node(type_, make(x.fn), x, start=at, end=end, op=op)

    def logic(self, op: str, a: Node, b: Node, at: int) -> Node:
        self.need(a, "bool", f"'{op}'", at)
        self.need(b, "bool", f"'{op}'", at)
        # Operands have no side effects, so a constant side decides or vanishes.
        for c, x in ((a, b), (b, a)):
            if c.kind == "const":
                if c.arg == (op == "or"):
                    return self.const(c.arg, "bool", a.start, b.end)
                return attrs.evolve(x, start=a.start, end=b.end)
        f, g = a.fn, b.fn
        fn = (lambda ctx: f(ctx) and g(ctx)) if op == "and" else (lambda ctx: f(ctx) or g(ctx))
        return self.node("bool", fn, a, b, start=a.start, end=b.end, op=op)

    def arith(self, op: str, a: Node, b: Node, at: int) -> Node:
        self.need(a, "number", f"'{op}'", at)
        self.need(b, "number", f"'{op}'", at)
        start, end = a.start, b.end
        if b.kind == "const" and op == "/" and b.arg == 0:
            return self.const(0.0, "number", start, end)  # dividing by zero gives 0
        if a.kind == "const" and b.kind == "const":
            value = a.arg / b.arg if op == "/" else _OPS[op](a.arg, b.arg)
            return self.const(value, "number", start, end)
        if a.kind == "const" and op in "+*":  # exact in floating point too
            a, b = b, a
        if b.kind == "const":
            fn = (_ARITH_VC[op](a.arg, b.arg) if a.kind == "var"
                  else _ARITH_FC[op](a.fn, b.arg))
            return self.node("number", fn, a, b, start=start, end=end, op=op)
        return self.node("number", _ARITH_FF[op](a.fn, b.fn), a, b, start=start, end=end, op=op)

    def compare(self, op: str, a: Node, b: Node, at: int) -> Node:
        start, end = a.start, b.end
        if op not in ("==", "!="):
            for x in (a, b):
                if x.type != "number":
                    extra = " (statuses are ids, not an order)" if x.kind == "status" else ""
                    raise fail(f"'{op}' needs numbers; {self.desc(x)} is "
                                f"{NOUN[x.type]}{extra}", at)
        elif a.type != b.type:
            raise fail(f"{self.desc(a)} is {NOUN[a.type]}; compared with "
                        f"{NOUN[b.type]} {self.desc(b)}", at)
        if a.kind == "const" and b.kind == "const":
            return self.const(_OPS[op](a.arg, b.arg), "bool", start, end)
        if a.kind == "const":
            a, b, op = b, a, _FLIP[op]
        if b.kind != "const":
            f, g, o = a.fn, b.fn, _OPS[op]
            return self.node("bool", lambda ctx: o(f(ctx), g(ctx)), a, b, start=start, end=end,
                             op=op)
        if a.kind == "status":
            return self.node("bool", self.status_is(op, a.arg, b), a, b, start=start, end=end,
                             op=op)
        if a.kind == "var":
            fn = _CMP_VAR[op](a.arg, b.arg)
        elif a.kind == "turn":
            fn = _CMP_TURN[op](b.arg)
        else:
            fn = _CMP_FN[op](a.fn, b.arg)
        return self.node("bool", fn, a, b, start=start, end=end, op=op)

    def status_is(self, op: str, track: str, lit: Node) -> _Fn:
        if lit.arg not in self.status_ids:
            raise fail(f"unknown status '{lit.arg}'; statuses are: "
                        f"{', '.join(self.status_ids)}", lit.start)
        if lit.arg not in self.ranges:
            return _CMP_FN[op](self.status_fn(track), lit.arg)
        lo, hi = self.ranges[lit.arg]
        if op == "==":
            return lambda ctx: lo <= ctx.values[track] < hi
        return lambda ctx: not lo <= ctx.values[track] < hi

    def status_fn(self, track: str) -> _Fn:
        # The last status whose `from` <= progress, in file order (the first if none).
        pairs, first = tuple(reversed(self.sym.statuses)), self.status_ids[0]

        def status(ctx: Any) -> str:
            p = ctx.values[track]
            for sid, start in pairs:
                if start <= p:
                    return sid
            return first
        return status
