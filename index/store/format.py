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
import struct
import time
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from index.errors import IndexFormatError, IndexMissingError, IndexVersionError, describe
from index.retrieval.bm25 import EPSILON, K1, B, Field, bm25_denominators, bm25_idf
from index.store.atomic import write_atomically
from index.store.mapped import ALIGN, ALIGN_EXTRA_ID, MappedZip, Paragraphs, encode, min_max
from index.store.mapped import Malformed as _Malformed
from index.store.snapshot import FORMAT_NAME, FORMAT_VERSION, BulletinRecord, Index
from index.store.vectors import Vectors
from index.targets.rules import Target, targets_from_json, targets_to_json

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
        "built_at": index.built_at.isoformat(timespec="seconds"),
        "bm25": {"k1": K1, "b": B, "epsilon": EPSILON, "implementation": "rank_bm25.BM25Okapi-compatible"},
        "counts": {"bulletins": len(index.bulletins), "paragraphs": len(index.paragraphs)},
        "fields": {name: len(getattr(index, name).terms) for name in _FIELDS},
        "targets": {"rules_version": index.targets_rules, "count": len(index.targets)},
        "vectors": {"model": index.vectors.model, "dim": int(index.vectors.codes.shape[1])} if index.vectors else None,
    }


def _record_json(record: BulletinRecord) -> dict:
    return {
        "file": record.file,
        "title": record.title,
        "url": record.url,
        "published": record.published.isoformat() if record.published else None,
        "credit": record.credit,
        "fingerprint": record.fingerprint,
        "first": record.first,
        "count": record.count,
        "stops": record.stops,
        "size": record.size,
        "mtime_ns": record.mtime_ns,
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
    records = [_record_json(b) for b in index.bulletins]
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
    if index.vectors is not None:  # int8 codes as one flat array (the dimension is in params.json)
        _write_array(zf, "vectors/codes.npy", index.vectors.codes.reshape(-1))
        _write_array(zf, "vectors/scales.npy", index.vectors.scales)


def save_index(index: Index, path: Path) -> None:
    """Write the index beside `path`, fsync it, then rename it over `path` in one step."""

    def write(out: BinaryIO) -> None:
        with zipfile.ZipFile(out, "w") as zf:
            _write_members(zf, index)

    write_atomically(path, write)


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


def _read_json(zf: zipfile.ZipFile, name: str) -> Any:
    try:
        return json.loads(zf.read(name))
    except RecursionError:
        raise _Malformed(f"{name} is nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise _Malformed(f"{name} is not valid JSON ({exc})") from None


def _typed(raw: dict, key: str, kinds: type | tuple[type, ...], where: str) -> Any:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, kinds):  # bool is an int to isinstance
        raise _Malformed(f"{where}: {key} is {type(value).__name__} {str(value)[:40]!r}")
    return value


def _naive(value: Any, where: str) -> datetime:
    """A stored date: ISO text of a naive datetime (Vietnam local time, see index.bulletins.dates)."""
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        raise _Malformed(f"{where} is {str(value)[:40]!r}, not a date without UTC offset")
    return moment


def _read_params(zf: zipfile.ZipFile, path: Path) -> dict:
    params = _read_json(zf, "params.json")
    if not isinstance(params, dict) or params.get("format") != FORMAT_NAME:
        raise IndexFormatError(f"{path}: not an nqbot index")
    if params.get("format_version") != FORMAT_VERSION:
        raise IndexVersionError(
            f"{path}: index format {params.get('format_version')}, this nqbot reads {FORMAT_VERSION}; "
            "run `nqbot index` to rebuild it"
        )
    _typed(params, "tokenizer_version", str, "params.json")
    for section, key in (("counts", "bulletins"), ("counts", "paragraphs"), ("targets", "rules_version")):
        _typed(_typed(params, section, dict, "params.json"), key, int, f"params.json {section}")
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


_OPTIONAL = (str, type(None))
_RECORD_KINDS: dict[str, type | tuple[type, ...]] = {
    "file": str, "title": str, "url": _OPTIONAL, "published": _OPTIONAL, "credit": _OPTIONAL,
    "fingerprint": str, "first": int, "count": int, "stops": dict, "size": int, "mtime_ns": int,
}
# The same, as exact types: what json.loads gives is exactly one of these (bool is not int here), so a
# record whose every value has one of them passes _typed too; the others go through _typed for its message.
_EXACT = tuple((key, frozenset(kinds if isinstance(kinds, tuple) else (kinds,)))
               for key, kinds in _RECORD_KINDS.items())


def _record(raw: Any, number: int, first: int) -> BulletinRecord:
    """One bulletins.json entry, checked: types, a naive date, and paragraphs right after the previous one's."""
    where = f"bulletins.json entry {number}"
    if not isinstance(raw, dict):
        raise _Malformed(f"{where} is not an object")
    raw = {"stops": {}, "size": 0, "mtime_ns": 0, **raw}  # absent from indexes written before they existed
    v = {key: raw.get(key) for key, _ in _EXACT}
    if not all(type(v[key]) in kinds for key, kinds in _EXACT):
        v = {key: _typed(raw, key, kinds, where) for key, kinds in _RECORD_KINDS.items()}
    if v["first"] != first or v["count"] < 0:
        raise _Malformed(f"{where}: paragraphs {v['first']}+{v['count']} do not follow the previous bulletin's")
    if not all(type(n) is int for n in v["stops"].values()):  # JSON numbers: int, float or bool (not int here)
        raise _Malformed(f"{where}: stops are not counts")
    published = None if v["published"] is None else _naive(v["published"], f"{where} published")
    return BulletinRecord(v["file"], v["title"], v["url"], published, v["credit"], v["fingerprint"], first,
                          v["count"], v["stops"], v["size"], v["mtime_ns"])


def _records(zf: zipfile.ZipFile, expected: int) -> tuple[BulletinRecord, ...]:
    raw = _read_json(zf, "bulletins.json")
    if not isinstance(raw, list) or len(raw) != expected:
        raise _Malformed(f"bulletins.json is not a list of the {expected} bulletins params.json counts")
    records, first = [], 0
    for number, entry in enumerate(raw):
        records.append(_record(entry, number, first))
        first += records[-1].count
    return tuple(records)


def _targets(zf: zipfile.ZipFile, bulletins: tuple[BulletinRecord, ...]) -> tuple[Target, ...]:
    rows = _read_json(zf, "targets.json")
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
    bulletins = _records(zf, params["counts"]["bulletins"])
    paragraphs = params["counts"]["paragraphs"]
    fields = {name: _read_field(src, name, len(bulletins) if name == "titles" else paragraphs) for name in _FIELDS}
    index = Index(
        tokenizer_version=params["tokenizer_version"],
        built_at=_naive(params.get("built_at"), "params.json built_at"),
        bulletins=bulletins,
        paragraphs=_paragraphs(src, paragraphs),
        para_bulletin=_read_array(src, "para_bulletin.npy"),
        fold_of=_read_array(src, "fold_of.npy"),
        folded_stops=frozenset(_read_lines(src, "folded_stops.txt")),
        targets=_targets(zf, bulletins),
        targets_rules=params["targets"]["rules_version"],
        vectors=_vectors(src, params.get("vectors"), paragraphs),
        **fields,
    )
    _check_paragraphs(index, params)
    return index


def _vectors(src: MappedZip, raw: Any, paragraphs: int) -> Vectors | None:
    """The paragraph vectors, when the index has them: one int8 row and one scale per paragraph (mapped)."""
    if raw is None:
        return None
    model, dim = _typed(raw, "model", str, "params.json vectors"), _typed(raw, "dim", int, "params.json vectors")
    codes = _read_array(src, "vectors/codes.npy")
    scales = _read_array(src, "vectors/scales.npy", kinds="f")
    if codes.dtype != np.int8 or scales.dtype != np.float32 or not 0 < dim <= 4096:
        raise _Malformed("vectors: expected int8 codes and float32 scales")
    if codes.shape[0] != paragraphs * dim or scales.shape[0] != paragraphs:
        raise _Malformed("vectors: not one vector per paragraph")
    return Vectors(model, codes.reshape(paragraphs, dim), scales)


def load_index(path: Path) -> Index:
    """Load a saved index; IndexMissingError, or IndexFormatError for anything wrong with its content.

    Every member is checked (sizes before reading, types, lengths that must agree, dates without
    offset), so an index that loads can answer; no malformed file escapes as another exception.
    Arrays and paragraph texts stay in the file, memory-mapped read-only (index.store.mapped): the
    index holds the mapping, not the file open, and a later save_index renames a new file over `path`
    without touching what this one maps.
    """
    if not path.exists():
        raise IndexMissingError(f"no index at {path}; build it with `nqbot index`")
    try:
        with MappedZip(path) as src:
            _check_sizes(src.zf, src.size)
            return _read_index(src, path)
    except IndexFormatError:
        raise
    except _Malformed as exc:
        raise IndexFormatError(f"{path}: malformed index ({exc}); rebuild it with `nqbot index`") from None
    except Exception as exc:  # whatever else the content provokes, the file is at fault, not the caller
        raise IndexFormatError(f"{path}: unreadable index ({describe(exc)}); rebuild it with `nqbot index`") from exc
