"""Who did it (actor) and to whom (target), from word order and markers around the trigger.

Arabic news prose is mostly verb-subject-object ("قصفت الطائرات مواقع …"), with
subject-verb-object in topicalized clauses ("التحالف يشن غارات …"). A verbal noun takes its
doer as a genitive ("غارات التحالف") or after a light verb ("شن التحالف غارات"), and its
patient after ضد / على / استهدف. These rules pick from the sentence's participants; they
never invent one. A subject fronted after كان ("وكانت بغداد قد أعربت …") beats the noun after
the verb; "we" (نرفض، ندعو) is the quoted speaker; a conjoined verb of saying or a participle
(ودعا، متهما) carries the sentence's first party; aid goes to whom a relief word names
(لإغاثة X: ``hadath/data/actors/roles/role_cues.yaml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from hadath.extract.actors import ROLE_CUES_PATH as ROLE_CUES_PATH  # re-exported for the cue tests
from hadath.extract.actors import load_actors, load_role_cues
from hadath.extract.cues import Cues
from hadath.extract.mentions import GENERIC_SUFFIX, TIME_WORDS, Mention
from hadath.extract.numbers import number_at
from hadath.extract.triggers import TriggerMatch
from hadath.text.normalize import normalize
from hadath.text.phrases import HasNorm

SUFFERING_TYPES = frozenset({"ASSAULT", "COERCE"})
SUBJECT_AFTER_VERB = 4  # tokens between a verb and its postposed subject
SUBJECT_BEFORE_VERB = 6
TARGET_WINDOW = 10
ATTACK_TYPES = frozenset({"ASSAULT"})
ATTACKER_REACH = 30  # a toll, then its cause: "مصرعهم وأصيب ستة آخرون … جراء هجوم … شنه X"
CONDEMNED_AGENT_REACH = 14  # "أدانت الجامعة الاقتحامات المتكررة للمسجد الأقصى، من قبل المتطرفين"
LIGHT_VERB_WINDOW = 6
LONG_SUBJECT_WINDOW = 14
# Kinds that act rather than suffer when they follow a verbal noun as a genitive.
AGENT_KINDS = frozenset({"state", "government", "military", "police", "armed_group", "organisation", "party"})


def assign(tokens: Sequence[HasNorm], trigger: TriggerMatch, participants: list[Mention], cues: Cues,
           verbal: bool, exclude: Mention | None = None, raw: str = "") -> tuple[Mention | None, Mention | None]:
    """(actor, target) of the event named by ``trigger``; ``verbal`` for speech-act types.

    See :func:`_assign` for the rules; a target given as "common noun / name" is the name, and
    none is named after a marker that carries a pronoun ("الحكم عليه")."""
    actor, target = _assign(tokens, trigger, participants, cues, verbal, exclude, raw)
    markers = load_role_cues()["pronoun_markers"]
    if (target is not None and target.first >= trigger.last
            and any(t.norm in markers for t in tokens[trigger.first + 1:trigger.last + 1])):
        # "والحكم عليه بالقتل قصاصا … القاصرين" (the marker in the trigger's words or right after
        # them): the pronoun is whom the act is aimed at, named before; a party after it is
        # someone else (the victims of the crime judged)
        target = None
    if target is not None and _visit_word(tokens[trigger.first].norm) and not _visited(tokens, trigger, target):
        # "عندما اتهم خلال زيارته الأخيرة إلى باريس المجتمع الدولي": whom a visit is paid to is
        # named after إلى or ل (or is the visited right after the noun); a party further on
        # belongs to the clause around the visit
        target = None
    return actor, _named_after_slash(tokens, target, participants)


def _visit_word(word: str) -> bool:
    """A visit noun (visit_words), bare or with a proclitic (و، ب، ل، ف، خلال …)."""
    visits = load_role_cues()["visit_words"]
    return word in visits or (word[:1] in {"و", "ب", "ل", "ف"} and word[1:] in visits)


def _visited(tokens: Sequence[HasNorm], trigger: TriggerMatch, target: Mention) -> bool:
    """The party a visit noun is paid to: right after the noun, or marked by إلى / ل."""
    if target.first < trigger.last:
        return True  # (named before the noun: weighed by the rules for a subject)
    word = tokens[target.first].norm
    return (target.first == trigger.last or word.startswith("ل")
            or (target.first > 0 and tokens[target.first - 1].norm in TO))


def _assign(tokens: Sequence[HasNorm], trigger: TriggerMatch, participants: list[Mention], cues: Cues,
            verbal: bool, exclude: Mention | None = None, raw: str = "") -> tuple[Mention | None, Mention | None]:
    """(actor, target) of the event named by ``trigger``; ``verbal`` for speech-act types.

    ``exclude`` is the speaker who reports the event; when the reported verb's subject is a
    pronoun on the complementizer ("قالت النيابة إنها أحالت …", "أكدت تركيا أنها فتحت …") the
    speaker reports its own act and is its doer. ``raw`` is the text the tokens' offsets point
    into: the vowel marks it may keep tell a passive verb ("اعتُقل") from an active one."""
    pool = [m for m in participants if m is not exclude and not _overlaps(m, trigger) and m.kind not in REPORTER_KINDS]
    if not verbal and trigger.entry.event_type not in WITH_PARTNER_TYPES:
        # "محاولتهم الهرب … مع الأسر النازحة": مع marks company in a flight, a move or a delivery;
        # only a fight or a joint work is had with someone ("اشتباكات مع", "بالتنسيق مع"), and
        # talks (verbal) are held with them
        pool = [m for m in pool if not (m.first > 0 and tokens[m.first - 1].norm in COMPANY)]
    if (exclude is not None and 0 <= exclude.last <= trigger.first and pronoun_subject(tokens, trigger)
            and not crosses_clause(tokens, exclude.last, trigger.first)):
        return exclude, _target(tokens, trigger, pool, cues, None)
    if verbal and exclude is None and pronoun_subject(tokens, trigger):
        # "وقال الرئيس التركي إنه سيلتقي نظيره الروسي": a step announced (no source) whose subject
        # is the pronoun on the complementizer: the speaker named before it
        speaker = _carried_subject(tokens, trigger, [m for m in pool if m.last < trigger.first], cues)
        if speaker is not None and not crosses_clause(tokens, speaker.last, trigger.first):
            return speaker, _target(tokens, trigger, [m for m in pool if m is not speaker], cues, None, verbal)
    if verbal and (first_person(tokens, trigger) or (trigger.first > 0 and tokens[trigger.first - 1].norm in WE)):
        # "نرفض التدخلات …", "ندعو القادة العرب إلى …": "we" is the speaker quoted (named before,
        # or the last speaker); whoever follows the verb is its object.
        return None, _target(tokens, trigger, pool, cues, None, statement=True)
    absorbed = [m for m in participants if trigger.first < m.first < trigger.last < m.last]
    if absorbed and absorbed[0].kind in AGENT_KINDS:
        # "قصفت طائرات التحالف": the pattern took the subject's first word ("طائرات"); the
        # participant it cut into is the doer.
        actor = absorbed[0]
        target = _target(tokens, trigger, [m for m in pool if m is not actor], cues, actor)
        if target is not None and trigger.entry.event_type in SUFFERING_TYPES:
            # "شنت طائرات إسرائيلية غارات على مواقع لحركة حماس": what was hit, as below
            target = _with_conjunct(tokens, trigger, _with_facility(tokens, target, cues, trigger, actor.last),
                                    participants)
        return actor, target
    if trigger.entry.id in REPELLING_ENTRIES:
        return _repelled(tokens, trigger, pool, cues, exclude)
    if tokens[trigger.first].norm.startswith(CHARGED_WITH):
        return _charged_with(tokens, trigger, pool, cues, exclude)
    if trigger.entry.id in BLAMING_ENTRIES:
        return _blamed(tokens, trigger, pool, cues, exclude)
    word = tokens[trigger.first].norm
    received = _reception(tokens, trigger, pool, cues)
    if received is not None:
        return received
    visitor = _visitor(tokens, trigger, pool)
    if visitor is not None:
        # "زيارة صاحب السمو الملكي الأمير محمد بن سلمان مؤخرا لموسكو": the genitive of a visit noun
        # is who visits; a state after it is where they went, a place and no host
        rest = [m for m in pool if m is not visitor and m.kind not in PLACE_KINDS]
        return visitor, _target(tokens, trigger, rest, cues, visitor, verbal)
    if verbal and done_passive(tokens, trigger):
        # "ربما يتم إصدار أمر بالإفراج عن …": no one is named as doing it; the one speaking of it,
        # or whoever is marked as its agent, is (events.py carries the speaker over)
        doer = _marked_agent(tokens, trigger, pool, cues)
        return doer, _target(tokens, trigger, [m for m in pool if m is not doer], cues, doer, verbal)
    if (passive(tokens, trigger) or marked_passive(tokens, trigger, raw) or done_passive(tokens, trigger)
            or _agent_marked_verb(tokens, trigger, pool, cues)):
        # "وكان مرسي قد عوقب", "أحيلوا للمحاكمة", "اغتيل القيادي على يد مسلحين": the verb's
        # subject suffers the act; the doer, if any, is named after "على يد / من قبل".
        doer = _marked_agent(tokens, trigger, pool, cues)
        rest = [m for m in pool if m is not doer]
        after = [m for m in rest if trigger.last <= m.first <= trigger.last + SUBJECT_AFTER_VERB
                 and not _marked_as_target(tokens, m, cues)
                 and not crosses_clause(tokens, trigger.last, m.first)
                 and not _behind_preposition(tokens, trigger.last, m.first)]
        sufferer = after[0] if after else _subject_before(tokens, trigger, rest, cues)
        if sufferer is not None and trigger.entry.event_type in SUFFERING_TYPES:
            sufferer = _with_conjunct(tokens, trigger, sufferer, participants)  # "الأطفال وأمهاتهم احتُجزوا"
        return doer, sufferer
    called = _called_object(tokens, trigger, pool) if verbal else None
    if called is not None:
        # "ودعا الكتل السياسية إلى …": the one named before إلى is called on; the caller is the
        # subject carried over (before the verb, else the last speaker).
        rest = [m for m in pool if m is not called]
        return _carried_subject(tokens, trigger, rest, cues), called
    performer = _performer(tokens, trigger, pool, cues)
    if performer is not None:
        actor = performer  # "وقامت قوات الأمن بتفريق التظاهرة", "قام الوزير بزيارة …"
    elif verbal and is_circumstantial_participle(word):
        # "…, متهما المملكة": the accuser is the sentence's subject, named before — not a name
        # inside the words quoted before it ("… مسؤولية إسرائيل"، متهما): that speaker is elsewhere.
        before = [m for m in pool if m.last <= trigger.first and not _quoted(tokens, m.last, trigger.first)]
        speakers = [m for m in before if m.kind not in PASSIVE_KINDS]
        # (not a person in the genitive of a verbal noun, "مطالبة المحافظ أثيل النجيفي": that
        # noun's doer, not the sentence's subject)
        people = [m for m in speakers if m.kind == "person" and not _construct_genitive(tokens, m)]
        # "يظهر … زعيم عصابة القتل نوري المالكي بتصريحات …، متهما": a person named nearest is who
        # speaks; else the sentence's first party
        actor = people[-1] if people else (speakers or before)[0] if before else None
    elif verbal and conjoined_clause(tokens, trigger):
        # "…، وتعهد بمحاربة كل الجماعات": the phrase holds the verb and its noun; what follows is
        # the object, the subject is carried over from the sentence's first party.
        actor = _carried_subject(tokens, trigger, pool, cues)
    elif ((trigger.entry.pos == "verb" or particle_verb(tokens, trigger))
          and not cues.patient_genitive.contains_at(tokens, trigger.first)
          and not after_preposition(tokens, trigger) and not (verbal and _definite_noun(word, trigger))):
        actor = (_stated_own(tokens, trigger, pool, cues) if verbal else None) or _verb_subject(
            tokens, trigger, pool, cues, carried=verbal and word[:1] in {"و", "ف"})
        shared = _shared_meeting_subject(tokens, trigger, pool, cues, actor)
        if shared is not None:
            # "زار كاميرون الأردن أمس والتقى الملك عبدالله": the conjoined meeting verb shares the
            # clause's subject; the party after it is whom he met
            actor = shared
        if actor is None and trigger.first > 0 and tokens[trigger.first - 1].norm in WHEN_WORDS:
            # "ألم يكن رئيس الوزراء حيدر العبادي محقا عندما اتهم …": a time clause with no subject
            # of its own shares the main clause's
            actor = _carried_subject(tokens, trigger, pool, cues)
    elif verbal:
        # "أعربت بغداد عن رفضها …": a speech noun's speaker is the clause's subject before it.
        before = [m for m in pool if trigger.first - SPEAKER_NOUN_REACH <= m.last <= trigger.first
                  and not _marked_as_target(tokens, m, cues)]
        # "عقدت الهيئة العليا للمفاوضات في الرياض اجتماعا": the subject right after the light verb
        # holds the talks, not the last name before the noun (a place, a chair's name)
        actor = (_light_verb_subject(tokens, trigger, pool, cues) or _stated_own(tokens, trigger, pool, cues)
                 or (before[-1] if before else _noun_agent(tokens, trigger, pool, cues)))
    else:
        # "وكانت الحكومة المحلية في الأنبار وفرت … ممرات آمنة": a subject fronted after كان does
        # what the noun names when no doer is attached to the noun itself
        actor = _noun_agent(tokens, trigger, pool, cues) or _kana_subject(tokens, trigger, pool)
    if actor is None and verbal and purpose_word(tokens, trigger):
        # "أن الوزير شكري توجه … لإجراء مشاورات مع": who goes (the governing verb's subject) is
        # who consults, not the speaker reporting it.
        actor = _subject_before(tokens, trigger, pool, cues, PURPOSE_REACH)
    if actor is not None and trigger.entry.event_type in SUFFERING_TYPES and (
            actor.kind == "civilians" or _counted_after_verb(tokens, trigger, actor)
    ) and not _acted_on_self(tokens, trigger):
        # "قتل 38 سائحا": civilians after a passive verb of violence suffer it, they don't do it;
        # "إن الشرطة اعتقلت 300 شخص": the doer, if any, is the subject before the verb.
        rest = [m for m in pool if m is not actor]
        doer = _noun_agent(tokens, trigger, rest, cues)
        if doer is None and trigger.entry.pos == "verb":
            doer = _subject_before(tokens, trigger, [m for m in rest if m.kind != "civilians"], cues)
        return doer, _with_conjunct(tokens, trigger, actor, participants)
    if actor is None and not verbal and _conjoined_noun(tokens, trigger):
        # "الجيش الوطني والمقاومة الشعبية سيطرت على الجبال المحيطة ومحاصرة القاعدة": a verbal
        # noun conjoined to the clause's verb shares its subject
        # (not the genitive of the verbal noun before it: "تم اعتقال أحد قيادي بوكو حرام وتطهير
        # عدة معسكرات": who was arrested is that act's victim, not the doer both nouns share)
        actor = _subject_before(tokens, trigger, [m for m in pool if m.kind not in PASSIVE_KINDS
                                                  and not _patient_of_noun(tokens, m, cues)], cues, CONJOINED_REACH)
    if actor is None and trigger.entry.event_type in ATTACK_TYPES:
        # "لقي 3 أشخاص مصرعهم … جراء هجوم مباغت شنه عناصر تنظيم داعش": the attack's doer named
        # after an agent marker further on in the sentence.
        actor = _marked_agent(tokens, trigger, pool, cues, ATTACKER_REACH)
    if actor is None and trigger.entry.event_type in ATTACK_TYPES:
        actor = _reflexive_subject(tokens, trigger)  # "فجر انتحاري نفسه داخل مسجد"
    if actor is None and exclude is not None and _own_act_reported(tokens, trigger, exclude):
        actor = exclude  # "أعلنت الحكومة البريطانية أنها ستمدد مشاركتها في الضربات الجوية"
    if actor is None and exclude is not None and _announced_act(tokens, trigger, exclude, cues):
        actor = exclude  # "أعلن الرئيس الباجي قائد السبسي حالة الطوارئ": announcing it is doing it
    target = _target(tokens, trigger, [m for m in pool if m is not actor], cues, actor, verbal)
    if target is None and verbal:
        # "أدانت الجامعة الاقتحامات … من قبل المتطرفين": a condemnation is aimed at whoever did
        # the act it condemns, named after an agent marker.
        target = _marked_agent(tokens, trigger, [m for m in pool if m is not actor], cues, CONDEMNED_AGENT_REACH)
    if target is None and trigger.entry.event_type in SENTENCED_TYPES:
        # "وصدر على مرشد الجماعة محمد بديع أكثر من حكم بالإعدام": the one marked by على before
        # the act, in its clause.
        target = _marked_before(tokens, trigger, [m for m in pool if m is not actor], cues)
    if target is None and trigger.entry.event_type in SUFFERING_TYPES:
        target = _phrase_after_marker(tokens, trigger, cues)
    if target is None and trigger.entry.event_type == "REJECT" and _denies_what_was_said(tokens, trigger):
        # "ويقول المتمردون: إن ضحايا مدنيين يسقطون …، وهو ما تنفيه أنقرة": the denial is aimed at
        # whoever said what is denied, the sentence's first party
        target = _carried_subject(tokens, trigger, [m for m in pool if m is not actor], cues)
    if (trigger.entry.event_type == "PROTEST" and actor is None and target is not None
            and target.kind in PASSIVE_KINDS and target.first == trigger.last):
        # "أضرب المعلمون", "اعتصم العشرات من أهالي المعتقلين أمام …": the people right after a
        # protest word protest; they are not what the protest is aimed at
        actor = target
        target = _target(tokens, trigger, [m for m in pool if m is not actor], cues, actor, verbal)
    if trigger.entry.event_type == "PROTEST":
        # "خرجت مسيرة … تنديدا بالعدوان السعودي على اليمن": a protest condemning an act is aimed
        # at the state whose act it is, named by the act's nationality adjective
        target = _condemned_doer(tokens, trigger) or target
    if target is None and trigger.entry.event_type == "PROTEST":
        # "تظاهر مئات أمام مبنى مجلس محافظة بابل": a protest held before a body's seat is aimed at it
        target = _protested_at(tokens, trigger, [m for m in pool if m is not actor])
    if trigger.entry.event_type == "AID":
        # "المساعدات … لإغاثة شعب النيبال": whom the aid is for, however far after the aid word.
        target = _beneficiary(tokens, trigger, [m for m in pool if m is not actor]) or target
        if actor is None:
            # "الجسر الإغاثي … التي أمر به خادم الحرمين الشريفين": who ordered the aid gives it
            actor = _sponsor(tokens, trigger, [m for m in pool if m is not target])
    if target is None and trigger.entry.event_type in SUFFERING_TYPES:
        # "اعتقلت الشرطة صحفيين", "اختطاف مراسل": the press report events, but suffer them too
        press = [m for m in participants if m.kind in REPORTER_KINDS and not _overlaps(m, trigger) and m is not exclude]
        target = _target(tokens, trigger, press, cues, actor) if press else None
    received = _received_from(tokens, trigger, pool, actor)
    if received is not None:
        # "تلقى الرئيس اتصالا هاتفيا من نظيره", "يتلقى الدعم من أجهزة استخبارات": the one after
        # من calls or gives; the receiving verb's subject is whom the act is aimed at
        actor, target = received, actor
    if actor is not None and target is None and trigger.entry.event_type in SYMMETRIC_TYPES:
        actor, target = _conjoined_parties(tokens, actor, pool)
    if trigger.entry.id in cues.host_entries:
        return target, actor  # "استقبل الملك الوزير": the visitor acts, the host receives
    if trigger.entry.event_type in SUFFERING_TYPES:
        exposed = _exposed(tokens, trigger, pool)
        if isinstance(exposed, Mention):
            # "تعرضت دورية للجيش لهجوم": who underwent the act suffered it, whatever came first
            actor, target = (None if actor is exposed else actor), exposed
    if target is not None and trigger.entry.event_type in SUFFERING_TYPES:
        postposed = actor is not None and trigger.last <= actor.first <= trigger.last + SUBJECT_AFTER_VERB
        target = _with_conjunct(tokens, trigger, _with_facility(tokens, target, cues, trigger,
                                                                actor.last if postposed else None), participants)
    return actor, target


RECEIVING_REACH = 8  # "تلقى الرئيس المصري عبد الفتاح السيسي اتصالا"


def _received_from(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention],
                   actor: Mention | None) -> Mention | None:
    """The party after من when a verb of receiving governs the trigger and its subject was taken
    as the actor: who sends the call, the letter or the aid."""
    if actor is None or actor.last > trigger.first:
        return None
    index = _cue_verb_before(tokens, trigger, load_role_cues()["receiving_verbs"], RECEIVING_REACH)
    if index is None or actor.first <= index:
        return None  # (the actor must be the receiving verb's subject, named after it)
    for position in range(trigger.first, min(len(tokens), trigger.last + 3)):
        if tokens[position].norm == "من":
            return next((m for m in pool if m.first == position + 1 and m is not actor), None)
        if tokens[position].norm.startswith("من") and position >= trigger.last:
            return None  # "منه", "منها": a pronoun, named before
    return None


# Acts two parties do together: GUIDELINES lists each party as actor and as target.
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})


def _conjoined_parties(tokens: Sequence[HasNorm], actor: Mention,
                       pool: list[Mention]) -> tuple[Mention, Mention | None]:
    """"وقعت مصر والسعودية اتفاقية", "اجتمع الوزير ونظيره": the doer of a joint act joined by و to
    another party; the first is the actor, the other the target."""
    if tokens[actor.first].norm.startswith("و"):
        first = next((m for m in pool if m.last == actor.first), None)
        if first is not None:
            return first, actor
    if actor.last >= len(tokens) or not tokens[actor.last].norm.startswith("و"):
        return actor, None
    # (a title may open the second party: "ونظيره الأردني ناصر جودة")
    second = next((m for m in pool if actor.last <= m.first <= actor.last + CONJUNCT_TITLE_WORDS
                   and all(t.norm.isalpha() and t.norm not in PREPOSITIONS for t in tokens[actor.last:m.first])), None)
    return actor, second


CONJUNCT_TITLE_WORDS = 2


SLASHES = frozenset({"/"})


def _named_after_slash(tokens: Sequence[HasNorm], mention: Mention | None,
                       participants: list[Mention]) -> Mention | None:
    """"بالجاني / صالح بن شعيل …", "المواطن / فلان": official statements give a common noun, a
    slash, then the person's name; the name is whom the noun stands for, and what a reader quotes."""
    if mention is None or mention.kind in {"person", None} or mention.last >= len(tokens) or (
            tokens[mention.last].norm not in SLASHES):
        return mention
    name = next((m for m in participants if m.first == mention.last + 1 and m.kind == "person"), None)
    # (the noun's kind stays: "الجاني" is a perpetrator, whom no armed group is carried onto as doer)
    return mention if name is None else replace(name, kind=mention.kind)


