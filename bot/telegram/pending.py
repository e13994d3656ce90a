"""Admin actions waiting for a button press, and admins about to paste a bulletin after /them.

Telegram caps callback data at 64 bytes, so a button carries only a short random token; what it
stands for (an uploaded file's bytes, the bulletin to remove...) stays here, owned by one admin and
dropped after a few minutes. Only the event loop touches this state, so it needs no lock.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Generic, TypeVar

from index.bulletins.models import Bulletin

MAX_PER_ADMIN = 20  # an admin uploading in a loop cannot fill the memory with file bytes


@dataclass(frozen=True)
class Upload:
    """A parsed bulletin not yet written: saved on "Lưu", or on "Thay thế" when it conflicts."""

    bulletin: Bulletin
    data: bytes


@dataclass(frozen=True)
class Removal:
    folder: Path
    name: str
    title: str


@dataclass(frozen=True)
class Restore:
    folder: Path
    name: str  # in the folder's trash


PendingAction = Upload | Removal | Restore
T = TypeVar("T")


@dataclass(frozen=True)
class _Entry(Generic[T]):
    admin: int
    expires: float
    action: T


class PendingActions:
    """Tokens for buttons; each is good once, for the admin who got it, until it expires."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        self._entries: dict[str, _Entry[PendingAction]] = {}

    def add(self, admin: int, action: PendingAction) -> str:
        self._sweep()
        mine = [token for token, entry in self._entries.items() if entry.admin == admin]
        for token in mine[: max(0, len(mine) - MAX_PER_ADMIN + 1)]:  # oldest first (dicts keep order)
            del self._entries[token]
        token = secrets.token_urlsafe(6)
        self._entries[token] = _Entry(admin, self._clock() + self.ttl, action)
        return token

    def take(self, token: str, admin: int) -> PendingAction | None:
        """The action, removed from the store; None when unknown, expired, or another admin's."""
        self._sweep()
        entry = self._entries.get(token)
        if entry is None or entry.admin != admin:
            return None
        del self._entries[token]
        return entry.action

    def __len__(self) -> int:
        self._sweep()
        return len(self._entries)

    def _sweep(self) -> None:
        now = self._clock()
        for token in [t for t, e in self._entries.items() if e.expires <= now]:
            del self._entries[token]


class PasteWaits:
    """Admins who sent a bare /them: their next text in that chat is a bulletin, until the deadline."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        self._deadlines: dict[tuple[int, int], float] = {}

    def start(self, chat: int, admin: int) -> None:
        self._deadlines[(chat, admin)] = self._clock() + self.ttl

    def take(self, chat: int, admin: int) -> bool:
        """True (once) when this admin is expected to paste in this chat now."""
        deadline = self._deadlines.pop((chat, admin), None)
        return deadline is not None and deadline > self._clock()

    def cancel(self, chat: int, admin: int) -> bool:
        return self.take(chat, admin)
