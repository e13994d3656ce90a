"""Checks a candidate sentence must pass to answer: the year and the period (dating.py, periods.py), the level
(country, region, province: read in levels.py), the province and the places the question names, the post asked.
A sentence that fails one is not quoted: the composer tries the next candidate, and says "no answer" (naming what
it could not find) when none passes.
"""

from __future__ import annotations

import functools
import re

from index.answer.dating import dated_failure
from index.answer.failure import Failure
from index.answer.features import LOCAL_PLACE_RE
from index.answer.levels import (
    ALL_OF_PROVINCE_RE,
    PROVINCE_ITSELF_RE,
    asked_level,
    level,
    levels,
    says_province,
    self_reference,
)
from index.answer.periods import part_year_failure, unreported_failure, whole_year_failure
from index.answer.roles import asked_post, person_post_failure, post_fit
from index.answer.units import unit_failure
from index.answer.years import event_failure, span_failure, stated_figures
from index.retrieval.query import Query
from index.store.snapshot import BulletinRecord, Index
from index.terms.lexicon import Lexicon
from index.text import folded_lower, has_diacritics


def scope_failure(query: Query, lexicon: Lexicon, sentence: str) -> Failure | None:
    """For a question that asks for a figure: a national question wants a national figure, and a
    question on the province is not answered by a figure for only the country or the region."""
    if "number" not in query.cues and not query.percent:
        return None
    asked = asked_level(query, lexicon)
    if asked:  # any mention of the level asked, in a frame too: "của vùng ĐBSCL đạt ..., trong khi cả nước đạt ..."
        stated = levels(folded_lower(sentence))
        return None if asked in stated else Failure("scope", "cả nước" if asked == "national" else "cả vùng")
    if level(sentence) and not self_reference(lexicon, sentence) and not names_in(sentence, set(query.places)):
        return Failure("scope", "tỉnh")
    return None


def names_in(text: str, names: frozenset[str] | set[str]) -> set[str]:
    """The (folded) names that stand as whole words in the text; in a text written with accents, capitalised as a
    name is ("đánh giá lại" folds to "danh gia lai": no Gia Lai)."""
    folded = folded_lower(text)
    cased = has_diacritics(text) and len(folded) == len(text)
    return {name for name in names if name in folded and any(
        not cased or text[m.start()].isupper() for m in re.finditer(rf"\b{re.escape(name)}\b", folded))}


def _provinces(lexicon: Lexicon, text: str) -> set[str]:
    return set(_names_of(text, lexicon.province_names))


@functools.lru_cache(maxsize=4096)  # a sentence or title is read for provinces by several checks
def _names_of(text: str, names: frozenset[str]) -> frozenset[str]:
    return frozenset(names_in(text, names))


def province_failure(query: Query, lexicon: Lexicon, sentence: str, title: str, home_by_default: bool = False,
                     ) -> Failure | None:
    """The province asked about must be the one the sentence speaks of: named in it, or, when it names none,
    in the bulletin's title. The home province is asked about when the question says so ("Kiên Giang",
    "tỉnh"), or, with `home_by_default` (a list of targets, suggestions), when it names no other."""
    others = {p for p in query.provinces if p != lexicon.home}
    if others:
        # A sentence naming no province speaks for its bulletin: one whose title is about that province.
        titled = _provinces(lexicon, title)
        named = _provinces(lexicon, sentence) or (titled if lexicon.home not in titled else set())
        return None if others & named else Failure("place", _display(query, others))
    named = _provinces(lexicon, sentence) or _provinces(lexicon, title)
    asks_figure = "number" in query.cues or query.percent
    if asked_level(query, lexicon):  # a national question is answered by the country's figure, wherever said
        return None
    if not home_by_default and not _asks_of_province(query, lexicon):
        return None
    if asks_figure and named and lexicon.home not in named and not self_reference(lexicon, sentence):
        return Failure("place", lexicon.home)
    if asks_figure and len(named) > 1 and _figures_of_others(lexicon, sentence):
        return Failure("place", lexicon.home)
    return None


def _figures_of_others(lexicon: Lexicon, sentence: str) -> bool:
    """Every figure of a sentence naming the home province beside another comes after that other one, with no
    mention of the home between ("So với tỉnh bạn An Giang, nơi Tỉnh đoàn hỗ trợ 175 dự án khởi nghiệp, số dự án
    của Kiên Giang vẫn còn khiêm tốn"): they are the other province's."""
    folded = folded_lower(sentence)
    home = _ends(folded, {lexicon.home}) + [m.end() for m in PROVINCE_ITSELF_RE.finditer(folded)]
    return _figures_follow(sentence, _ends(folded, _provinces(lexicon, sentence) - {lexicon.home}), home)


