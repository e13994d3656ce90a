"""Keep secrets out of logs: the bot token is part of every Bot API URL."""

from __future__ import annotations

import logging
from collections.abc import Iterable

REDACTED = "[redacted]"
# httpx logs each request URL (token included) at INFO; their warnings and errors stay visible.
_CHATTY = ("httpx", "httpcore")


class RedactingFilter(logging.Filter):
    """Replaces secrets in a record's message and traceback text before any handler formats it."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(s in message for s in self.secrets):
            record.msg, record.args = self.redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def protect_logs(*secrets: str) -> RedactingFilter:
    """Silence URL-logging libraries and redact `secrets` on every root handler (set one up if none)."""
    for name in _CHATTY:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger(name).level))
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    redactor = RedactingFilter(secrets)
    for handler in root.handlers:
        handler.addFilter(redactor)
    return redactor
