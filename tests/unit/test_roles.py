"""Roles and participant mentions on short sentences (hadath.extract.roles / mentions)."""

from __future__ import annotations

from hadath.extract.actors import load_actors
from hadath.extract.mentions import mentions_of_sentence
from hadath.extract.roles import crosses_clause
from hadath.text.normalize import normalize_text
from hadath.text.segment import tokenize


def tokens_of(text: str):
    return tokenize(normalize_text(text))


def test_crosses_clause() -> None:
    tokens = tokens_of("قصفت الطائرات المدينة، وقال الجيش")
    comma = [t.norm for t in tokens].index("،")
    assert crosses_clause(tokens, 0, len(tokens))
    assert not crosses_clause(tokens, 0, comma)


def test_mention_does_not_stretch_over_a_stop() -> None:
    tokens = tokens_of("أدانت جامعة الدول العربية الاقتحامات المتكررة")
    stop = [t.norm for t in tokens].index("الاقتحامات")
    free = mentions_of_sentence(tokens, load_actors())
    stopped = mentions_of_sentence(tokens, load_actors(), frozenset({stop}))
    assert max(m.last for m in stopped) <= stop
    assert any(m.last > stop for m in free)  # without the stop, the object noun is swallowed


def _events(text: str):
    from hadath.extract.events import extract_events
    from hadath.stages import normalize
    from schemas import Article

    return extract_events(normalize(Article(id="t", text=text, published_at="2015-08-09")))


def test_genitive_of_a_killing_is_the_victim() -> None:
    (killing,) = [e for e in _events("وأعلن الجيش مقتل أربعة من عناصر تنظيم داعش في الرمادي.")
                  if e.event_type == "ASSAULT"]
    assert killing.actor is None or "داعش" not in killing.actor.text


def test_host_of_a_reception_is_the_target() -> None:
    (meeting,) = [e for e in _events("استقبل الملك سلمان بن عبد العزيز وزير الخارجية المصري سامح شكري.")
                  if e.event_type == "CONSULT"]
    assert meeting.target is not None and "سلمان" in meeting.target.text
    assert meeting.actor is None or "سلمان" not in meeting.actor.text


def test_the_one_called_on_is_the_target_and_the_caller_carries_over() -> None:
    events = _events("وأكد رئيس الوزراء حيدر العبادي رفضه للفساد. ودعا الكتل السياسية إلى دعم الإصلاح.")
    call = next(e for e in events if e.event_type == "REQUEST")
    assert call.target is not None and call.target.text == "الكتل السياسية"
    assert call.actor is not None and "العبادي" in call.actor.text


def test_a_news_agency_is_no_party_to_the_statement() -> None:
    events = _events("وبحسب وكالة الصحافة الفرنسية فإن المفوضية الأوروبية رفضت الطلب الروسي.")
    assert all(e.actor is None or "الفرنسية" not in e.actor.text for e in events)


def test_a_speaker_reporting_its_own_act_is_its_doer() -> None:
    events = _events("وقالت وزارة الداخلية إنها اعتقلت خمسة متشددين في الرياض.")
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert arrest.actor is not None and "الداخلية" in arrest.actor.text
    assert arrest.target is not None and "متشددين" in arrest.target.text


def test_the_subject_of_a_passive_verb_suffers_the_act() -> None:
    events = _events("اغتيل القيادي في حركة حماس على يد مسلحين في غزة.")
    killing = next(e for e in events if e.event_type == "ASSAULT")
    assert killing.actor is not None and "مسلحين" in killing.actor.text
    assert killing.target is not None and "حماس" in killing.target.text


def test_passive_shapes_are_told_from_active_ones() -> None:
    from types import SimpleNamespace

    from hadath.extract.roles import passive

    def is_passive(word: str) -> bool:
        trigger = SimpleNamespace(first=0, last=1, entry=SimpleNamespace(pos="verb"))
        return passive(tokens_of(word), trigger)  # type: ignore[arg-type]

    assert all(is_passive(w) for w in ("عوقب", "حوكموا", "هوجمت", "أحيلوا", "اغتيل"))
    assert not any(is_passive(w) for w in ("اعتقلت", "قصفت", "أدان", "أشاد", "تواصل", "استهدف"))



def _at(tokens, word: str):
    """A bare trigger on ``word`` (only its position matters to the rules tested with it)."""
    from hadath.extract.triggers import TriggerMatch

    index = [t.norm for t in tokens].index(word)
    return TriggerMatch(entry=None, first=index, last=index + 1, weight=1.0)  # type: ignore[arg-type]


def test_a_verb_spelled_after_a_preposition_is_its_verbal_noun() -> None:
    from hadath.extract.roles import after_preposition

    tokens = tokens_of("قرر البرلمان الشروع في استجواب الوزراء")
    assert after_preposition(tokens, _at(tokens, "استجواب"))
    finite = tokens_of("استجوب البرلمان الوزراء")
    assert not after_preposition(finite, _at(finite, "استجوب"))


def test_the_speaker_of_a_questioning_after_fi_is_the_subject_before() -> None:
    events = _events("وأعلن سليم الجبوري أن البرلمان العراقي قرر الشروع في استجواب الوزراء.")
    questioning = next(e for e in events if e.event_type == "ACCUSE")
    assert questioning.actor is not None and "البرلمان" in questioning.actor.text


def test_the_subject_of_aqdama_does_the_act_after_ala() -> None:
    from hadath.extract.roles import _undertaker

    tokens = tokens_of("أقدم مسلحو تنظيم داعش على قتل ثلاثة مدنيين")
    doer = _undertaker(tokens, _at(tokens, "قتل"), mentions_of_sentence(tokens, load_actors()))
    assert doer is not None and doer.first == 1


def test_an_act_after_ala_without_aqdama_has_no_undertaker() -> None:
    from hadath.extract.roles import _undertaker

    tokens = tokens_of("حرض تنظيم داعش على قتل المدنيين")
    assert _undertaker(tokens, _at(tokens, "قتل"), mentions_of_sentence(tokens, load_actors())) is None


def test_the_one_who_goes_to_consult_is_the_actor_not_the_reporter() -> None:
    events = _events("وأضاف المتحدث باسم وزارة الخارجية أن الوزير سامح شكري توجه فور انتهاء زيارته إلى "
                     "الإمارات إلى دولة الكويت لإجراء مشاورات مع الشيخ صباح خالد الحمد الصباح.")
    talks = next(e for e in events if e.event_type == "CONSULT")
    assert talks.actor is not None and "شكري" in talks.actor.text


def test_a_word_that_merely_starts_with_lam_is_no_purpose() -> None:
    from hadath.extract.events import knowledge
    from hadath.extract.roles import purpose_word
    from hadath.extract.triggers import TriggerMatch

    tokens = tokens_of("لقاء الوزيرين")
    found = [t for t in knowledge().lexicon.find(tokens) if t.first == 0]  # type: ignore[attr-defined]
    assert found and not purpose_word(tokens, found[0])
    assert isinstance(found[0], TriggerMatch)


def test_a_vow_conjoined_after_a_comma_carries_the_sentence_subject() -> None:
    events = _events("وقال رئيس الوزراء التركي إن الشرطة اعتقلت 300 شخص يشتبه في انتمائهم لداعش "
                     "ومتشددين أكراد، وتعهد بمحاربة كل الجماعات الإرهابية دون تمييز.")
    vow = next(e for e in events if e.event_type == "THREATEN")
    assert vow.actor is not None and "رئيس الوزراء" in vow.actor.text


def test_a_phrase_not_after_a_comma_opens_no_conjoined_clause() -> None:
    from hadath.extract.roles import conjoined_clause
    from hadath.extract.triggers import TriggerMatch

    tokens = tokens_of("وتعهد بمحاربة الإرهاب")
    phrase = TriggerMatch(entry=type("E", (), {"pos": "phrase"})(), first=0, last=2, weight=1.0)  # type: ignore[arg-type]
    assert not conjoined_clause(tokens, phrase)
    after_comma = tokens_of("قال الوزير ذلك، وتعهد بمحاربة الإرهاب")
    index = [t.norm for t in after_comma].index("وتعهد")
    conjoined = TriggerMatch(entry=phrase.entry, first=index, last=index + 2, weight=1.0)
    assert conjoined_clause(after_comma, conjoined)


