"""The thesaurus (同义词表): groups of phrasings read as one, kept as data in `data/thesaurus.toml`.

Phrasings are found by their sound (see `sound.py`), so a homophone slip inside one
(相对置后 for 相对滞后) is read as the phrasing too. The problems are read first and the
other groups after, in what is left: where a problem phrasing and another overlap (服务效率低:
服务效率 and 效率低), the problem is read, so that no negation is lost to a topic word.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from drill.marker.sound import sound_form
from drill.text import WHOLE_TEXT, code_points

THESAURUS_FILE = Path(__file__).parent / "data" / "thesaurus.toml"


def passes() -> tuple[list[list[str]], list[list[str]]]:
    """The groups in the order they are read: the problems (with a negation word or named
    without one), then the others (see the data file for what each holds)."""
    data = tomllib.loads(THESAURUS_FILE.read_text(encoding="utf-8"))
    return data["problems"] + data["named_problems"], data["others"]


def groups() -> list[list[str]]:
    """Every group, problems first."""
    first, then = passes()
    return first + then


# Where a phrasing may start is found by its first two sounds (or three), hashed into one table
# of this many bits for both passes: 64 KB, which can stay in the processor's cache as every
# position of an answer looks it up (the four tables of 1 MB it replaced could not). A position
# that hashes like an opening and is none is passed over by a look-up in the pass's openings.
_OPENING_BITS = 16


def _openings(codes, size: int = 2):
    """The hash of each run of `size` neighbouring code points (a numpy array of them, uint32:
    the products wrap, which a hash may)."""
    import numpy as np

    last = len(codes) - size + 1
    mixed = codes[:last]
    for k in range(1, size):
        mixed = (mixed * np.uint32(0x9E3779B1)) ^ codes[k : last + k]
    return mixed & np.uint32((1 << _OPENING_BITS) - 1)


def _starts(which: int, found) -> list[int]:
    """Where a phrasing of pass `which` may start: its first two sounds (a phrasing of two)
    or three (a longer one) stand there, by what the text's hashes found (`_looked_up`)."""
    import numpy as np

    two, three = found
    pair, triple = _opening_bits(which)
    may = two & np.uint8(pair)
    if len(three):
        may[: len(three)] |= three & np.uint8(triple)
    return np.flatnonzero(may).tolist()


def _opening_bits(which: int) -> tuple[int, int]:
    """The bits of `_opening_table` for pass `which`: one where a phrasing of two sounds opens,
    one where a longer one's first three do."""
    return 1 << 2 * which, 2 << 2 * which


def _looked_up(sound: str):
    """For each pair and each three of neighbouring sounds, the bits of `_opening_table` its
    hash holds, for `_starts`."""
    codes = code_points(sound)
    table = _opening_table()
    return table.take(_openings(codes, 2)), table.take(_openings(codes, 3)) if len(codes) >= 3 else table[:0]


@lru_cache(maxsize=2)
def _sought(which: int) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, ...]], list[str]]:
    """For one pass: each phrasing's sound with its group head (characters, sound), the
    phrasings written with each sound, and the sounds looked for. A head that would only ever
    be found as itself, touching no other phrasing (`_alone`), is not looked for: finding it
    would change nothing."""
    heads: dict[str, tuple[str, str]] = {}
    written: dict[str, tuple[str, ...]] = {}
    for group in passes()[which]:
        head = (group[0], sound_form(group[0]))
        for phrase in group:
            sound = sound_form(phrase)
            heads.setdefault(sound, head)
            written[sound] = written.get(sound, ()) + (phrase,)
    # A head found as itself changes nothing, unless another phrasing is inside it (it keeps
    # that from being read) or, in the first pass, one runs into it (it keeps the second pass
    # off its characters): the others are not looked for.
    return heads, written, [sound for sound in heads if written[sound] != (heads[sound][0],) or not _alone(sound, which)]


