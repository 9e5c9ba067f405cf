"""综合分析 of a practice or a view (谈谈你对这一现象的理解 / 看法 / 评价): the appraisal comes first.

An answer to such a question opens by saying what it makes of the thing (这一现象反映了部分干部
明哲保身的问题 / 这种做法值得肯定). A marker reads that appraisal; when it is the opposite of the
reference's, the analysis argues the wrong side and earns nothing, however many of the
reference's words it uses (as the opposite verdict of a 判断题, `verdict.py`). An opening that
appraises nothing (一要… / 这句话说的是…) is left to the points.
"""

from __future__ import annotations

import re

from drill.text import SENTENCE_END

# A 综合分析 that asks what the candidate makes of something quoted.
ASKS_APPRAISAL = re.compile(r"(?:谈谈|谈一谈|说说|说一说).{0,12}?(?:看法|理解|认识|评价|观点)|(?:如何|怎样|怎么)(?:看待|理解|评价)|评析|评价")
APPROVE, DISAPPROVE = "值得肯定", "不可取"
_APPROVES = re.compile(
    r"值得(?:肯定|提倡|推广|借鉴|学习|称赞|点赞|鼓励)|(?<!不)(?:应当|应该|要|需要)?大力提倡|(?<![不非])(?:是正确的|正确的做法|做法(?:是)?正确)|(?<!不)可取|无可厚非|合情合理"
)
_DISAPPROVES = re.compile(
    r"不可取|不值得|不应(?:当|该)?提倡|是错误的|做法(?:是)?错误|要不得|不妥|片面|偏颇|反映(?:出|了)?[^。！？]{0,30}?(?:问题|不足|缺乏|不够)"
    r"|损害|不利于|不作为|为官不为|明哲保身|懒政|怠政|值得警惕|值得反思"
)
_FIRST_SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]+")


def asks_appraisal(question_type: str, prompt: str) -> bool:
    """Whether a question asks what the candidate makes of a practice or a view."""
    return question_type == "综合分析" and bool(ASKS_APPRAISAL.search(prompt))


def appraisal_span(text: str) -> tuple[str, int, int] | None:
    """The appraisal a text opens with (APPROVE or DISAPPROVE) and the span of its first
    sentence; the earlier of the two when it holds both; None when it appraises nothing."""
    first = _FIRST_SENTENCE.search(text)
    if not first:
        return None
    sentence = first.group()
    approve, disapprove = _APPROVES.search(sentence), _DISAPPROVES.search(sentence)
    if not (approve or disapprove):
        return None
    said = APPROVE if approve and (not disapprove or approve.start() < disapprove.start()) else DISAPPROVE
    return said, first.start(), first.end()


def appraisal(text: str) -> str | None:
    """APPROVE, DISAPPROVE or None: the appraisal a text opens with."""
    found = appraisal_span(text)
    return found[0] if found else None