COMPANY = frozenset({"مع", "ومع"})
WITH_PARTNER_TYPES = frozenset({"ASSAULT", "COOPERATE"})  # acts whose مع names the other party
PLACE_KINDS = frozenset({"state", "government"})  # capitals stand for their government
VISITOR_KINDS = frozenset({"person", "government", "organisation", "party"})
LOCATIVES = frozenset(normalize(w) for w in {"في", "وفي", "ففي"})
LOCATIVE_PROCLITICS = ("ب", "وب", "فب")


def placed(tokens: Sequence[HasNorm], mention: Mention) -> bool:
    """A state or a capital named as a place: after في, or carrying the proclitic ب ("ببغداد"),
    or joined by و to one so named ("في الكويت وتونس وفرنسا")."""
    if mention.kind not in PLACE_KINDS:
        return False
    first = mention.first
    word = tokens[first].norm
    if mention.proclitic and word[:mention.proclitic] in LOCATIVE_PROCLITICS:
        return True
    # (back over conjoined names: "في الكويت وتونس")
    while first >= 2 and word.startswith("و") and tokens[first - 1].norm.isalpha():
        first -= 1
        word = tokens[first].norm
    return first > 0 and tokens[first - 1].norm in LOCATIVES


# "صد هجوم لبوكو حرام": the attack's doer, named after it, is whom the repelling is aimed at.
REPELLING_ENTRIES = frozenset({"assault.repel"})
# "أن جماعات مسلحة تقف وراء الهجوم": the one said to stand behind an act is the accused.
BLAMING_ENTRIES = frozenset({"accuse.behind"})
REPELLER_REACH = 8  # "ساعدت القوات البرية في صد هجوم"
COMPLEMENTIZERS = frozenset(normalize(w) for w in {"أن", "بأن", "إن"})


def _repelled(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention], cues: Cues,
              exclude: Mention | None) -> tuple[Mention | None, Mention | None]:
    """(who repels, whose attack is repelled): the attackers are named right after the attack
    noun ("صد هجوم لبوكو حرام", "أحبطت هجوما للحوثيين"); the defender is the clause's subject
    before it, else the speaker who reports its own act."""
    attacker = next((m for m in pool if trigger.last <= m.first <= trigger.last + 1 and m.kind in AGENT_KINDS), None)
    rest = [m for m in pool if m is not attacker]
    after = [m for m in rest if trigger.last <= m.first <= trigger.last + SUBJECT_AFTER_VERB
             and not _behind_preposition(tokens, trigger.last, m.first)]
    defender = (_subject_before(tokens, trigger, rest, cues, REPELLER_REACH)
                or (after[0] if after and tokens[trigger.first].norm not in PREPOSITIONS else None)
                or (exclude if exclude is not None and 0 <= exclude.last <= trigger.first else None))
    return defender, attacker


# "أحالت المرشد … إلى محكمة الجنايات بتهمة …": a charge noun after ب.
CHARGED_WITH = ("بتهم", "وبتهم")


def _charged_with(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention], cues: Cues,
                  exclude: Mention | None) -> tuple[Mention | None, Mention | None]:
    """(who charges, who is charged) for "X … بتهمة …": the one charged is the nearest party before
    the charge in its clause (not one marked as where it is sent, "إلى محكمة الجنايات"); who
    charges is the speaker, else the sentence's first party."""
    charged = _subject_before(tokens, trigger, pool, cues, CHARGE_REACH)
    rest = [m for m in pool if m is not charged]
    accuser = (exclude if exclude is not None and 0 <= exclude.last <= trigger.first
               else _carried_subject(tokens, trigger, rest, cues))
    return accuser, charged


CHARGE_REACH = 8  # "أحالت المرشد العام … وعددا من قيادات وأعضاء الجماعة المحظورة إلى محكمة الجنايات بتهمة"


