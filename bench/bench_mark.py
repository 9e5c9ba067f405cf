"""Benchmark: marking one ~1,000-character answer against a bundled rubric.

Prints the median and 95th percentile over repeated runs, beside a baseline measured in the
same run (one rapidfuzz partial_ratio of each key point against the whole answer), so the
figure means something on a noisy machine. Every run marks a different answer, so caches
of answer text do not flatter the figure. Then the same for reference-only marking
(`mark_by_references`) over the answers of the public ADS training set, when it is beside
the repo. Run: `python bench/bench_mark.py`.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import statistics
import time
from pathlib import Path

from rapidfuzz import fuzz

from drill import marker, paths
from drill import text as forms
from drill.bank import load_bank
from drill.text import word_count
from drill.marker import mark_by_references
from drill.marker import mark_answer

ADS = Path(__file__).resolve().parents[2] / "shared" / "evaldata" / "ads_train.jsonl"

REPEATS = 200
ROUNDS = 9  # per question, alternating with the baseline: the least of each counts


def timed(fn, repeats: int = REPEATS) -> list[float]:
    """Milliseconds per call, `repeats` times."""
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def long_answers(bank, qid: str, count: int):
    """A question's rubric, its phrasings and `count` answers of ~1,000 字, each different (a
    window of its reference repeated, and a number), so that no cache of answer text helps."""
    rubric, reference = bank.rubrics[qid], bank.questions[qid].references[0]
    long = reference * (1100 // len(reference) + 2)
    phrasings = [phrasing for point in rubric.points for phrasing in (point.text, *point.synonyms)]
    return rubric, phrasings, [long[i % len(reference) :][:1000] + str(i) for i in range(count)]


def least_ratio(batches: list[list[str]], question, rubric, phrasings: list[str], before=lambda: None) -> float:
    """The least time to mark a batch over the least time of the baseline (one partial_ratio
    per phrasing) for a batch, the two alternating batch by batch, so that a busy moment of a
    shared machine counts for neither; `before` runs ahead of each batch's marking, untimed."""
    ours, base = [], []
    for batch in batches:
        before()
        started = time.perf_counter()
        for text in batch:
            mark_answer(text, question, rubric)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        for text in batch:
            [fuzz.partial_ratio(phrasing, text) for phrasing in phrasings]
        base.append(time.perf_counter() - started)
    return min(ours) / min(base)


def main() -> None:
    bank = load_bank([paths.bundled_root()])
    for qid in ("s001-q2", "s001-q1"):
        question = bank.questions[qid]
        rubric, _, answers = long_answers(bank, qid, REPEATS + 1)
        mark_answer(answers[-1], question, rubric)  # load the thesaurus and pinyin tables once
        texts = iter(answers)
        ours = timed(lambda: mark_answer(next(texts), question, rubric))
        texts = iter(answers)
        base = timed(lambda: [fuzz.partial_ratio(p.text, t) for t in [next(texts)] for p in rubric.points])
        text = answers[0]
        print(
            f"{qid}: {len(rubric.points)} key points, {sum(1 + len(p.synonyms) for p in rubric.points)} phrasings, "
            f"answer {word_count(text)} 字: mark_answer median {statistics.median(ours):.2f} ms, "
            f"p95 {sorted(ours)[int(0.95 * REPEATS)]:.2f} ms; baseline (partial_ratio per point) median {statistics.median(base):.3f} ms"
        )

    # Per question: the least time of ROUNDS rounds of 20 marks beside the least of as many rounds of the baseline.
    ratios = []
    for qid, question in sorted(bank.questions.items()):
        rubric, phrasings, answers = long_answers(bank, qid, ROUNDS * 20 + 1)
        mark_answer(answers[-1], question, rubric)
        ratios.append(least_ratio([answers[r * 20 : r * 20 + 20] for r in range(ROUNDS)], question, rubric, phrasings))
    print(
        f"every bundled question ({len(ratios)}), a ~1,000-字 answer: mark_answer / one partial_ratio per phrasing "
        f"(least of {ROUNDS} rounds each), median {statistics.median(ratios):.1f}×, range {min(ratios):.1f}–{max(ratios):.1f}× (target ≤ 6×)"
    )

    # The first answer to each question: its key points are read (cut, brought to their
    # comparable form, read for stance) then, once for all the answers after it. Every cache of
    # the marker's that holds more than a table is emptied before each mark.
    caches = [
        found for module in [forms, *(importlib.import_module(f"drill.marker.{m.name}") for m in pkgutil.iter_modules(marker.__path__))]
        for found in vars(module).values() if hasattr(found, "cache_clear") and (found.cache_info().maxsize or 3) > 2
    ]

    def forget() -> None:
        for cache in caches:
            cache.cache_clear()

    ratios = []
    for qid, question in sorted(bank.questions.items()):
        rubric, phrasings, answers = long_answers(bank, qid, ROUNDS * 2)
        ratios.append(least_ratio([[answer] for answer in answers], question, rubric, phrasings, forget))
    print(
        f"the first answer to each question ({len(caches)} caches emptied before each): mark_answer / one partial_ratio "
        f"per phrasing (least of {ROUNDS * 2}), median {statistics.median(ratios):.1f}×, range {min(ratios):.1f}–{max(ratios):.1f}×"
    )

    question, rubric = bank.questions["s001-q2"], bank.rubrics["s001-q2"]
    reference = question.references[0]
    flowing = (reference * (20000 // len(reference) + 1))[:20000]
    bare = "".join(ch for ch in flowing if ch.isalnum())[:20000]
    with_marks = statistics.median(timed(lambda: mark_answer(flowing, question, rubric), 5))
    without = statistics.median(timed(lambda: mark_answer(bare, question, rubric), 5))
    print(f"a 20,000-字 answer, s001-q2: {with_marks:.0f} ms with punctuation, {without:.0f} ms without any")

    if ADS.exists():
        rows = [json.loads(line) for line in ADS.read_text(encoding="utf-8").splitlines() if line.strip()]
        calls = [(r["answer"], r.get("references") or [r["reference"]], r["question"]) for r in rows]
        ours = timed(lambda: [mark_by_references(a, refs, 10, q) for a, refs, q in [calls.pop()]], min(len(calls), 1000))
        base = timed(lambda: [fuzz.partial_ratio(ref, a) for a, refs, q in [calls.pop()] for ref in refs], min(len(calls), 100))
        print(
            f"ADS training answers (reference only, mean {statistics.mean(len(r['answer']) for r in rows):.0f} characters): "
            f"mark_by_references median {statistics.median(ours):.2f} ms, p95 {sorted(ours)[int(0.95 * len(ours))]:.2f} ms; "
            f"baseline (partial_ratio of each reference) median {statistics.median(base):.3f} ms"
        )


if __name__ == "__main__":
    main()
