"""Answer checks of stop 12 against confident wrong answers and wrong declines: named places of the corpus the
answer must speak of, zones of one family, sums of money and capacities asked, the shares looked for below a
count, the level (country, province, district) and province asked, and the period of a sentence.

The bulletins written here are fictional test data (URLs on tin.example.test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.answer.asked import asked_measure, measure_failure
from index.answer.candidates import Candidate, ranked_candidates
from index.answer.checks import first_failure, province_failure
from index.answer.choice import choose
from index.answer.compose import _scoring, _with_breakdowns, compose
from index.answer.districts import district_failure, local_failure
from index.answer.failure import Failure
from index.answer.features import continues
from index.answer.instances import instance_failure
from index.answer.model import Answer, Decline
from index.answer.units import unit_failure
from index.answer.years import compared_figure_years, compared_years, span_failure, year_failure
from index.engine import Engine
from index.retrieval.coverage import period_years, years_outside_periods
from index.retrieval.query import analyze
from index.retrieval.ranking import Hit, retrieve
from tests.support.sample_bulletins import engine_over, quote_of

DISTRICT = """https://tin.example.test/dia-phuong/chau-thanh-so-ket-giua-ky
Châu Thành sơ kết giữa kỳ thực hiện Nghị quyết Trung ương 6
Thứ Tư, 25/6/2025 09:00

Theo đồng chí Trần Đức Hạnh, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện Châu Thành, huyện đã hoàn thành 21 nhiệm vụ.

Huyện đề nghị tỉnh hỗ trợ 85 tỷ đồng để đẩy nhanh tiến độ trạm xử lý nước thải thị trấn Minh Lương. Công trình có công suất 2.500 m3/ngày đêm.

Cụm công nghiệp Mong Thọ hiện có 7 doanh nghiệp đang hoạt động, tỷ lệ lấp đầy đạt 64%.
Minh Anh
"""

PROVINCE = """https://tin.example.test/moi-truong/nuoc-thai-do-thi-2023
Xử lý nước thải đô thị: còn nhiều việc phải làm
Thứ Hai, 15/1/2024 09:00

Đến cuối năm 2023 toàn tỉnh có 3 nhà máy xử lý nước thải tập trung tại TP. Rạch Giá, TP. Hà Tiên và khu vực An Thới với tổng công suất 41.500 m3/ngày đêm.

KCN Thạnh Lộc có tổng vốn đầu tư xây dựng hạ tầng 1.598 tỷ đồng. KCN Xẻo Rô tại huyện An Biên có tổng diện tích 211 ha.

Cũng vào cuối năm 2024, KCN Khánh An của tỉnh Cà Mau có tỷ lệ lấp đầy 68,9%.

Năm 2022 tỷ lệ hộ dân huyện Kiên Hải sử dụng điện lưới quốc gia chỉ đạt 58,4%. Đến nay, tỷ lệ hộ dân toàn tỉnh sử dụng điện lưới quốc gia đạt 99,6%.
Minh Anh
"""


GRID = """https://tin.example.test/nang-luong/luoi-dien-110kv
Tăng tốc đầu tư lưới điện 110 kV
Thứ Tư, 21/8/2024 09:00

Trong tháng 6/2024, ngành điện đã đóng điện Trạm biến áp 110 kV Thạnh Lộc. Dự án đường dây 110 kV Gò Quao - Giồng Riềng dự kiến hoàn thành trong quý I/2025. Riêng tại TP. Phú Quốc, đường dây 110 kV mạch 2 từ trạm Dương Đông đến trạm An Thới đang được gấp rút thi công.
Minh Anh
"""


NEIGHBOUR = """https://tin.example.test/vung/an-giang-cua-khau-tinh-bien
An Giang nâng cấp cửa khẩu quốc tế Tịnh Biên
Thứ Năm, 9/1/2025 09:00

Năm 2024, cửa khẩu quốc tế Tịnh Biên đón 1,26 triệu lượt người xuất nhập cảnh, tăng 14% so với năm 2023.
Minh Anh
"""


PARTY = """https://tin.example.test/xay-dung-dang/to-chuc-dang-doanh-nghiep
Kiên Giang phát triển tổ chức đảng trong doanh nghiệp tư nhân
Thứ Sáu, 24/11/2023 09:00

Năm 2023, toàn tỉnh có 213 chủ doanh nghiệp là đảng viên và 86 tổ chức đảng trong doanh nghiệp tư nhân, tăng 12 tổ chức so với năm 2020. Số doanh nghiệp tư nhân đang hoạt động trên địa bàn tỉnh là 5.970 doanh nghiệp. Như vậy, tỷ lệ doanh nghiệp tư nhân có tổ chức đảng mới đạt khoảng 1,44%, thấp hơn mức bình quân của vùng. Năm 2023 có 5 tổ chức cơ sở đảng phải giải thể do doanh nghiệp ngừng hoạt động.
Minh Anh
"""


TARGETS = """https://tin.example.test/dia-phuong/kien-luong-cong-nghiep
Kiên Lương phát triển công nghiệp xi măng theo hướng xanh
Thứ Ba, 10/12/2024 09:00

Giai đoạn 2024-2030, huyện Kiên Lương đặt mục tiêu tăng trưởng giá trị sản xuất công nghiệp bình quân 7%/năm. Huyện Kiên Lương hiện đóng góp khoảng 38% giá trị sản xuất công nghiệp của toàn tỉnh. Đến năm 2030, giá trị sản xuất công nghiệp của huyện đạt 15.000 tỷ đồng.
Minh Anh
"""

FRONT = """https://tin.example.test/mat-tran/tong-ket-giam-sat-2024
Mặt trận tỉnh tổng kết công tác giám sát và phản biện xã hội năm 2024
Thứ Sáu, 20/12/2024 09:00

Theo Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam, tỷ lệ kiến nghị sau giám sát được tiếp thu trên toàn quốc năm 2024 vào khoảng 82%. Trong năm, Ban Thường trực Ủy ban Mặt trận tỉnh chủ trì 36 cuộc giám sát chuyên đề, tập trung vào đất đai, môi trường và chính sách an sinh. Sau giám sát, Mặt trận tỉnh đã gửi 186 kiến nghị đến các cơ quan chức năng. Đến nay có 168 kiến nghị được tiếp thu, giải quyết, đạt tỷ lệ 90,3%.
Minh Anh
"""


CANALS = """https://tin.example.test/nong-nghiep/thuy-loi-2024
Thủy lợi phục vụ sản xuất năm 2024
Thứ Hai, 6/1/2025 09:00

Về nạo vét kênh mương, năm 2024 toàn tỉnh đã nạo vét 418 tuyến kênh với tổng chiều dài 1.068 km, khối lượng đất đào đắp khoảng 5,2 triệu m3, cao hơn 365 tuyến của năm 2023. Tại huyện An Minh, địa phương đã nạo vét 46 tuyến kênh dài 128 km và gia cố 35 km đê bao ven các kênh xáng. Huyện đã trữ được khoảng 8,5 triệu m3 nước ngọt trong hệ thống kênh nội đồng, đủ cho hơn 21.000 hộ dân đến hết mùa khô.
Minh Anh
"""

FIELDS = """https://tin.example.test/van-hoa/san-the-thao-co-so-2024
Phát triển sân thể thao ở cơ sở năm 2024
Thứ Sáu, 10/1/2025 15:00

