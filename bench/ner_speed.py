"""Tagging speed of the shipped NER model on one core: prints tokens/s.

    .venv/bin/python bench/ner_speed.py [TEST.conll]

Uses ANERcorp test from ../shared when no file is given (or a built-in sentence when that
is absent). Two ways of tagging are timed: sentence by sentence (``NerModel.tag``, the first
pass only, as ``hadath.ner.entities`` runs in the pipeline) and in 20-sentence documents
(``NerModel.tag_stream``: first pass, then the document-level second pass). Each is timed
cold (a fresh model and empty per-word caches, as a new worker starts) and warm (the same
text again, as a long-running worker that has seen the words before).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from hadath.ner.conll import read_conll
from hadath.ner.features import _core
from hadath.ner.model import NerModel, default_directory
from hadath.text.clitics import readings

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "anercorp" / "test.conll"
FALLBACK = ["وقال", "الرئيس", "السوري", "بشار", "الأسد", "في", "دمشق", "إن", "الحكومة", "ستواصل",
            "الحوار", "مع", "المعارضة", "."]


def _fresh_model() -> NerModel:
    # The per-word caches of the clitic readings and word cores live at module level.
    readings.cache_clear()
    _core.cache_clear()
    return NerModel(default_directory())


def _time(label: str, run: Callable[[], object], tokens: int) -> None:
    started, cpu_started = time.perf_counter(), time.process_time()
    run()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time too: on a shared machine the wall time also counts the other processes' turns.
    print(f"{label}: {tokens} tokens in {elapsed:.2f} s = {tokens / elapsed:,.0f} tokens/s "
          f"({tokens / cpu:,.0f} per CPU second)")


def main() -> int:
    """Time model loading and tagging; print the figures."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    sentences: Sequence[Sequence[str]] = (
        [s.tokens for s in read_conll(path)] if path.exists() else [tuple(FALLBACK)] * 2000
    )
    tokens = sum(len(sentence) for sentence in sentences)
    started = time.perf_counter()
    model = _fresh_model()
    print(f"load: {time.perf_counter() - started:.2f} s")
    for label in ("sentences, cold", "sentences, warm"):
        _time(label, lambda: [model.tag(sentence) for sentence in sentences], tokens)
    model = _fresh_model()
    for label in ("documents, cold", "documents, warm"):
        _time(label, lambda: model.tag_stream(sentences), tokens)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
