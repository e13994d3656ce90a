"""Rules against confident wrong answers: the period a sentence inherits from its paragraph and title, the kind
of document whose number is asked, the measure a quantity is asked in, named facilities of one kind, and
the sentence that goes on from the chosen one (with a document number, or a figure in the measure asked).

The bulletins written here are fictional test data (URLs on tin.example.test).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from index.answer.asked import (
    actual_failure,
    asked_measure,
    average_failure,
    bare_measure_failure,
    count_failure,
    economy_share_failure,
    figure_failure,
    measure_failure,
    output_failure,
    rate_failure,
    thing_failure,
)
from index.answer.compose import compose
from index.answer.documents import asked_document_kind, document_failure, number_failure, ordinals
from index.answer.features import holds_answer, part_of_year_fit, speaks_of_part_of_year
from index.answer.instances import instance_failure, named_instances
from index.answer.model import Decline
from index.answer.periods import unreported_failure, whole_year_failure
from index.engine import Engine
from index.retrieval.query import analyze
from tests.support.sample_bulletins import engine_over, quote_of

HALF_YEAR = """https://tin.example.test/lao-dong/so-ket-6-thang-2024
6 tháng đầu năm 2024, ngành lao động giải quyết việc làm cho 17.900 người
Thứ Sáu, 12/7/2024 09:00

Đến ngày 30/6/2024, tỷ lệ lao động qua đào tạo của tỉnh ước đạt 67,4%. Cùng thời điểm, tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ của cả nước là 28,1%.

Đáng chú ý, có 602 người đi làm việc ở nước ngoài theo hợp đồng, đạt 50,2% kế hoạch năm.
Minh Anh
"""

WHOLE_YEAR = """https://tin.example.test/lao-dong/dao-tao-nghe-2024
Đào tạo nghề gắn với nâng cao chất lượng nguồn nhân lực
Thứ Hai, 13/1/2025 09:00

Theo báo cáo, đến cuối năm 2024, tỷ lệ lao động qua đào tạo của tỉnh ước đạt 68,5%. Cùng thời điểm, tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ của cả nước là 28,3%.

Nhà máy điện khí LNG Kiên Lương có công suất 1.500 MW, tổng vốn đầu tư khoảng 2,2 tỷ USD. Khi vận hành, nhà máy dự kiến tạo việc làm cho khoảng 600 lao động.
Minh Anh
"""

DOCUMENTS = """https://tin.example.test/thoi-su/ky-hop-hdnd-cuoi-nam
HĐND tỉnh thảo luận kế hoạch phát triển kinh tế - xã hội năm 2025
Thứ Ba, 10/12/2024 09:00

UBND tỉnh đặt mục tiêu kinh tế số chiếm 10% GRDP vào năm 2025, theo Kế hoạch số 186/KH-UBND ngày 15/3/2024 về phát triển kinh tế số năm 2025.

Các chỉ tiêu kinh tế - xã hội năm 2025 được trình tại kỳ họp. Dự thảo kèm theo Tờ trình số 296/TTr-UBND ngày 2/12/2024 của UBND tỉnh về kế hoạch phát triển kinh tế - xã hội năm 2025.

Tại hội nghị, Ban Thường vụ Tỉnh ủy thống nhất ban hành kế hoạch kiểm tra, giám sát chuyên đề năm 2025. Kế hoạch này mang số 151-KH/TU, giao Ủy ban Kiểm tra Tỉnh ủy chủ trì.
Minh Anh
"""

PARKS = """https://tin.example.test/dau-tu/khu-cong-nghiep-2024
Các khu công nghiệp thu hút đầu tư năm 2024
Thứ Tư, 8/1/2025 09:00

Trong năm 2024, KCN Thạnh Lộc thu hút thêm 6 dự án mới với tổng vốn đăng ký 2.315 tỷ đồng.

Tính chung năm 2024, các KCN của tỉnh thu hút 9 dự án với tổng vốn đăng ký 3.591 tỷ đồng.

Năm 2024, KCN Xẻo Rô đón 3 dự án đầu tiên với tổng vốn đăng ký 1.276 tỷ đồng.
Minh Anh
"""

FACTORY = """https://tin.example.test/cong-nghiep/che-bien-thuy-san-2024
Chế biến sâu nâng giá trị thủy sản
Thứ Năm, 14/11/2024 09:00

Một số doanh nghiệp đã mạnh dạn đầu tư chế biến sâu. Công ty Cổ phần Thủy sản Hòn Tre vừa đưa vào vận hành dây chuyền sản xuất chả cá với vốn đầu tư 210 tỷ đồng. Dây chuyền có công suất 6.500 tấn thành phẩm/năm, sản phẩm xuất khẩu sang Nhật Bản.

Nhà máy nước đá Tắc Cậu được nâng cấp với kinh phí 12 tỷ đồng. Sản lượng nước mắm của làng nghề đạt 2,1 triệu lít/năm.

Căn cứ Chương trình hành động số 35-CTr/TU ngày 9/2/2023 của Tỉnh ủy, Ban Thường vụ Tỉnh đoàn đã ban hành kế hoạch thực hiện với 5 nhóm nhiệm vụ. Kế hoạch mang số 86-KH/TĐTN.
Minh Anh
"""

DISTRICT_PLAN = """https://tin.example.test/dia-phuong/go-quao-ke-hoach-nghi-quyet-6
Gò Quao cụ thể hóa Nghị quyết Trung ương 6
Thứ Ba, 18/6/2024 09:00

Thực hiện Nghị quyết Trung ương 6 khóa XIII về công nghiệp hóa, hiện đại hóa, Huyện ủy Gò Quao đã ban hành kế hoạch thực hiện, lồng ghép nhiệm vụ đào tạo nghề cho lao động nông thôn. Kế hoạch mang số 64-KH/HU ngày 18/5/2023.
Minh Anh
"""

EXPORTS = """https://tin.example.test/kinh-te/xuat-khau-vung-2024
Xuất khẩu nông, thủy sản các tỉnh lân cận năm 2024
Thứ Sáu, 10/1/2025 09:00

Tỉnh Cà Mau tiếp tục dẫn đầu về xuất khẩu tôm, với kim ngạch xuất khẩu thủy sản năm 2024 đạt 1,18 tỷ USD.

Tỉnh Cà Mau lân cận hiện có khoảng 30 cơ sở sản xuất nước mắm.
Minh Anh
"""

GROWTH = """https://tin.example.test/kinh-te/tang-truong-vung-2024
Tăng trưởng kinh tế các tỉnh trong vùng năm 2024
Thứ Hai, 13/1/2025 09:00

