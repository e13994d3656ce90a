"""Saving and loading the index: one zip of JSON, text and .npy arrays (no pickle), written atomically.

The .npy members and the paragraph texts are stored uncompressed, each .npy member starting at a
multiple of 64 bytes of the file: load_index maps them read-only where they lie (index.store.mapped)
instead of reading them, and paragraph texts are decoded only when asked for (`paragraphs.txt`, one
text a line, with `paragraph_offsets.npy` saying where each begins). The file is replaced by rename,
never rewritten: a process that mapped the old file keeps reading the old, unchanged bytes.
"""

from __future__ import annotations

import io
import json
import logging
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import numpy as np

from index.errors import IndexFormatError, IndexMissingError, IndexVersionError, describe
from index.retrieval.bm25 import EPSILON, K1, B, Field, bm25_denominators, bm25_idf
from index.store.atomic import write_atomically
from index.store.layers import overlay
from index.store.mapped import ALIGN, ALIGN_EXTRA_ID, MappedZip, Paragraphs, encode, min_max
from index.store.mapped import Malformed as _Malformed
from index.store.records import naive, read_json, read_records, record_json, typed
from index.store.snapshot import FORMAT_NAME, FORMAT_VERSION, BulletinRecord, Index, Removal
from index.store.vectors import Vectors
from index.targets.rules import Target, targets_from_json, targets_to_json

log = logging.getLogger(__name__)
T = TypeVar("T")
_FIELDS = ("accented", "folded", "titles")
_ARRAYS = ("indptr", "docs", "tfs", "doc_len")
# Loading reads no more than these, whatever a damaged or hostile file declares.
MAX_PARAMS_BYTES = 1 << 16  # params.json holds a few hundred bytes
MAX_MEMBER_BYTES = 1 << 32  # the largest member of a million-paragraph index is well under 1 GiB
MAX_RATIO = 100  # deflated members of a real index shrink 2-7 times; far more is a zip bomb


def _params(index: Index) -> dict:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "tokenizer_version": index.tokenizer_version,
        "identity": index.identity,
        "built_at": index.built_at.isoformat(timespec="seconds"),
        "bm25": {"k1": K1, "b": B, "epsilon": EPSILON, "implementation": "rank_bm25.BM25Okapi-compatible"},
        "counts": {"bulletins": len(index.bulletins), "paragraphs": len(index.paragraphs)},
        "fields": {name: len(getattr(index, name).terms) for name in _FIELDS},
        "targets": {"rules_version": index.targets_rules, "count": len(index.targets)},
        "vectors": {"model": index.vectors.model, "dim": index.vectors.dim} if index.vectors else None,
    }


def _write_aligned(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    """A stored member whose bytes start at a multiple of ALIGN in the file: its local header is padded
    with an extra field (id 0xD935, as zipalign does), which zip readers skip."""
    info = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = 0o600 << 16  # as writestr gives a member named by a string
    zip64 = 20 if len(data) * 1.05 > zipfile.ZIP64_LIMIT else 0  # the extra field zipfile adds then
    assert zf.fp is not None
    unpadded = zf.fp.tell() + 30 + len(name.encode("utf-8")) + 6 + zip64  # header, name, extra id + size + value
    info.extra = struct.pack("<HHH", ALIGN_EXTRA_ID, 2 + (-unpadded) % ALIGN, ALIGN) + bytes((-unpadded) % ALIGN)
    zf.writestr(info, data)


def _write_array(zf: zipfile.ZipFile, name: str, array: np.ndarray) -> None:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)  # numpy pads its header: the data is aligned as the member
    _write_aligned(zf, name, buffer.getvalue())


def _write_text(zf: zipfile.ZipFile, name: str, text: str, compress: bool = True) -> None:
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    zf.writestr(name, text.encode("utf-8"), compress_type=method, compresslevel=1 if compress else None)