def _spans(folded: str, names: set[str] | frozenset[str]) -> list[tuple[int, int]]:
    """Where each name stands as whole words in the folded text, in order."""
    return sorted(m.span() for name in names for m in re.finditer(rf"\b{re.escape(name)}\b", folded))


def _ends(folded: str, names: set[str] | frozenset[str]) -> list[int]:
    return [end for _, end in _spans(folded, names)]


def _districts_asked(query: Query, lexicon: Lexicon) -> set[str]:
    """The places the question names that are not provinces: districts, cities (folded)."""
    return {p for p in query.places if p not in lexicon.province_names}


def _figures_follow(sentence: str, others: list[int], wanted: list[int]) -> bool:
    """Every figure of the sentence comes after a name at one of `others` (end offsets), with none at `wanted`
    between."""
    figures = [m.start() for m in stated_figures(sentence)]
    if not figures or not others:
        return False
    return all(max((o for o in others if o <= at), default=-1) > max((w for w in wanted if w <= at), default=-1)
               for at in figures)


def _asks_of_province(query: Query, lexicon: Lexicon) -> bool:
    """The question speaks of the home province: by name ("Kiên Giang", "KG") or as "tỉnh" ("của tỉnh", "tỉnh
    mình"). One that names neither asks of its subject ("Cửa khẩu Tịnh Biên thông quan bao nhiêu lượt người?")
    wherever the bulletin is."""
    return lexicon.home in query.provinces or bool(says_province(query.text))


def place_failure(query: Query, lexicon: Lexicon, sentence: str, context: str) -> Failure | None:
    """Every other place the question names (a district, a city) must appear in the sentence, its
    paragraph or its title: "Giồng Riềng" is not answered by a sentence about Tân Hiệp. A sentence that
    names other places of that kind but not the one asked speaks of them ("Bí thư Huyện ủy An Minh" does
    not answer who leads An Biên, in a bulletin about both)."""
    wanted = _districts_asked(query, lexicon)
    missing = wanted - names_in(context, wanted)
    others = names_in(sentence, lexicon.local_names - wanted) if wanted and not missing else set()
    if not missing and wanted and not names_in(sentence, wanted):
        missing = wanted if others else set()
    if not missing and wanted and ("number" in query.cues or query.percent):
        # "... của đội tàu Phú Quốc đạt 61.500 tấn, phần còn lại được thu mua từ huyện Kiên Hải": Phú Quốc's.
        folded = folded_lower(sentence)
        if _figures_follow(sentence, _ends(folded, others), _ends(folded, wanted)):
            missing = wanted
    return Failure("place", _display(query, missing)) if missing else None


def preceding_place_failure(query: Query, lexicon: Lexicon, sentence: str, preceding: str) -> Failure | None:
    """A figure is a district's only when the sentence or what comes before it (`preceding`: its paragraph so far
    and the title) names the district: a sentence takes its place from what precedes it ("... các cấp hội vận
    động được 68,4 tỷ đồng. Trong đó, ... TP Phú Quốc đứng thứ hai với 5,8 tỷ đồng": the first is the province's).
    A country asked is a partner, not a scope, and may be named anywhere ("người dân nghèo phía bạn"). It runs after
    district_failure, whose failure offers the province's figure as the nearest fact for a district with none."""
    if "number" not in query.cues and not query.percent:
        return None
    scopes = _districts_asked(query, lexicon) - lexicon.country_names
    missing = scopes - names_in(f"{sentence} {preceding}", scopes)
    return Failure("place", _display(query, missing)) if missing else None


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
            and (_names_local(title) or bool(_names_of(title, lexicon.local_names)))
            and not self_reference(lexicon, title))


