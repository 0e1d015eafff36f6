"""Scenario expressions: parsed once from a whitelist, compiled to closures.

A small tokenizer and Pratt parser (SCENARIO_FORMAT.md, "Expressions") check
names and types while they build closures, so nothing from a scenario reaches
eval, getattr or import, and a mistake fails at load time with a message that
names the token and its column: ``unknown name 'tensoin' (column 1)``.
This module is the public face (``compile_expr`` and the records it deals
in); ``exprparse.py`` holds the tokenizer and parser, ``exprcompile.py`` the
type checker and the closures.

Choices the format page leaves open: comparisons do not chain (``a < b < c``
is an error: designers mean a range, most languages mean something else);
text and conditions compare only with ``==``/``!=`` (statuses are ids, not an
order); ``true false and or not turn turns if`` are reserved; ``chose fired
min max abs offered signed breached`` are functions only before ``(``;
``min``/``max`` take one or more numbers; ``if(c, a, b)`` takes a condition
and two values of one type; dividing by zero gives 0.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, Protocol

import attrs

from wargame.expr.compile import MAX_DEPTH, NOUN, ExprError, Node
from wargame.expr.parse import FUNCTIONS, MAX_NESTING, RESERVED, TERM_FUNCTIONS, Parser
from wargame.records import fields_eq, fields_hash, fields_repr

__all__ = ["FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH", "MAX_NESTING", "RESERVED", "TERM_FUNCTIONS",
           "Context", "Expr", "ExprError", "Node", "Symbols", "compile_expr", "constant"]


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

    @property
    def offered(self) -> AbstractSet[str]:
        """Term ids put on the table in this game, whatever the answer."""

    @property
    def signed(self) -> AbstractSet[str]:
        """Term ids signed and not broken."""

    @property
    def breached(self) -> AbstractSet[str]:
        """Term ids signed and then broken."""


@attrs.frozen
class Symbols:
    """The names a scenario defines, for checking expressions at load time."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    indicators: frozenset[str]
    tracks: frozenset[str]
    statuses: tuple[tuple[str, float], ...]
    """(status id, from) in order, as ``scenario.track_statuses``."""
    options: frozenset[str]
    events: frozenset[str]
    turns: int
    """How many turns the scenario has (the name ``turns``)."""
    terms: frozenset[str] = frozenset()
    """Term ids, for ``offered()``, ``signed()`` and ``breached()``."""
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
    __eq__ = fields_eq
    __hash__ = fields_hash

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
    terms: frozenset[str] = frozenset()
    """Term ids named in ``offered(...)``, ``signed(...)`` or ``breached(...)``."""
    tree: Node | None = attrs.field(default=None, eq=False, repr=False)
    """The checked syntax tree, for static analysis (``wargame lint``)."""

    def __call__(self, ctx: Context) -> Any:
        return self.fn(ctx)


MAX_LENGTH = 2000
_WANT = {"number": "a number", "text": "text", "bool": "a condition (true or false)"}


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
    parser = Parser(source, symbols)
    node = parser.parse()
    if node.type != want:
        raise ExprError(f"this must be {_WANT[want]}, but {parser.desc(node)} "
                        f"is {NOUN[node.type]}")
    return Expr(source=source, type=node.type, fn=node.fn, names=frozenset(parser.names),
                chose=frozenset(parser.chose), fired=frozenset(parser.fired),
                terms=frozenset(parser.terms), tree=node)


@functools.lru_cache(maxsize=256)
def constant(value: float) -> Expr:
    """A number written as a number (``weight = 2``) as the expression it means.

    One Expr per number (an Expr never changes): a file of 10,000 options
    whose weights are all 1 builds it once.
    """
    value = float(value)
    node = Node("number", lambda ctx: value, "const", value, 0, 0, 0)
    source = str(int(value)) if value.is_integer() else repr(value)
    return Expr(source=source, type="number", fn=node.fn, tree=node)
