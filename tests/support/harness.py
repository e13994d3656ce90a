"""A real PTB Application on a recording transport, and Telegram-shaped updates to feed it.

`RecordingRequest` subclasses telegram.request.BaseRequest, as python-telegram-bot's own tests do: every
Bot API call goes through PTB's real serialisation and is answered here like Telegram would, including
a 400 for invalid HTML or an over-long message (checked by `telegram_html`, not by the bot's code).
"""

from __future__ import annotations

import itertools
import json
import shutil
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot.config import Settings
from bot.live import LiveIndex
from bot.questionlog import QuestionLog, open_question_log
from bot.telegram.app import BotApp, build_application
from index.engine import Engine, open_engine
from tests.support.telegram_html import TelegramHTMLError, check_message, utf16_len

TOKEN = "123456:TEST-handlers_token"

BOT = {"id": 777, "is_bot": True, "first_name": "Nqbot", "username": "NqbotTestBot",
       "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}
TRUE_METHODS = {"sendChatAction", "setMyCommands", "answerCallbackQuery", "answerInlineQuery", "deleteWebhook"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    result: Any = None
    files: dict[str, bytes] = field(default_factory=dict)  # uploaded parts (a photo's bytes), by part name


class RecordingRequest(BaseRequest):
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.files: dict[str, bytes] = {}  # what users sent as documents, by file_id (getFile + download)
        self._message_ids = itertools.count(10_000)
        self._refusals: dict[str, tuple[int, str]] = {}
        self._answered_queries: set[str] = set()

    def refuse_next(self, method: str, code: int, description: str) -> None:
        """Answer the next call of `method` with this Bot API error, as Telegram sometimes does."""
        self._refusals[method] = (code, description)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None, *_: Any,
                         **__: Any) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        if "/file/bot" in url:  # a file download, as Telegram serves them
            return (200, self.files[name]) if name in self.files else (404, b"")
        params = request_data.parameters if request_data else {}
        call = Call(name, params)
        if request_data is not None and request_data.contains_files:
            call.files = {part: bytes(content) for part, (_, content, _) in request_data.multipart_data.items()}
        self.calls.append(call)
        if name in self._refusals:
            code, description = self._refusals.pop(name)
            return code, json.dumps({"ok": False, "error_code": code, "description": description}).encode()
        try:
            call.result = self._result(name, params)
        except TelegramHTMLError as exc:  # Telegram's 400 Bad Request
            return 400, json.dumps({"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}).encode()
        except KeyError:
            return 404, json.dumps({"ok": False, "error_code": 404, "description": "Not Found"}).encode()
        return 200, json.dumps({"ok": True, "result": call.result}).encode()

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return BOT
        if name == "answerCallbackQuery":  # Telegram takes one answer per query
            if params["callback_query_id"] in self._answered_queries:
                raise TelegramHTMLError("query is too old and response timeout expired or query ID is invalid")
            self._answered_queries.add(params["callback_query_id"])
        if name == "answerInlineQuery":
            for result in params["results"]:
                check_message(result["input_message_content"]["message_text"])
        if name in TRUE_METHODS:
            return True
        if name == "getFile":
            file_id = params["file_id"]
            return {"file_id": file_id, "file_unique_id": file_id, "file_size": len(self.files[file_id]),
                    "file_path": f"documents/{file_id}"}
        if name in ("sendMessage", "editMessageText"):
            if params.get("parse_mode") == "HTML":
                check_message(params["text"])
            return self._message(params)
        if name == "editMessageReplyMarkup":
            return self._message({**params, "text": "(unchanged)"})
        if name == "sendPhoto":
            photo = [{"file_id": "photo-1", "file_unique_id": "photo-1", "width": 990, "height": 594}]
            return {**self._message({**params, "text": ""}), "photo": photo, "caption": params.get("caption", "")}
        raise KeyError(name)

    def _message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": params.get("message_id") or next(self._message_ids), "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}, "from": BOT,
            "text": params["text"],
        }
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message


USER = {"id": 4242, "is_bot": False, "first_name": "Lan", "language_code": "vi"}
ADMIN = {"id": 9001, "is_bot": False, "first_name": "Hùng", "language_code": "vi"}
GROUP = {"id": -100500, "type": "supergroup", "title": "Văn phòng Tỉnh ủy"}


def live_copy(site: Path, target: Path) -> LiveIndex:
    """A copy of a prepared site (corpus/ and index.zip) served live: changes touch only the copy."""
    shutil.copytree(site, target)
    engine, _ = open_engine(target / "index.zip", [target / "corpus"], build_missing=False)
    return LiveIndex(engine, target / "index.zip", [target / "corpus"])


def private_chat(user: dict[str, Any]) -> dict[str, Any]:
    return {"id": user["id"], "type": "private", "first_name": user["first_name"]}


@dataclass
class Harness:
    app: BotApp
    request: RecordingRequest
    question_log: QuestionLog
    errors: list[BaseException] = field(default_factory=list)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def message(self, text: str | None = None, *, user: dict[str, Any] = USER, chat: dict[str, Any] | None = None,
                **fields: Any) -> dict[str, Any]:
        message = {"message_id": next(self._ids), "date": int(time.time()), "from": user,
                   "chat": chat or private_chat(user), **fields}
        if text is not None:
            message["text"] = text
            if text.startswith("/"):  # as Telegram marks a command
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(text.split()[0])}]
        return message

    async def feed(self, payload: dict[str, Any], allow_errors: bool = False) -> list[Call]:
        """Process one update through the real Application; the Bot API calls it made."""
        before = len(self.request.calls)
        update = Update.de_json({"update_id": next(self._ids), **payload}, self.app.bot)
        await self.app.process_update(update)
        if self.errors and not allow_errors:
            raise AssertionError(f"a handler raised: {self.errors!r}")
        return self.request.calls[before:]

    async def send(self, text: str | None = None, allow_errors: bool = False, **kwargs: Any) -> list[Call]:
        return await self.feed({"message": self.message(text, **kwargs)}, allow_errors)

    async def press(self, data: str, on: dict[str, Any], user: dict[str, Any] = USER,
                    allow_errors: bool = False) -> list[Call]:
        query = {"id": str(next(self._ids)), "from": user, "chat_instance": "ci", "data": data, "message": on}
        return await self.feed({"callback_query": query}, allow_errors)

    async def document(self, name: str | None, data: bytes, *, user: dict[str, Any] = USER,
                       chat: dict[str, Any] | None = None, size: int | None = None) -> list[Call]:
        """A user sends a file; `size` overrides the file_size Telegram announces."""
        file_id = f"doc-{next(self._ids)}"
        self.request.files[file_id] = data
        document = {"file_id": file_id, "file_unique_id": file_id, "mime_type": "text/plain",
                    "file_size": len(data) if size is None else size}
        if name is not None:
            document["file_name"] = name
        return await self.send(user=user, chat=chat, document=document)

    async def inline(self, query: str, user: dict[str, Any] = USER) -> list[Call]:
        return await self.feed({"inline_query": {"id": str(next(self._ids)), "from": user, "query": query,
                                                 "offset": ""}})


