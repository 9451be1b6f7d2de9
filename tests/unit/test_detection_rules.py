"""Detection rules found by error analysis on the external GSR set (shared/data/gsr/): each test
states a general rule of Arabic news prose on a short sentence written for it."""

from __future__ import annotations

from hadath.extract.events import extract_events
from hadath.stages import normalize
from schemas import Article, EventCandidate


def events_of(text: str) -> list[EventCandidate]:
    """The events found in ``text`` run alone as an article."""
    return extract_events(normalize(Article(id="t", text=text, published_at="2015-08-09")))


def types_of(text: str) -> list[str]:
    """The event types found in ``text`` run alone as an article."""
    return [event.event_type for event in events_of(text)]


def test_a_human_chain_is_a_protest() -> None:
    assert "PROTEST" in types_of("وشكل مئات الطلاب سلسلة بشرية أمام مبنى البرلمان في عمان أمس.")


def test_going_out_in_marches_is_a_protest() -> None:
    assert "PROTEST" in types_of("وخرج آلاف العمال في مسيرات في العاصمة الرباط أمس.")


def test_protests_that_erupt_are_protests_not_blasts() -> None:
    found = types_of("وانفجرت مظاهرات غاضبة في مدينة الخليل أمس.")
    assert "PROTEST" in found
    assert "ASSAULT" not in found


def test_a_blast_still_erupts() -> None:
    assert "ASSAULT" in types_of("وانفجرت عبوة ناسفة في سوق بمدينة الموصل أمس.")


def test_a_party_attacking_a_leader_in_words_is_an_accusation() -> None:
    found = types_of("شنت أحزاب المعارضة هجوما عنيفا على رئيس الوزراء بسبب قانون الانتخابات.")
    assert "ACCUSE" in found
    assert "ASSAULT" not in found


def test_gunmen_attacking_a_post_stay_an_assault() -> None:
    assert "ASSAULT" in types_of("شن مسلحون هجوما على مركز للشرطة في مدينة الموصل أمس.")


def test_strikes_an_army_ordered_happened() -> None:
    assert "ASSAULT" in types_of(
        "وأمرت القوات الأجنبية بضربات جوية على مركز الشرطة أسفرت عن مقتل تسعة من رجال الشرطة.")


def test_an_attack_forecast_is_no_report() -> None:
    assert "ASSAULT" not in types_of("وقال الخبير إن ضربة جوية إسرائيلية ستكون ضد مئة هدف في إيران.")


def test_weapons_counted_are_no_attack() -> None:
    assert "ASSAULT" not in types_of("وارتفع عدد المدافع في الجيش السوري الى نحو ألف عام 1973.")


def test_missiles_fired_in_a_test_are_no_attack() -> None:
    assert "ASSAULT" not in types_of("وأطلقت كوريا الشمالية الخميس صاروخين في البحر بعد أسبوع من تجارب أخرى.")


def test_striking_at_an_abstraction_is_no_assault() -> None:
    assert "ASSAULT" not in types_of("وهددت الجماعة النمسا بضرب الحركة السياحية فيها.")


def test_a_kidnapped_decision_is_a_metaphor() -> None:
    assert "ASSAULT" not in types_of("واتهم الحزب الحكومة باختطاف القرار الوطني في بغداد.")


def test_a_kidnapped_person_stays_an_assault() -> None:
    assert "ASSAULT" in types_of("وخطف مسلحون ثلاثة مهندسين أتراك في مدينة كركوك أمس.")


def test_an_attack_forecast_by_a_speaker_is_no_event() -> None:
    assert "ASSAULT" not in types_of("وتوقع المحلل أن تشن إسرائيل عملية عسكرية واسعة على قطاع غزة.")


def test_an_attack_long_past_by_an_adverb_is_recalled() -> None:
    assert "ASSAULT" not in types_of("وكان الفندق يديره رجل اسمه غازي اغتاله مسلحون قبل عامين في بغداد.")


def test_an_attack_judged_at_a_trial_is_the_case() -> None:
    assert "ASSAULT" not in types_of(
        "وبدأت محاكمة ضابط في المارينز متهم بالكذب بعد مقتل 24 مدنيا عراقيا في حديثة.")


def test_an_attack_admitted_by_an_official_stays() -> None:
    assert "ASSAULT" in types_of("واعترف الجيش بمقتل ثلاثة مدنيين في غارة جوية على قرية قرب قندهار أمس.")


def test_a_bracketed_aside_does_not_part_the_crowd_from_its_protest() -> None:
    found = types_of("ونزل آلاف العمال (عشرون ألفا حسب المنظمين) الى الشوارع للاحتجاج على تدني الأجور في عمان.")
    assert "PROTEST" in found


