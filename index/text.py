"""Unicode handling for Vietnamese: NFC, tone-mark placement, diacritic folding, input cleaning."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aăâeêioôơuưy")
_SHAPED = set("ăâêôơư")
# Zero-width, bidi and other invisible format characters that users paste by accident (or on purpose).
_INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# What is not the user's question but instructions or code pasted around it, removed with its content: a
# script or style element, a comment, and the role markers chat models read ("<system>...</system>",
# "[INST]...[/INST]", "[SYSTEM]...[/SYSTEM]", "{{system}}...{{/system}}", "<|im_start|>system ...<|im_end|>").
_NOT_TEXT_RE = re.compile(
    r"<(script|style|system|instructions?)\b[^<>]{0,300}>.{0,1000}?</\1\s*>|<!--.{0,1000}?-->"
    r"|\[(INST|SYS|SYSTEM|ADMIN|DEVELOPER)\].{0,1000}?\[/\2\]|<<SYS>>.{0,1000}?<</SYS>>|\{\{\s*system\s*\}\}.{0,1000}?\{\{\s*/\s*system\s*\}\}"
    r"|<\|im_start\|>\s*system.{0,1000}?<\|im_end\|>", re.I | re.S)
# SQL pasted after or before a question, as injection attempts write it: a condition that is always true ("' OR
# 1=1", "' OR 'a'='a'", "'1'='1'"), a statement after a semicolon ("; DROP TABLE bulletins;"), a query up to a
# quoted string ("SELECT answer FROM bulletins WHERE q='...'" keeps the question quoted), and the closing "--".
_SQL_RE = re.compile(
    r"['\"]?\s*;\s*(?:DROP|DELETE|INSERT|UPDATE|ALTER|TRUNCATE|CREATE|EXEC)\b[^;?]{0,200};?"
    r"|['\"]\s*(?:OR|AND)\s+['\"]?\w+['\"]?\s*=\s*['\"]?\w+['\"]?|['\"](\w+)['\"]\s*=\s*['\"]\1\b['\"]?"
    r"|['\"]\s*;"
    r"|\b(?:UNION\s+(?:ALL\s+)?)?SELECT\b(?:(?!--)[^;?'\"]){0,200}?\bFROM\b(?:(?!--)[^;?'\"]){0,200}"
    r"|(?<!\w)--(?=\s|$)", re.I)
# Tags that format a word inside a sentence ("<b>GRDP</b> bình quân"); any other tag, and a role marker left
# ("{{user}}", "<|im_start|>", "[/INST]"), ends a clause: what follows it is read apart from what precedes it.
_INLINE_TAG_RE = re.compile(r"</?(?:b|i|u|em|strong|span|a|code|mark|small|sub|sup|font)\b[^<>]{0,300}>", re.I)
_MARKER_RE = re.compile(r"<\|im_start\|>\s*(?:user|assistant)?|<[^<>]{0,300}>|\{\{\s*/?\s*\w+\s*\}\}|<\|\w+\|>"
                        r"|\[/?(?:INST|SYS|SYSTEM|ADMIN|DEVELOPER)\]", re.I)
_COMMAS_RE = re.compile(r",(?: ?,)+")  # on single-spaced text: linear
_SPACE_RE = re.compile(r"\s+")
_LETTERS_RE = re.compile(r"[^\W\d_]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Drop every diacritic (tones and vowel shapes) and map đ to d: 'Đường' -> 'Duong'."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D")


@functools.lru_cache(maxsize=4096)
def folded_lower(text: str) -> str:
    """Lower case, without diacritics, spacing kept; cached: the answer checks fold the question and the same
    sentences again for every rule that reads them."""
    return fold(text).lower()


def folded_text(text: str) -> str:
    """Lower case, without diacritics, single spaces: text for patterns written without accents."""
    return " ".join(fold(text).lower().split())


def has_diacritics(text: str) -> bool:
    return fold(text) != unicodedata.normalize("NFC", text)


def _split_tone(syllable: str) -> tuple[str, str]:
    """Return the syllable without its tone mark (NFC) and the tone mark ('' when level tone)."""
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONES:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _nucleus(base: str) -> tuple[int, int]:
    """Span [start, end) of the vowel nucleus, treating the u of 'qu' and the i of 'gi' as consonants."""
    low = base.lower()
    start = 0
    while start < len(low) and low[start] not in _VOWELS:
        start += 1
    if start < len(low) - 1 and low[start + 1] in _VOWELS and (
        (low[start] == "u" and start > 0 and low[start - 1] == "q")
        or (low[start] == "i" and start > 0 and low[start - 1] == "g")
    ):
        start += 1
    end = start
    while end < len(low) and low[end] in _VOWELS:
        end += 1
    return start, end


def _tone_position(base: str) -> int | None:
    """Index of the letter that carries the tone in the modern placement (hoá, thuỷ, khoẻ)."""
    start, end = _nucleus(base)
    if start >= end:
        return None
    low = base.lower()
    vowels = low[start:end]
    shaped = [i for i, ch in enumerate(vowels) if ch in _SHAPED]
    if shaped:
        return start + shaped[-1]
    if vowels[:2] in ("oa", "oe", "uy"):
        return start + 1
    if end < len(low) or len(vowels) == 1:
        return end - 1
    return start + (1 if len(vowels) == 3 else 0)


@functools.lru_cache(maxsize=1 << 16)
def normalize_tone(syllable: str) -> str:
    """Place the tone mark of one syllable on the vowel the modern rule chooses.

    Both placements occur in real text ('hóa'/'hoá', 'thủy'/'thuỷ'); one canonical form lets them match.
    """
    base, tone = _split_tone(syllable)
    if not tone:
        return base
    pos = _tone_position(base)
    if pos is None:
        return nfc(syllable)
    return nfc(base[: pos + 1] + tone + base[pos + 1 :])


def normalize_tones(text: str) -> str:
    """normalize_tone applied to every letter run of a text (composed first: NFD marks split runs)."""
    return _LETTERS_RE.sub(lambda m: normalize_tone(m.group(0)), nfc(text))


def _visible(ch: str) -> str:
    category = unicodedata.category(ch)
    if category in ("Cc", "Cs", "Co", "Cn", "So", "Sk") or category.startswith("Z"):
        return " "
    return ch


def clean_input(text: str, limit: int = 1000) -> str:
    """Make user input safe to analyse: entities decoded; scripts, comments, injected role blocks and pasted SQL
    gone with their content; tags, invisibles, emoji and controls gone (a tag that is not inline formatting ends a
    clause).

    The result is NFC, single-spaced and at most `limit` characters (cut at a space when possible).
    """
    text = html.unescape(html.unescape(text))
    text = _INVISIBLE_RE.sub("", nfc(text))
    text = _SQL_RE.sub(" , ", _NOT_TEXT_RE.sub(" , ", text))
    text = _MARKER_RE.sub(" , ", _INLINE_TAG_RE.sub(" ", text))
    text = "".join(_visible(ch) for ch in text)
    text = _COMMAS_RE.sub(",", _SPACE_RE.sub(" ", text)).strip(" ,")
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[: cut if cut > limit // 2 else limit]
    return text


def clean_file_text(text: str) -> str:
    """Normalise a bulletin file's text: BOM dropped, CRLF and CR to LF, NFC."""
    text = text.removeprefix("\ufeff")
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def shorten(text: str, limit: int) -> str:
    """The text, or as many of its first words as fit in `limit - 1` characters and "…" (for titles,
    quotes and echoed input). A word is cut only when the last space is in the first half: one very
    long word (a URL, a run of letters) is cut where the limit falls."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    if not text[cut].isspace():
        space = text.rfind(" ", 0, cut + 1)
        cut = space if space > cut // 2 else cut
    return text[:cut].rstrip(" ,;:") + "…"


def count(n: int, noun: str) -> str:
    """A count with its noun in English number: "1 bulletin", "2 bulletins", "0 paragraphs"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
