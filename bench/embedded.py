"""Embedded extraction speed on one core, and where the time goes.

    .venv/bin/python bench/embedded.py [--articles 5000] [--offset 0] [--cpu 1]
                                       [--profile-articles 1000] [--corpus FILE] [--json FILE]

Runs ``hadath.pipeline.run_article`` (normalize → extract → resolve, one merge state for the
whole run, as a worker has) over SaudiNewsNet articles (``../shared/corpus``), pinned to one
CPU. Reports articles/s (wall and per CPU second: the machine may be shared), tokens/s, the
median/p90/p99 article time, peak RSS, and a sampling profile (pyinstrument, 1 ms) of a
separate pass, aggregated per step: each sample counts for the innermost frame that belongs
to a step (normalize_text, split_sentences, triggers, actors, NER, gazetteer, dates,
casualties/numbers, modality, roles, event assembly, pydantic model construction, merge …);
shared helpers (phrase matching, regex, builtins) count for the step that called them.
Prints tables and writes JSON to ``bench/results/`` (or ``--json``).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import (  # noqa: E402
    CORPUS,
    load_corpus,
    machine_info,
    median,
    peak_rss_mb,
    percentile,
    pin_to_cpu,
    table,
    write_results,
)
from hadath import stages  # noqa: E402
from hadath.errors import BadInputError  # noqa: E402
from hadath.extract.events import knowledge  # noqa: E402
from hadath.pipeline import run_article  # noqa: E402
from hadath.settings import Settings  # noqa: E402
from schemas import Article  # noqa: E402

TARGET_ARTICLES_PER_S = 200  # DESIGN.md: embedded extraction, one core, median article

# Step of a profiled frame: the first rule whose path fragment is in the frame's file (or whose
# function name matches) names it. Frames matching no rule belong to their caller's step.
STEP_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("pydantic model construction/validation", ("pydantic/", "pydantic_core/"), ()),
    ("normalize_text", ("hadath/text/normalize.py",), ()),
    ("split_sentences (segment, tokenize)", ("hadath/text/segment.py",), ()),
    ("clitic readings", ("hadath/text/clitics.py",), ()),
    ("triggers", ("hadath/extract/triggers.py",), ()),
    ("actors (dictionary, mentions)", ("hadath/extract/actors.py", "hadath/extract/mentions.py"), ()),
    ("NER", ("hadath/ner/",), ()),
    ("gazetteer", ("hadath/resolve/geo.py",), ()),
    ("dates", ("hadath/extract/dates.py",), ()),
    ("casualties + numbers", ("hadath/extract/casualties.py", "hadath/extract/numbers.py"), ()),
    ("modality", ("hadath/extract/modality.py",), ()),
    ("roles", ("hadath/extract/roles.py",), ()),
    ("cues", ("hadath/extract/cues.py",), ()),
    ("merge", ("hadath/resolve/merge.py",), ()),
    ("event assembly (extract/events.py)", ("hadath/extract/events.py",), ()),
    ("normalize stage glue (stages.normalize)", ("hadath/stages.py",), ("normalize",)),
    ("stages / pipeline glue", ("hadath/stages.py", "hadath/pipeline.py"), ()),
)
STAGE_FUNCTIONS = ("normalize", "extract", "resolve")  # in hadath/stages.py


def main(argv: list[str] | None = None) -> int:
    """Measure, print, write JSON; exit 0 (the figures are the result, not a pass/fail)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--offset", type=int, default=0, help="first corpus line to use")
    parser.add_argument("--cpu", type=int, default=1, help="CPU to pin to (-1: don't pin)")
    parser.add_argument("--warmup", type=int, default=50, help="articles run first, untimed")
    parser.add_argument("--profile-articles", type=int, default=1000, help="0: no profile")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", type=Path, help="write the results here (default bench/results/)")
    parser.add_argument("--handlers", action=argparse.BooleanOptionalAction, default=True,
                        help="also time the worker's byte-level message handlers (JSON in and out)")
    parser.add_argument("--profiler", choices=("py-spy", "pyinstrument"), default="py-spy",
                        help="py-spy when installed (external sampling), else pyinstrument")
    parser.add_argument("--quiet", action="store_true", help="no tables, only the JSON path")
    parser.add_argument("--profile-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.profile_child:
        return profile_child(args)

    pin_to_cpu(None if args.cpu < 0 else args.cpu)
    results: dict[str, Any] = {"benchmark": "embedded", "machine": machine_info(),
                               "params": {k: str(v) for k, v in vars(args).items()}}
    articles = load_corpus(args.articles + args.warmup, args.offset, args.corpus)
    warmup, articles = articles[args.articles:], articles[: args.articles]

    started = time.perf_counter()
    knowledge()
    results["startup_s"] = round(time.perf_counter() - started, 3)
    scratch: dict[str, dict] = {}
    for article in warmup:
        with contextlib.suppress(BadInputError):
            run_article(article, scratch)
    stages.freeze_loaded_knowledge()  # as `hadath extract` and the worker do after warming up

    results["throughput"] = measure(articles)
    results["throughput"]["peak_rss_mb"] = round(peak_rss_mb(), 1)
    if args.handlers:
        results["message_handlers"] = measure_handlers(articles)
    if args.profile_articles:
        results["profile"] = profile(articles[: args.profile_articles], args)
    path = write_results("embedded", results, args.json)
    if not args.quiet:
        print_report(results)
    print(f"results: {path}")
    return 0


ItemT = TypeVar("ItemT")


@dataclass(frozen=True, slots=True)
class Timing:
    """Per-item wall times, totals, and what the items gave."""

    wall: list[float]
    elapsed: float
    cpu: float
    outputs: int
    rejected: int


def time_each(items: Sequence[ItemT], run: Callable[[ItemT], int]) -> Timing:
    """Time ``run`` on each item (it returns how many outputs it made); a BadInputError counts as
    rejected, as the CLI and the worker report it rather than stop."""
    wall: list[float] = []
    outputs = rejected = 0
    cpu_started = time.process_time()
    started = time.perf_counter()
    for item in items:
        t0 = time.perf_counter()
        try:
            outputs += run(item)
        except BadInputError:
            rejected += 1
        wall.append(time.perf_counter() - t0)
    return Timing(wall, time.perf_counter() - started, time.process_time() - cpu_started, outputs, rejected)


def measure(articles: list[Article]) -> dict[str, Any]:
    """Time ``run_article`` per article (one merge state for all); sizes counted in a second pass."""
    state: dict[str, dict] = {}
    timed = time_each(articles, lambda article: len(run_article(article, state)))
    wall, events, rejected, elapsed, cpu = timed.wall, timed.outputs, timed.rejected, timed.elapsed, timed.cpu
    tokens = sentences = chars = 0
    for article in articles:  # untimed: the same normalization, to count what was processed
        try:
            doc = stages.normalize(article)
        except BadInputError:
            continue
        sentences += len(doc.sentences)
        tokens += sum(len(s.tokens) for s in doc.sentences)
        chars += len(article.text)
    n = len(articles)
    median_ms = median(wall) * 1000
    return {
        "articles": n,
        "rejected": rejected,
        "events": events,
        "tokens": tokens,
        "sentences": sentences,
        "chars": chars,
        "wall_s": round(elapsed, 3),
        "cpu_s": round(cpu, 3),
        "cpu_share_of_wall": round(cpu / elapsed, 3),
        "articles_per_s": round(n / elapsed, 1),
        "articles_per_cpu_s": round(n / cpu, 1),
        "tokens_per_s": round(tokens / elapsed),
        "chars_per_s": round(chars / elapsed),
        "median_article_ms": round(median_ms, 3),
        "median_article_rate_per_s": round(1000 / median_ms, 1),
        "mean_article_ms": round(elapsed / n * 1000, 3),
        "p90_article_ms": round(percentile(wall, 90) * 1000, 3),
        "p99_article_ms": round(percentile(wall, 99) * 1000, 3),
        "max_article_ms": round(max(wall) * 1000, 1),
        "median_tokens_per_article": round(median([len(a.text.split()) for a in articles])),
        "target_articles_per_s": TARGET_ARTICLES_PER_S,
        "target_met_median_article": 1000 / median_ms >= TARGET_ARTICLES_PER_S,
        "target_met_mean": n / elapsed >= TARGET_ARTICLES_PER_S,
    }


def run_handlers(value: bytes, state: dict[str, dict], max_bytes: int) -> int:
    """What a worker does to one ``articles.raw`` value, minus Faust and Kafka: every stage's
    ``*_message`` handler on the previous stage's JSON, and the JSON encoding of each record."""
    outputs = 0
    for _, doc in stages.normalize_message(value, max_bytes):
        for _, candidate in stages.extract_message(doc.model_dump_json().encode()):
            for _, event in stages.resolve_message(candidate.model_dump_json().encode(), state):
                event.model_dump_json().encode()
                outputs += 1
    return outputs


def measure_handlers(articles: list[Article]) -> dict[str, Any]:
    """Time the byte-level path (:func:`run_handlers`) over the same articles, as produced to Kafka."""
    values = [a.model_dump_json(exclude_none=True).encode() for a in articles]
    max_bytes = Settings.from_env().max_article_bytes
    state: dict[str, dict] = {}
    # a rejected value is one the worker would dead-letter
    timed = time_each(values, lambda value: run_handlers(value, state, max_bytes))
    n = len(values)
    return {
        "articles": n,
        "events": timed.outputs,
        "wall_s": round(timed.elapsed, 3),
        "cpu_s": round(timed.cpu, 3),
        "articles_per_s": round(n / timed.elapsed, 1),
        "articles_per_cpu_s": round(n / timed.cpu, 1),
        "median_article_ms": round(median(timed.wall) * 1000, 3),
    }


Stack = tuple[tuple[str, str], ...]  # (function, file) from the outermost frame to the leaf


def profile(articles: list[Article], args: argparse.Namespace) -> dict[str, Any]:
    """Sample ``run_article`` over ``articles``: seconds per step, per stage, and the hottest functions.

    With py-spy on PATH (or beside this Python), a child process runs the articles and py-spy
    samples it from outside (no overhead inside the process, so call-heavy code isn't
    inflated); otherwise pyinstrument samples in-process.
    """
    pyspy = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
    if pyspy and args.profiler != "pyinstrument":
        stacks, sampled = _pyspy_stacks(pyspy, args)
        source = "py-spy (external sampling, 500 Hz)"
    else:
        stacks, sampled = _pyinstrument_stacks(articles)
        source = "pyinstrument (in-process, 1 ms)"
    return _aggregate(stacks) | {"articles": args.profile_articles, "profiler": source,
                                 "sampled_s": round(sampled, 3)}


def _pyspy_stacks(pyspy: str, args: argparse.Namespace) -> tuple[list[tuple[Stack, float]], float]:
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "profile.txt"
        child = [sys.executable, __file__, "--profile-child", "--articles", str(args.profile_articles),
                 "--offset", str(args.offset), "--cpu", str(args.cpu), "--corpus", str(args.corpus)]
        subprocess.run([pyspy, "record", "--rate", "500", "--function", "--format", "raw", "--output", str(raw),
                        "--", *child], check=True, capture_output=True)
        lines = raw.read_text(encoding="utf-8", errors="replace").splitlines()
    stacks = []
    for line in lines:
        frames, _, count = line.rpartition(" ")
        parsed = tuple(_pyspy_frame(f) for f in frames.split(";")[1:])  # [0] is the thread
        if any(f == "run_article" and p.endswith("hadath/pipeline.py") for f, p in parsed):
            stacks.append((parsed, int(count) / 500))
    return stacks, sum(t for _, t in stacks)


def _pyspy_frame(frame: str) -> tuple[str, str]:
    function, _, where = frame.rpartition(" (")
    return function, where.rstrip(")").rpartition(":")[0]


def _pyinstrument_stacks(articles: list[Article]) -> tuple[list[tuple[Stack, float]], float]:
    from pyinstrument import Profiler

    state: dict[str, dict] = {}
    profiler = Profiler(interval=0.001, async_mode="disabled")
    profiler.start()
    for article in articles:
        with contextlib.suppress(BadInputError):
            run_article(article, state)
    session = profiler.stop()
    stacks: list[tuple[Stack, float]] = []
    root = session.root_frame(trim_stem=False)

    def walk(frame: Any, path: Stack) -> None:
        if frame.is_synthetic:  # "[self]": time of the parent frame itself
            stacks.append((path, frame.time))
            return
        here = (*path, (frame.function or "", frame.file_path or ""))
        exclusive = frame.time - sum(child.time for child in frame.children)
        if exclusive > 0:
            stacks.append((here, exclusive))
        for child in frame.children:
            walk(child, here)

    if root is not None:
        walk(root, ())
    return stacks, sum(t for _, t in stacks)


def _aggregate(stacks: list[tuple[Stack, float]]) -> dict[str, Any]:
    """Time per step (innermost frame that names a step), per stage, per function (self, inclusive)."""
    steps: dict[str, float] = defaultdict(float)
    stage_time: dict[str, float] = defaultdict(float)
    self_time: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)
    for frames, seconds in stacks:
        step = "other (outside the steps)"
        for function, path in frames:
            step = _step_of(path, function) or step
        steps[step] += seconds
        if frames:
            self_time[_label(*frames[-1])] += seconds
        for label in {_label(f, p) for f, p in frames}:
            inclusive[label] += seconds
        for function in {f for f, p in frames if p.endswith("hadath/stages.py") and f in STAGE_FUNCTIONS}:
            stage_time[function] += seconds
    total = sum(steps.values()) or 1.0
    hadath_inclusive = {k: v for k, v in inclusive.items() if "hadath/" in k or "schemas/" in k}

    def ranked(values: dict[str, float], key: str, limit: int) -> list[dict[str, Any]]:
        return [{key: k, "s": round(v, 3), "share": round(v / total, 4)}
                for k, v in sorted(values.items(), key=lambda kv: -kv[1])[:limit]]

    return {
        "steps": ranked(steps, "step", 50),
        "stages": {name: round(t / total, 4) for name, t in stage_time.items()},
        "top_self": ranked(self_time, "function", 25),
        "top_inclusive_hadath": ranked(hadath_inclusive, "function", 25),
    }


