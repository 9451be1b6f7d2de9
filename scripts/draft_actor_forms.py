"""Draft the generated actor files (states, national institutions, titles, peoples).

One-off drafting aid, not part of the pipeline: it writes YAML that is then reviewed and
committed, and the YAML under ``hadath/data/actors/`` is the source of truth (the loader
never runs this). Re-drafting overwrites hand edits to the five generated files, so make
systematic changes in the tables below and re-run; one-off entries belong in the
hand-written files (armed_groups.yaml, people.yaml …).

    .venv/bin/python scripts/draft_actor_forms.py [--out hadath/data/actors]

Inputs: pycountry (ISO 3166-1 alpha-3 codes) and babel's Arabic territory names for the
states; the nationality table below for adjectives, capitals and the ~45 countries whose
institutions are composed from a template ("الجيش {adjective}", "وزير الخارجية {adjective}" …).
Composed words are written without ال, which matches with or without it
(see ``hadath.extract.actors``).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from babel import Locale

# Territories that are not states: no actor entry.
NOT_STATES = frozenset({
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK", "CUW", "CXR",
    "CYM", "ESH", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM", "HKG", "HMD", "IMN", "IOT",
    "JEY", "MAC", "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN", "PRI", "PYF", "REU",
    "SGS", "SHN", "SJM", "SPM", "SXM", "TCA", "TKL", "UMI", "VGB", "VIR", "WLF",
})  # fmt: skip
# English names where pycountry's official one is not the usual one.
ENGLISH = {
    "BOL": "Bolivia", "COD": "DR Congo", "COG": "Republic of the Congo", "CZE": "Czechia",
    "FSM": "Micronesia", "GBR": "United Kingdom", "IRN": "Iran", "KOR": "South Korea",
    "LAO": "Laos", "MDA": "Moldova", "PRK": "North Korea", "PSE": "Palestine", "RUS": "Russia",
    "SYR": "Syria", "TUR": "Turkey", "TWN": "Taiwan", "TZA": "Tanzania", "USA": "United States",
    "VAT": "Vatican", "VEN": "Venezuela", "VNM": "Vietnam", "BRN": "Brunei", "CIV": "Ivory Coast",
    "CPV": "Cape Verde", "SWZ": "Eswatini", "MKD": "North Macedonia", "TLS": "East Timor",
}  # fmt: skip
# babel names that are also common words, or that hold punctuation: replaced.
BABEL_DROP = {
    "MLI": "مالي", "BEN": "بنين", "OMN": "عُمان", "COD": "الكونغو - كينشاسا",
    "COG": "الكونغو - برازافيل", "TLS": "تيمور - ليشتي", "MMR": "ميانمار (بورما)",
    "PSE": "الأراضي الفلسطينية",
}  # fmt: skip
# Canonical Arabic name where babel's is not the usual one in the press.
ARABIC_NAME = {
    "MLI": "جمهورية مالي", "BEN": "جمهورية بنين", "OMN": "سلطنة عمان", "COD": "جمهورية الكونغو الديمقراطية",
    "COG": "جمهورية الكونغو", "TLS": "تيمور الشرقية", "MMR": "ميانمار", "PSE": "فلسطين",
    "USA": "الولايات المتحدة", "GBR": "بريطانيا", "SAU": "السعودية", "SYR": "سوريا",
    "ARE": "الإمارات", "CZE": "التشيك", "HUN": "المجر",
}  # fmt: skip
# More names of a state: official and short names, spellings, capitals used as metonyms.
STATE_NAMES: dict[str, tuple[str, ...]] = {
    "SAU": ("السعودية", "المملكة", "المملكة العربية السعودية", "الرياض", "بلاد الحرمين"),
    "IRQ": ("العراق", "جمهورية العراق", "بغداد"),
    "SYR": ("سوريا", "سورية", "الجمهورية العربية السورية", "دمشق"),
    "YEM": ("اليمن", "الجمهورية اليمنية", "صنعاء"),
    "EGY": ("مصر", "جمهورية مصر العربية", "القاهرة"),
    "JOR": ("الأردن", "المملكة الأردنية الهاشمية", "المملكة الأردنية"),
    "LBN": ("لبنان", "الجمهورية اللبنانية", "بيروت"),
    "PSE": ("فلسطين", "دولة فلسطين", "الأراضي الفلسطينية", "رام الله"),
    "ISR": ("إسرائيل", "دولة إسرائيل", "تل أبيب", "الكيان الصهيوني", "الكيان الإسرائيلي",
            "العدو الصهيوني", "العدو الإسرائيلي", "الاحتلال الإسرائيلي", "دولة الاحتلال", "الصهاينة"),
    "IRN": ("إيران", "الجمهورية الإسلامية الإيرانية", "جمهورية إيران الإسلامية", "الجمهورية الإسلامية",
            "طهران"),
    "TUR": ("تركيا", "الجمهورية التركية", "أنقرة"),
    "ARE": ("الإمارات", "دولة الإمارات", "الإمارات العربية المتحدة", "دولة الإمارات العربية المتحدة",
            "أبوظبي", "أبو ظبي"),
    "QAT": ("قطر", "دولة قطر", "الدوحة"),
    "KWT": ("الكويت", "دولة الكويت"),
    "BHR": ("البحرين", "مملكة البحرين", "المنامة"),
    "OMN": ("سلطنة عمان", "السلطنة"),
    "LBY": ("ليبيا", "دولة ليبيا"),
    "TUN": ("تونس", "الجمهورية التونسية"),
    "DZA": ("الجزائر", "الجمهورية الجزائرية"),
    "MAR": ("المغرب", "المملكة المغربية", "الرباط"),
    "SDN": ("السودان", "جمهورية السودان", "الخرطوم"),
    "SSD": ("جنوب السودان", "دولة جنوب السودان", "جوبا"),
    "SOM": ("الصومال", "مقديشو"),
    "MRT": ("موريتانيا", "نواكشوط"),
    "USA": ("الولايات المتحدة", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية", "أمريكا",
            "أميركا", "واشنطن"),
    "GBR": ("المملكة المتحدة", "بريطانيا", "بريطانيا العظمى", "لندن"),
    "FRA": ("فرنسا", "باريس"),
    "DEU": ("ألمانيا", "برلين"),
    "RUS": ("روسيا", "روسيا الاتحادية", "الاتحاد الروسي", "موسكو"),
    "CHN": ("الصين", "جمهورية الصين الشعبية", "الصين الشعبية", "بكين"),
    "ITA": ("إيطاليا", "روما"),
    "ESP": ("إسبانيا", "مدريد"),
    "CAN": ("كندا", "أوتاوا"),
    "AUS": ("أستراليا", "كانبيرا"),
    "JPN": ("اليابان", "طوكيو"),
    "IND": ("الهند", "نيودلهي"),
    "PAK": ("باكستان", "إسلام آباد", "إسلام أباد"),
    "AFG": ("أفغانستان", "كابول"),
    "NGA": ("نيجيريا", "أبوجا"),
    "ETH": ("إثيوبيا", "أديس أبابا"),
    "UKR": ("أوكرانيا", "كييف"),
    "KOR": ("كوريا الجنوبية",),
    "PRK": ("كوريا الشمالية", "كوريا الديمقراطية", "بيونغ يانغ"),
    "NLD": ("هولندا",),
    "BEL": ("بلجيكا",),
    "GRC": ("اليونان", "أثينا"),
    "KEN": ("كينيا", "نيروبي"),
    "ERI": ("إريتريا", "أسمرة"),
    "DJI": ("جيبوتي",),
    "TCD": ("تشاد", "نجامينا", "أنجامينا"),
    "NER": ("النيجر", "نيامي"),
    "MLI": ("جمهورية مالي", "باماكو"),
    "BEN": ("جمهورية بنين",),
    "COD": ("الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية", "كينشاسا"),
    "COG": ("جمهورية الكونغو", "برازافيل"),
    "TLS": ("تيمور الشرقية", "تيمور ليشتي"),
    "MMR": ("ميانمار", "بورما"),
    "CZE": ("جمهورية التشيك", "التشيك", "براغ"),
    "HUN": ("المجر", "هنغاريا", "بودابست"),
    "DNK": ("الدنمارك", "الدانمرك", "كوبنهاغن"),
    "CIV": ("ساحل العاج", "كوت ديفوار"),
    "SWZ": ("سوازيلاند",),
    "MKD": ("مقدونيا",),
    "BLR": ("روسيا البيضاء",),
    "BIH": ("البوسنة", "سراييفو"),
    "CPV": ("كابو فيردي",),
    "ISL": ("أيسلندا",),
    "NZL": ("نيوزيلاندا",),
    "BGD": ("بنجلاديش", "بنغلادش", "دكا"),
    "IDN": ("جاكرتا",),
    "MYS": ("كوالالمبور",),
    "PHL": ("مانيلا",),
    "THA": ("بانكوك",),
    "AZE": ("باكو",),
    "ARM": ("يريفان",),
    "GEO": ("تبليسي",),
    "UZB": ("طشقند",),
    "FIN": ("هلسنكي",),
    "CHE": ("برن",),
    "CUB": ("هافانا",),
    "VEN": ("كراكاس",),
    "BRA": ("برازيليا",),
    "ARG": ("بوينس آيرس",),
    "NPL": ("النيبال", "كاتماندو"),
    "LKA": ("سري لانكا", "كولومبو"),
    "SEN": ("داكار",),
    "VNM": ("هانوي",),
    "CYP": ("نيقوسيا",),
    "UGA": ("كمبالا",),
    "ZAF": ("جنوب إفريقيا", "بريتوريا"),
    "KGZ": ("قرغيزستان",),
    "URY": ("الأوروغواي",),
    "PRT": ("لشبونة",),
    "ROU": ("بوخارست",),
    "SRB": ("بلغراد",),
    "VAT": ("الكرسي الرسولي",),
}


@dataclass(frozen=True)
class Nationality:
    """How the press names a state's people and institutions."""

    alpha3: str
    english: str  # demonym for composed English names ("Iraqi Armed Forces")
    adjectives: tuple[str, ...]  # masculine singular, bare: عراقي (or definite when bare misleads)
    plurals: tuple[str, ...] = ()  # broken plurals of the people: أتراك، روس
    names: tuple[str, ...] = ()  # for constructs "وزير خارجية {name}" (default: STATE_NAMES' first)
    head: str | None = "president"  # president, king, emir, sultan, or None (no composed head)
    composed: bool = True  # compose institutions, or only state adjectives
    drop: frozenset[str] = frozenset()  # composed forms that name something else here
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role → more forms
    rename: dict[str, tuple[str, str]] = field(default_factory=dict)  # role → (English, Arabic) names


