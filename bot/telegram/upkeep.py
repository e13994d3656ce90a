"""Background chores while the bot serves: pick up an index file replaced by `nqbot index` from a shell,
and prune the question log past its retention period (at start-up, then daily).

A single asyncio task, started in post_init and cancelled in post_shutdown. The file check is an
os.stat; loading a new index and pruning run in worker threads, so the event loop never waits on them.
Each chore's failure, whatever the exception, is logged and retried: the task itself never dies, so a
good index placed after a broken one is still picked up and pruning goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable

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
        """One round of chores; each one's failure is logged and the next round tries again."""
        if self.reload_seconds > 0:
            await _guarded("reloading the index file", self._reload)
        if self._clock() >= self._next_prune:
            self._next_prune = self._clock() + DAY
            await _guarded("pruning the question log", self._prune)

    async def _reload(self) -> None:
        if await asyncio.to_thread(self.live.reload_if_changed):
            log.info("switched to the index file replaced on disk: %d bulletins", len(self.live.engine.index.bulletins))

    async def _prune(self) -> None:
        pruned = await asyncio.to_thread(self.question_log.prune)
        log.info("question log: %d rows older than %d days pruned", pruned, self.question_log.retention_days)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.reload_seconds or IDLE)
            await _guarded("upkeep", self.tick)  # tick guards each chore; this guards the loop itself

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="nqbot-upkeep")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


async def _guarded(chore: str, run: Callable[[], Awaitable[None]]) -> None:
    """Run one chore; log any failure (a traceback when it was not foreseen) instead of raising it."""
    try:
        await run()
    except (NqbotError, OSError, sqlite3.Error) as exc:
        log.error("%s failed, will retry: %s", chore, exc)
    except Exception:
        log.exception("%s failed unexpectedly, will retry", chore)
