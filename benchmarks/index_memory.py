"""Memory held by each structure of a loaded index, in MB (`sys.getsizeof` and `nbytes`; an object
shared by two structures is counted once, in the first). Used by the serve step and the profiles.

Arrays memory-mapped from the index file, and paragraph texts decoded from it on access, are listed
apart ("mapped"): they are file pages, shared between processes and in RSS only once touched.
"""

from __future__ import annotations

import dataclasses
import mmap
import sys
from typing import Any

_FIELDS = ("accented", "folded", "titles")
_KNOWN = {"paragraphs", *_FIELDS, "bulletins", "para_bulletin", "fold_of", "vectors"}


class _Sizes:
    """Sizes of objects, each counted once."""

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def obj(self, o: Any) -> int:
        if id(o) in self.seen:
            return 0
        self.seen.add(id(o))
        return sys.getsizeof(o)

    def strings(self, items: Any) -> int:
        return sum(self.obj(s) for s in items)

    def deep(self, o: Any, depth: int = 0) -> int:
        """An object and what it holds (containers, slots, attributes), up to six levels down."""
        if id(o) in self.seen or depth > 6:
            return 0
        if hasattr(o, "nbytes"):
            self.seen.add(id(o))
            return int(o.nbytes)
        size = self.obj(o)
        if isinstance(o, dict):
            return size + sum(self.deep(k, depth + 1) + self.deep(v, depth + 1) for k, v in o.items())
        if isinstance(o, (tuple, list, set, frozenset)):
            return size + sum(self.deep(x, depth + 1) for x in o)
        slots = getattr(type(o), "__slots__", ())
        values = [getattr(o, a) for a in slots if hasattr(o, a)] + list(getattr(o, "__dict__", {}).values())
        return size + sum(self.deep(v, depth + 1) for v in values)


def mapped(array: Any) -> bool:
    """Whether a numpy array's memory is a mapping of a file (np.memmap, or a view of an mmap)."""
    import numpy as np

    while array is not None:
        if isinstance(array, (mmap.mmap, np.memmap)):
            return True
        array = getattr(array, "base", None) if isinstance(array, np.ndarray) else getattr(array, "obj", None)
    return False


def _arrays(name: str, arrays: list[Any]) -> dict[str, int]:
    return {f"{name}: arrays": sum(a.nbytes for a in arrays if not mapped(a)),
            f"{name}: arrays, mapped": sum(a.nbytes for a in arrays if mapped(a))}


def _paragraph_bytes(sizes: _Sizes, paragraphs: Any) -> dict[str, int]:
    if isinstance(paragraphs, (tuple, list)):
        return {"paragraph texts": sizes.obj(paragraphs) + sizes.strings(paragraphs)}
    return {"paragraph texts, mapped (UTF-8, decoded on access)": int(getattr(paragraphs, "nbytes", 0))}


def _field_bytes(sizes: _Sizes, name: str, field: Any) -> dict[str, int]:
    arrays = [field.indptr, field.docs, field.tfs, field.doc_len, field.idf, field.denom]
    ints = sum(sizes.obj(v) for v in field.vocab.values())
    return {
        **_arrays(name, arrays),
        f"{name}: vocab dict + terms tuple": sizes.obj(field.vocab) + sizes.obj(field.terms) + ints,
        f"{name}: term strings": sizes.strings(field.terms),
    }


def _records_bytes(sizes: _Sizes, bulletins: Any) -> int:
    records = 0
    for b in bulletins:
        texts = [b.file, b.title, b.url or "", b.credit or ""]
        records += sizes.obj(b) + sizes.strings(texts) + sizes.obj(b.stops) + sizes.strings(b.stops)
    return records


def index_memory_mb(index: Any) -> dict[str, float]:
    """Memory held by each structure of the index, in MB (strings counted once)."""
    sizes = _Sizes()
    out: dict[str, float] = {**_paragraph_bytes(sizes, index.paragraphs)}
    for name in _FIELDS:
        out.update(_field_bytes(sizes, name, getattr(index, name)))
    out["bulletin records"] = _records_bytes(sizes, index.bulletins)
    for key, value in _arrays("other", [index.para_bulletin, index.fold_of]).items():
        out[key.replace("other: arrays", "other arrays (para_bulletin, fold_of)")] = value
    if getattr(index, "vectors", None) is not None:
        out.update(_arrays("vectors (int8 codes, scales)", [index.vectors.codes, index.vectors.scales]))
    for f in dataclasses.fields(index):
        if f.name not in _KNOWN:
            out[f.name] = sizes.deep(getattr(index, f.name))
    if "accent_forms" in getattr(index, "__dict__", {}):  # cached by the first question typed without diacritics
        out["accent forms (restoring a question's diacritics for the embedder)"] = sizes.deep(index.accent_forms)
    return {k: v / 1e6 for k, v in out.items() if v}
