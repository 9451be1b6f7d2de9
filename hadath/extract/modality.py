"""Modality (asserted, claimed, denied, planned, hypothetical) and who says so.

GUIDELINES: an event known through a party's statement is *claimed* with that party as
source; a verbal act itself (a condemnation, a call) is *asserted* with no source; threats,
intentions and announced future steps are *planned*.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hadath.extract.cues import Cues
from hadath.extract.mentions import Mention
from hadath.extract.triggers import TriggerMatch
from hadath.text.phrases import HasNorm, PhraseIndex

SPEAKER_WINDOW = 4  # tokens between an attribution verb and its speaker
CUE_WINDOW = 12  # how far before the trigger a modality cue still governs it


def modality_of(tokens: Sequence[HasNorm], trigger: TriggerMatch, participants: list[Mention], cues: Cues,
                verbal: bool) -> tuple[str, Mention | None]:
    """(modality, source) of the event named by ``trigger``."""
    start = max(0, trigger.first - CUE_WINDOW)
    if _cue_before(tokens, cues.hypothetical, start, trigger.first) is not None or _possible(tokens, trigger, cues):
        return "hypothetical", None
    # (a cue at the sentence's first token is at index 0: compare with None, not truth)
    if _future_verb(tokens[trigger.first].norm) or _cue_before(tokens, cues.planned, start, trigger.first) is not None:
        return "planned", _speaker(tokens, participants, cues, trigger) if not verbal else None
    if not verbal and _condition_after(tokens, trigger, cues):
        return "hypothetical", None
    denial = _cue_before(tokens, cues.denial, start, trigger.first)
    if denial is not None and trigger.entry.event_type != "REJECT":
        return "denied", _speaker_near(participants, denial, trigger)
    if verbal:
        return "asserted", None
    speaker = _speaker(tokens, participants, cues, trigger) or _trailing_source(tokens, participants, cues, trigger)
    if speaker is not None or _attribution_before(tokens, cues, trigger.first):
        return "claimed", speaker
    return "asserted", None


OPENING_BRACKETS = frozenset({"(", "["})
CLOSING_BRACKETS = frozenset({")", "]"})


def _attribution_before(tokens: Sequence[HasNorm], cues: Cues, end: int) -> bool:
    """A verb or phrase of attribution before ``end``, outside a bracketed aside: "(25 ألفا حسب
    المنظمين)" sources a figure, not the event the sentence reports."""
    return any(not _in_brackets(tokens, match.first, end) for match in cues.attribution.find(tokens, 0, end))


def _in_brackets(tokens: Sequence[HasNorm], index: int, end: int) -> bool:
    """Token ``index`` lies between an opening bracket before it and a closing one before ``end``."""
    opened = next((i for i in range(index - 1, -1, -1) if tokens[i].norm in OPENING_BRACKETS | CLOSING_BRACKETS),
                  None)
    if opened is None or tokens[opened].norm not in OPENING_BRACKETS:
        return False
    return any(tokens[i].norm in CLOSING_BRACKETS for i in range(index + 1, end))


TRAILING_WINDOW = 3  # "بحسب ما ذكر المرصد": the cue, ما and a verb of saying, then the party


def _trailing_source(tokens: Sequence[HasNorm], participants: list[Mention], cues: Cues,
                     trigger: TriggerMatch) -> Mention | None:
    """The party an attribution after the event names ("قتل خمسة جنود …، وفق مصدر أمني"): the
    report closes with whom it is known through. A cue naming no party ("وفقا للقانون") is none."""
    for match in cues.attribution_after.find(tokens, trigger.last, len(tokens)):
        if _in_brackets(tokens, match.first, len(tokens)):
            continue  # "(نحو عشرة آلاف بحسب الشرطة)": the aside sources a figure
        party = next((m for m in participants
                      if match.last <= m.first <= match.last + TRAILING_WINDOW - 1), None)
        if party is not None:
            return party
    return None


