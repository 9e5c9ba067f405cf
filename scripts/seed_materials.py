"""Build bank/materials/*.md from the source documents in ../shared/seeds/ (run once per seed).

    python scripts/seed_materials.py ../shared/seeds

What it does to each document, so that the material reads as the author wrote it:
- `normalize.clean_text`: Traditional→Simplified, `字(pinyin)` notes and `?` debris removed;
- lines split by the PDF's page breaks are joined again (a line that does not end a sentence
  continues on the next one), markdown marks (`#`, `**`) dropped, `**` redactions shown as `××`;
- what is not material is cut: reference lists, editor's and publisher's lines, adverts;
- seed 004's 18 garbled lines are repaired by hand (REPAIRS_004 below: each was text encoded in
  GBK and decoded one byte off; the words were read back from the bytes and the context).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from drill.text import clean_text  # noqa: E402

# seed 004: (line, garbled text as in the seed, repaired text). Every one was checked by hand.
REPAIRS_004: list[tuple[int, str, str]] = [
    (14, "?。ㄈ┐蛟炜旖莞咝д窄h(huán)境", "（三）打造快捷高效政务环境"),
    (27, "1522家?!皢我淮翱凇睉寐蕿榘l(fā)生業(yè)務", "1522家。“单一窗口”应用率为发生业务"),
    (29, "?。ㄎ澹┐蛟旃该鞣ㄖ苇h(huán)境", "（五）打造透明法治环境"),
    (42, "推進落實??蛋褪矃^(qū)主動", "推进落实。康巴什区主动"),
    (45, "“評定分離”?改革", "“评定分离”改革"),
    (45, "改革?!霸u定分離”改革工作", "改革。“评定分离”改革工作"),
    (46, "對當?shù)匦姓^(qū)域", "对当地行政区域"),
    (55, "?。ǘ﹥?yōu)化要素保障", "（二）优化要素保障"),
    (60, "轉(zhuǎn)變?yōu)樘嵘蛻粲秒婓w驗", "转变为提升客户用电体验"),
    (63, "發(fā)展?jié)摿Φ膭?chuàng)新", "发展潜力的创新"),
    (69, "?。ㄈ﹥?yōu)化法治", "（三）优化法治"),
    (76, "?。ㄋ模﹥?yōu)化創(chuàng)新", "（四）优化创新"),
    (95, "當?shù)貟炫七\\行", "当地挂牌运行"),
    (102, "?。ǘ┤嗣窬W(wǎng)", "（二）人民网"),
    (105, "7月31日?,", "7月31日，"),
    (112, "當?shù)叵嚓P(guān)部門", "当地相关部门"),
    (112, "向?qū)Ш紸PP", "向导航APP"),
    (112, "當?shù)貫橛慰头找庾R", "当地为游客服务意识"),
    (112, "當?shù)攸h政部門", "当地党政部门"),
    (113, "?。ㄈ┖M鈧鞑ブ械膬?nèi)蒙古", "（三）海外传播中的内蒙古"),
    (116, "卾爾多斯", "鄂尔多斯"),  # a typo of the source (卾 for 鄂), not conversion debris
    (117, "500次/條?!爸袊鯛柖嗨埂蹦槙~號", "500次/条。“中国鄂尔多斯”脸书账号"),
    (118, "埃里克?索爾海姆", "埃里克·索尔海姆"),
]

# Where each document's material ends (the first line that is not material any more).
CUT_AT = ("参考文献", "执笔：", "更多精彩")
# Captions of the tables and figures the text version lost: 表2-1：… / 图3-1：…
_CAPTION = re.compile(r"^[表图]\d+-\d+[:：]")
_SPACE_BY_DIGIT = re.compile(r"(?<=\d) +(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) +(?=\d)")
_SPACE_AFTER_PUNCT = re.compile(r"(?<=[，。；：、）（])\s+|\s+(?=[（，。；：、])")
_ENDS = tuple("。！？；：”」』）)…") + ("■",)


def repair_004(text: str) -> str:
    lines = text.split("\n")
    for number, garbled, repaired in REPAIRS_004:
        if garbled not in lines[number - 1]:
            raise SystemExit(f"seed 004 line {number}: {garbled!r} not found; the seed changed")
        lines[number - 1] = lines[number - 1].replace(garbled, repaired)
    return "\n".join(lines)


# Short lines the page break split, which the rule below cannot tell from headings.
BROKEN_SHORT = ("（三）以信用为核心的监管体", "1. 全面推进并联审批和标准", "思想是行动的先导，首先应使内蒙古的广大领导干部在思")


def join_pages(lines: list[str]) -> list[str]:
    """Join the pieces of paragraphs that a page break split.

    A line over 40 characters that does not end a sentence continues on the next line; shorter
    lines without an end are titles and headings, and stay, except the few in BROKEN_SHORT.
    """
    out: list[str] = []
    for line in lines:
        last = out[-1] if out else ""
        if out and not last.endswith(_ENDS) and (len(last) > 40 or "。" in last or last in BROKEN_SHORT):
            out[-1] += line
        else:
            out.append(line)
    return out


def material_text(seed: Path) -> str:
    raw = seed.read_text(encoding="utf-8")
    if seed.name.startswith("004_"):
        raw = repair_004(raw)
    raw = re.sub(r"^#+\s*", "", raw, flags=re.MULTILINE).replace("**摘要：**", "摘要：").replace("**关键词：**", "关键词：")
    raw = raw.replace("**", "××")
    lines = [line.strip() for line in clean_text(raw).split("\n") if line.strip()]
    for i, line in enumerate(lines):
        if line.startswith(CUT_AT):
            lines = lines[:i]
            break
    lines = [line for line in lines if not line.startswith(("责任编辑", "（作者单位")) and line != "■" and not _CAPTION.match(line)]
    lines = [_SPACE_AFTER_PUNCT.sub("", _SPACE_BY_DIGIT.sub("", line)) for line in lines]
    return "\n".join(join_pages(lines)).replace("■", "") + "\n"


def main(seeds: Path) -> None:
    out = Path(__file__).resolve().parents[1] / "bank" / "materials"
    for name in ("000_9ba87e2be2ee36e9", "002_e8a0cd3b46050f3c", "003_d005532672c12008", "004_ca3be2b37162b7f7"):
        text = material_text(seeds / f"{name}.txt")
        (out / f"{name}.md").write_text(text, encoding="utf-8")
        print(f"{name}.md: {text.count(chr(10))} paragraphs, {len(text)} characters")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/seeds"))