Năm 2024, tốc độ tăng trưởng kinh tế của tỉnh đạt 7,05%. Cùng năm, tỉnh Cà Mau tăng trưởng 7,21% và tỉnh Hậu Giang tăng 8,2%.
Minh Anh
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_over(tmp_path_factory.mktemp("quality"), {
        "sau-thang.txt": HALF_YEAR, "ca-nam.txt": WHOLE_YEAR, "van-ban.txt": DOCUMENTS, "kcn.txt": PARKS,
        "che-bien.txt": FACTORY, "xuat-khau.txt": EXPORTS, "go-quao.txt": DISTRICT_PLAN,
        "tang-truong.txt": GROWTH,
    })


# The period of a sentence that names none.

def test_a_sentence_naming_no_period_speaks_of_the_one_before_it_or_its_title() -> None:
    before = "Đến ngày 30/6/2024, tỷ lệ lao động qua đào tạo của tỉnh ước đạt 67,4%. "
    assert speaks_of_part_of_year("Cùng thời điểm, cả nước là 28,1%.", before)
    assert not speaks_of_part_of_year("Cùng thời điểm, cả nước là 28,3%.", "Đến cuối năm 2024, tỉnh đạt 68,5%. ")
    assert speaks_of_part_of_year("Có 602 người đi làm việc ở nước ngoài.", "", "6 tháng đầu năm 2024, ngành lao động")
    question = "Năm 2024 tỷ lệ lao động qua đào tạo của cả nước là bao nhiêu?"
    assert part_of_year_fit(question, "Cùng thời điểm, cả nước là 28,1%.", before) == -1.0


def test_a_whole_year_asked_in_so_many_words_is_not_answered_by_part_of_it(engine: Engine) -> None:
    """"cả năm 2024" is not answered by the first half's 602 workers (the bulletin's title gives the period)."""
    for question in ("Cả năm 2024 tỉnh đưa bao nhiêu người đi làm việc ở nước ngoài theo hợp đồng?",
                     "ca nam 2024 tinh dua bao nhieu nguoi di lam viec o nuoc ngoai theo hop dong"):
        answer = engine.ask(question)
        assert answer.best is None and answer.reason is Decline.OTHER_YEAR and answer.unknown == ("cả năm 2024",)
        assert answer.nearest is not None and "602 người" in answer.nearest.quote
    assert "602 người" in quote_of(engine.ask("Năm 2024 tỉnh đưa bao nhiêu người đi làm việc ở nước ngoài?"))
    # Folded, "cảng cá năm 2024" reads "ca nam" too: without accents, only a clause's first words ask the whole year.
    harbour = analyze("giai ngan von cac du an cang ca nam 2024 dat bao nhieu %", engine.index, engine.lexicon)
    assert whole_year_failure(harbour, "9 tháng đầu năm 2024, giải ngân đạt 81,3%.", "", "") is None


def test_a_whole_year_question_is_not_answered_by_a_half_year_figure_said_at_the_same_time(engine: Engine) -> None:
    answer = engine.ask("Năm 2024 cả nước có bao nhiêu phần trăm lao động qua đào tạo có bằng cấp, chứng chỉ?")
    assert answer.file == "ca-nam.txt" and "28,3%" in quote_of(answer)


# The kind of document asked.

@pytest.mark.parametrize(("question", "kind"), [
    ("Tờ trình kế hoạch phát triển kinh tế xã hội năm 2025 của UBND tỉnh là số mấy?", "TTr"),
    ("Kế hoạch kiểm tra chuyên đề về chương trình hành động Nghị quyết Trung ương 6 mang số hiệu gì?", "KH"),
    ("Đề án phát triển du lịch được ban hành theo QĐ số mấy?", "QĐ"),
    ("Để thực hiện NQ TW6, Tỉnh ủy ban hành chương trình hành động số mấy?", "CTr"),
])
def test_the_document_kind_asked(engine: Engine, question: str, kind: str) -> None:
    assert asked_document_kind(analyze(question, engine.index, engine.lexicon)) == kind


def test_a_number_of_another_kind_of_document_does_not_answer(engine: Engine) -> None:
    query = analyze("Tờ trình về kế hoạch năm 2025 của UBND tỉnh là số mấy?", engine.index, engine.lexicon)
    assert document_failure(query, "Theo Kế hoạch số 186/KH-UBND ngày 15/3/2024 về kinh tế số.") is not None
    assert document_failure(query, "Dự thảo kèm theo Tờ trình số 296/TTr-UBND ngày 2/12/2024.") is None
    assert document_failure(query, "Các chỉ tiêu năm 2025 được trình tại kỳ họp.") is None
    answer = engine.ask("to trinh ke hoach phat trien kinh te xa hoi nam 2025 cua ubnd tinh la so may")
    assert answer.best is None or "296/TTr-UBND" in quote_of(answer)


def test_the_figure_in_the_measure_asked_in_the_sentence_that_goes_on_is_quoted_with_it(engine: Engine) -> None:
    """The best sentence names the line and its cost; the next one, about the same line, states its capacity."""
    quote = quote_of(engine.ask("Dây chuyền chả cá của Công ty Thủy sản Hòn Tre có công suất bao nhiêu?"))
    assert quote.startswith("Công ty Cổ phần Thủy sản Hòn Tre") and quote.endswith("6.500 tấn thành phẩm/năm, "
                                                                                 "sản phẩm xuất khẩu sang Nhật Bản.")
    # A next sentence about something else (no word of the question shared with the best) is not joined.
    answer = engine.ask("Nhà máy nước đá Tắc Cậu có công suất bao nhiêu?")
    assert answer.best is None or "lít/năm" not in answer.best.quote


def test_a_number_of_the_kind_asked_in_the_sentence_that_goes_on_is_quoted_with_it(engine: Engine) -> None:
    """The best sentence names another kind of document (a programme it carries out); the next, about the
    plan asked, states its number."""
    quote = quote_of(engine.ask("Kế hoạch của Ban Thường vụ Tỉnh đoàn thực hiện Chương trình số 35-CTr/TU mang số mấy?"))
    assert quote.startswith("Căn cứ Chương trình hành động số 35-CTr/TU") and quote.endswith("mang số 86-KH/TĐTN.")


