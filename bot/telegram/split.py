"""Cut Telegram HTML into messages that Telegram accepts.

Telegram counts a message's length after parsing entities, in UTF-16 code units, up to 4096. Cuts fall
at line breaks, else at spaces, else between characters (never inside a tag, an entity, an emoji
sequence or a letter with its combining marks). Tags open at a cut are closed at the end of a part and
reopened at the start of the next, so each part is valid on its own.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MAX_MESSAGE = 4096

_ATOM_RE = re.compile(r"(<[^<>]*>)|(&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);)|([^<&]+|[<&])")
_TAG_NAME_RE = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")
# One user-perceived character: a code point with its combining marks, variation selectors,
# skin tones and ZWJ-joined followers, or a flag's two letters (enough for Vietnamese NFD text and emoji sequences).
_CLUSTER = (
    r"(?:[\U0001f1e6-\U0001f1ff]{2}|.(?:[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f"
    r"\U0001f3fb-\U0001f3ff]|\u200d.)*)"
)
# (chunks of a text run, the ends a cut may follow) from the coarsest level to the finest
_LEVELS = (
    (re.compile(r"[^\n]*\n|[^\n]+"), ("\n",)),  # lines
    (re.compile(r"[^ \n]* +|[^ \n]+|\n"), (" ", "\n")),  # words, each with the spaces after it
    (re.compile(_CLUSTER, re.S), ("",)),  # characters: anywhere between clusters
)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True, slots=True)
class _Atom:
    raw: str
    length: int  # UTF-16 units it shows as
    tag: str | None = None  # tag name, for tags
    closing: bool = False


def _atoms(text: str) -> list[_Atom]:
    out = []
    for match in _ATOM_RE.finditer(text):
        tag, entity, plain = match.groups()
        if tag:
            name = _TAG_NAME_RE.match(tag)
            out.append(_Atom(tag, 0, name.group(1).lower() if name else "", tag.startswith("</")))
        elif entity:
            out.append(_Atom(entity, utf16_len(html.unescape(entity))))
        else:
            out.append(_Atom(plain, utf16_len(plain)))
    return out


def visible_len(text: str) -> int:
    """Length as Telegram measures it: entities decoded, tags dropped, UTF-16 units."""
    return sum(atom.length for atom in _atoms(text))


def _segments(atoms: list[_Atom], level: int) -> list[list[_Atom]]:
    """Group atoms into pieces that may be cut after; a closing tag stays with what it closes."""
    pieces: list[list[_Atom]] = []
    current: list[_Atom] = []
    finest = level == len(_LEVELS) - 1
    for atom in atoms:
        if atom.tag is not None:
            if atom.closing and not current and pieces:
                pieces[-1].append(atom)
            else:
                current.append(atom)
            continue
        if atom.raw.startswith("&"):  # an entity: whole, and a character of its own at the finest level
            current.append(atom)
            if finest:
                pieces.append(current)
                current = []
            continue
        chunks, ends = _LEVELS[level]
        for chunk in chunks.findall(atom.raw):
            current.append(_Atom(chunk, utf16_len(chunk)))
            if chunk.endswith(ends):
                pieces.append(current)
                current = []
    if current:
        pieces.append(current)
    return pieces


class _Packer:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.open: list[_Atom] = []  # tags open at the current point
        self.reopen: list[_Atom] = []  # tags open where the current part began
        self.body: list[str] = []
        self.used = 0

    def add(self, piece: list[_Atom], level: int) -> None:
        size = sum(atom.length for atom in piece)
        if size > self.limit and level + 1 < len(_LEVELS):
            # it must be cut anyway: let its first pieces fill the current part
            for smaller in _segments(piece, level + 1):
                self.add(smaller, level + 1)
            return
        if self.used and self.used + size > self.limit:
            self.flush()
        for atom in piece:
            if atom.tag is not None and atom.closing:
                if self.open and self.open[-1].tag == atom.tag:
                    self.open.pop()
            elif atom.tag is not None:
                self.open.append(atom)
            self.body.append(atom.raw)
        self.used += size

    def flush(self) -> None:
        body = "".join(self.body)
        text = "".join(a.raw for a in self.reopen) + body + "".join(f"</{a.tag}>" for a in reversed(self.open))
        if html.unescape(re.sub(r"<[^<>]*>", "", text)).strip():
            self.parts.append(text.strip("\n"))
        self.reopen = list(self.open)
        self.body = []
        self.used = 0


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Parts of at most `limit` visible UTF-16 units each; blank parts are dropped."""
    atoms = _atoms(text)
    if sum(atom.length for atom in atoms) <= limit:
        return [text]
    packer = _Packer(limit)
    for piece in _segments(atoms, 0):
        packer.add(piece, 0)
    packer.flush()
    return packer.parts
