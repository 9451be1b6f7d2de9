"""Event assembly on short news sentences: which words become events, and their place.

Expected values follow shared/gold/GUIDELINES.md: a noun that names a known thing is not an
occurrence, participants are not triggers, a statement has no place unless one is stated.
"""

from __future__ import annotations

import pytest

from hadath.extract.events import _coordinated_verb, extract_events, knowledge
from hadath.stages import normalize
from schemas import Article, EventCandidate


def events_of(text: str) -> list[EventCandidate]:
    return extract_events(normalize(Article(id="t", text=text, published_at="2015-08-09")))


def types_of(text: str) -> list[str]:
    return [event.event_type for event in events_of(text)]


@pytest.mark.parametrize("text", [
    "وتحدث الوزير طويلا عن الاتفاق النووي مع إيران.",  # a known agreement, no occurrence
    "وأثار اغتيال بوتو موجة غضب واسعة.",  # a past killing as the subject of another verb
    "ورفع المتظاهرون الأعلام العراقية في ساحة التحرير.",  # protesters are participants, not a protest
])
def test_topics_and_participants_are_not_events(text: str) -> None:
    assert types_of(text) == []


def test_noun_after_light_verb_is_an_event() -> None:
    (event,) = events_of("شنت الطائرات غارات على مواقع الحوثيين في صنعاء أمس.")
    assert event.event_type == "ASSAULT"
    assert event.location is not None and event.location.text == "صنعاء"
    assert event.date.value == "2015-08-08"


def test_finite_verb_needs_no_occurrence_cue() -> None:
    (event,) = events_of("واعتقلت الشرطة التركية 300 شخص في اسطنبول أمس.")
    assert event.event_type == "COERCE"
    assert event.actor is not None and event.actor.text == "الشرطة التركية"
    assert event.location is not None and event.location.text == "اسطنبول"


def test_statement_gets_no_place_unless_stated() -> None:
    events = [e for e in events_of("أدانت جامعة الدول العربية الاقتحامات المتكررة للمسجد الأقصى في القدس.")
              if e.event_type == "ACCUSE"]
    (condemnation,) = events
    assert condemnation.location is None
    # The actor's name stops before the event noun that follows it.
    assert condemnation.actor is not None and condemnation.actor.text == "جامعة الدول العربية"


# The "specific occurrence" test: an event word that only dates or qualifies something else.
@pytest.mark.parametrize("text", [
    "وزار الوزير دمشق بعد اغتيال رئيس الحكومة في بيروت.",  # a time reference after بعد
    "وتوترت العلاقات بين البلدين منذ اختطاف الصحافي الفرنسي.",  # … after منذ
    "وعاد السفير إلى عمله بعد يومين من التفجير في السوق.",  # بعد … من + event noun
    "وتنظر المحكمة في ملف الاغتيالات منذ سنوات.",  # the genitive of a non-event noun
    "وأحيا الأهالي الذكرى الثالثة لاغتيال النائب في بيروت.",  # ذكرى + ordinal + ل
    "وشارك الوزير في تشييع ضحايا التفجيرات في المدينة.",  # ضحايا + event noun
    "وحذر الخبراء من مخطط لاغتيال الصحافي في العاصمة.",  # purpose ل: an aim, not an occurrence
])
def test_background_mentions_are_not_material_events(text: str) -> None:
    assert not {"ASSAULT", "PROTEST", "COERCE"} & set(types_of(text))


def test_condemned_attack_is_the_accusation_only() -> None:
    assert types_of("واستنكرت الحكومة العراقية التفجيرات في المدينة أمس.") == ["ACCUSE"]


def test_condemned_attack_told_as_news_is_an_event_too() -> None:
    # An outlet that reports the attack only through a condemnation still reports it.
    assert "ASSAULT" in types_of("واستنكرت الحكومة العراقية التفجير الذي استهدف مسجدا في المدينة أمس.")


@pytest.mark.parametrize("text", [
    "قتل خمسة أشخاص في انفجار سيارة مفخخة في بغداد أمس.",  # a finite verb with casualties
    "وشن مسلحون هجوما على نقطة تفتيش قرب الموصل.",  # a noun after a light verb
    "وتعرضت دورية للجيش لهجوم مسلح في الرمادي.",  # a noun after an occurrence verb
    "وتجمع مئات المتظاهرين أمام مبنى البرلمان.",  # a gathering of protesters
])
def test_reports_of_an_occurrence_stay_events(text: str) -> None:
    assert {"ASSAULT", "PROTEST"} & set(types_of(text))


def test_a_chant_alone_is_not_a_new_protest() -> None:
    assert "PROTEST" not in types_of("وهتف المتظاهرون بشعارات ضد الحكومة.")


def test_a_consequence_joins_the_event_before_it() -> None:
    events = events_of("وفضت قوات الأمن اعتصام المعارضين في الساحة الرئيسية للمدينة بالقوة صباح الخميس "
                       "مما أسفر عن مقتل عشرة من المعتصمين.")
    assert [e.event_type for e in events].count("ASSAULT") == 1


def test_repeated_event_is_kept_at_its_most_informative_mention() -> None:
    events = events_of("وشنت الطائرات غارات جديدة. وقالت مصادر إن الطائرات شنت غارات على مواقع الحوثيين "
                       "في صنعاء أمس.")
    (raid,) = [e for e in events if e.event_type == "ASSAULT"]
    assert raid.location is not None and raid.location.text == "صنعاء"


def test_verb_spelled_like_a_definite_noun_is_a_verb() -> None:
    (arrest,) = [e for e in events_of("وأكد المصدر أن الشرطة ألقت القبض على السائق.") if e.event_type == "COERCE"]
    assert arrest.trigger.text.startswith("ألقت")