def _write_members(zf: zipfile.ZipFile, index: Index) -> None:
    _write_text(zf, "params.json", json.dumps(_params(index), ensure_ascii=False, indent=1))
    records = [record_json(b) for b in index.bulletins]
    _write_text(zf, "bulletins.json", json.dumps(records, ensure_ascii=False))
    # Stored, not deflated, so that loading maps it; each text ends with a newline, the offsets say where.
    texts, offsets = encode(index.paragraphs)
    _write_aligned(zf, "paragraphs.txt", texts)
    _write_array(zf, "paragraph_offsets.npy", offsets)
    _write_text(zf, "folded_stops.txt", "\n".join(sorted(index.folded_stops)))
    _write_text(zf, "targets.json", json.dumps(targets_to_json(index.targets), ensure_ascii=False))
    _write_array(zf, "para_bulletin.npy", index.para_bulletin)
    _write_array(zf, "fold_of.npy", index.fold_of)
    for name in _FIELDS:
        field: Field = getattr(index, name)
        _write_text(zf, f"{name}/terms.txt", "\n".join(field.terms), compress=False)  # inflating: 1/10 of load
        for array in _ARRAYS:
            _write_array(zf, f"{name}/{array}.npy", getattr(field, array))
    if isinstance(index.vectors, Vectors):  # int8 codes as one flat array (the dimension is in params.json)
        _write_array(zf, "vectors/codes.npy", index.vectors.codes.reshape(-1))
        _write_array(zf, "vectors/scales.npy", index.vectors.scales)


def save_index(index: Index, path: Path) -> None:
    """Write the index beside `path`, fsync it, then rename it over `path` in one step. A delta beside it
    (of the base it replaces) is left to the caller: it names the old base, so loading ignores it."""
    if index.layers is not None:
        raise ValueError("a layered index is saved as its delta (save_delta), or folded first")

    def write(out: BinaryIO) -> None:
        with zipfile.ZipFile(out, "w") as zf:
            _write_members(zf, index)

    write_atomically(path, write)


def delta_path(path: Path) -> Path:
    """Where the delta of the index at `path` lies: index.zip -> index.delta.zip."""
    return path.with_name(f"{path.stem}.delta{path.suffix}")


def saved_identity(path: Path) -> str | None:
    """The identity of the index saved at `path`; None when there is none, or it cannot be read."""
    try:
        with zipfile.ZipFile(path) as zf:
            params = json.loads(zf.read("params.json"))
        return params.get("identity") if isinstance(params, dict) else None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None


def save_delta(delta: Index, removal: Removal, path: Path) -> None:
    """Write the delta of the base index at `path` (atomically, beside it): an index of the bulletins that
    differ from the base, the base's identity, the base bulletins it removes, and their term counts."""

    def write(out: BinaryIO) -> None:
        with zipfile.ZipFile(out, "w") as zf:
            _write_members(zf, delta)
            _write_text(zf, "delta.json", json.dumps({"base": removal.base, "removed": sorted(removal.files)},
                                                     ensure_ascii=False))
            for name, (tids, counts) in removal.dead.items():
                _write_array(zf, f"dead/{name}_terms.npy", tids.astype(np.int64))
                _write_array(zf, f"dead/{name}_counts.npy", counts.astype(np.int64))

    write_atomically(delta_path(path), write)


def _check_sizes(zf: zipfile.ZipFile, archive_size: int) -> None:
    """Bound what reading can allocate by the sizes the zip declares, before any member is read."""
    for info in zf.infolist():
        limit = MAX_PARAMS_BYTES if info.filename == "params.json" else MAX_MEMBER_BYTES
        if info.compress_type == zipfile.ZIP_STORED:
            fits = info.file_size == info.compress_size <= archive_size
        else:
            fits = info.compress_size <= archive_size and info.file_size <= info.compress_size * MAX_RATIO + (1 << 16)
        if info.file_size > limit or not fits:
            raise _Malformed(f"{info.filename} claims {info.file_size} bytes from {info.compress_size} stored")


