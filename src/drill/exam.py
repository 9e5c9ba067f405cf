"""Sitting a paper as the exam is sat (模考): one clock for the paper, the time spent on each
question, warnings before the time is up, and the paper marked and stored as a whole.

The TUI's exam screen and `drill exam --submit` both come through here: `start` opens or
resumes an exam, `tick` moves its clock, `submit` marks every answer and stores the paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.models import MAX_ANSWER, Mark
from drill.practice import Submission
from drill.store import Store, now
from drill.store.papers import ExamState, PaperAttempt, PaperInfo, exam_draft_key, exam_state, paper, save_exam, save_paper_attempt
from drill.text import printable

# Warnings before the time is up, in seconds left, with what they say.
WARNINGS = ((30 * 60, "离考试结束还有 30 分钟"), (5 * 60, "离考试结束还有 5 分钟：请抓紧誊写"))
# When a paper states no reading time: this share of the time goes to reading the material
# (40 of 180 minutes is usual, 40 of 150 too).
READING_SHARE = 0.22
UNANSWERED = "未作答"
# Where the time spent with no answer in focus is counted: reading the material.
READING = "阅读材料"


@dataclass
class Exam:
    """A mock exam under way: the paper, its state, and the answers as last saved."""

    info: PaperInfo
    state: ExamState
    answers: dict[str, str]

    @property
    def left(self) -> int:
        """Seconds left on the paper's clock (never below 0)."""
        return max(0, self.info.minutes * 60 - self.state.elapsed)


def start(store: Store, paper_id: str) -> Exam:
    """Open the mock exam of a paper: resumed where it was when one is under way (its clock,
    its time split, its answers), else new, on the first question."""
    info = paper(store, paper_id)
    state = exam_state(store, paper_id) or ExamState(paper_id, now(), current=info.questions[0])
    if state.current not in info.questions:
        state.current = info.questions[0]
    answers = {}
    for qid in info.questions:
        draft = store.draft(exam_draft_key(paper_id, qid))
        answers[qid] = draft.answer if draft else ""
    return Exam(info, state, answers)


def tick(exam: Exam, seconds: int = 1, on: str | None = None) -> str | None:
    """Move the clock on by `seconds`, spent on question `on` (its answer had focus) or, with
    None, on reading the material (`READING`); the warning that falls due then, if one does."""
    before = exam.left
    exam.state.elapsed += seconds
    key = on or READING
    exam.state.seconds[key] = exam.state.seconds.get(key, 0) + seconds
    return next((said for at, said in WARNINGS if before > at >= exam.left), None)


def save_work(store: Store, exam: Exam, questions: list[str] | None = None) -> None:
    """Save the exam's clock, and the answers of `questions` (all when None) as drafts."""
    for qid in exam.info.questions if questions is None else questions:
        answer = exam.answers.get(qid, "")
        store.save_draft(exam_draft_key(exam.info.id, qid), answer[:MAX_ANSWER], exam.state.seconds.get(qid, 0))
    save_exam(store, exam.state)


def allocation(store: Store, info: PaperInfo) -> tuple[int, dict[str, int]]:
    """The suggested split of the paper's time, in seconds: reading the material first (as
    the paper states, else READING_SHARE of the time), then the rest in proportion to points."""
    total = info.minutes * 60
    reading = (info.reading_minutes * 60) if info.reading_minutes else round(total * READING_SHARE / 60) * 60
    points = {qid: store.question(qid).points for qid in info.questions}
    whole = sum(points.values()) or 1
    return reading, {qid: round((total - reading) * p / whole / 60) * 60 for qid, p in points.items()}


def to_mark(store: Store, exam: Exam) -> list[Submission]:
    """Every answer of the exam with what marking it needs, in the paper's order (as practice
    prepares one, but an empty answer is marked too: it earns nothing)."""
    found = []
    materials: dict[str, str] = {}
    for qid in exam.info.questions:
        question, rubric, version, material = store.marking(qid, materials)
        answer = printable(exam.answers.get(qid, ""))[:MAX_ANSWER]
        found.append(Submission(qid, answer, exam.state.seconds.get(qid, 0), question, rubric, version, material))
    return found


def mark_answers(submissions: list[Submission]) -> list[tuple[str, str, Mark, str]]:
    """Each answer marked (touches no store): (question, answer, mark, rubric version). An
    empty answer earns nothing, and says so."""
    marked = []
    for item in submissions:
        mark = item.mark()
        if not item.answer.strip():
            mark = mark.model_copy(update={"score": 0.0, "notes": [UNANSWERED, *mark.notes]})
        marked.append((item.question_id, item.answer, mark, item.version))
    return marked


def submit(store: Store, exam: Exam) -> PaperAttempt:
    """Mark every answer and store the paper sat (its attempts, its total) in one transaction;
    the exam under way ends with it."""
    return save_paper_attempt(store, exam.info, mark_answers(to_mark(store, exam)), exam.state)
