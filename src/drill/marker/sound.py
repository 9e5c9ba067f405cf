"""Pinyin-aware comparison: each Han character replaced by a symbol for its sound.

Homophone slips (到味 for 到位, 置后 for 滞后) then compare equal. The first reading of each
character is used, tones dropped. Regional confusions (zh/z, -ng/-n) are not folded: they
made different words sound alike (基层接 and 承接), which misled the thesaurus.
"""

from __future__ import annotations

import unicodedata

_SYMBOL_BASE = 0xF0000  # a private-use plane: never in real text
_symbols: dict[str, str] = {}


def syllable(char: str) -> str | None:
    """The toneless syllable of a Han character, or None for anything else."""
    # Imported here: the dictionary takes 0.2 s to load, which the app's start need not wait for.
    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(ord(char))
    if not readings:
        return None
    plain = "".join(c for c in unicodedata.normalize("NFD", readings.split(",")[0]) if not unicodedata.combining(c))
    return plain.replace("ü", "v")


class _SoundTable(dict):
    """str.translate table from a character to its sound symbol, filled in as characters are met."""

    def __missing__(self, code: int) -> str:
        name = syllable(chr(code))
        found = chr(code) if name is None else _symbols.setdefault(name, chr(_SYMBOL_BASE + len(_symbols)))
        self[code] = found
        return found


_TABLE = _SoundTable()


def sound_form(form: str) -> str:
    """`form` with each Han character replaced by its sound symbol; the same length."""
    return form.translate(_TABLE)
