"""What a figure is for: now or a goal, which year, which place, and the sentence that goes on from it.

Rules of issue 11 ("Answers that hold on questions nobody has seen"), each on realistic text: a question
about the present is not answered with a goal; a year only compared with ("gấp 3 lần năm 2022") is not
the year of the figure; a place the question is about as its subject prefers the sentence about it, not
one that lists it; "Trong đó, ..." is quoted with the sentence it goes on from; and an answer to a
question that named no year says which year its figure is for.

The bulletin written here is fictional test data (its URL is on tin.example.test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.telegram.render import render_answer
from index.answer.compose import compose
from index.answer.features import cue_fit, holds_answer
from index.answer.model import Answer, Decline
from index.answer.periods import part_year_failure
from index.answer.plain import render_text
from index.answer.polarity import asked_end, end_fit, negated_words
from index.answer.roles import asked_post, person_post_failure, post_fit
from index.answer.tense import only_goal, tense_fit
from index.answer.years import compared_years, year_failure
from index.engine import Engine
from index.retrieval.coverage import text_terms
from index.retrieval.events import event_years
from index.retrieval.query import analyze
from tests.support.sample_bulletins import engine_over, quote_of
from tests.support.telegram_html import check_message

# Fictional test bulletin (not part of the shipped corpus).
TOURISM = """https://tin.example.test/du-lich/dao-ngoc-2024
Du lịch đảo Ngọc và các huyện ven biển năm 2024
Thứ Hai, 13/01/2025 08:00

Năm 2024, TP. Phú Quốc đón khoảng 7,1 triệu lượt khách du lịch, tăng 11% so với năm 2023. Trong đó, khách quốc tế đạt 1,23 triệu lượt, gấp 1,8 lần năm trước.

Tại TP. Phú Quốc, từ đầu năm 2024 đến nay, bến cảng An Thới đã đón 62 chuyến tàu biển với khoảng 78.000 lượt khách, gấp 3 lần cả năm 2022.

Năm 2023, TP. Phú Quốc đón 6,4 triệu lượt khách. Trước đó, năm 2022 thành phố đảo đón 4,9 triệu lượt khách, chủ yếu là khách nội địa.

Huyện Kiên Lương phấn đấu đến hết năm 2025 có 18 sản phẩm OCOP và đến năm 2030 có ít nhất 25 sản phẩm.

Huyện Kiên Lương hiện có 14 sản phẩm đạt chuẩn OCOP, trong đó 3 sản phẩm đạt 4 sao.

Tỉnh định hướng phát triển 3 trung tâm logistics tại Rạch Giá, Kiên Lương và Hà Tiên.

Hà Tiên được định hướng trở thành thành phố du lịch di sản, kết nối với vùng biển Campuchia.

Tỷ lệ hộ dân ven biển dùng nước sạch năm 2023 đạt 86,4%, năm 2024 đạt 91,2%.

Ông Lâm Quốc Định, Phó Giám đốc Sở Du lịch tỉnh chủ trì hội nghị tổng kết du lịch biển đảo của Sở Du lịch.

Theo bà Trịnh Thu Hằng, Giám đốc Sở, năm 2025 ngành sẽ tập trung vào du lịch xanh.

Phó Chủ tịch UBND tỉnh đề nghị UBND huyện Kiên Hải sớm hoàn thành bến tàu khách.

Kết luận hội nghị, Giám đốc Sở Du lịch yêu cầu đến năm 2025 toàn tỉnh có 30 điểm du lịch cộng đồng. Theo báo cáo, hiện toàn tỉnh có 21 điểm du lịch cộng đồng, còn chậm so với yêu cầu.
Thanh Tâm
"""


INDUSTRY = """https://tin.example.test/kinh-te/khu-cong-nghiep-2024
Khu công nghiệp và thủy sản: một năm nhìn lại
Thứ Năm, 16/01/2025 10:30

Đến ngày 31/12/2024, tỷ lệ lấp đầy của KCN Thạnh Lộc đạt 86,2% diện tích đất công nghiệp cho thuê. Kế hoạch số 98/KH-UBND ngày 8/5/2023 của UBND tỉnh đặt mục tiêu lấp đầy 92% vào năm 2025.

Năm 2024, sản lượng nuôi trồng thủy sản của tỉnh đạt 423.300 tấn. So với năm 2023, sản lượng nuôi trồng tăng 6,2%, khi năm 2023 chỉ đạt 398.600 tấn.

Chỉ số cải cách hành chính (PAR Index) năm 2024 của tỉnh đạt 88,72%. Với kết quả này, Kiên Giang xếp thứ 19/63 tỉnh, thành phố.

Tỷ lệ giải ngân vốn đầu tư công của cả nước năm 2024 đạt 84,7%.

Theo Kế hoạch số 98/KH-UBND ngày 8/5/2023 của UBND tỉnh, giai đoạn 2023-2025 tỉnh trồng mới ít nhất 1.200 ha rừng ngập mặn ven biển. Năm 2023, diện tích rừng ngập mặn trồng mới đạt 428 ha.

Huyện An Biên và huyện An Minh đã hoàn thành 120 km đường giao thông nông thôn. Ông Đặng Văn Hiếu, Bí thư Huyện ủy An Minh cho biết huyện sẽ làm thêm 40 km.

Nhà máy xử lý nước thải tập trung của KCN Thạnh Lộc có công suất 5.000 m3/ngày đêm. Giá trị sản xuất công nghiệp của các doanh nghiệp trong KCN năm 2024 đạt 14.280 tỷ đồng.

Trong 6 tháng đầu năm 2024, tỉnh giải quyết việc làm cho 17.900 lao động, bằng 51% kế hoạch giải quyết việc làm cả năm 2024.

Tính chung năm 2024, toàn tỉnh giải quyết việc làm cho 36.400 lao động.

Hội nghị sơ kết công tác khu công nghiệp diễn ra tại TP. Rạch Giá với sự tham dự của hơn 120 doanh nghiệp. Tại hội nghị, các đại biểu tập trung thảo luận về giải phóng mặt bằng, nguồn điện và nhà ở cho công nhân.
Hoàng Yến
"""


# The plenum is named in the title only; the body names the resolution by its number.
PLAN = """+++
title = "UBND tỉnh đánh giá kế hoạch thực hiện Nghị quyết Trung ương 6"
url = "https://tin.example.test/chinh-quyen/ke-hoach-131"
date = 2024-11-08T09:00:00
+++

Chiều 7/11, UBND tỉnh tổ chức hội nghị đánh giá kết quả thực hiện Kế hoạch số 131/KH-UBND ngày 14/6/2023 triển khai Nghị quyết số 29-NQ/TW.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_over(tmp_path_factory.mktemp("aspects"), {
        "du-lich-dao-ngoc.txt": TOURISM, "khu-cong-nghiep.txt": INDUSTRY, "ke-hoach-131.md": PLAN})


@pytest.mark.parametrize("question", [
    "Huyện Kiên Lương hiện có mấy sản phẩm OCOP?",
    "kien luong hien nay co bao nhieu san pham ocop",
    "Đến nay Kiên Lương có bao nhiêu sản phẩm OCOP rồi ạ?",
])
def test_a_question_about_now_is_not_answered_with_a_goal(engine: Engine, question: str) -> None:
    assert "hiện có 14 sản phẩm" in quote_of(engine.ask(question))


def test_a_demand_with_a_deadline_is_a_goal_not_what_is(engine: Engine) -> None:
    """"yêu cầu đến năm 2025 toàn tỉnh có 30 điểm" is a goal though it says "toàn tỉnh có"; "chậm so với yêu
    cầu" speaks of what is."""
    for question in ("Toàn tỉnh có bao nhiêu điểm du lịch cộng đồng?", "Toàn tỉnh hiện có bao nhiêu điểm du lịch cộng đồng?"):
        assert "hiện toàn tỉnh có 21 điểm" in quote_of(engine.ask(question))
    assert tense_fit(1.0, "Đến nay có 41 nhiệm vụ đã hoàn thành, 8 nhiệm vụ còn chậm so với yêu cầu.") == 1.0


def test_what_a_rate_must_reach_is_a_goal_not_what_is() -> None:
    """"phải đạt trên 50%" is what the rate must reach: a question about the present prefers what it reached."""
    assert tense_fit(1.0, "Tỷ lệ điều tra khám phá các vụ lừa đảo qua mạng phải đạt trên 50%.") == -1.0
    assert tense_fit(1.0, "Lực lượng công an đã điều tra, làm rõ 92 vụ, tỷ lệ điều tra khám phá đạt 43%.") == 1.0


