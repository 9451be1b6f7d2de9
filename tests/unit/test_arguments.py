"""Argument choice on short sentences: dates to the day, places stated for an event, the article's
country, participants (counts, titled names, speakers). Each rule: one case where it fires, one
where it must not."""

from __future__ import annotations

from hadath.extract.actors import load_actors
from hadath.extract.mentions import mentions_of_sentence
from hadath.text.normalize import normalize_text
from hadath.text.segment import tokenize
from schemas import EventCandidate


def _events(text: str, published: str = "2015-08-09") -> list[EventCandidate]:
    from hadath.extract.events import extract_events
    from hadath.stages import normalize
    from schemas import Article

    return extract_events(normalize(Article(id="t", text=text, published_at=published)))


def _one(text: str, event_type: str, published: str = "2015-08-09") -> EventCandidate:
    found = [e for e in _events(text, published) if e.event_type == event_type]
    assert found, f"no {event_type} in {[(e.event_type, e.trigger.text) for e in _events(text, published)]}"
    return found[0]


def _mention_texts(text: str) -> list[str]:
    tokens = tokenize(normalize_text(text))
    return [" ".join(t.norm for t in tokens[m.first:m.last]) for m in mentions_of_sentence(tokens, load_actors())]


# --- dates: a day or nothing ------------------------------------------------------------------


def test_a_month_without_a_day_gives_no_date_value() -> None:
    event = _one("وكان مرسي قد عوقب بالإعدام في يونيو حزيران في قضية اقتحام السجون.", "SANCTION")
    assert event.date.value is None
    assert event.date.precision == "month"  # the words stay, with what they fix


def test_a_stated_day_is_kept() -> None:
    event = _one("قصفت الطائرات مواقع المسلحين في الرمادي يوم 5 أغسطس 2015.", "ASSAULT")
    assert event.date.value == "2015-08-05"


# --- places of statements and meetings ----------------------------------------------------------


def test_a_country_after_a_title_is_no_place_of_the_statement() -> None:
    event = _one("دعا المرجع الشيعي الأعلى في العراق آية الله علي السيستاني الحكومة إلى محاربة الفساد.",
                 "REQUEST")
    assert event.location is None


def test_a_city_stated_after_the_statement_is_its_place() -> None:
    event = _one("وطالب ممثل المرجعية الدينية في كربلاء أحمد الصافي الحكومة بمكافحة الفساد.", "REQUEST")
    assert event.location is not None and event.location.text == "كربلاء"


def test_the_seat_of_the_target_is_no_place_of_the_statement() -> None:
    event = _one("واتهمت السعودية الحكومة المركزية في بغداد بالتقصير.", "ACCUSE")
    assert event.location is None


def test_a_meeting_place_stated_far_after_the_verb_is_kept() -> None:
    event = _one("التقى معالي وزير الخارجية الأستاذ عادل بن أحمد الجبير اليوم في موسكو وزير خارجية روسيا.",
                 "CONSULT")
    assert event.location is not None and event.location.text == "موسكو"


def test_a_place_in_another_clause_is_no_meeting_place() -> None:
    event = _one("وبعد ثلاثة أشهر من قيام بروكسل بإبلاغ الشركة باحتجاجاتها، عقد المسؤول لقاء مع المفوضة.",
                 "CONSULT")
    assert event.location is None


# --- the article's country ----------------------------------------------------------------------


def test_an_event_with_no_place_takes_the_article_country_without_words() -> None:
    text = ("أصدرت وزارة الداخلية في الرياض بيانا حول تنفيذ حكم القتل بمنطقة الباحة. "
            "وأضافت أن الشرطة اعتقلت الجاني أمس.")
    arrest = _one(text, "COERCE")
    assert arrest.location is not None
    assert arrest.location.country == "SAU" and arrest.location.text == ""


def test_a_trial_is_placed_like_a_material_event() -> None:
    text = ("وقعت التفجيرات في الكويت وأسفرت عن مقتل 26 شخصا في الكويت. "
            "وبدأت محكمة الجنايات اليوم جلسة محاكمة المتهمين.")
    trial = _one(text, "ACCUSE")
    assert trial.location is not None and trial.location.country == "KWT"


def test_a_condemnation_gets_no_article_country() -> None:
    text = "قصفت الطائرات مدينة الرمادي في العراق. وأدانت الجامعة العربية القصف على الرمادي العراقية."
    condemnation = _one(text, "ACCUSE")
    assert condemnation.location is None


# --- participants -------------------------------------------------------------------------------


def test_a_state_at_the_end_of_a_place_is_not_a_participant() -> None:
    event = _one("وصلت طائرة المساعدات إلى مطار تيرانا الدولي في جمهورية ألبانيا أمس.", "AID")
    assert event.target is None or "البانيا" not in event.target.text.replace("أ", "ا")


def test_a_state_named_as_itself_stays_a_participant() -> None:
    event = _one("أدانت جمهورية مصر العربية الهجوم على المسجد.", "ACCUSE")
    assert event.actor is not None and "مصر" in event.actor.text


def test_a_count_joins_the_participant_it_counts() -> None:
    assert "قرابه 300 شخص" in _mention_texts("إن الشرطة اعتقلت قرابة 300 شخص في حملات أمس")
    assert "اربعه من ارهابيي داعش" in _mention_texts("قتلت القوات أربعة من إرهابيي داعش")


def test_a_count_does_not_join_a_state() -> None:
    texts = _mention_texts("زار الوفد 3 دول عربية ثم السعودية")
    assert not any(text.startswith("3") and "السعوديه" in text for text in texts)


def test_an_unknown_name_after_a_title_joins_it() -> None:
    texts = _mention_texts("وقال السفير محمد صبيح الأمين المساعد إن الاعتداءات متكررة")
    assert "السفير محمد صبيح" in texts


def test_an_honorific_and_a_first_name_open_a_person() -> None:
    texts = _mention_texts("وقال الشيخ أحمد الغانم إن المجلس يرفض التدخلات")
    assert "الشيخ احمد الغانم" in texts


def test_a_common_word_after_a_title_is_no_name() -> None:
    texts = _mention_texts("وقال السفير أمس إن الاعتداءات متكررة")
    assert not any("امس" in text for text in texts)


