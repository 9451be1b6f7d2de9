"""Run every article of the corpus through the embedded pipeline; report errors (target: 0).

    .venv/bin/python bench/corpus_robustness.py [--limit N] [--corpus PATH]

An "error" is any exception other than a clear refusal of bad input (BadInputError, e.g. an
article with no Arabic text), which the stream would dead-letter by design. Prints progress,
then counts of articles, refusals by reason, errors by class, events, and articles/s; writes
JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import traceback
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hadath.errors import BadInputError
from hadath.pipeline import InputError, articles_from_text, run_article

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "saudinewsnet.jsonl.gz"


def main() -> int:
    """Run the corpus; exit 1 when any article raised."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    refusals: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    examples: list[dict] = []
    articles = events = 0
    started = time.perf_counter()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            if args.limit is not None and articles >= args.limit:
                break
            articles += 1
            for item in articles_from_text("corpus.jsonl", line):
                if isinstance(item, InputError):
                    refusals[item.error.reason] += 1
                    continue
                try:
                    events += len(run_article(item, {}))
                except BadInputError as error:
                    refusals[error.reason] += 1
                except Exception as error:  # the point of the run: find any crash
                    errors[type(error).__name__] += 1
                    if len(examples) < 10:
                        examples.append({"id": item.id, "error": repr(error), "trace": traceback.format_exc()[-800:]})
            if articles % 1000 == 0:
                rate = articles / (time.perf_counter() - started)
                print(f"\r{articles} articles, {sum(errors.values())} errors, {rate:.0f}/s", end="", file=sys.stderr)
    elapsed = time.perf_counter() - started
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": articles, "events": events, "errors": dict(errors), "refusals": dict(refusals),
        "seconds": round(elapsed, 1), "articles_per_s": round(articles / elapsed, 1), "examples": examples,
    }
    print(file=sys.stderr)
    print(json.dumps({k: v for k, v in result.items() if k != "examples"}, ensure_ascii=False))
    for example in examples:
        print(example["id"], example["error"], file=sys.stderr)
    out = REPO / "bench" / "results" / f"corpus-robustness-{result['date'].replace(':', '')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
