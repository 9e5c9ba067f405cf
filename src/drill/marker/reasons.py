"""Why a key point was not earned in full, in the words a marker would write beside it.

Read from what close matching found (`matching.Matches`): each clause's best stance-aware
match, and its likest window before stance was read.

- 表述相反: the answer uses the point's words to say the opposite (监管已经实现全覆盖 for
  监管没有实现全覆盖), or dismisses it (不必…);
- 题型不符: a measure given where the point is a problem, or a problem where it is a measure;
- 只列关键词: the point's words without what they say (政治监督 for 要强化政治监督);
- 部分表述: some of its clauses stated, the others missing (named);
- 未涉及: nothing of it stated; the nearest stretch of the answer and its similarity.
"""

from __future__ import annotations


from drill.marker import tuning
from drill.marker.kind import keyword_list
from drill.marker.matching import Clause, Matches, Window, clause_texts, key_clauses

_CUT = 24  # characters of the answer quoted in a reason
OPPOSITE = "表述相反"  # how the reason of a point the answer says the opposite of begins


def _quote(answer: str, start: int, end: int) -> str:
    words = answer[start:end].strip().replace("\n", " ")
    return "「" + (words if len(words) <= _CUT else words[: _CUT - 1] + "…") + "」"


def _stance_reason(clause: Clause, factor: float, window: Window, answer: str) -> str:
    quoted = _quote(answer, window.start, window.end)
    if keyword_list(answer[window.start : window.end]):
        return f"只列关键词：{quoted}只是词语，没有说出要点的意思"
    if {clause.mode, window.mode} == {"directive", "problem"}:
        asked, given = ("问题", "对策") if clause.mode == "problem" else ("对策", "问题")
        return f"题型不符：{quoted}是{given}，这一点要的是{asked}"
    if factor == 0:
        return f"{OPPOSITE}：{quoted}说的与要点相反"
    return f"只列关键词：{quoted}没有说出要点的意思"


def why(point_text: str, best: Matches, answer: str, status: str, threshold: float, phrasing: str = "") -> str:
    """The reason a point is partial or missed ("" when it is hit), from its text's clauses:
    `threshold`, the similarity that counts as stating a clause (the rubric's partial one).
    A point earned in part through another `phrasing` (a synonym) none of whose text's clauses
    the answer states says what of that phrasing is missing, naming it."""
    if status == "hit":
        return ""
    clauses = key_clauses(point_text)
    if not clauses:
        return ""
    # A clause the answer states otherwise: what stance took away, where it took it.
    for clause in clauses:
        raw, factor, window = best.likest.get(clause, (0.0, 1.0, None))
        if window is not None and factor < 1 and raw >= tuning.CONTRADICTED and best.get(clause, (0.0, None))[0] < threshold:
            return _stance_reason(clause, factor, window, answer)
    said = _partly(point_text, best, threshold)
    if said:
        return said
    if status == "partial" and phrasing and phrasing != point_text:
        # Earned in part through a synonym, none of the text's own clauses stated: not 未涉及.
        return _partly(phrasing, best, threshold, f"按「{phrasing}」的说法")
    nearest = max((best.likest[c] for c in clauses if c in best.likest), key=lambda t: t[0], default=None)
    if nearest is None or nearest[0] < tuning.NEAREST:
        return "未涉及：作答里没有相近的表述"
    raw, _, window = nearest
    return f"未涉及：最接近的是{_quote(answer, window.start, window.end)}（相似度 {raw:.0f}）"


def _partly(phrasing: str, best: Matches, threshold: float, according: str = "") -> str:
    """部分表述 with the clauses of `phrasing` the answer leaves out ("" when it states none)."""
    clauses = key_clauses(phrasing)
    stated = [c for c in clauses if best.get(c, (0.0, None))[0] >= threshold]
    if not stated:
        return f"部分表述：{according}说到了一部分" if according else ""
    texts = clause_texts(phrasing)
    if len(texts) != len(clauses):
        texts = tuple(c.form for c in clauses)
    # (By place, not by clause: two clauses written differently may read as one form.)
    missing = "、".join(f"「{text}」" for c, text in zip(clauses, texts) if c not in stated)
    return f"部分表述：{according}缺{missing}" if missing else f"部分表述：{according}说到了，但说得不完整"
