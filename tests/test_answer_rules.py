"""The composer's rules for questions nobody tuned on: chat forms, the year, level, province and place
asked, the unit asked for, numbered plenums, and the answer in the next sentence.

The bulletins written here are fictional test data (URLs on tin.example.test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.answer.model import Decline
from index.answer.plain import render_text
from index.engine import Engine
from index.errors import LexiconError
from index.retrieval.coverage import numeral_forms
from index.retrieval.query import analyze
from index.terms.lexicon import Lexicon, load_lexicon
from tests.support.paths import SEED_FILE
from tests.support.sample_bulletins import engine_over, quote_of

# Fictional test bulletins (not part of the shipped corpus).
LEVELS = """https://tin.example.test/kinh-te/giai-ngan-dau-tu-cong-2024
Giải ngân vốn đầu tư công năm 2024 đạt khá
Thứ Sáu, 20/12/2024 09:00

Năm 2024, tỉnh Kiên Giang giải ngân vốn đầu tư công đạt 86,1% kế hoạch, cao hơn năm 2023.

Cùng thời điểm, tỷ lệ giải ngân vốn đầu tư công của cả nước ước đạt 62,5% kế hoạch Thủ tướng giao.

Tỉnh An Giang giáp ranh đạt 72,3% kế hoạch vốn năm 2024.

Tại kỳ họp, HĐND tỉnh thông qua dự toán thu ngân sách năm 2025. Dự toán này được thông qua tại Nghị quyết số 318/NQ-HĐND ngày 19/12/2024.

Huyện Tân Hiệp hiện có 12 xã đạt chuẩn nông thôn mới nâng cao.

Dự án cao tốc Hà Tiên – Rạch Giá dài khoảng 100 km, đi qua 4 huyện của tỉnh.

Tổng vốn đầu tư cao tốc Hà Tiên – Rạch Giá là 25.480 tỷ đồng.

Ban Chỉ đạo tỉnh tổ chức hội nghị sơ kết 6 tháng đầu năm 2024. Đồng chí Trần Quốc Khải, Phó Chủ tịch UBND tỉnh chủ trì hội nghị.
Minh Anh
"""


@pytest.fixture(scope="module")
def levels_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_over(tmp_path_factory.mktemp("levels"), {"dau-tu-cong.txt": LEVELS})


@pytest.mark.parametrize("question", [
    "Kiên Giang có bn khu cn đến năm 2030 vậy ad?",
    "tỉnh có chỉ tiêu j về khu cn k",
    "Cho em hỏi ạ: đến 2030 tỉnh có bao nhiêu khu công nghiệp? Em cần gấp để làm slide, cảm ơn bot nhiều nha",
    "ko biết đến năm 2030 tỉnh mình có bao nhiêu khu công nghiệp vậy ad, cảm ơn nhiều",
])
def test_chat_forms_and_chatter_around_the_question(eval_engine: Engine, question: str) -> None:
    answer = eval_engine.ask(question)
    assert answer.file == SEED_FILE and "5 khu công nghiệp" in quote_of(answer)


def test_chat_forms_are_whole_tokens_only() -> None:
    lexicon = load_lexicon()
    assert lexicon.expand_chat("bn HTX, ntn, đc ko") == "bao nhiêu HTX, như thế nào, được không"
    assert lexicon.expand_chat("KCN Thạnh Lộc, 1289/QĐ-TTg, ko.") == "KCN Thạnh Lộc, 1289/QĐ-TTg, không."
    assert lexicon.expand_chat("tỉnh có nhìu KCN hông, sao dzậy") == "tỉnh có nhiều KCN không, sao vậy"


POST = """https://tin.example.test/buu-chinh/tong-ket-2024
Dịch vụ thu hộ, chi hộ và nước sạch phục vụ người dân
Thứ Sáu, 20/12/2024 08:00

Năm 2024, các ngân hàng trên địa bàn tỉnh thu hộ, chi hộ khoảng 3.400 tỷ đồng qua ứng dụng di động. Cùng năm, Bưu điện tỉnh thu hộ, chi hộ 1.850 tỷ đồng.