def test_demands_voiced_at_a_protest_stay_inside_it() -> None:
    types = types_of("تظاهر المئات في بغداد أمس وطالبوا بمحاسبة الفاسدين. وطالب المحتجون الحكومة بإجراء إصلاحات.")
    assert "PROTEST" in types
    assert "REQUEST" not in types and "ACCUSE" not in types


def test_a_generic_mention_takes_the_name_of_the_specific_actor_the_article_named() -> None:
    from hadath.pipeline import run_article
    from schemas import Article

    article = Article(id="canon", published_at="2015-08-02",
                      text="شن التحالف الدولي غارات على مواقع داعش في الرقة أمس. "
                           "وفي دير الزور، قصفت طائرات التحالف مستودعات للتنظيم.")
    events = run_article(article, {})
    actors = [(e.actor.text, e.actor.name) for e in events if e.actor is not None]
    assert len(actors) == 2
    assert actors[1][0] == "طائرات التحالف"  # the doer the pattern "قصفت طائرات" cut into
    assert actors[0][1] == actors[1][1]  # one actor, one canonical name across the article
    assert not actors[1][1].endswith("(unspecified)")


@pytest.mark.parametrize(("text", "absent"), [
    ("فهل تستطيع الحكومة أن تبرر قتل المدنيين في القرى؟", "ASSAULT"),  # a rhetorical question
    ("وقال الضابط إنه إذا قام أي حارس بضرب سجين فإنه يعاقب.", "ASSAULT"),  # a condition
    ("وناقش المتهمون إمكانية خطف رجال أعمال في العاصمة.", "ASSAULT"),  # a possibility
    ("والنظام الذي يقتل ويخطف المعارضين لا يحق له الحديث عن الحرية.", "ASSAULT"),  # a habit, no one act
    ("وأحالت النيابة المتهمين إلى المحاكمة بتهمة تدبير تجمهر مسلح وقطع الطرق والقتل العمد.", "PROTEST"),
    ("وأحالت النيابة المتهمين إلى المحاكمة بتهمة تدبير تجمهر مسلح وقطع الطرق والقتل العمد.", "ASSAULT"),
    ("وكشفت التحقيقات تفاصيل جريمة اغتيال القاضي في العاصمة الأسبوع الماضي.", "ASSAULT"),  # a topic
    ("ويعقد مجلس الوزراء اجتماعا للنظر في مطالب المتظاهرين.", "REQUEST"),  # a protest's demands
    ("وقتل سبعة أشخاص في هجوم شنه طالب تونسي مسلح على فندق.", "REQUEST"),  # طالب = student
    ("وأكد الوزير أهمية تعزيز العلاقات بين البلدين.", "REQUEST"),  # importance asks no one to act
    ("ونجح الرئيس في خطف الأضواء خلال جولته في المنطقة.", "ASSAULT"),  # an idiom
])
def test_no_occurrence_is_no_event(text: str, absent: str) -> None:
    assert absent not in types_of(text)


@pytest.mark.parametrize("text", [
    "ألم يكن الوزير محقا عندما اتهم الحكومة بالتقصير؟",  # a negated question affirms
    "تفجير انتحاري في سوق بغداد يقتل 20 شخصا على الأقل.",  # present tense tied to a count
])
def test_affirmed_or_anchored_events_stay(text: str) -> None:
    assert types_of(text) != []


def test_speculation_is_kept_as_hypothetical() -> None:
    events = [e for e in events_of("وقالت القاضية إنه ربما يتم إصدار أمر بالإفراج عن المعتقلين.")
              if e.event_type == "REQUEST"]
    assert events and events[0].modality == "hypothetical"


def test_a_repeated_statement_is_one_event() -> None:
    text = ("وقالت النيابة إن خمسة من قادة الحزب أحيلوا للمحاكمة الجنائية.\n\n"
            "وأضافت أن عددا من أعضاء الحزب أحيلوا للمحاكمة في القضية نفسها.")
    assert types_of(text).count("ACCUSE") <= 1


def test_discussion_and_cooperation_inside_a_meeting_are_its_topics() -> None:
    types = types_of("التقى وزير الخارجية السعودي نظيره الأردني في عمان أمس وبحث الجانبان خلال اللقاء "
                     "تعزيز التنسيق والعمل المشترك بين البلدين.")
    assert types == ["CONSULT"]
    assert types_of("وجرى خلال اللقاء بحث التعاون الأمني بين البلدين.") == []


@pytest.mark.parametrize("text", [
    "واتهمت الحكومة المتمردين بخرق الاتفاق الموقع بين الطرفين.",
    "وبموجب الاتفاق تفرج الحكومة عن الأسرى.",
    "وانهارت هدنة كان الطرفان يلتزمان بها منذ عامين.",
])
def test_an_existing_deal_acted_on_is_no_new_agreement(text: str) -> None:
    assert "AGREE" not in types_of(text)


def test_a_new_deal_is_still_an_agreement() -> None:
    assert "AGREE" in types_of("ووقعت الحكومة اتفاقا مع المتمردين في الخرطوم أمس.")


def test_an_attack_noun_with_one_anchor_is_a_reference() -> None:
    assert "ASSAULT" not in types_of("وتحدث المسؤول عن الهجوم على القاعدة.")
    assert "ASSAULT" in types_of("وأسفر الهجوم على القاعدة في الأنبار أمس عن مقتل ثلاثة جنود.")


