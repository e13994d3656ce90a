"""Where the test data and the tools the tests run live (one definition for every test folder)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "corpus"
SEED_FILE = "000_5f5dbc906775ed97.txt"
TEST_CORPUS = ROOT / "tests" / "data" / "corpus"
QUESTIONS = ROOT / "tests" / "data" / "questions.jsonl"
E2E = ROOT / "tests" / "e2e"  # the Bot API emulator (emu.js) and its npm packages
