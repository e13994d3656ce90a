"""Follow-up questions: a message read against the same person's previous question.

"còn năm 2045 thì sao?", "vậy tỷ lệ đô thị hóa?", "nguồn ở đâu?" or "nói rõ hơn" have no subject of their
own: they borrow the subject, the year or the question word of the question before. `follow_up` decides
whether a message is such a follow-up and, if so, writes out the question it stands for and what was
understood ("GRDP bình quân đầu người năm 2045"); a message with a subject of its own is a new question.
Telegram-free: the bot keeps the previous question (bot.telegram.conversation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from index.terms.lexicon import Lexicon, QuestionPhrase
from index.text import clean_input, fold

MAX_CHARS = 500
BARE_WORDS = 5  # a message this short, with no question word of its own, may be a bare indicator ("đô thị hóa?")


class Kind(StrEnum):
    ASK = "ask"  # ask the written-out question
    SOURCE = "source"  # where the previous answer comes from
    MORE = "more"  # the previous answer at length (its whole paragraph)


@dataclass(frozen=True, slots=True)
class FollowUp:
    question: str  # what to ask the composer
    topic: str  # what was understood, for "Về {topic}: ..."
    kind: Kind = Kind.ASK
    marked: bool = True  # a marker says it is a follow-up ("còn", "thì sao"); else only its shortness does


@dataclass(frozen=True, slots=True)
class _Word:
    text: str  # as typed
    folded: str  # lower case, no diacritics
    start: int
    end: int


# Folded word sequences. A word typed with diacritics must be the accented form ("còn", not "con").
_LEADS = ("vay con ve", "the con ve", "con ve", "vay con", "the con", "vay thi", "the thi", "con", "vay", "the")
_LEADS_ACCENTED = frozenset({"còn", "vậy", "thế", "thì", "về"})
# "thì sao?" asks about the previous question; "như thế nào?", "ra sao?" alone are question words of its own.
_TAILS = ("thi nhu the nao", "thi the nao", "thi ra sao", "thi sao")
_SOURCE = ("nguon o dau", "nguon dau", "nguon nao", "nguon tin", "nguon", "link", "link dau", "duong dan",
           "xem nguon", "trich tu dau", "lay tu dau", "lay o dau", "o dau ra", "ban tin nao", "bai nao")
_MORE = ("noi ro hon", "ro hon", "chi tiet hon", "cu the hon", "noi them", "giai thich them", "them chi tiet",
         "xem them", "day du hon", "doan day du", "xem doan day du", "chi tiet", "dai hon")
_POLITE = frozenset({"a", "nhe", "nha", "nhi", "di", "voi", "oi", "bot", "ad", "admin", "ban", "giup", "minh", "cho",
                     "xem", "vay", "the", "thi", "duoc", "khong"})
_FILLER = _POLITE | {"con"}
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_YEAR_LEADS = frozenset({"den", "toi", "vao", "trong", "tu"})
_ASKING_CUES = frozenset({"number", "date", "who", "where", "place", "docno", "topic", "what"})
_VERBS = frozenset({"co", "la", "dat", "duoc"})  # before a question word: "có bao nhiêu", "là bao nhiêu"
_ASKING_WORDS = frozenset({"gi", "nao", "sao", "dau", "ai", "may"})  # "nói gì" asks, though it is filler


def _words(text: str) -> tuple[str, list[_Word]]:
    clean = clean_input(text, MAX_CHARS)
    return clean, [_Word(m.group(0), fold(m.group(0)).lower(), m.start(), m.end()) for m in re.finditer(r"\w+", clean)]


def _matches(words: list[_Word], phrase: str) -> bool:
    return [w.folded for w in words] == phrase.split()


def _strip_lead(words: list[_Word]) -> tuple[list[_Word], bool]:
    for lead in _LEADS:
        size = len(lead.split())
        head = words[:size]
        if len(words) > size and _matches(head, lead) and all(_lead_word(w) for w in head):
            return words[size:], True
    return words, False


def _lead_word(word: _Word) -> bool:
    lower = word.text.lower()
    return lower == word.folded or lower in _LEADS_ACCENTED


def _strip_tail(words: list[_Word]) -> tuple[list[_Word], bool]:
    while words and words[-1].folded in _POLITE - {"the", "thi"}:
        words = words[:-1]
    for tail in _TAILS:
        size = len(tail.split())
        if len(words) > size and _matches(words[-size:], tail):
            return words[:-size], True
    return words, False


def _request(words: list[_Word]) -> Kind | None:
    """"nguồn ở đâu?", "nói rõ hơn nhé": the message asks about the previous answer itself."""
    core = [w for w in words if w.folded not in _POLITE]
    if any(_matches(core, phrase) for phrase in _SOURCE):
        return Kind.SOURCE
    return Kind.MORE if any(_matches(core, phrase) for phrase in _MORE) else None


@dataclass(frozen=True, slots=True)
class _Parts:
    """A question taken apart: what it is about, the years it names, and the words that ask."""

    subject: str
    years: tuple[str, ...]
    year_lead: str  # "đến năm", "năm" (as typed)
    asking: str  # "là bao nhiêu" (as typed), "" when none
    words: int  # of the subject


@dataclass(frozen=True, slots=True)
class _Phrase:
    words: int
    cue: str
    keep: bool
    folded: tuple[str, ...]


def _phrase_at(words: list[_Word], i: int, lexicon: Lexicon) -> _Phrase | None:
    """The longest question word or filler phrase of the lexicon at i ("là bao nhiêu", "cho mình hỏi")."""
    folded = [w.folded for w in words]
    for entry in lexicon.question_table.starting(folded, i):
        window = words[i : i + len(entry.words)]
        if all(w.text.lower() in (a, f) for w, a, f in zip(window, entry.words, entry.folded)):
            phrase: QuestionPhrase = entry.payload  # type: ignore[assignment]
            return _Phrase(len(entry.words), phrase.cue, phrase.keep, entry.folded)
    return None


def _year_at(words: list[_Word], i: int) -> int:
    """How many words from i form a year phrase ("đến năm 2030", "năm 2030", "2030"), 0 when none."""
    size = 0
    if i + size < len(words) and words[i + size].folded in _YEAR_LEADS:
        size += 1
    if i + size < len(words) and words[i + size].folded == "nam":
        size += 1
    if i + size < len(words) and _YEAR_RE.fullmatch(words[i + size].folded):
        return size + 1
    return 0


def _parts(text: str, words: list[_Word], lexicon: Lexicon) -> _Parts:
    subject: list[_Word] = []
    years: list[str] = []
    year_lead, asking = "", ""
    i = 0
    while i < len(words):
        size = _year_at(words, i)
        if size:
            years.append(words[i + size - 1].text)
            if size > 1:
                year_lead = text[words[i].start : words[i + size - 2].end]
            i += size
            continue
        phrase = _phrase_at(words, i, lexicon)
        if phrase is None or phrase.keep:
            size = phrase.words if phrase else 1
            subject += words[i : i + size]
        else:
            size = phrase.words
            if phrase.cue in _ASKING_CUES or _ASKING_WORDS & set(phrase.folded):
                asking = text[words[i].start : words[i + size - 1].end]
                if subject and subject[-1] is words[i - 1] and subject[-1].folded in _VERBS:
                    subject.pop()  # "Kiên Giang có bao nhiêu ...": the verb goes with the question word
        i += size
    subject = _place_last(subject, lexicon)
    return _Parts(_runs(text, subject), tuple(dict.fromkeys(years)), year_lead, asking, len(subject))


def _place_last(words: list[_Word], lexicon: Lexicon) -> list[_Word]:
    """"Kiên Giang ... khu công nghiệp" reads "khu công nghiệp của Kiên Giang" as a topic."""
    for size in (4, 3, 2):
        if len(words) > size and " ".join(w.folded for w in words[:size]) in lexicon.place_names:
            joint = _Word("của", "cua", -1, -1)
            return [*words[size:], joint, *words[:size]]
    return words


def _runs(text: str, words: list[_Word]) -> str:
    """The words as typed: runs of neighbouring words keep what stands between them ("KT-XH", "TP. Rạch Giá")."""
    out: list[str] = []
    for before, word in zip([None, *words], words):
        typed = before is not None and 0 <= before.end <= word.start  # not "của" put in by _place_last
        if typed and before is not None and not text[before.end : word.start].strip(" -.,/()") \
                and len(text[before.end : word.start]) <= 3:
            out[-1] += text[before.end : word.end]
        else:
            out.append(word.text)
    return " ".join(out)


def _place(subject: str, lexicon: Lexicon) -> bool:
    return " ".join(fold(subject).lower().split()) in lexicon.place_names


def _merged(now: _Parts, before: _Parts, lexicon: Lexicon) -> _Parts:
    subject = now.subject or before.subject
    lead = now.year_lead
    if before.year_lead and (not lead or fold(lead).lower() == lead.lower()):
        lead = before.year_lead  # "con nam 2045" borrows "đến năm" as the previous question wrote it
    if now.subject and _place(now.subject, lexicon) and before.subject and not _place(before.subject, lexicon):
        subject = f"{before.subject} của {now.subject}"  # "còn Phú Quốc?": the same thing, for that place
    return _Parts(
        subject, now.years or before.years, lead or ("năm" if now.years or before.years else ""),
        now.asking or before.asking, now.words or before.words,
    )


def _topic(parts: _Parts) -> str:
    years = " và ".join(parts.years)
    return " ".join(p for p in (parts.subject, parts.year_lead if years else "", years) if p)


def _question(parts: _Parts) -> str:
    return " ".join(p for p in (_topic(parts), parts.asking) if p) + "?"


def _bare(now: _Parts, before: _Parts) -> bool:
    """Without a marker, a message is a follow-up when it is only a year, or a few words with no
    question word and no year of its own, after a question that had a question word or a year."""
    if now.asking or not (before.asking or before.years):
        return False
    if now.years:
        return not now.subject
    return 0 < now.words <= BARE_WORDS and not any(ch.isdigit() for ch in now.subject)


def topic_of(question: str, lexicon: Lexicon) -> str:
    """What a question is about, without its question words ("GRDP bình quân đầu người năm 2030")."""
    text, words = _words(question)
    return _topic(_parts(text, words, lexicon))


def follow_up(previous: str, message: str, lexicon: Lexicon) -> FollowUp | None:
    """The question `message` stands for after `previous`, or None when it is a new question."""
    text, words = _words(message)
    words, lead = _strip_lead(words)
    words, tail = _strip_tail(words)
    if all(w.folded in _FILLER for w in words):
        return None  # "còn?", "vậy thì sao?": nothing to go on
    kind = _request(words)
    if kind is not None:
        return FollowUp(previous, topic_of(previous, lexicon), kind)
    now = _parts(text, words, lexicon)
    before_text, before_words = _words(previous)
    before = _parts(before_text, before_words, lexicon)
    if not (now.subject or now.years) or not (lead or tail or _bare(now, before)):
        return None
    if now.subject and not _place(now.subject, lexicon) and (now.years or now.asking and now.words > BARE_WORDS):
        return None  # a subject and a year, or a long subject and a question word: a question of its own
    merged = _merged(now, before, lexicon)
    if (merged.subject, merged.years, merged.asking) == (now.subject, now.years, now.asking):
        return None  # nothing borrowed: it asks a question of its own
    question = _for_years(before_text, before, now.years) if not now.subject else None
    return FollowUp(question or _question(merged), _topic(merged), Kind.ASK, lead or tail)


def _for_years(text: str, before: _Parts, years: tuple[str, ...]) -> str | None:
    """The previous question as it was asked, for other years ("còn năm 2045?"), when that is plain to write."""
    if len(before.years) > 1 or len(years) > 1:
        return None
    if before.years:
        return re.sub(rf"(?<!\d){before.years[0]}(?!\d)", years[0], text)
    return text.rstrip(" ?.!") + f" năm {years[0]}?"
