"""`drill check`: a question's reference answers must get full marks against its own rubric.

Beyond what loading finds (file, line, field), a rubric that misses its own reference cannot
mark anyone fairly. `reference_problem` says what is wrong with one reference's mark; the
command marks every reference of the bank page by page (`drill.batch.check_references`).
"""

from __future__ import annotations

from drill.models import Mark, Question
from drill.numbers import format_points


def reference_problem(file: str, question: Question, number: int, mark: Mark) -> str | None:
    """The problem of reference answer `number` marked `mark`, or None when it gets full marks."""
    if mark.score >= question.points:
        return None
    from drill.report import STATUS_WORD

    missed = "，".join(f"{p.id} {STATUS_WORD[p.status]}" for p in mark.points if p.status != "hit")
    reasons = "；".join(d.reason for d in mark.deductions)
    why = "；".join(x for x in (missed, reasons) if x)
    return (
        f"{file}: references: 参考作答 {number} 按本题评分标准只得 "
        f"{format_points(mark.score)}/{format_points(question.points)}（{why}）"
    )
