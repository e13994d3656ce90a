"""A message to the bot, as a colleague would take it: small talk gets a short reply, a question is read
against the previous one when it follows it up, answered with one quote, a list or a "no answer" that
helps, and a burst over the rate limit waits its turn instead of being dropped.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.telegram import texts
from bot.telegram.ask import decline_below, log_question, reply_html, showing_typing
from bot.telegram.buttons import Action, answer_keyboard, join_keyboards, token_rows
from bot.telegram.context import Context
from bot.telegram.conversation import understand
from bot.telegram.fairness import Turn
from bot.telegram.refs import locate
from bot.telegram.render import esc
from bot.telegram.replies import Asking, Reply, build_reply
from bot.telegram.reply_render import render_reply
from index.answer.followup import FollowUp, Kind
from index.answer.model import Decline
from index.answer.smalltalk import Talk, small_talk
from index.engine import Engine
from index.text import shorten

log = logging.getLogger(__name__)

_LABEL_KEYWORDS = 40  # of the keywords in the "/chitieu ..." button


def _group(message: Message) -> bool:
    return message.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def reply_small_talk(message: Message, talk: Talk, context: Context, first_name: str | None) -> None:
    """Greetings, thanks, "who are you", "what can you do": short, and nothing for thanks in a group."""
    if talk == Talk.THANKS and _group(message):
        return
    example = esc(texts.EXAMPLES[0])
    if talk == Talk.GREETING:
        text = texts.HELLO.format(name=esc(first_name or texts.SOMEONE), example=example)
    elif talk == Talk.THANKS:
        text = texts.THANKS_BACK
    elif talk == Talk.IDENTITY:
        text = texts.WHO_I_AM.format(count=len(context.bot_data.engine.index.bulletins))
    else:
        text = texts.WHAT_I_DO.format(example=example)
    await message.reply_text(text)


async def take_message(
    message: Message, text: str, user_id: int, context: Context, first_name: str | None = None
) -> None:
    """Text addressed to the bot: small talk, or a question within the length limit and the fair queue."""
    talk = small_talk(text)
    if talk is not None:
        await reply_small_talk(message, talk, context, first_name)
        return
    limit = context.bot_data.settings.answers.max_question_chars
    if len(text.strip()) > limit:
        await message.reply_text(texts.TOO_LONG.format(length=len(text.strip()), limit=limit))
        return
    waiting = context.bot_data.waiting
    admission = waiting.admit(user_id)
    if admission.turn == Turn.NOW:
        await answer_question(message, text, user_id, context)
        return
    if admission.turn == Turn.QUEUED:
        waiting.enqueue(user_id, lambda: _queued(message, text, user_id, context))
    if admission.notify:
        queued = admission.turn == Turn.QUEUED
        await message.reply_text(texts.QUEUED.format(seconds=math.ceil(admission.wait)) if queued else texts.QUEUE_FULL)


async def _queued(message: Message, text: str, user_id: int, context: Context) -> None:
    """A question that waited its turn: answered now; a failure is told to the user like any other."""
    try:
        await answer_question(message, text, user_id, context)
    except Exception:
        log.exception("error while answering a queued question")
        try:
            await message.reply_text(texts.SOMETHING_WRONG)
        except TelegramError as exc:
            log.warning("could not tell the user about the error: %s", exc)


def _follow_up(message: Message, text: str, user_id: int, context: Context, engine: Engine) -> FollowUp | None:
    memory = context.bot_data.conversations
    return understand(memory, message.chat.id, user_id, message.message_id, text, engine.lexicon)


async def answer_question(message: Message, text: str, user_id: int, context: Context, asked: bool = False) -> None:
    """Answer `text` as a reply to `message`; `asked` when a button asked it (shown above the answer, and
    never a follow-up). The question as understood is remembered for the next one."""
    engine = context.bot_data.engine  # read once: a reindex may swap it meanwhile
    settings = context.bot_data.settings
    follow = None if asked else _follow_up(message, text, user_id, context, engine)
    how = Asking(decline_below(settings), settings.answers.other_sources, settings.conversation.suggestions)
    started = time.perf_counter()
    reply = await showing_typing(message, context, asyncio.to_thread(build_reply, engine, text, follow, how))
    latency = 1000 * (time.perf_counter() - started)
    row = None
    if reply.kind == Kind.ASK:  # "nguồn ở đâu?" and "nói rõ hơn" ask nothing new
        row = await log_question(context, user_id, message.chat.type, reply.answer, latency,
                                 answered=reply.answered, file=reply.file, chat_id=message.chat.id)
    text_html = render_reply(reply, engine.index, settings.answers.other_sources, text if asked else None)
    sent = await reply_html(message, text_html, _keyboard(reply, engine, context, row))
    if sent is not None and reply.answer.reason != Decline.EMPTY:
        context.bot_data.conversations.remember(message.chat.id, user_id, reply.question, sent.message_id)


def _keyboard(reply: Reply, engine: Engine, context: Context, row: int | None) -> InlineKeyboardMarkup | None:
    """Under an answer: its paragraph and 👍/👎; under a targets list, its /chitieu; under a "no answer",
    the nearby questions."""
    data = context.bot_data
    if reply.listing is not None:
        targets = reply.listing.targets
        opener = None
        if targets is not None:
            token = data.target_keywords.save(targets.keywords)
            label = texts.OPEN_TARGETS.format(keywords=shorten(targets.keywords, _LABEL_KEYWORDS)).rstrip()
            opener = token_rows([(label, Action.TARGETS_OPEN, token)])
        return join_keyboards(opener, answer_keyboard(None, False, row))
    best = reply.answer.best
    if best is None:
        return join_keyboards(token_rows([(q, Action.SUGGEST, data.suggested.save(q)) for q in reply.suggestions]))
    if reply.kind != Kind.ASK:
        return None
    return answer_keyboard(locate(engine.index, best), best.quote != best.paragraph, row)
