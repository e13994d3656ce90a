"""Issue 13, the Telegram-free part of a conversation: follow-ups, small talk, list answers and the
"no answer" that helps, on the real lexicon and the real index of the seed and the test bulletins."""

from __future__ import annotations

import pytest

from index.answer.followup import Kind, follow_up, topic_of
from index.answer.lists import asks_for_list, list_answer
from index.answer.model import Decline
from index.answer.smalltalk import Talk, small_talk
from index.answer.suggestions import in_users_words, missing_words, out_of_scope, suggestions
from index.engine import Engine
from index.terms.lexicon import Lexicon

GRDP_2030 = "GRDP bình quân đầu người năm 2030 là bao nhiêu?"


# Follow-ups


@pytest.mark.parametrize(("message", "question", "topic"), [
    ("còn năm 2045 thì sao?", "GRDP bình quân đầu người năm 2045 là bao nhiêu?", "GRDP bình quân đầu người năm 2045"),
    ("con nam 2045 thi sao", "GRDP bình quân đầu người năm 2045 là bao nhiêu?", "GRDP bình quân đầu người năm 2045"),
    ("2025?", "GRDP bình quân đầu người năm 2025 là bao nhiêu?", "GRDP bình quân đầu người năm 2025"),
    ("vậy tỷ lệ đô thị hóa?", "tỷ lệ đô thị hóa năm 2030 là bao nhiêu?", "tỷ lệ đô thị hóa năm 2030"),
    ("Thế còn khu công nghiệp?", "khu công nghiệp năm 2030 là bao nhiêu?", "khu công nghiệp năm 2030"),
    ("còn Phú Quốc thì sao?", "GRDP bình quân đầu người của Phú Quốc năm 2030 là bao nhiêu?",
     "GRDP bình quân đầu người của Phú Quốc năm 2030"),
])
def test_an_elliptical_message_borrows_from_the_previous_question(
    lexicon: Lexicon, message: str, question: str, topic: str
) -> None:
    found = follow_up(GRDP_2030, message, lexicon)
    assert found is not None and (found.question, found.topic, found.kind) == (question, topic, Kind.ASK)


def test_a_year_follow_up_keeps_the_previous_wording(lexicon: Lexicon) -> None:
    found = follow_up("Tỷ lệ đô thị hóa của Kiên Giang đến năm 2030?", "còn 2025?", lexicon)
    assert found is not None and found.question == "Tỷ lệ đô thị hóa của Kiên Giang đến năm 2025?"


@pytest.mark.parametrize(("message", "kind"), [
    ("nguồn ở đâu?", Kind.SOURCE), ("nguồn?", Kind.SOURCE), ("cho mình xem nguồn nhé", Kind.SOURCE),
    ("nói rõ hơn", Kind.MORE), ("chi tiết hơn đi", Kind.MORE),
])
def test_source_and_more_ask_about_the_previous_answer(lexicon: Lexicon, message: str, kind: Kind) -> None:
    found = follow_up(GRDP_2030, message, lexicon)
    assert found is not None and (found.question, found.kind) == (GRDP_2030, kind)
    assert found.topic == "GRDP bình quân đầu người năm 2030" == topic_of(GRDP_2030, lexicon)


@pytest.mark.parametrize("message", [
    "Kiên Giang có bao nhiêu hợp tác xã?",  # a subject and a question word of its own
    "Chỉ tiêu đô thị hóa đến 2030?",
    "vậy GRDP năm 2025 là bao nhiêu?",  # "vậy", but it borrows nothing
    "Nghị quyết Trung ương 8 nói gì?",  # short, but it asks ("nói gì") and names a number
    "còn?", "cảm ơn nhé", "",
])
def test_a_question_of_its_own_is_not_a_follow_up(lexicon: Lexicon, message: str) -> None:
    assert follow_up(GRDP_2030, message, lexicon) is None


def test_a_bare_indicator_is_a_follow_up_only_after_a_question_with_a_frame(lexicon: Lexicon) -> None:
    found = follow_up(GRDP_2030, "tỷ lệ đô thị hóa", lexicon)
    assert found is not None and not found.marked and found.question == "tỷ lệ đô thị hóa năm 2030 là bao nhiêu?"
    assert follow_up("GRDP bình quân đầu người", "tỷ lệ đô thị hóa", lexicon) is None  # nothing to carry


# Small talk


