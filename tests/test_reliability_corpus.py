"""Reliability of corpus changes, the index and the files nqbot writes, without Telegram (issue 10).

Races are forced, not hoped for: a barrier inside the conflict check makes two saves meet there
unless the corpus lock keeps the second one out (then the first waits out the barrier's timeout
and goes on alone). Processes are killed with SIGKILL and their leftovers checked by polling.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import corpus_admin
from bot.corpus_admin import (
    TRASH,
    add_bulletin,
    check_bulletin,
    find_bulletins,
    find_conflicts,
    pasted_bulletin,
    remove_bulletin,
    restore_bulletin,
    save,
)
from bot.corpus_lock import LOCK_FILE, CorpusChangeError, CorpusWriteError, corpus_lock
from bot.live import Drift, corpus_drift
from bot.questionlog import open_question_log
from index.engine import open_engine
from index.store.atomic import sweep_temporaries, write_exclusively
from index.store.format import delta_path
from tests.support.paths import ROOT, SEED_DIR, SEED_FILE, TEST_CORPUS
from tests.support.sites import CHANGED, NEW, live_index, make_read_only, meet_inside

HTX = "t06_hop-tac-xa.txt"
PATIENCE = 60.0  # seconds a poll waits for a process before the test fails


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads at the same time; each one's result or CorpusChangeError."""
    results: list[Any] = [None] * len(calls)

    def run(n: int) -> None:
        try:
            results[n] = calls[n]()
        except CorpusChangeError as exc:
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def writable_again() -> Iterator[list[Path]]:
    """Folders a test made read-only with chmod get their write bit back (so tmp_path can be removed)."""
    folders: list[Path] = []
    yield folders
    for folder in folders:
        folder.chmod(0o755)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != LOCK_FILE}


# Item 2: one lock around the conflict check and the write; a save that is not a replace never overwrites.


def test_two_saves_of_one_name_at_once_one_is_saved_and_the_other_conflicts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first, second = check_bulletin("cang.txt", NEW), check_bulletin("cang.txt", CHANGED)
    meet_inside(monkeypatch, "find_conflicts")
    results = at_once(lambda: save([corpus], None, first, NEW), lambda: save([corpus], None, second, CHANGED))
    saved = [n for n, r in enumerate(results) if isinstance(r, corpus_admin.Saved)]
    refused = [r for r in results if isinstance(r, CorpusChangeError)]
    assert len(saved) == 1 and len(refused) == 1, results
    assert "cang.txt (name)" in str(refused[0])
    assert (corpus / "cang.txt").read_bytes() == (NEW, CHANGED)[saved[0]]
    assert not (corpus / TRASH).exists()  # nothing was replaced, so nothing needed the trash


def test_two_removals_of_one_file_at_once_one_moves_it_the_other_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(NEW)
    meet_inside(monkeypatch, "_free_name")
    results = at_once(lambda: remove_bulletin(corpus, "a.txt"), lambda: remove_bulletin(corpus, "a.txt"))
    assert sorted(map(type, results), key=str) == sorted([str, CorpusChangeError], key=str), results
    assert sorted(p.name for p in (corpus / TRASH).iterdir()) == ["a.txt"]


def test_the_corpus_lock_excludes_another_process(tmp_path: Path) -> None:
    probe = [sys.executable, "-c", "import fcntl, os, sys\n"
             "fcntl.flock(os.open(sys.argv[1], os.O_RDONLY), fcntl.LOCK_EX | fcntl.LOCK_NB)", str(tmp_path / LOCK_FILE)]
    with corpus_lock(tmp_path):
        held = subprocess.run(probe, capture_output=True, text=True, timeout=60)
    free = subprocess.run(probe, capture_output=True, text=True, timeout=60)
    assert held.returncode != 0 and "BlockingIOError" in held.stderr
    assert free.returncode == 0, free.stderr


def test_a_save_never_overwrites_a_file_that_appeared_after_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cang.txt").write_bytes(CHANGED)  # copied in by hand, unseen by the check below
    monkeypatch.setattr(corpus_admin, "find_conflicts", lambda *args, **kwargs: [])
    with pytest.raises(CorpusChangeError, match="cang.txt"):
        save([corpus], None, check_bulletin("cang.txt", NEW), NEW)
    assert sorted(p.name for p in corpus.iterdir()) == [LOCK_FILE, "cang.txt"]  # no temporary file left
    assert (corpus / "cang.txt").read_bytes() == CHANGED
    with pytest.raises(FileExistsError):
        write_exclusively(corpus / "cang.txt", lambda out: out.write(NEW))


