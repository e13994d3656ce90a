"""Sentence spans of a paragraph, so that answers quote the source verbatim."""

from __future__ import annotations

import re

# Dotted abbreviations that do not end a sentence ("TP. Rạch Giá", "PGS. TS. Nguyễn...").
_ABBREVIATIONS = frozenset(
    "tp tx tt q p gs pgs ts ths bs ks cn th st mr mrs dr v.v vv tr ng ông bà đ/c đc".split()
)
_END_RE = re.compile(r"[.!?…]+[\"”’)»]*(?=\s+[\"“‘(«]?[^\W\d_a-zđ]|\s+\d|\s*$)")
_WORD_BEFORE_RE = re.compile(r"([\w./]+)$")


def _is_abbreviation(text: str, dot_at: int) -> bool:
    # Look back a few characters only: searching from the start made long paragraphs quadratic.
    before = _WORD_BEFORE_RE.search(text, max(0, dot_at - 12), dot_at)
    return before is not None and before.group(1).lower() in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of text, whitespace excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END_RE.finditer(text):
        if match.group(0).startswith(".") and _is_abbreviation(text, match.start()):
            continue
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return [_trim(text, a, b) for a, b in spans]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]
