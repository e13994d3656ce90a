"""Bulletins and question sets the tests use: the real corpus, one generated long bulletin, and an engine
over bulletins a test writes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from index.answer.model import Answer
from index.engine import Engine, open_engine
from tests.support.paths import ROOT

SEED = ROOT / "corpus"


def questions(kind: str | None = None) -> list[dict[str, Any]]:
    """The project's question sets (development and holdout), optionally of one kind."""
    rows = []
    for name in ("questions.jsonl", "holdout.jsonl"):
        with (ROOT / "tests" / "data" / name).open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if kind is None or r["kind"] == kind]


def engine_over(folder: Path, bulletins: dict[str, str]) -> Engine:
    """An engine over test bulletins (file name -> text) written into `folder`; its index beside the folder."""
    for name, text in bulletins.items():
        (folder / name).write_text(text, encoding="utf-8")
    engine, _ = open_engine(folder.parent / f"{folder.name}.zip", [folder])
    return engine


def quote_of(answer: Answer) -> str:
    """The quoted sentence of an answer that must have one (the assertion says why it has none)."""
    assert answer.best is not None, (answer.question, answer.reason, answer.unknown)
    return answer.best.quote


LONG_TITLE = "Bản tin thử nghiệm dài: <b>biển đảo</b> & san hô"
LONG_URL = "https://tin.example.test/bien-dao/ban-tin-dai?a=1&b=2"
REEF_QUESTION = "Rạn san hô Hòn Sơn rộng bao nhiêu héc-ta?"  # a short sentence in a 6,700-character paragraph
DOLPHIN_QUESTION = "Đàn cá heo Mũi Dinh bơi gần bờ vào mùa nào?"  # a single 6,000-character sentence


def write_long_bulletin(folder: Path) -> Path:
    """A test-only bulletin whose paragraph and sentence exceed a Telegram message, with markup characters."""
    filler = [f"Đoạn thử nghiệm số {n} nói về bảo tồn biển đảo <vùng {n}> & du lịch cộng đồng 🐟 👨‍👩‍👧 tại xã đảo."
              for n in range(70)]
    filler.insert(35, "Rạn san hô Hòn Sơn rộng 1.250 héc-ta.")
    clauses = [f"nhóm tình nguyện {n} dọn rác ven biển 🌊 cùng ngư dân <địa phương> & học sinh" for n in range(80)]
    clauses[20] = "nhóm tình nguyện 20 ghi nhận đàn cá heo Mũi Dinh bơi gần bờ 🐬 trong mùa gió chướng"
    paragraphs = [LONG_TITLE, "Ngày 5/6/2024", "Hội thảo về san hô Hòn Sơn có 120 đại biểu tham dự.",
                  " ".join(filler), "Theo báo cáo, " + " ".join(clauses), f"Nguồn: {LONG_URL}"]
    path = folder / "z01_ban-tin-dai.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


# A fictional bulletin admins add in the tests (layout b: URL, title, date line, then paragraphs).
PORT_URL = "https://tin.example.test/kinh-te/khoi-cong-cang-bien-hon-chong"
PORT_TITLE = "Khởi công cảng biển nước sâu thử nghiệm Hòn Chông"
PORT_BULLETIN = f"""{PORT_URL}
{PORT_TITLE}
Thứ Ba, 05/09/2023 08:30

Sáng 5/9, tỉnh khởi công cảng biển nước sâu thử nghiệm Hòn Chông tại huyện Kiên Lương với tổng vốn 2.700 tỷ đồng. Dự án do một liên danh doanh nghiệp trong nước làm chủ đầu tư.

Cảng biển Hòn Chông dự kiến đón tàu trọng tải 50.000 tấn từ năm 2026.

Quốc Bảo
"""
PORT_QUESTION = "Cảng biển nước sâu Hòn Chông có tổng vốn bao nhiêu?"
PORT_FACT = "2.700 tỷ đồng"
# The same bulletin restated in TOML front matter, as an admin writes one copied from elsewhere.
PORT_FRONT_MATTER = f'''+++
title = "{PORT_TITLE}"
url = "{PORT_URL}"
date = 2023-09-05T08:30:00
+++

Sáng 5/9, tỉnh khởi công cảng biển nước sâu thử nghiệm Hòn Chông tại huyện Kiên Lương với tổng vốn 2.700 tỷ đồng.
'''
