"""Crediting key points by close matching: how well the answer states each, in any phrasing.

Each key point is looked for anywhere in the answer through all its phrasings (its text and
synonyms; `matching.py` compares one phrasing clause by clause with the answer's windows).
A phrasing of several clauses scores the length-weighted mean of its clauses' best matches,
so half a point earns about half, or, if more, a share of its headline's (first clause's)
match or a smaller share of another clause's (`headline_share`). The best phrasing's score decides: ≥ the rubric's `hit_threshold` a hit, ≥
`partial_threshold` a partial earning `partial_credit` (or, with `credit = "linear"`, a share
growing with the score between the two thresholds), below it a miss.
"""

from __future__ import annotations

from functools import lru_cache

from drill.marker import rows
from drill.marker.matching import Clause, Matches, Window, answer_windows, best_matches, key_clauses
from drill.marker import tuning
from drill.marker.reasons import why
from drill.models import KeyPoint, PointMark, Rubric

Best = Matches


def headline_share(clauses: int) -> float:
    """What stating only the first clause (the headline) of a phrasing is worth.

    Markers credit 思想认识不到位 for 思想认识不够到位，理念相对滞后: the headline states the
    point. Of a two-clause phrasing it reaches a hit; of a longer one, a partial. Any other
    clause alone is worth `tuning.OTHER_CLAUSE_SHARE` of its match: 政策不断迭代升级 states
    打造政策体系供给矩阵，政策迭代升级，加大企业政策扶持 in part.
    """
    return tuning.HEADLINE_SHARE_OF_TWO if clauses == 2 else tuning.HEADLINE_SHARE


def phrasings(point: KeyPoint) -> list[str]:
    """A key point's phrasings: its text, then its synonyms."""
    return [point.text, *point.synonyms]


def match_points(answer: str, points: list[KeyPoint], contradictions: bool = False) -> Best:
    """The best match in the answer of every clause of every phrasing of the points (and, with
    `contradictions`, the clauses the answer contradicts, for `supported_share`)."""
    clauses = _clauses_of(tuple(phrasing for p in points for phrasing in phrasings(p)))
    return best_matches(clauses, answer_windows(answer), contradictions) if clauses else Matches()


@lru_cache(maxsize=1024)
def _clauses_of(written: tuple[str, ...]) -> tuple[Clause, ...]:
    """Every clause of the phrasings, each once, in order (the same for every answer to a question)."""
    return tuple(dict.fromkeys(c for phrasing in written for c in key_clauses(phrasing)))


@lru_cache(maxsize=4096)
def _plans(written: tuple[str, ...]) -> tuple[tuple[str, tuple[Clause, ...], tuple[int, ...], int], ...]:
    """Each of a point's phrasings that has clauses: it, its clauses, the length of each and
    their sum (what its clauses' scores are weighted by). The same for every answer."""
    plans = []
    for phrasing in written:
        clauses = key_clauses(phrasing)
        if clauses:
            lengths = tuple(len(c.form) for c in clauses)
            plans.append((phrasing, clauses, lengths, sum(lengths)))
    return tuple(plans)


def _by_score(found: tuple[float, Window | None]) -> float:
    return -found[0]


def _by_score_up(found: tuple[float, Window | None]) -> float:
    return found[0]


def phrasing_scores(point: KeyPoint, best: Best) -> list[tuple[float, list[Window], str]]:
    """Each phrasing's score, the windows that earned it, and the phrasing."""
    tried: list[tuple[float, list[Window], str]] = []
    for phrasing, clauses, lengths, total in _plans(tuple(phrasings(point))):
        if len(clauses) == 1:
            score, window = best[clauses[0]]
            # (weighed as the mean below is: score × n / n is not always the score to the last digit)
            tried.append((score * total / total, [window] if window is not None and score > 0 else [], phrasing))
            continue
        found = [best[c] for c in clauses]
        weighed = 0.0
        for (score, _), n in zip(found, lengths):
            weighed += score * n
        this = weighed / total
        # Best stated first: where they lie apart, the evidence is the best alone (rows.window_evidence).
        sources = [window for score, window in sorted(found, key=_by_score) if window is not None and score > 0]
        headline = found[0][0] * headline_share(len(clauses))
        if headline > this:
            this, sources = headline, [found[0][1]]
        # Another clause stated alone states the point in part (踩点), less than the headline.
        top, window = max(found[1:], key=_by_score_up)
        if top * tuning.OTHER_CLAUSE_SHARE > this:
            this, sources = top * tuning.OTHER_CLAUSE_SHARE, [window]
        tried.append((this, sources, phrasing))
    return tried


def supported_share(point: KeyPoint, best: Best) -> float:
    """The share (by length) of a point's clauses that the answer does not contradict (see
    `Matches.contradicted`): what coverage may credit of it. The same words in an opposite
    statement, a measure given for a problem, a bare list of the words or another question's
    answer support nothing; words the answer paraphrases, or leaves out, are not contradicted."""
    clauses = key_clauses(point.text)
    total = sum(len(c.form) for c in clauses)
    if not total:
        return 1.0
    if not any(best.get(c, (0.0, None))[0] >= tuning.ANCHOR for c in clauses):
        return 0.0  # not one clause of it stated, even loosely: the answer speaks of something else
    # Of the clauses the answer speaks of (stated, or its words used to say otherwise), the
    # share it does not contradict: what it leaves out neither supports nor opposes.
    touched = [c for c in clauses if best.get(c, (0.0, None))[0] >= tuning.ANCHOR or c in best.contradicted]
    return sum(len(c.form) for c in touched if c not in best.contradicted) / sum(len(c.form) for c in touched)


def judge(score: float, rubric: Rubric) -> tuple[str, float]:
    """The status of a close-matching score under the rubric's thresholds, and a partial's share."""
    if score >= rubric.hit_threshold:
        return "hit", 1.0
    if score >= rubric.partial_threshold:
        if rubric.credit == "linear":
            return "partial", (score - rubric.partial_threshold) / max(1e-9, rubric.hit_threshold - rubric.partial_threshold)
        return "partial", rubric.partial_credit
    return "miss", 0.0


def credit_point(point: KeyPoint, rubric: Rubric, best: Best, answer: str) -> PointMark:
    """One key point's row: its best phrasing's status, credit and evidence."""
    tried = phrasing_scores(point, best)
    score, used, chosen = max(tried, key=lambda t: t[0], default=(0.0, [], point.text))
    status, share = judge(score, rubric)
    found = None
    if status != "miss":
        # The evidence also shows the words other phrasings matched in the same sentence.
        sentences = {w.sentence for w in used}
        used = used + [w for s, ws, _ in tried if s >= rubric.partial_threshold for w in ws if w.sentence in sentences]
        found = rows.window_evidence(answer, used)
    row = rows.row(point.id, point.text, point.weight, status, share, round(score, 1), found)
    if status == "hit":
        return row
    return row.model_copy(update={"reason": why(point.text, best, answer, status, rubric.partial_threshold, chosen)})
