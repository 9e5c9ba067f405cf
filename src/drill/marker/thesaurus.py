"""The thesaurus (同义词表): groups of phrasings read as one, kept as data in `data/thesaurus.toml`.

Phrasings are found by their sound (see `sound.py`), so a homophone slip inside one
(相对置后 for 相对滞后) is read as the phrasing too.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from drill.marker.sound import sound_form

THESAURUS_FILE = Path(__file__).parent / "data" / "thesaurus.toml"


def groups() -> list[list[str]]:
    """The groups as written in the data file."""
    return tomllib.loads(THESAURUS_FILE.read_text(encoding="utf-8"))["groups"]


# Where a phrasing may start is found by its first two sounds, hashed into a table of this many bits.
_OPENING_BITS = 20


def _openings(codes):
    """The hash of each pair of neighbouring code points (a numpy array of them)."""
    import numpy as np

    wide = codes.astype(np.uint64)
    return ((wide[:-1] * np.uint64(0x9E3779B1)) ^ wide[1:]) & np.uint64((1 << _OPENING_BITS) - 1)


def _codes(text: str):
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


@lru_cache(maxsize=1)
def _table():
    """A pattern over sound forms; for each sound its group head (characters, sound); and a
    table of the hashes of the pairs of sounds a phrasing opens with (None when a phrasing
    is a single character, so that any position may open one)."""
    import numpy as np

    heads: dict[str, tuple[str, str]] = {}
    for group in groups():
        head = (group[0], sound_form(group[0]))
        for phrase in group:
            heads.setdefault(sound_form(phrase), head)
    opens = np.zeros(1 << _OPENING_BITS, dtype=bool)
    opens[_openings(_codes("".join(sound[:2] for sound in heads if len(sound) >= 2)))[::2]] = True
    if any(len(sound) < 2 for sound in heads):
        opens = None
    return re.compile(_trie_pattern(list(heads))), heads, opens


def _found(pattern: re.Pattern[str], sound: str, opens) -> list[re.Match[str]]:
    """Every phrasing in `sound`, leftmost first, longest first, none overlapping: what
    `pattern.finditer` finds, but tried only where a phrasing's first two sounds stand (a
    pattern of hundreds of phrasings is slow to try at every position)."""
    if opens is None or len(sound) < 2:
        return list(pattern.finditer(sound))
    import numpy as np

    found: list[re.Match[str]] = []
    end = 0
    for at in np.flatnonzero(opens[_openings(_codes(sound))]).tolist():
        if at >= end and (match := pattern.match(sound, at)):
            found.append(match)
            end = match.end()
    return found


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of `words`, longest first, factored by common prefixes.

    The factored form is much faster to search than a flat alternation of 150 phrasings.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy: a longer phrasing is tried first, the shorter one (ending here) after it.
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


@lru_cache(maxsize=1024)
def _picks(found: int, head: int) -> tuple[int, ...]:
    """Which of `found` original positions each of a head's `head` characters takes: first
    to first, last to last, the rest spread between."""
    last = head - 1
    return tuple(round(i * (found - 1) / last) if last else 0 for i in range(head))


def canonicalise(form: str, sound: str, index: list[int]) -> tuple[str, str, list[int]]:
    """Replace every thesaurus phrasing in a compact form (and its sound form) by its group's head.

    `index` maps each character of `form` to the original text; a replacement's characters
    take the indices of the characters they replace, first to first and last to last, so
    evidence still covers the whole phrasing the candidate wrote.
    """
    pattern, heads, opens = _table()
    forms: list[str] = []
    sounds: list[str] = []
    out_index: list[int] = []
    pos = 0
    for match in _found(pattern, sound, opens):
        start, end = match.span()
        head, head_sound = heads[match.group()]
        if form.startswith(head, start) and len(head) == end - start:
            continue  # the head itself: nothing to replace
        forms += (form[pos:start], head)
        sounds += (sound[pos:start], head_sound)
        out_index += index[pos:start]
        span = index[start:end]
        out_index += [span[i] for i in _picks(len(span), len(head))]
        pos = end
    if not forms:
        return form, sound, index
    forms.append(form[pos:])
    sounds.append(sound[pos:])
    out_index += index[pos:]
    return "".join(forms), "".join(sounds), out_index