def test_the_crowd_is_the_protest_actor() -> None:
    (protest,) = [e for e in events_of("وتظاهر مئات آخرون أمام مبنى المحافظة في الحلة أمس احتجاجا على انقطاع الكهرباء.")
                  if e.event_type == "PROTEST"]
    assert protest.actor is not None and protest.actor.text == "مئات آخرون"
    (protest,) = [e for e in events_of("وخرج المئات في كربلاء أمس رافعين المطالب ذاتها.") if e.event_type == "PROTEST"]
    assert protest.actor is not None and protest.actor.text == "المئات"


def test_the_speaker_is_named_before_the_complementizer_not_after_it() -> None:
    (strike,) = [e for e in events_of("وقال وزير الدفاع البريطاني إن طائرات تورنيدو التابعة لسلاح الجو "
                                      "الملكي شنت مئات الضربات على داعش.") if e.event_type == "ASSAULT"]
    assert strike.modality == "claimed"
    assert strike.source is not None and "وزير الدفاع" in strike.source.text  # not "التابعة لسلاح الجو"


def test_a_state_named_after_a_time_word_is_the_subject() -> None:
    (condemnation,) = [e for e in events_of("أدانت اليوم السعودية الهجوم على المسجد.") if e.event_type == "ACCUSE"]
    assert condemnation.actor is not None and condemnation.actor.text == "السعودية"


def test_a_participant_behind_a_preposition_is_no_postposed_subject() -> None:
    (complaint,) = [e for e in events_of("وقالت القاضية إن معتقلين شكوا من التكدس في زنازين إدارة الجمارك.")
                    if e.event_type == "ACCUSE"]
    assert complaint.actor is not None and complaint.actor.text == "معتقلين"


def test_aim_of_a_move_and_terms_of_a_deal_are_not_events() -> None:
    assert "ASSAULT" not in types_of("وانتقل المقاتلون إلى سورية للمشاركة في عملية عسكرية ضد التنظيم.")
    assert "RETREAT" not in types_of("ووافقت إيران على الحد من أنشطتها النووية مقابل رفع العقوبات المفروضة عليها.")


@pytest.mark.parametrize(("text", "absent"), [
    ("ودعت الوثيقة إلى اتخاذ الترتيبات السرية استعدادا لضرب إيران.", "ASSAULT"),  # ل + event word: an aim
    ("وقال الناطق إن الفريق أرسل لجمع الحقائق وليس لشن هجوم على الخاطفين.", "ASSAULT"),  # after a light verb too
    ("وفي 14 فبراير 2005 اغتيل رئيس الوزراء الأسبق رفيق الحريري في بيروت.", "ASSAULT"),  # years ago: history
    ("وظهرت عناصر شرطة إلى جانب الشخص المتهم بقتل الصحافي.", "ASSAULT"),  # the charge, not a report
    ("واتهم نائب وزير الدفاع جماعة مرتبطة بتنظيم القاعدة بمحاولة اغتيال رئيس الوزراء أمس.", "ASSAULT"),
    ("وطالب المتظاهرون بمحاسبة الفاسدين وإقالة مدير الكهرباء وحل مجلس المحافظة.", "COERCE"),  # a list of demands
    ("وقال مسؤول أمني إن مئات المواطنين تظاهروا أمام مبنى المحافظة أمس.", "PROTEST"),  # in someone's words
    ("ودعا المرجع الديني إلى الهدوء.", "REQUEST"),  # a call aimed at no one
    ("وأجرى الحرس الثوري تدريبات تحسبا لأي ضربة جوية على البلاد.", "ASSAULT"),  # any attack: a possibility
    ("ويرفض بالقطع قتل الأبرياء مهما كانت المبررات.", "ASSAULT"),  # what is rejected
    ("وطالب الأهالي الحكومة بأن تتوقف عن قتل المدنيين.", "ASSAULT"),  # what is to stop
])
def test_aims_charges_history_and_quoted_protests_are_not_events(text: str, absent: str) -> None:
    assert absent not in types_of(text)


@pytest.mark.parametrize(("text", "present"), [
    ("وتعرضت وزيرة الدولة بوزارة الطاقة لمحاولة اغتيال في ولاية الوحدة أمس.", "ASSAULT"),  # ل after تعرض
    ("وتوجه وزير الخارجية إلى الكويت لإجراء مشاورات مع نظيره الكويتي أمس.", "CONSULT"),  # a visit's talks
    ("واغتيل مسؤول محلي في بيروت أمس.", "ASSAULT"),  # a recent date
    ("وقتل مسلحون الصحافي في بغداد أمس.", "ASSAULT"),  # no accusation: a report
    ("وتظاهر مئات المواطنين أمام مبنى المحافظة أمس.", "PROTEST"),  # told by the outlet
    ("ودعا المرجع الديني الحكومة إلى الإصلاح.", "REQUEST"),  # a call with an addressee
    ("وضرب التنظيم بعرض الحائط كل الحدود، منفذا ثلاث عمليات إرهابية في الكويت وتونس وفرنسا أمس.", "ASSAULT"),
])
def test_the_same_words_stay_events_where_they_report_one(text: str, present: str) -> None:
    assert present in types_of(text)


def test_a_demonstrative_points_back_at_an_event_already_told() -> None:
    told = events_of("شنت الطائرات التركية غارات على مواقع المتمردين في شمال العراق أمس. "
                     "وقتل 260 مقاتلا في هذه الغارات بحسب أنقرة.")
    assert [e.event_type for e in told] == ["ASSAULT"]  # the raids, once
    # Alone, the sentence is the only report of them; and "إلى ذلك" before a verb is a discourse link.
    assert types_of("وقتل 260 مقاتلا في هذه الغارات بحسب أنقرة.") == ["ASSAULT"]
    assert types_of("إلى ذلك خطفت جبهة النصرة ثمانية مقاتلين في ريف حلب أمس.") == ["ASSAULT"]


