"""`nqbot eval`: per question kind, the share of right answers, wrong answers (and of those, the ones given
without a caution: confident wrong answers) and wrong declines."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from index.answer.model import Answer
from index.engine import Engine
from index.errors import NqbotError
from index.text import nfc


class EvalQuestion(BaseModel):
    """One line of the question set. `doc` null means the right answer is "no answer"."""

    model_config = ConfigDict(extra="ignore")

    id: str
    q: str
    kind: str
    doc: str | None = None
    must: str | None = None


class Verdict(StrEnum):
    """How an answer fares against its question: right, a confident wrong quote, or a wrong "no answer"."""

    HIT = "hit"
    WRONG = "wrong"  # answered, but not the expected bulletin and phrase (or answered an unanswerable question)
    DECLINED = "declined"  # said "no answer" to an answerable question


@dataclass(frozen=True)
class Outcome:
    question: EvalQuestion
    answer: Answer
    verdict: Verdict

    @property
    def hit(self) -> bool:
        return self.verdict is Verdict.HIT


@dataclass(frozen=True)
class KindScore:
    total: int
    hits: int
    wrong: int
    declined: int
    confident_wrong: int = 0  # wrong answers given without the caution of an unsure answer

    def rate(self, count: int) -> float:
        return count / self.total if self.total else 0.0


@dataclass(frozen=True)
class EvalReport:
    outcomes: tuple[Outcome, ...]

    def scores(self) -> dict[str, KindScore]:
        """kind -> counts, kinds in first-seen order, then 'overall'."""
        table: dict[str, Counter[Verdict]] = defaultdict(Counter)
        confident: Counter[str] = Counter()  # wrong answers without a caution, per kind
        for outcome in self.outcomes:
            for kind in (outcome.question.kind, "overall"):
                table[kind][outcome.verdict] += 1
                confident[kind] += outcome.verdict is Verdict.WRONG and not outcome.answer.unsure
        overall = table.pop("overall", Counter())
        return {kind: kind_score(counts, confident[kind]) for kind, counts in [*table.items(), ("overall", overall)]}

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """kind -> (hits, total), plus 'overall'."""
        return {kind: (s.hits, s.total) for kind, s in self.scores().items()}

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.hit]


def kind_score(counts: Counter[Verdict], confident_wrong: int = 0) -> KindScore:
    return KindScore(sum(counts.values()), counts[Verdict.HIT], counts[Verdict.WRONG], counts[Verdict.DECLINED],
                     confident_wrong)


class EvalFileError(NqbotError):
    """A question file that cannot be read; names the line."""


def load_questions(path: Path) -> list[EvalQuestion]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"{path}: cannot read ({exc})") from exc
    questions = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            questions.append(EvalQuestion.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise EvalFileError(f"{path}:{number}: {exc.__class__.__name__}: {exc}".splitlines()[0]) from exc
    return questions


def is_hit(question: EvalQuestion, answer: Answer) -> bool:
    return verdict(question, answer) is Verdict.HIT


def verdict(question: EvalQuestion, answer: Answer) -> Verdict:
    if answer.best is None:
        return Verdict.HIT if question.doc is None else Verdict.DECLINED
    right = answer.best.file == question.doc and nfc(question.must or "") in nfc(answer.best.quote)
    return Verdict.HIT if right else Verdict.WRONG


def run_eval(engine: Engine, questions: list[EvalQuestion]) -> EvalReport:
    outcomes = []
    for question in questions:
        answer = engine.ask(question.q)
        outcomes.append(Outcome(question, answer, verdict(question, answer)))
    return EvalReport(tuple(outcomes))


def report_json(report: EvalReport, misses: bool = True) -> dict:
    kinds = {
        kind: {"hits": s.hits, "total": s.total, "rate": round(s.rate(s.hits), 4), "wrong": s.wrong,
               "wrong_rate": round(s.rate(s.wrong), 4), "declined": s.declined,
               "declined_rate": round(s.rate(s.declined), 4), "confident_wrong": s.confident_wrong,
               "confident_wrong_rate": round(s.rate(s.confident_wrong), 4)}
        for kind, s in report.scores().items()
    }
    if not misses:
        return {"kinds": kinds}
    return {"kinds": kinds, "misses": [
        {"id": o.question.id, "kind": o.question.kind, "q": o.question.q[:200], "expected": o.question.doc,
         "verdict": o.verdict.value, "file": o.answer.file, "quote": o.answer.best.quote if o.answer.best else None,
         "coverage": o.answer.coverage, "unsure": o.answer.unsure}
        for o in report.misses
    ]}


def report_text(report: EvalReport, misses: bool = True) -> str:
    """Per kind: hit rate, wrong-answer rate (and the confident ones', without a caution) and wrong-decline rate;
    then the misses unless `misses` is off (for a validation split, read only the counts)."""
    lines = [f"{'kind':<16}{'total':>6}{'hit':>7}{'wrong':>7}{'confident':>10}{'declined':>9}"]
    for kind, s in report.scores().items():
        hit, wrong, confident, declined = (s.rate(n) for n in (s.hits, s.wrong, s.confident_wrong, s.declined))
        lines.append(f"{kind:<16}{s.total:>6}{hit:>7.2f}{wrong:>7.2f}{confident:>10.2f}{declined:>9.2f}")
    if misses and report.misses:
        lines += ["", "misses:"]
        for o in report.misses:
            best = o.answer.best
            got = f"{best.file}: {best.quote[:90]}" if best else f"no answer ({o.answer.reason})"
            flag = ", unsure" if o.answer.unsure else ""
            lines.append(f"  {o.question.id} [{o.question.kind}, {o.verdict.value}{flag}] {o.question.q[:80]!r}")
            lines.append(f"      expected {o.question.doc or 'no answer'}; got {got} (cov {o.answer.coverage})")
    return "\n".join(lines)
