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
    Located,
    RestoreBlocked,
    find_bulletins,
    original_name,
    remove_bulletin,
    restore_version,
)
from bot.corpus_lock import CorpusChangeError, CorpusWriteError
from bot.telegram import admin_texts as texts
from bot.telegram.admin import admin_only, claim_pending, expired, give_back, reindex_and_report
from bot.telegram.admin_render import (
    button_label,
    echo,
    render_located,
    render_restore_replace,
    render_restored,
    render_trash,
    restore_labels,
    write_refused,
)
from bot.telegram.buttons import Action, token_keyboard
from bot.telegram.context import Context
from bot.telegram.handlers import command_argument
from bot.telegram.pending import Removal, Restore
from bot.telegram.render import esc
from bot.trash import Trashed, TrashMatch, find_in_trash, trash_entry

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
    engine = context.bot_data.engine
    found = await asyncio.to_thread(find_bulletins, context.bot_data.live.corpus, engine.index, query, engine.lexicon)
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
    claim = claim_pending(query, context) if query else None
    if query is None or claim is None or not isinstance(claim.action, Removal):
        await expired(query)
        return
    removal = claim.action
    try:
        lock = context.bot_data.live.corpus[0]
        trashed = await asyncio.to_thread(remove_bulletin, removal.folder, removal.name, lock)
    except CorpusWriteError as exc:
        log.info("not removed: %s", exc)
        await give_back(query, context, claim, exc)
        return
    except CorpusChangeError as exc:
        log.info("not removed: %s", exc)
        await query.edit_message_text(texts.GONE.format(file=esc(removal.name)))
        await query.answer()
        return
    log.info("admin %s moved %s to the trash as %s", query.from_user.id, removal.name, trashed)
    message = await query.edit_message_text(texts.REMOVED.format(file=esc(removal.name), trashed=esc(trashed)))
    await query.answer()
    if isinstance(message, Message):
        await reindex_and_report(message, context, wait=True)


async def _restore(message: Message, context: Context, item: Restore, admin: int, versions: int = 1) -> str | None:
    """Move the file back (over the file of its name, for "Thay thế"). Returns what to say: which version
    came back; "" when it can never be done (gone from the trash, said already); None when it could not
    be done now: the folder refused the write, or a file of its name is in the way ("Thay thế" offered)."""
    entry = await asyncio.to_thread(trash_entry, item.folder, item.name)
    try:
        name, replaced = await asyncio.to_thread(restore_version, item.folder, item.name,
                                                 context.bot_data.live.corpus[0], item.replace)
    except RestoreBlocked:
        await _offer_replace(message, context, admin, item, entry)
        return None
    except CorpusWriteError as exc:
        log.info("restore refused: %s", exc)
        await message.reply_text(write_refused(exc))
        return None
    except CorpusChangeError as exc:
        log.info("restore refused: %s", exc)
        await message.reply_text(texts.GONE_FROM_TRASH)
        return ""
    log.info("admin %s restored %s as %s (the file it replaced went to the trash as %s)", admin, item.name, name,
             replaced)
    return render_restored(name, entry, versions, replaced is not None)


async def _offer_replace(message: Message, context: Context, admin: int, item: Restore,
                         entry: Trashed | None) -> None:
    """A file of the trashed file's name is in the corpus: ask before replacing it ("Thay thế" / "Hủy")."""
    name = entry.original if entry is not None else original_name(item.name)
    token = context.bot_data.pending.add(admin, Restore(item.folder, item.name, replace=True))
    keyboard = token_keyboard([(texts.REPLACE, Action.RESTORE, token), (texts.CANCEL, Action.CANCEL, token)])
    await message.reply_text(render_restore_replace(entry, name), reply_markup=keyboard)


async def _offer_restore(message: Message, context: Context, admin: int, match: TrashMatch) -> None:
    """The versions found, newest first, a button each ("Thay thế" where a file of its name exists)."""
    items = match.entries
    tokens = context.bot_data.pending.add_all(
        admin, [Restore(item.folder, item.name, replace=item.blocked) for item in items])
    rows = [[(label, Action.RESTORE, token)] for label, token in zip(restore_labels(items), tokens)]
    rows.append([(texts.CANCEL, Action.CANCEL, tokens[0])])
    text = texts.CHOOSE_RESTORE.format(count=match.total, items=render_trash(items))
    await message.reply_text(text, reply_markup=token_keyboard(*rows))


@admin_only("/khoiphuc")
async def on_khoiphuc(update: Update, context: Context) -> None:
    """/khoiphuc: the trash, newest first, as buttons. /khoiphuc <name>: that file at once; with a
    bulletin's original name, its newest version (the reply says so)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    query = command_argument(message.text)
    match = await asyncio.to_thread(find_in_trash, context.bot_data.live.corpus, query, CHOICES)
    if not match.entries:
        await message.reply_text(texts.NOT_IN_TRASH.format(query=echo(query)) if query else texts.TRASH_EMPTY)
        return
    if query and (match.total == 1 or match.by_original):
        newest = match.entries[0]
        versions = match.total if match.by_original else 1
        if said := await _restore(message, context, Restore(newest.folder, newest.name), user.id, versions):
            await message.reply_text(said)
            await reindex_and_report(message, context, wait=True)
        return
    await _offer_restore(message, context, user.id, match)


@admin_only("restore button")
async def on_restore_pressed(update: Update, context: Context) -> None:
    """A version chosen (or "Thay thế" confirmed): the buttons go only once the file is back."""
    query = update.callback_query
    claim = claim_pending(query, context) if query else None
    if query is None or claim is None or not isinstance(claim.action, Restore):
        await expired(query)
        return
    if not isinstance(query.message, Message):  # too old for Telegram to show: nothing to answer under
        context.bot_data.pending.release(claim)
        await expired(query)
        return
    await query.answer()
    said = await _restore(query.message, context, claim.action, query.from_user.id)
    if said is None:  # not done: the same buttons work again
        context.bot_data.pending.release(claim)
        return
    await query.edit_message_reply_markup(None)  # one restore per listing: the other buttons go
    if said:
        await query.message.reply_text(said)
        await reindex_and_report(query.message, context, wait=True)
