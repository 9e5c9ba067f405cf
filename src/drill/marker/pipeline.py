"""The marking pipeline: one answer, one scheme, one `Mark`, in the steps a marker takes.

`mark` runs the steps below in order; each is a function named for what it does, in the
module that knows how. Rubric marking (`mark_answer`) and reference-only marking
(`reference.mark_by_references`) both come through here.
"""

from __future__ import annotations

from drill.marker import deductions as taken
from drill.marker.appraisal import appraisal, appraisal_span, asks_appraisal
from drill.marker.coverage import coverage_row
from drill.marker.essay import CANNOT_JUDGE, band_of, essay_caps, essay_rows, thesis_point
from drill.marker.formats import check_format, held_to_content
from drill.marker.formulas import formulas, result_row
from drill.marker.keypoints import credit_point, match_points, supported_share
from drill.marker.kind import held_to_kind
from drill.marker.matching import Matches
from drill.marker.scheme import Scheme, rubric_scheme
from drill.marker.unmarked import mark_form_only
from drill.marker.verdict import opposite_verdict, verdict_row, verdict_span
from drill.models import Deduction, KeyPoint, Mark, PointMark, Question, Rubric
from drill.text import word_count


def credit_sought(
    answer: str, scheme: Scheme, given: tuple[str, int, int] | None = None, also: list[KeyPoint] = (),
) -> tuple[list[PointMark], list[PointMark]]:
    """Step 1: every point sought, credited its way (`given`: the verdict the answer opens
    with); and the rows of the key points `also` sought closely (an essay's central argument)."""
    close = [s.point for s in scheme.sought if s.way != "result"] + list(also)
    # Which clauses the answer contradicts is read only for statements credited by coverage.
    best = match_points(answer, close, any(s.way == "statement" for s in scheme.sought)) if close else Matches()
    stated = set(formulas(answer)) if any(s.way == "result" for s in scheme.sought) else set()
    rows: list[PointMark] = []
    for sought in scheme.sought:
        if sought.way == "result":
            row = result_row(sought.point, sought.formula, answer, stated)
        elif sought.way == "verdict" and given:
            row = verdict_row(sought.point, answer, given, scheme.verdict)
        else:
            row = credit_point(sought.point, scheme.rubric, best, answer)
            if sought.way == "statement":
                covered = coverage_row(sought.point, answer, scheme.prompt, supported_share(sought.point, best))
                if covered.credit > row.credit:
                    # Credited by coverage: why not in full is what close matching found, if it says.
                    said = row.reason if row.reason and not row.reason.startswith("未涉及") else covered.reason
                    row = covered.model_copy(update={"reason": said}) if covered.status != "hit" else covered
        rows.append(row)
    return rows, [credit_point(point, scheme.rubric, best, answer) for point in also]


def mark(answer: str, question: Question, scheme: Scheme, material: str = "") -> Mark:
    """The mark of `answer` against `scheme`: every row, every deduction and the total."""
    rubric: Rubric = scheme.rubric
    essay = rubric.essay
    count = word_count(answer)
    given = verdict_span(answer) if scheme.verdict else None
    # 1. Each point sought: hit / partial / missed, its credit and the words that earned it.
    points, thesis = credit_sought(answer, scheme, given, [thesis_point(essay)] if essay else [])
    # … held to next to nothing when the question asks what is and the answer gives measures.
    points = held_to_kind(points, answer, question.type, question.prompt, question.references)
    # 2. An essay's parts: central argument, sub-arguments (capped), structure, material, length.
    if essay:
        points = essay_rows(answer, rubric, thesis[0], points, count)
    # 3. A practical document's form: title, addressee, structure, closing, signature.
    points += held_to_content(check_format(answer, rubric.format), points)
    # 4. What the rubric takes off: over the 字数 limit, copying the material.
    copied = taken.copied_share(answer, material)
    deductions: list[Deduction] = taken.rubric_deductions(count, copied, question, rubric)
    notes: list[str] = []
    # 5. A 判断题 answered with the opposite verdict: its explanation earns nothing …
    against, note = opposite_verdict(points, given, scheme.verdict)
    # … and a 综合分析 that appraises the thing the other way (值得肯定 where it is 不可取).
    if not against and not note and asks_appraisal(question.type, question.prompt) and question.references:
        against, note = opposite_verdict(points, appraisal_span(answer), appraisal(question.references[0]), "appraisal")
    deductions += [against] if against else []
    notes += [note] if note else []
    # 6. An essay held to its band's ceiling (off the theme, short, one block), and its band.
    band = None
    if essay:
        deductions += essay_caps(answer, question, rubric, points, count, deductions)
        band, notes = band_of(max(0.0, taken.earned(points, deductions)), question.points), [CANNOT_JUDGE]
    # 7. The total: credits less deductions, within 0 and the question's points.
    return Mark(
        question=question.id, score=taken.total(points, deductions, question.points), max=question.points,
        word_count=count, points=points, deductions=deductions, copied=copied, band=band, notes=notes,
    )


def mark_answer(answer: str, question: Question, rubric: Rubric | None, material: str = "") -> Mark:
    """The mark of `answer` against a hand-written rubric (see `mark`); a question with no
    rubric yet (no reference answer either) is marked for its form alone (`unmarked.py`)."""
    if rubric is None:
        return mark_form_only(answer, question, material)
    return mark(answer, question, rubric_scheme(rubric), material)
