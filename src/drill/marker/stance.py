"""Stance: what a statement says of its topic, read from its words, not its similarity.

A marker credits 监管没有实现全覆盖 for 监管仍是短板，没有实现全覆盖 and nothing for
监管已经实现全覆盖: the negation decides. A measure (要加强…) states what to do, a problem
(…不到位) what is wrong; one given for the other is the wrong 题型. These are rules of the
language, read on the thesaurus form (`matching.comparable`), and the same for a rubric's key
points and for points derived from a reference answer.
"""

from __future__ import annotations

import re
from typing import Protocol

from drill.marker import tuning


def opening_with(opens: str, pattern: str) -> re.Pattern:
    """`pattern`, tried only where one of the characters `opens` stands: every match of it
    starts with one of them (tests/test_stance_patterns.py checks). Without this, re tries an
    alternation that opens with lookaheads at every position: five times slower."""
    return re.compile(f"(?=[{opens}])(?:{pattern})")


# Words that make a statement negative (a lack, a failure, a problem); 不断/不仅/未来/无论/非遗 are not.
_NEGATION_OPENS = "不没未无非缺欠难滞短障乏薄低有亟尚仍孤壁接各两碎下停拖流迟缓萎恶弱偏过较很太度性存出"
NEGATION = opening_with(
    _NEGATION_OPENS,
    r"不(?!断|仅|但|同(?!步)|少|久|停|论|管|一|外|再)|没|未(?!来)|无(?!论)|非(?!常|遗|物质|公有|现场)|缺|欠|难(?!题|点|度)|"
    r"滞后|短板|障碍|乏力|薄弱|低效|有待|亟待|亟需|尚需|仍需|孤岛|壁垒|接不住|各自为政|两张皮|碎片化|"
    # Decline and failure said without a negation word (投资增速下滑, 评估整改流于形式).
    r"下滑|停滞|拖累|流于形式|拖沓|迟缓|缓慢|低迷|萎缩|恶化|"
    # Weak and limited said as such (创新能力弱, 立法权限有限), not 弱势群体 or 有限公司.
    r"弱(?!势)|有限(?!公司|责任)|"
    # Low said of a measure of how well things go (效率低下, 满意度低), not 降低 or 低碳.
    r"低下|偏低|过低|较低|很低|太低|(?:度|性)低(?!于|碳|保|价|空)|"
    # A problem said to be there (认识方面有问题, 监管存在问题), not the word 问题 alone.
    r"(?<!没)有问题|存在问题|出现问题"
)
# A negation of a problem word says there is no problem (不存在短板, 办事不难, 认识没有问题): read as affirmative.
DOUBLE_NEGATIVE = re.compile(r"(?:不|没有|没|并无|无)再?(?:存在|有|会有|是)?(?:什么|任何|太大|大的)?(?:短板|障碍|孤岛|壁垒|滞后|不到位|难(?!以|于)|问题)")
# A problem said not to exist (不存在监管质量不高, 并无信息孤岛): both negations dropped.
NO_SUCH_PROBLEM = re.compile(
    r"(?:并不存在|不存在|不再存在|并无)(.{0,12}?)(?:不到位|不健全|不完善|不足|不高|不强|不够|不畅|滞后|短板|障碍|缺乏|低效|孤岛|壁垒|有待|亟待)"
)
# Saying a thing is not needed (不必压实责任) argues against it, whatever it is.
DISMISSIVE = re.compile(r"不必|无需|无须|不用|不需要|没必要|没有必要")
# How a measure (对策) opens: 要/应 …, or a verb of doing. Read on the thesaurus form.
DIRECTIVE = re.compile(
    r"^(?:要|应|应当|应该|需要|必须|务必|着力|注重|切实|进一步|持续|大力|积极|全面|加快|坚持|加强|推进|健全|提高|"
    r"建立|构建|打造|创新|落实|优化|做好|抓好|规范|打破|破除|消除|解决|整治|清除|杜绝|防止|避免|减少|降低|简化|精简|"
    r"压缩|压实|鼓励|引导|支持|发挥|树立|转变|明确|严格|严肃|实施|实行|开展|搭建|整合|统筹|保障|确保|以)"
)


# Words that say how things stand rather than what is spoken of; left out of a clause's topic.
_GENERIC = re.compile(r"存在|问题|现象|情况|方面|比较|相对|仍然|仍是|仍|还|较为|较|一定程度|等|的|了|是|和|与|及|到位")


# A problem said to be solved (历史遗留问题已经全部解决, 数据壁垒被打通): the problem is gone.
RESOLVED = opening_with("已得全彻基均被", r"(?:已经|已|得到|全部|彻底|基本|均|被)+(?:被|得到|全部|彻底)?(?:解决|消除|破除|根除|扭转|转变|补齐|化解|打通|畅通|打破|突破|清除)")
# 重X轻Y: one thing done at the cost of another (重政策制定轻政策落实), a problem.
WEIGHED_WRONG = re.compile(r"重(?!视|要|大|点|新|复|建|庆|于|在|申|组)[\u4e00-\u9fff]{1,6}轻(?!松|易|微|重)")


# Any word that can make a statement negative: most forms have none, and are read in one search.
_ANY_NEGATIVE = opening_with(_NEGATION_OPENS + "重", f"{NEGATION.pattern}|{WEIGHED_WRONG.pattern}")


# A negator opening a clause speaks of all of it (没有部分干部“官本位”思想严重, 没有不同步), not
# only of the words just after it; 未来, 无论 are not negators.
OPENING_NEGATOR = re.compile(r"(?:并|也|都|还|尚|从来|从)?(?:没有|没|未曾|未能|未|不存在|不再存在|并无|毫无)(?!来|论)")
NEGATOR_OPENS = frozenset("并也都还尚从没未不毫")  # the characters it can start with, tried first
# … unless what it negates is solving (没有解决审批难, 未能有效破除壁垒): then the problem stands.
UNSOLVED = re.compile(r"(?:能够|能|曾)?(?:有效|彻底|真正|及时|切实|很好|从根本上|根本上|根本)?地?(?:解决|改变|扭转|消除|破除|根治|克服|改善|缓解|突破|打通|补齐|化解|根除)")


