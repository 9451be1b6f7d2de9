"""Token features for the Arabic named-entity tagger.

The tagger sees only the *matching form* of each token (``hadath.text.normalize.normalize``):
the pipeline's ``TokenSpan.norm`` is that form, and training normalizes the ANERcorp tokens
the same way, so training and inference features line up.

Features are strings (crfsuite's attribute names, each with weight 1). Everything that
depends on one word alone is computed once per distinct word and cached, and a token's
feature list is the concatenation of cached lists for itself and its neighbours. At
inference (:class:`ModelFeatures`) the cached lists hold only the attributes the model has
weights for, as UTF-8 bytes: crfsuite would skip the others anyway, and converting and
looking up strings was most of its cost.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain
from typing import Any

import yaml

from hadath.ner.conll import spans
from hadath.text.clitics import readings, strip_article
from hadath.text.normalize import normalize

# Proclitic + article combinations, worth a feature of their own: an entity rarely carries
# a conjunction/preposition without the article, while common nouns often do.
_ARTICLE_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "وبال", "وكال", "ولل", "ال")
# Names of the prefix / suffix features by length (p1= s1= …), built once.
_AFFIX_NAMES = [(f"p{size}=", f"s{size}=") for size in range(32)]
_EMPTY: list = []  # shared by tokens with nothing in a column; never mutated
_CACHE_LIMIT = 200_000  # distinct words kept per cache; cleared when full (bounded memory)


@dataclass(frozen=True)
class FeatureConfig:
    """Which feature groups are on; stored with the model so inference matches training."""

    window: int = 2  # context words on each side
    affixes: int = 3  # longest prefix/suffix length (0 = none)
    ngrams: int = 3  # character n-gram length inside the word (0 = none)
    readings: bool = True  # clitic-stripped readings of the word
    cues: bool = True  # title / place / organisation / speech cue words (cues.yaml)
    bigrams: bool = True  # word bigrams with the previous and next word
    context_readings: bool = True  # the stem reading of the context words too
    frequency: bool = True  # general-language word frequency (wordfreq table shipped with the model)
    lexicons: tuple[str, ...] = ("ent", "nw")  # phrase lists matched over the sentence (see Lexicon)
    # Second pass over a document (0 = off): a CRF that also sees what a first pass tagged
    # elsewhere in the same document (DocumentMemory); the value is the number of sentences
    # per pseudo-document when a token stream (ANERcorp) has no document boundaries.
    document: int = 20
    stack: bool = True  # the second pass also sees the first pass's tags of the token and its neighbours
    stem_affixes: int = 0  # longest prefix/suffix of the clitic-stripped stem (0 = none)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict of the settings."""
        data = asdict(self)
        data["lexicons"] = list(self.lexicons)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FeatureConfig:
        """Settings from :meth:`to_json` output (unknown keys are ignored)."""
        known = {key: value for key, value in data.items() if key in cls.__dataclass_fields__}
        # Models written before the second pass existed have no such keys: they have no second pass.
        known.setdefault("document", 0)
        known.setdefault("stack", False)
        if "lexicons" in known:
            known["lexicons"] = tuple(known["lexicons"])
        return cls(**known)


