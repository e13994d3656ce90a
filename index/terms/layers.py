"""Terms of bulletin paragraphs and titles, as the index stores them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

from index.terms.lexicon import Lexicon, stopwords_fingerprint
from index.terms.tokenize import Piece, bigrams, compounds, fold_term, scan

# Bump when tokenisation or parsing changes in a way that makes saved terms or records stale.
TOKENIZER_CODE_VERSION = 3


def tokenizer_version() -> str:
    """Saved in the index: when it differs, every bulletin is re-tokenised on the next build."""
    try:
        pyvi = metadata.version("pyvi")
    except metadata.PackageNotFoundError:  # pragma: no cover - pyvi is a dependency
        pyvi = "?"
    return f"{TOKENIZER_CODE_VERSION}-stop{stopwords_fingerprint()}-pyvi{pyvi}"


@dataclass(frozen=True)
class ParagraphTerms:
    terms: list[str]  # accented index terms; the folded field is derived from them
    stops: Counter[str]  # folded stopword syllable -> occurrences (decides query-side folded stops)


def _keeper(lexicon: Lexicon) -> Callable[[Piece], bool]:
    def keep(piece: Piece) -> bool:
        return not (piece.kind == "word" and lexicon.is_stop(piece.term))

    return keep


def unigrams(pieces: list[Piece], lexicon: Lexicon) -> list[str]:
    keep = _keeper(lexicon)
    kept = [p for p in pieces if keep(p)]
    return [p.term for p in kept] + [part for p in kept for part in p.parts]


def paragraph_terms(text: str, lexicon: Lexicon) -> ParagraphTerms:
    """Syllables, numbers (and their parts), bigrams and pyvi compounds; stopwords left out."""
    pieces = scan(text)
    keep = _keeper(lexicon)
    terms = unigrams(pieces, lexicon) + bigrams(pieces, keep)
    terms += [c for c in compounds(text) if not lexicon.is_stop(c)]
    stops = Counter(fold_term(p.term) for p in pieces if not keep(p))
    return ParagraphTerms(terms, stops)


def title_terms(title: str, lexicon: Lexicon) -> list[str]:
    """Folded syllables and bigrams of a title (no pyvi: titles are scored as a set of terms)."""
    pieces = scan(title)
    terms = unigrams(pieces, lexicon) + bigrams(pieces, _keeper(lexicon))
    return [fold_term(t) for t in terms]
