"""Checks a candidate sentence must pass to answer: the year and the period (dating.py, periods.py), the level
(country, region, province: read in levels.py), the province and the places the question names (a district's
figure against the place asked: districts.py), the post asked.
A sentence that fails one is not quoted: the composer tries the next candidate, and says "no answer" (naming what
it could not find) when none passes.
"""

from __future__ import annotations

from index.answer.dating import dated_failure
from index.answer.districts import district_failure, local_failure
from index.answer.failure import Failure
from index.answer.levels import (
    asked_level,
    level,
    levels,
    self_reference,
)
from index.answer.naming import (
    asks_of_province,
    display,
    districts_asked,
    ends,
    figures_follow,
    home_ends,
    names_in,
    names_of,
)
from index.answer.periods import part_year_failure, unreported_failure, whole_year_failure
from index.answer.roles import asked_post, person_post_failure, post_fit
from index.answer.units import unit_failure
from index.answer.years import event_failure, span_failure
from index.retrieval.query import Query
from index.store.snapshot import BulletinRecord, Index
from index.terms.lexicon import Lexicon
from index.text import folded_lower


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


def _provinces(lexicon: Lexicon, text: str) -> set[str]:
    return set(names_of(text, lexicon.province_names))


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
        return None if others & named else Failure("place", display(query, others))
    named = _provinces(lexicon, sentence) or _provinces(lexicon, title)
    asks_figure = "number" in query.cues or query.percent
    if asked_level(query, lexicon):  # a national question is answered by the country's figure, wherever said
        return None
    if not home_by_default and not asks_of_province(query, lexicon):
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
    return figures_follow(sentence, ends(folded, _provinces(lexicon, sentence) - {lexicon.home}),
                          home_ends(lexicon, folded))


def place_failure(query: Query, lexicon: Lexicon, sentence: str, context: str) -> Failure | None:
    """Every other place the question names (a district, a city) must appear in the sentence, its
    paragraph or its title: "Giồng Riềng" is not answered by a sentence about Tân Hiệp. A sentence that
    names other places of that kind but not the one asked speaks of them ("Bí thư Huyện ủy An Minh" does
    not answer who leads An Biên, in a bulletin about both)."""
    wanted = districts_asked(query, lexicon)
    missing = wanted - names_in(context, wanted)
    others = names_in(sentence, lexicon.local_names - wanted) if wanted and not missing else set()
    if not missing and wanted and not names_in(sentence, wanted):
        missing = wanted if others else set()
    if not missing and wanted and ("number" in query.cues or query.percent):
        # "... của đội tàu Phú Quốc đạt 61.500 tấn, phần còn lại được thu mua từ huyện Kiên Hải": Phú Quốc's.
        folded = folded_lower(sentence)
        if figures_follow(sentence, ends(folded, others), ends(folded, wanted)):
            missing = wanted
    return Failure("place", display(query, missing)) if missing else None


def preceding_place_failure(query: Query, lexicon: Lexicon, sentence: str, preceding: str) -> Failure | None:
    """A figure is a district's only when the sentence or what comes before it (`preceding`: its paragraph so far
    and the title) names the district: a sentence takes its place from what precedes it ("... các cấp hội vận
    động được 68,4 tỷ đồng. Trong đó, ... TP Phú Quốc đứng thứ hai với 5,8 tỷ đồng": the first is the province's).
    A country asked is a partner, not a scope, and may be named anywhere ("người dân nghèo phía bạn"). It runs after
    district_failure, whose failure offers the province's figure as the nearest fact for a district with none."""
    if "number" not in query.cues and not query.percent:
        return None
    scopes = districts_asked(query, lexicon) - lexicon.country_names
    missing = scopes - names_in(f"{sentence} {preceding}", scopes)
    return Failure("place", display(query, missing)) if missing else None


def post_failure(query: Query, lexicon: Lexicon, sentence: str) -> Failure | None:
    """A "who" question is not answered by a sentence that holds the post asked only at the other rank
    ("Phó Giám đốc" for "Giám đốc") or names no one holding it, nor, when it names a person, by a sentence
    naming that person without their title (roles.person_post_failure)."""
    post = asked_post(query, lexicon)
    if post is not None and post_fit(post, sentence, lexicon) < 0:
        return Failure("post", post.head)
    person = person_post_failure(query, lexicon, sentence)
    return Failure("post", person) if person is not None else None


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
