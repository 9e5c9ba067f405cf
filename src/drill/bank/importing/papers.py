"""Real exam papers (真题套卷) as they come: copied from a PDF or a web page, with or without
an institution's 参考答案.

A paper is a title, optionally 注意事项 (考试时限为180分钟, 阅读给定资料参考时限为40分钟,
满分100分), its 给定资料 in order and four or five questions under 作答要求, each citing some
资料 ("根据给定资料3", "给定资料2-4"; an essay "参考给定资料": all). Answers come after each
question (【参考答案】) or in a block at the end (参考答案, numbered as the questions).

`parse_paper` reads the text into a `ParsedPaper`; PDF debris is cleaned first: page numbers,
running headers, sentences broken across lines, radicals for characters (in `clean_text`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from drill.bank.importing.documents import parse_requirements, question_type
from drill.errors import ImportFailed
from drill.text import NUMERALS, clean_text

_N = rf"[0-9{NUMERALS}]+"
_HEAD_PREFIX = rf"(?:[{NUMERALS}]+\s*[、.．]\s*|[{NUMERALS}]+\s+|第[{NUMERALS}]+部分\s*)?"
MATERIALS_HEAD = re.compile(rf"^{_HEAD_PREFIX}给定(?:资料|材料)\s*[:：]?\s*$")
QUESTIONS_HEAD = re.compile(rf"^{_HEAD_PREFIX}(?:作答|申论)要求\s*[:：]?\s*$")
NOTES_HEAD = re.compile(rf"^{_HEAD_PREFIX}注意事项\s*[:：]?\s*$")
# The block of answers at the end; 【参考答案】 in brackets is an answer after its question.
ANSWERS_HEAD = re.compile(rf"^{_HEAD_PREFIX}参考答案(?:及解析)?\s*[:：]?\s*$")
INLINE_ANSWER = re.compile(r"^[【\[]\s*参考(?:答案|作答)\s*[】\]]\s*[:：]?|^参考(?:答案|作答)\s*[:：]")
# 资料1 / 材料1： / 给定资料1 / （一） heading a material, alone on its line or before its text.
MATERIAL = re.compile(rf"^(?:给定)?(?:资料|材料)\s*({_N})\s*[:：.．、]?\s*(.*)$|^[（(]([{NUMERALS}]+)[）)]\s*$")
# （一） / 一、 / 第一题 / 问题一 / 1. numbering a question.
QUESTION = re.compile(
    rf"^(?:[（(]([{NUMERALS}]+)[）)]|([{NUMERALS}]+)、|第([{NUMERALS}]+)题|问题\s*({_N})\s*[:：]?|(\d+)\s*[.．、](?!\d))\s*(.*)$"
)
# 1. heading a material: the 国考 numbers its 给定资料 so (1. / 2.), with no 资料 before it.
# A number after the stop is the text's (1.1949年3月), unless it reads as a decimal (7.03%, 1.5倍).
NUMBERED_MATERIAL = re.compile(r"^(\d{1,2})\s*[.．]\s*(?!\d{1,3}(?:[%％倍万亿元个人]|\.\d))(.*)$")
# A character spaced out from its neighbours, as some PDFs' text comes (优 化 营 商 环 境).
SPACED = re.compile(r"(?<=[\u3400-\u9fff“”‘’，。、；：（）])[ \u3000]+(?=[\u3400-\u9fff“”‘’，。、；：（）])")
# Lines a PDF repeats on every page: page numbers in their usual forms.
PAGE_NUMBER = re.compile(r"^(?:[—–\-－]\s*\d+\s*[—–\-－]|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,3})$")
SENTENCE_END = "。！？；：”’）」』】…"
# A line of 注意事项 without its heading (满分100分。时间180分钟。): never part of the title.
NOTE_LINE = re.compile(r"^(?:\d+\s*[.．、]\s*)?(?:本(?:题本|试卷|试题)|满分|考试时限|时限|时间|阅读给定资料)")


@dataclass
class PaperQuestion:
    """A question as the paper states it: its text, requirements and the 资料 it cites."""

    number: int
    prompt: str
    type: str
    points: float | None
    word_limit: int | None
    limit_kind: str | None
    least_words: int | None
    cites: list[int]
    reference: str | None = None


@dataclass
class ParsedPaper:
    """What a paper's text holds."""

    title: str
    minutes: int | None
    reading_minutes: int | None
    points: float | None
    materials: list[str]
    questions: list[PaperQuestion] = field(default_factory=list)


