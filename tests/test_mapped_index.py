"""Issue 14, loading that costs what it uses: the saved index is read where it lies (memory-mapped),
paragraph texts are decoded on access, the file stays one open zip replaced by rename; and start-up
(segmentations cached, pyvi's model and the embedder warmed in the background).
"""

from __future__ import annotations

import io
import json
import mmap
import os
import pickle
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from index.errors import IndexFormatError, IndexVersionError
from index.store.format import load_index, save_index
from index.store.mapped import ALIGN, Paragraphs, is_mapped, min_max, release
from index.store.snapshot import FORMAT_VERSION, Index
from index.terms import tokenize

FIELDS = ("accented", "folded", "titles")
ARRAYS = ("indptr", "docs", "tfs", "doc_len", "idf", "denom")
POSTINGS = ("indptr", "docs", "tfs", "doc_len")


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory, eval_index: Index) -> Path:
    path = tmp_path_factory.mktemp("mapped") / "index.zip"
    save_index(eval_index, path)
    return path


def _rewrite(source: Path, target: Path, compress: int | None = None,
             change: dict[str, Callable[[bytes], bytes]] | None = None) -> Path:
    """A copy of the zip, every member deflated (`compress`) or one member's bytes changed."""
    change = change or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            data = change[info.filename](data) if info.filename in change else data
            new.writestr(info.filename, data, compress_type=compress if compress is not None else info.compress_type)
    return target


def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


# Arrays: mapped, read-only, aligned, equal to what was saved and to a load that reads every byte.

def test_loaded_arrays_are_read_only_views_of_the_mapped_file(saved: Path, eval_index: Index) -> None:
    loaded = load_index(saved)
    for name in FIELDS:
        field = getattr(loaded, name)
        for array in POSTINGS:
            values = getattr(field, array)
            assert is_mapped(values) and not values.flags.writeable, (name, array)
            assert values.ctypes.data % ALIGN == 0, (name, array)  # save_index aligns the members
    for values in (loaded.para_bulletin, loaded.fold_of):
        assert is_mapped(values) and not values.flags.writeable


def test_mapped_arrays_equal_the_saved_ones_and_a_cold_load(saved: Path, eval_index: Index, tmp_path: Path) -> None:
    mapped = load_index(saved)
    cold = load_index(_rewrite(saved, tmp_path / "deflated.zip", zipfile.ZIP_DEFLATED))  # read, not mapped
    assert isinstance(cold.paragraphs, Paragraphs) and not isinstance(cold.paragraphs._data, mmap.mmap)
    assert not is_mapped(cold.accented.docs)
    for name in FIELDS:
        for array in ARRAYS:
            ours, built, read = (getattr(getattr(i, name), array) for i in (mapped, eval_index, cold))
            assert ours.dtype == built.dtype == read.dtype, (name, array)
            assert np.array_equal(ours, built) and np.array_equal(ours, read), (name, array)
        assert getattr(mapped, name).terms == getattr(cold, name).terms == getattr(eval_index, name).terms
    assert mapped.paragraphs == cold.paragraphs == eval_index.paragraphs
    assert np.array_equal(mapped.para_bulletin, cold.para_bulletin)
    assert np.array_equal(mapped.fold_of, eval_index.fold_of)


