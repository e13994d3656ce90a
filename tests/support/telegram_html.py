"""An independent checker of Telegram's HTML parse mode, strict where Telegram is.

Written from the Bot API's "HTML style" rules, not from the bot's splitter, so that tests of the bot's
output do not grade the bot with its own code.
"""

from __future__ import annotations

import html
import re

from index.answer.model import Answer
from index.answer.plain import UNSURE

MAX_CHARS = 4096
TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji",
        "code", "pre", "blockquote"}
_TOKEN_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:=\"[^\"<>]*\")?)*)\s*>|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);")
_ATTR_RE = re.compile(r"([a-zA-Z-]+)(?:=\"([^\"<>]*)\")?")


class TelegramHTMLError(ValueError):
    pass


def _attributes(tag: str, raw: str) -> dict[str, str]:
    attrs = {name: value for name, value in _ATTR_RE.findall(raw)}
    allowed = {"a": {"href"}, "span": {"class"}, "tg-emoji": {"emoji-id"}, "blockquote": {"expandable"},
               "code": {"class"}, "pre": set()}.get(tag, set())
    if set(attrs) - allowed:
        raise TelegramHTMLError(f"unsupported attribute on <{tag}>: {sorted(set(attrs) - allowed)}")
    if tag == "a" and not attrs.get("href"):
        raise TelegramHTMLError("<a> without href")
    return attrs


def _check_nesting(tag: str, stack: list[str]) -> None:
    if tag == "blockquote" and "blockquote" in stack:
        raise TelegramHTMLError("blockquote inside blockquote")
    if stack and stack[-1] in ("code", "pre") and not (tag == "code" and stack[-1] == "pre"):
        raise TelegramHTMLError(f"<{tag}> inside <{stack[-1]}>")


def parse(text: str) -> str:
    """The plain text Telegram would show, or TelegramHTMLError where Telegram would answer 400."""
    plain: list[str] = []
    stack: list[str] = []
    position = 0
    for match in _TOKEN_RE.finditer(text):
        _plain_run(text[position : match.start()], plain)
        position = match.end()
        closing, tag, attrs, entity = match.groups()
        if entity is not None:
            plain.append(html.unescape(f"&{entity};"))
        elif tag.lower() not in TAGS:
            raise TelegramHTMLError(f"unsupported tag <{tag}>")
        elif closing:
            if not stack or stack.pop() != tag.lower():
                raise TelegramHTMLError(f"unmatched </{tag}>")
        else:
            _attributes(tag.lower(), attrs)
            _check_nesting(tag.lower(), stack)
            stack.append(tag.lower())
    _plain_run(text[position:], plain)
    if stack:
        raise TelegramHTMLError(f"unclosed <{stack[-1]}>")
    return "".join(plain)


def _plain_run(run: str, plain: list[str]) -> None:
    for char in "<>&":
        if char in run:
            raise TelegramHTMLError(f"unescaped {char!r} in {run[:40]!r}")
    plain.append(run)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check_message(text: str) -> str:
    """Validate a message as sendMessage does: markup, not blank, at most 4096 UTF-16 units."""
    plain = parse(text)
    if not plain.strip():
        raise TelegramHTMLError("message text is empty")
    if utf16_len(plain) > MAX_CHARS:
        raise TelegramHTMLError(f"message is too long ({utf16_len(plain)} UTF-16 units)")
    return plain


def opening(answer: Answer) -> str:
    """How the plain text of a chat message showing `answer` begins: the caution of an unsure answer, then
    the quote (bot.telegram.render.render_answer)."""
    assert answer.best is not None
    return (f"⚠️ {UNSURE}\n" if answer.unsure else "") + answer.best.quote
