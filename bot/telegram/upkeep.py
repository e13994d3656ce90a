"""Background chores while the bot serves: pick up an index file replaced by `nqbot index` from a shell,
and prune the question log past its retention period (at start-up, then daily).

A single asyncio task, started in post_init and cancelled in post_shutdown. The file check is an
os.stat; loading a new index and pruning run in worker threads, so the event loop never waits on them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from typing import Callable

from bot.live import LiveIndex
from bot.questionlog import QuestionLog
from index.errors import NqbotError

log = logging.getLogger(__name__)

DAY = 86400.0
IDLE = 3600.0  # how often the task wakes when the index check is off (it still prunes daily)


class Upkeep:
    def __init__(self, live: LiveIndex, question_log: QuestionLog, reload_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.live = live
        self.question_log = question_log
        self.reload_seconds = reload_seconds
        self._clock = clock
        self._next_prune = clock()  # the first tick prunes
        self._task: asyncio.Task[None] | None = None

    async def tick(self) -> None:
        """One round of chores; a failure is logged and the next round tries again."""
        try:
            if self.reload_seconds > 0 and await asyncio.to_thread(self.live.reload_if_changed):
                log.info("switched to the index file replaced on disk: %d bulletins",
                         len(self.live.engine.index.bulletins))
            if self._clock() >= self._next_prune:
                self._next_prune = self._clock() + DAY
                pruned = await asyncio.to_thread(self.question_log.prune)
                log.info("question log: %d rows older than %d days pruned", pruned, self.question_log.retention_days)
        except (NqbotError, OSError, sqlite3.Error) as exc:
            log.error("upkeep failed, will retry: %s", exc)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.reload_seconds or IDLE)
            await self.tick()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="nqbot-upkeep")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
