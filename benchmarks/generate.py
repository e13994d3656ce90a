"""Deterministic synthetic Vietnamese bulletins (the seed's layout) and questions about them.

Bulletin i depends only on (seed, i): a corpus of 1,000 paragraphs is the beginning of the one of
10,000, and questions can be regenerated without reading the files. Paragraphs hold 40-80 syllables
of template sentences filled from `vocab` with a Zipf-like law (common words in a large share of
the paragraphs; a long tail of names, places, amounts, dates and document numbers such as
1289/QĐ-TTg). Every sentence that states a fact also yields a question about it.

    python -m benchmarks.generate --paragraphs 100000 --out var/bench/corpus --seed 1
    python -m benchmarks.generate --paragraphs 100000 --seed 1 --questions 300 --questions-out var/bench/q.jsonl
    python -m benchmarks.generate --profile heavy --paragraphs 100000 --out var/bench/heavy-corpus

The pieces: `slot_values` (words and the long tail), `sentence_templates` (sentences and their facts),
`synthetic_bulletins` (bulletins, their files, the corpus folder), `synthetic_questions`. This module
is the command line and the names the harness and the tests use. `--profile heavy` writes the corpus
of `heavy_corpus` instead (an open vocabulary of names: benchmarks.corpus_profiles).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.synthetic_bulletins import BulletinSpec, CorpusInfo, bulletin, bulletins, touch_bulletin, write_corpus
from benchmarks.synthetic_questions import Question, questions

__all__ = [
    "BulletinSpec", "CorpusInfo", "Question", "bulletin", "bulletins", "main", "questions", "touch_bulletin",
    "write_corpus",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", default="default", help="corpus profile: default or heavy")
    parser.add_argument("--out", type=Path, help="folder to write the bulletin files into")
    parser.add_argument("--questions", type=int, default=0, help="also make this many questions")
    parser.add_argument("--questions-out", type=Path, help="JSONL file for the questions (default: stdout)")
    args = parser.parse_args(argv)
    from benchmarks.corpus_profiles import corpus_profile

    profile = corpus_profile(args.profile)
    if args.out is not None:
        info = profile.write_corpus(args.paragraphs, args.out, args.seed)
        print(f"{info.files} bulletins, {info.paragraphs} paragraphs, {info.bytes / 1e6:.1f} MB -> {info.folder}",
              file=sys.stderr)
    if args.questions:
        lines = "\n".join(q.json() for q in profile.questions(args.paragraphs, args.seed, args.questions)) + "\n"
        if args.questions_out:
            args.questions_out.write_text(lines, encoding="utf-8")
        else:
            sys.stdout.write(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
