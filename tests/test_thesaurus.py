"""The thesaurus keeps the rules its file states: no group joins a statement and its opposite,
every head reads as its section says, every phrasing that reads otherwise was reviewed, and a
head is written in the form the other groups give it."""

from __future__ import annotations

import re
import tomllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drill.marker import thesaurus
from drill.marker.matching import comparable
from drill.marker.stance import is_negative
from drill.text import compact

DATA = tomllib.loads(thesaurus.THESAURUS_FILE.read_text(encoding="utf-8"))
SECTIONS = ("problems", "named_problems", "others")


def negative(phrase: str) -> bool:
    return is_negative(compact(phrase))


def test_it_holds_several_hundred_groups_of_standard_formulations() -> None:
    assert len(thesaurus.groups()) >= 300
    assert sum(len(group) for group in thesaurus.groups()) >= 1200
    assert all(len(compact(phrase)) >= 2 for group in thesaurus.groups() for phrase in group)


@pytest.mark.parametrize("section", SECTIONS)
def test_every_head_reads_as_its_section_says(section: str) -> None:
    wrong = [group[0] for group in DATA[section] if negative(group[0]) != (section == "problems")]
    assert wrong == []


def test_no_phrasing_loses_its_negation_unless_it_was_reviewed() -> None:
    """A phrasing that reads negative, in a group whose head does not, would have its negation
    dropped: only the reviewed ones (无死角: full coverage) may."""
    dropped = [p for section in ("named_problems", "others") for group in DATA[section] for p in group if negative(p)]
    assert sorted(dropped) == sorted(DATA["reads_otherwise"])


def test_no_group_holds_a_phrasing_and_its_opposite() -> None:
    def opposites(phrase: str) -> set[str]:
        bare = re.sub(r"^(?:不|没有|没|未|无)", "", phrase)
        return {f"不{phrase}", f"没有{phrase}", f"未{phrase}", f"无{phrase}", bare} - {phrase}

    for group in thesaurus.groups():
        members = set(group)
        for phrase in group:
            assert not opposites(phrase) & members, (group[0], phrase, opposites(phrase) & members)


def _read(text: str, groups: list[list[str]]) -> str:
    """`text` read as the marker reads it with `groups`: leftmost first, longest first."""
    starting: dict[str, list[str]] = {}
    head_of: dict[str, str] = {}
    for group in groups:
        for phrase in group:
            starting.setdefault(phrase[0], []).append(phrase)
            head_of[phrase] = group[0]
    read, at = [], 0
    while at < len(text):
        found = max((p for p in starting.get(text[at], ()) if text.startswith(p, at)), key=len, default=None)
        read.append(head_of[found] if found else text[at])
        at += len(found) if found else 1
    return "".join(read)


def test_a_head_is_written_as_the_other_groups_read_it() -> None:
    """力量不到位, not 力量不足: otherwise 力量不够 (不够 → 不到位) would not reach the group.
    The problems are read first, then the others (`thesaurus.passes`)."""
    first, then = ([[compact(p) for p in group] for group in part] for part in thesaurus.passes())
    unread = []
    for group in first + then:
        head = group[0]
        read = _read(_read(head, [g for g in first if g is not group]), [g for g in then if g is not group])
        if read != head:
            unread.append((head, read))
    assert unread == []


def test_a_topic_word_never_takes_a_problem_s_negation() -> None:
    """服务效率低 holds 服务效率 (a topic) and 效率低 (a problem): it must still read negative."""
    from drill.marker.matching import comparable

    first, then = thesaurus.passes()
    problems = [compact(p) for group in first for p in group if negative(p)]
    topics = [compact(p) for group in then for p in group]
    lost = []
    for topic in topics:
        for problem in problems:
            for k in range(1, min(len(topic), len(problem))):
                if topic.endswith(problem[:k]):
                    joined = topic + problem[k:]
                    if not is_negative(comparable(joined)[0]):
                        lost.append(joined)
    assert lost == []


