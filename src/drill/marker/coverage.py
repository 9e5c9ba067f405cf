"""How much of a long reference statement an answer states, in whatever words and order.

A reference answer's sentences are a model explanation, longer than what a candidate writes;
a marker credits an answer that states their substance in its own words (增减删改较少 for
很少需要插入、删除). Close matching of whole clauses misses such paraphrases, so a statement
is also credited by coverage: the share of its content characters (those not already in the
question) that the answer uses anywhere. Credit grows from nothing at COVER_FROM to the whole
weight at COVER_FULL of them. The evidence shown is the answer's sentence that uses most.
"""

from __future__ import annotations

from drill.marker import rows
from drill.marker import tuning
from drill.models import KeyPoint, PointMark
from drill.text import compact, sentence_spans

# A statement with under tuning.MIN_CONTENT Chinese characters of its own (…个数为（2n+1)/3, all but
# 为 and its digits given by the question) is not credited by coverage: stray digits would
# earn it (`formulas.py` compares results).


def content(point: str, question: str) -> set[str]:
    """The characters of a point that the question does not already give."""
    return set(compact(point)) - set(compact(question))


def coverage(point: str, answer: str, question: str) -> float:
    """The share of the point's content characters found in the answer (0 when it has too few)."""
    wanted = content(point, question)
    if sum(not c.isascii() for c in wanted) < tuning.MIN_CONTENT:
        return 0.0
    return len(wanted & set(compact(answer))) / len(wanted)


def credit_share(covered: float) -> float:
    """The share of a statement's weight that a coverage earns."""
    return min(1.0, max(0.0, (covered - tuning.COVER_FROM) / (tuning.COVER_FULL - tuning.COVER_FROM)))


def best_sentence(point: str, answer: str, question: str) -> tuple[int, int] | None:
    """The span of the answer's sentence that uses most of the point's content characters."""
    wanted = content(point, question)
    best, span = 0, None
    for start, end in sentence_spans(answer):
        used = len(wanted & set(compact(answer[start:end])))
        if used > best:
            best, span = used, (start, end)
    return span


def coverage_row(point: KeyPoint, answer: str, question: str, supported: float = 1.0) -> PointMark:
    """A statement's row credited by the share of its content the answer states, held to the
    share of its clauses the answer states with their stance (`keypoints.supported_share`):
    the same words in an opposite statement, a measure for a problem or another question's
    answer support nothing."""
    covered = coverage(point.text, answer, question)
    share = credit_share(covered) * supported
    found = rows.evidence(answer, best_sentence(point.text, answer, question)) if share > 0 else None
    row = rows.row(point.id, point.text, point.weight, rows.status_of(share), share, round(covered * 100, 1), found)
    return row.model_copy(update={"reason": f"部分表述：用到了这一条约{covered:.0%}的字词"}) if row.status == "partial" else row
