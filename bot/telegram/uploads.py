"""Admins add bulletins: a .txt/.md document, or text pasted after /them; checked, previewed, then saved.

Nothing is written before the admin presses "Lưu" under the preview; a bulletin with the name or URL
of an existing one is written only after "Thay thế" (the old file goes to the trash), and replaces
only the files the admin was shown. A pasted bulletin's made-up name never asks to replace anything.
The file then joins the index by an incremental reindex.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path

from telegram import CallbackQuery, Message, Update
from telegram.ext import ApplicationHandlerStop

from bot.corpus_admin import (
    Conflict,
    check_bulletin,
    find_conflicts,
    pasted_bulletin,
    safe_name,
    save,
)
from bot.corpus_lock import CorpusChangeError, CorpusWriteError
from bot.telegram import admin_texts as texts
from bot.telegram.admin import admin_only, claim_pending, expired, give_back, reindex_and_report, take_pending
from bot.telegram.admin_render import bulletin_error, render_conflicts, render_preview
from bot.telegram.buttons import Action, token_keyboard
from bot.telegram.context import Context
from bot.telegram.handlers import command_argument
from bot.telegram.pending import Claim, Upload
from bot.telegram.render import esc
from index.bulletins.models import Bulletin
from index.errors import BulletinError

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")


async def _preview(message: Message, admin: int, context: Context, name: str | None, data: bytes) -> None:
    """Parse (in a thread); show what was understood with "Lưu"/"Hủy", or say why it cannot be used."""
    limit = context.bot_data.settings.admins.max_upload_bytes
    try:
        if name is None:
            bulletin = await asyncio.to_thread(pasted_bulletin, data, limit)
        else:
            bulletin = await asyncio.to_thread(check_bulletin, name, data, limit)
    except BulletinError as exc:
        log.info("upload refused: %s", exc)
        await message.reply_text(texts.UPLOAD_REFUSED.format(reason=bulletin_error(exc)))
        return
    token = context.bot_data.pending.add(admin, Upload(bulletin, data, generated=name is None))
    keyboard = token_keyboard([(texts.SAVE, Action.SAVE, token), (texts.CANCEL, Action.CANCEL, token)])
    await message.reply_text(render_preview(bulletin), reply_markup=keyboard)


def _too_large(size: int, limit: int) -> str:
    return texts.TOO_LARGE.format(size=f"{size:,}".replace(",", "."), limit=f"{limit:,}".replace(",", "."))


@admin_only("document upload", refusal=texts.NOT_ADMIN_DOCUMENT)
async def on_document(update: Update, context: Context) -> None:
    """A file sent in a private chat: a bulletin when it is .txt or .md and within the size cap."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.document is None:
        return
    document, limit = message.document, context.bot_data.settings.admins.max_upload_bytes
    if Path(document.file_name or "").suffix.lower() not in SUFFIXES:
        await message.reply_text(texts.NOT_A_BULLETIN_FILE)
        return
    if document.file_size and document.file_size > limit:
        await message.reply_text(_too_large(document.file_size, limit))
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    if len(data) > limit:
        await message.reply_text(_too_large(len(data), limit))
        return
    await _preview(message, user.id, context, safe_name(document.file_name or ""), data)


@admin_only("/them")
async def on_them(update: Update, context: Context) -> None:
    """/them with the bulletin in the same message, or alone: then the next message is the bulletin."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    text = command_argument(message.text)
    if text:
        await _preview(message, user.id, context, None, text.encode("utf-8"))
        return
    context.bot_data.pastes.start(message.chat.id, user.id)
    minutes = round(context.bot_data.settings.admins.confirm_minutes)
    await message.reply_text(texts.THEM_PROMPT.format(minutes=minutes))


async def on_pasted_text(update: Update, context: Context) -> None:
    """Runs before the question handlers: the text an admin sends after a bare /them is the bulletin."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or message.text is None:
        return
    if not context.bot_data.is_admin(user.id) or not context.bot_data.pastes.take(message.chat.id, user.id):
        return  # an ordinary question: the next handler group answers it
    await _preview(message, user.id, context, None, message.text.encode("utf-8"))
    raise ApplicationHandlerStop


@admin_only("/huy")
async def on_huy(update: Update, context: Context) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    cancelled = context.bot_data.pastes.cancel(message.chat.id, user.id)
    await message.reply_text(texts.PASTE_CANCELLED if cancelled else texts.NOTHING_TO_CANCEL)


async def _ask_to_replace(
    query: CallbackQuery, context: Context, upload: Upload, found: list[tuple[Path, Conflict]]
) -> None:
    shown = dataclasses.replace(upload, replacing=tuple(c.file for _, c in found))
    token = context.bot_data.pending.add(query.from_user.id, shown)
    keyboard = token_keyboard([(texts.REPLACE, Action.REPLACE, token), (texts.CANCEL, Action.CANCEL, token)])
    await query.edit_message_text(render_conflicts(upload.bulletin, found), reply_markup=keyboard)
    await query.answer()


async def _write_and_index(query: CallbackQuery, context: Context, claim: Claim, upload: Upload) -> None:
    """Save under the corpus lock (replacing only what the admin was shown), say so, and reindex.
    A folder that refuses the write leaves the buttons working, to press again once it is fixed."""
    bulletin: Bulletin = upload.bulletin
    live = context.bot_data.live
    try:
        saved = await asyncio.to_thread(save, live.corpus, live.engine.index, bulletin, upload.data,
                                        upload.replacing, upload.generated)
    except CorpusWriteError as exc:
        log.info("not saved: %s", exc)
        await give_back(query, context, claim, exc)
        return
    except CorpusChangeError as exc:
        log.info("not saved: %s", exc)
        await query.edit_message_text(texts.CONFLICT_APPEARED)
        await query.answer()
        return
    log.info("admin %s saved bulletin %s (replacing %s)", query.from_user.id, saved.file, list(upload.replacing))
    replaced = texts.SAVED_REPLACED if upload.replacing else ""
    message = await query.edit_message_text(texts.SAVED.format(file=esc(saved.file), replaced=replaced))
    await query.answer()
    if isinstance(message, Message):
        await reindex_and_report(message, context, wait=True)


async def _pressed_upload(update: Update, context: Context) -> tuple[CallbackQuery, Claim, Upload] | None:
    """The callback query and the upload its button stands for (claimed); tells the admin when it expired."""
    query = update.callback_query
    claim = claim_pending(query, context) if query else None
    if query is None or claim is None or not isinstance(claim.action, Upload):
        await expired(query)
        return None
    return query, claim, claim.action


@admin_only("save button")
async def on_save_pressed(update: Update, context: Context) -> None:
    pressed = await _pressed_upload(update, context)
    if pressed is None:
        return
    query, claim, upload = pressed
    live = context.bot_data.live
    found = await asyncio.to_thread(find_conflicts, live.corpus, live.engine.index, upload.bulletin, upload.generated)
    if found:
        await _ask_to_replace(query, context, upload, found)
        return
    await _write_and_index(query, context, claim, upload)


@admin_only("replace button")
async def on_replace_pressed(update: Update, context: Context) -> None:
    pressed = await _pressed_upload(update, context)
    if pressed is not None:
        query, claim, upload = pressed
        await _write_and_index(query, context, claim, upload)


@admin_only("cancel button")
async def on_cancel_pressed(update: Update, context: Context) -> None:
    """"Hủy" under any admin prompt: the pending action is dropped and nothing changes."""
    query = update.callback_query
    if query is None:
        return
    take_pending(query, context)
    await query.edit_message_text(texts.CANCELLED)
    await query.answer()
