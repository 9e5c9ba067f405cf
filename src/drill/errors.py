"""The one error family of drill: every failure a user can cause has a title and a message."""

from __future__ import annotations

import re
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


# tomllib's messages (Python 3.11–3.14), in Chinese: a bank, rubric or settings file that is
# not TOML is named with its line and what is wrong there, not in the parser's English
# ({} stands for the key or character the parser names).
_TOML_REASONS = {
    r"Invalid statement": "这一行既不是“键 = 值”，也不是 [表] 标题",
    r"Expected newline or end of document after a statement": "一行只能写一个“键 = 值”：值后面还有别的内容",
    r"Expected '=' after a key in a key/value pair": "键后面应有 =",
    r"Invalid initial character for a key part": "键不能以这个字符开头（键用字母、数字、_ 和 -，或加引号）",
    r"Invalid value": "= 后面不是有效的值（文字要加引号）",
    r"Unterminated string": "字符串没有结束的引号",
    r"Illegal character (.+)": "字符串里有不允许的字符 {}（控制字符要写成转义）",
    r"Unescaped '\\' in a string": "字符串里的 \\ 没有转义（写成 \\\\，或用单引号）",
    r"Invalid hex value": "\\u 后面应是十六进制数",
    r"Escaped character is not a Unicode scalar value": "转义的字符不是有效的 Unicode 字符",
    r"Unclosed array": "数组没有以 ] 结束",
    r"Unclosed inline table": "内联表没有以 } 结束",
    r"Duplicate inline table key (.+)": "内联表里的键 {} 写了两次",
    r"Cannot declare (.+) twice": "{} 声明了两次",
    r"Cannot overwrite a value": "同一个键写了两次",
    r"Cannot redefine namespace (.+)": "{} 定义了两次",
    r"Cannot mutate immutable namespace (.+)": "{} 已写完（内联表或值），不能再往里加键",
    r"Expected ']' at the end of a table declaration": "表标题应以 ] 结束",
    r"Expected ']]' at the end of an array declaration": "数组表标题应以 ]] 结束",
    r"Expected (.+)": "这里应有 {}",
    r"Found invalid character (.+)": "这里不该有字符 {}",
    r"Invalid date or datetime": "日期或时间写得不对",
}
_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def _key(said: str) -> str:
    """A key or character as tomllib names it (('rubric', 'points'), or 'a' quoted) as a file
    writes it (rubric.points), a control character by its code (U+0001), never as itself."""
    import ast

    try:
        key = ast.literal_eval(said)
    except (ValueError, SyntaxError):
        return said
    if isinstance(key, tuple):
        return ".".join(map(str, key))
    key = str(key)
    return key if key.isprintable() else "".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in key)


def toml_problem(exc: ValueError) -> tuple[str, int | None]:
    """What a `tomllib.TOMLDecodeError` says, in Chinese (with the column, when it gives one),
    and the line it names (None at the end of the file)."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    at = _TOML_AT.search(text)
    message = text[: at.start()] if at else text
    for pattern, chinese in _TOML_REASONS.items():
        if found := re.fullmatch(pattern, message):
            message = chinese.replace("{}", _key(found.group(1))) if found.groups() else chinese
            break
    if at is None:
        return message, None
    if at.group(1) is None:
        return f"{message}（在文件末尾）", None
    return f"{message}（第 {at.group(2)} 列）", int(at.group(1))