def test_a_participle_is_not_read_as_the_noun_it_spells() -> None:
    tokens = tokenize(normalize_text("متهما المملكة العربية السعودية بأنها راعية للإرهاب"))
    mentions = mentions_of_sentence(tokens, load_actors(), frozenset({0}))  # the trigger متهما
    assert not any(m.first == 0 for m in mentions)
    assert any(m.kind == "state" and m.country == "SAU" for m in mentions)


def test_we_is_the_quoted_speaker_and_the_one_after_the_verb_is_called_on() -> None:
    event = _one("وقال وزير الخارجية عادل الجبير: ندعو القادة العرب إلى عقد قمة طارئة.", "REQUEST")
    assert event.target is not None and event.target.text == "القادة العرب"
    assert event.actor is None or event.actor.text != "القادة العرب"


def test_a_verb_whose_root_starts_with_nun_is_no_first_person() -> None:
    from hadath.extract.roles import first_person
    from hadath.extract.triggers import load_lexicon

    tokens = tokenize(normalize_text("نددت الحكومة بالهجوم"))
    (trigger, *_) = load_lexicon().find(tokens)
    assert not first_person(tokens, trigger)


def test_a_comma_after_a_long_subject_does_not_hide_the_object() -> None:
    event = _one("فيما طالب ممثل المرجعية الدينية في كربلاء أحمد الصافي، رئيس الوزراء العراقي حيدر العبادي "
                 "بمكافحة الفساد.", "REQUEST")
    assert event.target is not None and "العبادي" in event.target.text


def test_a_pronoun_on_a_meeting_noun_points_at_the_opening_speaker() -> None:
    event = _one("وقال السفير محمد صبيح، عقب لقائه وفدا من هيئة المرابطين، إن الاعتداءات متكررة.", "CONSULT")
    assert event.actor is not None and "صبيح" in event.actor.text


def test_a_participle_after_a_quotation_is_not_the_quoted_name() -> None:
    text = ('وقال السفير محمد صبيح إن الاعتداءات متكررة. وأضاف: "هو مسؤولية إسرائيل"، '
            "متهما الحكومة الإسرائيلية بالوقوف خلف الممارسات.")
    event = _one(text, "ACCUSE")
    assert event.actor is None or event.actor.text.replace("إ", "ا") != "اسرائيل"


def test_the_crowd_taking_part_in_the_next_clause_protests() -> None:
    event = _one("وانطلقت عصر الجمعة تظاهرات سلمية في ساحة التحرير وسط العاصمة العراقية بغداد، "
                 "شارك فيها الآلاف من المواطنين.", "PROTEST")
    assert event.actor is not None and event.actor.text.startswith("الآلاف")
    assert event.target is None  # بغداد ends the place: it is where, not against whom


def test_a_dateline_gives_its_country_but_no_words() -> None:
    text = "عين اليوم – القاهرة\nوعقب عزل مرسي شنت الحكومة حملة أمنية صارمة على جماعة الإخوان."
    crackdown = _one(text, "COERCE")
    assert crackdown.location is not None and crackdown.location.country == "EGY"
    assert crackdown.location.text == ""


def test_in_plus_a_capital_is_a_place_not_a_party() -> None:
    event = _one("وخرج العراقيون في مظاهرات حاشدة ببغداد أمس احتجاجا على الفساد.", "PROTEST")
    assert event.location is not None and event.location.text == "بغداد"  # the words, not "in"
    assert event.actor is None or "بغداد" not in event.actor.text


def test_a_state_right_after_the_verb_keeps_its_preposition_as_object() -> None:
    texts = _mention_texts_with_stop("نددت بإيران وتدخلاتها", "نددت")
    assert any("ايران" in text for text in texts)


def _mention_texts_with_stop(text: str, stop_word: str) -> list[str]:
    tokens = tokenize(normalize_text(text))
    stop = [t.norm for t in tokens].index(stop_word)
    return [" ".join(t.norm for t in tokens[m.first:m.last])
            for m in mentions_of_sentence(tokens, load_actors(), frozenset({stop}))]


def test_a_family_name_alone_refers_to_the_person_named_before() -> None:
    text = ("فيما طالب ممثل المرجعية الدينية في كربلاء أحمد الصافي رئيس الوزراء بمكافحة الفساد. "
            "وانتقد الصافي القوى السياسية بشدة.")
    criticism = _one(text, "ACCUSE")
    assert criticism.actor is not None and criticism.actor.text == "الصافي"


def test_a_family_name_never_introduced_is_no_participant() -> None:
    criticism = _one("وانتقد الصافي القوى السياسية بشدة.", "ACCUSE")
    assert criticism.actor is None or criticism.actor.text != "الصافي"


def test_an_honorific_between_title_and_name_keeps_them_one_person() -> None:
    texts = _mention_texts("التقى وزير الخارجية الأستاذ عادل بن أحمد الجبير نظيره الروسي")
    assert any(text.startswith("وزير الخارجيه") and text.endswith("الجبير") for text in texts)


def test_an_organisation_before_a_name_stays_apart_from_it() -> None:
    texts = _mention_texts("وقع المشرف العام على مركز الملك سلمان للإغاثة الدكتور عبدالله الربيعة اتفاقية")
    assert not any(text.startswith("مركز") and text.endswith("الربيعه") for text in texts)


def test_a_nationality_after_a_name_is_no_participant() -> None:
    texts = _mention_texts("أقدم / صالح بن شعيل الزهراني ـ سعودي الجنسية ـ على قتل مواطن")
    assert not any("سعودي" in text for text in texts)
    assert any(text.startswith("صالح بن شعيل") for text in texts)  # a name chained by بن


def test_a_nationality_adjective_of_a_noun_is_still_read() -> None:
    texts = _mention_texts("قتل جنود أميركيون في هجوم")
    assert "جنود اميركيون" in texts


def test_an_unknown_village_named_after_its_class_word_is_the_place() -> None:
    event = _one("ألقت مروحيات النظام البراميل المتفجرة على بلدة بقين القريبة من مدينة الزبداني.", "ASSAULT")
    assert event.location is not None and event.location.text == "بلدة بقين"
    assert event.location.country == "SYR"  # from the known town beside it


