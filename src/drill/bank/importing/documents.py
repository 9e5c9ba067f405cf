"""Documents in the 背景链接 / 深度解读 / 实战应用 layout, and plain question files, as questions.

Each 问题N of 实战应用 becomes a question: its prompt, the requirements parsed from it, its
题型 from the prompt's cues, the 【参考作答】 split into key points whose weights add up to the
points, and the sections before 实战应用 as the material. A plain file holds one prompt and
its 【参考作答】, or several under 问题N headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from drill.bank.files import safe_id
from drill.bank.loading import first_error
from drill.errors import ImportFailed
from drill.models import KeyPoint, LimitRule, Material, Question, Rubric
from drill.text import NUMERALS, clean_text, split_points

_NUM = NUMERALS
SECTION = re.compile(rf"^([{_NUM}]+)、\s*(\S.*?)\s*$", re.MULTILINE)
_QUESTION = re.compile(r"^问题\s*(\d+)\s*[:：]?\s*(.*)$", re.MULTILINE)
_REFERENCE = re.compile(r"【\s*参考(?:作答|答案)\s*】")
# Cues of each 题型 in the part of the prompt that asks (from its last 请 on); first match wins.
TYPE_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("文章写作", re.compile(r"自选角度|自拟题目|写一篇|议论文|文章")),
    ("贯彻执行", re.compile(r"写一份|拟写|拟一|起草|倡议书|讲话稿|发言稿|提纲|宣传稿|简报|公开信|编者按|汇报")),
    ("提出对策", re.compile(r"对策|建议|措施|怎么做|如何解决|解决办法|思路")),
    # "分析……问题及其原因" asks for analysis, though it names problems and causes.
    ("综合分析", re.compile(r"分析[^。；]*原因|原因[^。；]*分析|评析|谈谈[^。；]*(?:理解|看法|认识)")),
    ("归纳概括", re.compile(r"概括|归纳|问题|原因|做法|经验|成效|启示|特点|表现|变化")),
    ("综合分析", re.compile(r"分析|理解|看法|评价|含义|谈谈|认识")),
]


@dataclass
class ImportedQuestion:
    """One question found in a document, ready to be written to the bank."""

    question: Question
    rubric: Rubric | None  # None: no reference answer yet (a paper imported without 参考答案)


def parse_requirements(prompt: str) -> tuple[int | None, str | None, float | None]:
    """The 字数 limit, its kind and the points of a prompt: `400字左右` → (400, 'about', …)."""
    limit: int | None = None
    kind: str | None = None
    about = re.findall(r"(\d+)\s*字\s*左右", prompt)
    ranged = re.findall(r"(\d+)\s*[-—~～至到]\s*(\d+)\s*字", prompt)
    capped = re.findall(r"(?:不超过|不多于|少于|限)\s*(\d+)\s*字|(\d+)\s*字(?:以内|以下|之内)|(\d+)\s*字", prompt)
    if about:
        limit, kind = int(about[-1]), "about"
    elif ranged:
        limit, kind = int(ranged[-1][1]), "max"
    elif capped:
        limit, kind = int(next(n for n in capped[-1] if n)), "max"
    points = re.findall(r"(\d+(?:\.\d+)?)\s*分(?!钟|析|别|类|成|配|为|解)", prompt)
    return limit, kind, (float(points[-1]) if points else None)


def question_type(prompt: str) -> str:
    """The 题型 of a prompt, from the cues in the part that asks; 归纳概括 when nothing fits."""
    ask = prompt[prompt.rfind("请"):] if "请" in prompt else prompt
    for kind, cue in TYPE_CUES:
        if cue.search(ask):
            return kind
    return "归纳概括"


def split_weights(total: float, count: int) -> list[float]:
    """Weights in half points that add up to `total`, the earlier points taking any remainder."""
    units = round(total * 2)
    if count == 0:
        return []
    if units < count or abs(units - total * 2) > 1e-9:
        share = round(total / count, 2)
        return [share] * (count - 1) + [round(total - share * (count - 1), 2)]
    base, extra = divmod(units, count)
    return [(base + (1 if i < extra else 0)) / 2 for i in range(count)]


def rubric_for(question: Question, reference: str) -> Rubric:
    """A first rubric: one key point per reference point, weights adding up to the question's points."""
    texts = split_points(reference)
    if not texts:
        raise ImportFailed(f"{question.source}：参考作答里没有可评分的要点")
    weights = split_weights(question.points, len(texts))
    limit = LimitRule(over_step=max(1, round(question.word_limit * 0.1))) if question.word_limit else LimitRule()
    points = [KeyPoint(id=f"p{i + 1}", weight=w, text=t) for i, (t, w) in enumerate(zip(texts, weights))]
    return Rubric(question=question.id, limit=limit, points=points)


