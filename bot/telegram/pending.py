"""Admin actions waiting for a button press, and admins about to paste a bulletin after /them.

Telegram caps callback data at 64 bytes, so a button carries only a short random token; what it
stands for (an uploaded file's bytes, the bulletin to remove...) stays here, owned by one admin and
dropped after a few minutes. The buttons of one message form a group: pressing any of them (Hủy
included) ends them all. Only the event loop touches this state, so it needs no lock.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from index.bulletins.models import Bulletin

MAX_PER_ADMIN = 20  # an admin uploading in a loop cannot fill the memory with file bytes


@dataclass(frozen=True)
class Upload:
    """A parsed bulletin not yet written: saved on "Lưu", or on "Thay thế" when it conflicts."""

    bulletin: Bulletin
    data: bytes
    generated: bool = False  # pasted: the bot made its file name up
    replacing: tuple[str, ...] = ()  # the conflicts the admin was shown ("Thay thế" replaces only these)


@dataclass(frozen=True)
class Removal:
    folder: Path
    name: str
    title: str


@dataclass(frozen=True)
class Restore:
    folder: Path
    name: str  # in the folder's trash
    replace: bool = False  # "Thay thế": the file of its name in the corpus goes to the trash first


PendingAction = Upload | Removal | Restore
T = TypeVar("T")


@dataclass(frozen=True)
class _Entry(Generic[T]):
    admin: int
    expires: float
    action: T
    group: str  # the first token of the buttons under one message


@dataclass(frozen=True)
class Claim:
    """A pressed button's action, out of the store with the rest of its group while it runs: `release`
    puts the group back when the action failed, so its buttons are used up only by a success."""

    action: PendingAction
    entries: dict[str, _Entry[PendingAction]]


class PendingActions:
    """Tokens for buttons; each is good once, for the admin who got it, until it expires."""

    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        self._entries: dict[str, _Entry[PendingAction]] = {}

    def add(self, admin: int, action: PendingAction) -> str:
        return self.add_all(admin, [action])[0]

    def add_all(self, admin: int, actions: Sequence[PendingAction]) -> list[str]:
        """Tokens for the buttons of one message: taking any of them drops all the others."""
        self._sweep()
        mine = [token for token, entry in self._entries.items() if entry.admin == admin]
        for token in mine[: max(0, len(mine) + len(actions) - MAX_PER_ADMIN)]:  # oldest first (dicts keep order)
            del self._entries[token]
        tokens = [secrets.token_urlsafe(6) for _ in actions]
        for token, action in zip(tokens, actions):
            self._entries[token] = _Entry(admin, self._clock() + self.ttl, action, tokens[0])
        return tokens

    def take(self, token: str, admin: int) -> PendingAction | None:
        """The action, removed from the store with the rest of its group; None when unknown, expired,
        or another admin's."""
        claim = self.claim(token, admin)
        return claim.action if claim is not None else None

    def claim(self, token: str, admin: int) -> Claim | None:
        """Like `take` (a second press meanwhile finds nothing), but `release` can put the group back."""
        self._sweep()
        entry = self._entries.get(token)
        if entry is None or entry.admin != admin:
            return None
        group = {t: e for t, e in self._entries.items() if e.group == entry.group}
        for other in group:
            del self._entries[other]
        return Claim(entry.action, group)

    def release(self, claim: Claim) -> None:
        """Put a claimed group back after its action failed; entries past their time expire as usual."""
        self._entries.update(claim.entries)

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