@pytest.mark.parametrize(("text", "talk"), [
    ("chào bot", Talk.GREETING), ("hi ad", Talk.GREETING), ("Xin chào!", Talk.GREETING), ("👋", Talk.GREETING),
    ("cảm ơn nhé", Talk.THANKS), ("👍", Talk.THANKS), ("cam on ban nhieu nha", Talk.THANKS), ("ok", Talk.THANKS),
    ("bạn là ai", Talk.IDENTITY), ("bot ơi bạn là ai vậy", Talk.IDENTITY), ("bạn tên gì", Talk.IDENTITY),
    ("bạn làm được gì", Talk.ABILITIES), ("Bạn giúp được gì cho mình?", Talk.ABILITIES),
])
def test_small_talk_is_recognised(text: str, talk: Talk) -> None:
    assert small_talk(text) == talk


@pytest.mark.parametrize("text", [
    "chào bot, GRDP năm 2030 bao nhiêu?", "hi ad, Phú Quốc có đường bay thẳng từ những nước nào?", "Ai là bí thư?",
    "GRDP", "cảm ơn " * 40,
])
def test_a_question_wrapped_in_small_talk_is_a_question(text: str) -> None:
    assert small_talk(text) is None


# Lists


def test_list_questions_are_told_from_single_fact_questions() -> None:
    for question in ("các chỉ tiêu đến 2030", "những nhiệm vụ chính của chương trình", "có những giải pháp nào",
                     "Liệt kê các tuyến quốc lộ", "Kiên Giang có những khu công nghiệp nào?"):
        assert asks_for_list(question), question
    for question in (GRDP_2030, "Kiên Giang có bao nhiêu khu công nghiệp?", "Tỷ lệ đô thị hóa đến 2030?"):
        assert not asks_for_list(question), question


def test_a_list_of_solutions_quotes_the_items_after_their_introduction(eval_engine: Engine) -> None:
    index = eval_engine.index
    listing = list_answer(index, eval_engine.lexicon, "có những giải pháp nào")
    assert listing is not None and listing.targets is None and 2 <= len(listing.items) <= 5
    quotes = [s.quote for s in listing.items]
    assert quotes[0] == "Các giải pháp trọng tâm trong thời gian tới gồm:"
    assert "Huy động nguồn lực xã hội hóa, nhất là từ doanh nghiệp và con em xa quê." in quotes
    assert len(set(quotes)) == len(quotes)
    for source in listing.items:  # verbatim, from the bulletin it names
        assert source.quote in source.paragraph and source.paragraph in index.paragraphs
        assert index.by_file(source.file) is not None and source.url == index.by_file(source.file).url


def test_a_list_of_targets_names_them_for_the_home_province(eval_engine: Engine) -> None:
    listing = list_answer(eval_engine.index, eval_engine.lexicon, "các chỉ tiêu đến 2030")
    assert listing is not None and listing.targets is not None and listing.targets.keywords == "2030"
    rows = listing.targets.rows
    assert {r.target.year for r in rows} == {2030}
    assert any(r.target.value == "từ 50-55%" for r in rows)
    assert not any("Cà Mau" in r.title for r in rows)  # another province's targets are not Kiên Giang's


def test_a_single_fact_question_gets_no_list(eval_engine: Engine) -> None:
    assert list_answer(eval_engine.index, eval_engine.lexicon, GRDP_2030) is None


# "No answer" that helps


def test_suggestions_are_nearby_questions_the_bot_answers(eval_engine: Engine) -> None:
    answer = eval_engine.ask("GRDP bình quân đầu người năm 2045 là bao nhiêu?")
    assert answer.reason == Decline.OTHER_YEAR
    offered = suggestions(eval_engine.index, eval_engine.lexicon, answer)
    assert 1 <= len(offered) <= 3
    assert "GRDP bình quân đầu người năm 2030 là bao nhiêu?" in offered
    assert all(eval_engine.ask(q).answered for q in offered)


def test_a_place_the_bulletins_miss_is_suggested_for_the_home_province(eval_engine: Engine) -> None:
    answer = eval_engine.ask("Số khu công nghiệp của Sóc Trăng")
    assert answer.reason == Decline.UNKNOWN_NAME
    assert in_users_words(answer.question, answer.unknown[0]) == "Sóc Trăng"
    assert "Số khu công nghiệp của Kiên Giang" in suggestions(eval_engine.index, eval_engine.lexicon, answer)


@pytest.mark.parametrize("question", ["Thời tiết Phú Quốc ngày mai", "Lịch cúp điện ở Hà Tiên tuần này?",
                                      "ket qua xo so kien giang hom nay"])
def test_out_of_scope_questions_get_no_suggestions(eval_engine: Engine, question: str) -> None:
    answer = eval_engine.ask(question)
    assert out_of_scope(question) and not answer.answered
    assert suggestions(eval_engine.index, eval_engine.lexicon, answer) == ()


def test_missing_words_are_named_as_typed(eval_engine: Engine) -> None:
    assert "giường bệnh" in missing_words(eval_engine.index, eval_engine.lexicon, "số giường bệnh trên vạn dân")
