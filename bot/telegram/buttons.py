"""Inline keyboards and their callback data, which Telegram caps at 64 bytes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram import texts
from bot.telegram.refs import ParagraphRef

MAX_CALLBACK_BYTES = 64


class Action(StrEnum):
    ASK = "ask"  # an example question from /start
    PARAGRAPH = "para"  # show the whole paragraph of an answer
    UP = "up"  # 👍
    DOWN = "down"  # 👎
    SOURCES = "src"  # a page of /nguon
    TARGETS = "tgt"  # a page of /chitieu (target_pages.TargetButton)
    TARGETS_OPEN = "tgo"  # /chitieu for a list answer's keywords (their token in bot_data.target_keywords)
    SUGGEST = "sg"  # a nearby question under a "no answer" (its token in bot_data.suggested)
    # Admin buttons carry a token for an action kept server-side (pending.PendingActions).
    SAVE = "save"  # "Lưu" an uploaded bulletin
    REPLACE = "repl"  # "Thay thế" the bulletins it conflicts with
    REMOVE = "rm"  # remove a bulletin (to the trash)
    RESTORE = "rs"  # restore a bulletin from the trash
    CANCEL = "cancel"  # drop a pending action


def callback_data(action: Action, payload: str | int) -> str:
    data = f"{action}|{payload}"
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
    return data


def payload(data: str | None) -> str:
    """What follows the action in callback data built by `callback_data`."""
    return (data or "").partition("|")[2]


def number(text: str, digits: int = 18) -> int | None:
    """A number a button carries, or None unless it is 1 to `digits` ASCII digits. Data may be forged:
    "²" passes str.isdigit() but not int(), and 61 digits overflow an SQLite integer."""
    return int(text) if 0 < len(text) <= digits and text.isascii() and text.isdigit() else None


def pattern(*actions: Action) -> str:
    """Regex for CallbackQueryHandler."""
    return f"^(?:{'|'.join(actions)})\\|"


def examples_keyboard(examples: tuple[str, ...]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(q, callback_data=callback_data(Action.ASK, n))] for n, q in enumerate(examples)]
    )


def answer_keyboard(ref: ParagraphRef | None, whole_paragraph: bool, row: int | None) -> InlineKeyboardMarkup | None:
    """"Xem đoạn đầy đủ" (by paragraph reference) and 👍/👎 (by the question's row in the question log)."""
    buttons = []
    if ref is not None and whole_paragraph:
        data = callback_data(Action.PARAGRAPH, ref.encode())
        buttons.append(InlineKeyboardButton(texts.SEE_PARAGRAPH, callback_data=data))
    if row is not None:
        buttons.append(InlineKeyboardButton(texts.THUMBS_UP, callback_data=callback_data(Action.UP, row)))
        buttons.append(InlineKeyboardButton(texts.THUMBS_DOWN, callback_data=callback_data(Action.DOWN, row)))
    return InlineKeyboardMarkup([buttons]) if buttons else None


def vote_label(emoji: str, count: int, marked: bool) -> str:
    """A 👍/👎 label after a vote: marked ✓ when it is the voter's (a private chat), else with its count."""
    if marked:
        return f"{emoji} {texts.VOTED}"
    return f"{emoji} {count}" if count else emoji


def with_votes(markup: InlineKeyboardMarkup, up: str, down: str) -> InlineKeyboardMarkup:
    """The same keyboard with the 👍/👎 buttons relabelled (the other buttons as they were)."""
    rows = []
    for row in markup.inline_keyboard:
        out = []
        for button in row:
            data = str(button.callback_data or "")
            label = button.text
            if data.startswith(f"{Action.UP}|"):
                label = up
            elif data.startswith(f"{Action.DOWN}|"):
                label = down
            out.append(InlineKeyboardButton(label, callback_data=data) if data else button)
        rows.append(out)
    return InlineKeyboardMarkup(rows)


def token_rows(buttons: Sequence[tuple[str, Action, str]]) -> list[list[InlineKeyboardButton]]:
    """One button per row (suggested questions, "/chitieu 2030"), each carrying a short token."""
    return [[InlineKeyboardButton(label, callback_data=callback_data(action, token))]
            for label, action, token in buttons]


Rows = list[list[InlineKeyboardButton]]


def join_keyboards(*parts: InlineKeyboardMarkup | Rows | None) -> InlineKeyboardMarkup | None:
    """The rows of several keyboards, one under another (None when there are none)."""
    rows: Rows = []
    for part in parts:
        if part is not None:
            rows += [list(row) for row in (part.inline_keyboard if isinstance(part, InlineKeyboardMarkup) else part)]
    return InlineKeyboardMarkup(rows) if rows else None


TokenButton = tuple[str, Action, str]  # label, action, token of a pending action


def token_keyboard(*rows: Sequence[TokenButton]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=callback_data(action, token)) for label, action, token in row]
         for row in rows]
    )


def _sources_page(page: int) -> str:
    return callback_data(Action.SOURCES, page)


def pages_keyboard(page: int, pages: int, data: Callable[[int], str] = _sources_page) -> InlineKeyboardMarkup | None:
    """« Trước / Sau » under a paged message; `data` makes a page's callback data (default: /nguon)."""
    if pages <= 1:
        return None
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(texts.PREVIOUS, callback_data=data(page - 1)))
    if page < pages - 1:
        row.append(InlineKeyboardButton(texts.NEXT, callback_data=data(page + 1)))
    return InlineKeyboardMarkup([row])
