"""Questions over a user's rate limit wait their turn instead of being dropped.

Each user has a short queue. A question within the limit (and with nobody of the same user waiting) is
answered at once; over it, it joins the queue, and one task per waiting user answers the queue in order
as the window reopens. Only a question beyond a full queue is skipped, and the user is told so. The tasks
are the bot's own (not PTB's `create_task`, which `Application.stop` would wait for): `close` cancels them.
Only the event loop touches this state, so it needs no lock.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum

from bot.telegram.limits import RateLimit

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[None]]


class Turn(StrEnum):
    NOW = "now"  # answer it now
    QUEUED = "queued"  # it waits in the user's queue
    FULL = "full"  # the queue is full: skipped


@dataclass(frozen=True, slots=True)
class Admission:
    turn: Turn
    notify: bool = False  # the first question of this wait (or the first skipped): tell the user, once
    wait: float = 0.0  # seconds until the window reopens


class FairQueue:
    """Per-user queues in front of a RateLimit (`limit`), each at most `size` questions long."""

    def __init__(self, limit: RateLimit, size: int) -> None:
        self.limit = limit
        self.size = size
        self._queues: dict[int, deque[Job]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._told_full: set[int] = set()

    def admit(self, key: int) -> Admission:
        """Whether a question of `key` may be answered now; counts it against the limit when it may."""
        queue = self._queues.get(key)
        if not queue:  # nobody of this user waits: the limit decides
            verdict = self.limit.check(key)
            if verdict.allowed:
                return Admission(Turn.NOW)
            if self.size:
                return Admission(Turn.QUEUED, True, verdict.retry_after)
            return Admission(Turn.FULL, verdict.notify, verdict.retry_after)  # no queue: told once per window
        return Admission(Turn.QUEUED) if len(queue) < self.size else self._full(key)

    def _full(self, key: int) -> Admission:
        notify = key not in self._told_full
        self._told_full.add(key)
        return Admission(Turn.FULL, notify)

    def enqueue(self, key: int, job: Job) -> None:
        """Queue a job admitted as QUEUED; it runs when the user's window has room, after the ones before it."""
        self._queues.setdefault(key, deque()).append(job)
        if key not in self._workers:
            self._workers[key] = asyncio.get_running_loop().create_task(self._drain(key), name=f"queue-{key}")

    def waiting(self, key: int) -> int:
        return len(self._queues.get(key, ()))

    async def _drain(self, key: int) -> None:
        queue = self._queues[key]
        try:
            while queue:
                verdict = self.limit.check(key)
                if not verdict.allowed:
                    await asyncio.sleep(verdict.retry_after)
                    continue
                job = queue.popleft()
                try:
                    await job()
                except Exception:  # one failed answer must not strand the questions behind it
                    log.exception("a queued question failed")
        finally:
            self._queues.pop(key, None)
            self._workers.pop(key, None)
            self._told_full.discard(key)

    async def idle(self) -> None:
        """Until every queue is answered (tests, and a graceful stop)."""
        while self._workers:
            await asyncio.gather(*list(self._workers.values()), return_exceptions=True)

    async def close(self) -> None:
        """Cancel the waiting questions (at shutdown)."""
        workers = list(self._workers.values())
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
