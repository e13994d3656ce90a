"""Answering a question in a chat: limits, the composer off the event loop, the typing indicator, sending."""

from __future__ import annotations

import asyncio
import logging
import math
import time

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ChatAction
from telegram.error import TelegramError

from ..answer import Answer, Decline
from . import texts
from .buttons import answer_keyboard
from .context import Context
from .refs import locate
from .render import esc, render_answer
from .split import split_html

log = logging.getLogger(__name__)


async def compose(context: Context, question: str) -> Answer:
    """The composer's answer, computed in a worker thread (it is CPU-bound), with the bot's own threshold."""
    engine = context.bot_data.engine  # read once: a reindex may swap it meanwhile
    started = time.perf_counter()
    answer = await asyncio.to_thread(engine.ask, question)
    log.debug("composed in %.1f ms: answered=%s", 1000 * (time.perf_counter() - started), answer.answered)
    if answer.answered and answer.coverage < context.bot_data.settings.answers.min_coverage:
        return Answer.declined(answer.question, Decline.NO_MATCH, coverage=answer.coverage)
    return answer


async def _compose_showing_typing(message: Message, context: Context, question: str) -> Answer:
    # Telegram asks bots to show "typing" only when a reply takes noticeable time; most answers take
    # milliseconds, and each indicator costs an API call against the flood limits.
    work = asyncio.ensure_future(compose(context, question))
    done, _ = await asyncio.wait({work}, timeout=context.bot_data.settings.answers.typing_after)
    if not done:
        try:
            await message.reply_chat_action(ChatAction.TYPING)
        except TelegramError as exc:  # cosmetic: the answer still goes out
            log.warning("typing indicator failed: %s", exc)
    return await work


async def reply_html(message: Message, text: str, keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Reply in as many messages as Telegram's length limit needs; buttons go under the last one."""
    parts = split_html(text)
    for number, part in enumerate(parts, start=1):
        await message.reply_text(part, reply_markup=keyboard if number == len(parts) else None)


async def send_answer(message: Message, answer: Answer, context: Context, show_question: bool = False) -> None:
    keyboard = None
    if answer.answered:
        ref = locate(context.bot_data.engine.index, answer)
        if ref is not None:
            keyboard = answer_keyboard(ref, whole_paragraph=answer.quote != answer.paragraph)
    text = render_answer(answer, context.bot_data.settings.answers.other_sources)
    if show_question:  # a button asked it: the chat does not show the question otherwise
        text = f"❓ <b>{esc(answer.question)}</b>\n{text}"
    await reply_html(message, text, keyboard)


async def ask_in_chat(
    message: Message, question: str, user_id: int, context: Context, show_question: bool = False
) -> None:
    """Answer `question` as a reply to `message`, within the length and per-user rate limits."""
    limit = context.bot_data.settings.answers.max_question_chars
    length = len(question.strip())
    if length > limit:
        await message.reply_text(texts.TOO_LONG.format(length=length, limit=limit))
        return
    verdict = context.bot_data.questions.check(user_id)
    if not verdict.allowed:
        if verdict.notify:
            await message.reply_text(texts.SLOW_DOWN.format(seconds=math.ceil(verdict.retry_after)))
        return
    answer = await _compose_showing_typing(message, context, question)
    await send_answer(message, answer, context, show_question)

