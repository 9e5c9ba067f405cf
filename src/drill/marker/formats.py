"""The form of a practical document (贯彻执行): title, addressee, signature, structure, closing.

Markers of 贯彻执行 give part of the points for the form the document must have: an 倡议书
opens with its title and addressee (全区广大企业朋友们：), sets out numbered proposals, ends
with a call (让我们……) and is signed with who and when. Each check is a row of the mark like
a key point: hit, partial or missed, with the line that earned it.
"""

from __future__ import annotations

import re

from drill.marker import rows
from drill.marker import tuning
from drill.marker.reasons import OPPOSITE
from drill.models import FormatCheck, PointMark
from drill.text import NUMBERING, ends_sentence, paragraph_spans, to_simplified

_DATE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4}|××××|X{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|××|X{1,2})?\s*月(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3}|××|X{1,2})\s*日)?")
_SIGNER = re.compile(r"(?:中心|政府|办公室|办公厅|委员会|局|厅|委|部|会|组|处|科|院|所|公司|协会|联合会|商会|工作专班)$")

LABELS = {"title": "标题", "addressee": "称谓", "signature": "落款", "structure": "结构", "closing": "结尾"}


def _short_line(text: str) -> bool:
    """A line that could be a title or a signature: short, and not a sentence."""
    return len(text) <= tuning.SHORT_LINE and not ends_sentence(text) and not text.endswith(("：", ":")) and "。" not in text


def _numbered(line: str) -> bool:
    """Whether a line opens with a numbering marker (一、 / 1. / （一） …), not just a space."""
    found = NUMBERING.match(line)
    return bool(found and found.group(0).strip())


def form_lines(lines: list[str]) -> set[int]:
    """Which of a document's lines are its form, not its content: a short first line (the
    title), an addressee (全区广大企业朋友们：) among the first three, and the signer and date
    among the last three. A text of fewer than three lines has none."""
    if len(lines) < 3:
        return set()
    form = {0} if _short_line(lines[0].strip()) and not NUMBERING.match(lines[0].strip()) else set()
    form |= {i for i in range(min(3, len(lines))) if lines[i].strip().endswith(("：", ":")) and _short_line(lines[i].strip()[:-1])}
    for i in range(max(0, len(lines) - 3), len(lines)):
        line = lines[i].strip()
        if _short_line(line) and (_DATE.fullmatch(line) or _SIGNER.search(_DATE.sub("", to_simplified(line)).strip())):
            form.add(i)
    return form


# The kinds of document a 贯彻执行 asks for, as their titles end.
DOCUMENT_KINDS = re.compile(r"(倡议书|提纲|讲话稿|发言稿|讲稿|报告|通知|方案|建议书|公开信|简报|通讯|宣传稿|编者按|短评|推介词|解说词|导语|说明|意见|计划|总结|纪要|函)$")


def form_of(reference: str) -> list[FormatCheck]:
    """The format checks a reference document shows it must pass, for marking from it alone:
    a title (naming its kind: 倡议书), an addressee, numbered parts, a closing call (让我们…)
    and a signer with a date, each where the reference has one. Each weighs 1 (scaled by
    whoever uses them)."""
    lines = [line.strip() for line in reference.strip().split("\n") if line.strip()]
    form = form_lines(lines)
    checks: list[FormatCheck] = []
    if 0 in form and not lines[0].endswith(("：", ":")):
        kind = DOCUMENT_KINDS.search(lines[0])
        checks.append(FormatCheck(id="f-title", check="title", weight=1, words=[kind.group()] if kind else []))
    if any(lines[i].endswith(("：", ":")) for i in form if i < 3):
        checks.append(FormatCheck(id="f-addressee", check="addressee", weight=1))
    numbered = sum(1 for line in lines if _numbered(line))
    if numbered >= 2:
        checks.append(FormatCheck(id="f-structure", check="structure", weight=1, min_items=min(3, numbered)))
    body = [line for i, line in enumerate(lines) if i not in form]
    if any("让我们" in line for line in body[-2:]):
        checks.append(FormatCheck(id="f-closing", check="closing", weight=1, words=["让我们"]))
    if any(i >= len(lines) - 3 for i in form if i > 2):
        checks.append(FormatCheck(id="f-signature", check="signature", weight=1))
    return checks


def describe(check: FormatCheck) -> str:
    """What the check asks, as the result screen lists it: 格式·标题（含“倡议书”）."""
    label = f"格式·{LABELS[check.check]}"
    if check.check in ("title", "closing") and check.words:
        return f"{label}（含“{'”或“'.join(check.words)}”）"
    if check.check == "structure":
        return f"{label}（分条列出，至少{check.min_items}条）"
    if check.check == "signature":
        return f"{label}（署名和日期）"
    if check.check == "addressee":
        return f"{label}（顶格称呼，后加冒号）"
    return label