def _n(alpha3: str, english: str, *adjectives: str, **kw: object) -> Nationality:
    return Nationality(alpha3, english, adjectives, **kw)  # type: ignore[arg-type]


NATIONALITIES: tuple[Nationality, ...] = (
    _n("SAU", "Saudi", "سعودي", head="king", extra={
        "head": ("الديوان الملكي", "الديوان الملكي السعودي"),
        "security": ("قوات الطوارئ الخاصة", "قوات الطوارئ", "المباحث العامة", "رئاسة أمن الدولة"),
        "government": ("حكومة خادم الحرمين الشريفين", "حكومة المملكة"),
        "army": ("القوات البرية الملكية السعودية",),
        "airforce": ("القوات الجوية الملكية السعودية",),
        "interior_ministry": ("المتحدث الأمني لوزارة الداخلية",),
    }),
    _n("IRQ", "Iraqi", "عراقي", names=("العراق", "بغداد"), extra={
        "army": ("جهاز مكافحة الإرهاب", "قيادة العمليات المشتركة"),
        "security": ("خلية الإعلام الأمني",),
        "government": ("الحكومة المركزية في بغداد",),
        "parliament": ("مجلس النواب العراقي",),
    }),
    _n("SYR", "Syrian", "سوري", names=("سوريا", "سورية"), extra={
        "army": ("قوات النظام", "قوات النظام السوري", "جيش النظام", "جيش النظام السوري",
                 "قوات الأسد", "قوات نظام الأسد", "الجيش العربي السوري", "جنود النظام",
                 "قوات بشار الأسد", "جيش الأسد"),
        "airforce": ("طيران النظام", "طائرات النظام", "مروحيات النظام", "طيران الأسد",
                     "مروحيات الأسد", "طائرات الأسد", "الطيران الحربي السوري"),
        "government": ("نظام الأسد", "نظام بشار الأسد", "النظام السوري", "حكومة دمشق"),
    }),
    _n("YEM", "Yemeni", "يمني", extra={
        "government": ("الحكومة الشرعية", "حكومة الشرعية", "الشرعية اليمنية", "السلطة الشرعية"),
        "army": ("قوات الشرعية", "القوات الموالية للشرعية", "قوات الجيش الوطني", "الجيش الوطني اليمني",
                 "القوات الموالية للرئيس هادي", "قوات الرئيس هادي"),
    }),
    _n("EGY", "Egyptian", "مصري"),
    _n("JOR", "Jordanian", "أردني", head="king"),
    _n("LBN", "Lebanese", "لبناني", drop=frozenset({"قوات لبنانية"}), extra={
        "security": ("قوى الأمن الداخلي",),
    }),
    _n("PSE", "Palestinian", "فلسطيني", extra={
        "government": ("السلطة الفلسطينية", "السلطة الوطنية الفلسطينية", "السلطة الوطنية"),
    }),
    _n("ISR", "Israeli", "إسرائيلي", names=("إسرائيل",), extra={
        "army": ("جيش الاحتلال", "قوات الاحتلال", "جيش الاحتلال الإسرائيلي", "قوات الاحتلال الإسرائيلي",
                 "جنود الاحتلال", "الجيش الصهيوني", "قوات الجيش الإسرائيلي", "الاحتلال"),
        "airforce": ("طيران الاحتلال", "طائرات الاحتلال", "طائرات الاحتلال الإسرائيلي"),
        "government": ("سلطات الاحتلال", "حكومة الاحتلال", "سلطات الاحتلال الإسرائيلي"),
        "police": ("شرطة الاحتلال",),
        "parliament": ("الكنيست", "الكنيست الإسرائيلي"),
    }),
    _n("IRN", "Iranian", "إيراني", names=("إيران", "طهران"), extra={
        "government": ("النظام الإيراني", "نظام الملالي"),
    }),
    _n("TUR", "Turkish", "التركي", plurals=("الأتراك", "أتراك"), names=("تركيا", "أنقرة")),
    _n("ARE", "Emirati", "إماراتي", names=("الإمارات", "دولة الإمارات"), extra={
        "head": ("رئيس دولة الإمارات", "رئيس دولة الإمارات العربية المتحدة"),
    }),
    _n("QAT", "Qatari", "قطري", names=("قطر", "دولة قطر"), head="emir"),
    _n("KWT", "Kuwaiti", "كويتي", names=("الكويت", "دولة الكويت"), head="emir"),
    _n("BHR", "Bahraini", "بحريني", names=("البحرين", "مملكة البحرين"), head="king"),
    _n("OMN", "Omani", "عماني", names=("سلطنة عمان",), head="sultan"),
    _n("LBY", "Libyan", "ليبي"),
    _n("TUN", "Tunisian", "تونسي", extra={"head": ("قصر قرطاج",)}),
    _n("DZA", "Algerian", "جزائري"),
    _n("MAR", "Moroccan", "مغربي", head="king"),
    _n("SDN", "Sudanese", "سوداني"),
    _n("SOM", "Somali", "صومالي"),
    _n("MRT", "Mauritanian", "موريتاني"),
    _n("USA", "US", "أمريكي", "أميركي", plurals=("أمريكان", "أميركان"),
       names=("الولايات المتحدة", "أمريكا", "أميركا", "واشنطن"), extra={
        "army": ("مشاة البحرية الأمريكية", "المارينز", "القيادة المركزية الأمريكية",
                 "القيادة المركزية الأميركية", "سنتكوم", "قوات الاحتلال الأمريكي", "قوات الاحتلال الأميركي",
                 "الاحتلال الأمريكي", "الاحتلال الأميركي"),
        "defence_ministry": ("البنتاغون", "البنتاجون", "وزارة الحرب الأمريكية"),
        "parliament": ("الكونغرس", "الكونجرس", "الكونغرس الأمريكي", "الكونغرس الأميركي",
                       "الكونجرس الأمريكي", "مجلسي النواب والشيوخ"),
        "government": ("الإدارة الأمريكية", "الإدارة الأميركية"),
        "foreign_ministry": ("وزارة الخارجية الأمريكية", "الخارجية الأمريكية"),
    }),
    _n("GBR", "British", "بريطاني", head=None, names=("بريطانيا", "المملكة المتحدة", "لندن"), extra={
        "airforce": ("سلاح الجو الملكي البريطاني",),
        "government": ("داونينغ ستريت",),
    }),
    _n("FRA", "French", "فرنسي", names=("فرنسا", "باريس")),
    _n("DEU", "German", "ألماني", plurals=("ألمان",), names=("ألمانيا", "برلين"), extra={
        "pm": ("المستشار الألماني", "مستشارة ألمانيا", "مستشار ألمانيا"),
    }, rename={"pm": ("German Chancellor", "المستشارة الألمانية")}),
    _n("RUS", "Russian", "روسي", plurals=("روس",), names=("روسيا", "موسكو")),
    _n("CHN", "Chinese", "صيني", names=("الصين", "بكين")),
    _n("ITA", "Italian", "إيطالي", names=("إيطاليا",)),
    _n("ESP", "Spanish", "إسباني", plurals=("إسبان", "أسبان"), head=None, names=("إسبانيا",)),
    _n("CAN", "Canadian", "كندي", head=None, names=("كندا",)),
    _n("AUS", "Australian", "أسترالي", head=None, names=("أستراليا",)),
    _n("JPN", "Japanese", "ياباني", head=None, names=("اليابان",)),
    _n("IND", "Indian", "هندي", plurals=("هنود",), names=("الهند",)),
    _n("PAK", "Pakistani", "باكستاني", names=("باكستان",)),
    _n("AFG", "Afghan", "أفغاني", plurals=("أفغان",), names=("أفغانستان", "كابول")),
    _n("NGA", "Nigerian", "نيجيري", names=("نيجيريا",)),
    _n("ETH", "Ethiopian", "إثيوبي", names=("إثيوبيا",)),
    _n("UKR", "Ukrainian", "أوكراني", names=("أوكرانيا",)),
    _n("KOR", "South Korean", "كوري جنوبي", names=("كوريا الجنوبية",)),
    _n("PRK", "North Korean", "كوري شمالي", names=("كوريا الشمالية",)),
    _n("NLD", "Dutch", "هولندي", head=None, names=("هولندا",)),
    _n("BEL", "Belgian", "بلجيكي", head=None, names=("بلجيكا",)),
    _n("GRC", "Greek", "يوناني", names=("اليونان",)),
    _n("KEN", "Kenyan", "كيني", names=("كينيا",)),
    # Adjectives only (no composed institutions): the state entry gets them.
    _n("ALB", "Albanian", "ألباني", composed=False),
    _n("ARM", "Armenian", "أرميني", plurals=("أرمن",), composed=False),
    _n("AZE", "Azerbaijani", "أذربيجاني", "أذري", composed=False),
    _n("GEO", "Georgian", "جورجي", composed=False),
    _n("KAZ", "Kazakh", "كازاخستاني", "كازاخي", composed=False),
    _n("UZB", "Uzbek", "أوزبكستاني", "أوزبكي", composed=False),
    _n("TJK", "Tajik", "طاجيكي", "طاجيكستاني", composed=False),
    _n("KGZ", "Kyrgyz", "قرغيزي", composed=False),
    _n("BGD", "Bangladeshi", "بنغلاديشي", composed=False),
    _n("LKA", "Sri Lankan", "سريلانكي", composed=False),
    _n("NPL", "Nepali", "نيبالي", composed=False),
    _n("IDN", "Indonesian", "إندونيسي", composed=False),
    _n("MYS", "Malaysian", "ماليزي", composed=False),
    _n("PHL", "Filipino", "فلبيني", composed=False),
    _n("THA", "Thai", "تايلاندي", composed=False),
    _n("VNM", "Vietnamese", "فيتنامي", composed=False),
    _n("AUT", "Austrian", "نمساوي", composed=False),
    _n("CHE", "Swiss", "سويسري", composed=False),
    _n("SWE", "Swedish", "سويدي", composed=False),
    _n("NOR", "Norwegian", "نرويجي", composed=False),
    _n("DNK", "Danish", "دنماركي", composed=False),
    _n("FIN", "Finnish", "فنلندي", composed=False),
    _n("POL", "Polish", "بولندي", composed=False),
    _n("CZE", "Czech", "تشيكي", composed=False),
    _n("HUN", "Hungarian", "مجري", composed=False),
    _n("BGR", "Bulgarian", "بلغاري", composed=False),
    _n("SRB", "Serbian", "صربي", composed=False),
    _n("HRV", "Croatian", "كرواتي", composed=False),
    _n("BIH", "Bosnian", "بوسني", composed=False),
    _n("CYP", "Cypriot", "قبرصي", composed=False),
    _n("PRT", "Portuguese", "برتغالي", composed=False),
    _n("IRL", "Irish", "أيرلندي", composed=False),
    _n("BRA", "Brazilian", "برازيلي", composed=False),
    _n("ARG", "Argentine", "أرجنتيني", composed=False),
    _n("MEX", "Mexican", "مكسيكي", composed=False),
    _n("VEN", "Venezuelan", "فنزويلي", composed=False),
    _n("CUB", "Cuban", "كوبي", composed=False),
    _n("COL", "Colombian", "كولومبي", composed=False),
    _n("ZAF", "South African", "جنوب أفريقي", "جنوب إفريقي", composed=False),
    _n("UGA", "Ugandan", "أوغندي", composed=False),
    _n("TZA", "Tanzanian", "تنزاني", composed=False),
    _n("ERI", "Eritrean", "إريتري", composed=False),
    _n("TCD", "Chadian", "تشادي", composed=False),
    _n("SEN", "Senegalese", "سنغالي", composed=False),
    _n("CMR", "Cameroonian", "كاميروني", composed=False),
    _n("GHA", "Ghanaian", "غاني", composed=False),
    _n("CIV", "Ivorian", "إيفواري", composed=False),
    _n("SSD", "South Sudanese", "جنوب سوداني", composed=False),
    _n("NZL", "New Zealand", "نيوزيلندي", composed=False),
    _n("BLR", "Belarusian", "بيلاروسي", composed=False),
    _n("MDA", "Moldovan", "مولدوفي", composed=False),
    _n("LTU", "Lithuanian", "ليتواني", composed=False),
    _n("LVA", "Latvian", "لاتفي", composed=False),
    _n("EST", "Estonian", "إستوني", composed=False),
    _n("SVK", "Slovak", "سلوفاكي", composed=False),
    _n("SVN", "Slovenian", "سلوفيني", composed=False),
    _n("MLT", "Maltese", "مالطي", composed=False),
    _n("MNG", "Mongolian", "منغولي", composed=False),
    _n("SGP", "Singaporean", "سنغافوري", composed=False),
    _n("KHM", "Cambodian", "كمبودي", composed=False),
    _n("MMR", "Myanmar", "ميانماري", "بورمي", composed=False),
    _n("NER", "Nigerien", "النيجري", composed=False),
    _n("DJI", "Djiboutian", "جيبوتي", composed=False),
    _n("COD", "Congolese", "كونغولي", composed=False),
    _n("RWA", "Rwandan", "رواندي", composed=False),
    _n("BDI", "Burundian", "بوروندي", composed=False),
    _n("MOZ", "Mozambican", "موزمبيقي", composed=False),
    _n("ZWE", "Zimbabwean", "زيمبابوي", composed=False),
    _n("BRN", "Bruneian", "بروناوي", composed=False),
    _n("ISL", "Icelandic", "آيسلندي", composed=False),
    _n("LUX", "Luxembourgish", "لوكسمبورغي", composed=False),
    _n("TKM", "Turkmen", "تركمانستاني", composed=False),
)


