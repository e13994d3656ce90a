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


# Words of chat, not of a question's subject: the speaker, the one spoken to (lower case: "Anh" may be a
# name), a greeting (any case: it starts the message).
_CHAT_WORDS = frozenset("mình tôi tớ tui em anh chị bạn ad admin bot nhà".split())
_GREETINGS = frozenset("chào alo hello hi dạ xin".split())


def _is_chat(piece: Piece) -> bool:
    return piece.raw in _CHAT_WORDS or piece.raw.lower() in _GREETINGS


def what_leads(focus: set[int], pieces: list[Piece], text: str) -> set[int]:
    """The clauses before an asking phrase, joined to it by commas, back to the first that is chat: "Tỉnh Hậu
    Giang, giáp ranh với huyện Giồng Riềng, đã có bao nhiêu cụm công nghiệp?" asks about Hậu Giang; "mình ở
    Rạch Giá, cho hỏi ..." does not ask about Rạch Giá. Where the question names its places."""
    by_phrase: dict[int, list[Piece]] = {}
    for piece in pieces:
        by_phrase.setdefault(piece.phrase, []).append(piece)
    out: set[int] = set()
    for start in sorted(focus):
        phrase = start - 1
        while phrase in by_phrase and phrase not in focus:
            words, after = by_phrase[phrase], by_phrase[phrase + 1][0]
            if text[words[-1].end : after.start].strip() != "," or any(_is_chat(w) for w in words):
                break
            out.add(phrase)
            phrase -= 1
    return out


def asking(pieces: list[Piece], focus: set[int]) -> list[Piece]:
    """The pieces of the phrases that ask, when chat surrounds them: a name in the chat ("em là Nguyễn Văn An,
    sinh viên ...") is not a name the question asks about."""
    return [p for p in pieces if p.phrase in focus] if focus else pieces
