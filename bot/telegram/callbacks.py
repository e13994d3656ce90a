"""Handlers for the users' inline-keyboard presses: example questions, whole paragraphs, votes, /nguon pages.

A press is answered (query.answer) after its work: the button's spinner shows meanwhile, and if the work
fails the error handler can still use the one answer Telegram allows per press to say so. /chitieu pages
are turned in bot.telegram.targets, with the helpers here.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.questionlog import Vote
from bot.telegram import texts
from bot.telegram.ask import ask_in_chat, reply_html
from bot.telegram.buttons import Action, number, pages_keyboard, payload
from bot.telegram.context import Context
from bot.telegram.refs import ParagraphRef, resolve
from bot.telegram.render import page_count, render_paragraph, render_sources
from index.terms.sentences import sentence_spans

log = logging.getLogger(__name__)

PressHandler = Callable[[Update, Context], Awaitable[None]]
_VOTE_REPLIES = {Vote.RECORDED: texts.FEEDBACK_THANKS, Vote.GONE: texts.FEEDBACK_EXPIRED,
                 Vote.NOT_YOURS: texts.FEEDBACK_NOT_YOURS}


def counted(handler: PressHandler) -> PressHandler:
    """Counts each press against the presser's button limit (bot_data.buttons, apart from questions).

    Every press may send a message, and a flood of them from one user would hold everyone else behind
    the bot's global flood limiter: over the limit a press gets a short notice, and no message.
    """

    @functools.wraps(handler)
    async def limited(update: Update, context: Context) -> None:
        query = update.callback_query
        if query is not None:
            verdict = context.bot_data.buttons.check(query.from_user.id)
            if not verdict.allowed:
                if verdict.notify:
                    log.info("button presses over the limit; quiet for %.0f s", verdict.retry_after)
                await query.answer(texts.BUTTONS_SLOW_DOWN)
                return
        await handler(update, context)

    return limited


async def message_or_tell(query: CallbackQuery) -> Message | None:
    """The message under the button, or None (and a toast) when Telegram no longer gives it."""
    if isinstance(query.message, Message):
        return query.message
    await query.answer(texts.MESSAGE_GONE)
    return None


async def edit_page(message: Message, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    """Show another page in a paged message (/nguon, /chitieu), with its « Trước / Sau » buttons."""
    try:
        await message.edit_text(text, reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():  # a double press shows the same page: nothing to do
            raise


@counted
async def on_example_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    example = number(payload(query.data), digits=3)
    if example is None or example >= len(texts.EXAMPLES):
        await query.answer(texts.BUTTON_EXPIRED)
        return
    message = await message_or_tell(query)
    if message is None:
        return
    await ask_in_chat(message, texts.EXAMPLES[example], query.from_user.id, context, show_question=True)
    await query.answer()


@counted
async def on_paragraph_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    ref = ParagraphRef.decode(payload(query.data))
    found = resolve(context.bot_data.engine.index, ref) if ref else None
    if ref is None or found is None:
        await query.answer(texts.PARAGRAPH_GONE, show_alert=True)
        return
    message = await message_or_tell(query)
    if message is None:
        return
    bulletin, paragraph = found
    quote = next(((s, e) for s, e in sentence_spans(paragraph) if s == ref.start), None)
    await reply_html(message, render_paragraph(bulletin, paragraph, quote))
    await query.answer()


@counted
async def on_vote(update: Update, context: Context) -> None:
    """👍/👎 under an answer: recorded on that question's row of the question log (the last vote counts),
    by the user who asked it only."""
    query = update.callback_query
    if query is None:
        return
    row = number(payload(query.data))
    if row is None:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    value = 1 if (query.data or "").startswith(f"{Action.UP}|") else -1
    vote = await asyncio.to_thread(context.bot_data.question_log.vote, row, value, query.from_user.id)
    await query.answer(_VOTE_REPLIES[vote])


@counted
async def on_sources_page(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    wanted = number(payload(query.data), digits=9) or 0
    message = await message_or_tell(query)
    if message is None:
        return
    index = context.bot_data.engine.index
    text, page = render_sources(index, wanted)
    await edit_page(message, text, pages_keyboard(page, page_count(index)))
    await query.answer()


@counted
async def on_unknown_button(update: Update, context: Context) -> None:
    """Buttons from an older version of the bot, or forged data."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.BUTTON_EXPIRED)