def parse_document(text: str, file_name: str, prefix: str | None = None) -> tuple[Material, list[ImportedQuestion]]:
    """The material and the questions of a document in the 实战应用 layout."""
    text = clean_text(text)
    sections = list(SECTION.finditer(text))
    practice = next((i for i, m in enumerate(sections) if m.group(2).startswith("实战应用")), None)
    if practice is None:
        raise ImportFailed(f"{file_name}：没有实战应用部分（应有一行如“三、实战应用”）")
    begin = sections[practice].end()
    end = len(text)
    number = _NUM.find(sections[practice].group(1)[-1])
    for m in sections[practice + 1 :]:
        title = m.group(2)
        if _NUM.find(m.group(1)[-1]) == number + 1 and len(title) <= 8 and not re.search(r"[，。；：,.;:]", title):
            end = m.start()
            break
    stem = Path(file_name).stem
    material = Material(id=safe_id(stem), text=text[: sections[practice].start()].strip())
    prefix = safe_id(prefix or stem)
    body = text[begin:end]
    heads = list(_QUESTION.finditer(body))
    if not heads:
        raise ImportFailed(f"{file_name}：实战应用部分没有“问题N”")
    found: list[ImportedQuestion] = []
    for i, head in enumerate(heads):
        block = head.group(2) + "\n" + body[head.end() : heads[i + 1].start() if i + 1 < len(heads) else len(body)]
        found.append(_question(block, int(head.group(1)), file_name, prefix, material.id))
    return material, found


def _question(block: str, number: int, file_name: str, prefix: str, material_id: str, where: str | None = None) -> ImportedQuestion:
    where = where or f"{file_name}#实战应用/问题{number}"
    parts = _REFERENCE.split(block, maxsplit=1)
    prompt = parts[0].strip()
    reference = parts[1].strip() if len(parts) > 1 else ""
    if not prompt:
        raise ImportFailed(f"{where}：这道题没有题目文字")
    if not reference and where == file_name:
        raise ImportFailed(
            f"{file_name}:1: 读不出题目：不是试卷（应有“给定资料”和“作答要求”标题），不是实战应用文档（应有“三、实战应用”一节），"
            "也不是题目文件（题目后面应有【参考作答】）"
        )
    if not reference:
        raise ImportFailed(f"{where}：题目后面没有【参考作答】")
    return build_question(f"{prefix}-q{number}", prompt, reference, where, material_id)


def build_question(qid: str, prompt: str, reference: str, where: str, material_id: str = "", **given) -> ImportedQuestion:
    """A question and its first rubric from a prompt and a reference answer.

    `given` may set type, points, word_limit and limit_kind; what it does not set is read
    from the prompt's own words (题型 cues, 200字, 10分).
    """
    limit, kind, points = parse_requirements(prompt)
    points = given.get("points") or points
    if points is None:
        raise ImportFailed(f"{where}：题目没写分值（如“10分”）")
    try:
        question = Question(
            id=safe_id(qid),
            type=given.get("type") or question_type(prompt),
            points=points,
            word_limit=given.get("word_limit") or limit,
            limit_kind=given.get("limit_kind") or (kind if not given.get("word_limit") else "max"),
            source=where,
            material=material_id,
            tags=given.get("tags") or [],
            prompt=clean_text(prompt),
            references=[clean_text(reference)],
        )
    except ValidationError as exc:
        raise ImportFailed(f"{where}: {first_error(exc)}") from None
    return ImportedQuestion(question=question, rubric=rubric_for(question, question.references[0]))


def parse_plain(text: str, file_name: str, prefix: str | None = None) -> list[ImportedQuestion]:
    """Questions written plainly: one prompt and its 【参考作答】, or several under 问题N headings."""
    text = clean_text(text)
    prefix = safe_id(prefix or Path(file_name).stem)
    heads = list(_QUESTION.finditer(text))
    if not heads:
        return [_question(text, 1, file_name, prefix, "", where=file_name)]
    return [
        _question(head.group(2) + "\n" + text[head.end() : heads[i + 1].start() if i + 1 < len(heads) else len(text)],
                  int(head.group(1)), file_name, prefix, "", where=f"{file_name}#问题{head.group(1)}")
        for i, head in enumerate(heads)
    ]
