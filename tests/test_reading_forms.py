"""How the marker reads a text's forms: a short text (a key point's clause) character by
character and a long one (an answer) by whole-text lookups (`text.WHOLE_TEXT`), the same
either way; and the sounds from pypinyin's readings without importing pypinyin."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drill import text
from drill.marker import sound, thesaurus

PIECES = [
    "服务效率低", "信息孤岛", "审批慢", "数据壁垒", "相对置后", "部门协同", "协同联动", "不到位", "放管服",
    "監管", "營商環境", "ＡＢ１", "㈠", "…", "　", "，", "、", "。", "\n", "x", "𠀀", "好不好",
    "e\u0301", "\u1100\u1161", "ﬁ", "①", "〶", "〪", "‥", "“", "İ", "\u3099",
]


def read(piece_text: str, whole_from: int) -> tuple:
    """Every form the marker reads of `piece_text`, whole-text lookups used from `whole_from` characters."""
    with pytest.MonkeyPatch.context() as patch:
        for module in (text, thesaurus):
            patch.setattr(module, "WHOLE_TEXT", whole_from)
        form, index = text.match_form.__wrapped__(piece_text)
        heard = sound.sound_form(form)
        return form, index.tolist(), heard, thesaurus.canonicalise(form, heard)


@settings(deadline=None)  # (the first example loads the sound and thesaurus tables)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40))
def test_a_text_reads_the_same_by_characters_and_by_whole_text_lookups(pieces: list[str]) -> None:
    written = "".join(pieces)
    assert read(written, 10**9) == read(written, 2)


def test_a_character_match_form_takes_as_stable_leaves_any_text_of_them_as_nfkc_would() -> None:
    """`match_form` skips NFKC for a text of characters `text._stable_table` holds: each must
    be NFKC-normalised alone, and none may join the character before it (a combining mark, or
    the second of the two characters any character decomposes to)."""
    import unicodedata

    stable = [code for code in text._stable_table().nonzero()[0].tolist() if code not in text._DROPPED_ANYWAY]
    joining = {
        decomposed.split()[1] for decomposed in map(unicodedata.decomposition, map(chr, range(0x110000)))
        if decomposed and not decomposed.startswith("<") and len(decomposed.split()) == 2
    }
    assert len(stable) > 20000  # (the ideographs, punctuation and ASCII)
    for code in stable:
        char = chr(code)
        assert unicodedata.is_normalized("NFKC", char) and not unicodedata.combining(char), hex(code)
        assert f"{code:04X}" not in joining, hex(code)


def test_the_readings_are_pypinyin_s_own_read_from_its_file_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    from pypinyin.pinyin_dict import pinyin_dict

    sound._readings.cache_clear()
    assert sound._readings() == pinyin_dict
    # A pypinyin that keeps its readings in another file: they are imported.
    monkeypatch.setattr(sound, "READINGS_FILE", "elsewhere.json")
    sound._readings.cache_clear()
    assert sound._readings() is pinyin_dict
    monkeypatch.undo()
    sound._readings.cache_clear()


def test_marking_does_not_import_pypinyin() -> None:
    """Importing pypinyin loads its phrase dictionary and segmenter, which the marker never uses
    (0.24 s of a one-answer `drill score`, against 0.03 s to read the readings alone)."""
    code = (
        "import sys; from drill.marker.sound import sound_form; "
        "sound_form('营商环境' * 30); sound_form('𠀀营商'); print('pypinyin' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_syllable_has_one_symbol_whatever_order_the_characters_are_met_in() -> None:
    """Symbols are numbered from every syllable at once, not as syllables are met: two threads
    meeting two new syllables at once could otherwise give both the same symbol (the app marks
    in threads), and 政 would sound like 发."""
    symbols = sound._symbols()
    assert len(set(symbols.values())) == len(symbols) > 400
    code = "from drill.marker.sound import sound_form; import sys; print(*(sound_form(t) for t in sys.argv[1:]))"
    heard = [
        subprocess.run([sys.executable, "-c", code, *order], capture_output=True, text=True, check=True).stdout.split()
        for order in (["政", "发", "到位"], ["到位", "发", "政"])
    ]
    assert heard[0] == heard[1][::-1]
    assert sound.sound_form("到位") == sound.sound_form("到味") != sound.sound_form("政治")