def _read_params(zf: zipfile.ZipFile, path: Path) -> dict:
    params = read_json(zf, "params.json")
    if not isinstance(params, dict) or params.get("format") != FORMAT_NAME:
        raise IndexFormatError(f"{path}: not an nqbot index")
    if params.get("format_version") != FORMAT_VERSION:
        raise IndexVersionError(
            f"{path}: index format {params.get('format_version')}, this nqbot reads {FORMAT_VERSION}; "
            "run `nqbot index` to rebuild it"
        )
    typed(params, "tokenizer_version", str, "params.json")
    for section, key in (("counts", "bulletins"), ("counts", "paragraphs"), ("targets", "rules_version")):
        typed(typed(params, section, dict, "params.json"), key, int, f"params.json {section}")
    return params


def _read_array(src: MappedZip, name: str, kinds: str = "iu") -> np.ndarray:
    """A one-dimensional .npy member (integers, or the `kinds` given) whose header agrees with its size
    (checked before reading): a read-only view of the mapped file when the member is stored (as
    save_index writes it), else read into memory."""
    info = src.zf.getinfo(name)
    shape, dtype, offset, data_bytes = src.npy_header(info)
    if dtype.kind not in kinds or len(shape) != 1 or shape[0] * dtype.itemsize != data_bytes:
        raise _Malformed(f"{name}: {dtype} array of shape {shape} in {data_bytes} bytes")
    return src.array(info, dtype, shape[0], offset)


def _read_lines(src: MappedZip, name: str) -> list[str]:
    text = src.zf.read(name).decode("utf-8")
    return text.split("\n") if text else []


def _check_postings(name: str, terms: int, docs_expected: int, arrays: list[np.ndarray]) -> None:
    """Every posting within range, scanned in chunks whose mapped pages are released after (index.store.mapped):
    the check reads the whole file once without keeping it resident."""
    indptr, docs, tfs, doc_len = arrays
    if doc_len.shape[0] != docs_expected or indptr.shape[0] != terms + 1 or docs.shape != tfs.shape:
        raise _Malformed(f"{name}: array lengths disagree with each other or with the counts")
    if indptr[0] != 0 or indptr[-1] != docs.shape[0] or bool((np.diff(indptr) < 0).any()):
        raise _Malformed(f"{name}: indptr does not delimit the postings")
    low, high = min_max(docs) if docs.size else (0, 0)
    if low < 0 or high >= docs_expected and docs.size or bool((doc_len < 0).any()):
        raise _Malformed(f"{name}: a posting names a document out of range")


_DTYPES = {"indptr": np.int64, "docs": np.int32, "tfs": np.uint16, "doc_len": np.int32}


def _read_field(src: MappedZip, name: str, docs_expected: int) -> Field:
    """A field as bm25.make_field makes it (same dtypes, idf and denominators computed the same way),
    its postings left in the mapped file."""
    terms = _read_lines(src, f"{name}/terms.txt")
    arrays = [_read_array(src, f"{name}/{a}.npy") for a in _ARRAYS]
    _check_postings(name, len(terms), docs_expected, arrays)
    indptr, docs, tfs, doc_len = (a if a.dtype == _DTYPES[n] else a.astype(_DTYPES[n]) for n, a in zip(_ARRAYS, arrays))
    return Field(
        terms=tuple(terms),
        vocab=dict(zip(terms, range(len(terms)))),
        indptr=indptr,
        docs=docs,
        tfs=tfs,
        doc_len=doc_len,
        idf=bm25_idf(np.diff(indptr), int(doc_len.shape[0])),
        denom=bm25_denominators(doc_len),
    )