def test_an_adjective_after_a_class_word_is_no_place_name() -> None:
    from hadath.resolve.geo import load_gazetteer

    tokens = tokenize(normalize_text("أعلنت الحكومة إقامة منطقة آمنة في مدينة كبيرة"))
    assert load_gazetteer().unknown_classed(tokens) == []


def test_a_condemnation_is_aimed_at_the_agent_of_the_act_it_condemns() -> None:
    event = _one("أدانت جامعة الدول العربية الاقتحامات المتكررة للمسجد الأقصى المبارك، "
                 "من قبل المتطرفين الإسرائيليين.", "ACCUSE")
    assert event.target is not None and "المتطرفين" in event.target.text


def test_a_condemnation_without_a_named_agent_has_no_target_from_elsewhere() -> None:
    event = _one("أدانت جامعة الدول العربية الاقتحامات المتكررة للمسجد الأقصى المبارك.", "ACCUSE")
    assert event.target is None or "المتطرفين" not in event.target.text


def test_a_conjoined_call_carries_the_sentence_subject_not_the_nearest_noun() -> None:
    event = _one("أعلن العبادي التزامه بتوجيهات المرجعية الدينية ودعا القوى السياسية إلى التعاون معه.",
                 "REQUEST")
    assert event.actor is not None and event.actor.text == "العبادي"
    assert event.target is not None and event.target.text == "القوى السياسية"


def test_a_subject_after_a_conjoined_verb_is_still_its_own() -> None:
    event = _one("أعلن العبادي التزامه بالإصلاح، وطالب وزير الخارجية الدول العربية بدعم العراق.", "REQUEST")
    assert event.actor is not None and event.actor.text == "وزير الخارجية"


def test_the_people_at_large_are_not_the_accuser_of_a_participle() -> None:
    event = _one("ورغم الجراح التي يعانيها الشعب العراقي، ظهر وزير الخارجية الإيراني متهما المملكة بدعم الإرهاب.",
                 "ACCUSE")
    assert event.actor is not None and "الشعب" not in event.actor.text


def test_the_day_of_a_statement_does_not_date_the_act_it_reports() -> None:
    event = _one("قال الجيش النيجيري مساء يوم الأحد إنه أنقذ 178 شخصا كانت جماعة بوكو حرام تحتجزهم في ولاية بورنو.",
                 "AID", published="2015-08-03")
    assert event.date.value is None


def test_a_day_inside_the_reported_clause_dates_the_act() -> None:
    event = _one("قال الجيش إن الطائرات قصفت مواقع المسلحين يوم الأحد في ولاية بورنو.", "ASSAULT",
                 published="2015-08-03")
    assert event.date.value == "2015-08-02"


def test_a_place_after_the_act_beats_the_seat_of_its_doer() -> None:
    event = _one("وكانت الحكومة المحلية في الأنبار وفرت ممرات آمنة لخروج الأهالي من مدينة الفلوجة.", "AID")
    assert event.location is not None and "الفلوجة" in event.location.text


def test_a_place_before_the_act_is_kept_when_none_follows() -> None:
    event = _one("وفي مدينة الرمادي قصفت الطائرات مواقع التنظيم أمس.", "ASSAULT")
    assert event.location is not None and "الرمادي" in event.location.text


def test_the_group_the_actor_belongs_to_is_not_the_target() -> None:
    event = _one("خطف عناصر من جبهة النصرة مساء أمس قائد الفرقة 30 العقيد نديم الحسن.", "ASSAULT")
    assert event.target is None or "النصرة" not in event.target.text


def test_the_subject_after_kana_does_the_act_across_a_long_phrase() -> None:
    event = _one("وكانت الأجهزة الأمنية وعقب وقوع التفجير الإرهابي في مسجد الإمام الصادق ألقت القبض على السائق.",
                 "COERCE")
    assert event.actor is not None and event.actor.text == "الأجهزة الأمنية"


def test_kana_in_another_clause_names_no_subject() -> None:
    event = _one("وكانت الشرطة الكويتية على علم بالخطر، واعتقلت 5 أشخاص أمس في الكويت.", "COERCE")
    assert event.actor is None  # the comma closes the clause كان opened


def test_the_subject_fronted_after_kana_beats_the_noun_after_the_verb() -> None:
    event = _one("وكانت بغداد قد أعربت عن استغرابها ونفيها لتصريحات وزير الدفاع الأميركي.", "REJECT")
    assert event.actor is not None and event.actor.text == "بغداد"
    assert event.target is not None and "وزير الدفاع" in event.target.text


def test_kana_does_not_reach_into_a_reported_clause() -> None:
    event = _one("وكان الجيش قد أعلن أن المسلحين هاجموا القرية في ولاية بورنو أمس.", "ASSAULT",
                 published="2015-08-03")
    assert event.actor is None or event.actor.text != "الجيش"


def test_aid_goes_to_whom_a_relief_word_names() -> None:
    event = _one("وصلت طائرة المساعدات السعودية الأولى إلى مطار تيرانا الدولي في جمهورية ألبانيا أمس "
                 "لإعانة المتضررين جراء الفيضانات.", "AID")
    assert event.target is not None and event.target.text == "المتضررين"


def test_a_speaker_fronted_by_kana_speaks_on_in_the_next_sentence() -> None:
    text = ("وكان رئيس مجلس الوزراء العراقي حيدر العبادي قد أكد السبت الاستعداد لاتخاذ إصلاحات عاجلة. "
            "ودعا الكتل السياسية إلى شحذ الهمم.")
    event = _one(text, "REQUEST")
    assert event.actor is not None and "العبادي" in event.actor.text


def test_the_dateline_in_the_first_sentence_is_no_place_of_its_event() -> None:
    event = _one('رويترز- تل أبيب: احتجزت "إسرائيل"، يوم الثلاثاء، إرهابياً من مواطنيها دون محاكمة.', "COERCE",
                 published="2015-08-06")
    assert event.location is None or event.location.text == ""


def test_a_phrase_naming_a_country_gives_the_country_but_not_its_words() -> None:
    text = ("تظاهرات شعبية في مدن عراقية عدة. وقالت الشرطة العراقية إنها اعتقلت 20 شخصا. "
            "ووقعت اشتباكات في بغداد والبصرة أمس.")
    arrest = _one(text, "COERCE")
    assert arrest.location is not None and arrest.location.country == "IRQ" and arrest.location.text == ""