Tỷ lệ hộ dân đô thị sử dụng nước sạch đạt 97,2%. Tỷ lệ hộ dân nông thôn sử dụng nước sạch đạt 61,5%.
Minh Anh
"""


@pytest.mark.parametrize(("question", "figure"), [
    ("BĐ tỉnh thu hộ chi hộ đc bn tiền năm 2024 vậy?", "1.850 tỷ đồng"),
    ("tỷ lệ hộ dân NT dùng nước sạch là bn?", "61,5%"),
])
def test_administrative_shorthand_reads_as_the_words_it_stands_for(tmp_path: Path, question: str, figure: str) -> None:
    """"BĐ" is the post office, not the banks; "NT" is the countryside, not the towns (index/data/lexicon.toml,
    [abbreviations])."""
    engine = engine_over(tmp_path, {"buu-dien.txt": POST})
    assert figure in quote_of(engine.ask(question))


FARMS = """https://tin.example.test/nong-nghiep/lich-thoi-vu-2025
Lịch thời vụ và việc làm cho quân nhân xuất ngũ
Thứ Tư, 20/11/2024 08:00

Về lịch thời vụ, Sở Nông nghiệp và Phát triển nông thôn đã ban hành Quyết định số 1120/QĐ-SNN hướng dẫn lịch xuống giống. Sở cũng gửi Công văn số 2315/SNN-TT hướng dẫn lịch xuống giống.

Vụ Hè Thu, toàn tỉnh xuống giống 278.000 ha. Vụ Đông Xuân, toàn tỉnh xuống giống 285.000 ha.

Năm 2024, tỉnh giới thiệu việc làm cho 1.742 thanh niên. Cùng năm, tỉnh giới thiệu việc làm cho 1.615 quân nhân xuất ngũ.
Minh Anh
"""


@pytest.mark.parametrize(("question", "figure"), [
    ("Sở NN gửi CV số mấy hướng dẫn lịch xuống giống?", "2315/SNN-TT"),
    ("vụ ĐX tỉnh xuống giống bn ha?", "285.000 ha"),
    ("vụ HT tỉnh xuống giống bn ha?", "278.000 ha"),
    ("năm 2024 tỉnh giới thiệu VL cho bn QNXN?", "1.615"),
])
def test_the_shorthand_of_memos_and_farm_and_labour_reports(tmp_path: Path, question: str, figure: str) -> None:
    """"CV" is a memo (công văn), "ĐX" and "HT" the winter-spring and summer-autumn crops, "VL" work and "QNXN"
    demobilised soldiers (index/data/lexicon.toml, [abbreviations]). A memo's number answers whatever code it
    carries, and "hướng dẫn" after it is a verb, not the kind asked (index/answer/documents.py); an initialism
    counted counts the words it stands for (index/answer/features.py, _counted_expansions)."""
    engine = engine_over(tmp_path, {"thoi-vu.txt": FARMS})
    assert figure in quote_of(engine.ask(question))


AGES = """https://tin.example.test/giao-duc/xoa-mu-chu-2024
Kết quả phổ cập giáo dục, xóa mù chữ năm 2024
Thứ Hai, 16/12/2024 08:00

Tỷ lệ người 15-35 tuổi biết chữ mức độ 2 đạt 99,4%. Tỷ lệ người từ 15 đến 60 tuổi biết chữ mức độ 2 đạt 98,1%.