def _blamed(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention], cues: Cues,
            exclude: Mention | None) -> tuple[Mention | None, Mention | None]:
    """(who blames, who is blamed) for "X يقف وراء …": X, the subject, is blamed; who says so
    (the speaker, or the subject of the verb before the complementizer: "تعتقد واشنطن أن X تقف
    وراءها") blames."""
    blamed = _subject_before(tokens, trigger, pool, cues)
    if blamed is None:
        return (exclude if exclude is not None and 0 <= exclude.last <= trigger.first else None), None
    opener = next((i for i in range(blamed.first - 1, max(-1, blamed.first - REPELLER_REACH - 1), -1)
                   if tokens[i].norm in COMPLEMENTIZERS), None)
    believer = None
    if opener is not None:
        believer = next((m for m in pool if m.last == opener and m is not blamed), None)
    if believer is None and exclude is not None and 0 <= exclude.last <= trigger.first:
        believer = exclude
    return believer, blamed


def _denies_what_was_said(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """"…، وهو ما تنفيه أنقرة", "الأمر الذي نفته الوزارة": a denial of the clause before it."""
    return trigger.first > 1 and tokens[trigger.first - 1].norm in {"ما", "الذي"} and (
        tokens[trigger.first - 2].norm in {"وهو", "وهذا", "وهي", "الامر", "هو", "وذلك"})


SITE_REACH = 8  # "تظاهر مئات آخرون أمام مبنى مجلس محافظة بابل"


def _condemned_doer(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> Mention | None:
    """The state a nationality adjective names after a protest's word of purpose (protest_purposes:
    "تنديدا بالعدوان السعودي", "احتجاجا على التدخل الإيراني"), in the protest's clause."""
    purposes = load_role_cues()["protest_purposes"]
    for index in range(trigger.last, min(len(tokens), trigger.last + SITE_REACH)):
        if tokens[index].norm in CLAUSE_BREAKS:
            return None
        if tokens[index].norm in purposes:
            return _described_doer(tokens, trigger, index)
    return None


def _protested_at(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention]) -> Mention | None:
    """The party whose seat a protest is held before: a listed party right after "أمام" (or
    after "أمام مبنى / مقر") in the protest's clause."""
    cues = load_role_cues()
    for index in range(trigger.last, min(len(tokens), trigger.last + SITE_REACH)):
        if tokens[index].norm in CLAUSE_BREAKS:
            return None
        if tokens[index].norm not in cues["protest_sites"]:
            continue
        first = index + 1
        if first < len(tokens) and tokens[first].norm in cues["seat_nouns"]:
            first += 1
        return next((m for m in pool if m.first == first), None)
    return None


def counted(tokens: Sequence[HasNorm], mention: Mention) -> bool:
    """The mention opens with a count ("ما لا يقل عن 260 مقاتلا"): fighters counted are more
    often the fallen than the doers."""
    return number_at(tokens, mention.first) is not None


def _counted_after_verb(tokens: Sequence[HasNorm], trigger: TriggerMatch, mention: Mention) -> bool:
    """"قتل ثلاثة جنود أتراك في هجوم", "اعتقل 12 عنصرا من الشرطة": a count right after a bare
    verb of force that spells its passive too (victim_verbs) is its passive subject, the victims
    ("احتل عشرات المقاتلين مسجدا": a verb of taking is active, its counted subject acts)."""
    word = tokens[trigger.first].norm
    bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 3 else word
    return (trigger.entry.pos == "verb" and trigger.last - trigger.first == 1 and mention.first == trigger.last
            and bare in load_role_cues()["victim_verbs"] and counted(tokens, mention))


def armed_party(tokens: Sequence[HasNorm], trigger: TriggerMatch, participants: list[Mention],
                target: Mention | None, cues: Cues) -> Mention | None:
    """The armed group a sentence names before an attack that names no doer of its own (not the
    attack's target, nor one marked as a target): the nearest one."""
    armed = [m for m in participants if m.kind == "armed_group" and not _overlaps(m, trigger)
             and (target is None or m.name != target.name) and not _marked_as_target(tokens, m, cues)
             and not counted(tokens, m)]
    # (one named after the attack is more often its object: "مقتل زعيم القاعدة", "تصفية قيادي في الحركة")
    before = [m for m in armed if m.last <= trigger.first]
    return before[-1] if before else None


CONJUNCT_WORDS = 2  # "الأطفال وأمهاتهم", "1700 أب وطفل": the first conjunct's words


def _with_conjunct(tokens: Sequence[HasNorm], trigger: TriggerMatch, target: Mention,
                   participants: list[Mention]) -> Mention:
    """"احتجز الأطفال وأمهاتهم", "يحتجزون 1700 أب وطفل": people named after و suffer the act with
    the ones named just before; a reader quotes both conjuncts (not when the one before is
    another listed party, "الجيش والشرطة")."""
    if target.kind != "civilians" or target.first <= 0 or target.proclitic != 1:
        return target
    if not tokens[target.first].norm.startswith("و"):
        return target
    before = next((m for m in participants if m.last == target.first), None)
    if before is not None:
        # "الأطفال وأمهاتهم": two groups of people suffer together (not "الجيش والشرطة")
        if before.kind != "civilians" or (trigger.first < before.last and before.first < trigger.last):
            return target
        return replace(target, first=before.first, start=before.start, proclitic=before.proclitic)  # type: ignore[attr-defined]
    start = target.first
    for index in range(target.first - 1, max(-1, target.first - CONJUNCT_WORDS - 1), -1):
        word = tokens[index].norm
        if (trigger.first <= index < trigger.last or word in PHRASE_ENDS
                or word in PREPOSITIONS or not (word.isalpha() or word.isdigit())
                or any(m.first <= index < m.last for m in participants)):
            break
        start = index
    if start == target.first or (start > 0 and tokens[start - 1].norm in PREPOSITIONS):
        return target  # ("في القرية وطفل": the word before و is a preposition's object, a place)
    return replace(target, first=start, start=tokens[start].start, proclitic=0)  # type: ignore[attr-defined]


FACILITY_WORDS = 3  # "على مواقع جبلية للمتمردين": words between the marker and the owner


def _with_facility(tokens: Sequence[HasNorm], target: Mention, cues: Cues,
                   trigger: TriggerMatch | None = None, object_start: int | None = None) -> Mention:
    """"غارات على مواقع جبلية للمتمردين", "هجوم على تمركز للكتيبة": what was hit is the place the
    owner (ل + party) holds; the words a reader quotes run from the marker to the owner. The
    phrase may also be the direct object of the act, right after its verb or its verbal noun
    ("وتطهير عدة معسكرات للمتشددين", "قصفت مواقع للمتمردين")."""
    if target.first <= 0 or not tokens[target.first].norm.startswith("ل"):
        return target
    start = None
    for first in range(target.first - 1, max(-1, target.first - FACILITY_WORDS - 1), -1):
        word = tokens[first].norm
        if not word.isalpha() or word in PHRASE_ENDS or word.startswith(("ال", "وال")):
            break  # a definite noun or a particle: no facility phrase of its own
        marker = first - 1
        if marker >= 0 and cues.target_markers.contains_at(tokens, marker) and tokens[marker].norm not in NOT_AIMED:
            start = first  # (the farthest marker wins: "على مواقع جبلية للمتمردين")
        elif trigger is not None and marker == trigger.last - 1 and _takes_object(tokens, trigger, cues):
            start = first  # the act's own object: no marker between it and the act
        elif (trigger is not None and first == object_start and trigger.entry.pos != "noun"
              and not tokens[trigger.first].norm.startswith("ال")):
            start = first  # after the postposed subject: "استهدفت طائرات التحالف مواقع للحوثيين"
    if start is None:
        return target
    return replace(target, first=start, start=tokens[start].start, proclitic=0)  # type: ignore[attr-defined]


NOT_AIMED = frozenset({"مع", "الي", "عن", "نحو"})  # markers of company or direction, not of a target


def _takes_object(tokens: Sequence[HasNorm], trigger: TriggerMatch, cues: Cues) -> bool:
    """A one-word verb, or a verbal noun whose genitive suffers the act ("تطهير", "مداهمة"): the
    words right after it are its object (other nouns' followers are adjectives: "هجوم مباغت")."""
    if trigger.last - trigger.first != 1:
        return False
    return ((trigger.entry.pos == "verb" and not tokens[trigger.first].norm.startswith("ال"))
            or cues.patient_genitive.contains_at(tokens, trigger.first)
            or tokens[trigger.first].norm in load_role_cues()["patient_nouns"])


def _reception(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention],
               cues: Cues) -> tuple[Mention, Mention] | None:
    """(visitor, host) of a reception noun: "استقبال خادم الحرمين الشريفين … لسامح شكري": the
    genitive right after the noun receives, the one marked by ل is received (and acts)."""
    if trigger.entry.id not in cues.host_entries or trigger.entry.pos != "noun":
        return None
    host = next((m for m in pool if m.first == trigger.last), None)
    if host is None:
        return None
    visitor = next((m for m in pool if host.last <= m.first <= host.last + TARGET_WINDOW
                    and tokens[m.first].norm.startswith("ل") and not tokens[m.first].norm.startswith("لل")
                    and not crosses_clause(tokens, host.last, m.first)), None)
    return (visitor, host) if visitor is not None else None


HONORIFIC_WORDS = 3  # "زيارة صاحب السمو الملكي الأمير …": title words before the visitor's name


def _visitor(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention]) -> Mention | None:
    """The party in the genitive of a bare visit noun ("زيارة الوزير", "جولة صاحب السمو الملكي
    الأمير …"), the visitor; None when the noun carries a pronoun (زيارته: the pronoun visits)."""
    if trigger.last - trigger.first != 1:
        return None
    word = tokens[trigger.first].norm
    bare = word[1:] if word[:1] in {"و", "ب", "ل", "ف"} else word
    visits = load_role_cues()["visit_words"]
    if not (word in visits or bare in visits) or word.endswith(POSSESSIVE_ENDINGS) or bare.startswith("ال"):
        return None
    for m in pool:
        if trigger.last <= m.first <= trigger.last + HONORIFIC_WORDS and m.kind in VISITOR_KINDS:
            # (not a party behind a proclitic: "بزيارة لمركز الملك سلمان" names the host)
            between = tokens[trigger.last:m.first]
            if not m.proclitic and all(t.norm.isalpha() and t.norm not in PREPOSITIONS
                                       and not t.norm.startswith(("ل", "ب", "و")) for t in between):
                return m
            return None
    return None