class Lexicon:
    """Phrases (matching form, space-separated) with a label each, matched over token sequences.

    The first token of a match may carry clitics (its clitic readings are tried: ودمشق,
    بالولايات); the others must match exactly. Longest match wins at each start.
    """

    def __init__(self, entries: Mapping[str, str]) -> None:
        """``entries`` maps a phrase to its label (labels become feature values)."""
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, label in entries.items():
            words = normalize(phrase).split()
            if words:
                self.index.setdefault(words[0], []).append((tuple(words[1:]), label))
        for tails in self.index.values():
            tails.sort(key=lambda item: -len(item[0]))  # longest first
        # Per token: the index lists its readings hit. Most tokens hit none, and trying their
        # readings again at every occurrence was the costliest step of feature extraction.
        self._heads: dict[str, tuple[list[tuple[tuple[str, ...], str]], ...]] = {}

    def __len__(self) -> int:
        return sum(len(tails) for tails in self.index.values())

    def match(self, cores: Sequence[str]) -> list[str | None]:
        """For each token, ``"B-label"`` / ``"I-label"`` when it is part of a match, else None."""
        marks: list[str | None] = [None] * len(cores)
        if not self.index:  # a document's memory when the first pass found no name
            return marks
        index = 0
        heads = self._heads
        while index < len(cores):
            best: tuple[int, str] | None = None
            candidates = heads.get(cores[index])  # inline for the usual case, a word seen before
            for tails in candidates if candidates is not None else self._candidates(cores[index]):
                for tail, label in tails:
                    end = index + 1 + len(tail)
                    if end <= len(cores) and tuple(cores[index + 1 : end]) == tail:
                        if best is None or end > best[0]:
                            best = (end, label)
                        break  # tails are longest first
            if best is None:
                index += 1
                continue
            end, label = best
            marks[index] = "B-" + label
            for inside in range(index + 1, end):
                marks[inside] = "I-" + label
            index = end
        return marks

    def _candidates(self, core: str) -> tuple[list[tuple[tuple[str, ...], str]], ...]:
        found = self._heads.get(core)
        if found is None:
            index = self.index
            found = tuple(index[form] for form in readings(core) if form in index) if core else ()
            if len(self._heads) >= _CACHE_LIMIT:
                self._heads.clear()
            self._heads[core] = found
        return found


