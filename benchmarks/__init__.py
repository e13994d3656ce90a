"""Benchmarks of nqbot at scale (issue 6): a synthetic bulletin generator and the harness.

`python -m benchmarks.generate --paragraphs 100000 --out var/bench/corpus --seed 1` writes a corpus;
`python -m benchmarks.run --sizes 1000,10000,100000 --out BENCHMARKS.md` measures it.

Generator: vocab → slot_values → sentence_templates → synthetic_bulletins, synthetic_questions
(`generate` is its command line). Harness: run (command line) → one_size (the steps of one size) →
fresh_process → phases (phase_build, phase_serve, phase_baseline, phase_exactness; process_stats,
index_memory); machine and report, report_size_table (BENCHMARKS.md). profile: profiles of a work folder.
"""