def test_a_question_about_a_goal_still_gets_the_goal(engine: Engine) -> None:
    assert "phấn đấu đến hết năm 2025 có 18 sản phẩm" in quote_of(engine.ask("Kiên Lương phấn đấu có bao nhiêu sản phẩm OCOP?"))


def test_a_year_only_compared_with_is_not_the_year_of_the_figure(engine: Engine) -> None:
    """"gấp 3 lần cả năm 2022" states no figure for 2022: that sentence is no answer for 2022 (the one that
    is ranks too far below it to be tried, so the bot says it has none rather than quote the wrong figure)."""
    answer = engine.ask("nam 2022 phu quoc don bao nhieu luot khach")
    assert answer.best is None or "4,9 triệu lượt" in answer.best.quote
    assert not answer.best and answer.reason == Decline.OTHER_YEAR


def test_a_date_a_figure_is_counted_to_gives_its_year(engine: Engine) -> None:
    """"Đến ngày 31/12/2024" is the figure's year; "ngày 8/5/2023" of a plan is not."""
    assert "86,2%" in quote_of(engine.ask("Đến cuối năm 2024 tỷ lệ lấp đầy KCN Thạnh Lộc đạt bao nhiêu?"))


def test_a_year_compared_with_and_stated_again_has_its_figure(engine: Engine) -> None:
    assert "398.600 tấn" in quote_of(engine.ask("Sản lượng nuôi trồng thủy sản của tỉnh năm 2023 là bao nhiêu tấn?"))


@pytest.mark.parametrize("question", [
    "Chỉ số PAR Index năm 2024 của Kiên Giang xếp thứ mấy trong cả nước?",
    "Chỉ số PAR Index năm 2024 của Kiên Giang xếp hạng thứ mấy cả nước?",
    "PAR Index 2024 của tỉnh đứng thứ mấy toàn quốc?",
])
def test_a_rank_within_the_country_is_the_provinces_figure(engine: Engine, question: str) -> None:
    """"xếp thứ mấy (trong) cả nước" asks for the province's rank: the country is where it is ranked, neither
    a search term nor the level asked; "Với kết quả này" goes on from the index."""
    quote = quote_of(engine.ask(question))
    assert quote.startswith("Chỉ số cải cách hành chính (PAR Index) năm 2024") and "19/63" in quote
    assert not {"nước", "quốc"} & {t.accented for t in analyze(question, engine.index, engine.lexicon).terms}


def test_a_national_question_still_wants_the_national_figure(engine: Engine) -> None:
    assert "84,7%" in quote_of(engine.ask("Tỷ lệ giải ngân vốn đầu tư công của cả nước năm 2024 là bao nhiêu?"))


@pytest.mark.parametrize(("question", "figure"), [
    ("Cả năm 2024 tỉnh giải quyết việc làm cho bao nhiêu lao động?", "36.400 lao động"),
    ("6 tháng đầu năm 2024 tỉnh giải quyết việc làm cho bao nhiêu lao động?", "17.900 lao động"),
])
def test_a_whole_year_is_not_answered_with_part_of_it(engine: Engine, question: str, figure: str) -> None:
    assert figure in quote_of(engine.ask(question))


@pytest.mark.parametrize("question", [
    "Hội nghị sơ kết khu công nghiệp bàn về nội dung gì?",
    "hoi nghi so ket khu cong nghiep thao luan nhung van de gi",
])
def test_a_topic_question_gets_what_the_meeting_was_about(engine: Engine, question: str) -> None:
    assert "tập trung thảo luận về giải phóng mặt bằng" in quote_of(engine.ask(question))


def test_a_plenum_named_in_the_title_is_named_by_the_bulletin(engine: Engine) -> None:
    answer = engine.ask("Kế hoạch của UBND tỉnh thực hiện Nghị quyết Trung ương 6 có số hiệu là gì?")
    assert "131/KH-UBND" in quote_of(answer)


def test_a_commonly_confused_initial_is_read_as_the_corpus_spells_the_pair(engine: Engine) -> None:
    """"công xuất" (s/x confused) is "công suất"; "sản xuất", a pair the corpus has, is left alone."""
    assert "5.000 m3/ngày đêm" in quote_of(engine.ask("Nhà máy xử lý nước thải KCN Thạnh Lộc công xuất bao nhiêu?"))
    query = analyze("công xuất nhà máy và giá trị sản xuất", engine.index, engine.lexicon)
    assert [t.accented for t in query.terms][:2] == ["công", "suất"] and "xuất" in [t.accented for t in query.terms]


def test_southern_spellings_are_read_as_the_corpus_spells_the_pair(engine: Engine) -> None:
    """A final the south merges ("nướt" for "nước", "thàn" for "thành": syllables the corpus never has) and hỏi typed as ngã
    ("sãn phẩm"); the checks read the question as fixed: "cả nướt" still asks for the country's figure."""
    question = "Tỷ lệ giải ngân vốn đầu tư công của cả nướt năm 2024 là bao nhiêu?"
    assert "84,7%" in quote_of(engine.ask(question))
    query = analyze(question, engine.index, engine.lexicon)
    assert "nước" in [t.accented for t in query.terms] and "của cả nước năm 2024" in query.text
    assert [t.accented for t in analyze("Kiên Lương có mấy sãn phẩm OCOP?", engine.index, engine.lexicon).terms
            ][:4] == ["kiên", "lương", "sản", "phẩm"]
    assert "đã hoàn thành bao nhiêu" in analyze("Tỉnh đã hoàn thàn bao nhiêu nhiệm vụ?", engine.index,
                                                engine.lexicon).text  # final n for nh, as the south says it


def test_percent_words_ask_for_a_share_and_are_not_searched(engine: Engine) -> None:
    """"được bao nhiêu phần trăm": a sentence gives the share as "6,83%", never as the words "phần trăm", so
    they mark the question as asking a share and are not words the sentence must hold."""
    query = analyze("Năm 2024 tỷ lệ giải ngân của cả nước được bao nhiêu phần trăm?", engine.index, engine.lexicon)
    assert query.percent and not {"phần", "trăm"} & {t.accented for t in query.terms}
    assert "84,7%" in quote_of(engine.ask("Năm 2024 tỷ lệ giải ngân của cả nước được bao nhiêu phần trăm?"))


def test_a_word_the_corpus_has_is_not_respelled_by_a_rarer_confusion(engine: Engine) -> None:
    """"công" is in the corpus: its c/k or final n/ng twins are never tried, even in a pair it lacks."""
    query = analyze("công suất và công năng của cảng", engine.index, engine.lexicon)
    assert [t.accented for t in query.terms] == ["công", "suất", "công", "năng", "cảng"]


def test_a_place_after_a_percent_sign_is_still_asked_about(engine: Engine) -> None:
    """"bao nhiêu % GRDP của tỉnh An Giang": the "%" does not end the question; chat before it does not ask."""
    query = analyze("Kinh tế số chiếm bao nhiêu % GRDP của tỉnh An Giang năm 2025?", engine.index, engine.lexicon)
    assert query.provinces == ("an giang",)
    chat = analyze("Mình ở Rạch Giá. Cho hỏi tỷ lệ lấp đầy KCN Thạnh Lộc?", engine.index, engine.lexicon)
    assert "rach gia" not in chat.places


def test_a_period_is_not_one_years_figure(engine: Engine) -> None:
    """"giai đoạn 2023-2025 ... 1.200 ha" gives no figure for 2023 alone (here the 2023 sentence ranks too far
    below it to be tried, so the bot says it has no figure for 2023 rather than quote the period's)."""
    answer = engine.ask("Năm 2023 tỉnh trồng mới được bao nhiêu ha rừng ngập mặn ven biển?")
    assert answer.best is None or "428 ha" in answer.best.quote
    assert answer.best is not None or answer.reason == Decline.OTHER_YEAR


def test_a_sentence_about_another_district_does_not_answer_for_the_one_asked(engine: Engine) -> None:
    """The paragraph names An Biên, but "Bí thư Huyện ủy An Minh" is another district's secretary."""
    answer = engine.ask("Ai là Bí thư Huyện ủy An Biên?")
    assert answer.best is None or "An Minh cho biết" not in answer.best.quote


def test_the_sentence_that_goes_on_is_quoted_with_the_one_before(engine: Engine) -> None:
    quote = quote_of(engine.ask("Năm 2024 Phú Quốc đón bao nhiêu lượt khách quốc tế?"))
    assert quote.startswith("Năm 2024, TP. Phú Quốc đón khoảng 7,1 triệu") and quote.endswith("gấp 1,8 lần năm trước.")


