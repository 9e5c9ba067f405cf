"""The domain: questions, rubrics and their key points, marks and attempts.

Pydantic models that know nothing of files, widgets or SQL; the bank loader, the store and
the screens convert them to and from their own forms.
"""

from __future__ import annotations

import re
from typing import Literal

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from drill.numbers import format_points
from drill.text import printable

QUESTION_TYPES: tuple[str, ...] = ("归纳概括", "综合分析", "提出对策", "贯彻执行", "文章写作")
QuestionType = Literal["归纳概括", "综合分析", "提出对策", "贯彻执行", "文章写作"]
LimitKind = Literal["max", "about"]
Status = Literal["hit", "partial", "miss"]

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
# The longest answer drill marks: far above any exam (an essay is 1,200 字), far below what
# would take minutes and gigabytes to mark (a 50 MB answer took 92 s and 7.5 GB).
MAX_ANSWER = 100_000
# The longest time an attempt can have taken (30 days): a clock left running, not an exam.
MAX_SECONDS = 30 * 24 * 3600


# Text a person wrote into a bank file, as drill shows it: without control characters, so
# that a file cannot retitle or clear the terminal it is listed in.
Shown = Annotated[str, AfterValidator(printable)]


class Model(BaseModel):
    """Base of every model: its validator is built when first used, not when drill starts
    (building them all took 0.15 s of every start of the app). No number in drill is infinite
    or NaN: a file or a line that says so is refused where it is read."""

    model_config = ConfigDict(defer_build=True, allow_inf_nan=False)


class Strict(Model):
    """Base for file-backed models: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", defer_build=True, allow_inf_nan=False)


class Question(Strict):
    """A question (题目): its prompt, requirements, material and reference answers (参考作答)."""

    id: str = Field(pattern=ID_PATTERN)
    type: QuestionType
    points: float = Field(ge=1, le=100)  # a 申论 question is worth 5 to 40 points, a paper 100
    word_limit: int | None = Field(default=None, gt=0, le=10000)
    limit_kind: LimitKind | None = None
    source: Shown = ""
    material: str = ""
    tags: list[Shown] = Field(default_factory=list)
    prompt: Shown = Field(min_length=1)
    references: list[Shown] = Field(default_factory=list)

    @field_validator("references")
    @classmethod
    def _trim_references(cls, value: list[str]) -> list[str]:
        # Blank lines around a reference are not part of it (a TOML block may start with one).
        return [re.sub(r"^(?:[ \t]*\n)+", "", ref).rstrip() for ref in value]

    @model_validator(mode="after")
    def _limit_pair(self) -> "Question":
        if (self.word_limit is None) != (self.limit_kind is None):
            raise ValueError("字数（word_limit）和字数要求（limit_kind）须同时给出")
        return self

    def requirement_text(self, minimum: int | None = None) -> str:
        """The requirements as an instructor would write them: 不超过200字 · 10分, or with the
        essay's least length (`minimum`, from its rubric) 1000～1200字 · 40分."""
        parts = []
        if self.word_limit and minimum:
            parts.append(f"{minimum}～{self.word_limit}字")
        elif self.word_limit:
            parts.append(f"{self.word_limit}字左右" if self.limit_kind == "about" else f"不超过{self.word_limit}字")
        parts.append(f"{format_points(self.points)}分")
        return " · ".join(parts)


class KeyPoint(Strict):
    """A marking point (采分点): a statement worth `weight`, with other phrasings that count."""

    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")
    weight: float = Field(gt=0, le=100)
    text: Shown = Field(min_length=1)
    synonyms: list[Shown] = Field(default_factory=list)

    @field_validator("synonyms")
    @classmethod
    def _no_blank_synonyms(cls, value: list[str]) -> list[str]:
        if any(not s.strip() for s in value):
            raise ValueError("有一个同义表述是空的")
        return value


