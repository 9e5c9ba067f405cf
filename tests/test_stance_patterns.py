"""The stance patterns tried only where their first characters stand (`stance.opening_with`)
miss no match: every character a match of the pattern can start with is among them, read
from the pattern itself by Python's own regex parser."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drill.marker import stance

try:
    from re import _constants as C, _parser as parser  # Python 3.11+
except ImportError:  # pragma: no cover - an older layout of the same parser
    pytest.skip("re's parser is not where Python 3.11 keeps it", allow_module_level=True)


def firsts(items) -> tuple[set[str] | None, bool]:
    """The characters a match of the parsed sequence `items` can start with (None: any), and
    whether it can match nothing at all."""
    out: set[str] = set()
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue  # zero-width: what follows opens the match
        if op is C.LITERAL:
            return out | {chr(av)}, False
        if op is C.IN:
            if any(o is C.NEGATE or o is C.CATEGORY for o, _ in av):
                return None, False
            for o, a in av:
                out |= {chr(a)} if o is C.LITERAL else {chr(c) for c in range(a[0], a[1] + 1)}
            return out, False
        if op is C.SUBPATTERN:
            inner, empty = firsts(av[-1])
        elif op is C.BRANCH:
            parts = [firsts(branch) for branch in av[1]]
            if any(p is None for p, _ in parts):
                return None, False
            inner, empty = set().union(*(p for p, _ in parts)), any(e for _, e in parts)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            inner, empty = firsts(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False  # ANY, a back-reference …: anything
        if inner is None:
            return None, False
        out |= inner
        if not empty:
            return out, False
    return out, True


@pytest.mark.parametrize("name", ["NEGATION", "_ANY_NEGATIVE", "RESOLVED"])
def test_every_match_opens_with_a_character_tried(name):
    compiled = getattr(stance, name)
    head = re.match(r"\(\?=\[([^\]]*)\]\)\(\?:", compiled.pattern)
    assert head, f"{name} is not made by opening_with"
    inner = compiled.pattern[head.end() : -1]
    can_open, empty = firsts(parser.parse(inner))
    assert can_open is not None and not empty, f"{name} can open with any character"
    assert can_open <= set(head.group(1)), f"{name} can open with {sorted(can_open - set(head.group(1)))}"


def test_the_check_finds_a_missing_opening():
    # The check itself: a set that leaves out 缺 is caught.
    can_open, _ = firsts(parser.parse(r"不(?!断)|缺|(?:度|性)低"))
    assert can_open == {"不", "缺", "度", "性"}


@given(st.text(alphabet="要以应加强不没未无难问题存在解决已经被滞后监管服务效率低高", max_size=16))
def test_a_window_mode_is_the_mode_stance_reads(form: str) -> None:
    # mode_of reads a window's mode without reading its negation twice: the same as stance's.
    assert stance.mode_of(form) == stance.stance(form)[1]