def test_the_one_a_sentence_is_passed_on_before_the_verdict_is_its_target() -> None:
    event = _one("وصدر على مرشد الجماعة محمد بديع أكثر من حكم بالإعدام والسجن المؤبد في قضايا مختلفة.",
                 "SANCTION")
    assert event.target is not None and "محمد بديع" in event.target.text


def test_an_attack_named_later_in_the_sentence_gives_the_toll_its_doer() -> None:
    event = _one("لقي 3 أشخاص مصرعهم وأصيب ستة آخرون بمدينة درنة الليبية، جراء هجوم مباغت الليلة "
                 "شنه عناصر تنظيم داعش على تمركز للكتيبة.", "ASSAULT")
    assert event.actor is not None and "داعش" in event.actor.text


def test_a_toll_with_no_agent_marker_gets_no_doer_from_a_bystander() -> None:
    event = _one("لقي 3 أشخاص مصرعهم وأصيب ستة آخرون بمدينة درنة الليبية أمس، وقال الجيش إنه يحقق في الحادث.",
                 "ASSAULT")
    assert event.actor is None or "الجيش" not in event.actor.text


# --- round 2: spans as a reader quotes them -----------------------------------------------------


def _participant_texts(text: str) -> list[str]:
    """The raw words each participant of ``text`` is quoted by (its proclitic left out)."""
    from hadath.extract.events import _participant

    normalized = normalize_text(text)
    tokens = tokenize(normalized)
    found = [_participant(m, normalized.raw) for m in mentions_of_sentence(tokens, load_actors())]
    return [p.text for p in found if p is not None]


def test_a_proclitic_before_a_party_is_left_out_of_its_words() -> None:
    texts = _participant_texts("وأكد الأمين العام لمجلس عشائر العراق العربية أن الجيش والبيشمركة تقدموا")
    assert any(text.startswith("مجلس عشائر العراق") for text in texts)
    assert "البيشمركة" in texts


def test_a_first_letter_that_is_no_proclitic_stays() -> None:
    texts = _participant_texts("وقالت وزارة الداخلية إن لبنان وبريطانيا اتفقتا")
    assert any(text.startswith("وزارة الداخلية") for text in texts)
    assert "لبنان" in texts and not any(text.startswith("بنان") for text in texts)


def test_a_proclitic_before_a_place_is_left_out_of_its_words() -> None:
    event = _one("حطت آخر طائرة من الجسر الإغاثي بمطار تريبوفان الدولي بالعاصمة كاتماندو أمس لإغاثة شعب النيبال.",
                 "AID")
    assert event.location is not None and not event.location.text.startswith("ب")


def test_a_place_spelled_with_a_first_waw_keeps_it() -> None:
    from hadath.resolve.geo import load_gazetteer

    gazetteer = load_gazetteer()
    assert gazetteer.proclitic("واشنطن") == 0 and gazetteer.proclitic("بغداد") == 0
    assert gazetteer.proclitic("وتشاد") == 1 and gazetteer.proclitic("للموصل") == 0


def test_a_count_and_a_noun_of_members_join_the_group() -> None:
    assert "احد قيادي بوكو حرام" in _mention_texts("وأضاف إنه تم أيضا اعتقال أحد قيادي بوكو حرام")
    assert "ثلاثه عناصر من داعش" in _mention_texts("قتل ثلاثة عناصر من داعش في المواجهات")


def test_a_count_before_another_noun_stays_apart_from_the_group() -> None:
    assert not any(text.startswith("ثلاثه") for text in _mention_texts("قتل ثلاثة أيام من القتال مع داعش"))


def test_a_category_drawn_from_a_named_body_is_one_participant() -> None:
    texts = _mention_texts("عقب لقائه وفدا من هيئة المرابطين في القدس الشريف")
    assert any(text.startswith("وفدا من هيئه المرابطين") for text in texts)


def test_a_named_body_before_min_stays_apart() -> None:
    texts = _mention_texts("انسحب الجيش العراقي من الرمادي")
    assert not any(" من " in text for text in texts)


def test_a_definite_family_name_closes_a_persons_words() -> None:
    assert "العبادي" in _mention_texts("وأعلن العبادي التزامه بتوجيهات المرجعية الدينية")


def test_a_title_with_a_town_between_it_and_the_name_is_one_person() -> None:
    texts = _mention_texts("من جهته دعا خطيب جمعة النجف صدر الدين القبانجي، أمس العراقيين إلى الهدوء")
    assert any(text.startswith("خطيب جمعه") and text.endswith("القبانجي") for text in texts)


# --- round 2: who speaks, when and where ----------------------------------------------------------


def test_a_subject_fronted_by_kana_and_a_comma_is_the_verbs() -> None:
    event = _one("وكان العبادي، انتقد البرلمان بشدة لتأخر الإصلاحات.", "ACCUSE", published="2015-08-08")
    assert event.actor is not None and event.actor.text == "العبادي"


def test_a_comma_not_closing_the_kana_subject_leaves_the_verb_its_own() -> None:
    event = _one("وكان العبادي في بغداد، انتقد البرلمان الوزراء بشدة.", "ACCUSE", published="2015-08-08")
    assert event.actor is None or event.actor.text != "العبادي"


def test_a_speaker_named_by_family_name_speaks_on_in_we() -> None:
    text = ("وقال الأمين العام لمجلس عشائر العراق العربية الشيخ أحمد الغانم في البيان إن المجلس يستنكر ذلك. "
            "وأضاف الغانم: ندعو القادة العرب إلى عقد مؤتمر قمة عربي طارئ.")
    event = _one(text, "REQUEST", published="2015-08-03")
    assert event.actor is not None and "الغانم" in event.actor.text


def test_where_and_when_a_speaker_spoke_carry_to_what_he_goes_on_to_say() -> None:
    text = ("فيما طالب ممثل المرجعية الدينية في كربلاء أحمد الصافي رئيس الوزراء بمكافحة الفساد. "
            "وقال في خطبة صلاة الجمعة في كربلاء أمس إن البلد يواجه حربا ضد الإرهاب. "
            "محملاً القوى السياسية معظم المسؤولية عما جرى.")
    event = _one(text, "ACCUSE", published="2015-08-08")
    assert event.date.value == "2015-08-07"
    assert event.location is not None and event.location.text == "كربلاء"