def test_the_document_number_in_the_sentence_that_goes_on_is_quoted_with_it(engine: Engine) -> None:
    answer = engine.ask("Kế hoạch kiểm tra, giám sát chuyên đề năm 2025 của Ban Thường vụ Tỉnh ủy mang số hiệu gì?")
    assert "151-KH/TU" in quote_of(answer)


def test_a_document_number_question_is_not_answered_by_any_figure(engine: Engine) -> None:
    """"Nghị quyết Trung ương 6 khóa XIII" holds a figure but no document number: the next sentence, which
    holds it, is quoted with it."""
    query = analyze("Huyện ủy Gò Quao ban hành KH thực hiện NQ TW6 khóa XIII mang số mấy?", engine.index,
                    engine.lexicon)
    assert {"docno", "number"} <= query.cues
    assert not holds_answer(query, "Thực hiện Nghị quyết Trung ương 6 khóa XIII, Huyện ủy đã ban hành kế hoạch.")
    assert holds_answer(query, "Kế hoạch mang số 64-KH/HU ngày 18/5/2023.")
    assert "64-KH/HU" in quote_of(engine.ask(query.text))


# The measure asked.

@pytest.mark.parametrize(("question", "measure"), [
    ("Mô hình lúa - tôm trung bình được bao nhiêu tấn lúa một hecta?", "mass"),
    ("Mỗi người dân thành thị có bao nhiêu mét vuông nhà ở?", "area"),
    ("Nhà máy khi vận hành tạo việc làm cho bao nhiêu người?", "people"),
    ("nam 2025 tinh kham tuyen suc khoe cho bao nhieu tan binh", None),  # "tân binh" are people, not tonnes ("tấn")
    ("Năm 2025 huyện giao bao nhiêu tân binh?", None),
    ("thị trấn Giồng Riềng năm 2024 có bn dân vậy", "people"),  # "dân": people, not the town's hectares
    ("Năm 2023 ngân sách tỉnh hỗ trợ bao nhiêu hộ cải tạo nhà?", "households"),
    ("Năm 2023 tỉnh giải quyết bao nhiêu hồ sơ trực tuyến?", None),  # "hồ sơ", not households
    ("Kim ngạch xuất nhập khẩu qua cửa khẩu năm 2023 đạt bao nhiêu?", "money"),
    ("KNXK thủy sản năm 2030 của tỉnh phấn đấu đạt bn?", "money"),  # an abbreviation asks as its reading does
    ("Tổng vốn đầu tư xây dựng hạ tầng KCN Thạnh Lộc là bao nhiêu?", "money"),  # capital, cost, price
    ("Kinh phí làm trạm xử lý nước thải khoảng bao nhiêu?", "money"),
    ("gia ban nha o xa hoi khoang bao nhieu 1 m2", "money"),  # "1 m2" is what the price is for, not a count
    ("Dự án có tổng vốn bao nhiêu tỷ đồng?", "money"),
    ("Tổng dư nợ của chương trình cho phụ nữ nghèo đến 31/12/2024 là bao nhiêu?", "money"),  # loans outstanding
    ("Dư nợ cho vay đến cuối năm 2024 đối với bao nhiêu khách hàng?", None),  # a count of borrowers
    ("Mật ong sau khi đạt OCOP thì giá bán tăng khoảng bao nhiêu?", None),  # a rise may be a per cent
    ("Năm 2024 có bao nhiêu dự án với tổng vốn đăng ký lớn?", None),  # a count
    ("Tỷ lệ lao động qua đào tạo là bao nhiêu phần trăm?", None),
])
def test_the_measure_asked(engine: Engine, question: str, measure: str | None) -> None:
    assert asked_measure(analyze(question, engine.index, engine.lexicon)) == measure


def test_a_sentence_without_a_figure_in_the_measure_asked_does_not_answer(engine: Engine) -> None:
    query = analyze("Mô hình lúa - tôm được bao nhiêu tấn lúa một hecta?", engine.index, engine.lexicon)
    assert measure_failure(query, "Có 12.300 ha lúa trên đất nuôi tôm đạt chứng nhận hữu cơ.") is not None
    assert measure_failure(query, "Năng suất lúa bình quân đạt 4,8 tấn/ha mỗi vụ.") is None
    answer = engine.ask("Nhà máy điện khí LNG Kiên Lương khi vận hành sẽ tạo việc làm cho khoảng bao nhiêu người?")
    assert answer.best is None or "600 lao động" in answer.best.quote  # never the 1.500 MW sentence
    # People counted by what they are: citizens, young people, fishermen, soldiers, teachers ...
    people = analyze("Năm 2025 huyện giao bn ng vào Quân đội?", engine.index, engine.lexicon)
    for counted in ("151 công dân nhập ngũ", "151 thanh niên", "320 ngư dân", "40 chiến sĩ", "12 nhà giáo",
                    "612.000 tín đồ", "42 thuyền viên", "1.036 cử tri", "86 nhân viên", "1.200 em học sinh"):
        assert measure_failure(people, f"Năm 2025, huyện có {counted} lên đường.") is None, counted
    assert measure_failure(people, "Năm 2025, huyện chi 151 triệu đồng tặng quà.") is not None


def test_a_sentence_with_no_figure_does_not_answer_how_many(engine: Engine) -> None:
    query = analyze("Hiện KG có bn CĐCS trong DN ngoài NN?", engine.index, engine.lexicon)
    none = "Ngược lại, huyện Giang Thành đến nay chưa có tổ chức đảng nào trong doanh nghiệp ngoài nhà nước."
    assert figure_failure(query, none) is not None
    assert figure_failure(query, "Toàn tỉnh có 318 công đoàn cơ sở trong doanh nghiệp ngoài nhà nước.") is None
    assert figure_failure(query, "Toàn tỉnh có hai khu kinh tế và ba trăm doanh nghiệp.") is None
    assert figure_failure(query, "Sau đó, các cơ sở từ chối tham gia.") is not None  # "sau", "từ": no numbers
    who = analyze("Ai chủ trì hội nghị?", engine.index, engine.lexicon)
    assert figure_failure(who, none) is None


def test_one_instance_does_not_answer_for_the_average(engine: Engine) -> None:
    query = analyze("doanh thu bình quân mỗi HTX cựu chiến binh trong tỉnh đc bao nhiêu 1 năm?", engine.index,
                    engine.lexicon)
    one = "Tiêu biểu là Hợp tác xã Cựu chiến binh Mỹ Lâm với doanh thu năm 2024 đạt 4,6 tỷ đồng."
    assert average_failure(query, one) is not None
    assert average_failure(query, "Doanh thu bình quân đạt 1,68 tỷ đồng/hợp tác xã/năm.") is None
    total = analyze("Doanh thu của các HTX cựu chiến binh năm 2024 đạt bao nhiêu?", engine.index, engine.lexicon)
    assert average_failure(total, one) is None