Năm 2024, huyện Giồng Riềng xây mới 14 sân bóng đá mini, nhiều nhất trong các huyện. Tính chung, các xã, phường trong tỉnh có thêm 96 sân bóng đá mini và 40 sân bóng chuyền từ nguồn xã hội hóa.
Ngọc Hà
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_over(tmp_path_factory.mktemp("places"), {
        "huyen.txt": DISTRICT, "tinh.txt": PROVINCE, "dien.txt": GRID, "an-giang.txt": NEIGHBOUR,
        "dang.txt": PARTY, "kien-luong.txt": TARGETS, "mat-tran.txt": FRONT,
        "thuy-loi.txt": CANALS, "the-thao.txt": FIELDS})


# Named places and zones.

def test_a_place_the_corpus_names_must_be_in_the_answers_paragraph_or_title(engine: Engine) -> None:
    question = "Trạm xử lý nước thải thị trấn Minh Lương có công xuất bao nhiêu?"
    province = PROVINCE.split("\n\n")[1]
    failure = instance_failure(engine.index, question, province, province)
    assert failure is not None and failure.what == "minh luong"
    assert instance_failure(engine.index, question, "Công trình có công suất 2.500 m3/ngày đêm.", DISTRICT) is None
    answer = engine.ask(question)  # the capacity is in the sentence after the trạm's: close enough to decline
    assert answer.best is None or answer.file == "huyen.txt"


def test_a_question_on_all_parks_is_not_answered_by_one_park(engine: Engine) -> None:
    question = "Năm 2024 các KCN của tỉnh thu hút tổng cộng bao nhiêu dự án?"
    assert instance_failure(engine.index, question, "Năm 2024, KCN Thạnh Lộc thu hút 6 dự án mới.") is not None
    assert instance_failure(engine.index, question, "Năm 2024, các KCN của tỉnh thu hút 9 dự án.") is None


def test_an_industrial_cluster_is_not_an_industrial_park(engine: Engine) -> None:
    question = "Tỷ lệ lấp đầy các cụm công nghiệp của tỉnh Cà Mau là bao nhiêu?"
    sentence = "Cũng vào cuối năm 2024, KCN Khánh An của tỉnh Cà Mau có tỷ lệ lấp đầy 68,9%."
    assert instance_failure(engine.index, question, sentence) is not None
    assert engine.ask(question).best is None


# Sums of money (which questions ask one: tests/test_answer_asked.py, test_the_measure_asked).

def test_a_sentence_without_a_sum_of_money_does_not_answer_a_question_on_capital(engine: Engine) -> None:
    query = analyze("Tổng vốn đầu tư xây dựng hạ tầng KCN Xẻo Rô là bao nhiêu?", engine.index, engine.lexicon)
    assert measure_failure(query, "KCN Xẻo Rô tại huyện An Biên có tổng diện tích 211 ha.") is not None
    assert measure_failure(query, "KCN Thạnh Lộc có tổng vốn đầu tư xây dựng hạ tầng 1.598 tỷ đồng.") is None


def test_free_of_charge_and_the_giá_of_rạch_giá_ask_no_sum_of_money(engine: Engine) -> None:
    """"mở miễn phí bao nhiêu tài khoản" counts accounts, and "... ở thành phố Rạch Giá là bao nhiêu m3" a volume:
    neither is answered only by a sum of money, as "có giá khoảng bao nhiêu" and "mức phí là bao nhiêu" are."""
    free = analyze("Bưu điện tỉnh đã hỗ trợ mở miễn phí bao nhiêu tài khoản cho người hưởng chính sách?",
                   engine.index, engine.lexicon)
    assert unit_failure(free, "Bưu điện tỉnh đã hỗ trợ mở miễn phí 18.420 tài khoản cho người hưởng chính sách.") is None
    city = analyze("cong suat cac nha may nuoc o thanh pho rach gia la bao nhieu m3 ngay dem", engine.index,
                   engine.lexicon)
    assert unit_failure(city, "Riêng thành phố Rạch Giá là 52.000 m³/ngày đêm.") is None
    for question in ("Mỗi căn hộ ở Rạch Giá có giá khoảng bao nhiêu?", "Vé tham quan có mức phí là bao nhiêu?"):
        asked = analyze(question, engine.index, engine.lexicon)
        assert unit_failure(asked, "Dự án có 1.250 căn hộ tại thành phố Rạch Giá.") is not None, question


def test_a_capacity_asked_is_stated_as_a_rate_or_a_power(engine: Engine) -> None:
    query = analyze("Nhà máy chế biến khóm đóng hộp của công ty có công suất bao nhiêu?", engine.index, engine.lexicon)
    assert asked_measure(query) == "capacity"
    opened = "Công ty đã đưa vào hoạt động nhà máy chế biến khóm đóng hộp với vốn đầu tư 185 tỷ đồng."
    assert measure_failure(query, opened) is not None
    for stated in ("Nhà máy có công suất 12.000 tấn nguyên liệu/năm.", "Công trình xử lý 2.500 m3/ngày đêm.",
                   "Nhà máy điện khí LNG có quy mô 1.500 MW."):
        assert measure_failure(query, stated) is None, stated


def test_a_share_asked_is_looked_for_below_a_count(engine: Engine) -> None:
    """The count ranks first and fails ("tỷ lệ ... bao nhiêu phần trăm" wants a per cent); the share, further
    down than a near-tie, is still tried."""
    best, failure = _chosen(engine, "Năm 2023 tỷ lệ doanh nghiệp tư nhân có tổ chức đảng ở tỉnh là bao nhiêu phần trăm?")
    assert failure is not None and failure.kind == "unit"  # the count above it
    assert best is not None and "1,44%" in engine.index.paragraphs[best.paragraph][best.start : best.end]


def _chosen(engine: Engine, question: str) -> tuple[Candidate | None, Failure | None]:
    """The composer's choice among the ranked candidates, and why the best one failed."""
    query = analyze(question, engine.index, engine.lexicon)
    scoring = _scoring(engine.index, engine.lexicon, query)
    return choose(scoring, ranked_candidates(scoring, retrieve(engine.index, query, 6, None)))


# Levels within the province.

def test_a_districts_own_figure_just_below_the_provinces_is_quoted(engine: Engine) -> None:
    """"toàn tỉnh đã nạo vét 418 tuyến kênh" ranks first for a question on An Minh; the district's own figure,
    a near-tie below it, answers."""
    best, _ = _chosen(engine, "Huyện An Minh đã nạo vét bao nhiêu tuyến kênh, tổng chiều dài bao nhiêu?")
    assert best is not None and "46 tuyến kênh" in engine.index.paragraphs[best.paragraph][best.start : best.end]
    assert "46 tuyến kênh" in quote_of(engine.ask("Năm 2024 huyện An Minh nạo vét được bao nhiêu tuyến kênh?"))
    # The province's question keeps the province's figure.
    assert "418 tuyến kênh" in quote_of(engine.ask("Năm 2024 toàn tỉnh nạo vét bao nhiêu tuyến kênh?"))