def sent(calls: list[Call], method: str = "sendMessage") -> list[Call]:
    return [c for c in calls if c.method == method]


def texts_of(calls: list[Call]) -> list[str]:
    return [c.params["text"] for c in sent(calls)]


def buttons(call: Call) -> list[tuple[str, str]]:
    """(label, callback_data) of every inline button under a sent message."""
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]


def settings(**sections: dict[str, Any]) -> Settings:
    """Test settings: a token, no flood limiter, and any section values given."""
    data: dict[str, Any] = {"telegram": {"token": TOKEN, "rate_limiter": False}}
    for name, values in sections.items():
        data.setdefault(name, {}).update(values)
    return Settings.model_validate(data)


@asynccontextmanager
async def running(engine: Engine, config: Settings, live: LiveIndex | None = None) -> AsyncIterator[Harness]:
    """An initialized Application on a fresh recording transport; handler errors are collected.

    Without `live`, the engine serves from a scratch folder (an empty corpus, no index file), so no
    test writes to the repository's corpus. The question log lives in a scratch folder too.
    """
    request = RecordingRequest()
    with tempfile.TemporaryDirectory(prefix="nqbot-harness-") as scratch:
        folder = Path(scratch)
        if live is None:
            (folder / "corpus").mkdir()
            live = LiveIndex(engine, folder / "index.zip", [folder / "corpus"])
        question_log = open_question_log(folder / "questions.sqlite", config.question_log.retention_days)
        app = build_application(config, live, question_log, request=request)
        harness = Harness(app, request, question_log)

        async def record_error(update: object, context: Any) -> None:
            harness.errors.append(context.error)

        app.add_error_handler(record_error)
        await app.initialize()
        try:
            yield harness
        finally:
            await app.shutdown()
            question_log.close()


def button_data(call: Call, label: str) -> str:
    """The callback data of the button labelled `label` under a sent message."""
    return dict(buttons(call))[label]


def to_chat(calls: list[Call], chat_id: int, method: str = "sendMessage") -> list[Call]:
    """Calls of `method` addressed to one chat (when several updates run at once)."""
    return [c for c in sent(calls, method) if int(c.params["chat_id"]) == chat_id]
