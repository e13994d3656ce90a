"""Where 👍/👎 presses go. Logged for now; the admin issue will store them (e.g. SQLite) behind this seam."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from .refs import ParagraphRef

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Feedback:
    helpful: bool
    ref: ParagraphRef  # the quoted sentence: bulletin fingerprint, paragraph position, sentence offset
    user_id: int
    chat_id: int | None
    message_id: int | None  # the bot's answer message


class FeedbackSink(Protocol):
    async def record(self, feedback: Feedback) -> None: ...


class LogFeedbackSink:
    """Writes feedback to the log only; keeps no state."""

    async def record(self, feedback: Feedback) -> None:
        log.info(
            "feedback %s for %s (chat %s, message %s)",
            "+1" if feedback.helpful else "-1", feedback.ref.encode(), feedback.chat_id, feedback.message_id,
        )
