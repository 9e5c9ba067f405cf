"""Importing files as a user asks for it, from the CLI (`drill import`) or the app (F9 on the
list): each file planned and written in turn, with what was made and skipped said in the
lines both show. The bank's tables are rebuilt by the caller, once, after every file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drill.bank.importing import apply_import, plan_import
from drill.numbers import format_points
from drill.report import limit_text
from drill.text import compact


@dataclass
class Known:
    """What the bank holds already, by comparable prompt and paper title: a question or a
    paper met again (in the bank, or in a file imported before it) is not made twice."""

    prompts: dict[str, str] = field(default_factory=dict)  # compact prompt -> question id
    titles: set[str] = field(default_factory=set)  # compact paper titles

    @classmethod
    def of(cls, store) -> Known:
        from drill.store.papers import papers

        return cls({compact(q.prompt): q.id for q in store.questions()}, {compact(p.title) for p in papers(store)})


@dataclass
class Imported:
    """What importing one file did: the lines that say so (`drill import` prints them), and
    the questions made, those skipped (the bank had them), the paper made and its questions
    with no reference answer (what the app says in a line of its own)."""

    lines: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    paper: str | None = None
    unmarked: list[str] = field(default_factory=list)


def import_one(file: Path, known: Known, root: Path, prefix: str | None = None, force: bool = False, dry_run: bool = False) -> Imported:
    """Plan and (unless `dry_run`) write one file's questions into bank root `root`, saying what
    was made and skipped. A file that cannot be imported is a `DrillError`."""
    done = Imported()
    said = done.lines
    plan = plan_import(file, prefix=prefix, known_prompts=known.prompts, known_papers=known.titles)
    done.skipped = [existing for _, existing in plan.skip]
    if plan.repeated:
        said.append(f"跳过 {file}：这份试卷已经在题库里（{'、'.join(done.skipped)}）")
        return done
    for item, existing in plan.skip:
        said.append(f"跳过 {item.question.id}：题库里已有同样的题目 {existing}")
    if plan.paper and dry_run:
        p = plan.paper
        reading = f"，阅读 {p.reading_minutes} 分钟" if p.reading_minutes else ""
        said.append(f"将创建试卷 {p.id}：{p.title}（{p.minutes} 分钟{reading}，{format_points(p.points or 0)} 分，{len(plan.materials)} 则给定资料）")
    for item in plan.create:
        known.prompts[compact(item.question.prompt)] = item.question.id
        if dry_run:
            q = item.question
            points = f"{len(item.rubric.points)} 个采分点" if item.rubric else "没有参考答案：内容暂不评分"
            said.append(f"将创建 {q.id}  {q.type}  {format_points(q.points)}分  {limit_text(q)}  {points}  ({q.source})")
    if dry_run:
        return done
    said += [f"已写入 {written}" for written in apply_import(plan, root, file, force)]
    done.created = [item.question.id for item in plan.create]
    if plan.paper:
        known.titles.add(compact(plan.paper.title))
        done.paper = plan.paper.id
        done.unmarked = [item.question.id for item in plan.create if item.rubric is None]
        if done.unmarked:
            said.append(f"注意：{'、'.join(done.unmarked)} 没有参考答案，作答只查字数、格式和照抄；用 drill edit 题号 加上参考答案后就能评内容")
        said.append(f"试卷 {plan.paper.id}：drill exam {plan.paper.id} 开始模考")
    return done