def first_person(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """The trigger is a first-person plural imperfect (نرفض، ندعو، ونطالب): the entry lists the
    third-person form (يرفض) of the same verb. A verb whose root starts with ن (ندد، نفى) has
    no such partner."""
    word = tokens[trigger.first].norm
    bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 3 else word
    if trigger.entry.pos != "verb" or trigger.last - trigger.first != 1:
        # "وأشد على أيادي القائمين على المركز": a phrase opened by a verb of the first person
        return trigger.entry.pos == "phrase" and _first_person_singular(bare, _first_words(trigger.entry.patterns))
    if _first_person_singular(bare, _verb_forms(trigger.entry.patterns)):
        return True
    if not bare.startswith("ن") or len(bare) < 3:
        return False
    return "ي" + bare[1:] in _verb_forms(trigger.entry.patterns)


def _first_person_singular(bare: str, forms: frozenset[str]) -> bool:
    """أفعل, "I do", of a verb whose perfect has no prefix (أرفض / رفض / يرفض, أشد / شد / يشد): the
    entry lists the perfect and the third-person imperfect. A form IV perfect (أعرب / يعرب) has no
    bare perfect beside it, so it is not read as the first person."""
    return (len(bare) >= 3 and bare.startswith("ا") and bare[1:] in forms and "ي" + bare[1:] in forms)


@lru_cache(maxsize=4096)
def _verb_forms(patterns: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize(p) for p in patterns if " " not in p)


# "نحن غير متفقين مع …": "we" before a statement is the quoted speaker.
WE = frozenset(normalize(w) for w in {"نحن", "ونحن", "فنحن", "إننا", "إنّا", "أننا", "بأننا", "لأننا"})
# Words opening a time clause ("عندما اتهم"): its unnamed subject is the main clause's.
WHEN_WORDS = frozenset(normalize(w) for w in {"عندما", "حينما", "حين", "لما", "وعندما", "وحين", "وحينما", "ولما"})


# "إنه / أنها / بأنهم / إننا": a complementizer carrying the subject of the clause it opens.
PRONOUN_COMPLEMENTIZERS = frozenset(normalize(w) for w in {
    "إنه", "إنها", "إنهم", "إنهما", "إننا", "أنه", "أنها", "أنهم", "أنهما", "أننا", "بأنه", "بأنها", "بأنهم",
    "بأننا"})
# Particles between that subject and its verb ("إنها قد أحالت", "أنه لن يسمح").
VERB_PARTICLES = frozenset(normalize(w) for w in {"قد", "لقد", "لن", "لم", "سوف", "لا", "ما"})


OWN_ACT_REACH = 12  # "أنها ستمدد لعام واحد أي حتى مارس 2017 مشاركتها في الضربات"


def _own_act_reported(tokens: Sequence[HasNorm], trigger: TriggerMatch, speaker: Mention) -> bool:
    """An event noun possessed by the speaker's pronoun ("مشاركتها في الضربات") in the clause the
    speaker opens with "أنها / إنه", no other doer named: the speaker reports its own act."""
    if not 0 <= speaker.last <= trigger.first or not _possessed_before(tokens, trigger.first):
        return False
    for index in range(trigger.first - 1, max(speaker.last - 1, trigger.first - OWN_ACT_REACH - 1), -1):
        word = tokens[index].norm
        if word in CLAUSE_BREAKS:
            return False
        if word in PRONOUN_COMPLEMENTIZERS:
            return True
    return False


ANNOUNCED_GAP = 2  # time words between the speaker and the act: "أعلنت الحكومة أمس حظر التجول"


def _announced_act(tokens: Sequence[HasNorm], trigger: TriggerMatch, speaker: Mention, cues: Cues) -> bool:
    """The event noun is the direct object of the speaker's verb of saying, with no complementizer
    between ("أعلن الرئيس حالة الطوارئ", "أعلنت الحكومة حظر التجول"): the speaker announces its
    own act. Not a toll a speaker reports ("أعلنت الوزارة مقتل 5"): those nouns' genitive suffers
    an act someone else may have done; but an arrest the police, the army or a government
    announces ("أعلنت الشرطة اعتقال ثلاثة أشخاص") is theirs."""
    if (trigger.entry.pos == "verb" and not tokens[trigger.first].norm.startswith("ال")
            and not cues.patient_genitive.contains_at(tokens, trigger.first)):
        return False
    if not 0 <= speaker.last <= trigger.first or trigger.first - speaker.last > ANNOUNCED_GAP:
        return False
    if any(tokens[i].norm not in OPENING_TIME_WORDS for i in range(speaker.last, trigger.first)):
        return False
    if trigger.entry.event_type == "COERCE" and speaker.kind in ENFORCING_KINDS:
        return True  # "أعلنت الشرطة اعتقال ثلاثة أشخاص": the force that announces an arrest made it
    return not cues.patient_genitive.contains_at(tokens, trigger.first)


# Bodies that arrest, detain and expel: an arrest they announce is their own.
ENFORCING_KINDS = frozenset({"police", "military", "government"})


# Pronoun suffixes that show (ه alone also spells ة): "مشاركتها", "دورهم", "مشاركته".
POSSESSIVE_ENDINGS = ("ها", "هم", "هما", "ته")


def _possessed_before(tokens: Sequence[HasNorm], first: int) -> bool:
    """"مشاركتها في الضربات", "دورهم في الهجوم": a noun with a pronoun, then في / ب, then the event."""
    return (first >= 2 and tokens[first - 1].norm in {"في", "ب"}
            and tokens[first - 2].norm.endswith(POSSESSIVE_ENDINGS)) or (
        first >= 1 and tokens[first].norm[:1] == "ب" and tokens[first - 1].norm.endswith(POSSESSIVE_ENDINGS))


def pronoun_subject(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """The trigger is a verb whose subject is the pronoun on the complementizer before it."""
    if trigger.entry.pos == "noun" or (trigger.entry.pos == "phrase" and tokens[trigger.first].norm.startswith("ال")):
        return False  # ("أنه هجوم": the pronoun is the subject of a nominal sentence, not of an act)
    index = trigger.first - 1
    while index >= 0 and tokens[index].norm in VERB_PARTICLES:
        index -= 1
    return index >= 0 and trigger.first - index <= 2 and tokens[index].norm in PRONOUN_COMPLEMENTIZERS


# News agencies and papers report; they are sources, not parties to the events they carry.
REPORTER_KINDS = frozenset({"media"})
# Verbs of calling whose object comes before the preposition of what is asked ("دعا X إلى", "حث X على").
CALLING_ENTRIES = {"request.call": "الي", "request.urge": "علي", "request.appeal": "الي"}  # matching form
# Verbs of calling whose object comes before a verbal noun with ب ("طالب X بالإفراج عن …").
CALLING_WITH_BA = frozenset({"request.demand"})


def _called_object(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention]) -> Mention | None:
    """The single participant between a conjoined calling verb and its preposition: the one
    called on ("ودعا الكتل السياسية إلى" — the subject is the speaker already named)."""
    preposition = CALLING_ENTRIES.get(trigger.entry.id)
    word = tokens[trigger.first].norm
    if preposition is None or trigger.entry.pos != "verb" or word[:1] not in {"و", "ف"}:
        return None
    after = [m for m in pool if trigger.last <= m.first <= trigger.last + SUBJECT_AFTER_VERB]
    if len(after) != 1 or after[0].first != trigger.last:
        return None
    mention = after[0]
    following = [m for m in pool if mention.last <= m.first <= mention.last + 2]
    if following or mention.last >= len(tokens) or tokens[mention.last].norm != preposition:
        return None
    return mention


QUOTE_MARKS = frozenset({'"', "»", "«", "”", "“"})


def _quoted(tokens: Sequence[HasNorm], start: int, end: int) -> bool:
    """A quotation mark in tokens ``[start, end)``: what comes before it is someone's quoted words."""
    return any(tokens[i].norm in QUOTE_MARKS for i in range(max(0, start), min(end, len(tokens))))


# Who is talked about more than who talks: the people at large are rarely a sentence's speaker.
PASSIVE_KINDS = frozenset({"civilians"})


def _carried_subject(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention],
                     cues: Cues) -> Mention | None:
    """The subject a conjoined verb of saying carries over ("وأعلن العبادي التزامه بتوجيهات
    المرجعية … ودعا القوى السياسية"): the sentence's first named party, not the nearest noun
    (often the previous verb's object)."""
    before = [m for m in pool if m.last <= trigger.first and m.kind not in PASSIVE_KINDS
              and not _marked_as_target(tokens, m, cues) and not _quoted(tokens, m.last, trigger.first)]
    return before[0] if before else None


CONJOINED_REACH = 10  # "الجيش الوطني والمقاومة الشعبية سيطرت على الجبال المحيطة ومحاصرة"


def _conjoined_noun(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """An indefinite verbal noun joined by و to what goes before in its clause ("ومحاصرة",
    "وتدمير"), whose genitive is no victim (not "وإصابة 10": a toll's second part)."""
    word = tokens[trigger.first].norm
    if trigger.entry.pos == "verb" and trigger.last - trigger.first == 1 and not word.endswith("ه"):
        return False  # (a verb entry's spelling; verbal nouns of the shape تفعيل/مفاعلة end in ة or not)
    if not word.startswith("و") or word.startswith("وال") or len(word) < 4 or trigger.first == 0:
        return False
    return word[1:] not in load_role_cues()["toll_nouns"]


def _patient_of_noun(tokens: Sequence[HasNorm], mention: Mention, cues: Cues) -> bool:
    """The mention is the genitive of a verbal noun whose genitive suffers the act ("اعتقال X",
    "تفريق X"): that act's patient."""
    index = mention.first - 1
    return index >= 0 and (cues.patient_genitive.contains_at(tokens, index)
                           or tokens[index].norm in load_role_cues()["patient_nouns"])


def _construct_genitive(tokens: Sequence[HasNorm], mention: Mention) -> bool:
    """The mention follows a feminine noun in the construct state (no article, ending in ة:
    "مطالبة", "دعوة", "زيارة"), so it is that noun's genitive."""
    index = mention.first - 1
    while index >= 0 and mention.first - index <= TITLE_WORDS and tokens[index].norm.startswith("ال"):
        index -= 1  # (a title before the name: "مطالبة المحافظ المقال أثيل النجيفي")
    if index < 0:
        return False
    word = tokens[index].norm
    return word.isalpha() and len(word) > 3 and word.endswith("ه") and not word.startswith(("ال", "وال"))


TITLE_WORDS = 3


def is_circumstantial_participle(word: str) -> bool:
    """متهما، داعيا، مطالبا، محذرا: an active participle in the accusative, a حال of the subject."""
    bare = word[1:] if word.startswith(("و", "ف")) else word
    return len(bare) >= 4 and bare.endswith("ا") and (bare.startswith("م") or bare[1] == "ا")


def _overlaps(mention: Mention, trigger: TriggerMatch) -> bool:
    return mention.first < trigger.last and trigger.first < mention.last


def _marked_as_target(tokens: Sequence[HasNorm], mention: Mention, cues: Cues) -> bool:
    """A participant right after ضد / على / استهدف … is a patient, not a doer."""
    for gap in (1, 2):
        index = mention.first - gap
        if index >= 0 and cues.target_markers.contains_at(tokens, index):
            return True
    return False


def _own_verb_marks(tokens: Sequence[HasNorm], trigger: TriggerMatch, mention: Mention, pool: list[Mention],
                    cues: Cues) -> bool:
    """"استهدفت القوات بالمدفعية مواقع المسلحين": the trigger is itself a verb that marks targets
    (استهدف), and the party right after it is an agent: its postposed subject, not its object —
    unless a subject stands before the verb ("عملية مشتركة للجيش والشرطة استهدفت عناصر القاعدة")."""
    return (mention.first == trigger.last and trigger.last - trigger.first == 1 and mention.kind in AGENT_KINDS
            and cues.target_markers.contains_at(tokens, trigger.first)
            and _subject_before(tokens, trigger, [m for m in pool if m is not mention], cues) is None)


def _definite_noun(word: str, trigger: TriggerMatch) -> bool:
    """"التفجير", "والاعتقال": a verb entry's word read through the article is the verbal noun it
    also spells, never a finite verb with a subject of its own (not a verb that begins with
    those letters, "التقى", which the entry lists as it is)."""
    bare = word[1:] if word[:1] in {"و", "ف"} else word
    return (trigger.last - trigger.first == 1 and bare.startswith("ال") and len(bare) > 4
            and bare not in _verb_forms(trigger.entry.patterns))


def _shared_meeting_subject(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention], cues: Cues,
                            after: Mention | None) -> Mention | None:
    """The subject a meeting verb joined by و to the verb before it in its clause shares: the
    clause's first party, when the party after the verb differs from it and no clause break comes
    between them."""
    word = tokens[trigger.first].norm
    if (trigger.entry.event_type != "CONSULT" or trigger.entry.id in cues.host_entries or after is None
            or after.first < trigger.last or word[:1] != "و" or trigger.last - trigger.first != 1):
        return None
    shared = _carried_subject(tokens, trigger, [m for m in pool if m is not after], cues)
    if (shared is None or shared.name == after.name or shared.kind not in VISITOR_KINDS
            or crosses_clause(tokens, shared.last, trigger.first)):
        return None
    return shared


def _plural_verb(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """A one-word perfect verb with the masculine plural ending وا ("اختطفوا", "هاجموا", "قتلوا")."""
    word = tokens[trigger.first].norm
    return (trigger.entry.pos == "verb" and trigger.last - trigger.first == 1 and word.endswith("وا")
            and len(word) > 4 and not word.startswith("ال"))


def _verb_subject(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention],
                  cues: Cues, carried: bool = False) -> Mention | None:
    """The verb's subject: after it (VSO), else before it; ``carried`` for a conjoined verb of
    saying, whose unnamed subject is the sentence's first party ("وأعلن … وتعهد")."""
    fronted = _kana_subject(tokens, trigger, pool)
    if fronted is not None:
        return fronted  # "وكانت بغداد قد أعربت عن استغرابها ونفيها لتصريحات الوزير"
    if _plural_verb(tokens, trigger):
        # "مسلحين اختطفوا ثلاثة مهندسين أتراك": a verb that carries a plural subject pronoun has
        # its subject before it (a verb before its subject stays singular); the noun after is its object
        if carried:
            return _carried_subject(tokens, trigger, pool, cues)
        return _subject_before(tokens, trigger, pool, cues)
    after = [m for m in pool if trigger.last <= m.first <= trigger.last + SUBJECT_AFTER_VERB
             and not (_marked_as_target(tokens, m, cues) and not _own_verb_marks(tokens, trigger, m, pool, cues))
             and not _behind_preposition(tokens, trigger.last, m.first) and not _behind_ba(tokens, m)
             and not (trigger.entry.event_type in GIVING_TYPES and _behind_lam(tokens, m))]
    if after:
        return after[0]
    if carried:
        return _carried_subject(tokens, trigger, pool, cues)
    return _subject_before(tokens, trigger, pool, cues)


# Prepositions: a participant behind one ("شكوا من التكدس في زنازين إدارة الجمارك") is no
# postposed subject; the subject follows the verb directly or after a time word. Not بين:
# "الاشتباكات بين X و Y" names the parties.
PREPOSITIONS = frozenset(normalize(w) for w in {
    "من", "في", "على", "إلى", "عن", "مع", "ضد", "لدى", "عند", "حول", "خلال", "منذ", "نحو",
    "أمام", "قرب", "داخل", "خارج"})  # (and adverbs of place: "تظاهر مئات أمام مبنى مجلس المحافظة")


def _behind_preposition(tokens: Sequence[HasNorm], start: int, end: int) -> bool:
    """A preposition between the verb and the participant; "من" and "في" after a noun join it to
    the subject ("خطف عناصر من جبهة النصرة", "حذر مسؤول رفيع في وزارة الدفاع")."""
    return any(tokens[i].norm in PREPOSITIONS and (i == start or tokens[i].norm not in NOUN_LINKS)
               for i in range(start, end))


NOUN_LINKS = frozenset({"من", "في"})
# A speech noun's speaker stands in its sentence, not dozens of words back in another statement
# ("التصريحات التي أطلقها خامنئي … بعد توقيع الدول الغربية الاتفاق").
SPEAKER_NOUN_REACH = 20
PURPOSE_REACH = 12  # "أن الوزير شكري توجه فور انتهاء زيارته إلى الإمارات إلى دولة الكويت الشقيقة لإجراء"