def test_a_capacity_is_no_amount_in_tonnes(engine: Engine) -> None:
    query = analyze("rác sinh hoạt mỗi ngày toàn tỉnh bao nhiêu tấn", engine.index, engine.lexicon)
    plant = "Toàn tỉnh có 6 khu xử lý chất thải rắn, lớn nhất là Nhà máy xử lý rác Phú Quốc với công suất 400 tấn/ngày."
    assert measure_failure(query, plant) is not None
    assert measure_failure(query, "Lượng chất thải rắn sinh hoạt phát sinh khoảng 1.460 tấn/ngày.") is None
    power = analyze("Kiên Giang đã có bao nhiêu MW điện gió vận hành?", engine.index, engine.lexicon)
    assert measure_failure(power, "Hai nhà máy điện gió có tổng công suất 180 MW đã vận hành.") is None


def test_a_share_of_the_workforce_does_not_answer_a_share_of_grdp(seed_engine: Engine) -> None:
    """Issue 11: "kinh tế số chiếm bao nhiêu % GRDP" is not answered by "Nhân lực lao động kinh tế số trong lực
    lượng lao động đạt trên 3%" (the shipped seed states no share of GRDP for the digital economy)."""
    for question in ("đến 2030 kinh tế số chiếm bn % grdp", "tỷ trọng công nghiệp trong GRDP đến 2030 bao nhiêu?"):
        answer = seed_engine.ask(question)
        assert answer.best is None, answer.best.quote
    query = analyze("kinh tế số chiếm bao nhiêu % GRDP?", seed_engine.index, seed_engine.lexicon)
    assert economy_share_failure(query, "Kinh tế số chiếm 20% GRDP vào năm 2030.") is None
    assert economy_share_failure(query, "Tỷ trọng kinh tế số đạt 20% vào năm 2030.") is None
    growth = analyze("nam 2023 an giang tang truong grdp bao nhieu phan tram", seed_engine.index, seed_engine.lexicon)
    assert economy_share_failure(growth, "Trong cùng kỳ, tỉnh An Giang tăng trưởng 6,32%.") is None  # a growth rate
    assert "lực lượng lao động đạt trên 3%" in quote_of(seed_engine.ask("nhân lực kinh tế số chiếm bao nhiêu phần trăm "
                                                                        "lực lượng lao động?"))


def test_a_target_does_not_answer_what_was_achieved(engine: Engine) -> None:
    query = analyze("Tổng doanh thu thực tế của các làng nghề năm 2024 đạt bao nhiêu?", engine.index, engine.lexicon)
    target = "Đến năm 2030, tỉnh phấn đấu doanh thu đạt 800 tỷ đồng. Riêng năm 2024, chỉ tiêu doanh thu là 455 tỷ đồng."
    assert actual_failure(query, target) is not None
    assert actual_failure(query, "Năm 2024, doanh thu các làng nghề ước đạt 431 tỷ đồng, bằng 94,7% chỉ tiêu.") is None
    plain = analyze("Doanh thu của các làng nghề năm 2024 là bao nhiêu?", engine.index, engine.lexicon)
    assert actual_failure(plain, target) is None
    done = analyze("Sau hơn hai năm, huyện đã hoàn thành bao nhiêu nhiệm vụ?", engine.index, engine.lexicon)
    plan = "Đó là Kế hoạch số 15-KH/HU của Huyện ủy, với 36 nhiệm vụ cụ thể và 18 chỉ tiêu chủ yếu đến năm 2030."
    assert actual_failure(done, plan) is not None
    assert actual_failure(done, "Đến nay, huyện đã hoàn thành 21 nhiệm vụ, 15 nhiệm vụ đang triển khai.") is None


def test_a_plan_does_not_answer_what_was_done_or_what_is(engine: Engine) -> None:
    """"đã giải quyết bao nhiêu", "điều tra khám phá được bao nhiêu phần trăm", "hiện nay là bao nhiêu" ask what
    was done or is: a sentence that only sets a goal ("phải đạt trên 50%") does not answer; a result does, even
    with a plan in a later clause or a plan's share ("đạt 116,8% kế hoạch"); a question of a plan still may."""
    def fails(question: str, sentence: str) -> bool:
        return actual_failure(analyze(question, engine.index, engine.lexicon), sentence) is not None
    rate = "Năm 2024 tỉnh điều tra khám phá được bao nhiêu phần trăm số vụ lừa đảo qua mạng?"
    assert fails(rate, "Tỷ lệ điều tra khám phá các vụ lừa đảo qua mạng phải đạt trên 50%.")
    assert not fails(rate, "Năm 2024, tỷ lệ điều tra khám phá các vụ lừa đảo qua mạng đạt 43%.")
    now = "Tỷ lệ diện tích có hợp đồng liên kết tiêu thụ của tỉnh hiện nay là bao nhiêu %?"
    assert fails(now, "Tỉnh phấn đấu đến năm 2025 nâng tỷ lệ diện tích có hợp đồng liên kết tiêu thụ lên 40%.")
    assert not fails(now, "Tân Hiệp đạt 86,90 điểm, xếp thứ 5/15; kết quả năm 2024 sẽ được công bố trong quý I/2025.")
    assert not fails("Năm 2024 tỉnh đã đưa bao nhiêu lao động đi làm việc ở nước ngoài?",
                     "Năm 2024 toàn tỉnh đưa 1.635 lao động đi làm việc ở nước ngoài, đạt 116,8% kế hoạch.")
    assert not fails("Tỷ lệ này phải đạt bao nhiêu phần trăm?", "Tỷ lệ điều tra khám phá phải đạt trên 50%.")
    assert not fails("Giai đoạn 1 khi nào khởi công, được bao nhiêu căn?",
                     "Giai đoạn 1 dự kiến khởi công trong quý I/2025 với 240 căn nhà.")