def test_a_figure_for_all_of_the_province_is_not_a_districts(engine: Engine) -> None:
    question = "Tỷ lệ hộ dân toàn tỉnh dùng điện lưới quốc gia là bao nhiêu?"
    query = analyze(question, engine.index, engine.lexicon)
    district = "Năm 2022 tỷ lệ hộ dân huyện Kiên Hải sử dụng điện lưới quốc gia chỉ đạt 58,4%."
    assert local_failure(query, engine.lexicon, district) is not None
    named_body = ("Theo Giám đốc Công ty Điện lực Kiên Giang, năm 2022 tỷ lệ hộ dân huyện Kiên Hải sử dụng điện "
                  "lưới quốc gia chỉ đạt 58,4%.")  # the province in a body's name: still the district's figure
    assert local_failure(query, engine.lexicon, named_body) is not None
    opening = "Huyện Kiên Hải là địa phương có tỷ lệ hộ dân sử dụng điện lưới quốc gia thấp nhất, đạt 58,4%."
    assert local_failure(query, engine.lexicon, opening) is not None  # "Huyện" opening the sentence
    own = "Toàn huyện có 96,2% hộ dân sử dụng điện lưới quốc gia."  # a district bulletin's words for itself
    assert local_failure(query, engine.lexicon, own) is not None
    commune = "Toàn xã có 1.240 hộ, chiếm hơn 90% số hộ dân sử dụng điện lưới quốc gia."  # a commune's, in its bulletin
    assert local_failure(query, engine.lexicon, commune) is not None
    city = "Trên địa bàn thành phố, tỷ lệ hộ dân sử dụng điện lưới quốc gia đạt 99,9%."  # a city's, unnamed
    assert local_failure(query, engine.lexicon, city) is not None
    assert local_failure(query, engine.lexicon, city.replace("Trên địa bàn thành phố", "Toàn thành phố")) is not None
    society = "Tỷ lệ hộ dân toàn tỉnh sử dụng điện lưới đạt 99,6% nhờ huy động toàn xã hội tham gia."  # society
    assert local_failure(query, engine.lexicon, society) is None
    body = "Huyện ủy chỉ đạo nâng tỷ lệ hộ dân sử dụng điện lưới quốc gia toàn tỉnh lên 99,6%."
    assert local_failure(query, engine.lexicon, body.replace(" toàn tỉnh", "")) is None  # "Huyện ủy" is a body
    assert local_failure(query, engine.lexicon, "Đến nay, tỷ lệ hộ dân toàn tỉnh sử dụng điện lưới đạt 99,6%.") is None
    assert "99,6%" in quote_of(engine.ask(question))


def test_a_sentence_whose_figures_all_follow_a_districts_name_does_not_answer_for_the_province(
        engine: Engine) -> None:
    """"Năm 2024, huyện Giồng Riềng xây mới 14 sân" ranks first for the province's count; every figure in it is
    the district's, so the province's 96 is quoted. A district that only locates a thing, a country, and a
    question asking which district or naming one are not read so."""
    question = "Năm 2024 Kiên Giang xây mới bao nhiêu sân bóng đá mini?"
    query = analyze(question, engine.index, engine.lexicon)
    assert local_failure(query, engine.lexicon, "Huyện Giồng Riềng xây mới 14 sân bóng đá mini.") is not None
    located = "Sân bóng đá xã Ngọc Chúc (huyện Giồng Riềng) được xây mới với 1,2 tỷ đồng."
    assert local_failure(query, engine.lexicon, located) is None
    whole = "Huyện Giồng Riềng xây mới 14 sân, góp phần nâng tổng số sân bóng đá mini toàn tỉnh lên 96 sân."
    assert local_failure(query, engine.lexicon, whole) is None
    abroad = analyze("Năm 2024 Kiên Giang có bao nhiêu lao động đi làm việc ở nước ngoài?", engine.index,
                     engine.lexicon)
    assert local_failure(abroad, engine.lexicon, "Nhật Bản tiếp nhận 892 lao động của tỉnh.") is None
    first_half = analyze("6 tháng đầu năm 2024 Kiên Giang xây mới bao nhiêu sân bóng đá mini?", engine.index,
                         engine.lexicon)  # "đầu" is no "đâu" (where)
    assert local_failure(first_half, engine.lexicon, "Huyện Giồng Riềng xây mới 14 sân bóng đá mini.") is not None
    for other in ("Huyện nào của Kiên Giang xây mới nhiều sân bóng đá mini nhất, bao nhiêu sân?",
                  "Huyện Giồng Riềng của tỉnh xây mới bao nhiêu sân?",
                  "Năm 2024 tỉnh xây mới bao nhiêu sân bóng đá mini, ở đâu?",
                  "Ở Kiên Giang, địa phương dẫn đầu xây mới bao nhiêu sân bóng đá mini?"):
        asked = analyze(other, engine.index, engine.lexicon)
        assert local_failure(asked, engine.lexicon, "Huyện Giồng Riềng xây mới 14 sân bóng đá mini.") is None
    assert "96 sân bóng đá mini" in quote_of(engine.ask(question))


def test_a_question_naming_no_province_asks_of_its_subject_wherever_the_bulletin_is(engine: Engine) -> None:
    """"Cửa khẩu Tịnh Biên ..." asks of the border gate, in a bulletin about An Giang; a question on "the
    province" is still not answered by that bulletin's figures."""
    answer = engine.ask("Năm 2024 cửa khẩu Tịnh Biên đón bao nhiêu lượt người xuất nhập cảnh?")
    assert answer.file == "an-giang.txt" and "1,26 triệu" in quote_of(answer)
    declined = engine.ask("Năm 2024 tỉnh đón bao nhiêu lượt người xuất nhập cảnh qua cửa khẩu?")
    assert declined.best is None or declined.file != "an-giang.txt"


# The period of a sentence.

def test_a_part_of_the_year_without_its_number_is_the_bulletins_year(engine: Engine) -> None:
    query = analyze("Tỷ lệ hồ sơ giải quyết trực tuyến 6 tháng đầu năm 2024 là bao nhiêu?", engine.index, engine.lexicon)
    sentence = "Trong 6 tháng đầu năm, tỷ lệ hồ sơ giải quyết trực tuyến đạt 46,3%, tăng so với mức 38,5% của năm 2023."
    assert year_failure(query, sentence, "", "Chuyển đổi số dịch vụ công", 2024) is None
    assert year_failure(query, "Năm 2023, tỷ lệ hồ sơ giải quyết trực tuyến đạt 38,5%.", "", "", 2024) is not None


def test_a_year_named_only_to_compare_a_figure_with_leaves_the_paragraphs_year(engine: Engine) -> None:
    """"đạt 6,11 tấn/ha, cao hơn mức 5,94 tấn/ha của năm 2023" after "Năm 2024, ..." states 2024's figure (and
    2023's); "tăng 5% so với năm 2023" alone states no year of its own either, but the 2023 it names is not stated."""
    query = analyze("Năng suất lúa bình quân của huyện năm 2024 đạt bao nhiêu tấn/ha?", engine.index, engine.lexicon)
    sentence = "Năng suất lúa bình quân của huyện đạt 6,11 tấn/ha, cao hơn mức 5,94 tấn/ha của năm 2023."
    assert compared_figure_years(sentence) == {"2023"}
    assert year_failure(query, sentence, "Năm 2024, toàn huyện gieo trồng 121.450 ha lúa. ", "", None) is None
    assert year_failure(query, sentence, "Năm 2022, toàn huyện gieo trồng 120.100 ha lúa. ", "", None) is not None
    earlier = analyze("Năng suất lúa bình quân của huyện năm 2023 đạt bao nhiêu tấn/ha?", engine.index, engine.lexicon)
    assert year_failure(earlier, sentence, "Năm 2024, toàn huyện gieo trồng 121.450 ha lúa. ", "", None) is None
    assert compared_figure_years("Sản lượng tăng 5% so với năm 2023.") == set()