def test_people_named_after_waw_are_quoted_with_the_first_conjunct() -> None:
    from hadath.extract.roles import _with_conjunct

    tokens = tokens_of("إن المسؤولين الأمريكيين يحتجزون 1700 أب وطفل في ثلاثة مراكز")
    participants = mentions_of_sentence(tokens, load_actors())
    children = next(m for m in participants if m.kind == "civilians")
    joined = _with_conjunct(tokens, _at(tokens, "يحتجزون"), children, participants)
    assert joined.first == [t.norm for t in tokens].index("1700") and joined.proclitic == 0


def test_a_conjunct_behind_a_preposition_or_another_party_is_left_out() -> None:
    from hadath.extract.roles import _with_conjunct

    tokens = tokens_of("اعتقلت الشرطة في القرية وطفل")
    participants = mentions_of_sentence(tokens, load_actors())
    children = next(m for m in participants if m.kind == "civilians")
    assert _with_conjunct(tokens, _at(tokens, "اعتقلت"), children, participants) is children
    police = tokens_of("اعتقلت الشرطة والمدنيين")
    people = mentions_of_sentence(police, load_actors())
    civilians = next(m for m in people if m.kind == "civilians")
    assert _with_conjunct(police, _at(police, "اعتقلت"), civilians, people) is civilians


def test_a_negated_verb_phrase_takes_its_subject_after_it() -> None:
    from hadath.extract.roles import particle_verb
    from hadath.extract.triggers import TriggerMatch

    tokens = tokens_of("لن تقبل الجمهورية الإسلامية مطالب الأعداء")
    phrase = type("E", (), {"pos": "phrase"})()
    assert particle_verb(tokens, TriggerMatch(entry=phrase, first=0, last=2, weight=1.0))  # type: ignore[arg-type]
    words = tokens_of("قد تقبل الجمهورية الإسلامية")
    assert not particle_verb(words, TriggerMatch(entry=phrase, first=0, last=2, weight=1.0))  # type: ignore[arg-type]
    noun = type("E", (), {"pos": "noun"})()
    assert not particle_verb(tokens, TriggerMatch(entry=noun, first=0, last=2, weight=1.0))  # type: ignore[arg-type]


def test_lam_fused_with_the_article_comes_off_a_name() -> None:
    from hadath.extract.mentions import fused_article

    assert fused_article("للمالكي") == 2
    assert fused_article("وللمتمردين") == 3
    assert fused_article("لبنان") == 0
    assert fused_article("للم") == 0  # (too short a rest to be a name)


def test_a_condemnation_is_aimed_at_the_doer_not_at_its_victim() -> None:
    events = _events("استنكر مجلس عشائر العراق العربية في الجنوب بشدة التصريحات الطائفية للمالكي ضد المملكة.")
    condemnation = next(e for e in events if e.event_type == "ACCUSE")
    assert condemnation.target is not None and "مالكي" in condemnation.target.text


def test_a_name_in_apposition_to_the_speaker_is_no_doer() -> None:
    from hadath.extract.roles import named_doer

    tokens = tokens_of("وحذر الناطق باسم الائتلاف سالم المسلط من مجزرة بحق المدنيين")
    participants = mentions_of_sentence(tokens, load_actors())
    civilians = next(m for m in participants if m.kind == "civilians")
    speaker = next(m for m in participants if m.last < civilians.first)
    window = [m for m in participants if m.first >= speaker.last]
    assert named_doer(window, civilians, speaker) is None
    assert named_doer(window, civilians, None) is window[0]  # (no speaker to stand beside)


def test_who_drops_barrel_bombs_does_the_attack() -> None:
    events = _events("وقال إن مروحيات الأسد ألقت كثيرا من البراميل المتفجرة على بلدة بقين القريبة من مدينة الزبداني.")
    attack = next(e for e in events if e.event_type == "ASSAULT")
    assert attack.actor is not None and "مروحيات" in attack.actor.text


def test_a_verb_that_drops_nothing_names_no_doer_of_the_noun() -> None:
    from hadath.extract.roles import DROPPING_VERBS
    from hadath.text.normalize import normalize

    assert normalize("ألقت") in DROPPING_VERBS
    assert normalize("رأت") not in DROPPING_VERBS and normalize("تحدث") not in DROPPING_VERBS


def test_the_subject_of_tamakkana_does_the_act_after_min() -> None:
    from hadath.extract.roles import _undertaker

    tokens = tokens_of("تمكنت الشرطة من القبض على الجاني")
    doer = _undertaker(tokens, _at(tokens, "القبض"), mentions_of_sentence(tokens, load_actors()))
    assert doer is not None and doer.first == 1
    wrong = tokens_of("أقدمت الشرطة من القبض على الجاني")  # (أقدم takes على, not من)
    assert _undertaker(wrong, _at(wrong, "القبض"), mentions_of_sentence(wrong, load_actors())) is None


def test_a_speech_noun_takes_no_speaker_from_far_back_in_its_sentence() -> None:
    far = ("وقال البيان إن التصريحات التي أطلقها خامنئي ليست الأولى ولن تكون الأخيرة طالما هناك مشروع "
           "قائم على الأحقاد يستهدف أمن واستقرار المنطقة وهويتها الدينية والتاريخية ومن هذا المنطلق بات "
           "من الضروري الإسراع في تطبيق الوحدة الخليجية بعد توقيع الدول الغربية الاتفاق النووي.")
    deal = next(e for e in _events(far) if e.event_type == "AGREE")
    assert deal.actor is None or "خامنئي" not in deal.actor.text


def test_a_speech_noun_takes_the_subject_just_before_it() -> None:
    near = _events("وأعربت الحكومة العراقية عن رفضها للتدخل التركي في شمال العراق.")
    rejection = next(e for e in near if e.event_type == "REJECT")
    assert rejection.actor is not None and "الحكومة العراقية" in rejection.actor.text


def test_an_unlisted_counted_object_of_a_raid_is_its_target() -> None:
    events = _events("وداهمت الشرطة أكثر من 50 منزلا في المدينة.")
    raid = next(e for e in events if e.event_type == "COERCE")
    assert raid.target is not None and raid.target.text == "أكثر من 50 منزلا"


def test_an_indefinite_object_after_the_subject_is_the_target() -> None:
    events = _events("واعتقلت الشرطة، يوم الثلاثاء، شابين من سكان القرية في الخليل.")
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert arrest.actor is not None and "الشرطة" in arrest.actor.text
    assert arrest.target is not None and arrest.target.text.startswith("شابين من")


def test_a_definite_noun_after_an_active_verb_is_no_guessed_target() -> None:
    # the noun right after a verb is more often its (unlisted) subject than its object
    from types import SimpleNamespace

    from hadath.extract.events import knowledge
    from hadath.extract.roles import unlisted_target

    tokens = tokens_of("قصفت المدفعية القرية")
    trigger = SimpleNamespace(first=0, last=1, entry=SimpleNamespace(pos="verb", event_type="ASSAULT"))
    assert unlisted_target(tokens, trigger, None, [], knowledge().cues) is None  # type: ignore[arg-type]
    tokens = tokens_of("قصفت مواقع")
    assert unlisted_target(tokens, trigger, None, [], knowledge().cues) is not None  # type: ignore[arg-type]


def test_the_genitive_of_a_dispersal_is_its_target() -> None:
    events = _events("وقامت قوات الأمن أمس بتفريق التظاهرة بالقوة في وسط العاصمة.")
    dispersal = next(e for e in events if e.event_type == "COERCE")
    assert dispersal.target is not None and dispersal.target.text == "التظاهرة"


def test_a_verb_vowelled_as_passive_takes_its_subject_as_target() -> None:
    events = _events("واعتُقل هذا الأسبوع أيضا إرهابيان في القدس.")
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert arrest.actor is None
    assert arrest.target is not None and "إرهابيان" in arrest.target.text


def test_a_damma_on_an_imperfect_prefix_is_no_passive() -> None:
    from types import SimpleNamespace

    from hadath.extract.roles import marked_passive

    raw = "يُعلن الجيش"
    tokens = tokenize(normalize_text(raw))
    trigger = SimpleNamespace(first=0, last=1, entry=SimpleNamespace(pos="verb"))
    assert not marked_passive(tokens, trigger, raw)  # type: ignore[arg-type]
    raw = "قُتل الجندي"
    tokens = tokenize(normalize_text(raw))
    assert marked_passive(tokens, trigger, raw)  # type: ignore[arg-type]


