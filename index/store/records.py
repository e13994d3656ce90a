"""bulletins.json and the small JSON members of an index file: written as plain objects, read back
with every type checked (a damaged or hostile file is `Malformed`, never another exception)."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from typing import Any

from index.store.mapped import Malformed as _Malformed
from index.store.snapshot import BulletinRecord


def record_json(record: BulletinRecord) -> dict:
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
        "facilities": record.facilities,
    }


def read_json(zf: zipfile.ZipFile, name: str) -> Any:
    try:
        return json.loads(zf.read(name))
    except RecursionError:
        raise _Malformed(f"{name} is nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError
        raise _Malformed(f"{name} is not valid JSON ({exc})") from None


def typed(raw: dict, key: str, kinds: type | tuple[type, ...], where: str) -> Any:
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, kinds):  # bool is an int to isinstance
        raise _Malformed(f"{where}: {key} is {type(value).__name__} {str(value)[:40]!r}")
    return value


def naive(value: Any, where: str) -> datetime:
    """A stored date: ISO text of a naive datetime (Vietnam local time, see index.bulletins.dates)."""
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        raise _Malformed(f"{where} is {str(value)[:40]!r}, not a date without UTC offset")
    return moment


_OPTIONAL = (str, type(None))
_RECORD_KINDS: dict[str, type | tuple[type, ...]] = {
    "file": str, "title": str, "url": _OPTIONAL, "published": _OPTIONAL, "credit": _OPTIONAL,
    "fingerprint": str, "first": int, "count": int, "stops": dict, "size": int, "mtime_ns": int,
    "facilities": (dict, type(None)),
}
# The same, as exact types: what json.loads gives is exactly one of these (bool is not int here), so a
# record whose every value has one of them passes typed too; the others go through typed for its message.
_EXACT = tuple((key, frozenset(kinds if isinstance(kinds, tuple) else (kinds,)))
               for key, kinds in _RECORD_KINDS.items())


def _record(raw: Any, number: int, first: int) -> BulletinRecord:
    """One bulletins.json entry, checked: types, a naive date, and paragraphs right after the previous one's."""
    where = f"bulletins.json entry {number}"
    if not isinstance(raw, dict):
        raise _Malformed(f"{where} is not an object")
    # absent from indexes written before they existed
    raw = {"stops": {}, "size": 0, "mtime_ns": 0, "facilities": None, **raw}
    v = {key: raw.get(key) for key, _ in _EXACT}
    if not all(type(v[key]) in kinds for key, kinds in _EXACT):
        v = {key: typed(raw, key, kinds, where) for key, kinds in _RECORD_KINDS.items()}
    if v["first"] != first or v["count"] < 0:
        raise _Malformed(f"{where}: paragraphs {v['first']}+{v['count']} do not follow the previous bulletin's")
    if not all(type(n) is int for n in v["stops"].values()):  # JSON numbers: int, float or bool (not int here)
        raise _Malformed(f"{where}: stops are not counts")
    if not _facilities(v["facilities"]):
        raise _Malformed(f"{where}: facilities are not lists of names")
    published = None if v["published"] is None else naive(v["published"], f"{where} published")
    return BulletinRecord(v["file"], v["title"], v["url"], published, v["credit"], v["fingerprint"], first,
                          v["count"], v["stops"], v["size"], v["mtime_ns"], v["facilities"])


def _facilities(value: Any) -> bool:
    """None, or kind -> a list of names (strings)."""
    return value is None or all(type(names) is list and all(type(n) is str for n in names)
                                for names in value.values())


def read_records(zf: zipfile.ZipFile, expected: int) -> tuple[BulletinRecord, ...]:
    raw = read_json(zf, "bulletins.json")
    if not isinstance(raw, list) or len(raw) != expected:
        raise _Malformed(f"bulletins.json is not a list of the {expected} bulletins params.json counts")
    records, first = [], 0
    for number, entry in enumerate(raw):
        records.append(_record(entry, number, first))
        first += records[-1].count
    return tuple(records)
