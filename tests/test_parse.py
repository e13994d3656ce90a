"""The bulletin parser on every layout it must read, and on files it must refuse."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from index.bulletins.corpus import read_corpus
from index.bulletins.parse import parse_bulletin
from index.errors import BulletinError
from tests.support.paths import SEED_DIR, SEED_FILE, TEST_CORPUS


def parse_file(folder: Path, name: str):  # type: ignore[no-untyped-def]
    return parse_bulletin(name, (folder / name).read_bytes())


def texts(bulletin) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in bulletin.paragraphs]


def test_seed_layout_metadata_and_body() -> None:
    b = parse_file(SEED_DIR, SEED_FILE)
    assert b.title == "Triển khai chương trình hành động thực hiện Nghị quyết Trung ương 6 khóa XIII (st)"
    assert b.published == datetime(2023, 3, 13, 8, 38)
    assert b.url is not None and b.url.startswith("https://kiengiang.gov.vn/trang/TinTuc/17/33654/")
    assert b.credit == "Thùy Trang (theo kiengiang.gov.vn)"
    assert b.site == "Liên minh hợp tác xã Kiên Giang"
    assert len(b.paragraphs) == 11
    assert texts(b)[0].startswith("Sáng 9-3, Ban Thường vụ Tỉnh ủy")
    assert texts(b)[-1].startswith("Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy")
    assert b.captions == (
        "Toàn cảnh hội nghị triển khai chương trình hành động thực hiện Nghị quyết Trung ương 6 khóa XIII "
        "do Ban Thường vụ Tỉnh ủy tổ chức, ngày 9-3.",
    )


def test_seed_page_chrome_and_trailer_never_become_paragraphs() -> None:
    body = "\n".join(texts(parse_file(SEED_DIR, SEED_FILE)))
    for chrome in ("Xem với cỡ chữ", "Điểm tin", "https://", "Thùy Trang", "(08:38 | 13/03/2023)"):
        assert chrome not in body
    assert all(p.text.strip() and "\u00a0" != p.text for p in parse_file(SEED_DIR, SEED_FILE).paragraphs)


def test_seed_paragraphs_are_verbatim_substrings_of_the_file() -> None:
    raw = unicodedata.normalize("NFC", (SEED_DIR / SEED_FILE).read_text(encoding="utf-8"))
    for text in texts(parse_file(SEED_DIR, SEED_FILE)):
        assert text in raw


@pytest.mark.parametrize(
    ("name", "published", "url_end"),
    [
        ("t02_khu-cong-nghiep-thanh-loc-tac-cau.txt", datetime(2023, 7, 18, 14, 30), "kcn-thanh-loc-tac-cau"),
        ("t03_du-lich-phu-quoc-ha-tien.txt", datetime(2023, 4, 20), "8-6-trieu-luot-khach-2023"),
        ("t04_quy-hoach-giao-thong-duong-bo.txt", datetime(2023, 6, 3), "giao-thong-duong-bo-kien-giang"),
        ("t05_kinh-te-so.txt", datetime(2023, 5, 12, 8, 5), "chiem-20-phan-tram-grdp-2030"),
        ("t06_hop-tac-xa.txt", datetime(2023, 7, 13, 16, 45), "luat-hop-tac-xa-2023"),
        ("t07_hdnd-chi-tieu-2025.txt", datetime(2024, 12, 10, 9, 15), "chi-tieu-kt-xh-2025"),
        ("t08_nong-thon-moi.md", datetime(2023, 9, 28), "dat-chuan-nong-thon-moi-nang-cao"),
    ],
)
def test_other_layouts_give_date_and_url(name: str, published: datetime, url_end: str) -> None:
    b = parse_file(TEST_CORPUS, name)
    assert b.published == published
    assert b.url is not None and b.url.endswith(url_end)
    assert not any(p.text.startswith(("http", "Nguồn:", "#", "- ")) for p in b.paragraphs)


def test_url_first_layout_takes_the_next_line_as_title() -> None:
    b = parse_file(TEST_CORPUS, "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt")
    assert b.title == "Đẩy mạnh thu hút đầu tư vào KCN Thạnh Lộc và KCN Tắc Cậu"
    assert b.credit == "Quốc Bảo"


def test_crlf_bom_and_nfd_files_come_out_as_clean_nfc() -> None:
    for name in ("t04_quy-hoach-giao-thong-duong-bo.txt", "t05_kinh-te-so.txt", "t06_hop-tac-xa.txt"):
        raw = (TEST_CORPUS / name).read_bytes()
        b = parse_bulletin(name, raw)
        for text in [b.title, *texts(b)]:
            assert "\r" not in text and "\ufeff" not in text
            assert text == unicodedata.normalize("NFC", text)
    assert (TEST_CORPUS / "t05_kinh-te-so.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in (TEST_CORPUS / "t04_quy-hoach-giao-thong-duong-bo.txt").read_bytes()


def test_front_matter_states_metadata() -> None:
    b = parse_file(TEST_CORPUS, "t07_hdnd-chi-tieu-2025.txt")
    assert b.title == "HĐND tỉnh Kiên Giang thông qua 22 chỉ tiêu phát triển KT-XH năm 2025"
    assert b.url == "https://tin.example.test/chinh-quyen/hdnd-tinh-thong-qua-chi-tieu-kt-xh-2025"
    assert "title" not in texts(b)[0] and "+++" not in " ".join(texts(b))


def test_markdown_heading_is_the_title_and_markup_is_dropped() -> None:
    b = parse_file(TEST_CORPUS, "t08_nong-thon-moi.md")
    assert b.title == "Kiên Giang có thêm 12 xã đạt chuẩn nông thôn mới nâng cao"
    assert "Giữ vững các tiêu chí đã đạt, nhất là tiêu chí môi trường và an ninh trật tự." in texts(b)


def test_front_matter_without_a_url_is_accepted() -> None:
    data = '+++\ntitle = "Tin ngắn"\ndate = 2023-05-10\n+++\nMột đoạn văn.\n'.encode()
    b = parse_bulletin("ngan.txt", data)
    assert (b.title, b.url, b.published) == ("Tin ngắn", None, datetime(2023, 5, 10))


def test_hard_wrapped_lines_are_joined_into_one_paragraph() -> None:
    data = "https://x.example.test/a\nTiêu đề\nNgày 20/4/2023\nĐây là một câu\nbị ngắt dòng giữa chừng.\n".encode()
    assert texts(parse_bulletin("wrap.txt", data)) == ["Đây là một câu bị ngắt dòng giữa chừng."]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x00\x01\x02binary", "binary"),
        ("Tiêu đề\nNội dung".encode("utf-16"), "binary"),
        ("Tieu de\nNoi dung \xe9t\xe9".encode("latin-1"), "not_utf8"),
        (b"   \n\n\xc2\xa0\n", "empty"),
        ("Tiêu đề không có liên kết\nMột đoạn văn.\n".encode(), "no_url"),
        ("https://x.example.test/a\nChỉ có tiêu đề\n".encode(), "no_body"),
        ('+++\ntitle = "A"\nauthor = "B"\n+++\nĐoạn.\n'.encode(), "bad_front_matter"),
        ('+++\ntitle = "A"\nĐoạn.\n'.encode(), "bad_front_matter"),
        ('+++\ntitle = "A"\nurl = "ftp://x"\n+++\nĐoạn.\n'.encode(), "bad_front_matter"),
    ],
)
def test_unusable_files_name_the_file_and_the_reason(data: bytes, code: str) -> None:
    with pytest.raises(BulletinError) as caught:
        parse_bulletin("bad.txt", data)
    assert caught.value.code == code
    assert str(caught.value).startswith("bad.txt: ")


def test_bad_front_matter_key_is_named() -> None:
    with pytest.raises(BulletinError, match="author"):
        parse_bulletin("bad.txt", '+++\ntitle = "A"\nauthor = "B"\n+++\nĐoạn.\n'.encode())


def test_bad_files_do_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / SEED_FILE).write_bytes((SEED_DIR / SEED_FILE).read_bytes())
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("x")
    bulletins, errors = read_corpus([tmp_path])
    assert [b.file for b in bulletins] == [SEED_FILE]
    assert [(e.file, e.code) for e in errors] == [("broken.txt", "binary")]
