"""判断题: "请判断以下叙述是否正确，并做出解释". The verdict comes first and decides the rest.

A marker reads the verdict an answer opens with (错误 / 这种说法不正确 / 叙述正确 …). When it
is the opposite of the reference's, the explanation argues the wrong side and earns nothing,
however many of the reference's words it uses; when it agrees, the verdict itself is credited.
"""

from __future__ import annotations

import re

from drill.normalize import compact

JUDGEMENT = re.compile(r"是否正确|判断|对吗|正确吗|是否成立|对不对")
FALSE, TRUE = "错误", "正确"
_NEGATIVE = re.compile(r"不正确|不对|错|不成立|不一定|^否|^不是")
_POSITIVE = re.compile(r"^(?:这|该|此|上述|以上|题中)?(?:种|个|句|条)?(?:叙述|说法|命题|话|观点|判断)?(?:是)?(?:正确|对|成立)|^是的?$")
_FIRST_CLAUSE = re.compile(r"[，,。；;：:！!？?\n]")
_HEAD = 16  # a verdict is stated within the first characters of the first clause


def is_judgement(question: str) -> bool:
    """Whether the question asks for a verdict on a statement."""
    return bool(JUDGEMENT.search(question))


def verdict_span(text: str) -> tuple[str, int, int] | None:
    """The verdict a text opens with (FALSE or TRUE) and the span of its first clause, or None."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    if stripped.startswith("答"):
        stripped = stripped[1:].lstrip("：: ")
        offset = len(text) - len(stripped)
    match = _FIRST_CLAUSE.search(stripped)
    clause = stripped[: match.start()] if match else stripped
    head = compact(clause)[:_HEAD]
    if not head:
        return None
    if _NEGATIVE.search(head):
        return FALSE, offset, offset + len(clause)
    if _POSITIVE.search(head):
        return TRUE, offset, offset + len(clause)
    return None


def verdict(text: str) -> str | None:
    """FALSE, TRUE or None: the verdict a text opens with."""
    found = verdict_span(text)
    return found[0] if found else None