def test_counted_attacks_are_an_event_and_counted_defendants_accuse_no_one() -> None:
    assert "ASSAULT" in types_of("ونفذت جماعات مسلحة ثلاث هجمات بالصواريخ مؤخرا على منشآت يستخدمها الجيش الأميركي.")
    assert "ASSAULT" not in types_of("وتحدث التقرير عن هجمات بالصواريخ على منشآت يستخدمها الجيش الأميركي.")
    assert "ACCUSE" not in types_of("وأمرت النيابة العامة بحبس 24 متهما احتياطيا على ذمة القضية.")
    assert "ACCUSE" in types_of("وقال الوزير إن الحكومة لن تتراجع، متهما المعارضة بعرقلة الإصلاح.")


def test_an_attempt_charged_and_a_statement_noun_as_topic_are_not_events() -> None:
    assert "ASSAULT" not in types_of("وقالت محامية عالمة باكستانية متهمة بمحاولة قتل أميركيين إنها بريئة.")
    assert "ACCUSE" not in types_of("ودعت المنظمات البرلمان إلى الحد من خطر الانتهاك الذي يسمح به القانون.")


def test_a_call_told_again_with_a_conjunction_is_one_event() -> None:
    # The retelling names the addressees differently; the doer and the words are the same.
    calls = [e for e in events_of("دعا المرجع الديني الحكومة إلى الإصلاح أمس. ودعا المرجع الديني البرلمان "
                                  "إلى الإصلاح.") if e.event_type == "REQUEST"]
    assert len(calls) == 1


def test_a_negated_act_did_not_happen() -> None:
    assert "ASSAULT" not in types_of("وقال المسؤول إن الأشخاص الذين لم يتم خطفهم لم يصابوا بجروح.")
    assert "ASSAULT" in types_of("وقال المسؤول إن المسلحين خطفوا خمسة أشخاص في بغداد أمس.")


def test_an_event_aimed_at_or_dated_by_is_no_report_of_it() -> None:
    assert "PROTEST" not in types_of("واعتقلت الشرطة الرجال إثر التخطيط لتنظيم مظاهرة في ذكرى مقتل 11 شخصا.")
    assert "PROTEST" in types_of("وفرقت الشرطة السودانية مستخدمة الغاز المسيل للدموع مظاهرة نظمها حزب البعث "
                                 "في الخرطوم أمس.")  # للدموع is no verbal noun: no aim
    assert "PROTEST" not in types_of("وعن الاحتجاجات التي وقعت أمس الأول، قال الوزير إن ما حصل بشع.")
    assert "PROTEST" not in types_of("وقبل بدء المظاهرة وضع المتظاهرون قطعا من اللحم على سور النقابة.")
    # An occurrence verb governs both acts of the pair.
    assert "ASSAULT" in types_of("وقال إن أقاربهم تعرضوا للاغتصاب والقتل على أيدي المسلحين في القرية أمس.")


def test_blew_himself_up_is_a_verb_that_needs_no_sign_of_occurrence() -> None:
    (blast,) = [e for e in events_of("وأفاد مسؤولون بأن مهاجما انتحاريا فجر نفسه خارج مكتب شركة أمنية في الإقليم.")
                if e.event_type == "ASSAULT"]
    assert blast.trigger.text == "فجر نفسه" and blast.modality == "claimed"


def test_a_speaker_named_inside_the_attribution_cue_is_the_source() -> None:
    # "قالت مصادر" is one cue; the speaker "مصادر أمنية" begins inside it.
    (attack,) = [e for e in events_of("وقالت مصادر أمنية إن مسلحين هاجموا نقطة تفتيش للجيش في مدينة الرمادي.")
                 if e.event_type == "ASSAULT"]
    assert attack.modality == "claimed"
    assert attack.source is not None and attack.source.text == "مصادر أمنية"


def test_an_attribution_after_the_event_names_its_source() -> None:
    (attack,) = [e for e in events_of("قتل خمسة جنود في هجوم على نقطة تفتيش في الرمادي، وفق مصدر أمني.")
                 if e.event_type == "ASSAULT"]
    assert attack.modality == "claimed" and attack.source is not None and attack.source.text == "مصدر أمني"
    # وفقا ل before no party ("in accordance with the law") attributes nothing.
    (arrest,) = [e for e in events_of("اعتقلت الشرطة عشرة أشخاص في البصرة وفقا للقانون.")
                 if e.event_type == "COERCE"]
    assert arrest.modality == "asserted" and arrest.source is None


def test_a_verb_of_saying_with_no_party_claims_nothing() -> None:
    # GUIDELINES: claimed names the party that says so; "يؤكد التقدم" names none.
    (strike,) = [e for e in events_of("ويؤكد التقدم العسكري أن القوات قصفت مواقع المسلحين في صنعاء أمس.")
                 if e.event_type == "ASSAULT"]
    assert strike.modality == "asserted" and strike.source is None


def test_calls_asking_other_things_of_other_addressees_are_two_events() -> None:
    calls = [e for e in events_of("وطالب الوزير الحكومة العراقية بالإصلاح. وطالب الوزير القوى السياسية "
                                  "بتوحيد مواقفها.") if e.event_type == "REQUEST"]
    assert [c.target.text for c in calls if c.target is not None] == ["الحكومة العراقية", "القوى السياسية"]