def test_replace_replaces_only_the_conflicts_the_admin_was_shown(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cang.txt").write_bytes(NEW)
    upload = check_bulletin("cang-moi.txt", CHANGED)  # same URL as cang.txt
    shown = [c.file for _, c in find_conflicts([corpus], None, upload)]
    (corpus / "cang-2.txt").write_bytes(NEW.replace(b"5/9/2023", b"6/9/2023"))  # another, after the admin looked
    with pytest.raises(CorpusChangeError, match=r"cang-2.txt \(url\)"):
        save([corpus], None, upload, CHANGED, replacing=shown)
    assert not (corpus / "cang-moi.txt").exists() and not (corpus / TRASH).exists()


# Item 9: made-up names are unique; conflicts come from the serving index, not from reading the corpus.


def _pasted(url: str, title: str) -> bytes:
    return f"{url}\n{title}\nNgày 5/9/2023\nSáng 5/9, tỉnh khởi công cảng biển với tổng vốn 2.700 tỷ đồng.\n".encode()


SHARED = "Tỉnh Kiên Giang triển khai kế hoạch phát triển kinh tế biển giai đoạn 2021 - 2025 tầm nhìn đến năm 2030"


def test_pasted_bulletins_are_named_by_date_title_and_a_hash_of_their_url() -> None:
    one = pasted_bulletin(_pasted("https://tin.example.test/a", f"{SHARED} tại Kiên Lương"), 10_000)
    two = pasted_bulletin(_pasted("https://tin.example.test/b", f"{SHARED} tại Kiên Hải"), 10_000)
    again = pasted_bulletin(_pasted("https://tin.example.test/a", f"{SHARED} tại Kiên Lương"), 10_000)
    assert one.file != two.file and one.file == again.file
    assert one.file.startswith("2023-09-05_tinh-kien-giang-trien-khai") and one.file.endswith(".txt")
    assert len(one.file) <= 90


def test_a_clash_of_made_up_names_is_no_conflict_and_gets_a_number(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pasted = pasted_bulletin(_pasted("https://tin.example.test/a", SHARED), 10_000)
    (corpus / pasted.file).write_bytes(_pasted("https://tin.example.test/other", SHARED))
    assert find_conflicts([corpus], None, pasted, generated=True) == []
    saved = save([corpus], None, pasted, b"new", generated=True)
    assert saved.file == pasted.file.removesuffix(".txt") + "-2.txt" and (corpus / saved.file).read_bytes() == b"new"
    assert [c.reason for _, c in find_conflicts([corpus], None, pasted, generated=False)] == ["name"]


def test_saving_reads_only_the_files_the_index_does_not_know(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = live_index(tmp_path, (HTX, "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt"))
    corpus, index = live.corpus[0], live.engine.index
    (corpus / "chua-lap-chi-muc.txt").write_bytes(CHANGED)  # saved since the last reindex
    new = check_bulletin("cang.txt", NEW)
    same_url_as_htx = check_bulletin("htx.txt", (TEST_CORPUS / HTX).read_bytes())
    parsed: list[str] = []
    real = corpus_admin.parse_bulletin
    monkeypatch.setattr(corpus_admin, "parse_bulletin", lambda name, data: parsed.append(name) or real(name, data))
    assert [(c.file, c.reason) for _, c in find_conflicts(live.corpus, index, new)] == [
        ("chua-lap-chi-muc.txt", "url")]
    assert [(c.file, c.reason) for _, c in find_conflicts(live.corpus, index, same_url_as_htx)] == [(HTX, "url")]
    save(live.corpus, index, same_url_as_htx, b"x", replacing=[HTX])
    assert set(parsed) == {"chua-lap-chi-muc.txt"}  # no indexed bulletin was read


# Item 3: the index is compared with the corpus, and rebuilt when they differ.


def test_corpus_drift_compares_names_then_size_and_mtime_then_fingerprints(tmp_path: Path) -> None:
    live = live_index(tmp_path, (HTX, "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt"))
    corpus, index = live.corpus[0], live.engine.index
    assert corpus_drift(live.corpus, index) == Drift() and Drift().clean
    seed = corpus / SEED_FILE
    os.utime(seed, ns=(seed.stat().st_atime_ns, seed.stat().st_mtime_ns + 10**9))  # touched, same bytes
    assert corpus_drift(live.corpus, index).clean
    (corpus / HTX).write_bytes((corpus / HTX).read_bytes().replace(b"412 HTX", b"415 HTX"))
    (corpus / "cang.txt").write_bytes(NEW)
    (corpus / "rac.txt").write_bytes(b"\x00 binary")  # never indexable: no drift
    (corpus / "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt").unlink()
    drift = corpus_drift(live.corpus, index)
    assert drift == Drift(("cang.txt",), (HTX,), ("t02_khu-cong-nghiep-thanh-loc-tac-cau.txt",))
    assert not drift.clean


def test_drift_is_repaired_at_once_and_after_a_reload(tmp_path: Path) -> None:
    live = live_index(tmp_path)
    corpus = live.corpus[0]
    stale = live.index_path.read_bytes()
    assert live.repair_drift() is None
    (corpus / "cang.txt").write_bytes(NEW)  # saved, then the process was killed before its reindex
    repair = live.repair_drift()
    assert repair is not None and repair.drift.added == ("cang.txt",) and repair.error is None
    assert repair.report is not None and [r.file for r in repair.report.with_status("added")] == ["cang.txt"]
    assert live.engine.index.by_file("cang.txt") is not None and live.repair_drift() is None
    heard: list[Any] = []
    live.on_repair = heard.append
    (tmp_path / "old.zip").write_bytes(stale)  # an older index file put back (another inode), without the
    os.replace(tmp_path / "old.zip", live.index_path)  # delta the repair wrote beside it
    delta_path(live.index_path).unlink()
    assert live.reload_if_changed()
    assert [r.drift.added for r in heard] == [("cang.txt",)]
    assert live.engine.index.by_file("cang.txt") is not None


def test_a_failed_repair_is_reported_not_raised(tmp_path: Path) -> None:
    live = live_index(tmp_path)
    (live.corpus[0] / SEED_FILE).unlink()  # no usable bulletin left: the reindex must fail
    before = live.engine
    repair = live.repair_drift()
    assert repair is not None and repair.drift.removed == (SEED_FILE,) and repair.report is None
    assert repair.error and "no usable bulletin" in repair.error and live.engine is before


# Item 13: private files stay private; bulletins get the folder's permissions.


def test_the_question_log_and_its_wal_and_shm_are_created_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask, under which SQLite would create them 0644
    try:
        log = open_question_log(tmp_path / "questions.sqlite")
        log.log(1, "private", "GRDP 2030?", True, None, None, 1.0)
        files = sorted(tmp_path.iterdir())
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in files}
        log.close()
        (tmp_path / "old").mkdir()
        older = tmp_path / "old" / "questions.sqlite"
        older.touch(mode=0o644)
        older.chmod(0o644)
        open_question_log(older).close()
    finally:
        os.umask(old)
    assert {"questions.sqlite", "questions.sqlite-wal", "questions.sqlite-shm"} <= set(modes)
    assert set(modes.values()) == {0o600}, {n: oct(m) for n, m in modes.items()}
    assert stat.S_IMODE(older.stat().st_mode) == 0o600  # a log made before is made private too


def test_saved_bulletins_get_the_permissions_of_the_folders_bulletins(tmp_path: Path) -> None:
    empty, shared = tmp_path / "empty", tmp_path / "shared"
    empty.mkdir()
    shared.mkdir()
    (shared / "a.txt").write_bytes(CHANGED.replace(b"cang-bien-moi", b"khac"))
    (shared / "a.txt").chmod(0o640)
    add_bulletin(empty, check_bulletin("cang.txt", NEW), NEW)
    add_bulletin(shared, check_bulletin("cang.txt", NEW), NEW)
    assert stat.S_IMODE((empty / "cang.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((shared / "cang.txt").stat().st_mode) == 0o640
    (shared / "cang.txt").chmod(0o604)
    add_bulletin(shared, check_bulletin("cang.txt", CHANGED), CHANGED, replace=True)  # in place: keeps its mode
    assert stat.S_IMODE((shared / "cang.txt").stat().st_mode) == 0o604
    assert (shared / "cang.txt").read_bytes() == CHANGED and (shared / TRASH / "cang.txt").read_bytes() == NEW


# Item 12 (second half): a read-only corpus folder is a named error, and nothing changes.


def test_a_read_only_corpus_refuses_changes_with_a_named_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writable_again: list[Path]
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / TRASH).mkdir(parents=True)
    (corpus / "a.txt").write_bytes(NEW)
    (corpus / TRASH / "b.txt").write_bytes(CHANGED.replace(b"cang-bien-moi", b"khac"))
    before = snapshot(corpus)
    make_read_only(corpus, monkeypatch)
    writable_again.append(corpus)
    changes = [lambda: save([corpus], None, check_bulletin("c.txt", b"https://x.test/c\nTitle\n\nBody."), b"c"),
               lambda: remove_bulletin(corpus, "a.txt"), lambda: restore_bulletin(corpus, "b.txt")]
    for change in changes:
        with pytest.raises(CorpusWriteError) as caught:
            change()
        assert caught.value.read_only and caught.value.folder == corpus
    monkeypatch.undo()
    assert snapshot(corpus) == before


def test_a_query_too_long_for_a_file_name_is_looked_up_as_words(tmp_path: Path) -> None:
    live = live_index(tmp_path, (HTX,))
    folders, index = live.corpus, live.engine.index
    long_words = "hợp tác xã kiểu mới " * 20  # 400 bytes: more than a file name may hold (ENAMETOOLONG)
    assert find_bulletins(folders, index, long_words) == []
    assert find_bulletins(folders, index, "x" * 256 + ".txt") == []
    assert [found.name for found in find_bulletins(folders, index, HTX)] == [HTX]  # a real name still is one


# Item 5: pool workers die with their parent; a killed write leaves no temporary file for good.


def _stuck_work(document: Any) -> Any:
    """A pool job that never ends and ignores SIGTERM, as a worker deep in pyvi seems to."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    while True:
        time.sleep(60)


def _record_worker(scratch: str, parent: int) -> None:
    (Path(os.environ["NQBOT_TEST_WORKERS"]) / str(os.getpid())).touch()


_BUILD_WITH_STUCK_WORKERS = """
import sys
import index.store.pool as pool
import tests.test_reliability_corpus as t
pool.PARALLEL_FROM = 1
pool.os.sched_getaffinity = lambda pid: {0, 1}
pool._work = t._stuck_work
real_start = pool._start_worker
pool._start_worker = lambda scratch, parent: (real_start(scratch, parent), t._record_worker(scratch, parent))
from bot.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _running(pid: int) -> bool:
    """Alive and not a zombie (a killed worker re-parented to a PID 1 that does not reap stays one)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _poll(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_pool_workers_die_when_the_build_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TEST_CORPUS, corpus)
    workers = tmp_path / "workers"
    workers.mkdir()
    build = subprocess.Popen(
        [sys.executable, "-c", _BUILD_WITH_STUCK_WORKERS, "index", "--corpus", str(corpus),
         "--index", str(tmp_path / "index.zip")],
        cwd=ROOT, env={**os.environ, "NQBOT_TEST_WORKERS": str(workers)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        assert _poll(lambda: len(list(workers.iterdir())) == 2), "the pool never started"
        pids = [int(p.name) for p in workers.iterdir()]
        assert all(_running(pid) for pid in pids)
    finally:
        build.kill()
        build.wait()
    survivors = lambda: [pid for pid in pids if _running(pid)]  # noqa: E731
    try:
        assert _poll(lambda: not survivors()), f"workers {survivors()} outlived the killed build"
    finally:
        for pid in survivors():
            os.kill(pid, signal.SIGKILL)


_WRITE_FOREVER = """
import sys, time
from pathlib import Path
from index.store.atomic import write_atomically

def write(out):
    out.write(b"PK half an index")
    out.flush()
    print("writing", flush=True)
    while True:
        time.sleep(60)

write_atomically(Path(sys.argv[1]), write)
"""


def _writer(index_path: Path) -> subprocess.Popen[str]:
    writer = subprocess.Popen([sys.executable, "-c", _WRITE_FOREVER, str(index_path)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
    return writer


def test_a_write_killed_midway_leaves_no_temporary_file_after_the_next_start(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_DIR / SEED_FILE, corpus)
    index_path = tmp_path / "var" / "index.zip"
    open_engine(index_path, [corpus])
    temporaries = lambda: sorted(p.name for p in index_path.parent.glob(".index.zip.*.tmp"))  # noqa: E731
    live_writer = _writer(index_path)
    try:
        killed = _writer(index_path)
        killed.kill()
        killed.wait()
        assert len(temporaries()) == 2
        open_engine(index_path, [corpus])  # a start: sweeps what the killed writer left
        assert len(temporaries()) == 1  # the live writer's file is its own, and stays
        assert sweep_temporaries(index_path) == []
    finally:
        live_writer.kill()
        live_writer.wait()
    open_engine(index_path, [corpus])
    assert temporaries() == []
