"""Comparing an answer with key point phrasings: the units compared, and how alike they are.

Both sides are brought to one form first: Simplified, no punctuation, thesaurus phrasings
replaced by their group's head (`thesaurus.py`), and beside it a sound form in which
homophones are equal (`sound.py`). The answer is cut into clauses at punctuation and
numbering; a window is one clause or two neighbouring clauses of one sentence.

For every key point clause, the windows that contain most of it in order (LCS, computed for
all pairs at once by rapidfuzz's `cdist`) are the candidates; each candidate is then scored
with `partial_ratio` (or `ratio` when the window is the shorter), on characters and on
sounds, and then read for stance (`stance.py`): a candidate whose negation differs from the
clause's scores 0; one that proposes a measure where the clause states a problem (or the
other way round), or that gives only the words of a measure without saying what to do (a
bare keyword), is scaled down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from threading import Lock
from weakref import WeakValueDictionary

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from drill.marker.sound import sound_form
from drill.marker.stance import DISMISSIVE, NEGATOR_OPENS, OPENING_NEGATOR, is_negative, mode_of, says_much, stance, stance_factor, topic_of
from drill.marker.thesaurus import canonical_offsets, canonicalise
from drill.marker import tuning
from drill.text import CLAUSE_MARK, NUMBERING, SENTENCE_END, WHOLE_TEXT, clause_spans, match_form

_PHRASE_SPLIT = re.compile(rf"[{CLAUSE_MARK}{SENTENCE_END}\n]+")


# Identity equality: units are made once (clauses are interned) and used as dict keys often.
@dataclass(eq=False, slots=True, weakref_slot=True)
class Clause:
    """A key point clause in comparable form: `form` (characters), `sound`, its stance, and
    its topic: what it speaks of, stance words left out."""

    form: str
    sound: str
    negative: bool
    mode: str  # "directive" (a measure), "problem" (a negative statement) or "plain"
    topic: str = ""
    topic_sound: str = ""
    much: bool = False  # it says there is much of something (`stance.says_much`)
    dismissive: bool = False  # it says a thing is not needed (不必…)
    heads: tuple[str, ...] = ()  # its opening words a sentence may say once for it (`_unread`)


@dataclass(eq=False, slots=True)
class Window:
    """A stretch of the answer in comparable form; `start`/`end` index the original answer.
    Its stance is read only when a clause is compared with it in full (most windows never are)."""

    form: str
    sound: str
    start: int = 0
    end: int = 0
    sentence: int = 0
    seams: tuple[int, ...] = ()  # where in `form` each clause after the first begins
    before: str = ""  # what its sentence says before it (a subject or verb said once for all)
    _mode: str | None = None
    _dismissive: bool | None = None

    @property
    def mode(self) -> str:
        """"directive" (a measure), "problem" (a negative statement) or "plain"."""
        if self._mode is None:
            self._mode = mode_of(self.form)
        return self._mode

    @property
    def dismissive(self) -> bool:
        """Whether it says a thing is not needed (不必压实责任)."""
        if self._dismissive is None:
            self._dismissive = bool(DISMISSIVE.search(self.form))
        return self._dismissive


def comparable(text: str) -> tuple[str, str, list[tuple[int, int, int]]]:
    """The thesaurus form of `text`, its sound form, and the replacements that made it
    (`thesaurus.canonicalise`)."""
    form, _ = match_form(text)
    return canonicalise(form, sound_form(form))


def load_tables() -> None:
    """Read what a process's first mark reads (the sounds, the thesaurus, Traditional to
    Simplified: 0.13 s), so that the first mark is as quick as the next; the app does it in
    a thread as it opens."""
    comparable("加强部门协同，優化營商環境。" * (WHOLE_TEXT // 12 + 1))  # (12 characters a repeat, punctuation dropped)


# 重政策制定、轻政策落实 is one statement (one thing done at the cost of another): not cut at 、.
_WEIGHED = re.compile(r"(重[^、，,。；;]{1,8})[、，,](?=轻)")


# A quoted name is one term, whatever it holds (“双随机、一公开”, “一门、一窗、一次”): not cut there.
_QUOTED = re.compile(r"“[^”]{1,16}”")


def _phrasing_parts(phrasing: str) -> list[str]:
    """A key point phrasing's clauses as written, its numbering removed."""
    phrasing = _WEIGHED.sub(r"\1", NUMBERING.sub("", phrasing.strip(), count=1))
    phrasing = _QUOTED.sub(lambda m: re.sub(f"[{CLAUSE_MARK}]", "", m.group()), phrasing)
    return _PHRASE_SPLIT.split(phrasing)


