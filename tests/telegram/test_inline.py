"""Inline mode: `@bot câu hỏi` offers the answer and other sources as articles."""

from __future__ import annotations

import html

from bot.telegram import texts
from bot.telegram.inline import MAX_RESULTS, articles
from index.engine import Engine
from tests.support.harness import Harness
from tests.support.telegram_html import check_message

QUESTION = "GRDP bình quân đầu người"


async def test_an_inline_question_offers_articles_with_quote_and_link(bot: Harness, engine: Engine) -> None:
    [call] = await bot.inline(QUESTION)
    assert call.method == "answerInlineQuery"
    results = call.params["results"]
    expected = engine.ask(QUESTION, others=MAX_RESULTS - 1)
    sources = [expected.best, *expected.others]
    # the answer and every other bulletin that also answers it (another province's figure does not)
    assert len(results) == len(sources) >= 3 and len(results) <= MAX_RESULTS == 5
    assert len({r["id"] for r in results}) == len(results)
    for result, source in zip(results, sources):
        assert result["type"] == "article"
        content = result["input_message_content"]
        assert content["parse_mode"] == "HTML"
        plain = check_message(content["message_text"])
        assert plain.startswith(source.quote) and source.title in plain
        assert f'href="{html.escape(source.url)}"' in content["message_text"]
        assert len(result["id"].encode()) <= 64
    assert results[0]["title"].startswith(expected.best.quote[:50])
    assert "button" not in call.params


def test_an_unsure_answer_is_marked_on_its_article_only(engine: Engine) -> None:
    answer = engine.ask(QUESTION, others=MAX_RESULTS - 1)
    assert answer.others
    first, second, *_ = articles(answer.model_copy(update={"unsure": True}), engine.index)
    assert first.description.startswith(texts.INLINE_UNSURE + " · ") and answer.best.title[:40] in first.description
    assert texts.INLINE_UNSURE not in second.description
    assert texts.INLINE_UNSURE not in articles(answer.model_copy(update={"unsure": False}), engine.index)[0].description


async def test_an_empty_inline_query_shows_how_to_ask(bot: Harness) -> None:
    [call] = await bot.inline("   ")
    assert call.params["results"] == []
    assert call.params["button"] == {"text": texts.INLINE_HINT, "start_parameter": "inline"}


async def test_no_answer_inline_offers_the_private_chat(bot: Harness, engine: Engine) -> None:
    question = "Lương cơ bản năm 2024 là bao nhiêu?"
    assert not engine.ask(question).answered
    [call] = await bot.inline(question)
    assert call.params["results"] == []
    assert call.params["button"]["text"] == texts.INLINE_NO_ANSWER


async def test_inline_markup_is_harmless_and_floods_are_limited(bot: Harness, engine: Engine) -> None:
    question = "<b>GRDP</b> bình quân đầu người của Kiên Giang năm 2030?"  # inj-001 of the question set
    [call] = await bot.inline(question)
    assert check_message(call.params["results"][0]["input_message_content"]["message_text"]).startswith(
        engine.ask(question).best.quote
    )
    bot.app.bot_data.inline_queries.limit = 1
    [limited] = await bot.inline(QUESTION)
    assert limited.params["results"] == [] and limited.params["button"]["text"] == texts.INLINE_SLOW_DOWN
    assert limited.params["is_personal"] is True
