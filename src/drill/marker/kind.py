"""The kind of answer a question asks for, and the kind an answer gives.

A question that asks what is (成效, 现状, 经验做法, 问题, 原因, 影响 …) is answered with
statements; an answer written as measures (一要…二要…, 要加强…, 应当…) answers another
question, however many of the material's words it repeats. A marker gives it next to
nothing: every point it would earn is held to `tuning.WRONG_KIND` of its credit. Clause by
clause, stance already reads a measure given for a problem (`stance.stance_factor`); this
reads the answer as a whole, so that it also holds where the points state achievements or
facts, which have no negation to clash with.

The other way round, an answer to a question that asks what to do (提出对策, or a document
that must propose) which says in most of its sentences that nothing need be done (不必转变观念,
无需再优化) argues against the question: it is held the same way. So is an answer that is
mostly bare lists of terms (投资、呼和浩特、以评促改、数字赋能): it names topics and states nothing.
"""

from __future__ import annotations

import re

from drill.marker import rows, tuning
from drill.marker.stance import DISMISSIVE
from drill.models import PointMark
from drill.text import NUMBERING, SENTENCE_END

# A question that asks what should be done, or lets it be said (启示 is often answered 要…).
# 举措 / 做法 / 措施 in a 归纳概括 ask what was done: statements, not measures to take.
_ASKS_MEASURES = re.compile(r"对策|建议|思路|怎么办|如何|怎样|启示|倡议|方案")
# What a question that asks what is says it wants done: sum up, analyse, point out.
_ASKS_SUMMARY = re.compile(r"概括|归纳|分析|谈谈|说明|指出|梳理|理解")
_SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]+")
# How a sentence written as a measure opens, once its numbering is left out.
_MODAL = re.compile(r"(?:还|更|就|都)?(?:要|应当|应该|应|需要|需|必须|务必|亟需|亟须)(?!求|素|点|件|是|有|该是)")
# Of the sentences: more than this share written as measures makes the answer one of measures
# (an analysis that ends 应当… is still an analysis).
PRESCRIBED_SHARE = 0.5
# A question about problems is left to stance, which reads a measure given for a problem
# clause by clause (`stance.stance_factor`): it is not held twice.
_ASKS_PROBLEMS = re.compile(r"问题|不足|短板|困难|弊端|障碍|原因")


def asks_for_statements(question_type: str, prompt: str) -> bool:
    """Whether a question asks what is, not what to do: a 归纳概括 (an analysis may end with
    measures) that asks to sum up or analyse, and asks neither for measures nor about
    problems (left to stance)."""
    return (
        question_type == "归纳概括"
        and bool(_ASKS_SUMMARY.search(prompt))
        and not _ASKS_MEASURES.search(prompt)
        and not _ASKS_PROBLEMS.search(prompt)
    )


def prescribed(sentence: str) -> bool:
    """Whether a sentence is written as a measure: numbered 一要 / 二要, or opening with 要 /
    应当 / 需要 / 必须 … after its numbering."""
    sentence = sentence.strip()
    numbering = NUMBERING.match(sentence)
    if numbering and "要" in numbering.group():
        return True
    rest = sentence[numbering.end() :].lstrip() if numbering else sentence
    return bool(_MODAL.match(rest))


def _sentences(answer: str) -> list[str]:
    """The answer's sentences that hold anything."""
    return [s for s in _SENTENCE.findall(answer) if s.strip()]


def _share(sentences: list[str], test) -> float:
    """The share of the sentences (by count) that pass `test`."""
    return sum(1 for s in sentences if test(s)) / len(sentences) if sentences else 0.0


def _most(sentences: list[str], test) -> bool:
    """Whether the share of the sentences that pass `test` is over PRESCRIBED_SHARE, read only
    until that is decided (most answers are told after half their sentences)."""
    count, passed = len(sentences), 0
    for read, sentence in enumerate(sentences, 1):
        if test(sentence):
            passed += 1
            if passed / count > PRESCRIBED_SHARE:
                return True
        elif (passed + count - read) / count <= PRESCRIBED_SHARE:
            return False
    return False


def prescribed_share(answer: str) -> float:
    """The share of the answer's sentences (by count) written as measures."""
    return _share(_sentences(answer), prescribed)


_ITEMS = re.compile(r"[\s、，,；;]+")
# Characters that make a short item a statement (材料多, 审批慢, 效率低) rather than a bare term.
_STATING = frozenset("多少难慢繁长短低高不没未无缺强弱好差快升降增减化优")
_BARE_LIST = re.compile(r"[\u4e00-\u9fff]{1,6}(?:[\s、，,；;]+[\u4e00-\u9fff]{1,6}){3,}")


def keyword_list(words: str, bare: bool = False) -> bool:
    """A list of terms (思想认识 理念 放权 …): four or more short items and nothing else; with
    `bare`, none of them saying anything of its term (材料多、环节多 states; 投资、审批 does not)."""
    words = words.strip("。；！？ ")
    # Bare terms are words: Chinese, at most six characters (not 3、6、9 or S1 和 S2), none
    # saying anything; most sentences are not lists at all, and are told so in one match.
    if bare and not (_BARE_LIST.fullmatch(words) and _STATING.isdisjoint(words)):
        return False
    items = [item for item in _ITEMS.split(words) if item]
    return len(items) >= 4 and sum(map(len, items)) <= 5 * len(items)


def _bare_list(sentence: str) -> bool:
    return keyword_list(sentence, bare=True)


def listed_share(answer: str, bare: bool = True) -> float:
    """The share of the answer's sentences (by count) that are (bare) lists of terms."""
    return _share(_sentences(answer), _bare_list if bare else keyword_list)


def dismissed_share(answer: str) -> float:
    """The share of the answer's sentences (by count) that say a thing need not be done (不必 …)."""
    return _share(_sentences(answer), DISMISSIVE.search)


def _held(points: list[PointMark], reason: str) -> list[PointMark]:
    """Each row with credit held to `tuning.WRONG_KIND` of it, saying why."""
    held = []
    for point in points:
        if point.credit <= 0:
            held.append(point)
            continue
        share = point.credit / point.weight * tuning.WRONG_KIND if point.weight else 0.0
        row = rows.row(point.id, point.text, point.weight, rows.status_of(share), share, point.similarity, point.evidence)
        held.append(row.model_copy(update={"reason": reason}))
    return held


def held_to_kind(
    points: list[PointMark], answer: str, question_type: str, prompt: str, references: list[str] = (),
) -> list[PointMark]:
    """The rows, each held to `tuning.WRONG_KIND` of its credit when the question asks for
    statements and the answer gives measures, or asks what to do and the answer says it need
    not be done, or the answer is bare lists of terms where the references state things (a
    reference that itself lists terms, 线性表、栈、队列, may be answered by a list); else as
    they were."""
    sentences = _sentences(answer)  # split once for the three reads below
    if asks_for_statements(question_type, prompt) and _most(sentences, prescribed):
        return _held(points, "题型不符：题目问的是情况（成效、现状、问题等），作答写成了对策")
    if question_type in ("提出对策", "贯彻执行") and _most(sentences, DISMISSIVE.search):
        return _held(points, "表述相反：题目要的是该怎么做，作答大多说不必做（不必、无需……）")
    if _most(sentences, _bare_list) and references and not any(listed_share(r, bare=False) for r in references):
        return _held(points, "只列关键词：作答只列了词语，没有说出要点的意思")
    return points
