"""Tagging speed of the shipped NER model on one core: prints tokens/s.

    .venv/bin/python bench/ner_speed.py [TEST.conll]

Uses ANERcorp test from ../shared when no file is given (or a built-in sentence when that
is absent). The first pass warms the model's per-word feature caches the way a long-running
worker is warm; both the cold and the warm figures are printed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from hadath.ner.conll import read_conll
from hadath.ner.model import load

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "anercorp" / "test.conll"
FALLBACK = ["وقال", "الرئيس", "السوري", "بشار", "الأسد", "في", "دمشق", "إن", "الحكومة", "ستواصل",
            "الحوار", "مع", "المعارضة", "."]


def main() -> int:
    """Time model loading and tagging; print the figures."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    sentences = [s.tokens for s in read_conll(path)] if path.exists() else [tuple(FALLBACK)] * 2000
    tokens = sum(len(sentence) for sentence in sentences)
    started = time.perf_counter()
    model = load()
    print(f"load: {time.perf_counter() - started:.2f} s")
    for label in ("cold", "warm"):
        started = time.perf_counter()
        for sentence in sentences:
            model.tag(sentence)
        elapsed = time.perf_counter() - started
        print(f"{label}: {tokens} tokens in {elapsed:.2f} s = {tokens / elapsed:,.0f} tokens/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
