"""The tokenizer and Pratt parser of scenario expressions.

``Parser`` reads tokens by a whitelist and resolves names against the
scenario's ``Symbols``; every operator it meets goes to the ``Compiler``
methods it inherits, which check types and build closures. Nothing from a
scenario reaches eval, getattr or import.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from wargame.expr.compile import Compiler, ExprError, Node, fail

if TYPE_CHECKING:
    from wargame.expr.face import Symbols

RESERVED = frozenset({"true", "false", "and", "or", "not", "turn", "turns", "if"})
"""Words that never mean a scenario id (the loader may refuse them as ids)."""
FUNCTIONS = ("chose", "fired", "min", "max", "abs", "if", "offered", "signed", "breached")
TERM_FUNCTIONS = ("offered", "signed", "breached")
"""Functions of a term id: ``offered('t')`` reads the state's ``offered`` set, and so on."""
MAX_NESTING = 50  # parentheses, calls and prefix operators; bounds parser recursion

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


class Parser(Compiler):
    """Parses one expression: ``Parser(source, symbols).parse()`` is its checked tree."""

    def __init__(self, source: str, symbols: Symbols) -> None:
        super().__init__(source, symbols)
        self.toks = self._tokenize(source)
        self.pos = self.nesting = 0
        self.names: set[str] = set()
        self.chose: set[str] = set()
        self.fired: set[str] = set()
        self.terms: set[str] = set()

    @staticmethod
    def _tokenize(src: str) -> list[tuple[str, str, int, int]]:
        toks, i = [], 0
        while i < len(src):
            m = _TOKEN.match(src, i)
            if m is None:
                ch = src[i]
                if ch in "'\"":
                    raise fail(f"text starting with {ch} is not closed", i)
                raise fail(f"unexpected character {ch!r}{_CHAR_HINTS.get(ch, '')}", i)
            kind, text = m.lastgroup or "", m.group()
            if kind == "num" and (tail := _BAD_NUMBER_TAIL.match(src, m.end())):
                raise fail(f"bad number '{text + tail.group()}'", i)
            if kind == "name" and text.startswith("_"):
                raise fail(f"'{text}' is not allowed", i)
            if kind != "ws":
                toks.append((kind, text, i, m.end()))
            i = m.end()
        toks.append(("end", "", len(src), len(src)))
        return toks

    # -- helpers --------------------------------------------------------------
    def enter(self, at: int) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise fail("expression is nested too deeply", at)

    def peek(self) -> tuple[str, str, int, int]:
        return self.toks[self.pos]

    def take(self) -> tuple[str, str, int, int]:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def expect(self, text: str, context: str) -> tuple[str, str, int, int]:
        tok = self.take()
        if tok[1] != text:
            raise fail(f"expected '{text}' {context}, found {self.what(tok)}", tok[2])
        return tok

    @staticmethod
    def what(tok: tuple[str, str, int, int]) -> str:
        return "the end" if tok[0] == "end" else f"'{tok[1]}'"

    # -- grammar --------------------------------------------------------------
    def parse(self) -> Node:
        if self.peek()[0] == "end":
            raise ExprError("empty expression")
        n = self.expr(0)
        tok = self.peek()
        if tok[0] != "end":
            raise fail(f"unexpected {self.what(tok)}", tok[2])
        return n

    def expr(self, rbp: int) -> Node:
        left = self.prefix(rbp)
        compared = False
        while True:
            _, text, at, _ = self.peek()
            bp = _BP.get(text)  # str and num tokens never spell an operator
            if bp is None or bp <= rbp:
                return left
            self.take()
            if bp == _CMP_BP and compared:
                raise fail(f"comparisons don't chain; write 'a < b and b {text} c'", at)
            right = self.expr(bp)
            if bp == _CMP_BP:
                left, compared = self.compare(text, left, right, at), True
            elif bp <= 2:
                left = self.logic(text, left, right, at)
            else:
                left = self.arith(text, left, right, at)

    def prefix(self, rbp: int) -> Node:
        kind, text, at, end = tok = self.take()
        if kind == "num":
            return self.const(float(text), "number", at, end)
        if kind == "str":
            return self.const(text[1:-1], "text", at, end)
        if kind == "name" and text in ("true", "false"):
            return self.const(text == "true", "bool", at, end)
        if text in ("-", "(", "not"):
            if text == "not" and rbp > _NOT_BP:  # as in Python: `a == not b` is unclear
                raise fail("'not' needs parentheses here", at)
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
            raise fail("unexpected end of expression", at)
        raise fail(f"expected a value, found {self.what(tok)}", at)

    def name(self, name: str, at: int, end: int) -> Node:
        nxt = self.peek()
        if nxt[1] == "(" and (name not in RESERVED or name == "if"):
            return self.call(name, at)
        if name == "if":
            raise fail("'if' needs its arguments: if(condition, a, b)", at)
        if name == "turn":
            return self.node("number", lambda ctx: float(ctx.turn), start=at, end=end,
                             kind="turn")
        if name == "turns":
            return self.const(float(self.sym.turns), "number", at, end)
        if name in self.sym.tracks and nxt[1] == ".":
            return self.field(name, at)
        if name in self.sym.indicators or name in self.sym.tracks:
            if nxt[1] == ".":
                raise fail(f"'{name}' is an indicator; only tracks have .progress and "
                            ".status", nxt[2])
            return self.var(name, at, end)
        known = self.sym.indicators | self.sym.tracks | RESERVED
        raise fail(f"unknown name '{name}'{self.suggest(name, known)}", at)

    def suggest(self, word: str, known: frozenset[str]) -> str:
        if word.lower() in known:
            return f"; did you mean '{word.lower()}'?"
        close = closest(word, known)
        return f"; did you mean '{close}'?" if close else ""

    def field(self, track: str, at: int) -> Node:
        self.take()
        kind, text, fat, end = self.take()
        if kind == "name" and text == "progress":
            return self.var(track, at, end)
        if kind != "name":
            raise fail(f"expected 'progress' or 'status' after '{track}.', found "
                        f"{self.what((kind, text, fat, end))}", fat)
        if text != "status":
            raise fail(f"unknown field '{text}' of track '{track}'; a track has .progress "
                        "and .status", fat)
        if not self.status_ids:
            raise fail("no track statuses are defined", fat)
        self.names.add(track)
        return self.node("text", self.status_fn(track), start=at, end=end,
                         kind="status", arg=track)

    def var(self, key: str, at: int, end: int) -> Node:
        self.names.add(key)
        return self.node("number", lambda ctx: ctx.values[key], start=at, end=end,
                         kind="var", arg=key)

    def call(self, name: str, at: int) -> Node:
        if name not in FUNCTIONS:
            known = self.sym.indicators | self.sym.tracks
            if name in known:
                raise fail(f"'{name}' is not a function", at)
            close = self.suggest(name, frozenset(FUNCTIONS))
            raise fail(f"unknown function '{name}'{close}", at)
        self.take()
        self.enter(at)
        if name in ("chose", "fired", *TERM_FUNCTIONS):
            return self.ref(name, at)
        if self.peek()[1] == ")":
            if name == "if":
                raise fail("if() takes a condition and two values", at)
            raise fail(f"{name}() needs at least one number", at)
        args = [self.expr(0)]
        while self.peek()[1] == ",":
            self.take()
            args.append(self.expr(0))
        end = self.expect(")", f"to close {name}(")[3]
        self.nesting -= 1
        if name == "if":
            if len(args) != 3:
                raise fail(f"if() takes a condition and two values, got {len(args)} "
                           "argument" + ("" if len(args) == 1 else "s"), at)
            return self.choice(args[0], args[1], args[2], at, end)
        for a in args:
            self.need(a, "number", f"{name}()", a.start)
        if name == "abs":
            if len(args) != 1:
                raise fail(f"abs() takes 1 number, got {len(args)}", at)
            return self.unary("abs", args[0], at, end)
        return self.pick(name, args, at, end)

    def ref(self, name: str, at: int) -> Node:
        """``chose('option id')``, ``fired('event id')`` or ``signed('term id')`` (and
        ``offered``, ``breached``), after the ``(``."""
        kind, text, sat, _ = self.take()
        what, ids, seen = {"chose": ("option", self.sym.options, self.chose),
                           "fired": ("event", self.sym.events, self.fired)}.get(
                               name, ("term", self.sym.terms, self.terms))
        key = text[1:-1]
        if kind != "str":
            raise fail(f"{name}() takes one {what} id in quotes, like {name}('id')", sat)
        if key not in ids:
            raise fail(f"unknown {what} '{key}' in {name}(){self.suggest(key, ids)}", sat)
        end = self.expect(")", f"after the {what} id")[3]
        self.nesting -= 1
        seen.add(key)
        if name == "chose":
            return self.node("bool", lambda ctx: key in ctx.chosen, start=at, end=end,
                             arg=key, op="chose")
        if name == "offered":
            return self.node("bool", lambda ctx: key in ctx.offered, start=at, end=end,
                             arg=key, op=name)
        if name == "signed":
            return self.node("bool", lambda ctx: key in ctx.signed, start=at, end=end,
                             arg=key, op=name)
        if name == "breached":
            return self.node("bool", lambda ctx: key in ctx.breached, start=at, end=end,
                             arg=key, op=name)
        return self.node("bool", lambda ctx: key in ctx.fired, start=at, end=end,
                         arg=key, op="fired")


def _deletions(word: str) -> set[str]:
    """``word`` and every string one character shorter (the key of a close match)."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


@functools.lru_cache(maxsize=16)
def _near(known: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Each deletion of each name, mapped to the names it comes from; built once per set.

    Two words one edit apart (a letter wrong, missing, added, or two swapped)
    share a deletion (symmetric deletion, as SymSpell): a misspelled name is
    found by looking up its own deletions, whatever the number of names.
    """
    index: dict[str, list[str]] = {}
    for name in sorted(known):
        for key in _deletions(name):
            index.setdefault(key, []).append(name)
    return {key: tuple(names) for key, names in index.items()}


def closest(word: str, known: frozenset[str]) -> str | None:
    """The known name one edit from ``word`` (the first in sorted order), or None.

    Costs the length of ``word``, not the number of names: a file with a
    thousand misspellings among a thousand ids is checked in linear time.
    """
    if len(word) > 64:  # longer than any id a person types
        return None
    index = _near(known)
    found = {name for key in _deletions(word) for name in index.get(key, ())}
    return min(found) if found else None
