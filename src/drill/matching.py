"""Comparing an answer with key point phrasings: the units compared, and how alike they are.

Both sides are brought to one form first: Simplified, no punctuation, thesaurus phrasings
replaced by their group's head (`thesaurus.py`), and beside it a sound form in which
homophones are equal (`sound.py`). The answer is cut into clauses at punctuation and
numbering; a window is one clause or two neighbouring clauses of one sentence.

For every key point clause, the windows that contain most of it in order (LCS, computed for
all pairs at once by rapidfuzz's `cdist`) are the candidates; each candidate is then scored
with `partial_ratio` (or `ratio` when the window is the shorter), on characters and on
sounds. A candidate whose negation differs from the clause's scores 0; one that proposes a
measure where the clause states a problem (or the other way round), or that gives only the
words of a measure without saying what to do (a bare keyword), is scaled down.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from drill.normalize import NUMBERING, match_form
from drill.sound import sound_form
from drill.thesaurus import canonicalise

MAX_WINDOW = 2
CANDIDATES = 2
SOUND_PENALTY = 6.0
CLASH_FACTOR = 0.4
BARE_FACTOR = 0.7
_SENTENCE_END = re.compile(r"[。；;！!？?\n]+")
_PHRASE_SPLIT = re.compile(r"[，,、；;。：:\n]+")
# Words that make a statement negative (a lack, a failure, a problem); 不断/不仅/未来/无论 are not.
NEGATION = re.compile(
    r"不(?!断|仅|但|同|少|久|停|论|管|一|外|再)|没|未(?!来)|无(?!论)|非(?!常)|缺|欠|难(?!题|点|度)|"
    r"滞后|短板|障碍|乏力|薄弱|低效|有待|亟待|亟需|尚需|仍需|孤岛|壁垒|接不住|各自为政|两张皮|碎片化"
)
# A negation of a problem word says there is no problem (不存在短板): read as affirmative.
DOUBLE_NEGATIVE = re.compile(r"(?:不|没有|没|并无|无)(?:存在|再有|会有|是)?(?:短板|障碍|孤岛|壁垒|滞后|不到位)")
# Saying a thing is not needed (不必压实责任) argues against it, whatever it is.
DISMISSIVE = re.compile(r"不必|无需|无须|不用|不需要|没必要|没有必要")
# How a measure (对策) opens: 要/应 …, or a verb of doing. Read on the thesaurus form.
DIRECTIVE = re.compile(
    r"^(?:要|应|应当|应该|需要|必须|务必|着力|注重|切实|进一步|持续|大力|积极|全面|加快|坚持|加强|推进|健全|提高|"
    r"建立|构建|打造|创新|落实|优化|做好|抓好|规范|打破|破除|消除|解决|整治|清除|杜绝|防止|避免|减少|降低|简化|精简|"
    r"压缩|压实|鼓励|引导|支持|发挥|树立|转变|明确|严格|严肃|实施|实行|开展|搭建|整合|统筹|保障|确保|以)"
)


# Words that say how things stand rather than what is spoken of; left out of a clause's topic.
_GENERIC = re.compile(r"存在|问题|现象|情况|方面|比较|相对|仍然|仍是|仍|还|较为|较|一定程度|等|的|了|是|和|与|及|到位")


# Identity equality: units are made once (clauses are cached) and used as dict keys often.
@dataclass(eq=False, slots=True)
class Unit:
    """A stretch of text in comparable form: `form` (characters), `sound`, and its stance."""

    form: str
    sound: str
    negative: bool
    mode: str  # "directive" (a measure), "problem" (a negative statement) or "plain"


@dataclass(eq=False, slots=True)
class Clause(Unit):
    """A key point clause, with its topic: what it speaks of, stance words left out."""

    topic: str = ""
    topic_sound: str = ""


def topic_of(form: str, sound: str) -> tuple[str, str]:
    """The characters of a clause that are not stance or generic words (and their sounds)."""
    keep = [True] * len(form)
    for pattern in (DIRECTIVE, NEGATION, _GENERIC):
        for m in pattern.finditer(form):
            keep[m.start() : m.end()] = [False] * (m.end() - m.start())
    return "".join(c for c, k in zip(form, keep) if k), "".join(c for c, k in zip(sound, keep) if k)


@dataclass(eq=False, slots=True)
class Window(Unit):
    """A stretch of the answer; `start`/`end` index the original answer text."""

    start: int = 0
    end: int = 0
    sentence: int = 0


def is_negative(form: str) -> bool:
    """Whether a (thesaurus) form states a lack, a failure or a problem."""
    return bool(NEGATION.search(DOUBLE_NEGATIVE.sub("", form)))


def stance(form: str) -> tuple[bool, str]:
    """Whether a form is negative, and whether it proposes a measure or states a problem."""
    negative = is_negative(form)
    if DIRECTIVE.match(form):
        return negative, "directive"
    return negative, "problem" if negative else "plain"


def comparable(text: str) -> tuple[str, str, list[int]]:
    """The thesaurus form of `text`, its sound form, and each character's index in `text`."""
    form, index = match_form(text)
    return canonicalise(form, sound_form(form), index)