def test_the_sentence_before_alone_when_the_next_adds_nothing_asked(engine: Engine) -> None:
    quote = quote_of(engine.ask("Năm 2024 Phú Quốc đón bao nhiêu lượt khách du lịch?"))
    assert quote == "Năm 2024, TP. Phú Quốc đón khoảng 7,1 triệu lượt khách du lịch, tăng 11% so với năm 2023."


def test_a_place_asked_about_prefers_the_sentence_whose_subject_it_is(engine: Engine) -> None:
    """Not the sentence that merely lists Hà Tiên among three places."""
    assert "trở thành thành phố du lịch di sản" in quote_of(engine.ask("Hà Tiên được định hướng như thế nào?"))


@pytest.mark.parametrize(("question", "period"), [
    ("Kiên Lương có bao nhiêu sản phẩm OCOP theo mục tiêu?", "chỉ tiêu đến năm 2025, 2030"),
    ("Phú Quốc đón bao nhiêu lượt khách quốc tế?", "số liệu năm 2024"),
])
def test_an_answer_to_a_question_without_a_year_says_which_year(engine: Engine, question: str, period: str) -> None:
    answer = engine.ask(question)
    assert answer.period == period
    assert f"({period[0].upper()}{period[1:]} — câu hỏi không nêu năm.)" in render_text(answer)
    html = render_answer(answer)
    assert period in check_message(html).lower()


def test_no_year_label_when_the_question_names_the_year(engine: Engine) -> None:
    answer = engine.ask("Năm 2024 tỷ lệ hộ dân ven biển dùng nước sạch đạt bao nhiêu?")
    assert "91,2%" in quote_of(answer) and answer.period is None
    assert "không nêu năm" not in render_text(answer)
    assert answer.to_json()["period"] is None


@pytest.mark.parametrize(("question", "person"), [
    ("Giám đốc Sở Du lịch là ai vậy ạ?", "Trịnh Thu Hằng"),
    ("cho hỏi GĐ Sở Du lịch là ai", "Trịnh Thu Hằng"),
    ("Ai là Phó Giám đốc Sở Du lịch?", "Lâm Quốc Định"),
    ("PGĐ so du lich la ai", "Lâm Quốc Định"),
])
def test_who_holds_a_post_is_answered_with_that_post_not_its_deputy(engine: Engine, question: str, person: str) -> None:
    assert person in quote_of(engine.ask(question))


LEADERS = """https://tin.example.test/thoi-su/quan-triet-nghi-quyet-6
Quán triệt Nghị quyết Trung ương 6 khóa XIII
Thứ Năm, 12/1/2023 09:00

Phát biểu chỉ đạo hội nghị, đồng chí Đỗ Thanh Hòa cho biết Hội nghị Trung ương 6 đã bàn nhiều chủ trương lớn.

Đồng chí Đỗ Thanh Hòa chỉ đạo Ban Tuyên giáo Tỉnh ủy đẩy mạnh tuyên truyền nghị quyết.

Các đồng chí: Đỗ Thanh Hòa - Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy; Lâm Văn Tín - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì hội nghị.
Minh Anh
"""


def test_the_post_of_a_named_person_is_a_sentence_giving_their_titles(tmp_path: Path) -> None:
    """"Đỗ Thanh Hòa giữ chức vụ gì?" is answered by the sentence with his titles, not by one where he only
    speaks; a title before the name counts ("Bí thư Tỉnh ủy Đỗ Thanh Hòa")."""
    engine = engine_over(tmp_path, {"lanh-dao.txt": LEADERS})
    for question in ("dong chi do thanh hoa giu nhung chuc vu gi", "Đỗ Thanh Hòa là ai?"):
        assert "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy" in quote_of(engine.ask(question))
    lexicon = engine.lexicon
    query = analyze("Đỗ Thanh Hòa là ai?", engine.index, lexicon)
    assert person_post_failure(query, lexicon, "Đồng chí Đỗ Thanh Hòa chỉ đạo Ban Tuyên giáo.") == "Đỗ Thanh Hòa"
    assert person_post_failure(query, lexicon, "Bí thư Tỉnh ủy Đỗ Thanh Hòa chỉ đạo Ban Tuyên giáo.") is None
    assert person_post_failure(query, lexicon, "Ông Lâm Văn Tín phát biểu.") is None  # another person
    post = analyze("Ai là Trưởng Ban Kinh tế - Ngân sách HĐND tỉnh?", engine.index, lexicon)
    assert person_post_failure(post, lexicon, "Ông Cao Văn Thịnh, Trưởng Ban Kinh tế - Ngân sách HĐND tỉnh.") is None
    district = analyze("Ai là Bí thư Huyện ủy Châu Thành?", engine.index, lexicon)  # a place, not a name
    assert person_post_failure(district, lexicon, "Huyện Châu Thành đã hoàn thành 21 nhiệm vụ.") is None


def test_a_post_named_without_anyone_does_not_answer_who(engine: Engine) -> None:
    """"Phó Chủ tịch UBND tỉnh đề nghị UBND huyện Kiên Hải..." names the post of the province and no one."""
    answer = engine.ask("Ai là Chủ tịch UBND huyện Kiên Hải?")
    assert answer.best is None or "Phó Chủ tịch UBND tỉnh đề nghị" not in answer.best.quote


RED_CROSS = """https://tin.example.test/xa-hoi/chu-thap-do-tong-ket-2024
Hội Chữ thập đỏ tỉnh tổng kết năm 2024
Thứ Sáu, 10/01/2025 08:30

Sáng 9/1, tại TP Rạch Giá, Hội Chữ thập đỏ tỉnh tổ chức hội nghị tổng kết công tác Hội năm 2024. Bà Trần Thị Mỹ Hạnh, Chủ tịch Hội Chữ thập đỏ tỉnh, chủ trì hội nghị.

Năm 2024, các cấp Hội vận động tiền và hàng hóa trị giá 68,7 tỷ đồng.
Thu Hà
"""


def test_a_place_in_capitals_is_no_person_and_the_chair_in_the_next_sentence_is_quoted(tmp_path: Path) -> None:
    """"tại TP Rạch Giá" is three capitalised words, not a name: the sentence naming the meeting does not say who
    chaired it, so the next one is quoted with it (index/answer/roles.py, PERSON_RE)."""
    engine = engine_over(tmp_path, {"chu-thap-do.txt": RED_CROSS})
    assert "Trần Thị Mỹ Hạnh" in quote_of(engine.ask("Ai chủ trì hội nghị tổng kết công tác Hội Chữ thập đỏ năm 2024?"))


UNION_MEETING = """https://tin.example.test/cong-doan/chau-thanh-so-ket-2024
Châu Thành sơ kết công tác công đoàn tại Khu công nghiệp Thạnh Lộc
Thứ Tư, 25/9/2024 15:00

Dự hội nghị có đồng chí Nguyễn Hoàng Duy, Phó Chủ tịch Liên đoàn Lao động tỉnh và đồng chí Phan Thị Bích Ngọc, Chủ tịch Liên đoàn Lao động huyện Châu Thành.

Bà Ngô Thị Hồng Vân, Giám đốc Sở Kế hoạch và Đầu tư trình bày báo cáo thu hút đầu tư vào khu công nghiệp.

Đến nay, công đoàn cơ sở tại khu công nghiệp có 4.120 đoàn viên, tăng 12% so với năm 2023.

Huyện phấn đấu đến năm 2025 có 95% doanh nghiệp trong khu công nghiệp thành lập công đoàn cơ sở.

Nhà ở xã hội cho công nhân có 420 căn, đã bố trí cho 386 hộ.
Minh Anh
"""


@pytest.mark.parametrize("question", ["Ai là Phó Chủ tịch HĐND huyện Châu Thành?",
                                      "Phó Chủ tịch Hội đồng nhân dân huyện Châu Thành là ai?"])
def test_who_holds_a_post_of_a_body_is_not_answered_by_that_post_of_another(tmp_path: Path, question: str) -> None:
    """The deputy chair of the district council is not the deputy chair of the provincial labour federation."""
    engine = engine_over(tmp_path, {"cong-doan.txt": UNION_MEETING})
    answer = compose(engine.index, engine.lexicon, question, decline_model=None)
    assert answer.best is None or "Nguyễn Hoàng Duy" not in answer.best.quote
    post = asked_post(analyze(question, engine.index, engine.lexicon), engine.lexicon)
    assert post is not None and (post.deputy, post.head, post.body[0]) == (True, "chu tich", "hoi")
    council = "Đồng chí Lê Văn Tám, Phó Chủ tịch HĐND huyện Châu Thành phát biểu."
    assert post_fit(post, council, engine.lexicon) == 1.0
    assert post_fit(post, UNION_MEETING.splitlines()[4], engine.lexicon) == -1.0


