"""Issue 10, items 1, 4, 8 and 12 (first half): one bad file — a bulletin or the saved index — never
takes the library, a build or the command line down.

Everything goes through the real parser, build, save and load; corrupted indexes are real zips with
one member changed.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from bot.cli import main
from index.bulletins.corpus import read_corpus
from index.bulletins.parse import parse_bulletin
from index.errors import BulletinError, IndexFormatError
from index.store.build import build_index
from index.store.format import load_index, save_index
from index.store.snapshot import Index
from index.terms.lexicon import Lexicon
from tests.support.paths import SEED_DIR, SEED_FILE

BODY = "Tỉnh khởi công tuyến đê biển thử nghiệm dài 12 km tại huyện An Biên với tổng vốn 480 tỷ đồng."


def front_matter(date: str, title: str = "Khởi công tuyến đê biển thử nghiệm An Biên") -> str:
    return f'+++\ntitle = "{title}"\nurl = "https://tin.example.test/de-bien"\ndate = {date}\n+++\n\n{BODY}\n'


# A front matter nested deeper than tomllib's recursion allows: RecursionError, not a TOMLDecodeError.
DEEP_TOML = '+++\ntitle = "Bản tin lồng sâu"\nurl = "https://tin.example.test/sau"\nx = ' + "[" * 3000 + "]" * 3000 + \
    f"\n+++\n\n{BODY}\n"


def seed_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_DIR / SEED_FILE, folder)
    return folder


# Item 1: one kind of date, whatever the front matter says.

OFFSET_DATES = ["2024-12-10T09:15:00+07:00", "2024-12-10T02:15:00Z", '"2024-12-10T02:15:00+00:00"']


@pytest.mark.parametrize("written", OFFSET_DATES)
def test_dates_with_an_offset_become_naive_vietnam_local_time(written: str) -> None:
    bulletin = parse_bulletin("de-bien.txt", front_matter(written).encode())
    assert bulletin.published == datetime(2024, 12, 10, 9, 15) and bulletin.published.tzinfo is None


@pytest.mark.parametrize("written", ["12", '"12"', "true", "09:15:00", "9999-12-31T23:00:00-05:00"])
def test_a_front_matter_date_that_is_not_a_date_is_rejected_naming_the_file(written: str) -> None:
    with pytest.raises(BulletinError, match=r"^so-muoi-hai\.txt: front matter key 'date': ") as caught:
        parse_bulletin("so-muoi-hai.txt", front_matter(written).encode())
    assert caught.value.code == "bad_front_matter" and "date" in caught.value.reason


def test_an_index_mixing_offset_and_plain_dates_sorts_and_survives_a_round_trip(
    lexicon: Lexicon, tmp_path: Path
) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    (corpus / "de-bien.txt").write_text(front_matter("2024-12-10T09:15:00+07:00"), encoding="utf-8")
    (corpus / "de-bien-2.txt").write_text(front_matter("2024-12-11T00:15:00Z", "Đê biển An Biên giai đoạn hai"),
                                          encoding="utf-8")
    (corpus / "so-muoi-hai.txt").write_text(front_matter("12", "Ngày là con số"), encoding="utf-8")
    index, report = build_index([corpus], lexicon)
    assert [(r.file, r.code) for r in report.failed] == [("so-muoi-hai.txt", "bad_front_matter")]
    assert index.newest == datetime(2024, 12, 11, 7, 15)  # TypeError when one date was aware
    save_index(index, tmp_path / "index.zip")
    loaded = load_index(tmp_path / "index.zip")
    dates = sorted(b.published for b in loaded.bulletins if b.published)
    assert all(d.tzinfo is None for d in dates) and dates[-2:] == [datetime(2024, 12, 10, 9, 15), index.newest]


# Item 4: any malformed index content is an IndexFormatError naming the file.

def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def _edit_json(change: Callable[[object], object]) -> Callable[[bytes], bytes]:
    return lambda data: json.dumps(change(json.loads(data))).encode()


def _records(change: Callable[[dict], dict]) -> Callable[[bytes], bytes]:
    return _edit_json(lambda rows: [change(dict(row)) for row in rows])  # type: ignore[attr-defined]


def _params(change: Callable[[dict], dict]) -> Callable[[bytes], bytes]:
    return _edit_json(lambda params: change(dict(params)))  # type: ignore[call-overload]


DEEP_JSON = b"[" * 5000 + b"]" * 5000
CORRUPTIONS: dict[str, tuple[str, Callable[[bytes], bytes], str]] = {
    "params not an object": ("params.json", lambda _: b"[]", "not an nqbot index"),
    "params deeply nested": ("params.json", lambda _: DEEP_JSON, "params.json is nested too deeply"),
    "params key deeply nested": ("params.json", lambda data: data.rstrip()[:-1] + b', "x": ' + DEEP_JSON + b"}",
                                 "params.json is nested too deeply"),
    "bulletins deeply nested": ("bulletins.json", lambda _: DEEP_JSON, "bulletins.json is nested too deeply"),
    "counts of the wrong type": ("params.json", _params(lambda p: {**p, "counts": "11"}), "counts is str"),
    "targets section a list": ("params.json", _params(lambda p: {**p, "targets": []}), "targets is list"),
    "aware published date": ("bulletins.json", _records(lambda r: {**r, "published": "2024-12-10T09:15:00+07:00"}),
                             "published is '2024-12-10T09:15:00+07:00', not a date without UTC offset"),
    "number as published date": ("bulletins.json", _records(lambda r: {**r, "published": 12}), "published is int"),
    "aware build time": ("params.json", _params(lambda p: {**p, "built_at": "2024-12-10T09:15:00Z"}), "built_at"),
    "bulletins an object": ("bulletins.json", lambda _: b'{"file": "x"}', "bulletins.json is not a list"),
    "paragraph counts disagree": ("bulletins.json", _records(lambda r: {**r, "count": r["count"] + 1}),
                                  "do not follow"),
    "stops not counts": ("bulletins.json", _records(lambda r: {**r, "stops": {"và": "nhiều"}}), "stops"),
    "facilities not names": ("bulletins.json", _records(lambda r: {**r, "facilities": {"kcn": [1]}}), "facilities"),
    "facilities a list": ("bulletins.json", _records(lambda r: {**r, "facilities": ["kcn"]}), "facilities is list"),
    "fewer paragraphs": ("paragraphs.txt", lambda data: data.rsplit(b"\n", 1)[0], "disagree on the paragraphs"),
    "paragraph owner out of range": ("para_bulletin.npy", lambda data: _npy(np.full(11, 99, dtype=np.int32)),
                                     "para_bulletin.npy"),
    "posting out of range": ("accented/docs.npy",
                             lambda data: _npy(np.full((len(data) - 128) // 4, 10**6, dtype=np.int32)),
                             "accented: a posting names a document out of range"),
    "array shape larger than its bytes": ("fold_of.npy", lambda data: data.replace(b"(", b"(99999999", 1),
                                          "fold_of.npy: int32 array of shape (99999999"),
    "array of floats": ("fold_of.npy", lambda data: _npy(np.zeros(4)), "fold_of.npy: float64"),
    "targets not rows": ("targets.json", lambda _: b'{"a": 1}', "malformed target row"),
    "target in no bulletin": ("targets.json", _edit_json(lambda rows: [{**r, "file": "x.txt"} for r in rows]),  # type: ignore[attr-defined]
                              "targets.json names a paragraph no bulletin has"),
}


def _corrupt(source: Path, target: Path, member: str, change: Callable[[bytes], bytes],
             compress: int | None = None) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            changed = info.filename == member
            method = compress if changed and compress is not None else info.compress_type
            new.writestr(info.filename, change(data) if changed else data, compress_type=method)
    return target


@pytest.fixture(scope="module")
def saved_eval(tmp_path_factory: pytest.TempPathFactory, eval_index: Index) -> Path:
    path = tmp_path_factory.mktemp("saved") / "index.zip"
    save_index(eval_index, path)
    return path


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_malformed_index_content_is_an_index_format_error_naming_the_file(
    case: str, saved_eval: Path, tmp_path: Path
) -> None:
    member, change, problem = CORRUPTIONS[case]
    path = _corrupt(saved_eval, tmp_path / "index.zip", member, change)
    with pytest.raises(IndexFormatError) as caught:
        load_index(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message and "\n" not in message


def test_a_deeply_nested_member_stored_uncompressed_is_refused_too(saved_eval: Path, tmp_path: Path) -> None:
    deep = b"[" * 200_000 + b"]" * 200_000
    path = _corrupt(saved_eval, tmp_path / "index.zip", "bulletins.json", lambda _: deep, zipfile.ZIP_STORED)
    with pytest.raises(IndexFormatError, match="bulletins.json is nested too deeply"):
        load_index(path)


def test_member_sizes_are_bounded_before_anything_is_read(saved_eval: Path, tmp_path: Path) -> None:
    # 64 MB of spaces deflate to about 64 KB: valid JSON once inflated, refused from the sizes the zip declares.
    bomb = b"[" + b" " * (64 << 20) + b"]"
    path = _corrupt(saved_eval, tmp_path / "index.zip", "targets.json", lambda _: bomb, zipfile.ZIP_DEFLATED)
    with pytest.raises(IndexFormatError, match=r"targets\.json claims 67108866 bytes from \d+ stored"):
        load_index(path)


def test_a_good_index_still_loads_whole(saved_eval: Path, eval_index: Index) -> None:
    loaded = load_index(saved_eval)
    assert loaded.bulletins == eval_index.bulletins and loaded.targets == eval_index.targets


# Item 8: one bad file never fails a build, a check or the command line.

def test_deeply_nested_front_matter_is_that_files_failure(lexicon: Lexicon, tmp_path: Path) -> None:
    with pytest.raises(BulletinError, match=r"^sau\.txt: front matter is nested too deeply$"):
        parse_bulletin("sau.txt", DEEP_TOML.encode())
    corpus = seed_corpus(tmp_path / "corpus")
    (corpus / "sau.txt").write_text(DEEP_TOML, encoding="utf-8")
    index, report = build_index([corpus], lexicon)
    assert [b.file for b in index.bulletins] == [SEED_FILE]
    assert [(r.file, r.reason, r.code) for r in report.failed] == [
        ("sau.txt", "front matter is nested too deeply", "bad_front_matter")]


def test_nqbot_index_and_check_report_the_nested_file_and_index_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    (corpus / "sau.txt").write_text(DEEP_TOML, encoding="utf-8")
    args = ["--corpus", str(corpus), "--index", str(tmp_path / "index.zip")]
    assert main(["index", "--check", *args]) == 1
    assert "FAILED  sau.txt: front matter is nested too deeply\n1 bulletin usable, 1 failed" in capsys.readouterr().out
    assert main(["index", *args]) == 1
    out = capsys.readouterr().out
    assert "failed    sau.txt: front matter is nested too deeply" in out and f"added     {SEED_FILE}" in out
    assert [b.file for b in load_index(tmp_path / "index.zip").bulletins] == [SEED_FILE]


def test_any_exception_while_reading_one_file_is_that_files_failure(
    lexicon: Lexicon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = seed_corpus(tmp_path / "corpus")
    (corpus / "la.txt").write_text(front_matter("2024-12-10"), encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "la.txt":
            raise MemoryError("a file larger than memory")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    index, report = build_index([corpus], lexicon)
    bulletins, errors = read_corpus([corpus])
    assert [b.file for b in index.bulletins] == [b.file for b in bulletins] == [SEED_FILE]
    expected = "cannot read (MemoryError: a file larger than memory)"
    assert [(r.file, r.reason) for r in report.failed] == [(e.file, e.reason) for e in errors] == [("la.txt", expected)]


def test_an_unforeseen_parser_error_is_that_files_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str, text: str) -> object:
        raise IndexError("list index out of range " + "x" * 500)

    monkeypatch.setattr("index.bulletins.parse._draft", broken)
    with pytest.raises(BulletinError) as caught:
        parse_bulletin("la.txt", front_matter("2024-12-10").encode())
    assert caught.value.file == "la.txt"
    assert caught.value.reason.startswith("cannot be read as a bulletin (IndexError: list index out of range xxx")
    assert len(caught.value.reason) < 250  # a reason fits a report line, whatever the exception says


# Item 12 (first half): a corrupt index at start is one line naming the file, never a traceback.

def test_nqbot_ask_on_a_corrupt_index_is_one_line_naming_the_file(
    saved_eval: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _corrupt(saved_eval, tmp_path / "index.zip", "params.json", lambda _: DEEP_JSON)
    assert main(["ask", "--index", str(path), "--corpus", str(SEED_DIR), "GRDP năm 2030?"]) == 1
    err = capsys.readouterr().err
    assert err == f"nqbot: error: {path}: malformed index (params.json is nested too deeply); " \
                  "rebuild it with `nqbot index`\n"
