"""Fit the decline model (index/answer/confidence.py) on the blind tune split and write index/data/decline.toml.

From the repository root, after the README's install:

    .venv/bin/python scripts/fit_decline.py              # fit and write index/data/decline.toml
    .venv/bin/python scripts/fit_decline.py --dry-run    # print the fit and its cross-validation only

Every tune question is answered lexically with the model off; the answered ones give the signals of the
chosen sentence and whether it was right (hit) or wrong. A logistic regression with an L2 penalty (Newton
steps, numpy) is fitted on the standardised signals. The threshold maximises hits kept minus WRONG_COST x
wrong answers kept (a wrong quote costs twice a missed one), on out-of-fold probabilities (five folds by
bulletin): a threshold chosen on the fitted probabilities themselves declined twice as many right answers
per wrong one on unseen bulletins. It is capped so that the existing question sets (tests/data/questions.jsonl
and holdout.jsonl) lose no right answer. Validate is never read here.
"""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path

import numpy as np

os.environ.setdefault("NQBOT_SEMANTIC", "0")

from index.answer.compose import compose  # noqa: E402  (after the environment is set)
from index.answer.confidence import DEFAULT_PATH, SIGNALS  # noqa: E402
from index.engine import open_engine  # noqa: E402
from index.evaluation import EvalQuestion, Verdict, load_questions, verdict  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
BLIND = DATA / "blind"
WRONG_COST = 2.0
L2 = 1.0
FOLDS = 5


def collect(index_path: Path, questions: list[Path] = [BLIND / "tune.jsonl"],  # noqa: B006 (never mutated)
            corpus: Path = BLIND / "corpus") -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Signals and outcomes (1 hit, 0 wrong) of the answered questions, and each one's bulletin."""
    engine, _ = open_engine(index_path, [ROOT / "corpus", corpus], embedder=None)
    rows, labels, groups = [], [], []
    for question in (q for path in questions for q in load_questions(path)):
        trace: dict[str, float] = {}
        answer = compose(engine.index, engine.lexicon, question.q, decline_model=None, trace=trace)
        if answer.answered:
            rows.append([trace[name] for name in SIGNALS])
            labels.append(1.0 if verdict(question, answer) is Verdict.HIT else 0.0)
            groups.append(_group(question))
    return np.array(rows), np.array(labels), groups


def _group(question: EvalQuestion) -> str:
    return question.doc.split("_")[0] if question.doc else question.id  # "b07", "b107"


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Intercept and weights of an L2-penalised logistic regression (x standardised)."""
    a = np.c_[np.ones(len(x)), x]
    w = np.zeros(a.shape[1])
    penalty = L2 * np.diag(np.r_[0.0, np.ones(a.shape[1] - 1)])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-a @ w))
        step = np.linalg.solve((a.T * (p * (1 - p))) @ a + penalty, a.T @ (p - y) + penalty @ w)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:])))


def best_threshold(p: np.ndarray, y: np.ndarray, cost: float = WRONG_COST, ceiling: float = 1.0) -> float:
    """The threshold, at most `ceiling`, that keeps the most right answers minus `cost` x wrong ones."""
    candidates = np.r_[0.0, np.unique(p[p <= ceiling])]
    gains = [((p >= t) & (y == 1)).sum() - cost * ((p >= t) & (y == 0)).sum() for t in candidates]
    return float(candidates[int(np.argmax(gains))])


def cross_validate(x: np.ndarray, y: np.ndarray, groups: list[str]) -> np.ndarray:
    """Out-of-fold probabilities, folds by bulletin (a bulletin's questions are never both sides)."""
    names = sorted(set(groups))
    fold_of = {g: i % FOLDS for i, g in enumerate(names)}
    folds = np.array([fold_of[g] for g in groups])
    out = np.zeros(len(y))
    for k in range(FOLDS):
        train = folds != k
        mean, scale = x[train].mean(0), x[train].std(0) + 1e-9
        out[~train] = predict(fit((x[train] - mean) / scale, y[train]), (x[~train] - mean) / scale)
    return out


def _effect(label: str, p: np.ndarray, y: np.ndarray, threshold: float) -> None:
    declined = p < threshold
    print(f"{label}: declines {int((declined & (y == 1)).sum())} right answers and "
          f"{int((declined & (y == 0)).sum())} of {int((y == 0).sum())} wrong ones ({len(y)} answered)")


def write(path: Path, w: np.ndarray, mean: np.ndarray, scale: np.ndarray, threshold: float, n: int,
          cost: float) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    lines = [
        "# The decline model of index/answer/confidence.py. Generated by scripts/fit_decline.py: do not edit.",
        "version = 1",
        f'fitted_on = "tests/data/blind/tune.jsonl, {n} answered questions, lexical, at commit '
        f'{commit.stdout.strip() or "unknown"}; wrong answers cost {cost:g}x a missed one"',
        f"threshold = {threshold:.4f}",
        f"intercept = {w[0]:.6f}",
        "",
        "[features]  # probability = logistic(intercept + sum(weight * (signal - mean) / scale))",
    ]
    lines += [f"{name} = {{ mean = {m:.6f}, scale = {s:.6f}, weight = {v:.6f} }}"
              for name, m, s, v in zip(SIGNALS, mean, scale, w[1:])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=Path("/tmp/nqbot-fit-decline.zip"))
    parser.add_argument("--own-index", type=Path, default=Path("/tmp/nqbot-fit-decline-own.zip"))
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--cost", type=float, default=WRONG_COST, help="what a wrong answer costs, in missed ones")
    args = parser.parse_args()
    x, y, groups = collect(args.index)
    mean, scale = x.mean(0), x.std(0) + 1e-9
    w = fit((x - mean) / scale, y)
    out_of_fold = cross_validate(x, y, groups)
    # The existing question sets must not lose a right answer (README, "Quality"): the threshold stays at or under
    # the lowest probability the model gives one of their right answers.
    own_x, own_y, _ = collect(args.own_index, [DATA / "questions.jsonl", DATA / "holdout.jsonl"], DATA / "corpus")
    own_p = predict(w, (own_x - mean) / scale)
    ceiling = float(own_p[own_y == 1].min())
    threshold = best_threshold(out_of_fold, y, args.cost, ceiling)
    _effect("own sets (questions + holdout)", own_p, own_y, threshold)
    print("weights:", dict(zip(("intercept", *SIGNALS), np.round(w, 3))), "threshold:", round(threshold, 4),
          f"(at most {ceiling:.4f}, the lowest probability of a right answer of the existing sets)")
    _effect("tune, fitted model", predict(w, (x - mean) / scale), y, threshold)
    _effect(f"tune, {FOLDS}-fold by bulletin", out_of_fold, y, threshold)
    if not args.dry_run:
        write(args.out, w, mean, scale, threshold, len(y), args.cost)
        print("wrote", args.out)


if __name__ == "__main__":
    main()
