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


# How every command line error starts (the CLI prints it before the message).
ERROR_PREFIX = "错误："
# How a warning starts (the command goes on).
WARNING_PREFIX = "注意："

# What the operating system's reasons say, in Chinese (its own words are English here).
_OS_REASONS = {
    "ENOENT": "文件或文件夹不存在",
    "EACCES": "没有权限",
    "EPERM": "不允许这样操作",
    "EISDIR": "这是文件夹，不是文件",
    "ENOTDIR": "路径中有一段不是文件夹",
    "ENOSPC": "磁盘已满",
    "EDQUOT": "磁盘配额已用完",
    "EROFS": "文件系统是只读的",
    "EEXIST": "已经存在",
    "ELOOP": "符号链接绕成了圈",
    "ENAMETOOLONG": "文件名太长",
    "EBUSY": "正被占用",
    "EIO": "读写出错（磁盘或设备故障）",
    "EMFILE": "打开的文件太多",
    "ENOTEMPTY": "文件夹不是空的",
    "EXDEV": "不能跨磁盘移动",
    "ETXTBSY": "文件正被使用",
    "EFBIG": "文件太大",
}


def os_reason(exc: BaseException) -> str:
    """Why an operating-system call failed, in Chinese (the system's words when we have none)."""
    import errno

    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code) if isinstance(code, int) else None
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    return getattr(exc, "strerror", None) or str(exc)
