"""Pinyin-aware comparison: each Han character replaced by a symbol for its sound.

Homophone slips (到味 for 到位, 置后 for 滞后) then compare equal. The first reading of each
character is used, tones dropped. Regional confusions (zh/z, -ng/-n) are not folded: they
made different words sound alike (基层接 and 承接), which misled the thesaurus.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from functools import lru_cache
from pathlib import Path

from drill.text import table_codes

_SYMBOL_BASE = 0xE000  # the private-use area of the BMP: never in a matching form (only letters and digits are)


def _plain(readings: str) -> str:
    """The first of a character's readings, tones dropped (ü as v)."""
    first = readings.split(",")[0]
    return "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c)).replace("ü", "v")


# The file pypinyin reads its readings of single characters from (pypinyin/pinyin_dict.py).
READINGS_FILE = "pinyin_dict.json"


@lru_cache(maxsize=1)
def _readings() -> dict[int, str]:
    """pypinyin's readings of each character, by code point, read from the package's own data
    file when first needed: importing pypinyin loads its phrase dictionary and segmenter too
    (0.24 s against 0.03 s for the file here), which the marker never uses. A pypinyin that
    keeps them elsewhere is imported after all."""
    package = importlib.util.find_spec("pypinyin")
    data = Path(package.origin).parent / READINGS_FILE if package and package.origin else None
    if data is None or not data.is_file():
        from pypinyin.pinyin_dict import pinyin_dict

        return pinyin_dict
    with open(data, encoding="utf-8") as file:
        return {int(code): readings for code, readings in json.load(file).items()}


def syllable(char: str) -> str | None:
    """The toneless syllable of a Han character, or None for anything else."""
    readings = _readings().get(ord(char))
    return _plain(readings) if readings else None


@lru_cache(maxsize=1)
def _symbols() -> dict[str, str]:
    """Each syllable's symbol: the syllables of every character's first reading, in order, each
    given the next code point of the private-use plane. Made whole at once, so that two threads
    reading sounds (the app marks in threads) give a syllable one symbol and no two syllables
    the same one, as numbering syllables in the order met could."""
    firsts = {readings.split(",", 1)[0] for readings in _readings().values() if readings}
    return {name: chr(_SYMBOL_BASE + i) for i, name in enumerate(sorted({_plain(first) for first in firsts}))}


class _SoundTable(dict):
    """str.translate table from a character to its sound symbol, filled in as characters are met
    (for text beyond the Basic Multilingual Plane, which the array below does not hold)."""

    def __missing__(self, code: int) -> str:
        name = syllable(chr(code))
        found = chr(code) if name is None else _symbols()[name]
        self[code] = found
        return found


_TABLE = _SoundTable()


@lru_cache(maxsize=1)
def _sound_array():
    """For every code point of the BMP, its sound symbol's code (its own code when it has no
    reading): a whole text is looked up at once (a tenth of the time of str.translate)."""
    import numpy as np  # here: the app's start need not wait for it

    table = np.arange(0x10000, dtype=np.uint32)
    symbols = _symbols()
    codes: dict[str, int] = {}  # each first reading's symbol (27,000 characters have 1,500 readings)
    for code, readings in _readings().items():
        if code < 0x10000 and readings:
            first = readings.split(",", 1)[0]
            symbol = codes.get(first)
            if symbol is None:
                symbol = codes[first] = ord(symbols[_plain(first)])
            table[code] = symbol
    return table


def sound_form(form: str) -> str:
    """`form` with each Han character replaced by its sound symbol; the same length."""
    codes = table_codes(form)
    if codes is None:
        return form.translate(_TABLE)
    return _sound_array()[codes].tobytes().decode("utf-32-le", "surrogatepass")
