"""Wiring in one place: the Application, its handlers, start-up, and `nqbot run`."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from telegram import BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    ExtBot,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.config import Settings, load_settings
from bot.live import LiveIndex
from bot.questionlog import QuestionLog, log_path, open_question_log
from bot.telegram import admin_texts, texts
from bot.telegram.admin import Handler, on_reindex, on_stats, repair_drift_at_start
from bot.telegram.buttons import Action, pattern
from bot.telegram.callbacks import (
    on_example_pressed,
    on_paragraph_pressed,
    on_sources_page,
    on_suggestion_pressed,
    on_unknown_button,
    on_vote,
)
from bot.telegram.context import CONTEXT_TYPES, BotData, Context
from bot.telegram.errors import on_error
from bot.telegram.handlers import (
    on_group_text,
    on_help,
    on_hoi,
    on_private_non_text,
    on_private_text,
    on_sources,
    on_start,
    on_unknown_command,
)
from bot.telegram.inline import on_inline_query
from bot.telegram.logsafe import protect_logs
from bot.telegram.removals import (
    on_khoiphuc,
    on_remove_pressed,
    on_restore_pressed,
    on_xoa,
)
from bot.telegram.target_commands import on_targets, on_targets_open_pressed, on_targets_page
from bot.telegram.upkeep import Upkeep
from bot.telegram.uploads import (
    on_cancel_pressed,
    on_document,
    on_huy,
    on_pasted_text,
    on_replace_pressed,
    on_save_pressed,
    on_them,
)
from bot.telegram.webhook import serve_webhook
from index.engine import Engine, configured_embedder, open_engine
from index.errors import NqbotError
from index.retrieval.batching import batching
from index.terms.tokenize import compounds

log = logging.getLogger(__name__)

BotApp = Application[ExtBot[Any], Context, dict[Any, Any], dict[Any, Any], BotData, Any]
ALLOWED_UPDATES = (Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY)
# Under a burst, handlers wait this long for a free connection instead of failing after PTB's 1 s.
POOL_TIMEOUT = 10.0
DEFAULTS = Defaults(
    parse_mode=ParseMode.HTML,  # every text the bot sends is escaped HTML
    link_preview_options=LinkPreviewOptions(is_disabled=True),  # a link card per answer clutters a group
    allow_sending_without_reply=True,  # the question may be deleted before the answer is sent
)


class _StartupFailureEcho(logging.Filter):
    """Drops PTB's traceback for a failed start-up (bad token, API unreachable): run_bot reports it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        bootstrap = record.getMessage().startswith("Network Retry Loop (Bootstrap")
        return not bootstrap or record.levelno < logging.WARNING


class TokenRejectedError(NqbotError):
    """The Bot API refused the token (revoked, mistyped, or for another server)."""


class BotApiError(NqbotError):
    """The Bot API could not be used at start-up (unreachable, or it answered with an error)."""


class QuestionLogError(NqbotError):
    """The question log cannot be opened (unwritable folder, not an SQLite file)."""


ADMIN_COMMANDS: dict[str, Handler] = {
    "reindex": on_reindex, "thongke": on_stats, "them": on_them, "huy": on_huy, "xoa": on_xoa,
    "khoiphuc": on_khoiphuc,
}
ADMIN_BUTTONS: dict[Action, Handler] = {
    Action.SAVE: on_save_pressed, Action.REPLACE: on_replace_pressed, Action.CANCEL: on_cancel_pressed,
    Action.REMOVE: on_remove_pressed, Action.RESTORE: on_restore_pressed,
}


def _main_handlers(app: BotApp) -> None:
    """Group 0: the first handler in this list that matches an update handles it."""
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    new, edited = filters.UpdateType.MESSAGE, filters.UpdateType.EDITED_MESSAGE
    text = filters.TEXT & ~filters.COMMAND
    app.add_handlers([
        CommandHandler("start", on_start, filters=new),
        CommandHandler("help", on_help, filters=new),
        CommandHandler("nguon", on_sources, filters=new),
        CommandHandler("chitieu", on_targets, filters=new),
        CommandHandler("hoi", on_hoi, filters=new),
        *(CommandHandler(name, handler, filters=new) for name, handler in ADMIN_COMMANDS.items()),
        MessageHandler(filters.COMMAND & private & new, on_unknown_command),
        MessageHandler(text & private & (new | edited), on_private_text),
        # Forwards in a group quote someone else: never treat them as a question to the bot.
        MessageHandler(text & groups & new & ~filters.FORWARDED, on_group_text),
        # Files in groups are not addressed to the bot; in private they are bulletins (admins only).
        MessageHandler(filters.Document.ALL & private & new, on_document),
        MessageHandler(~filters.TEXT & private & new & ~filters.StatusUpdate.ALL, on_private_non_text),
        CallbackQueryHandler(on_example_pressed, pattern=pattern(Action.ASK)),
        CallbackQueryHandler(on_paragraph_pressed, pattern=pattern(Action.PARAGRAPH)),
        CallbackQueryHandler(on_vote, pattern=pattern(Action.UP, Action.DOWN)),
        CallbackQueryHandler(on_sources_page, pattern=pattern(Action.SOURCES)),
        CallbackQueryHandler(on_targets_page, pattern=pattern(Action.TARGETS)),
        CallbackQueryHandler(on_targets_open_pressed, pattern=pattern(Action.TARGETS_OPEN)),
        CallbackQueryHandler(on_suggestion_pressed, pattern=pattern(Action.SUGGEST)),
        *(CallbackQueryHandler(handler, pattern=pattern(action)) for action, handler in ADMIN_BUTTONS.items()),
        CallbackQueryHandler(on_unknown_button),
        InlineQueryHandler(on_inline_query),
    ])