Số lao động 18-45 tuổi được đào tạo nghề là 12.400 người. Số lao động trên 45 tuổi được đào tạo nghề là 3.100 người.
Minh Anh
"""


@pytest.mark.parametrize(("question", "figure"), [
    ("Tỷ lệ người 15-60 tuổi biết chữ mức độ 2 là bao nhiêu?", "98,1%"),
    ("Số lao động từ 18 đến 45 tuổi được đào tạo nghề là bao nhiêu?", "12.400 người"),
])
def test_a_range_reads_both_ways(tmp_path: Path, question: str, figure: str) -> None:
    """"15-60 tuổi" is "từ 15 đến 60 tuổi" (index/retrieval/names.py, ranges), and the other way round (a range's
    numbers are indexed as its parts)."""
    engine = engine_over(tmp_path, {"xoa-mu-chu.txt": AGES})
    assert figure in quote_of(engine.ask(question))


@pytest.mark.parametrize("entry, reason", [
    ('[abbreviations]\n"XYZ" = ["và"]\n', "only the stopword"),
    ('[synonyms]\ngroups = [["của", "chỉ tiêu"]]\n', "only the stopword"),
    ('[chat]\n"zz" = "  "\n', "empty"),
])
def test_the_lexicon_refuses_entries_that_would_match_everything(tmp_path: Path, entry: str, reason: str) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text(entry, encoding="utf-8")
    with pytest.raises(LexiconError, match=reason):
        load_lexicon(extra)


def test_a_province_code_is_a_named_province(eval_engine: Engine) -> None:
    answer = eval_engine.ask("GRDP bình quân đầu người của CM đến 2030?")
    assert answer.file == "t09_ca-mau-nghi-quyet-tw6.txt"


def test_a_year_that_no_bulletin_states_is_no_answer_with_the_nearest_fact_labelled(eval_engine: Engine) -> None:
    answer = eval_engine.ask("Tỷ lệ đô thị hóa của Kiên Giang năm 2021 là bao nhiêu?")
    assert not answer.answered and answer.reason == Decline.OTHER_YEAR and answer.unknown == ("năm 2021",)
    assert answer.nearest is not None
    text = render_text(answer)
    assert "không nêu số liệu năm 2021" in text and "Thông tin gần nhất (không phải điều bạn hỏi)" in text


def test_a_year_inside_a_period_is_stated(levels_engine: Engine) -> None:
    answer = levels_engine.ask("Ai chủ trì hội nghị sơ kết 6 tháng đầu năm 2024?")
    assert "Trần Quốc Khải" in quote_of(answer)


def test_the_province_figure_is_not_the_national_one_and_the_other_way_round(levels_engine: Engine) -> None:
    assert "86,1%" in quote_of(levels_engine.ask("Năm 2024 tỉnh giải ngân vốn đầu tư công được bao nhiêu phần trăm?"))
    assert "62,5%" in quote_of(levels_engine.ask("Cả nước giải ngân vốn đầu tư công năm 2024 được bao nhiêu %?"))
    assert "72,3%" in quote_of(levels_engine.ask("An Giang giải ngân vốn đầu tư công năm 2024 đạt bao nhiêu phần trăm?"))


def test_a_province_the_bulletins_give_no_figure_for_is_no_answer(levels_engine: Engine) -> None:
    answer = levels_engine.ask("Cà Mau giải ngân vốn đầu tư công năm 2024 đạt bao nhiêu phần trăm?")
    assert not answer.answered


def test_a_district_must_be_the_one_the_sentence_speaks_of(levels_engine: Engine) -> None:
    assert "12 xã" in quote_of(levels_engine.ask("Huyện Tân Hiệp có bao nhiêu xã nông thôn mới nâng cao?"))
    answer = levels_engine.ask("Huyện Giồng Riềng có bao nhiêu xã đạt chuẩn nông thôn mới nâng cao?")
    assert not answer.answered and answer.reason in (Decline.OTHER_PLACE, Decline.UNKNOWN_NAME)


def test_the_unit_asked_must_be_the_unit_stated(levels_engine: Engine) -> None:
    assert "100 km" in quote_of(levels_engine.ask("Cao tốc Hà Tiên – Rạch Giá dài bao nhiêu km?"))
    assert "25.480 tỷ đồng" in quote_of(levels_engine.ask("Cao tốc Hà Tiên – Rạch Giá tổng vốn bao nhiêu tiền?"))
    toll = levels_engine.ask("Cao tốc Hà Tiên – Rạch Giá thu phí bao nhiêu tiền một lượt?")
    assert toll.best is None or "đồng" in toll.best.quote  # never the length for a price


def test_the_document_number_in_the_next_sentence_is_quoted_with_it(levels_engine: Engine) -> None:
    quote = quote_of(levels_engine.ask("Dự toán thu ngân sách năm 2025 được HĐND tỉnh thông qua tại nghị quyết nào?"))
    assert quote == ("Tại kỳ họp, HĐND tỉnh thông qua dự toán thu ngân sách năm 2025. "
                     "Dự toán này được thông qua tại Nghị quyết số 318/NQ-HĐND ngày 19/12/2024.")


@pytest.mark.parametrize("question", [
    "Nghị quyết Trung ương 8 khóa XIII có mấy chỉ tiêu?", "HNTW8 có mấy nghị quyết", "NQ TW8 triển khai ra sao?",
])
def test_a_plenum_the_bulletins_never_name_is_named_in_the_decline(eval_engine: Engine, question: str) -> None:
    answer = eval_engine.ask(question)
    assert not answer.answered and answer.unknown == ("Trung ương 8",)


@pytest.mark.parametrize("question", [
    "Hội nghị Trung ương 6 khóa 13 họp khi nào?", "Hội nghị TW6 khóa XIII họp khi nào?",
])
def test_roman_and_arabic_numerals_name_the_same_term(eval_engine: Engine, question: str) -> None:
    answer = eval_engine.ask(question)
    assert answer.file == SEED_FILE and "9-10-2022" in quote_of(answer)


@pytest.mark.parametrize("question", ["Hội nghị Trung ương 6 khóa XIV họp khi nào?", "hoi nghi tw6 khoa 14 hop khi nao"])
def test_a_term_the_bulletin_never_names_is_named_in_the_decline(eval_engine: Engine, question: str) -> None:
    """A term is named with its word: the bulletins' "14" as a count is no "khóa XIV" (Roman numerals past XV
    too: the 2026 elections are for the 16th National Assembly)."""
    answer = eval_engine.ask(question)
    assert not answer.answered and answer.unknown == ("khóa 14",)
    assert numeral_forms("khoa 16") == ["khoa 16", "khoa xvi"] and numeral_forms("24") == ["xxiv"]


def test_the_thesaurus_reaches_the_bulletins_words(eval_engine: Engine) -> None:
    # "đường sá" (roads) is "giao thông" in the bulletin: index/data/thesaurus.toml says so (without it:
    # no answer).
    answer = eval_engine.ask("Đường sá ở Kiên Giang được quy hoạch thế nào?")
    assert answer.file == "t04_quy-hoach-giao-thong-duong-bo.txt"
    # "sai mục đích" is "chưa đúng mục đích" (a wrong use is one not yet right): the same group
    groups = load_lexicon().synonyms
    assert any(("sai", "mục", "đích") in g and ("chưa", "đúng", "mục", "đích") in g for g in groups)
    # Everyday wording beside the report's, in the groups added in stop 22.
    for everyday, report in ((("thất", "thoát", "sau", "thu", "hoạch"), ("tổn", "thất", "sau", "thu", "hoạch")),
                             (("cho", "vay", "nặng", "lãi"), ("tín", "dụng", "đen"))):
        assert any(everyday in g and report in g for g in groups), everyday


# Fictional test bulletin (not part of the shipped corpus).
EVERYDAY = """https://tin.example.test/xa-hoi/tong-ket-nam-2024
Huyện Gò Quao tổng kết công tác văn hóa - xã hội năm 2024
Thứ Hai, 23/12/2024 08:30