def test_a_sentence_naming_no_year_speaks_of_the_last_year_named_not_of_one_compared_with(engine: Engine) -> None:
    """"Tuy nhiên, trong năm vẫn có 2 cá thể bò biển chết" after "Năm 2024 có 11 lần ghi nhận ..., gần gấp đôi năm
    2023 (6 lần)" speaks of 2024: the year the sentence before compares with is not inherited (it answered "Năm
    2023 có bao nhiêu cá thể bò biển chết"); the last sentence naming a year is the one inherited."""
    dugong = "Tuy nhiên, trong năm vẫn có 2 cá thể bò biển chết do mắc lưới."
    before = ("Kết quả khảo sát năm 2022 ước tính quần thể còn khoảng 15 cá thể. Năm 2024 có 11 lần ghi nhận bò biển "
              "xuất hiện, gần gấp đôi năm 2023 (6 lần). ")
    def fails(question: str) -> bool:
        return year_failure(analyze(question, engine.index, engine.lexicon), dugong, before, "", 2025) is not None
    assert not fails("Năm 2024 có bao nhiêu cá thể bò biển chết do mắc lưới?")
    assert fails("Năm 2023 có bao nhiêu cá thể bò biển chết do mắc lưới?")
    assert fails("Năm 2022 có bao nhiêu cá thể bò biển chết do mắc lưới?")


def test_a_period_asked_is_named_where_the_figure_is(engine: Engine) -> None:
    """"giai đoạn 2021-2030" is not answered by 2023's figure; it is by a sentence naming the period, or by one
    naming no year in a bulletin that names it ("trong cùng giai đoạn")."""
    query = analyze("cho hỏi chỉ tiêu tốc độ tăng trưởng GRDP giai đoạn 2021-2030", engine.index, engine.lexicon)
    whole = lambda: "Chương trình giai đoạn 2021-2030 được tổng kết. Mức tăng trưởng trong cùng giai đoạn đạt 7%."  # noqa: E731
    none = lambda: ""  # noqa: E731
    year = "Năm 2023, tốc độ tăng trưởng GRDP của tỉnh đạt 6,83%."
    assert span_failure(query, year, "", "", whole) is not None
    assert span_failure(query, "Giai đoạn 2021 - 2030, GRDP tăng bình quân 8%/năm.", "", "", none) is None
    assert span_failure(query, "Mức tăng trưởng trong cùng giai đoạn đạt 7%.", "", "", whole) is None
    assert span_failure(query, "Mức tăng trưởng trong cùng giai đoạn đạt 7%.", "", "", none) is not None
    dated = analyze("Năm 2023 tốc độ tăng trưởng GRDP là bao nhiêu?", engine.index, engine.lexicon)
    assert span_failure(dated, year, "", "", none) is None
    # A year outside the span asked is not its figure, though the paragraph names the span before it.
    bridges = analyze("Giai đoạn 2021-2024, huyện đã xây bao nhiêu cây cầu thay bến đò?", engine.index, engine.lexicon)
    before = "Giai đoạn 2021-2024, huyện đã xây 12 cây cầu thay bến đò. "
    assert span_failure(bridges, "Năm 2025, huyện tiếp tục đầu tư thêm 4 cây cầu.", before, "", none) is not None
    assert span_failure(bridges, "Riêng năm 2024, huyện xây 5 cây cầu.", before, "", none) is None


def test_a_span_holding_the_year_asked_fails_as_a_period(engine: Engine) -> None:
    """The composer looks further after a span ("giai đoạn 2021-2024") than after another year."""
    query = analyze("Vốn đầu tư toàn xã hội năm 2024 ước đạt bao nhiêu?", engine.index, engine.lexicon)
    span = year_failure(query, "Vốn đầu tư toàn xã hội giai đoạn 2021-2024 ước đạt 298.600 tỷ đồng.", "", "", 2025)
    other = year_failure(query, "Năm 2023, vốn đầu tư toàn xã hội đạt 71.400 tỷ đồng.", "", "", 2025)
    assert span is not None and span.kind == "period"
    assert other is not None and other.kind == "year"


def test_what_there_is_now_is_for_the_bulletins_year(engine: Engine) -> None:
    """"hiện có 61 chợ" in a bulletin of 2025 says nothing of 2023, though the paragraph named 2023 before."""
    query = analyze("Năm 2023 tỉnh Cà Mau có bao nhiêu chợ áp dụng thanh toán không dùng tiền mặt?", engine.index,
                    engine.lexicon)
    before = "Năm 2023, toàn tỉnh có 38 chợ áp dụng thanh toán không dùng tiền mặt. "
    now = "Tỉnh Cà Mau lân cận hiện có 61 chợ áp dụng thanh toán không dùng tiền mặt."
    assert year_failure(query, now, before, "", 2025) is not None
    assert year_failure(query, "Tỉnh Cà Mau lân cận có 61 chợ áp dụng.", before, "", 2025) is None
    assert year_failure(query, now, before, "", 2023) is None


def test_a_span_in_words_holds_its_years(engine: Engine) -> None:
    """"từ đầu năm 2023 đến hết tháng 9/2024, toàn tỉnh đã thu hồi 1.520 ha" is no figure for 2023 alone."""
    query = analyze("Chín tháng đầu năm 2023, Kiên Giang bàn giao được bao nhiêu ha mặt bằng sạch?", engine.index,
                    engine.lexicon)
    sentence = "Từ đầu năm 2023 đến hết tháng 9/2024, toàn tỉnh đã thu hồi 1.520 ha đất cho 68 dự án."
    assert period_years(sentence) == {"2023", "2024"} and years_outside_periods(sentence) == set()
    failure = year_failure(query, sentence, "", "", 2024)
    assert failure is not None and failure.kind == "period"
    assert year_failure(query, "Cùng kỳ năm 2023, diện tích bàn giao chỉ đạt 640 ha.", "", "", 2024) is None
    assert period_years("tu nam 2021 toi nam 2024 tang binh quan 6%") == {"2021", "2022", "2023", "2024"}


def test_below_a_span_the_years_own_figure_is_found(engine: Engine) -> None:
    """"Giai đoạn 2024-2030, ... 7%/năm" ranks first for a question on 2030 and fails as a period; the
    composer looks further, past "hiện đóng góp 38%" (which inherits no year from the span before it), to
    the figure for 2030."""
    best, failure = _chosen(engine, "Đến năm 2030 huyện Kiên Lương đặt mục tiêu giá trị sản xuất công nghiệp là bao nhiêu?")
    assert failure is not None and failure.kind == "period"
    assert best is not None and "15.000 tỷ đồng" in engine.index.paragraphs[best.paragraph][best.start : best.end]


