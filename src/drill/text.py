"""Text: normalised once and here only, and cut into the pieces everything else reads.

- `clean_text`: what a reader sees — BOM/CRLF gone, Traditional→Simplified (opencc `t2s`),
  `字(pinyin)` annotations and stray `?` conversion debris removed, full-width letters and
  digits folded by NFKC while Chinese punctuation keeps its full-width form, whitespace folded.
- `match_form`: what the marker compares — the cleaned text without punctuation or
  whitespace, lower-cased, with each character's index in the original text.
- `word_count`: 字数 as markers count it.
- Where text parts: `SENTENCE_END` and `CLAUSE_MARK` (the one list of each), `NUMBERING`
  (一是, 一、, 1., （1）, 首先 …), `clause_spans`, `sentence_spans`, `paragraph_spans`, and
  `split_points` (a reference answer cut at its numbering).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


# Pinyin annotations left by a conversion tool: 優(yōu)化 → 優化. Real parentheses after a
# Han character hold Chinese or words without tone marks, so a tone mark is required.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_NOTE = re.compile(rf"(?<=[\u3400-\u9fff])\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]+\)")
# A `?` standing for a byte the converter could not map: before other punctuation or opening a line.
_STRAY_QUESTION = re.compile(r"\?+(?!\?)(?=[^\w\s”’)）」』】\]])|^[^\S\n]*\?+", re.MULTILINE)
# ASCII punctuation written between Chinese characters: shown in its full-width form.
_ASCII_TO_WIDE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]"
# A run of them is converted whole (、!? → 、！？), so cleaning twice changes nothing more.
_ASCII_PUNCT_NEAR_CJK = re.compile(rf"(?<={_CJK})[,;:?!]+|[,;:?!]+(?={_CJK})")
# A half-width full stop ending a Chinese sentence (PDF text, typed on an English keyboard):
# after a Han character or closing mark, before the end, a space, Chinese or a quote.
_ASCII_PERIOD = re.compile(rf"(?<=[\u3400-\u9fff”’」』）%])\.(?=$|\s|{_CJK}|[\"'])", re.MULTILINE)
_PAREN_CJK = re.compile(rf"\(([^()\n]*{_CJK}[^()\n]*)\)")
NUMERALS = "一二三四五六七八九十"
# What ends a sentence (a line break does too), and what parts the clauses of one. Every
# splitting of text into sentences or clauses is built from these two.
SENTENCE_END = "。；;！!？?"
CLAUSE_MARK = "，,、：:"
# A numbering marker that opens a point: 一是 / 一、 / 第一， / 1. / （1） / 首先 … at the start of
# a line or after a sentence ends. Shared by the importer (splitting 参考作答) and the marker.
NUMBERING = re.compile(
    rf"(?:^|(?<=[{SENTENCE_END}：:\n]))\s*(?:[{NUMERALS}]+是|[{NUMERALS}]+要(?![素求点件])|[{NUMERALS}]+[、，,]|第[{NUMERALS}]+[，、,：:]?|\d+\s*[.．、](?!\d)|[（(]\s*(?:\d+|[{NUMERALS}]+)\s*[）)]|首先|其次|再次|然后|此外|另外|最后)[，,、：:]?"
)
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # here: the dictionaries load when text is first converted, not at start

    return opencc.OpenCC("t2s")


_SURROGATE = re.compile("[\ud800-\udfff]")


def to_simplified(text: str) -> str:
    """Traditional → Simplified with opencc's `t2s` (phrase-aware).

    A lone surrogate (JSON can carry one: "\\ud800") is not text; it becomes U+FFFD first,
    since opencc needs valid UTF-8.
    """
    if not text:
        return text
    return _t2s().convert(_SURROGATE.sub("\ufffd", text))


def _keeps_width(char: str) -> bool:
    """Full-width punctuation (，（）：…) is left alone by NFKC folding: it is how Chinese is written."""
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:
        return not char.isalnum()
    return char in "…‥￥"


# CJK radicals that PDF text extraction puts for ordinary characters (⻋ for 车, ⺠ for 民).
# The Kangxi radicals (⼀ ⼈ ⾔, U+2F00–U+2FD5) fold by NFKC; these supplement radicals
# (U+2E80–U+2EF3) have no such folding, so they are written out here.
RADICALS = str.maketrans({
    "⺠": "民", "⻋": "车", "⻅": "见", "⻆": "角", "⻛": "风", "⻩": "黄", "⻓": "长", "⻔": "门",
    "⻢": "马", "⻥": "鱼", "⻦": "鸟", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟", "⻚": "页",
    "⻉": "贝", "⻜": "飞", "⻄": "西", "⻤": "鬼", "⻣": "骨", "⻨": "麦", "⻘": "青", "⺟": "母",
    "⻝": "食", "⻙": "韦", "⻗": "雨", "⻧": "卤", "⻪": "黾", "⻑": "長", "⻒": "镸",
    "⺁": "厂", "⺇": "几", "⺌": "小", "⺍": "小", "⺎": "兀", "⺏": "尣", "⺑": "尢", "⺒": "巳",
    "⺓": "幺", "⺕": "彐", "⺝": "月", "⺞": "歹", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫",
    "⺥": "爫", "⺦": "丬", "⺧": "牛", "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "罒", "⺬": "示",
    "⺭": "礻", "⺮": "竹", "⺯": "纟", "⺰": "糹", "⺱": "网", "⺲": "罒", "⺳": "网", "⺴": "网",
    "⺵": "网", "⺶": "羊", "⺷": "羊", "⺸": "羊", "⺹": "耂", "⺺": "聿", "⺻": "聿", "⺼": "月",
    "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "西", "⻇": "覀",
    "⻈": "讠", "⻊": "足", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "金", "⻕": "钅", "⻖": "阝",
    "⻟": "食", "⻠": "饣", "⻡": "首", "⻫": "齊", "⻭": "齒", "⻯": "龍", "⻱": "龜", "⻲": "亀",
})


def fold_width(text: str) -> str:
    """NFKC where it is safe for Chinese, character by character: Ａ１ → A1, ㈠ → (一), ⼈ → 人,
    but ，（）： stay full-width; and the CJK radicals a PDF gives for ordinary characters (⻋ → 车)."""
    if text.isascii():
        return text
    return _folding_runs().sub(_fold_run, text.translate(RADICALS))


def _fold_char(ch: str) -> str:
    """One character as `fold_width` folds it: NFKC, but for the full-width punctuation kept."""
    return ch if ch.isascii() or _keeps_width(ch) else unicodedata.normalize("NFKC", ch)


def _fold_run(found: re.Match) -> str:
    return "".join(map(_fold_char, found.group()))


@lru_cache(maxsize=1)
def _folding_runs() -> re.Pattern:
    """Runs of characters `fold_width` might change: all but the ideographs and the
    characters of the common blocks (ASCII, Latin-1, punctuation, CJK symbols, full-width
    forms) that it leaves as they are, of which a text is mostly made: the bundled materials
    (45,000 characters) took 15 ms read one by one, 4 ms so."""
    alike = [
        chr(code)
        for low, high in ((0x00, 0x100), (0x2000, 0x2070), (0x3000, 0x3040), (0xFF00, 0xFFF0))
        for code in range(low, high)
        if _keeps_width(chr(code)) or unicodedata.normalize("NFKC", chr(code)) == chr(code)
    ]
    ideographs = "".join(f"{chr(low)}-{chr(high - 1)}" for low, high in _IDEOGRAPHS)
    return re.compile(f"[^{re.escape(''.join(alike))}{ideographs}]+")


# Characters that act on a terminal instead of being shown: C0 controls but tab and newline,
# DEL, C1 controls (U+009B is a CSI on some terminals), and the bidirectional overrides that
# make text read other than it is stored. A bank file or a pasted answer can hold them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# A whole terminal sequence goes, not only its ESC: `ESC [ 2 J` (CSI), `ESC ] 0 ; title BEL` (OSC).
_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")


# A lone surrogate (JSON can carry "\ud800") is not a character: it cannot be stored or shown.
SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without the characters that would act on the terminal showing it (ESC and the
    sequence it starts, BEL, …); tab and newline stay, a carriage return becomes a newline,
    and a lone surrogate becomes U+FFFD, as a decoder shows a bad byte."""
    if "\x1b" in text:
        text = _SEQUENCE.sub("", text)
    text = SURROGATE.sub("\ufffd", text)
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_text(text: str) -> str:
    """The display form of any text drill shows or stores: see the module docstring."""
    text = printable(text.replace("\ufeff", ""))
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")  # line and paragraph separators
    text = _PINYIN_NOTE.sub("", text)
    text = fold_width(text)  # first: ︖ folds to a ? that is debris like any other
    text = _STRAY_QUESTION.sub("", text)
    text = to_simplified(text)
    text = _PAREN_CJK.sub(r"（\1）", text)
    text = _ASCII_PUNCT_NEAR_CJK.sub(lambda m: "".join(_ASCII_TO_WIDE[c] for c in m.group()), text)
    text = _ASCII_PERIOD.sub("。", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def word_count(text: str) -> int:
    """字数: every character except whitespace, punctuation included."""
    return len("".join(text.split()))


def _is_content(ch: str) -> bool:
    """Letters, digits and Han characters carry meaning; punctuation and spaces do not."""
    return unicodedata.category(ch)[0] in "LN"


_CONTENT_RUN = re.compile(r"[^\W_]+")
# Full-width letters and digits → ASCII: the only width folding most answers need.
_WIDE_ALNUM = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code).isalnum()}
_WIDE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")  # full-width letters and digits
# Characters that NFKC would change but that are dropped from the matching form anyway.
_DROPPED_ANYWAY = {code: None for code in [*range(0xFF01, 0xFF5F), 0x2026, 0x2025, 0xFFE5, 0x3000, 0xA0]}
_DROPPED_RUN = re.compile("[" + re.escape("".join(map(chr, _DROPPED_ANYWAY))) + "]+")  # the same, as one pass in C