Mô hình nuôi tôm càng xanh trong ruộng lúa có chi phí bình quân 28 triệu đồng/ha mỗi vụ. Mô hình nuôi tôm càng xanh trong ruộng lúa cho lợi nhuận bình quân 62 triệu đồng/ha mỗi vụ.

Năm học 2024-2025, các trường mầm non của huyện còn thiếu 38 giáo viên so với định mức. Các trường mầm non cũng còn thiếu 12 phòng học.

Trong năm, lực lượng chức năng kiểm tra 126 cơ sở kinh doanh thực phẩm. Lực lượng chức năng xử phạt 14 cơ sở kinh doanh thực phẩm vi phạm.
Minh Khoa
"""


def test_everyday_words_reach_the_reports_words(tmp_path: Path) -> None:
    """"tiền lời" is "lợi nhuận" (without the group the cost sentence was quoted), "cô giáo" a "giáo viên", "phạt
    tiền" "xử phạt", "con nít" "trẻ em" (index/data/thesaurus.toml, the groups added in stop 31)."""
    engine = engine_over(tmp_path, {"go-quao.txt": EVERYDAY})
    answer = engine.ask("Nuôi tôm càng xanh trong ruộng lúa có tiền lời bao nhiêu một ha mỗi vụ?")
    assert "62 triệu đồng/ha" in quote_of(answer)
    groups = load_lexicon().synonyms
    for everyday, report in ((("cô", "giáo"), ("giáo", "viên")), (("phạt", "tiền"), ("xử", "phạt")),
                             (("con", "nít"), ("trẻ", "em")), (("tiền", "lời"), ("lợi", "nhuận"))):
        assert any(everyday in g and report in g for g in groups), everyday