def test_capacity_does_not_answer_for_output(engine: Engine) -> None:
    query = analyze("Sản lượng xi măng của tỉnh An Giang năm 2023 là bao nhiêu tấn?", engine.index, engine.lexicon)
    assert output_failure(query, "Tỉnh An Giang có 2 nhà máy xi măng với tổng công suất 1,8 triệu tấn/năm.")
    assert output_failure(query, "Các nhà máy công suất 1,8 triệu tấn/năm sản xuất được 1,5 triệu tấn.") is None
    assert output_failure(query, "Năm 2023, sản lượng xi măng của An Giang đạt 1,5 triệu tấn.") is None
    capacity = analyze("Tổng công suất các nhà máy xi măng An Giang là bao nhiêu?", engine.index, engine.lexicon)
    assert output_failure(capacity, "Tỉnh An Giang có 2 nhà máy xi măng với tổng công suất 1,8 triệu tấn/năm.") is None


# What a measure is of.

def test_a_measure_of_another_thing_does_not_answer(engine: Engine) -> None:
    """"kim ngạch xuất khẩu gạo" is not answered by "kim ngạch xuất khẩu thủy sản", nor "nhà máy sản xuất surimi"
    by "cơ sở sản xuất nước mắm"; a sentence naming the thing asked, or measuring nothing else, may answer."""
    rice = analyze("Kim ngạch xuất khẩu gạo của tỉnh Cà Mau năm 2024 đạt bao nhiêu?", engine.index, engine.lexicon)
    assert thing_failure(rice, "Cà Mau có kim ngạch xuất khẩu thủy sản năm 2024 đạt 1,18 tỷ USD.") is not None
    assert thing_failure(rice, "Cà Mau xuất khẩu 500.000 tấn gạo, kim ngạch xuất khẩu đạt 300 triệu USD.") is None
    assert thing_failure(rice, "Tổng kim ngạch của tỉnh Cà Mau năm 2024 đạt 2 tỷ USD.") is None
    assert engine.ask(rice.text).best is None
    surimi = analyze("Tỉnh Cà Mau có bao nhiêu nhà máy sản xuất surimi?", engine.index, engine.lexicon)
    assert thing_failure(surimi, "Tỉnh Cà Mau có khoảng 30 cơ sở sản xuất nước mắm.") is not None
    assert engine.ask(surimi.text).best is None
    assert "1,18 tỷ USD" in quote_of(engine.ask("Kim ngạch xuất khẩu thủy sản của Cà Mau năm 2024 là bao nhiêu?"))
    whole = analyze("Năm 2023 kim ngạch xuất khẩu của toàn tỉnh là bao nhiêu?", engine.index, engine.lexicon)
    assert thing_failure(whole, "Kim ngạch xuất khẩu thủy sản năm 2023 đạt 418 triệu USD.") is not None
    assert thing_failure(whole, "Kim ngạch xuất khẩu hàng hóa năm 2023 đạt 1,06 tỷ USD.") is None
    shrimp = analyze("Năm 2023 tôm xuất khẩu của toàn tỉnh đạt bao nhiêu?", engine.index, engine.lexicon)
    assert thing_failure(shrimp, "Kim ngạch xuất khẩu tôm năm 2023 đạt 212 triệu USD.") is None  # the part asked
    rate = analyze("Năng suất lúa bình quân của huyện đạt bao nhiêu?", engine.index, engine.lexicon)
    assert thing_failure(rate, "Vùng khóm có năng suất bình quân 27,5 tấn/ha.") is None  # no other thing named


# Named facilities of one kind.

def test_named_instances_of_a_kind() -> None:
    assert named_instances("Trong năm 2024, KCN Thạnh Lộc thu hút 6 dự án.") == {"kcn": {"thanh loc"}}
    assert named_instances("Hội nghị trực tuyến với các điểm cầu UBND tỉnh.") == {}


def test_a_sentence_about_another_park_or_all_parks_does_not_answer_for_one(engine: Engine) -> None:
    question = "kcn xeo ro nam 2024 thu hut may du an, tong von dang ky bao nhieu"
    assert instance_failure(engine.index, question, "Trong năm 2024, KCN Thạnh Lộc thu hút 6 dự án.") is not None
    assert instance_failure(engine.index, question, "Tính chung năm 2024, các KCN của tỉnh thu hút 9 dự án.")
    assert instance_failure(engine.index, question, "Năm 2024, KCN Xẻo Rô đón 3 dự án đầu tiên.") is None
    assert "1.276 tỷ đồng" in quote_of(engine.ask(question))


def test_facility_names_are_read_at_build_time_saved_and_equal_to_reading_every_paragraph(tmp_path: Path) -> None:
    """Each bulletin's record holds its named facilities (paragraphs and title), through save and load, so
    that a fresh process need not read every paragraph; an index written before records held them is read
    as before, with the same names."""
    from dataclasses import replace

    from index.answer import instances
    from index.store.format import load_index
    from index.terms.facilities import facilities_of

    (tmp_path / "parks").mkdir()
    engine = engine_over(tmp_path / "parks", {"kcn.txt": PARKS, "lao-dong.txt": WHOLE_YEAR})
    loaded = load_index(tmp_path / "parks.zip")
    by_file = {b.file: b.facilities for b in loaded.bulletins}
    assert by_file["kcn.txt"] is not None and by_file["kcn.txt"]["kcn"] == ["thanh loc", "xeo ro"]
    assert by_file["lao-dong.txt"] == {}  # "Nhà máy điện khí LNG": no capitalised name after the kind
    every = facilities_of([*loaded.paragraphs, *(b.title for b in loaded.bulletins)])
    assert {k: sorted(v) for k, v in instances.corpus_instances(loaded).items()} == every
    old = replace(loaded, bulletins=tuple(replace(b, facilities=None) for b in loaded.bulletins))
    assert instances.corpus_instances(old) == instances.corpus_instances(loaded)
    assert engine.index.bulletins == loaded.bulletins


def test_facility_names_are_read_once_per_index_and_dropped_with_it(tmp_path: Path) -> None:
    import gc

    from index.answer import instances

    (tmp_path / "parks").mkdir()
    engine = engine_over(tmp_path / "parks", {"kcn.txt": PARKS})
    engine.warm()  # what the bot does in a worker thread before serving a new index
    key = id(engine.index)
    assert instances._NAMES_PER_INDEX[key]["kcn"] == {"thanh loc", "xeo ro"}
    del engine
    gc.collect()
    assert key not in instances._NAMES_PER_INDEX  # an old index is not kept alive by the cache


# Small corpora (the shipped seed alone, a new deployment's first bulletins): what is asked must be what is stated.

