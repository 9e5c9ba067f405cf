"""Marking (阅卷): score a free-text answer against a rubric's key points, explaining each credit.

The answer is cut into clauses (at punctuation and at numbering such as 一是 / （1）), and
windows of up to four neighbouring clauses of one sentence are compared with every phrasing
of every key point by rapidfuzz, in the normalised form (Simplified, no punctuation). A
phrasing of several clauses scores the length-weighted mean of its clauses' best matches, so
half a point earns about half. A match whose negation differs from the key point's
("已经实现全覆盖" against "没有实现全覆盖") does not count. Deterministic: no randomness, ties
broken by position.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from drill.models import Deduction, Evidence, KeyPoint, Mark, PointMark, Question, Rubric, format_points
from drill.normalize import NUMBERING, compact, match_form, word_count

MAX_WINDOW = 4
_SENTENCE_END = re.compile(r"[。；;！!？?\n]+")
_CLAUSE_END = re.compile(r"[，,、：:]+")
# Words that turn a statement negative (a problem: 不够/没有/滞后…). Compared between a key
# point and the answer's words that match it; 不断/不仅/未来/无论 are not negations.
_NEGATION = re.compile(
    r"不(?!断|仅|但|同|少|久|停|论|管|一|外)|没|未(?!来)|无(?!论)|非(?!常)|缺|欠|难(?!题|点|度)|"
    r"滞后|落后|短板|障碍|乏力|薄弱|低效|有待|亟待|亟需|尚需|仍需|孤岛|壁垒"
)


@dataclass(frozen=True)
class Window:
    """A stretch of the answer: `start`/`end` in the original text, `form` its matching form."""

    start: int
    end: int
    form: str
    sentence: int


def negative(form: str) -> bool:
    """Whether a (compact) statement is negative: states a lack, a failure or a problem."""
    return bool(_NEGATION.search(form))


def _clause_spans(answer: str) -> list[tuple[int, int, int]]:
    """(start, end, sentence number) of each clause, numbering markers left out."""
    spans: list[tuple[int, int, int]] = []
    cuts = sorted({0, len(answer)} | {m.end() for m in NUMBERING.finditer(answer)} | {m.start() for m in NUMBERING.finditer(answer)})
    sentence = 0
    for a, b in zip(cuts, cuts[1:]):
        piece = answer[a:b]
        if NUMBERING.fullmatch(piece):
            sentence += 1
            continue
        pos = a
        for sent in re.split(r"([。；;！!？?\n]+)", piece):
            if _SENTENCE_END.fullmatch(sent or "x"):
                sentence += 1
                pos += len(sent)
                continue
            cpos = pos
            for clause in re.split(r"([，,、：:]+)", sent):
                if clause and not _CLAUSE_END.fullmatch(clause) and clause.strip():
                    lead = len(clause) - len(clause.lstrip())
                    spans.append((cpos + lead, cpos + len(clause.rstrip()), sentence))
                cpos += len(clause)
            pos += len(sent)
    return spans


def answer_windows(answer: str) -> list[Window]:
    """Every window of 1..MAX_WINDOW neighbouring clauses within one sentence."""
    form, index = match_form(answer)
    # position in `form` of the first character at or after each original index
    first_at = [0] * (len(answer) + 1)
    j = len(form)
    for i in range(len(answer), -1, -1):
        while j > 0 and index[j - 1] >= i:
            j -= 1
        first_at[i] = j
    spans = _clause_spans(answer)
    windows: list[Window] = []
    for i, (start, _, sentence) in enumerate(spans):
        for k in range(i, min(i + MAX_WINDOW, len(spans))):
            if spans[k][2] != sentence:
                break
            end = spans[k][1]
            text = form[first_at[start] : first_at[end]]
            if text:
                windows.append(Window(start, end, text, sentence))
    return windows


@lru_cache(maxsize=4096)
def phrase_clauses(phrase: str) -> tuple[str, ...]:
    """The compact clauses of a key point phrasing, numbering removed."""
    phrase = NUMBERING.sub("", phrase.strip(), count=1)
    parts = (compact(p) for p in re.split(r"[，,、；;。：:\n]+", phrase))
    return tuple(p for p in parts if p)


def similarity(clause: str, window: Window) -> float:
    """0–100: how well `window` states `clause`; 0 when one is negative and the other not."""
    if len(window.form) >= len(clause):
        found = fuzz.partial_ratio_alignment(clause, window.form)
        if found is None:
            return 0.0
        score = found.score
        lo = max(0, found.dest_start - 4)
        stated = window.form[lo : found.dest_end]
    else:
        score = fuzz.ratio(clause, window.form)
        stated = window.form
    if score and negative(clause) != negative(stated):
        return 0.0
    return score


def _match_phrasing(phrasing: str, windows: list[Window]) -> tuple[float, list[Window]]:
    """The phrasing's score (clauses weighted by length) and the windows that earned it."""
    clauses = phrase_clauses(phrasing)
    if not clauses or not windows:
        return 0.0, []
    total = sum(len(c) for c in clauses)
    score = 0.0
    used: list[Window] = []
    for clause in clauses:
        best, where = 0.0, None
        for window in windows:
            s = similarity(clause, window)
            if s > best:
                best, where = s, window
        score += best * len(clause) / total
        if where is not None and best > 0:
            used.append(where)
    return score, used


