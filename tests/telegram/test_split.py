"""The HTML splitter, graded by the independent Telegram HTML checker."""

from __future__ import annotations

import html
import random
import re

import pytest

from bot.telegram.split import MAX_MESSAGE, split_html, utf16_len, visible_len
from tests.support.telegram_html import parse

FAMILY = "👨\u200d👩\u200d👧"  # one emoji, five code points, eight UTF-16 units


def _flat(text: str) -> str:
    """Plain text with whitespace runs made single, to compare content across cuts."""
    return " ".join(text.split())


def _parts_ok(parts: list[str], limit: int = MAX_MESSAGE) -> list[str]:
    plains = [parse(p) for p in parts]
    for plain in plains:
        assert plain.strip(), "blank part"
        assert utf16_len(plain) <= limit, (utf16_len(plain), limit)
    return plains


def test_short_message_is_left_alone() -> None:
    text = "<b>GRDP</b> &amp; đô thị hóa 😀"
    assert split_html(text) == [text]
    assert visible_len(text) == utf16_len("GRDP & đô thị hóa 😀")


def test_length_is_counted_in_utf16_units_as_telegram_does() -> None:
    text = "😀" * 3000  # 3000 code points, but 6000 UTF-16 units: over the limit
    parts = split_html(text)
    assert len(parts) == 2
    assert [utf16_len(p) for p in parts] == [4096, 1904]
    assert "".join(parts) == text


def test_cuts_fall_at_line_ends_when_lines_allow() -> None:
    lines = [f"Dòng {n}: " + "chữ " * 20 for n in range(200)]
    text = "\n".join(lines)
    parts = split_html(text)
    plains = _parts_ok(parts)
    assert len(parts) > 1
    for plain in plains:
        assert all(line.strip() in {each.strip() for each in lines} for line in plain.split("\n"))
    assert _flat(" ".join(plains)) == _flat(text)


def test_a_long_line_is_cut_between_words() -> None:
    words = [f"từ{n}" for n in range(3000)]
    parts = split_html(" ".join(words))
    plains = _parts_ok(parts)
    assert [w for p in plains for w in p.split()] == words


def test_a_word_longer_than_a_message_is_cut_between_characters_not_inside_emoji() -> None:
    text = FAMILY * 1000  # no space anywhere; each family is 8 units
    parts = split_html(text)
    plains = _parts_ok(parts)
    assert all(p == FAMILY * (len(p) // len(FAMILY)) for p in plains)
    assert "".join(plains) == text


def test_open_tags_are_closed_and_reopened_across_a_cut() -> None:
    quote = " ".join(f"câu {n} &lt;x&gt; &amp; 🐟" for n in range(900))
    text = f'<b>Tiêu đề</b>\n<blockquote>{quote}</blockquote>\n<a href="https://x.test/?a=1&amp;b=2">nguồn</a>'
    parts = split_html(text)
    _parts_ok(parts)
    assert len(parts) >= 2
    assert all("<blockquote>" in p for p in parts[:-1])
    assert parts[-1].endswith('<a href="https://x.test/?a=1&amp;b=2">nguồn</a>')
    assert _flat(" ".join(parse(p) for p in parts)) == _flat(parse(text))


def test_entities_are_never_cut() -> None:
    text = "&amp;&lt;&gt;&quot;" * 2000  # 8000 visible characters, no spaces
    parts = split_html(text)
    _parts_ok(parts)
    assert "".join(html.unescape(p) for p in parts) == html.unescape(text)


def test_no_blank_part_comes_out_of_blank_lines_at_a_cut() -> None:
    text = ("x" * 4000 + "\n\n\n\n") * 3
    parts = split_html(text)
    assert [parse(p).strip() for p in parts] == ["x" * 4000] * 3


@pytest.mark.parametrize("seed", range(30))
def test_random_markup_always_splits_into_valid_messages(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["chào", "GRDP", "4.520", "😀", FAMILY, "🇻🇳", "e\u0301", "&amp;", "&lt;", "&#128512;", " ", " ", "\n"]
    chunks = []
    for _ in range(rng.randint(50, 1500)):
        word = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        tag = rng.choice(["b", "i", "blockquote", None, None, None])
        chunks.append(f"<{tag}>{word}</{tag}>" if tag else word)
    text = " ".join(chunks)
    limit = rng.choice([50, 200, MAX_MESSAGE])
    parts = split_html(text, limit)
    plains = _parts_ok(parts, limit)
    # cuts may fall inside a word (limit 50), so compare everything but whitespace
    assert "".join("".join(plains).split()) == "".join(parse(text).split())
    for part in parts:
        assert not re.search(r"&[#a-zA-Z0-9]*$", re.sub(r"<[^>]*>$", "", part)), "an entity was cut"