def test_who_announces_a_measure_takes_it() -> None:
    events = _events("وأعلن الرئيس التونسي أمس حالة الطوارئ في البلاد.")
    emergency = next(e for e in events if e.event_type == "COERCE")
    assert emergency.actor is not None and "الرئيس" in emergency.actor.text


def test_who_announces_a_toll_did_not_kill() -> None:
    events = _events("وأعلنت وزارة الصحة مقتل خمسة مدنيين في القصف.")
    assert all(e.actor is None or "الصحة" not in e.actor.text for e in events if e.event_type == "ASSAULT")


def test_a_reported_party_does_not_become_the_speaker_who_goes_on() -> None:
    events = _events("وأعلن رئيس البرلمان سليم الجبوري أمس أن البرلمان قرر الشروع في استجواب الوزراء. "
                     "وأضاف أن الإصلاح قادم، داعيا المتظاهرين إلى الصبر.")
    call = next(e for e in events if e.event_type == "REQUEST")
    assert call.actor is not None and "الجبوري" in call.actor.text


def test_no_statement_is_carried_to_the_one_it_is_aimed_at() -> None:
    events = _events("وقال وزير الخارجية المصري إن الحوار مستمر. ورفض الاتهامات الموجهة إلى مصر.")
    assert all(e.actor is None or e.target is None or e.actor.name != e.target.name for e in events)


def test_two_groups_of_people_conjoined_suffer_together() -> None:
    events = _events("وقالت المحامية إن الأطفال وأمهاتهم احتُجزوا ثلاثة أيام في غرف ضيقة.")
    detention = next(e for e in events if e.event_type == "COERCE")
    assert detention.target is not None and detention.target.text == "الأطفال وأمهاتهم"


def test_who_underwent_an_attack_is_its_target() -> None:
    events = _events("وتعرضت قوات الأمن لهجوم مسلح في شمال سيناء أمس.")
    attack = next(e for e in events if e.event_type == "ASSAULT")
    assert attack.target is not None and "قوات الأمن" in attack.target.text
    assert attack.actor is None or "قوات الأمن" not in attack.actor.text


def test_an_unlisted_thing_that_underwent_a_bombing_is_its_target() -> None:
    events = _events("وتعرض المسجد الكبير إلى تفجير إرهابي خلال صلاة الجمعة أمس.")
    bombing = next(e for e in events if e.event_type == "ASSAULT")
    assert bombing.target is not None and bombing.target.text.startswith("المسجد")


def test_a_subject_fronted_after_kana_does_what_the_noun_names() -> None:
    events = _events("وكانت السلطات المحلية في المحافظة وفرت يوم السبت بالتنسيق مع الجيش ممرات آمنة "
                     "لخروج السكان من المدينة.")
    corridors = next(e for e in events if e.event_type == "AID")
    assert corridors.actor is not None and "السلطات المحلية" in corridors.actor.text


def test_a_verbal_noun_joined_to_a_clause_shares_its_subject() -> None:
    events = _events("وقال المتحدث إن قوات الجيش سيطرت على التلال المحيطة ومحاصرة البلدة من جميع الجهات.")
    siege = next(e for e in events if e.event_type == "COERCE")
    assert siege.actor is not None and "قوات الجيش" in siege.actor.text


def test_a_toll_joined_to_a_clause_shares_no_doer() -> None:
    from types import SimpleNamespace

    from hadath.extract.roles import _conjoined_noun

    tokens = tokens_of("قصفت الطائرات الحي ومقتل خمسة مدنيين")
    trigger = SimpleNamespace(first=3, last=4, entry=SimpleNamespace(pos="noun"))
    assert not _conjoined_noun(tokens, trigger)  # type: ignore[arg-type]
    tokens = tokens_of("سيطرت القوات على التلال ومحاصرة البلدة")
    trigger = SimpleNamespace(first=4, last=5, entry=SimpleNamespace(pos="noun"))
    assert _conjoined_noun(tokens, trigger)  # type: ignore[arg-type]


def test_whose_attack_is_repelled_is_the_target() -> None:
    events = _events("وقال المتحدث إن قوات الجيش نجحت أمس في صد هجوم لتنظيم داعش على البلدة.")
    repel = next(e for e in events if e.event_type == "ASSAULT")
    assert repel.actor is not None and "الجيش" in repel.actor.text
    assert repel.target is not None and "داعش" in repel.target.text


def test_who_is_said_to_stand_behind_an_act_is_accused() -> None:
    events = _events("وتعتقد الحكومة الأمريكية أن تنظيم القاعدة يقف وراء الهجمات الأخيرة.")
    blame = next(e for e in events if e.event_type == "ACCUSE")
    assert blame.actor is not None and "الحكومة الأمريكية" in blame.actor.text
    assert blame.target is not None and "القاعدة" in blame.target.text


def test_a_name_behind_ba_is_no_genitive_doer() -> None:
    from types import SimpleNamespace

    from hadath.extract.roles import _behind_ba

    tokens = tokens_of("مظاهرات ببغداد")
    assert _behind_ba(tokens, SimpleNamespace(first=1, proclitic=1))  # type: ignore[arg-type]
    tokens = tokens_of("غارات التحالف")
    assert not _behind_ba(tokens, SimpleNamespace(first=1, proclitic=0))  # type: ignore[arg-type]


def test_a_statement_about_an_act_is_aimed_at_the_state_its_adjective_names() -> None:
    events = _events("وأدان وزير الخارجية الأردني أمس الاعتداءات الإسرائيلية المتكررة على المصلين.")
    condemnation = next(e for e in events if e.event_type == "ACCUSE")
    assert condemnation.target is not None and condemnation.target.text == "الإسرائيلية"
    assert condemnation.target.country == "ISR"


def test_an_aside_between_a_light_verb_and_its_noun_keeps_the_doer() -> None:
    events = _events("وكان العشرات من المواطنين نظموا، في (3 أيار 2015)، تظاهرة حاشدة أمام مبنى البلدية "
                     "لمطالبة الحكومة بتوفير الكهرباء.")
    protest = next(e for e in events if e.event_type == "PROTEST")
    assert protest.actor is not None and protest.actor.text == "العشرات من المواطنين"


def test_an_unlisted_person_charged_by_an_accuser_is_the_target() -> None:
    events = _events("وتتهم النيابة العامة شلومو \"بالتخطيط لهجمات عنيفة في الضفة الغربية\".")
    accusation = next(e for e in events if e.event_type == "ACCUSE")
    assert accusation.target is not None and accusation.target.text == "شلومو"


def test_who_is_laid_responsibility_on_is_the_target() -> None:
    from types import SimpleNamespace

    from hadath.extract.roles import _charged_object

    tokens = tokens_of("محملا هذه الأحزاب المسؤولية الكاملة عما جرى")
    trigger = SimpleNamespace(first=0, last=1, entry=SimpleNamespace(pos="phrase"))
    charged = _charged_object(tokens, trigger, None, [])  # type: ignore[arg-type]
    assert charged is not None and charged.name == "هذه الاحزاب"


def test_we_before_a_statement_is_the_quoted_speaker() -> None:
    events = _events("ونقل البيان عن وزير الخارجية الروسي سيرغي لافروف قوله: \"نحن غير متفقين مع قرار المفوضية\".")
    rejection = next(e for e in events if e.event_type == "REJECT")
    assert rejection.actor is not None and "لافروف" in rejection.actor.text


def test_a_time_clause_shares_the_main_clause_subject() -> None:
    events = _events("كان رئيس الوزراء حيدر العبادي محقا عندما اتهم خلال زيارته إلى باريس المجتمع الدولي بالتقصير.")
    accusation = next(e for e in events if e.event_type == "ACCUSE")
    assert accusation.actor is not None and "العبادي" in accusation.actor.text