def test_a_whole_post_abbreviated_reads_its_body_by_initials(tmp_path: Path) -> None:
    """"TB DV HU" is Trưởng Ban Dân vận Huyện ủy: "DV" makes no syllable, so it stands for the body by its initials;
    the province's deputy head of that board is still no answer, nor the head of another board."""
    engine = engine_over(tmp_path, {"cong-doan.txt": UNION_MEETING})
    post = asked_post(analyze("TB DV HU Vĩnh Thuận hiện là ai ạ?", engine.index, engine.lexicon), engine.lexicon)
    assert post is not None and (post.deputy, post.head) == (False, "truong ban")
    held = "Dự có đồng chí Thạch Thị Bích Ngọc, Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Huyện ủy."
    assert post_fit(post, held, engine.lexicon) == 1.0
    assert post_fit(post, "Dự có đồng chí Phan Văn Lợi, Phó Trưởng Ban Dân vận Tỉnh ủy.", engine.lexicon) == -1.0
    assert post_fit(post, "Dự có đồng chí Lê Văn Hai, Trưởng Ban Tuyên giáo Huyện ủy.", engine.lexicon) == -1.0


def test_a_body_abbreviated_by_its_initials_is_the_same_body(tmp_path: Path) -> None:
    engine = engine_over(tmp_path, {"cong-doan.txt": UNION_MEETING})
    assert "Ngô Thị Hồng Vân" in quote_of(compose(engine.index, engine.lexicon, "GĐ Sở KH&ĐT trình bày báo cáo là ai?",
                                                   decline_model=None))
    post = asked_post(analyze("Ai là Giám đốc Sở Xây dựng?", engine.index, engine.lexicon), engine.lexicon)
    assert post_fit(post, "Ông Trần Văn An, Tổng Giám đốc Công ty Xây dựng số 1 phát biểu.", engine.lexicon) == 0.0


INSURANCE = """https://tin.example.test/xa-hoi/bao-hiem-y-te-6-thang-2024
Bảo hiểm y tế toàn dân: còn hơn 150.000 người chưa tham gia
Thứ Sáu, 26/7/2024 09:00

Theo báo cáo, đến ngày 30/6/2024 toàn tỉnh có 1.612.450 người tham gia bảo hiểm y tế, đạt tỷ lệ bao phủ 91,2% dân số, tăng 1,6 điểm phần trăm so với cuối năm 2023. Thời điểm cuối năm 2023, tỷ lệ bao phủ bảo hiểm y tế của tỉnh đạt 89,6% với 1.580.300 người tham gia. Hội nghị cũng chỉ ra hạn chế khi toàn tỉnh vẫn còn khoảng 155.600 người chưa tham gia bảo hiểm y tế.

Hiện có 143/144 trạm y tế xã, phường, thị trấn đã ký hợp đồng khám, chữa bệnh bảo hiểm y tế; trạm y tế xã Hòa Chánh chưa ký hợp đồng do thiếu bác sĩ.
Minh Anh
"""


def test_a_negation_asked_prefers_the_sentence_negating_the_same_word(tmp_path: Path) -> None:
    """"còn bao nhiêu người chưa tham gia" is answered by the 155.600 who have not joined, not by the 1.612.450
    who have (which shares every other word of the question)."""
    engine = engine_over(tmp_path, {"bao-hiem.txt": INSURANCE})
    for question in ("Toàn tỉnh còn bao nhiêu người chưa tham gia bảo hiểm y tế?",
                     "toan tinh con bao nhieu nguoi chua tham gia bao hiem y te"):
        assert "155.600 người chưa tham gia" in quote_of(engine.ask(question))
    assert "1.612.450 người" in quote_of(engine.ask("Đến 30/6/2024 toàn tỉnh có bao nhiêu người tham gia bảo hiểm y tế?"))
    assert negated_words("Trạm y tế nào chưa được ký hợp đồng?") == {"ky"}  # past the auxiliary
    assert not negated_words("ko biết toàn tỉnh có bao nhiêu trạm đo không khí, có không?")  # chat, air, the end


SAND = """https://tin.example.test/kinh-te/gia-cat-san-lap-2023
Giá cát san lấp tăng cao, nhiều công trình chậm tiến độ
Thứ Năm, 12/10/2023 09:00

Theo Sở Xây dựng, giá cát san lấp bình quân tại chân công trình trong quý III/2023 là 245.000 đồng/m3, tăng 35% so với đầu năm. Ở thời điểm cao nhất, giá cát lên đến 320.000 đồng/m3. Giá đá xây dựng tăng nhẹ, bình quân 410.000 đồng/m3.
Minh Anh
"""


def test_the_end_of_a_ranking_asked_prefers_the_sentence_naming_it(tmp_path: Path) -> None:
    """"cao nhất" asked: the sentence giving the peak ("Ở thời điểm cao nhất, giá cát lên đến 320.000 đồng/m3"),
    not the one sharing more of the question's other words (the average for the quarter)."""
    engine = engine_over(tmp_path, {"cat.txt": SAND})
    answer = compose(engine.index, engine.lexicon, "Giá cát san lấp cao nhất trong quý III/2023 là bao nhiêu một m3?",
                     decline_model=None)
    assert answer.best is not None and "320.000 đồng/m3" in answer.best.quote
    assert asked_end("huyện nào thiếu giáo viên nhieu nhat") == 1 and asked_end("Tỷ lệ thấp nhất là bao nhiêu?") == -1
    assert asked_end("cần ít nhất bao nhiêu giáo viên?") == 0  # "at least"
    assert end_fit(-1, "TP. Hà Tiên thiếu ít giáo viên nhất.") == 1.0 and end_fit(1, "Hà Tiên thấp nhất.") == -1.0


JOB_FAIR = """https://tin.example.test/xa-hoi/ngay-hoi-viec-lam-2025
Sở Lao động chuẩn bị Ngày hội việc làm năm 2025
Thứ Tư, 18/12/2024 10:00

Năm 2024, Trung tâm Dịch vụ việc làm tỉnh tổ chức 40 phiên giao dịch việc làm với 1.100 lượt doanh nghiệp tham gia. Sở đã trình UBND tỉnh ban hành kế hoạch tổ chức Ngày hội việc làm và các phiên giao dịch việc làm năm 2025. Kế hoạch mang số 215/KH-UBND ngày 16/12/2024, theo đó Ngày hội việc làm tỉnh dự kiến tổ chức vào tháng 4/2025 tại thành phố Rạch Giá với khoảng 40 gian tuyển dụng.
Minh Anh
"""


@pytest.mark.parametrize("question", [
    "Ngày hội việc làm năm 2025 của tỉnh dự kiến tổ chức khi nào, ở đâu?",
    "KH tổ chức Ngày hội việc làm 2025 của UBND tỉnh là KH số mấy, ngày nào?",
])
def test_every_kind_asked_must_be_held_and_the_questions_own_year_is_no_date(tmp_path: Path, question: str) -> None:
    """"khi nào, ở đâu" and "số mấy, ngày nào" ask two things each; the sentence repeating the question's words and
    its year ("... Ngày hội việc làm ... năm 2025") holds neither, the next one holds both."""
    engine = engine_over(tmp_path, {"viec-lam.txt": JOB_FAIR})
    answer = compose(engine.index, engine.lexicon, question, decline_model=None)
    assert answer.best is not None and "215/KH-UBND ngày 16/12/2024" in answer.best.quote
    query = analyze(question, engine.index, engine.lexicon)
    asked_again = "Sở đã trình UBND tỉnh ban hành kế hoạch tổ chức Ngày hội việc làm năm 2025."
    assert not holds_answer(query, asked_again)
    assert cue_fit(query, asked_again, text_terms(asked_again)) == 0.0
    when = analyze("Ngày hội việc làm được tổ chức khi nào?", engine.index, engine.lexicon)  # no year asked
    assert holds_answer(when, "Ngày hội việc làm diễn ra vào năm 2025.")
    # A document's number is no date: "178/2024/NĐ-CP" does not say when (index/answer/features.py)
    decree = "Đã có 28 người nộp đơn xin nghỉ theo Nghị định số 178/2024/NĐ-CP."
    assert not holds_answer(when, decree) and cue_fit(when, decree, text_terms(decree)) == 0.0