def _label(function: str, path: str) -> str:
    return f"{function} ({_short(path)})" if path else function


def _step_of(file_path: str, function: str) -> str | None:
    for name, fragments, functions in STEP_RULES:
        if any(f in file_path for f in fragments) and (not functions or function in functions):
            return name
    return None


def _short(path: str) -> str:
    for marker in ("/site-packages/", str(REPO) + "/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def profile_child(args: argparse.Namespace) -> int:
    """The process py-spy samples: ``run_article`` over the articles (after loading and a warm-up)."""
    pin_to_cpu(None if args.cpu < 0 else args.cpu)
    articles = load_corpus(args.articles + args.warmup, args.offset, args.corpus)
    knowledge()
    scratch: dict[str, dict] = {}
    for article in articles[args.articles:]:
        with contextlib.suppress(BadInputError):
            run_article(article, scratch)
    state: dict[str, dict] = {}
    for article in articles[: args.articles]:
        with contextlib.suppress(BadInputError):
            run_article(article, state)
    return 0


def print_report(results: dict[str, Any]) -> None:
    """The figures as tables on stdout."""
    m = results["machine"]
    t = results["throughput"]
    print(f"\nembedded extraction — {m['date']}, {m['nproc']} × {m['cpu_model']}, {m['ram_gb']} GB, "
          f"commit {m['commit']}, load {m['load_average_at_start']}")
    print(f"pinned to CPU {results['params']['cpu']}; dictionaries loaded in {results['startup_s']} s\n")
    rows = [
        ("articles", t["articles"]), ("events", t["events"]), ("tokens", t["tokens"]),
        ("wall s / CPU s", f"{t['wall_s']} / {t['cpu_s']} (CPU share {t['cpu_share_of_wall']})"),
        ("articles/s (wall)", t["articles_per_s"]), ("articles per CPU-second", t["articles_per_cpu_s"]),
        ("tokens/s", t["tokens_per_s"]),
        ("median article ms (→ articles/s)", f"{t['median_article_ms']} (→ {t['median_article_rate_per_s']})"),
        ("p90 / p99 / max article ms", f"{t['p90_article_ms']} / {t['p99_article_ms']} / {t['max_article_ms']}"),
        ("peak RSS MB", t["peak_rss_mb"]),
        (f"target ≥ {t['target_articles_per_s']}/s (median article)", "met" if t["target_met_median_article"]
         else "NOT met"),
    ]
    handlers = results.get("message_handlers")
    if handlers:
        handler_rows = [("articles/s (wall)", t["articles_per_s"], handlers["articles_per_s"]),
                ("articles per CPU-second", t["articles_per_cpu_s"], handlers["articles_per_cpu_s"]),
                ("median article ms", t["median_article_ms"], handlers["median_article_ms"])]
    print(table(rows, ["measure", "value"]))
    if handlers:
        print("\nthe worker's byte path (JSON parse + validate + encode at each stage), without Kafka/Faust\n")
        print(table(handler_rows, ["measure", "run_article", "message handlers"]))
    profile_results = results.get("profile")
    if profile_results:
        print(f"\nprofile of {profile_results['articles']} articles by {profile_results['profiler']} "
              f"({profile_results['sampled_s']} s sampled); stages: {profile_results['stages']}\n")
        print(table([(s["step"], s["s"], f"{100 * s['share']:.1f}%") for s in profile_results["steps"]],
                    ["step", "s", "share"]))
        print("\nhottest functions (self time)\n")
        print(table([(f["function"], f["s"], f"{100 * f['share']:.1f}%") for f in profile_results["top_self"][:15]],
                    ["function", "s", "share"]))
        print("\nhadath functions (inclusive time)\n")
        print(table([(f["function"], f["s"], f"{100 * f['share']:.1f}%")
                     for f in profile_results["top_inclusive_hadath"][:15]], ["function", "s", "share"]))


if __name__ == "__main__":
    raise SystemExit(main())
