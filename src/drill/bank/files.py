"""Bank files on disk: reading what a person wrote, writing what they keep.

Reading refuses what is not a bank file (bad UTF-8, NUL bytes, over 2 MB) with the line;
every write is atomic (the old text or the new, never half) and goes through `write_atomic`.
`question_text` and `rubric_text` are the one fixed form drill writes question and rubric
files in, so an edit shows up in git as the lines it changed.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from drill.bank import toml_text
from drill.errors import BankFileError, os_reason
from drill.models import ID_PATTERN, Material, Paper, Question, Rubric


def decode_text(data: bytes, name: Path | str) -> str:
    """Text a person wrote: UTF-8, BOM allowed; bad bytes are a `BankFileError` naming their line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)  # counted from 1, as a person counts
        raise BankFileError(name, f"不是有效的 UTF-8（这一行的第 {column} 个字节）", line=line) from None


MAX_FILE_BYTES = 2_000_000  # a bank file larger than this is a mistake, not a question

# Files an editor leaves beside the one being edited: Emacs's lock `.#x.toml` (a dangling
# symlink) and autosave `#x.toml#`, backups `x.toml~`, Vim's `.x.toml.swp`, drill's own
# `x.toml.saving`. They are never bank files, and are passed over without a word.
_EDITOR_FILE = re.compile(r"^(?:\.|#)|(?:~|#|\.sw[a-p]|\.saving|\.tmp|\.bak|\.orig)$")


def is_editor_file(name: str) -> bool:
    """Whether a file name is an editor's lock, autosave, swap or backup file (or hidden)."""
    return bool(_EDITOR_FILE.search(name))


def read_file(path: Path, limit: int, within: Path | None = None, pipes: bool = False) -> bytes:
    """The bytes of the regular file `path`, refused with a `BankFileError` when it is more
    than `limit` bytes, not a regular file (a folder, a FIFO, a device: opened without
    blocking, so a FIFO cannot hang drill), or, with `within`, a symlink to somewhere outside
    that folder. With `pipes`, a pipe given as `/dev/stdin` or `<(...)` is read (up to
    `limit`) as a command's input may be."""
    path = Path(path)
    target = path
    if within is not None:
        target = path.resolve()
        if not target.is_relative_to(within.resolve()):
            raise BankFileError(path, f"指向 {target} 的符号链接，在 {within} 之外：没有读")
    try:
        descriptor = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (os.O_NOFOLLOW if within is not None else 0))
    except OSError as exc:
        raise BankFileError(path, f"读不了：{os_reason(exc)}") from None
    found = os.fstat(descriptor)
    mode = found.st_mode
    if not stat.S_ISREG(mode) and not (pipes and stat.S_ISFIFO(mode)):
        os.close(descriptor)
        raise BankFileError(path, f"不是普通文件（是{_kind(mode)}）：没有读")
    if stat.S_ISREG(mode) and found.st_size > limit:
        os.close(descriptor)
        raise BankFileError(path, f"文件太大（{found.st_size / 1e6:.1f} MB；至多读 {limit / 1e6:.2g} MB）")
    os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise BankFileError(path, f"读不了：{os_reason(exc)}") from None
    if len(data) > limit:
        raise BankFileError(path, f"太长（超过 {limit / 1e6:.2g} MB）：没有读")
    return data


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "文件夹"), (stat.S_ISFIFO, "管道（FIFO）"), (stat.S_ISCHR, "设备"), (stat.S_ISBLK, "设备"), (stat.S_ISSOCK, "套接字")):
        if test(mode):
            return name
    return "别的东西"


def admissible(path: Path, root: Path) -> BankFileError | None:
    """Why `path`, found in bank root `root`, is not a bank file to read, or None when it is:
    a symlink to nothing or to somewhere outside the root, or not a regular file."""
    try:
        if path.is_symlink():
            target = path.resolve()
            if not target.exists():
                return BankFileError(path, f"指向 {target} 的符号链接，而它不存在：没有读")
            if not target.is_relative_to(root.resolve()):
                return BankFileError(path, f"指向 {target} 的符号链接，在题库 {root} 之外：没有读")
        mode = path.stat().st_mode
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        return BankFileError(path, f"读不了：{os_reason(exc)}")
    return None if stat.S_ISREG(mode) else BankFileError(path, f"不是普通文件（是{_kind(mode)}）：没有读")


def bank_paths(root: Path, folder: str, suffix: str) -> tuple[list[Path], list[BankFileError]]:
    """The bank files `<root>/<folder>/*<suffix>`, in order, and why others there were not
    read; editor lock and backup files are passed over."""
    paths: list[Path] = []
    problems: list[BankFileError] = []
    for path in sorted((root / folder).glob("*" + suffix)):
        if is_editor_file(path.name):
            continue
        problem = admissible(path, root)
        if problem is None:
            paths.append(path)
        else:
            problems.append(problem)
    return paths, problems


def _mode_of(path: Path) -> int:
    """The permissions a rewritten file keeps: its own, or 0644 for a new one (bank files are
    shared like source, unlike the history)."""
    try:
        return stat.S_IMODE(os.lstat(path).st_mode) if path.is_file() and not path.is_symlink() else 0o644
    except OSError:
        return 0o644


