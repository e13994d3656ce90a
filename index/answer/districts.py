"""Checks of a district's figure against the place asked: the whole province asked and a district's figure found
(local_failure), a district asked and the province's figure found (district_failure).
"""

from __future__ import annotations

import re

from index.answer.failure import Failure
from index.answer.features import LOCAL_PLACE_RE
from index.answer.levels import ALL_OF_PROVINCE_RE, PROVINCE_ITSELF_RE, says_province, self_reference
from index.answer.naming import (
    asks_of_province,
    display,
    districts_asked,
    ends,
    figures_follow,
    home_ends,
    names_in,
    names_of,
    spans,
)
from index.answer.years import stated_figures
from index.retrieval.query import Query
from index.terms.lexicon import Lexicon
from index.text import folded_lower

# A district's or a commune's own words for itself, in its bulletin ("Toàn huyện có 1.146 đối tượng ...", "Toàn xã
# có 3.860 ha lúa gắn mã", "Trên địa bàn thành phố, ..."; not "toàn xã hội", the whole society).
_WHOLE_DISTRICT_RE = re.compile(r"\b(?:toan|ca|tren dia ban) (?:huyen|thanh pho|thi xa|thi tran|xa(?! hoi)|phuong)\b")


def _names_local(sentence: str) -> bool:
    return any(m.group(1)[:1].isupper() for m in LOCAL_PLACE_RE.finditer(sentence)) or bool(
        _WHOLE_DISTRICT_RE.search(folded_lower(sentence)))


def _district_bulletin(lexicon: Lexicon, sentence: str, title: str) -> bool:
    """A district's bulletin names its district in the title only ("Giồng Riềng: ..."): a sentence of it that
    names no place and not the province speaks for the district."""
    return (not self_reference(lexicon, sentence) and not names_in(sentence, lexicon.place_names)
            and (_names_local(title) or bool(names_of(title, lexicon.local_names)))
            and not self_reference(lexicon, title))


# A question asking which one, who, where, or the most or least of something ("huyện nào ...", "quỹ nào lớn
# nhất", "ai", "dẫn đầu", "ở đâu"): a district's figure may be the answer. An aside in brackets ("quần đảo Hải Tặc
# (TP Hà Tiên)") only locates a thing: its district does not make the figure after it the district's.
_ASKS_WHICH_RE = re.compile(r"\b(?:ai|nao|nhat|dan dau)\b|\bở đâu\b")
_ASIDE_RE = re.compile(r"\([^()]*\)")


def local_failure(query: Query, lexicon: Lexicon, sentence: str, title: str = "") -> Failure | None:
    """A figure asked for the whole province ("tỷ lệ hộ dân toàn tỉnh") is not a district's ("tỷ lệ hộ dân
    huyện Kiên Hải"), nor, for any question on the province naming no district, a figure of a district's
    bulletin that names the district only in its title, or a sentence whose every figure follows a district's name
    (_districts_figures), unless the question asks which one, who or where. (The converse, a district's question not
    answered by a figure for the whole province, was tried: it helped tune and not validate;
    docs/retrieval-lessons.md, 21.)"""
    if "number" not in query.cues and not query.percent:
        return None
    all_asked = bool(ALL_OF_PROVINCE_RE.search(folded_lower(query.text)))
    if not all_asked and (not asks_of_province(query, lexicon) or set(query.places) - lexicon.province_names):
        return None
    # Not _self_reference: a district's figure may name the home province in a body's name ("Công ty Điện
    # lực Kiên Giang cho biết tỷ lệ hộ dân huyện Kiên Hải ...").
    whole = ALL_OF_PROVINCE_RE.search(folded_lower(sentence)) or any(  # "tỉnh nhà", "tỉnh Kiên Giang", "của tỉnh."
        not after[:1].isalnum() or after.startswith(("nha", lexicon.home)) for after in says_province(sentence))
    local = ((all_asked and _names_local(sentence)) or (bool(title) and _district_bulletin(lexicon, sentence, title))
             or (not _asks_which(query.text) and not names_in(query.text, lexicon.local_names)
                 and _districts_figures(lexicon, sentence)))
    if local and not whole:
        return Failure("scope", "toàn tỉnh")
    return None


