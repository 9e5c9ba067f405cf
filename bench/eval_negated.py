"""The property "negating every clause of a full-mark answer never scores above 20%", measured
on every bundled question but the essays, in both modes.

Each clause of the question's 参考作答 is turned into its opposite by `negated` below (a
problem word for its opposite, 不必 before a measure, 没有 before a statement) and the result
is marked with the rubric and from the references alone. Prints each question's marks and
the ones above a fifth of the points. Documents (贯彻执行) keep their format rows, which do
not depend on what is said. Run: `python bench/eval_negated.py`.
"""

from __future__ import annotations

import re

from drill.marker import mark_answer, mark_by_references
from drill.marker.matching import comparable
from drill.marker.stance import DIRECTIVE, is_negative
from drill.store import Store
from drill.text import NUMBERING, compact

# A problem word and what says the opposite, tried in order (the longer first).
FLIPS = [
    ("不够到位", "到位"), ("不到位", "到位"), ("不够健全", "健全"), ("不健全", "健全"), ("不完善", "完善"), ("不足", "充足"),
    ("不够", "足够"), ("缺乏", "具备"), ("缺少", "具备"), ("欠缺", "具备"), ("相对滞后", "领先"), ("滞后", "领先"),
    ("落后", "先进"), ("有待提高", "已经很高"), ("有待提升", "已经很高"), ("不高", "很高"), ("不强", "很强"),
    ("不明显", "明显"), ("偏低", "很高"), ("较低", "很高"), ("低下", "很高"), ("低", "高"), ("弱", "强"),
    ("难度较大", "难度很小"), ("难", "易"), ("较多", "很少"), ("频发", "绝迹"), ("突出", "消失"), ("严重", "轻微"),
    ("淡薄", "浓厚"), ("薄弱", "坚实"), ("没有", "已经"), ("尚未", "已经"), ("还未", "已经"), ("未", "已"),
    ("难以", "能够"), ("短板", "长板"), ("障碍", "便利"), ("多", "少"), ("不", ""),
]


def negated_clause(clause: str, style: int = 0) -> str:
    """The opposite of one clause, as a candidate who means the opposite might write it: its
    problem words turned until it no longer reads as a problem, else 不存在 before it."""
    text = clause.strip()
    if not text:
        return clause
    if is_negative(comparable(text)[0]):
        flipped = text
        for word, opposite in FLIPS:  # every problem word of the clause, the longer first
            if word in flipped and not is_negative(comparable(flipped.replace(word, opposite, 1))[0]):
                return clause.replace(text, flipped.replace(word, opposite, 1))
            flipped = flipped.replace(word, opposite, 1) if word in flipped else flipped
        return clause.replace(text, flipped) if flipped != text and not is_negative(comparable(flipped)[0]) else "不存在" + text
    if DIRECTIVE.match(compact(text)):
        return ("不必", "无需", "没必要")[style % 3] + text
    return ("没有", "并未", "从未")[style % 3] + text


def negated(answer: str, style: int = 0) -> str:
    """Every clause of `answer` turned into its opposite, numbering kept."""
    out = []
    for sentence in re.split(r"(?<=[。；\n])", answer):
        numbering = NUMBERING.match(sentence)
        head = numbering.group() if numbering else ""
        parts = re.split(r"([，、：；。\n])", sentence[len(head) :])
        out.append(head + "".join(negated_clause(p, style) if i % 2 == 0 else p for i, p in enumerate(parts)))
    return "".join(out)


def main() -> None:
    bank = Store(memory=True)
    above = []
    for question in bank.questions():
        if question.type == "文章写作":
            continue
        rubric, _ = bank.rubric(question.id)
        material = bank.material_text(question)
        opposite = negated(question.references[0])
        by_rubric = mark_answer(opposite, question, rubric, material).score
        by_reference = mark_by_references(opposite, question.references, question.points, question.prompt, question_type=question.type).score
        over = [mode for mode, score in (("rubric", by_rubric), ("reference-only", by_reference)) if score > 0.2 * question.points]
        above += [f"{question.id} {mode}" for mode in over]
        print(f"{question.id} {question.type}: rubric {by_rubric:g}, reference-only {by_reference:g} of {question.points:g}" + (" (above 20%)" if over else ""))
    print(f"above a fifth of the points: {len(above)} ({', '.join(above) or 'none'})")


if __name__ == "__main__":
    main()