def purpose_word(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """The trigger's first word is an event word of its entry behind the ل of purpose
    ("لإجراء مشاورات", "للتشاور"): its doer is the subject of the verb it is the aim of."""
    word = tokens[trigger.first].norm
    bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 3 else word
    if not bare.startswith("ل") or len(bare) < 4:
        return False
    heads = _first_words(trigger.entry.patterns)
    return bare not in heads and (bare[1:] in heads or "ا" + bare[1:] in heads)


@lru_cache(maxsize=4096)
def _first_words(patterns: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize(p).split(" ")[0] for p in patterns if p.strip())


def particle_verb(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """A phrase trigger made of a particle and a verb ("لن تقبل", "لم يعترف"): a verb, whose
    subject follows it (VSO) like a bare verb's."""
    return (trigger.entry.pos == "phrase" and trigger.last - trigger.first == 2
            and tokens[trigger.first].norm in VERB_PARTICLES - {"قد", "لقد", "ما"})


def conjoined_clause(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """A phrase trigger opening a clause conjoined after a comma with a verb ("…، وتعهد بمحاربة")."""
    word = tokens[trigger.first].norm
    return (trigger.entry.pos == "phrase" and trigger.first > 0 and tokens[trigger.first - 1].norm == "،"
            and word[:1] in {"و", "ف"} and not word[1:].startswith("ال") and len(word) > 3)


def after_preposition(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """A verb's spelling right after a preposition is its verbal noun ("قرر الشروع في استجواب
    الوزراء", "أقدم … على قتل"): no finite verb follows one, so the name after it is no subject."""
    return trigger.first > 0 and tokens[trigger.first - 1].norm in PREPOSITIONS


def _subject_before(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention],
                    cues: Cues, reach: int = SUBJECT_BEFORE_VERB) -> Mention | None:
    """A topicalized subject (subject-verb order) in the verb's clause."""
    before = [m for m in pool if trigger.first - reach <= m.last <= trigger.first
              and not _marked_as_target(tokens, m, cues) and not crosses_clause(tokens, m.last, trigger.first)
              and not any(tokens[i].norm in WHERE for i in range(m.last, trigger.first))]
    return before[-1] if before else None


# "في زنازين إدارة الجمارك حيث يتم احتجازهم": what comes before "where" is a place, not the
# subject of the clause it opens.
WHERE = frozenset(normalize(w) for w in {"حيث", "وحيث"})


# "أقدم X على قتل Y", "تمكنت سلطات الأمن من القبض على", "نجحت القوات في تحرير": the doer of
# the act named after the verb's preposition is the verb's subject.
UNDERTAKING_VERBS = {normalize(verb): normalize(preposition) for stem, preposition in (
    ("أقدم", "على"), ("تمكن", "من"), ("نجح", "في")) for verb in (
    stem, stem + "ت", stem + "وا", "و" + stem, "و" + stem + "ت", "و" + stem + "وا")}
UNDERTAKING_REACH = 16  # "أقدم / صالح بن شعيل بن سودان الأحمدي الزهراني ـ سعودي الجنسية ـ على قتل"


def _undertaker(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention]) -> Mention | None:
    """The subject of أقدم before "على + act" (تمكن before "من", نجح before "في"): named after
    it (VSO), else before it."""
    if trigger.first < 2 or tokens[trigger.first - 1].norm not in UNDERTAKING_VERBS.values():
        return None
    for index in range(trigger.first - 2, max(-1, trigger.first - UNDERTAKING_REACH - 1), -1):
        if tokens[index].norm in CLAUSE_BREAKS - {"،"}:
            return None
        if UNDERTAKING_VERBS.get(tokens[index].norm) == tokens[trigger.first - 1].norm:
            between = [m for m in pool if index < m.first and m.last < trigger.first]
            if between:
                return between[0]
            before = [m for m in pool if index - SUBJECT_BEFORE_VERB <= m.last <= index
                      and not crosses_clause(tokens, m.last, index)]
            return before[-1] if before else None
    return None


def _performer(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention], cues: Cues) -> Mention | None:
    """The subject of قام / يقوم before "ب + act" ("وقامت قوات الأمن بتفريق التظاهرة", "تقوم
    الهيئة بالتنسيق مع …"): it does the act. Named between the verb and the act (VSO), else
    right before the verb, in one clause."""
    word = tokens[trigger.first].norm
    if not word.startswith("ب") or len(word) < 4:
        return None
    index = _cue_verb_before(tokens, trigger, load_role_cues()["performing_verbs"], UNDERTAKING_REACH)
    if index is None:
        return None
    between = [m for m in pool if index < m.first and m.last <= trigger.first and not _behind_ba(tokens, m)]
    if between:
        # (a title's body, then the person: "قام الأمين العام لمجلس التعاون … الزياني بزيارة")
        people = [m for m in between if m.kind == "person"]
        return people[-1] if people else between[0]
    before = [m for m in pool if index - SUBJECT_BEFORE_VERB <= m.last <= index
              and not _marked_as_target(tokens, m, cues) and not crosses_clause(tokens, m.last, index)]
    return before[-1] if before else None


def _cue_verb_before(tokens: Sequence[HasNorm], trigger: TriggerMatch, verbs: frozenset[str],
                     reach: int) -> int | None:
    """The index of the nearest of ``verbs`` within ``reach`` words before the trigger, in its
    clause (None when a clause break comes first)."""
    for index in range(trigger.first - 1, max(-1, trigger.first - reach - 1), -1):
        if tokens[index].norm in CLAUSE_BREAKS:
            return None
        if tokens[index].norm in verbs:
            return index
    return None


# "ألقت مروحيات الأسد البراميل المتفجرة", "ألقت الشرطة القبض": who drops (or lays hands) does
# the act the noun names, like the subject of a light verb.
DROPPING_VERBS = frozenset(normalize(w) for w in {
    "ألقى", "ألقت", "ألقوا", "وألقى", "وألقت", "وألقوا", "يلقي", "تلقي", "أسقطت", "أسقط", "وأسقطت"})


def _noun_agent(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention],
                cues: Cues) -> Mention | None:
    undertaker = _undertaker(tokens, trigger, pool)
    if undertaker is not None:
        return undertaker
    # "شن التحالف غارات": the doer stands between a light verb and the event noun (an aside
    # set off by commas may come between them: "نظموا، في (2 آب 2015)، تظاهرة").
    head = _aside_start(tokens, trigger.first)
    for index in range(head - 1, max(-1, head - LIGHT_VERB_WINDOW - 1), -1):
        if cues.light_verbs.contains_at(tokens, index) or tokens[index].norm in DROPPING_VERBS:
            between = [m for m in pool if index < m.first and m.last <= trigger.first]
            if between:
                return between[0]
            # (a name may have run over the verb: "مروحيات الأسد ألقت" read as one participant)
            before = [m for m in pool if index - SUBJECT_BEFORE_VERB <= m.last <= index + 1 and m.first < index
                      and not crosses_clause(tokens, m.last, index)]
            return before[-1] if before else None
    # "… من قبل X" / "… شنها X": an explicit agent marker after the noun.
    marked = _marked_agent(tokens, trigger, pool, cues)
    if marked is not None:
        return marked
    # "شنت قوات مشتركة من نيجيريا والنيجر وتشاد هجوما", "بدأت دائرة الجنايات في المحكمة الكلية
    # برئاسة … اليوم جلسة محاكمة": a long subject between the light verb and its noun, in one clause.
    for index in range(head - LIGHT_VERB_WINDOW - 1, max(-1, head - LONG_SUBJECT_WINDOW - 1), -1):
        if tokens[index].norm in CLAUSE_BREAKS:
            break
        if cues.light_verbs.contains_at(tokens, index) or tokens[index].norm in DROPPING_VERBS:
            between = [m for m in pool if index < m.first and m.last <= trigger.first
                       and not _marked_as_target(tokens, m, cues)]
            if between and between[0].first <= index + 2:
                return between[0]  # (the subject follows the verb: farther on, a name is its complement)
            break
    # "غارات التحالف": a genitive doer right after the noun (or after one adjective); but
    # "مقتل أربعة من عناصر داعش", "اعتقال أحد قياديي بوكو حرام": the genitive suffers the act.
    if cues.patient_genitive.contains_at(tokens, trigger.first):
        return None
    genitive = [m for m in pool if trigger.last <= m.first <= trigger.last + 1 and m.kind in AGENT_KINDS
                and not _marked_as_target(tokens, m, cues) and not _behind_ba(tokens, m)
                and not (trigger.entry.event_type in GIVING_TYPES and _behind_lam(tokens, m))]
    return genitive[0] if genitive else None


# Acts of giving: "مساعدات لليمن", "خصص مبالغ لمنظمة الصحة العالمية" — the party behind ل after
# them receives (an attack's ل names its doer: "هجوم لبوكو حرام").
GIVING_TYPES = frozenset({"AID", "CONCEDE", "SUPPORT"})


def _behind_lam(tokens: Sequence[HasNorm], mention: Mention) -> bool:
    """A name behind the preposition ل ("لمنظمة الصحة العالمية", "لليمن")."""
    word = tokens[mention.first].norm
    bare = word[1:] if word[:1] in {"و", "ف"} and mention.proclitic > 1 else word
    return mention.proclitic > 0 and bare[:1] == "ل"


PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما")


STATED_REACH = 16  # "أكد عباس خلال لقائه الرئيس الروسي فلاديمير بوتين في موسكو رفضه"


def _stated_own(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention], cues: Cues) -> Mention | None:
    """"أكد عباس … رفضه للاستيطان", "جدد العربي … إدانته للاعتداءات": a statement word with a
    pronoun suffix that a verb of saying governs (no complementizer between) is a noun, "his
    rejection": its doer is that verb's subject, named right after it."""
    if trigger.last - trigger.first != 1:
        return None
    word = tokens[trigger.first].norm
    heads = _first_words(trigger.entry.patterns)
    if not any(word.endswith(s) and word[:-len(s)] in heads for s in PRONOUN_SUFFIXES):
        return None
    for index in range(trigger.first - 1, max(-1, trigger.first - STATED_REACH - 1), -1):
        norm = tokens[index].norm
        if (norm in CLAUSE_BREAKS or norm in COMPLEMENTIZERS or norm in PRONOUN_COMPLEMENTIZERS
                or norm in {"ان", "بان"}):
            return None
        bare = norm[1:] if norm[:1] in {"و", "ف"} and len(norm) > 3 else norm
        if cues.attribution.contains_at(tokens, index) or bare in load_role_cues()["stating_verbs"]:
            return next((m for m in pool if index < m.first <= index + 2 and m.last <= trigger.first), None)
    return None


def _light_verb_subject(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention],
                        cues: Cues) -> Mention | None:
    """The party right after a light verb (within two words) that governs the event noun in its
    clause ("أجرى الرئيس … اتصالا"), or after a verb of beginning or resuming (opening_verbs:
    "بدأت دائرة الجنايات في المحكمة … جلسة محاكمة")."""
    head = _aside_start(tokens, trigger.first)
    for index in range(head - 1, max(-1, head - LONG_SUBJECT_WINDOW - 1), -1):
        if tokens[index].norm in CLAUSE_BREAKS:
            return None
        if cues.light_verbs.contains_at(tokens, index) or tokens[index].norm in load_role_cues()["opening_verbs"]:
            between = [m for m in pool if index < m.first and m.last <= trigger.first
                       and not _marked_as_target(tokens, m, cues)]
            if not between or between[0].first > index + 2:
                return None
            # (a title's body, then the person holding it: "أجرى رئيس كتلة «المستقبل» النائب سعد
            # الحريري اتصالات"; not a person behind a preposition, "برئاسة القاضي …", nor one
            # joined by و, "ونظيره الأردني ناصر جودة": a second party)
            people = [m for m in between if m.kind == "person" and not any(
                t.norm in PREPOSITIONS or t.norm.startswith(("ب", "ل", "و"))
                for t in tokens[between[0].last:m.first + 1])]
            return people[-1] if people else between[0]
    return None


def _behind_ba(tokens: Sequence[HasNorm], mention: Mention) -> bool:
    """"مظاهرات ببغداد", "قصف بالمدفعية": a name behind the preposition ب (or ك) is where or
    with what the act was done, never a genitive doer."""
    word = tokens[mention.first].norm
    bare = word[1:] if word[:1] in {"و", "ف"} and mention.proclitic > 1 else word
    return mention.proclitic > 0 and bare[:1] in {"ب", "ك"}


def _marked_agent(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention],
                  cues: Cues, reach: int = TARGET_WINDOW) -> Mention | None:
    """The participant an agent marker ("من قبل", "على يد", "شنها") names after the trigger."""
    for mention in pool:
        if trigger.last <= mention.first <= trigger.last + reach:
            for gap in (1, 2):
                index = mention.first - gap
                if index >= trigger.last and cues.agent_markers.contains_at(tokens, index):
                    return mention
    return None


def _agent_marked_verb(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention], cues: Cues) -> bool:
    """"قتل شرطي على يد مسلحين", "اعتقل ناشط من قبل قوات الأمن": a bare verb of force whose doer
    an agent marker names after it is passive, whatever its unvowelled spelling shows."""
    return (trigger.entry.event_type in SUFFERING_TYPES and trigger.entry.pos == "verb"
            and trigger.last - trigger.first == 1 and not _definite_noun(tokens[trigger.first].norm, trigger)
            and not cues.patient_genitive.contains_at(tokens, trigger.first)  # (a noun: "مقتل 20 شخصا")
            and _marked_agent(tokens, trigger, pool, cues) is not None)


# Form III perfect passive فوعل (عوقب، حوكم، هوجم، لوحق): never the shape of an active perfect
# or of a verbal noun; a prefix letter (تواصل، يواجه) or the article marks other words.
NOT_PASSIVE_FIRST = frozenset("اتينسلبكو")