def test_a_statement_whose_speaker_is_named_again_keeps_its_own_date() -> None:
    text = ("وقال رئيس الوزراء حيدر العبادي أمس إن الحكومة ماضية في الإصلاح. "
            "وانتقد مجلس النواب الحكومة بشدة.")
    event = _one(text, "ACCUSE", published="2015-08-08")
    assert event.date.value is None


def test_a_date_after_since_starts_a_span_and_dates_no_statement() -> None:
    text = ("أيد مجلس محافظة نينوى مطالبة المحافظ بتدويل قضية الموصل بعد إعدام تنظيم داعش أكثر من 2000 شخص "
            "منذ سيطرته على المدينة في 10 يونيو 2014.")
    event = _one(text, "SUPPORT", published="2015-08-08")
    assert event.date.value is None


def test_a_town_in_the_speakers_title_is_where_he_spoke() -> None:
    event = _one("من جهته دعا خطيب جمعة النجف صدر الدين القبانجي، أمس العراقيين إلى عدم المشاركة بالتظاهرات.",
                 "REQUEST", published="2015-08-08")
    assert event.location is not None and event.location.text == "النجف"


def test_a_capital_standing_for_its_state_is_no_seat() -> None:
    event = _one("وهو ما تنفيه أنقرة بشدة.", "REJECT", published="2015-08-09")
    assert event.location is None


def test_a_visit_states_where_what_was_said_during_it_was_said() -> None:
    event = _one("عندما اتهم العبادي خلال زيارته الأخيرة إلى باريس المجتمع الدولي بالتخاذل.", "ACCUSE",
                 published="2015-07-23")
    assert event.location is not None and event.location.text == "باريس"


def test_a_destination_with_no_visit_states_no_place() -> None:
    event = _one("دعا العبادي الدول العربية إلى مساعدة العراق.", "REQUEST", published="2015-07-23")
    assert event.location is None


def test_a_meeting_reported_under_a_dated_dateline_was_held_in_its_town() -> None:
    text = ("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n"
            "قام الأمين العام لمجلس التعاون الدكتور عبداللطيف الزياني اليوم بزيارة لمركز الملك سلمان للإغاثة.")
    event = _one(text, "CONSULT", published="2015-08-10")
    assert event.location is not None and event.location.text == "الرياض"


def test_a_town_opening_a_sentence_without_a_date_is_no_dateline() -> None:
    text = "بغداد تستقبل وفدا. قام الأمين العام لمجلس التعاون اليوم بزيارة لمركز الملك سلمان للإغاثة."
    event = _one(text, "CONSULT", published="2015-08-10")
    assert event.location is None or event.location.text != "بغداد"


def test_the_role_cue_lists_load_and_hold_arabic_words() -> None:
    from hadath.extract.actors import load_role_cues

    cues = load_role_cues()
    assert {"beneficiary_markers", "member_nouns", "visit_words", "aid_sponsors"} <= set(cues)
    assert "عناصر" in cues["member_nouns"] and "زيارته" in cues["visit_words"]


def test_what_was_hit_is_the_facility_its_owner_holds() -> None:
    event = _one("وينفذ الطيران التركي يوميا غارات مكثفة على مواقع جبلية للمتمردين شمال العراق.", "ASSAULT")
    assert event.target is not None and event.target.text == "مواقع جبلية للمتمردين"


def test_an_owner_after_a_definite_noun_is_the_target_alone() -> None:
    event = _one("شن الطيران التركي غارات على المواقع الجبلية للمتمردين شمال العراق.", "ASSAULT")
    assert event.target is not None and not event.target.text.startswith("المواقع")


def test_an_honorific_opens_a_name_and_ends_the_body_before_it() -> None:
    texts = _mention_texts("وقال الأمين العام لمجلس عشائر العراق العربية الشيخ أحمد الغانم في البيان")
    assert not any(text.endswith("العربيه الشيخ") for text in texts)
    assert any(text.endswith("احمد الغانم") for text in texts)


def test_a_speaker_reporting_its_own_strikes_does_them() -> None:
    event = _one("أعلنت الحكومة البريطانية أمس أنها ستمدد لعام واحد مشاركتها في الضربات الجوية ضد داعش في العراق.",
                 "ASSAULT", published="2015-08-06")
    assert event.actor is not None and event.actor.text == "الحكومة البريطانية"


def test_a_speaker_reporting_strikes_it_does_not_claim_does_not_do_them() -> None:
    event = _one("قال الجيش العراقي أمس إن الضربات الجوية ضد داعش في الرمادي أوقعت خسائر كبيرة.", "ASSAULT",
                 published="2015-08-06")
    assert event.actor is None or "الجيش" not in event.actor.text


def test_a_statement_as_subject_of_a_verb_of_saying_is_its_doer() -> None:
    event = _one("وطالب البيان المجتمع الدولي بتحمل مسؤولياته بدلا من منح إيران امتيازات.", "REQUEST",
                 published="2015-07-27")
    assert event.actor is not None and event.actor.text == "البيان"
    assert event.target is not None and event.target.text == "المجتمع الدولي"


def test_an_indefinite_statement_names_no_party() -> None:
    assert not any("بيان" in text for text in _mention_texts("وقالت الوزارة في بيان إنها تدين الهجوم"))


def test_a_common_first_name_alone_is_no_head_of_state() -> None:
    texts = _mention_texts("وقال مدير شرطة المحافظة اللواء هادي رزيج إن القوات تقدمت")
    assert any(text.endswith("اللواء هادي رزيج") for text in texts)
    assert "الرئيس هادي" in _mention_texts("التقى الرئيس هادي وفدا")


def test_words_relayed_from_someone_are_that_persons() -> None:
    text = "ونقل البيان عن وزير الخارجية السعودي قوله: ندعو المجتمع الدولي إلى التحرك فورا."
    event = _one(text, "REQUEST", published="2015-07-27")
    assert event.actor is not None and event.actor.text != "البيان"