@lru_cache(maxsize=8192)
def key_clauses(phrasing: str) -> tuple[Clause, ...]:
    """The comparable clauses of a key point phrasing, its numbering removed."""
    units = []
    for part in _phrasing_parts(phrasing):
        form, sound, _ = comparable(part)
        if form:
            units.append(_clause(form, sound))
    return tuple(units)


# Every clause object alive, by its form: held weakly, so that a clause any cache still holds
# is the one every phrasing gets, however many others have come and gone since.
_CLAUSES: WeakValueDictionary[tuple[str, str], Clause] = WeakValueDictionary()
_INTERNING = Lock()


def _clause(form: str, sound: str) -> Clause:
    """One clause object for each form: the same clause in several phrasings of a question's
    points (问题2's 52 clauses are 40) is compared with an answer once. The marks of an answer
    are looked up by clause object, so a phrasing whose clauses were made again after the
    caches turned over (a bank of thousands of phrasings, marked in one process) must get the
    objects the question's other caches hold, not new ones."""
    with _INTERNING:  # (the app marks in threads: two must not make one clause twice)
        clause = _CLAUSES.get((form, sound))
        if clause is None:
            heads = tuple(form[:k] for k in (2, 3, 4) if len(form) >= 4 and len(form) - k >= 2)
            clause = Clause(form, sound, *stance(form), *topic_of(form, sound), says_much(form), bool(DISMISSIVE.search(form)), heads)
            _CLAUSES[form, sound] = clause
        return clause


@lru_cache(maxsize=8192)
def clause_texts(phrasing: str) -> tuple[str, ...]:
    """The words of each clause of `key_clauses(phrasing)`, as written (for reasons): those with
    a comparable form (the thesaurus neither empties a form nor fills an empty one)."""
    return tuple(part.strip() for part in _phrasing_parts(phrasing) if match_form(part)[0])


@dataclass(slots=True)
class Windows:
    """Every window of an answer: the sound of each, for comparing them all at once, and the
    clauses each spans (most are never looked at closely: a `Window`, with its characters and
    where it stands, is made only for the candidates, `at`)."""

    sounds: list[str]
    clauses: list[tuple[int, int]]  # the first and last clause of each window
    spans: list[tuple[int, int, int]]  # each clause's (start, end, sentence) in the original answer
    starts: list[int]  # where each clause starts in the answer's form
    ends: list[int]  # and where it ends
    openings: list[int]  # the first clause of each clause's sentence
    form: str  # the answer's form

    def __len__(self) -> int:
        return len(self.sounds)

    def at(self, i: int) -> Window:
        """Window `i` as an object."""
        first, last = self.clauses[i]
        starts, form = self.starts, self.form
        begin = starts[first]
        # 重审批、轻监管 is one statement, read as one (as `_WEIGHED` joins a phrasing's).
        if last == first:
            seams: tuple[int, ...] = ()
        elif last == first + 1:  # the usual pair, written out: this runs for every candidate
            seams = () if form[starts[last] : starts[last] + 1] == "轻" else (starts[last] - begin,)
        else:
            seams = tuple(starts[j] - begin for j in range(first + 1, last + 1) if form[starts[j] : starts[j] + 1] != "轻")
        start, _, sentence = self.spans[first]
        said = max(starts[self.openings[first]], begin - tuning.SAID_BEFORE)
        return Window(form[begin : self.ends[last]], self.sounds[i], start, self.spans[last][1], sentence, seams, form[said:begin])


def answer_windows(answer: str) -> Windows:
    """Every window of one or two neighbouring clauses within one sentence."""
    form, sound, replaced = comparable(answer)
    spans = clause_spans(answer)
    bounds = canonical_offsets(match_form(answer)[1], replaced, [x for start, end, _ in spans for x in (start, end)])
    starts, ends = bounds[0::2], bounds[1::2]
    count = len(spans)
    # (first clause, last clause) of each window, in order: a clause, then it with the next ones
    # of its sentence; and the sound of each.
    picks: list[tuple[int, int]] = []
    sounds: list[str] = []
    openings: list[int] = []
    pick, hear, open_ = picks.append, sounds.append, openings.append
    widest = tuning.MAX_WINDOW
    opening, previous = 0, -1
    for i, (_, _, sentence) in enumerate(spans):
        if sentence != previous:
            opening, previous = i, sentence
        open_(opening)
        begin, last = starts[i], i
        while True:
            if begin < ends[last]:
                pick((i, last))
                hear(sound[begin : ends[last]])
            last += 1
            if last == i + widest or last == count or spans[last][2] != sentence:
                break
    return Windows(sounds, picks, spans, starts, ends, openings, form)


_partial, _ratio, _lcs = fuzz.partial_ratio_alignment, fuzz.ratio, LCSseq.similarity