TEACHERS = """https://tin.example.test/giao-duc/thieu-giao-vien-2024
Thiếu giáo viên trước thềm năm học mới
Thứ Hai, 12/8/2024 08:00

Toàn tỉnh thiếu 215 giáo viên Tiếng Anh ở cấp tiểu học; hai môn Âm nhạc, Mỹ thuật cũng thiếu 126 người. Về địa bàn, huyện Hòn Đất thiếu nhiều nhất với 231 giáo viên, tiếp đến là huyện Gò Quao thiếu 174 giáo viên.
Minh Anh
"""


def test_people_asked_are_counted_by_any_noun_for_people(tmp_path: Path) -> None:
    """"thiếu bao nhiêu người" is answered by "231 giáo viên": teachers are people."""
    engine = engine_over(tmp_path, {"giao-vien.txt": TEACHERS})
    answer = compose(engine.index, engine.lexicon, "Địa phương nào đang thiếu giáo viên nhiều nhất, thiếu bao nhiêu người?",
                     decline_model=None)
    assert answer.best is not None and "231 giáo viên" in answer.best.quote


SHORTAGE = """https://tin.example.test/giao-duc/thieu-giao-vien-2025
Rà soát đội ngũ giáo viên năm học 2024-2025
Thứ Tư, 14/8/2024 08:00

Trong năm học 2023-2024 có 286 giáo viên nghỉ việc, nghỉ hưu hoặc chuyển công tác ra ngoài tỉnh. Năm học 2024-2025, số giáo viên còn thiếu của tỉnh là 1.940 người, tập trung ở bậc mầm non và tiểu học.
Minh Anh
"""


def test_people_counted_in_other_words_answer_a_count_of_them(tmp_path: Path) -> None:
    """"thiếu bao nhiêu giáo viên" is answered by "số giáo viên còn thiếu ... là 1.940 người": the sentence names
    the teachers and counts them as people (index/answer/features.py, _people_answer)."""
    engine = engine_over(tmp_path, {"thieu-giao-vien.txt": SHORTAGE})
    for question in ("Năm học 2024-2025 tỉnh thiếu bao nhiêu giáo viên?",
                     "nam hoc 2024-2025 tinh thieu bao nhieu giao vien"):
        answer = compose(engine.index, engine.lexicon, question, decline_model=None)
        assert answer.best is not None and "1.940 người" in answer.best.quote, question


POPULATION = """https://tin.example.test/dan-so/muc-sinh-2024
Mức sinh giảm, dân số già hóa nhanh
Thứ Ba, 10/12/2024 08:00

Tổng tỷ suất sinh năm 2024 chỉ còn 1,74 con/phụ nữ, thấp hơn mức 1,91 con/phụ nữ của cả nước. Chỉ số già hóa đạt 57,9, gần bằng mức 60,2 của cả nước.

Tỉnh Cà Mau lân cận có tổng tỷ suất sinh năm 2024 là 1,69 con/phụ nữ.
Minh Anh
"""


@pytest.mark.parametrize(("question", "figure"), [
    ("Tổng tỷ suất sinh của tỉnh năm 2024 là bao nhiêu?", "1,74 con/phụ nữ"),
    ("Chỉ số già hóa của tỉnh năm 2024 là bao nhiêu?", "57,9"),
    ("Chỉ số già hóa của cả nước là bao nhiêu?", "60,2 của cả nước"),
])
def test_the_countrys_figure_compared_with_is_a_frame_not_the_level(tmp_path: Path, question: str, figure: str) -> None:
    """"thấp hơn mức 1,91 con/phụ nữ của cả nước", "gần bằng mức 60,2 của cả nước": the country's figure set beside
    the province's does not make the sentence a national one; a national question still gets it."""
    engine = engine_over(tmp_path, {"dan-so.txt": POPULATION})
    answer = compose(engine.index, engine.lexicon, question, decline_model=None)
    assert answer.best is not None and figure in answer.best.quote


FAKE_NEWS = """https://tin.example.test/xa-hoi/xu-phat-tin-sai-2024
Xử phạt người đăng tin sai sự thật trên mạng xã hội
Thứ Năm, 19/12/2024 08:00

Trong năm 2024, Sở Thông tin và Truyền thông phối hợp Công an tỉnh xử phạt 16 trường hợp đăng, chia sẻ thông tin sai sự thật trên mạng xã hội với tổng số tiền 112 triệu đồng. Năm 2023 xử phạt 11 trường hợp với 71,5 triệu đồng.
Minh Anh
"""


def test_cases_and_other_nouns_for_people_count_people(tmp_path: Path) -> None:
    """"phạt bao nhiêu người" is answered by "11 trường hợp": in official writing a case is a person."""
    engine = engine_over(tmp_path, {"tin-sai.txt": FAKE_NEWS})
    answer = compose(engine.index, engine.lexicon,
                     "Năm 2023 tỉnh đã phạt bao nhiêu người tung tin sai sự thật trên mạng?", decline_model=None)
    assert answer.best is not None and "11 trường hợp" in answer.best.quote


# Fictional test bulletin (not part of the shipped corpus).
RICE_EXPORT = """https://tin.example.test/kinh-te/xuat-khau-gao-2024
Kiên Giang: xuất khẩu gạo năm 2024 tăng khá
Thứ Ba, 14/01/2025 10:00

Năm 2024, kim ngạch xuất khẩu gạo của tỉnh Kiên Giang ước đạt 318 triệu USD, tăng 9,2% so với năm 2023. Năm 2023, con số này là 291,2 triệu USD. Thị trường chính vẫn là Philippines và Indonesia.

Sản lượng lúa cả năm 2024 của tỉnh đạt 4,31 triệu tấn, diện tích gieo trồng 712.400 ha.

Toàn tỉnh có 46 doanh nghiệp có giấy phép kinh doanh xuất khẩu gạo, trong đó 12 doanh nghiệp có vùng nguyên liệu liên kết.

Mục tiêu đến năm 2030, tỉnh có 200.000 ha lúa chất lượng cao, phát thải thấp.
Hoàng Yến
"""


def test_a_year_asked_is_answered_by_the_sentence_giving_the_measure_before_for_it(tmp_path: Path) -> None:
    """"Năm 2023, con số này là 291,2 triệu USD" goes on from the sentence before, whose words the question shares
    and which names 2023 only to compare: quoted together, they answer for 2023 (index/answer/candidates.py)."""
    engine = engine_over(tmp_path, {"gao.txt": RICE_EXPORT})
    answer = compose(engine.index, engine.lexicon, "Năm 2023 kim ngạch xuất khẩu gạo của Kiên Giang đạt bao nhiêu?",
                     decline_model=None)
    assert "con số này là 291,2 triệu USD" in quote_of(answer)
    assert quote_of(engine.ask("Kim ngạch xuất khẩu gạo năm 2024 của Kiên Giang là bao nhiêu?")).endswith(
        "tăng 9,2% so với năm 2023.")


# Fictional test bulletin (not part of the shipped corpus).
FIRE_SAFETY = """https://tin.example.test/xa-hoi/phong-chay-chua-chay-2024
Kiên Giang: kiềm chế sự cố, bảo đảm an toàn trong năm 2024
Thứ Sáu, 10/01/2025 08:30

Năm 2024, trên địa bàn tỉnh Kiên Giang xảy ra 31 vụ cháy, làm 2 người chết, thiệt hại tài sản ước 14,2 tỷ đồng. Năm 2023, toàn tỉnh xảy ra 44 vụ, thiệt hại 19,8 tỷ đồng.

Lực lượng Cảnh sát phòng cháy, chữa cháy đã kiểm tra 6.820 cơ sở, xử phạt 212 trường hợp vi phạm với số tiền 1,9 tỷ đồng.

Tỉnh hiện có 1.146 tổ liên gia an toàn phòng cháy, chữa cháy và 2.380 điểm chữa cháy công cộng.

Năm 2025, tỉnh phấn đấu giảm ít nhất 10% số vụ cháy so với năm 2024.
Thanh Tâm
"""


def test_a_sentence_opening_on_the_year_asked_gives_the_measure_of_the_one_before(tmp_path: Path) -> None:
    """"Năm 2023, toàn tỉnh xảy ra 44 vụ" states 2023's figure of the fires the sentence before counts for 2024; alone
    it does not say of what. Quoted with the sentence before, the two answer a question on 2023
    (index/answer/candidates.py)."""
    engine = engine_over(tmp_path, {"pccc.txt": FIRE_SAFETY})
    answer = compose(engine.index, engine.lexicon, "Năm 2023 Kiên Giang xảy ra bao nhiêu vụ cháy?", decline_model=None)
    quote = quote_of(answer)
    assert quote.startswith("Năm 2024, trên địa bàn tỉnh Kiên Giang xảy ra 31 vụ cháy")
    assert quote.endswith("Năm 2023, toàn tỉnh xảy ra 44 vụ, thiệt hại 19,8 tỷ đồng.")
    assert quote_of(engine.ask("Năm 2024 Kiên Giang xảy ra bao nhiêu vụ cháy?")).endswith("ước 14,2 tỷ đồng.")