def test_a_long_subject_between_a_light_verb_and_its_noun_is_the_doer() -> None:
    from types import SimpleNamespace

    from hadath.extract.events import knowledge
    from hadath.extract.roles import assign

    tokens = tokens_of("وشنت قوات التحالف الدولي بقيادة الولايات المتحدة الأمريكية وحلفائها الأوروبيين غارات "
                       "جوية على مواقع التنظيم")
    noun = [t.norm for t in tokens].index("غارات")
    entry = SimpleNamespace(pos="noun", id="assault.airstrike", event_type="ASSAULT", patterns=("غارات جوية",))
    trigger = SimpleNamespace(first=noun, last=noun + 2, entry=entry, weight=1.0)
    participants = mentions_of_sentence(tokens, load_actors())
    actor, _ = assign(tokens, trigger, participants, knowledge().cues, False)  # type: ignore[arg-type]
    assert actor is not None and actor.name.startswith("International Coalition")


def test_the_verbal_noun_after_tamma_has_no_subject() -> None:
    events = _events("وقد تم اعتقال ثلاثة مسلحين من قبل قوات الأمن في المدينة.")
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert arrest.actor is not None and "قوات الأمن" in arrest.actor.text
    assert arrest.target is not None and "مسلحين" in arrest.target.text


def test_a_name_behind_ba_after_a_verb_is_no_subject() -> None:
    from types import SimpleNamespace

    from hadath.extract.events import knowledge
    from hadath.extract.roles import _verb_subject

    tokens = tokens_of("نفذت حكم الإعدام بالجاني")
    participants = mentions_of_sentence(tokens, load_actors())
    trigger = SimpleNamespace(first=0, last=1, entry=SimpleNamespace(pos="verb"))
    subject = _verb_subject(tokens, trigger, participants, knowledge().cues)  # type: ignore[arg-type]
    assert subject is None or "الجاني" not in subject.name


def test_a_place_before_where_is_no_subject() -> None:
    from types import SimpleNamespace

    from hadath.extract.events import knowledge
    from hadath.extract.roles import _subject_before

    tokens = tokens_of("شكوا من التكدس في زنازين الشرطة حيث يتم احتجازهم")
    participants = mentions_of_sentence(tokens, load_actors())
    verb = [t.norm for t in tokens].index("احتجازهم")
    trigger = SimpleNamespace(first=verb, last=verb + 1, entry=SimpleNamespace(pos="verb"))
    assert _subject_before(tokens, trigger, participants, knowledge().cues) is None  # type: ignore[arg-type]


def test_a_repeat_with_a_count_in_figures_is_the_mention_kept() -> None:
    events = _events("واعتقلت القوات الأمنية العشرات من عناصر التنظيم في الرمادي. "
                     "وقال مدير الشرطة إن القوات الأمنية قبضت على 76 عنصرا من التنظيم في الرمادي.")
    arrests = [e for e in events if e.event_type == "COERCE"]
    assert any(e.target is not None and "76" in e.target.text for e in arrests)


def test_a_person_in_the_genitive_of_a_verbal_noun_is_not_the_participle_subject() -> None:
    events = _events("أيد مجلس محافظة البصرة، مطالبة المحافظ السابق نوري المالكي، بإجراء تحقيق دولي، "
                     "داعيا الدول العربية إلى مساعدة أبناء المحافظة.")
    call = next(e for e in events if e.event_type == "REQUEST")
    assert call.actor is not None and "مجلس" in call.actor.text


def test_a_protest_before_a_body_seat_is_aimed_at_it() -> None:
    events = _events("وتظاهر مئات آخرون أمس أمام مبنى مجلس محافظة البصرة احتجاجا على سوء الخدمات.")
    protest = next(e for e in events if e.event_type == "PROTEST")
    assert protest.target is not None and "مجلس محافظة" in protest.target.text
    assert protest.actor is None or "مجلس" not in protest.actor.text


def test_the_west_is_a_party() -> None:
    tokens = tokens_of("وزادت بعد اتفاقها مع الغرب على برنامجها النووي")
    assert any(m.name == "Western states" for m in mentions_of_sentence(tokens, load_actors()))


def test_the_subject_of_qama_does_the_act_after_ba() -> None:
    from types import SimpleNamespace

    from hadath.extract.events import knowledge
    from hadath.extract.roles import _performer

    tokens = tokens_of("وتقوم الشرطة منذ الصباح بمداهمة المنازل في الحي")
    participants = mentions_of_sentence(tokens, load_actors())
    act = [t.norm for t in tokens].index("بمداهمه")
    trigger = SimpleNamespace(first=act, last=act + 1, entry=SimpleNamespace(pos="noun"))
    performer = _performer(tokens, trigger, participants, knowledge().cues)  # type: ignore[arg-type]
    assert performer is not None and performer.name.startswith("Police")


def test_an_attack_with_no_doer_is_the_armed_group_its_sentence_names() -> None:
    events = _events("وبث المكتب الإعلامي التابع لتنظيم داعش أمس شريط فيديو يظهر إعدام عشرة رهائن في الموصل.")
    execution = next(e for e in events if e.event_type == "ASSAULT")
    assert execution.actor is not None and "داعش" in execution.actor.text


def test_no_armed_group_is_carried_to_an_air_strike_or_from_a_count_of_fighters() -> None:
    from hadath.extract.roles import counted

    tokens = tokens_of("قتل ما لا يقل عن 260 مقاتلا كرديا")
    fighters = [m for m in mentions_of_sentence(tokens, load_actors()) if m.kind == "armed_group"]
    assert fighters and counted(tokens, fighters[0])
    events = _events("وقتل أمس عشرات من مسلحي تنظيم داعش في ضربات جوية على مواقعهم في الرقة.")
    assert all(e.actor is None or "داعش" not in e.actor.text for e in events if e.mode == "aerial")


def test_a_state_adjective_after_another_names_the_other_party() -> None:
    from types import SimpleNamespace

    from hadath.extract.roles import _described_doer

    tokens = tokens_of("توقيع الدول الغربية الاتفاق النووي الإيراني")
    trigger = SimpleNamespace(first=0, last=1, entry=SimpleNamespace(pos="noun"))
    described = _described_doer(tokens, trigger, 3)  # type: ignore[arg-type]
    assert described is not None and described.country == "IRN"
    # the last word of a state's name is no adjective
    tokens = tokens_of("نددت الجالية بالمملكة العربية السعودية بالتصريحات")
    trigger = SimpleNamespace(first=0, last=1, entry=SimpleNamespace(pos="verb"))
    assert _described_doer(tokens, trigger, 2) is None  # type: ignore[arg-type]


def test_the_genitive_of_an_object_after_the_subject_comma_is_the_target() -> None:
    events = _events("أيد مجلس محافظة البصرة، مطالبة المحافظ السابق نوري المالكي، بإجراء تحقيق دولي.")
    support = next(e for e in events if e.event_type == "SUPPORT")
    assert support.target is not None and "المالكي" in support.target.text


def test_journalists_can_suffer_an_arrest() -> None:
    events = _events("واعتقلت قوات الأمن أمس ثلاثة صحفيين في القاهرة.")
    arrest = next(e for e in events if e.event_type == "COERCE")
    assert arrest.target is not None and "صحفيين" in arrest.target.text


def test_the_one_sent_to_trial_on_a_charge_is_charged() -> None:
    events = _events("وأحالت النيابة العامة أمس عشرين من أعضاء جماعة الإخوان إلى محكمة الجنايات "
                     "بتهمة التحريض على العنف.")
    charge = next((e for e in events if e.event_type == "ACCUSE" and e.trigger.text.startswith("بتهم")), None)
    if charge is not None:  # (the referral itself may be the event told)
        assert charge.actor is not None and "النيابة" in charge.actor.text
        assert charge.target is not None and "الإخوان" in charge.target.text
    from types import SimpleNamespace

    from hadath.extract.events import knowledge
    from hadath.extract.roles import _charged_with

    tokens = tokens_of("أحالت النيابة العامة أعضاء جماعة الإخوان إلى محكمة الجنايات بتهمة التحريض")
    participants = mentions_of_sentence(tokens, load_actors())
    word = [t.norm for t in tokens].index("بتهمه")
    trigger = SimpleNamespace(first=word, last=word + 1, entry=SimpleNamespace(pos="phrase"))
    accuser, charged = _charged_with(tokens, trigger, participants, knowledge().cues, None)  # type: ignore[arg-type]
    assert accuser is not None and accuser.first == 1  # النيابة العامة
    assert charged is not None and "Brotherhood" in charged.name


