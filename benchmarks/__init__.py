"""Benchmarks of nqbot at scale (issue 6): a synthetic bulletin generator and the harness.

`python -m benchmarks.generate --paragraphs 100000 --out DIR --seed 1` writes a corpus;
`python -m benchmarks.run --sizes 1000,10000,100000 --out BENCHMARKS.md` measures it.
"""
