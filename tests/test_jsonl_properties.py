"""Properties of the JSON-lines readers and the history round trip, over any text.

Any text, including the line separators JSON writes raw (U+2028, U+2029, U+0085) and lone
surrogates JSON can carry, either comes back equal or is refused with a message naming the
line: never split in two, never a traceback.
"""

from __future__ import annotations

import io
import json
from itertools import count

from hypothesis import example, given, settings
from hypothesis import strategies as st

from drill.errors import BadLine, DrillError
from drill.jsonl import json_lines, lines_of, stream_lines, text_field
from drill.practice import submit_answer
from drill.store import Store
from drill.store.records import export_lines, import_lines
from drill.text import printable

# Every code point, surrogates and controls included, with the troublesome ones made likely.
ANY_CHARACTER = st.characters(codec=None, exclude_categories=()) | st.sampled_from("\u2028\u2029\u0085\r\n\x1b\x00\ud800\udfff\ufeff")
ANY_TEXT = st.text(ANY_CHARACTER, max_size=60)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(["id", "answer", "question", "note"]), ANY_TEXT, max_size=4), max_size=6))
@example([{"answer": "一是\u2028二是"}, {"answer": "\u2029"}, {"answer": "\x85"}])
def test_json_lines_read_back_what_was_written_line_for_line(records: list[dict]) -> None:
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    read = [found for _, found in json_lines(lines_of(text))]
    assert read == records  # as many objects as lines, each equal: U+2028 never splits a line
    # The streaming reader of files (history import) reads the same, from the bytes on disk.
    data = text.encode("utf-8", "surrogatepass")
    streamed = [found for _, found in json_lines(stream_lines(io.BytesIO(data)))]
    for record, found in zip(records, streamed, strict=True):
        if any("\ud800" <= c <= "\udfff" for value in record.values() for c in value):
            assert isinstance(found, BadLine) and "UTF-8" in found.detail  # such bytes are not UTF-8
        else:
            assert found == record


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_a_text_field_is_the_text_or_refused_by_name(value: str) -> None:
    try:
        kept = text_field(7, "id", value)
    except BadLine as exc:
        assert exc.message.startswith("第 7 行：id：") and "不成对的代理字符" in exc.message
        assert any("\ud800" <= c <= "\udfff" for c in value)
    else:
        assert kept == value
    mended = text_field(7, "answer", value, mend=True)
    assert mended == printable(value) and not any("\ud800" <= c <= "\udfff" for c in mended)
    mended.encode("utf-8")  # storable and printable as it is


_users = count()
_stores: dict[str, Store] = {}


def _store(name: str) -> Store:
    if name not in _stores:
        _stores[name] = Store(memory=True)
    return _stores[name]


@settings(max_examples=40, deadline=None)
@given(st.text(ANY_CHARACTER, min_size=1, max_size=120))
@example("一是思想认识不到位\u2028二是监管不力\u2029三是\x85服务效率不高")
@example("\ud800一是加强管理\udfff")
@example("\x1b]0;pwned\x07一是加强管理")
def test_an_answer_comes_back_from_export_and_import_as_it_was_kept(answer: str) -> None:
    """Save an attempt, export it to a file, import the file into another database: the same
    answer, mark and time come back; an answer that cannot be kept is refused with a message."""
    here, there = _store("here"), _store("there")
    user = f"学员{next(_users)}"  # a profile of its own: each example starts with no attempts
    here.use(user)
    there.use(user)
    try:
        _, attempt = submit_answer(here, "s001-q2", answer)
    except DrillError as exc:
        assert "作答为空" in exc.message  # only an answer with nothing printable in it is refused
        assert not printable(answer).strip()
        return
    assert attempt.answer == printable(answer)
    exported = io.BytesIO("".join(line + "\n" for line in export_lines([attempt])).encode("utf-8"))
    added, skipped, problems = import_lines(there, stream_lines(exported))
    assert (added, skipped, problems) == (1, 0, [])
    (back,) = there.iter_attempts()
    assert (back.answer, back.score, back.created, back.mark) == (attempt.answer, attempt.score, attempt.created, attempt.mark)
