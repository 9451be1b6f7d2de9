"""Named-entity tagger: CoNLL I/O, exact-span scoring, the shipped model, the CLI."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from hadath.ner import camel
from hadath.ner.cli import add_ner_parser
from hadath.ner.conll import (
    ConllError,
    Sentence,
    iter_sentences,
    read_conll,
    score,
    spans,
    to_bioes,
    to_iob2,
    write_conll,
)
from hadath.ner.features import (
    DocumentMemory,
    FeatureConfig,
    FeatureExtractor,
    Lexicon,
    ModelFeatures,
    match_forms,
)
from hadath.ner.model import ModelError, entities, entities_in_document, load, model_attributes, tag_tokens
from hadath.ner.train import DOCUMENT_MODEL_FILE, own_lexicon
from hadath.text.normalize import normalize_text
from hadath.text.segment import split_sentences
from tests.conftest import shared_path

# Measured overall exact-span F1 of the shipped model on ANERcorp test (MODEL_CARD.md), minus 0.005:
# sentence by sentence (first pass only) and in 20-sentence documents (with the second pass).
SHIPPED_TEST_F1_FLOOR = 0.688  # measured 0.6932 per sentence; the target 0.80 is not met
SHIPPED_TEST_DOCUMENT_F1_FLOOR = 0.703  # measured 0.7087 in 20-sentence documents


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hadath")
    add_ner_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


# -- CoNLL files ----------------------------------------------------------------------


def test_conll_round_trip(tmp_path: Path) -> None:
    sentences = [
        Sentence(("التقى", "بشار", "الأسد"), ("O", "B-PERS", "I-PERS")),
        Sentence(("في", "دمشق", "."), ("O", "B-LOC", "O")),
    ]
    out = io.StringIO()
    write_conll(sentences, out)
    assert out.getvalue() == "التقى\tO\nبشار\tB-PERS\nالأسد\tI-PERS\n\nفي\tO\nدمشق\tB-LOC\n.\tO\n\n"
    path = tmp_path / "x.conll"
    path.write_text(out.getvalue(), encoding="utf-8")
    assert read_conll(path) == sentences


def test_reader_ignores_extra_columns_and_repeated_blank_lines() -> None:
    lines = ["a\tB-LOC\textra\n", "\n", "\n", "b\tO\n"]
    expected = [Sentence(("a",), ("B-LOC",)), Sentence(("b",), ("O",))]
    assert list(iter_sentences(lines, tagged=True)) == expected
    assert list(iter_sentences(["a\tjunk\n", "b\n"], tagged=False)) == [Sentence(("a", "b"))]


def test_reader_rejects_malformed_lines() -> None:
    with pytest.raises(ConllError, match=r"x:2: expected token<TAB>tag"):
        list(iter_sentences(["a\tO\n", "b\n"], tagged=True, source="x"))
    with pytest.raises(ConllError, match=r"bad tag|expected"):
        list(iter_sentences(["a\tB-\n"], tagged=True))
    with pytest.raises(ConllError, match="bad token"):
        list(iter_sentences(["two words\tO\n"], tagged=True))


def test_reader_normalizes_iob1_to_iob2(tmp_path: Path) -> None:
    path = tmp_path / "iob1.conll"
    path.write_text("a\tI-PERS\nb\tI-PERS\nc\tB-PERS\nd\tO\ne\tI-LOC\n\n", encoding="utf-8")
    assert read_conll(path)[0].tags == ("B-PERS", "I-PERS", "B-PERS", "O", "B-LOC")


# -- tags and spans -------------------------------------------------------------------


def test_spans_of_iob2() -> None:
    tags = ["B-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "I-LOC", "B-ORG"]
    assert spans(tags) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 6, "LOC"), (6, 7, "ORG")]


def test_spans_type_change_and_stray_inside() -> None:
    # An I- of another type starts a new entity; a leading I- is an entity start (IOB1 reading).
    assert spans(["I-ORG", "I-PERS", "I-PERS", "O"]) == [(0, 1, "ORG"), (1, 3, "PERS")]


def test_bioes_round_trip() -> None:
    tags = ["B-PERS", "I-PERS", "I-PERS", "O", "B-LOC", "B-ORG", "I-ORG"]
    assert to_bioes(tags) == ["B-PERS", "I-PERS", "E-PERS", "O", "S-LOC", "B-ORG", "E-ORG"]
    assert to_iob2(to_bioes(tags)) == tags


def test_score_counts_exact_matches_only() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    predicted = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "B-MISC"]]
    table = score(gold, predicted).table()
    assert table["PERS"]["correct"] == 0 and table["PERS"]["gold"] == 1 and table["PERS"]["predicted"] == 1
    assert table["LOC"]["f1"] == 1.0
    assert table["MISC"]["precision"] == 0.0 and table["MISC"]["gold"] == 0
    overall = table["overall"]
    assert (overall["gold"], overall["predicted"], overall["correct"]) == (3, 4, 2)
    assert overall["precision"] == pytest.approx(0.5)
    assert overall["recall"] == pytest.approx(2 / 3)
    assert overall["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_score_rejects_length_mismatch() -> None:
    with pytest.raises(ValueError, match="lengths differ"):
        score([["O", "O"]], [["O"]])


# -- features -------------------------------------------------------------------------


def test_lexicon_matches_longest_phrase_with_clitics_on_first_word() -> None:
    lexicon = Lexicon({"الولايات المتحدة": "LOC", "الولايات": "MISC", "دمشق": "LOC"})
    marks = lexicon.match(["بالولايات", "المتحده", "و", "ودمشق", "x"])
    assert marks == ["B-LOC", "I-LOC", None, "B-LOC", None]


def test_features_are_strings_and_context_aware() -> None:
    config = FeatureConfig(lexicons=("ent",))
    lexicons = {"ent": Lexicon({"بشار الاسد": "PERS"})}
    frequency = {"قال": 6.0, "الرئيس": 5.5, "رئيس": 5.0}
    extractor = FeatureExtractor(config, cues={"title": frozenset({"الرئيس"})}, frequency=frequency,
                                 lexicons=lexicons)
    features = extractor.sentence(["قال", "الرئيس", "بشار", "الاسد"])
    assert all(isinstance(feature, str) for token in features for feature in token)
    assert "w=بشار" in features[2] and "-1cue=title" in features[2]
    assert "lxent=B-PERS" in features[2] and "lxent=I-PERS" in features[3]
    assert "BOS" in features[0] and "EOS" in features[3]
    assert "zf=0" in features[2] and "zf=6" in features[0]
    with pytest.raises(ValueError, match="lexicons"):
        FeatureExtractor(config, frequency=frequency)


def test_lexicon_cache_gives_the_same_marks_twice() -> None:
    lexicon = Lexicon({"الامم المتحده": "ORG", "غزه": "LOC"})
    sentence = ["وقالت", "الامم", "المتحده", "ان", "بغزه", "الامم"]
    first = lexicon.match(sentence)
    assert first == [None, "B-ORG", "I-ORG", None, "B-LOC", None]
    assert lexicon.match(sentence) == first


def test_stem_affixes_ignore_clitics() -> None:
    config = FeatureConfig(lexicons=(), frequency=False, stem_affixes=2)
    extractor = FeatureExtractor(config, cues={})
    bare, clitic = extractor.sentence(["دمشق", "ودمشق"])
    assert "sp2=دم" in bare and "sp2=دم" in clitic and "p2=ود" in clitic


def test_document_memory_recalls_names_tagged_elsewhere() -> None:
    extractor = FeatureExtractor(FeatureConfig(lexicons=(), frequency=False), cues={})
    sentences = [["التقى", "غيث", "الطراونه", "في", "عمان"], ["وقال", "الطراونه", "ان", "الطراونه"]]
    tags = [["O", "B-PERS", "I-PERS", "O", "B-LOC"], ["O", "O", "O", "O"]]
    memory = DocumentMemory(extractor, sentences, tags)
    # Later in the article the surname alone: the memory knows it as part of a person's name,
    # tagged in one of its three uses.
    later = memory.features(sentences[1], ["O", "O", "O", "O"])
    assert "dw=PERS" in later[1] and "dw=PERS|few" in later[1] and "f1=O" in later[1]
    assert "+1dw=PERS" in later[0] and "-1dw=PERS" in later[2]
    # The full name and a clitic variant of the place match as phrases.
    first = memory.features(["وعمان", "غيث", "الطراونه"])
    assert "dp=B-LOC" in first[0] and "dp=B-PERS" in first[1] and "dp=I-PERS" in first[2]
    assert not any(feature.startswith("f1=") for feature in first[0])


def test_model_features_keep_only_known_attributes_in_order_as_bytes() -> None:
    config = FeatureConfig(lexicons=("ent",), frequency=False)
    extractor = FeatureExtractor(config, cues={"title": frozenset({"الرئيس"})},
                                 lexicons={"ent": Lexicon({"بشار الاسد": "PERS"})})
    words = ["قال", "الرئيس", "بشار", "الاسد"]
    full = extractor.sentence(words, extra=[["f1=O"], ["f1=O"], ["f1=B-PERS"], ["f1=I-PERS"]])
    # A model that knows the bigram "بشار الاسد" from both sides, the title cue before a name,
    # the lexicon mark, the sentence edges and one document feature, and nothing else.
    known = {"w=بشار", "bg-=بشار|الاسد", "bg+=بشار|الاسد", "-1cue=title", "lxent=B-PERS", "BOS", "EOS",
             "f1=B-PERS", "+2w=الاسد", "never=seen"}
    model = ModelFeatures(extractor, known)
    kept = model.sentence(words, extra=[["f1=O"], ["f1=O"], ["f1=B-PERS"], ["f1=I-PERS"]])
    assert kept == [[name.encode("utf-8") for name in token if name in known] for token in full]
    assert kept[2] == [name.encode("utf-8") for name in
                       ("w=بشار", "lxent=B-PERS", "-1cue=title", "EOS", "bg+=بشار|الاسد", "f1=B-PERS")]
    assert "+2w=الاسد".encode() in kept[1] and b"BOS" in kept[0]
    assert kept[3][-2:] == [b"EOS", "bg-=بشار|الاسد".encode()]
    # Lexicon marks computed once serve both passes.
    assert model.sentence(words, extractor.lexicon_marks(words)) == model.sentence(words)


def test_neighbour_lists_are_the_features_at_each_offset() -> None:
    extractor = FeatureExtractor(FeatureConfig(lexicons=(), frequency=False), cues={"title": frozenset({"الرئيس"})})
    for word in ["والرئيس", "دمشق", "(بغداد)", "في"]:
        by_offset = tuple(extractor._neighbour_features(word, offset) for offset in (-2, -1, 1, 2))
        assert extractor._neighbour_lists(word) == by_offset
    assert "-1cue=title" in extractor._neighbour_lists("والرئيس")[1]


@pytest.mark.parametrize("window", [1, 2, 3])
@pytest.mark.parametrize("length", [0, 1, 2, 3, 4, 6])
def test_model_features_with_every_attribute_known_are_the_extractor_features(length: int, window: int) -> None:
    # Sentences shorter than the context window too: BOS/EOS and empty context as the extractor has them.
    config = FeatureConfig(window=window, lexicons=("ent",), frequency=False)
    extractor = FeatureExtractor(config, cues={"title": frozenset({"الرئيس"})},
                                 lexicons={"ent": Lexicon({"بشار الاسد": "PERS", "دمشق": "LOC"})})
    words = ["قال", "الرئيس", "بشار", "الاسد", "في", "دمشق"][:length]
    extra = [[f"f1={index}"] for index in range(length)]
    full = extractor.sentence(words, extra=extra)
    model = ModelFeatures(extractor, {name for token in full for name in token})
    assert model.sentence(words, extra=extra) == [[name.encode("utf-8") for name in token] for token in full]


def test_model_features_keep_all_caches_by_content() -> None:
    extractor = FeatureExtractor(FeatureConfig(lexicons=(), frequency=False), cues={})
    model = ModelFeatures(extractor, {"f1=O", "dw=PERS"})
    kept = model.keep_all([["f1=O", "-1f1=O"], ["dw=PERS", "f1=O"], ["f1=O", "-1f1=O"]])
    assert kept == [[b"f1=O"], [b"dw=PERS", b"f1=O"], [b"f1=O"]]
    assert kept[0] is kept[2]  # one list per distinct content


def test_model_attributes_are_those_crfsuite_reports() -> None:
    model = load()
    data = model._model_bytes
    names = model_attributes(data)
    assert len(names) == len(set(names))
    assert set(names) == {name for name, _ in model._tagger.info().state_features}
    with pytest.raises(ModelError):
        model_attributes(b"not a model" * 10)
    with pytest.raises(ModelError):
        model_attributes(data[:60])


def test_shipped_model_tags_as_with_all_features() -> None:
    # The pruned, encoded features give the tags the full str features give (crfsuite skips
    # attributes it does not know), in both passes.
    model = load()
    sentences = [["وقال", "الرئيس", "بشار", "الأسد", "في", "دمشق", "."], ["وأضاف", "الأسد", "أن", "حلب", "آمنة"]]
    forms = [match_forms(tokens) for tokens in sentences]
    first = [to_iob2(model._tagger.tag(model.extractor.sentence(f))) for f in forms]
    assert [model.tag(tokens) for tokens in sentences] == first
    memory = DocumentMemory(model.extractor, forms, first)
    second = [to_iob2(model._second.tag(model.extractor.sentence(f, memory.features(f, tags))))
              for f, tags in zip(forms, first, strict=True)]
    assert model.tag_document(sentences) == second


def test_own_lexicon_reads_the_project_gazetteers() -> None:
    names = own_lexicon(set())
    assert names["العراق"] == "LOC"  # countries (babel, countries_extra.yaml)
    assert names["الامم المتحده"] == "ORG"  # an organisation, not CLDR's territory "UN"
    assert names["جون كيري"] == "PERS"  # actors/people.yaml
    assert "الجنود" not in names  # generic actors are common nouns
    assert "العراق" not in own_lexicon({"العراق"})  # frequent words never stand alone


def test_feature_config_of_an_older_model_has_no_second_pass() -> None:
    old = FeatureConfig.from_json({"window": 2, "lexicons": ["ent"]})
    assert old.document == 0 and not old.stack
    assert FeatureConfig.from_json(FeatureConfig().to_json()) == FeatureConfig()


# -- the shipped model ----------------------------------------------------------------


def test_shipped_model_tags_person_and_place() -> None:
    tokens = ["وقال", "الرئيس", "السوري", "بشار", "الأسد", "في", "دمشق", "إن", "الحكومة", "ستواصل",
              "الحوار", "."]
    tags = tag_tokens(tokens)
    assert len(tags) == len(tokens)
    assert tags[3:5] == ["B-PERS", "I-PERS"]
    assert tags[6] == "B-LOC"
    assert tags[0] == "O" and tags[-1] == "O"


def test_model_is_loaded_once() -> None:
    assert load() is load()


def test_entities_on_pipeline_tokens() -> None:
    text = "وصل وزير الخارجية الأمريكي جون كيري إلى القاهرة أمس."
    sentence = split_sentences(normalize_text(text))[0]
    found = entities(sentence.tokens)
    by_text = {text[sentence.tokens[a].start : sentence.tokens[b - 1].end]: kind for a, b, kind in found}
    assert by_text.get("جون كيري") == "PERS"
    assert by_text.get("القاهرة") == "LOC"


def test_empty_input() -> None:
    assert tag_tokens([]) == []
    assert entities([]) == []


def test_shipped_model_f1_on_anercorp_test() -> None:
    test = read_conll(shared_path("data/anercorp/test.conll"))
    gold = [sentence.tags for sentence in test]
    by_sentence = score(gold, [tag_tokens(sentence.tokens) for sentence in test]).f1
    assert by_sentence >= SHIPPED_TEST_F1_FLOOR
    in_documents = score(gold, load().tag_stream([sentence.tokens for sentence in test])).f1
    assert in_documents >= SHIPPED_TEST_DOCUMENT_F1_FLOOR
    assert in_documents > by_sentence  # the second pass pays for itself


def test_shipped_model_has_a_second_pass() -> None:
    model = load()
    assert model.document_size > 1
    # One sentence gets the first pass only; the same sentence inside a document may differ,
    # but tagging a document never changes the number of tags.
    sentences = [["وقال", "الرئيس", "بشار", "الأسد", "."], ["وأضاف", "الأسد", "في", "دمشق", "."]]
    tagged = model.tag_document(sentences)
    assert [len(tags) for tags in tagged] == [5, 5]
    assert model.tag_document([sentences[0]]) == [model.tag(sentences[0])]
    assert model.tag_document([]) == [] and model.tag_document([[], sentences[0]])[0] == []


def test_entities_in_document_on_pipeline_tokens() -> None:
    text = "وصل وزير الخارجية الأمريكي جون كيري إلى القاهرة أمس. وقال كيري إن المحادثات مثمرة."
    sentences = split_sentences(normalize_text(text))
    assert len(sentences) == 2
    found = entities_in_document([sentence.tokens for sentence in sentences])
    assert len(found) == 2
    names = {
        text[sentence.tokens[a].start : sentence.tokens[b - 1].end]: kind
        for sentence, spans_ in zip(sentences, found, strict=True)
        for a, b, kind in spans_
    }
    assert names.get("جون كيري") == "PERS"
    assert names.get("كيري") == "PERS"  # the surname alone, known from the first sentence


# -- CLI ------------------------------------------------------------------------------


def test_cli_conll_tags_and_keeps_blank_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.txt"
    path.write_text("\nالرئيس\tignored\nبشار\nالأسد\n\n\nفي\nدمشق\n", encoding="utf-8")
    assert _run(["ner", "--conll", str(path)]) == 0
    lines = capsys.readouterr().out.split("\n")
    assert lines[0] == ""
    assert [line.split("\t")[0] for line in lines[1:4]] == ["الرئيس", "بشار", "الأسد"]
    assert lines[4] == lines[5] == ""
    assert lines[7] == "دمشق\tB-LOC"
    assert all("\t" in line for line in lines[1:4] + lines[6:8])


def test_cli_conll_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("في\nدمشق\n"))
    assert _run(["ner", "--conll", "-"]) == 0
    assert capsys.readouterr().out == "في\tO\nدمشق\tB-LOC\n"


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["ner", "--conll", str(tmp_path / "missing")]) == 1
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.txt"
    bad.write_text("two words\n", encoding="utf-8")
    assert _run(["ner", "--conll", str(bad)]) == 1
    assert "bad token" in capsys.readouterr().err
    assert _run(["ner"]) == 2
    assert _run(["ner", "eval", str(tmp_path / "missing")]) == 1
    untagged = tmp_path / "untagged.conll"
    untagged.write_text("a\n", encoding="utf-8")
    assert _run(["ner", "eval", str(untagged)]) == 1
    assert "expected token<TAB>tag" in capsys.readouterr().err
    assert _run(["ner", "train", str(tmp_path / "missing"), "--out", str(tmp_path / "m")]) == 1


def test_cli_eval_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gold.conll"
    path.write_text("في\tO\nدمشق\tB-LOC\n\n", encoding="utf-8")
    assert _run(["ner", "eval", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["scores"]["overall"]["gold"] == 1
    assert result["scores"]["LOC"]["f1"] == 1.0


def test_cli_train_small_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A tiny corpus trains in well under a second; the model must load and tag like the shipped one.
    lines = []
    for _ in range(20):
        lines += ["زار\tO", "الرئيس\tO", "بشار\tB-PERS", "الأسد\tI-PERS", "دمشق\tB-LOC", "\n"]
    train = tmp_path / "train.conll"
    train.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "model"
    assert _run(["ner", "train", str(train), "--out", str(out), "--max-iterations", "20"]) == 0
    assert "wrote" in capsys.readouterr().out
    model = load(out)
    assert model.tag(["زار", "الرئيس", "بشار", "الأسد", "دمشق"]) == ["O", "O", "B-PERS", "I-PERS", "B-LOC"]
    assert (out / DOCUMENT_MODEL_FILE).is_file()  # the default feature set has a second pass
    document = model.tag_document([["زار", "بشار", "الأسد"], ["زار", "الرئيس", "بشار", "الأسد", "دمشق"]])
    assert document[1] == ["O", "O", "B-PERS", "I-PERS", "B-LOC"]


# -- camel-tools backend --------------------------------------------------------------


def test_camel_backend_unavailable_is_explained() -> None:
    reason = camel.unavailable_reason()
    if reason is None:
        pytest.skip("camel-tools NER data is installed here; the unavailable path is not exercised")
    assert not camel.available()
    with pytest.raises(camel.CamelNerUnavailableError, match=r"camel-tools|camel_tools"):
        camel.tag_tokens(["دمشق"])


def test_camel_backend_tags() -> None:
    reason = camel.unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    assert camel.tag_tokens(["زار", "بشار", "الأسد", "دمشق"])[1:] == ["B-PERS", "I-PERS", "B-LOC"]