@lru_cache(maxsize=256)
def match_form(text: str):
    """The form the marker compares, and for each of its characters the index in `text` (a
    numpy array, increasing).

    Simplified, width-folded, lower-cased, with punctuation and whitespace dropped. Conversion
    is per character when opencc's phrase conversion would change the length, so the
    indices stay exact. Cached: an answer is compared many times while it is marked.
    """
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = "".join(to_simplified(ch) if len(to_simplified(ch)) == 1 else ch for ch in text)
    folded = (simplified.translate(_WIDE_ALNUM) if _WIDE.search(simplified) else simplified).lower()
    if len(folded) != len(text):
        return _match_form_slow(simplified)
    codes = table_codes(folded)
    if (
        (codes is not None and _stable_table()[codes].all())  # no character NFKC would change, or join to another
        or unicodedata.is_normalized("NFKC", folded)
        or unicodedata.is_normalized("NFKC", _undropped(folded, codes))
    ):
        return _content(folded, codes)
    return _match_form_slow(simplified)


def _undropped(text: str, codes=None) -> str:
    """`text` (whose `table_codes` are `codes`, when known) without the characters dropped from
    the matching form anyway (full-width punctuation: most answers hold some, and NFKC would
    change it)."""
    if codes is None:
        codes = table_codes(text)
    if codes is None:
        return _DROPPED_RUN.sub("", text)
    return codes[~_dropped_table()[codes]].tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def _dropped_table():
    """For every code point of the BMP, whether it is in `_DROPPED_ANYWAY`."""
    import numpy as np

    table = np.zeros(0x10000, dtype=bool)
    table[list(_DROPPED_ANYWAY)] = True
    return table


