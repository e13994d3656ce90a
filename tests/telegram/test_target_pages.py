"""/chitieu's pages across reindexes, its cache, and the keywords kept behind its buttons."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from bot.live import LiveIndex
from bot.telegram import texts
from bot.telegram.target_pages import (
    SavedKeywords,
    TargetButton,
    TargetCatalog,
    index_stamp,
)
from index.engine import Engine, open_engine
from tests.support.harness import (
    button_data,
    buttons,
    live_copy,
    running,
    sent,
    settings,
)
from tests.support.sample_bulletins import SEED
from tests.support.telegram_html import check_message, parse

TESTS = SEED.parent / "tests" / "data" / "corpus"
TOURISM = "t03_du-lich-phu-quoc-ha-tien.txt"


@pytest.fixture(scope="module")
def targets_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and the test bulletins in one folder, indexed once; each test works on a copy."""
    folder = tmp_path_factory.mktemp("targets-site")
    shutil.copytree(SEED, folder / "corpus")
    for path in TESTS.iterdir():
        shutil.copy(path, folder / "corpus")
    open_engine(folder / "index.zip", [folder / "corpus"])
    return folder


@pytest.fixture
def site_live(targets_site: Path, tmp_path: Path) -> LiveIndex:
    return live_copy(targets_site, tmp_path / "site")


async def test_a_reindex_that_changed_the_bulletins_shows_page_1_of_the_new_list(site_live: LiveIndex) -> None:
    async with running(site_live.engine, settings(), site_live) as bot:
        [first] = sent(await bot.send("/chitieu"))
        site_live.reindex()  # nothing changed: the buttons keep working as they were
        [second, ack] = await bot.press(button_data(first, texts.NEXT), on=first.result)
        assert "Trang 2/" in check_message(second.params["text"]) and "text" not in ack.params
        (site_live.corpus[0] / TOURISM).unlink()
        site_live.reindex()
        [shown, toast] = await bot.press(button_data(second, texts.NEXT), on=second.result)
    count = len(site_live.engine.index.targets)
    assert f"{count} chỉ tiêu · Trang 1/" in check_message(shown.params["text"])
    assert toast.params["text"] == texts.TARGETS_UPDATED
    assert TargetButton.decode(button_data(shown, texts.NEXT).partition("|")[2]).stamp == index_stamp(
        site_live.engine.index)


async def test_keywords_that_no_longer_match_after_a_reindex_say_so(site_live: LiveIndex) -> None:
    stamp = index_stamp(site_live.engine.index)
    async with running(site_live.engine, settings(), site_live) as bot:
        [reply] = sent(await bot.send("/chitieu luot khach"))
        assert "8,6 triệu lượt khách" in check_message(reply.params["text"])
        token = bot.app.bot_data.target_keywords.save("luot khach")  # the token the reply's buttons would carry
        (site_live.corpus[0] / TOURISM).unlink()
        site_live.reindex()
        old = TargetButton(0, stamp, token)  # the stamp of the index before the reindex
        [edit, toast] = await bot.press(f"tgt|{old.encode()}", on=reply.result)
    assert parse(edit.params["text"]) == parse(texts.TARGETS_NO_MATCH.format(query="luot khach"))
    assert buttons(edit) == [] and toast.params["text"] == texts.TARGETS_UPDATED


def test_the_catalog_renders_once_per_index_and_keywords(eval_engine: Engine) -> None:
    catalog = TargetCatalog()
    index, lexicon = eval_engine.index, eval_engine.lexicon
    first = catalog.pages(index, lexicon, "đô thị hóa")
    assert catalog.pages(index, lexicon, "đô thị hóa").texts is first.texts
    assert catalog.pages(index, lexicon, "giá vàng").texts == ()
    same_bulletins = dataclasses.replace(index)  # what a reindex without changes serves
    again = catalog.pages(same_bulletins, lexicon, "đô thị hóa")
    assert again.texts is not first.texts and again == first
    fewer = dataclasses.replace(index, bulletins=index.bulletins[1:])
    assert index_stamp(fewer) != first.stamp


def test_buttons_round_trip_and_refuse_garbage() -> None:
    button = TargetButton(12, "Wlcg7o", "abc-_123")
    assert TargetButton.decode(button.encode()) == button
    assert TargetButton.decode("0|Wlcg7o|") == TargetButton(0, "Wlcg7o")
    for garbage in ("", "1", "x|y|z", "1|stamp with space|", "-1|abc|", "1|a|b|c", "1|" + "a" * 17 + "|"):
        assert TargetButton.decode(garbage) is None, garbage


def test_saved_keywords_expire_unused_and_are_bounded() -> None:
    now = [0.0]
    saved = SavedKeywords(ttl=100.0, limit=3, clock=lambda: now[0])
    token = saved.save("đô thị hóa")
    assert token == saved.save("đô thị hóa") and len(token) == 8 and token.isascii()
    now[0] = 90.0
    assert saved.get(token) == "đô thị hóa"  # used: another 100 s
    now[0] = 180.0
    assert saved.get(token) == "đô thị hóa"
    now[0] = 281.0
    assert saved.get(token) is None and len(saved) == 0
    tokens = [saved.save(f"từ khóa {n}") for n in range(4)]
    assert len(saved) == 3 and saved.get(tokens[0]) is None and saved.get(tokens[3]) == "từ khóa 3"


async def test_a_listing_on_an_index_without_targets_says_so(eval_engine: Engine) -> None:
    empty = Engine(dataclasses.replace(eval_engine.index, targets=()), eval_engine.lexicon)
    async with running(empty, settings()) as bot:
        [reply] = sent(await bot.send("/chitieu"))
    assert check_message(reply.params["text"]) == "Chưa có chỉ tiêu nào trong các bản tin hiện có."
    assert buttons(reply) == []