# Phrasings that open with a measure's word but name a thing (全面覆盖, 创新驱动) or a problem
# (积极性不高, 落实不到位): read as a head that does not open as a measure, as they should be.
NAMES = {"积极性不高", "积极性不强", "落实不到位", "落实不力", "落实不够", "以牺牲环境为代价", "全面覆盖", "应覆盖尽覆盖",
         "规范化建设", "创新性发展", "创新驱动", "规范标准"}


def test_no_measure_loses_its_verb() -> None:
    """要加强 / 建立 … open a measure (`stance.DIRECTIVE`): a phrasing that does must keep a head
    that does, or the 题型 check would read a measure as a plain statement."""
    from drill.marker.stance import DIRECTIVE

    lost = {p for group in thesaurus.groups() for p in group if DIRECTIVE.match(compact(p)) and not DIRECTIVE.match(compact(group[0]))}
    assert lost == NAMES


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("人才匮乏", "人才短缺"),
        ("人才不够", "缺少人才"),
        ("力量不够", "力量薄弱"),
        ("监管人手紧张", "监管人员不足"),
        ("走过场", "流于形式"),
        ("不见面审批", "一网通办"),
        ("审批环节多", "审批繁琐"),
        ("老百姓满意率", "群众满意度"),
        ("保护非遗", "保护非物质文化遗产"),
        ("审批时间大大缩短", "审批时间大幅压减"),
        ("投资增速全国领先", "投资增速居全国前列"),
        ("营商环境水平逐步提升", "营商环境水平稳步提高"),
        ("部门协同联动", "部门协调"),  # two phrasings of one group side by side say it once
        ("联动协同，机制健全", "协调，机制健全"),
    ],
)
def test_standard_formulations_read_alike(said: str, meant: str) -> None:
    assert comparable(said)[0] == comparable(meant)[0]


@given(st.lists(st.sampled_from(["服务效率低", "，", "、", "信息孤岛", "审批慢", "监管", "不到位", "。", "放管服", "数据壁垒", "相对置后", "x"]), max_size=30))
def test_a_clause_boundary_falls_where_the_canonical_index_puts_it(pieces: list[str]) -> None:
    """canonical_offsets gives, for each boundary, the count of canonical characters whose
    text index (the replaced characters' picks) lies before it, as a rebuilt index would."""
    from bisect import bisect_left

    from drill.marker.sound import sound_form
    from drill.marker.thesaurus import _picks, canonical_offsets, canonicalise
    from drill.text import match_form

    text = "".join(pieces)
    form, index = match_form(text)
    canonical, _, replaced = canonicalise(form, sound_form(form))
    rebuilt, pos = [], 0
    for start, end, head in replaced:
        rebuilt += index[pos:start].tolist() + [int(index[start + i]) for i in _picks(end - start, head)]
        pos = end
    rebuilt += index[pos:].tolist()
    assert len(rebuilt) == len(canonical)
    positions = list(range(len(text) + 1))
    assert canonical_offsets(index, replaced, positions) == [bisect_left(rebuilt, p) for p in positions]


@given(st.lists(st.sampled_from(["信息共享难", "信息孤岛", "服务效率低", "审批慢", "，", "放管服", "不到位", "监管"]), min_size=1, max_size=12))
def test_a_phrasing_that_ends_the_answer_is_replaced_where_it_stands(pieces: list[str]) -> None:
    """Each replacement covers characters of the text, and one found where the text ends is
    cut where it ends (a phrasing looked for by its length must not run past the last
    character: 部门协同差，信息共享难 once made its replacement three characters too long)."""
    from drill.marker.sound import sound_form
    from drill.marker.thesaurus import canonicalise
    from drill.text import match_form

    form = match_form("".join(pieces))[0]
    canonical, sound, replaced = canonicalise(form, sound_form(form))
    assert all(0 <= start < end <= len(form) for start, end, _ in replaced)
    assert len(canonical) == len(form) + sum(head - (end - start) for start, end, head in replaced)
    assert len(sound) == len(canonical)