# Where the characters NFKC leaves alone whatever stands beside them are looked for: line breaks
# and tabs, ASCII, Latin-1 (·), general and CJK punctuation (none of them joins a character
# before it, as a combining mark or a Hangul vowel can), and the unified ideographs, every one
# of them stable (tests/test_reading_forms.py checks both).
_STABLE_RANGES = ((0x09, 0x0E), (0x20, 0x7F), (0xA0, 0x100), (0x2010, 0x2060), (0x3000, 0x3040))
_IDEOGRAPHS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@lru_cache(maxsize=1)
def _alnum_table():
    """For every code point of the BMP, whether it is a letter or digit (`str.isalnum`, as
    `_CONTENT_RUN` reads them): the content characters, looked up for a whole text at once."""
    import numpy as np  # here: the app's start need not wait for it

    return np.array([chr(code).isalnum() for code in range(0x10000)], dtype=bool)


@lru_cache(maxsize=1)
def _stable_table():
    """For every code point of the BMP, whether `match_form` may skip NFKC for a text of such
    characters (or of those dropped from the matching form anyway), looked up for a whole text at once."""
    import numpy as np

    stable = np.zeros(0x10000, dtype=bool)
    codes = [*_DROPPED_ANYWAY]
    for low, high in _STABLE_RANGES:
        codes += [code for code in range(low, high) if unicodedata.is_normalized("NFKC", chr(code)) and not unicodedata.combining(chr(code))]
    stable[codes] = True
    for low, high in _IDEOGRAPHS:
        stable[low:high] = True
    return stable