def test_an_admin_can_extend_the_thesaurus(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('[thesaurus]\ngroups = [["cá bớp", "cá giò"]]\n', encoding="utf-8")
    groups = load_lexicon(extra).synonyms
    assert (("cá", "bớp"), ("cá", "giò")) in groups and len(groups) > len(load_lexicon().synonyms)
    extra.write_text('[thesaurus]\ngroups = [["cho", "cho phép"]]\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="only the stopword 'cho'"):
        load_lexicon(extra)


def test_a_one_letter_typo_in_a_known_name_is_not_an_unknown_name(eval_engine: Engine) -> None:
    for question, typed in [("Ông Trương Hoàng Nam giữ chức gì ở Ban Quản lý khu kinh tế?", "Trương Hoàng Nam"),
                            ("Ông Trương Hoàng Nqm giữ chức gì ở Ban Quản lý khu kinh tế?", "Trương Hoàng Nqm")]:
        answer = eval_engine.ask(question)
        assert answer.reason != Decline.UNKNOWN_NAME, typed

    def terms(question: str) -> list[str]:
        return [t.folded for t in analyze(question, eval_engine.index, eval_engine.lexicon).terms]

    assert "nam" in terms("Ông Trương Hoàng Nqm giữ chức gì?")  # "nqm" is no syllable of the corpus
    assert "bay" in terms("Ông Trương Hoàng Bảy giữ chức gì?")  # a syllable the corpus has is never rewritten


def test_an_acronym_is_never_corrected_into_a_syllable(eval_engine: Engine, lexicon: Lexicon) -> None:

    terms = [t.folded for t in analyze("Dự án điện khí LNG phát điện khi nào?", eval_engine.index, lexicon).terms]
    assert "lng" in terms and "ung" not in terms
    assert "grdp" in [t.folded for t in analyze("GDRP năm 2030", eval_engine.index, lexicon).terms]


def test_chat_forms_in_capitals_are_abbreviations() -> None:
    lexicon = load_lexicon()
    assert lexicon.expand_chat("KH phát triển nhà ở XH, kh có số liệu") == "KH phát triển nhà ở XH, không có số liệu"


def test_tables_from_public_normalisers_add_to_the_hand_written_lexicon() -> None:
    # index/data/lexicon_sources.toml, generated by scripts/make_lexicon_tables.py (soe-vinorm, visonorm; MIT).
    lexicon = load_lexicon()
    assert ("tờ", "trình") in lexicon.abbreviations["ttr"]
    assert lexicon.abbreviations["ct"][0] == ("cần", "thơ")  # the hand-written readings come first
    assert lexicon.expand_chat("kbt có số liệu ko") == "không biết có số liệu không"


# Fictional test bulletin (not part of the shipped corpus).
TREASURY = """https://tin.example.test/tai-chinh/kho-bac-2024
Kho bạc Nhà nước Kiên Giang tổng kết công tác năm 2024
Thứ Sáu, 10/01/2025 08:00

Năm 2024, tổng số chi ngân sách qua Kho bạc Nhà nước Kiên Giang là 27.436 tỷ đồng, tăng 9,2% so với năm 2023.

Qua kiểm soát chi, Kho bạc Nhà nước Kiên Giang từ chối thanh toán 4,63 tỷ đồng trong năm 2024 do hồ sơ chưa đủ điều kiện.

Tỷ lệ hồ sơ được nộp qua dịch vụ công trực tuyến đạt 99,6%, thời gian xử lý bình quân 1,2 ngày.
"""


def test_administrative_abbreviations_read_as_officials_write_them(tmp_path: Path) -> None:
    """"TT" is also "thanh toán" and "ĐK" "điều kiện" (index/data/lexicon.toml, beside the public tables)."""
    lexicon = load_lexicon()
    assert ("thanh", "toán") in lexicon.abbreviations["tt"] and ("điều", "kiện") in lexicon.abbreviations["dk"]
    assert ("thuỷ", "sản") in lexicon.abbreviations["ts"]
    engine = engine_over(tmp_path, {"kho-bac.txt": TREASURY})
    assert "4,63 tỷ đồng" in quote_of(engine.ask("KBNN KG năm 2024 từ chối TT bn tiền qua kiểm soát chi vậy?"))


def test_a_name_in_the_chat_around_the_question_is_not_an_unknown_name(eval_engine: Engine) -> None:
    question = ("Chào bot, em là Trần Thị Ngọc Hân, sinh viên năm hai. Cho em hỏi GRDP bình quân đầu người năm "
                "2030 là bao nhiêu ạ?")
    answer = eval_engine.ask(question)
    assert answer.file == SEED_FILE and "4.520" in quote_of(answer)
    asked = eval_engine.ask("Cho em hỏi GRDP bình quân đầu người của Trần Thị Ngọc Hân năm 2030 là bao nhiêu?")
    assert asked.reason == Decline.UNKNOWN_NAME  # a name in the asking phrase is still checked


OPINIONS = """https://tin.example.test/xa-hoi/lay-y-kien-gia-dinh-2024
Lấy ý kiến gia đình chính sách về chương trình an sinh
Thứ Hai, 9/12/2024 09:00

Sở Lao động tổ chức lấy ý kiến gia đình chính sách tại 15 huyện về chương trình an sinh quốc gia.

Các ý kiến gia đình người có công tập trung vào nhà ở; hội đồng tham gia góp ý gồm 12 thành viên.

Năm 2024, Kiên Giang hỗ trợ sửa chữa 312 căn nhà cho người có công.
Minh Anh
"""


def test_a_typo_in_a_places_name_is_read_as_the_place(tmp_path: Path) -> None:
    """"Kiên Giag" is Kiên Giang, though folded text pairs "kien gia" more often ("ý kiến gia đình"), and an
    earlier one-word correction had made it "Gia"."""
    engine = engine_over(tmp_path, {"y-kien.txt": OPINIONS})
    terms = [t.folded for t in analyze("Năm 2024 Kiên Giag hỗ trợ sửa bao nhiêu căn nhà?", engine.index,
                                       engine.lexicon).terms]
    assert "giang" in terms and "gia" not in terms
    assert "312 căn nhà" in quote_of(engine.ask("Năm 2024 Kiên Giag hỗ trợ sửa bao nhiêu căn nhà cho người có công?"))


DRYING = """https://tin.example.test/nong-nghiep/co-gioi-hoa-2024
Sơ kết hai năm cơ giới hóa sản xuất lúa
Thứ Năm, 12/12/2024 09:00

Năm 2024, tỷ lệ lúa được sấy bằng máy sấy cơ học của tỉnh đạt 68%, tăng 5 điểm phần trăm so với năm 2023.

Theo mục tiêu của Kế hoạch số 84/KH-UBND về cơ giới hóa sản xuất lúa, đến năm 2025, tỉnh phấn đấu có 3.000 máy gặt đập liên hợp, tỷ lệ lúa được sấy cơ học đạt 75%. Đến năm 2030, tỷ lệ sấy phải đạt trên 90%, tổn thất sau thu hoạch giảm xuống dưới 5%.
Minh Anh
"""


def test_a_goal_asked_for_a_year_is_looked_for_below_another_years_figure(tmp_path: Path) -> None:
    """The goal for 2025, ranked first, fails on its year; the goal for 2030, sharing fewer of the question's
    words, answers."""
    engine = engine_over(tmp_path, {"co-gioi-hoa.txt": DRYING})
    answer = engine.ask("Theo Kế hoạch số 84/KH-UBND về cơ giới hóa, đến năm 2030 tỷ lệ lúa được sấy phải đạt bao nhiêu?")
    assert "tỷ lệ sấy phải đạt trên 90%" in quote_of(answer)
    # A figure achieved, asked for a year no sentence states, is still no answer.
    assert not engine.ask("Năm 2022 tỷ lệ lúa được sấy bằng máy sấy cơ học của tỉnh đạt bao nhiêu?").answered