# Names in the nationality table that are capitals: "حكومة بغداد" is said, "رئيس وزراء بغداد" is not.
CAPITALS = frozenset({
    "بغداد", "طهران", "أنقرة", "واشنطن", "لندن", "باريس", "برلين", "موسكو", "بكين", "كابول",
})  # fmt: skip


def _definite(words: str) -> str:
    """ال on every word of an adjective phrase: "كوري جنوبي" → "الكوري الجنوبي"."""
    return " ".join(w if w.startswith("ال") else "ال" + w for w in words.split())


# Words of an adjective phrase that do not inflect: "جنوب أفريقي" → "جنوب أفريقية".
_INVARIANT = frozenset({"جنوب", "شمال"})


def _with_suffix(words: str, suffix: str) -> str:
    return " ".join(w if w in _INVARIANT else w + suffix for w in words.split())


def _feminine(words: str) -> str:
    return _with_suffix(words, "ة")


@dataclass(frozen=True)
class Slots:
    """The filled placeholders of one nationality."""

    m: tuple[str, ...]  # masculine singular
    f: tuple[str, ...]  # feminine singular
    ma: tuple[str, ...]  # masculine accusative indefinite (جنديا أمريكيا)
    fp: tuple[str, ...]  # feminine plural (نساء عراقيات)
    mpn: tuple[str, ...]  # masculine plural nominative
    mpa: tuple[str, ...]  # masculine plural accusative/genitive
    mp: tuple[str, ...]  # any plural (sound both cases + broken)
    n: tuple[str, ...]  # state names for constructs ("وزير خارجية العراق")
    c: tuple[str, ...]  # capitals among the names, used only where the press does ("حكومة بغداد")
    definite_m: str
    definite_f: str