def test_a_time_adverb_or_a_conjoined_verb_is_no_object() -> None:
    from types import SimpleNamespace

    from hadath.extract.events import knowledge
    from hadath.extract.roles import unlisted_target

    trigger = SimpleNamespace(first=0, last=1, entry=SimpleNamespace(pos="verb", event_type="COERCE"))
    tokens = tokens_of("اعتقلت فجرا فتيين من البلدة")
    found = unlisted_target(tokens, trigger, None, [], knowledge().cues)  # type: ignore[arg-type]
    assert found is not None and found.name.startswith("فتيين")
    tokens = tokens_of("قتل واصيب اخر بجروح")
    assert unlisted_target(tokens, trigger, None, [], knowledge().cues) is None  # type: ignore[arg-type]


def test_a_denial_of_what_was_said_is_aimed_at_who_said_it() -> None:
    events = _events("ويقول المعارضون: إن مدنيين قتلوا في الغارات، وهو ما تنفيه الحكومة.")
    denial = next(e for e in events if e.event_type == "REJECT")
    assert denial.actor is not None and "الحكومة" in denial.actor.text
    assert denial.target is not None and "المعارضون" in denial.target.text


def test_after_an_agent_word_an_event_spelling_is_the_doer_noun() -> None:
    events = _events("وفي 26 يونيو، قتل 38 سائحا في هجوم شنه طالب سوري مسلح في مدينة حمص.")
    attack = next(e for e in events if e.event_type == "ASSAULT")
    assert attack.actor is not None and attack.actor.text.startswith("طالب سوري")


def test_an_indefinite_object_before_its_owner_is_the_facility_hit() -> None:
    # a verbal noun of force takes its object directly; the owner (ل + party) closes the phrase
    (clearing,) = [e for e in _events("وأعلن الجيش تطهير عدة معسكرات للمتشددين حول بلدة باما.")
                   if e.event_type == "ASSAULT"]
    assert clearing.target is not None and clearing.target.text == "عدة معسكرات للمتشددين"


def test_a_state_named_as_where_an_act_happened_is_no_target() -> None:
    from hadath.extract.mentions import Mention
    from hadath.extract.roles import placed

    def state(tokens, index: int, proclitic: int = 0) -> Mention:
        token = tokens[index]
        return Mention(index, index + 1, "X", "state", "XXX", token.start, token.end, proclitic)

    tokens = tokens_of("خرجوا في مظاهرات ببغداد")
    assert placed(tokens, state(tokens, 3, proclitic=1))  # ب: where
    tokens = tokens_of("نفذ ثلاث عمليات في الكويت وتونس")
    assert placed(tokens, state(tokens, 4)) and placed(tokens, state(tokens, 5, proclitic=1))
    tokens = tokens_of("قصفت الطائرات سوريا")
    assert not placed(tokens, state(tokens, 2))  # the act's object
    (protest,) = [e for e in _events("وخرج العراقيون في مظاهرات ببغداد ومدن أخرى.") if e.event_type == "PROTEST"]
    assert protest.target is None or "بغداد" not in protest.target.text


def test_a_located_participle_ends_the_phrase_of_who_underwent_an_act() -> None:
    from hadath.extract.roles import _phrase_word
    from hadath.text.normalize import normalize

    assert not _phrase_word(normalize("الكائن")) and not _phrase_word(normalize("الواقعة"))  # "المسجد الكائن في"
    assert _phrase_word(normalize("المسجد"))


def test_the_genitive_of_a_bare_visit_noun_is_the_visitor() -> None:
    (visit,) = [e for e in _events("وقال الوزير إن زيارة وزير الخارجية الأمريكي جون كيري للقاهرة كانت ناجحة.")
                if e.event_type == "CONSULT"]
    assert visit.actor is not None and "كيري" in visit.actor.text
    assert visit.target is None or "كيري" not in visit.target.text
    # behind a preposition the party is the one visited
    (hosted,) = [e for e in _events("وأشاد الوزير بزيارة لمركز الملك سلمان.") if e.event_type == "CONSULT"]
    assert hosted.target is not None and "مركز الملك سلمان" in hosted.target.text


def test_a_commission_named_alone_is_a_party_disagreed_with() -> None:
    events = _events("وقال مدفيديف: نحن غير متفقين مع تحليل المفوضية المتعلق بالأسعار.")
    (rejection,) = [e for e in events if e.event_type == "REJECT"]
    assert rejection.target is not None and "المفوضية" in rejection.target.text


def test_a_rejection_is_aimed_at_the_people_in_its_objects_genitive() -> None:
    (rejection,) = [e for e in _events("لن تقبل الجمهورية الإسلامية مطلقاً مطالب الأعداء المفرطة.")
                    if e.event_type == "REJECT"]
    assert rejection.target is not None and rejection.target.text == "الأعداء"  # not the demands' adjective
    (condemnation,) = [e for e in _events("أدانت الجمعية الخيرية لتحفيظ القرآن في منطقة الرياض بشدة "
                                          "سبيل المفسدين الباغين.") if e.event_type == "ACCUSE"]
    assert condemnation.target is not None and condemnation.target.text == "المفسدين الباغين"


def test_a_condemned_act_or_a_bare_noun_is_no_target() -> None:
    for text, kind in (("أدان الوزير تفجير المسجد.", "ACCUSE"), ("رفضت الحكومة الاتفاق.", "REJECT")):
        events = [e for e in _events(text) if e.event_type == kind]
        assert all(e.target is None for e in events), text


def test_a_common_noun_then_a_slash_then_a_name_is_the_named_person() -> None:
    (execution,) = [e for e in _events("وقد تم تنفيذ حكم القتل قصاصا بالجاني / صالح بن شعيل بن سودان الأحمدي "
                                       "الزهراني - سعودي الجنسية - اليوم الاثنين بمحافظة الحجرة.")
                    if e.event_type == "ASSAULT"]
    assert execution.target is not None and execution.target.text.startswith("صالح بن شعيل")
    assert execution.actor is None  # the perpetrator named is whom the sentence is carried out on


def test_a_marker_carrying_a_pronoun_names_no_target_after_it() -> None:
    from hadath.extract.events import knowledge
    from hadath.extract.roles import assign

    kb = knowledge()
    tokens = tokens_of("والحكم عليه بالقتل قصاصا وتأجيل التنفيذ حتى بلوغ القاصرين رشدهم")
    (sentence,) = [m for m in kb.lexicon.find(tokens) if m.entry.event_type == "SANCTION"]
    participants = mentions_of_sentence(tokens, kb.actors)
    assert any(m.kind == "civilians" for m in participants)  # القاصرين: the victims' heirs
    _, target = assign(tokens, sentence, participants, kb.cues, verbal=False)
    assert target is None  # عليه: the one sentenced was named before


def test_a_bare_count_before_a_verb_of_force_with_no_object_suffered_it() -> None:
    (arrest,) = [e for e in _events("وأضاف أن المتهمين الهاربين عددهم خمسة، اثنان ضبطا في السعودية.")
                 if e.event_type == "COERCE"]
    assert arrest.target is not None and arrest.target.text == "اثنان"
    (ruin,) = [e for e in _events("وقال إن هناك ثمانية مديريات في عدن أربعة منها دمرت نتيجة استخدام قوى "
                                     "الانقلابيين للسلاح الثقيل.")
               if e.event_type == "ASSAULT" and e.trigger.text == "دمرت"]
    assert ruin.target is not None and ruin.target.text == "أربعة منها"


def test_a_count_with_an_object_after_the_verb_is_no_sufferer() -> None:
    from hadath.extract.events import knowledge
    from hadath.extract.roles import _fronted_count

    kb = knowledge()
    for text in ("وقال إن ثلاثة منهم قتلوا الجندي", "ودوت 3 انفجارات في المدينة"):
        tokens = tokens_of(text)
        for trigger in kb.lexicon.find(tokens):
            assert _fronted_count(tokens, trigger, []) is None, text