# Fictional test bulletin (not part of the shipped corpus).
SPORTS = """https://tin.example.test/the-thao/giai-bong-chuyen-2024
Kiên Giang: sôi nổi phong trào thể thao quần chúng năm 2024
Thứ Hai, 16/12/2024 15:00

Giải Bóng chuyền hơi nữ tỉnh Kiên Giang lần thứ VIII năm 2024 đã khép lại thành công tại huyện Tân Hiệp. Giải thu hút 640 vận động viên của 48 đội đến từ các xã, phường.

Năm 2024, toàn tỉnh có 36,8% dân số tập luyện thể dục thể thao thường xuyên.

Tỉnh hiện có 214 sân bóng đá mini, phần lớn do tư nhân đầu tư.

Đến năm 2030, tỉnh phấn đấu có 40% dân số tập luyện thường xuyên.
Minh Khoa
"""


def test_the_next_sentence_opening_on_the_same_word_states_the_figure(tmp_path: Path) -> None:
    """"Giải ... đã khép lại thành công. Giải thu hút 640 vận động viên": the second sentence goes on about the
    tournament the first names and states how many took part; both are quoted (index/answer/choice.py)."""
    engine = engine_over(tmp_path, {"the-thao.txt": SPORTS})
    answer = compose(engine.index, engine.lexicon,
                     "Giải Bóng chuyền hơi nữ tỉnh Kiên Giang lần thứ VIII năm 2024 có bao nhiêu vận động viên?",
                     decline_model=None)
    quote = quote_of(answer)
    assert quote.startswith("Giải Bóng chuyền hơi nữ") and quote.endswith("của 48 đội đến từ các xã, phường.")


# Fictional test bulletin (not part of the shipped corpus).
JOBLESS_BENEFIT = """https://tin.example.test/xa-hoi/bao-hiem-that-nghiep-2024
Kiên Giang: bảo hiểm thất nghiệp năm 2024
Thứ Tư, 08/01/2025 09:00

Trong năm, Trung tâm Dịch vụ việc làm tỉnh Kiên Giang tiếp nhận 9.865 hồ sơ đề nghị hưởng trợ cấp thất nghiệp, tăng 925 hồ sơ so với năm 2023 (8.940 hồ sơ).

Năm 2022, số hồ sơ đề nghị hưởng trợ cấp thất nghiệp toàn tỉnh là 7.610 hồ sơ.

Sở Lao động - Thương binh và Xã hội đã ban hành quyết định hưởng trợ cấp cho 9.612 người với tổng số tiền khoảng 152,6 tỷ đồng.
Minh Thư
"""


def test_a_year_compared_with_its_figure_in_brackets_is_stated_and_the_figure_is_the_bulletins_year(
        tmp_path: Path) -> None:
    """"tăng 925 hồ sơ so với năm 2023 (8.940 hồ sơ)" states 2023's figure, so it answers for 2023, and its main
    figure is still the bulletin's year's (index/answer/years.py, compared_figure_years)."""
    engine = engine_over(tmp_path, {"that-nghiep.txt": JOBLESS_BENEFIT})
    for year in ("2023", "2024"):
        answer = compose(engine.index, engine.lexicon,
                         f"Năm {year} Kiên Giang tiếp nhận bao nhiêu hồ sơ đề nghị hưởng trợ cấp thất nghiệp?",
                         decline_model=None)
        assert "(8.940 hồ sơ)" in quote_of(answer), year


# Fictional test bulletin (not part of the shipped corpus).
E_INVOICES = """https://tin.example.test/kinh-te/hoa-don-dien-tu-2024
Kiên Giang: hóa đơn điện tử khởi tạo từ máy tính tiền tăng mạnh
Thứ Năm, 12/12/2024 15:00

Tính chung tất cả các loại, năm 2023 toàn tỉnh Kiên Giang sử dụng 52,3 triệu hóa đơn điện tử; 11 tháng năm 2024 đạt 49,8 triệu hóa đơn.

Đến nay, 1.460 doanh nghiệp, hộ kinh doanh đã đăng ký sử dụng hóa đơn điện tử khởi tạo từ máy tính tiền.
Bảo Ngọc
"""


def test_a_whole_year_asked_reads_the_clause_of_that_year(tmp_path: Path) -> None:
    """"cả năm 2023" is answered by the clause giving 2023's figure, though the next clause gives 11 months of 2024
    (features.speaks_of_part_of_year reads the clauses naming the year asked); 2024's 11 months still do not
    answer for the whole of 2024."""
    engine = engine_over(tmp_path, {"hoa-don.txt": E_INVOICES})
    answer = compose(engine.index, engine.lexicon,
                     "Cả năm 2023 Kiên Giang sử dụng bao nhiêu hóa đơn điện tử?", decline_model=None)
    assert "52,3 triệu hóa đơn điện tử" in quote_of(answer)
    whole_2024 = compose(engine.index, engine.lexicon,
                         "Cả năm 2024 Kiên Giang sử dụng bao nhiêu hóa đơn điện tử?", decline_model=None)
    assert whole_2024.best is None or "49,8 triệu" not in whole_2024.best.quote


# Fictional test bulletin (not part of the shipped corpus).
PARTY_RATINGS = """https://tin.example.test/xay-dung-dang/xep-loai-dang-vien-2024
Kiên Giang: 12,3% đảng viên hoàn thành xuất sắc nhiệm vụ năm 2024
Thứ Sáu, 14/02/2025 09:00

Về đảng viên, có 63.914 đảng viên được đánh giá, xếp loại, không tính đảng viên được miễn công tác và sinh hoạt đảng. Trong đó, 7.842 đảng viên hoàn thành xuất sắc nhiệm vụ (12,3%); 52.960 đảng viên hoàn thành tốt nhiệm vụ (82,9%) và 393 đảng viên không hoàn thành nhiệm vụ (0,6%).

Năm 2025, Tỉnh ủy Kiên Giang yêu cầu các cấp ủy thực hiện nghiêm việc đánh giá, xếp loại theo hướng dẫn mới.
Hồng Nhung
"""


def test_a_breakdown_that_holds_the_words_asked_in_order_is_quoted_with_its_total(tmp_path: Path) -> None:
    """The question's words are all in the total and the title ("... đảng viên được đánh giá, xếp loại"), but "không hoàn thành
    nhiệm vụ" stands as asked only in the "Trong đó, ..." that goes on from it: the two are quoted together
    (candidates._adds)."""
    engine = engine_over(tmp_path, {"xep-loai.txt": PARTY_RATINGS})
    answer = compose(engine.index, engine.lexicon,
                     "Năm 2024 Kiên Giang có bao nhiêu đảng viên bị xếp loại không hoàn thành nhiệm vụ?",
                     decline_model=None)
    assert "393 đảng viên không hoàn thành nhiệm vụ" in quote_of(answer)


# Fictional test bulletin (not part of the shipped corpus).
FRAUD_STORY = """https://tin.example.test/an-ninh/giong-rieng-lua-dao-2024
Giồng Riềng cao điểm phòng, chống lừa đảo qua mạng
Thứ Hai, 21/10/2024 10:00

Theo Công an huyện Giồng Riềng (tỉnh Kiên Giang), 9 tháng đầu năm 2024 trên địa bàn huyện xảy ra 14 vụ lừa đảo qua mạng. Đáng chú ý, một nông dân 67 tuổi ở xã Hòa Hưng nhận cuộc gọi của đối tượng giả danh công an, sau đó được hướng dẫn cài ứng dụng giả mạo. Chỉ sau vài giờ, tài khoản ngân hàng của ông bị rút sạch 820 triệu đồng là tiền bán lúa.

Công an huyện đã tổ chức 1.150 buổi phát thanh cảnh báo trên loa truyền thanh các ấp.

Huyện đã thành lập 19 tổ công nghệ số cộng đồng với 1.246 thành viên, hướng dẫn người dân kích hoạt tài khoản định danh điện tử.

Năm 2025, huyện phấn đấu 90% hộ gia đình được tuyên truyền về các thủ đoạn lừa đảo trên không gian mạng.
Ngọc Hân
"""


