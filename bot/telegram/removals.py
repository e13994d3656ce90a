"""Admins remove bulletins (/xoa, after a button press) into the trash, and restore them (/khoiphuc).

Nothing is deleted: a removed file moves to the `.trash` folder of its corpus folder, from which
/khoiphuc moves it back. Each change is followed by an incremental reindex. The buttons of one list
are one group: a choice, or Hủy, ends them all.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Message, Update

from bot.corpus_admin import (
    TRASH,
    Located,
    find_bulletins,
    original_name,
    remove_bulletin,
    restore_bulletin,
    trash_listing,
)
from bot.corpus_lock import CorpusChangeError, CorpusWriteError
from bot.telegram import admin_texts as texts
from bot.telegram.admin import admin_only, expired, reindex_and_report, take_pending
from bot.telegram.admin_render import button_label, echo, render_located, write_refused
from bot.telegram.buttons import Action, token_keyboard
from bot.telegram.context import Context
from bot.telegram.handlers import command_argument
from bot.telegram.pending import Removal, Restore
from bot.telegram.render import esc

log = logging.getLogger(__name__)

CHOICES = 8  # buttons offered at once


async def _offer_removal(message: Message, admin: int, context: Context, found: list[Located]) -> None:
    tokens = context.bot_data.pending.add_all(admin, [Removal(item.folder, item.name, item.title) for item in found])
    if len(found) == 1:
        rows = [[(texts.REMOVE, Action.REMOVE, tokens[0]), (texts.CANCEL, Action.CANCEL, tokens[0])]]
        text = texts.CONFIRM_REMOVE.format(item=render_located(found))
    else:
        rows = [[(button_label(f"🗑 {n}.", item), Action.REMOVE, token)]
                for n, (item, token) in enumerate(zip(found, tokens), start=1)]
        rows.append([(texts.CANCEL, Action.CANCEL, tokens[0])])
        text = texts.CHOOSE_REMOVE.format(count=len(found), items=render_located(found, numbered=True))
    await message.reply_text(text, reply_markup=token_keyboard(*rows))


@admin_only("/xoa")
async def on_xoa(update: Update, context: Context) -> None:
    """/xoa <file name, URL or words of the title>: asks which bulletin and for confirmation."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    query = command_argument(message.text)
    if not query:
        await message.reply_text(texts.XOA_USAGE)
        return
    index = context.bot_data.engine.index
    found = await asyncio.to_thread(find_bulletins, context.bot_data.live.corpus, index, query)
    if not found:
        await message.reply_text(texts.NOT_FOUND.format(query=echo(query)))
    elif len(found) > CHOICES:
        items = render_located(found[:20])
        await message.reply_text(texts.TOO_MANY.format(count=len(found), query=echo(query), items=items))
    else:
        await _offer_removal(message, user.id, context, found)


@admin_only("remove button")
async def on_remove_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    removal = take_pending(query, context) if query else None
    if query is None or not isinstance(removal, Removal):
        await expired(query)
        return
    try:
        lock = context.bot_data.live.corpus[0]
        trashed = await asyncio.to_thread(remove_bulletin, removal.folder, removal.name, lock)
    except CorpusChangeError as exc:
        log.info("not removed: %s", exc)
        gone = texts.GONE.format(file=esc(removal.name))
        await query.edit_message_text(write_refused(exc) if isinstance(exc, CorpusWriteError) else gone)
        await query.answer()
        return
    log.info("admin %s moved %s to the trash as %s", query.from_user.id, removal.name, trashed)
    message = await query.edit_message_text(texts.REMOVED.format(file=esc(removal.name), trashed=esc(trashed)))
    await query.answer()
    if isinstance(message, Message):
        await reindex_and_report(message, context, wait=True)


async def _restore(message: Message, context: Context, item: Restore, admin: int) -> None:
    """Move the file back, say so, and reindex; a file of the same name in the corpus blocks it."""
    try:
        name = await asyncio.to_thread(restore_bulletin, item.folder, item.name, context.bot_data.live.corpus[0])
    except CorpusWriteError as exc:
        log.info("restore refused: %s", exc)
        await message.reply_text(write_refused(exc))
        return
    except CorpusChangeError as exc:
        log.info("restore refused: %s", exc)
        gone = not (item.folder / TRASH / item.name).exists()
        text = texts.GONE_FROM_TRASH if gone else texts.RESTORE_BLOCKED.format(file=esc(original_name(item.name)))
        await message.reply_text(text)
        return
    log.info("admin %s restored %s as %s", admin, item.name, name)
    await message.reply_text(texts.RESTORED.format(file=esc(name)))
    await reindex_and_report(message, context, wait=True)


@admin_only("/khoiphuc")
async def on_khoiphuc(update: Update, context: Context) -> None:
    """/khoiphuc: the trash, newest first, as buttons; /khoiphuc <name> restores that file at once."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    query = command_argument(message.text)
    items, total = await asyncio.to_thread(trash_listing, context.bot_data.live.corpus, query, CHOICES)
    if not items:
        await message.reply_text(texts.NOT_IN_TRASH.format(query=echo(query)) if query else texts.TRASH_EMPTY)
        return
    if query and total == 1:
        await _restore(message, context, Restore(items[0].folder, items[0].name), user.id)
        return
    tokens = context.bot_data.pending.add_all(user.id, [Restore(item.folder, item.name) for item in items])
    rows = [[(button_label("♻️", item), Action.RESTORE, token)] for item, token in zip(items, tokens)]
    rows.append([(texts.CANCEL, Action.CANCEL, tokens[0])])
    text = texts.CHOOSE_RESTORE.format(count=total, items=render_located(items))
    await message.reply_text(text, reply_markup=token_keyboard(*rows))


@admin_only("restore button")
async def on_restore_pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    item = take_pending(query, context) if query else None
    if query is None or not isinstance(item, Restore) or not isinstance(query.message, Message):
        await expired(query)
        return
    await query.edit_message_reply_markup(None)  # one restore per listing: the other buttons go
    await query.answer()
    await _restore(query.message, context, item, query.from_user.id)