@lru_cache(maxsize=8192)
def key_clauses(phrasing: str) -> tuple[Clause, ...]:
    """The comparable clauses of a key point phrasing, its numbering removed."""
    phrasing = NUMBERING.sub("", phrasing.strip(), count=1)
    units = []
    for part in _PHRASE_SPLIT.split(phrasing):
        form, sound, _ = comparable(part)
        if form:
            units.append(Clause(form, sound, *stance(form), *topic_of(form, sound)))
    return tuple(units)


_CLAUSE_RUN = re.compile(r"[^，,、：:。；;！!？?\n]+")


def clause_spans(answer: str) -> list[tuple[int, int, int]]:
    """(start, end, sentence number) of each clause of the answer, numbering left out.

    Clauses are the runs between punctuation; a new sentence starts after 。；！？ or a line
    break, and at numbering (一是, （1）, 首先 …), which is not part of the clause.
    """
    spans: list[tuple[int, int, int]] = []
    sentence, last = 0, 0
    for run in _CLAUSE_RUN.finditer(answer):
        start, end = run.start(), run.end()
        if _SENTENCE_END.search(answer, last, start):
            sentence += 1
        marker = NUMBERING.match(answer, start)
        if marker and marker.end() > start:
            if spans and spans[-1][2] == sentence:
                sentence += 1
            start = max(start, marker.end())
        last = end
        while start < end and answer[start].isspace():
            start += 1
        while end > start and answer[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end, sentence))
    return spans


def answer_windows(answer: str) -> list[Window]:
    """Every window of one or two neighbouring clauses within one sentence."""
    form, sound, index = comparable(answer)
    spans = clause_spans(answer)
    windows: list[Window] = []
    for i, (start, _, sentence) in enumerate(spans):
        a = bisect_left(index, start)
        for k in range(i, min(i + MAX_WINDOW, len(spans))):
            if spans[k][2] != sentence:
                break
            end = spans[k][1]
            b = bisect_left(index, end)
            if a < b:
                text = form[a:b]
                windows.append(Window(text, sound[a:b], *stance(text), start=start, end=end, sentence=sentence))
    return windows


def _align(needle: str, hay: str) -> tuple[float, int, int]:
    """Similarity 0–100 and the stretch of `hay` that matched."""
    if len(hay) >= len(needle):
        found = fuzz.partial_ratio_alignment(needle, hay)
        return (found.score, found.dest_start, found.dest_end) if found else (0.0, 0, 0)
    return fuzz.ratio(needle, hay), 0, len(hay)


def _alike(form: str, sound: str, window: Window) -> tuple[float, int, int]:
    """The better of the character and the sound comparison (sound a little discounted)."""
    score, a, b = _align(form, window.form)
    if score >= 100 - SOUND_PENALTY:
        return score, a, b  # the sound comparison could not do better
    heard, a2, b2 = _align(sound, window.sound)
    if heard - SOUND_PENALTY > score:
        return heard - SOUND_PENALTY, a2, b2
    return score, a, b


def similarity(clause: Clause, window: Window) -> float:
    """0–100: how well `window` states `clause`, by characters or by sound, stance considered.

    The window must speak of the clause's topic: 思想认识不到位 does not state 放权不到位,
    however much of the wording they share.
    """
    score, a, b = _alike(clause.form, clause.sound, window)
    if len(clause.topic) >= 2 and score > 0:
        said = LCSseq.similarity(clause.topic, window.form)
        if said < len(clause.topic):
            said = max(said, LCSseq.similarity(clause.topic_sound, window.sound) - 0.5)
        score = min(score, 100.0 * said / len(clause.topic))
    if score <= 0:
        return 0.0
    # Negation sits just before what it negates (没有实现) or around it (不存在短板).
    stated = window.form[max(0, a - 4) : b + 2]
    if clause.negative != is_negative(stated):
        return 0.0
    if DISMISSIVE.search(window.form) and not DISMISSIVE.search(clause.form):
        return 0.0
    if {clause.mode, window.mode} == {"directive", "problem"}:
        score *= CLASH_FACTOR
    elif clause.mode == "directive" and window.mode == "plain" and len(window.form) < len(clause.form):
        # 政治监督 for 要强化政治监督: the words without the measure are a bare keyword.
        score *= BARE_FACTOR
    return score


def best_matches(clauses: list[Clause], windows: list[Window]) -> dict[Clause, tuple[float, Window | None]]:
    """For each clause, its best score over the answer's windows and the window that gave it."""
    if not clauses or not windows:
        return {c: (0.0, None) for c in clauses}
    import numpy as np  # here, not at the top: the app's start need not wait for it (0.1 s)

    lengths = np.array([len(c.form) for c in clauses], dtype=float)[:, None]
    by_chars = process.cdist([c.form for c in clauses], [w.form for w in windows], scorer=LCSseq.similarity)
    by_sound = process.cdist([c.sound for c in clauses], [w.sound for w in windows], scorer=LCSseq.similarity)
    cover = np.maximum(by_chars, by_sound) / lengths
    count = min(CANDIDATES, len(windows))
    top = np.argpartition(-cover, count - 1, axis=1)[:, :count]
    result: dict[Clause, tuple[float, Window | None]] = {}
    for row, clause in enumerate(clauses):
        best, where = 0.0, None
        for col in sorted(top[row], key=lambda c: (-cover[row, c], c)):
            if cover[row, col] == 0:
                continue
            score = similarity(clause, windows[col])
            if score > best:
                best, where = score, windows[col]
        result[clause] = (best, where)
    return result