def test_those_fled_with_are_no_target_of_the_flight() -> None:
    from hadath.extract.events import knowledge
    from hadath.extract.roles import assign

    kb = knowledge()
    tokens = tokens_of("قبضت القوات على عناصر من التنظيم أثناء محاولتهم الهرب من الرمادي مع الأسر النازحة")
    flights = [m for m in kb.lexicon.find(tokens) if m.entry.event_type == "RETREAT"]
    assert flights
    participants = mentions_of_sentence(tokens, kb.actors)
    assert any(tokens[m.first - 1].norm == "مع" for m in participants)  # الأسر النازحة is a party
    for flight in flights:
        _, target = assign(tokens, flight, participants, kb.cues, verbal=False)
        assert target is None or tokens[target.first - 1].norm != "مع"


def test_a_visit_is_paid_to_the_marked_host_not_to_the_clauses_object() -> None:
    events = _events("ألم يكن رئيس الوزراء العراقي حيدر العبادي محقا عندما اتهم خلال زيارته الأخيرة إلى باريس "
                     "المجتمع الدولي بالتخاذل في محاربة التنظيم؟")
    (visit,) = [e for e in events if e.event_type == "CONSULT"]
    assert visit.target is None or "المجتمع" not in visit.target.text
    (hosted,) = [e for e in _events("وقال الوزير إن زيارته إلى الملك سلمان كانت ناجحة.") if e.event_type == "CONSULT"]
    assert hosted.target is not None and "سلمان" in hosted.target.text


def test_an_office_right_after_a_person_is_the_persons_title() -> None:
    events = _events("واحتج سيرجي لافروف وزير الخارجية على ما اعتبره ممارسات غير مقبولة من الاتحاد الأوروبي.")
    (protest,) = [e for e in events if e.event_type == "ACCUSE"]
    assert protest.actor is not None and "لافروف" in protest.actor.text
    assert protest.target is None or "وزير الخارجية" not in protest.target.text


def test_a_first_person_singular_statement_is_the_quoted_speakers() -> None:
    # "أشد على أيدي": "I shake the hands of", said by the speaker before the colon, not by the
    # party named nearest before the verb
    events = _events("وقال رئيس الوزراء العراقي حيدر العبادي: إن الجيش العراقي قاتل ببسالة وأشد على أيدي أبطاله.")
    (support,) = [e for e in events if e.event_type == "SUPPORT"]
    assert support.actor is not None and "العبادي" in support.actor.text


def test_a_title_completed_by_the_states_of_its_body_joins_the_name() -> None:
    # "الأمين العام لمجلس التعاون لدول الخليج العربية الدكتور جاسم البديوي": one person
    tokens = tokens_of("وأشاد الأمين العام لمجلس التعاون لدول الخليج العربية الدكتور جاسم البديوي بجهود الكويت.")
    mentions = mentions_of_sentence(tokens, load_actors())
    first = [t.norm for t in tokens].index("الامين")
    person = next(m for m in mentions if m.first == first)
    assert person.kind == "person" and tokens[person.last - 1].norm == "البديوي"
    assert not any(m.kind == "state" and m.first < person.last for m in mentions)


def test_a_conjoined_verbal_noun_takes_no_doer_from_the_previous_nouns_victim() -> None:
    # "اعتقال أحد قيادي تنظيم داعش وتطهير …": the one arrested suffers the first act; he is not
    # the subject the second noun shares
    events = _events("وأعلن الجيش أمس اعتقال أحد قيادي تنظيم داعش وتطهير عدة معسكرات للمسلحين شرق المدينة.")
    (purge,) = [e for e in events if e.event_type == "ASSAULT"]
    assert purge.actor is None or "داعش" not in purge.actor.text


def test_the_subject_of_a_verb_of_beginning_does_what_its_object_noun_names() -> None:
    # "بدأت دائرة الجنايات … برئاسة القاضي … جلسة محاكمة": the court holds the trial, not the
    # judge named last before the noun
    events = _events("بدأت دائرة الجنايات في محكمة الاستئناف برئاسة القاضي سالم الخالد أمس جلسة محاكمة "
                     "المتهمين بتفجير السفارة.")
    (trial,) = [e for e in events if e.event_type == "ACCUSE"]
    assert trial.actor is not None and trial.actor.text == "دائرة الجنايات"


def test_the_opening_verbs_are_a_role_cue_list() -> None:
    from hadath.extract.actors import load_role_cues
    from hadath.text.normalize import normalize

    assert {normalize("بدأت"), normalize("استأنف")} <= load_role_cues()["opening_verbs"]


def test_a_category_drawn_from_states_is_one_participant() -> None:
    # "قوات مشتركة من مصر والسودان وليبيا": the states say whose forces; no state is a party apart
    tokens = tokens_of("وشنت قوات مشتركة من مصر والسودان وليبيا هجوما واسعا على مواقع المسلحين أمس.")
    words = [t.norm for t in tokens]
    mentions = mentions_of_sentence(tokens, load_actors())
    forces = next(m for m in mentions if m.first == words.index("قوات"))
    assert forces.last == words.index("وليبيا") + 1
    assert not any(m.kind == "state" for m in mentions)
    (attack,) = [e for e in _events("وشنت قوات مشتركة من مصر والسودان وليبيا هجوما واسعا على مواقع المسلحين أمس.")
                 if e.event_type == "ASSAULT"]
    assert attack.actor is not None and attack.actor.text == "قوات مشتركة من مصر والسودان وليبيا"


def test_the_complementizer_bi_anna_is_no_given_name() -> None:
    # "قضت المحكمة بأن …": بأن (matching form بان) opens a clause; it is not the name Ban after a title
    tokens = tokens_of("وقضت المحكمة بأن يتم الإفراج عن المعتقلين خلال أسبوع.")
    words = [t.norm for t in tokens]
    mentions = mentions_of_sentence(tokens, load_actors())
    assert not any(m.first < words.index("بان") < m.last for m in mentions)


def test_a_party_behind_lam_after_aid_receives_it() -> None:
    # "خصص مبالغ لمنظمة الصحة العالمية": the organisation receives the funds, it does not give them
    (aid,) = [e for e in _events("وقد خصص مبالغ لمنظمة الصحة العالمية لإغاثة النازحين في عدن.")
              if e.event_type == "AID"]
    assert aid.actor is None or "الصحة" not in aid.actor.text


def test_the_one_named_before_what_is_asked_is_called_on() -> None:
    # "دعت X Y إلى …": Y is called on, not a party inside what is asked ("على المدنيين")
    (call,) = [e for e in _events("دعت الأمم المتحدة الحكومة السورية إلى وقف القصف على المدنيين.")
               if e.event_type == "REQUEST"]
    assert call.target is not None and call.target.text == "الحكومة السورية"
    # and of conjoined parties called on, the first
    (urge,) = [e for e in _events("وحث وزير الخارجية الأردني الدول العربية والمجتمع الدولي على دعم اللاجئين.")
               if e.event_type == "REQUEST"]
    assert urge.target is not None and urge.target.text == "الدول العربية"


def test_a_count_right_after_a_verb_of_force_suffers_it() -> None:
    # "قتل ثلاثة جنود أتراك في هجوم شنه مسلحون": the soldiers were killed (the unvowelled verb is
    # passive); the attackers named after the agent word did it
    (attack,) = [e for e in _events("قتل ثلاثة جنود أتراك في هجوم شنه مسلحون من حزب العمال الكردستاني "
                                    "على نقطة عسكرية.") if e.event_type == "ASSAULT"]
    assert attack.target is not None and attack.target.text == "ثلاثة جنود أتراك"
    assert attack.actor is not None and "حزب العمال" in attack.actor.text


def test_a_state_joined_to_another_by_wa_is_a_second_party_not_an_adjective() -> None:
    # "مصر والسعودية": السعودية is a nisba in form, but after و and a state it is the second state
    tokens = tokens_of("وقعت مصر والسعودية اتفاقية للتعاون العسكري أمس.")
    assert [m.kind for m in mentions_of_sentence(tokens, load_actors())] == ["state", "state"]


def test_the_parties_of_a_joint_act_joined_by_wa_are_actor_and_target() -> None:
    (deal,) = [e for e in _events("وقعت مصر والسعودية اتفاقية للتعاون العسكري أمس.") if e.event_type == "AGREE"]
    assert (deal.actor.text, deal.target.text) == ("مصر", "السعودية")
    (talks,) = [e for e in _events("وعقد وزير الخارجية المصري سامح شكري ونظيره الأردني ناصر جودة محادثات "
                                   "في عمان أمس.") if e.event_type == "CONSULT"]
    assert talks.actor is not None and "شكري" in talks.actor.text
    assert talks.target is not None and "جودة" in talks.target.text


