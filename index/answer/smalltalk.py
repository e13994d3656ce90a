"""Small talk: greetings, thanks and "who are you / what can you do", told apart from questions.

A message is small talk only when all of it is ("chào bot", "cảm ơn nhé", "👍", "bạn là ai"); "chào bot,
GRDP năm 2030 bao nhiêu?" is a question. Telegram-free; the bot picks the replies.
"""

from __future__ import annotations

import re
from enum import StrEnum

from index.text import fold

MAX_CHARS = 120  # longer messages are never small talk


class Talk(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"  # thanks and acknowledgements ("ok", "👍")
    IDENTITY = "identity"  # "bạn là ai"
    ABILITIES = "abilities"  # "bạn làm được gì"


_THANKS_EMOJI = frozenset("👍🙏👌❤♥😊🥰🤝💯✅")
_GREETING_EMOJI = frozenset("👋")
_ADDRESS = r"(?:bot|ad|admin|ban|em|anh|chi|ca nha|moi nguoi|nqbot)"
_PARTICLES = r"(?: (?:a|nhe|nha|nhi|oi|ha|ne|vay|the|day|nhieu|lam|rat nhieu|" + _ADDRESS + r"))*"
_CALL = r"(?:(?:" + _ADDRESS + r") oi )?"  # "bot ơi bạn là ai"
_PATTERNS = {
    Talk.GREETING: r"(?:xin )?chao|hi|hello|helo|alo|hey|chao buoi (?:sang|chieu|toi)",
    Talk.THANKS: r"(?:em |minh |toi |xin )?(?:cam on|thanks?|thank you|tks|thks|cm on)|ok(?:e|ay)?(?: cam on)?"
                 r"|hay qua|tuyet(?: voi)?|duoc roi|ro roi|hieu roi",
    Talk.IDENTITY: _ADDRESS + r" (?:la ai|la gi|ten (?:la )?gi)|day la (?:bot|ai|gi)(?: gi)?",
    Talk.ABILITIES: _ADDRESS + r" (?:co the )?(?:lam|giup|tra loi|biet)(?: duoc)? (?:gi|nhung gi)"
                    r"(?: (?:duoc|cho (?:minh|toi|em)))*"
                    r"|huong dan(?: su dung)?|(?:dung|su dung) (?:the nao|ra sao|sao)",
}
_COMPILED = {talk: re.compile(rf"{_CALL}(?:{core}){_PARTICLES}") for talk, core in _PATTERNS.items()}


def _words(text: str) -> str:
    folded = fold(text).lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in folded).split())


def small_talk(text: str) -> Talk | None:
    """What kind of small talk the whole message is, or None when it is (or holds) a question."""
    text = text.strip()
    if not text or len(text) > MAX_CHARS:
        return None
    symbols = {ch for ch in text if not ch.isspace() and ch not in "\ufe0f\u200d!.~"}
    if symbols and symbols <= _THANKS_EMOJI:
        return Talk.THANKS
    if symbols and symbols <= _GREETING_EMOJI:
        return Talk.GREETING
    words = _words(text)
    for talk, pattern in _COMPILED.items():
        if pattern.fullmatch(words):
            return talk
    return None
