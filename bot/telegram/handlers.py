"""Handlers for commands and messages, named by what the user did."""

from __future__ import annotations

import logging

from telegram import Bot, Message, MessageEntity, Update
from telegram.constants import ChatType

from bot.telegram import texts
from bot.telegram.buttons import examples_keyboard, pages_keyboard
from bot.telegram.context import Context
from bot.telegram.dialogue import take_message
from bot.telegram.render import (
    esc,
    page_count,
    render_help,
    render_sources,
    render_start,
)
from index.answer.plain import EMPTY_QUESTION

log = logging.getLogger(__name__)


def asker(update: Update) -> int:
    """Whom the per-user limit and the question log's hashed id count: the user, or the chat a message was
    sent on behalf of. Messages from anonymous group admins (and linked channels) come from one placeholder
    account shared by every group, so its id would put them all in one bucket; the `sender_chat` tells
    them apart (chat ids are negative and never collide with users')."""
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat else 0


def _first_name(update: Update) -> str | None:
    """Whom to greet: the sender, unless the message speaks for a chat (an anonymous group admin)."""
    message = update.effective_message
    if update.effective_user is None or (message is not None and message.sender_chat is not None):
        return None
    return update.effective_user.first_name


def command_argument(text: str | None) -> str:
    parts = (text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def addressed_question(message: Message, bot: Bot) -> str | None:
    """In a group: the question if the message mentions the bot or replies to it, else None."""
    text = message.text or ""
    mentions = [
        value
        for entity, value in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items()
        if (entity.user is not None and entity.user.id == bot.id) or value.lower() == f"@{bot.username}".lower()
    ]
    if mentions:
        for value in mentions:
            text = text.replace(value, " ")
        return text.strip()
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
        return text
    return None


async def on_start(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    first_name = update.effective_user.first_name if update.effective_user else None
    text = render_start(first_name, context.bot_data.engine.index)
    if message.chat.type != ChatType.PRIVATE:  # "type your question" would be ignored here: say how to ask
        how = texts.GROUP_HOW_TO_ASK.format(mention=esc(f"@{context.bot.username}"))
        text = text.replace(texts.ASK_IN_PRIVATE, how)
    await message.reply_text(text, reply_markup=examples_keyboard(texts.EXAMPLES))


async def on_help(update: Update, context: Context) -> None:
    """How to ask, the commands (admin ones for admins, in private), and what is stored."""
    message = update.effective_message
    if message is None:
        return
    user_id = update.effective_user.id if update.effective_user else None
    admin = context.bot_data.is_admin(user_id) and message.chat.type == ChatType.PRIVATE
    days = context.bot_data.settings.question_log.retention_days
    await message.reply_text(render_help(context.bot.username, days, admin))


async def on_sources(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    index = context.bot_data.engine.index
    text, page = render_sources(index, 0)
    await update.effective_message.reply_text(text, reply_markup=pages_keyboard(page, page_count(index)))


async def on_hoi(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    question = command_argument(message.text)
    if not question:
        await message.reply_text(texts.HOI_USAGE.format(example=esc(texts.EXAMPLES[0])))
        return
    await take_message(message, question, asker(update), context, _first_name(update))


async def on_private_text(update: Update, context: Context) -> None:
    """Any text in a private chat is a question, edited ones too (the user fixed a typo)."""
    message = update.effective_message
    if message is not None and message.text is not None:
        await take_message(message, message.text, asker(update), context, _first_name(update))


async def on_group_text(update: Update, context: Context) -> None:
    """In a group, answer only messages addressed to the bot; stay silent on the rest."""
    message = update.effective_message
    if message is None:
        return
    question = addressed_question(message, context.bot)
    if question is not None:
        await take_message(message, question, asker(update), context, _first_name(update))


async def on_private_non_text(update: Update, context: Context) -> None:
    """Stickers, photos, voice and the like: the bot reads text only, and says so."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(esc(EMPTY_QUESTION))


async def on_unknown_command(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        await update.effective_message.reply_text(texts.UNKNOWN_COMMAND)
