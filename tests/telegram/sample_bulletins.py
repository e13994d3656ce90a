"""Bulletins and question sets the tests use: the real corpus, and one generated long bulletin."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus"


def questions(kind: str | None = None) -> list[dict[str, Any]]:
    """The project's question sets (development and holdout), optionally of one kind."""
    rows = []
    for name in ("questions.jsonl", "holdout.jsonl"):
        with (ROOT / "tests" / "data" / name).open(encoding="utf-8") as handle:
            rows += [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if kind is None or r["kind"] == kind]


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
