"""Marking an answer to a question that has no reference answer or rubric yet (a real paper
imported without 参考答案): its content cannot be marked, its form can.

The mark says so plainly (`Mark.unmarked`, a note) and scores nothing; its rows are what can
be measured without a reference, each worth nothing: the 字数 against the requirement, an
essay's structure, a practical document's title and numbered parts; copying the material is
measured as for any answer.
"""

from __future__ import annotations

from drill.marker import deductions as taken
from drill.marker import rows
from drill.marker.essay import structure_row
from drill.marker.formats import check_format
from drill.models import FormatCheck, LimitRule, Mark, PointMark, Question, Rubric

# Where copying is said, as a rubric's default says it.
COPY_THRESHOLD = Rubric.model_fields["copy_threshold"].default
from drill.text import word_count

UNMARKED_NOTE = "内容未评分：这道题还没有参考答案或评分标准，只查了字数、格式、结构和照抄；在编辑器里加上参考答案（或评分标准）后就能评内容"
# The form a practical document (贯彻执行) is expected to have, whatever its kind.
_DOCUMENT_FORM = [FormatCheck(id="title", check="title", weight=1), FormatCheck(id="structure", check="structure", weight=1)]


def _length_row(count: int, question: Question) -> PointMark:
    allowed = taken.allowed_words(question, LimitRule())
    if allowed is None:
        return rows.row("length", f"字数：{count}字（题目没有字数要求）", 0, "hit")
    said = f"不超过{question.word_limit}字" if question.limit_kind == "max" else f"{question.word_limit}字左右"
    ok = count <= allowed and (question.limit_kind == "max" or count >= question.word_limit * 0.8)
    return rows.row("length", f"字数：{count}字（要求{said}）", 0, "hit" if ok else "miss")


def mark_form_only(answer: str, question: Question, material: str = "") -> Mark:
    """The mark of an answer to a question without reference or rubric: form only, score 0."""
    count = word_count(answer)
    points = [_length_row(count, question)]
    if question.type == "文章写作":
        points.append(structure_row(answer, 0))
    elif question.type == "贯彻执行":
        points += [row.model_copy(update={"weight": 0.0, "credit": 0.0}) for row in check_format(answer, _DOCUMENT_FORM)]
    copied = taken.copied_share(answer, material)
    over = taken.limit_deduction(count, question, LimitRule())
    notes = [UNMARKED_NOTE]
    if over:
        notes.append(over.reason)
    if copied > COPY_THRESHOLD:
        notes.append(f"照抄材料：作答中{copied:.0%}的文字与材料连续相同")
    return Mark(question=question.id, score=0.0, max=question.points, word_count=count, points=points, copied=copied, notes=notes, unmarked=True)