def test_a_source_in_brackets_does_not_make_the_event_claimed() -> None:
    article = Article(id="t", text="وتظاهر آلاف الطلاب (نحو عشرة آلاف بحسب الشرطة) في شوارع الرباط أمس.",
                      published_at="2015-08-09")
    protests = [e for e in extract_events(normalize(article)) if e.event_type == "PROTEST"]
    assert protests
    assert protests[0].modality == "asserted"


def test_protesters_counted_after_a_gathering_verb_make_a_rally() -> None:
    assert "PROTEST" in types_of("وتجمع نحو 500 متظاهر أمام مبنى البرلمان في عمان أمس.")


def test_people_gathering_are_no_rally() -> None:
    assert "PROTEST" not in types_of("وتجمع الناس في السوق لشراء الخبز.")


def test_a_counted_crowd_chanting_is_a_demonstration() -> None:
    assert "PROTEST" in types_of("وفي كراتشي ردد أكثر من ألف شخص «الموت لأميركا» أمام مسجد بعد صلاة الجمعة.")


def test_the_aims_of_a_campaign_are_a_topic() -> None:
    assert "ASSAULT" not in types_of("وقال إن أحد أهداف الحملة العسكرية على قطاع غزة هو وقف تهريب السلاح.")


def test_an_attack_avenged_is_a_reference() -> None:
    assert "ASSAULT" not in types_of("وأعلن الطالب أنه يريد جمع المال انتقاما من الهجوم على المسجد الأحمر.")


def test_killing_announced_on_a_condition_is_a_threat() -> None:
    found = types_of("وقالت الجماعة إنها ستقتل الرهائن إذا لم تفرج الحكومة عن أعضائها.")
    assert "THREATEN" in found
    assert "ASSAULT" not in found


def test_an_attack_announced_without_a_condition_stays_planned() -> None:
    events = [e for e in events_of("وقال الجيش إنه سيشن هجوما واسعا على مواقع المسلحين في وادي سوات.")
              if e.event_type == "ASSAULT"]
    assert events
    assert events[0].modality == "planned"


def test_an_attack_plotted_in_quotes_is_an_aim() -> None:
    assert "ASSAULT" not in types_of("واعتقلت الشرطة خمسة أشخاص كانوا يخططون لتنفيذ «عمل إرهابي» في الرياض.")


def test_an_act_on_a_condition_after_it_has_not_happened() -> None:
    assert "ASSAULT" not in types_of("ونقل المتهمون الخمسة الذين قد يتم إعدامهم إذا أدينوا إلى سجن آخر.")


def test_the_wounded_in_a_serious_state_are_no_condition() -> None:
    assert "ASSAULT" in types_of("وأصيب ثلاثة جنود في هجوم على دورية، اثنان منهم في حالة خطرة.")


def test_people_who_kill_as_a_habit_are_no_attack() -> None:
    assert "ASSAULT" not in types_of("وقال إن المسلحين يخطفون الأطفال من داخل المخيمات.")


def test_an_ongoing_detention_told_in_the_imperfect_stays() -> None:
    assert "COERCE" in types_of("وقالت الصحيفة إن المسؤولين الأمريكيين يحتجزون 1700 طفل في ثلاثة مراكز في تكساس.")


def test_an_attack_named_in_reference_is_no_report() -> None:
    assert "ASSAULT" not in types_of(
        "ورفع المحتجون لافتات كتب عليها «الأربعة في طريقهم» في إشارة إلى الهجمات الانتحارية في لندن.")


def test_a_passive_form_viii_hollow_verb_is_a_verb_not_a_verbal_noun() -> None:
    # اغتيل (passive of اغتال) has the letters of a verbal noun shape but is a finite verb
    assert "ASSAULT" in types_of("واغتيل القاضي بعبوة زرعت في سيارته.")


def test_a_passive_auxiliary_and_a_verbal_noun_report_the_act() -> None:
    # تم + masdar is the passive of the verb: a report even with few anchors named
    assert "ASSAULT" in types_of("وأكدت المرأة أنه تم اغتصابها من قبل عدة رجال.")


def test_la_before_an_imperfect_negates_the_act() -> None:
    assert "ASSAULT" not in types_of("وأكدت الوزارة أن الطائرات لا تقصف الأحياء السكنية في المدينة أمس.")


def test_la_siyyama_is_no_negation() -> None:
    assert "ASSAULT" in types_of("وشهدت المدينة أعمال عنف لا سيما اغتيال القاضي أمس في وسطها.")


