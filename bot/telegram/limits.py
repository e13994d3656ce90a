"""Per-user rate limit: a sliding window that tells the user once, then stays quiet until it reopens."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

_PRUNE_EVERY = 1024  # keys seen between sweeps of users who went quiet


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    notify: bool = False  # first refusal in this window: say so once, never spam a group
    retry_after: float = 0.0


class RateLimit:
    """At most `limit` events per `window` seconds per key (a Telegram user id, or the chat id of a message
    sent on behalf of a chat: see handlers.asker).

    Only the event loop calls it, so it needs no lock.
    """

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: dict[int, deque[float]] = {}
        self._warned_until: dict[int, float] = {}
        self._checks = 0

    def check(self, key: int) -> Verdict:
        now = self._clock()
        self._sweep(now)
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) < self.limit:
            events.append(now)
            return Verdict(allowed=True)
        retry_after = events[0] + self.window - now
        notify = self._warned_until.get(key, 0.0) <= now
        if notify:
            self._warned_until[key] = now + retry_after
        return Verdict(allowed=False, notify=notify, retry_after=retry_after)

    def _sweep(self, now: float) -> None:
        # Memory stays bounded by active users: forget keys whose last event left the window.
        self._checks += 1
        if self._checks % _PRUNE_EVERY:
            return
        stale = [key for key, events in self._events.items() if not events or events[-1] <= now - self.window]
        for key in stale:
            del self._events[key]
            self._warned_until.pop(key, None)
