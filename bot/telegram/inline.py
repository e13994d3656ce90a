"""Inline mode: `@bot câu hỏi` in any chat offers the answer and up to four other sources as articles.

Inline queries are not written to the question log: Telegram sends one per pause in typing, so the log
would fill with half-typed questions, and nothing says which (if any) result the user sent.
"""

from __future__ import annotations

import logging

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode

from bot.telegram import texts
from bot.telegram.ask import answer_in_thread
from bot.telegram.context import Context
from bot.telegram.refs import locate
from bot.telegram.render import render_quote
from index.answer.model import Answer, Source
from index.answer.plain import format_date
from index.store.snapshot import Index
from index.text import shorten

log = logging.getLogger(__name__)

MAX_RESULTS = 5
CACHE_SECONDS = 60  # short: a reindex may change the answers
_TITLE_CHARS = 100


def _article(number: int, source: Source, index: Index, unsure: bool = False) -> InlineQueryResultArticle:
    ref = locate(index, source)
    date = format_date(source.published)
    caution = texts.INLINE_UNSURE if unsure else ""
    return InlineQueryResultArticle(
        id=f"{number}-{ref.encode()}" if ref else str(number),
        title=shorten(source.quote, _TITLE_CHARS),
        description=" · ".join(part for part in (caution, shorten(source.title, _TITLE_CHARS), date) if part),
        # One message, whatever the quote's length: render_quote cuts it at a word and keeps the link.
        input_message_content=InputTextMessageContent(
            render_quote(source),
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        ),
    )


def articles(answer: Answer, index: Index) -> list[InlineQueryResultArticle]:
    if answer.best is None:
        return []
    sources = [answer.best, *answer.others]
    return [_article(n, s, index, answer.unsure and n == 0) for n, s in enumerate(sources[:MAX_RESULTS])]


def _button(text: str) -> InlineQueryResultsButton:
    # Opens a private chat with the bot (/start inline), where the user can ask at length.
    return InlineQueryResultsButton(text=text, start_parameter="inline")


async def on_inline_query(update: Update, context: Context) -> None:
    query = update.inline_query
    if query is None:
        return
    question = query.query.strip()
    if not question:
        await query.answer([], cache_time=CACHE_SECONDS, button=_button(texts.INLINE_HINT))
        return
    if len(question) > context.bot_data.settings.answers.max_question_chars:
        await query.answer([], cache_time=CACHE_SECONDS, button=_button(texts.INLINE_TOO_LONG))
        return
    if not context.bot_data.inline_queries.check(query.from_user.id).allowed:
        await query.answer([], cache_time=0, is_personal=True, button=_button(texts.INLINE_SLOW_DOWN))
        return
    engine = context.bot_data.engine  # read once: a reindex may swap it meanwhile
    answer = await answer_in_thread(engine, context.bot_data.settings, question, others=MAX_RESULTS - 1)
    results = articles(answer, engine.index)
    await query.answer(results, cache_time=CACHE_SECONDS, button=None if results else _button(texts.INLINE_NO_ANSWER))