def _paragraphs(src: MappedZip, expected: int) -> Paragraphs:
    """The paragraph texts, left in the file: paragraphs.txt (each text ending with a newline) and the
    offsets where each begins. Invalid UTF-8 in a damaged file is shown as U+FFFD when quoted."""
    offsets = _read_array(src, "paragraph_offsets.npy")
    data, start, end = src.text(src.zf.getinfo("paragraphs.txt"))
    if offsets.shape[0] != expected + 1 or offsets[0] != 0 or offsets[-1] != end - start or bool(
            (np.diff(offsets) < 1).any()):
        raise _Malformed("paragraphs.txt, paragraph_offsets.npy and params.json disagree on the paragraphs")
    return Paragraphs(data, offsets.astype(np.int64, copy=False), start)


def _targets(zf: zipfile.ZipFile, bulletins: tuple[BulletinRecord, ...]) -> tuple[Target, ...]:
    rows = read_json(zf, "targets.json")
    targets = targets_from_json(rows if isinstance(rows, list) else [rows])
    counts = {b.file: b.count for b in bulletins}
    if any(not 0 <= t.position < counts.get(t.file, 0) for t in targets):
        raise _Malformed("targets.json names a paragraph no bulletin has")
    return tuple(targets)


def _check_paragraphs(index: Index, params: dict) -> None:
    counts = [b.count for b in index.bulletins]
    expected = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    if len(index.paragraphs) != sum(counts) or len(index.paragraphs) != params["counts"]["paragraphs"]:
        raise _Malformed("paragraphs.txt, bulletins.json and params.json disagree on the paragraphs")
    if not np.array_equal(index.para_bulletin, expected):
        raise _Malformed("para_bulletin.npy does not match the bulletins' paragraphs")
    fold_of, folded = index.fold_of, len(index.folded.terms)
    if fold_of.shape[0] != len(index.accented.terms) or fold_of.size and (fold_of.min() < 0 or fold_of.max() >= folded):
        raise _Malformed("fold_of.npy does not map accented terms to folded ones")


def _read_index(src: MappedZip, path: Path) -> Index:
    zf = src.zf
    params = _read_params(zf, path)
    bulletins = read_records(zf, params["counts"]["bulletins"])
    paragraphs = params["counts"]["paragraphs"]
    index = Index(
        tokenizer_version=params["tokenizer_version"],
        built_at=naive(params.get("built_at"), "params.json built_at"),
        bulletins=bulletins,
        paragraphs=_paragraphs(src, paragraphs),
        para_bulletin=_read_array(src, "para_bulletin.npy"),
        fold_of=_read_array(src, "fold_of.npy"),
        folded_stops=frozenset(_read_lines(src, "folded_stops.txt")),
        targets=_targets(zf, bulletins),
        targets_rules=params["targets"]["rules_version"],
        vectors=_vectors(src, params.get("vectors"), paragraphs),
        identity=typed({"identity": "", **params}, "identity", str, "params.json"),
        accented=_read_field(src, "accented", paragraphs),
        folded=_read_field(src, "folded", paragraphs),
        titles=_read_field(src, "titles", len(bulletins)),
    )
    _check_paragraphs(index, params)
    return index


def _vectors(src: MappedZip, raw: Any, paragraphs: int) -> Vectors | None:
    """The paragraph vectors, when the index has them: one int8 row and one scale per paragraph (mapped)."""
    if raw is None:
        return None
    model, dim = typed(raw, "model", str, "params.json vectors"), typed(raw, "dim", int, "params.json vectors")
    codes = _read_array(src, "vectors/codes.npy")
    scales = _read_array(src, "vectors/scales.npy", kinds="f")
    if codes.dtype != np.int8 or scales.dtype != np.float32 or not 0 < dim <= 4096:
        raise _Malformed("vectors: expected int8 codes and float32 scales")
    if codes.shape[0] != paragraphs * dim or scales.shape[0] != paragraphs:
        raise _Malformed("vectors: not one vector per paragraph")
    return Vectors(model, codes.reshape(paragraphs, dim), scales)


