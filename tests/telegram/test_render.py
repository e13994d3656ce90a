"""Telegram HTML rendering: everything from users or the corpus escaped, the layout the issue asks for."""

from __future__ import annotations

import html
from datetime import datetime

from bot.telegram import texts
from bot.telegram.render import (
    page_count,
    render_answer,
    render_decline,
    render_sources,
    render_start,
)
from index.answer.model import Answer, Decline, Source
from index.answer.plain import NO_ANSWER, REPHRASE_HINT, UNSURE, format_date, render_text
from index.engine import Engine
from tests.support.sample_bulletins import LONG_TITLE, LONG_URL, REEF_QUESTION
from tests.support.telegram_html import check_message, parse


def test_answer_layout_from_a_real_answer(engine: Engine) -> None:
    answer = engine.ask("GRDP bình quân đầu người của Kiên Giang")
    assert answer.others  # other bulletins that answer it too
    text = render_answer(answer)
    plain = check_message(text)
    assert text.startswith(f"<blockquote>{html.escape(answer.best.quote, quote=False)}</blockquote>\n📰 ")
    assert f'<a href="{answer.best.url}">{answer.best.title}</a> ({format_date(answer.best.published)})' in text
    assert texts.OTHER_SOURCES in plain
    assert all(f'<a href="{s.url}">' in text for s in answer.others)


def test_an_unsure_answer_leads_with_a_caution(engine: Engine) -> None:
    answer = engine.ask("GRDP bình quân đầu người của Kiên Giang").model_copy(update={"unsure": True})
    text = render_answer(answer)
    plain = check_message(text)
    assert text.startswith(f"⚠️ <i>{UNSURE}</i>\n<blockquote>") and answer.best.quote in plain
    assert render_text(answer).startswith(UNSURE + "\n“")
    assert UNSURE not in render_answer(answer.model_copy(update={"unsure": False}))


def test_corpus_markup_is_escaped_in_quote_title_and_link(long_engine: Engine) -> None:
    answer = long_engine.ask(REEF_QUESTION)
    assert answer.answered and answer.best.title == LONG_TITLE
    text = render_answer(answer)
    plain = check_message(text)
    assert LONG_TITLE in plain  # shown as text, not as bold markup
    assert f'<a href="{html.escape(LONG_URL)}">' in text


def test_others_are_capped_and_urls_quoted() -> None:
    other = Source(quote="q", paragraph="q", file="f", title='Tựa "kép" <i>', url='https://x.test/?q="a"&b',
                   published=None, score=1.0)
    best = Source(quote="a < b & c", paragraph="a < b & c", file="g", title="T", url=None,
                  published=datetime(2023, 3, 13), score=1.0)
    answer = Answer(question="?", answered=True, best=best, others=(other, other))
    text = render_answer(answer, others=1)
    check_message(text)
    assert text.count("• ") == 1
    assert "<b>T</b> (13/03/2023)" in text  # no URL: the title in bold instead of a link
    assert 'href="https://x.test/?q=&quot;a&quot;&amp;b"' in text
    assert render_answer(answer, others=0).count("•") == 0


def test_decline_says_so_and_points_to_the_sources() -> None:
    plain = check_message(render_decline(Answer.declined("x", Decline.NO_MATCH)))
    assert NO_ANSWER in plain and REPHRASE_HINT in plain and "/nguon" in plain
    unknown = Answer.declined("x", Decline.UNKNOWN_NAME, unknown=("<Sóc Trăng>",))
    assert "<Sóc Trăng>" in check_message(render_decline(unknown))


def test_start_counts_bulletins_and_names_the_user_safely(engine: Engine) -> None:
    plain = check_message(render_start("<Lan & Hòa>", engine.index))
    assert "Xin chào <Lan & Hòa>!" in plain
    assert f"{len(engine.index.bulletins)} bản tin" in plain
    assert engine.index.newest is not None
    assert engine.index.newest.strftime("%d/%m/%Y") in plain


def test_sources_pages_cover_every_bulletin_newest_first(engine: Engine) -> None:
    pages = page_count(engine.index)
    assert pages == 2  # 11 bulletins, 8 a page
    shown = []
    for page in range(pages):
        text, number = render_sources(engine.index, page)
        assert number == page
        shown += [line for line in parse(text).splitlines() if line[:1].isdigit()]
    assert len(shown) == len(engine.index.bulletins)
    dates = [b.published for b in sorted(engine.index.bulletins, key=lambda b: b.published, reverse=True)]
    assert [format_date(d) in line for d, line in zip(dates, shown)] == [True] * len(shown)
    assert render_sources(engine.index, 99)[1] == pages - 1  # a stale page number is clamped
