"""The 100-user load test on a 10,000-paragraph corpus (issue 6, "Telegram under load").

The corpus is the deterministic synthetic one of `benchmarks.generate`. Every message must get its
reply, and each reply must be what the composer answers on the same index (the quoted bulletin's
link, or the plain "no answer"); speed is only measured, against an echo bot in the same run, and
written to var/e2e-throughput-10k.json.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_load_e2e import PER_USER, USERS, Expected, _echoed, _measure

from benchmarks.generate import questions, write_corpus
from index.answer.plain import EMPTY_QUESTION, NO_ANSWER
from index.engine import Engine, rebuild
from index.terms.lexicon import load_lexicon
from tests.support.e2e import HERE, ROOT, nqbot_command, write_config
from tests.support.telegram_html import check_message

pytestmark = pytest.mark.slow

PARAGRAPHS = 10_000
BOT_TOKEN = "727272:e2e-load10k_bot"
ECHO_TOKEN = "828282:e2e-load10k_echo"
RESULTS = ROOT / "var" / "e2e-throughput-10k.json"


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Engine]:
    folder = tmp_path_factory.mktemp("corpus10k")
    write_corpus(PARAGRAPHS, folder / "corpus", seed=1)
    lexicon = load_lexicon()
    index, report = rebuild([folder / "corpus"], folder / "index.zip", lexicon)
    assert report.paragraphs >= PARAGRAPHS and not report.failed
    return folder / "corpus", folder / "index.zip", Engine(index, lexicon)


def _expected(engine: Engine) -> list[Expected]:
    out = []
    for q in questions(PARAGRAPHS, seed=1, count=USERS * PER_USER):
        answer = engine.ask(q.q)
        record = engine.index.by_file(answer.file) if answer.answered and answer.file else None
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


async def test_100_users_on_10k_paragraphs_every_message_answered_and_measured_against_echo(
    emulator: str, corpus_index: tuple[Path, Path, Engine], http: httpx.AsyncClient, tmp_path: Path
) -> None:
    corpus, index, engine = corpus_index
    pool = _expected(engine)
    plan = [pool[user * PER_USER : (user + 1) * PER_USER] for user in range(USERS)]
    config = write_config(tmp_path, emulator, index, corpora=[corpus])
    echo_rate, _ = await _measure([sys.executable, str(HERE / "echo_bot.py"), str(config)], ECHO_TOKEN, tmp_path,
                                  emulator, http, plan, _echoed)
    bot_rate, bot = await _measure(nqbot_command(config), BOT_TOKEN, tmp_path, emulator, http, plan, _as_composed)
    bot.assert_clean_log()
    figures = {"paragraphs": len(engine.index.paragraphs), "users": USERS, "questions_per_user": PER_USER,
               "bot_msgs_per_s": round(bot_rate, 1), "echo_msgs_per_s": round(echo_rate, 1),
               "ratio": round(bot_rate / echo_rate, 2)}
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"\nthroughput on {PARAGRAPHS:,} paragraphs: {figures}")