def test_a_counted_subject_of_a_verb_of_taking_acts() -> None:
    # "احتل عشرات من المقاتلين … مسجدا": only verbs that spell their passive too (victim_verbs)
    # make a count after them the victims
    (seizure,) = [e for e in _events("احتل عشرات من المقاتلين الموالين لطالبان أمس مسجدا في منطقة قبلية.")
                  if e.event_type == "COERCE"]
    assert seizure.actor is not None and seizure.actor.text.startswith("عشرات")


def test_a_nisba_after_another_nisba_is_an_adjective_not_a_state() -> None:
    tokens = tokens_of("وقال إنه تعرض لتعذيب كبير في السجون المصرية والأمريكية.")
    assert not any(m.kind == "state" for m in mentions_of_sentence(tokens, load_actors()))


def test_the_person_holding_a_title_after_a_light_verb_makes_the_call() -> None:
    (call,) = [e for e in _events("وأجرى رئيس تيار «المستقبل» النائب سعد الحريري اتصالا هاتفيا برئيس الوزراء "
                                  "التركي أمس.") if e.event_type == "CONSULT"]
    assert call.actor is not None and "الحريري" in call.actor.text


def test_a_state_nisba_after_a_feminine_perfect_verb_is_its_subject() -> None:
    # "قدمت السعودية مساعدات": السعودية is the subject of قدمت, not an adjective of the verb
    tokens = tokens_of("قدمت السعودية مساعدات إنسانية لليمن بقيمة 100 مليون دولار أمس.")
    assert any(m.kind == "state" and m.first == 1 for m in mentions_of_sentence(tokens, load_actors()))
    (aid,) = [e for e in _events("قدمت السعودية مساعدات إنسانية لليمن بقيمة 100 مليون دولار أمس.")
              if e.event_type == "AID"]
    assert aid.actor is not None and aid.actor.text == "السعودية"


def test_who_imposes_sanctions_imposes_them() -> None:
    # "فرضت X عقوبات على Y": فرض is a light verb, its subject does what the noun names
    (sanctions,) = [e for e in _events("فرضت الولايات المتحدة عقوبات جديدة على روسيا أمس.")
                    if e.event_type == "SANCTION"]
    assert sanctions.actor is not None and sanctions.actor.text == "الولايات المتحدة"
    assert sanctions.target is not None and sanctions.target.text == "روسيا"


def test_a_listed_persons_name_takes_no_definite_words_after_it() -> None:
    # "مع نظيره البريطاني فيليب هاموند الأزمة السورية": the crisis is what was discussed
    (talks,) = [e for e in _events("بحث وزير الخارجية السعودي عادل الجبير مع نظيره البريطاني فيليب هاموند "
                                   "الأزمة السورية في لندن أمس.") if e.event_type == "CONSULT"]
    assert talks.target is not None and talks.target.text.endswith("هاموند")


def test_who_calls_is_the_actor_and_who_receives_the_call_the_target() -> None:
    # "تلقى X اتصالا هاتفيا من Y": Y calls X
    (call,) = [e for e in _events("تلقى الرئيس المصري عبد الفتاح السيسي اتصالا هاتفيا من الرئيس الأمريكي "
                                  "باراك أوباما أمس.") if e.event_type == "CONSULT"]
    assert call.actor is not None and "أوباما" in call.actor.text
    assert call.target is not None and "السيسي" in call.target.text


def test_a_crowd_is_the_count_and_the_people_counted() -> None:
    (protest,) = [e for e in _events("تظاهر آلاف الأردنيين أمام السفارة الإسرائيلية في عمان أمس.")
                  if e.event_type == "PROTEST"]
    assert protest.actor is not None and protest.actor.text == "آلاف الأردنيين"


def test_what_was_hit_is_the_facility_when_the_trigger_takes_the_doers_first_word() -> None:
    # "شنت طائرات …": the trigger pattern holds "طائرات"; the target is still "مواقع لحركة حماس"
    (raid,) = [e for e in _events("شنت طائرات إسرائيلية غارات على مواقع لحركة حماس في قطاع غزة فجر اليوم.")
               if e.event_type == "ASSAULT"]
    assert raid.target is not None and raid.target.text == "مواقع لحركة حماس"


def test_the_victims_of_a_denied_act_are_not_whom_the_denial_is_aimed_at() -> None:
    # "نفت X استهداف المدنيين": the civilians would have suffered the act denied; the denial is
    # aimed at whoever claimed it (not named here)
    (denial,) = [e for e in _events("نفت وزارة الدفاع الروسية استهداف المدنيين في سوريا.") if e.event_type == "REJECT"]
    assert denial.target is None or "المدنيين" not in denial.target.text


def test_the_object_of_a_verb_of_force_comes_after_the_means() -> None:
    # "قصف الجيش السوري بالبراميل المتفجرة أحياء": the barrels are the means, the quarters the object
    (shelling,) = [e for e in _events("قصف الجيش السوري بالبراميل المتفجرة أحياء في مدينة حلب أمس.")
                   if e.event_type == "ASSAULT"]
    assert shelling.target is not None and shelling.target.text == "أحياء"


def test_the_party_right_after_istahdafa_is_its_subject() -> None:
    # "استهدفت طائرات التحالف مواقع للحوثيين": استهدف marks targets after its object slot, but the
    # party right after the verb is its postposed subject; what was hit is the facility after it
    (strike,) = [e for e in _events("استهدفت طائرات التحالف مواقع للحوثيين في صنعاء أمس.")
                 if e.event_type == "ASSAULT"]
    assert strike.actor is not None and strike.actor.text == "طائرات التحالف"
    assert strike.target is not None and strike.target.text == "مواقع للحوثيين"


def test_the_one_named_before_bi_and_what_is_demanded_is_called_on() -> None:
    # "طالبت X Y بالإفراج عن المعتقلين": Y is asked, the detainees are inside the demand
    (demand,) = [e for e in _events("طالبت منظمة هيومن رايتس ووتش السلطات البحرينية بالإفراج عن المعتقلين.")
                 if e.event_type == "REQUEST"]
    assert demand.target is not None and demand.target.text == "السلطات البحرينية"


def test_a_nisba_after_an_agent_word_names_the_doer() -> None:
    # "عملية دهس نفذها فلسطيني": the Palestinian did it
    (attack,) = [e for e in _events("أصيب خمسة جنود إسرائيليين في عملية دهس نفذها فلسطيني في القدس.")
                 if e.event_type == "ASSAULT"]
    assert attack.actor is not None and attack.actor.text == "فلسطيني"
    assert attack.target is None or "نفذها" not in attack.target.text


def test_a_bare_verb_of_force_with_an_agent_marker_after_it_is_passive() -> None:
    # "قتل شرطي مصري على يد مسلحين مجهولين": the policeman was killed, by the gunmen
    (killing,) = [e for e in _events("قتل شرطي مصري على يد مسلحين مجهولين في العريش أمس.")
                  if e.event_type == "ASSAULT"]
    assert killing.actor is not None and killing.actor.text == "مسلحين مجهولين"
    assert killing.target is not None and killing.target.text == "شرطي مصري"


def test_an_arrest_the_police_announce_is_theirs_a_toll_is_not_the_announcers() -> None:
    (arrest,) = [e for e in _events("أعلنت الشرطة الفرنسية اعتقال ثلاثة أشخاص يشتبه في تورطهم بالهجوم.")
                 if e.event_type == "COERCE"]
    assert arrest.actor is not None and arrest.actor.text == "الشرطة الفرنسية"
    (toll,) = [e for e in _events("أعلنت وزارة الصحة مقتل خمسة أشخاص في القصف.") if e.event_type == "ASSAULT"]
    assert toll.actor is None or "الصحة" not in toll.actor.text


def test_a_name_set_off_by_commas_after_an_office_is_the_speaker() -> None:
    # "دعا رئيس الوزراء العراقي، حيدر العبادي، X إلى": the name is the office's holder, X is called on
    (call,) = [e for e in _events("دعا رئيس الوزراء العراقي، حيدر العبادي، المجتمع الدولي إلى دعم بلاده.")
               if e.event_type == "REQUEST"]
    assert call.actor is not None and call.actor.text == "حيدر العبادي"
    assert call.target is not None and call.target.text == "المجتمع الدولي"


