"""The shipped named-entity model: loaded once per process, tags token sequences.

The model directory (``hadath/data/ner/`` by default) holds the crfsuite model, its
``model.json`` (feature settings and tag scheme) and the tables the features read
(word frequencies, lexicons). Nothing outside the package is read at run time.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import pycrfsuite

from hadath.ner.conll import spans, to_iob2
from hadath.ner.features import FeatureConfig, FeatureExtractor, Lexicon, match_forms
from hadath.ner.train import FORMAT_VERSION, FREQUENCY_FILE, META_FILE, MODEL_FILE, lexicon_file
from hadath.text.segment import TokenSpan


class ModelError(RuntimeError):
    """The model directory is missing, incomplete or of another format version."""


def _read_table(entry: Traversable) -> dict[str, str]:
    table = {}
    for line in entry.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("\t")
            table[key] = value
    return table


class NerModel:
    """A loaded CRF tagger plus the feature extractor it was trained with."""

    def __init__(self, directory: Traversable | Path | str) -> None:
        """Load the model from ``directory`` (a path or an importlib resource directory)."""
        root: Traversable = Path(directory) if isinstance(directory, str | Path) else directory
        meta_entry = root.joinpath(META_FILE)
        if not meta_entry.is_file() or not root.joinpath(MODEL_FILE).is_file():
            raise ModelError(f"no NER model in {directory} (expected {MODEL_FILE} and {META_FILE})")
        self.meta = json.loads(meta_entry.read_text(encoding="utf-8"))
        if self.meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(f"NER model format {self.meta.get('format_version')} != {FORMAT_VERSION}")
        self.scheme: str = self.meta["scheme"]
        config = FeatureConfig.from_json(self.meta["features"])
        frequency: dict[str, float] = {}
        if config.frequency:
            table = _read_table(root.joinpath(FREQUENCY_FILE))
            frequency = {form: float(zipf) for form, zipf in table.items()}
        lexicons = {name: Lexicon(_read_table(root.joinpath(lexicon_file(name)))) for name in config.lexicons}
        self.extractor = FeatureExtractor(config, frequency=frequency, lexicons=lexicons)
        self._tagger = pycrfsuite.Tagger()
        # In memory, as the package may live in a zip. crfsuite reads the buffer in place and
        # does not copy it, so the bytes must live as long as the tagger.
        self._model_bytes = root.joinpath(MODEL_FILE).read_bytes()
        self._tagger.open_inmemory(self._model_bytes)
        # A crfsuite tagger keeps the current sequence as state: one caller at a time.
        self._lock = threading.Lock()

    def tag_forms(self, forms: Sequence[str]) -> list[str]:
        """IOB2 tags for tokens already in matching form (``TokenSpan.norm``)."""
        if not forms:
            return []
        features = self.extractor.sentence(forms)
        with self._lock:
            tags = self._tagger.tag(features)
        return to_iob2(tags)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 tags for raw token strings."""
        return self.tag_forms(match_forms(tokens))


_default: NerModel | None = None
_default_lock = threading.Lock()


def default_directory() -> Traversable:
    """Where the shipped model lives (``hadath/data/ner``)."""
    return resources.files("hadath").joinpath("data/ner")


def load(directory: Traversable | Path | str | None = None) -> NerModel:
    """The model in ``directory``; the shipped one (loaded once per process) when None."""
    global _default
    if directory is not None:
        return NerModel(directory)
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = NerModel(default_directory())
    return _default


def tag_tokens(tokens: Sequence[str]) -> list[str]:
    """IOB2 tags (``B-PERS``, ``I-LOC``, ``O`` …) for raw token strings, with the shipped model."""
    return load().tag(tokens)


def entities(tokens: Sequence[TokenSpan]) -> list[tuple[int, int, str]]:
    """Entities of a token sequence as ``(first, last + 1, type)`` token-index spans.

    Tags ``TokenSpan.norm`` (the matching form the model is trained on); type is one of
    PERS, LOC, ORG, MISC.
    """
    return spans(load().tag_forms([token.norm for token in tokens]))
