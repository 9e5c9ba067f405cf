"""Results written as formulas (2^(n-1), (2n+1)/3, O(n)): read alike however they are typed.

An answer to "…的个数是多少" may be nothing but its result, and a marker gives it full marks
when the result is right. The marker compares results as formulas, not as characters:
`2的n-1次方`, `2^（n-1）` and `pow(2,n-1)` are one formula, while `2^n-1` is another
(character matching, which drops the brackets and the caret, cannot tell them apart).
"""

from __future__ import annotations

import re

from drill.marker import rows
from drill.models import KeyPoint, PointMark
from drill.text import SENTENCE_END, fold_width, to_simplified

# A question that asks for a quantity: its reference's results are what it asks for.
ASKS_QUANTITY = re.compile(r"多少|几个|几种|几次|求|计算")
_WIDE = str.maketrans({"（": "(", "）": ")", "，": ",", "－": "-", "—": "-", "×": "*", "÷": "/", "＾": "^"})
_POWER = re.compile(r"([0-9a-z]+)的[(]?([0-9a-z+\-]+)[)]?次(?:方|幂)")
_POW_CALL = re.compile(r"pow\(([^,()]+),([^()]+)\)")
_TOKEN = re.compile(r"[0-9a-z^+\-*/().]+")
_NUMBERING = re.compile(r"^\d+\.(?=[a-z(])")
_OPERATOR = re.compile(r"[\^+\-*/]")
# Where a sentence's clauses part: the result a sentence arrives at is in its last clause.
_SENTENCE = re.compile(rf"[{SENTENCE_END}\n]")
_CLAUSE = re.compile(r"[，,：:]")


def _power(match: re.Match[str]) -> str:
    base, exponent = match.group(1), match.group(2)
    return f"{base}^({exponent})" if len(exponent) > 1 else f"{base}^{exponent}"


def math_form(text: str) -> str:
    """Text with formulas written one way: ASCII brackets and operators, powers as a^(b), no spaces."""
    form = fold_width(to_simplified(text)).lower().translate(_WIDE)
    form = re.sub(r"\s*([\^+\-*/=])\s*", r"\1", form)  # 2 ^ (n - 1): spaces beside operators go
    form = re.sub(r"(?<=[(,])\s+|\s+(?=[),])", "", form)  # pow(2, n-1)
    form = re.sub(r"\s+", " ", form)  # n/2 (2n+1)/3: other spaces part two formulas
    form = _POWER.sub(_power, form)
    return _POW_CALL.sub(lambda m: f"{m.group(1)}^({m.group(2)})", form)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return False
    return depth == 0


def _canonical(token: str) -> str:
    token = _NUMBERING.sub("", token.strip("."))  # 1.n/2 → n/2
    token = re.sub(r"(\d)\*(?=[a-z(])", r"\1", token)  # 2*n → 2n
    while token.startswith("(") and token.endswith(")") and _balanced(token[1:-1]):
        token = token[1:-1]
    if not _balanced(token):
        token = token.strip("()")
    return re.sub(r"\^\(([0-9a-z])\)", r"^\1", token)


def formulas(text: str) -> list[str]:
    """The formulas in a text, each in one canonical form, in order of appearance."""
    found = []
    for token in _TOKEN.findall(math_form(text)):
        token = _canonical(token)
        if len(token) >= 3 and re.search(r"[0-9a-z]", token) and _OPERATOR.search(token):
            found.append(token)
    return found


def results(reference: str, question: str) -> list[str]:
    """The results a reference arrives at: formulas in the last clause of its sentences, not given in the question."""
    given = set(formulas(question))
    found: list[str] = []
    for sentence in _SENTENCE.split(reference):
        clauses = [c for c in _CLAUSE.split(sentence) if c.strip()]
        for formula in formulas(clauses[-1]) if clauses else []:
            if formula not in given and formula not in found:
                found.append(formula)
    return found


def where(formula: str, answer: str) -> tuple[int, int] | None:
    """The span of the answer's clause that states `formula`, or None when none does."""
    start = 0
    for piece in re.split(rf"([{SENTENCE_END}\n，])", answer):
        end = start + len(piece)
        if formula in formulas(piece):
            return start, end
        start = end
    return None


def result_row(point: KeyPoint, formula: str, answer: str, stated: set[str]) -> PointMark:
    """A result's row: hit when the answer states the formula, with the clause that does."""
    if formula not in stated:
        return rows.row(point.id, point.text, point.weight, "miss")
    return rows.row(point.id, point.text, point.weight, "hit", similarity=100.0, found=rows.evidence(answer, where(formula, answer)))