def test_an_act_warned_against_past_the_addressee_is_not_reported() -> None:
    # "حذر من" split by whom it warns: the act after من is what they are warned against
    found = types_of("وحذر رئيس الوزراء أمس قادة الفصائل المسلحة في غزة من الاستمرار في إطلاق الصواريخ على البلدات.")
    assert "ASSAULT" not in found


def test_shooting_down_two_planes_is_an_attack() -> None:
    assert "ASSAULT" in types_of("وأعلنت وزارة الدفاع أن قواتها أسقطت طائرتي استطلاع فوق المدينة أمس.")


def test_a_march_organised_past_its_subject_is_a_protest() -> None:
    assert "PROTEST" in types_of("ونظم مئات العمال مسيرة أمام البرلمان أمس.")


def test_a_course_called_masira_is_no_march() -> None:
    assert "PROTEST" not in types_of("وأكد الوزير أن مسيرة السلام مستمرة.")


def test_protests_that_go_on_are_told_happening() -> None:
    assert "PROTEST" in types_of("وتواصلت الاحتجاجات لليوم الثالث على التوالي في المدينة.")


def test_entering_an_open_hunger_strike_is_a_protest() -> None:
    assert "PROTEST" in types_of("ودخل الأسرى في إضراب مفتوح عن الطعام.")


def test_taking_part_in_a_demonstration_tells_it_happened() -> None:
    assert "PROTEST" in types_of("وشارك الآلاف في التظاهرة التي دعت إليها النقابات.")


def test_a_crowd_going_down_to_the_streets_is_a_protest() -> None:
    assert "PROTEST" in types_of("ونزل الآلاف إلى الشوارع للتنديد بالعدوان.")


def test_an_attack_threatened_past_the_subject_is_the_threat() -> None:
    found = types_of("وهدد التنظيم بشن هجمات على السفارات الغربية.")
    assert "THREATEN" in found
    assert "ASSAULT" not in found


def test_an_attack_announced_with_no_threat_verb_stays_an_attack() -> None:
    assert "ASSAULT" in types_of("وقال الجيش إنه سيشن هجوما واسعا على مواقع المسلحين.")


def test_dialling_a_number_is_no_strike() -> None:
    assert "ASSAULT" not in types_of("فعندما يتعطل هاتفك، ستضرب أرقاما خاصة ليجيب عليك موظف.")


def test_a_sit_in_in_the_perfect_by_any_group_is_a_protest() -> None:
    assert "PROTEST" in types_of("واعتصم المحامون داخل قصر العدل احتجاجا على اعتقال زميلهم.")


def test_a_general_strike_organised_is_a_protest() -> None:
    assert "PROTEST" in types_of("ونظمت النقابات إضرابا عاما شل الحركة في البلاد.")


def test_a_team_s_run_of_success_is_no_march() -> None:
    assert "PROTEST" not in types_of("ويأمل المنتخب بالتقدم ومواصلة مسيرة نجاحه في البطولة.")


def test_an_attack_noun_with_the_toll_it_caused_is_a_report() -> None:
    assert "ASSAULT" in types_of("وهذا الهجوم الذي بدأ قبل شهرين أوقع أكثر من ألف قتيل.")


def test_blocking_a_road_in_protest_is_a_protest() -> None:
    assert "PROTEST" in types_of("وأغلق طلاب الجامعة الطريق الرئيسي احتجاجا على رفع الرسوم.")


def test_a_toll_without_a_figure_anchors_a_blast() -> None:
    assert "ASSAULT" in types_of("وسقط عشرات القتلى والجرحى بانفجار سيارة مفخخة في تلعفر.")


def test_an_ambush_set_past_its_subject_is_an_attack() -> None:
    assert "ASSAULT" in types_of("ونصب مسلحون كمينا لقافلة عسكرية قرب الموصل.")


def test_a_protest_movement_adjective_names_a_protest() -> None:
    assert "PROTEST" in types_of("وشهدت المدينة حراكا احتجاجيا واسعا أمس.")


def test_joining_a_strike_tells_it_happened() -> None:
    assert "PROTEST" in types_of("وانضم آلاف العمال إلى الإضراب العام.")


def test_protesters_going_down_to_the_street_protest() -> None:
    assert "PROTEST" in types_of("ونزل المحتجون إلى الشارع مجددا.")


def test_protests_that_spread_over_a_country_happened() -> None:
    assert "PROTEST" in types_of("وعمت المظاهرات أرجاء البلاد.")


def test_a_protest_banned_is_no_protest_held() -> None:
    found = types_of("وأصدرت الحكومة قرارا بحظر التظاهر في العاصمة.")
    assert "PROTEST" not in found
    assert "COERCE" in found


def test_a_protest_the_police_prevented_is_no_protest_held() -> None:
    assert "PROTEST" not in types_of("ومنعت الشرطة التظاهر أمام السفارة أمس.")