def number_of(numeral: str) -> int:
    """一 → 1, 十二 → 12, 3 → 3."""
    if numeral.isdigit():
        return int(numeral)
    digits = "零一二三四五六七八九"
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        return (digits.index(tens) if tens else 1) * 10 + (digits.index(ones) if ones else 0)
    return digits.index(numeral) if numeral in digits else 0


def looks_like_paper(text: str) -> bool:
    """Whether a text is laid out as a paper: a 给定资料 or an 作答要求 heading (a paper missing
    the other is read as one, and told what it lacks)."""
    lines = [line.strip() for line in clean_text(text).split("\n")]
    return any(MATERIALS_HEAD.match(line) or QUESTIONS_HEAD.match(line) for line in lines)


def mended_lines(text: str) -> list[str]:
    """The paper's lines without PDF debris: page numbers, headers repeated on every page
    (a line seen three times or more); a sentence broken across lines joined."""
    return _mend(text)[0]


def _mend(text: str) -> tuple[list[str], list[int]]:
    """The mended lines, and the line of the file each starts on (for messages)."""
    lines = [_unspaced(clean_text(line)) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    numbers = list(range(1, len(lines) + 1))
    if _double_spaced(lines):  # a blank line after every line: the text's own paragraphs are lost anyway
        numbers = [n for n, line in zip(numbers, lines) if line]
        lines = [line for line in lines if line]
    counts = Counter(line for line in lines if line)
    repeated = {line for line, count in counts.items() if count >= 3 and len(line) >= 6 and not _is_head(line)}
    joined: list[str] = []
    origins: list[int] = []
    for number, line in zip(numbers, lines):
        if PAGE_NUMBER.match(line) or line in repeated:
            continue
        if joined and joined[-1] and line and _continues(joined[-1], line):
            joined[-1] += line
        else:
            joined.append(line)
            origins.append(number)
    return joined, origins


def _unspaced(line: str) -> str:
    """A line without the spaces a PDF put between its Chinese characters, when most are so
    spaced (a space between two words of a title is kept)."""
    gaps = len(SPACED.findall(line))
    return SPACED.sub("", line) if gaps >= 4 and gaps * 3 >= sum(1 for c in line if "\u3400" <= c <= "\u9fff") else line


def _double_spaced(lines: list[str]) -> bool:
    """Whether the text has a blank line after (nearly) every line, as some PDF copies do."""
    filled = [i for i, line in enumerate(lines) if line]
    if len(filled) < 6:
        return False
    followed = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1])
    return followed >= 0.8 * len(filled)


def _is_head(line: str) -> bool:
    return bool(NOTE_LINE.match(line) or MATERIALS_HEAD.match(line) or QUESTIONS_HEAD.match(line) or NOTES_HEAD.match(line) or ANSWERS_HEAD.match(line)
                or MATERIAL.match(line) or QUESTION.match(line) or INLINE_ANSWER.match(line))


def _bare_head(line: str) -> bool:
    """A heading with nothing after it on its line (资料1, 第一题, 二、给定资料): the text below
    it is not the rest of a sentence."""
    if MATERIALS_HEAD.match(line) or QUESTIONS_HEAD.match(line) or NOTES_HEAD.match(line) or ANSWERS_HEAD.match(line):
        return True
    material, question, answer = MATERIAL.match(line), QUESTION.match(line), INLINE_ANSWER.match(line)
    return bool((material and not (material.group(2) or "").strip()) or (question and not question.group(6).strip())
                or (answer and not line[answer.end():].strip()))


def _continues(before: str, line: str) -> bool:
    """Whether `line` goes on with the sentence `before` broke off (a PDF's line break): not
    after a sentence's end or a bare heading, and not into a heading or the requirements."""
    return before[-1] not in SENTENCE_END and not _is_head(line) and not _bare_head(before) and not line.startswith("要求")