class LimitRule(Strict):
    """How going over the 字数 limit costs points: `over_points` per started `over_step` characters."""

    about_tolerance: float = Field(default=0.1, ge=0, le=1)
    over_step: int = Field(default=20, gt=0)
    over_points: float = Field(default=1.0, ge=0)
    over_cap: float = Field(default=3.0, ge=0)


FormatKind = Literal["title", "addressee", "signature", "structure", "closing"]


class FormatCheck(Strict):
    """A check of a practical document's form (贯彻执行): title, addressee, signature, structure.

    `words`: for `title`, words the title must hold (倡议书); for `closing`, the closing call
    (让我们…); for `signature`, who signs. `min_items`: numbered parts `structure` needs.
    """

    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")
    check: FormatKind
    weight: float = Field(gt=0, le=100)
    words: list[Shown] = Field(default_factory=list)
    min_items: int = Field(default=3, ge=1, le=20)


class EssayWeights(Strict):
    """What each part of an essay (文章写作) is worth; they add up to the question's points."""

    thesis: float = Field(ge=0)
    subpoints: float = Field(ge=0)
    structure: float = Field(ge=0)
    material: float = Field(ge=0)
    length: float = Field(ge=0)

    @property
    def total(self) -> float:
        return round(self.thesis + self.subpoints + self.structure + self.material + self.length, 4)


class EssayRule(Strict):
    """How an essay is marked by bands (一类文 … 四类文).

    `thesis`: phrasings of the central argument; the rubric's `points` are the sub-arguments
    (分论点) it may develop, each worth its weight, together at most `weights.subpoints`;
    `evidence`: facts of the material an essay can use, `evidence_needed` of them for full credit;
    `topic`: words an essay on the theme cannot do without (one of them, `topic_needed` times).
    """

    thesis: list[Shown] = Field(min_length=1)
    topic: list[Shown] = Field(min_length=1)
    topic_needed: int = Field(default=3, ge=1)
    evidence: list[Shown] = Field(default_factory=list)
    evidence_needed: int = Field(default=3, ge=1)
    min_words: int = Field(gt=0)
    max_words: int = Field(gt=0)
    weights: EssayWeights

    @model_validator(mode="after")
    def _range(self) -> "EssayRule":
        if self.min_words > self.max_words:
            raise ValueError("最少字数（min_words）大于最多字数（max_words）")
        return self


class Rubric(Strict):
    """The marking scheme (评分标准) of one question: its key points and the marker's rules."""

    question: str = Field(pattern=ID_PATTERN)
    hit_threshold: float = Field(default=78, ge=0, le=100)
    partial_threshold: float = Field(default=60, ge=0, le=100)
    partial_credit: float = Field(default=0.5, ge=0, le=1)
    # "steps": hit earns the weight, partial `partial_credit` of it. "linear": the credit grows
    # with the similarity from partial_threshold (nothing) to hit_threshold (the weight).
    credit: Literal["steps", "linear"] = "steps"
    copy_threshold: float = Field(default=0.5, ge=0, le=1)
    copy_points: float = Field(default=0, ge=0)
    limit: LimitRule = Field(default_factory=LimitRule)
    points: list[KeyPoint] = Field(min_length=1)
    format: list[FormatCheck] = Field(default_factory=list)
    essay: EssayRule | None = None

    @field_validator("points")
    @classmethod
    def _unique_ids(cls, points: list[KeyPoint]) -> list[KeyPoint]:
        seen: set[str] = set()
        for point in points:
            if point.id in seen:
                raise ValueError(f"采分点编号 {point.id} 用了两次")
            seen.add(point.id)
        return points

    @field_validator("format")
    @classmethod
    def _unique_checks(cls, checks: list[FormatCheck]) -> list[FormatCheck]:
        ids = [c.id for c in checks]
        if len(ids) != len(set(ids)):
            raise ValueError("有一个格式检查的编号用了两次")
        return checks

    @model_validator(mode="after")
    def _thresholds(self) -> "Rubric":
        if self.partial_threshold > self.hit_threshold:
            raise ValueError("部分得分门槛（partial_threshold）高于得分门槛（hit_threshold）")
        return self

    @model_validator(mode="after")
    def _ids_apart(self) -> "Rubric":
        if {p.id for p in self.points} & {c.id for c in self.format}:
            raise ValueError("有一个格式检查用了采分点的编号")
        if self.essay and self.format:
            raise ValueError("文章评分标准（[essay]）没有格式检查")
        return self

    @property
    def total(self) -> float:
        """What the rubric can award: the key points' and format checks' weights, or an essay's parts."""
        if self.essay:
            return self.essay.weights.total
        return round(sum(p.weight for p in self.points) + sum(c.weight for c in self.format), 4)