def test_a_compared_year_whose_figure_follows_is_stated(engine: Engine) -> None:
    """A compared year's own figure is stated after it ("khi tỉnh chỉ xếp thứ 34/63") or as the first of a change
    "từ 72,4% lên 81,7%": the sentence then answers for that year and, with the second figure, for its own."""
    assert compared_years("Kiên Giang xếp thứ 19/63, tăng 15 bậc so với năm 2023 khi tỉnh chỉ xếp thứ 34/63.") == set()
    assert compared_years("Kim ngạch đạt 62 triệu USD, tăng 18% so với năm 2022.") == {"2022"}
    changed = "So với đợt kiểm tra cùng kỳ năm 2023, tỷ lệ tàu đủ phao, áo phao đã tăng từ 72,4% lên 81,7%."
    assert compared_years(changed) == set() and compared_figure_years(changed) == {"2023"}
    for year in ("2023", "2024"):
        query = analyze(f"Năm {year} tỷ lệ tàu cá đủ phao, áo phao là bao nhiêu?", engine.index, engine.lexicon)
        assert year_failure(query, changed, "", "Kiểm tra an toàn tàu cá", 2024) is None, year
    older = analyze("Năm 2022 tỷ lệ tàu cá đủ phao, áo phao là bao nhiêu?", engine.index, engine.lexicon)
    assert year_failure(older, changed, "", "Kiểm tra an toàn tàu cá", 2024) is not None
    assert compared_years("Doanh thu tăng 12% so với năm 2023, từ mức thấp.") == {"2023"}


def test_a_sentence_that_goes_on_from_another_may_answer_for_its_own_period(engine: Engine) -> None:
    """"Riêng tại TP. Phú Quốc, ..." goes on from the sentence before it, which names only 2025 (a deadline): the
    joined candidate answers a question on 2024 with the second sentence, whose period is the paragraph's."""
    query = analyze("Năm 2024 ở Phú Quốc đang gấp rút thi công đường dây 110 kV nào?", engine.index, engine.lexicon)
    number = next(i for i, p in enumerate(engine.index.paragraphs) if "mạch 2" in p)
    text = engine.index.paragraphs[number]
    span = (text.index("Dự án"), len(text))
    assert year_failure(query, text[span[0] :], "", "", None) is not None  # read whole, it states only 2025
    assert first_failure(query, engine.lexicon, engine.index, number, span) is None


def test_a_sentence_naming_the_measure_before_it_goes_on_from_that_sentence() -> None:
    """"Sang năm 2023, tỷ lệ này tăng lên 90,7%" is the rate the sentence before it names: it is read with it."""
    assert continues("Sang năm 2023, tỷ lệ này tăng lên 90,7%, riêng thành phố Phú Quốc đạt 96,2%.")
    assert continues("Đến năm 2023, tỷ lệ này nâng lên 21,7%.")
    assert not continues("Năm 2023, tỷ lệ hộ nghèo đa chiều giảm còn 1,8%.")


def test_a_national_question_does_not_need_the_home_province(engine: Engine) -> None:
    """"Tỷ lệ che phủ rừng của cả nước" is answered by a sentence that gives the country's figure next to a
    neighbour's, with no word of the home province, even when the question mentions the province too."""
    from index.answer.checks import province_failure

    query = analyze("Tỷ lệ che phủ rừng của cả nước năm 2023 là bao nhiêu, cao hơn tỉnh mình không?",
                    engine.index, engine.lexicon)
    sentence = "Cùng năm, tỷ lệ che phủ rừng của cả nước đạt 42,02%, còn tỉnh Cà Mau lân cận đạt khoảng 17,2%."
    assert province_failure(query, engine.lexicon, sentence, "Bảo vệ rừng U Minh Thượng") is None
    provincial = analyze("Tỷ lệ che phủ rừng của tỉnh năm 2023 là bao nhiêu?", engine.index, engine.lexicon)
    assert province_failure(provincial, engine.lexicon, sentence, "Bảo vệ rừng U Minh Thượng") is not None


@pytest.mark.parametrize("sentence", [
    "Năm 2024, sản lượng lúa đạt 4,36 triệu tấn, dẫn đầu cả nước.",
    "Sản lượng lúa năm 2024 đạt 4,36 triệu tấn, chiếm khoảng 10% sản lượng lúa cả nước.",
    "Sản lượng lúa năm 2024 đạt 4,36 triệu tấn, đứng thứ 1/63 tỉnh, thành phố cả nước.",
    "Sản lượng lúa năm 2024 đạt 4,36 triệu tấn, tăng nhanh hơn bình quân cả nước.",
    "Sản lượng lúa năm 2024 đạt 4,36 triệu tấn, tăng 3,1%, cao hơn nhiều so với bình quân cả nước (khoảng 1,2%).",
    "Sản lượng lúa năm 2024 đạt 4,36 triệu tấn, tăng 3,1% so với mức trung bình của cả nước (1,2%).",
    # the country's own figure in a clause after the province's
    "Sản lượng lúa năm 2024 đạt 4,36 triệu tấn, trong khi cả nước đạt khoảng 43,5 triệu tấn.",
    "Sản lượng lúa năm 2024 đạt 4,36 triệu tấn; sản lượng chung của cả nước năm 2024 khoảng 43,5 triệu tấn.",
    "Sản lượng lúa năm 2024 đạt 4,36 triệu tấn (cả nước: 43,5 triệu tấn).",
])
def test_the_country_as_the_frame_of_the_provinces_figure_is_no_national_figure(engine: Engine, sentence: str) -> None:
    """A rank, a share of the country's total or a comparison with its average that states no figure of its
    own, or gives it in brackets after the province's: the figure is the province's, though the sentence names
    neither it nor "tỉnh"."""
    from index.answer.checks import scope_failure

    provincial = analyze("Sản lượng lúa năm 2024 là bao nhiêu tấn?", engine.index, engine.lexicon)
    assert scope_failure(provincial, engine.lexicon, sentence) is None
    assert scope_failure(provincial, engine.lexicon, "Sản lượng lúa cả nước năm 2024 ước đạt 43,5 triệu tấn.")
    # the country first, its figure then broken down, or after a period or a date: the country's
    assert scope_failure(provincial, engine.lexicon, "Năm 2024, cả nước thu hoạch 43,5 triệu tấn, trong đó vụ Đông "
                                                     "Xuân 20,1 triệu tấn.")
    assert scope_failure(provincial, engine.lexicon, "Cũng trong 9 tháng năm 2024, cả nước thu hoạch 38,2 triệu tấn.")
    assert scope_failure(provincial, engine.lexicon, "Đến giữa tháng 12/2024, cả nước thu hoạch 43,1 triệu tấn.")


def test_a_sentence_naming_the_level_asked_beside_another_answers_for_it(engine: Engine) -> None:
    """A regional question is answered by the region's figure stated beside the country's; a national one
    needs the country named."""
    from index.answer.checks import scope_failure

    sentence = "Kim ngạch xuất khẩu thủy sản của vùng ĐBSCL đạt khoảng 6,1 tỷ USD, trong khi cả nước đạt khoảng 10 tỷ USD."
    regional = analyze("Kim ngạch xuất khẩu thủy sản của vùng ĐBSCL đạt bao nhiêu?", engine.index, engine.lexicon)
    assert scope_failure(regional, engine.lexicon, sentence) is None
    national = analyze("Kim ngạch xuất khẩu thủy sản của cả nước đạt bao nhiêu?", engine.index, engine.lexicon)
    assert scope_failure(national, engine.lexicon, sentence) is None
    assert scope_failure(national, engine.lexicon, "Kim ngạch xuất khẩu thủy sản của vùng ĐBSCL đạt 6,1 tỷ USD.")