def test_a_rate_of_one_thing_is_not_the_rate_of_another(seed_engine: Engine) -> None:
    """On the seed alone, every "tỷ lệ ... năm 2030" had been answered with its one rate, the urbanisation rate."""
    query = analyze("tỷ lệ che phủ rừng đến năm 2030 là bao nhiêu", seed_engine.index, seed_engine.lexicon)
    assert rate_failure(query, "Tỷ lệ đô thị hóa đạt từ 50-55%.") is not None
    assert rate_failure(query, "Tỷ lệ che phủ rừng và cây phân tán đạt 11,8%.") is None
    assert rate_failure(query, "Ở khu vực nông thôn, tỷ lệ này đạt 71,6%.") is None  # "this rate": the one before
    # what a rate is said to be is not what it is of: the lowest, the common one, the corresponding ones
    assert rate_failure(query, "Các tỷ lệ tương ứng đến năm 2030 là 12% và 15%.") is None
    assert rate_failure(query, "Tỷ lệ chung của toàn tỉnh đạt 11,8%.") is None
    lowest = analyze("Xã nào của huyện Tân Hiệp có tỷ lệ hồ sơ nộp trực tuyến thấp nhất năm 2024?", seed_engine.index,
                     seed_engine.lexicon)
    assert rate_failure(lowest, "Xã Tân An có tỷ lệ thấp nhất, chỉ đạt 47,2%.") is None
    assert rate_failure(lowest, "Tỷ lệ đô thị hóa cao nhất là TP Rạch Giá với 94,6%.") is not None
    for question in ("tỷ lệ che phủ rừng đến năm 2030 là bao nhiêu", "tỷ lệ hộ nghèo năm 2030",
                     "Đến năm 2030 tỉnh đặt mục tiêu tỷ lệ lao động qua đào tạo là bao nhiêu?"):
        assert seed_engine.ask(question).best is None, question
    for question in ("tỷ lệ đô thị hóa đến 2030 bao nhiêu %", "ty le do thi hoa den 2030"):
        assert "50-55%" in quote_of(seed_engine.ask(question))


def test_numbers_that_name_a_plenum_or_a_year_are_no_figure(seed_engine: Engine) -> None:
    query = analyze("Chương trình hành động có bao nhiêu nhiệm vụ cụ thể?", seed_engine.index, seed_engine.lexicon)
    naming = "Các cấp ủy cần quán triệt những nhiệm vụ, giải pháp nêu trong Nghị quyết Trung ương 6 khóa XIII năm 2023."
    assert figure_failure(query, naming) is not None
    assert figure_failure(query, "Chương trình đề ra 112 nhiệm vụ cụ thể.") is None
    assert figure_failure(query, "Chương trình đề ra hai nhóm nhiệm vụ.") is None  # spelled out
    assert seed_engine.ask("chương trình hành động thực hiện NQ 6 có bao nhiêu nhiệm vụ đã hoàn thành rồi ạ?").best is None
    # "số mấy" with no kind of document asks a figure too (a telephone number); it may be in the next sentence.
    hotline = analyze("duong day nong so du lich kien giang la so may", seed_engine.index, seed_engine.lexicon)
    plan = "Tỉnh ủy hoàn thành quy hoạch tỉnh thời kỳ 2021-2030, phát huy lợi thế các vùng du lịch trọng điểm."
    assert figure_failure(hotline, plan) is not None
    assert figure_failure(hotline, "Sở Du lịch duy trì đường dây nóng 1900.6868.") is None
    assert figure_failure(hotline, "Sở Du lịch duy trì đường dây nóng.", "Số máy là 1900.6868.") is None
    assert seed_engine.ask("duong day nong so du lich kien giang la so may").best is None


# Test data: a fictional bulletin, its meeting dated in its first sentence and its figure in the next.
CULTURE = """https://tin.example.test/doi-song-van-hoa
Tổng kết phong trào xây dựng đời sống văn hóa năm 2024
Thứ Năm, 26/12/2024 08:00

Sáng 25/12/2024, Ban Chỉ đạo phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa" tỉnh Kiên Giang tổ chức hội nghị tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025. Tổng kinh phí thực hiện phong trào trong năm khoảng 36 tỷ đồng, trong đó ngân sách tỉnh bố trí 21,4 tỷ đồng.
"""


def test_a_date_is_no_figure(seed_engine: Engine, tmp_path: Path) -> None:
    """"bao nhiêu" is not answered by a sentence whose only numbers date it (a blind tune question was answered
    with the meeting's date line); a figure beside a date still answers, and a rank "thứ 3/13" is no date."""
    query = analyze("Năm 2024 ngân sách tỉnh bố trí bao nhiêu cho phong trào?", seed_engine.index, seed_engine.lexicon)
    for dated in ("Sáng 25/12/2024, Ban Chỉ đạo tổ chức hội nghị tổng kết công tác năm 2024.",
                  "Hội nghị diễn ra ngày 12/10 tại Rạch Giá, khai mạc từ tháng 9.",
                  "Ban Thường vụ ban hành Thông báo số 1092-TB/TU ngày 12/2/2025 về kết quả đánh giá năm 2024."):
        assert figure_failure(query, dated) is not None, dated
    assert figure_failure(query, "Đến ngày 30/6/2024, ngân sách tỉnh đã bố trí 21,4 tỷ đồng.") is None
    assert figure_failure(query, "Tỉnh Kiên Giang xếp thứ 3/13 tỉnh, thành vùng Đồng bằng sông Cửu Long.") is None
    (tmp_path / "culture").mkdir()
    engine = engine_over(tmp_path / "culture", {"van-hoa.txt": CULTURE, "kcn.txt": PARKS, "ca-nam.txt": WHOLE_YEAR})
    answer = engine.ask("Năm 2024 ngân sách tỉnh Kiên Giang bố trí bao nhêu cho phong trào xây dựng đời sống văn hóa?")
    assert "21,4 tỷ đồng" in quote_of(answer)