def slots(nat: Nationality) -> Slots:
    """Placeholders for ``nat``'s templates."""
    m = nat.adjectives
    bare = [a[2:] if a.startswith("ال") and " " not in a else a for a in m]
    # A definite-only adjective (التركي: bare تركي is also a first name) stays definite as
    # masculine, but its feminine and plural forms are unambiguous and can go bare.
    f = tuple(_feminine(a) for a in bare)
    ma = tuple(_with_suffix(a, "ا") for a in bare)
    fp = tuple(_with_suffix(a, "ات") for a in bare)
    mpn = tuple(_with_suffix(a, "ون") for a in bare)
    mpa = tuple(_with_suffix(a, "ين") for a in bare)
    names = nat.names or STATE_NAMES.get(nat.alpha3, ())[:1]
    capitals = tuple(n for n in names if n in CAPITALS)
    return Slots(
        m=m, f=f, ma=ma, fp=fp, mpn=mpn, mpa=mpa, mp=mpn + mpa + nat.plurals,
        n=tuple(n for n in names if n not in CAPITALS), c=capitals,
        definite_m=_definite(bare[0]), definite_f=_definite(f[0]),
    )


@dataclass(frozen=True)
class Role:
    """A composed institution: kind, English and Arabic name templates, form templates."""

    key: str
    kind: str
    english: str
    arabic: str  # uses {M} (definite masculine) or {F} (definite feminine)
    forms: tuple[str, ...]
    file: str


