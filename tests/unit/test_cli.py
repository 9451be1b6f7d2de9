"""The command line as a user runs it (subprocesses, real files)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schemas import Event
from tests.conftest import REPO, SEED_PATH, shared_path


def _hadath(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hadath.cli", *args], cwd=REPO, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_help_documents_every_command() -> None:
    result = _hadath("--help")
    assert result.returncode == 0
    for command in ("extract", "produce", "tail", "worker", "kafka", "schema", "eval"):
        assert command in result.stdout


def test_extract_prints_valid_events_whose_spans_point_into_the_file() -> None:
    result = _hadath("extract", str(SEED_PATH))
    assert result.returncode == 0, result.stderr
    text = SEED_PATH.read_text(encoding="utf-8")
    events = [Event.model_validate_json(line) for line in result.stdout.splitlines()]
    assert events
    for event in events:
        assert event.article_ids == [SEED_PATH.stem]
        assert text[event.evidence.start:event.evidence.end] == event.evidence.text


def test_extract_reads_jsonl_from_stdin_and_reports_bad_lines_with_a_nonzero_exit() -> None:
    good = json.dumps({"id": "a1", "text": "قصفت طائرات التحالف مواقع للحوثيين في صعدة أمس",
                       "published_at": "2015-08-02"}, ensure_ascii=False)
    result = _hadath("extract", "-", stdin=good + "\n{broken\n" + json.dumps({"id": "en", "text": "English"}) + "\n")
    assert result.returncode == 1
    assert "-:2: not_json" in result.stderr
    assert "no_arabic" in result.stderr
    assert all(Event.model_validate_json(line).article_ids == ["a1"] for line in result.stdout.splitlines())


def test_extract_of_a_missing_file_fails_with_a_message(tmp_path: Path) -> None:
    result = _hadath("extract", str(tmp_path / "nope.txt"))
    assert result.returncode == 1
    assert "cannot read" in result.stderr


def test_eval_without_articles_is_a_usage_error() -> None:
    result = _hadath("eval", "gold.jsonl")
    assert result.returncode == 2
    assert "--articles" in result.stderr


def test_bad_setting_in_the_environment_is_reported() -> None:
    result = subprocess.run([sys.executable, "-m", "hadath.cli", "extract", str(SEED_PATH)], cwd=REPO,
                            capture_output=True, text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "HADATH_PARTITIONS": "lots"})
    assert result.returncode == 2
    assert "HADATH_PARTITIONS" in result.stderr


def test_docker_compose_file_is_valid() -> None:
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.skip("docker-compose is not installed (apt-get install docker-compose validates offline)")
    result = subprocess.run([tool, "-f", str(REPO / "docker-compose.yml"), "config", "-q"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_extraction_does_not_depend_on_the_hash_seed() -> None:
    # set or dict-of-hash order must never pick an argument: a replay after a restart (a new
    # interpreter, a new seed) has to publish byte-identical events
    articles = shared_path("gold/dev_articles.jsonl")
    outputs = {
        seed: subprocess.run([sys.executable, "-m", "hadath.cli", "extract", str(articles)], capture_output=True,
                             check=True, env=os.environ | {"PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert outputs["1"] and outputs["1"] == outputs["2"]
