"""Issue 10, items 6, 7 and 11: every reply fits one Telegram message, button presses are limited and
votes belong to the asker, and anonymous group admins are told apart by the chat they speak for.

All through a real Application on the recording transport, which answers 400 (a handler error here) for
a message over 4,096 UTF-16 units, as Telegram does.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

from bot.live import LiveIndex
from bot.telegram import admin_texts, texts
from index.engine import Engine, open_engine
from tests.support.harness import ADMIN, GROUP, USER, Harness, buttons, running, sent, settings
from tests.support.telegram_html import check_message, parse

HUGE_URL = "https://tin.example.test/bien-dao/ban-tin-mot-cau"
HUGE_FACT = "Đàn cá heo Mũi Dinh xuất hiện gần bờ vào mùa gió chướng."
HUGE_FACT_QUESTION = "Đàn cá heo Mũi Dinh xuất hiện gần bờ vào mùa nào?"
HUGE_SENTENCE_QUESTION = "Nhóm tình nguyện dọn rác ven biển cùng ngư dân nào?"
QUESTION = "Tỷ lệ đô thị hóa của Kiên Giang đến năm 2030 đạt bao nhiêu?"
OTHER = {"id": USER["id"] + 1, "is_bot": False, "first_name": "Minh", "language_code": "vi"}
ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
OTHER_GROUP = {"id": -100600, "type": "supergroup", "title": "Sở Tài nguyên và Môi trường"}


def _huge_bulletin(folder: Path) -> int:
    """One paragraph: a short sentence, then a single ~480 KB sentence (as in the issue's attack)."""
    clauses = ", ".join(f"nhóm tình nguyện {n} dọn rác ven biển cùng ngư dân xã đảo số {n}" for n in range(6500))
    paragraph = f"{HUGE_FACT} Theo báo cáo, {clauses}."
    text = f"{HUGE_URL}\nBản tin một câu rất dài về biển đảo\nNgày 5/6/2024\n\n{paragraph}\n"
    (folder / "z02_ban-tin-mot-cau.txt").write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


@pytest.fixture(scope="module")
def huge_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("huge-corpus")
    assert _huge_bulletin(folder) > 450_000
    built, _ = open_engine(tmp_path_factory.mktemp("huge-index") / "index.zip", [folder])
    return built


def _blockquote(text: str) -> str:
    return parse(text[text.index("<blockquote>") : text.index("</blockquote>") + len("</blockquote>")])


def _admin_settings(**sections: dict[str, Any]) -> Any:
    return settings(admins={"ids": [ADMIN["id"]]}, **sections)


# Item 6: size caps


async def test_a_480_kb_sentence_is_one_message_cut_at_a_word_with_its_link(huge_engine: Engine) -> None:
    async with running(huge_engine, settings()) as bot:
        [answer] = sent(await bot.send(HUGE_SENTENCE_QUESTION))
        inline = await bot.inline(HUGE_SENTENCE_QUESTION)  # the recording transport checks each article
    text = answer.params["text"]
    check_message(text)
    quote = huge_engine.ask(HUGE_SENTENCE_QUESTION).best.quote
    assert len(quote) > 400_000
    shown = _blockquote(text)
    assert shown.endswith("…") and quote.startswith(shown[:-1]) and quote[len(shown) - 1] == " "
    assert f'href="{HUGE_URL}"' in text
    assert [c.method for c in inline] == ["answerInlineQuery"]


async def test_the_whole_paragraph_of_480_kb_is_one_message_around_the_quote(huge_engine: Engine) -> None:
    async with running(huge_engine, settings()) as bot:
        [answer] = sent(await bot.send(HUGE_FACT_QUESTION))
        assert HUGE_FACT in check_message(answer.params["text"])
        calls = await bot.press(dict(buttons(answer))[texts.SEE_PARAGRAPH], on=answer.result)
    [paragraph] = sent(calls)
    assert [c.method for c in calls] == ["sendMessage", "answerCallbackQuery"]
    text = paragraph.params["text"]
    check_message(text)
    assert f"<b>{HUGE_FACT}</b>" in text and f'href="{HUGE_URL}"' in text
    shown = _blockquote(text)
    assert shown.startswith(HUGE_FACT) and shown.endswith("…")


async def test_an_upload_preview_with_a_long_title_and_url_is_one_message(engine: Engine) -> None:
    title, url = "Tiêu đề rất dài " * 400, "https://tin.example.test/" + "a" * 6000
    data = f'+++\ntitle = "{title}"\nurl = "{url}"\n+++\n\nCảng biển Hòn Chông đón tàu 50.000 tấn.\n'
    async with running(engine, _admin_settings()) as bot:
        [preview] = sent(await bot.document("dai.txt", data.encode(), user=ADMIN))
    plain = check_message(preview.params["text"])
    assert "Tiêu đề rất dài" in plain and "https://tin.example.test/aaa" in plain and "…" in plain
    assert [label for label, _ in buttons(preview)] == [admin_texts.SAVE, admin_texts.CANCEL]


async def test_an_error_naming_a_6000_character_key_is_one_message(engine: Engine) -> None:
    data = f'+++\n{"k" * 6000} = 1\ntitle = "Bản tin"\n+++\n\nMột đoạn.\n'
    async with running(engine, _admin_settings()) as bot:
        [refused] = sent(await bot.document("khoa.txt", data.encode(), user=ADMIN))
    plain = check_message(refused.params["text"])
    assert plain.startswith("❌") and "kkkk" in plain and "…" in plain


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """25 bulletins with 200-character file names and long titles, all matching "cảng biển"."""
    site = tmp_path_factory.mktemp("crowded-site")
    corpus = site / "corpus"
    corpus.mkdir()
    for n in range(25):
        name = f"{n:02d}_" + "cang-bien-hon-chong-" * 10 + ".txt"
        title = f"Cảng biển Hòn Chông số {n} " + "đón tàu trọng tải lớn " * 20
        body = f"Cảng biển Hòn Chông số {n} đón tàu {n + 1}.000 tấn."
        text = f'+++\ntitle = "{title}"\nurl = "https://tin.example.test/cang/{n}"\n+++\n\n{body}\n'
        (corpus / name).write_text(text, encoding="utf-8")
    open_engine(site / "index.zip", [corpus])
    return site


async def test_xoa_matching_many_bulletins_and_long_queries_fit_one_message(
    crowded_site: Path, tmp_path: Path
) -> None:
    engine, _ = open_engine(crowded_site / "index.zip", [crowded_site / "corpus"], build_missing=False)
    live = LiveIndex(engine, crowded_site / "index.zip", [crowded_site / "corpus"])
    long_query = "https://tin.example.test/" + "cang-bien-" * 400  # a 4,000-character URL
    async with running(engine, _admin_settings(), live) as bot:
        [many] = sent(await bot.send("/xoa cảng biển", user=ADMIN))
        [not_found] = sent(await bot.send("/xoa " + long_query, user=ADMIN))
        [not_in_trash] = sent(await bot.send("/khoiphuc " + long_query, user=ADMIN))
    listing = check_message(many.params["text"])
    assert listing.startswith("Có 25 bản tin khớp") and "00_cang-bien" in listing
    for reply in (not_found, not_in_trash):
        assert "https://tin.example.test/cang-bien-cang" in check_message(reply.params["text"])


# Item 7: buttons are rate-limited, votes belong to the asker


async def test_button_presses_are_limited_per_user_apart_from_questions(engine: Engine) -> None:
    limits = {"questions": 5, "buttons": 3, "buttons_per_seconds": 60}
    async with running(engine, settings(limits=limits)) as bot:
        answer = sent(await bot.send(QUESTION))[0]
        data = dict(buttons(answer))[texts.SEE_PARAGRAPH]
        presses = [await bot.press(data, on=answer.result) for _ in range(6)]
        stranger = await bot.press(data, on=answer.result, user=OTHER)
        still_asks = sent(await bot.send(QUESTION))
    assert [len(sent(p)) for p in presses] == [1, 1, 1, 0, 0, 0]
    for refused in presses[3:]:
        [ack] = refused
        assert ack.method == "answerCallbackQuery" and ack.params["text"] == texts.BUTTONS_SLOW_DOWN
        assert not ack.params.get("show_alert")
    assert len(sent(stranger)) == 1  # per user
    assert len(still_asks) == 1 and "<blockquote>" in still_asks[0].params["text"]  # questions: their own limit


def test_the_button_limit_is_generous_by_default() -> None:
    limits = settings().limits
    assert (limits.buttons, limits.buttons_per_seconds) == (30, 10.0)


async def test_a_vote_is_the_askers_only(bot: Harness) -> None:
    answer = sent(await bot.send(QUESTION))[0]
    up = dict(buttons(answer))[texts.THUMBS_UP]
    row = int(up.split("|")[1])

    def stored() -> int | None:
        return bot.question_log._db.execute("SELECT feedback FROM questions WHERE id = ?", (row,)).fetchone()[0]

    [refused] = await bot.press(f"down|{row}", on=answer.result, user=OTHER)
    assert refused.params["text"] == texts.FEEDBACK_NOT_YOURS and stored() is None
    [thanks] = sent(await bot.press(up, on=answer.result), "answerCallbackQuery")
    assert thanks.params["text"] == texts.VOTE_UP and stored() == 1
    await bot.press(f"down|{row}", on=answer.result, user=OTHER)
    assert stored() == 1


async def test_absurd_numbers_in_buttons_are_refused_quietly(bot: Harness) -> None:
    start = sent(await bot.send("/start"))[0].result
    forged = ["up|" + "9" * 61, "down|" + "1" * 19, "up|²", "ask|²", "ask|" + "9" * 61, "src|²",
              "src|" + "9" * 60, "up|0"]
    for data in forged:
        calls = await bot.press(data, on=start)  # a handler error fails here
        assert [c.method for c in calls] in (["answerCallbackQuery"], ["editMessageText", "answerCallbackQuery"])
        if data.startswith(("up|", "down|", "ask|")):
            assert calls[0].params["text"] in (texts.BUTTON_EXPIRED, texts.FEEDBACK_EXPIRED), data


# Item 11: anonymous group admins


async def test_anonymous_admins_are_keyed_by_the_chat_they_speak_for(engine: Engine) -> None:
    async with running(engine, settings(limits={"questions": 1})) as bot:
        first = sent(await bot.send(f"/hoi {QUESTION}", user=ANONYMOUS_ADMIN, chat=GROUP, sender_chat=GROUP))
        other = sent(await bot.send(f"/hoi {QUESTION}", user=ANONYMOUS_ADMIN, chat=OTHER_GROUP,
                                    sender_chat=OTHER_GROUP))
        again = sent(await bot.send(f"/hoi {QUESTION}", user=ANONYMOUS_ADMIN, chat=GROUP, sender_chat=GROUP))
        hashes = [h for (h,) in bot.question_log._db.execute("SELECT user_hash FROM questions ORDER BY id")]
        expected = [bot.question_log.user_hash(GROUP["id"]), bot.question_log.user_hash(OTHER_GROUP["id"])]
    assert all(len(r) == 1 and "<blockquote>" in r[0].params["text"] for r in (first, other))
    assert [parse(r.params["text"]).startswith("Bạn hỏi hơi nhanh") for r in again] == [True]
    assert hashes == expected
    assert html.escape(ANONYMOUS_ADMIN["username"]) not in str(hashes)