def parse_paper(text: str, name: str) -> ParsedPaper:
    """A paper's title, time, points, materials and questions; `ImportFailed` says what was
    expected and what was found, naming the line."""
    lines, origins = _mend(text)
    where = _Where(name, lines, origins)
    heads = {kind: where.find(pattern) for kind, pattern in
             (("notes", NOTES_HEAD), ("materials", MATERIALS_HEAD), ("questions", QUESTIONS_HEAD), ("answers", ANSWERS_HEAD))}
    if heads["materials"] is None:
        raise ImportFailed(f"{name}：不是试卷：没有“给定资料”标题（应有一行如“给定资料”或“一、给定资料”）")
    if heads["questions"] is None or heads["questions"] < heads["materials"]:
        raise where.fail(heads["materials"], "“给定资料”后面没有“作答要求”标题")
    title = next((line for line in lines[: heads["notes"] if heads["notes"] is not None else heads["materials"]] if line), "")
    notes = " ".join(lines[heads["notes"] : heads["materials"]]) if heads["notes"] is not None else " ".join(lines[: heads["materials"]])
    minutes = _minutes(notes, r"考试时限(?:为)?\s*[:：]?\s*(\d+)\s*分钟") or _minutes(notes, r"(?:时限|时间)(?:为)?\s*[:：]?\s*(\d+)\s*分钟")
    reading = _minutes(notes, r"阅读给定(?:资料|材料)(?:参考)?时限(?:为)?\s*[:：]?\s*(\d+)\s*分钟")
    total = re.search(r"满分\s*[:：]?\s*(\d+)\s*分", notes)
    end = heads["answers"] if heads["answers"] is not None and heads["answers"] > heads["questions"] else len(lines)
    materials = _materials(lines, heads["materials"] + 1, heads["questions"], where)
    questions = _questions(lines, heads["questions"] + 1, end, len(materials), where)
    if heads["answers"] is not None and heads["answers"] > heads["questions"]:
        _answers(lines, heads["answers"] + 1, questions, where)
    return ParsedPaper(title=title, minutes=minutes, reading_minutes=reading, points=float(total.group(1)) if total else None,
                       materials=materials, questions=questions)


class _Where:
    """Line numbers of the mended text, for messages."""

    def __init__(self, name: str, lines: list[str], origins: list[int]) -> None:
        self.name, self.lines, self.origins = name, lines, origins

    def find(self, pattern: re.Pattern[str], start: int = 0) -> int | None:
        return next((i for i in range(start, len(self.lines)) if pattern.match(self.lines[i])), None)

    def fail(self, index: int, said: str) -> ImportFailed:
        index = min(max(index, 0), len(self.lines) - 1)
        shown = self.lines[index][:30]
        return ImportFailed(f"{self.name}:{self.origins[index]}: {said}" + (f"（这一行是 {shown!r}）" if shown else ""))


def _minutes(notes: str, pattern: str) -> int | None:
    found = re.search(pattern, notes)
    return int(found.group(1)) if found else None


def _materials(lines: list[str], start: int, end: int, where: _Where) -> list[str]:
    found: list[list[str]] = []
    first = next((lines[i] for i in range(start, end) if lines[i]), "")
    numbered = not MATERIAL.match(first) and (m := NUMBERED_MATERIAL.match(first)) is not None and m.group(1) == "1"
    for index in range(start, end):
        line = lines[index]
        head = MATERIAL.match(line) if not numbered else None
        if numbered and (m := NUMBERED_MATERIAL.match(line)) and int(m.group(1)) == len(found) + 1:
            found.append([m.group(2)] if m.group(2) else [])  # 1. 2. 3. in turn: a number out of turn is text
        elif head:
            found.append([head.group(2)] if head.group(2) else [])
        elif line:
            if not found:
                raise where.fail(index, "“给定资料”应从“资料1”“材料1”或“（一）”这样的标题开始")
            found[-1].append(line)
    materials = ["\n".join(part for part in block if part).strip() for block in found]
    if not materials or not all(materials):
        raise where.fail(start - 1, "“给定资料”里没有资料，或有标题下面是空的")
    return materials