def _asks_which(question: str) -> bool:
    """Read folded, and with its accents for "ở đâu" (folded, "dau" is also the "đầu" of "đầu tư", "đầu năm")."""
    return bool(_ASKS_WHICH_RE.search(folded_lower(question)) or _ASKS_WHICH_RE.search(question.lower()))


def _districts_figures(lexicon: Lexicon, sentence: str) -> bool:
    """Every figure of the sentence follows a district's name, with no mention of the whole province between
    ("Năm 2024, huyện Giồng Riềng xây mới 14 sân bóng đá mini"): they are the districts' figures, not the
    province's. A country is a partner, not a district ("Nhật Bản tiếp nhận 892 lao động của tỉnh")."""
    outside = _ASIDE_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    folded = folded_lower(outside)
    districts = ends(folded, names_of(outside, lexicon.local_names - lexicon.country_names))
    return figures_follow(sentence, districts, home_ends(lexicon, folded))  # "toàn tỉnh" too


# The province speaking for all of itself, as the subject ("Tỉnh phấn đấu ...") or as the whole ("toàn tỉnh", "của
# tỉnh", "trong tỉnh", "tỉnh nhà"); "của tỉnh Cà Mau" matches too, and is no district's figure either.
_SPEAKS_FOR_PROVINCE_RE = re.compile(rf"^tinh\b|{PROVINCE_ITSELF_RE.pattern}")
# A district, a city or "địa phương" spoken of: the sentence may be a district's own, in a district's bulletin
# ("Năm 2024, huyện sản xuất 2.150 tấn lúa giống, đáp ứng 35% nhu cầu của tỉnh").
_DISTRICT_WORD_RE = re.compile(r"\b(?:huyen|thanh pho|thi xa|tp|dia phuong)\b")


def district_failure(query: Query, lexicon: Lexicon, sentence: str) -> Failure | None:
    """A figure asked of a district or a city ("Năm 2023 huyện Kiên Lương sản xuất bao nhiêu tấn xi măng?") is
    not one the sentence gives for the whole province ("Toàn tỉnh Kiên Giang năm 2023 sản xuất được 6,2 triệu tấn
    xi măng") without naming the place asked or any district, nor one it gives before a list of places that holds
    the one asked (_listed_after_figures). The composer looks further for the district's own (choice._LOOK_FURTHER)
    and otherwise offers the province's as the nearest fact, for another level. (Stricter forms, failing any
    sentence of the province's, lost right answers on validate: docs/retrieval-lessons.md §21, §25, §45.)"""
    if "number" not in query.cues and not query.percent:
        return None
    wanted = districts_asked(query, lexicon)
    if not wanted:
        return None
    if names_in(sentence, wanted):
        return Failure("district", display(query, wanted)) if _listed_after_figures(lexicon, sentence) else None
    folded = folded_lower(sentence).strip()
    if _SPEAKS_FOR_PROVINCE_RE.search(folded) and not _DISTRICT_WORD_RE.search(folded):
        return Failure("district", display(query, wanted))
    return None


# Places of a list: "Châu Thành, Tân Hiệp và Hòn Đất", "huyện An Biên, huyện An Minh".
_LIST_JOIN_RE = re.compile(r"^,? (?:va )?(?:(?:huyen|thanh pho|tp\.?|thi xa) )?$")


def _listed_after_figures(lexicon: Lexicon, sentence: str) -> bool:
    """The places the sentence names (the one asked among them) make one list after every figure ("... dự kiến chuyển
    mục đích 735 ha, tập trung tại các huyện Châu Thành, Tân Hiệp và Hòn Đất"): the figure is all of theirs."""
    folded = folded_lower(sentence)
    places = spans(folded, lexicon.local_names)
    figures = [m.start() for m in stated_figures(sentence)]
    if len(places) < 2 or not figures or max(figures) > places[0][0]:
        return False
    return all(_LIST_JOIN_RE.match(folded[a[1] : b[0]]) for a, b in zip(places, places[1:]))
