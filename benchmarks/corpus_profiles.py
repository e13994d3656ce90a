"""The corpus profiles `python -m benchmarks.run --profile` measures.

- `default` (issue 6): template sentences over a closed vocabulary of a few thousand policy words and
  a few hundred name syllables (`synthetic_bulletins`, `synthetic_questions`);
- `heavy` (issue 14): the same layout and paragraph length, but every sentence names people, hamlets,
  companies, projects, products or documents drawn from an open, Zipf–Mandelbrot vocabulary, so new
  terms keep appearing as the corpus grows (Heaps' law); eight-to-nine-word questions
  (`heavy_corpus`, `heavy_names`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks import heavy_corpus, synthetic_bulletins, synthetic_questions
from benchmarks.synthetic_bulletins import BulletinSpec, CorpusInfo
from benchmarks.synthetic_questions import Question


@dataclass(frozen=True)
class CorpusProfile:
    name: str
    bulletins: Callable[[int, int], Iterator[BulletinSpec]]  # (paragraphs, seed)
    write_corpus: Callable[[int, Path, int], CorpusInfo]  # (paragraphs, folder, seed)
    questions: Callable[[int, int, int], list[Question]]  # (paragraphs, seed, count)

    def folder(self, paragraphs: int) -> str:
        """The work folder of one size: n<size> for the default profile (as before), <name>-n<size> else."""
        return f"n{paragraphs}" if self.name == "default" else f"{self.name}-n{paragraphs}"


PROFILES: dict[str, CorpusProfile] = {
    "default": CorpusProfile("default", synthetic_bulletins.bulletins, synthetic_bulletins.write_corpus,
                             synthetic_questions.questions),
    "heavy": CorpusProfile("heavy", heavy_corpus.bulletins, heavy_corpus.write_corpus, heavy_corpus.questions),
}


def corpus_profile(name: str) -> CorpusProfile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown corpus profile {name!r} (known: {', '.join(PROFILES)})") from None
