"""Answering a question in a chat: limits, the composer off the event loop, the typing indicator, sending."""

from __future__ import annotations

import asyncio
import logging
import math
import sqlite3
import time

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.config import Settings
from bot.telegram import texts
from bot.telegram.buttons import answer_keyboard
from bot.telegram.context import Context
from bot.telegram.refs import locate
from bot.telegram.render import render_answer
from bot.telegram.split import split_html
from index.answer.compose import DECLINE_BELOW
from index.answer.model import Answer, Decline
from index.engine import Engine

log = logging.getLogger(__name__)


def decline_below(settings: Settings) -> float:
    """The support under which there is no answer: `answers.min_coverage` when set, else the composer's."""
    minimum = settings.answers.min_coverage
    return minimum if minimum > 0 else DECLINE_BELOW


async def compose(engine: Engine, settings: Settings, question: str, others: int) -> Answer:
    """The composer's answer, computed in a worker thread (it is CPU-bound), with the bot's threshold."""
    started = time.perf_counter()
    answer = await asyncio.to_thread(engine.ask, question, others, decline_below(settings))
    log.debug("composed in %.1f ms: answered=%s", 1000 * (time.perf_counter() - started), answer.answered)
    return answer


async def _compose_showing_typing(message: Message, context: Context, engine: Engine, question: str) -> Answer:
    # Telegram asks bots to show "typing" only when a reply takes noticeable time; most answers take
    # milliseconds, and each indicator costs an API call against the flood limits.
    settings = context.bot_data.settings
    work = asyncio.ensure_future(compose(engine, settings, question, settings.answers.other_sources))
    done, _ = await asyncio.wait({work}, timeout=settings.answers.typing_after)
    if not done:
        try:
            await message.reply_chat_action(ChatAction.TYPING)
        except TelegramError as exc:  # cosmetic: the answer still goes out
            log.warning("typing indicator failed: %s", exc)
    return await work


async def log_question(
    context: Context, user_id: int, chat_type: str, answer: Answer, latency_ms: float
) -> int | None:
    """The question's row in the question log (its 👍/👎 land there), or None when not logged.

    Text with nothing to search (emoji, greetings) is not a question and is not logged. A log that
    cannot be written must not cost the user the answer: it is reported and the answer goes out.
    """
    if answer.reason == Decline.EMPTY:
        return None
    try:
        return await asyncio.to_thread(
            context.bot_data.question_log.log, user_id, chat_type, answer.question, answer.answered,
            answer.file, answer.coverage, round(latency_ms, 1),
        )
    except sqlite3.Error as exc:
        log.error("could not write the question log: %s", exc)
        return None


async def reply_html(message: Message, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Reply in as many messages as Telegram's length limit needs; buttons go under the last one."""
    parts = split_html(text)
    for number, part in enumerate(parts, start=1):
        await message.reply_text(part, reply_markup=keyboard if number == len(parts) else None)


async def send_answer(
    message: Message, answer: Answer, engine: Engine, context: Context, row: int | None, show_question: bool = False
) -> None:
    keyboard = None
    if answer.best is not None:
        ref = locate(engine.index, answer.best)
        keyboard = answer_keyboard(ref, whole_paragraph=answer.best.quote != answer.best.paragraph, row=row)
    # A button asked it: the chat does not show the question otherwise.
    asked = answer.question if show_question else None
    text = render_answer(answer, context.bot_data.settings.answers.other_sources, asked)
    await reply_html(message, text, keyboard)


async def within_limits(message: Message, text: str, user_id: int, context: Context) -> bool:
    """Whether `text` (a question, /chitieu keywords) may be worked on: within the length limit and the
    per-user rate limit. Over them the user is told so (over the rate, once per window)."""
    limit = context.bot_data.settings.answers.max_question_chars
    length = len(text.strip())
    if length > limit:
        await message.reply_text(texts.TOO_LONG.format(length=length, limit=limit))
        return False
    verdict = context.bot_data.questions.check(user_id)
    if not verdict.allowed:
        if verdict.notify:
            await message.reply_text(texts.SLOW_DOWN.format(seconds=math.ceil(verdict.retry_after)))
        return False
    return True


async def ask_in_chat(
    message: Message, question: str, user_id: int, context: Context, show_question: bool = False
) -> None:
    """Answer `question` as a reply to `message`, within the length and per-user rate limits."""
    if not await within_limits(message, question, user_id, context):
        return
    engine = context.bot_data.engine  # read once: a reindex may swap it meanwhile
    started = time.perf_counter()
    answer = await _compose_showing_typing(message, context, engine, question)
    row = await log_question(context, user_id, message.chat.type, answer, 1000 * (time.perf_counter() - started))
    await send_answer(message, answer, engine, context, row, show_question)

