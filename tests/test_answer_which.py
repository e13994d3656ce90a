"""Questions that ask which place ("xã nào", "huyện nào", "địa phương nào") and which end of a ranking
("nhiều ... nhất"): index/answer/features.py.

The bulletin written here is fictional test data (its URL is on tin.example.test).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.answer.compose import compose
from index.answer.features import cue_fit, holds_answer
from index.answer.polarity import asked_end
from index.answer.units import unit_failure
from index.engine import Engine
from index.retrieval.coverage import text_terms
from index.retrieval.query import analyze
from tests.support.sample_bulletins import engine_over, quote_of

MEDIATION = """https://tin.example.test/tu-phap/hoa-giai-kien-hai-2024
Kiên Hải tổng kết công tác tư pháp năm 2024
Thứ Năm, 16/01/2025 09:00

Năm 2024, các tổ hòa giải trên địa bàn huyện Kiên Hải tiếp nhận 64 vụ việc, hòa giải thành 55 vụ việc, đạt 85,9%. Xã Hòn Tre là địa phương có nhiều vụ việc nhất với 21 vụ việc, chủ yếu là tranh chấp ranh giới đất ở và lối đi chung.

Về chuẩn tiếp cận pháp luật, năm 2024 huyện Kiên Hải có 3/4 xã được công nhận đạt chuẩn. Xã còn lại là xã Nam Du, chưa đạt do thiếu công chức tư pháp - hộ tịch.
Thu Trang
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_over(tmp_path_factory.mktemp("which"), {"hoa-giai.txt": MEDIATION})


@pytest.mark.parametrize("question", [
    "Năm 2024 xã nào ở Kiên Hải có nhiều vụ việc hòa giải nhất?",
    "nam 2024 xa nao o kien hai co nhieu vu viec hoa giai nhat",
])
def test_the_top_of_a_ranking_is_asked_across_what_is_ranked(engine: Engine, question: str) -> None:
    """"nhiều vụ việc hòa giải nhất" names what is ranked between "nhiều" and "nhất": the sentence naming the top
    answers, not the district's total."""
    assert asked_end(question) == 1
    assert quote_of(compose(engine.index, engine.lexicon, question, decline_model=None)).startswith("Xã Hòn Tre")


def test_a_ranking_too_far_apart_is_none() -> None:
    assert asked_end("nhiều năm nay huyện đã làm được những việc gì cho người dân, kết quả ra sao nhất là về nhà ở") == 0


def test_which_place_asks_for_a_place_the_question_does_not_name(engine: Engine) -> None:
    query = analyze("Năm 2024, xã nào của huyện Kiên Hải chưa đạt chuẩn tiếp cận pháp luật?", engine.index,
                    engine.lexicon)
    assert "place" in query.cues
    own = "Về chuẩn tiếp cận pháp luật, năm 2024 huyện Kiên Hải có 3/4 xã được công nhận đạt chuẩn."
    named = "Xã còn lại là xã Nam Du, chưa đạt do thiếu công chức tư pháp - hộ tịch."
    assert not holds_answer(query, own) and cue_fit(query, own, text_terms(own)) == 0.0
    assert holds_answer(query, named) and cue_fit(query, named, text_terms(named)) == 1.0


def test_which_place_quotes_the_next_sentence_when_it_names_the_place(engine: Engine) -> None:
    answer = compose(engine.index, engine.lexicon, "Năm 2024, xã nào của huyện Kiên Hải chưa đạt chuẩn tiếp cận pháp luật?",
                     decline_model=None)
    assert quote_of(answer).endswith("Xã còn lại là xã Nam Du, chưa đạt do thiếu công chức tư pháp - hộ tịch.")


URBAN = """https://tin.example.test/do-thi/nang-cap-do-thi-2022
Nâng chất lượng đô thị, hướng tới đô thị xanh
Thứ Hai, 28/8/2023 09:15

Năm 2022, tỷ lệ đô thị hóa toàn tỉnh đạt 31,2%, thấp hơn mức 41,7% của cả nước.

Trong năm 2022, tỉnh hoàn thành quy hoạch chung 4 đô thị mới và nâng loại 2 thị trấn.

Toàn tỉnh Kiên Giang hiện có 17 đô thị, gồm 1 đô thị loại I, 2 đô thị loại II và 14 đô thị loại IV, loại V.
Minh Anh
"""


def test_a_count_is_not_answered_by_a_share_of_the_thing_counted(tmp_path: Path) -> None:
    """"bao nhiêu đô thị" counts towns: "tỷ lệ đô thị hóa đạt 31,2%" gives only shares and fails the unit check;
    "tăng bao nhiêu so với" asks no count."""
    engine = engine_over(tmp_path, {"do-thi.txt": URBAN})
    lexicon = engine.lexicon
    count = analyze("Toàn tỉnh Kiên Giang có bao nhiêu đô thị?", engine.index, lexicon)
    share = "Năm 2022, tỷ lệ đô thị hóa toàn tỉnh đạt 31,2%, thấp hơn mức 41,7% của cả nước."
    assert unit_failure(count, share) is not None
    assert unit_failure(count, "Toàn tỉnh hiện có 17 đô thị, gồm 1 đô thị loại I.") is None
    change = analyze("Tỷ lệ đô thị hóa năm 2022 tăng bao nhiêu so với năm trước?", engine.index, lexicon)
    assert unit_failure(change, "Tỷ lệ đô thị hóa tăng 1,2% so với năm 2021.") is None
    assert "17 đô thị" in quote_of(compose(engine.index, lexicon, "Toàn tỉnh Kiên Giang có bao nhiêu đô thị?",
                                          decline_model=None))


# Fictional test bulletin (not part of the shipped corpus).
CLEAN_WATER = """https://tin.example.test/nong-thon/nuoc-sach-2024
Kiên Giang: nước sạch nông thôn năm 2024
Thứ Sáu, 20/12/2024 09:00

Đến cuối năm 2024, tỷ lệ hộ dân nông thôn của tỉnh Kiên Giang sử dụng nước sạch đạt quy chuẩn là 61,4%, tăng 3,2 điểm phần trăm so với năm 2023.

Trong các địa phương, Tân Hiệp là nơi có tỷ lệ cao nhất với 82,4% hộ dân.

Mật ong rừng tràm của huyện U Minh Thượng do HTX Nuôi ong Vĩnh Hòa sản xuất, đạt chuẩn OCOP 4 sao.

Tỉnh phấn đấu đến năm 2025 tỷ lệ này đạt 65%.
"""


def test_which_place_is_not_answered_by_the_provinces_own_figure(tmp_path: Path) -> None:
    """"Huyện nào ... cao nhất" is not answered by the province's rate, which names no place but the one asked
    (choice._place_failure): the sentence naming a district, by its name alone, is. "hợp tác xã nào" asks for a
    cooperative, not for a commune ("xã nào")."""
    engine = engine_over(tmp_path, {"nuoc-sach.txt": CLEAN_WATER})
    answer = compose(engine.index, engine.lexicon,
                     "Huyện nào của Kiên Giang có tỷ lệ hộ dân nông thôn dùng nước sạch đạt quy chuẩn cao nhất năm 2024?",
                     decline_model=None)
    assert "Tân Hiệp là nơi có tỷ lệ cao nhất" in quote_of(answer)
    query = analyze("Mật ong rừng tràm U Minh Thượng do hợp tác xã nào sản xuất?", engine.index, engine.lexicon)
    assert "who" in query.cues and "place" not in query.cues
    assert "HTX Nuôi ong Vĩnh Hòa" in quote_of(engine.ask(query.text))