def test_likewise_tells_another_event_on_the_same_day() -> None:
    text = ("وتظاهر الآلاف من الناشطين في ساحة التحرير وسط العاصمة بغداد الجمعة.\n"
            "كما تظاهر مئات آخرون أمام مبنى مجلس محافظة بابل وسط مدينة الحلة احتجاجا على سوء الخدمات.")
    events = [e for e in _events(text, "2015-08-09") if e.event_type == "PROTEST"]
    assert len(events) == 2 and events[1].date.value == "2015-08-07"


def test_an_event_not_opened_by_likewise_keeps_no_date() -> None:
    text = ("وتظاهر الآلاف من الناشطين في ساحة التحرير وسط العاصمة بغداد الجمعة.\n"
            "وتظاهر مئات آخرون أمام مبنى مجلس محافظة بابل وسط مدينة الحلة احتجاجا على سوء الخدمات.")
    events = [e for e in _events(text, "2015-08-09") if e.event_type == "PROTEST"]
    assert events[-1].date.value is None


def test_who_ordered_the_aid_gives_it() -> None:
    event = _one("حطت آخر طائرة من الجسر الإغاثي للمساعدات الإنسانية السعودية التي أمر به خادم الحرمين الشريفين "
                 "الملك سلمان بن عبدالعزيز آل سعود – أيده الله – لإغاثة شعب النيبال بمطار تريبوفان الدولي أمس.",
                 "AID", published="2015-07-24")
    assert event.actor is not None and event.actor.text.startswith("خادم الحرمين الشريفين")
    assert event.target is not None and "النيبال" in event.target.text


def test_aid_with_no_sponsor_named_gets_no_giver_from_the_text_after_it() -> None:
    event = _one("وصلت طائرة المساعدات الأولى إلى مطار تيرانا الدولي أمس لإعانة المتضررين ثم التقى الوزير السفير.",
                 "AID", published="2015-08-07")
    assert event.actor is None or "الوزير" not in event.actor.text


def test_the_one_received_acts_and_the_host_receives() -> None:
    event = _one("خلال استقبال خادم الحرمين الشريفين الملك سلمان بن عبد العزيز آل سعود لسامح شكري وزير الخارجية.",
                 "CONSULT", published="2015-07-24")
    assert event.actor is not None and event.actor.text == "سامح شكري"
    assert event.target is not None and event.target.text.startswith("خادم الحرمين الشريفين")


def test_a_reception_with_no_one_received_named_keeps_the_host_as_host() -> None:
    event = _one("استقبل خادم الحرمين الشريفين الملك سلمان وزير الخارجية المصري سامح شكري أمس.", "CONSULT",
                 published="2015-07-24")
    assert event.target is not None and event.target.text.startswith("خادم الحرمين")  # a verb: the usual order


def test_a_participle_is_the_named_persons_not_the_group_he_leads() -> None:
    event = _one("يظهر على إحدى القنوات زعيم عصابة القتل والإبادة نوري المالكي بتصريحات طائفية "
                 "متهماً المملكة العربية السعودية بأنها راعية للإرهاب.", "ACCUSE", published="2015-08-03")
    assert event.actor is not None and event.actor.text == "نوري المالكي"


def test_a_participle_with_no_person_before_is_the_first_partys() -> None:
    event = _one("أصدر البرلمان العراقي بيانا شديد اللهجة أمس متهما المملكة العربية السعودية بدعم الإرهاب.",
                 "ACCUSE", published="2015-08-03")
    assert event.actor is not None and "البرلمان" in event.actor.text


def _mention_texts_raw(text: str) -> list[str]:
    normalized = normalize_text(text)
    tokens = tokenize(normalized)
    return [" ".join(t.norm for t in tokens[m.first:m.last])
            for m in mentions_of_sentence(tokens, load_actors(), raw=normalized.raw)]


def test_the_preposition_ala_is_no_first_name_after_a_title() -> None:
    assert "القوات الامنيه" in _mention_texts_raw("وقبضت القوات الأمنية على 76 عنصرا من التنظيم")


def test_the_name_ali_after_a_title_is_still_read() -> None:
    texts = _mention_texts_raw("قال وزير الخارجية علي أكبر صالحي إن المفاوضات مستمرة")
    assert any(text.startswith("وزير الخارجيه علي") for text in texts)


def test_a_place_the_trigger_opens_is_the_events_place() -> None:
    event = _one("وأكدت تركيا أمس أنها فتحت قاعدة إنجرليك الجوية في الجنوب للطائرات الأمريكية لقصف داعش في سوريا.",
                 "COOPERATE", published="2015-07-25")
    assert event.location is not None and event.location.text.startswith("قاعدة إنجرليك")
    assert event.location.country == "TUR"


def test_a_list_of_places_in_several_countries_gives_no_country() -> None:
    event = _one("أعلن التنظيم مسؤوليته عن ثلاث عمليات إرهابية في الكويت وتونس وفرنسا الشهر الماضي.", "ASSAULT",
                 published="2015-07-23")
    assert event.location is not None and event.location.country is None


def test_a_list_of_places_in_one_country_keeps_it() -> None:
    event = _one("قتل عشرة أشخاص في تفجيرات استهدفت بغداد والبصرة أمس.", "ASSAULT", published="2015-07-23")
    assert event.location is not None and event.location.country == "IRQ"


def test_a_place_inside_a_bodys_name_is_not_where_a_visit_was() -> None:
    event = _one("ورحب المدير الإقليمي للحملة الوطنية السعودية لنصرة الاشقاء في سورية الدكتور بدر السمحان "
                 "بالوفد وزيارته التي تأتي ضمن سلسلة الزيارات.", "CONSULT", published="2015-08-07")
    assert event.location is None or event.location.country != "SYR"


# --- placeless statements and meetings that can only have happened at home -------------------------


def test_a_parliament_acts_at_home() -> None:
    event = _one("تعهد مشرعون أمريكيون بالضغط على كبار المسؤولين في الإدارة للكشف عن مزيد من المعلومات.",
                 "REQUEST", published="2015-07-24")
    assert event.location is not None and event.location.text == "" and event.location.country == "USA"


def test_a_minister_calling_on_officials_has_no_place() -> None:
    event = _one("ودعا وزير الخارجية الأمريكي المسؤولين في الإدارة إلى الكشف عن مزيد من المعلومات.",
                 "REQUEST", published="2015-07-24")
    assert event.location is None