def test_a_nationality_adjective_after_a_time_aside_names_whom_a_statement_is_aimed_at() -> None:
    (criticism,) = [e for e in _events("انتقد وزير الخارجية التركي مولود جاويش أوغلو، اليوم الأحد، الموقف "
                                       "الأمريكي من الأكراد.") if e.event_type == "ACCUSE"]
    assert criticism.target is not None and criticism.target.text == "الأمريكي"


def test_the_noun_before_a_reflexive_is_the_doer_not_the_object() -> None:
    # "فجر انتحاري نفسه": the bomber blew himself up
    (bombing,) = [e for e in _events("فجر انتحاري نفسه داخل مسجد شيعي في مدينة القطيف أمس.")
                  if e.event_type == "ASSAULT"]
    assert bombing.actor is not None and bombing.actor.text == "انتحاري"
    assert bombing.target is None or "نفسه" not in bombing.target.text


def test_a_verb_with_a_plural_subject_pronoun_has_its_subject_before_it() -> None:
    # "مسلحين اختطفوا ثلاثة مهندسين أتراك": the gunmen abducted; the Turks are the object
    (abduction,) = [e for e in _events("أفادت مصادر أمنية بأن مسلحين اختطفوا ثلاثة مهندسين أتراك في ليبيا.")
                    if e.event_type == "ASSAULT"]
    assert abduction.actor is not None and abduction.actor.text == "مسلحين"
    assert abduction.target is None or "مسلحين" not in abduction.target.text


def test_a_subject_before_istahdafa_keeps_the_party_after_it_a_target() -> None:
    (strike,) = [e for e in _events("وقال مصدر إن قوة من الشرطة العراقية استهدفت عناصر القاعدة في تكريت أمس.")
                 if e.event_type == "ASSAULT"]
    assert strike.actor is None or "القاعدة" not in strike.actor.text


def test_a_nisba_after_a_plural_noun_is_not_a_verbs_subject() -> None:
    # "عشرات العراقيين": not the state after a verb
    tokens = tokens_of("سقط عشرات العراقيين بين قتيل وجريح بانفجار سيارة مفخخة.")
    assert not any(m.kind == "state" for m in mentions_of_sentence(tokens, load_actors()))


def test_a_conjoined_meeting_verb_shares_the_clauses_subject() -> None:
    # "وصل X إلى بغداد أمس واجتمع Y": X met Y, not Y met someone
    (meeting,) = [e for e in _events("وصل وزير الخارجية الإيراني إلى بغداد أمس واجتمع رئيس الوزراء حيدر العبادي.")
                  if e.event_type == "CONSULT"]
    assert meeting.actor is not None and meeting.actor.text == "وزير الخارجية الإيراني"
    assert meeting.target is not None and "العبادي" in meeting.target.text


def test_a_stance_noun_with_a_pronoun_is_the_saying_verbs_subjects() -> None:
    # "أكد عباس خلال لقائه بوتين رفضه للاستيطان": his rejection, Abbas's — not the name nearest before
    events = _events("أكد الرئيس الفلسطيني محمود عباس خلال لقائه الرئيس الروسي فلاديمير بوتين في موسكو "
                     "رفضه للاستيطان.")
    (rejection,) = [e for e in events if e.event_type == "REJECT"]
    assert rejection.actor is not None and "عباس" in rejection.actor.text


def test_a_counterpart_and_its_nationality_are_a_participant() -> None:
    (call,) = [e for e in _events("أجرى وزير الخارجية الإماراتي الشيخ عبدالله بن زايد اتصالا هاتفيا بنظيره "
                                  "الأمريكي.") if e.event_type == "CONSULT"]
    assert call.target is not None and call.target.text == "نظيره الأمريكي"


def test_a_nisba_after_a_persons_name_is_the_next_party() -> None:
    (threat,) = [e for e in _events("هدد زعيم جماعة الحوثي عبد الملك الحوثي السعودية بالرد على الغارات.")
                 if e.event_type == "THREATEN"]
    assert threat.target is not None and threat.target.text == "السعودية"


def test_a_group_of_states_after_a_proper_name_is_no_genitive_of_it() -> None:
    # "تنظيم داعش | الدول الغربية": two parties, not one construct
    (threat,) = [e for e in _events("توعد تنظيم داعش الدول الغربية بهجمات جديدة.") if e.event_type == "THREATEN"]
    assert threat.actor is not None and threat.actor.text == "تنظيم داعش"
    assert threat.target is not None and threat.target.text == "الدول الغربية"


def test_the_people_right_after_a_protest_word_protest_and_are_not_its_target() -> None:
    (sit_in,) = [e for e in _events("اعتصم العشرات من أهالي المعتقلين أمام مبنى وزارة العدل في بغداد.")
                 if e.event_type == "PROTEST"]
    assert sit_in.actor is not None and sit_in.actor.text == "العشرات من أهالي المعتقلين"
    assert sit_in.target is not None and sit_in.target.text == "وزارة العدل"


def test_whom_an_apology_is_offered_to_behind_lam_receives_it() -> None:
    (apology,) = [e for e in _events("قدم رئيس الوزراء الأردني اعتذارا رسميا للحكومة المصرية.")
                  if e.event_type == "CONCEDE"]
    assert apology.actor is not None and apology.actor.text == "رئيس الوزراء الأردني"
    assert apology.target is not None and "المصرية" in apology.target.text


def test_the_martyred_suffer_and_whose_fire_killed_them_did_it() -> None:
    (killing,) = [e for e in _events("استشهد ثلاثة فلسطينيين برصاص جنود الاحتلال الإسرائيلي في الخليل.")
                  if e.event_type == "ASSAULT"]
    assert killing.target is not None and killing.target.text == "ثلاثة فلسطينيين"
    assert killing.actor is not None and killing.actor.text.startswith("جنود الاحتلال")


def test_what_underwent_an_attack_keeps_its_owner() -> None:
    (attack,) = [e for e in _events("تعرضت دورية للجيش اللبناني لهجوم مسلح في عرسال أمس.")
                 if e.event_type == "ASSAULT"]
    assert attack.target is not None and attack.target.text == "دورية للجيش اللبناني"


def test_a_step_announced_with_a_pronoun_subject_is_the_speakers() -> None:
    # "وقال الرئيس التركي إنه سيلتقي نظيره الروسي": the president will meet his Russian counterpart
    (meeting,) = [e for e in _events("وقال الرئيس التركي إنه سيلتقي نظيره الروسي الأسبوع المقبل.")
                  if e.event_type == "CONSULT"]
    assert meeting.actor is not None and meeting.actor.text == "الرئيس التركي"
    assert meeting.target is not None and meeting.target.text == "نظيره الروسي"


def test_a_protest_condemning_an_act_is_aimed_at_the_state_the_act_is_said_to_be_of() -> None:
    (march,) = [e for e in _events("خرجت مسيرة حاشدة في صنعاء تنديدا بالعدوان السعودي على اليمن.")
                if e.event_type == "PROTEST"]
    assert march.target is not None and march.target.text == "السعودي"


def test_a_woman_who_blew_herself_up_did_the_attack() -> None:
    # a civilian subject of a verb of force is its victim ("قتل ثلاثة مدنيين"), unless the act
    # was done to herself: then she did it
    for text in ("وكانت امرأة انتحارية فجرت نفسها في مركز للشرطة في اسطنبول.",
                 "فجرت امرأة انتحارية نفسها في مركز للشرطة في اسطنبول."):
        (blast,) = [e for e in _events(text) if e.event_type == "ASSAULT"]
        assert blast.actor is not None and blast.actor.text.startswith("امرأة"), text
        assert blast.target is None or "امرأة" not in blast.target.text, text


def test_civilians_after_a_verb_of_force_stay_its_victims() -> None:
    (killing,) = [e for e in _events("قتل ثلاثة مدنيين في غارة جوية على حلب.") if e.event_type == "ASSAULT"]
    assert killing.actor is None and killing.target is not None and "مدنيين" in killing.target.text
