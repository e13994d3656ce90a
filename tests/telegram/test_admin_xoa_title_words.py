"""/xoa finds a bulletin by words of its title as an admin types them (issue 13): any order, diacritics
optional, abbreviations and synonyms of the lexicon — and the example its own usage text gives works.

The admin corpus: the seed ("Triển khai chương trình hành động thực hiện Nghị quyết Trung ương 6 khóa
XIII"), t02 ("Đẩy mạnh thu hút đầu tư vào KCN Thạnh Lộc và KCN Tắc Cậu") and t06 ("Kinh tế tập thể, hợp
tác xã tiếp tục khẳng định vai trò").
"""

from __future__ import annotations

import pytest

from bot.live import LiveIndex
from bot.telegram import admin_texts
from bot.title_match import title_matcher
from index.terms.lexicon import Lexicon
from tests.support.harness import ADMIN, Harness, button_data, buttons, sent
from tests.support.telegram_html import check_message

SEED = "000_5f5dbc906775ed97.txt"
KCN = "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt"
HTX = "t06_hop-tac-xa.txt"


def _usage_example() -> str:
    """The /xoa line of the usage text, as an admin would copy it."""
    [line] = [line for line in admin_texts.XOA_USAGE.splitlines() if line.startswith("/xoa ")]
    return line


async def test_the_usage_example_finds_its_bulletin_and_removes_it(admin_bot: Harness, live: LiveIndex) -> None:
    example = _usage_example()
    assert example == "/xoa khu công nghiệp Thạnh Lộc"  # the title says "KCN Thạnh Lộc"
    [confirm] = sent(await admin_bot.send(example, user=ADMIN))
    plain = check_message(confirm.params["text"])
    assert plain.startswith("Xóa bản tin này?") and KCN in plain and SEED not in plain and HTX not in plain
    calls = await admin_bot.press(button_data(confirm, admin_texts.REMOVE), on=confirm.result, user=ADMIN)
    assert f"Đã bỏ (1): {KCN}" in check_message(sent(calls)[-1].params["text"])
    assert not (live.corpus[0] / KCN).exists()


@pytest.mark.parametrize(("query", "found"), [
    ("khu cong nghiep thanh loc", KCN),  # no diacritics
    ("Thạnh Lộc khu công nghiệp", KCN),  # another order
    ("kcn tắc cậu", KCN),  # the abbreviation, lower case
    ("HTX", HTX),  # an abbreviation of words in the title
    ("quán triệt NQ TW6", SEED),  # synonyms: "triển khai", "Nghị quyết Trung ương 6"
    ("nghi quyet trung uong 6 khoa XIII", SEED),
])
async def test_title_words_with_diacritics_abbreviations_and_synonyms(admin_bot: Harness, query: str,
                                                                       found: str) -> None:
    [confirm] = sent(await admin_bot.send(f"/xoa {query}", user=ADMIN))
    plain = check_message(confirm.params["text"])
    assert plain.startswith("Xóa bản tin này?") and found in plain
    assert [label for label, _ in buttons(confirm)] == [admin_texts.REMOVE, admin_texts.CANCEL]


async def test_words_the_title_lacks_find_nothing(admin_bot: Harness) -> None:
    for query in ("khu công nghiệp Hòn Chông", "giá vàng", "Tỉnh ủy"):  # TU (Tỉnh ủy) is not "tư" (đầu tư)
        [none] = sent(await admin_bot.send(f"/xoa {query}", user=ADMIN))
        assert check_message(none.params["text"]).startswith("Không tìm thấy bản tin nào khớp với")


def test_every_word_must_be_there(lexicon: Lexicon) -> None:
    title = "Đẩy mạnh thu hút đầu tư vào KCN Thạnh Lộc và KCN Tắc Cậu"
    assert title_matcher("khu công nghiệp Thạnh Lộc", lexicon)(title)
    assert not title_matcher("khu công nghiệp Thạnh Trị", lexicon)(title)
    assert not title_matcher("", lexicon)(title) and not title_matcher("…", lexicon)(title)
    assert not title_matcher("Tỉnh ủy", lexicon)("Đầu tư công")  # "tư" is a word here, not "TU"
