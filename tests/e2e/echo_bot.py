"""Baseline for the load test: a python-telegram-bot echo bot built from the same settings as nqbot.

Run as `python echo_bot.py CONFIG` with TELEGRAM_BOT_TOKEN set: same config file, same builder options
(API address, concurrency, connection pool, no flood limiter), so only the handler differs.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.config import load_settings
from bot.telegram.app import ALLOWED_UPDATES, POOL_TIMEOUT


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text is not None:
        await message.reply_text(message.text)


def main(config: Path) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = load_settings(config)
    telegram = settings.telegram
    app = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(telegram.base_url)
        .base_file_url(telegram.base_file_url)
        .concurrent_updates(telegram.concurrent_updates)
        .connection_pool_size(telegram.connection_pool_size)
        .pool_timeout(POOL_TIMEOUT)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(allowed_updates=ALLOWED_UPDATES)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