def passive(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """The trigger's verb is a perfect passive that undiacritized spelling still shows: فُوعِل
    (عوقب، حوكموا), أُفيل of a hollow verb (أحيل، أقيلوا), افتيل (اغتيل، اختيروا)."""
    if trigger.entry.pos == "noun":
        return False
    word = tokens[trigger.first].norm
    if word[:1] in {"و", "ف"} and len(word) > 4:
        word = word[1:]
    stem = word[:-2] if word.endswith(("وا", "ت")) and len(word) > 5 else word
    stem = stem[:-1] if stem.endswith("ت") and len(stem) == 5 else stem
    if len(stem) == 4 and stem[1] == "و" and stem[0] not in NOT_PASSIVE_FIRST:
        return True
    if len(stem) == 4 and stem[0] == "ا" and stem[2] == "ي":
        return True
    return len(stem) == 5 and stem[0] == "ا" and stem[2] == "ت" and stem[3] == "ي"


# "تم / يتم + verbal noun" ("وقد تم تنفيذ حكم القتل بالجاني", "تم اعتقال"): the periphrastic passive.
DONE = frozenset(normalize(w) for w in {
    "تم", "وتم", "فتم", "يتم", "ويتم", "سيتم", "وسيتم", "تمت", "وتمت", "جرى", "وجرى"})


def done_passive(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """The trigger is the verbal noun of "تم / يتم / جرى": nobody is its subject; the name after it
    suffers the act, the doer is named (if at all) after "من قبل / على يد"."""
    return trigger.first > 0 and tokens[trigger.first - 1].norm in DONE


DAMMA = "\u064f"
IMPERFECT_PREFIXES = frozenset("يتن")  # يُعلن، تُطلق: a damma there marks form IV, active or passive
MARKED_LETTERS = 3  # "اعتُقل", "احتُجزوا", "استُهدف": the damma falls on one of the stem's first letters


def marked_passive(tokens: Sequence[HasNorm], trigger: TriggerMatch, raw: str) -> bool:
    """A perfect verb the writer vowelled as passive: a damma on one of its first letters
    ("قُتل", "اعتُقل", "أُصيب", "واحتُجزوا"), which no active perfect of an act carries. An
    imperfect's prefix with a damma (يُعلن) is not enough: form IV actives have it too."""
    if trigger.entry.pos != "verb" or trigger.last - trigger.first != 1 or not raw:
        return False
    token = tokens[trigger.first]
    word = raw[token.start:token.end]  # type: ignore[attr-defined]
    if DAMMA not in word:
        return False
    letters = [(i, ch) for i, ch in enumerate(word) if ch.isalpha() and ch != "\u0640"]
    if len(letters) > 3 and letters[0][1] in {"و", "ف"}:
        letters = letters[1:]  # (a conjunction before the verb)
    if not letters or letters[0][1] in IMPERFECT_PREFIXES:
        return False
    for position, (index, _) in enumerate(letters[:MARKED_LETTERS]):
        following = word[index + 1:letters[position + 1][0]] if position + 1 < len(letters) else word[index + 1:]
        if DAMMA in following:
            return True
    return False


KANA = frozenset(normalize(w) for w in {"كان", "كانت", "وكان", "وكانت", "فكان", "فكانت", "كانوا", "وكانوا"})
KANA_REACH = 16  # "وكانت الأجهزة الأمنية وعقب وقوع التفجير الإرهابي في مسجد الإمام الصادق ألقت القبض"


def _kana_subject(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention]) -> Mention | None:
    """"وكانت X [قد] … VERB": the subject named right after كان is the verb's, however long
    the phrase between (a time clause, a place)."""
    comma = None
    for index in range(trigger.first - 1, max(-1, trigger.first - KANA_REACH - 1), -1):
        word = tokens[index].norm
        if word == "،" and comma is None:
            comma = index  # "وكان الصافي، طالب العبادي": a comma may close the fronted subject
            continue
        if word in CLAUSE_BREAKS or word in PRONOUN_COMPLEMENTIZERS or word in {"ان", "بان"}:
            return None  # "وكان الجيش قد أعلن أن المسلحين هاجموا": the reported verb has its own subject
        if word in KANA:
            first = index + 2 if index + 1 < len(tokens) and tokens[index + 1].norm == "قد" else index + 1
            return next((m for m in pool if m.first == first and m.last <= trigger.first
                         and (comma is None or m.last == comma)), None)
    return None


# "حطت آخر طائرة من الجسر الإغاثي للمساعدات الإنسانية السعودية التي أمر به خادم الحرمين الشريفين الملك
# سلمان بن عبدالعزيز آل سعود – أيده الله – لإغاثة شعب النيبال": a relative clause between aid and its purpose
BENEFICIARY_REACH = 24


def _beneficiary(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention]) -> Mention | None:
    """The participant right after a purpose noun of relief (لإغاثة، لإعانة) in the aid's sentence."""
    markers = load_role_cues()["beneficiary_markers"]
    for index in range(trigger.last, min(len(tokens), trigger.last + BENEFICIARY_REACH)):
        if tokens[index].norm in {".", "؛", ";"}:
            return None
        if tokens[index].norm in markers:
            return next((m for m in pool if index < m.first <= index + 2), None)
    return None


def _sponsor(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention]) -> Mention | None:
    """The participant right after words naming who ordered the aid ("أمر بها", "بتوجيه من")."""
    sponsors = load_role_cues()["aid_sponsors"]
    for index in range(trigger.last, min(len(tokens), trigger.last + BENEFICIARY_REACH)):
        if tokens[index].norm in {".", "؛", ";"}:
            return None
        for width in (2, 1):
            if " ".join(t.norm for t in tokens[index:index + width]) in sponsors:
                return next((m for m in pool if m.first == index + width), None)
    return None


SENTENCED_TYPES = frozenset({"SANCTION"})  # "صدر على X حكم": a sentence passed on X
MARKED_BEFORE_REACH = 8


def _marked_before(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention],
                   cues: Cues) -> Mention | None:
    """A participant after ضد / على that comes before the trigger in its clause."""
    before = [m for m in pool if trigger.first - MARKED_BEFORE_REACH <= m.first and m.last <= trigger.first
              and _marked_as_target(tokens, m, cues) and not crosses_clause(tokens, m.last, trigger.first)]
    return before[-1] if before else None


def _part_of(tokens: Sequence[HasNorm], actor: Mention | None, mention: Mention) -> bool:
    """"وفد من منظمة مرام", "عناصر من جبهة النصرة": a party joined to the actor by من is the
    group the actor belongs to, not whom the act is aimed at."""
    return (actor is not None and actor.last + 1 == mention.first and actor.last < len(tokens)
            and tokens[actor.last].norm == "من")


TITLE_KINDS = frozenset({"government", "person"})


def _title_of(tokens: Sequence[HasNorm], actor: Mention | None, mention: Mention) -> bool:
    """"واحتج سيرجي لافروف وزير الخارجية على …": an office named right after a person, with no
    country or the person's own, is that person's title in apposition, not the one acted on (an
    office of another state is: "التقى السيسي وزير الخارجية الأمريكي"). An office is a construct
    whose head has no article ("وزير الخارجية", "أمير منطقة عسير"); a definite body is an object
    ("دعا … السيستاني الحكومة إلى")."""
    return (actor is not None and actor.kind == "person" and mention.first == actor.last
            and not tokens[mention.first].norm.startswith(("ال", "وال"))
            and mention.kind in TITLE_KINDS and mention.name.endswith(GENERIC_SUFFIX)
            and mention.country in {None, actor.country})


OPENING_TIME_WORDS = frozenset(normalize(w) for w in {
    "أمس", "اليوم", "الليلة", "مساء", "صباح", "أيضا", "يوم", "السبت", "الأحد", "الاثنين", "الإثنين", "الثلاثاء",
    "الأربعاء", "الخميس", "الجمعة", "الماضي"})


def _target(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention], cues: Cues,
            actor: Mention | None, addressed: bool = False, statement: bool = False) -> Mention | None:
    start = max(trigger.last, actor.last if actor is not None and actor.first >= trigger.last else 0)
    # "طالب ممثل المرجعية … أحمد الصافي، رئيس الوزراء حيدر العبادي بـ": a comma closing a long
    # subject after the verb separates it from the object, not two clauses.
    opening = -1
    if start > trigger.last:
        # (a word of the subject's name the mention left out may stand before the comma:
        # "مجلس محافظة | نينوى، مطالبة …")
        comma = next((i for i in range(start, min(len(tokens), start + 2)) if tokens[i].norm == "،"), None)
        if comma is not None and all(tokens[i].norm.isalpha() for i in range(start, comma)):
            opening = comma + 1
    skipped = opening
    while 0 < opening < len(tokens) and tokens[opening].norm in OPENING_TIME_WORDS:
        opening += 1  # "…القبانجي، أمس العراقيين إلى": a time word before the object
    if opening > skipped and opening < len(tokens) and tokens[opening].norm == "،":
        opening += 1  # "احتجزت إسرائيل، يوم الثلاثاء، X": a time set off by two commas
    # (the subject's own words may hold a comma: "دعا رئيس الوزراء العراقي، حيدر العبادي، X")
    subject_from = trigger.last
    if (actor is not None and start > trigger.last and actor.first > trigger.last
            and tokens[actor.first - 1].norm == "،"):
        subject_from = actor.first
    window = [m for m in pool if start <= m.first <= start + TARGET_WINDOW
              and (not crosses_clause(tokens, trigger.last, m.first)
                   or (m.first == opening and not crosses_clause(tokens, subject_from, start))
                   or (addressed and _object_genitive(tokens, m, opening)
                       and not crosses_clause(tokens, subject_from, start)))
              and not _part_of(tokens, actor, m) and not _title_of(tokens, actor, m)
              and not (addressed and trigger.entry.event_type in STATEMENT_OBJECT_TYPES
                       and _patient_of_noun(tokens, m, cues))]
    preposition = CALLING_ENTRIES.get(trigger.entry.id) if addressed else None
    called = next((m for m in window if m.last < len(tokens) and not _marked_as_target(tokens, m, cues) and (
        (preposition is not None and tokens[m.last].norm == preposition)
        or (addressed and trigger.entry.id in CALLING_WITH_BA and tokens[m.last].norm.startswith("ب")
            and len(tokens[m.last].norm) > 4))), None)
    while called is not None and tokens[called.first].norm.startswith("و"):
        # ("الدول العربية والمجتمع الدولي إلى": the first of the conjoined parties called on)
        conjunct = next((m for m in window if m.last == called.first), None)
        if conjunct is None:
            break
        called = conjunct
    if called is not None:
        # "دعت الأمم المتحدة الحكومة السورية إلى وقف القصف على المدنيين": the one named before the
        # preposition of what is asked is called on, not a party inside what is asked
        return called
    marked = [m for m in window if _marked_as_target(tokens, m, cues)]
    # (past a subject closed by a comma and a time aside: "انتقد X، اليوم الأحد، الموقف الأمريكي")
    described = (_described_doer(tokens, trigger, opening if opening > start else start)
                 if addressed or statement else None)
    if described is not None and all(described.first < m.first for m in window):
        # "نرفض التدخلات الإيرانية", "أدان الاعتداءات الإسرائيلية": a statement about an act is
        # aimed at the state whose act it is, named by the act's nationality adjective
        return described
    if marked:
        owner = named_doer(window, marked[0], actor) if addressed else None
        return owner or marked[0]
    return window[0] if window else None


NAME_WORDS = 3  # words of a state's name before its last ("المملكة العربية السعودية")
DESCRIBED_REACH = 4  # "نرفض رفضا قاطعا التدخلات الإيرانية": a cognate accusative may come first
STATE_NISBA = ("يه", "يين", "يون", "ي")


def _described_doer(tokens: Sequence[HasNorm], trigger: TriggerMatch, start: int) -> Mention | None:
    """The state a nationality adjective names right after the statement's object noun
    ("التدخلات الإيرانية", "بالمبادرة المصرية"): a definite noun, then a definite nisba that is a
    form of a state in the actor dictionary."""
    if trigger.entry.pos != "verb" and not particle_verb(tokens, trigger) and start <= trigger.last:
        # (after a statement noun the words are more often its own description, unless its
        # subject came first: "توقيع الدول الغربية الاتفاق النووي الإيراني")
        return None
    first = max(start, trigger.last)
    for index in range(first + 1, min(len(tokens), first + DESCRIBED_REACH + 1)):
        word, previous = tokens[index].norm, tokens[index - 1].norm
        if any(w in CLAUSE_BREAKS or w in QUOTE_MARKS or w in PREPOSITIONS for w in (previous, word)):
            return None  # (past a preposition the words are no longer the verb's object)
        if not (word.startswith("ال") and word.endswith(STATE_NISBA) and len(word) > 5
                and previous.startswith(("ال", "وال", "بال", "لل")) and len(previous) > 4):
            continue
        found = load_actors().find(tokens[index:index + 1])
        if found and found[0].entry.kind == "state" and found[0].last == 1:
            head = max(0, index - NAME_WORDS)
            if any(m.last == index + 1 - head and m.first < index - head
                   for m in load_actors().find(tokens[head:index + 1])):
                return None  # the last word of a name ("بالمملكة العربية السعودية"), not an adjective
            entry = found[0].entry
            return Mention(index, index + 1, entry.name, entry.kind, entry.country,
                           tokens[index].start, tokens[index].end)  # type: ignore[attr-defined]
        # (another adjective first: "الاتفاق النووي الإيراني" — the state may still follow)
    return None


def _object_genitive(tokens: Sequence[HasNorm], mention: Mention, opening: int) -> bool:
    """"أيد مجلس محافظة نينوى، مطالبة المحافظ المقال أثيل النجيفي، بـ": the statement's object
    after the comma closing its subject is a verbal noun; the party in its genitive is whom the
    statement is about."""
    return 0 < opening < mention.first <= opening + TITLE_WORDS and _construct_genitive(tokens, mention) and (
        not crosses_clause(tokens, opening, mention.first))