def load_cues() -> dict[str, frozenset[str]]:
    """The shipped cue-word lists (``hadath/data/ner/cues.yaml``), normalized, by kind."""
    text = resources.files("hadath").joinpath("data/ner/cues.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text) or {}
    return {kind: frozenset(normalize(word) for word in words) for kind, words in raw.items()}


def _is_punct(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


@lru_cache(maxsize=_CACHE_LIMIT)
def _core(word: str) -> tuple[str, str, str]:
    """(leading punctuation, core, trailing punctuation): ANERcorp glues brackets to words."""
    start, end = 0, len(word)
    while start < end and _is_punct(word[start]):
        start += 1
    while end > start and _is_punct(word[end - 1]):
        end -= 1
    if start == end:
        return "", word, ""
    return word[:start], word[start:end], word[end:]


def _shape(word: str) -> str:
    """Character classes of ``word`` with runs collapsed: a(rabic) d(igit) l(atin) p(unct)."""
    classes = []
    for char in word:
        if "\u0621" <= char <= "\u06ff":
            kind = "a"
        elif char.isdigit():
            kind = "d"
        elif char.isalpha():
            kind = "l"
        else:
            kind = "p"
        if not classes or classes[-1] != kind:
            classes.append(kind)
    return "".join(classes[:4])


class FeatureExtractor:
    """Turns sentences of matching-form tokens into crfsuite feature lists."""

    def __init__(
        self,
        config: FeatureConfig,
        cues: Mapping[str, frozenset[str]] | None = None,
        frequency: Mapping[str, float] | None = None,
        lexicons: Mapping[str, Lexicon] | None = None,
    ) -> None:
        """Build an extractor; the optional tables are the resources ``config`` switches on.

        ``frequency`` maps a matching form to its Zipf frequency, ``lexicons`` a lexicon name
        (as in ``config.lexicons``) to its :class:`Lexicon`.
        """
        self.config = config
        self.cues = dict(cues if cues is not None else (load_cues() if config.cues else {}))
        self.frequency = frequency or {}
        self.lexicons = [(name, lexicons[name]) for name in config.lexicons] if lexicons else []
        missing = set(config.lexicons) - {name for name, _ in self.lexicons}
        if missing:
            raise ValueError(f"lexicons named in the feature config but not given: {sorted(missing)}")
        if config.frequency and not self.frequency:
            raise ValueError("the feature config uses word frequency but no frequency table was given")
        self._own: dict[str, list[str]] = {}
        # Per word, its features seen from each context offset (-window … -1, 1 … window).
        self._context: dict[str, tuple[list[str], ...]] = {}
        # Per cue word, its kinds: a token's readings are looked up, not every list searched.
        self._kinds_of: dict[str, set[str]] = {}
        for kind, words in self.cues.items():
            for form in words:
                self._kinds_of.setdefault(form, set()).add(kind)
        self._stem: dict[str, str] = {}
        self._cues: dict[str, list[str]] = {}

    # -- per-word pieces (cached) -------------------------------------------------------

    def stem(self, word: str) -> str:
        """The most stripped clitic reading of the word's core (its stand-in in context)."""
        cached = self._stem.get(word)
        if cached is None:
            core = _core(word)[1]
            forms = readings(core)
            cached = strip_article(forms[-1]) if forms else core
            if len(self._stem) >= _CACHE_LIMIT:
                self._stem.clear()
            self._stem[word] = cached
        return cached

    def _cue_kinds(self, forms: Iterable[str]) -> list[str]:
        hits: set[str] = set()
        for form in forms:
            found = self._kinds_of.get(form)
            if found:
                hits |= found
        return [kind for kind in self.cues if kind in hits] if hits else []

    def _word_features(self, word: str) -> list[str]:
        """Features of ``word`` alone, as the token being tagged."""
        config = self.config
        lead, core, trail = _core(word)
        feats = ["b", "w=" + word]
        if core != word:
            feats.append("c=" + core)
        if lead:
            feats.append("lp=" + lead[-1])
        if trail:
            feats.append("tp=" + trail[0])
        feats.append("sh=" + _shape(core))
        feats.append("ln=" + str(min(len(core), 8)))
        if core.startswith(_ARTICLE_PREFIXES):  # one test rejects most words
            for prefix in _ARTICLE_PREFIXES:
                if core.startswith(prefix) and len(core) > len(prefix) + 1:
                    feats.append("al=" + prefix)
                    break
        if config.affixes:
            for size in range(1, min(config.affixes, len(core) - 1) + 1):
                feats.append(_AFFIX_NAMES[size][0] + core[:size])
                feats.append(_AFFIX_NAMES[size][1] + core[-size:])
        if config.ngrams and len(core) > config.ngrams:
            padded = "<" + core + ">"
            grams = {padded[i : i + config.ngrams] for i in range(len(padded) - config.ngrams + 1)}
            feats.extend("g=" + gram for gram in sorted(grams))
        forms = readings(core) if config.readings else (core,)
        if config.readings:
            feats.extend("r=" + form for form in forms[1:])
            feats.append("st=" + self.stem(word))
        if config.stem_affixes:
            # Names keep their shape under clitics (وبغداد، لبغداد): affixes of the stem
            # generalise where those of the raw word are split over clitic variants.
            stem = self.stem(word)
            for size in range(1, config.stem_affixes + 1):
                if len(stem) > size:
                    feats.append(f"sp{size}=" + stem[:size])
                    feats.append(f"ss{size}=" + stem[-size:])
        if config.cues:
            # The same look-up as the word's cues seen from its neighbours (cached there).
            feats.extend("cue=" + kind for kind in self._word_cues(core))
        if config.frequency:
            feats.extend(self._frequency_features(core))
        return feats

    def _zipf(self, form: str) -> float:
        return self.frequency.get(form, 0.0)

    def _frequency_features(self, core: str) -> list[str]:
        """How common the word is in general Arabic, and whether it behaves like a common noun.

        Names are rare as words and rarely take the article or plural endings, so the
        frequency of the word, of its stem, and of its ال / plural variants relative to it
        tell an unseen name from an unseen common word.
        """
        zipf = self._zipf(core)
        stem = self.stem(core)
        bare = core[2:] if core.startswith("ال") and len(core) > 3 else core
        feats = ["zf=" + str(int(zipf)), "zs=" + str(int(self._zipf(stem)))]
        bare_zipf = self._zipf(bare)
        with_article = self._zipf("ال" + bare)
        if bare_zipf or with_article:
            # >0: the article form is the usual one (common noun or al-name); <0: seldom takes ال.
            feats.append("za=" + str(max(-3, min(3, round(with_article - bare_zipf)))))
        plural = max(self._zipf(bare + "ات"), self._zipf(bare + "ين"), self._zipf(bare + "ون"))
        if bare_zipf:
            feats.append("zp=" + str(max(-4, min(1, round(plural - bare_zipf)))))
        return feats

    def _neighbour_features(self, word: str, offset: int) -> list[str]:
        """Features of ``word`` seen from ``offset`` positions away."""
        config = self.config
        tag = f"{offset:+d}"
        core = _core(word)[1]
        feats = [tag + "w=" + word]
        if config.context_readings:
            stem = self.stem(word)
            if stem != word:
                feats.append(tag + "st=" + stem)
        if abs(offset) == 1:
            feats.append(tag + "sh=" + _shape(core))
            if config.affixes:
                feats.append(tag + "s2=" + core[-2:])
                feats.append(tag + "p2=" + core[:2])
        if config.cues:
            feats.extend(tag + "cue=" + kind for kind in self._word_cues(core))
        return feats

    def _word_cues(self, core: str) -> list[str]:
        """Cue kinds of any reading of ``core``, cached: each word is seen from four offsets."""
        cached = self._cues.get(core)
        if cached is None:
            if len(self._cues) >= _CACHE_LIMIT:
                self._cues.clear()
            forms = readings(core) if self.config.readings else (core,)
            cached = self._cues[core] = self._cue_kinds(forms)
        return cached

    def _own_cached(self, word: str) -> list[str]:
        cached = self._own.get(word)
        if cached is None:
            if len(self._own) >= _CACHE_LIMIT:
                self._own.clear()
            cached = self._own[word] = self._word_features(word)
        return cached

    def _contexts(self, word: str) -> tuple[list[str], ...]:
        """``word``'s features from each offset: index ``window + offset`` for offsets -window … -1,
        ``window + offset - 1`` for 1 … window (one cache look-up per token, not one per offset)."""
        cached = self._context.get(word)
        if cached is None:
            if len(self._context) >= _CACHE_LIMIT:
                self._context.clear()
            cached = self._context[word] = self._neighbour_lists(word)
        return cached

    def _neighbour_lists(self, word: str) -> tuple[list[str], ...]:
        """``_neighbour_features`` of ``word`` at every offset, -window … -1 then 1 … window: the
        word's core, stem, shape and cues are worked out once, not once per offset."""
        config = self.config
        window = config.window
        core = _core(word)[1]
        stem = self.stem(word) if config.context_readings else word
        cues = self._word_cues(core) if config.cues else []
        near: list[str] = ["sh=" + _shape(core)]
        if config.affixes:
            near += ["s2=" + core[-2:], "p2=" + core[:2]]
        out = []
        for offset in (*range(-window, 0), *range(1, window + 1)):
            tag = f"{offset:+d}"
            feats = [tag + "w=" + word]
            if stem != word:
                feats.append(tag + "st=" + stem)
            if offset in (-1, 1):
                feats.extend(tag + name for name in near)
            feats.extend(tag + "cue=" + kind for kind in cues)
            out.append(feats)
        return tuple(out)

    # -- sentences ---------------------------------------------------------------------

    def lexicon_marks(self, words: Sequence[str]) -> list[list[str | None]]:
        """Per lexicon (in ``config.lexicons`` order), the match mark of each token of a sentence."""
        if not self.lexicons:
            return []
        cores = [_core(word)[1] for word in words]
        return [lexicon.match(cores) for _, lexicon in self.lexicons]

    def sentence(self, words: Sequence[str], extra: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
        """Feature lists for each token of a sentence given in matching form.

        ``extra`` holds more features per token (the document features of a second pass).
        """
        window = self.config.window
        length = len(words)
        marks = self.lexicon_marks(words)
        out = []
        contexts = [self._contexts(word) for word in words]
        for index, word in enumerate(words):
            feats = list(self._own_cached(word))
            for (name, _), found in zip(self.lexicons, marks, strict=True):
                mark = found[index]
                if mark is not None:
                    feats.append(f"lx{name}={mark}")
                if index > 0 and found[index - 1] is not None:
                    feats.append(f"-1lx{name}={found[index - 1]}")
                if index + 1 < length and found[index + 1] is not None:
                    feats.append(f"+1lx{name}={found[index + 1]}")
            for offset in range(1, window + 1):
                left, right = index - offset, index + offset
                if left >= 0:
                    feats.extend(contexts[left][window - offset])
                elif left == -1:
                    feats.append("BOS")
                if right < length:
                    feats.extend(contexts[right][window + offset - 1])
                elif right == length:
                    feats.append("EOS")
            if self.config.bigrams:
                if index > 0:
                    feats.append("bg-=" + words[index - 1] + "|" + word)
                if index + 1 < length:
                    feats.append("bg+=" + word + "|" + words[index + 1])
            if extra is not None:
                feats.extend(extra[index])
            out.append(feats)
        return out


class ModelFeatures:
    """A sentence's features as one trained model reads them, ready for its crfsuite tagger.

    crfsuite ignores attributes that have no weight in the model, so dropping them before
    tagging leaves the tags as they were (the kept ones stay in their order, so even the sums
    of weights are the same) while the tagger converts and looks up a quarter to a half fewer
    strings. Kept ones are UTF-8 bytes, encoded once per word: pycrfsuite encodes every str
    attribute at every call, and that was most of its cost. Training still uses
    :meth:`FeatureExtractor.sentence` (all features, as str).
    """

    def __init__(self, extractor: FeatureExtractor, attributes: Iterable[str]) -> None:
        """``attributes``: the attribute names of the model (see ``hadath.ner.model.model_attributes``)."""
        self.extractor = extractor
        # Name → encoded name, for the model's attributes only: one look-up filters and encodes.
        self._known: dict[str, bytes] = {name: name.encode("utf-8") for name in attributes}
        self._own: dict[str, list[bytes]] = {}
        self._context: dict[str, tuple[list[bytes], ...]] = {}
        self._kept: dict[tuple[str, ...], list[bytes]] = {}
        self._bos = self._known.get("BOS")
        self._eos = self._known.get("EOS")
        self._lexicon_names = [name for name, _ in extractor.lexicons]
        # Word pair "a|b" → its known (bg-=, bg+=) attributes: one look-up per pair of neighbours.
        self._bigrams: dict[str, tuple[bytes | None, bytes | None]] = {}
        for name, encoded in self._known.items():
            if name.startswith(("bg-=", "bg+=")):
                left, right = self._bigrams.get(name[4:], (None, None))
                self._bigrams[name[4:]] = (encoded, right) if name[2] == "-" else (left, encoded)

    def keep(self, names: Iterable[str]) -> list[bytes]:
        """The encoded ``names`` the model knows, in their order."""
        known = self._known
        return [found for name in names if (found := known.get(name)) is not None]

    def keep_all(self, lists: Sequence[Sequence[str]]) -> list[list[bytes]]:
        """:meth:`keep` of each list, cached by content: the document features of a token come
        from a small closed set (``f1=O``, ``dw=PERS|all`` …) and repeat from token to token."""
        cache = self._kept
        out = []
        for names in lists:
            key = tuple(names)
            kept = cache.get(key)
            if kept is None:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                kept = cache[key] = self.keep(names)
            out.append(kept)
        return out

    def _own_cached(self, word: str) -> list[bytes]:
        cached = self._own.get(word)
        if cached is None:
            if len(self._own) >= _CACHE_LIMIT:
                self._own.clear()
            # From the extractor's builder, not its cache: the str lists are not needed again.
            cached = self._own[word] = self.keep(self.extractor._word_features(word))
        return cached

    def _contexts(self, word: str) -> tuple[list[bytes], ...]:
        cached = self._context.get(word)
        if cached is None:
            if len(self._context) >= _CACHE_LIMIT:
                self._context.clear()
            cached = self._context[word] = tuple(self.keep(feats) for feats in self.extractor._neighbour_lists(word))
        return cached

    def sentence(
        self,
        words: Sequence[str],
        marks: Sequence[Sequence[str | None]] | None = None,
        extra: Sequence[Sequence[str]] | None = None,
    ) -> list[list[bytes]]:
        """What :meth:`FeatureExtractor.sentence` gives, less the attributes unknown to the model, encoded.

        ``marks`` are the sentence's :meth:`FeatureExtractor.lexicon_marks` when already at hand;
        ``extra`` as in :meth:`FeatureExtractor.sentence`.
        """
        # The same pieces in the same order as FeatureExtractor.sentence (own features, lexicon
        # marks, then left and right context from the nearest offset out, bigrams, extra), but
        # gathered column by column: a token's list is one chain of ready-made lists, where the
        # per-token loop with its tests for sentence edges and absent marks was the costly part.
        config = self.extractor.config
        window = config.window
        length = len(words)
        if marks is None:
            marks = self.extractor.lexicon_marks(words)
        columns: list[Sequence[Sequence[bytes]]] = [[self._own_cached(word) for word in words]]
        if self._lexicon_names:
            columns.append(self._lexicon_column(marks, length))
        contexts = [self._contexts(word) for word in words]
        bos: list[bytes] = [self._bos] if self._bos is not None else []
        eos: list[bytes] = [self._eos] if self._eos is not None else []
        for offset in range(1, window + 1):
            # Token i sees contexts[i - offset] on its left; the BOS marker one step past the start.
            near, far = window - offset, window + offset - 1
            left = [*([_EMPTY] * (offset - 1)), bos, *(found[near] for found in contexts[: max(0, length - offset)])]
            right = [*(found[far] for found in contexts[offset:]), eos, *([_EMPTY] * (offset - 1))]
            columns.append(left[:length])
            # Past a short sentence's end the right context is empty (only index length - offset is EOS).
            columns.append(right[:length] if length >= offset else [_EMPTY] * length)
        if config.bigrams:
            columns.append(self._bigram_column(words))
        if extra is not None:
            columns.append(self.keep_all(extra))
        return [list(chain.from_iterable(row)) for row in zip(*columns, strict=True)]

    def _lexicon_column(self, marks: Sequence[Sequence[str | None]], length: int) -> list[list[bytes]]:
        """Per token, its known lexicon features: its own mark, then its neighbours', per lexicon."""
        known = self._known
        column: list[list[bytes]] = [_EMPTY] * length
        for name, found in zip(self._lexicon_names, marks, strict=True):
            hits = [index for index, mark in enumerate(found) if mark is not None]
            if not hits:
                continue
            for index in sorted({near for hit in hits for near in (hit - 1, hit, hit + 1) if 0 <= near < length}):
                got = []
                if (mark := found[index]) is not None and (kept := known.get(f"lx{name}={mark}")) is not None:
                    got.append(kept)
                if index > 0 and (mark := found[index - 1]) is not None and (
                        kept := known.get(f"-1lx{name}={mark}")) is not None:
                    got.append(kept)
                if index + 1 < length and (mark := found[index + 1]) is not None and (
                        kept := known.get(f"+1lx{name}={mark}")) is not None:
                    got.append(kept)
                if got:
                    column[index] = [*column[index], *got]
        return column

    def _bigram_column(self, words: Sequence[str]) -> list[list[bytes]]:
        """Per token, its known bigram features: with the previous word, then with the next."""
        column: list[list[bytes]] = [_EMPTY] * len(words)
        bigrams = self._bigrams
        for index in range(len(words) - 1):
            pair = bigrams.get(words[index] + "|" + words[index + 1])
            if pair is None:
                continue
            before, after = pair  # bg-= of the second word, bg+= of the first
            if after is not None:
                column[index] = [*column[index], after]  # after its own bg-= (set one step earlier)
            if before is not None:
                column[index + 1] = [before]
        return column


class DocumentMemory:
    """What a first tagging pass found in one document, as features for the second pass.

    News names a person or an organisation in full once and then by a part of the name
    (الطراونة after غيث الطراونة), and repeats places; a word the first pass tagged with
    confidence elsewhere in the article is strong evidence here, where its context alone is
    weak. Phrases are keyed by the stem of their first word so that clitic variants (وبغداد,
    لبغداد) match; single words by their stem.
    """

    def __init__(
        self, extractor: FeatureExtractor, sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]
    ) -> None:
        """``sentences`` in matching form with the first pass's IOB2 ``tags``."""
        self.extractor = extractor
        phrases: dict[str, dict[str, int]] = {}
        words: dict[str, dict[str, int]] = {}
        occurrences: dict[str, int] = {}
        for forms, sentence_tags in zip(sentences, tags, strict=True):
            for form in forms:
                stem = extractor.stem(form)
                occurrences[stem] = occurrences.get(stem, 0) + 1
            for start, end, kind in spans(sentence_tags):
                cores = [_core(form)[1] for form in forms[start:end]]
                key = " ".join([extractor.stem(forms[start]), *cores[1:]])
                counts = phrases.setdefault(key, {})
                counts[kind] = counts.get(kind, 0) + 1
                for form in forms[start:end]:
                    stem = extractor.stem(form)
                    if len(stem) > 1:
                        counts = words.setdefault(stem, {})
                        counts[kind] = counts.get(kind, 0) + 1
        self.phrases = Lexicon({phrase: max(counts, key=counts.__getitem__) for phrase, counts in phrases.items()})
        # Per stem: its usual type, and how much of the time the first pass tagged it at all
        # (a word tagged once among many untagged uses is more likely a first-pass slip).
        self.words: dict[str, tuple[str, str]] = {}
        for stem, counts in words.items():
            tagged = sum(counts.values())
            share = "all" if tagged >= occurrences[stem] else ("most" if 2 * tagged >= occurrences[stem] else "few")
            self.words[stem] = (max(counts, key=counts.__getitem__), share)

    def features(self, forms: Sequence[str], first: Sequence[str] | None = None) -> list[list[str]]:
        """Second-pass features for each token of a sentence (matching form).

        ``first`` is the first pass's IOB2 tags of this sentence, when the second pass uses them.
        """
        marks = self.phrases.match([_core(form)[1] for form in forms])
        kinds = [self.words.get(self.extractor.stem(form)) for form in forms]
        out: list[list[str]] = []
        for index in range(len(forms)):
            feats = []
            if marks[index] is not None:
                feats.append("dp=" + str(marks[index]))
            kind = kinds[index]
            if kind is not None:
                feats.append("dw=" + kind[0])
                feats.append("dw=" + kind[0] + "|" + kind[1])
            if index > 0 and (left := kinds[index - 1]) is not None:
                feats.append("-1dw=" + left[0])
            if index + 1 < len(forms) and (right := kinds[index + 1]) is not None:
                feats.append("+1dw=" + right[0])
            if first is not None:
                feats.append("f1=" + first[index])
                if index > 0:
                    feats.append("-1f1=" + first[index - 1])
                if index + 1 < len(forms):
                    feats.append("+1f1=" + first[index + 1])
            out.append(feats)
        return out


def match_forms(tokens: Iterable[str]) -> list[str]:
    """The matching form of each raw token (an empty result keeps the raw token)."""
    return [normalize(token) or token for token in tokens]
