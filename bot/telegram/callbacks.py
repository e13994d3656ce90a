"""Handlers for the users' inline-keyboard presses: example questions, whole paragraphs, votes, /nguon pages.

A press is answered (query.answer) after its work: the button's spinner shows meanwhile, and if the work
fails the error handler can still use the one answer Telegram allows per press to say so. /chitieu pages
are turned in bot.telegram.targets, with the helpers here.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, TelegramError

from bot.questionlog import Ballot, Vote
from bot.telegram import texts
from bot.telegram.ask import reply_html
from bot.telegram.buttons import Action, number, pages_keyboard, payload, vote_label, with_votes
from bot.telegram.context import Context
from bot.telegram.dialogue import answer_question
from bot.telegram.refs import ParagraphRef, resolve
from bot.telegram.render import page_count, render_paragraph, render_sources
from index.terms.sentences import sentence_spans

log = logging.getLogger(__name__)

PressHandler = Callable[[Update, Context], Coroutine[Any, Any, None]]


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
    question = texts.EXAMPLES[example] if example is not None and example < len(texts.EXAMPLES) else None
    await _ask_as_typed(query, question, context)


@counted
async def on_suggestion_pressed(update: Update, context: Context) -> None:
    """A nearby question offered under a "no answer": asked as if typed (it counts as a press, not a question)."""
    query = update.callback_query
    if query is None:
        return
    # None when forgotten (days unused, or a restart) or forged
    await _ask_as_typed(query, context.bot_data.suggested.get(payload(query.data)), context)


async def _ask_as_typed(query: CallbackQuery, question: str | None, context: Context) -> None:
    """A button's question answered as if typed; a button whose question is gone says it expired."""
    if question is None:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    message = await message_or_tell(query)
    if message is None:
        return
    await answer_question(message, question, query.from_user.id, context, asked=True)
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


async def _show_votes(query: CallbackQuery, ballot: Ballot) -> None:
    """Relabel 👍/👎 under the answer: the voter's choice marked in a private chat, counts in a group."""
    message = query.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return
    private = message.chat.type == ChatType.PRIVATE
    up = vote_label(texts.THUMBS_UP, ballot.up, private and ballot.mine > 0)
    down = vote_label(texts.THUMBS_DOWN, ballot.down, private and ballot.mine < 0)
    try:
        await message.edit_reply_markup(with_votes(message.reply_markup, up, down))
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            log.warning("could not show the vote: %s", exc)
    except TelegramError as exc:  # cosmetic: the vote is recorded
        log.warning("could not show the vote: %s", exc)


def _vote_reply(ballot: Ballot, value: int, query: CallbackQuery) -> str:
    if ballot.outcome == Vote.GONE:
        return texts.FEEDBACK_EXPIRED
    if ballot.outcome == Vote.NOT_YOURS:
        group = query.message is not None and query.message.chat.type != ChatType.PRIVATE
        return texts.FEEDBACK_OTHER_CHAT if group else texts.FEEDBACK_NOT_YOURS
    if ballot.outcome == Vote.SAME:
        return texts.VOTE_SAME.format(vote=texts.THUMBS_UP if value > 0 else texts.THUMBS_DOWN)
    return texts.VOTE_UP if value > 0 else texts.VOTE_DOWN


@counted
async def on_vote(update: Update, context: Context) -> None:
    """👍/👎 under an answer: one vote per person per answer, the latest counts (the asker's in a private
    chat, any member's in a group); the buttons then show the vote."""
    query = update.callback_query
    if query is None:
        return
    row = number(payload(query.data))
    if row is None:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    value = 1 if (query.data or "").startswith(f"{Action.UP}|") else -1
    chat = query.message.chat.id if query.message is not None else None
    ballot = await asyncio.to_thread(context.bot_data.question_log.vote, row, value, query.from_user.id, chat)
    if ballot.outcome == Vote.RECORDED:
        await _show_votes(query, ballot)
    await query.answer(_vote_reply(ballot, value, query))


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