def named_doer(window: list[Mention], marked: Mention, actor: Mention | None) -> Mention | None:
    """A party a statement names before the one ضد / بحق marks ("استنكر … التصريحات الطائفية
    للمالكي ضد المملكة", "حذر … من قيام قوات النظام بارتكاب مجزرة بحق المدنيين"): the marked one
    is the victim of the act spoken of; the statement is aimed at who does it (not at a name in
    apposition to the speaker, "الناطق باسم الائتلاف سالم المسلط")."""
    return next((m for m in window if m.first < marked.first
                 and not (actor is not None and m.first == actor.last)), None)


CLAUSE_BREAKS = frozenset({"،", "؛", ";", ".", "!", "?", "؟"})
# Words that end a noun phrase taken as a target ("على قاعدة جوية | في كردستان").
PHRASE_ENDS = frozenset(normalize(w) for w in {
    "في", "من", "الى", "على", "عن", "مع", "بعد", "قبل", "خلال", "منذ", "حيث", "ما", "و", "التي", "الذي", "الذين", "ان",
    "انه", "اثر", "عقب", "ضد", "بين", "لدى", "عند"})
MARKER_REACH = 3  # tokens between the trigger and a target marker
PHRASE_WORDS = 3


def _phrase_after_marker(tokens: Sequence[HasNorm], trigger: TriggerMatch, cues: Cues,
                         actor: Mention | None = None) -> Mention | None:
    """"هجوم على قاعدة جوية": the noun phrase after a target marker, when no known actor is there
    (facilities, places and people the dictionary doesn't list are attacked too). The marker
    follows the trigger, or the doer named after it ("هجوم مباغت شنه عناصر تنظيم داعش على تمركز
    للكتيبة")."""
    start = trigger.last
    if actor is not None and trigger.last <= actor.first:
        start = actor.last
    for index in range(start, min(len(tokens), start + MARKER_REACH + 1)):
        if tokens[index].norm in CLAUSE_BREAKS:
            return None
        match = cues.target_markers.match_at(tokens, index)
        if match is None or tokens[index].norm in {"مع", "الي", "عن", "نحو"}:
            continue
        first = match.last
        last = first
        while (last < len(tokens) and last - first < PHRASE_WORDS and tokens[last].norm.isalpha()
               and tokens[last].norm not in PHRASE_ENDS and tokens[last].norm not in CLAUSE_BREAKS):
            last += 1
        if last == first:
            return None
        start, end = tokens[first].start, tokens[last - 1].end  # type: ignore[attr-defined]
        words = " ".join(t.norm for t in tokens[first:last])
        return Mention(first, last, words, None, None, start, end)
    return None


def crosses_clause(tokens: Sequence[HasNorm], start: int, end: int) -> bool:
    """True when a clause break (، ؛ .) lies in tokens ``[start, end)``."""
    return any(tokens[i].norm in CLAUSE_BREAKS for i in range(max(0, start), min(end, len(tokens))))


# A protest's crowd: a count word ("الآلاف", "مئات", "عدد") or the protesters themselves.
CROWD_HEADS = frozenset(normalize(w) for w in {
    "الآلاف", "آلاف", "ألوف", "المئات", "مئات", "العشرات", "عشرات", "عدد", "حشود", "الحشود", "آلافا"})
CROWD_WORDS = ("متظاهر", "محتج", "معتصم", "مناصري", "مؤيدي", "نشطاء", "ناشط")
CROWD_MODIFIERS = frozenset(normalize(w) for w in {"آخرون", "آخرين", "آخر", "كبير", "غفير"})
CROWD_REACH = 8


PARTICIPATION_REACH = 14  # "تظاهرات سلمية في ساحة التحرير وسط العاصمة بغداد، شارك فيها الآلاف"
PARTICIPATION_VERBS = frozenset(normalize(w) for w in {"شارك", "شاركت", "وشارك", "وشاركت"})
PARTICIPATION_LINKS = frozenset(normalize(w) for w in {"فيها", "فيه", "بها"})


def _participating(tokens: Sequence[HasNorm], index: int) -> bool:
    """"تظاهرات …، شارك فيها الآلاف": the crowd of the next clause takes part in the event."""
    return (index >= 2 and tokens[index - 1].norm in PARTICIPATION_LINKS
            and tokens[index - 2].norm in PARTICIPATION_VERBS)


ASIDE_REACH = 8  # "، في (2 آب 2015)،": a short date or place set off by two commas


def _aside_before(tokens: Sequence[HasNorm], start: int, end: int) -> bool:
    """The only clause breaks in tokens ``[start, end)`` are two commas around a short aside that
    ends right before ``end`` ("وكان المئات من المواطنين نظموا، في (2 آب 2015)، تظاهرة"): the
    aside does not end the clause."""
    breaks = [i for i in range(start, end) if tokens[i].norm in CLAUSE_BREAKS]
    return (len(breaks) == 2 and breaks[1] == end - 1 and all(tokens[i].norm == "،" for i in breaks)
            and breaks[1] - breaks[0] <= ASIDE_REACH)


def _aside_start(tokens: Sequence[HasNorm], first: int) -> int:
    """Where the aside set off by two commas right before token ``first`` opens (its first
    comma), or ``first`` itself when there is none."""
    if first < 2 or tokens[first - 1].norm != "،":
        return first
    for index in range(first - 2, max(-1, first - ASIDE_REACH - 2), -1):
        if tokens[index].norm in CLAUSE_BREAKS:
            return index if tokens[index].norm == "،" else first
    return first


def _crowd_genitive(head: str, word: str) -> bool:
    """An indefinite count word (آلاف، مئات، عشرات) and a definite plural of people after it."""
    return (head in load_role_cues()["count_words"] and word.startswith("ال") and word.isalpha()
            and word.endswith(HUMAN_PLURAL) and word not in OBJECT_FILLERS and len(word) > 5)