def _questions(lines: list[str], start: int, end: int, count: int, where: _Where) -> list[PaperQuestion]:
    blocks: list[tuple[int, list[str]]] = []
    for index in range(start, end):
        line = lines[index]
        head = QUESTION.match(line)
        if head:
            numeral = next(g for g in head.groups()[:5] if g)
            blocks.append((index, [f"{number_of(numeral)}", head.group(6)]))
        elif line:
            if not blocks:
                raise where.fail(index, "“作答要求”应从“（一）”“第一题”或“1.”这样编号的题目开始")
            blocks[-1][1].append(line)
    if not blocks:
        raise where.fail(start - 1, "“作答要求”里没有编了号的题目")
    return [_question(int(block[0]), block[1:], count, where, index) for index, block in blocks]


def _question(number: int, parts: list[str], count: int, where: _Where, index: int) -> PaperQuestion:
    text, reference = [], []
    target = text
    for part in parts:
        answer = INLINE_ANSWER.match(part)
        if answer:
            target = reference
            part = part[answer.end() :].strip()
        if part:
            target.append(part)
    prompt = "\n".join(text).strip()
    if not prompt:
        raise where.fail(index, "一道题没有文字")
    limit, kind, points = parse_requirements(prompt)
    ranged = re.findall(r"(\d+)\s*[-—~～至到]\s*(\d+)\s*字", prompt)
    answer = "\n".join(reference).strip()
    return PaperQuestion(
        number=number, prompt=prompt, type=question_type(prompt), points=points, word_limit=limit, limit_kind=kind,
        least_words=int(ranged[-1][0]) if ranged else None, cites=cited(prompt, count),
        reference=answer if answer and not _left_out(answer) else None,
    )


def _answers(lines: list[str], start: int, questions: list[PaperQuestion], where: _Where) -> None:
    """The answers block at the end: each numbered answer goes to the question of its number."""
    by_number = {q.number: q for q in questions}
    current: list[str] | None = None
    found: dict[int, list[str]] = {}
    for index in range(start, len(lines)):
        line = lines[index]
        head = QUESTION.match(line)
        if head:
            number = number_of(next(g for g in head.groups()[:5] if g))
            if number not in by_number:
                raise where.fail(index, f"答案编号为 {number}，而试卷的题目是 {'、'.join(map(str, by_number))}")
            current = found.setdefault(number, [])
            if head.group(6):
                current.append(head.group(6))
        elif line:
            if current is None:
                raise where.fail(index, "“参考答案”后面应是按题目编号的答案")
            current.append(line)
    for number, parts in found.items():
        answer = "\n".join(parts).strip()
        if answer and not _left_out(answer):
            by_number[number].reference = answer


def _left_out(answer: str) -> bool:
    """An answer the institution left out: （略）, 略, 暂无."""
    return re.fullmatch(r"[（(]?\s*(?:略|暂无|无)\s*[）)]?", answer) is not None


def cited(prompt: str, count: int) -> list[int]:
    """The 给定资料 a question cites, numbered from 1: 给定资料3 → [3]; 给定资料2-4 → [2, 3, 4];
    材料1和材料2 → [1, 2]; 给定资料（一） → [1]; none named (参考给定资料, an essay) → all."""
    every = list(range(1, count + 1))
    found: set[int] = set()
    numeral = rf"(?:{_N}|[（(][{NUMERALS}]+[）)])"
    for run in re.finditer(rf"(?:给定)?(?:资料|材料)\s*({numeral}(?:\s*(?:[-—~～至到、，,和与及]|以及)\s*(?:(?:给定)?(?:资料|材料))?\s*{numeral})*)", prompt):
        names = re.findall(numeral, run.group(1))
        numbers = [number_of(n.strip("（()）")) for n in names]
        joints = re.findall(rf"{numeral}\s*([-—~～至到])", run.group(1))
        if joints and len(numbers) == 2:
            found.update(range(min(numbers), max(numbers) + 1))
        else:
            found.update(numbers)
    kept = sorted(n for n in found if 1 <= n <= count)
    return kept or every
