"""Reading the index file where it lies: one read-only memory map of the zip, its .npy members as numpy
views of the map, and paragraph texts decoded from it only when asked for.

The index is one zip (index.store.format) whose .npy members and paragraphs.txt are stored, not
deflated: their bytes sit in the file as they are, at an offset the zip's local header gives. Used in
place, loading costs what it uses: it is near-instant, the pages belong to the page cache (shared by
every process that maps the same file: the bot, `nqbot ask`, a health check) and count in a process's
resident set only once touched. A member that is deflated (a zip rewritten by another tool) is read
into memory instead, as before.

The index file is only ever replaced by rename (index.store.atomic), never written in place: a process
that mapped the old file keeps a valid mapping of the old inode, unchanged, until it drops the index
(the kernel frees the old file's blocks when the last mapping goes). A reindex therefore never alters
the bytes under a running bot, and the bot's next `load_index` maps the new file.
"""

from __future__ import annotations

import io
import mmap
import os
import struct
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, overload

import numpy as np

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then file name and extra field lengths (30 bytes)
_LOCAL_SIGNATURE = b"PK\x03\x04"
_NPY_MAGIC = b"\x93NUMPY"
MAX_NPY_HEADER = 1 << 16  # numpy writes a few hundred bytes; a longer header is damage, not data
ALIGN = 64  # save_index starts .npy members at multiples of this (numpy pads its header to it too)
ALIGN_EXTRA_ID = 0xD935  # the zip extra field that pads a local header for alignment (zipalign's id)
_RELEASE_CHUNK = 1 << 23  # bytes checked between releases of the pages a validation touched


class Malformed(Exception):
    """Content no save_index writes; load_index turns it into an IndexFormatError naming the file."""