SPECULATIVE = frozenset({"ربما", "قد يؤدي"})  # "perhaps": a guess at a real outcome, still reported


def conditioned(tokens: Sequence[HasNorm], trigger: TriggerMatch, cues: Cues) -> bool:
    """The act is only a condition or a possibility ("إذا انتهكت إيران الاتفاق", "إمكانية خطف",
    "سيصوتون بقبول أو رفض الاتفاق"), not a guess at something real ("ربما يتم إصدار أمر")."""
    start = max(0, trigger.first - CUE_WINDOW)
    for match in reversed(cues.hypothetical.find(tokens, start, trigger.first)):
        words = " ".join(t.norm for t in tokens[match.first:match.last])
        if words not in SPECULATIVE and words[1:] not in SPECULATIVE:  # وربما، فربما
            return True
    return _possible(tokens, trigger, cues) or _condition_after(tokens, trigger, cues)


CONDITION_AFTER_REACH = 8  # "بضرب مقرات قيادة حماس بدمشق، في حال تواصل إطلاق الصواريخ"
CONDITION_WORDS = frozenset({"اذا", "في حال", "لو"})  # the conditions proper: not "حال" ("in a state"), not "ربما"
SENTENCE_BREAKS = frozenset({".", "؛", ";", ":"})


def _condition_after(tokens: Sequence[HasNorm], trigger: TriggerMatch, cues: Cues) -> bool:
    """A condition right after the act ("قد يتم إعدامهم إذا أدينوا", "تحذر من تدميرها في حال لم يتم
    إقفالها"): the act hangs on it, it has not happened."""
    end = min(len(tokens), trigger.last + CONDITION_AFTER_REACH)
    for match in cues.hypothetical.find(tokens, trigger.last, end):
        if any(tokens[i].norm in SENTENCE_BREAKS for i in range(trigger.last, match.first)):
            return False
        words = " ".join(t.norm for t in tokens[match.first:match.last])
        if words in CONDITION_WORDS or words[1:] in CONDITION_WORDS:  # وإذا، فإذا
            # "في حال" must not be "في حالة خطرة" (the state of the wounded)
            return match.last >= len(tokens) or not tokens[match.last - 1].norm.endswith("ه")
    return False


POSSIBILITY_REACH = 6  # "حذر من خطورة تنفيذ عمليات اختطاف": cue … a few words … the act
CLAUSE_BREAKS = frozenset({"،", ",", "؛", ";", ".", ":"})


def _possible(tokens: Sequence[HasNorm], trigger: TriggerMatch, cues: Cues) -> bool:
    """A possibility, option, warning or wish names the act in its own clause ("إمكانية خطف")."""
    for match in cues.possibility.find(tokens, max(0, trigger.first - POSSIBILITY_REACH - 2), trigger.first):
        if match.last <= trigger.first and trigger.first - match.last <= POSSIBILITY_REACH and not any(
                tokens[i].norm in CLAUSE_BREAKS for i in range(match.last, trigger.first)):
            return True
    return _warned_against(tokens, trigger, cues)


ADDRESSEE_REACH = 10  # "حذر أولمرت أمس قيادات المجموعات المسلحة في قطاع غزة من …": who is warned, between


@dataclass(frozen=True, slots=True)
class _Word:
    norm: str


_MIN = _Word("من")


def _warned_against(tokens: Sequence[HasNorm], trigger: TriggerMatch, cues: Cues) -> bool:
    """A possibility cue "X من" split by its addressee ("حذر أولمرت قادة الفصائل من الاستمرار في
    إطلاق الصواريخ"): what someone is warned against is named, not told as happening."""
    start = max(0, trigger.first - POSSIBILITY_REACH - 1)
    for index in range(trigger.first - 1, start - 1, -1):
        word = tokens[index].norm
        if word in CLAUSE_BREAKS:
            return False
        if word != "من":
            continue
        for head in range(index - 1, max(-1, index - ADDRESSEE_REACH - 1), -1):
            if tokens[head].norm in CLAUSE_BREAKS:
                break
            match = cues.possibility.match_at([tokens[head], _MIN], 0)
            if match is not None and match.last == 2:
                return True
        return False
    return False


