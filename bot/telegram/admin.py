"""Admin access, reindexing and statistics.

Admins are the user ids of the config (`admins.ids`, or NQBOT_ADMINS). Admin commands and buttons from
anyone else are refused politely and logged with the user id and command, and never run. Admin work
is done in private chats only: statistics and previews of bulletins are not for a group's eyes.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

from telegram import Bot, CallbackQuery, Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.corpus_lock import CorpusWriteError
from bot.live import DriftRepair, ReindexBusy
from bot.questionlog import DayCounts, QuestionLog, Stats, stats_text
from bot.stats_chart import ChartError, chart_png
from bot.telegram import admin_texts as texts
from bot.telegram.admin_render import render_drift, render_report, write_refused
from bot.telegram.ask import reply_html
from bot.telegram.buttons import payload
from bot.telegram.context import BotData, Context
from bot.telegram.pending import Claim, PendingAction
from bot.telegram.render import esc
from index.errors import NqbotError

log = logging.getLogger(__name__)

Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]
WAIT_FOR_REINDEX = 600.0  # seconds a change made from Telegram waits for a running reindex to finish
_POLL = 0.25


async def _tell(update: Update, text: str) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


def admin_only(action: str, refusal: str = texts.NOT_ADMIN) -> Callable[[Handler], Handler]:
    """Run the handler only for an admin in a private chat; refuse (and log) everyone else."""

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(update: Update, context: Context) -> None:
            user_id = update.effective_user.id if update.effective_user else None
            if not context.bot_data.is_admin(user_id):
                log.warning("refused %s from user %s: not an admin", action, user_id)
                await _tell(update, refusal)
                return
            if update.effective_chat is None or update.effective_chat.type != ChatType.PRIVATE:
                await _tell(update, texts.PRIVATE_ONLY)
                return
            log.info("admin %s: %s", user_id, action)
            await handler(update, context)

        return guarded

    return wrap


def take_pending(query: CallbackQuery, context: Context) -> PendingAction | None:
    """The action behind a pressed admin button, if it is still pending for this admin (once)."""
    return context.bot_data.pending.take(payload(query.data), query.from_user.id)


def claim_pending(query: CallbackQuery, context: Context) -> Claim | None:
    """Like `take_pending`, but the action is used up only if it succeeds: on failure, give it back
    with `context.bot_data.pending.release(claim)` and the same buttons work again."""
    return context.bot_data.pending.claim(payload(query.data), query.from_user.id)


async def give_back(query: CallbackQuery, context: Context, claim: Claim, exc: CorpusWriteError) -> None:
    """A folder refused the write: say why and leave the same buttons working (pressed again once the
    folder is writable)."""
    context.bot_data.pending.release(claim)
    markup = query.message.reply_markup if isinstance(query.message, Message) else None
    await query.edit_message_text(write_refused(exc), reply_markup=markup)
    await query.answer()


async def expired(query: CallbackQuery | None) -> None:
    """A button whose action is gone: used, expired, another admin's, or from before a restart."""
    if query is not None:
        await query.answer(texts.EXPIRED, show_alert=True)


async def reindex_and_report(message: Message, context: Context, wait: bool = False, reserved: bool = False) -> None:
    """Rebuild in a worker thread (questions keep using the old engine), then reply with the report.

    `wait`: after a change made from Telegram, wait for a running reindex rather than give up, so
    the change is in the index when the reply says so. `reserved`: the caller holds the slot already
    (LiveIndex.reserve).
    """
    live = context.bot_data.live
    deadline = time.monotonic() + (WAIT_FOR_REINDEX if wait else 0.0)
    while True:
        try:
            report = await asyncio.to_thread(live.reindex, None, reserved)
            break
        except ReindexBusy:
            if time.monotonic() >= deadline:
                await message.reply_text(texts.REINDEX_BUSY)
                return
            await asyncio.sleep(_POLL)
        except (NqbotError, OSError) as exc:
            log.warning("reindex failed, the old index keeps serving: %s", exc)
            await reply_html(message, texts.REINDEX_FAILED.format(reason=esc(str(exc))))
            return
    await reply_html(message, render_report(report))


async def tell_admins(bot: Bot, admins: Iterable[int], text: str) -> None:
    """Send `text` to each admin; one who never opened a chat with the bot is skipped (and logged)."""
    for admin in sorted(admins):
        try:
            await bot.send_message(admin, text)
        except TelegramError as exc:
            log.warning("could not tell admin %s: %s", admin, exc)


async def repair_drift_at_start(bot: Bot, data: BotData) -> None:
    """Reindex when the index does not match the corpus (a change, then a crash before its reindex)
    and tell the admins; from now on a repair after a reload is told to them too."""
    loop = asyncio.get_running_loop()

    def heard(repair: DriftRepair) -> None:  # called in the reloading worker thread
        try:
            asyncio.run_coroutine_threadsafe(tell_admins(bot, data.admins, render_drift(repair)), loop)
        except RuntimeError:  # the bot is stopping: the log has it
            log.warning("index repaired after a reload while the bot stops; admins not told")

    data.live.on_repair = heard
    repair = await asyncio.to_thread(data.live.repair_drift)
    if repair is not None:
        await tell_admins(bot, data.admins, render_drift(repair))


@admin_only("/reindex")
async def on_reindex(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    live = context.bot_data.live
    if not live.reserve():  # told, not queued; reserved before any await, so a second /reindex sees it
        await message.reply_text(texts.REINDEX_BUSY)
        return
    try:
        await message.reply_text(texts.REINDEX_STARTED)
    except BaseException:
        live.release()
        raise
    await reindex_and_report(message, context, reserved=True)


def _figures(question_log: QuestionLog) -> tuple[Stats, list[DayCounts]]:
    return question_log.stats(), question_log.daily()


@admin_only("/thongke")
async def on_stats(update: Update, context: Context) -> None:
    """The figures as text, then the chart of the last 30 days (drawn in a worker thread: matplotlib takes
    a moment); when it cannot be drawn, the text stands alone."""
    message = update.effective_message
    if message is None:
        return
    stats, days = await asyncio.to_thread(_figures, context.bot_data.question_log)
    await reply_html(message, f"{texts.STATS_HEAD}\n{esc(stats_text(stats))}")
    try:
        chart = await asyncio.to_thread(chart_png, days)
    except ChartError:
        return  # logged where it failed
    await message.reply_photo(chart, caption=texts.STATS_CHART, filename="thongke.png")