def test_a_comparison_that_states_the_countrys_figure_is_a_national_figure(engine: Engine) -> None:
    from index.answer.checks import scope_failure

    national = analyze("Đến cuối tháng 6/2025 cả nước giải ngân vốn đầu tư công được bao nhiêu phần trăm?",
                       engine.index, engine.lexicon)
    sentence = "Tính đến hết tháng 6/2025, tỉnh mới giải ngân được 31,8% kế hoạch, thấp hơn mức bình quân cả nước là 37,2%."
    assert scope_failure(national, engine.lexicon, sentence) is None


def test_a_rank_within_the_region_is_the_provinces_figure(engine: Engine) -> None:
    from index.answer.checks import scope_failure

    query = analyze("Năm 2023 GRDP của Kiên Giang đạt bao nhiêu, đứng thứ mấy ở đồng bằng sông Cửu Long?",
                    engine.index, engine.lexicon)
    assert scope_failure(query, engine.lexicon, "Quy mô GRDP của Kiên Giang năm 2023 đạt 147.600 tỷ đồng.") is None
    regional = analyze("GRDP của vùng ĐBSCL năm 2023 đạt bao nhiêu?", engine.index, engine.lexicon)
    assert scope_failure(regional, engine.lexicon, "Quy mô GRDP của Kiên Giang năm 2023 đạt 147.600 tỷ đồng.")


def test_below_a_national_figure_the_provinces_own_is_found(engine: Engine) -> None:
    """The country's rate ranks first for a question on the province's; the province's, further down, answers."""
    answer = engine.ask("Tỷ lệ kiến nghị sau giám sát của Mặt trận tỉnh được tiếp thu năm 2024 là bao nhiêu?")
    assert "đạt tỷ lệ 90,3%" in quote_of(answer)


def test_a_province_is_named_only_where_a_name_is_written(engine: Engine) -> None:
    """"đánh giá lại" folds to "danh gia lai": in a sentence written with accents a province is named only with its
    capitals ("Gia Lai"), so a question on Kiên Giang is not answered "about Gia Lai"."""
    query = analyze("Kiên Giang có bao nhiêu sản phẩm OCOP hết hạn chưa đăng ký đánh giá lại?", engine.index,
                    engine.lexicon)
    sentence = "Hiện có 7 sản phẩm OCOP của hai huyện đã hết hạn chứng nhận nhưng chưa đăng ký đánh giá lại."
    assert province_failure(query, engine.lexicon, sentence, "Kiên Giang phát triển sản phẩm OCOP") is None
    assert province_failure(query, engine.lexicon, "Tỉnh Gia Lai có 7 sản phẩm OCOP hết hạn.", "") is not None



def test_figures_said_of_another_province_beside_the_home_one_are_not_its(engine: Engine) -> None:
    """A sentence naming Kiên Giang and An Giang whose every figure follows An Giang with no mention of the home
    province between does not give Kiên Giang's figure; one of its figures after the home province does."""
    query = analyze("Năm 2024 Tỉnh đoàn Kiên Giang hỗ trợ bao nhiêu dự án khởi nghiệp?", engine.index, engine.lexicon)
    others = "So với tỉnh bạn An Giang, nơi Tỉnh đoàn hỗ trợ 175 dự án khởi nghiệp, số dự án của Kiên Giang còn ít."
    assert province_failure(query, engine.lexicon, others, "") is not None
    for sentence in ("Năm 2024 Kiên Giang hỗ trợ 144 dự án khởi nghiệp, An Giang hỗ trợ 175 dự án.",
                     "Cùng với An Giang, toàn tỉnh Kiên Giang hỗ trợ 144 dự án khởi nghiệp trong năm 2024."):
        assert province_failure(query, engine.lexicon, sentence, "") is None, sentence

DISTRICT_TITLED = """https://tin.example.test/dia-phuong/go-quao-nuoc-sach-2024
Gò Quao: 4 xã hoàn thành mục tiêu nước sạch nông thôn
Thứ Ba, 10/12/2024 08:00

Năm 2024, tỷ lệ hộ dân nông thôn sử dụng nước sạch đạt chuẩn đạt 61,2%, tăng 4,8 điểm phần trăm so với năm 2023.
Minh Anh
"""
PROVINCE_WIDE = """https://tin.example.test/xa-hoi/nuoc-sach-nong-thon-2024
Nước sạch nông thôn năm 2024
Thứ Hai, 16/12/2024 08:00

Năm 2024, tỷ lệ hộ dân nông thôn toàn tỉnh sử dụng nước sạch đạt chuẩn là 57,4%.
Minh Anh
"""


def test_a_district_bulletin_naming_its_district_only_in_the_title_speaks_for_the_district(tmp_path: Path) -> None:
    """"Gò Quao: ..." in the title, and a sentence naming no place: the 61,2% is the district's, not the figure of
    the whole province asked."""
    engine = engine_over(tmp_path, {"go-quao.txt": DISTRICT_TITLED})
    question = "Năm 2024 tỷ lệ hộ dân nông thôn toàn tỉnh sử dụng nước sạch đạt chuẩn là bao nhiêu?"
    query = analyze(question, engine.index, engine.lexicon)
    sentence = "Năm 2024, tỷ lệ hộ dân nông thôn sử dụng nước sạch đạt chuẩn đạt 61,2%."
    title = "Gò Quao: 4 xã hoàn thành mục tiêu nước sạch nông thôn"
    assert local_failure(query, engine.lexicon, sentence, title) is not None
    assert local_failure(query, engine.lexicon, sentence, "Nước sạch nông thôn năm 2024") is None
    assert local_failure(query, engine.lexicon, sentence.replace("nông thôn", "nông thôn toàn tỉnh"), title) is None
    assert local_failure(query, engine.lexicon, sentence, "Kiên Giang: Gò Quao dẫn đầu về nước sạch") is None
    of_province = analyze("Năm 2024 tỷ lệ hộ dân nông thôn của tỉnh dùng nước sạch đạt chuẩn là bao nhiêu?",
                          engine.index, engine.lexicon)  # "của tỉnh", naming no district, asks the province too
    assert local_failure(of_province, engine.lexicon, sentence, title) is not None
    of_district = analyze("Năm 2024 tỷ lệ hộ dân nông thôn huyện Gò Quao dùng nước sạch đạt chuẩn là bao nhiêu?",
                          engine.index, engine.lexicon)
    assert local_failure(of_district, engine.lexicon, sentence, title) is None
    (tmp_path / "both").mkdir()
    both = engine_over(tmp_path / "both", {"go-quao.txt": DISTRICT_TITLED, "tinh.txt": PROVINCE_WIDE})
    answer = compose(both.index, both.lexicon, question, decline_model=None)
    assert answer.best is not None and "57,4%" in answer.best.quote


