"""Typed bot_data: what every handler shares, reached as `context.bot_data.engine` rather than by string keys."""

from __future__ import annotations

from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from ..config import Settings
from ..engine import Engine
from .feedback import FeedbackSink, LogFeedbackSink
from .limits import RateLimit


class BotData:
    """Created empty by PTB (ContextTypes needs a no-argument class), then `setup` once before start.

    `engine` may be replaced whole at run time (a reindex): handlers read it once per update.
    """

    def __init__(self) -> None:
        self._engine: Engine | None = None
        self._settings: Settings | None = None
        self.feedback: FeedbackSink = LogFeedbackSink()
        self.questions = RateLimit(1, 1.0)
        self.inline_queries = RateLimit(1, 1.0)

    def setup(self, engine: Engine, settings: Settings, feedback: FeedbackSink | None = None) -> None:
        self._engine = engine
        self._settings = settings
        if feedback is not None:
            self.feedback = feedback
        limits = settings.limits
        self.questions = RateLimit(limits.questions, limits.per_seconds)
        self.inline_queries = RateLimit(limits.inline_queries, limits.per_seconds)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("bot_data.setup() was not called")
        return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            raise RuntimeError("bot_data.setup() was not called")
        return self._settings


Context = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
