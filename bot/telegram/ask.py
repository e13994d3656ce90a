"""Answering in a chat: the composer off the event loop, the typing indicator, the question log, sending.

The conversation around it (small talk, follow-ups, lists, the fair queue) is bot.telegram.dialogue.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Awaitable
from typing import TypeVar

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.config import Settings
from bot.telegram.context import Context
from bot.telegram.split import split_html
from index.answer.compose import DECLINE_BELOW
from index.answer.model import Answer, Decline
from index.engine import Engine

log = logging.getLogger(__name__)
T = TypeVar("T")


def decline_below(settings: Settings) -> float:
    """The support under which there is no answer: `answers.min_coverage` when set, else the composer's."""
    minimum = settings.answers.min_coverage
    return minimum if minimum > 0 else DECLINE_BELOW


async def answer_in_thread(engine: Engine, settings: Settings, question: str, others: int) -> Answer:
    """The composer's answer, computed in a worker thread (it is CPU-bound), with the bot's threshold."""
    started = time.perf_counter()
    answer = await asyncio.to_thread(engine.ask, question, others, decline_below(settings))
    log.debug("composed in %.1f ms: answered=%s", 1000 * (time.perf_counter() - started), answer.answered)
    return answer


async def showing_typing(message: Message, context: Context, work: Awaitable[T]) -> T:
    """`work`'s result; "typing…" is shown only when it takes noticeable time. Telegram asks bots to show
    it only then: most answers take milliseconds, and each indicator costs an API call against the flood
    limits."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=context.bot_data.settings.answers.typing_after)
    if not done:
        try:
            await message.reply_chat_action(ChatAction.TYPING)
        except TelegramError as exc:  # cosmetic: the answer still goes out
            log.warning("typing indicator failed: %s", exc)
    return await task


async def log_question(
    context: Context, user_id: int, chat_type: str, answer: Answer, latency_ms: float, *,
    answered: bool | None = None, file: str | None = None, chat_id: int | None = None,
) -> int | None:
    """The question's row in the question log (its 👍/👎 land there), or None when not logged.

    `answered` and `file` override the answer's (a list answers a question the composer declined);
    `chat_id` lets a group's members vote. Text with nothing to search (emoji, greetings) is not a question
    and is not logged. A log that cannot be written must not cost the user the answer: it is reported and
    the answer goes out.
    """
    if answer.reason == Decline.EMPTY:
        return None
    answered = answer.answered if answered is None else answered
    try:
        return await asyncio.to_thread(
            context.bot_data.question_log.log, user_id, chat_type, answer.question, answered,
            file or answer.file, answer.coverage, round(latency_ms, 1), None, chat_id,
        )
    except sqlite3.Error as exc:
        log.error("could not write the question log: %s", exc)
        return None


async def reply_html(message: Message, text: str, keyboard: InlineKeyboardMarkup | None = None) -> Message | None:
    """Reply in as many messages as Telegram's length limit needs; buttons go under the last one, which is
    returned."""
    parts = split_html(text)
    last = None
    for number, part in enumerate(parts, start=1):
        last = await message.reply_text(part, reply_markup=keyboard if number == len(parts) else None)
    return last