def test_the_next_sentence_referring_back_to_the_person_gives_the_sum(tmp_path: Path) -> None:
    """"... một nông dân 67 tuổi ở xã Hòa Hưng ..." names the case, "... tài khoản ngân hàng của ông bị rút sạch 820
    triệu đồng" (of him: the same man) the sum asked: the two are quoted together (choice._continued); "ông" before
    a name is someone new."""
    engine = engine_over(tmp_path, {"lua-dao.txt": FRAUD_STORY})
    answer = compose(engine.index, engine.lexicon, "Nông dân 67 tuổi ở xã Hòa Hưng bị lừa đảo mất bao nhiêu tiền?",
                     decline_model=None)
    assert "một nông dân 67 tuổi" in quote_of(answer) and "820 triệu đồng" in quote_of(answer)


# Fictional test bulletin (not part of the shipped corpus).
LIBRARY_YEAR = """https://tin.example.test/van-hoa/thu-vien-tinh-2024
Thư viện tỉnh Kiên Giang đẩy mạnh phát triển văn hóa đọc
Thứ Hai, 13/01/2025 08:30

Theo báo cáo của Thư viện tỉnh Kiên Giang, năm 2024 đơn vị phục vụ 386.500 lượt bạn đọc, tăng 9,4% so với năm 2023.

Thư viện tỉnh hiện có 126 điểm thư viện cơ sở tại các xã, trường học và đồn biên phòng trên địa bàn tỉnh.

Năm 2025, thư viện phấn đấu phục vụ 400.000 lượt bạn đọc và số hóa thêm 5.000 tài liệu địa chí.

Đại diện Sở Văn hóa và Thể thao đề nghị thư viện mở rộng mô hình tủ sách cộng đồng tại các ấp, khu phố.
Minh Thư
"""


def test_part_of_a_year_is_not_answered_by_the_whole_years_figure(tmp_path: Path) -> None:
    """"6 tháng đầu năm 2024" is not answered by the figure of the whole of 2024 that a bulletin of 2025 gives
    (periods.part_year_failure): no answer, with that figure offered as the nearest. The year itself is answered,
    and "Cùng kỳ năm 2023" is the same part of 2023."""
    engine = engine_over(tmp_path, {"thu-vien.txt": LIBRARY_YEAR})
    for question in ("6 tháng đầu năm 2024 Thư viện tỉnh Kiên Giang phục vụ bao nhiêu lượt bạn đọc?",
                     "quy 2/2024 thu vien tinh kien giang phuc vu bao nhieu luot ban doc"):
        answer = compose(engine.index, engine.lexicon, question, decline_model=None)
        assert answer.best is None and answer.reason is Decline.OTHER_YEAR, question
        assert answer.nearest is not None and "386.500 lượt" in answer.nearest.quote
    whole = compose(engine.index, engine.lexicon,
                    "Năm 2024 Thư viện tỉnh Kiên Giang phục vụ bao nhiêu lượt bạn đọc?", decline_model=None)
    assert "386.500 lượt" in quote_of(whole)
    # The same part of a year before, and a year named only to compare with, give no whole year's figure.
    asked = analyze("9 tháng đầu năm 2023 người dân Kiên Giang hiến tặng bao nhiêu bộ sách?", engine.index,
                    engine.lexicon)
    for sentence in ("Cùng kỳ năm 2023, chỉ có 9 bộ sách được hiến tặng.",
                     "Năm 2024 có 14 bộ sách được hiến tặng, tăng 5 bộ so với năm 2023."):
        assert part_year_failure(asked, sentence, "", "", 2025) is None, sentence
    failed = part_year_failure(asked, "Năm 2023 có 9 bộ sách được hiến tặng.", "", "", 2025)
    assert failed is not None and failed.what == "9 tháng đầu năm 2023"
    for month, said in (("tháng 5/2023", "tháng 5/2023"), ("quý 2 năm 2023", "quý 2 năm 2023")):
        asked = analyze(f"{month.capitalize()} người dân hiến tặng bao nhiêu bộ sách?", engine.index, engine.lexicon)
        failed = part_year_failure(asked, "Năm 2023 có 9 bộ sách được hiến tặng.", "", "", 2025)
        assert failed is not None and failed.what.lower() == said, month


def test_a_year_given_its_own_figure_in_a_later_clause_leaves_the_main_figure_to_the_bulletins_year(
        engine: Engine) -> None:
    """"đạt 91,5%, trong khi năm 2023 chỉ đạt 86,2%" gives 2023's figure after the main one, which is the year
    the bulletin speaks of (years.compared_figure_years); a document's number and date before a year do not make
    that year a later clause."""
    sentence = ("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin đạt 91,5%, trong khi năm 2023 "
                "chỉ đạt 86,2%.")
    title = "Y tế cơ sở năm 2024"
    for year, passes in (("2024", True), ("2023", True), ("2022", False)):
        query = analyze(f"Năm {year} tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt bao nhiêu?", engine.index,
                        engine.lexicon)
        assert (year_failure(query, sentence, "", title, 2024) is None) is passes, year
    plan = analyze("Năm 2024 Thanh tra tỉnh xác minh tài sản, thu nhập của bao nhiêu người?", engine.index,
                   engine.lexicon)
    planned = ("Theo Kế hoạch số 18/KH-TTr ngày 20/1/2025 của Thanh tra tỉnh, năm 2025 sẽ xác minh tài sản, thu "
               "nhập của 180 người.")
    assert year_failure(plan, planned, "", "Kê khai tài sản, thu nhập năm 2024", 2025) is not None


def test_a_rule_in_force_from_a_date_gives_its_figures_that_year_and_an_other_span_is_not_it(engine: Engine) -> None:
    """A title "... áp dụng từ ngày 1/1/2025" dates the figures of its bulletin's sentences that name no year (blind
    tune: ten questions on a 2025 land price table declined as another year); a sentence on a span that holds no
    year asked ("Trong bảng giá giai đoạn 2020-2024, ...") is another period's, whatever its title."""
    asked = analyze("Giá đất ở cao nhất trong bảng giá đất áp dụng năm 2025 là bao nhiêu?", engine.index,
                    engine.lexicon)
    title = "HĐND tỉnh thông qua bảng giá đất điều chỉnh áp dụng từ ngày 1/1/2025"
    new = "Theo bảng giá mới, giá đất ở cao nhất tỉnh là đường Trần Phú, TP Rạch Giá, với 185 triệu đồng/m2."
    assert year_failure(asked, new, "", title, 2024) is None
    assert year_failure(asked, new, "", "HĐND tỉnh thông qua bảng giá đất ngày 10/12/2024", 2024) is not None
    assert year_failure(asked, new, "", "Nghị quyết có hiệu lực kể từ ngày 1/1/2025", 2024) is None
    old = "Trong bảng giá giai đoạn 2020-2024, mức giá cao nhất tại tuyến đường này chỉ là 98 triệu đồng/m2."
    assert year_failure(asked, old, "", title, 2024) is not None
    compared = "Giá đất ở cao nhất là 185 triệu đồng/m2, gấp 1,9 lần giai đoạn 2020-2024."
    assert year_failure(asked, compared, "", title, 2024) is None


# Fictional test bulletin (not part of the shipped corpus).
JUSTICE_REVIEW = """+++
title = "Kiên Hải: đưa pháp luật ra đảo"
url = "https://tin.example.test/huyen-dao/kien-hai-tu-phap"
date = "{date}"
+++

Về kiểm tra văn bản, Phòng Tư pháp huyện Kiên Hải đã tự kiểm tra 42 văn bản do HĐND và UBND huyện ban hành.

Phòng cũng rà soát 15 văn bản quy phạm pháp luật và kiến nghị bãi bỏ 3 văn bản không còn phù hợp.

Huyện có 48 tổ hòa giải ở cơ sở với 312 hòa giải viên trên các xã đảo của tỉnh Kiên Giang.

Theo Trưởng phòng Tư pháp huyện, khó khăn lớn nhất là phòng chỉ có 3 công chức.
"""


@pytest.mark.parametrize(("published", "answered"), [("2025-01-16T14:30:00", True), ("2025-06-16T14:30:00", False)])
def test_a_bulletin_early_in_a_year_may_review_the_year_before(tmp_path: Path, published: str, answered: bool) -> None:
    """A sentence naming no year, in a bulletin of January 2025 naming none either, may speak of 2024: year-end
    reviews are published then (dating.REVIEW_MONTHS). In June it speaks of 2025."""
    engine = engine_over(tmp_path, {"tu-phap.md": JUSTICE_REVIEW.replace("{date}", published)})
    answer = compose(engine.index, engine.lexicon,
                     "Năm 2024 Phòng Tư pháp huyện Kiên Hải tự kiểm tra bao nhiêu văn bản?", decline_model=None)
    if answered:
        assert "42 văn bản" in quote_of(answer)
    else:
        assert answer.best is None and answer.reason is Decline.OTHER_YEAR


