"""Typed bot_data: what every handler shares, reached as `context.bot_data.live` rather than by string keys."""

from __future__ import annotations

from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.config import Settings
from bot.live import LiveIndex
from bot.questionlog import QuestionLog
from bot.telegram.conversation import Memory
from bot.telegram.fairness import FairQueue
from bot.telegram.limits import RateLimit
from bot.telegram.pending import PasteWaits, PendingActions
from bot.telegram.target_pages import SavedKeywords, TargetCatalog
from bot.telegram.upkeep import Upkeep
from index.engine import Engine

_MINUTE = 60.0


class BotData:
    """Created empty by PTB (ContextTypes needs a no-argument class), then `setup` once before start.

    The serving engine is replaced whole at run time (a reindex, or a reload after `nqbot index`):
    handlers read `engine` once per update and use that one throughout.
    """

    def __init__(self) -> None:
        self._live: LiveIndex | None = None
        self._settings: Settings | None = None
        self._question_log: QuestionLog | None = None
        self.admins: frozenset[int] = frozenset()
        self.questions = RateLimit(1, 1.0)
        self.waiting = FairQueue(self.questions, 0)  # questions over the limit, waiting their turn
        self.conversations = Memory(0.0, 1)  # each user's previous question per chat, for follow-ups
        self.suggested = SavedKeywords()  # nearby questions behind the buttons under a "no answer"
        self.inline_queries = RateLimit(1, 1.0)
        self.buttons = RateLimit(1, 1.0)  # presses of the users' buttons
        self.pending = PendingActions(_MINUTE)
        self.pastes = PasteWaits(_MINUTE)
        self.upkeep: Upkeep | None = None  # started by post_init
        self.target_pages = TargetCatalog()  # /chitieu pages of the serving index
        self.target_keywords = SavedKeywords()  # /chitieu keywords behind page buttons

    def setup(self, live: LiveIndex, settings: Settings, question_log: QuestionLog) -> None:
        self._live = live
        self._settings = settings
        self._question_log = question_log
        self.admins = frozenset(settings.admins.ids)
        limits = settings.limits
        self.questions = RateLimit(limits.questions, limits.per_seconds)
        self.waiting = FairQueue(self.questions, limits.queued)
        talk = settings.conversation
        self.conversations = Memory(talk.memory_minutes * _MINUTE, talk.memory_chats)
        self.inline_queries = RateLimit(limits.inline_queries, limits.per_seconds)
        self.buttons = RateLimit(limits.buttons, limits.buttons_per_seconds)
        ttl = settings.admins.confirm_minutes * _MINUTE
        self.pending = PendingActions(ttl)
        self.pastes = PasteWaits(ttl)

    @property
    def live(self) -> LiveIndex:
        if self._live is None:
            raise RuntimeError("bot_data.setup() was not called")
        return self._live

    @property
    def engine(self) -> Engine:
        """The engine serving now; read it once per update."""
        return self.live.engine

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            raise RuntimeError("bot_data.setup() was not called")
        return self._settings

    @property
    def question_log(self) -> QuestionLog:
        if self._question_log is None:
            raise RuntimeError("bot_data.setup() was not called")
        return self._question_log

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins


Context = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)