class PaperEntry(Strict):
    """A question of a paper, and the 给定资料 it cites (numbered from 1, in the paper's order)."""

    id: str = Field(pattern=ID_PATTERN)
    cites: list[int] = Field(min_length=1)


class Paper(Strict):
    """A real exam paper (真题套卷): its 给定资料 in order (material ids) and its questions in
    order, with the time allowed (考试时限) and the suggested reading time, in minutes."""

    id: str = Field(pattern=ID_PATTERN)
    title: Shown = Field(min_length=1)
    minutes: int = Field(gt=0, le=600)
    reading_minutes: int | None = Field(default=None, gt=0, le=600)
    points: float | None = Field(default=None, ge=1, le=1000)  # as the paper states it (满分); checked against its questions
    source: Shown = ""
    materials: list[str] = Field(min_length=1)
    questions: list[PaperEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> "Paper":
        ids = [entry.id for entry in self.questions]
        if len(ids) != len(set(ids)):
            raise ValueError("有一道题在试卷里出现了两次")
        for entry in self.questions:
            wrong = [n for n in entry.cites if not 1 <= n <= len(self.materials)]
            if wrong:
                raise ValueError(f"题目 {entry.id} 引用了给定资料{wrong[0]}，而试卷只有 {len(self.materials)} 则资料")
        if self.reading_minutes and self.reading_minutes >= self.minutes:
            raise ValueError("阅读时间（reading_minutes）不能长于考试时限（minutes）")
        return self


class Material(Model):
    """Material (材料): the text a question is answered from."""

    id: str
    text: str


class Evidence(Model):
    """The stretch of the answer that earned a point: `start`/`end` index the original answer."""

    start: int
    end: int
    text: str


class PointMark(Model):
    """How one key point fared: hit / partial / miss, the credit and the evidence."""

    id: str
    text: str
    weight: float
    status: Status
    credit: float
    similarity: float = 0.0
    evidence: Evidence | None = None
    # Why a point was not earned in full, in words: 表述相反 / 题型不符 / 只列关键词 / 未涉及 / 部分表述.
    reason: str = ""


class Deduction(Model):
    """Points taken off the total, and why (e.g. 超字数)."""

    reason: str
    points: float


class Mark(Model):
    """The mark of one answer: the score out of `max`, per point, and deductions."""

    question: str
    score: float
    max: float
    word_count: int
    points: list[PointMark]
    deductions: list[Deduction] = Field(default_factory=list)
    copied: float = 0.0
    band: str | None = None  # an essay's band: 一类文 … 四类文
    notes: list[str] = Field(default_factory=list)  # what the marker could not judge
    # No reference answer or rubric yet: the content was not marked, only its form (字数, format,
    # structure, copying); the score counts for nothing until one is added.
    unmarked: bool = False


class Attempt(Model):
    """One submitted answer (作答记录) with the mark it got."""

    id: int
    user: str = "default"
    question: str
    answer: str
    score: float
    max: float
    word_count: int
    seconds: int | None = None
    created: str
    rubric_version: str = ""
    mark: Mark
    rescored: float | None = None  # the mark under the current rubric, after `drill rescore`
    rescored_version: str | None = None
    rescored_mark: Mark | None = None


class Draft(Model):
    """An answer being written, saved as the candidate types."""

    question: str
    answer: str
    seconds: int = 0
    updated: str = ""
