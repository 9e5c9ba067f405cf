"""Plain-text renderings of questions, marks and history, shared by the CLI and tests."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from drill.errors import ERROR_PREFIX
from drill.numbers import format_points

if TYPE_CHECKING:
    from drill.models import Mark, Question, Rubric
    from drill.evaluation import Agreement

STATUS_SIGN = {"hit": "✓", "partial": "◐", "miss": "✗"}
STATUS_WORD = {"hit": "得分", "partial": "部分", "miss": "未得"}
# A row of a mark whose content was not marked (no reference yet) measures form: it fits or not.
FORM_WORD = {"hit": "符合", "partial": "部分", "miss": "不符"}
# The rows an essay's mark adds beside its rubric's points, by the ids the marker gives them.
POINT_NAMES = {"thesis": "中心论点", "structure": "结构", "material": "材料运用", "length": "篇幅"}


def point_name(point_id: str) -> str:
    """A 采分点's id as a candidate reads it: p1 stays p1, an essay's `structure` is 结构."""
    return POINT_NAMES.get(point_id, point_id)


def limit_text(question: Question) -> str:
    """The 字数 limit as shown in lists: '≤200', '≈400' or '—'."""
    if not question.word_limit:
        return "—"
    return f"{'≈' if question.limit_kind == 'about' else '≤'}{question.word_limit}"


def mark_report(mark: Mark, question: Question) -> str:
    """A mark as a candidate reads it: the total, then each 采分点 with its credit and evidence."""
    limit = f"/{question.word_limit}" if question.word_limit else ""
    band = f"  {mark.band}" if mark.band else ""
    scored = f"内容未评分（满分 {format_points(mark.max)}）" if mark.unmarked else f"得分 {format_points(mark.score)}/{format_points(mark.max)}"
    lines = [f"{question.id}  {question.type}  {scored}{band}  字数 {mark.word_count}{limit}", ""]
    for point in mark.points:
        sign = STATUS_SIGN[point.status]
        credit = "—" if mark.unmarked else f"{format_points(point.credit)}/{format_points(point.weight)}"
        said = FORM_WORD[point.status] if mark.unmarked else STATUS_WORD[point.status]
        lines.append(f" {sign} {point_name(point.id):<4} {credit:>8}  {said}  {point.text}")
        if point.evidence:
            lines.append(f"{'':16}← 「{point.evidence.text}」")
        if point.reason:
            lines.append(f"{'':16}  {point.reason}")
    for deduction in mark.deductions:
        lines.append(f" − 扣{format_points(deduction.points)}分  {deduction.reason}")
    if mark.copied:
        lines.append(f" 照抄材料：作答中{mark.copied:.0%}的文字与材料连续相同")
    lines += [f" 说明：{note}" for note in mark.notes]
    return "\n".join(lines)


def question_report(
    question: Question, rubric: Rubric | None, material: str, paper: tuple[str, int, list[int]] | None = None, sources: dict | None = None,
) -> str:
    """A question in full: prompt, requirements, the paper it is in, material, references and
    rubric, each point with where the material states it (`sources`: `marker.sources.point_sources`)."""
    requirements = question.requirement_text(rubric.essay.min_words if rubric and rubric.essay else None)
    out = [f"{question.id}  {question.type}  {requirements}  来源 {question.source}"]
    if paper:
        out.append(f"试卷 {paper[0]} 第{paper[1]}题，引用给定资料{'、'.join(map(str, paper[2]))}")
    out += ["", "【题目】", question.prompt, ""]
    if material:
        out += ["【材料】", material, ""]
    for i, reference in enumerate(question.references, 1):
        out += [f"【参考作答{'' if len(question.references) == 1 else i}】", reference, ""]
    if rubric is None:
        out.append("【采分点】还没有：这道题没有参考答案或评分标准，作答只查字数、格式和照抄（drill edit 加上参考答案）")
        return "\n".join(out)
    out.append("【采分点】")
    for point in rubric.points:
        out.append(f" {point.id:<4} {format_points(point.weight):>4}分  {point.text}")
        if point.synonyms:
            out.append(f"{'':13}同义: {' / '.join(point.synonyms)}")
        if (source := (sources or {}).get(point.id)) is not None:
            out.append(f"{'':13}出处: {where_said(material, source)}")
    return "\n".join(out)


def where_said(material: str, source) -> str:
    """Where the material states a point (`source`, an `Evidence` in `material`): the headings
    it stands under, then its words: 二、深度解读 › ★政府职能转变 › （二）存在问题：「服务效率和质量有待提高」."""
    from drill.reading import section_path  # (here: drill.reading brings the models, which this module's other users need not load)

    under = section_path(material, source.start)
    return f"{' › '.join(under)}{'：' if under else ''}「{source.text}」"


def csv_text(rows: list[dict], fields: tuple[str, ...], header: bool = True) -> str:
    """Rows as CSV with a header line (unless `header` is False: a later chunk of the same
    table), for `drill history --csv` and `drill review --csv`."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def duration(seconds: int | None) -> str:
    """12:05 for 725 seconds; '—' when unknown."""
    if seconds is None:
        return "—"
    hours, rest = divmod(int(seconds), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def minute(created: str) -> str:
    """When an attempt was made, to the minute, in the time it was made in: 2026-12-04 21:26
    for 2026-12-04T21:26:52+08:00."""
    return created[:16].replace("T", " ")


def group_table(groups: dict[str, Agreement], heading: str = "题型") -> str:
    """The agreement figures of each group, one row each, as a Markdown table."""
    lines = [f"| {heading} | 份数 | 平均误差 | QWK | 相差一分以内 | 采分点精确率 | 采分点召回率 |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, a in groups.items():
        pr = (f"{a.point_precision:.3f}", f"{a.point_recall:.3f}") if a.point_precision is not None else ("—", "—")
        lines.append(f"| {name} | {a.n} | {a.mae:.2f} | {a.qwk:.3f} | {a.within_one:.0%} | {pr[0]} | {pr[1]} |")
    return "\n".join(lines)


def agreement_report(result: Agreement) -> str:
    """`drill eval`'s figures, and the answers drill and the human disagree on most."""
    lines = [
        f"份数                {result.n}",
        f"平均绝对误差        {result.mae:.2f}（按满分 10 分折算）",
        f"皮尔逊相关系数      {result.pearson:.3f}",
        f"二次加权 kappa      {result.qwk:.3f}（按 10 分制取整）",
        f"相差一分以内        {result.within_one:.1%}",
    ]
    if result.point_precision is not None:
        lines.append(f"采分点：精确率 {result.point_precision:.3f}，召回率 {result.point_recall:.3f}（共 {result.points_compared} 个采分点）")
    if result.rows:
        lines.append("分歧最大的作答（drill / 人工，满分 10）：")
        lines += [f"  {g.id}：{format_points(g.ours)} / {format_points(g.human)}" for g in result.disagreements()]
    if result.errors:
        lines.append(problems_report(result.errors))
    return "\n".join(lines)


def unread_note(result: Agreement, where: str) -> str:
    """What the app adds to agreement figures when some graded lines could not be compared:
    how many, and the first, named with its file."""
    if not result.errors:
        return ""
    return f" · {len(result.errors)} 行无法评分（{where}: {result.errors[0]}）"


def problems_report(errors: list[str]) -> str:
    """The lines `drill eval` could not compare: the first ten, and how many more."""
    lines = [f"{ERROR_PREFIX}{e}" for e in errors[:10]]
    if len(errors) > 10:
        lines.append(f"……另有 {len(errors) - 10} 行无法评分")
    return "\n".join(lines)
