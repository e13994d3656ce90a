"""Which candidate answers: the checks each must pass, the candidates tried below a best that fails them, a
district's own figure over the province's, and the sentence quoted with the one after it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.answer.asked import asked_failure, bare_measure_failure, states_count_asked
from index.answer.candidates import Candidate, Scoring
from index.answer.checks import first_failure
from index.answer.documents import ordinal_failure
from index.answer.failure import Failure
from index.answer.features import holds_answer, names_place
from index.answer.instances import instance_failure
from index.answer.levels import OF_PROVINCE_RE
from index.answer.naming import names_in
from index.answer.tense import only_goal
from index.retrieval.coverage import bulletin_has, numeral_forms, plenum_terms, text_terms
from index.retrieval.query import pair_terms
from index.store.snapshot import Index
from index.targets.lookup import says_goal
from index.terms.sentences import sentence_spans
from index.text import folded_text

CHECKED = 12  # candidates tried against the checks before declining
_NEXT_CUES = frozenset({"who", "docno", "number", "date", "place"})
# Failures after which a lower-ranked sentence is often right: one naming the place, the kind of document, the
# measure or the unit asked ("tỷ lệ ... bao nhiêu phần trăm": a count above, the share below), the year
# itself rather than a span holding it ("giai đoạn 2021-2024" above, "năm 2024" below), or the titles of the
# person asked ("Đồng chí Đỗ Thanh Bình chỉ đạo ..." above, "Đỗ Thanh Bình - Ủy viên Trung ương Đảng" below).
_LOOK_FURTHER = frozenset({"place", "district", "document", "measure", "unit", "period", "post"})
# Failures after which the next sentence of the same paragraph may state the fact in the measure, unit or kind
# of document asked ("... đã ban hành kế hoạch thực hiện ... Kế hoạch mang số 86-KH/TĐTN"); tried after a year
# failure too: an out-of-corpus question was answered on validate.
_STATED_NEXT = frozenset({"measure", "unit", "document"})
# The province asked and only the country's or the region's figure found: the province's own is often further down.
_PROVINCE_ASKED = Failure("scope", "tỉnh")
# Only a district's found (local_failure): the province's total is looked for in that bulletin only (anywhere, it
# answered more of other bulletins' questions when each bulletin stood alone: docs/retrieval-lessons.md §40).
_DISTRICT_FOUND = Failure("scope", "toàn tỉnh")
# Near-ties only: wider margins answered no more questions right and more of them wrong (blind tune split).
FALLBACK_MARGIN = 0.05


def _mismatches(s: Scoring, candidate: Candidate) -> tuple[str, ...]:
    """What the question names that the answering bulletin never states: a numbered resolution
    ("Trung ương 8" when it speaks of 6), or the province asked about (its figures are another's)."""
    number = int(s.index.para_bulletin[candidate.paragraph])
    bulletin = s.bulletin(number)
    named = [n for n in s.query.identifiers if n not in s.query.plenums]
    numbers = tuple(  # a term in the user's words: "khóa 14" ("khóa XIV" typed)
        n.replace("khoa ", "khóa ", 1) for n in named
        if n not in bulletin.folded and not bulletin_has(s.index, number, numeral_forms(n))
    )
    plenums = tuple(f"Trung ương {n}" for n in s.query.plenums  # named in a paragraph or in the title
                    if not bulletin_has(s.index, number, plenum_terms(n))
                    and not bulletin.bigrams & set(plenum_terms(n)))
    provinces = tuple(p for p in s.query.provinces if p != s.lexicon.home and p not in bulletin.bigrams)
    return numbers + plenums + provinces


def _place_failure(s: Scoring, sentence: str, following: str) -> Failure | None:
    """"Huyện nào ... dẫn đầu" asks for a place: a sentence naming none but those the question names (the province's
    total), with no next sentence naming one, does not answer."""
    if "place" not in s.query.cues:
        return None
    others = s.lexicon.local_names - set(s.query.places)  # by name alone: "Giồng Riềng là địa phương dẫn đầu"
    if any(names_place(s.query, text) or names_in(text, others) for text in (sentence, following)):
        return None
    return Failure("measure", "địa phương")


def _context(index: Index, paragraph: int) -> str:
    return f"{index.paragraphs[paragraph]} {index.bulletin_of(paragraph).title}"


def failure_of(s: Scoring, candidate: Candidate) -> Failure | None:
    """The first check the candidate fails (a name the bulletin lacks, the year, level, place, unit, post, what
    is asked, the facility), or None; each span checked once per question."""
    key = (candidate.paragraph, candidate.start, candidate.end)
    if key not in s.failures:
        s.failures[key] = _failure(s, candidate)
    return s.failures[key]


def _failure(s: Scoring, candidate: Candidate) -> Failure | None:
    missing = _mismatches(s, candidate)
    if missing:
        return Failure("name", ", ".join(missing))
    text = s.index.paragraphs[candidate.paragraph]
    sentence = text[candidate.start : candidate.end]
    # The sentence after may state the number of the document or the place asked (then quoted with it: with_next).
    after = text[slice(*_next_sentence(text, candidate.end))] if s.query.cues & {"docno", "place"} else ""
    following = after if "docno" in s.query.cues else ""
    return (first_failure(s.query, s.lexicon, s.index, candidate.paragraph, (candidate.start, candidate.end))
            or ordinal_failure(s.query, sentence)
            or _place_failure(s, sentence, after)
            or asked_failure(s.query, sentence, following)
            or bare_measure_failure(s.query, sentence, _context(s.index, candidate.paragraph))
            or instance_failure(s.index, s.query.asked, sentence, _context(s.index, candidate.paragraph)))


def choose(s: Scoring, ranked: list[Candidate]) -> tuple[Candidate | None, Failure | None]:
    """The best candidate that passes the checks (issue: try the next candidates before declining),
    and why the best one failed."""
    first: Failure | None = None
    for candidate in ranked[:CHECKED]:
        # A sentence without the place asked about may be followed by one about it ("Phú Quốc được định
        # hướng..."); other failures are mostly followed by wrong answers, so only near-ties are tried.
        far = candidate.score < ranked[0].score - FALLBACK_MARGIN
        if first is not None and not _looks_further(first) and far and not _goal_further(s, first, candidate):
            if first != _DISTRICT_FOUND:
                break
            if s.index.para_bulletin[candidate.paragraph] != s.index.para_bulletin[ranked[0].paragraph]:
                continue
        failure = failure_of(s, candidate)
        if failure is None:
            return _district_own(s, ranked, candidate), first
        if first is None and failure.kind in _STATED_NEXT and (joined := _continued(s, candidate)) is not None:
            return joined, failure
        first = first or failure
    return None, first


# A district's own figure is preferred only over a near-tie (tried up to 0.3: one right answer fewer on validate).
DISTRICT_MARGIN = 0.1


def _district_own(s: Scoring, ranked: list[Candidate], chosen: Candidate) -> Candidate:
    """For a question on a district ("Huyện An Minh đã nạo vét bao nhiêu tuyến kênh?"), a sentence just below
    the chosen one that names the district and passes the checks, when the chosen one speaks for the whole
    province ("... toàn tỉnh đã nạo vét 418 tuyến kênh") and does not name it. (Failing the province's figure
    outright lost right answers on validate three times: docs/retrieval-lessons.md §21, §23, §25.)"""
    districts = s.local
    chosen_text = folded_text(_text(s.index, chosen))  # "toàn tỉnh đã nạo vét", "tuyến đường đô thị trong tỉnh"
    if not districts or not OF_PROVINCE_RE.search(chosen_text) or any(d in chosen_text for d in districts):
        return chosen
    for candidate in ranked[ranked.index(chosen) + 1 : CHECKED]:  # those above it failed the checks
        if candidate.score < chosen.score - DISTRICT_MARGIN:
            break
        text = folded_text(_text(s.index, candidate))
        if (any(d in text for d in districts) and not OF_PROVINCE_RE.search(text)
                and failure_of(s, candidate) is None):
            return candidate
    return chosen


def _text(index: Index, candidate: Candidate) -> str:
    return index.paragraphs[candidate.paragraph][candidate.start : candidate.end]


def _looks_further(failure: Failure) -> bool:
    """Whether a lower-ranked sentence is worth trying after the best failed so (see _LOOK_FURTHER): also after
    a figure for only the country or the region when the province's was asked, its own figure often being
    further down ("Theo Ủy ban Trung ương ..., toàn quốc khoảng 82%" above "... của tỉnh đạt 90,3%"). Not the
    other way round: below a province's figure, a national question found other national figures (validate)."""
    return failure.kind in _LOOK_FURTHER or failure == _PROVINCE_ASKED


def _goal_further(s: Scoring, first: Failure, candidate: Candidate) -> bool:
    """A goal asked for a year ("Huyện phấn đấu năm 2025 tỷ lệ ... đạt bao nhiêu?"), after the best sentence gave
    another year's figure: a goal further down is worth trying (the figures achieved usually come before the
    targets in a report)."""
    return first.kind == "year" and says_goal(s.query) and only_goal(_text(s.index, candidate))


def _continued(s: Scoring, top: Candidate) -> Candidate | None:
    """The best sentence with the one after it, when the best names the fact but not in the measure, unit or
    kind of document asked and the next one goes on about it (sharing a pair of words of the question, or opening
    on the same word), and states it
    ("Công ty ... vừa đưa vào vận hành dây chuyền ... Dây chuyền có công suất 9.000 tấn thành phẩm/năm")."""
    text = s.index.paragraphs[top.paragraph]
    start, end = _next_sentence(text, top.end)
    asked = set(pair_terms(s.query.terms, "folded"))
    shared = asked & text_terms(text[top.start : top.end]).bigrams & text_terms(text[start:end]).bigrams
    goes_on = shared or _repeats_head(s, text[top.start : top.end], text[start:end]) or _REFERS_BACK_RE.search(
        text[start:end])
    return _joined(s, top, start, end) if goes_on else None


# A sentence that refers back to a person of the one before ("... một nông dân 67 tuổi ở xã Hòa Hưng ... Chỉ sau vài
# giờ, tài khoản ngân hàng của ông bị rút sạch 820 triệu đồng"; not "ông Trần Văn An", someone new) or to a thing
# ("Dự án này"; not "trong đó", which went on to unrelated sentences: docs/retrieval-lessons.md §39).
_REFERS_BACK_RE = re.compile(r"\b(?:ông|bà|họ)\b(?!\s+[A-ZĐÂ-Ỹ])|\b\w+ này\b")


def _repeats_head(s: Scoring, sentence: str, following: str) -> bool:
    """The next sentence opens on the word the sentence opens on, a word of the question: it goes on about the same
    thing ("Giải Việt dã ... để lại nhiều dấu ấn. Giải diễn ra ngày 13/10/2024 với 1.150 vận động viên")."""
    head = _first_word(following)
    return bool(head) and head == _first_word(sentence) and head in {t.folded for t in s.query.terms}


def _first_word(text: str) -> str:
    """The text's first word, folded and lower case ("" for none)."""
    words = text.split(maxsplit=1)
    return folded_text(words[0]).lower() if words else ""


def _next_sentence(text: str, after: int) -> tuple[int, int]:
    """The span of the first sentence of the paragraph text that starts at or after `after`; (0, 0): none."""
    return next(((a, b) for a, b in sentence_spans(text) if a >= after), (0, 0))


def _joined(s: Scoring, best: Candidate, start: int, end: int) -> Candidate | None:
    """The best sentence quoted with the next one, [start, end) of its paragraph, when that one holds what is
    asked and passes the checks."""
    text = s.index.paragraphs[best.paragraph]
    if end <= start or not holds_answer(s.query, text[start:end]):
        return None
    return None if failure_of(s, replace(best, start=start, end=end)) is not None else replace(best, end=end)


def with_next(s: Scoring, best: Candidate) -> Candidate:
    """When the sentence names the fact but not what is asked (who, which document, how many), and the
    next sentence of its paragraph holds it, quote both, in order ("... ban hành kế hoạch ... Kế
    hoạch này mang số 142-KH/TU")."""
    text = s.index.paragraphs[best.paragraph]
    if not s.query.cues & _NEXT_CUES:
        return best
    if holds_answer(s.query, text[best.start : best.end]):
        return _counted_next(s, best) or best
    return _joined(s, best, *_next_sentence(text, best.end)) or best


def _counted_next(s: Scoring, best: Candidate) -> Candidate | None:
    """The best sentence with the next one when only the next counts the thing asked: "... triển khai chiến dịch tiêm
    ... cho trẻ từ 1 đến 5 tuổi" holds figures, "Kết quả, đã tiêm 41.260 mũi" the number of shots asked."""
    text = s.index.paragraphs[best.paragraph]
    start, end = _next_sentence(text, best.end)
    if end <= start or states_count_asked(s.query, text[best.start : best.end]) is not False:
        return None
    return _joined(s, best, start, end) if states_count_asked(s.query, text[start:end]) else None
