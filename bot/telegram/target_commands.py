"""/chitieu: the quantified targets (chỉ tiêu) the bulletins state, by deadline year, a page at a time.

`/chitieu` lists them all; `/chitieu <từ khóa>` those whose indicator holds the keywords (diacritics
optional; a year keeps that deadline). Each target shows its value and year and quotes its sentence with
the bulletin's link. Pages turn with « Trước / Sau » (see target_pages for what the buttons carry).
"""

from __future__ import annotations

import asyncio
import math

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update

from bot.telegram import texts
from bot.telegram.buttons import Action, callback_data, pages_keyboard, payload
from bot.telegram.callbacks import counted, edit_page, message_or_tell
from bot.telegram.context import Context
from bot.telegram.handlers import asker, command_argument
from bot.telegram.render import esc
from bot.telegram.target_pages import Pages, TargetButton
from index.text import shorten

_QUERY_CHARS = 100  # of the keywords, when quoted back in the no-match reply


async def _pages(context: Context, keywords: str) -> Pages:
    """The pages of the serving index for these keywords, rendered (once per index) in a worker thread."""
    engine = context.bot_data.engine  # read once: a reindex may swap it meanwhile
    return await asyncio.to_thread(context.bot_data.target_pages.pages, engine.index, engine.lexicon, keywords)


def _keyboard(pages: Pages, page: int, token: str) -> InlineKeyboardMarkup | None:
    def data(number: int) -> str:
        return callback_data(Action.TARGETS, TargetButton(number, pages.stamp, token).encode())

    return pages_keyboard(page, len(pages.texts), data)


def _no_match(keywords: str) -> str:
    return texts.TARGETS_NO_MATCH.format(query=esc(shorten(keywords, _QUERY_CHARS)))


async def on_targets(update: Update, context: Context) -> None:
    """/chitieu [từ khóa]: the first page of the targets, all of them or those the keywords find."""
    message = update.effective_message
    if message is None:
        return
    keywords = " ".join(command_argument(message.text).split())
    if await _browsing_allowed(message, keywords, asker(update), context):
        await _first_page(message, context, keywords)


async def _browsing_allowed(message: Message, keywords: str, user_id: int, context: Context) -> bool:
    """Looking at the table is browsing, not asking: /chitieu counts against the generous button limit,
    not the question limit (keywords within the question length)."""
    limit = context.bot_data.settings.answers.max_question_chars
    if len(keywords) > limit:
        await message.reply_text(texts.TOO_LONG.format(length=len(keywords), limit=limit))
        return False
    verdict = context.bot_data.buttons.check(user_id)
    if not verdict.allowed and verdict.notify:
        await message.reply_text(texts.SLOW_DOWN.format(seconds=math.ceil(verdict.retry_after)))
    return verdict.allowed


async def _first_page(message: Message, context: Context, keywords: str) -> None:
    pages = await _pages(context, keywords)
    if not pages.texts:
        await message.reply_text(_no_match(keywords))
        return
    token = context.bot_data.target_keywords.save(keywords) if keywords else ""
    await message.reply_text(pages.texts[0], reply_markup=_keyboard(pages, 0, token))


@counted
async def on_targets_open_pressed(update: Update, context: Context) -> None:
    """"/chitieu 2030" under a list answer: the table for its keywords, as a new message."""
    query = update.callback_query
    if query is None:
        return
    token = payload(query.data)
    keywords = context.bot_data.target_keywords.get(token) if token else None
    if keywords is None:
        await query.answer(texts.TARGETS_EXPIRED, show_alert=True)
        return
    message = await message_or_tell(query)
    if message is not None:
        await _first_page(message, context, keywords)
        await query.answer()


async def _turn(message: Message, query: CallbackQuery, context: Context, button: TargetButton, keywords: str) -> None:
    """Show the button's page; after a reindex changed the bulletins, page 1 of the new list, and say so."""
    pages = await _pages(context, keywords)
    updated = pages.stamp != button.stamp
    if not pages.texts:  # the keywords found targets before the reindex, and none now
        await edit_page(message, _no_match(keywords), None)
    else:
        page = 0 if updated else min(button.page, len(pages.texts) - 1)
        await edit_page(message, pages.texts[page], _keyboard(pages, page, button.token))
    await query.answer(texts.TARGETS_UPDATED if updated else None)


@counted
async def on_targets_page(update: Update, context: Context) -> None:
    """« Trước / Sau » under a /chitieu list."""
    query = update.callback_query
    if query is None:
        return
    button = TargetButton.decode(payload(query.data))
    if button is None:
        await query.answer(texts.BUTTON_EXPIRED)
        return
    keywords = context.bot_data.target_keywords.get(button.token) if button.token else ""
    if keywords is None:  # forgotten: unused for days, or the bot restarted
        await query.answer(texts.TARGETS_EXPIRED, show_alert=True)
        return
    message = await message_or_tell(query)
    if message is not None:
        await _turn(message, query, context, button, keywords)
