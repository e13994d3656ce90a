"""index/terms/segment.py runs pyvi's model without scikit-learn: its output must be pyvi's, character for
character, on real text (every paragraph of the shipped and test bulletins, every test question) and on the
syllabler's corner cases. Real pyvi is imported here as the reference."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from index.errors import SegmenterError
from index.terms import segment
from tests.support.paths import ROOT

FOLDERS = [ROOT / "corpus", ROOT / "tests" / "data" / "corpus", ROOT / "tests" / "data" / "blind" / "corpus"]
QUESTION_FILES = [*(ROOT / "tests" / "data").glob("*.jsonl"), *(ROOT / "tests" / "data" / "blind").glob("*.jsonl")]
CORNERS = [
    "", " ", "...", "?!", "\n", "Tp. Rạch Giá và TP. Hà Tiên", "Mr. Nam, ThS. Lan, Dr. Hùng",
    "==> kết quả -> tốt >> hơn", "email a.b+c@so-kh.kiengiang.gov.vn hoặc https://tin.example.test/a?b=1",
    "4.520 USD, 50-55%, 1.200,5 tỷ đồng, 1289/QĐ-TTg, ngày 9-10-2022", "KIÊN GIANG CÓ 5 KHU CÔNG NGHIỆP",
    "ko bt j về khu cn k ạ 😊", "Hội nghị Trung ương 6 khóa XIII", "\u200bGRDP\u00a0bình quân", "đầu_người",
]


def _texts() -> list[str]:
    texts = list(CORNERS)
    for folder in FOLDERS:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".md"):
                texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for path in QUESTION_FILES:
        texts += [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def test_segmentation_is_pyvis_on_every_test_text() -> None:
    from pyvi import ViTokenizer

    texts = _texts()
    assert len(texts) > 1500  # the folders and question files above are all read
    differ = [t for t in texts if segment.tokenize(t) != ViTokenizer.tokenize(t)]
    assert differ == []


def test_compound_words_come_out_of_the_model() -> None:
    assert segment.tokenize("Khu công nghiệp Thạnh Lộc ở Kiên Giang") == "Khu công_nghiệp Thạnh_Lộc ở Kiên_Giang"


def test_an_unreadable_model_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "pyvi3.pkl"
    broken.write_bytes(b"\x80\x02not a pickle")
    with pytest.raises(SegmenterError, match="pyvi3.pkl: cannot read"):
        segment._crfsuite_model(broken)
    other = tmp_path / "other.pkl"
    other.write_bytes(pickle.dumps({"modelfile": "no model here"}, protocol=2))
    with pytest.raises(SegmenterError, match="other.pkl: no CRFsuite model"):
        segment._crfsuite_model(other)
    with pytest.raises(SegmenterError, match="missing.pkl: cannot read"):
        segment._crfsuite_model(tmp_path / "missing.pkl")
    monkeypatch.setattr(segment, "_models", lambda: tmp_path)  # a pyvi without its dictionary
    with pytest.raises(SegmenterError, match="words.txt: cannot read pyvi's dictionary"):
        segment._ngrams.__wrapped__()


def test_each_thread_gets_its_own_tagger() -> None:
    import threading

    taggers: list[object] = [segment._tagger()]
    worker = threading.Thread(target=lambda: taggers.append(segment._tagger()))
    worker.start()
    worker.join()
    assert segment._tagger() is taggers[0] and taggers[1] is not taggers[0]