def test_mentions_sharing_no_known_argument_are_not_merged() -> None:
    # Two arrests, each with its own doer or place and nothing in common: two events.
    arrests = [e for e in events_of("واعتقلت الشرطة التركية 300 شخص في اسطنبول أمس. واعتقل الجيش "
                                    "عشرة مسلحين في ديار بكر.") if e.event_type == "COERCE"]
    assert len(arrests) == 2
    # A bare later mention ("الاعتقالات") that tells nothing of its own is the same event told again.
    repeated = [e for e in events_of("واعتقلت الشرطة التركية 300 شخص في اسطنبول أمس. وأثارت "
                                     "الاعتقالات التي نفذتها الشرطة التركية انتقادات.") if e.event_type == "COERCE"]
    assert len(repeated) == 1


def test_a_charge_named_after_an_accusation_is_not_an_event_of_its_own() -> None:
    assert types_of("اتهم رئيس المجلس الوطني الكردستاني زبير ايدار الدولة التركية بـ«خرق» الهدنة.") == ["ACCUSE"]
    assert "ACCUSE" in types_of("وانتقدت الأمم المتحدة خرق الهدنة في المدينة.")  # no accusation before: the word counts


def test_a_subjunctive_act_did_not_happen() -> None:
    assert "ASSAULT" not in types_of("وتخشى إسرائيل أن يتم قصفها بالصواريخ.")
    assert "ASSAULT" in types_of("وأكد الجيش أن قصف المدينة أسفر عن مقتل خمسة أشخاص أمس.")  # أن + noun: "that"
    # قبل أن + imperfect tells what came next.
    assert "COERCE" in types_of("وفر الجاني من المكان قبل أن تعتقل الشرطة مالك المركبة في الرياض أمس.")


def test_an_act_qualified_as_earlier_is_recalled() -> None:
    assert "ASSAULT" not in types_of("نفذت الحركة عمليات انتحارية سابقة في لاهور.")
    assert "ASSAULT" in types_of("نفذت الحركة عمليات انتحارية في لاهور أمس.")


def test_a_finite_verb_is_no_complement_of_a_background_noun() -> None:
    assert "COERCE" in types_of("وقالت محطة إن شرطة مكافحة الإرهاب داهمت أكثر من 100 موقع في إسطنبول.")
    assert "ASSAULT" not in types_of("وشارك الوزير في تشييع ضحايا التفجيرات في المدينة.")


def test_managed_to_and_before_tell_an_occurrence() -> None:
    assert "COERCE" in types_of("تمكنت سلطات الأمن من القبض على الجاني في الرياض.")
    assert "COERCE" in types_of("وفر الجاني من المكان قبل أن تلقي الشرطة القبض على مالك المركبة في الرياض أمس.")


def test_discussion_during_a_meeting_is_its_topic() -> None:
    assert "CONSULT" not in types_of("وقال الأمين العام: ناقشنا خلال اللقاء الجهود المبذولة في دعم الشعب اليمني.")
    assert "CONSULT" in types_of("ناقش وزير الخارجية مع نظيره الأردني العلاقات الثنائية في عمان أمس.")


def test_reservations_are_a_stance_and_whoever_supports_is_no_one() -> None:
    assert "REJECT" not in types_of("أبدت ثماني منظمات حقوقية دولية تحفظات تجاه قانون مكافحة الإرهاب.")
    assert "REJECT" in types_of("ورفضت الحكومة الأردنية مطالب المعارضة.")
    assert "SUPPORT" not in types_of("ودعا الوزير إلى البحث عمن يدعم الحكومة.")
    assert "SUPPORT" in types_of("وأيد الوزير قرار الحكومة الأردنية.")


def test_a_legal_frame_is_no_event() -> None:
    assert types_of("وبموجب الاحتجاز الإداري تعتقل إسرائيل مئات الفلسطينيين.") == []


def test_the_party_told_is_not_the_speaker() -> None:
    events = events_of('كشف الوزير عبدالرقيب الأسودي بأن القوات حاصرت القاعدة مشيرا في تصريح ل"الرياض" '
                       'بأن قوات التحالف دمرت مواقع الحوثيين.')
    (strike,) = [e for e in events if e.event_type == "ASSAULT"]
    # Not "الرياض" (told, after ل) nor "القاعدة" (the object before the participle مشيرا).
    assert strike.source is not None and strike.source.text == "الوزير عبدالرقيب الأسودي"
    (raid,) = [e for e in events_of("وقال المتحدث باسم الجيش لوكالة فرانس برس إن الطائرات قصفت مواقع المسلحين.")
               if e.event_type == "ASSAULT"]
    assert raid.source is not None and raid.source.text == "المتحدث باسم الجيش"


def test_between_is_no_verb_of_saying() -> None:
    (deaths,) = [e for e in events_of("وأدت المواجهات بين الجيش والمسلحين إلى مقتل خمسة جنود في المدينة أمس.")
                 if e.event_type == "ASSAULT"]
    assert deaths.modality == "asserted" and deaths.source is None
    (strike,) = [e for e in events_of("وبين المتحدث باسم الجيش أن الطائرات قصفت مواقع المسلحين.")
                 if e.event_type == "ASSAULT"]
    assert strike.modality == "claimed" and strike.source is not None


def test_a_contact_with_someone_is_a_consultation() -> None:
    assert "CONSULT" in types_of("وأضاف الرئيس التركي أنه حصل اتصال مع أوباما بشأن المنطقة الآمنة.")
    assert "CONSULT" not in types_of("وتعطلت شبكات الاتصال في المدينة أمس.")


