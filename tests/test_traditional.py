"""The same answer in Traditional script scores the same, in both modes: any selection of a
bundled question's reference sentences, in any order, converted with opencc's s2t."""

from __future__ import annotations

import re

import opencc
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drill.marker import mark_answer, mark_by_references
from drill.store import Store

_BANK: list[Store] = []
_S2T = opencc.OpenCC("s2t")


def _bank() -> Store:
    if not _BANK:
        _BANK.append(Store(memory=True))
    return _BANK[0]


QUESTIONS = sorted(q.id for q in Store(memory=True).questions() if q.type != "文章写作")


@settings(max_examples=int(__import__("os").environ.get("TRADITIONAL_EXAMPLES", 40)), deadline=None)
@given(qid=st.sampled_from(QUESTIONS), picks=st.randoms(use_true_random=False))
def test_the_same_answer_in_traditional_scores_the_same_in_both_modes(qid: str, picks) -> None:
    bank = _bank()
    question = bank.question(qid)
    rubric, _ = bank.rubric(qid)
    sentences = [s for s in re.split(r"(?<=[。；\n])", question.references[0]) if s.strip()]
    chosen = picks.sample(sentences, picks.randint(1, len(sentences)))
    simplified = "".join(chosen)
    traditional = _S2T.convert(simplified)
    assume(traditional != simplified)
    assert mark_answer(traditional, question, rubric).score == mark_answer(simplified, question, rubric).score
    ours = [mark_by_references(text, question.references, question.points, question.prompt, question_type=question.type).score for text in (simplified, traditional)]
    assert ours[0] == ours[1]