def _cue_before(tokens: Sequence[HasNorm], cue: PhraseIndex[str], start: int, end: int) -> int | None:
    for match in reversed(cue.find(tokens, start, end)):
        return match.first
    return None


def _future_verb(token: str) -> bool:
    """سيقصف، وستشن: the future prefix س on an imperfect verb."""
    bare = token[1:] if token.startswith(("و", "ف")) else token
    return len(bare) > 3 and bare[0] == "س" and bare[1] in "يتن"


def _speaker(tokens: Sequence[HasNorm], participants: list[Mention], cues: Cues,
             trigger: TriggerMatch) -> Mention | None:
    """The participant an attribution verb before the trigger names."""
    for match in reversed(cues.attribution.find(tokens, 0, trigger.first)):
        if _in_brackets(tokens, match.first, trigger.first):
            continue  # "(25 ألفا حسب المنظمين)": the aside sources a figure
        if tokens[match.first].norm.startswith("ال"):
            continue  # "التابعة لسلاح الجو": a definite word is no verb of saying ("تابع")
        if _between(tokens, match.first, match.last):
            continue  # "الاشتباكات بين الجيش الليبي وقوات …": بين is "between", not "explained"
        speaker = _speaker_near(participants, match.first, trigger, match.last, tokens)
        if speaker is not None:
            return speaker
    return None


COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "بانهم", ":"})


BAYYANA = frozenset({"بين", "وبين", "فبين"})  # matching forms of بيّن "explained" (and of بين "between")


def _between(tokens: Sequence[HasNorm], first: int, last: int) -> bool:
    """بين with no إن / أن / colon shortly after it is the preposition "between"."""
    if tokens[first].norm not in BAYYANA:
        return False
    return not any(tokens[i].norm in COMPLEMENTIZERS for i in range(last, min(len(tokens), last + SPEAKER_WINDOW + 2)))


QUOTES = frozenset({'"', "«", "“", "'"})


def _addressee(tokens: Sequence[HasNorm], mention: Mention) -> bool:
    """"في تصريح لـ"الرياض"", "لوكالة فرانس برس": the party told, after ل, is not the speaker."""
    if mention.first < 0:
        return False
    if tokens[mention.first].norm.startswith("ل") and mention.proclitic > 0:
        return True
    index = mention.first - 1
    while index >= 0 and tokens[index].norm in QUOTES:
        index -= 1
    return index >= 0 and tokens[index].norm in {"ل", "لـ"}


def _speaker_near(participants: list[Mention], cue_first: int, trigger: TriggerMatch,
                  cue_last: int | None = None, tokens: Sequence[HasNorm] | None = None) -> Mention | None:
    cue_end = cue_last if cue_last is not None else cue_first + 1
    # A cue may end inside its speaker's name ("قالت مصادر" + "مصادر أمنية"): the name still counts.
    after = [m for m in participants
             if cue_first < m.first <= cue_end + SPEAKER_WINDOW and m.last <= trigger.first]
    if tokens is not None:
        opens = next((i for i in range(cue_end, trigger.first) if tokens[i].norm in COMPLEMENTIZERS), None)
        if opens is not None:
            after = [m for m in after if m.first < opens]
        after = [m for m in after if not _addressee(tokens, m)]
    if after:
        return after[0]
    if tokens is not None and _participle(tokens[cue_first].norm):
        return None  # "حاصرت القاعدة، مشيرا …": the word before a participle is the last clause's object
    before = [m for m in participants if cue_first - SPEAKER_WINDOW <= m.last <= cue_first]
    return before[-1] if before else None


def _participle(word: str) -> bool:
    """مشيرا، مؤكدة، لافتا: a circumstantial participle of saying, whose speaker is the clause's subject."""
    return len(word) >= 5 and word.endswith(("ا", "ه")) and word[0] in {"م", "ل"}