def test_a_rate_per_so_many_people_is_stated_per_so_many(engine: Engine) -> None:
    """"Tỷ lệ bác sĩ trên vạn dân" asks a rate, answered by "9,1 bác sĩ/vạn dân" or "... trên 1 vạn dân", not
    only by a percentage; a plain rate still wants one."""
    per = analyze("Tỷ lệ bác sĩ trên vạn dân của tỉnh năm 2023 là bao nhiêu?", engine.index, engine.lexicon)
    assert unit_failure(per, "Năm 2023 toàn tỉnh có 9,1 bác sĩ/vạn dân.") is None
    assert unit_failure(per, "Toàn huyện đạt 7,4 bác sĩ trên 1 vạn dân.") is None
    assert unit_failure(per, "Toàn tỉnh có 1.520 bác sĩ.") is not None
    plain = analyze("Tỷ lệ hộ nghèo của tỉnh năm 2023 là bao nhiêu?", engine.index, engine.lexicon)
    assert unit_failure(plain, "Năm 2023 toàn tỉnh có 9,1 bác sĩ/vạn dân.") is not None
    # The rate is of what it is asked of: nurses per 10,000 are no doctors per 10,000 ("SV" read as "sinh viên").
    assert unit_failure(per, "Toàn tỉnh có 3.412 điều dưỡng, đạt tỷ lệ 19,5 điều dưỡng/10.000 dân.") is not None
    assert unit_failure(per, "Toàn tỉnh đạt 19,5 điều dưỡng và 9,1 bác sĩ trên 1 vạn dân.") is None
    students = analyze("Đến 2030 tỉnh đạt bn SV trên 1 vạn dân?", engine.index, engine.lexicon)
    assert unit_failure(students, "Năm 2024 Kiên Giang có khoảng 152 sinh viên trên 1 vạn dân.") is None
    # A rate asked without "phần trăm" is also answered per so many people by a sentence naming that rate.
    illness = analyze("Đến năm 2030 tỉnh muốn giảm tỷ lệ mắc lao xuống dưới mức nào?", engine.index, engine.lexicon)
    target = "Đến năm 2030, tỉnh đặt mục tiêu giảm tỷ lệ mắc lao xuống dưới 100 người trên 100.000 dân."
    assert unit_failure(illness, target) is None
    assert unit_failure(illness, "Năm 2023 toàn tỉnh có 9,1 bác sĩ/vạn dân.") is not None  # another rate
    assert unit_failure(illness, "Kế hoạch số 84/KH-UBND ngày 28/4/2023 về giảm tỷ lệ mắc lao.") is not None  # a date
    in_percent = analyze("Tỷ lệ mắc lao năm 2030 là bao nhiêu phần trăm?", engine.index, engine.lexicon)
    assert unit_failure(in_percent, target) is not None


# Fictional test bulletin (not part of the shipped corpus).
ONLINE_FRAUD = """https://tin.example.test/an-ninh/lua-dao-qua-mang-2024
Công an tỉnh Kiên Giang sơ kết công tác năm 2024
Thứ Năm, 16/01/2025 08:30

Theo báo cáo của Công an tỉnh Kiên Giang, năm 2024 trên địa bàn tỉnh xảy ra 214 vụ lừa đảo chiếm đoạt tài sản qua mạng, thiệt hại 86,4 tỷ đồng.

Xét theo địa bàn, TP Rạch Giá dẫn đầu với 63 vụ, tiếp theo là TP Phú Quốc với 41 vụ. Huyện Châu Thành xảy ra 19 vụ, huyện Giồng Riềng 16 vụ.
Thanh Phong
"""


def _breakdown_coverage(folder: Path, bulletin: str) -> float:
    folder.mkdir()
    engine = engine_over(folder, {"lua-dao.txt": bulletin})
    query = analyze("Năm 2024 huyện Giồng Riềng có bao nhiêu vụ lừa đảo chiếm đoạt tài sản qua mạng?", engine.index,
                    engine.lexicon)
    ranked = ranked_candidates(_scoring(engine.index, engine.lexicon, query), retrieve(engine.index, query, 20, None))
    return next(c.coverage for c in ranked if "Giồng Riềng 16 vụ" in engine.index.paragraphs[c.paragraph])


def test_a_districts_figure_breaking_down_the_paragraph_before_takes_its_words(tmp_path: Path) -> None:
    """"Huyện Châu Thành xảy ra 19 vụ, huyện Giồng Riềng 16 vụ" breaks down the province's total of the paragraph
    before by place: for a sentence naming the district asked, that paragraph's words count as its own
    paragraph's do (candidates._candidate), more than the rest of the bulletin's."""
    total, breakdown = ONLINE_FRAUD.split("\n\n")[1:3]
    swapped = ONLINE_FRAUD.replace(f"{total}\n\n{breakdown}", f"{breakdown}\n\n{total}")
    assert swapped != ONLINE_FRAUD
    assert _breakdown_coverage(tmp_path / "a", ONLINE_FRAUD) > _breakdown_coverage(tmp_path / "b", swapped)


def test_the_paragraph_after_a_hit_joins_when_it_names_the_district_asked(tmp_path: Path) -> None:
    """A province's total is often broken down by place in the next paragraph, which shares few of the question's
    words: for a figure asked of a district, that paragraph joins the retrieved ones (compose._with_breakdowns),
    with the score of the one it follows; not for a district it does not name, nor across bulletins."""
    engine = engine_over(tmp_path, {"lua-dao.txt": ONLINE_FRAUD})
    total = next(i for i, text in enumerate(engine.index.paragraphs) if "214 vụ" in text)
    hits = [Hit(total, 3.0)]
    joined = _with_breakdowns(engine.index, ("giong rieng",), hits)
    assert [(h.paragraph, h.score) for h in joined] == [(total, 3.0), (total + 1, 3.0)]
    assert "Giồng Riềng 16 vụ" in engine.index.paragraphs[total + 1]
    assert _with_breakdowns(engine.index, ("an minh",), hits) == hits
    assert _with_breakdowns(engine.index, ("giong rieng",), [Hit(total + 1, 3.0)]) == [Hit(total + 1, 3.0)]


# Fictional test bulletin (not part of the shipped corpus).
DRYERS = """https://tin.example.test/nong-nghiep/co-gioi-hoa-2024
Cơ giới hóa khâu sấy lúa năm 2024
Thứ Sáu, 27/12/2024 09:00

Tại huyện Hòn Đất, cuối năm 2024 toàn huyện có 186 lò sấy lúa với tổng công suất sấy lúa khoảng 3.900 tấn/mẻ, tăng 14 lò sấy lúa.

Nhiều hợp tác xã đã ký hợp đồng sấy lúa cho xã viên với giá ưu đãi.

Theo Sở Nông nghiệp, toàn tỉnh hiện có 1.265 lò sấy, tổng công suất khoảng 21.500 tấn/mẻ.

Tỷ lệ cơ giới hóa khâu thu hoạch lúa đạt 98,5%, khâu làm đất đạt 100%.

Tỉnh có 2.840 máy gặt đập liên hợp, tăng 215 máy so với năm 2023.
"""


def test_a_districts_figure_failing_a_province_question_lets_a_lower_sentence_answer(tmp_path: Path) -> None:
    """"cả tỉnh có bao nhiêu lò sấy lúa" ranks the district's "toàn huyện có 186 lò sấy lúa" first; it fails
    (a district's figure), and the province's own figure further down its bulletin is tried and quoted
    (choice._DISTRICT_FOUND), as after a figure for only the country."""
    engine = engine_over(tmp_path, {"lo-say.txt": DRYERS})
    answer = compose(engine.index, engine.lexicon,
                     "Cuối năm 2024 cả tỉnh có bao nhiêu lò sấy lúa, tổng công suất sấy lúa bao nhiêu?",
                     decline_model=None)
    assert "1.265 lò sấy" in quote_of(answer)