def _evidence(answer: str, used: list[Window]) -> Evidence | None:
    if not used:
        return None
    sentences = {w.sentence for w in used}
    chosen = used if len(sentences) == 1 else [max(used, key=lambda w: (len(w.form), -w.start))]
    start, end = min(w.start for w in chosen), max(w.end for w in chosen)
    return Evidence(start=start, end=end, text=answer[start:end])


def mark_point(point: KeyPoint, rubric: Rubric, answer: str, windows: list[Window]) -> PointMark:
    """Look for one key point anywhere in the answer and grade it hit / partial / miss."""
    best, used = 0.0, []
    for phrasing in [point.text, *point.synonyms]:
        score, where = _match_phrasing(phrasing, windows)
        if score > best + 1e-9:
            best, used = score, where
    if best >= rubric.hit_threshold:
        status, credit = "hit", point.weight
    elif best >= rubric.partial_threshold:
        status, credit = "partial", round(point.weight * rubric.partial_credit, 2)
    else:
        status, credit = "miss", 0.0
    evidence = _evidence(answer, used) if status != "miss" else None
    return PointMark(id=point.id, text=point.text, weight=point.weight, status=status, credit=credit, similarity=round(best, 1), evidence=evidence)


def limit_deduction(count: int, question: Question, rubric: Rubric) -> Deduction | None:
    """The deduction for going over the 字数 limit, if any, with the rule spelled out."""
    if not question.word_limit:
        return None
    rule = rubric.limit
    allowed = question.word_limit if question.limit_kind == "max" else math.floor(question.word_limit * (1 + rule.about_tolerance))
    over = count - allowed
    if over <= 0 or rule.over_points == 0:
        return None
    points = min(rule.over_cap, math.ceil(over / rule.over_step) * rule.over_points)
    kind = "上限" if question.limit_kind == "max" else f"{question.word_limit}字左右的上限"
    reason = (
        f"超字数：{count}字，超出{kind}{allowed}字{over}字；"
        f"每超{rule.over_step}字扣{format_points(rule.over_points)}分，最多扣{format_points(rule.over_cap)}分"
    )
    return Deduction(reason=reason, points=points)


def mark_answer(answer: str, question: Question, rubric: Rubric) -> Mark:
    """The mark of `answer`: every key point's status, credit and evidence, and deductions."""
    windows = answer_windows(answer)
    points = [mark_point(point, rubric, answer, windows) for point in rubric.points]
    count = word_count(answer)
    deductions = [d for d in [limit_deduction(count, question, rubric)] if d]
    earned = sum(p.credit for p in points) - sum(d.points for d in deductions)
    score = max(0.0, round(earned, 2))
    return Mark(question=question.id, score=score, max=question.points, word_count=count, points=points, deductions=deductions)
