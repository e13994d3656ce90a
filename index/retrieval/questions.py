"""Which words of a question ask and which are searched: question words and chat filler (their cues kept),
what "bao nhiêu" counts, and the stopwords, read against the corpus for words typed without diacritics."""

from __future__ import annotations

from dataclasses import dataclass

from index.store.snapshot import Index
from index.terms.lexicon import Lexicon, QuestionPhrase
from index.terms.tokenize import Piece, fold_term


def _question_at(pieces: list[Piece], folded_words: list[str], i: int, lexicon: Lexicon) -> QuestionPhrase | None:
    """The longest question phrase at position i. A word typed with diacritics must match them
    ('năm' is not 'nằm'); all its words must be words of one phrase."""
    for entry in lexicon.question_table.starting(folded_words, i):
        window = pieces[i : i + len(entry.words)]
        if any(p.kind != "word" for p in window) or len({p.phrase for p in window}) > 1:
            continue
        if all(p.term == w or p.term == fold_term(p.term) for p, w in zip(window, entry.words)):
            return entry.payload  # type: ignore[return-value]
    return None


def _content_word(index: Index, piece: Piece) -> bool:
    """An unaccented single word the corpus mostly uses as content ('minh' is mostly 'Minh')."""
    f = fold_term(piece.term)
    return piece.term == f and f not in index.folded_stops and index.folded.df(f) > 0


def _asks(phrase: QuestionPhrase, pieces: list[Piece], i: int, index: Index, typed_accents: bool) -> bool:
    """A question word whose own spelling has no diacritics ("ai") asks, unless the question is typed without
    any and the word makes a word of the corpus with a neighbour ("tet nhan ai" is "Tết nhân ái"; "7 thang dau"
    is "7 tháng đầu", though "dc" was written out "được"): the corpus using "ái" somewhere does not make every
    "Ai chủ trì ...?" a question about it."""
    if not phrase.cue:
        return False
    return typed_accents or not _joins_neighbour(pieces, i, index)


def _speaker_or_greeting(pieces: list[Piece], folded: list[str], i: int) -> bool:
    """"em" the speaker, not the "em" of "trẻ em" (children) or "chị em" (women); "hi" opening the message."""
    word = folded[i]
    if word == "em":
        return i == 0 or folded[i - 1] not in ("tre", "chi") or pieces[i - 1].phrase != pieces[i].phrase
    return word in ("hi", "hello", "alo") and i == 0


@dataclass
class Stripped:
    kept: list[Piece]
    cues: set[str]
    focus: set[int]  # phrases holding a question word
    counting: set[int]  # indexes (in the input pieces) right after "bao nhiêu"


def strip_questions(pieces: list[Piece], index: Index, lexicon: Lexicon, typed_accents: bool) -> Stripped:
    """The pieces searched, the cues of the question words and where "bao nhiêu" counts; `typed_accents`: the
    message as typed (before chat forms were written out) has diacritics."""
    kept: list[Piece] = []
    cues: set[str] = set()
    focus: set[int] = set()
    counting: set[int] = set()
    folded_words = [fold_term(p.term) for p in pieces]
    i = 0
    while i < len(pieces):
        phrase = _question_at(pieces, folded_words, i, lexicon)
        if phrase is not None and len(phrase.words) == 1 and _content_word(index, pieces[i]) \
                and not _speaker_or_greeting(pieces, folded_words, i):
            # 'nha', 'ban' typed without accents may be 'nhà', 'Ban'; a particle ending a phrase is not.
            last = i + 1 == len(pieces) or pieces[i + 1].phrase != pieces[i].phrase
            phrase = phrase if (last and not phrase.cue) or _asks(phrase, pieces, i, index, typed_accents) else None
        if phrase is None:
            kept.append(pieces[i])
            i += 1
            continue
        if phrase.cue:
            cues.add(phrase.cue)
        if phrase.cue or "hỏi" in phrase.words:
            focus.add(pieces[i].phrase)
        if phrase.cue == "number" and not phrase.keep:
            counting.add(i + len(phrase.words))
        if phrase.keep:
            kept.extend(pieces[i : i + len(phrase.words)])
        i += len(phrase.words)
    return Stripped(kept, cues, focus, counting)


def counted_words(pieces: list[Piece], starts: set[int], lexicon: Lexicon) -> frozenset[str]:
    """'bao nhiêu hợp tác xã' counts 'hop', 'tac', 'xa': up to three words after the question word."""
    out: set[str] = set()
    for start in starts:
        follow = [p for p in pieces[start : start + 3] if p.kind == "word" and p.phrase == pieces[start].phrase]
        out.update(fold_term(p.term) for p in follow if not lexicon.is_stop(p.term))
    return frozenset(out)


def _is_stop(piece: Piece, index: Index, lexicon: Lexicon) -> bool:
    if piece.kind != "word":
        return False
    if piece.term != fold_term(piece.term):
        return lexicon.is_stop(piece.term)
    return fold_term(piece.term) in index.folded_stops or lexicon.is_stop(piece.term)


def content_pieces(pieces: list[Piece], index: Index, lexicon: Lexicon) -> list[Piece]:
    """Pieces that are not stopwords. An unaccented 'do' that is mostly 'do' (because) in the
    corpus stays when it forms a known word with a neighbour ('do thi' is 'đô thị')."""
    return [
        p for i, p in enumerate(pieces)
        if not _is_stop(p, index, lexicon) or (p.term == fold_term(p.term) and _joins_neighbour(pieces, i, index))
    ]


def _joins_neighbour(pieces: list[Piece], i: int, index: Index) -> bool:
    for a, b in ((i - 1, i), (i, i + 1)):
        if a < 0 or b >= len(pieces) or pieces[a].phrase != pieces[b].phrase or pieces[b].start - pieces[a].end > 2:
            continue
        left, right = fold_term(pieces[a].term), fold_term(pieces[b].term)
        if index.folded.df(f"{left}_{right}") > 0 or index.folded.df(f"{left} {right}") > 0:
            return True
    return False
