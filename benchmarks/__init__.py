"""Benchmarks of nqbot at scale (issues 6 and 14): synthetic bulletin generators and the harness.

`python -m benchmarks.generate --paragraphs 100000 --out var/bench/corpus --seed 1` writes a corpus;
`python -m benchmarks.run --sizes 1000,10000,100000 --profile default,heavy --out BENCHMARKS.md`
measures it.

Generators (corpus_profiles names them): `default`: vocab → slot_values → sentence_templates →
synthetic_bulletins, synthetic_questions; `heavy` (an open vocabulary): heavy_names → heavy_corpus,
on the same file layout (`generate` is their command line). Harness: run (command line) → one_size (the
steps of one size; vector_steps with `--vectors`) → fresh_process → phases (phase_build, phase_serve,
phase_baseline, phase_exactness, phase_vectors, phase_vectors_serve; process_stats, index_memory); machine
and report, report_size_table, report_goals, report_vectors, report_vectors_goals (BENCHMARKS.md).
profile (and profile_vectors): profiles of a work folder. compare_load: before → after, interleaved.
"""
