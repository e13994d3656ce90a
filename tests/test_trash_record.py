"""The trash's record (bot/trash.py) through the real corpus changes of bot/corpus_admin.py: versions,
when and why each went to the trash, and a listing that survives a missing or broken record."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.corpus_admin import TRASH, check_bulletin, remove_bulletin, restore_bulletin, save
from bot.trash import DELETED, RECORD, REPLACED, find_in_trash, trash_entries
from tests.support.sites import CHANGED, NEW


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes(NEW)
    return folder


def test_removed_and_replaced_versions_are_recorded_and_a_restore_is_forgotten(corpus: Path) -> None:
    remove_bulletin(corpus, "a.txt")  # a.txt, removed
    (corpus / "a.txt").write_bytes(NEW)
    save([corpus], None, check_bulletin("a.txt", CHANGED), CHANGED, replacing=("a.txt",))  # a.2.txt, replaced
    entries = trash_entries([corpus])
    assert [(e.name, e.original, e.reason) for e in entries] == [("a.2.txt", "a.txt", REPLACED),
                                                                ("a.txt", "a.txt", DELETED)]
    assert entries[0].trashed_at > entries[1].trashed_at and entries[0].blocked
    assert restore_bulletin(corpus, "a.txt", replace=True) == "a.txt"  # the file there goes to the trash
    assert (corpus / "a.txt").read_bytes() == NEW
    record = json.loads((corpus / RECORD).read_text(encoding="utf-8"))
    assert set(record["files"]) == {"a.2.txt", "a.3.txt"} == {p.name for p in (corpus / TRASH).iterdir()}
    assert record["files"]["a.3.txt"]["reason"] == REPLACED


def test_the_original_name_means_the_newest_version(corpus: Path) -> None:
    for data in (NEW, CHANGED):
        (corpus / "a.txt").write_bytes(data)
        remove_bulletin(corpus, "a.txt")
    newest = find_in_trash([corpus], "a.txt")
    assert newest.by_original and newest.total == 2 and [e.name for e in newest.entries] == ["a.2.txt", "a.txt"]
    assert newest.entries[0].title == "Khởi công cảng biển nước sâu thử nghiệm tại Kiên Lương"
    one = find_in_trash([corpus], "a.2.txt")
    assert not one.by_original and [e.name for e in one.entries] == ["a.2.txt"]
    assert find_in_trash([corpus], "zzz").total == 0 and find_in_trash([corpus]).total == 2


def test_files_the_record_does_not_know_are_still_listed(corpus: Path, caplog: pytest.LogCaptureFixture) -> None:
    (corpus / TRASH).mkdir()
    (corpus / TRASH / "old.4.txt").write_bytes(NEW)  # trashed by an older nqbot
    (corpus / RECORD).write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        [entry] = trash_entries([corpus])
    assert (entry.name, entry.original, entry.reason) == ("old.4.txt", "old.txt", None)
    assert "ignoring the trash record" in caplog.text
    remove_bulletin(corpus, "a.txt")  # a broken record is rewritten, never a reason to refuse
    assert {e.name: e.reason for e in trash_entries([corpus])} == {"a.txt": DELETED, "old.4.txt": None}