ROLES: tuple[Role, ...] = (
    Role("army", "military", "{dem} Armed Forces", "القوات المسلحة {F}", (
        "جيش {m}", "جيش {n}", "قوات {f}", "قوات مسلحة {f}", "قوات برية {f}", "قوات خاصة {f}",
        "وحدات {f}", "عسكريين {mpa}", "عسكريون {mpn}", "جنود {mp}", "جنودا {mp}", "جندي {m}",
        "جنديا {ma}", "ضباط {mp}", "قيادة عسكرية {f}", "مسؤول عسكري {m}", "مسؤولين عسكريين {mpa}",
        "مسؤولون عسكريون {mpn}", "مصدر عسكري {m}", "مصادر عسكرية {f}", "متحدث عسكري {m}",
        "رئيس أركان جيش {m}", "رئيس أركان {m}", "هيئة أركان {f}", "قوات {n}",
    ), "military.yaml"),
    Role("airforce", "military", "{dem} Air Force", "سلاح الجو {M}", (
        "سلاح جو {m}", "قوات جوية {f}", "طيران {m}", "طيران حربي {m}", "طائرات {f}", "طائرة {f}",
        "طائرات حربية {f}", "طائرة حربية {f}", "طائرات مقاتلة {f}", "مقاتلات {f}", "مقاتلات حربية {f}",
        "مقاتلة {f}", "مروحيات {f}", "مروحية {f}", "طائرات بدون طيار {f}", "طائرة بدون طيار {f}",
        "طائرة مسيرة {f}", "طائرات مسيرة {f}", "قاذفات {f}", "سلاح جو {n}",
    ), "military.yaml"),
    Role("navy", "military", "{dem} Navy", "البحرية {F}", (
        "بحرية {f}", "قوات بحرية {f}", "سفن حربية {f}", "سفينة حربية {f}", "بوارج {f}", "بارجة {f}",
        "زوارق {f}", "مدمرة {f}", "حاملة طائرات {f}",
    ), "military.yaml"),
    Role("police", "police", "{dem} Police", "الشرطة {F}", (
        "شرطة {f}", "شرطي {m}", "شرطيا {ma}", "قوات شرطة {f}",
    ), "military.yaml"),
    Role("security", "police", "{dem} Security Forces", "قوات الأمن {F}", (
        "قوات أمن {f}", "قوات أمنية {f}", "أجهزة أمنية {f}", "أجهزة أمن {f}", "قوى أمن {f}",
        "قوى أمنية {f}", "سلطات أمنية {f}", "أمن {m}", "رجال أمن {m}", "رجال أمن {mpa}",
        "مصدر أمني {m}", "مصادر أمنية {f}", "مسؤول أمني {m}", "مسؤولين أمنيين {mpa}",
        "جهات أمنية {f}", "قوات الأمن {n}",
    ), "military.yaml"),
    Role("intelligence", "government", "{dem} Intelligence Services", "الاستخبارات {F}", (
        "استخبارات {f}", "مخابرات {f}", "أجهزة استخبارات {f}", "أجهزة مخابرات {f}",
        "جهاز استخبارات {m}", "جهاز مخابرات {m}", "استخبارات {n}", "مخابرات {n}",
    ), "governments.yaml"),
    Role("government", "government", "{dem} Government", "الحكومة {F}", (
        "حكومة {f}", "حكومة {n}", "حكومة {c}", "سلطات {f}", "سلطات {n}", "إدارة {f}", "نظام {m}",
        "مسؤولين {mpa}", "مسؤولون {mpn}", "مسؤول {m}", "مسؤولا {ma}", "مسؤولين حكوميين {mpa}",
        "مصدر حكومي {m}", "مصادر حكومية {f}", "مصادر رسمية {f}", "وفد {m}", "قيادة {f}", "مجلس وزراء {m}",
        "وزراء {mp}", "متحدث باسم حكومة {f}",
    ), "governments.yaml"),
    Role("pm", "government", "{dem} Prime Minister", "رئيس الوزراء {M}", (
        "رئيس وزراء {m}", "رئيسة وزراء {f}", "رئيس حكومة {f}", "رئيسة حكومة {f}", "رئيس وزراء {n}",
        "رئيسة وزراء {n}", "رئيس حكومة {n}", "رئيس مجلس وزراء {m}",
    ), "titles.yaml"),
    Role("fm", "government", "{dem} Foreign Minister", "وزير الخارجية {M}", (
        "وزير خارجية {m}", "وزيرة خارجية {f}", "وزير خارجية {n}", "وزيرة خارجية {n}",
        "وزير شؤون خارجية {m}",
    ), "titles.yaml"),
    Role("foreign_ministry", "government", "{dem} Foreign Ministry", "وزارة الخارجية {F}", (
        "وزارة خارجية {f}", "خارجية {f}", "وزارة خارجية {n}", "خارجية {n}", "وزارة شؤون خارجية {f}",
    ), "governments.yaml"),
    Role("defence_minister", "government", "{dem} Defence Minister", "وزير الدفاع {M}", (
        "وزير دفاع {m}", "وزيرة دفاع {f}", "وزير دفاع {n}", "وزيرة دفاع {n}",
    ), "titles.yaml"),
    Role("defence_ministry", "government", "{dem} Defence Ministry", "وزارة الدفاع {F}", (
        "وزارة دفاع {f}", "وزارة دفاع {n}",
    ), "governments.yaml"),
    Role("interior_minister", "government", "{dem} Interior Minister", "وزير الداخلية {M}", (
        "وزير داخلية {m}", "وزيرة داخلية {f}", "وزير داخلية {n}",
    ), "titles.yaml"),
    Role("interior_ministry", "government", "{dem} Interior Ministry", "وزارة الداخلية {F}", (
        "وزارة داخلية {f}", "داخلية {f}", "وزارة داخلية {n}",
    ), "governments.yaml"),
    Role("parliament", "government", "{dem} Parliament", "البرلمان {M}", (
        "برلمان {m}", "برلمان {n}", "مجلس نواب {m}", "مجلس شعب {m}", "مجلس شورى {m}", "مجلس أمة {m}",
        "مجلس شيوخ {m}", "نواب {mpa}", "برلمانيين {mpa}", "برلمانيون {mpn}", "مشرعين {mpa}",
        "مشرعون {mpn}", "كونغرس {m}", "رئيس برلمان {m}", "رئيس مجلس نواب {m}",
    ), "governments.yaml"),
    Role("diplomats", "government", "{dem} Diplomatic Mission", "السفارة {F}", (
        "سفارة {f}", "سفير {m}", "سفيرة {f}", "قنصلية {f}", "قنصل {m}", "دبلوماسيين {mpa}",
        "دبلوماسيون {mpn}", "دبلوماسي {m}", "بعثة دبلوماسية {f}", "سفير {n}", "سفارة {n}",
        "مصدر دبلوماسي {m}", "مصادر دبلوماسية {f}",
    ), "governments.yaml"),
    Role("people", "civilians", "{dem} people", "الشعب {M}", (
        "شعب {m}", "شعب {n}", "مواطنين {mpa}", "مواطنون {mpn}", "مواطن {m}", "مواطنا {ma}",
        "مواطنة {f}", "مدنيين {mpa}", "مدنيون {mpn}", "رعايا {m}", "رعايا {mpa}", "جالية {f}",
        "لاجئين {mpa}", "لاجئون {mpn}", "نازحين {mpa}", "نازحون {mpn}", "حجاج {mpa}", "صيادين {mpa}",
        "عمال {mp}", "سياح {mp}", "طلاب {mp}", "أطفال {mp}", "نساء {fp}", "معتقلين {mpa}",
        "أسرى {mp}", "رهائن {mp}", "مختطفين {mpa}", "ناشطين {mpa}", "نشطاء {mp}", "أبناء شعب {m}",
    ), "peoples.yaml"),
)
HEADS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "president": ("{dem} President", "الرئيس {M}", (
        "رئيس {m}", "رئاسة {f}", "رئيس {n}", "رئيس جمهورية {n}", "رئيس دولة {n}", "رئيسة {f}",
        "قصر رئاسي {m}",
    )),
    "king": ("King of {country}", "العاهل {M}", (
        "ملك {m}", "عاهل {m}", "ملك {n}", "ديوان ملكي {m}",
    )),
    "emir": ("Emir of {country}", "أمير {N}", (
        "أمير {n}", "أمير دولة {n}", "ديوان أميري {m}", "الأمير {m}",
    )),
    "sultan": ("Sultan of {country}", "سلطان {N}", (
        "سلطان {n}", "السلطان {m}",
    )),
}