def local_failure(query: Query, lexicon: Lexicon, sentence: str, title: str = "") -> Failure | None:
    """A figure asked for the whole province ("tỷ lệ hộ dân toàn tỉnh") is not a district's ("tỷ lệ hộ dân
    huyện Kiên Hải"), nor, for any question on the province naming no district, a figure of a district's
    bulletin that names the district only in its title. (The converse, a district's question not answered by a
    figure for the whole province, was tried: it helped tune and not validate; docs/retrieval-lessons.md, 21.)"""
    if "number" not in query.cues and not query.percent:
        return None
    all_asked = bool(ALL_OF_PROVINCE_RE.search(folded_lower(query.text)))
    if not all_asked and (not _asks_of_province(query, lexicon) or set(query.places) - lexicon.province_names):
        return None
    # Not _self_reference: a district's figure may name the home province in a body's name ("Công ty Điện
    # lực Kiên Giang cho biết tỷ lệ hộ dân huyện Kiên Hải ...").
    whole = ALL_OF_PROVINCE_RE.search(folded_lower(sentence)) or any(  # "tỉnh nhà", "tỉnh Kiên Giang", "của tỉnh."
        not after[:1].isalnum() or after.startswith(("nha", lexicon.home)) for after in says_province(sentence))
    local = (all_asked and _names_local(sentence)) or (bool(title) and _district_bulletin(lexicon, sentence, title))
    if local and not whole:
        return Failure("scope", "toàn tỉnh")
    return None


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
    wanted = _districts_asked(query, lexicon)
    if not wanted:
        return None
    if names_in(sentence, wanted):
        return Failure("district", _display(query, wanted)) if _listed_after_figures(lexicon, sentence) else None
    folded = folded_lower(sentence).strip()
    if _SPEAKS_FOR_PROVINCE_RE.search(folded) and not _DISTRICT_WORD_RE.search(folded):
        return Failure("district", _display(query, wanted))
    return None


# Places of a list: "Châu Thành, Tân Hiệp và Hòn Đất", "huyện An Biên, huyện An Minh".
_LIST_JOIN_RE = re.compile(r"^,? (?:va )?(?:(?:huyen|thanh pho|tp\.?|thi xa) )?$")


def _listed_after_figures(lexicon: Lexicon, sentence: str) -> bool:
    """The places the sentence names (the one asked among them) make one list after every figure ("... dự kiến chuyển
    mục đích 735 ha, tập trung tại các huyện Châu Thành, Tân Hiệp và Hòn Đất"): the figure is all of theirs."""
    folded = folded_lower(sentence)
    spans = _spans(folded, lexicon.local_names)
    figures = [m.start() for m in stated_figures(sentence)]
    if len(spans) < 2 or not figures or max(figures) > spans[0][0]:
        return False
    return all(_LIST_JOIN_RE.match(folded[a[1] : b[0]]) for a, b in zip(spans, spans[1:]))


def post_failure(query: Query, lexicon: Lexicon, sentence: str) -> Failure | None:
    """A "who" question is not answered by a sentence that holds the post asked only at the other rank
    ("Phó Giám đốc" for "Giám đốc") or names no one holding it, nor, when it names a person, by a sentence
    naming that person without their title (roles.person_post_failure)."""
    post = asked_post(query, lexicon)
    if post is not None and post_fit(post, sentence, lexicon) < 0:
        return Failure("post", post.head)
    person = person_post_failure(query, lexicon, sentence)
    return Failure("post", person) if person is not None else None


def _display(query: Query, folded_names: set[str]) -> str:
    """The names as the user typed them, when the question holds them."""
    text = query.text
    folded_text = folded_lower(text)
    out = []
    for name in sorted(folded_names):
        at = folded_text.find(name)
        out.append(text[at : at + len(name)] if at >= 0 else name)
    return ", ".join(out)


def _bulletin_text(index: Index, record: BulletinRecord) -> str:
    return " ".join(index.paragraphs[p] for p in record.paragraph_ids)


def first_failure(
    query: Query, lexicon: Lexicon, index: Index, paragraph: int, span: tuple[int, int]
) -> Failure | None:
    """The first check the sentence [start, end) of the paragraph fails, or None."""
    text = index.paragraphs[paragraph]
    record = index.bulletin_of(paragraph)
    sentence = text[span[0] : span[1]]
    published = record.published.year if record.published else None
    districts = set(query.places) & lexicon.local_names  # most questions name none: the sentence is not read then
    local = bool(districts) and bool(names_in(sentence, districts))
    return (
        dated_failure(query, index, paragraph, span, local)
        or event_failure(query, published, record.title)
        or span_failure(query, sentence, text[: span[0]], record.title, lambda: _bulletin_text(index, record))
        or whole_year_failure(query, sentence, text[: span[0]], record.title)
        or part_year_failure(query, sentence, text[: span[0]], record.title, published)
        or unreported_failure(query, sentence, record.published)
        or scope_failure(query, lexicon, sentence)
        or unit_failure(query, sentence)
        or province_failure(query, lexicon, sentence, record.title)
        or place_failure(query, lexicon, sentence, f"{sentence} {text} {record.title}")
        or local_failure(query, lexicon, sentence, record.title)
        or district_failure(query, lexicon, sentence)
        or preceding_place_failure(query, lexicon, sentence, f"{text[: span[0]]} {record.title}")
        or post_failure(query, lexicon, sentence)
    )
