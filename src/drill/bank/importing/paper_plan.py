"""A paper read by `papers.parse_paper`, as the bank files it becomes: each 给定资料 a material
of its own (`ID-m1` …), each question a question (`ID-q1` …) with its rubric derived from
its 参考答案 when it has one (none yet when it has not), and the paper record naming them."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from drill.bank.files import safe_id
from drill.bank.importing.documents import ImportedQuestion, build_question
from drill.bank.importing.papers import parse_paper
from drill.bank.loading import first_error
from drill.errors import ImportFailed
from drill.models import Material, Paper, PaperEntry, Question

# A paper that states no time: the 申论 of the national exam and most provinces' is 180 minutes.
DEFAULT_MINUTES = 180


def paper_questions(text: str, name: str, prefix: str | None = None) -> tuple[Paper, list[Material], list[ImportedQuestion]]:
    """The paper, its materials and its questions, from a paper's text; `ImportFailed` names
    the question or line that cannot be imported."""
    parsed = parse_paper(text, name)
    pid = safe_id(prefix or Path(name).stem)
    materials = [Material(id=f"{pid}-m{i}", text=body) for i, body in enumerate(parsed.materials, start=1)]
    found: list[ImportedQuestion] = []
    for q in parsed.questions:
        where = f"{name}#第{q.number}题"
        if q.points is None:
            raise ImportFailed(f"{where}：题目没写分值（应有如“（20分）”的字样）")
        given = {"type": q.type, "points": q.points, "word_limit": q.word_limit, "limit_kind": q.limit_kind}
        qid = f"{pid}-q{q.number}"
        if q.reference:
            found.append(build_question(qid, q.prompt, q.reference, where, "", **given))
            continue
        try:
            question = Question(id=qid, source=where, prompt=q.prompt, references=[], **given)
        except ValidationError as exc:
            raise ImportFailed(f"{where}: {first_error(exc)}") from None
        found.append(ImportedQuestion(question=question, rubric=None))
    numbers = [q.number for q in parsed.questions]
    if len(numbers) != len(set(numbers)):
        twice = next(n for n in numbers if numbers.count(n) > 1)
        raise ImportFailed(f"{name}：第{twice}题出现了两次（题号应各不相同）")
    total = round(sum(item.question.points for item in found), 4)
    if parsed.points is not None and abs(total - parsed.points) > 1e-6:
        raise ImportFailed(f"{name}：注意事项说满分 {parsed.points:g} 分，而各题分值合计 {total:g} 分")
    try:
        paper = Paper(
            id=pid, title=parsed.title or pid, minutes=parsed.minutes or DEFAULT_MINUTES, reading_minutes=parsed.reading_minutes,
            points=total, source=name, materials=[m.id for m in materials],
            questions=[PaperEntry(id=item.question.id, cites=q.cites) for item, q in zip(found, parsed.questions)],
        )
    except ValidationError as exc:
        raise ImportFailed(f"{name}: {first_error(exc)}") from None
    return paper, materials, found
