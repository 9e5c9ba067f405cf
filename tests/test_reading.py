"""The practice screen's arithmetic: sections, search, squared paper and the suggested time."""

from __future__ import annotations

from drill.models import Question
from drill.reading import Hit, find, is_heading, paper_rows, paragraphs, section_path, suggested_minutes


def test_headings_are_the_sections_of_the_layout() -> None:
    assert [is_heading(p) for p in ["一、背景链接", "★国家政策", "（一）取得成效", "一是简政放权纵深推进，市场主体更多、更活了"]] == [True, True, True, False]


def test_search_finds_every_hit_in_reading_order_in_either_script() -> None:
    paras = paragraphs("营商环境好。\n\n优化营商环境，营商环境。")
    assert find(paras, "營商") == [Hit(0, 0, 2), Hit(1, 2, 4), Hit(1, 7, 9)]
    assert find(paras, "  ") == []


def test_squared_paper_has_25_squares_a_row_and_punctuation_takes_a_square() -> None:
    rows = paper_rows("一" * 30 + "。\n二 二")
    assert rows == ["一" * 25, "一" * 5 + "。", "二二"]


def test_suggested_time_grows_with_points_and_length() -> None:
    short = Question(id="a", type="归纳概括", points=10, word_limit=200, limit_kind="max", prompt="p")
    essay = Question(id="b", type="文章写作", points=40, word_limit=1200, limit_kind="max", prompt="p")
    assert suggested_minutes(short) == 15
    assert suggested_minutes(essay) == 70


def test_a_place_in_the_material_is_named_by_the_headings_it_stands_under() -> None:
    material = "\n".join([
        "给定资料1", "一、背景链接", "2月7日，全区优化营商环境大会召开。",
        "二、深度解读", "★国家政策", "（一）取得成效", "审批时限压缩。", "（二）存在问题", "服务效率和质量有待提高。",
        "★地方实践", "各盟市推行“一网通办”。",
        "给定资料2", "监管没有实现全覆盖。",
    ])
    at = material.index
    assert section_path(material, at("服务效率")) == ["给定资料1", "二、深度解读", "★国家政策", "（二）存在问题"]
    # A heading of the same level or higher ends the one before: （二） is not under ★地方实践.
    assert section_path(material, at("各盟市")) == ["给定资料1", "二、深度解读", "★地方实践"]
    assert section_path(material, at("2月7日")) == ["给定资料1", "一、背景链接"]
    assert section_path(material, at("监管")) == ["给定资料2"]  # a new 资料 starts afresh
    assert section_path("没有标题的材料。\n第二段。", 9) == []
    assert section_path(material, at("大会召开")) == ["给定资料1", "一、背景链接"]  # mid-line: the line's headings
