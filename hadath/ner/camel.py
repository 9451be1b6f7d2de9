"""Optional backend: camel-tools' BERT named-entity recognizer (CAMeL Lab, ~0.83 F1 on ANERcorp).

It needs torch, transformers and the downloadable CAMeL data package ``ner-arabert``,
none of which an offline hadath install has; :func:`available` says whether it can run,
and :func:`tag_tokens` raises :class:`CamelNerUnavailableError` with the reason when not.
The API matches :mod:`hadath.ner.model` so a setting can swap the two.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hadath.ner.conll import spans, to_iob2
from hadath.text.segment import TokenSpan

_MODULES = ("torch", "transformers", "pyrsistent")
_lock = threading.Lock()
_recognizer: Any = None


class CamelNerUnavailableError(RuntimeError):
    """camel-tools' NER cannot run here (missing packages or data)."""


def unavailable_reason() -> str | None:
    """Why camel-tools' NER cannot run, or None when it can."""
    missing = [name for name in _MODULES if importlib.util.find_spec(name) is None]
    if missing:
        return f"camel-tools NER needs the Python packages {', '.join(missing)}, which are not installed"
    try:
        from camel_tools.data import CATALOGUE
    except Exception as error:  # any import failure of an optional backend means "not available"
        return f"camel_tools.data cannot be imported: {error}"
    try:
        component = CATALOGUE.components["NamedEntityRecognition"]
        path = Path(str(component.datasets[component.default].path))
    except Exception as error:
        return f"the camel-tools catalogue has no NER model: {error}"
    if not (path / "config.json").is_file():
        return (f"the camel-tools NER data is not installed (expected {path}); "
                "install it with `camel_data -i ner-arabert` on a machine with network access")
    return None


def available() -> bool:
    """True when camel-tools' NER model and its packages are installed."""
    return unavailable_reason() is None


def _load() -> Any:
    global _recognizer
    if _recognizer is None:
        with _lock:
            if _recognizer is None:
                reason = unavailable_reason()
                if reason is not None:
                    raise CamelNerUnavailableError(reason)
                from camel_tools.ner import NERecognizer

                _recognizer = NERecognizer.pretrained(use_gpu=False)
    return _recognizer


def tag_tokens(tokens: Sequence[str]) -> list[str]:
    """IOB2 tags for raw token strings, with camel-tools' recognizer (raises when unavailable)."""
    recognizer = _load()
    if not tokens:
        return []
    # camel-tools names people PERS like ANERcorp; its output is IOB2 already, to_iob2 guards it.
    return to_iob2(recognizer.predict_sentence(list(tokens)))


def entities(tokens: Sequence[TokenSpan]) -> list[tuple[int, int, str]]:
    """Entity spans ``(first, last + 1, type)`` of pipeline tokens, with camel-tools' recognizer."""
    return spans(tag_tokens([token.norm for token in tokens]))