def test_only_exposure_takes_its_event_with_li() -> None:
    assert "CONCEDE" not in types_of("واتخذت الحكومة الاتحادية خطوات للإفراج عن الأطفال المهاجرين.")
    assert "ASSAULT" in types_of("وتعرضت وزيرة الدولة لمحاولة اغتيال في العاصمة أمس.")


def test_a_bargaining_chip_and_an_answered_call_are_no_requests() -> None:
    assert "REQUEST" not in types_of("وقال إن النظام يحتجز العائلات ليستخدمها كورقة ضغط على ثوار الزبداني.")
    assert "REQUEST" in types_of("ودعا الوزير الحكومة إلى الضغط على المسلحين.")
    assert "REQUEST" not in types_of("وقرر الرئيس البقاء في منصبه تلبية لنداء المجتمع الدولي.")


def test_counted_events_and_dual_light_verbs_tell_occurrences() -> None:
    assert "ASSAULT" in types_of("وذكر شاهد عيان ان اثنين من التفجيرات وقعا في سوق خضراوات مكتظ بنساء يتسوقن في "
                                 "منطقة الصدرية، قرب الوسط التجاري لبغداد.")
    assert "ASSAULT" not in types_of("وتحدث التقرير عن التفجيرات في العراق.")
    assert "ASSAULT" in types_of("وأضاف أن شاحنتين صغيرتين محملتين برجال مسلحين نفذتا عملية الخطف في منطقة "
                                 "غوريان باقليم هرات.")


def test_what_is_sought_or_gone_for_is_planned() -> None:
    # The cue opens the sentence (token 0).
    (deal,) = [e for e in events_of("تسعى شركة جازبروم النفطية الروسية إلى اتفاق ودي مع الاتحاد الأوروبي.")
               if e.event_type == "AGREE"]
    assert deal.modality == "planned"
    (talks,) = [e for e in events_of("وتوجه الوزير شكري إلى دولة الكويت لإجراء مشاورات مع وزير الخارجية الكويتي.")
                if e.event_type == "CONSULT"]
    assert talks.modality == "planned"
    (met,) = [e for e in events_of("وأجرى الوزير شكري مشاورات مع وزير الخارجية الكويتي في الكويت أمس.")
              if e.event_type == "CONSULT"]
    assert met.modality == "asserted"


def test_an_order_of_an_act_is_that_act() -> None:
    assert types_of("وأمرت النيابة العامة بحبس 24 متهما احتياطيا على ذمة القضية.") == ["COERCE"]
    assert "REQUEST" in types_of("وأمرت القاضية المسؤولين الأمريكيين بتقديم الحجج.")


def test_the_day_of_the_saying_anchors_no_habit() -> None:
    assert "ASSAULT" not in types_of("وقال الوزير أمس إن النظام يقتل المدنيين في الطرقات.")
    assert "ASSAULT" in types_of("قال الوزير إن النظام يقتل المدنيين في الطرقات أمس.")


def test_a_verbal_noun_after_an_is_reported_not_wished() -> None:
    # تفجيرا is a noun (أن "that"), يفجر after لكي a wished act.
    assert "ASSAULT" in types_of("وقال الوزير إن تفجيرا يقتل 60 شخصا في بغداد.")
    assert "ASSAULT" not in types_of("وقال انهم سيعطون مالا للعائلة لكي يفجر نفسه ويذهب الى الجنة.")


def test_a_light_verb_reaches_its_noun_across_a_comma_aside() -> None:
    # "، في (2 آب 2015)،" is an aside: the organising verb still tells the protest
    assert "PROTEST" in types_of("وكان المئات من المواطنين نظموا، في (2 آب 2015)، تظاهرة حاشدة أمام مبنى المحافظة"
                                 " لمطالبة الحكومة بتحسين الخدمات.")
    # …but a noun after a clause of its own is still a topic
    assert "PROTEST" not in types_of("وكان المواطنون قد اجتمعوا في المقهى، وتحدثوا طويلا عن تظاهرة.")


def test_an_event_amid_which_another_happens_is_its_circumstance() -> None:
    assert "REJECT" not in types_of("وفي ظل رفض الكثير من الجمهوريين للاتفاق يحتاج أوباما لإقناع الديمقراطيين.")
    assert "REJECT" in types_of("ورفض الكثير من الجمهوريين الاتفاق مع إيران أمس.")


def test_sums_set_aside_are_aid_but_a_session_set_aside_is_not() -> None:
    assert "AID" in types_of("وقد خصص مبالغ لمنظمة الصحة العالمية ولليونيسف.")
    assert "AID" not in types_of("وقال الجبوري إن المجلس سيخصص الجلسة المقبلة للنظر في الطلبات.")


def test_a_convoy_carrying_aid_delivers_it() -> None:
    assert "AID" in types_of("وبدأ برنامج الغذاء العالمي أمس تسيير قوافل برية وبحرية تحمل مساعدات إلى عدن.")
    assert "AID" not in types_of("وتحدث الوزير طويلا عن المساعدات الإنسانية.")


def test_a_third_partys_present_support_is_a_habit_but_we_reject_is_an_act() -> None:
    assert "SUPPORT" not in types_of("وأشار إلى أن الوقت قد حان للبحث عمن يدعم ويساند التحرير.")
    assert "REJECT" in types_of("وقال الوزير: نرفض رفضا قاطعا التدخلات الإيرانية في الشؤون الداخلية لدول المنطقة.")
    assert "ACCUSE" in types_of("ويتهم الاتحاد الأوروبي شركة جازبروم بأنها أقامت عقبات أمام إيصال الغاز.")