def test_a_document_number_is_stated_in_the_sentence_or_the_one_after(seed_engine: Engine, engine: Engine) -> None:
    query = analyze("CTr hđ của TU thực hiện NQ TW6 là số mấy?", seed_engine.index, seed_engine.lexicon)
    demand = "Ban Thường vụ Tỉnh ủy yêu cầu các cấp tổ chức học tập, quán triệt Nghị quyết Trung ương 6."
    assert number_failure(query, demand, "Các cấp ủy phải tăng cường công tác kiểm tra.") is not None
    assert number_failure(query, demand, "Chương trình mang số 28-CTr/TU.") is None
    assert number_failure(query, "Tỉnh ủy ban hành Chương trình hành động số 28 ngày 9/2/2023.", "") is None
    hotline = analyze("đường dây nóng của Sở Du lịch là số mấy?", seed_engine.index, seed_engine.lexicon)
    assert number_failure(hotline, "Sở Du lịch duy trì đường dây nóng 1900.6868 để tiếp nhận phản ánh.", "") is None
    assert seed_engine.ask("CTr hđ của TU thực hiện NQ TW6 là số mấy?").best is None
    # The plan's number in the next sentence: both are quoted (test_a_number_of_the_kind_asked_... above).
    quote = quote_of(engine.ask("Kế hoạch của Ban Thường vụ Tỉnh đoàn thực hiện Chương trình số 35-CTr/TU mang số mấy?"))
    assert quote.endswith("mang số 86-KH/TĐTN.")


def test_a_count_is_not_answered_by_shares(engine: Engine) -> None:
    query = analyze("Tỉnh Cà Mau có bao nhiêu tàu cá?", engine.index, engine.lexicon)
    assert count_failure(query, "Cùng năm, tỉnh Cà Mau tăng trưởng 7,21% và tỉnh Hậu Giang tăng 8,2%.") is not None
    assert count_failure(query, "Tỉnh Cà Mau hiện có khoảng 4.500 tàu cá, tăng 3% so với năm 2023.") is None
    # The thing counted right after a share: "hỗ trợ 100% chi phí" answers "hỗ trợ bao nhiêu chi phí".
    support = analyze("năm đầu HTX mở gian hàng được hỗ trợ bao nhiêu chi phí?", engine.index, engine.lexicon)
    assert count_failure(support, "Năm đầu, HTX được hỗ trợ 100% chi phí mở gian hàng.") is None
    # "chiếm bao nhiêu" asks a share; "bn" before the speaker is "bạn".
    share = analyze("kinh tế số chiếm bao nhiêu trong GRDP của tỉnh?", engine.index, engine.lexicon)
    assert count_failure(share, "Kinh tế số ước đạt 7,4% GRDP.") is None
    part = analyze("Đến 2030, khu vực dịch vụ đóng góp bao nhiêu trong nền kinh tế?", engine.index, engine.lexicon)
    assert count_failure(part, "Đến năm 2030, công nghiệp - xây dựng chiếm 26,8% và dịch vụ chiếm 45,9%.") is None
    chat = analyze("chào bn, mình là xã viên, cho hỏi HTX được hỗ trợ ntn?", engine.index, engine.lexicon)
    assert count_failure(chat, "HTX được hỗ trợ 100% chi phí năm đầu.") is None
    answer = engine.ask("Tỉnh Cà Mau có bao nhiêu tàu cá?")
    assert answer.best is None or "7,21%" not in answer.best.quote


RICE_EXPORTS = """https://tin.example.test/kinh-te/xuat-khau-gao-2024
Xuất khẩu gạo tăng mạnh
Thứ Ba, 17/12/2024 08:00

Năm 2024, kim ngạch xuất khẩu gạo của tỉnh đạt 640 triệu USD. Năm 2025, tỉnh đặt mục tiêu kim ngạch xuất khẩu đạt 1,42 tỷ USD.
Minh Anh
"""


FRUIT = """https://tin.example.test/nong-nghiep/rau-qua-2024
Mở rộng vùng trồng rau quả
Thứ Tư, 18/12/2024 08:00

Năm 2024, diện tích rau quả của tỉnh đạt 12.400 ha, tăng 6% so với năm 2023.
Minh Anh
"""


def test_a_measure_asked_of_a_thing_is_not_the_bare_measure_of_the_whole(tmp_path: Path) -> None:
    """"kim ngạch xuất khẩu rau quả" is not answered by "kim ngạch xuất khẩu đạt 1,42 tỷ USD" in a paragraph and
    title that never name fruit and vegetables (it is all exports); a thing the paragraph names is still read."""
    engine = engine_over(tmp_path, {"xuat-khau.txt": RICE_EXPORTS})
    bare = "Năm 2025, tỉnh đặt mục tiêu kim ngạch xuất khẩu đạt 1,42 tỷ USD."
    context = RICE_EXPORTS.split("\n\n")[1] + " Xuất khẩu gạo tăng mạnh"
    fruit = analyze("Kim ngạch xuất khẩu rau quả của tỉnh năm 2025 dự kiến bao nhiêu?", engine.index, engine.lexicon)
    assert bare_measure_failure(fruit, bare, context) is not None
    rice = analyze("Kim ngạch xuất khẩu gạo của tỉnh năm 2025 dự kiến bao nhiêu?", engine.index, engine.lexicon)
    assert bare_measure_failure(rice, bare, context) is None
    activity = analyze("Năm 2030 bao nhiêu phần trăm nhà tự sản xuất điện?", engine.index, engine.lexicon)
    assert bare_measure_failure(activity, "Tỉnh khuyến khích sản xuất điện mặt trời.", "") is None  # no amount
    fruit_too = tmp_path / "rau-qua"  # fruit and vegetables named elsewhere in the corpus, with no export figure
    fruit_too.mkdir()
    both = engine_over(fruit_too, {"xuat-khau.txt": RICE_EXPORTS, "rau-qua.txt": FRUIT})
    answer = compose(both.index, both.lexicon, "Kim ngạch xuất khẩu rau quả của tỉnh năm 2025 dự kiến bao nhiêu?",
                     decline_model=None, decline_below=0.0)  # only the checks decide
    assert answer.best is None or "1,42 tỷ USD" not in answer.best.quote


SPORTS = """https://tin.example.test/the-thao/dai-hoi-tdtt-2025
Chuẩn bị Đại hội Thể dục thể thao các cấp năm 2025
Thứ Ba, 26/11/2024 09:00

Theo kế hoạch, Đại hội Thể dục thể thao tỉnh lần thứ X dự kiến diễn ra vào tháng 8/2025 với khoảng 2.500 vận động viên tranh tài ở 18 môn.

Tại kỳ họp thứ 24, HĐND tỉnh thông qua 12 nghị quyết về kinh tế - xã hội.
Minh Anh
"""


