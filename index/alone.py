"""`nqbot eval --alone`: each bulletin alone beside the base corpus, as in a deployment's first days.

The index then holds the shipped corpus and one bulletin. The bulletin's own questions should be answered; the
questions of other bulletins, whose answers it does not hold, should get "no answer". A small corpus is where a
confident wrong answer comes most easily: its few sentences match a question's common words (on the shipped seed
alone, its one rate, "Tỷ lệ đô thị hóa đạt từ 50-55%", had answered every "tỷ lệ ... năm 2030").
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from index.engine import open_engine
from index.evaluation import EvalQuestion, KindScore, Verdict, kind_score, verdict
from index.retrieval.embed import Embedder


@dataclass(frozen=True)
class AloneReport:
    own: KindScore  # each bulletin's own questions, asked with it alone
    foreign: KindScore  # other bulletins' questions asked there: a hit is "no answer", a wrong one any quote
    bulletins: int


def run_alone(base: Sequence[Path], bulletins: Path, questions: Sequence[EvalQuestion], work: Path,
              lexicon_path: Path | None = None, embedder: Embedder | None = None) -> AloneReport:
    """Index `base` with each bulletin of `bulletins` that questions are about, one at a time (in `work`); ask
    its own questions, then those of the next bulletin (often the same author's topic) and of the one halfway
    round the list."""
    docs = sorted({q.doc for q in questions if q.doc and (bulletins / q.doc).is_file()})
    about = {doc: [q for q in questions if q.doc == doc] for doc in docs}
    own: Counter[Verdict] = Counter()
    foreign: Counter[Verdict] = Counter()
    for i, doc in enumerate(docs):
        folder = work / f"bulletin-{i}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(bulletins / doc, folder / doc)
        engine, _ = open_engine(work / f"bulletin-{i}.zip", [*base, folder], lexicon_path, embedder=embedder)
        own.update(verdict(q, engine.ask(q.q)) for q in about[doc])
        for other in {docs[(i + 1) % len(docs)], docs[(i + len(docs) // 2) % len(docs)]} - {doc}:
            foreign.update(Verdict.WRONG if engine.ask(q.q).best else Verdict.HIT for q in about[other])
    return AloneReport(kind_score(own), kind_score(foreign), len(docs))


def alone_text(report: AloneReport) -> str:
    own, foreign = report.own, report.foreign
    rows = [("its own questions", own, f"{own.rate(own.declined):>9.2f}"), ("other bulletins' questions", foreign, "")]
    return "\n".join([
        f"each of {report.bulletins} bulletins alone beside the base corpus",
        f"{'':<27}{'total':>6}{'hit':>7}{'wrong':>7}{'declined':>9}",
        *(f"{name:<27}{s.total:>6}{s.rate(s.hits):>7.2f}{s.rate(s.wrong):>7.2f}{tail}" for name, s, tail in rows),
    ])