def _expand(template: str, s: Slots) -> list[str]:
    """Every form a template gives for one nationality (one slot per template)."""
    for slot in ("mpa", "mpn", "mp", "ma", "m", "fp", "f", "n", "c"):
        token = "{" + slot + "}"
        if token in template:
            return [template.replace(token, value) for value in getattr(s, slot)]
    return [template]


def state_entries(locale: Locale) -> list[dict[str, object]]:
    """One ``state`` entry per sovereign state: names, capitals, nationality adjectives."""
    by_alpha3 = {n.alpha3: n for n in NATIONALITIES}
    entries = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = country.alpha_3
        if code in NOT_STATES:
            continue
        babel_name = locale.territories.get(country.alpha_2, "")
        name_ar = ARABIC_NAME.get(code, babel_name)
        forms: list[str] = []
        if babel_name and BABEL_DROP.get(code) != babel_name:
            forms.append(babel_name)
        forms.extend(STATE_NAMES.get(code, ()))
        nat = by_alpha3.get(code)
        if nat is not None:
            s = slots(nat)
            forms.extend(s.m + s.f + s.ma + s.fp + s.mpn + s.mpa + nat.plurals)
            forms.extend(f"{word} {adj}" for word in ("جانب", "طرف") for adj in s.m)
            forms.extend(f"دولة {adj}" for adj in s.f)
        english = ENGLISH.get(code) or getattr(country, "common_name", None) or country.name
        entries.append({"name": english, "name_ar": name_ar, "kind": "state", "country": code,
                        "forms": _dedupe(f for f in forms if f and f != name_ar)})
    return entries


