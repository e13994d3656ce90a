"""Fake Telegram users for the offline Bot API emulator (emu.js), adapted from shared/tools/telegram-emulator.

A user sends through the emulator's client API exactly what Telegram would deliver to the bot, and reads
the bot's messages back (each bot message is handed out once).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import time
from typing import Any

import httpx

_MESSAGE_IDS = itertools.count(500_000)  # for raw updates, apart from the emulator's own numbering


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeUser:
    def __init__(self, http: httpx.AsyncClient, base: str, token: str, user_id: int, first_name: str = "Lan",
                 chat: dict[str, Any] | None = None) -> None:
        self.http, self.base, self.token = http, base, token
        self.user = {"id": user_id, "is_bot": False, "first_name": first_name}
        self.chat = chat or {"id": user_id, "type": "private", "first_name": first_name}

    def _message(self, text: str, entities: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        message = {"botToken": self.token, "date": int(time.time()), "text": text, "from": self.user,
                   "chat": self.chat}
        if text.startswith("/"):  # Telegram marks a command; CommandHandler needs the entity
            entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(text.split()[0])}]
        if entities:
            message["entities"] = entities
        return message

    async def send(self, text: str, mention: str | None = None) -> None:
        """Send a message; `mention` (e.g. "@Bot") is marked as a mention entity where it occurs."""
        entities = None
        if mention:
            start = utf16_len(text[: text.index(mention)])
            entities = [{"type": "mention", "offset": start, "length": utf16_len(mention)}]
        route = "sendCommand" if text.startswith("/") else "sendMessage"
        response = await self.http.post(f"{self.base}/{route}", json=self._message(text, entities))
        response.raise_for_status()

    async def send_document(self, name: str, data: bytes, mime: str = "text/plain") -> None:
        """Send a file: stored by the emulator (the bot fetches it with getFile), then delivered as a message."""
        response = await self.http.post(f"{self.base}/uploadFile", json={
            "name": name, "mime": mime, "base64": base64.b64encode(data).decode()})
        response.raise_for_status()
        message = {"message_id": next(_MESSAGE_IDS), "date": int(time.time()), "from": self.user, "chat": self.chat,
                   "document": response.json()["result"]}
        response = await self.http.post(f"{self.base}/sendUpdate", json={"botToken": self.token,
                                                                         "update": {"message": message}})
        response.raise_for_status()

    async def press(self, bot_message: dict[str, Any], data: str) -> None:
        """Press an inline button under a bot message returned by wait_replies()."""
        response = await self.http.post(f"{self.base}/sendCallback", json={
            "botToken": self.token, "data": data, "from": self.user,
            "message": {"message_id": bot_message["messageId"], "date": int(time.time()), "chat": self.chat,
                        "text": bot_message["message"]["text"]}})
        response.raise_for_status()

    async def wait_replies(self, n: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Long-poll until n bot messages arrived in this user's chat."""
        got: list[dict[str, Any]] = []
        deadline = time.monotonic() + timeout
        while len(got) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"chat {self.chat['id']}: got {len(got)}/{n} replies")
            response = await self.http.post(f"{self.base}/waitUpdates", json={
                "token": self.token, "chatId": self.chat["id"], "timeout": max(1, int(left))})
            got += response.json()["result"]
        return got


class ReplyRouter:
    """One long poll for every chat of a bot, routing its messages to per-chat queues (for many users)."""

    def __init__(self, http: httpx.AsyncClient, base: str, token: str) -> None:
        self.http, self.base, self.token = http, base, token
        self.queues: dict[str, asyncio.Queue[dict[str, Any]]] = {}
        self._task: asyncio.Task[None] | None = None

    def queue(self, chat_id: int | str) -> asyncio.Queue[dict[str, Any]]:
        return self.queues.setdefault(str(chat_id), asyncio.Queue())

    async def _loop(self) -> None:
        while True:
            response = await self.http.post(f"{self.base}/waitUpdates",
                                            json={"token": self.token, "chatId": "*", "timeout": 10})
            for message in response.json()["result"]:
                self.queue(message["message"]["chat_id"]).put_nowait(message)

    async def __aenter__(self) -> ReplyRouter:
        self._task = asyncio.create_task(self._loop())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()

    async def replies(self, chat_id: int | str, n: int, timeout: float) -> list[dict[str, Any]]:
        queue = self.queue(chat_id)
        return [await asyncio.wait_for(queue.get(), timeout) for _ in range(n)]