def test_a_prosecutor_with_no_country_of_its_own_charges_in_the_articles_country() -> None:
    event = _one("وكانت النيابة العامة وجهت في 14 يوليو الماضي الاتهام إلى 29 شخصا. وقع التفجير في الكويت. "
                 "واعتقلت الشرطة في الكويت ثلاثة أشخاص.", "ACCUSE", published="2015-08-04")
    assert event.location is not None and event.location.country == "KWT"


def test_a_prosecutor_in_an_article_with_no_clear_country_gets_none() -> None:
    event = _one("وكانت النيابة العامة وجهت في 14 يوليو الماضي الاتهام إلى 29 شخصا.", "ACCUSE",
                 published="2015-08-04")
    assert event.location is None


def test_a_meeting_with_a_generic_party_is_held_where_its_named_form_belongs() -> None:
    # "مشرعين" is the US lawmakers named in the next sentence: the host's country comes with the name.
    event = _one("وأجرى مسؤولون بالإدارة سلسلة من المحادثات مع مشرعين. وتعهد مشرعون أمريكيون بالضغط على "
                 "الإدارة.", "CONSULT", published="2015-07-24")
    assert event.location is not None and event.location.country == "USA"


def test_consulting_an_official_named_by_title_is_at_home_in_the_articles_state() -> None:
    event = _one("وقالت الرئاسة التونسية: بعد التشاور مع رئيس الوزراء قرر رئيس الجمهورية تمديد حالة الطوارئ. "
                 "وقع الهجوم في سوسة. وتظاهر المئات في تونس.", "CONSULT", published="2015-08-01")
    assert event.location is not None and event.location.country == "TUN"


def test_consulting_an_official_named_by_title_in_another_states_article_has_no_place() -> None:
    event = _one("وأجرى وزير الخارجية الإيراني محادثات مع رئيس الوزراء. وقع الهجوم في سوسة. وتظاهر المئات في "
                 "تونس.", "CONSULT", published="2015-08-01")
    assert event.location is None


def test_praise_after_a_meeting_in_its_sentence_was_said_where_it_was_held() -> None:
    event = _one("والتقى الأمين العام في الرياض وزير الخارجية اليمني، وأشاد الوزير بجهود المملكة.", "SUPPORT",
                 published="2015-08-10")
    assert event.location is not None and event.location.text == "الرياض"


def test_praise_before_a_meeting_is_not_placed_by_it() -> None:
    event = _one("وأشاد الأمين العام بجهود المملكة في دعم الشعب اليمني، واستقبل في الرياض وزير الخارجية "
                 "اليمني.", "SUPPORT", published="2015-08-10")
    assert event.location is None


# --- days that are not the event's ---------------------------------------------------------------


def test_a_day_after_publication_is_no_day_of_a_past_event() -> None:
    # Published 11 August 2015: "14 أغسطس" with no year is 2013's dispersal, not a day to come.
    event = _one("وفضت قوات الأمن اعتصام جماعة الإخوان في ميدان رابعة العدوية يوم 14 أغسطس بالقوة مما أسفر "
                 "عن مقتل مئات المعتصمين.", "ASSAULT", published="2015-08-11")
    assert event.date.value is None


def test_a_day_before_publication_is_kept() -> None:
    event = _one("وفضت قوات الأمن اعتصام جماعة الإخوان في ميدان رابعة العدوية يوم 10 أغسطس بالقوة مما أسفر "
                 "عن مقتل مئات المعتصمين.", "ASSAULT", published="2015-08-11")
    assert event.date.value == "2015-08-10"


def test_a_day_to_come_is_kept_for_an_event_told_in_the_future() -> None:
    event = _one("وسيعقد وزير الخارجية محادثات مع نظيره الروسي يوم 14 أغسطس في موسكو.", "CONSULT",
                 published="2015-08-11")
    assert event.date.value == "2015-08-14"


def test_the_day_of_announcing_a_step_to_come_is_not_its_day() -> None:
    event = _one("وأعلن رئيس مجلس النواب سليم الجبوري في كلمة متلفزة أمس أن البرلمان العراقي قرر الشروع في "
                 "استجواب كافة الوزراء.", "ACCUSE", published="2015-08-09")
    assert event.modality == "planned" and event.date.value is None


def test_the_day_a_body_reports_its_own_step_is_kept() -> None:
    event = _one("قالت النيابة العامة في مصر اليوم الثلاثاء إنها أحالت المرشد العام لجماعة الإخوان إلى محكمة "
                 "الجنايات بتهمة تدبير تجمهر مسلح.", "ACCUSE", published="2015-08-11")
    assert event.date.value == "2015-08-11"


def test_a_day_in_another_events_clause_is_that_events() -> None:
    event = _one("وقال رئيس الوزراء التركي إن الشرطة اعتقلت قرابة 300 شخص في حملات أمس ضد من يشتبه في أنهم "
                 "ينتمون لداعش، وتعهد بمحاربة كل الجماعات الإرهابية دون تمييز.", "THREATEN", published="2015-07-25")
    assert event.date.value is None


def test_a_participle_shares_the_day_of_the_main_verb() -> None:
    event = _one("وكان النجيفي نعى مساء أمس مقتل 2070 شخصا من أبناء الموصل على يد مسلحي داعش، محملا الحكومة "
                 "المركزية في بغداد مسؤولية الإبادة.", "ACCUSE", published="2015-08-08")
    assert event.date.value == "2015-08-07"


def test_a_day_set_off_by_commas_is_the_statements() -> None:
    event = _one("وحذرت ثماني منظمات حقوقية دولية في بيان مشترك، الجمعة، من حصول انتهاكات لحقوق الإنسان.",
                 "ACCUSE", published="2015-08-01")
    assert event.date.value == "2015-07-31"


# --- a speaker named again -------------------------------------------------------------------------

_SERMON = ("طالب ممثل المرجعية الدينية في كربلاء أحمد الصافي الحكومة بمكافحة الفساد. وقال في خطبة صلاة "
           "الجمعة أمس إن البلد يواجه حربا. وطالب الصافي القوى السياسية بتوحيد مواقفها.")


def test_a_speaker_called_by_family_name_speaks_from_the_seat_in_his_title() -> None:
    event = [e for e in _events(_SERMON, "2015-08-08") if e.event_type == "REQUEST"][-1]
    assert event.actor is not None and event.actor.text == "الصافي"
    assert event.location is not None and event.location.text == "كربلاء"


