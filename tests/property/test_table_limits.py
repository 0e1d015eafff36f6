"""The limits on a parsed table (depth, finite numbers) give the same verdict on the fast path.

``check_table`` first walks a table once without building key paths; only
when that walk finds something does it walk again to name it. The message a
user gets must be the one the naming walks (``name_problem``) alone would give,
for any table.
"""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.tomlio import MAX_DEPTH, Problem, check_table, name_problem

_LEAVES = st.one_of(
    st.text(max_size=3), st.booleans(), st.integers(min_value=-(10**310), max_value=10**310),
    st.floats(), st.dates(),
)


def _nested(depth: int) -> st.SearchStrategy:
    """Tables and arrays around chains deep enough to cross MAX_DEPTH now and then."""
    def wrap(inner: st.SearchStrategy) -> st.SearchStrategy:
        return st.one_of(st.lists(inner, max_size=3),
                         st.dictionaries(st.text(max_size=2), inner, max_size=3))
    tree = st.recursive(_LEAVES, wrap, max_leaves=12)

    def deepen(value, levels: int, as_list: bool):
        for _ in range(levels):
            value = [value] if as_list else {"k": value}
        return value
    return st.builds(deepen, tree, st.integers(0, depth), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=3), _nested(MAX_DEPTH + 2), max_size=4))
def test_fast_check_gives_the_slow_checks_message(table):
    assert check_table(table, "t.toml") == name_problem(table, "t.toml")


def test_limits_at_the_edge():
    ok = {"a": [{"b": 1.0}]}
    for _ in range(MAX_DEPTH - 3):
        ok = {"a": ok}
    assert check_table(ok, "t.toml") is None
    too_deep = {"x": ok}
    assert "nested more than" in str(check_table(too_deep, "t.toml"))
    assert check_table({"a": {"b": [1, math.inf]}}, "t.toml") == Problem(
        "t.toml", "a.b[1]", "numbers must be finite (no inf or nan) and within ±1.7e308")
    assert check_table({"d": dt.date(2022, 1, 10), "n": 10**400}, "t.toml").where == "n"