def read_text(path: Path, within: Path | None = None) -> str:
    """A bank file's text: UTF-8 (BOM allowed), with CRLF folded; bad bytes name their line.
    With `within` (the bank root), a symlink leading out of it is refused."""
    text = decode_text(read_file(path, MAX_FILE_BYTES, within), path)
    if "\x00" in text:
        raise BankFileError(path, "含有 NUL 字节：不是文本文件", line=text[: text.index("\x00")].count("\n") + 1)
    return text.replace("\r\n", "\n")


def write_atomic(path: Path, text: str, within: Path | None = None) -> None:
    """Write a file a person keeps (bank, rubric, graded answers): the old text or the new,
    never half. The text goes to a new temporary file beside `path` that is renamed over
    it, so a symlink at `path` is replaced, never written through; with `within`, a
    folder on the way that leads out of it is refused."""
    path = Path(path)
    if within is not None and not path.parent.resolve().is_relative_to(within.resolve()):
        raise BankFileError(path, f"它所在的文件夹通往 {within} 之外（符号链接）：没有写")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".", suffix=".saving")
    except OSError as exc:
        raise BankFileError(path, f"写不了：{os_reason(exc)}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(partial, _mode_of(path))
        os.replace(partial, path)
    except OSError as exc:
        Path(partial).unlink(missing_ok=True)
        raise BankFileError(path, f"写不了：{os_reason(exc)}") from None


def question_text(question: Question) -> str:
    """The file text of a question: short fields first, the prompt and references last."""
    data = question.model_dump()
    head = {key: data[key] for key in ("id", "type", "points", "word_limit", "limit_kind", "source", "material", "tags")}
    if isinstance(head["points"], float) and head["points"].is_integer():
        head["points"] = int(head["points"])
    return toml_text.assignments(head) + "\n" + toml_text.assignments({"prompt": question.prompt}) + "\n" + toml_text.assignments({"references": question.references})


def rubric_text(rubric: Rubric) -> str:
    """The file text of a rubric: the marker's rules, then one [[points]] table per key point."""
    data = rubric.model_dump()
    out = toml_text.assignments({key: data[key] for key in ("question", "hit_threshold", "partial_threshold", "partial_credit", "credit", "copy_threshold", "copy_points")})
    out += "\n[limit]\n" + toml_text.assignments(data["limit"]) + _essay_text(data)
    for point in data["points"]:
        out += "\n[[points]]\n" + toml_text.assignments(point)
    return out + _format_text(data)


def paper_text(paper: Paper) -> str:
    """The file text of a paper: title and times, its 给定资料 (material ids) in order, then one
    [[questions]] table per question with the 给定资料 it cites."""
    data = paper.model_dump(exclude_none=True)
    if isinstance(data.get("points"), float) and data["points"].is_integer():
        data["points"] = int(data["points"])
    head = {key: data[key] for key in ("id", "title", "minutes", "reading_minutes", "points", "source", "materials") if key in data}
    return toml_text.assignments(head) + "".join("\n[[questions]]\n" + toml_text.assignments(entry) for entry in data["questions"])


def _essay_text(data: dict) -> str:
    if not data["essay"]:
        return ""
    essay = dict(data["essay"])
    weights = essay.pop("weights")
    return "\n[essay]\n" + toml_text.assignments(essay) + "\n[essay.weights]\n" + toml_text.assignments(weights)


def _format_text(data: dict) -> str:
    return "".join("\n[[format]]\n" + toml_text.assignments(check) for check in data["format"])


def rubric_extra_text(rubric: Rubric) -> str:
    """A rubric's [essay] and [[format]] tables alone, as `rubric_text` writes them."""
    data = rubric.model_dump()
    return (_essay_text(data) + _format_text(data)).lstrip("\n")


def safe_id(text: str) -> str:
    """An id usable as a file name: lower-case ASCII letters, digits, `-` and `_` only."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")[:48]
    if not slug or not re.match(ID_PATTERN, slug):
        slug = "q-" + slug if slug else "q"
    return slug


def material_path(root: Path, material_id: str) -> Path:
    """Where a material's file is under bank root `root`."""
    return root / "bank" / "materials" / f"{safe_id(material_id)}.md"


def paper_path(root: Path, paper_id: str) -> Path:
    """Where a paper's file is under bank root `root`."""
    return root / "bank" / "papers" / f"{paper_id}.toml"


def write_material(root: Path, material: Material) -> Path:
    """Write a material's file under bank root `root`; returns its path."""
    path = material_path(root, material.id)
    write_atomic(path, material.text.rstrip("\n") + "\n", within=root)
    return path


def write_question(root: Path, question: Question, rubric: Rubric | None, material: Material | None) -> list[Path]:
    """Write a question's files under bank root `root` (its rubric's too, when it has one);
    returns the paths written."""
    if not re.match(ID_PATTERN, question.id):
        raise BankFileError(root / "bank", f"题号 {question.id!r} 不能用：只能用小写字母、数字、- 和 _，以字母或数字开头，最长 64 个字符", field="id")
    written = [write_material(root, material)] if material is not None else []
    plan = [(root / "bank" / f"{question.id}.toml", question_text(question))]
    if rubric is not None:
        plan.append((root / "rubrics" / f"{question.id}.toml", rubric_text(rubric)))
    for path, text in plan:
        write_atomic(path, text, within=root)
    return written + [path for path, _ in plan]
