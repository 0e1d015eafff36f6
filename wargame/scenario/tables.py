"""Reading a scenario's TOML tables: typed keys, ids and references, every problem collected.

A ``Table`` reads one table's keys and says what is wrong with each in the
words of SCENARIO_FORMAT.md; a ``Reader`` holds what one load has found so far
(its problems, the ids claimed, the names expressions may use). Nothing here
raises for bad input: the loader raises once, with every problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from wargame.errors import Problem
from wargame.expr.face import (
    FUNCTIONS,
    RESERVED,
    Expr,
    ExprError,
    Symbols,
    compile_expr,
    constant,
)
from wargame.tomlio import control_problem

ID_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
NOT_IDS = RESERVED | frozenset(FUNCTIONS) | {"if"}
"""The words of the expression language: an id spelled so could not be told apart."""
MAX_TEXT = 20_000
"""Longest text field accepted; far beyond any briefing."""
MISSING = object()
"""Default of a required key: its absence is a problem."""


class Table:
    """Reads one TOML table, collecting problems instead of raising."""

    def __init__(self, loader: Reader, data: Any, where: str) -> None:
        self.loader = loader
        self.where = where
        self.ok = isinstance(data, dict)
        if not self.ok:
            loader.problem(where, f"must be a table, not {type_name(data)}")
            data = {}
        self.data: dict[str, Any] = data
        self.used: set[str] = set()

    def problem(self, key: str, message: str) -> None:
        self.loader.problem(f"{self.where}: {key}" if key else self.where, message)

    def get(self, key: str, kinds: tuple[type, ...], label: str, default: Any = MISSING) -> Any:
        self.used.add(key)
        if key not in self.data:
            if default is MISSING:
                self.problem(key, "required key is missing")
                return None
            return default
        value = self.data[key]
        if isinstance(value, bool) and bool not in kinds:
            self.problem(key, f"must be {label}, not a boolean")
            return None
        if not isinstance(value, kinds):
            self.problem(key, f"must be {label}, not {type_name(value)}")
            return None
        if isinstance(value, str):
            return self._checked_text(key, value)
        return value

    def _checked_text(self, key: str, value: str) -> str | None:
        if len(value) > MAX_TEXT:
            self.problem(key, f"text is too long ({len(value)} characters; limit {MAX_TEXT})")
            return None
        bad = control_problem(value)
        if bad is not None:
            self.problem(key, bad)
            return None
        return value

    def text(self, key: str, default: Any = MISSING) -> Any:
        return self.get(key, (str,), "text", default)

    def number(self, key: str, default: Any = MISSING) -> Any:
        value = self.get(key, (int, float), "a number", default)
        return None if value is None else float(value)

    def boolean(self, key: str, default: Any = MISSING) -> Any:
        return self.get(key, (bool,), "true or false", default)

    def ident(self, key: str = "id") -> str | None:
        value = self.text(key)
        if value is not None and not ID_RE.match(value):
            self.problem(key, f"'{value}' is not an id (lowercase letter, then a-z, 0-9, _)")
            return None
        if value in NOT_IDS:
            self.problem(key, f"'{value}' is a word of the expression language, not an id")
            return None
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: Any = MISSING) -> Any:
        value = self.text(key, default)
        if value is not None and value not in allowed:
            self.problem(key, f"'{value}' is not one of: {', '.join(allowed)}")
            return None
        return value

    def id_list(self, key: str, known: Mapping[str, Any], what: str,
                default: Any = MISSING) -> Any:
        value = self.get(key, (list,), "a list of ids", default)
        if value is None or value is default:
            return value
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.problem(f"{key}[{i}]", f"must be an id, not {type_name(item)}")
            elif item not in known:
                self.problem(key, f"unknown {what} '{item}'")
            elif item in out:
                self.problem(key, f"'{item}' is listed twice")
            else:
                out.append(item)
        return tuple(out)

    def finish(self) -> None:
        for key in self.data:
            if key not in self.used:
                self.problem("", f"unknown key '{key}'")


class Reader:
    """One load's state: its problems, the ids claimed so far, the names expressions see."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.ids: dict[str, str] = {}
        self.symbols: Symbols | None = None
        self.compiled: dict[tuple[str, str], Expr] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.source, where, message))

    def items(self, data: dict[str, Any], name: str, required: bool) -> list[Table]:
        """The tables of the array ``name`` (``[[name]]``), each named for messages."""
        raw = data.get(name, [])
        if required and not raw:
            self.problem(name, "at least one entry is required")
        if not isinstance(raw, list):
            self.problem(name, f"must be an array of tables ([[{name}]]), not {type_name(raw)}")
            return []
        tables = []
        for i, item in enumerate(raw):
            where = f"{name}[{i}]"
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                where += f" (id '{item['id']}')"
            tables.append(Table(self, item, where))
        return tables

    def claim(self, table: Table) -> str | None:
        ident = table.ident()
        if ident is None:
            return None
        if ident in self.ids:
            table.problem("id", f"'{ident}' is already used by {self.ids[ident]}")
            return None
        self.ids[ident] = table.where.split(" ")[0]
        return ident

    def compile(self, table: Table, key: str, source: str, want: str) -> Expr | None:
        """``source`` compiled as ``want``, or None with a problem at ``key``."""
        if self.symbols is None:
            return None
        # A third of a scenario's expressions repeat one another ("1" as a weight);
        # a compiled one is immutable and depends only on these, so one serves all.
        found = self.compiled.get((source, want))
        if found is not None:
            return found
        try:
            found = self.compiled[source, want] = compile_expr(source, self.symbols, want)
        except ExprError as exc:
            table.problem(key, f"{exc} (in \"{source}\")")
        return found

    def expr(self, table: Table, key: str, want: str, required: bool = False) -> Expr | None:
        source = table.text(key, MISSING if required else None)
        if source is None:
            return None
        return self.compile(table, key, source, want)

    def amount(self, table: Table, key: str, value: Any) -> float | Expr | None:
        """A number, or a number expression as text (a constant one folded to its number)."""
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            table.problem(key, "must be a number or a number expression as text, not "
                          f"{type_name(value)}")
            return None
        if not isinstance(value, str):
            return float(value)
        if len(value) > MAX_TEXT:
            table.problem(key, f"text is too long ({len(value)} characters; limit {MAX_TEXT})")
            return None
        found = self.compile(table, key, value, "number")
        if found is not None and found.tree is not None and found.tree.kind == "const":
            return float(found.tree.arg)
        return found

    def weight(self, table: Table, key: str = "weight") -> Expr | None:
        """An AI weight: a number or a number expression; None when absent (it means 1)."""
        if key not in table.data:
            table.used.add(key)
            return None
        table.used.add(key)
        value = self.amount(table, key, table.data[key])
        if value is None or isinstance(value, Expr):
            return value
        return constant(value)

    def amounts(self, table: Table, key: str, known: frozenset[str] | None,
                what: str) -> tuple[tuple[str, float | Expr], ...]:
        """A table ``{ id = amount }`` whose ids are in ``known``, in file order."""
        raw = table.get(key, (dict,), "a table of id = number", {})
        out: list[tuple[str, float | Expr]] = []
        for target, value in (raw or {}).items():
            if known is not None and target not in known:
                table.problem(key, f"unknown {what} '{target}'")
                continue
            amount = self.amount(table, f"{key}.{target}", value)
            if amount is not None:
                out.append((target, amount))
        return tuple(out)

    def effects(self, table: Table, key: str = "effects") -> tuple[tuple[str, float | Expr], ...]:
        known = self.symbols.indicators | self.symbols.tracks if self.symbols else None
        return self.amounts(table, key, known, "indicator or track")


def type_name(value: Any) -> str:
    return {
        bool: "a boolean", int: "an integer", float: "a number", str: "text",
        list: "an array", dict: "a table", dt.date: "a date", dt.datetime: "a date-time",
        dt.time: "a time",
    }.get(type(value), type(value).__name__)