def composed_entries() -> dict[str, list[dict[str, object]]]:
    """Institutions of the composed nationalities, grouped by output file."""
    files: dict[str, list[dict[str, object]]] = {}
    for nat in NATIONALITIES:
        if not nat.composed:
            continue
        s = slots(nat)
        country = ENGLISH.get(nat.alpha3) or pycountry.countries.get(alpha_3=nat.alpha3).name
        roles = list(ROLES)
        if nat.head is not None:
            english, arabic, templates = HEADS[nat.head]
            roles.append(Role("head", "government", english, arabic, templates, "titles.yaml"))
        for role in roles:
            if role.key == "pm" and nat.alpha3 == "USA":
                continue  # no such office; "رئيس الوزراء الأمريكي" is not said
            forms = [f for t in role.forms for f in _expand(t, s)]
            forms.extend(nat.extra.get(role.key, ()))
            forms = [f for f in forms if f not in nat.drop]
            name_ar = role.arabic.format(M=s.definite_m, F=s.definite_f, N=s.n[0] if s.n else "")
            english = role.english.format(dem=nat.english, country=country)
            english, name_ar = nat.rename.get(role.key, (english, name_ar))
            entry = {
                "name": english,
                "name_ar": name_ar, "kind": role.kind, "country": nat.alpha3,
                "forms": _dedupe(f for f in forms if f != name_ar),
            }
            files.setdefault(role.file, []).append(entry)
    return files