def _align(needle: str, hay: str) -> tuple[float, int, int]:
    """Similarity 0–100 and the stretch of `hay` that matched."""
    if len(hay) >= len(needle):
        at = hay.find(needle)
        if at >= 0 and needle and hay.find(needle, at + 1) < 0:
            # Said word for word, once (a quarter of the comparisons on the bench's answers): the
            # one stretch that scores 100, as `partial_ratio_alignment` would find it.
            return 100.0, at, at + len(needle)
        found = _partial(needle, hay)
        return (found.score, found.dest_start, found.dest_end) if found else (0.0, 0, 0)
    return _ratio(needle, hay), 0, len(hay)


def similarity(clause: Clause, window: Window) -> float:
    """0–100: how well `window` states `clause`, by characters or by sound, stance considered.

    The window must speak of the clause's topic: 思想认识不到位 does not state 放权不到位,
    however much of the wording they share.
    """
    score, factor = similarity_and_stance(clause, window)
    return score * factor


def similarity_and_stance(clause: Clause, window: Window) -> tuple[float, float]:
    """The similarity of `window` to `clause` before stance is read, and what of it stance
    leaves (`stance.stance_factor`: 0 for the opposite statement)."""
    score, a, b = _unread(clause, window)
    return (score, _stance_left(clause, window, a, b)) if score > 0 else (0.0, 1.0)


def _unread(clause: Clause, window: Window) -> tuple[float, int, int]:
    """The similarity of `window` to `clause`, its topic considered, stance not yet read;
    and the stretch of the window that matched."""
    form, wanted = window.form, clause.form
    n, size = len(wanted), len(form)
    # The better of the character and the sound comparison (sound a little discounted).
    score, a, b = _align(wanted, form)
    penalty = tuning.SOUND_PENALTY
    if score < 100 - penalty:  # else the sound comparison could not do better
        heard, a2, b2 = _align(clause.sound, window.sound)
        if heard - penalty > score:
            score, a, b = heard - penalty, a2, b2
    loose = 100 * tuning.SPREAD_FACTOR
    if n >= 4 and score < loose and size <= tuning.SPREAD * n:
        # Said with words between (部分干部…选择了明哲保身的做法): its characters in order.
        spread = 100.0 * _lcs(wanted, form) / n * tuning.SPREAD_FACTOR
        if spread > score:
            score, a, b = spread, 0, size
    given = ""  # the clause's opening words, said before the window in its sentence
    if clause.heads and score < loose and window.before:
        # Said once for the sentence (部分干部……，害怕承担责任 for 干部怕担责任; 部分企业反映，……，
        # 办事难 for 企业办事难): the clause's opening words said before the window, the rest in it.
        before = window.before
        for head in clause.heads:
            if head in before and head not in form:
                k = len(head)
                rest, a2, b2 = _align(wanted[k:], form)
                carried = (100.0 * k + rest * (n - k)) / n * tuning.SPREAD_FACTOR
                if carried > score:
                    score, a, b, given = carried, a2, b2, head
    topic = clause.topic
    if score > 0 and len(topic) >= 2:
        said = _held(topic, given + form if given else form)
        if said < len(topic):
            said = max(said, _held(clause.topic_sound, window.sound) - 0.5)
        score = min(score, 100.0 * said / len(topic))
    return score, a, b


def _held(part: str, whole: str) -> int:
    """How many characters of `part` `whole` holds in order (LCS); found whole, all of them,
    without the comparison (a third of the topic checks on the bench's answers)."""
    return len(part) if part in whole else _lcs(part, whole)


def _stance_left(clause: Clause, window: Window, a: int, b: int) -> float:
    """What stance leaves of a match of `clause` on the stretch a–b of `window`."""
    # Negation sits just before what it negates (没有实现) or around it (不存在短板), or opens
    # the clause and speaks of all of it (没有部分干部“官本位”思想严重).
    form, seams = window.form, window.seams
    high, begin = b + 6, 0
    if not seams:  # one clause (most windows): read as a whole
        low = 0 if a <= 4 or (a <= tuning.OPENING_REACH and form[:1] in NEGATOR_OPENS and OPENING_NEGATOR.match(form)) else a - 4
        stated = form[low:high]
        return stance_factor(clause, stated, is_negative(stated), window)
    low = max(0, a - 4)
    for seam in seams:
        if seam <= a:
            begin = seam
    if a - begin <= tuning.OPENING_REACH and form[begin : begin + 1] in NEGATOR_OPENS and OPENING_NEGATOR.match(form, begin):
        low = begin
    low = max(low, begin)  # not into the clause before: its negation is its own (有待优化，作为)
    stated = form[low:high]
    if not (cuts := [seam for seam in seams if low < seam < high]):
        negative = is_negative(stated)
    else:
        # Each clause of the stretch is read apart (放权彻底，没有不同步: neither states a problem),
        # and a clause after the match that opens with its own negator (…，不存在重招引轻服务)
        # is another statement, not read for this one.
        negative = any(
            is_negative(form[x:y])
            for x, y in zip([low, *cuts], [*cuts, high])
            if x < b or not (form[x : x + 1] in NEGATOR_OPENS and OPENING_NEGATOR.match(form, x))
        )
    return stance_factor(clause, stated, negative, window)