# Fictional test bulletin (not part of the shipped corpus).
YEAR_END_REVIEW = """https://tin.example.test/y-te/tong-ket-chong-lao
Kiên Giang tổng kết công tác phòng, chống bệnh lao
Thứ Năm, 16/01/2025 14:20

Kết quả đáng ghi nhận nhất là tỷ lệ điều trị thành công đối với bệnh nhân lao mới và tái phát đạt 91,2%, vượt chỉ tiêu 90% do Bộ Y tế giao.

Dư nợ cho vay của hệ thống quỹ tín dụng nhân dân toàn tỉnh đạt 2.485 tỷ đồng, tăng 9,6% so với cuối năm 2023 (2.267 tỷ đồng).

Về chất lượng tín dụng, nợ xấu của các quỹ tín dụng nhân dân là 21,6 tỷ đồng, chiếm 0,87% tổng dư nợ, giảm so với tỷ lệ 1,12% của năm 2023.

Về địa phương, TP Rạch Giá là nơi có số bệnh nhân lao được phát hiện nhiều nhất với 498 ca.

Phong trào "Doanh nghiệp thi đua đổi mới" đã thu hút 312 doanh nghiệp đăng ký tham gia, gấp gần 1,5 lần năm 2023.
Minh Khoa
"""


def test_a_review_early_in_a_year_reads_a_target_met_and_a_year_compared_with_as_the_year_before(tmp_path: Path) -> None:
    """In a January review, "vượt chỉ tiêu 90% do Bộ Y tế giao" measures a result against a target (the sentence is
    no goal), and a year compared with, its figure in brackets or as a multiple ("gấp gần 1,5 lần năm 2023"),
    leaves the sentence's own figure to the year reviewed. A figure that rose, fell or is compared with an earlier
    one is a result, as one "đạt" or "đã" done, not a plan ("nợ xấu ... chiếm 0,87%, giảm so với ..."), and so is
    a place that ranked ("là nơi có số bệnh nhân lao được phát hiện nhiều nhất")."""
    assert not only_goal("Tỷ lệ điều trị thành công đạt 91,2%, vượt chỉ tiêu 90% do Bộ Y tế giao.")
    assert not only_goal("Tăng trưởng đạt 6,83%, chưa đạt chỉ tiêu 7% do HĐND tỉnh đề ra.")
    assert only_goal("Chỉ tiêu doanh thu được giao là 455 tỷ đồng.")
    assert only_goal("Tỉnh phấn đấu tỷ lệ điều trị thành công đạt 92%.")
    assert compared_years("Phong trào thu hút 312 doanh nghiệp, gấp gần 1,5 lần năm 2023.") == {"2023"}
    engine = engine_over(tmp_path, {"chong-lao.txt": YEAR_END_REVIEW})
    for question, figure in (
            ("Tỷ lệ điều trị thành công bệnh nhân lao mới và tái phát năm 2024 đạt bao nhiêu?", "91,2%"),
            ("Dư nợ cho vay của hệ thống quỹ tín dụng nhân dân cuối năm 2024 là bao nhiêu?", "2.485 tỷ đồng"),
            ("Năm 2024 có bao nhiêu doanh nghiệp đăng ký tham gia phong trào thi đua đổi mới?", "312 doanh nghiệp"),
            ("Năm 2024 nợ xấu của các quỹ tín dụng nhân dân chiếm bao nhiêu phần trăm tổng dư nợ?", "0,87%"),
            ("Năm 2024 thành phố nào phát hiện nhiều bệnh nhân lao nhất, bao nhiêu ca?", "498 ca")):
        assert figure in quote_of(compose(engine.index, engine.lexicon, question, decline_model=None)), question


# Fictional test bulletin (not part of the shipped corpus).
STUNTING = """# Kiên Giang: tỷ lệ trẻ dưới 5 tuổi suy dinh dưỡng thấp còi giảm còn 17,9%

Ngày đăng: 06/03/2025

Theo báo cáo của Sở Y tế, năm 2024 tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi của tỉnh còn 17,9%, giảm 1,2 điểm phần trăm so với năm 2023.

Tình trạng thấp còi vẫn tập trung ở các huyện ven biển. Huyện An Minh có tỷ lệ trẻ dưới 5 tuổi thấp còi cao nhất tỉnh với 23,6%. Thành phố Phú Quốc có tỷ lệ thấp nhất, ở mức 12,4%.

Nguồn: https://tin.example.test/y-te/suy-dinh-duong-thap-coi
"""


def test_a_districts_figure_takes_the_year_of_the_paragraph_before_its_own(tmp_path: Path) -> None:
    """A paragraph breaking the province's figure down by district ("Thành phố Phú Quốc có tỷ lệ thấp nhất, ở mức
    12,4%") speaks of the year the paragraph before it names (2024), when neither it nor the title names one: it
    had been read as of 2025, the year the review was published, and declined for 2024."""
    engine = engine_over(tmp_path, {"thap-coi.md": STUNTING})
    def ask(question: str) -> Answer:
        return compose(engine.index, engine.lexicon, question, decline_model=None)
    assert "12,4%" in quote_of(ask("Tỷ lệ trẻ dưới 5 tuổi thấp còi ở thành phố Phú Quốc năm 2024 là bao nhiêu?"))
    other = ask("Tỷ lệ trẻ dưới 5 tuổi thấp còi ở thành phố Phú Quốc năm 2023 là bao nhiêu?")
    assert other.best is None and other.reason is Decline.OTHER_YEAR


# Fictional test bulletin (not part of the shipped corpus).
YOUTH_DIALOGUE = """+++
title = "Lãnh đạo tỉnh đối thoại với thanh niên về học nghề, việc làm"
url = "https://tin.example.test/thanh-nien/doi-thoai-hoc-nghe"
date = "{date}"
+++

Sáng 26/3, UBND tỉnh Kiên Giang phối hợp với Tỉnh đoàn tổ chức hội nghị đối thoại với thanh niên về học nghề, việc làm.

Báo cáo tại hội nghị, anh Trịnh Văn Hưng, Bí thư Tỉnh đoàn cho biết, năm 2024 các cấp bộ Đoàn đã giới thiệu việc làm thành công cho 3.870 thanh niên.
"""


def test_a_meetings_date_asks_no_year_of_the_figure_but_names_the_bulletin(tmp_path: Path) -> None:
    """A question citing a dated meeting ("tại hội nghị ... tháng 3/2025") asks nothing of its figure's year: the
    meeting reports 2024's results (blind tune: a question on a March 2025 meeting was declined as "năm 2025"),
    and "tháng 3/2025" is no part of a year asked. The meeting is the bulletin's: one of another year is another
    meeting. A span ("từ đầu 2023 đến nay") or a year reviewed ("hội nghị tổng kết năm 2024") dates none."""
    assert event_years("Theo hội nghị hồi tháng 12/2024, tỉnh dự tính dôi dư bao nhiêu trụ sở?") == {"2024"}
    assert event_years("hoi nghi doi thoai ngay 26/3/2025 do ai chu tri") == {"2025"}
    assert event_years("Theo hội nghị tháng 12/2024, năm 2024 tỉnh đạt bao nhiêu?") == set()
    assert event_years("Từ đầu 2023 đến nay tổ chức bn hội nghị học tập, tuyên truyền NQ 29?") == set()
    assert event_years("Hội nghị tổng kết năm 2024 cho biết có bao nhiêu vụ?") == set()
    question = ("Tại hội nghị đối thoại với thanh niên tháng 3/2025, Tỉnh đoàn Kiên Giang cho biết đã giới thiệu việc "
                "làm thành công cho bao nhiêu thanh niên?")
    for published, answered in (("2025-03-26T10:00:00", True), ("2023-03-26T10:00:00", False)):
        folder = tmp_path / published[:4]
        folder.mkdir()
        engine = engine_over(folder, {"doi-thoai.md": YOUTH_DIALOGUE.replace("{date}", published)})
        answer = compose(engine.index, engine.lexicon, question, decline_model=None)
        if answered:
            assert "3.870 thanh niên" in quote_of(answer)
        else:
            assert answer.best is None and answer.reason is Decline.OTHER_YEAR and answer.unknown == ("năm 2025",)