@lru_cache(maxsize=1)
def _opening_table():
    """For every hash of the pairs and threes of sounds phrasings open with, the bits of each
    pass (`_opening_bits`) where a phrasing of two sounds opens so, or a longer one's first three."""
    import numpy as np

    table = np.zeros(1 << _OPENING_BITS, dtype=np.uint8)
    for which in (0, 1):
        sought = _sought(which)[2]
        pair, triple = _opening_bits(which)
        table[_openings(code_points("".join(sound for sound in sought if len(sound) == 2)), 2)[::2]] |= np.uint8(pair)
        table[_openings(code_points("".join(sound[:3] for sound in sought if len(sound) >= 3)), 3)[::3]] |= np.uint8(triple)
    return table


@lru_cache(maxsize=2)
def _table(which: int):
    """For one pass: the phrasings looked for, by sound, each with its group head (characters,
    sound) and the phrasings written with that sound; the length of the sounds they open with,
    and for each opening the lengths of those that open so, longest first; and whether where
    they may start is found by `_opening_table` (not when a phrasing is a single character, so
    that any position may open one)."""
    heads, written, sought = _sought(which)
    entries = {sound: (*heads[sound], written[sound]) for sound in sought}
    opening = min([2, *map(len, sought)])
    sizes: dict[str, set[int]] = {}
    for sound in sought:
        sizes.setdefault(sound[:opening], set()).add(len(sound))
    hashed = not any(len(sound) < 2 for sound in sought)
    return entries, opening, {key: sorted(found, reverse=True) for key, found in sizes.items()}, hashed


@lru_cache(maxsize=1)
def _pieces() -> tuple[set[str], set[str], set[str], set[str]]:
    """Of every phrasing's sound: the sounds, their proper prefixes, and the proper suffixes
    and the sounds of the second pass's phrasings."""
    first, then = ({sound_form(p) for group in part for p in group} for part in passes())
    every = first | then
    prefixes = {s[:k] for s in every for k in range(1, len(s))}
    suffixes = {s[k:] for s in then for k in range(1, len(s))}
    return every, prefixes, suffixes, then


def _alone(sound: str, which: int) -> bool:
    """Whether finding a head as itself could change nothing: no other phrasing is inside it
    and, for a first-pass head, none starts or ends inside it and runs on."""
    every, prefixes, suffixes, _ = _pieces()
    n = len(sound)
    if any(sound[a:b] in every for a in range(n) for b in range(a + 1, n + 1) if b - a < n):
        return False
    if which == 1:
        return True
    return not (any(sound[k:] in prefixes for k in range(1, n)) or any(sound[:k] in suffixes for k in range(1, n)))


# Characters that carry a statement's stance: a slip may never stand for one (进一步完善 is not
# 进一不完善, 干部担当 not 干不担当).
_STANCE_CHARACTERS = frozenset("不没未无非缺欠难")


def _as_written(text: str, phrasings: tuple[str, ...]) -> bool:
    """Whether `text`, which sounds like `phrasings`, is one of them or a slip in one: a
    phrasing of three or more characters with one of them (not a stance character) another
    of the same sound (相对置后 for 相对滞后). A two-character sound-alike is another word
    (政治 is not 整治, 发力 not 乏力)."""
    for phrase in phrasings:
        if text == phrase:
            return True
        if len(phrase) >= 3:
            differ = [(a, b) for a, b in zip(text, phrase) if a != b]
            if len(differ) <= 1 and not any(a in _STANCE_CHARACTERS or b in _STANCE_CHARACTERS for a, b in differ):
                return True
    return False


def _found(
    which: int, form: str, sound: str, hashes, taken: bytearray | None = None, held: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int, str, str]]:
    """Every phrasing of pass `which` (`_table`) in `sound` (of `form`), leftmost first, longest
    first, none overlapping and none over a character `taken` (found in the first pass), each
    as written or a slip in it (`_as_written`), as (start, end, head, head's sound) where it
    is not its head already; `held` gets every span found. Tried only where a phrasing's
    first sounds stand (most positions open none)."""
    entries, opening, sizes, hashed = _table(which)
    starts = _starts(which, hashes) if hashed and hashes is not None else range(len(sound))
    found: list[tuple[int, int, str, str]] = []
    end = 0
    for at in starts:
        if at < end or (lengths := sizes.get(sound[at : at + opening])) is None:
            continue
        # The longest phrasing that opens here (a dict look-up for each length: quicker than a
        # pattern of hundreds of phrasings, which re tries branch by branch).
        for size in lengths:
            if (entry := entries.get(key := sound[at : at + size])) is not None:
                break
        else:
            continue
        stop = at + len(key)  # (near the end, the slice found may be shorter than `size`)
        text = form[at:stop]
        head, head_sound, phrasings = entry
        if (text in phrasings or _as_written(text, phrasings)) and not (taken and taken.find(1, at, stop) >= 0):
            end = stop
            if held is not None:
                held.append((at, stop))
            if text != head:
                found.append((at, stop, head, head_sound))
    return found