@pytest.mark.parametrize(("question", "unknown"), [
    ("Đại hội Thể dục thể thao tỉnh lần thứ IX có bao nhiêu vận động viên?", "lần thứ IX"),
    ("dai hoi the duc the thao tinh lan thu 9 co bao nhieu van dong vien", "lan thu 9"),
    ("Kỳ họp thứ 22 HĐND tỉnh thông qua bao nhiêu nghị quyết?", "Kỳ họp thứ 22"),
])
def test_a_meeting_named_by_another_ordinal_does_not_answer(tmp_path: Path, question: str, unknown: str) -> None:
    """The ninth congress asked is not the tenth the bulletin speaks of, in digits, Roman numerals or words."""
    engine = engine_over(tmp_path, {"the-thao.txt": SPORTS})
    answer = engine.ask(question)
    assert not answer.answered
    assert answer.reason is Decline.UNKNOWN_NAME
    assert unknown in answer.unknown


@pytest.mark.parametrize("question", [
    "Đại hội Thể dục thể thao tỉnh lần thứ X có bao nhiêu vận động viên?",
    "Đại hội Thể dục thể thao tỉnh lần thứ 10 có bao nhiêu vận động viên?",
    "dai hoi the duc the thao tinh lan thu muoi co bao nhieu van dong vien",
])
def test_the_same_ordinal_in_any_form_answers(tmp_path: Path, question: str) -> None:
    engine = engine_over(tmp_path, {"the-thao.txt": SPORTS})
    assert "2.500 vận động viên" in quote_of(engine.ask(question))


def test_ordinals_are_read_in_digits_roman_numerals_and_words() -> None:
    assert ordinals("dai hoi lan thu ix va ky hop thu 24, lan thu tu") == {"lan thu": {9, 4}, "ky hop thu": {24}}
    assert ordinals("ban chap hanh khoa xiii") == {}


RETAIL = """https://tin.example.test/kinh-te/ban-le-2024
Tổng mức bán lẻ hàng hóa năm 2024 tăng 11,2%
Thứ Sáu, 17/1/2025 09:00

Năm 2024, tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng trên địa bàn thành phố Rạch Giá đạt 41.780 tỷ đồng. Thành phố Phú Quốc đứng thứ hai với 36.250 tỷ đồng, tăng 16,8%.

Quý I/2025, tổng mức bán lẻ hàng hóa của thành phố Phú Quốc dự kiến đạt khoảng 9.800 tỷ đồng.
Minh Anh
"""


def test_part_of_a_year_is_not_answered_by_a_bulletin_published_before_it_was_over(tmp_path: Path) -> None:
    """A bulletin of January 2025 speaks of 2024: its figure is no first quarter of 2025, save as a forecast."""
    engine = engine_over(tmp_path, {"ban-le.txt": RETAIL})
    published = datetime(2025, 1, 17)
    query = analyze("Quý I/2025 tổng mức bán lẻ hàng hóa của TP Phú Quốc đạt bao nhiêu?", engine.index, engine.lexicon)
    said = "Thành phố Phú Quốc đứng thứ hai với 36.250 tỷ đồng, tăng 16,8%."
    failure = unreported_failure(query, said, published)
    assert failure is not None and failure.kind == "period" and failure.what == "Quý I/2025"
    assert unreported_failure(query, "Quý I/2025, Phú Quốc dự kiến đạt khoảng 9.800 tỷ đồng.", published) is None
    assert unreported_failure(query, said, datetime(2025, 4, 20)) is None  # the quarter was over
    assert "9.800 tỷ đồng" in quote_of(engine.ask(query.text))
    past = tmp_path / "past"
    past.mkdir()
    answer = engine_over(past, {"ban-le.txt": RETAIL.split("\n\nQuý I/2025")[0] + "\nMinh Anh\n"}).ask(query.text)
    assert not answer.answered and answer.reason is Decline.OTHER_YEAR and answer.unknown == ("Quý I/2025",)
    for question in ("6 tháng đầu năm 2025 Phú Quốc bán lẻ đạt bao nhiêu?", "tháng 2/2025 ban le phu quoc dat bao nhieu"):
        assert unreported_failure(analyze(question, engine.index, engine.lexicon), said, published) is not None
    # The last months of a year are asked of plans: no check. The first half ends in June.
    last_half = analyze("6 tháng cuối năm 2025 Phú Quốc bán lẻ đạt bao nhiêu?", engine.index, engine.lexicon)
    assert unreported_failure(last_half, said, datetime(2025, 10, 1)) is None
    first_half = analyze("Nửa đầu năm 2025 Phú Quốc bán lẻ đạt bao nhiêu?", engine.index, engine.lexicon)
    assert unreported_failure(first_half, said, datetime(2025, 5, 20)) is not None
    assert unreported_failure(first_half, said, datetime(2025, 7, 2)) is None


# Fictional test bulletin (not part of the shipped corpus).
MEASLES = """https://tin.example.test/y-te/tiem-bo-sung-soi-rubella
Kiên Giang tổng kết chiến dịch tiêm bổ sung vắc xin sởi - rubella
Thứ Hai, 13/01/2025 09:00

Năm 2024, thực hiện Kế hoạch số 214/KH-UBND ngày 18/9/2024 của UBND tỉnh, ngành y tế triển khai chiến dịch tiêm bổ sung vắc xin sởi - rubella cho trẻ từ 1 đến 5 tuổi tại các vùng có nguy cơ cao. Kết quả, đã tiêm 41.260 mũi, đạt 97,8% kế hoạch.

Ngành y tế đề nghị các địa phương tiếp tục rà soát trẻ chưa được tiêm đủ mũi.
Minh Anh
"""


def test_the_sentence_after_is_quoted_when_only_it_counts_the_thing_asked(tmp_path: Path) -> None:
    """"bao nhiêu mũi": the sentence naming the campaign holds figures (ages, a plan's number), but only the next one
    counts shots; both are quoted, in order (choice.with_next). Asked what the first one counts, it stands alone."""
    engine = engine_over(tmp_path, {"soi.txt": MEASLES})
    def quote(question: str) -> str:
        return quote_of(compose(engine.index, engine.lexicon, question, decline_model=None))
    shots = quote("Chiến dịch tiêm bổ sung vắc xin sởi - rubella năm 2024 cho trẻ ở các vùng nguy cơ cao tiêm được bao "
                  "nhiêu mũi?")
    assert shots.startswith("Năm 2024, thực hiện Kế hoạch số 214/KH-UBND") and "41.260 mũi" in shots
    ages = quote("Chiến dịch tiêm bổ sung vắc xin sởi - rubella năm 2024 triển khai cho trẻ bao nhiêu tuổi?")
    assert "41.260" not in ages
