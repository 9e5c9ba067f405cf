"""The one error family of drill: every failure a user can cause has a title and a message."""

from __future__ import annotations

from pathlib import Path


class DrillError(Exception):
    """Base of every error drill reports to a user (CLI prints it, the TUI notifies it)."""

    title = "出错了"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownQuestion(DrillError):
    """A question id that is not in the bank."""

    title = "没有这道题"

    def __init__(self, question_id: str, known: list[str], total: int | None = None) -> None:
        """`known`: the first ids of the bank (ten are named); `total`: how many there are."""
        total = len(known) if total is None else total
        hint = ("、".join(known[:10]) + (f" 等，共 {total} 道" if total > 10 else "")) if known else "题库是空的"
        super().__init__(f"题库里没有编号为 {question_id!r} 的题目（有：{hint}）")
        self.question_id = question_id


class BankFileError(DrillError):
    """A bank, rubric or material file that cannot be loaded, with where and why."""

    title = "题库文件有问题"

    def __init__(self, path: Path | str, message: str, line: int | None = None, field: str | None = None) -> None:
        self.path = str(path)
        self.detail = message
        self.line = line
        self.field = field
        where = self.path if line is None else f"{self.path}:{line}"
        what = f"{field}: {message}" if field else message
        super().__init__(f"{where}: {what}")


class ImportFailed(DrillError):
    """A document that the importer cannot turn into questions."""

    title = "导入失败"


class StoreError(DrillError):
    """The database cannot be opened, read or written."""

    title = "数据库问题"


class ReadOnly(StoreError):
    """The database can be read but not written (a read-only file or mount)."""


class BadLine(DrillError):
    """A line of a JSONL file that cannot be marked; `line` is its 1-based number."""

    title = "这一行有问题"

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"第 {line} 行：{message}")
        self.line = line
        self.detail = message