class MappedZip:
    """An index zip opened for loading: `zf` for its directory and small members, `mm` a read-only map
    of the whole file for the stored ones. The map outlives `close()` for as long as arrays or
    paragraphs made from it are referenced (the kernel keeps the file's pages mapped, not open)."""

    def __init__(self, path: Path) -> None:
        self._file: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by close()
        try:
            self.size = os.fstat(self._file.fileno()).st_size  # of the file opened, even if renamed over since
            self.mm: mmap.mmap | None = None
            if self.size:
                self.mm = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
            self.zf = zipfile.ZipFile(self._file)
        except BaseException:
            self._file.close()
            raise

    def close(self) -> None:
        self.zf.close()
        self._file.close()

    def __enter__(self) -> MappedZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stored(self, info: zipfile.ZipInfo) -> tuple[int, int] | None:
        """Where a member's bytes lie in the file, when it is stored (not deflated, not encrypted) and
        the file is mapped; None when it must be read through the zip instead."""
        if self.mm is None or info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
            return None
        header = self.mm[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
        if len(header) != _LOCAL_HEADER.size:
            raise Malformed(f"{info.filename}: local header out of the file")
        signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        if signature != _LOCAL_SIGNATURE:
            raise Malformed(f"{info.filename}: no local header where the directory says")
        start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
        if start + info.file_size > self.size:
            raise Malformed(f"{info.filename}: {info.file_size} bytes past the end of the file")
        return start, start + info.file_size

    def npy_header(self, info: zipfile.ZipInfo) -> tuple[tuple[int, ...], np.dtype, int, int]:
        """A .npy member's (shape, dtype, data offset in the member, data bytes), read from the map when
        the member is stored, else through the zip."""
        where = self.stored(info)
        if where is None:
            with self.zf.open(info) as member:
                return _read_npy_header(member, info)
        assert self.mm is not None
        start, end = where
        prefix = self.mm[start : min(end, start + 12)]  # magic, version, header length
        length = 0
        if len(prefix) >= 10 and prefix[:6] == _NPY_MAGIC:
            length = 10 + struct.unpack("<H", prefix[8:10])[0] if prefix[6] == 1 else 12 + struct.unpack(
                "<I", prefix[8:12].ljust(4, b"\0"))[0]
        head = self.mm[start : min(end, start + min(length, 12 + MAX_NPY_HEADER))]
        return _read_npy_header(io.BytesIO(head), info)

    def array(self, info: zipfile.ZipInfo, dtype: np.dtype, count: int, data_offset: int) -> np.ndarray:
        """The member's data as a read-only array: a view of the map when stored, else read."""
        where = self.stored(info)
        if where is None:
            with self.zf.open(info) as member:
                return np.lib.format.read_array(member, allow_pickle=False)
        return np.frombuffer(self.mm, dtype=dtype, count=count, offset=where[0] + data_offset)  # type: ignore[arg-type]

    def text(self, info: zipfile.ZipInfo) -> tuple[mmap.mmap | bytes, int, int]:
        """A text member as (buffer, start, end): the map and the member's range when stored, else its bytes."""
        where = self.stored(info)
        if where is None:
            data = self.zf.read(info)
            return data, 0, len(data)
        assert self.mm is not None
        return self.mm, where[0], where[1]


def _read_npy_header(stream: IO[bytes], info: zipfile.ZipInfo) -> tuple[tuple[int, ...], np.dtype, int, int]:
    version = np.lib.format.read_magic(stream)
    if version not in ((1, 0), (2, 0)):
        raise Malformed(f"{info.filename}: .npy version {version}")
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, _, dtype = read_header(stream)
    offset = stream.tell()
    return shape, dtype, offset, info.file_size - offset


def _mapping(array: Any) -> mmap.mmap | None:
    """The memory map an array's memory belongs to, if any (through its bases and memoryviews)."""
    while array is not None:
        if isinstance(array, mmap.mmap):
            return array
        array = array.base if isinstance(array, np.ndarray) else getattr(array, "obj", None)
    return None


def is_mapped(array: np.ndarray) -> bool:
    return _mapping(array) is not None


def release(array: np.ndarray) -> None:
    """Drop the pages of a mapped array from this process's resident set. They stay in the page cache
    (shared, clean: nothing is written back) and come back on the next touch; a validation that scans
    a whole array thus leaves RSS as it found it."""
    mm, advice = _mapping(array), getattr(mmap, "MADV_DONTNEED", None)
    if mm is None or advice is None or not array.nbytes or not hasattr(mm, "madvise"):
        return
    base = np.frombuffer(mm, dtype=np.uint8).ctypes.data
    start = array.ctypes.data - base
    first = start - start % mmap.PAGESIZE
    last = min(len(mm), start + array.nbytes + mmap.PAGESIZE - 1) // mmap.PAGESIZE * mmap.PAGESIZE
    if last > first:
        try:
            mm.madvise(advice, first, last - first)
        except (OSError, ValueError):  # an advice, never a failure
            pass


def chunks(array: np.ndarray) -> Iterator[np.ndarray]:
    """The array in slices of a few MB, each released (when mapped) once the caller is done with it."""
    step = max(1, _RELEASE_CHUNK // max(1, array.itemsize))
    for start in range(0, array.shape[0], step):
        part = array[start : start + step]
        yield part
        release(part)


def min_max(array: np.ndarray) -> tuple[int, int]:
    """Smallest and largest value of a non-empty integer array, scanned in released chunks."""
    low, high = int(array[0]), int(array[0])
    for part in chunks(array):
        low, high = min(low, int(part.min())), max(high, int(part.max()))
    return low, high


class Paragraphs(Sequence[str]):
    """The paragraph texts of an index, read-only, decoded on access from UTF-8 bytes (a memory map of
    the index file, or bytes in memory): text i is data[start + offsets[i] : start + offsets[i + 1] - 1]
    (every text ends with a newline, left out). Indexing with an int gives a str, with a slice a tuple;
    equal to any sequence of the same texts. Nothing is kept decoded: each access decodes again (a few
    hundred bytes), so the texts stay out of the heap until a sentence is quoted."""

    __slots__ = ("_data", "_start", "_offsets")

    def __init__(self, data: mmap.mmap | bytes, offsets: np.ndarray, start: int = 0) -> None:
        self._data, self._offsets, self._start = data, offsets, start

    @classmethod
    def of(cls, texts: Iterable[str]) -> Paragraphs:
        """Paragraphs held in memory, encoded once (as saved)."""
        data, offsets = encode(list(texts))
        return cls(data, offsets)

    def __len__(self) -> int:
        return self._offsets.shape[0] - 1

    @property
    def nbytes(self) -> int:
        """Bytes of UTF-8 text (newlines included)."""
        return int(self._offsets[-1]) if self._offsets.shape[0] else 0

    def _text(self, lo: int, hi: int) -> str:
        return self._data[self._start + lo : self._start + hi - 1].decode("utf-8", "replace")

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[str, ...]: ...

    def __getitem__(self, i: int | slice) -> str | tuple[str, ...]:
        n = len(self)
        if isinstance(i, slice):
            start, stop, step = i.indices(n)
            if step == 1:
                bounds = self._offsets[start : max(start, stop) + 1].tolist()
                return tuple(self._text(lo, hi) for lo, hi in zip(bounds, bounds[1:]))
            return tuple(self[k] for k in range(start, stop, step))
        k = i.__index__()
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError("paragraph index out of range")
        return self._text(int(self._offsets[k]), int(self._offsets[k + 1]))

    def __iter__(self) -> Iterator[str]:
        for begin in range(0, len(self), 4096):
            yield from self[begin : begin + 4096]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(other) == len(self) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]  # equal to lists and tuples, like a sequence

    def __repr__(self) -> str:
        return f"<Paragraphs: {len(self)} texts, {self.nbytes} bytes of UTF-8>"

    def __reduce__(self) -> tuple[Any, tuple[list[str]]]:
        return Paragraphs.of, (list(self),)  # pickled as the texts (a memory map is not picklable)

    def raw(self) -> tuple[bytes, np.ndarray]:
        """The stored form: UTF-8 texts each ending with a newline, and the offsets (len + 1)."""
        return bytes(self._data[self._start : self._start + self.nbytes]), np.asarray(self._offsets, dtype=np.int64)

    def span(self, start: int, stop: int) -> Paragraphs:
        """Texts start..stop-1 as Paragraphs of their own (their bytes copied, nothing decoded)."""
        lo, hi = int(self._offsets[start]), int(self._offsets[stop])
        data = bytes(self._data[self._start + lo : self._start + hi])
        return Paragraphs(data, np.asarray(self._offsets[start : stop + 1], dtype=np.int64) - lo)

    @classmethod
    def concat(cls, texts: Sequence[Sequence[str]]) -> Paragraphs:
        """The texts of several, in order, without decoding them (one copy of their bytes): a build joins
        its bulletins' texts so, instead of holding every paragraph as a str. Other sequences are encoded."""
        parts = [part if type(part) is Paragraphs else Paragraphs.of(part) for part in texts]
        offsets = np.zeros(sum(len(part) for part in parts) + 1, dtype=np.int64)
        at, end = 1, 0
        for part in parts:
            offsets[at : at + len(part)] = part._offsets[1:] - part._offsets[0] + end
            at, end = at + len(part), end + part.nbytes
        return cls(b"".join(part.stored() for part in parts), offsets)

    def stored(self) -> memoryview | bytes:
        """The UTF-8 bytes of the texts (each ending with a newline), not copied."""
        return memoryview(self._data)[self._start : self._start + self.nbytes]


def encode(texts: Sequence[str]) -> tuple[bytes, np.ndarray]:
    """Paragraph texts in their stored form: UTF-8, one text a line (each ending with a newline), and
    int64 offsets of where each begins (one more: the end)."""
    if isinstance(texts, Paragraphs):
        return texts.raw()
    encoded = [t.encode("utf-8") + b"\n" for t in texts]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return b"".join(encoded), offsets
