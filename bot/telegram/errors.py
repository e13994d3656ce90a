"""The one error handler: log with traceback, tell the user, keep the bot running."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import NetworkError, TelegramError

from bot.telegram import texts
from bot.telegram.context import Context

log = logging.getLogger(__name__)


def _describe(update: object) -> str:
    # What kind of update, never its content: logs must not keep users' questions.
    if not isinstance(update, Update):
        return "no update" if update is None else type(update).__name__
    chat = update.effective_chat.type if update.effective_chat else "no chat"
    kinds = ("message", "edited_message", "callback_query", "inline_query")
    kind = next((k for k in kinds if getattr(update, k) is not None), "other")
    return f"update {update.update_id} ({kind}, {chat})"


async def _tell_user(update: Update) -> None:
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(texts.SOMETHING_WRONG, show_alert=True)
        elif update.effective_message is not None and update.inline_query is None:
            await update.effective_message.reply_text(texts.SOMETHING_WRONG)
    except TelegramError as exc:
        log.warning("could not tell the user about the error: %s", exc)


async def on_error(update: object, context: Context) -> None:
    if update is None and isinstance(context.error, NetworkError):
        # Polling hiccups: PTB retries by itself; a traceback per blip would drown real errors.
        log.warning("network problem talking to the Bot API: %s", context.error)
        return
    log.error("error while handling %s", _describe(update), exc_info=context.error)
    if isinstance(update, Update):
        await _tell_user(update)
