"""Which phrases of a message ask the question: the phrases holding a question word, what follows them to the
end of their sentence, and the clauses joined to them by commas before (not the chat around them)."""

from __future__ import annotations

import re

from index.terms.tokenize import Piece

_SENTENCE_END_RE = re.compile(r"[.?!\n]")


def with_what_follows(focus: set[int], pieces: list[Piece], text: str) -> set[int]:
    """The asking phrases and those after them up to the end of their sentence: "Kinh tế số chiếm bao
    nhiêu % GRDP của tỉnh An Giang?" asks about An Giang, though "%" starts a new phrase. Chat before the
    question ("mình ở Rạch Giá, cho hỏi ...") and after it ("..., mình không nhớ tên") stays outside."""
    out = set(focus)
    chat = {p.phrase for p in pieces if _is_chat(p)}  # "..., mình không nhớ tên": chat after the question
    for left, right in zip(pieces, pieces[1:]):
        ends = _SENTENCE_END_RE.search(text, left.end, right.start)
        if left.phrase in out and right.phrase != left.phrase and not ends and right.phrase not in chat:
            out.add(right.phrase)
    return out


# Words of chat, not of a question's subject: the speaker (any case: "Em là ..." starts a message), the one
# spoken to (lower case: "Anh" may be a name), a greeting (any case: it starts the message).
SPEAKERS = frozenset("mình tôi tớ tui em cháu".split())
_CHAT_WORDS = frozenset("anh chị bạn ad admin bot nhà".split())
_GREETINGS = frozenset("chào alo hello hi dạ xin".split())
# What a speaker says of themself: "em là sinh viên", "mình ở Rạch Giá", "tôi đang làm báo cáo".
_SELF = frozenset("là tên ở đang làm học công từ thuộc".split())


def _is_chat(piece: Piece) -> bool:
    return piece.raw in _CHAT_WORDS or piece.raw.lower() in _GREETINGS or piece.raw.lower() in SPEAKERS


# Kin words a speaker also calls themself by, read as the speaker only before what they say of themself ("anh là chủ
# tàu ở Rạch Giá, cho anh hỏi ..."); elsewhere they mostly address the reader ("anh chị cho em hỏi").
_KIN = frozenset("anh chị bác chú cô".split())


def _introduces_speaker(words: list[Piece], speakers: frozenset[str] = SPEAKERS) -> bool:
    return any(a.raw.lower() in speakers and b.raw.lower() in _SELF for a, b in zip(words, words[1:]))


# A unit of the speaker's own ("huyện mình", "xã tôi", "quê em"): the place they said they are from.
_OWN_UNITS = frozenset("huyện xã phường tp phố trấn phương quê".split())


def speakers_home(pieces: list[Piece], focus: set[int]) -> set[int]:
    """The phrases in which the speaker says who and where they are ("tôi là trưởng ấp ở Kiên Hải"), when the
    message asks of "huyện tôi", "xã mình": the place named there is the place asked about."""
    if not any(a.raw.lower() in _OWN_UNITS and b.raw.lower() in SPEAKERS for a, b in zip(pieces, pieces[1:])):
        return set()
    return {p for p, words in _phrases(pieces).items() if p not in focus and _introduces_speaker(words)}


# What joins a clause to the next one of the same question: a comma, or the brackets of an aside ("huyện Kiên
# Hải (KG) tỷ lệ ... bao nhiêu": the aside and the clause before it lead to the asking phrase).
_JOINS_RE = re.compile(r"\s*(?:,|\(|\)|\),)\s*")


def what_leads(focus: set[int], pieces: list[Piece], text: str) -> set[int]:
    """The clauses before an asking phrase, joined to it by commas, back to the first that is chat: "Tỉnh Hậu
    Giang, giáp ranh với huyện Giồng Riềng, đã có bao nhiêu cụm công nghiệp?" asks about Hậu Giang; "mình ở
    Rạch Giá, cho hỏi ..." does not ask about Rạch Giá, nor "Em là Thảo, sinh viên ĐH Cần Thơ, cho em hỏi ..."
    about Cần Thơ (the clauses after the speaker's words about themself go on about them). Where the question
    names its places."""
    by_phrase = _phrases(pieces)
    out: set[int] = set()
    for start in sorted(focus):
        phrase, leading = start - 1, set[int]()
        while phrase in by_phrase and phrase not in focus:
            words, after = by_phrase[phrase], by_phrase[phrase + 1][0]
            if not _JOINS_RE.fullmatch(text[words[-1].end : after.start]) or any(_is_chat(w) for w in words):
                leading = set() if _introduces_speaker(words) else leading
                break
            leading.add(phrase)
            phrase -= 1
        out |= leading
    return out


def _phrases(pieces: list[Piece]) -> dict[int, list[Piece]]:
    by_phrase: dict[int, list[Piece]] = {}
    for piece in pieces:
        by_phrase.setdefault(piece.phrase, []).append(piece)
    return by_phrase


def asked_text(pieces: list[Piece], focus: set[int], text: str) -> str:
    """The text without the phrases outside the question (`focus`) in which the speaker speaks ("em đang làm
    báo cáo cho phòng Kinh tế huyện Tân Hiệp, cho em hỏi ...", "nhà mình bán gạo online ở Tân Hiệp 🌾 muốn
    biết ..."): the names in them are not names the question asks about. The clauses after them stay: they
    may name what the question goes on about ("em là công nhân ở Thạnh Lộc, nghe nói có nhà ở cho công nhân
    KCN Thạnh Lộc, cho em hỏi dự án đó bao nhiêu căn")."""
    by_phrase = _phrases(pieces)
    about_self = [p for p, words in by_phrase.items() if p not in focus and (
        any(w.raw.lower() in SPEAKERS for w in words) or _introduces_speaker(words, SPEAKERS | _KIN))]
    if not focus or not about_self:
        return text
    out, at = [], 0
    for phrase in about_self:
        words = by_phrase[phrase]
        out.append(text[at : words[0].start])
        at = words[-1].end
    return " , ".join(part for part in [*out, text[at:]] if part.strip())


def asking(pieces: list[Piece], focus: set[int]) -> list[Piece]:
    """The pieces of the phrases that ask, when chat surrounds them: a name in the chat ("em là Nguyễn Văn An,
    sinh viên ...") is not a name the question asks about."""
    return [p for p in pieces if p.phrase in focus] if focus else pieces
