"""The shipped named-entity model: loaded once per process, tags token sequences.

The model directory (``hadath/data/ner/`` by default) holds the crfsuite model, its
``model.json`` (feature settings and tag scheme) and the tables the features read
(word frequencies, lexicons). Nothing outside the package is read at run time.
"""

from __future__ import annotations

import json
import struct
import threading
from collections.abc import Sequence
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import pycrfsuite

from hadath.ner.conll import spans, to_iob2
from hadath.ner.features import (
    DocumentMemory,
    FeatureConfig,
    FeatureExtractor,
    Lexicon,
    ModelFeatures,
    match_forms,
)
from hadath.ner.train import (
    DOCUMENT_MODEL_FILE,
    FORMAT_VERSION,
    FREQUENCY_FILE,
    META_FILE,
    MODEL_FILE,
    lexicon_file,
)
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


def model_attributes(data: bytes) -> list[str]:
    """The attribute names of a crfsuite CRF model (the bytes of a ``.crfsuite`` file).

    Read from the model's attribute dictionary (a CQDB database whose backward array lists
    the names by id), as crfsuite itself writes it: ``Tagger.info()`` would give the same
    names but dumps and parses the whole model as text, ten times slower.
    """
    try:
        magic = data[:4]
        # crf1dm header: magic, size, type, version, #features, #labels, #attributes, then offsets
        # of the features, the label and attribute dictionaries and the feature references.
        count, attrs_at = struct.unpack_from("<I8xI", data, 24)
        chunk, _, _, _, names, backward_at = struct.unpack_from("<4sIIIII", data, attrs_at)
        if magic != b"lCRF" or chunk != b"CQDB" or names != count:
            raise ModelError("not a crfsuite CRF model (bad magic or attribute dictionary)")
        out = []
        for offset in struct.unpack_from(f"<{names}I", data, attrs_at + backward_at):
            # A record: id, size of the name with its NUL, the name.
            size = struct.unpack_from("<I", data, attrs_at + offset + 4)[0]
            start = attrs_at + offset + 8
            out.append(data[start : start + size - 1].decode("utf-8"))
    except struct.error as error:
        raise ModelError(f"truncated crfsuite model: {error}") from error
    return out


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
        self._second: pycrfsuite.Tagger | None = None
        self.document_size: int = config.document
        if config.document:
            if not root.joinpath(DOCUMENT_MODEL_FILE).is_file():
                message = f"the NER model in {directory} uses document features but has no {DOCUMENT_MODEL_FILE}"
                raise ModelError(message)
            self._second_bytes = root.joinpath(DOCUMENT_MODEL_FILE).read_bytes()
            self._second = pycrfsuite.Tagger()
            self._second.open_inmemory(self._second_bytes)
        # The attributes either model knows: one feature list per token serves both passes (the
        # second adds its document features), each tagger skipping the few only the other knows.
        attributes = set(model_attributes(self._model_bytes))
        if self._second is not None:
            attributes.update(model_attributes(self._second_bytes))
        self._features = ModelFeatures(self.extractor, attributes)
        # A crfsuite tagger keeps the current sequence as state: one caller at a time.
        self._lock = threading.Lock()

    def tag_forms(self, forms: Sequence[str]) -> list[str]:
        """IOB2 tags for tokens already in matching form (``TokenSpan.norm``).

        The first pass alone: use :meth:`tag_document` when the other sentences of the
        article are at hand, as names repeat across an article.
        """
        return self.tag_document_forms([forms])[0]

    def tag_document_forms(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 tags for each sentence (matching form) of one document."""
        features = [self._features.sentence(forms) if forms else [] for forms in sentences]
        with self._lock:
            first = [to_iob2(self._tagger.tag(items)) if items else [] for items in features]
            # One sentence is no document: its own first-pass tags would be all the memory has,
            # and on dev the second pass then did worse than the first (0.696 vs 0.706 F1).
            if self._second is None or len(sentences) < 2:
                return first
            memory = DocumentMemory(self.extractor, sentences, first)
            second = []
            stack = self.extractor.config.stack
            keep_all = self._features.keep_all
            for forms, items, tags in zip(sentences, features, first, strict=True):
                if not items:
                    second.append([])
                    continue
                extra = keep_all(memory.features(forms, tags if stack else None))
                joined = [token + more for token, more in zip(items, extra, strict=True)]
                second.append(to_iob2(self._second.tag(joined)))
            return second

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 tags for raw token strings."""
        return self.tag_forms(match_forms(tokens))

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 tags for the raw token strings of each sentence of one document (article)."""
        return self.tag_document_forms([match_forms(tokens) for tokens in sentences])

    def tag_stream(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 tags for a sentence stream without document boundaries (a CoNLL file).

        Consecutive runs of the training pseudo-document size stand in for documents.
        """
        size = self.document_size or 1
        tags: list[list[str]] = []
        for start in range(0, len(sentences), size):
            tags.extend(self.tag_document(sentences[start : start + size]))
        return tags


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


def entities_in_document(sentences: Sequence[Sequence[TokenSpan]]) -> list[list[tuple[int, int, str]]]:
    """Entities of each sentence of one article, as :func:`entities` gives them for one sentence.

    With the whole article the shipped model runs its second, document-level pass (names
    the first pass found elsewhere in the article), which finds more names than tagging
    the sentences one by one.
    """
    tags = load().tag_document_forms([[token.norm for token in tokens] for tokens in sentences])
    return [spans(sentence_tags) for sentence_tags in tags]
