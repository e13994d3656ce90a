"""Wiring and start-up: builder options, post_init, the error handler, fail-fast errors, safe logs."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from telegram.ext import AIORateLimiter

from bot.cli import main
from bot.telegram import admin_texts, texts
from bot.telegram.app import post_init, post_shutdown, set_admin_menus
from bot.telegram.logsafe import REDACTED, protect_logs
from index.engine import Engine
from tests.support.harness import TOKEN, Harness, buttons, running, sent, settings

QUESTION = "Tỷ lệ đô thị hóa của Kiên Giang đến năm 2030 đạt bao nhiêu?"


async def test_builder_takes_the_api_address_and_the_flood_limiter_from_settings(engine: Engine) -> None:
    custom = settings(telegram={"base_url": "http://127.0.0.1:9/bot/", "base_file_url": "http://127.0.0.1:9/file/bot",
                                "rate_limiter": True})
    async with running(engine, custom) as bot:
        assert bot.app.bot.base_url == f"http://127.0.0.1:9/bot{TOKEN}"
        assert bot.app.bot.base_file_url == f"http://127.0.0.1:9/file/bot{TOKEN}"
        assert isinstance(bot.app.bot.rate_limiter, AIORateLimiter)
        assert sent(await bot.send(QUESTION))  # requests pass through the limiter
        assert bot.request.calls[0].method == "getMe"
    async with running(engine, settings()) as bot:
        assert bot.app.bot.rate_limiter is None


async def test_post_init_sets_vietnamese_commands_and_warms_up(bot: Harness) -> None:
    await post_init(bot.app)
    await post_shutdown(bot.app)
    [call] = [c for c in bot.request.calls if c.method == "setMyCommands"]
    commands = {c["command"]: c["description"] for c in call.params["commands"]}
    assert commands == {c.command: c.description for c in texts.COMMANDS}
    assert set(commands) == {"start", "help", "hoi", "nguon", "chitieu"}


async def test_admins_get_the_admin_commands_in_their_menu(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    async with running(engine, settings(admins={"ids": [11, 22]})) as bot:
        await post_init(bot.app)
        await post_shutdown(bot.app)
        scoped = [c for c in bot.request.calls if c.method == "setMyCommands" and "scope" in c.params]
        # An admin who never opened a chat with the bot: Telegram refuses that menu; the bot starts anyway.
        bot.request.refuse_next("setMyCommands", 400, "Bad Request: chat not found")
        await set_admin_menus(bot.app)
    assert [c.params["scope"] for c in scoped] == [{"type": "chat", "chat_id": 11}, {"type": "chat", "chat_id": 22}]
    names = [c["command"] for c in scoped[0].params["commands"]]
    assert names == [c.command for c in texts.COMMANDS + admin_texts.COMMANDS]
    assert "could not set the admin command menu for user 11: Chat not found" in caplog.text


REFUSAL = (400, "Bad Request: not enough rights to send text messages to the chat")


async def test_an_error_is_logged_with_traceback_told_to_the_user_and_survived(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    bot.request.refuse_next("sendMessage", *REFUSAL)
    calls = await bot.send(QUESTION, allow_errors=True)
    assert [c.method for c in calls] == ["sendMessage", "sendMessage"]
    assert calls[1].params["text"] == texts.SOMETHING_WRONG
    [record] = [r for r in caplog.records if r.name == "bot.telegram.errors" and r.levelno == logging.ERROR]
    assert record.exc_info is not None and "message, private" in record.getMessage()
    assert QUESTION not in caplog.text  # logs keep no question text
    bot.errors.clear()
    assert "<blockquote>" in sent(await bot.send(QUESTION))[0].params["text"]  # and the bot goes on


async def test_an_error_under_a_button_is_told_in_an_alert(bot: Harness) -> None:
    answer = sent(await bot.send(QUESTION))[0]
    bot.request.refuse_next("sendMessage", *REFUSAL)
    calls = await bot.press(dict(buttons(answer))[texts.SEE_PARAGRAPH], on=answer.result, allow_errors=True)
    assert [c.method for c in calls] == ["sendMessage", "answerCallbackQuery"]
    assert calls[-1].params["text"] == texts.SOMETHING_WRONG and calls[-1].params["show_alert"] is True


def test_the_token_never_reaches_the_log(caplog: pytest.LogCaptureFixture) -> None:
    root = logging.getLogger()
    handler = logging.StreamHandler()
    root.addHandler(handler)
    try:
        redactor = protect_logs(TOKEN)
        assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "POST %s failed", (f"https://t/bot{TOKEN}/x",), None)
        try:
            raise RuntimeError(f"The token `{TOKEN}` was rejected")
        except RuntimeError:
            record.exc_info = sys.exc_info()
        redactor.filter(record)
        formatted = logging.Formatter().format(record)
        assert TOKEN not in formatted and formatted.count(REDACTED) == 2
    finally:
        root.removeHandler(handler)


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_run_without_a_token_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("NQBOT_CONFIG", raising=False)
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("nqbot: error: no bot token") and "TELEGRAM_BOT_TOKEN" in err and err.count("\n") == 1


def test_run_with_bad_config_names_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    path = _config(tmp_path, '[telegram]\nrate_limiter = "maybe"\n')
    assert main(["run", "--config", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"nqbot: error: {path}: telegram.rate_limiter: Input should be a valid boolean, unable to interpret input\n"
    )


def test_run_fails_fast_on_a_broken_index_before_touching_telegram(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    index = tmp_path / "index.zip"
    index.write_bytes(b"not a zip at all")
    # An unroutable API address: reaching it would hang or fail differently than the index error.
    path = _config(tmp_path, f'[telegram]\nbase_url = "http://127.0.0.1:9/bot"\n[paths]\nindex = "{index}"\n')
    assert main(["run", "--config", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("nqbot: error: ") and err.count("\n") == 1 and TOKEN not in err


def test_webhook_mode_needs_its_url_and_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    path = _config(tmp_path, "[webhook]\nport = 8443\n")
    assert main(["run", "--webhook", "--config", str(path)]) == 1
    assert "webhook mode needs webhook.url" in capsys.readouterr().err