def _read_delta(src: MappedZip, path: Path) -> tuple[Index, Removal]:
    """A delta file: an index of its own, the base it applies to and what it removes from that base."""
    delta = _read_index(src, path)
    raw = read_json(src.zf, "delta.json")
    if not isinstance(raw, dict) or not isinstance(raw.get("removed"), list) or not all(
            isinstance(f, str) for f in raw["removed"]):
        raise _Malformed("delta.json is not an object with the removed files")
    dead = {name: (_read_array(src, f"dead/{name}_terms.npy"), _read_array(src, f"dead/{name}_counts.npy"))
            for name in ("accented", "folded")}
    return delta, Removal(typed(raw, "base", str, "delta.json"), frozenset(raw["removed"]), dead)


def _check_delta(base: Index, delta: Index, removal: Removal) -> None:
    """A delta made for this base: same code versions and model, removed files that the base has, counts
    of dead documents that the base's postings allow, and no file both in the base and the delta."""
    if (delta.tokenizer_version, delta.targets_rules) != (base.tokenizer_version, base.targets_rules):
        raise _Malformed("made by another tokenizer or target rules than its base")
    if (base.vectors is None) != (delta.vectors is None) or base.vectors and delta.vectors and (
            base.vectors.model, base.vectors.dim) != (delta.vectors.model, delta.vectors.dim):
        raise _Malformed("its vectors do not match its base's")
    files = {b.file for b in base.bulletins}
    if not removal.files <= files or (files - removal.files) & {b.file for b in delta.bulletins}:
        raise _Malformed("it removes a bulletin its base lacks, or holds one its base keeps")
    for name, (tids, counts) in removal.dead.items():
        field = getattr(base, name)
        if tids.shape != counts.shape or tids.size and (int(tids.min()) < 0 or int(tids.max()) >= len(field.terms)):
            raise _Malformed(f"dead {name} terms out of range")
        if counts.size and (int(counts.min()) < 1 or bool((counts > np.diff(field.indptr)[tids]).any())):
            raise _Malformed(f"dead {name} counts exceed the base's")


def _load_file(path: Path, read: Callable[[MappedZip, Path], T]) -> T:
    if not path.exists():
        raise IndexMissingError(f"no index at {path}; build it with `nqbot index`")
    try:
        with MappedZip(path) as src:
            _check_sizes(src.zf, src.size)
            return read(src, path)
    except IndexFormatError:
        raise
    except _Malformed as exc:
        raise IndexFormatError(f"{path}: malformed index ({exc}); rebuild it with `nqbot index`") from None
    except Exception as exc:  # whatever else the content provokes, the file is at fault, not the caller
        raise IndexFormatError(f"{path}: unreadable index ({describe(exc)}); rebuild it with `nqbot index`") from exc


def load_index(path: Path) -> Index:
    """Load a saved index (with its delta, when one made for it lies beside it: index.store.layers);
    IndexMissingError, or IndexFormatError for anything wrong with the content of either file.

    Every member is checked (sizes before reading, types, lengths that must agree, dates without
    offset), so an index that loads can answer; no malformed file escapes as another exception.
    Arrays and paragraph texts stay in the file, memory-mapped read-only (index.store.mapped): the
    index holds the mapping, not the file open, and a later save_index renames a new file over `path`
    without touching what this one maps.
    """
    base = _load_file(path, _read_index)
    try:
        delta, removal = _load_file(delta_path(path), _read_delta)
    except IndexMissingError:
        return base
    if removal.base != base.identity:  # left by a fold killed before it removed it: the base holds it
        log.info("ignoring %s: it was made for another base than %s", delta_path(path), path)
        return base
    try:
        _check_delta(base, delta, removal)
    except _Malformed as exc:
        raise IndexFormatError(f"{delta_path(path)}: does not fit {path} ({exc}); rebuild with `nqbot index`") from None
    return overlay(base, delta, removal)
