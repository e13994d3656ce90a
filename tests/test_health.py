"""`nqbot health` and the webhook server's /healthz (issue 10, Operations): the index loaded or loadable,
its age, corpus/index drift and the last reindex, with exit status / HTTP status for uptime checks.

The endpoint is served by the real tornado server of bot/telegram/webhook.py in the test's event loop,
beside a real Application (tests/support/harness.py); tests/e2e/test_health_e2e.py checks it on a real
`nqbot run --webhook`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import tornado.httpserver
from telegram import Update

from bot.cli import main
from bot.config import WebhookSettings
from bot.live import LiveIndex, ReindexResult, read_last_reindex, reindex_record_path
from bot.telegram.webhook import SECRET_HEADER, listen, web_app
from index.engine import open_engine
from index.errors import CorpusError
from tests.support.e2e import free_port
from tests.support.harness import ADMIN, Harness, running, settings
from tests.support.paths import SEED_DIR, SEED_FILE, TEST_CORPUS

HTX = "t06_hop-tac-xa.txt"
SECRET = "health-test_secret"


@pytest.fixture(scope="session")
def healthy_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus (the seed and one test bulletin) and its index, built once; tests work on copies."""
    site = tmp_path_factory.mktemp("health-site")
    (site / "corpus").mkdir()
    shutil.copy(SEED_DIR / SEED_FILE, site / "corpus")
    shutil.copy(TEST_CORPUS / HTX, site / "corpus")
    open_engine(site / "index.zip", [site / "corpus"])
    return site


@pytest.fixture
def site(healthy_site: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(healthy_site, tmp_path / "site"))


