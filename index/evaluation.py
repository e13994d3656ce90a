"""`nqbot eval`: hit rate per question kind on a JSONL question set."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Outcome:
    question: EvalQuestion
    answer: Answer
    hit: bool


@dataclass(frozen=True)
class EvalReport:
    outcomes: tuple[Outcome, ...]

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """kind -> (hits, total), kinds in first-seen order, plus 'overall'."""
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for outcome in self.outcomes:
            for key in (outcome.question.kind, "overall"):
                table[key][0] += outcome.hit
                table[key][1] += 1
        overall = table.pop("overall", [0, 0])
        return {**{k: (v[0], v[1]) for k, v in table.items()}, "overall": (overall[0], overall[1])}

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.hit]


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
    if question.doc is None:
        return not answer.answered
    if answer.best is None or answer.best.file != question.doc:
        return False
    return nfc(question.must or "") in nfc(answer.best.quote)


def run_eval(engine: Engine, questions: list[EvalQuestion]) -> EvalReport:
    outcomes = []
    for question in questions:
        answer = engine.ask(question.q)
        outcomes.append(Outcome(question, answer, is_hit(question, answer)))
    return EvalReport(tuple(outcomes))


def report_json(report: EvalReport) -> dict:
    return {
        "kinds": {k: {"hits": h, "total": n, "rate": round(h / n, 4) if n else 0.0} for k, (h, n) in report.by_kind().items()},
        "misses": [
            {"id": o.question.id, "kind": o.question.kind, "q": o.question.q[:200], "expected": o.question.doc,
             "answered": o.answer.answered, "file": o.answer.file, "quote": o.answer.best.quote if o.answer.best else None, "coverage": o.answer.coverage}
            for o in report.misses
        ],
    }


def report_text(report: EvalReport) -> str:
    lines = [f"{'kind':<16}{'hits':>6}{'total':>7}{'rate':>8}"]
    for kind, (hits, total) in report.by_kind().items():
        lines.append(f"{kind:<16}{hits:>6}{total:>7}{hits / total if total else 0:>8.2f}")
    if report.misses:
        lines += ["", "misses:"]
        for o in report.misses:
            got = f"{o.answer.best.file}: {o.answer.best.quote[:90]}" if o.answer.best else f"no answer ({o.answer.reason})"
            lines.append(f"  {o.question.id} [{o.question.kind}] {o.question.q[:80]!r}")
            lines.append(f"      expected {o.question.doc or 'no answer'}; got {got} (cov {o.answer.coverage})")
    return "\n".join(lines)