def crowd(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> Mention | None:
    """"تظاهر مئات آخرون", "شارك فيها الآلاف من المواطنين", "تجمع المتظاهرون": who protests, when
    no listed actor does; the nearest crowd phrase in the trigger's clause."""
    best: tuple[int, Mention] | None = None
    for index in range(max(0, trigger.first - CROWD_REACH), min(len(tokens), trigger.last + PARTICIPATION_REACH)):
        if index == trigger.first:
            continue  # (inside a phrase trigger, "خرج المئات", the crowd is the phrase's subject)
        if index >= trigger.last + CROWD_REACH and not _participating(tokens, index):
            continue
        word = tokens[index].norm
        bare = word[1:] if word[:1] in {"و", "ف"} and len(word) > 4 else word
        if bare not in CROWD_HEADS and not any(w in bare for w in CROWD_WORDS):
            continue
        start, end = (index, trigger.first) if index < trigger.first else (trigger.first, index)
        if (crosses_clause(tokens, start, end) and not _participating(tokens, index)
                and not (index < trigger.first and _aside_before(tokens, index, trigger.first))):
            continue
        last = index + 1
        if last < len(tokens) and tokens[last].norm in CROWD_MODIFIERS:
            last += 1
        if (bare in CROWD_HEADS and last + 1 < len(tokens) and tokens[last].norm == "من"
                and tokens[last + 1].norm.isalpha()):
            last += 2  # "الآلاف من المواطنين", "عدد من المتظاهرين"
        elif last == index + 1 and _crowd_genitive(bare, tokens[last].norm if last < len(tokens) else ""):
            last += 1  # "آلاف الأردنيين", "مئات المتظاهرين": the people counted, in the genitive
        distance = min(abs(index - trigger.first), abs(index - trigger.last))
        first_token, last_token = tokens[index], tokens[last - 1]
        mention = Mention(index, last, " ".join(t.norm for t in tokens[index:last]), "civilians", None,
                          first_token.start, last_token.end)  # type: ignore[attr-defined]
        if best is None or distance < best[0]:
            best = (distance, mention)
    return best[1] if best is not None else None


OBJECT_SKIP = 5  # time words, commas and quote marks between a verb (or its subject) and its object
# Words that may stand before a verb's object and are not part of it ("احتجزت إسرائيل، يوم
# الثلاثاء، إرهابيا", "اعتقل هذا الأسبوع أيضا …").
OBJECT_FILLERS = frozenset(normalize(w) for w in {
    "اليوم", "أمس", "يوم", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    "مساء", "صباح", "ليلة", "فجر", "الليلة", "أيضا", "مجددا", "كذلك", "هذا", "هذه", "الأسبوع", "الشهر",
    "الماضي", "الماضية", "الجاري", "الحالي", "،", '"', "«", "»", "“", "”", "فجرا", "صباحا", "ليلا",
    "ظهرا", "عصرا", "يوميا", "مؤخرا", "حاليا"}) | TIME_WORDS
PARTITIVE = "من"  # "إرهابيا من مواطنيها": a partitive keeps the group the object is taken from


def unlisted_target(tokens: Sequence[HasNorm], trigger: TriggerMatch, actor: Mention | None,
                    participants: list[Mention], cues: Cues) -> Mention | None:
    """Words naming whom or what an act of force hit when no listed party does: the phrase after
    a target marker that follows the doer named after the trigger ("هجوم مباغت شنه عناصر تنظيم
    داعش على تمركز للكتيبة"), else the act's direct object (:func:`_object_phrase`).

    Called once the event is known to occur: such words show whom an act hit, not that it happened.
    For an accusation, the one charged: the words between the accuser and the charge
    (:func:`_charged_object`)."""
    if trigger.entry.event_type == "ACCUSE":
        return _charged_object(tokens, trigger, actor, participants)
    if trigger.entry.event_type not in SUFFERING_TYPES:
        return None
    if actor is not None and trigger.last <= actor.first:
        behind = _phrase_after_marker(tokens, trigger, cues, actor)
        if behind is not None:
            return behind
    exposed = _exposed(tokens, trigger, participants)
    if exposed is not None:
        return exposed if isinstance(exposed, Mention) else None
    return _fronted_count(tokens, trigger, participants) or _object_phrase(tokens, trigger, actor, participants, cues)


PARTITIVE_PRONOUNS = frozenset(normalize(w) for w in {"منها", "منهم", "منهما", "منهن"})


def _fronted_count(tokens: Sequence[HasNorm], trigger: TriggerMatch, participants: list[Mention]) -> Mention | None:
    """A bare count right before a verb of force, with no object after the verb ("اثنان ضبطا في
    السعودية", "أربعة منها دمرت نتيجة …"): the count (and its partitive) is the verb's subject,
    people or things named before, and a verb with no object there is passive or intransitive:
    the count suffered the act."""
    if trigger.entry.pos != "verb" or trigger.last - trigger.first != 1 or tokens[trigger.first].norm.startswith(
            ("ال", "و", "ف")):
        return None
    if tokens[trigger.first].norm.endswith("ات"):
        return None  # a plural noun the entry shares with its verb ("3 انفجارات"): counted, not a subject
    last = trigger.first
    partitive = last > 0 and tokens[last - 1].norm in PARTITIVE_PRONOUNS
    last -= partitive
    first = next((i for i in range(max(0, last - 2), last)
                  if (n := number_at(tokens, i)) is not None and n.last == last), None)
    if first is None or (not partitive and tokens[last - 1].norm[:1].isdigit()):
        return None  # (figures are written before what they count: "3 انفجارات")
    if any(first <= m.first < trigger.first for m in participants):
        return None
    if trigger.last < len(tokens) and (tokens[trigger.last].norm.startswith("ال")
                                       or number_at(tokens, trigger.last) is not None):
        return None  # an object after the verb: the count did it
    start_char, end_char = tokens[first].start, tokens[trigger.first - 1].end  # type: ignore[attr-defined]
    return Mention(first, trigger.first, " ".join(t.norm for t in tokens[first:trigger.first]), None, None,
                   start_char, end_char)


STATEMENT_OBJECT_TYPES = frozenset({"REJECT", "ACCUSE"})  # statements whose object is who they're aimed at
ADVERB_WORDS = 2  # "رفضا جملة وتفصيلا": the longest manner adverb
HUMAN_PLURAL = ("ين", "ون")  # sound masculine plural endings, of people
MIN_GENITIVE = 4  # letters: "الا" (إلا) is a particle, not a definite noun


def statement_object(tokens: Sequence[HasNorm], trigger: TriggerMatch, actor: Mention | None,
                     participants: list[Mention]) -> Mention | None:
    """Words a rejection or a condemnation is aimed at when no listed party is named: the object
    right after the verb (and its postposed subject, and an adverb of manner) when it is a noun
    with a definite genitive ("لن تقبل الجمهورية الإسلامية مطلقا مطالب الأعداء", "أدانت الجمعية
    بشدة سبيل المفسدين الباغين"): the genitive names the party, and is what is returned. A definite noun alone is more
    often the act or the thing spoken of ("رفضت الحكومة الاتفاق"), so it gets none; so does a
    head naming an act of force, whose genitive suffers it ("أدان تفجير المسجد": the caller checks
    the head against the trigger lexicon; a statement's genitive, "مطالب الأعداء", is its maker)."""
    if trigger.entry.event_type not in STATEMENT_OBJECT_TYPES:
        return None
    if not (particle_verb(tokens, trigger) or (trigger.entry.pos == "verb" and trigger.last - trigger.first == 1
                                               and not tokens[trigger.first].norm.startswith("ال"))):
        return None
    if (actor is None or not trigger.last <= actor.first <= trigger.last + SUBJECT_AFTER_VERB
            or crosses_clause(tokens, trigger.last, actor.first) or actor.kind in PASSIVE_KINDS):
        # (only after a party named as the verb's subject: else the words there may be the
        # subject itself, or the verb's pronoun was its object ("يستنكرها عقل الإنسان"); people
        # named by a common noun are often named on by a genitive, "شكا سكان حي الفاروق")
        return None
    start = actor.last  # VSO: the object follows the postposed subject
    adverbs = load_role_cues()["manner_adverbs"]
    # The adverb follows the whole subject, which may run on past the words the dictionary
    # named ("أدانت الجمعية الخيرية لتحفيظ القرآن الكريم في منطقة الرياض بشدة سبيل …").
    for index in range(start, min(len(tokens), start + LONG_SUBJECT_WINDOW)):
        if tokens[index].norm in CLAUSE_BREAKS:
            break
        width = next((w for w in range(ADVERB_WORDS, 0, -1)
                      if " ".join(t.norm for t in tokens[index:index + w]) in adverbs), 0)
        if width:
            start = index + width
            break
    if start + 1 >= len(tokens) or any(m.first <= start + 1 < m.last or start <= m.first <= start + 1
                                       for m in participants):
        return None  # (a listed party there was weighed by the rules for the target)
    head, genitive = tokens[start].norm, tokens[start + 1].norm
    if (not _phrase_word(head) or head.startswith(("ال", "و", "ف", "ل", "ب")) or head in DEMONSTRATIVES
            or head.endswith(POSSESSIVE_ENDINGS)  # "تفسيرها القانوني": a pronoun genitive, then an adjective
            or not genitive.startswith("ال") or len(genitive) <= MIN_GENITIVE or not _phrase_word(genitive)):
        return None
    first = last = start + 1
    ending = genitive[-2:] if genitive.endswith(HUMAN_PLURAL) else None
    while (last + 1 < len(tokens) and ending is not None and last + 1 - first < PHRASE_WORDS
           and tokens[last + 1].norm.startswith("ال") and tokens[last + 1].norm.endswith(ending)
           and _phrase_word(tokens[last + 1].norm)):
        last += 1  # an adjective agreeing with the people named ("المفسدين الباغين", not "مطالب الأعداء المفرطة")
    last += 1
    start_char, end_char = tokens[first].start, tokens[last - 1].end  # type: ignore[attr-defined]
    return Mention(first, last, " ".join(t.norm for t in tokens[first:last]), None, None, start_char, end_char)


CHARGED_WORDS = 3  # "وتتهم وزارة الدفاع مردخاي "بالضلوع"", "محملا هذه القوى معظم المسؤولية"
DEMONSTRATIVES = frozenset(normalize(w) for w in {"هذا", "هذه", "هؤلاء", "ذلك", "تلك", "أولئك"})


def _charged_object(tokens: Sequence[HasNorm], trigger: TriggerMatch, actor: Mention | None,
                    participants: list[Mention]) -> Mention | None:
    """Whom an accusing verb charges, when no listed party is named: the words right after the
    verb (and its subject) up to the charge — a word with the preposition ب ("اتهم X بالضلوع",
    "وصف X بأنهم") or the responsibility laid on X ("محملا X المسؤولية")."""
    if trigger.entry.pos == "noun" or tokens[trigger.first].norm.startswith("ال"):
        return None  # (an accusation noun's genitive is more often its topic)
    start = trigger.last
    if actor is not None and trigger.last <= actor.first <= trigger.last + SUBJECT_AFTER_VERB:
        start = actor.last
    if start < len(tokens) and tokens[start].norm in DEMONSTRATIVES:
        first = start  # "هذه القوى": a demonstrative opens the phrase a reader quotes
    else:
        first = start
        while first < len(tokens) and first - start < OBJECT_SKIP and tokens[first].norm in OBJECT_FILLERS:
            first += 1
    blame = load_role_cues()["blame_words"]
    last = first + (first < len(tokens) and tokens[first].norm in DEMONSTRATIVES)
    while (last < len(tokens) and last - first < CHARGED_WORDS and _phrase_word(tokens[last].norm)
           and tokens[last].norm not in blame and not tokens[last].norm.startswith("ب")):
        last += 1
    if last == first or any(first <= m.first < last or m.first <= first < m.last for m in participants):
        return None
    end = last
    while end < len(tokens) and tokens[end].norm in QUOTE_MARKS:
        end += 1  # (the charge may be quoted: مردخاي "بالضلوع …")
    if end >= len(tokens):
        return None
    charge = tokens[end].norm
    if not ((charge.startswith("ب") and len(charge) > 3) or charge in blame):
        return None
    start_char, end_char = tokens[first].start, tokens[last - 1].end  # type: ignore[attr-defined]
    return Mention(first, last, " ".join(t.norm for t in tokens[first:last]), None, None, start_char, end_char)


EXPOSURE_REACH = 10  # "وتعرض المسجد الكائن في منطقة الصوابر بالكويت العاصمة إلى تفجير"
TO = frozenset(normalize(w) for w in {"إلى", "الى"})


def _exposed(tokens: Sequence[HasNorm], trigger: TriggerMatch, pool: list[Mention]) -> Mention | bool | None:
    """Who or what underwent the act: the subject of تعرض before "ل / إلى + act" ("تعرضت دورية
    للجيش لهجوم", "تعرض المسجد … إلى تفجير"). A listed party right after the verb, else the noun
    phrase there (as a Mention without a kind); True when the verb is there but names no one
    (its subject was named before it), None when there is no such verb."""
    word = tokens[trigger.first].norm
    if not (word.startswith("ل") or (trigger.first > 0 and tokens[trigger.first - 1].norm in TO)):
        return None
    index = _cue_verb_before(tokens, trigger, load_role_cues()["exposure_verbs"], EXPOSURE_REACH)
    if index is None:
        return None
    subject = next((m for m in pool if m.first == index + 1 and m.last <= trigger.first), None)
    if subject is not None:
        return subject
    first = last = index + 1
    while last < trigger.first and last - first < PHRASE_WORDS and _phrase_word(tokens[last].norm):
        last += 1
    if last == first or not tokens[first].norm.isalpha():
        return True
    owner = next((m for m in pool if m.first == last and m.last <= trigger.first
                  and tokens[m.first].norm.startswith("ل")), None)
    if owner is not None:
        last = owner.last  # "تعرضت دورية للجيش اللبناني لهجوم": the patrol and whose it is
    words = " ".join(t.norm for t in tokens[first:last])
    return Mention(first, last, words, None, None, tokens[first].start, tokens[last - 1].end)  # type: ignore[attr-defined]


def _object_phrase(tokens: Sequence[HasNorm], trigger: TriggerMatch, actor: Mention | None,
                   participants: list[Mention], cues: Cues) -> Mention | None:
    """The direct object of an act of force that no dictionary names: "داهمت أكثر من 100
    موقع", "احتجزت إسرائيل إرهابيا من مواطنيها", "إعدام متهمين بالتجسس", "بتفريق التظاهرة".

    After a verb (and its subject, when it follows the verb) the object is a counted noun or an
    indefinite noun — a definite noun right there is more often an unlisted subject ("قصفت
    المدفعية"). After a verbal noun whose genitive suffers the act (اعتقال، إعدام، تفريق …) the
    genitive is the object, definite or not; other nouns' genitives are doers ("غارات التحالف")
    and their indefinite followers adjectives ("هجوم مباغت"), so they get none."""
    # (verb entries list their verbal nouns too: "بتفريق" is read by its spelling)
    patient_noun = (cues.patient_genitive.contains_at(tokens, trigger.first)
                    or tokens[trigger.first].norm in load_role_cues()["patient_nouns"])
    is_verb = not patient_noun and ((trigger.entry.pos == "verb" and trigger.last - trigger.first == 1)
                                    or particle_verb(tokens, trigger))
    if not is_verb and not patient_noun:
        return None
    start = trigger.last
    if actor is not None and trigger.last <= actor.first <= trigger.last + SUBJECT_AFTER_VERB:
        start = actor.last  # VSO: the object follows the postposed subject
    if start == trigger.last and start < len(tokens) and tokens[start].norm in QUOTE_MARKS:
        return None  # 'دمرت "جزئيا أو كليا"': quoted words after the verb, no object
    index = start
    while index < len(tokens) and index - start < OBJECT_SKIP and tokens[index].norm in OBJECT_FILLERS:
        index += 1
    if is_verb:
        index = _past_instrument(tokens, index)  # "قصف الجيش بالبراميل المتفجرة أحياء في حلب"
    if index >= len(tokens) or (index > start and not is_verb):
        return None  # (a verbal noun's genitive follows it directly)
    if any(m.first <= index < m.last for m in participants):
        return None  # a listed party there was weighed by the rules above
    number = number_at(tokens, index)
    if number is not None:
        last = number.last  # "أكثر من 100 موقع", "نحو ألفي مواطن": the count and what is counted
        if last >= len(tokens) or not _phrase_word(tokens[last].norm):
            return None  # (nothing counted after the count: it ends the sentence)
        last += 1
    else:
        word = tokens[index].norm
        if not _phrase_word(word) or (is_verb and word.startswith("ال")) or word.startswith("و"):
            return None  # (a word after و opens another clause or conjunct, not the object)
        last = index + 1
        while last < len(tokens) and last - index < PHRASE_WORDS and _phrase_word(tokens[last].norm):
            last += 1
    if (last + 1 < len(tokens) and tokens[last].norm == PARTITIVE and _phrase_word(tokens[last + 1].norm)
            and not tokens[index].norm.startswith("ال")):
        last += 2  # "إرهابيا من مواطنيها"
    if any(index < m.first < last for m in participants):
        last = min(m.first for m in participants if index < m.first < last)  # (not into a party)
    if _reflexive_in(tokens, index, last + 1) is not None:
        return None  # "فجر انتحاري نفسه": the words are the subject, the object is himself
    start_char, end_char = tokens[index].start, tokens[last - 1].end  # type: ignore[attr-defined]
    words = " ".join(t.norm for t in tokens[index:last])
    return Mention(index, last, words, None, None, start_char, end_char)


INSTRUMENT_WORDS = 3  # "بالبراميل المتفجرة", "بالصواريخ البالستية", "بالمدفعية الثقيلة"


def _past_instrument(tokens: Sequence[HasNorm], index: int) -> int:
    """After a definite noun with ب (the means: "بالبراميل المتفجرة") and its definite adjectives,
    where the verb's object begins; ``index`` itself when no such adjunct stands there."""
    if index >= len(tokens) or not tokens[index].norm.startswith(("بال", "وبال")) or len(tokens[index].norm) < 5:
        return index
    end = index + 1
    while (end < len(tokens) and end - index < INSTRUMENT_WORDS and tokens[end].norm.startswith("ال")
           and tokens[end].norm.isalpha()):
        end += 1
    return end


REFLEXIVE_REACH = 2  # "فجر انتحاري نفسه", "فجر مهاجم انتحاري نفسه"


def _reflexive_in(tokens: Sequence[HasNorm], start: int, end: int) -> int | None:
    """The index of the first reflexive pronoun (نفسه، نفسها …) in ``[start, end)``, if any."""
    reflexives = load_role_cues()["reflexives"]
    return next((i for i in range(start, min(len(tokens), end)) if tokens[i].norm in reflexives), None)


def _acted_on_self(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> bool:
    """A reflexive pronoun in the trigger or just after it ("فجرت نفسها", "فجرت امرأة نفسها"):
    the subject did the act, whatever its kind (a woman, a youth), and is no victim of it."""
    return _reflexive_in(tokens, trigger.first, trigger.last + REFLEXIVE_REACH + 1) is not None


def _reflexive_subject(tokens: Sequence[HasNorm], trigger: TriggerMatch) -> Mention | None:
    """The words between a bare verb and a reflexive pronoun ("فجر انتحاري نفسه"): the verb's
    subject, who did the act (to himself, among others)."""
    if trigger.entry.pos != "verb" or trigger.last - trigger.first != 1 or _definite_noun(
            tokens[trigger.first].norm, trigger):
        return None
    end = _reflexive_in(tokens, trigger.last + 1, trigger.last + REFLEXIVE_REACH + 1)
    if end is None or not all(_phrase_word(t.norm) for t in tokens[trigger.last:end]):
        return None
    words = " ".join(t.norm for t in tokens[trigger.last:end])
    return Mention(trigger.last, end, words, None, None, tokens[trigger.last].start,  # type: ignore[attr-defined]
                   tokens[end - 1].end)  # type: ignore[attr-defined]


def _phrase_word(word: str) -> bool:
    """A word that can be part of a noun phrase: letters, no particle or clause break, no
    preposition fused to a definite noun ("بالضفة", "للسلاح": a place or an instrument), no
    adjunct opener ("بمدينة", "بتهمة", "بينهم")."""
    return (word.isalpha() and word not in PHRASE_ENDS and word not in PREPOSITIONS
            and word not in OBJECT_FILLERS and word not in VERB_PARTICLES and word not in CONJUNCTIONS
            and not word.startswith(FUSED_PREPOSITIONS) and word not in load_role_cues()["adjunct_openers"])


CONJUNCTIONS = frozenset(normalize(w) for w in {
    "أو", "ثم", "بل", "لكن", "حتى", "إذا", "إن", "لو", "كما", "لكي", "كي", "إذ", "بينما", "فيما", "مما"})
FUSED_PREPOSITIONS = tuple(normalize(w) for w in ("بال", "لل", "كال", "وبال", "ولل", "فال", "وكال", "فبال", "فلل"))