def _dedupe(forms: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for form in forms:
        seen.setdefault(" ".join(form.split()), None)
    return list(seen)


_YAML_SPECIAL = set(",[]{}:#&*!|>'\"%@`")


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    text = str(value)
    if any(c in _YAML_SPECIAL for c in text) or text[:1] in "-?" or text.strip() != text:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def render(entries: list[dict[str, object]], header: str) -> str:
    """YAML text of ``entries`` in the hand-written files' layout."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines.append("actors:")
    for entry in entries:
        lines.append(f"  - name: {_scalar(entry['name'])}")
        for key in ("name_ar", "kind", "country"):
            lines.append(f"    {key}: {_scalar(entry[key])}")
        forms = entry["forms"]
        assert isinstance(forms, list)
        lines.append("    forms: [" + ", ".join(_scalar(f) for f in forms) + "]")
    return "\n".join(lines) + "\n"


HEADER = """{what}
Drafted by scripts/draft_actor_forms.py, then reviewed. This file is the source of truth
(nothing is generated at run time); re-drafting overwrites it, so put systematic changes
in the script's tables. Schema and matching rules: hadath/extract/actors.py."""


def main() -> None:
    """Write the drafted files to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("hadath/data/actors"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    locale = Locale("ar")
    what = {
        "states.yaml": "States: names, capitals as metonyms, nationality adjectives and plurals.",
        "military.yaml": "Armed forces, air forces, navies, police and security forces, by nationality.",
        "governments.yaml": "Governments, ministries, parliaments, intelligence services, embassies.",
        "titles.yaml": "Offices (heads of state, prime ministers, ministers) by nationality.",
        "peoples.yaml": "A nation's people and citizens (civilians), by nationality.",
    }
    outputs = {"states.yaml": state_entries(locale), **composed_entries()}
    for file_name, entries in outputs.items():
        path = args.out / file_name
        path.write_text(render(entries, HEADER.format(what=what[file_name])), encoding="utf-8")
        print(f"{path}: {len(entries)} entries")


if __name__ == "__main__":
    main()