# Below this length a text is read character by character: numpy's cost of a call (a few µs
# each) is more than a loop over so few characters. A key point's clause (10 or 20 characters,
# made once for each question) is read so; an answer of hundreds is looked up all at once.
# (Matching form, sound and thesaurus together, 2026-12-03: 28 against 70 µs at 32
# characters, 67 against 100 at 96, even at 128, 152 against 144 at 256.)
WHOLE_TEXT = 128


def code_points(text: str):
    """The code points of `text` as a numpy array (uint32), for lookups over a whole text at once."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def table_codes(text: str):
    """`code_points(text)` for a lookup in a table of the BMP, or None when `text` is to be read
    character by character instead: shorter than WHOLE_TEXT, or holding a character beyond
    the BMP, which the tables do not hold."""
    if len(text) < WHOLE_TEXT:
        return None
    codes = code_points(text)
    return None if int(codes.max()) >= 0x10000 else codes


def _content(folded: str, codes=None) -> tuple[str, list[int]]:
    """The letters and digits of `folded` (whose `table_codes` are `codes`, when known), and the
    index of each."""
    import numpy as np

    if codes is None:
        codes = table_codes(folded)
    if codes is None:  # character by character
        chars: list[str] = []
        index: list[int] = []
        for run in _CONTENT_RUN.finditer(folded):
            chars.append(run.group())
            index.extend(range(run.start(), run.end()))
        return "".join(chars), np.array(index, dtype=np.intp)
    keep = _alnum_table()[codes]
    return codes[keep].tobytes().decode("utf-32-le", "surrogatepass"), np.flatnonzero(keep)


def _match_form_slow(simplified: str):
    """match_form for text that NFKC or lower-casing would change in length (㈠, ﬁ, İ …)."""
    import numpy as np

    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(simplified):
        folded = _fold_char(ch)
        for out in folded.lower():
            if _is_content(out):
                chars.append(out)
                index.append(i)
    return "".join(chars), np.array(index, dtype=np.intp)


def compact(text: str) -> str:
    """Only the matching form of `text`, without the index."""
    return match_form(text)[0]


# -- where text parts ------------------------------------------------------------------

# A clause's run (group 1) and the marks after it, with group 2 where a sentence ends among
# them: `clause_spans` reads a clause and whether its sentence ends with it in one match.
_RUN_AND_MARKS = re.compile(
    rf"([^{CLAUSE_MARK}{SENTENCE_END}\n]+)(?:[{CLAUSE_MARK}]*([{SENTENCE_END}\n])[{CLAUSE_MARK}{SENTENCE_END}\n]*|[{CLAUSE_MARK}]*)"
)
_LEADING_MARKS = re.compile(rf"[{CLAUSE_MARK}{SENTENCE_END}\n]*")
_SENTENCE_BREAK = re.compile(rf"[{SENTENCE_END}\n]")
# The characters a numbering marker can open with (NUMBERING is tried only there).
_NUMBERING_OPENS = frozenset(NUMERALS + "第0123456789（(首其再然此另最")
_NUMBERING_AFTER = frozenset(SENTENCE_END + "：:\n")  # what NUMBERING's look-behind allows before it
_SPACE = re.compile(r"[^\S\n]")  # whitespace within a line (what `str.isspace` reads, but the break)
_SENTENCE_RUN = re.compile(rf"[^{SENTENCE_END}\n]+[{SENTENCE_END}\n]*")


def ends_sentence(line: str) -> bool:
    """Whether a line ends as prose does (。；！？ or a comma), not as a title or a name."""
    return line.endswith(tuple(SENTENCE_END + "，,"))


# A run of text longer than this without a mark (an answer typed without punctuation) is
# cut into clauses of this length, so that no comparison is with the whole answer at once.
LONGEST_CLAUSE = 100


def _cut(start: int, end: int) -> list[tuple[int, int]]:
    return [(at, min(at + LONGEST_CLAUSE, end)) for at in range(start, end, LONGEST_CLAUSE)]


def clause_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, sentence number) of each clause, numbering left out (all but the 要 of 一要).

    Clauses are the runs between punctuation (a run of more than LONGEST_CLAUSE characters
    in pieces of that length); a new sentence starts after 。；！？ or a line break, and at
    numbering (一是, （1）, 首先 …), which is not part of the clause.
    """
    spans: list[tuple[int, int, int]] = []
    append = spans.append
    sentence = 0
    # Whether a sentence ended since the last clause (before the first: the text opens with the end of one).
    broken = _SENTENCE_BREAK.search(text, 0, _LEADING_MARKS.match(text).end()) is not None
    spaced = _SPACE.search(text) is not None  # most answers hold no space to trim: not looked for
    for run in _RUN_AND_MARKS.finditer(text):
        start, end = run.span(1)
        if broken:
            sentence += 1
        broken = run.lastindex == 2  # its sentence ends with it
        first = text[start]
        if first in _NUMBERING_OPENS or (spaced and first.isspace()):
            # (NUMBERING opens a text or follows what ends a sentence or a colon: after a comma it is no numbering)
            marker = NUMBERING.match(text, start) if start == 0 or text[start - 1] in _NUMBERING_AFTER else None
            if marker and marker.end() > start:
                if spans and spans[-1][2] == sentence:
                    sentence += 1
                # 一要 / 二要 number a measure and say it is one: the 要 stays with the clause.
                start = max(start, marker.end() - (marker.group().rstrip("，,、：:").endswith("要")))
            while start < end and text[start].isspace():
                start += 1
        if spaced and text[end - 1].isspace():
            while end > start and text[end - 1].isspace():
                end -= 1
        if end - start > LONGEST_CLAUSE:
            spans.extend((a, z, sentence) for a, z in _cut(start, end))
        elif start < end:
            append((start, end, sentence))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, its closing punctuation included."""
    return [(m.start(), m.end()) for m in _SENTENCE_RUN.finditer(text)]


def sentences(text: str) -> list[str]:
    """The sentences of a text, without their closing punctuation or surrounding spaces."""
    return [s.strip().strip(SENTENCE_END + " ") for s in re.split(rf"(?<=[{SENTENCE_END}\n])", text.strip())]


def paragraph_spans(text: str) -> list[tuple[int, str]]:
    """The non-empty lines, stripped, each with the offset where it starts in `text`."""
    out, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            out.append((offset + raw.index(stripped), stripped))
        offset += len(raw) + 1
    return out


def split_points(reference: str) -> list[str]:
    """The points of a reference answer: split at its numbering markers, markers removed;
    without numbering, at its lines, or else at the ends of its sentences."""
    text = reference.strip()
    starts = list(NUMBERING.finditer(text))
    pieces: list[str] = []
    if starts:
        head = text[: starts[0].start()].strip()
        if head and not head.endswith(("：", ":")):
            pieces.append(head)
        for i, match in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
            pieces.append(text[match.end() : end])
    else:
        pieces = re.split(r"\n+", text)
        if len(pieces) == 1:
            pieces = re.split(rf"(?<=[{SENTENCE_END}])", text)
    trim = "。；;，, \n"
    return [p.strip().strip(trim) for p in pieces if p.strip().strip(trim)]