def test_a_speaker_named_again_speaks_on_the_day_a_verb_of_saying_gave() -> None:
    event = [e for e in _events(_SERMON, "2015-08-08") if e.event_type == "REQUEST"][-1]
    assert event.date.value == "2015-08-07"


def test_a_speaker_named_again_does_not_take_the_day_of_an_earlier_act() -> None:
    text = ("طالب ممثل المرجعية الدينية في كربلاء أحمد الصافي الحكومة أمس بمكافحة الفساد. وانطلقت تظاهرات "
            "في بغداد. وطالب الصافي القوى السياسية بتوحيد مواقفها.")
    event = [e for e in _events(text, "2015-08-08") if e.event_type == "REQUEST"][-1]
    assert event.date.value is None


def test_praise_during_the_meeting_told_before_was_said_where_it_was_held() -> None:
    text = ("قام الأمين العام بزيارة لمركز الملك سلمان في الرياض. وأشاد الأمين العام خلال اللقاء بجهود القائمين "
            "على المركز.")
    event = _one(text, "SUPPORT", published="2015-08-10")
    assert event.location is not None and event.location.text == "الرياض"


def test_praise_not_said_during_a_meeting_is_not_placed_by_it() -> None:
    text = "قام الأمين العام بزيارة لمركز الملك سلمان في الرياض. وأشاد الأمين العام بجهود القائمين على المركز."
    assert _one(text, "SUPPORT", published="2015-08-10").location is None


def test_a_meeting_is_held_in_the_country_its_hosts_title_names() -> None:
    event = _one("التقى وزير الخارجية المصري سامح شكري أمس مع وزير خارجية الإمارات الشيخ عبد الله بن زايد آل "
                 "نهيان.", "CONSULT", published="2015-07-24")
    assert event.location is not None and event.location.text == "الإمارات" and event.location.country == "ARE"


def test_a_meeting_with_a_host_whose_title_names_no_country_has_its_country_without_words() -> None:
    event = _one("زار الأمين العام مركز الملك سلمان للإغاثة والأعمال الإنسانية أمس.", "CONSULT",
                 published="2015-08-10")
    assert event.location is None or event.location.text == ""


def test_of_places_alike_the_most_specific_is_the_events() -> None:
    event = _one("وشهدت مدينة بنغازي خروج عدد من المتظاهرين ورفعوا علم ليبيا الحالي، وقامت قوات الأمن بتفريق "
                 "التظاهرة.", "COERCE", published="2015-08-09")
    # (a known town is quoted by its name, without "مدينة": regions.yaml class_words, quoted)
    assert event.location is not None and event.location.text == "بنغازي"


def test_a_country_stated_after_the_trigger_beats_a_town_before_it() -> None:
    event = _one("وقال مسؤول في بغداد، إن الطائرات قصفت مواقع للمسلحين في سوريا.", "ASSAULT", published="2015-08-09")
    assert event.location is not None and event.location.country == "SYR"


def test_a_town_near_a_countrys_border_is_not_placed_in_that_country() -> None:
    event = _one("شنت القوات هجوما على بلدة جوزا القريبة من حدود الكاميرون.", "ASSAULT", published="2015-08-03")
    assert event.location is not None and event.location.text == "بلدة جوزا"
    assert event.location.country != "CMR"


def test_a_town_near_a_known_city_takes_the_citys_country() -> None:
    event = _one("شنت القوات هجوما على بلدة جوزا القريبة من مدينة مايدوجوري.", "ASSAULT", published="2015-08-03")
    assert event.location is not None and event.location.country == "NGA"


def test_a_place_name_in_quotation_marks_is_a_title_not_a_place() -> None:
    event = _one('وقال الوزير في تصريح ل"الرياض" إن الحوثيين احتجزوا عشرات المعتقلين.', "COERCE",
                 published="2015-08-03")
    assert event.location is None


def test_a_place_name_without_quotation_marks_is_still_a_place() -> None:
    event = _one("وقال الوزير في تصريح للصحيفة إن الحوثيين احتجزوا عشرات المعتقلين في الرياض.", "COERCE",
                 published="2015-08-03")
    assert event.location is not None and event.location.text == "الرياض"


def test_a_statement_noun_inside_what_was_said_does_not_take_the_sayings_day() -> None:
    event = _one("وكشفت صحيفة حرييت اليومية أمس أن الاتفاق المعقود بين أنقرة وواشنطن ينص على إقامة منطقة حظر جوي.",
                 "AGREE", published="2015-07-25")
    assert event.date.value is None


def test_a_statement_verb_inside_what_was_said_keeps_the_sayings_day() -> None:
    event = _one("وقال وزير الخارجية أمس إنه يدين الهجوم على السفارة.", "ACCUSE", published="2015-07-25")
    assert event.date.value == "2015-07-24"


def test_praise_during_the_meeting_told_before_is_dated_by_it() -> None:
    text = ("قام الأمين العام أمس بزيارة لمركز الملك سلمان في الرياض. وأشاد الأمين العام خلال اللقاء بجهود "
            "القائمين على المركز.")
    assert _one(text, "SUPPORT", published="2015-08-10").date.value == "2015-08-09"


def test_praise_during_a_meeting_keeps_its_own_day() -> None:
    text = ("قام الأمين العام أمس بزيارة لمركز الملك سلمان في الرياض. وأشاد الأمين العام اليوم خلال اللقاء "
            "بجهود القائمين على المركز.")
    assert _one(text, "SUPPORT", published="2015-08-10").date.value == "2015-08-10"


def test_a_first_person_verb_of_saying_names_no_speaker() -> None:
    from hadath.extract.events import _first_person_perfect

    assert _first_person_perfect("واكدنا")
    assert not _first_person_perfect("واكد")
    assert not _first_person_perfect("وقال")


def test_the_party_after_we_confirmed_is_no_speaker_of_the_next_statement() -> None:
    text = ("وقال أردوغان إن هذه القاعدة ستستخدم وفق معايير محددة. "
            "وأضاف أنه حصل اتصال مع أوباما وأكدنا التزامنا بمحاربة داعش.")
    contact = _one(text, "CONSULT")
    assert contact.actor is not None and "أردوغان" in contact.actor.text