def health(site: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    code = main(["health", "--index", str(site / "index.zip"), "--corpus", str(site / "corpus"), *options])
    return code, capsys.readouterr().out


def health_json(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code, out = health(site, capsys, "--json")
    return code, json.loads(out)


def test_a_healthy_index_exits_0_with_its_age_and_counts(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = health_json(site, capsys)
    assert code == 0 and report["ok"] is True and report["problems"] == []
    index = report["index"]
    assert index["loaded"] and index["bulletins"] == 2 and index["paragraphs"] > 10
    assert index["built_at"] and index["age_seconds"] >= 0 and index["newest_bulletin"].startswith("2023-")
    assert report["corpus"]["matches_index"] is True and report["last_reindex"] is None
    code, text = health(site, capsys)
    assert code == 0 and text.splitlines()[0] == "nqbot: healthy"
    assert "2 bulletins" in text and "matches the index" in text and "last reindex: none recorded" in text


def test_a_missing_or_corrupt_index_exits_1_naming_the_problem(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "index.zip").unlink()
    code, report = health_json(site, capsys)
    assert code == 1 and report["ok"] is False and report["index"]["loaded"] is False
    assert report["problems"] == [f"index not loadable: {report['index']['error']}"]
    assert "no index" in report["problems"][0]
    (site / "index.zip").write_bytes(b"PK\x03\x04 not really a zip")
    before = sorted(site.rglob("*"))
    code, text = health(site, capsys)
    assert code == 1 and text.startswith("nqbot: UNHEALTHY: index not loadable: ")
    assert "Traceback" not in text and sorted(site.rglob("*")) == before  # health builds and writes nothing


def test_a_drifted_corpus_exits_1_naming_the_files(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = site / "corpus"
    shutil.copy(TEST_CORPUS / "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt", corpus)
    (corpus / HTX).unlink()
    code, report = health_json(site, capsys)
    assert code == 1 and report["problems"] == ["the corpus differs from the index: 1 added, 0 changed, 1 removed"]
    drift = report["corpus"]
    assert drift["matches_index"] is False and (drift["added"], drift["changed"], drift["removed"]) == (1, 0, 1)
    assert sorted(drift["files"]) == sorted(["t02_khu-cong-nghiep-thanh-loc-tac-cau.txt", HTX])
    code, text = health(site, capsys)
    assert code == 1 and "differs from the index: 1 added, 0 changed, 1 removed (t02_" in text


def test_a_missing_corpus_folder_is_unhealthy(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(site / "corpus")
    code, report = health_json(site, capsys)
    assert code == 1 and report["problems"][0].startswith("cannot compare the corpus with the index: ")


def test_the_config_names_the_index_and_corpus(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "nqbot.toml"
    config.write_text(f'[paths]\ncorpus = ["{site / "corpus"}"]\nindex = "{site / "index.zip"}"\n', encoding="utf-8")
    assert main(["health", "--config", str(config)]) == 0
    assert str(site / "index.zip") in capsys.readouterr().out
    (site / "index.zip").unlink()
    assert main(["health", "--config", str(config)]) == 1


def live_of(site: Path) -> LiveIndex:
    engine, _ = open_engine(site / "index.zip", [site / "corpus"], build_missing=False)
    return LiveIndex(engine, site / "index.zip", [site / "corpus"])


def test_the_bots_last_reindex_is_recorded_beside_the_index(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    live = live_of(site)
    shutil.copy(TEST_CORPUS / "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt", site / "corpus")
    live.reindex()
    assert live.last_reindex is not None and live.last_reindex == read_last_reindex(site / "index.zip")
    code, report = health_json(site, capsys)
    last = report["last_reindex"]
    assert code == 0 and last["ok"] is True and (last["bulletins"], last["added"], last["failed"]) == (3, 1, 0)
    for name in ("t02_khu-cong-nghiep-thanh-loc-tac-cau.txt", HTX, SEED_FILE):
        (site / "corpus" / name).unlink()  # no usable bulletin left: the build fails, the old index serves
    with pytest.raises(CorpusError, match="no usable bulletin"):
        live.reindex()
    code, text = health(site, capsys)
    assert code == 1 and "last reindex: " in text and ": FAILED: " in text and "no usable bulletin" in text
    assert reindex_record_path(site / "index.zip") == site / "index.reindex.json"


def test_an_unreadable_reindex_record_is_ignored(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for junk in (b"[1, 2]", b"{\"ok\": true}", b"\xff", json.dumps({**ReindexResult.failure(OSError(28, "full"), 1.0)
                                                                      .to_json(), "ok": "yes"}).encode()):
        reindex_record_path(site / "index.zip").write_bytes(junk)
        code, report = health_json(site, capsys)
        assert code == 0 and report["last_reindex"] is None


# The endpoint: served by bot/telegram/webhook.py's tornado server beside a real Application.


@pytest.fixture
async def served(site: Path) -> AsyncIterator[tuple[Harness, LiveIndex, str]]:
    """The bot on a copy of the site (ADMIN is its admin), its webhook server on a free port, and that port's URL."""
    live = live_of(site)
    async with running(live.engine, settings(admins={"ids": [ADMIN["id"]]}), live) as harness:
        hook = WebhookSettings(listen="127.0.0.1", port=free_port())
        server: tornado.httpserver.HTTPServer = listen(web_app(harness.app, live, "nqbot/hook", SECRET), hook)
        try:
            yield harness, live, f"http://127.0.0.1:{hook.port}"
        finally:
            server.stop()
            await server.close_all_connections()


async def test_healthz_is_200_when_healthy_and_503_on_drift(served: tuple[Harness, LiveIndex, str]) -> None:
    _, live, base = served
    async with httpx.AsyncClient(timeout=30) as http:
        ok = await http.get(f"{base}/healthz")
        assert ok.status_code == 200 and ok.headers["content-type"].startswith("application/json")
        report = ok.json()
        assert report["ok"] is True and report["index"]["bulletins"] == 2 and report["index"]["loaded"] is True
        shutil.copy(TEST_CORPUS / "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt", live.corpus[0])
        drifted = await http.get(f"{base}/healthz")
        assert drifted.status_code == 503 and drifted.json()["corpus"]["files"] == [
            "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt"]
        head = await http.head(f"{base}/healthz")
        assert head.status_code == 503 and head.content == b""


async def test_healthz_reports_the_last_reindex_run_by_reindex(served: tuple[Harness, LiveIndex, str]) -> None:
    harness, live, base = served
    shutil.copy(TEST_CORPUS / "t02_khu-cong-nghiep-thanh-loc-tac-cau.txt", live.corpus[0])
    await harness.send("/reindex", user=ADMIN)
    async with httpx.AsyncClient(timeout=30) as http:
        response = await http.get(f"{base}/healthz")
    last = response.json()["last_reindex"]
    assert response.status_code == 200 and last["ok"] is True and (last["bulletins"], last["added"]) == (3, 1)


async def test_the_webhook_beside_it_takes_only_updates_with_the_secret(served: tuple[Harness, LiveIndex, str]) -> None:
    harness, _, base = served
    update = {"update_id": 5, "message": harness.message("/start")}
    async with httpx.AsyncClient(timeout=30) as http:
        assert (await http.post(f"{base}/nqbot/hook", json=update)).status_code == 403
        wrong = {SECRET_HEADER: "not-the-secret"}
        assert (await http.post(f"{base}/nqbot/hook", json=update, headers=wrong)).status_code == 403
        right = {SECRET_HEADER: SECRET}
        assert (await http.post(f"{base}/nqbot/hook", content=b"[not json", headers=right)).status_code == 400
        assert (await http.post(f"{base}/nqbot/hook", json=[1], headers=right)).status_code == 400
        assert (await http.post(f"{base}/nqbot/hook", json=update, headers=right)).status_code == 200
        assert (await http.get(f"{base}/elsewhere")).status_code == 404
    queued = harness.app.update_queue.get_nowait()
    assert isinstance(queued, Update) and queued.update_id == 5 and harness.app.update_queue.empty()
