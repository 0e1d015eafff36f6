"""Scenario expressions: parsed once from a whitelist, compiled to closures.

A small tokenizer and Pratt parser (SCENARIO_FORMAT.md, "Expressions") check
names and types while they build closures, so nothing from a scenario reaches
eval, getattr or import, and a mistake fails at load time with a message that
names the token and its column: ``unknown name 'tensoin' (column 1)``.

Choices the format page leaves open: comparisons do not chain (``a < b < c``
is an error: designers mean a range, most languages mean something else);
text and conditions compare only with ``==``/``!=`` (statuses are ids, not an
order); ``true false and or not turn turns`` are reserved; ``chose fired min
max abs`` are functions only before ``(``; ``min``/``max`` take one or more
numbers; dividing by zero gives 0.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, Protocol

import attrs

from wargame.records import fields_repr


class Context(Protocol):
    """What a compiled expression reads at run time (the engine's State)."""

    @property
    def values(self) -> Mapping[str, float]:
        """Indicator values and track progress, by id."""

    @property
    def turn(self) -> int:
        """1-based number of the current turn."""

    @property
    def chosen(self) -> AbstractSet[str]:
        """Option ids anyone chose earlier in this game."""

    @property
    def fired(self) -> AbstractSet[str]:
        """Event ids that have fired in this game."""


class ExprError(Exception):
    """An expression that does not parse or check; the message says why."""

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column
        """1-based column of the offending token, when there is one."""


@attrs.frozen
class Symbols:
    """The names a scenario defines, for checking expressions at load time."""

    __repr__ = fields_repr

    indicators: frozenset[str]
    tracks: frozenset[str]
    statuses: tuple[tuple[str, float], ...]
    """(status id, from) in order, as ``scenario.track_statuses``."""
    options: frozenset[str]
    events: frozenset[str]
    turns: int
    """How many turns the scenario has (the name ``turns``)."""
    status_ids: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    ranges: dict[str, tuple[float, float]] = attrs.field(init=False, eq=False, repr=False)
    """Status id -> [low, high) of progress, when statuses are ranges (see below)."""

    def __attrs_post_init__(self) -> None:
        # Worked out once per scenario, not once per expression.
        ids = tuple(i for i, _ in self.statuses)
        starts = [s for _, s in self.statuses]
        # With unique ids and rising `from`s, a status is a range of progress:
        # comparing with it needs no lookup at run time.
        ranges: dict[str, tuple[float, float]] = {}
        if len(set(ids)) == len(starts) and starts == sorted(set(starts)):
            bounds = [-math.inf, *starts[1:], math.inf]
            ranges = {i: (bounds[n], bounds[n + 1]) for n, i in enumerate(ids)}
        object.__setattr__(self, "status_ids", ids)
        object.__setattr__(self, "ranges", ranges)


@attrs.frozen
class Expr:
    """A compiled expression."""

    __repr__ = fields_repr

    source: str
    type: str
    """``bool``, ``number`` or ``text``."""
    fn: Callable[[Any], Any] = attrs.field(eq=False, repr=False)
    names: frozenset[str] = frozenset()
    """Indicator and track ids it reads."""
    chose: frozenset[str] = frozenset()
    """Option ids named in ``chose(...)``."""
    fired: frozenset[str] = frozenset()
    """Event ids named in ``fired(...)``."""
    tree: Node | None = attrs.field(default=None, eq=False, repr=False)
    """The checked syntax tree, for static analysis (``wargame lint``)."""

    def __call__(self, ctx: Context) -> Any:
        return self.fn(ctx)


RESERVED = frozenset({"true", "false", "and", "or", "not", "turn", "turns"})
"""Words that never mean a scenario id (the loader may refuse them as ids)."""
FUNCTIONS = ("chose", "fired", "min", "max", "abs")
MAX_LENGTH = 2000
MAX_NESTING = 50  # parentheses, calls and prefix operators; bounds parser recursion
MAX_DEPTH = 100  # tree depth; bounds the closures' recursion at run time

_TOKEN = re.compile(
    r"(?P<ws>\s+)|(?P<num>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<str>'[^']*'|\"[^\"]*\")|(?P<op>==|!=|<=|>=|[<>+\-*/(),.])"
)
_BAD_NUMBER_TAIL = re.compile(r"[A-Za-z0-9_.]+")
_CHAR_HINTS = {"=": "; use '==' to compare", "!": "; use 'not' or '!='", "&": "; use 'and'",
               "|": "; use 'or'", "[": "; lists and indexing are not part of the language"}
_BP = {"or": 1, "and": 2, "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
       "+": 5, "-": 5, "*": 6, "/": 6}
_NOT_BP, _CMP_BP, _NEG_BP = 3, 4, 7
_NOUN = {"number": "a number", "text": "text", "bool": "a condition"}
_WANT = {"number": "a number", "text": "text", "bool": "a condition (true or false)"}
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


def _fail(message: str, at: int) -> ExprError:
    return ExprError(f"{message} (column {at + 1})", at + 1)


def _pick2(name: str, f: _Fn, g: _Fn) -> _Fn:
    # Spelled out: a conditional is about twice as fast as calling builtin min/max.
    if name == "min":
        return lambda ctx: x if (x := f(ctx)) <= (y := g(ctx)) else y
    return lambda ctx: x if (x := f(ctx)) >= (y := g(ctx)) else y


@attrs.define(slots=True)
class _Node:
    __repr__ = fields_repr

    type: str
    fn: _Fn
    kind: str = "op"
    """const (arg = value), var (arg = id), status (arg = track id), turn or op."""
    arg: Any = None
    """For op nodes ``chose`` and ``fired``: the option or event id."""
    start: int = 0
    end: int = 0
    depth: int = 1
    op: str = ""
    """For op nodes: ``and or not - abs + * / == != < <= > >= min max chose fired``
    (``-`` with one kid is negation)."""
    kids: tuple[_Node, ...] = ()
    """Operands in order; a comparison with a constant has it second."""


Node = _Node
"""A node of a checked expression (``Expr.tree``), for static analysis."""


class _Parser:
    def __init__(self, source: str, symbols: Symbols) -> None:
        self.src, self.sym = source, symbols
        self.toks = self._tokenize(source)
        self.pos = self.nesting = 0
        self.names: set[str] = set()
        self.chose: set[str] = set()
        self.fired: set[str] = set()
        self.status_ids, self.ranges = symbols.status_ids, symbols.ranges

    @staticmethod
    def _tokenize(src: str) -> list[tuple[str, str, int, int]]:
        toks, i = [], 0
        while i < len(src):
            m = _TOKEN.match(src, i)
            if m is None:
                ch = src[i]
                if ch in "'\"":
                    raise _fail(f"text starting with {ch} is not closed", i)
                raise _fail(f"unexpected character {ch!r}{_CHAR_HINTS.get(ch, '')}", i)
            kind, text = m.lastgroup or "", m.group()
            if kind == "num" and (tail := _BAD_NUMBER_TAIL.match(src, m.end())):
                raise _fail(f"bad number '{text + tail.group()}'", i)
            if kind == "name" and text.startswith("_"):
                raise _fail(f"'{text}' is not allowed", i)
            if kind != "ws":
                toks.append((kind, text, i, m.end()))
            i = m.end()
        toks.append(("end", "", len(src), len(src)))
        return toks

    # -- helpers --------------------------------------------------------------
    def enter(self, at: int) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise _fail("expression is nested too deeply", at)

    def peek(self) -> tuple[str, str, int, int]:
        return self.toks[self.pos]

    def take(self) -> tuple[str, str, int, int]:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def expect(self, text: str, context: str) -> tuple[str, str, int, int]:
        tok = self.take()
        if tok[1] != text:
            raise _fail(f"expected '{text}' {context}, found {self.what(tok)}", tok[2])
        return tok

    @staticmethod
    def what(tok: tuple[str, str, int, int]) -> str:
        return "the end" if tok[0] == "end" else f"'{tok[1]}'"

    def desc(self, n: _Node) -> str:
        text = self.src[n.start:n.end].strip()
        if n.kind == "const" and n.type == "text":
            return text  # already quoted
        return f'"{text}"' if "'" in text and '"' not in text else f"'{text}'"

    def node(self, type_: str, fn: _Fn, *kids: _Node, start: int, end: int,
             kind: str = "op", arg: Any = None, op: str = "") -> _Node:
        depth = 1 + max((k.depth for k in kids), default=0)
        if depth > MAX_DEPTH:
            raise _fail("expression is too complex", start)
        return _Node(type_, fn, kind, arg, start, end, depth, op, kids)

    def const(self, value: Any, type_: str, start: int, end: int) -> _Node:
        if type_ == "number":
            if not math.isfinite(value):
                raise _fail("number out of range", start)
            value = float(value)
        return _Node(type_, lambda ctx: value, "const", value, start, end, 0)

    def need(self, n: _Node, type_: str, what: str, at: int) -> None:
        if n.type != type_:
            noun = "conditions" if type_ == "bool" else "numbers"
            raise _fail(f"{what} needs {noun}; {self.desc(n)} is {_NOUN[n.type]}", at)

    # -- grammar --------------------------------------------------------------
    def parse(self) -> _Node:
        if self.peek()[0] == "end":
            raise ExprError("empty expression")
        n = self.expr(0)
        tok = self.peek()
        if tok[0] != "end":
            raise _fail(f"unexpected {self.what(tok)}", tok[2])
        return n

    def expr(self, rbp: int) -> _Node:
        left = self.prefix(rbp)
        compared = False
        while True:
            _, text, at, _ = self.peek()
            bp = _BP.get(text)  # str and num tokens never spell an operator
            if bp is None or bp <= rbp:
                return left
            self.take()
            if bp == _CMP_BP and compared:
                raise _fail(f"comparisons don't chain; write 'a < b and b {text} c'", at)
            right = self.expr(bp)
            if bp == _CMP_BP:
                left, compared = self.compare(text, left, right, at), True
            elif bp <= 2:
                left = self.logic(text, left, right, at)
            else:
                left = self.arith(text, left, right, at)

    def prefix(self, rbp: int) -> _Node:
        kind, text, at, end = tok = self.take()
        if kind == "num":
            return self.const(float(text), "number", at, end)
        if kind == "str":
            return self.const(text[1:-1], "text", at, end)
        if kind == "name" and text in ("true", "false"):
            return self.const(text == "true", "bool", at, end)
        if text in ("-", "(", "not"):
            if text == "not" and rbp > _NOT_BP:  # as in Python: `a == not b` is unclear
                raise _fail("'not' needs parentheses here", at)
            self.enter(at)
            inner = self.expr({"(": 0, "-": _NEG_BP, "not": _NOT_BP}[text])
            self.nesting -= 1
            if text != "(":
                return self.unary(text, inner, at)
            inner.start, inner.end = at, self.expect(")", "to close '('")[3]
            return inner
        if kind == "name" and text not in ("and", "or"):
            return self.name(text, at, end)
        if kind == "end":
            raise _fail("unexpected end of expression", at)
        raise _fail(f"expected a value, found {self.what(tok)}", at)

    def name(self, name: str, at: int, end: int) -> _Node:
        nxt = self.peek()
        if nxt[1] == "(" and name not in RESERVED:
            return self.call(name, at)
        if name == "turn":
            return self.node("number", lambda ctx: float(ctx.turn), start=at, end=end,
                             kind="turn")
        if name == "turns":
            return self.const(float(self.sym.turns), "number", at, end)
        if name in self.sym.tracks and nxt[1] == ".":
            return self.field(name, at)
        if name in self.sym.indicators or name in self.sym.tracks:
            if nxt[1] == ".":
                raise _fail(f"'{name}' is an indicator; only tracks have .progress and "
                            ".status", nxt[2])
            return self.var(name, at, end)
        known = self.sym.indicators | self.sym.tracks | RESERVED
        raise _fail(f"unknown name '{name}'{self.suggest(name, known)}", at)

    def suggest(self, word: str, known: frozenset[str]) -> str:
        if word.lower() in known:
            return f"; did you mean '{word.lower()}'?"
        import difflib  # only a mistake needs it: not worth a start-up's import

        close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.7)
        return f"; did you mean '{close[0]}'?" if close else ""

    def field(self, track: str, at: int) -> _Node:
        self.take()
        kind, text, fat, end = self.take()
        if kind == "name" and text == "progress":
            return self.var(track, at, end)
        if kind != "name":
            raise _fail(f"expected 'progress' or 'status' after '{track}.', found "
                        f"{self.what((kind, text, fat, end))}", fat)
        if text != "status":
            raise _fail(f"unknown field '{text}' of track '{track}'; a track has .progress "
                        "and .status", fat)
        if not self.status_ids:
            raise _fail("no track statuses are defined", fat)
        self.names.add(track)
        return self.node("text", self.status_fn(track), start=at, end=end,
                         kind="status", arg=track)

    def var(self, key: str, at: int, end: int) -> _Node:
        self.names.add(key)
        return self.node("number", lambda ctx: ctx.values[key], start=at, end=end,
                         kind="var", arg=key)

    def call(self, name: str, at: int) -> _Node:
        if name not in FUNCTIONS:
            known = self.sym.indicators | self.sym.tracks
            if name in known:
                raise _fail(f"'{name}' is not a function", at)
            close = self.suggest(name, frozenset(FUNCTIONS))
            raise _fail(f"unknown function '{name}'{close}", at)
        self.take()
        self.enter(at)
        if name in ("chose", "fired"):
            kind, text, sat, _ = self.take()
            what, ids, seen = (("option", self.sym.options, self.chose) if name == "chose"
                               else ("event", self.sym.events, self.fired))
            key = text[1:-1]
            if kind != "str":
                raise _fail(f"{name}() takes one {what} id in quotes, like {name}('id')", sat)
            if key not in ids:
                raise _fail(f"unknown {what} '{key}' in {name}(){self.suggest(key, ids)}", sat)
            end = self.expect(")", f"after the {what} id")[3]
            self.nesting -= 1
            seen.add(key)
            if name == "chose":
                return self.node("bool", lambda ctx: key in ctx.chosen, start=at, end=end,
                                 arg=key, op="chose")
            return self.node("bool", lambda ctx: key in ctx.fired, start=at, end=end,
                             arg=key, op="fired")
        if self.peek()[1] == ")":
            raise _fail(f"{name}() needs at least one number", at)
        args = [self.expr(0)]
        while self.peek()[1] == ",":
            self.take()
            args.append(self.expr(0))
        end = self.expect(")", f"to close {name}(")[3]
        self.nesting -= 1
        for a in args:
            self.need(a, "number", f"{name}()", a.start)
        if name == "abs":
            if len(args) != 1:
                raise _fail(f"abs() takes 1 number, got {len(args)}", at)
            return self.unary("abs", args[0], at, end)
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
    def unary(self, op: str, x: _Node, at: int, end: int | None = None) -> _Node:
        type_, fold, make = _UNARY[op]
        self.need(x, type_, f"'{op}'", at)
        end = x.end if end is None else end
        if x.kind == "const":
            return self.const(fold(x.arg), type_, at, end)
        return self.node(type_, make(x.fn), x, start=at, end=end, op=op)

    def logic(self, op: str, a: _Node, b: _Node, at: int) -> _Node:
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

    def arith(self, op: str, a: _Node, b: _Node, at: int) -> _Node:
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

    def compare(self, op: str, a: _Node, b: _Node, at: int) -> _Node:
        start, end = a.start, b.end
        if op not in ("==", "!="):
            for x in (a, b):
                if x.type != "number":
                    extra = " (statuses are ids, not an order)" if x.kind == "status" else ""
                    raise _fail(f"'{op}' needs numbers; {self.desc(x)} is "
                                f"{_NOUN[x.type]}{extra}", at)
        elif a.type != b.type:
            raise _fail(f"{self.desc(a)} is {_NOUN[a.type]}; compared with "
                        f"{_NOUN[b.type]} {self.desc(b)}", at)
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

    def status_is(self, op: str, track: str, lit: _Node) -> _Fn:
        if lit.arg not in self.status_ids:
            raise _fail(f"unknown status '{lit.arg}'; statuses are: "
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


def compile_expr(source: str, symbols: Symbols, want: str) -> Expr:
    """Parse and check ``source``; ``want`` is ``bool`` or ``number`` (or ``text``).

    Raises ExprError, whose message ends in ``(column N)`` when a token is to blame.
    """
    if want not in _WANT:
        raise ValueError(f"want must be bool, number or text, not {want!r}")
    if not isinstance(source, str):
        raise ExprError(f"an expression must be text in quotes, not {type(source).__name__}")
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression is too long ({len(source)} characters; "
                        f"at most {MAX_LENGTH})")
    parser = _Parser(source, symbols)
    node = parser.parse()
    if node.type != want:
        raise ExprError(f"this must be {_WANT[want]}, but {parser.desc(node)} "
                        f"is {_NOUN[node.type]}")
    return Expr(source=source, type=node.type, fn=node.fn, names=frozenset(parser.names),
                chose=frozenset(parser.chose), fired=frozenset(parser.fired), tree=node)
