"""Saving and loading the index: one zip of JSON, text and .npy arrays (no pickle), written atomically."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import numpy as np

from index.errors import IndexFormatError, IndexMissingError, IndexVersionError
from index.retrieval.bm25 import EPSILON, K1, B, Field, make_field
from index.store.atomic import write_atomically
from index.store.snapshot import FORMAT_NAME, FORMAT_VERSION, BulletinRecord, Index
from index.targets.rules import targets_from_json, targets_to_json

_FIELDS = ("accented", "folded", "titles")
_ARRAYS = ("indptr", "docs", "tfs", "doc_len")


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


def _write_array(zf: zipfile.ZipFile, name: str, array: np.ndarray) -> None:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    zf.writestr(name, buffer.getvalue(), compress_type=zipfile.ZIP_STORED)


def _write_text(zf: zipfile.ZipFile, name: str, text: str, compress: bool = True) -> None:
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    zf.writestr(name, text.encode("utf-8"), compress_type=method, compresslevel=1 if compress else None)


def _write_members(zf: zipfile.ZipFile, index: Index) -> None:
    _write_text(zf, "params.json", json.dumps(_params(index), ensure_ascii=False, indent=1))
    records = [_record_json(b) for b in index.bulletins]
    _write_text(zf, "bulletins.json", json.dumps(records, ensure_ascii=False))
    # Stored, not deflated: inflating the largest member was a sixth of the load time.
    _write_text(zf, "paragraphs.txt", "\n".join(index.paragraphs), compress=False)
    _write_text(zf, "folded_stops.txt", "\n".join(sorted(index.folded_stops)))
    _write_text(zf, "targets.json", json.dumps(targets_to_json(index.targets), ensure_ascii=False))
    _write_array(zf, "para_bulletin.npy", index.para_bulletin)
    _write_array(zf, "fold_of.npy", index.fold_of)
    for name in _FIELDS:
        field: Field = getattr(index, name)
        _write_text(zf, f"{name}/terms.txt", "\n".join(field.terms))
        for array in _ARRAYS:
            _write_array(zf, f"{name}/{array}.npy", getattr(field, array))


def save_index(index: Index, path: Path) -> None:
    """Write the index beside `path`, fsync it, then rename it over `path` in one step."""

    def write(out: BinaryIO) -> None:
        with zipfile.ZipFile(out, "w") as zf:
            _write_members(zf, index)

    write_atomically(path, write)


def _read_params(zf: zipfile.ZipFile, path: Path) -> dict:
    params = json.loads(zf.read("params.json"))
    if params.get("format") != FORMAT_NAME:
        raise IndexFormatError(f"{path}: not an nqbot index")
    if params.get("format_version") != FORMAT_VERSION:
        raise IndexVersionError(
            f"{path}: index format {params.get('format_version')}, this nqbot reads {FORMAT_VERSION}; "
            "run `nqbot index` to rebuild it"
        )
    return params


def _read_array(zf: zipfile.ZipFile, name: str) -> np.ndarray:
    with zf.open(name) as member:
        return np.lib.format.read_array(member, allow_pickle=False)


def _read_lines(zf: zipfile.ZipFile, name: str) -> list[str]:
    text = zf.read(name).decode("utf-8")
    return text.split("\n") if text else []


def _read_field(zf: zipfile.ZipFile, name: str) -> Field:
    from scipy import sparse

    terms = _read_lines(zf, f"{name}/terms.txt")
    indptr, docs, tfs, doc_len = (_read_array(zf, f"{name}/{a}.npy") for a in _ARRAYS)
    matrix = sparse.csc_matrix((tfs, docs, indptr), shape=(doc_len.shape[0], len(terms)))
    return make_field(terms, matrix, doc_len)


def _record(raw: dict) -> BulletinRecord:
    published = datetime.fromisoformat(raw["published"]) if raw["published"] else None
    return BulletinRecord(
        raw["file"], raw["title"], raw["url"], published, raw["credit"], raw["fingerprint"],
        raw["first"], raw["count"], raw.get("stops", {}), raw.get("size", 0), raw.get("mtime_ns", 0),
    )


def _read_index(zf: zipfile.ZipFile, path: Path) -> Index:
    params = _read_params(zf, path)
    bulletins = tuple(_record(r) for r in json.loads(zf.read("bulletins.json")))
    fields = {name: _read_field(zf, name) for name in _FIELDS}
    return Index(
        tokenizer_version=params["tokenizer_version"],
        built_at=datetime.fromisoformat(params["built_at"]),
        bulletins=bulletins,
        paragraphs=tuple(_read_lines(zf, "paragraphs.txt")),
        para_bulletin=_read_array(zf, "para_bulletin.npy"),
        fold_of=_read_array(zf, "fold_of.npy"),
        folded_stops=frozenset(_read_lines(zf, "folded_stops.txt")),
        targets=tuple(targets_from_json(json.loads(zf.read("targets.json")))),
        targets_rules=int(params.get("targets", {}).get("rules_version", 0)),
        **fields,
    )


def load_index(path: Path) -> Index:
    """Load a saved index; IndexMissingError or IndexFormatError say what is wrong with the file."""
    if not path.exists():
        raise IndexMissingError(f"no index at {path}; build it with `nqbot index`")
    try:
        with zipfile.ZipFile(path) as zf:
            return _read_index(zf, path)
    except IndexFormatError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, TypeError) as exc:
        raise IndexFormatError(f"{path}: unreadable index ({exc.__class__.__name__}: {exc})") from exc