def _best_columns(shared, count: int) -> tuple[list[list[int]], list[list[int]]]:
    """Per row of `shared`, the `count` columns of highest value, the first of equals first,
    and their values (repeated argmax: several times quicker than argpartition on matrices
    this small)."""
    import numpy as np

    rest = shared.copy()  # (int16, signed: -1 marks a column taken)
    rows = np.arange(len(rest))
    picked, values = [], []
    for _ in range(count):
        best = rest.argmax(axis=1)
        picked.append(best.tolist())
        values.append(rest[rows, best].tolist())
        rest[rows, best] = -1
    return [list(cols) for cols in zip(*picked)], [list(vals) for vals in zip(*values)]


class Matches(dict):
    """Each clause's best (score, window) in an answer; `contradicted`: the clauses whose words
    the answer uses only to say otherwise (a window as like one as tuning.CONTRADICTED before
    stance, its stance against it, and no window stating it)."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.contradicted: set[Clause] = set()
        # Each clause's likest window before stance is read: (similarity, what stance left of it, window).
        self.likest: dict[Clause, tuple[float, float, Window]] = {}


def best_matches(clauses: Sequence[Clause], windows: Windows, contradictions: bool = False) -> Matches:
    """For each clause, its best score over the answer's windows and the window that gave it
    (and, with `contradictions`, which clauses the answer contradicts: `Matches`).

    The candidates are tried best covered first, and one is skipped when even a perfect
    reading of what it shares with the clause could not beat the best so far (a partial
    ratio is at most 200·L / (n + L) for a clause of n characters sharing L with the window)."""
    if not clauses or not len(windows):
        return Matches({c: (0.0, None) for c in clauses})
    import numpy as np  # here, not at the top: the app's start need not wait for it (0.1 s)

    # Equal characters have equal sounds, so what a clause shares with a window by sound
    # (LCS) is never less than what it shares by characters: one comparison gives both.
    # A window covers a clause by the share of the clause it holds: within a row (one clause),
    # the order of what they share.
    # (int16: a clause's sounds are far fewer than 32,767, and the matrix a quarter of int64's, for `_best_columns`)
    shared = process.cdist([c.sound for c in clauses], windows.sounds, scorer=LCSseq.similarity, dtype=np.int16)
    top, commons = _best_columns(shared, min(tuning.CANDIDATES, len(windows)))
    made: dict[int, Window] = {}
    result = Matches()
    likest = result.likest
    for row, (clause, cols, common_of) in enumerate(zip(clauses, top, commons)):
        best, where, unsaid, closest = 0.0, None, 0.0, 0.0
        size = len(clause.form)
        for col, common in zip(cols, common_of):  # best covered first, the first of equals first
            if common == 0 or 200.0 * common / (size + common) <= best:
                break  # the later candidates share no more: none of them can do better
            window = made.get(col)
            if window is None:
                window = made[col] = windows.at(col)
            raw, a, b = _unread(clause, window)
            if raw <= best:
                continue  # whatever its stance, it neither beats the best nor is the likest
            factor = _stance_left(clause, window, a, b)
            if raw * factor > best:
                best, where = raw * factor, window
            if factor == 0 and raw > unsaid:
                unsaid = raw
            if raw > closest:
                closest = raw
                likest[clause] = (raw, factor, window)
        if contradictions and unsaid >= tuning.CONTRADICTED and best < unsaid * tuning.STATED_SHARE:
            # Its likest windows say otherwise: before calling it contradicted, look further
            # down (rare: the opposite statement's words are the likest only when it is there).
            for col in np.argsort(-shared[row].astype(np.int64), kind="stable")[len(cols) : tuning.CANDIDATES * 4].tolist():
                if shared[row, col] == 0:
                    break
                window = made.get(col)
                if window is None:
                    window = made[col] = windows.at(col)
                score = similarity(clause, window)
                if score > best:
                    best, where = score, window
            if best < unsaid * tuning.STATED_SHARE:
                result.contradicted.add(clause)
        result[clause] = (best, where)
    return result