@lru_cache(maxsize=1024)
def _picks(found: int, head: int) -> tuple[int, ...]:
    """Which of `found` original positions each of a head's `head` characters takes: first
    to first, last to last, the rest spread between."""
    last = head - 1
    return tuple(round(i * (found - 1) / last) if last else 0 for i in range(head))


def canonicalise(form: str, sound: str) -> tuple[str, str, list[tuple[int, int, int]]]:
    """Replace every thesaurus phrasing in a compact form (and its sound form) by its group's
    head: the problems are found first, then the other groups where no problem was found.
    Also returns each replacement as (start, end, the head's length) in `form`, in order, for
    `canonical_offsets`."""
    held: list[tuple[int, int]] = []
    hashes = _looked_up(sound) if len(sound) >= WHOLE_TEXT else None  # (a short text is tried at every position)
    first = _found(0, form, sound, hashes, held=held)
    taken = None
    if held:
        taken = bytearray(len(form))
        for start, end in held:
            taken[start:end] = b"\x01" * (end - start)
    then = _found(1, form, sound, hashes, taken)
    found = sorted(first + then) if first and then else first or then
    if not found:
        return form, sound, []
    found = _doublets(form, found)
    forms: list[str] = []
    sounds: list[str] = []
    pos = 0
    add_form, add_sound = forms.append, sounds.append
    for start, end, head, head_sound in found:
        add_form(form[pos:start])
        add_form(head)
        add_sound(sound[pos:start])
        add_sound(head_sound)
        pos = end
    forms.append(form[pos:])
    sounds.append(sound[pos:])
    return "".join(forms), "".join(sounds), [(start, end, len(head)) for start, end, head, _ in found]


def _doublets(form: str, found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Two phrasings of one group side by side say one thing (协同联动, 协调配合, 统筹整合): one
    replacement by the head, not the head twice (协同协同), whether each was replaced or one is
    the head as written."""
    out: list[tuple[int, int, str, str]] = []
    for i, (start, end, head, head_sound) in enumerate(found):
        if out and out[-1][1] == start and out[-1][2] == head:
            out[-1] = (out[-1][0], end, head, head_sound)
            continue
        size = len(head)
        if start >= size and form.startswith(head, start - size) and (not out or out[-1][1] <= start - size):
            start -= size  # the head as written just before it
        elif form.startswith(head, end) and (i + 1 == len(found) or found[i + 1][0] >= end + size):
            end += size  # or just after it
        out.append((start, end, head, head_sound))
    return out


def canonical_offsets(index, replaced: list[tuple[int, int, int]], positions: list[int]) -> list[int]:
    """For each position of the original text (in increasing order), where it falls in the
    canonical form: how many of the canonical form's characters stand for text before it.
    `index` maps the compact form's characters to the text (increasing); a replacement's head
    characters stand for the characters `_picks` gives them, first to first and last to last,
    so a clause boundary inside a phrasing still falls between the head characters on either
    side of it. The positions and the replacements are walked together, both in order."""
    import numpy as np

    at = np.searchsorted(index, positions).tolist()  # compact-form characters before each position
    if not replaced:
        return at
    out: list[int] = []
    add = out.append
    count, r, shift = len(replaced), 0, 0  # the replacements wholly before, and what they shifted
    start, end, head = replaced[0]
    for position in at:
        while end <= position:
            shift += head - (end - start)
            r += 1
            if r == count:
                start = end = 1 << 62  # (none left: every later position is past them all)
                break
            start, end, head = replaced[r]
        if start < position:  # inside replacement r: its head characters picked before it
            inside = position - start
            add(position + shift - inside + sum(1 for pick in _picks(end - start, head) if pick < inside))
        else:
            add(position + shift)
    return out