def test_a_joint_statement_as_the_medium_of_a_warning_is_no_agreement() -> None:
    assert "AGREE" not in types_of("وحذرت ثماني منظمات حقوقية دولية في بيان مشترك، الجمعة، من حصول انتهاكات.")
    assert "AGREE" in types_of("وأصدرت مصر والسعودية بيانا مشتركا في القاهرة أمس.")


def test_the_protesters_demands_behind_a_preposition_are_no_call() -> None:
    assert "REQUEST" not in types_of("وقال الجبوري إن المجلس سيخصص الجلسة المقبلة للنظر بمطالب المتظاهرين.")
    assert "REQUEST" in types_of("وتقدمت الحكومة العراقية بمطالب إلى الأمم المتحدة أمس.")


def test_a_joint_force_doing_an_act_is_its_actor_not_a_cooperation() -> None:
    assert "COOPERATE" not in types_of("وشنت قوات مشتركة من نيجيريا والنيجر وتشاد هجوما كبيرا على المتشددين أمس.")
    assert "COOPERATE" in types_of("وأعلنت نيجيريا والنيجر أمس تشكيل قوات مشتركة لمواجهة بوكو حرام.")


def test_protest_retold_at_the_same_place_and_day_is_one_event() -> None:
    # The crowd is worded differently at each mention; the square and the day are the same.
    text = ("وانطلقت الجمعة تظاهرات حاشدة في ساحة التحرير وسط بغداد شارك فيها الآلاف من المواطنين. "
            "وأكد ناشطون أن الحكومة لم تستجب بعد. "
            "وتظاهر مئات الناشطين في ساحة التحرير وسط بغداد الجمعة.")
    protests = [e for e in events_of(text) if e.event_type == "PROTEST"]
    assert len(protests) == 1
    assert protests[0].evidence.text.startswith("وانطلقت")


def test_protests_at_two_places_stay_two_events() -> None:
    text = ("وتظاهر الآلاف في ساحة التحرير وسط بغداد الجمعة. "
            "كما تظاهر مئات آخرون في مدينة البصرة الجمعة.")
    assert types_of(text).count("PROTEST") == 2


@pytest.mark.parametrize("text", [
    # past a long addressee, what follows إلى is asked for, not done
    "ودعت الكتلة السبت وزراءها وبقية وزراء الحكومة إلى وضع استقالاتهم بيد رئيس الوزراء.",
    "ودعا رئيس الوزراء القوى السياسية إلى التعاون معه في تنفيذ برنامج الإصلاح.",
])
def test_act_asked_for_past_the_addressee_is_the_calls_content(text: str) -> None:
    assert types_of(text) == ["REQUEST"]


def test_protest_called_for_stays_a_protest() -> None:
    assert "PROTEST" in types_of("ودعا عدد من مناصري النظام السابق إلى تنظيم تظاهرات أخرى يوم الجمعة.")


def test_territory_taken_with_fighting_is_the_fighting() -> None:
    # GUIDELINES: taking territory without described fighting is COERCE, fighting for it ASSAULT.
    assert types_of("وتمكنت القوات من السيطرة على المدينة ودحر الحوثيين منها أمس.") == ["ASSAULT"]
    assert types_of("وسيطرت القوات على المدينة أمس.") == ["COERCE"]


def test_importance_or_subject_of_an_act_is_a_topic() -> None:
    # "the importance of coordinating": a topic, not a coordination told
    assert "COOPERATE" not in types_of("وأكد الوزير أهمية تنسيق الجهد الإغاثي بين المركز والمجلس.")
    # "coordinating regarding the distribution of aid": the aid is what the coordination is about
    assert "AID" not in types_of("وتقوم الهيئة بالتنسيق مع الجهات المعنية حيال توزيع المساعدات الإنسانية.")


def test_an_official_who_protested_disapproves_in_words() -> None:
    # احتج: a minister's protest is an ACCUSE (disapprove), a crowd's a PROTEST.
    assert "PROTEST" not in types_of("واحتج وزير الخارجية الروسي سيرجي لافروف على العقوبات الأوروبية.")
    assert "ACCUSE" in types_of("واحتج وزير الخارجية الروسي سيرجي لافروف على العقوبات الأوروبية.")
    assert types_of("واحتج الآلاف في ساحة التحرير على سوء الخدمات.") == ["PROTEST"]


def test_a_pledged_act_is_the_event_not_the_pledge() -> None:
    types = types_of("تعهد مشرعون أمريكيون بالضغط على كبار المسؤولين في الإدارة للكشف عن المعلومات.")
    assert "AGREE" not in types and "REQUEST" in types


def test_same_court_step_retold_with_a_generic_party_is_one_event() -> None:
    text = ("وقالت النيابة العامة في مصر اليوم إن قيادات الجماعة أحيلوا للمحاكمة الجنائية في ميدان رابعة العدوية. "
            "وأضافت أن عددا من الإسلاميين من خارج الجماعة أحيلوا للمحاكمة في القضية في مصر.")
    assert types_of(text).count("ACCUSE") == 1


@pytest.mark.parametrize("text", [
    "ونزل آلاف الأشخاص إلى الشوارع للاحتجاج على تدني الأجور في العاصمة.",  # going out "to protest"
    "ونزل آلاف المتظاهرين إلى شوارع العاصمة والمدن الكبرى في مسيرات احتجاجية.",  # … "in protest marches"
])
def test_a_crowd_that_went_out_to_protest_protested(text: str) -> None:
    assert "PROTEST" in types_of(text)


def test_a_plan_to_protest_is_still_an_aim() -> None:
    assert "PROTEST" not in types_of("واجتمع قادة النقابات أمس للتخطيط للاحتجاج على قانون الضرائب.")