def add_handlers(app: BotApp) -> None:
    # Group -1 runs first: the text an admin sends after a bare /them is a bulletin, not a question.
    text = filters.TEXT & ~filters.COMMAND
    pasted = text & filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    app.add_handler(MessageHandler(pasted, on_pasted_text), group=-1)
    _main_handlers(app)
    app.add_error_handler(on_error)


async def set_admin_menus(app: BotApp) -> None:
    """Admins see the admin commands in their menu too (needs a private chat with the bot already)."""
    scoped = texts.COMMANDS + admin_texts.COMMANDS
    for admin in sorted(app.bot_data.admins):
        try:
            await app.bot.set_my_commands(scoped, scope=BotCommandScopeChat(admin))
        except TelegramError as exc:
            log.warning("could not set the admin command menu for user %s: %s", admin, exc)


def warm_up(engine: Engine) -> None:
    """Load pyvi's segmentation model, run the embedder once and answer an example question, so that the
    first user waits for none of it; questions arriving meanwhile are answered as usual."""
    started = time.perf_counter()
    try:
        compounds(texts.EXAMPLES[0])  # loads pyvi's model (index/terms/segment.py)
        if engine.embedder is not None:
            engine.embedder.query(texts.EXAMPLES[0])
        engine.warm()
        engine.ask(texts.EXAMPLES[0])
    except Exception:  # a warm-up only: the questions themselves report their errors
        log.warning("warm-up failed", exc_info=True)
        return
    log.info("warmed up in %.2f s (segmenter, embedder, the index's tables, an example question)",
             time.perf_counter() - started)


async def post_init(app: BotApp) -> None:
    """Before the first update: command menus, the segmenter and the embedder warming up in a background thread
    (so that neither start-up nor the first user waits for them), the upkeep task."""
    await app.bot.set_my_commands(texts.COMMANDS)
    await set_admin_menus(app)
    data = app.bot_data
    await repair_drift_at_start(app.bot, data)  # the index loaded at start may miss changes made before a crash
    # The segmenter's model and the embedder's first run, in the background: serving starts at once.
    threading.Thread(target=warm_up, args=(data.engine,), name="nqbot-warm-up", daemon=True).start()
    log.info("ready as @%s: %d bulletins, admins: %d", app.bot.username, len(data.engine.index.bulletins),
             len(data.admins))
    data.upkeep = Upkeep(data.live, data.question_log, data.settings.paths.reload_seconds)
    await data.upkeep.tick()  # prunes the question log at start-up
    data.upkeep.start()


async def post_shutdown(app: BotApp) -> None:
    await app.bot_data.waiting.close()  # questions still waiting their turn are dropped with the process
    if app.bot_data.upkeep is not None:
        await app.bot_data.upkeep.stop()


def build_application(
    settings: Settings, live: LiveIndex, question_log: QuestionLog, request: BaseRequest | None = None
) -> BotApp:
    """The bot, ready to initialize; `request` replaces the HTTP transport (tests)."""
    telegram = settings.telegram
    builder = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(telegram.base_url)
        .base_file_url(telegram.base_file_url)
        .context_types(CONTEXT_TYPES)
        .defaults(DEFAULTS)
        .concurrent_updates(telegram.concurrent_updates)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        builder = builder.connection_pool_size(telegram.connection_pool_size).pool_timeout(POOL_TIMEOUT)
    app: BotApp = (builder.rate_limiter(AIORateLimiter()) if telegram.rate_limiter else builder).build()
    app.bot_data.setup(live, settings, question_log)
    add_handlers(app)
    return app


def _open_question_log(settings: Settings) -> QuestionLog:
    path = settings.question_log.path or log_path(settings.paths.index)
    try:
        return open_question_log(path, settings.question_log.retention_days)
    except (OSError, sqlite3.Error) as exc:
        raise QuestionLogError(f"cannot open the question log {path}: {exc}") from None


def _serve(app: BotApp, settings: Settings, webhook: tuple[str, str] | None) -> None:
    """Poll, or serve `webhook` (public URL, secret token) until a stop signal."""
    if webhook is None:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
        return
    url, secret = webhook
    hook = settings.webhook
    try:
        serve_webhook(app, hook, url, secret, ALLOWED_UPDATES)  # the webhook and /healthz
    except OSError as exc:
        raise BotApiError(f"cannot serve the webhook on {hook.listen}:{hook.port}: {exc.strerror or exc}") from None


def run_bot(config_path: Path | None, webhook: bool) -> int:
    """`nqbot run`: load settings and the index (failing fast), then serve until stopped."""
    settings = load_settings(config_path)
    token = settings.require_token()
    hook = settings.require_webhook() if webhook else None
    redactor = protect_logs(token, hook[1] if hook else "")
    logging.getLogger("telegram.ext").addFilter(_StartupFailureEcho())
    paths = settings.paths
    # Questions answered at the same time in worker threads are encoded in one batch of the model.
    engine, report = open_engine(paths.index, paths.corpus, paths.lexicon, embedder=batching(configured_embedder()))
    if report is not None:
        log.info("built the index: %d bulletins, %d paragraphs", report.bulletins, report.paragraphs)
    question_log = _open_question_log(settings)
    app = build_application(settings, LiveIndex(engine, paths.index, paths.corpus), question_log)
    try:
        _serve(app, settings, hook)
    except InvalidToken:
        # PTB's message quotes the token: say it our way.
        raise TokenRejectedError("the Bot API rejected the bot token (check TELEGRAM_BOT_TOKEN)") from None
    except TelegramError as exc:
        raise BotApiError(f"Bot API at {settings.telegram.base_url}: {redactor.redact(str(exc))}") from None
    finally:
        question_log.close()
    return 0
