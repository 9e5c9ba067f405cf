"""`drill check`: every problem in the bank files at once, before a candidate meets one.

Beyond what loading finds (file, line, field), a question's reference answers must get full
marks against its own rubric: a rubric that misses its own reference cannot mark anyone fairly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drill.bank.loading import load_bank
from drill.models import format_points
from drill.marker import mark_answer


@dataclass
class CheckReport:
    """What `drill check` found."""

    questions: int = 0
    rubrics: int = 0
    problems: list[str] = field(default_factory=list)


def check_bank(roots: list[Path]) -> CheckReport:
    """Load every bank root and mark every reference answer against its rubric."""
    bank = load_bank(roots)
    report = CheckReport(questions=len(bank.questions), rubrics=len(bank.rubrics))
    report.problems = [p.message for p in bank.problems]
    for qid, question in sorted(bank.questions.items()):
        material = bank.materials.get(question.material)
        for number, reference in enumerate(question.references, start=1):
            mark = mark_answer(reference, question, bank.rubrics[qid], material.text if material else "")
            if mark.score < question.points:
                missed = ", ".join(f"{p.id} {p.status}" for p in mark.points if p.status != "hit")
                reasons = "; ".join(d.reason for d in mark.deductions)
                why = "; ".join(x for x in (missed, reasons) if x)
                report.problems.append(
                    f"{bank.files[qid]}: references: reference answer {number} scores "
                    f"{format_points(mark.score)}/{format_points(question.points)} against its own rubric ({why})"
                )
    return report