def test_a_cultural_tazahura_is_no_protest() -> None:
    assert "PROTEST" not in types_of("ونظمت الوزارة تظاهرة علمية حول الطاقة المتجددة أمس.")


def test_a_strike_called_a_right_is_a_generic_statement() -> None:
    assert "PROTEST" not in types_of("ويعتبر الإضراب حقا من حقوق العمال.")


def test_dreams_assassinated_and_scandals_detonated_are_metaphors() -> None:
    assert "ASSAULT" not in types_of("واغتالت الأزمة الاقتصادية أحلام الشباب.")
    assert "ASSAULT" not in types_of("وفجرت الصحيفة فضيحة فساد كبرى.")


def test_protests_still_going_on_are_told_happening() -> None:
    assert "PROTEST" in types_of("وما زالت المظاهرات مستمرة في بغداد.")


def test_a_march_people_take_part_in_is_a_protest() -> None:
    assert "PROTEST" in types_of("وشارك آلاف الأشخاص في مسيرة في لندن أمس تضامنا مع غزة.")


def test_a_peace_process_is_no_march() -> None:
    assert "PROTEST" not in types_of("وأكد الرئيس التزامه بمسيرة السلام.")


def test_torture_and_rape_in_the_perfect_are_acts_done() -> None:
    assert "ASSAULT" in types_of("وعذب المعتقلون في السجن حتى الموت.")
    assert "ASSAULT" in types_of("واغتصبت فتاة على يد عناصر من الميليشيا.")


def test_power_usurped_past_the_doer_is_a_metaphor() -> None:
    assert "ASSAULT" not in types_of("واغتصب الانقلابيون السلطة.")


def test_a_crowd_flocking_in_protest_protests() -> None:
    assert "PROTEST" in types_of("وتدفق آلاف المتظاهرين الى المدينة احتجاجا على زيارة الرئيس.")


def test_the_patrol_is_not_the_league() -> None:
    # الدورية (ة matched as ه) is no pronoun on الدوري: the sports cue must not cancel the blast
    assert "ASSAULT" in types_of("وانفجرت عبوة ناسفة لدى مرور الدورية الأمريكية قرب الضلوعية أمس.")


def test_the_league_still_marks_sports() -> None:
    assert "ASSAULT" not in types_of("وشن الفريق هجوما قويا في مباراة الدوري أمس.")


def test_in_turn_is_no_training_course() -> None:
    # بدوره (in turn) has the matching form of دورة (a course): no economy context
    assert "ASSAULT" in types_of("وقال المتحدث بدوره إن مسلحين استهدفوا مقر القيادة في المدينة أمس.")


def test_a_protest_law_and_the_right_to_protest_are_topics() -> None:
    assert "PROTEST" not in types_of("وأقر البرلمان قانون التظاهر الجديد أمس.")
    assert "PROTEST" not in types_of("ويكفل الدستور حق التظاهر السلمي.")


def test_freedom_square_is_a_place_not_a_right() -> None:
    assert "PROTEST" in types_of("وشهد ميدان الحرية مظاهرات حاشدة أمس.")


def test_a_building_blown_up_completely_is_no_metaphor() -> None:
    # كامل reads as ك + أمل: the metaphor cue lists الأمل, not a bare أمل
    assert "ASSAULT" in types_of("وفجر انتحاري المبنى بشكل كامل أمس.")


def test_a_definite_word_takes_no_pronoun_so_fresh_water_is_no_torture() -> None:
    # العذبة (fresh) is not عذب (tortured) + ه: ال and a pronoun never go together
    assert "ASSAULT" not in types_of("ووزعت المنظمة المياه العذبة على سكان القرى المنكوبة أمس.")


def test_root_letters_alif_lam_keep_their_pronoun_reading() -> None:
    from hadath.extract.triggers import trigger_readings
    assert "الغاء" in trigger_readings("الغائه")  # إلغائه = إلغاء + ه
    assert "عذب" not in trigger_readings("العذبه")


def test_culling_animals_is_no_execution() -> None:
    sentence = ("وارتفعت أسعار البيض في الولايات المتحدة بعد أن أدى ظهور بؤرة لإنفلونزا الطيور إلى إعدام ملايين من "
                "الدجاجات في أرجاء البلاد، وفقا لبيانات من وزارة الزراعة الأميركية.")
    assert "ASSAULT" not in types_of(sentence)


def test_executing_prisoners_stays_an_assault() -> None:
    assert "ASSAULT" in types_of("أعدمت السلطات ثلاثة معارضين شنقا في سجن إيفين في الولايات المتحدة.")