def test_figures_said_of_another_district_beside_the_one_asked_are_not_its(engine: Engine) -> None:
    """A district asked, named in the sentence only after the figures that follow another district, does not get
    that district's figure; a figure after the district asked is its own."""
    from index.answer.checks import place_failure

    query = analyze("Năm 2024 đội tàu huyện Kiên Hải khai thác bao nhiêu tấn cá cơm?", engine.index, engine.lexicon)
    others = ("Năm 2024, sản lượng cá cơm của đội tàu Phú Quốc đạt khoảng 61.500 tấn, phần còn lại được thu mua "
              "từ huyện Kiên Hải.")
    assert place_failure(query, engine.lexicon, others, others) is not None
    own = "Năm 2024, đội tàu Phú Quốc khai thác 61.500 tấn cá cơm, đội tàu huyện Kiên Hải khai thác 23.400 tấn."
    assert place_failure(query, engine.lexicon, own, own) is None


# Fictional test bulletin (not part of the shipped corpus).
CEMENT = """https://tin.example.test/cong-nghiep/xi-mang-2023
Ngành xi măng tổng kết năm 2023
Thứ Sáu, 12/01/2024 08:00

Toàn tỉnh Kiên Giang năm 2023 sản xuất được 6,2 triệu tấn xi măng, trong khi tổng công suất thiết kế của các nhà máy xi măng trong tỉnh là 7,5 triệu tấn/năm. Các nhà máy tập trung ở huyện Kiên Lương và huyện Hòn Đất, gần nguồn đá vôi.

Năm 2023, ngành xi măng nộp ngân sách 640 tỷ đồng. Riêng huyện Kiên Lương, nơi có 4 nhà máy lớn, đạt 4,1 triệu tấn xi măng, chiếm gần 2/3 sản lượng của tỉnh.
Minh Anh
"""


def test_a_districts_question_is_not_answered_by_the_provinces_figure(tmp_path: Path) -> None:
    """"Toàn tỉnh ... 6,2 triệu tấn" ranks first for Kiên Lương's cement and names no district: the district's own
    figure further down answers; for a district with no figure of its own the province's is the nearest fact, for
    another level; a district's bulletin speaking of itself, or the province asked, is not touched."""
    engine = engine_over(tmp_path, {"xi-mang.txt": CEMENT})
    question = "Năm 2023 huyện Kiên Lương sản xuất được bao nhiêu tấn xi măng?"
    query = analyze(question, engine.index, engine.lexicon)
    province = "Toàn tỉnh Kiên Giang năm 2023 sản xuất được 6,2 triệu tấn xi măng."
    failure = district_failure(query, engine.lexicon, province)
    assert failure is not None and failure.kind == "district" and failure.what == "Kiên Lương"
    assert district_failure(query, engine.lexicon, "Tỉnh phấn đấu năm 2025 sản xuất 7 triệu tấn xi măng.") is not None
    assert district_failure(query, engine.lexicon, "Huyện Kiên Lương đạt 4,1 triệu tấn, 2/3 của tỉnh.") is None
    own = "Năm 2023, huyện sản xuất 4,1 triệu tấn xi măng, chiếm gần 2/3 sản lượng của tỉnh."  # a district's own
    assert district_failure(query, engine.lexicon, own) is None
    # The district named only in a list after the figure: the figure is the whole list's.
    listed = ("Diện tích đất lúa chuyển mục đích năm 2023 là 735 ha, tập trung tại các huyện Châu Thành, Kiên Lương "
              "và Hòn Đất.")
    assert district_failure(query, engine.lexicon, listed) is not None
    assert district_failure(query, engine.lexicon, "Huyện Kiên Lương chuyển 210 ha, Hòn Đất 180 ha.") is None
    assert district_failure(query, engine.lexicon, "Ba huyện Châu Thành, Kiên Lương và Hòn Đất chuyển 735 ha.") is None
    of_province = analyze("Năm 2023 toàn tỉnh sản xuất được bao nhiêu tấn xi măng?", engine.index, engine.lexicon)
    assert district_failure(of_province, engine.lexicon, province) is None

    def ask(text: str) -> Answer:  # the choice, not the decline model fitted on a larger corpus
        return compose(engine.index, engine.lexicon, text, decline_model=None)

    assert "6,2 triệu tấn" in quote_of(ask("Năm 2023 toàn tỉnh sản xuất được bao nhiêu tấn xi măng?"))
    assert "4,1 triệu tấn" in quote_of(ask(question))
    declined = ask("Năm 2023 huyện Hòn Đất sản xuất được bao nhiêu tấn xi măng?")
    assert not declined.answered and declined.reason == Decline.OTHER_SCOPE and declined.unknown == ("Hòn Đất",)
    assert declined.nearest is not None and "6,2 triệu tấn" in declined.nearest.quote


# Fictional test bulletin (not part of the shipped corpus).
STUDY_FUND = """+++
title = "Khuyến học tỉnh Kiên Giang tổng kết năm 2024"
url = "https://tin.example.test/khuyen-hoc/tong-ket-2024"
date = "2025-01-10T08:00:00"
+++

Về huy động nguồn lực, năm 2024 các cấp hội vận động Quỹ khuyến học, khuyến tài được 68,4 tỷ đồng, tăng 7,9 tỷ đồng so với năm 2023. Trong đó, TP Rạch Giá dẫn đầu với 9,2 tỷ đồng; TP Phú Quốc đứng thứ hai với 5,8 tỷ đồng.

Dịp Tết cổ truyền Chol Chnam Thmay năm 2024, huyện Giang Thành đã trao 500 phần quà cho người dân nghèo phía bạn. Huyện cũng xây 2 căn nhà hữu nghị tại xã Ton Hon, Campuchia.
"""


def test_a_sentence_takes_its_place_from_what_precedes_it_and_a_country_is_a_partner(tmp_path: Path) -> None:
    """A district's figure is one the sentence, or its paragraph before it, or the title, names the district for:
    "các cấp hội vận động ... 68,4 tỷ đồng" is the province's, though the paragraph names Phú Quốc after it
    (blind tune and validate: a district's question answered with the province's total). A country asked is a
    partner, not a scope, and may be named anywhere in the paragraph ("phía bạn" is Campuchia)."""
    engine = engine_over(tmp_path, {"khuyen-hoc.md": STUDY_FUND})
    assert "campuchia" in engine.lexicon.country_names and "campuchia" in engine.lexicon.place_names
    asked = analyze("Thành phố Phú Quốc năm 2024 vận động ủng hộ quỹ khuyến học được bao nhiêu tiền?", engine.index,
                    engine.lexicon)
    paragraph = engine.index.paragraphs[0]
    total = (paragraph.index("Về huy"), paragraph.index(" Trong đó"))
    failure = first_failure(asked, engine.lexicon, engine.index, 0, total)
    assert failure is not None and failure.kind == "place"
    answer = compose(engine.index, engine.lexicon, asked.text, decline_model=None)
    assert answer.best is None or "5,8 tỷ đồng" in answer.best.quote
    gifts = compose(engine.index, engine.lexicon, "Dịp Tết Chol Chnam Thmay năm 2024, huyện Giang Thành đã trao bao "
                    "nhiêu phần quà cho người dân nghèo phía Campuchia?", decline_model=None)
    assert "500 phần quà" in quote_of(gifts)
