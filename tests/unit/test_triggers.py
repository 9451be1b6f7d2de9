"""The trigger lexicon: integrity of every data file, and the matcher's behaviour on news sentences."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from hadath.extract.events import MIN_WEIGHT
from hadath.extract.triggers import (
    EVENT_TYPES,
    NEGATIVE_CUES_FILE,
    PLOVER_MODES,
    POS_VALUES,
    TRIGGERS_DIR,
    LexiconError,
    TriggerLexicon,
    TriggerMatch,
    expand_pattern,
    load_lexicon,
    quad_class,
    read_lexicon,
)
from hadath.text.normalize import normalize, normalize_text
from hadath.text.segment import tokenize
from tests.conftest import shared_path

MIN_ENTRIES = 400

# Which PLOVER type a CAMEO code belongs to, after CAMEO2PLOVER-2021.txt: the longest matching
# prefix wins, so the 2021 table's exceptions (1712 and 175 are ASSAULT inside 17x, 191 and 192
# COERCE inside 19x, 163 COERCE inside 16x, 0813/0814 RETREAT inside CONCEDE's 081) override
# their root. `test_cameo_prefixes_reproduce_the_2021_table` checks this against the file.
CAMEO_PREFIX_TYPE = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "080": "CONCEDE", "081": "CONCEDE", "082": "CONCEDE", "083": "CONCEDE",
    "0813": "RETREAT", "0814": "RETREAT",
    "084": "RETREAT", "085": "RETREAT", "086": "RETREAT", "087": "RETREAT",
    "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "163": "COERCE", "17": "COERCE", "1712": "ASSAULT", "175": "ASSAULT",
    "18": "ASSAULT", "19": "ASSAULT", "191": "COERCE", "192": "COERCE", "20": "ASSAULT",
}


def cameo_type(code: str) -> str | None:
    """The PLOVER type of a CAMEO code by the longest prefix of CAMEO_PREFIX_TYPE."""
    for length in range(len(code), 1, -1):
        if code[:length] in CAMEO_PREFIX_TYPE:
            return CAMEO_PREFIX_TYPE[code[:length]]
    return None


def match_key(pattern: str) -> tuple[str, ...]:
    """A pattern as the tokens it matches see it: normalized, with a leading ال dropped per word."""
    return tuple(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in normalize(pattern).split())


@pytest.fixture(scope="module")
def lexicon() -> TriggerLexicon:
    return load_lexicon()


def find(lexicon: TriggerLexicon, sentence: str) -> list[TriggerMatch]:
    return lexicon.find(tokenize(normalize_text(sentence)))


def types_of(matches: list[TriggerMatch]) -> set[str]:
    return {m.entry.event_type for m in matches}


# ------------------------------------------------------------------------------------------
# Integrity of the data files


def test_one_file_per_type_and_the_negative_cues() -> None:
    names = {p.name for p in TRIGGERS_DIR.glob("*.yaml")}
    assert names == {f"{t.lower()}.yaml" for t in EVENT_TYPES} | {NEGATIVE_CUES_FILE}


def test_every_file_loads_and_covers_all_types(lexicon: TriggerLexicon) -> None:
    per_type = defaultdict(int)
    for entry in lexicon.entries:
        per_type[entry.event_type] += 1
    assert set(per_type) == set(EVENT_TYPES)
    assert len(lexicon.entries) >= MIN_ENTRIES
    assert min(per_type.values()) >= 10, per_type
    assert lexicon.cues


def test_entry_fields_are_valid(lexicon: TriggerLexicon) -> None:
    ids = [e.id for e in lexicon.entries]
    assert len(ids) == len(set(ids))
    for entry in lexicon.entries:
        assert entry.event_type in EVENT_TYPES
        assert entry.id.startswith(entry.event_type.lower() + ".")
        assert entry.mode is None or entry.mode in PLOVER_MODES[entry.event_type], entry.id
        assert entry.pos in POS_VALUES
        assert 0.0 < entry.weight <= 1.0
        assert entry.patterns and all(normalize(p) for p in entry.patterns)


def test_cameo_codes_fit_the_type(lexicon: TriggerLexicon) -> None:
    wrong = [(e.id, e.cameo, cameo_type(e.cameo)) for e in lexicon.entries
             if not e.cameo.isdigit() or cameo_type(e.cameo) != e.event_type]
    assert not wrong


def test_cameo_prefixes_reproduce_the_2021_table() -> None:
    table = shared_path("data/plover/CAMEO2PLOVER-2021.txt")
    checked = 0
    for line in table.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^(\d{3,4}): ([A-Z]+),", line)
        if found:
            code, plover_type = found.groups()
            assert cameo_type(code) == plover_type, line
            checked += 1
    assert checked > 200


def test_modes_are_the_manuals() -> None:
    manual = shared_path("data/plover/PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    for event_type, modes in PLOVER_MODES.items():
        if not modes:
            continue
        caption = re.search(r"\\caption\{(?:\\plcat\{)?" + event_type + r"\}? modes", manual)
        assert caption, event_type
        table = manual[caption.end():manual.index(r"\end{tabular}", caption.end())]
        rows = re.findall(r"^\s*([a-z][a-z-]*)\s*&", table, flags=re.MULTILINE)
        assert set(rows) == modes, (event_type, rows)


def test_no_pattern_in_two_entries_unless_shared(lexicon: TriggerLexicon) -> None:
    owners: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for entry in lexicon.entries:
        for key in {match_key(p) for p in entry.patterns}:
            owners[key].append(entry.id)
    clashes = []
    for key, entry_ids in owners.items():
        if len(entry_ids) > 1 and not all(lexicon.by_id[i].shared for i in entry_ids):
            clashes.append((" ".join(key), entry_ids))
    assert not clashes


def test_shared_entries_name_their_reason_and_really_share() -> None:
    for path in TRIGGERS_DIR.glob("*.yaml"):
        if path.name == NEGATIVE_CUES_FILE:
            continue
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]:
            if raw.get("shared"):
                assert str(raw.get("reason", "")).strip(), raw["id"]


def test_patterns_carry_no_proclitic_article() -> None:
    # Readings strip و ف ب ك ل(ل) before ال, so a pattern word written with them only adds a
    # narrower duplicate (README: entries are written without proclitics).
    lexicon = read_lexicon(TRIGGERS_DIR)
    bad = [(e.id, p) for e in lexicon.entries for p in e.patterns for w in normalize(p).split()
           if len(w) > 4 and (w[:3] in ("بال", "وال", "فال", "كال") or w.startswith("لل"))]
    assert not bad


def test_alternations_expand_to_plain_patterns(lexicon: TriggerLexicon) -> None:
    assert expand_pattern("هدد|توعد رد|انتقام") == ["هدد رد", "هدد انتقام", "توعد رد", "توعد انتقام"]
    assert all("|" not in p for e in lexicon.entries for p in e.patterns)
    with pytest.raises(ValueError):
        expand_pattern("هدد||توعد")


def test_version_is_a_content_hash(tmp_path: Path, lexicon: TriggerLexicon) -> None:
    assert re.fullmatch(r"[0-9a-f]{12}", lexicon.version)
    copy = tmp_path / "triggers"
    shutil.copytree(TRIGGERS_DIR, copy)
    assert read_lexicon(copy).version == lexicon.version
    path = copy / "agree.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert read_lexicon(copy).version != lexicon.version


def test_load_lexicon_is_cached() -> None:
    assert load_lexicon() is load_lexicon()
    assert load_lexicon(TRIGGERS_DIR) is load_lexicon()


GOOD_ENTRY = {"id": "agree.x", "mode": None, "cameo": "030", "pos": "noun", "weight": 1.0,
              "patterns": ["اتفاق"]}


def write_type_file(directory: Path, entries: list[dict[str, object]]) -> None:
    (directory / "agree.yaml").write_text(json.dumps({"type": "AGREE", "entries": entries}), encoding="utf-8")


@pytest.mark.parametrize(("change", "message"), [
    ({"mode": "aerial"}, "not a PLOVER mode"),
    ({"cameo": 30}, "cameo"),
    ({"pos": "adverb"}, "pos"),
    ({"weight": 0}, "weight"),
    ({"patterns": []}, "patterns"),
    ({"id": "assault.x"}, "id must start"),
    ({"shared": True}, "reason"),
    ({"colour": "red"}, "unknown keys"),
])
def test_loader_rejects_bad_entries(tmp_path: Path, change: dict[str, object], message: str) -> None:
    write_type_file(tmp_path, [{**GOOD_ENTRY, **change}])
    with pytest.raises(LexiconError, match=message):
        read_lexicon(tmp_path)


def test_loader_rejects_bad_cues_and_duplicate_ids(tmp_path: Path) -> None:
    write_type_file(tmp_path, [GOOD_ENTRY, GOOD_ENTRY])
    with pytest.raises(LexiconError, match="duplicate id"):
        read_lexicon(tmp_path)
    write_type_file(tmp_path, [GOOD_ENTRY])
    cue = {"id": "c", "applies_to": ["AGREE"], "scope": "window", "window": 0, "effect": "cancel",
           "patterns": ["x"]}
    (tmp_path / NEGATIVE_CUES_FILE).write_text(json.dumps({"cues": [cue]}), encoding="utf-8")
    with pytest.raises(LexiconError, match="window"):
        read_lexicon(tmp_path)
    cue.update(scope="sentence", effect=1.5)
    (tmp_path / NEGATIVE_CUES_FILE).write_text(json.dumps({"cues": [cue]}), encoding="utf-8")
    with pytest.raises(LexiconError, match="effect"):
        read_lexicon(tmp_path)
    cue.update(effect="cancel", applies_to=["agree.nothing"])
    (tmp_path / NEGATIVE_CUES_FILE).write_text(json.dumps({"cues": [cue]}), encoding="utf-8")
    with pytest.raises(LexiconError, match="applies_to"):
        read_lexicon(tmp_path)


def test_quad_class() -> None:
    codes = ("030", "042", "057", "061", "0841", "090", "111", "138", "145", "160", "173", "195", "2041")
    assert [quad_class(c) for c in codes] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4]
    with pytest.raises(ValueError):
        quad_class("21")
    with pytest.raises(ValueError):
        quad_class("x1")


# ------------------------------------------------------------------------------------------
# Behaviour on sentences written for these tests


def test_conjugated_verb_with_clitic_and_subject(lexicon: TriggerLexicon) -> None:
    [match] = find(lexicon, "وقصفت الطائرات مواقع المسلحين شمال المدينة")
    assert (match.entry.event_type, match.entry.mode, match.first, match.last) == ("ASSAULT", "aerial", 0, 2)
    assert match.entry.cameo == "195"


@pytest.mark.parametrize(("sentence", "event_type", "mode"), [
    ("والغارات الجوية استهدفت مخازن السلاح", "ASSAULT", "aerial"),
    ("يقصفون الأحياء السكنية منذ أسبوع", "ASSAULT", None),
    ("انفجرت سيارة مفخخة قرب السوق", "ASSAULT", "explosives"),
    ("أطلق مسلحون النار على دورية للشرطة", "ASSAULT", "firearms"),
    ("واختطف مجهولون صحفيا أجنبيا", "ASSAULT", "abduct"),
    ("اغتيل القيادي أمام منزله", "ASSAULT", "targeted"),
    ("اعتقلت الشرطة عشرة أشخاص", "COERCE", "arrest"),
    ("ألقت قوات الأمن القبض على المتهمين", "COERCE", "arrest"),
    ("فرضت السلطات حظر التجول في المدينة", "COERCE", "curfew"),
    ("خرجت مظاهرة حاشدة في وسط العاصمة", "PROTEST", "demo"),
    ("أضرب عمال الموانئ عن العمل", "PROTEST", "strike"),
    ("التقى الوزير نظيره الفرنسي", "CONSULT", None),
    ("تلقى الملك اتصالا هاتفيا من الرئيس", "CONSULT", "phone"),
    ("بالتنسيق مع الجيش الوطني", "COOPERATE", None),
    ("وصلت طائرة تحمل مساعدات إنسانية إلى المطار", "AID", None),
    ("أدانت المملكة الاعتداء", "ACCUSE", "disapprove"),
    ("نفت الوزارة صحة الأنباء", "REJECT", None),
    ("وتوعد الحوثيون بالرد", "THREATEN", "violence"),
    ("قررت الحكومة قطع العلاقات الدبلوماسية مع طهران", "SANCTION", "withdraw"),
    ("أفرجت السلطات عن عشرين معتقلا", "CONCEDE", None),
    ("انسحبت القوات من البلدة", "RETREAT", "withdraw"),
    ("دفع الجيش بتعزيزات عسكرية إلى الحدود", "MOBILIZE", "troops"),
    ("أشاد الوزير بجهود المملكة", "SUPPORT", None),
    ("وقع البلدان اتفاقية للتعاون الأمني", "AGREE", None),
])
def test_one_sentence_per_type(lexicon: TriggerLexicon, sentence: str, event_type: str,
                               mode: str | None) -> None:
    matches = [m for m in find(lexicon, sentence) if m.entry.event_type == event_type]
    assert matches, (sentence, [m.entry.id for m in find(lexicon, sentence)])
    assert mode in {m.entry.mode for m in matches}


def test_multiword_longest_match_wins(lexicon: TriggerLexicon) -> None:
    [match] = find(lexicon, "أعلن الطرفان وقف إطلاق النار في المدينة")
    assert match.entry.event_type == "AGREE"
    assert (match.first, match.last) == (2, 5)


def test_request_for_an_act_is_one_request(lexicon: TriggerLexicon) -> None:
    [match] = find(lexicon, "ودعا إلى وقف فوري لإطلاق النار")
    assert (match.entry.event_type, match.entry.mode) == ("REQUEST", "yield")
    release = find(lexicon, "طالب بالإفراج عن الصحفيين")
    assert types_of(release) == {"REQUEST"}


def test_literal_reading_beats_a_stripped_one(lexicon: TriggerLexicon) -> None:
    # بحث "discussed" (CONSULT) must not be read as ب + حث "urged" (REQUEST).
    [match] = find(lexicon, "بحث الوزير مع نظيره العلاقات الثنائية")
    assert match.entry.event_type == "CONSULT"


def test_sports_cancels(lexicon: TriggerLexicon) -> None:
    assert find(lexicon, "شن المنتخب السعودي هجوما قويا في الشوط الثاني من المباراة") == []
    assert find(lexicon, "احتسب الحكم ضربة جزاء للفريق الضيف") == []
    assert "ASSAULT" in types_of(find(lexicon, "شن المسلحون هجوما قويا على الثكنة"))


def test_lookalikes_and_dawn(lexicon: TriggerLexicon) -> None:
    assert find(lexicon, "أعلنت وزارة الخارجية عبر موقع التواصل الاجتماعي") == []
    assert types_of(find(lexicon, "فجر اليوم الخميس")) == set()
    assert types_of(find(lexicon, "فجر انتحاري نفسه فجر اليوم")) == {"ASSAULT"}


@pytest.mark.parametrize(("cancelled", "kept"), [
    # Idioms of ضرب: ignored, a kind of fantasy, gave an example.
    ("ضربت الحكومة عرض الحائط بمصالح القبائل", "ضربت الطائرات مواقع المسلحين"),
    ("كان الكثيرون يعتبرون هذه الوحدة ضربا من الخيال", "تلقى المسلحون ضربا مبرحا"),
    # Nature strikes: an earthquake, a tsunami, floods.
    ("زلزال قوي ضرب ساحل غرب سومطرة", "ضرب المسلحون ساحل المدينة بالقذائف"),
    ("قتل 16 ألف شخص في كارثة تسونامي", "قتل 16 شخصا في هجوم على السوق"),
    # A burst of laughter or anger, not a blast.
    ("فانفجرت الوزيرة بالضحك", "انفجرت عبوة ناسفة في السوق"),
    # Only expected or feared: a likely strike, an imminent campaign.
    ("تقارير بشأن ضربة جوية محتملة لإيران", "نفذت الطائرات ضربة جوية على المواقع"),
    # A habit, not an act.
    ("البلدة التي تتعرض دائما لصواريخ حماس", "البلدة التي تعرضت أمس لصواريخ حماس"),
    # A nuclear test is no attack.
    ("فجرت كوريا الشمالية قنبلتها الذرية الأولى", "فجر الانتحاري سيارة مفخخة"),
    # بحرقة "with anguish" is no burning.
    ("أتساءل بحرقة عن مصير المعتقلين", "أحرق المسلحون منازل القرية"),
    # A verbal attack: "هاجمت رايس حماس قائلة …".
    ("هاجمت الوزيرة حركة حماس قائلة إنها لا تريد السلام", "هاجم المسلحون حاجزا للشرطة"),
])
def test_negative_cues_cancel_idioms_nature_and_unconfirmed_attacks(
        lexicon: TriggerLexicon, cancelled: str, kept: str) -> None:
    # Cancelled, or weighted below what event assembly keeps (MIN_WEIGHT).
    assert not [m for m in find(lexicon, cancelled) if m.entry.event_type == "ASSAULT" and m.weight >= MIN_WEIGHT]
    assert [m for m in find(lexicon, kept) if m.entry.event_type == "ASSAULT" and m.weight >= MIN_WEIGHT]


def test_blessings_and_a_hospital_reception_are_no_support_or_meeting(lexicon: TriggerLexicon) -> None:
    assert "SUPPORT" not in types_of(find(lexicon, "أمر به خادم الحرمين الشريفين أيده الله"))
    assert "SUPPORT" in types_of(find(lexicon, "أيد المجلس قرار الحكومة"))
    assert "CONSULT" not in types_of(find(lexicon, "استقبل المستشفى جثامين 9 مدنيين و42 جريحا"))
    assert "CONSULT" in types_of(find(lexicon, "استقبل الرئيس وزير الخارجية الأميركي"))


def test_crowds_rioters_and_angry_people_are_participants_not_protests(lexicon: TriggerLexicon) -> None:
    # Like المتظاهرون: the people of a protest, named; the protest needs a word of its own (one
    # weighted at least MIN_WEIGHT, what event assembly keeps).
    def protest(text: str) -> bool:
        return any(m.entry.event_type == "PROTEST" and m.weight >= MIN_WEIGHT for m in find(lexicon, text))

    assert not protest("دعا المحافظ حشود المتظاهرين إلى جمع التواقيع")
    assert not protest("حاول مشاغبون نهب منازل ومتاجر")
    assert not protest("بعد مهاجمة متظاهرين غاضبين للسفارة")
    assert protest("احتشد آلاف المتظاهرين أمام البرلمان")
    assert protest("اندلعت أعمال شغب في المدينة")


def test_shared_entries_return_both_types(lexicon: TriggerLexicon) -> None:
    matches = find(lexicon, "أعلنت الأحزاب مقاطعة")
    assert types_of(matches) == {"PROTEST", "SANCTION"}
    assert len({(m.first, m.last) for m in matches}) == 1


def test_weight_factor_cue(lexicon: TriggerLexicon) -> None:
    [match] = [m for m in find(lexicon, "ناقش مجلس الوزراء في اجتماعه الأسبوعي الميزانية")
               if m.entry.id == "consult.meeting"]
    assert match.weight < match.entry.weight


def test_matches_in_text_order_without_overlap(lexicon: TriggerLexicon) -> None:
    matches = find(lexicon, "أدانت المملكة التفجير الإرهابي الذي استهدف مسجدا وأسفر عن مقتل عشرة مصلين")
    assert [m.first for m in matches] == sorted(m.first for m in matches)
    assert all(a.last <= b.first for a, b in itertools.pairwise(matches))
    assert {"ACCUSE", "ASSAULT"} <= types_of(matches)
    assert find(lexicon, "") == []


# ------------------------------------------------------------------------------------------
# External gold: the lexicon alone, run on the GSR sentences (texts stay outside the repo)


def test_gsr_recall() -> None:
    path = shared_path("data/gsr/dev.jsonl")
    lexicon = load_lexicon()
    counts: dict[str, dict[str, int]] = {t: {"tp": 0, "fp": 0, "fn": 0} for t in ("ASSAULT", "PROTEST")}
    seen: set[tuple[str, str]] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        event_type, key = record["event_type"], (record["event_type"], record["text_hash"])
        if record["is_event"] is None or key in seen:
            continue
        seen.add(key)
        found = event_type in types_of(find(lexicon, record["text"]))
        tally = counts[event_type]
        if record["is_event"]:
            tally["tp" if found else "fn"] += 1
        elif found:
            tally["fp"] += 1
    for event_type, tally in counts.items():
        recall = tally["tp"] / (tally["tp"] + tally["fn"])
        precision = tally["tp"] / max(1, tally["tp"] + tally["fp"])
        print(f"GSR dev {event_type}: lexicon-only recall {recall:.3f}, precision {precision:.3f} {tally}")
        assert recall >= 0.8, (event_type, tally)


def test_no_fly_zone_is_no_embargo(lexicon: TriggerLexicon) -> None:
    zone = find(lexicon, "ينص الاتفاق على إقامة منطقة حظر جوي في شمال سوريا")
    assert not {"SANCTION", "COERCE"} & types_of(zone)
    assert "SANCTION" in types_of(find(lexicon, "فرض مجلس الأمن حظر جوي على ليبيا"))


def test_an_invitation_is_no_visit(lexicon: TriggerLexicon) -> None:
    assert "CONSULT" not in types_of(find(lexicon, "وبدعوة من المنظمات أحيا المتظاهرون ذكرى الضحايا"))
    assert "CONSULT" in types_of(find(lexicon, "وصل الرئيس إلى الرياض في زيارة رسمية بدعوة من الملك"))


def test_clearing_an_area_is_fighting(lexicon: TriggerLexicon) -> None:
    assert [m for m in find(lexicon, "وتطهير عدة معسكرات للمتشددين حول البلدة")
            if m.entry.event_type == "ASSAULT" and m.weight >= MIN_WEIGHT]


def test_a_warning_to_whoever_and_a_military_position_are_no_events(lexicon: TriggerLexicon) -> None:
    deterrent = find(lexicon, "وتحذر في الوقت ذاته كل من تسول له نفسه المساس بأمن البلاد")
    assert "ACCUSE" not in types_of(deterrent)
    assert "ACCUSE" in types_of(find(lexicon, "وحذرت الخارجية إسرائيل من عواقب الاقتحام"))
    position = find(lexicon, "هجوم مباغت شنه المسلحون على تمركز للكتيبة قرب المدينة")
    assert "MOBILIZE" not in types_of(position)
    assert "MOBILIZE" in types_of(find(lexicon, "تمركزت القوات على مشارف المدينة"))


def test_approval_as_a_condition_is_no_agreement(lexicon: TriggerLexicon) -> None:
    condition = find(lexicon, "أي طلعة جوية لا تتم إلا بموافقة من السلطات العراقية")
    assert "AGREE" not in types_of(condition)
    assert "AGREE" in types_of(find(lexicon, "أعلنت الحكومة موافقتها على المبادرة"))


def test_at_dawn_is_no_bombing(lexicon: TriggerLexicon) -> None:
    assert "ASSAULT" not in types_of(find(lexicon, "جاره الذي اعتقل فجرا للاشتباه في ضلوعه"))


def test_designating_a_group_terrorist_is_a_restriction(lexicon: TriggerLexicon) -> None:
    found = [m for m in find(lexicon, "وأعلنتها الحكومة جماعة إرهابية") + find(lexicon, "ثم أعلنتها جماعة إرهابية")
             if m.entry.event_type == "COERCE" and m.weight >= MIN_WEIGHT]
    assert found


def test_a_host_welcoming_visitors_is_no_support(lexicon: TriggerLexicon) -> None:
    visit = find(lexicon, "ورحب المدير الإقليمي للحملة الوطنية الدكتور بدر السمحان بالوفد وزيارته")
    assert "SUPPORT" not in types_of(visit)
    assert "SUPPORT" in types_of(find(lexicon, "ورحب وزير الخارجية بقرار مجلس الأمن"))


def test_blame_of_whoever_is_no_accusation(lexicon: TriggerLexicon) -> None:
    anyone = find(lexicon, "لا نتردد في مساءلة كل من كانت له يد في سرقة الاقتصاد")
    assert "ACCUSE" not in types_of(anyone)
    assert "ACCUSE" in types_of(find(lexicon, "طالب البرلمان بمساءلة وزير الكهرباء"))


def test_declining_to_comment_is_no_rejection(lexicon: TriggerLexicon) -> None:
    assert "REJECT" not in types_of(find(lexicon, "وأمور كثيرة رفض المصدر الإفصاح عنها"))
    assert "REJECT" not in types_of(find(lexicon, "ورفض المتحدث التعليق على التقرير"))
    assert "REJECT" in types_of(find(lexicon, "ورفضت الحكومة المبادرة الأمريكية"))


def test_turning_away_from_resigning_is_no_resignation(lexicon: TriggerLexicon) -> None:
    refused = find(lexicon, "إن الرئيس أشاح بوجهه عن الاستقالة وقرر الصمود")
    assert "RETREAT" not in types_of(refused)
    assert "RETREAT" in types_of(find(lexicon, "وقدم رئيس الوزراء استقالته أمس"))


def test_unacceptable_joined_to_an_adjective_describes_a_noun(lexicon: TriggerLexicon) -> None:
    assert "REJECT" not in types_of(find(lexicon, "إلا أنه رأى أفعالا قبيحة وغير مقبولة على الأرض"))
    assert "REJECT" in types_of(find(lexicon, "وقالت الوزارة إن هذه الخطوة غير مقبولة"))
