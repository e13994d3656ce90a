"""Target values keep their whole unit and qualifier (issue 13): "trên 95 triệu đồng/người/năm", "20% GRDP",
in the library, in `nqbot targets` and in /chitieu on the real Application."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from index.engine import open_engine
from index.targets.rules import RULES_VERSION, Target, extract_targets
from tests.support.harness import running, sent, settings
from tests.support.paths import ROOT
from tests.support.telegram_html import check_message

BULLETIN = """https://tin.example.test/kinh-te/muc-tieu-thu-nhap-2030
Tỉnh đặt mục tiêu thu nhập và kinh tế số đến năm 2030
Ngày 12/3/2024

Đến năm 2030, thu nhập bình quân đầu người đạt trên 95 triệu đồng/người/năm.

Mục tiêu đến năm 2030, kinh tế số chiếm 20% GRDP của tỉnh.

Theo kế hoạch, đến năm 2030 kinh tế biển đóng góp khoảng 45% GRDP; tỷ lệ xã đạt chuẩn nông thôn mới đạt 100%.
"""


def _one(text: str) -> Target:
    [found] = extract_targets("t.txt", [text])
    return found


def test_a_rate_keeps_every_part_of_its_unit() -> None:
    t = _one("Đến năm 2030, thu nhập bình quân đầu người đạt trên 95 triệu đồng/người/năm.")
    assert (t.value, t.unit, t.comparator, t.low, t.high) == ("trên 95 triệu đồng/người/năm", "triệu đồng/người/năm",
                                                              ">", 95.0, None)
    assert _one("Đến năm 2025, thu nhập khu vực nông thôn đạt 70 triệu đồng/người/năm.").unit == "triệu đồng/người/năm"
    assert _one("Đến năm 2030, năng suất lao động đạt 156 triệu đồng/lao động.").unit == "triệu đồng/lao động"


def test_a_share_keeps_what_it_is_a_share_of() -> None:
    t = _one("Mục tiêu đến năm 2030, kinh tế số chiếm 20% GRDP của tỉnh.")
    assert (t.indicator, t.value, t.unit, t.low) == ("kinh tế số", "20% GRDP", "%", 20.0)
    sea = _one("Theo kế hoạch, đến năm 2030 kinh tế biển đóng góp khoảng 45% GRDP của tỉnh.")
    assert (sea.indicator, sea.value) == ("kinh tế biển", "khoảng 45% GRDP")  # not "kinh tế biển đóng góp GRDP"
    [first, second] = extract_targets("t.txt", ["UBND tỉnh đặt mục tiêu kinh tế số chiếm 10% GRDP vào năm 2025 "
                                                "và chiếm 20% GRDP vào năm 2030."])
    assert [(t.indicator, t.value, t.year) for t in (first, second)] == [
        ("kinh tế số", "10% GRDP", 2025), ("kinh tế số", "20% GRDP", 2030)]  # GRDP is never the indicator


def test_a_share_of_a_thing_counted_stays_as_it_was() -> None:
    t = _one("Đến năm 2030, phấn đấu 100% xã đạt chuẩn nông thôn mới.")
    assert (t.value, t.indicator) == ("100%", "xã đạt chuẩn nông thôn mới")
    assert _one("Đến năm 2030, tỷ lệ đô thị hóa đạt từ 50-55%.").value == "từ 50-55%"


def test_the_rules_version_moved_so_saved_targets_are_rebuilt() -> None:
    assert RULES_VERSION >= 2


def test_nqbot_targets_shows_the_whole_value(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "muc-tieu.txt").write_text(BULLETIN, encoding="utf-8")
    index = tmp_path / "index.zip"
    done = subprocess.run([sys.executable, "-m", "bot", "targets", "--json", "--corpus", str(corpus), "--index",
                           str(index)], capture_output=True, text=True, cwd=ROOT, timeout=180, encoding="utf-8")
    rows = {r["indicator"]: r["value"] for r in json.loads(done.stdout)}
    assert rows == {"thu nhập bình quân đầu người": "trên 95 triệu đồng/người/năm", "kinh tế số": "20% GRDP",
                    "kinh tế biển": "khoảng 45% GRDP", "tỷ lệ xã đạt chuẩn nông thôn mới": "100%"}


async def test_chitieu_shows_the_whole_value(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "muc-tieu.txt").write_text(BULLETIN, encoding="utf-8")
    engine, _ = open_engine(tmp_path / "index.zip", [corpus])
    async with running(engine, settings()) as bot:
        [page] = sent(await bot.send("/chitieu"))
    plain = check_message(page.params["text"])
    assert "thu nhập bình quân đầu người: trên 95 triệu đồng/người/năm" in plain
    assert "kinh tế số: 20% GRDP" in plain and "kinh tế biển: khoảng 45% GRDP" in plain