_NO_PROBLEM = re.compile(r"(?:什么|任何|太大|大的|多大)?(?:的)?问题")
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])[不没]\1")


def is_negative(form: str) -> bool:
    """Whether a (thesaurus) form states a lack, a failure or a problem (and not that it was solved).

    A form opening with a negator says there is none of what follows: negative, unless what
    follows is itself a problem (没有不同步: none) and not an unsolved one (没有解决审批难)."""
    if not _ANY_NEGATIVE.search(form):
        return False
    if _A_NOT_A.search(form):
        form = _A_NOT_A.sub(r"\1", form)  # 好不好, 有没有: a question, not a negation
        if not _ANY_NEGATIVE.search(form):
            return False
    opening = OPENING_NEGATOR.match(form) if form[:1] in NEGATOR_OPENS else None
    if opening and opening.end() < len(form):
        rest = form[opening.end() :]
        if _NO_PROBLEM.fullmatch(rest):
            return False  # 没有问题, 不存在什么问题: none
        return bool(UNSOLVED.match(rest)) or not is_negative(rest)
    # (Each is searched for before it is replaced: most forms hold neither, and a search is quicker.)
    cleared = NO_SUCH_PROBLEM.sub(r"\1", form) if NO_SUCH_PROBLEM.search(form) else form
    cleared = DOUBLE_NEGATIVE.sub("", cleared) if DOUBLE_NEGATIVE.search(cleared) else cleared
    if cleared != form and not (NEGATION.search(cleared) or WEIGHED_WRONG.search(form)):
        return False
    return not RESOLVED.search(form)


def stance(form: str) -> tuple[bool, str]:
    """Whether a form is negative, and whether it proposes a measure or states a problem."""
    negative = is_negative(form)
    return negative, _mode(DIRECTIVE.match(form), negative)


def mode_of(form: str) -> str:
    """`stance(form)[1]`, reading the negation only when the opening leaves the mode open."""
    opening = DIRECTIVE.match(form)
    if opening and opening.group() != "以":
        return "directive"
    return _mode(opening, is_negative(form))


def _mode(opening: re.Match | None, negative: bool) -> str:
    """The mode of a form from how it opens (`DIRECTIVE`) and whether it is negative."""
    # 以…尚未健全 states a problem: 以 opens a measure only when what follows is not one.
    if opening and not (negative and opening.group() == "以"):
        return "directive"
    return "problem" if negative else "plain"


def topic_of(form: str, sound: str) -> tuple[str, str]:
    """The characters of a clause that are not stance or generic words (and their sounds)."""
    keep = [True] * len(form)
    for pattern in (DIRECTIVE, NEGATION, _GENERIC):
        for m in pattern.finditer(form):
            keep[m.start() : m.end()] = [False] * (m.end() - m.start())
    return "".join(c for c, k in zip(form, keep) if k), "".join(c for c, k in zip(sound, keep) if k)


# How much there is: a point that says much (历史欠账较多, 审批要件多) is not stated by the same
# words saying little (历史欠账很少). A lone 多 / 大 counts only where the point ends with it
# (大力推进 says nothing of amounts).
MUCH = re.compile(r"较多|很多|过多|繁多|众多|较大|很大|过大|偏高|过高|较高|严重|突出|频发|频繁")
MUCH_AT_END = re.compile(r"(?:较多|很多|过多|繁多|众多|较大|很大|过大|偏高|过高|较高|严重|突出|频发|频繁|多|大)$")
LITTLE = re.compile(r"很少|较少|极少|少|很小|较小|极小|小|轻微|罕见|绝迹")


class Reading(Protocol):
    """What stance reads of a stretch of the answer once: its words, its mode and whether it
    says a thing is not needed (`DISMISSIVE`); whether it is negative is read where it is
    matched."""

    form: str
    mode: str
    dismissive: bool


class PointReading(Reading, Protocol):
    """… and of a key point clause: whether it is negative and whether it says there is much
    of something (`says_much`)."""

    negative: bool
    much: bool


def says_much(form: str) -> bool:
    """Whether a point says there is much of something (历史欠账较多, 审批要件多)."""
    return bool(MUCH.search(form) or MUCH_AT_END.search(form))


def stance_factor(point: PointReading, stated: str, stated_negative: bool, window: Reading) -> float:
    """How much of a match's similarity stands once stance is read: 0 when the answer says
    the opposite (`stated`, the matched words and their neighbours, differs in negation —
    `stated_negative`, as the caller read it clause by clause; or it dismisses the point:
    不必压实责任), the wrong 题型 and a bare keyword scaled down."""
    if point.negative != stated_negative:
        return 0.0
    if point.much and LITTLE.search(stated) and not MUCH.search(stated):
        return 0.0  # as little as the point says there is much
    if window.dismissive and not point.dismissive:
        return 0.0
    point_mode = point.mode
    if point_mode == "plain":
        return 1.0  # neither the wrong 题型 nor a bare keyword: the window's mode need not be read
    window_mode = window.mode
    if point_mode != window_mode and {point_mode, window_mode} == {"directive", "problem"}:
        return tuning.CLASH_FACTOR
    if point_mode == "directive" and window_mode == "plain" and len(window.form) < len(point.form):
        # 政治监督 for 要强化政治监督: the words without the measure are a bare keyword.
        return tuning.BARE_FACTOR
    return 1.0