def _found(check: FormatCheck, lines: list[tuple[int, str]], answer: str) -> tuple[str, tuple[int, int] | None]:
    """(status, span of the evidence) for one check."""
    if not lines:
        return "miss", None
    if check.check == "title":
        start, text = lines[0]
        if not _short_line(text):
            return "miss", None
        has_word = not check.words or any(to_simplified(w) in to_simplified(text) for w in check.words)
        return ("hit" if has_word else "partial"), (start, start + len(text))
    if check.check == "addressee":
        for start, text in lines[:3]:
            if text.endswith(("：", ":")) and len(text) <= tuning.SHORT_LINE and not any(p in text for p in "。！？；"):
                return "hit", (start, start + len(text))
        return "miss", None
    if check.check == "signature":
        tail = lines[-3:]
        date = next(((s, t) for s, t in tail if _DATE.search(t) and len(t) <= tuning.SHORT_LINE), None)
        signer = next(
            ((s, t) for s, t in tail if _short_line(t) and (_SIGNER.search(_DATE.sub("", to_simplified(t)).strip())
             or any(to_simplified(w) in to_simplified(t) for w in check.words))),
            None,
        )
        found = [x for x in (signer, date) if x]
        if not found:
            return "miss", None
        start = min(s for s, _ in found)
        end = max(s + len(t) for s, t in found)
        return ("hit" if len(found) == 2 else "partial"), (start, end)
    if check.check == "structure":
        items = [(s, t) for s, t in lines if _numbered(t)]
        if len(items) >= check.min_items:
            status = "hit"
        elif len(items) >= 2:
            status = "partial"
        else:
            return "miss", None
        return status, (items[0][0], items[-1][0] + len(items[-1][1]))
    # closing: the call to act in the last paragraphs
    for start, text in reversed(lines[-3:]):
        simplified = to_simplified(text)
        for word in check.words or ["让我们"]:
            if to_simplified(word) in simplified:
                return "hit", (start, start + len(text))
    return "miss", None


def _why(check: FormatCheck, status: str, answer: str, span: tuple[int, int] | None, lines: list[tuple[int, str]]) -> str:
    """Why a format check is not passed in full, as a marker notes it."""
    words = "」或「".join(check.words)
    if check.check == "title":
        return f"标题未写明文种：应含「{words}」" if status == "partial" else "未见标题：第一行应是标题（不成句，不加句号）"
    if check.check == "addressee":
        return "未见称谓：开头应顶格写称呼，后加冒号"
    if check.check == "structure":
        if status == "partial":
            return f"分条不足：只分了{sum(1 for _, t in lines if _numbered(t))}条，至少要{check.min_items}条"
        return f"未分条列出：至少要{check.min_items}条（一是、二是……）"
    if check.check == "signature":
        if status == "partial" and span:
            return "落款不全：缺日期" if not _DATE.search(answer[span[0] : span[1]]) else "落款不全：缺署名"
        return "未见落款：末尾应署名并写日期"
    return f"未见结尾号召：末段应有「{words or '让我们'}」"


def check_format(answer: str, checks: list[FormatCheck]) -> list[PointMark]:
    """Each format check as a row of the mark: hit earns the weight, partial tuning.FORMAT_PARTIAL
    of it; a row not passed in full says why."""
    if not checks:
        return []  # (most rubrics check no form: the answer's lines are not split for them)
    lines = paragraph_spans(answer)
    marks = []
    for check in checks:
        status, span = _found(check, lines, answer)
        similarity = {"hit": 100.0, "partial": 50.0, "miss": 0.0}[status]
        reason = _why(check, status, answer, span, lines) if status != "hit" else ""
        marks.append(
            rows.row(check.id, describe(check), check.weight, status, tuning.FORMAT_PARTIAL, similarity, rows.evidence(answer, span), reason)
        )
    return marks


def held_to_content(form_rows: list[PointMark], content_rows: list[PointMark]) -> list[PointMark]:
    """The format rows of a document whose content says the opposite of most of its points
    (不必优化营商环境倡议书 … 不必坚持诚信守法经营: 立场相反): they earn nothing, for the form
    of a document arguing against what it must propose is no document of the kind. A shell
    with little in it (大家要重视营商环境) keeps its format marks: missing is not opposite."""
    weight = sum(row.weight for row in content_rows)
    opposed = sum(row.weight for row in content_rows if row.status != "hit" and row.reason.startswith(OPPOSITE))
    if not form_rows or not weight or opposed < tuning.OPPOSED_FORM * weight:
        return form_rows
    said = f"立场相反：内容大多与要点相反（{opposed / weight:.0%}），格式不计分"
    return [row.model_copy(update={"status": "miss", "credit": 0.0, "reason": said}) if row.credit > 0 else row for row in form_rows]