def test_two_bombings_in_one_city_on_one_day_stay_two() -> None:
    text = ("وانفجرت سيارة مفخخة في سوق شعبي في مدينة كركوك أمس مما أسفر عن مقتل خمسة أشخاص. "
            "وفي حادث آخر انفجرت عبوة ناسفة استهدفت دورية للشرطة في مدينة كركوك أمس.")
    assert types_of(text).count("ASSAULT") == 2


def test_charge_after_a_long_accuser_and_accused_is_no_event_of_its_own() -> None:
    text = ("وردا على سؤال لوكالة فرانس برس اتهم رئيس المجلس الوطني الكردستاني زبير ايدار "
            "«الدولة التركية ورجب طيب اردوغان» بـ«خرق» الهدنة وعملية السلام.")
    assert types_of(text).count("ACCUSE") == 1


def test_waging_war_in_the_present_is_a_stance_not_an_attack() -> None:
    # An imperfect light verb with no day or toll: what someone does in general, no one act.
    assert "ASSAULT" not in types_of("وقال إن تركيا تدعي قتال داعش ولكنها في الحقيقة تشن حربا على الأكراد.")
    assert "ASSAULT" in types_of("وكانت القوات التركية قد شنت حربا على المسلحين في جنوب البلاد أمس.")


@pytest.mark.parametrize(("text", "coordinated"), [
    ("وندعوهم", True),  # "ندعو القادة … وندعوهم لأخذ قرارات": the same speaker calls again
    ("وطالب", True),
    ("ودعوة", False),  # a verbal noun
    ("دعا", False),  # not joined
    ("وافق", False),  # و is the root's first letter: a verb of its own, not "and"
])
def test_a_verb_joined_by_waw_keeps_its_subject(text: str, coordinated: bool) -> None:
    kb = knowledge()
    tokens = normalize(Article(id="t", text=f"{text} المجلس على الخطة.", published_at="2015-08-09")).sentences[0].tokens
    (trigger,) = [t for t in kb.lexicon.find(tokens) if t.first == 0]
    assert _coordinated_verb(tokens[0].norm, trigger.entry, text) is coordinated


def test_incitement_to_an_act_is_no_report_of_it() -> None:
    text = "وقالت الصحيفة إن الفتوى جاءت تحفيزا على قتل المدنيين الأميركيين في العراق."
    assert "ASSAULT" not in types_of(text)


def test_a_visit_told_as_recent_happened() -> None:
    from hadath.extract.events import _occurs, knowledge

    kb = knowledge()

    def occurs(text: str) -> bool:
        tokens = normalize(Article(id="t", text=text, published_at="2015-08-09")).sentences[0].tokens
        (visit,) = [t for t in kb.lexicon.find(tokens) if t.entry.event_type == "CONSULT"]
        return _occurs(tokens, visit, None, None, [], [], kb.cues, [])

    # "recently" in the noun's clause tells the visit as having happened; without it, a topic
    assert occurs("وقال معاليه إن الزيارة الأخيرة للأمير مؤخرا لموسكو أسست لمرحلة جديدة.")
    assert not occurs("وقال معاليه إن الزيارة الأخيرة للأمير لموسكو أسست لمرحلة جديدة.")


def test_the_idea_of_an_act_is_a_topic() -> None:
    assert "RETREAT" not in types_of("فإن الرئيس فقد أشاح عن فكرة الاستقالة التي تم تداولها مؤخرا.")


def test_a_list_of_demands_runs_across_its_commas() -> None:
    text = ("وطالب النواب بتوفير الخدمات الأساسية ومعالجة مشكلة انقطاع التيار الكهربائي المستمرة منذ سنوات، "
            "والقضاء على الفساد المالي والإداري المستشري في مفاصل الحكومة، ومحاسبة المسؤولين والفاسدين.")
    assert "ACCUSE" not in types_of(text)


def test_whoever_does_it_is_no_one_doing_it() -> None:
    assert "ACCUSE" not in types_of("ودعا الشيخ الله أن يفضح من يحرضهم أو يضللهم.")


def test_support_sought_is_not_given() -> None:
    text = "لكن هذه الاحتجاجات قد تعقد مساعي الحكومة في حشد التأييد لمعركتها ضد المتشددين."
    assert "SUPPORT" not in types_of(text)


def test_upcoming_talks_are_a_planned_event() -> None:
    text = "وقال وزير الخارجية الروسي سيرجي لافروف إن اللقاء أتاح وضع إطار جيد للمباحثات المقبلة مع الاتحاد الأوروبي."
    (talks,) = [e for e in events_of(text) if e.trigger.text == "للمباحثات"]
    assert talks.event_type == "CONSULT" and talks.modality == "planned"


def test_responsibility_to_protect_is_a_call_and_for_what_happened_blame() -> None:
    duty = types_of("وحذر الناطق باسم الائتلاف من مجزرة، محملا المجتمع الدولي والأمم المتحدة مسؤوليتها "
                    "في حماية السكان.")
    assert "REQUEST" in duty
    blame = types_of("وانتقد رئيس الوزراء العراقي حيدر العبادي الأداء الحكومي، محملا القوى السياسية معظم "
                     "المسؤولية عما جرى في البلاد.")
    assert "ACCUSE" in blame and "REQUEST" not in blame


def test_charged_in_the_case_of_an_attack_is_the_charge() -> None:
    text = ("وكانت النيابة العامة وجهت في 14 يوليو الماضي الاتهام إلى 29 شخصا في حادث التفجير الإرهابي "
            "الذي استهدف المسجد.")
    assert "ASSAULT" not in types_of(text)
