"""Wiring in one place: the Application, its handlers, start-up, and `nqbot run`."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any

from telegram import LinkPreviewOptions, Update
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

from index.errors import NqbotError

from ..config import Settings, load_settings
from ..engine import Engine, open_engine
from . import texts
from .buttons import Action, pattern
from .callbacks import on_example_pressed, on_paragraph_pressed, on_sources_page, on_unknown_button, on_vote
from .context import CONTEXT_TYPES, BotData, Context
from .errors import on_error
from .feedback import FeedbackSink
from .handlers import (
    on_group_text,
    on_help,
    on_hoi,
    on_private_non_text,
    on_private_text,
    on_sources,
    on_start,
    on_unknown_command,
)
from .inline import on_inline_query
from .logsafe import protect_logs

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


def add_handlers(app: BotApp) -> None:
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    new, edited = filters.UpdateType.MESSAGE, filters.UpdateType.EDITED_MESSAGE
    text = filters.TEXT & ~filters.COMMAND
    app.add_handlers([
        CommandHandler("start", on_start, filters=new),
        CommandHandler("help", on_help, filters=new),
        CommandHandler("nguon", on_sources, filters=new),
        CommandHandler("hoi", on_hoi, filters=new),
        MessageHandler(filters.COMMAND & private & new, on_unknown_command),
        MessageHandler(text & private & (new | edited), on_private_text),
        # Forwards in a group quote someone else: never treat them as a question to the bot.
        MessageHandler(text & groups & new & ~filters.FORWARDED, on_group_text),
        MessageHandler(~filters.TEXT & private & new & ~filters.StatusUpdate.ALL, on_private_non_text),
        CallbackQueryHandler(on_example_pressed, pattern=pattern(Action.ASK)),
        CallbackQueryHandler(on_paragraph_pressed, pattern=pattern(Action.PARAGRAPH)),
        CallbackQueryHandler(on_vote, pattern=pattern(Action.UP, Action.DOWN)),
        CallbackQueryHandler(on_sources_page, pattern=pattern(Action.SOURCES)),
        CallbackQueryHandler(on_unknown_button),
        InlineQueryHandler(on_inline_query),
    ])
    app.add_error_handler(on_error)


async def post_init(app: BotApp) -> None:
    """Before the first update: the command menu, and pyvi loaded so no user waits for it."""
    await app.bot.set_my_commands(texts.COMMANDS)
    engine = app.bot_data.engine
    started = time.perf_counter()
    await asyncio.to_thread(engine.ask, texts.EXAMPLES[0])
    log.info(
        "ready as @%s: %d bulletins (warm-up %.2f s)",
        app.bot.username, len(engine.index.bulletins), time.perf_counter() - started,
    )


def build_application(
    settings: Settings, engine: Engine, request: BaseRequest | None = None, feedback: FeedbackSink | None = None
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
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        builder = builder.connection_pool_size(telegram.connection_pool_size).pool_timeout(POOL_TIMEOUT)
    app: BotApp = (builder.rate_limiter(AIORateLimiter()) if telegram.rate_limiter else builder).build()
    app.bot_data.setup(engine, settings, feedback)
    add_handlers(app)
    return app


def _serve(app: BotApp, settings: Settings, webhook: tuple[str, str] | None) -> None:
    """Poll, or serve `webhook` (public URL, secret token) until a stop signal."""
    if webhook is None:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
        return
    url, secret = webhook
    hook = settings.webhook
    try:
        app.run_webhook(
            listen=hook.listen, port=hook.port, url_path=hook.url_path, webhook_url=url,
            secret_token=secret, allowed_updates=ALLOWED_UPDATES,
        )
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
    engine, report = open_engine(paths.index, paths.corpus, paths.lexicon)
    if report is not None:
        log.info("built the index: %d bulletins, %d paragraphs", report.bulletins, report.paragraphs)
    app = build_application(settings, engine)
    try:
        _serve(app, settings, hook)
    except InvalidToken:
        # PTB's message quotes the token: say it our way.
        raise TokenRejectedError("the Bot API rejected the bot token (check TELEGRAM_BOT_TOKEN)") from None
    except TelegramError as exc:
        raise BotApiError(f"Bot API at {settings.telegram.base_url}: {redactor.redact(str(exc))}") from None
    return 0
