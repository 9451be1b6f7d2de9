"""JSON Schema files of the contracts, for subscribers that don't read Python."""

from __future__ import annotations

import json
from pathlib import Path

from schemas.models import Article, DeadLetter, Event, EventCandidate, NormalizedArticle

MODELS = {
    "article": Article,
    "normalized_article": NormalizedArticle,
    "event_candidate": EventCandidate,
    "event": Event,
    "dead_letter": DeadLetter,
}
JSON_DIR = Path(__file__).parent / "json"


def json_schemas() -> dict[str, str]:
    """File name → JSON Schema text of each model."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        for name, model in MODELS.items()
    }


def export_json_schemas(directory: Path) -> list[Path]:
    """Write every schema into ``directory``; returns the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, text in json_schemas().items():
        path = directory / file_name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
