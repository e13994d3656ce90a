"""What was done and what is planned: whether a question asks about the present or about what was achieved, and
whether a sentence states a result or only a goal or a plan."""

from __future__ import annotations

import functools
import re

from index.retrieval.query import Query
from index.terms.lexicon import folded_words

# What the question asks about the present ("hiện có", "đến nay"), and sentences that state a goal or a plan
# rather than what is (general Vietnamese, not fitted to a question: "phấn đấu", "mục tiêu", "dự kiến", "sẽ"; a
# demand or request, "yêu cầu đến năm 2025 toàn tỉnh có 12 tuyến" but not "chậm so với yêu cầu"; a deadline).
_NOW_RE = re.compile(r"\b(?:hien (?:co|nay|tai|dang|gio|da)|den nay|toi nay|bay gio|hien la)\b")
GOAL_RE = re.compile(
    r"\b(?:phấn đấu|mục tiêu|chỉ tiêu|dự kiến|kế hoạch|định hướng|hướng tới|đặt ra|sẽ|nhằm|đề ra|tầm nhìn"
    r"|(?<!với )yêu cầu|(?<!với )đề nghị|phải đạt|đến năm 20[2-9]\d)\b", re.I)
IS_RE = re.compile(
    r"(?:^|[,;:]\s*)hiện\b|\b(?:hiện (?:có|nay|đang|đã|mới|là)|mới có|đến nay|tới nay|đã|(?<!phải )đạt|toàn tỉnh có"
    r"|có tổng)\b", re.I)


def asks_now(query: Query) -> float:
    """1 when the question asks what is ("hiện có bao nhiêu"), 0.5 when it asks a quantity with no year
    and no goal word (what there is now, mostly), else 0."""
    if _NOW_RE.search(" ".join(folded_words(query.text))):
        return 1.0
    return 0.5 if "number" in query.cues and not query.years else 0.0


_ACTUAL_RE = re.compile(r"\b(?:thuc te|thuc dat|thuc hien duoc|da dat duoc|da hoan thanh|hoan thanh duoc)\b")


def asks_actual(query: Query) -> bool:
    """The question asks what was achieved, not what was planned: "doanh thu thực tế", "thực hiện được", "đã hoàn
    thành bao nhiêu nhiệm vụ" (not the tasks a plan set)."""
    return _asks_actual(query.text)


@functools.lru_cache(maxsize=1024)  # asked of every candidate of one question
def _asks_actual(text: str) -> bool:
    return bool(_ACTUAL_RE.search(" ".join(folded_words(text))))


# What was achieved; not a bare "đạt", which goals use too ("phấn đấu doanh thu đạt 800 tỷ đồng").
_ACHIEVED_RE = re.compile(r"\b(?:hiện (?:có|nay|đang|đã|mới)|mới có|đến nay|tới nay|đã|ước đạt|đạt được|thực hiện được"
                          r"|thực tế|toàn tỉnh có)\b", re.I)


# What was done, asked without a word of a plan: "đã giải quyết bao nhiêu", "điều tra khám phá được bao nhiêu phần
# trăm", "hiện nay là bao nhiêu" (not "phấn đấu đạt bao nhiêu", "được giao chỉ tiêu bao nhiêu", "sẽ"; nor "khi nào
# khởi công, được bao nhiêu căn", which may ask of a plan).
_DONE_ASKED_RE = re.compile(r"\b(?:hien (?:co|nay|dang|da)|den nay|toi nay|duoc bao nhieu)\b")
_PLAN_ASKED_RE = re.compile(
    r"\b(?:phan dau|muc tieu|chi tieu|du kien|ke hoach|dinh huong|huong toi|dat ra|de ra|tam nhin|yeu cau|phai"
    r"|giao|khi nao|bao gio|den nam 20[2-9]\d|nam 20(?:2[6-9]|[3-9]\d))\b")
# A plan in so many words: not "kế hoạch" or "chỉ tiêu", which reports of what was done name too ("đạt 116,8% kế
# hoạch", "vượt 23,3% chỉ tiêu").
_PLAN_RE = re.compile(r"\b(?:phấn đấu|mục tiêu|dự kiến|đặt ra|đề ra|(?<!với )yêu cầu|phải đạt|sẽ)\b", re.I)
_DONE_RE = re.compile(r"\b(?:mới đạt|vượt|tăng|giảm)\b", re.I)


def asks_done(query: Query) -> bool:
    """The question asks what was done or what is, in a word of the past or present and none of a plan."""
    return _asks_done(query.text)


@functools.lru_cache(maxsize=1024)  # asked of every candidate of one question
def _asks_done(text: str) -> bool:
    folded = " ".join(folded_words(text))
    done = _DONE_ASKED_RE.search(folded) or re.search(r"\bđã\b", text.lower())
    return bool(done) and not _PLAN_ASKED_RE.search(folded) and not re.search(r"\bsẽ\b", text.lower())


# A figure: a number that is no year and no part of a date.
_FIGURE_RE = re.compile(r"(?<![\d/.,])(?!(?:19|20)\d\d(?![\d.,]))\d+(?:[.,]\d+)*(?![\d/])")


def only_plan(sentence: str) -> bool:
    """The sentence states a plan in so many words ("phấn đấu", "mục tiêu", "phải đạt") before its first figure, and
    nothing done ("Tân Hiệp đạt 86,90 điểm ...; kết quả năm 2024 sẽ được công bố" states a result)."""
    plan, figure = _PLAN_RE.search(sentence), _FIGURE_RE.search(sentence)
    if plan is None or (figure is not None and figure.start() < plan.start()):
        return False
    return not _ACHIEVED_RE.search(sentence) and not _DONE_RE.search(sentence)


# A target named as the yardstick of a result: "vượt chỉ tiêu 90% do Bộ Y tế giao", "đạt 116,8% kế hoạch", "chưa đạt
# chỉ tiêu 7% do HĐND tỉnh đề ra".
_YARDSTICK_RE = re.compile(
    r"\b(?:vượt|hoàn thành|chưa đạt|không đạt|đạt|bằng|so với)(?: \d[\d.,]*\s?%)? (?:(?:mức|các) )?"
    r"(?:chỉ tiêu|kế hoạch|mục tiêu)(?: (?:được )?(?:giao|đề ra|đặt ra))?(?: (?:năm )?\d[\d.,]*\s?%?)?"
    r"(?: (?:do|của) [^,.;]{1,40}? (?:giao|đề ra|đặt ra))?", re.I)


def only_goal(sentence: str) -> bool:
    """The sentence states a goal or a plan and nothing achieved ("chỉ tiêu doanh thu được giao là 455 tỷ"); a target
    it measures a result against is no goal of its own."""
    if not GOAL_RE.search(sentence):  # most sentences: no target to set aside
        return False
    plain = _YARDSTICK_RE.sub(" ", sentence)
    return bool(GOAL_RE.search(plain)) and not _ACHIEVED_RE.search(plain)


def tense_fit(now: float, sentence: str) -> float:
    """For a question about the present: +now for a sentence stating what is, -now for one stating only
    a goal or a plan ("phấn đấu đến năm 2025 có 18 sản phẩm" does not say how many there are)."""
    if not now:
        return 0.0
    goal, state = bool(GOAL_RE.search(sentence)), bool(IS_RE.search(sentence))
    if goal and not state:
        return -now
    return now if state and not goal else 0.0