def test_a_saved_index_round_trips_member_for_member(saved: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.zip"
    save_index(load_index(saved), again)  # a loaded (mapped) index saves the same content
    with zipfile.ZipFile(saved) as first, zipfile.ZipFile(again) as second:
        assert first.testzip() is None and second.testzip() is None  # a plain zip: the padding is an extra field
        assert first.namelist() == second.namelist()
        for info in first.infolist():
            assert first.read(info) == second.read(info.filename), info.filename
            if info.filename.endswith((".npy", "paragraphs.txt")):
                assert info.compress_type == zipfile.ZIP_STORED
        params = json.loads(first.read("params.json"))
    assert params["format_version"] == FORMAT_VERSION == 3


def test_a_file_renamed_over_the_index_leaves_a_loaded_index_as_it_was(
    saved: Path, eval_index: Index, seed_index: Index, tmp_path: Path
) -> None:
    path = tmp_path / "index.zip"
    path.write_bytes(saved.read_bytes())
    old = load_index(path)
    texts, docs = list(old.paragraphs), old.accented.docs.copy()
    save_index(seed_index, path)  # a reindex: a new file renamed over the old one
    assert list(old.paragraphs) == texts and np.array_equal(old.accented.docs, docs)
    assert len(load_index(path).paragraphs) == len(seed_index.paragraphs) != len(texts)


# Paragraph texts: decoded on access, a read-only sequence.

def test_paragraph_texts_are_decoded_only_when_asked_for(
    saved: Path, eval_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = list(eval_index.paragraphs)
    decoded: list[tuple[int, int]] = []
    real = Paragraphs._text

    def counted(self: Paragraphs, lo: int, hi: int) -> str:
        decoded.append((lo, hi))
        return real(self, lo, hi)

    monkeypatch.setattr(Paragraphs, "_text", counted)
    loaded = load_index(saved)
    assert isinstance(loaded.paragraphs, Paragraphs) and isinstance(loaded.paragraphs._data, mmap.mmap)
    assert decoded == []  # loading decodes nothing
    assert loaded.paragraphs[3] == expected[3] and len(decoded) == 1
    assert loaded.paragraphs.nbytes == sum(len(p.encode()) + 1 for p in expected)


def test_paragraphs_behave_as_a_read_only_sequence_of_str() -> None:
    texts = ["Tỉnh Kiên Giang đạt 4.520 USD.", "", "Khu công nghiệp Thạnh Lộc", "ấp Sraôm – 50-55%"]
    paragraphs = Paragraphs.of(texts)
    assert len(paragraphs) == 4 and list(paragraphs) == texts and paragraphs == tuple(texts) == paragraphs
    assert paragraphs[0] == texts[0] and paragraphs[-1] == texts[-1] and paragraphs[1] == ""
    assert paragraphs[1:3] == tuple(texts[1:3]) and paragraphs[::2] == tuple(texts[::2]) and paragraphs[3:1] == ()
    assert "Khu công nghiệp Thạnh Lộc" in paragraphs and paragraphs.index("") == 1
    assert paragraphs != texts[:3] and paragraphs != "text"
    with pytest.raises(IndexError):
        paragraphs[4]
    with pytest.raises(TypeError):
        paragraphs[0] = "x"  # type: ignore[index]
    assert Paragraphs.of([]) == () and len(Paragraphs.of([])) == 0
    assert pickle.loads(pickle.dumps(paragraphs)) == texts


def test_a_loaded_index_pickles_its_texts_not_the_map(saved: Path) -> None:
    paragraphs = load_index(saved).paragraphs
    assert pickle.loads(pickle.dumps(paragraphs)) == paragraphs


def test_a_built_index_holds_its_texts_encoded_once(eval_index: Index) -> None:
    assert isinstance(eval_index.paragraphs, Paragraphs)
    assert not isinstance(eval_index.paragraphs._data, mmap.mmap)


# Validation: every corruption is an IndexFormatError; an older format is rebuilt.

OFFSET_CORRUPTIONS: dict[str, tuple[str, Callable[[bytes], bytes], str]] = {
    "offsets not ending at the text's end": (
        "paragraph_offsets.npy", lambda data: _npy(np.load(io.BytesIO(data)) + 1), "disagree on the paragraphs"),
    "offsets going back": (
        "paragraph_offsets.npy", lambda data: _npy(np.load(io.BytesIO(data))[::-1].copy()), "disagree on the paragraphs"),
    "one offset too few": (
        "paragraph_offsets.npy", lambda data: _npy(np.load(io.BytesIO(data))[:-1].copy()), "disagree on the paragraphs"),
    "offsets of floats": ("paragraph_offsets.npy", lambda data: _npy(np.zeros(3)), "paragraph_offsets.npy: float64"),
    "text cut short": ("paragraphs.txt", lambda data: data[:-10], "disagree on the paragraphs"),
}


@pytest.mark.parametrize("case", sorted(OFFSET_CORRUPTIONS))
def test_paragraph_texts_and_offsets_that_disagree_are_refused(case: str, saved: Path, tmp_path: Path) -> None:
    member, change, problem = OFFSET_CORRUPTIONS[case]
    path = _rewrite(saved, tmp_path / "index.zip", change={member: change})
    with pytest.raises(IndexFormatError, match=problem):
        load_index(path)


def test_a_damaged_local_header_is_an_index_format_error(saved: Path, tmp_path: Path) -> None:
    data = bytearray(saved.read_bytes())
    with zipfile.ZipFile(saved) as zf:
        at = zf.getinfo("accented/docs.npy").header_offset
    data[at : at + 4] = b"XXXX"
    path = tmp_path / "index.zip"
    path.write_bytes(bytes(data))
    with pytest.raises(IndexFormatError, match="accented/docs.npy: no local header"):
        load_index(path)


def test_an_index_of_the_previous_format_asks_for_a_rebuild(saved: Path, tmp_path: Path) -> None:
    older = {"params.json": lambda data: json.dumps({**json.loads(data), "format_version": 2}).encode()}
    with pytest.raises(IndexVersionError, match="index format 2, this nqbot reads 3"):
        load_index(_rewrite(saved, tmp_path / "index.zip", change=older))


def test_scanning_a_mapped_array_releases_its_pages(tmp_path: Path) -> None:
    path = tmp_path / "big.npy"
    np.save(path, np.arange(4_000_000, dtype=np.int32))
    values = np.load(path, mmap_mode="r")
    assert min_max(values) == (0, 3_999_999)
    release(values[:10])  # a partial page and an np.memmap: an advice, never an error
    release(np.arange(3))  # not mapped: nothing to do


# Start-up: segmentations cached; the segmenter and the embedder warmed up off the event loop.

def test_a_repeated_text_is_not_segmented_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    class Segmenter:
        @staticmethod
        def tokenize(text: str) -> str:
            calls.append(text)
            return "Kiên_Giang có khu_công_nghiệp"

    tokenize._compounds.cache_clear()
    monkeypatch.setattr(tokenize, "segment", Segmenter)
    first = tokenize.compounds("Kiên Giang có khu công nghiệp mới?")
    first.append("changed by the caller")
    assert tokenize.compounds("Kiên Giang có khu công nghiệp mới?") == ["kiên_giang", "khu_công_nghiệp"]
    assert calls == ["Kiên Giang có khu công nghiệp mới?"]
    tokenize._compounds.cache_clear()


def test_warm_up_loads_the_segmenter_runs_the_embedder_warms_the_engine_and_answers_an_example(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.telegram import app, texts

    seen: list[str] = []

    class Embedder:
        def query(self, text: str) -> None:
            seen.append(f"query {text}")

    class Engine:
        embedder = Embedder()

        def warm(self) -> None:
            seen.append("warm")

        def ask(self, question: str) -> None:
            seen.append(f"ask {question}")

    monkeypatch.setattr(app, "compounds", lambda text: seen.append(f"pyvi {text}"))
    app.warm_up(Engine())  # type: ignore[arg-type]
    example = texts.EXAMPLES[0]
    assert seen == [f"pyvi {example}", f"query {example}", "warm", f"ask {example}"]


def test_warming_an_engine_builds_its_tables_once(saved: Path) -> None:
    from index.answer import instances
    from index.engine import Engine
    from index.terms.lexicon import load_lexicon

    index = load_index(saved)
    assert "accent_forms" not in vars(index)  # a table built on first use, not when the index loads
    Engine(index, load_lexicon(None), None).warm()
    assert id(index) in instances._NAMES_PER_INDEX and vars(index)["accent_forms"]  # typed accents are fixed


def test_the_segmenter_is_never_loaded_to_load_the_index(saved: Path) -> None:
    import subprocess
    import sys

    script = ("import sys; from pathlib import Path; from index.store.format import load_index\n"
              f"i = load_index(Path({str(saved)!r})); i.paragraphs[0]; print('pycrfsuite' in sys.modules)")
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert done.stdout.split() == ["False"], done.stderr


# The heavy corpus profile of the benchmark (benchmarks/heavy_corpus.py): deterministic, parseable,
# questions answered by their bulletin, and a vocabulary that keeps growing.

def test_the_heavy_corpus_is_deterministic_parseable_and_its_vocabulary_keeps_growing(tmp_path: Path) -> None:
    import re

    from benchmarks import heavy_corpus
    from benchmarks.corpus_profiles import corpus_profile
    from index.bulletins.parse import parse_bulletin

    profile = corpus_profile("heavy")
    info = profile.write_corpus(300, tmp_path / "corpus", 3)
    specs = {s.file: s for s in heavy_corpus.bulletins(300, 3)}
    assert info.paragraphs == 300 and sorted(p.name for p in (tmp_path / "corpus").iterdir()) == sorted(specs)
    for path in sorted((tmp_path / "corpus").iterdir()):
        parsed = parse_bulletin(path.name, path.read_bytes())
        assert [p.text for p in parsed.paragraphs] == [p.text for p in specs[path.name].paragraphs]
    texts = [p.text for s in specs.values() for p in s.paragraphs]
    assert 200 < sum(map(len, texts)) / len(texts) < 350  # about the real mean of 275 characters
    asked = profile.questions(300, 3, 40)
    assert asked == heavy_corpus.questions(300, 3, 40)
    assert all(q.file and q.answer and q.answer in " ".join(p.text for p in specs[q.file].paragraphs) for q in asked)
    assert 7 <= sum(len(q.q.split()) for q in asked) / len(asked) <= 11

    def distinct_words(paragraphs: int) -> int:
        return len({w for s in heavy_corpus.bulletins(paragraphs, 3) for p in s.paragraphs
                    for w in re.findall(r"\w+", p.text.lower())})

    assert distinct_words(4000) > 2.2 * distinct_words(1000)  # Heaps' law: new names keep coming


def test_paragraph_texts_are_cut_and_joined_without_decoding() -> None:
    """A build holds each bulletin's texts as UTF-8 (Paragraphs) and joins them at the end (index.store.build)."""
    from index.store.layers import JoinedParagraphs

    texts = ["Tỉnh ủy Kiên Giang 🐟", "", "Đến năm 2030, GRDP đạt 4.520 USD.", "Hà Tiên – Phú Quốc"]
    whole = Paragraphs.of(texts)
    assert list(whole.span(1, 3)) == texts[1:3] and list(whole.span(2, 2)) == []
    joined = Paragraphs.concat([whole.span(2, 4), Paragraphs.of([]), whole.span(0, 2), whole])
    assert list(joined) == texts[2:4] + texts[0:2] + texts and joined.nbytes == 2 * whole.nbytes
    layered = JoinedParagraphs(whole, Paragraphs.of(["Cảng Hòn Chông"]))
    assert list(layered.span(3, 5)) == [texts[3], "Cảng Hòn Chông"] and list(layered.span(4, 5)) == ["Cảng Hòn Chông"]
