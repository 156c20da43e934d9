"""Golden tables: (text, expected mentions) through the whole extraction pipeline.

Each row is a general rule (nesting, person nouns, dyad abbreviations, retrospective dates …),
written for this test; none is a sentence copied from the gold set.
"""

from __future__ import annotations

import pytest
from conftest import SHARED, needs_shared

from termtrack.lexicon import load_lexicon
from termtrack.pipeline import extract
from termtrack.records import PartialDate, Statement


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def run(lex, text, lang, date="2019-06-01", title=""):
    stmt = Statement(id="t", date=PartialDate.from_iso(date), text=text, lang=lang, title=title)
    return extract(stmt, lex)


def triples(ms):
    return [(m.label_zh, m.partner, m.event) for m in ms]


LABELS_ZH = [
    # nesting: the longest label wins, never its sub-labels
    ("两国元首宣布将中白关系提升为全天候全面战略伙伴关系。", [("全天候全面战略伙伴关系", "BLR", "upgrade")]),
    # 协作 (coordination) is not 合作 (cooperation)
    ("推动中俄全面战略协作伙伴关系不断发展。", [("全面战略协作伙伴关系", "RUS", "mention")]),
    ("推动中越全面战略合作伙伴关系不断发展。", [("全面战略合作伙伴关系", "VNM", "mention")]),
    # 全方位 is a qualifier on the 全面 core; 友好 and descriptive tails are qualifiers too
    ("中方重视同德国的全方位战略伙伴关系。", [("全面战略伙伴关系", "DEU", "mention")]),
    ("两国领导人决定建立中奥战略友好伙伴关系。", [("战略伙伴关系", "AUT", "upgrade")]),
    # the items of a 、 list describe the label, their words are not its core (互利合作 is no 合作伙伴关系)…
    ("中方愿同德方做平等对话、互利合作、交流互鉴的战略伙伴。", [("战略伙伴关系", "DEU", "mention")]),
    # a 关系 label is written as it stands (GUIDELINES.md): 战略性合作关系, the Philippines' of 2005
    ("推动中菲战略性合作关系不断迈上新台阶。", [("战略性合作关系", "PHL", "mention")]),
    ("推动中菲战略合作关系不断迈上新台阶。", [("战略合作关系", "PHL", "mention")]),
    # …but a core word before 的 alone is the label's (全天候的, 全方位的)
    ("中巴之间保持全天候的战略合作伙伴关系。", [("全天候战略合作伙伴关系", "PAK", "mention")]),
    # no partner anywhere: the label is kept, the partner left empty (a wrong one is worse than none)
    ("推动两国相互尊重、平等互利的全面合作伙伴关系发展。", [("全面合作伙伴关系", None, "mention")]),
    ("推动双方伙伴关系发展。", []),  # …but a bare 伙伴关系 nobody can be named for is no dyad label
    # person noun
    ("中国和巴基斯坦是全天候战略伙伴。", [("全天候战略伙伴关系", "PAK", "mention")]),
    # traditional characters, offsets kept
    ("中巴全天候戰略合作夥伴關係歷久彌堅。", [("全天候战略合作伙伴关系", "PAK", "mention")]),
    # a combination no entry lists is still recognised
    ("乌兹别克斯坦总统访华。双方同意构建新时代全天候全面战略伙伴关系。", [("全天候全面战略伙伴关系", "UZB", "upgrade")]),
    # not labels: agreements, global slogans, regional visions, generic partners
    ("区域全面经济伙伴关系协定谈判取得进展。", []),
    ("推动构建人类命运共同体。", []),
    ("构建澜湄国家命运共同体。", []),
    ("中方视其为重要合作伙伴。", []),
    ("积极发展全球伙伴关系。", []),
    # Singapore's label of 2023: 高质量 and 前瞻性 are qualifiers on the 全方位 (全面) core, with 的 or without
    ("新加坡总理访华，两国宣布将双边关系提升为全方位高质量前瞻性伙伴关系。", [("全面合作伙伴关系", "SGP", "upgrade")]),
    ("中新双方将深化全方位高質量的前瞻性夥伴關係。", [("全面合作伙伴关系", "SGP", "mention")]),
]


@pytest.mark.parametrize("text,expected", LABELS_ZH)
def test_labels_zh(lex, text, expected):
    assert triples(run(lex, text, "zh")) == expected


LABELS_EN = [
    ("China and Italy are comprehensive strategic partners.", [("全面战略伙伴关系", "ITA", "mention")]),
    # (no country named: the label is Russia's alone, lexicon one_holder)
    ("The two countries are comprehensive strategic partners of coordination for a new era.", [("全面战略协作伙伴关系", "RUS", "mention")]),
    ("We will deepen the China-Cambodia comprehensive strategic partnership of cooperation.", [("全面战略合作伙伴关系", "KHM", "mention")]),
    ("Ties were elevated to a strategic and cooperative partnership between China and the Republic of Korea.", [("战略合作伙伴关系", "KOR", "upgrade")]),
    ("China and Germany are all-round strategic partners.", [("全面战略伙伴关系", "DEU", "mention")]),
    # spun synonym, found with method fuzzy
    ("Lukashenko and Xi had proclaimed an all-weather complete strategic partnership between their nations.", [("全天候全面战略伙伴关系", "BLR", "upgrade")]),
    # raising a label to a new level is not an upgrade
    ("The visit elevated the China-Spain comprehensive strategic partnership to a new height.", [("全面战略伙伴关系", "ESP", "mention")]),
    # proposal
    ("China stands ready to work with Colombia to establish a strategic partnership.", [("战略伙伴关系", "COL", "proposal")]),
    # (the demo's ASEAN and India rows) a raise wished for is a proposal ("lift" is a raise verb too);
    # what leaders announced the two "would establish" is done
    ("Wang said China stands ready to work with Colombia to lift their ties to a comprehensive strategic partnership.",
     [("全面战略伙伴关系", "COL", "proposal")]),
    ("The two prime ministers announced that China and Colombia would establish a strategic partnership.",
     [("战略伙伴关系", "COL", "upgrade")]),
    ("China and Colombia will establish a strategic partnership.", [("战略伙伴关系", "COL", "proposal")]),
    # not China's: party is the first side
    ("The Russia-India special and privileged strategic partnership keeps growing.", [("战略伙伴关系", "IND", "mention")]),
    # not labels
    ("We will build a community with a shared future for mankind.", []),
    ("It features partnership instead of alliance.", []),
    ("Trade Partnership Worldwide published an estimate.", []),
    ("Sierra Leone is an important cooperative partner for China.", []),
]


@pytest.mark.parametrize("text,expected", LABELS_EN)
def test_labels_en(lex, text, expected):
    assert triples(run(lex, text, "en")) == expected


def test_non_china_dyad_has_other_party(lex):
    (m,) = run(lex, "The Russia-India special and privileged strategic partnership keeps growing.", "en")
    assert (m.party, m.partner) == ("RUS", "IND")


@pytest.mark.parametrize("text,lang,expected", [
    # two others listed as the label's subject, China named nowhere: their label, the first the party
    ("Russia and India are each other's special and privileged strategic partners.", "en", [("RUS", "IND")]),
    ("Russia and India have a special and privileged strategic partnership.", "en", [("RUS", "IND")]),
    ("俄罗斯和印度互为战略伙伴。", "zh", [("RUS", "IND")]),
    ("俄罗斯同印度是战略伙伴关系。", "zh", [("RUS", "IND")]),
    # …but each of them is China's when the sentence says so (China's, of China) or says "both"/都
    ("Both the EU and the UK are China's comprehensive strategic partners.", "en", [("CHN", "ORG:EU"), ("CHN", "GBR")]),
    ("Afghanistan and Pakistan are strategic cooperative partners of China.", "en", [("CHN", "AFG"), ("CHN", "PAK")]),
    ("阿根廷和智利都是全面战略伙伴。", "zh", [("CHN", "ARG"), ("CHN", "CHL")]),
    ("China and India are each other's strategic partners.", "en", [("CHN", "IND")]),
    # the sides listed after 同/与 are each China's partner (before: the first only, and 、德国都是 read as a qualifier)
    ("中国同法国、德国都是全面战略伙伴。", "zh", [("CHN", "FRA"), ("CHN", "DEU")]),
    ("中方同俄罗斯、印度和巴西深化全面战略伙伴关系。", "zh", [("CHN", "RUS"), ("CHN", "IND"), ("CHN", "BRA")]),
    # …but two separate "with"s leave it to the one the label is built with
    ("中方愿同法方一道，同欧方深化全面战略伙伴关系。", "zh", [("CHN", "ORG:EU")]),
    # …another country before 同 is the party (review of 2bf2e8f: the list gave three China labels)
    ("英国同美国、日本和澳大利亚建立了战略伙伴关系。", "zh", [("GBR", "USA"), ("GBR", "JPN"), ("GBR", "AUS")]),
    ("巴基斯坦同中国和沙特都是战略伙伴。", "zh", [("PAK", "SAU")]),
    # …and a list that owns a noun (外长, 的) names people, not the sides: the first stays
    ("中国同巴基斯坦和阿富汗外长举行三方对话并就深化全天候战略合作伙伴关系交换意见。", "zh", [("CHN", "PAK")]),
    # (second review) the subject may be apart from 同 by 也/政府; a list may close with 等国
    ("英国也同美国、日本建立了战略伙伴关系。", "zh", [("GBR", "USA"), ("GBR", "JPN")]),
    ("英国政府同美国、日本建立了战略伙伴关系。", "zh", [("GBR", "USA"), ("GBR", "JPN")]),
    ("中国已同法国、德国、英国等国建立了全面战略伙伴关系。", "zh", [("CHN", "FRA"), ("CHN", "DEU"), ("CHN", "GBR")]),
    # …and a subject that names no one for sure (巴方: Pakistan? Brazil?) makes it nobody's, never China's
    ("巴方同印度、阿富汗建立了战略伙伴关系。", "zh", []),
    # (third review) …with one side too; 将/愿 may stand between; China in the subject's list keeps them China's
    ("巴方同印度建立了战略伙伴关系。", "zh", []),
    ("英国将同美国、日本建立战略伙伴关系。", "zh", [("GBR", "USA"), ("GBR", "JPN")]),
    ("中国、巴西都同阿根廷、智利建立了战略伙伴关系。", "zh", [("CHN", "ARG"), ("CHN", "CHL")]),
    # (fourth review) a place before 同 is where, not who
    ("王毅在雅加达同越南外长深入探讨深化全面战略合作伙伴关系。", "zh", [("CHN", "VNM")]),
    ("李强在万象同越南总理举行会谈，双方同意深化全面战略合作伙伴关系。", "zh", [("CHN", "VNM")]),
    # (the demo's not-China rows) a pair of two others written X-Y, China named nowhere in the
    # sentence: theirs wherever the label stands (before: the nearest name took it for China)
    ("Russian President Dmitry Medvedev and Indian Prime Minister Manmohan Singh agreed in New Delhi on Tuesday "
     "to raise Russia-India ties to a special and privileged strategic partnership.", "en", [("RUS", "IND")]),
    ("The two leaders agreed to raise Russia-India ties to a special and privileged strategic partnership.", "en",
     [("RUS", "IND")]),
    ("The two leaders agreed to raise China-Belarus ties to an all-weather comprehensive strategic partnership.", "en",
     [("CHN", "BLR")]),
    # …and two abbreviations written together with no 中 (俄越, 日澳): theirs, even when an earlier
    # sentence names one of them (before: China's, and in context China–Vietnam's); unsure: nobody's
    ("俄越全面战略伙伴关系不断发展。", "zh", [("RUS", "VNM")]),
    ("越南总理访华。俄越全面战略伙伴关系不断发展。", "zh", [("RUS", "VNM")]),
    ("推动法德全面战略伙伴关系发展。", "zh", [("FRA", "DEU")]),
    ("巴印战略伙伴关系不断发展。", "zh", []),
    # (second review) in another clause the pair holds it when the sentence names nobody else
    ("At the Russia-India summit in New Delhi, the two leaders agreed to raise ties to a special and privileged "
     "strategic partnership.", "en", [("RUS", "IND")]),
    # …and 之间 after 同 lists China's sides; 在X和Y之间秉持… is a stance, not their label
    ("中国同俄罗斯和乌克兰之间都保持着战略伙伴关系。", "zh", [("CHN", "RUS"), ("CHN", "UKR")]),
    ("中方在俄罗斯和乌克兰之间秉持客观公正立场，同两国都保持着战略伙伴关系。", "zh", [("CHN", None)]),
    # …and pairs listed before the label yield only to a partner it is "with"
    ("China and Russia and China and Tajikistan have all established comprehensive strategic partnerships within the "
     "framework of the SCO.", "en", [("CHN", "RUS"), ("CHN", "TJK")]),
    # (review) a label said to be between two others is theirs, whoever welcomes it
    ("中方对印度和巴基斯坦之间保持长期稳定的伙伴关系表示欢迎。", "zh", [("IND", "PAK")]),
    ("中国和巴基斯坦之间的全天候战略合作伙伴关系牢不可破。", "zh", [("CHN", "PAK")]),
    # (review of this) a region or a word is no pair: 西亚 is no Spain–Armenia
    ("推动西亚战略伙伴关系发展。", "zh", [("CHN", None)]),
    # (review) a pair in another clause is a topic, not the label's holder
    ("Hungary is a comprehensive strategic partner, and we have noted its position on the Russia-Ukraine conflict.", "en",
     [("CHN", "HUN")]),
    # (review) a capital with nobody named before it is the host, whoever is named after it
    ("Wang Yi arrived in Phnom Penh on Monday to discuss the comprehensive strategic cooperative partnership, after "
     "visiting Thailand.", "en", [("CHN", "KHM")]),
    ("中澳、中新全面战略伙伴关系不断发展。", "zh", [("CHN", "AUS"), ("CHN", "NZL")]),
    ("双方同意深化俄中全面战略协作伙伴关系。", "zh", [("CHN", "RUS")]),
    # …and "in <capital>" is where, when the sentence names somebody else
    ("Meeting leaders of Latin American and Caribbean countries in Brasilia on Thursday, Xi Jinping proposed a "
     "comprehensive cooperative partnership between China and the region.", "en", [("CHN", "ORG:LATAM")]),
    ("Speaking in Islamabad, he said the all-weather strategic cooperative partnership is unbreakable.", "en",
     [("CHN", "PAK")]),
    # …in the sentences before the label too, and the organisation whose summit is the occasion (the
    # demo's Uzbekistan row: Astana and the SCO tied with Uzbekistan, so nobody)
    ("Xi Jinping met President Shavkat Mirziyoyev of Uzbekistan in Astana on 3 July, on the sidelines of the SCO "
     "summit. Xi said the two sides should keep deepening their all-weather comprehensive strategic partnership "
     "for a new era.", "en", [("CHN", "UZB")]),
    ("At the 22nd China-ASEAN summit, Li said the strategic partnership has grown.", "en", [("CHN", "ORG:ASEAN")]),
    # a side (法方) is written through its 方: a list of sides is a list (before: the first side only)
    ("中国同法方和德方都是全面战略伙伴。", "zh", [("CHN", "FRA"), ("CHN", "DEU")]),
    ("中方同法方、德方建立了全面战略伙伴关系。", "zh", [("CHN", "FRA"), ("CHN", "DEU")]),
    ("英国同法方和德方建立了战略伙伴关系。", "zh", [("GBR", "FRA"), ("GBR", "DEU")]),
    ("俄方和印方互为战略伙伴。", "zh", [("RUS", "IND")]),
    # …and built with China, the sides are the subject's names (before: the one next to 同, or the nearest)
    ("法国和德国同中国都是全面战略伙伴。", "zh", [("CHN", "FRA"), ("CHN", "DEU")]),
    ("法方和德方同中国建立了全面战略伙伴关系。", "zh", [("CHN", "FRA"), ("CHN", "DEU")]),
    ("法国、德国都同中国建立了全面战略伙伴关系。", "zh", [("CHN", "FRA"), ("CHN", "DEU")]),
    ("法国和德国同中国的全面战略伙伴关系不断发展。", "zh", [("CHN", "FRA"), ("CHN", "DEU")]),
    # 两国 right after two listed names counts them, it is no "our two countries" (before: 美国同… was
    # China's with no partner, 中国同… had Japan only, 日本和澳大利亚两国是… was China's twice)
    ("美国同日本、澳大利亚两国建立了战略伙伴关系。", "zh", [("USA", "JPN"), ("USA", "AUS")]),
    ("中国同日本、澳大利亚两国建立了战略伙伴关系。", "zh", [("CHN", "JPN"), ("CHN", "AUS")]),
    ("日本、澳大利亚两国建立了战略伙伴关系。", "zh", [("JPN", "AUS")]),
    ("日本和澳大利亚两国是战略伙伴。", "zh", [("JPN", "AUS")]),
    # review 13: the two refer back to themselves as the holders, "their", 两国 (before: China's, with the
    # nearest of them, or with each); "the US" is a name with its article
    ("India and Japan agreed to further deepen their special strategic and global partnership.", "en", [("IND", "JPN")]),
    ("He stressed that Pakistan and the US should explore opportunities to work together and renew their strategic "
     "partnership.", "en", [("PAK", "USA")]),
    ("俄罗斯和印度领导人宣布将两国关系提升为特殊和特惠战略伙伴关系。", "zh", [("RUS", "IND")]),
    # …while China named, "respective" or 都 keeps each China's, or nobody's
    ("China and Pakistan should further deepen their all-weather strategic cooperative partnership.", "en", [("CHN", "PAK")]),
    ("中国和巴基斯坦应进一步深化两国全天候战略合作伙伴关系。", "zh", [("CHN", "PAK")]),
    ("Argentina and Chile value their respective comprehensive strategic partnerships.", "en", [("CHN", None)]),
    ("巴西和阿根廷领导人表示，两国都高度重视全面战略伙伴关系。", "zh", [("CHN", None)]),
    # second review: the reference back sits right before the label, or opens it (深化两国…, "their ties to a")…
    ("俄罗斯和印度同意深化两国特殊和特惠战略伙伴关系。", "zh", [("RUS", "IND")]),
    ("Russia and India agreed to elevate their relationship to a special and privileged strategic partnership.", "en",
     [("RUS", "IND")]),
    ("日本和澳大利亚领导人同意深化两国间的特殊战略伙伴关系。", "zh", [("JPN", "AUS")]),
    # …not 两国 as an object (同两国), past a comma, beside the speaker (我们, "we"), a plural label or "each"
    ("王毅在访问柬埔寨和老挝期间表示，愿同两国深化全面战略合作伙伴关系。", "zh", [("CHN", None)]),
    ("柬埔寨和老挝领导人近日访华，我们愿同两国深化全面战略合作伙伴关系。", "zh", [("CHN", None)]),
    ("巴基斯坦和阿富汗应改善两国关系，全天候战略合作伙伴关系将为此提供支持。", "zh", [("CHN", None)]),
    ("哈萨克斯坦和乌兹别克斯坦领导人在会见王毅时表示，两国高度重视全面战略伙伴关系。", "zh", [("CHN", None)]),
    ("Leaders of Cambodia and Laos visited last week, and we stand ready to work with the two countries to deepen "
     "comprehensive strategic cooperative partnership.", "en", [("CHN", None)]),
    ("Vietnam and Laos appreciated their comprehensive strategic cooperative partnerships.", "en", [("CHN", "LAO")]),
    ("Pakistan and Afghanistan should improve their relations, and the all-weather strategic cooperative partnership "
     "will support that.", "en", [("CHN", None)]),
    # review 16: China (or "we") named only after the label's clause, in a question about it or another
    # topic, is no side of it (before: China's, with the nearest of the two, or with each)
    ("问：俄罗斯和印度决定深化两国战略伙伴关系，中方对此有何评论？", "zh", [("RUS", "IND")]),
    ("问：日本和澳大利亚宣布将两国关系提升为特殊战略伙伴关系，这是否针对中国？", "zh", [("JPN", "AUS")]),
    ("问：美国和印度宣布建立全面全球战略伙伴关系，中方是否担心？", "zh", [("USA", "IND")]),
    ("俄罗斯和印度决定深化两国战略伙伴关系，我们对此表示欢迎。", "zh", [("RUS", "IND")]),
    ("Russia and India have agreed to deepen their strategic partnership, and China and India will hold border talks.",
     "en", [("RUS", "IND")]),
    ("Russia and India agreed to deepen their strategic partnership, and we welcome this.", "en", [("RUS", "IND")]),
    ("The two leaders agreed to raise Russia-India ties to a special and privileged strategic partnership, and China "
     "welcomes this.", "en", [("RUS", "IND")]),
    ("巴基斯坦和阿富汗互为战略伙伴，中方乐见其成。", "zh", [("PAK", "AFG")]),
    ("Russia and India have a special and privileged strategic partnership, and China respects it.", "en",
     [("RUS", "IND")]),
    # …while China named in the label's clause, before it or after it, is still a side, and past a later China
    # a bare copula may say China's partners
    ("中方愿同俄罗斯和印度深化两国战略伙伴关系。", "zh", [("CHN", "RUS"), ("CHN", "IND")]),
    ("俄罗斯和印度是全面战略伙伴，中方愿同两国深化合作。", "zh", [("CHN", "RUS"), ("CHN", "IND")]),
    ("俄罗斯和印度同中国建立了战略伙伴关系，中方对此表示赞赏。", "zh", [("CHN", "RUS"), ("CHN", "IND")]),
    ("Pakistan and China agreed to deepen their all-weather strategic cooperative partnership, and India will hold "
     "talks.", "en", [("CHN", "PAK")]),
    # review 16: two others' pair written as two abbreviations is theirs after a verb taking it as its object
    # (注意到, 关注: before, the pair was not read there), and as the subject before 两国 or 关系 (美印两国宣布建立…,
    # 将俄印关系提升为…: before, nobody's); a coordination the label's words left out (特殊和优惠, 优惠 unknown to
    # the lexicon) stands between 两国 and the label (before: nobody's)
    ("中方注意到俄印战略伙伴关系的发展。", "zh", [("RUS", "IND")]),
    ("我们关注美印战略伙伴关系的发展。", "zh", [("USA", "IND")]),
    ("问：美印两国宣布建立全面全球战略伙伴关系，中方是否担心？", "zh", [("USA", "IND")]),
    ("日澳两国领导人宣布将两国关系提升为特殊战略伙伴关系。", "zh", [("JPN", "AUS")]),
    ("两国领导人同意将俄印关系提升为特殊战略伙伴关系，中方对此表示欢迎。", "zh", [("RUS", "IND")]),
    ("据报道，俄罗斯和印度决定深化两国特殊和优惠战略伙伴关系。", "zh", [("RUS", "IND")]),
    ("问：俄罗斯和印度决定深化两国特殊和优惠战略伙伴关系，中方对此有何评论？", "zh", [("RUS", "IND")]),
    # …not China's pair, a region (南亚), a name's last characters (澳大利亚) nor 两国 as the subject of a verb
    ("中巴两国宣布建立全天候战略合作伙伴关系。", "zh", [("CHN", "PAK")]),
    ("南亚两国宣布建立战略伙伴关系。", "zh", [("CHN", None)]),
    ("中国同澳大利亚关系提升为全面战略伙伴关系。", "zh", [("CHN", "AUS")]),
    ("哈萨克斯坦和乌兹别克斯坦领导人表示，两国高度重视全面战略伙伴关系。", "zh", [("CHN", None)]),
    # (accuracy review, class 1) "elevated ties" without "their", signing the label's treaty or agreement, 签署; the
    # two sides opening the label's clause when the sentence names others before it, 印俄双方 (before: China's)
    ("Australia and India elevated ties to a comprehensive strategic partnership.", "en", [("AUS", "IND")]),
    ("Mongolia and Japan signed a special strategic partnership treaty.", "en", [("MNG", "JPN")]),
    ("Egypt and Saudi Arabia signed an agreement on strategic partnership.", "en", [("EGY", "SAU")]),
    ("白俄罗斯和委内瑞拉签署了《战略伙伴关系条约》。", "zh", [("BLR", "VEN")]),
    ("莫迪访问东京期间，印日两国签署特殊战略伙伴关系联合声明。", "zh", [("IND", "JPN")]),
    ("日本首相访问堪培拉，日澳双方重申特殊战略伙伴关系。", "zh", [("JPN", "AUS")]),
    ("Lula visited Paris, and France and Brazil reaffirmed their strategic partnership.", "en", [("FRA", "BRA")]),
    # …while China one of the two stays China's
    ("China and Laos signed an agreement on comprehensive strategic cooperative partnership.", "en", [("CHN", "LAO")]),
    ("普京访问北京期间，中俄两国签署联合声明，深化新时代全面战略协作伙伴关系。", "zh", [("CHN", "RUS")]),
    ("Lula visited Beijing, and China and Brazil reaffirmed their comprehensive strategic partnership.", "en",
     [("CHN", "BRA")]),
    ("老挝国家主席访华期间，中老双方签署全面战略合作伙伴关系行动计划。", "zh", [("CHN", "LAO")]),
])
def test_two_others_as_the_subject_hold_the_label_between_them(lex, text, lang, expected):
    assert [(m.party, m.partner) for m in run(lex, text, lang)] == expected


@pytest.mark.parametrize("text,lang,expected", [
    # review 16: a country other than China, the subject of the verb setting a label up, and the one it sets
    # it up with hold it (before: China's, with the subject or the nearest); a clause that opens with 同
    # shares the subject of the clause before it when that one is said with 同 too
    ("Q: Vietnam has established an extensive strategic partnership with Japan.", "en", [("VNM", "JPN")]),
    ("Japan has established a special strategic partnership with Australia.", "en", [("JPN", "AUS")]),
    ("Last week, Australia upgraded its ties with India to a comprehensive strategic partnership.", "en",
     [("AUS", "IND")]),
    ("Vietnam established a comprehensive partnership with the US and an extensive strategic partnership with Japan.",
     "en", [("VNM", "USA"), ("VNM", "JPN")]),
    ("问：越南同美国建立全面伙伴关系，同日本建立广泛战略伙伴关系，中方如何看待？", "zh", [("VNM", "USA"), ("VNM", "JPN")]),
    ("越南同中国建立全面战略合作伙伴关系，同日本建立战略伙伴关系。", "zh", [("CHN", "VNM"), ("VNM", "JPN")]),
    # …but China as either side, or no subject written (the spokesperson's China left unsaid), is China's
    ("Vietnam has established a comprehensive strategic cooperative partnership with China.", "en", [("CHN", "VNM")]),
    ("Pakistan upgraded its ties with China to an all-weather strategic cooperative partnership.", "en",
     [("CHN", "PAK")]),
    ("China has established a comprehensive strategic partnership with Vietnam.", "en", [("CHN", "VNM")]),
    ("中方同越南建立全面战略合作伙伴关系，同日本建立战略伙伴关系。", "zh", [("CHN", "VNM"), ("CHN", "JPN")]),
    ("中方愿同越方一道，同日本深化战略伙伴关系。", "zh", [("CHN", "JPN")]),
    ("王毅表示，同日本建立战略伙伴关系符合两国利益。", "zh", [("CHN", "JPN")]),
    # (accuracy review, class 1) a holder written before the label, possessive, the subject of "its" or "has", and
    # the names after its "with"; "between X and Y"; X同Y的…, X方重视同Y的… (before: China's)
    ("Japan's special strategic partnership with Australia is growing.", "en", [("JPN", "AUS")]),
    ("ASEAN's comprehensive strategic partnership with Australia was launched in 2021.", "en",
     [("ORG:ASEAN", "AUS")]),
    ("Tokyo values its special strategic partnership with Canberra.", "en", [("JPN", "AUS")]),
    ("Indonesia has comprehensive strategic partnerships with China and Australia.", "en",
     [("CHN", "IDN"), ("IDN", "AUS")]),
    ("The strategic partnership between Brazil and France dates back to 2006.", "en", [("BRA", "FRA")]),
    ("法国同巴西的战略伙伴关系不断深化。", "zh", [("FRA", "BRA")]),
    ("马克龙表示，法方重视同印度的战略伙伴关系。", "zh", [("FRA", "IND")]),
    # …while China one of them, or the holder, keeps China's
    ("Pakistan values its all-weather strategic cooperative partnership with China.", "en", [("CHN", "PAK")]),
    ("Brazil's comprehensive strategic partnership with China keeps growing.", "en", [("CHN", "BRA")]),
    ("The comprehensive strategic partnership between China and Brazil keeps growing.", "en", [("CHN", "BRA")]),
    ("巴基斯坦总理表示，巴方高度重视同中国的全天候战略合作伙伴关系。", "zh", [("CHN", "PAK")]),
    ("王毅表示，中方重视同法国的全面战略伙伴关系。", "zh", [("CHN", "FRA")]),
    ("中方愿深化同俄罗斯、伊朗的全面战略伙伴关系。", "zh", [("CHN", "RUS"), ("CHN", "IRN")]),
    ("Egypt and Saudi Arabia have comprehensive strategic partnerships with China.", "en",
     [("CHN", "EGY"), ("CHN", "SAU")]),
    # …and a list after another noun's "with" is not the label's, which has its own (before: the listed two's)
    ("Kenya's ties with the United States and Britain will not affect its comprehensive strategic partnership with "
     "China.", "en", [("CHN", "KEN")]),
    ("Indonesia's cooperation with Australia and Japan leaves its comprehensive strategic partnership with China "
     "unchanged.", "en", [("CHN", "IDN")]),
    ("Nepal's disputes with India and Bhutan have not weakened the strategic cooperative partnership with China.", "en",
     [("CHN", "NPL")]),
])
def test_a_subject_other_than_china_holds_what_it_sets_up(lex, text, lang, expected):
    assert [(m.party, m.partner) for m in run(lex, text, lang)] == expected


@pytest.mark.parametrize("text,lang,date,expected", [
    # a label only one partner holds names it when the text leaves the partner open
    ("He said that the two countries will continue to deepen the comprehensive strategic partnership of coordination.",
     "en", "2019-12-20", [("全面战略协作伙伴关系", "RUS", "mention")]),
    ("两国将继续深化全面战略协作伙伴关系。", "zh", "2019-12-20", [("全面战略协作伙伴关系", "RUS", "mention")]),
    # …not before it held it, nor a label many hold
    ("两国将继续深化全面战略协作伙伴关系。", "zh", "2010-12-20", [("全面战略协作伙伴关系", None, "mention")]),
    ("两国将继续深化全面战略伙伴关系。", "zh", "2019-12-20", [("全面战略伙伴关系", None, "mention")]),
])
def test_a_label_one_partner_holds(lex, text, lang, date, expected):
    assert triples(run(lex, text, lang, date=date)) == expected


@pytest.mark.parametrize("text,lang,date,expected", [
    # the year relations began, as the text gives it, picks one of the states an abbreviation names
    ("建交47年来，两国关系健康稳定发展。中方愿同阿方一道，推动中阿全面战略伙伴关系向前发展。", "zh", "2019-10-28",
     [("全面战略伙伴关系", "ARG", "mention")]),
    ("中乌建交31年来，两国关系发展顺利。推动中乌战略伙伴关系取得更大发展。", "zh", "2019-11-29", [("战略伙伴关系", "URY", "mention")]),
    ("1972年建交以来，两国关系发展顺利。推动中阿全面战略伙伴关系取得更大发展。", "zh", "2019-11-29",
     [("全面战略伙伴关系", "ARG", "mention")]),
    # …and no year, or one two of them share (塞: Senegal and Sierra Leone, 1971), leaves it open
    ("两国关系健康稳定发展。推动中阿全面战略伙伴关系向前发展。", "zh", "2019-10-28", [("全面战略伙伴关系", None, "mention")]),
    ("建交47年来，双方合作成果丰硕。推动中塞全面战略合作伙伴关系向前发展。", "zh", "2018-05-11", [("全面战略合作伙伴关系", None, "mention")]),
])
def test_the_year_relations_began_resolves_an_abbreviation(lex, text, lang, date, expected):
    assert triples(run(lex, text, lang, date=date)) == expected


@pytest.mark.parametrize("text,year,expected", [
    ("建交47年来，两国关系健康稳定发展。", 2019, (1972,)),
    ("今年是两国建交四十周年。", 2019, (1979,)),
    ("1972年2月19日两国正式建交。", 2019, (1972,)),
    ("This year marks the 40th anniversary of the establishment of China-Portugal diplomatic relations.", 2019, (1979,)),
    ("The two countries established diplomatic ties in 1979.", 2019, (1979,)),
    ("Diplomatic relations were established in 1979.", 2019, (1979,)),
    ("It has been 30 years since diplomatic ties were set up.", 2019, (1989,)),
    ("Diplomatic ties with the EU began in 1975, and trade grew.", 2019, ()),  # no pattern: no year
])
def test_relation_years_in_text(text, year, expected):
    from termtrack.attribute import relation_years

    assert relation_years(text, year) == expected


def test_context_gives_partner(lex):
    text = "Foreign Minister Lavrov will visit China next week. The two countries are comprehensive strategic partners of coordination."
    assert triples(run(lex, text, "en")) == [("全面战略协作伙伴关系", "RUS", "mention")]


def test_ambiguous_abbreviation_resolved_by_full_name(lex):
    text = "巴西总统将访华。中方愿同巴方一道，推动中巴全面战略伙伴关系持续发展。"
    assert triples(run(lex, text, "zh")) == [("全面战略伙伴关系", "BRA", "mention")]


def test_ambiguous_abbreviation_resolved_by_holder(lex):
    # no full name in the text: 中巴 + all-weather is Pakistan's label, not Brazil's or Panama's
    assert triples(run(lex, "中巴全天候战略合作伙伴关系经受住了考验。", "zh")) == [("全天候战略合作伙伴关系", "PAK", "mention")]


@pytest.mark.parametrize("text,lang,date,ref", [
    ("2016年1月，两国宣布建立全面战略伙伴关系。中伊关系翻开新篇章。", "zh", "2017-07-28", "2016-01"),
    ("明年将迎来中国—东盟建立战略伙伴关系15周年。", "zh", "2017-05-16", "2003"),
    ("Fifteen years ago, China and ASEAN established the strategic partnership.", "en", "2018-10-08", "2003"),
    ("In November last year, the two leaders agreed to elevate China-Vanuatu relations to a comprehensive strategic partnership.", "en", "2019-05-20", "2018-11"),
    # a day or month without a year: the latest one on or before the statement
    ("昨天，两国元首签署联合声明，将中俄关系提升为新时代全面战略协作伙伴关系。", "zh", "2019-06-06", "2019-06-05"),
    ("习近平主席6月访问吉尔吉斯斯坦期间，两国宣布建立全面战略伙伴关系。", "zh", "2018-09-10", "2018-06"),
    ("习近平主席11月访问期间，两国宣布建立全面战略伙伴关系。", "zh", "2019-02-10", "2018-11"),
    ("今年3月，两国元首确定了中智创新战略伙伴关系的新定位。", "zh", "2019-09-10", "2019-03"),
    # the date follows the label in its clause
    ("The two presidents upgraded China-Namibia ties to a comprehensive strategic partnership at their meeting in March last year, opening a new chapter.", "en", "2019-05-20", "2018-03"),
    ("During his visit in June, President Xi announced with President Putin that the two countries are developing a comprehensive strategic partnership of coordination for a new era.", "en", "2019-09-09", "2019-06"),
    # a year that opens the sentence; "yesterday" in English as in Chinese; "when … was just established"
    ("In 2012, China and Chile established the strategic partnership, a milestone for both.", "en", "2016-11-20", "2012"),
    ("At their talks yesterday, the two presidents elevated China-Bolivia ties to a strategic partnership.", "en", "2018-06-20", "2018-06-19"),
    ("Trade between China and the African Union has grown fivefold since 2010 when the China-AU strategic partnership was first established.", "en", "2020-01-10", "2010"),
    # the anniversary of the label itself dates it, "establishment" or not…
    ("This year marks the 10th anniversary of the China-Chile strategic partnership and the 20th anniversary of the forum.", "en", "2022-03-01", "2012"),
    # …the anniversary of diplomatic ties never does
    ("This year marks the 50th anniversary of the establishment of diplomatic ties and the 10th anniversary of the establishment of the China-Chile strategic partnership.", "en", "2022-03-01", "2012"),
    # (the demo's Venezuela and CELAC rows) a day said without its month, "on Thursday": the latest
    # such day on or before the dispatch
    ("国家主席习近平20日在加拉加斯同委内瑞拉总统马杜罗举行会谈，两国元首决定将中委关系提升为全面战略伙伴关系。", "zh",
     "2014-07-21", "2014-07-20"),
    ("国家主席习近平25日同委内瑞拉总统马杜罗举行会谈，两国元首决定将中委关系提升为全面战略伙伴关系。", "zh",
     "2014-07-21", "2014-06-25"),
    ("In Brasilia on Thursday, Xi and the leaders agreed to establish a comprehensive cooperative partnership between "
     "China and Latin America.", "en", "2014-07-18", "2014-07-17"),
    ("On Wednesday, China and Brazil upgraded their ties to a comprehensive strategic partnership.", "en", "2014-07-16",
     "2014-07-16"),
    # (the demo's Brazil row) a last clause that is only a time dates the label of the clause before it
    ("温家宝回顾说，巴西是第一个同中国建立战略伙伴关系的国家，那是在1993年。", "zh", "2012-06-21", "1993"),
    ("Wen recalled that Brazil was the first country to establish a strategic partnership with China, back in 1993.",
     "en", "2012-06-21", "1993"),
    # (the demo's EU, Egypt, Iran, Belarus and news rows) a clause after the label that says when it was set
    # up reports its establishment and dates it: a relative clause, a participle, "held since", "dates from"
    ("Both sides agreed to add momentum to the China-Chile comprehensive strategic partnership, which they first "
     "set up in 2016.", "en", "2019-03-01", "2016"),
    ("The talks deepened the China-Egypt comprehensive strategic partnership, which the two countries set up in "
     "December 2014.", "en", "2016-01-21", "2014-12"),
    ("Iran's foreign minister visited Beijing. Wang said the plan would give substance to the comprehensive strategic "
     "partnership the two countries established in 2016.", "en", "2021-03-27", "2016"),
    ("In 2019 the leaders of China and Peru reviewed the comprehensive strategic partnership established in 2013.",
     "en", "2019-04-01", "2013"),
    ("China and Belarus remain comprehensive strategic partners, the status they have held since 2013.",
     "en", "2016-09-30", "2013"),
    ("Lukashenko hoped to give the China-Belarus all-weather comprehensive strategic partnership, agreed last "
     "September, more economic weight.", "en", "2023-02-28", "2022-09"),
    ("The China-Vietnam comprehensive strategic cooperative partnership, which dates from 2008, keeps growing.",
     "en", "2015-11-05", "2008"),
    # …and in Chinese the verb after the label with how long ago (half a year before the statement)
    ("中拉全面合作伙伴关系建立半年来，双方合作呈现良好势头。", "zh", "2015-01-08", "2014-07"),
    ("中伊全面战略伙伴关系建立三年来，两国合作成果丰硕。", "zh", "2019-01-23", "2016"),
    ("中伊全面战略伙伴关系于2016年1月建立以来，两国合作成果丰硕。", "zh", "2019-01-23", "2016-01"),
    # the month May is no modal "may" (before: a raise possible, a proposal or a mention with no date)
    ("China and Laos in May lifted their relationship to a comprehensive strategic cooperative partnership.", "en",
     "2009-06-10", "2009-05"),
    ("The two presidents on May 14 raised China-Ghana ties to a strategic partnership.", "en", "2024-05-20",
     "2024-05-14"),
    ("China and Portugal on 6 May upgraded ties to a comprehensive strategic partnership.", "en", "2019-05-20",
     "2019-05-06"),
    ("China and Belarus in May 2013 raised their ties to a comprehensive strategic partnership.", "en", "2013-07-01",
     "2013-05"),
])
def test_retrospective_dates(lex, text, lang, date, ref):
    ms = run(lex, text, lang, date=date)
    assert [m.event for m in ms] == ["upgrade"]
    assert ms[0].ref_date is not None and ms[0].ref_date.iso() == ref


@pytest.mark.parametrize("text,lang,expected", [
    # a cleft right after the label dates its raise (before: no date, or the date of the saying before it):
    # 是在2015年, 是2015年的事, 是在…期间, 是在去年; with its verb (是2015年建立的) it reports the setting up
    ("中巴关系提升为全天候战略合作伙伴关系是在2015年。", "zh", [("upgrade", "2015")]),
    ("中巴关系提升为全天候战略合作伙伴关系是2015年的事。", "zh", [("upgrade", "2015")]),
    ("中巴关系提升为全天候战略合作伙伴关系是在2015年4月习近平主席访问巴基斯坦期间。", "zh", [("upgrade", "2015-04")]),
    ("2018年5月28日，发言人说，中巴关系提升为全天候战略合作伙伴关系是在2015年。", "zh", [("upgrade", "2015")]),
    ("两国建立全天候战略合作伙伴关系是在去年，此后合作不断深化。", "zh", [("upgrade", "2017")]),
    ("中巴全天候战略合作伙伴关系是2015年建立的。", "zh", [("upgrade", "2015")]),
    # …not a date that starts a phrase of its own (2015年以来…), nor a cleft with no date
    ("中巴关系提升为全天候战略合作伙伴关系是2015年以来最重要的成果。", "zh", [("upgrade", None)]),
    ("中巴全天候战略合作伙伴关系是2015年以来两国合作的基础。", "zh", [("mention", None)]),
    ("中巴全天候战略合作伙伴关系是两国关系史上的里程碑。", "zh", [("mention", None)]),
    # …and as before: a date before the raise, and the English "… was in 2015"
    ("两国关系于2015年提升为全天候战略合作伙伴关系。", "zh", [("upgrade", "2015")]),
    ("The raising of China-Pakistan ties to an all-weather strategic cooperative partnership was in 2015.", "en",
     [("upgrade", "2015")]),
])
def test_a_cleft_after_the_label_dates_its_raise(lex, text, lang, expected):
    got = [(m.event, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang, date="2018-05-28")]
    assert got == expected


@pytest.mark.parametrize("text,lang", [
    # …not a time two clauses on, nor a clause that says more than the time
    ("两国建立了战略伙伴关系，双方合作成果丰硕，2012年。", "zh"),
    ("两国建立了战略伙伴关系，2012年双方又签署了合作规划。", "zh"),
    ("The two countries established a strategic partnership, and trade has grown since 2010.", "en"),
    # …"since" of another verb, a subject after a comma (a clause of its own), 建立十多年来 (no time said)
    ("The China-Chile strategic partnership has grown fast since 2010.", "en"),
    ("China values its strategic partnership with Chile, Chile set up a fund in 2016 and trade grew.", "en"),
    ("中拉全面合作伙伴关系建立十多年来，双方合作呈现良好势头。", "zh"),
])
def test_a_later_clause_with_more_than_a_time_dates_nothing(lex, text, lang):
    assert [m.ref_date for m in run(lex, text, lang, date="2019-01-01")] == [None]


@pytest.mark.parametrize("text,lang,expected", [
    # (review 16, E4b) how long ago a label was set up, said after its verb, in either order (中智全面战略伙伴关系建立三年来
    # worked): the statement's date that many years back (year), or months back (month: 半年, 三年半, "six months")
    ("中智建立全面战略伙伴关系三年来，各领域合作成果丰硕。", "zh", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("中智建立全面战略伙伴关系3年来，各领域合作成果丰硕。", "zh", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("中智建立全面战略伙伴关系半年来，各领域合作成果丰硕。", "zh", [("全面战略伙伴关系", "upgrade", "2018-11")]),
    ("中智建立全面战略伙伴关系三年半来，各领域合作成果丰硕。", "zh", [("全面战略伙伴关系", "upgrade", "2015-11")]),
    ("中智两国建立全面战略伙伴关系已有三年。", "zh", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("中智两国建立全面战略伙伴关系以来的三年里，各领域合作成果丰硕。", "zh", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("中智关系提升为全面战略伙伴关系半年来，各领域合作成果丰硕。", "zh", [("全面战略伙伴关系", "upgrade", "2018-11")]),
    # …the label first, 已有 (before: a mention, no date)
    ("中智全面战略伙伴关系建立已有三年了。", "zh", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("Over the three years since the establishment of the China-Chile strategic partnership, trade has doubled.", "en",
     [("战略伙伴关系", "upgrade", "2016")]),
    ("In the 10 years since China and Chile established their strategic partnership, trade has doubled.", "en",
     [("战略伙伴关系", "upgrade", "2009")]),
    ("It has been half a year since the establishment of the China-Chile comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "upgrade", "2018-11")]),
    ("In the six months since China and Chile elevated their ties to a comprehensive strategic partnership, trade has "
     "grown.", "en", [("全面战略伙伴关系", "upgrade", "2018-11")]),
    # near misses: no time said (十多年, 三年多), the time in a clause of its own, a verb of tending, the years since
    # diplomatic ties
    ("中智两国建立全面战略伙伴关系十多年来，各领域合作成果丰硕。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("中智两国建立全面战略伙伴关系已有三年多。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("中智两国建立了全面战略伙伴关系，三年来各领域合作成果丰硕。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("中智两国推进全面战略伙伴关系三年来，各领域合作成果丰硕。", "zh", [("全面战略伙伴关系", "mention", None)]),
    ("Over the three years since the establishment of diplomatic ties, the China-Chile strategic partnership has grown.",
     "en", [("战略伙伴关系", "mention", None)]),
    ("In the three years since diplomatic ties were established, China and Chile set up a strategic partnership.", "en",
     [("战略伙伴关系", "upgrade", None)]),
])
def test_the_time_since_a_label_was_set_up_in_either_order(lex, text, lang, expected):
    assert [(m.label_zh, m.event, m.ref_date.iso() if m.ref_date else None)
            for m in run(lex, text, lang, date="2019-05-10")] == expected


def test_offsets_point_into_original_text(lex):
    text = "問：中巴全天候戰略合作夥伴關係如何？\n答：中俄全面戰略協作夥伴關係處於歷史最好水平。"
    for m in run(lex, text, "zh"):
        assert text[m.start:m.end] == m.surface
        assert m.surface in m.sentence


def test_parts_apart_are_not_the_label(lex):
    """Belarus 2016: all-weather friendship and the comprehensive strategic partnership, apart."""
    text = "双方同意发展全天候友谊，充实中白全面战略伙伴关系内涵。"
    ms = run(lex, text, "zh", date="2016-09-29")
    assert triples(ms) == [("全面战略伙伴关系", "BLR", "mention")]
    assert ms[0].extra["loose_parts"] == ("全天候",)
    en = "China will develop all-weather friendship with Belarus and augment the China-Belarus comprehensive strategic partnership."
    assert triples(run(lex, en, "en", date="2016-09-29")) == [("全面战略伙伴关系", "BLR", "mention")]


# --- regression rules found on the shared MFA corpora -------------------------------------
def test_partner_in_the_labels_clause_wins(lex):
    text = "我们愿同俄罗斯不断深化全面战略协作伙伴关系，同时致力于推动中美关系稳定发展。"
    assert triples(run(lex, text, "zh")) == [("全面战略协作伙伴关系", "RUS", "mention")]


def test_anniversary_is_the_one_after_the_label(lex):
    ms = run(lex, "今年是东盟成立50周年，明年将迎来中国—东盟建立战略伙伴关系15周年。", "zh", date="2017-05-16")
    assert [m.ref_date.iso() for m in ms] == ["2003"]


def test_country_inside_a_transliterated_name_is_no_actor(lex):
    text = "今年4月，瑞士联邦主席施奈德-阿曼访华，两国确定了创新战略伙伴关系。"
    assert [m.partner for m in run(lex, text, "zh")] == ["CHE"]


@pytest.mark.parametrize("text,lang", [
    ("第五次对话将为中法经济财金战略伙伴关系注入新动力。", "zh"),
    ("Both sides will build an energy strategic partnership.", "en"),
    ("They will build a closer developmental partnership with China.", "en"),
])
def test_sectoral_partnerships_are_not_dyad_labels(lex, text, lang):
    assert run(lex, text, lang) == []


@pytest.mark.parametrize("text,expected", [
    # a comparison is no label of the pair: "not an ordinary …", "beyond an ordinary '…'"
    ("中巴关系不是一般的战略伙伴关系，而是全天候战略合作伙伴关系。", [("全天候战略合作伙伴关系", "PAK", "mention")]),
    ("他说，俄中两国的协作超过了一般的“战略协作伙伴关系”。", []),
])
def test_comparisons_are_not_labels(lex, text, expected):
    assert triples(run(lex, text, "zh")) == expected


def test_timeline_variant_is_not_a_downgrade(lex):
    from termtrack.timeline import MentionFact, build_timeline

    def fact(sid, day, label, tier, event="mention"):
        return MentionFact(statement_id=sid, statement_date=PartialDate.from_iso(day), lang="en", label_zh=label,
                           label_id="", tier=tier, new_era=False, qualifiers=(), kind="partnership", partner="PAK",
                           party="CHN", event=event, ref_date=None, sentence="", surface="", start=0, end=1)

    facts = [fact("a", "2005-04-06", "战略合作伙伴关系", "strategic_cooperative", "upgrade"),
             fact("b", "2015-04-20", "全天候战略合作伙伴关系", "all_weather", "upgrade"),
             fact("c", "2020-08-21", "全天候战略伙伴关系", "all_weather"),  # a dropped word
             fact("d", "2021-01-05", "战略合作伙伴关系", "strategic_cooperative")]  # an older wording
    tl = build_timeline(facts, lex=lex, partner="PAK")
    assert [(p.label, p.change) for p in tl.periods] == [("战略合作伙伴关系", "first"), ("全天候战略合作伙伴关系", "upgrade")]
    assert {m.statement_id for m in tl.relapses} == {"c", "d"}


@pytest.mark.parametrize("text,lang,partner", [
    # the subject of "X is … a partner" wins over regions and demonyms that describe it
    ("Chile is an important Latin American economy and a comprehensive strategic partner of China.", "en", "CHL"),
    ("肯尼亚是东非大国和非洲联盟成员，也是中国的全面战略合作伙伴。", "zh", "KEN"),
    # … unless another subject with its own copula comes between
    ("埃及是最早承认新中国的阿拉伯国家，沙特是较早同中国建立全面战略伙伴关系的海湾国家。", "zh", "SAU"),
    # a group heading "…国家" after the label describes the subject; a China–X pair in another clause names a summit
    ("丹麦是最早同中国建交的西方国家之一，也是首个同中国建立全面战略伙伴关系的北欧国家。", "zh", "DNK"),
    ("匈牙利是中东欧地区重要国家和中国—中东欧领导人会晤主办方，也是中国的全面战略伙伴。", "zh", "HUN"),
])
def test_copular_subject_is_the_partner(lex, text, lang, partner):
    assert [m.partner for m in run(lex, text, lang)] == [partner]


@pytest.mark.parametrize("text,lang,partners", [
    # a listed subject is each of its names
    ("Both Chile and Peru are China's comprehensive strategic partners.", "en", ["CHL", "PER"]),
    ("肯尼亚、埃塞俄比亚是中国的全面战略合作伙伴。", "zh", ["KEN", "ETH"]),
    ("智利和秘鲁都是中国的全面战略伙伴。", "zh", ["CHL", "PER"]),
    ("法方和德方都是中国的全面战略伙伴。", "zh", ["FRA", "DEU"]),  # (a side is written through its 方)
    # pairs with China listed as the subject are each a pair (before: the first or the nearest only, or
    # nothing: four names read as one group)
    ("China and ASEAN, as well as China and the EU, are comprehensive strategic partners.", "en", ["ORG:ASEAN", "ORG:EU"]),
    ("China and France, and China and Germany, have established comprehensive strategic partnerships.", "en",
     ["FRA", "DEU"]),
    ("中国和东盟、中国和欧盟都是全面战略伙伴。", "zh", ["ORG:ASEAN", "ORG:EU"]),
    ("中国同法国、中国同德国都建立了全面战略伙伴关系。", "zh", ["FRA", "DEU"]),
    ("中俄、中印都是战略伙伴。", "zh", ["RUS", "IND"]),
])
def test_a_listed_subject_is_every_partner(lex, text, lang, partners):
    assert [m.partner for m in run(lex, text, lang)] == partners


@pytest.mark.parametrize("text", [
    "肯尼亚是东非大国，也是中国在非洲的全面战略合作伙伴。",
    "秘鲁是中国在拉美地区的全面战略伙伴。",
])
def test_a_place_named_with_zai_is_not_the_partner(lex, text):
    partner = "KEN" if text.startswith("肯尼亚") else "PER"
    assert [(m.surface, m.partner) for m in run(lex, text, "zh")] == [("全面战略合作伙伴" if partner == "KEN" else "全面战略伙伴", partner)]


def test_a_joiner_before_liangguo_does_not_chain_label_words(lex):
    text = "推动两国经济合作和两国面向未来的全面战略伙伴关系不断发展。"
    assert [m.label_zh for m in run(lex, text, "zh")] == ["全面战略伙伴关系"]


def test_established_thing_before_de_is_not_the_label(lex):
    text = "该对话是两国领导人2010年宣布建立的合作机制，旨在推动中意全面战略伙伴关系不断发展。"
    assert triples(run(lex, text, "zh")) == [("全面战略伙伴关系", "ITA", "mention")]


def test_no_label_word_left_of_the_dyad(lex):
    text = "推动两国经济合作和紧密持久的中法全面战略伙伴关系不断发展。"
    assert [(m.label_zh, m.partner) for m in run(lex, text, "zh")] == [("全面战略伙伴关系", "FRA")]


def test_abbreviation_before_jianli_is_a_dyad(lex):
    text = "今年是中文建立战略合作关系10周年，也是中国—东盟建立战略伙伴关系20周年。"
    assert [(m.label_zh, m.partner, m.ref_date.iso()) for m in run(lex, text, "zh", date="2023-05-01")] == [
        ("战略合作关系", "BRN", "2013"), ("战略伙伴关系", "ORG:ASEAN", "2003")]


@pytest.mark.parametrize("text,lang,partner", [
    # "our two countries" four sentences after the partner is named: the exchange's partner
    ("Q: Can you tell us about the Foreign Minister of Chile's visit?\nA: The visit comes at a good time. "
     "The two foreign ministers will meet on Monday. They will sign several documents. They will also meet the press. "
     "We hope the visit will bring our comprehensive strategic partnership to a new level.", "en", "CHL"),
    ("问：请介绍秘鲁外长访华的情况。\n答：此访正值良好时机。双方将举行会谈。双方将签署多项文件。双方还将共见记者。"
     "我们希望通过此访推动两国全面战略伙伴关系迈上新台阶。", "zh", "PER"),
    # …but never across the question the answer replies to: that one was about another country
    ("Q: What about Chile?\nA: We welcome the visit.\nQ: And the ministers' meeting next week?\nA: It is a good time. "
     "The ministers will meet on Monday. They will sign documents. They will also meet the press. "
     "We hope to deepen our comprehensive strategic partnership.", "en", None),
    # …nor without a word that points at a pair ("our", 两国): a label on its own stays unattributed
    ("问：请介绍秘鲁外长访华的情况。\n答：此访正值良好时机。双方将举行会谈。双方将签署多项文件。双方还将共见记者。"
     "全面战略伙伴关系具有重要意义。", "zh", None),
])
def test_the_pair_of_an_exchange_is_its_partner(lex, text, lang, partner):
    assert [m.partner for m in run(lex, text, lang)] == [partner]


def test_ambiguous_abbreviation_resolved_by_a_full_name_earlier_in_the_exchange(lex):
    text = ("问：摩洛哥外交大臣将访华，中方有何期待？\n答：此访是其任内首次访华。双方高度重视此访。访问期间将举行会谈。"
            "两国还将签署合作文件。我们希望推动中摩战略伙伴关系更好发展。")
    assert triples(run(lex, text, "zh")) == [("战略伙伴关系", "MAR", "mention")]


@pytest.mark.parametrize("text,partner", [
    # with no full name near, the candidate the lexicon says holds the label: 土 is Türkiye's 战略合作关系,
    # Turkmenistan's 战略伙伴关系; 斯 is Sri Lanka's 战略合作伙伴关系
    ("中方愿同土方一道努力，推动中土战略合作关系取得更大发展。", "TUR"),
    ("推动中土战略伙伴关系取得更大发展。", "TKM"),
    ("中斯是世代友好、真诚互助的战略合作伙伴。", "LKA"),
    ("推动中加战略伙伴关系不断发展。", "CAN"),  # not Gabon or Ghana
])
def test_ambiguous_abbreviation_resolved_by_who_holds_the_label(lex, text, partner):
    assert [m.partner for m in run(lex, text, "zh", date="2018-03-31")] == [partner]


@pytest.mark.parametrize("text,lang", [
    # a member named as one of a group ("including X") is not the pair; nor is an idea a label
    ("中方注意到英国首相的有关表态。我们愿同包括英方在内的世界各国一道努力，树立“命运共同体”意识。", "zh"),
    ("China will work with all countries, including Pakistan, to build a community with a shared future.", "en"),
])
def test_a_member_of_a_group_is_no_partner(lex, text, lang):
    assert triples(run(lex, text, lang)) == []


@pytest.mark.parametrize("text,lang,expected", [
    # review 16: the group China is paired with keeps the label when members are named as its examples:
    # every name of the list after "such as", "including", 包括 (before: the first only, and the last was
    # the nearest partner; 阿联酋 tied 中阿 between the UAE and the Arab states); "China and the X" is a pair
    # as "China and X" is (before: the article hid it, and the nearest name took the label)
    ("China and the Pacific island countries, such as Fiji, Samoa and Tonga, will forge a closer comprehensive "
     "strategic partnership.", "en", [("CHN", "ORG:PACIFIC")]),
    ("China is ready to work with Pacific island countries such as Fiji, Samoa and Tonga to forge a closer "
     "comprehensive strategic partnership.", "en", [("CHN", "ORG:PACIFIC")]),
    ("China and the EU, whose member Germany hosted the talks, will deepen the comprehensive strategic partnership.",
     "en", [("CHN", "ORG:EU")]),
    ("中国同阿拉伯国家，包括沙特、埃及、阿联酋，共同推进中阿战略伙伴关系。", "zh", [("CHN", "ORG:ARAB")]),
    ("中国同阿拉伯国家，包括沙特、埃及、阿联酋在内，共同推进中阿战略伙伴关系。", "zh", [("CHN", "ORG:ARAB")]),
    ("中方愿同非洲国家，包括埃及、南非、尼日利亚，推动全面战略合作伙伴关系不断发展。", "zh", [("CHN", "ORG:AFRICA")]),
    # …and an abbreviation the sentence's full names leave open is the one named in full in the label's clause
    ("中国同阿拉伯国家共同推进中阿战略伙伴关系，阿联酋也积极参与。", "zh", [("CHN", "ORG:ARAB")]),
    # …while a member named as a side, not as an example, is the pair
    ("中国同阿联酋共同推进中阿全面战略伙伴关系。", "zh", [("CHN", "ARE")]),
    ("中方愿同包括埃及、南非在内的非洲国家一道，同尼日利亚深化全面战略伙伴关系。", "zh", [("CHN", "NGA")]),
    ("China and Pakistan, as well as Nepal, are strategic partners.", "en", [("CHN", "PAK")]),
])
def test_a_group_keeps_its_label_when_members_are_its_examples(lex, text, lang, expected):
    assert [(m.party, m.partner) for m in run(lex, text, lang)] == expected


# review 19: regressions of the rules of review 16 (attribution), each row a general rule's case
REVIEW_19 = [
    # E1: two others' pair (two abbreviations, or two names) + 两国 after 同/与/跟 is the other side of what is
    # built: China's partners (China unsaid, 我们, 我方, a Chinese leader speaking), each; a subject written right
    # before 同 holds them (before: the pair held the label between them, or nobody's)
    ("王毅表示，愿同澳新两国深化全面战略伙伴关系。", "zh", [("CHN", "AUS"), ("CHN", "NZL")]),
    ("我们愿同柬老两国深化全面战略合作伙伴关系。", "zh", [("CHN", "KHM"), ("CHN", "LAO")]),
    ("我方愿同越老两国深化全面战略合作伙伴关系。", "zh", [("CHN", "VNM"), ("CHN", "LAO")]),
    ("李克强表示，愿同柬老两国深化全面战略合作伙伴关系。", "zh", [("CHN", "KHM"), ("CHN", "LAO")]),
    ("王毅表示，中方愿同柬老两国深化全面战略合作伙伴关系。", "zh", [("CHN", "KHM"), ("CHN", "LAO")]),
    ("我们愿同哈萨克斯坦、乌兹别克斯坦两国深化全面战略伙伴关系。", "zh", [("CHN", "KAZ"), ("CHN", "UZB")]),
    ("此访充分表明我们对发展同澳新两国全面战略伙伴关系的重视。", "zh", [("CHN", "AUS"), ("CHN", "NZL")]),
    ("美国同日澳两国建立了战略伙伴关系。", "zh", [("USA", "JPN"), ("USA", "AUS")]),
    # …not a pair that is the subject, or what China welcomes or notes (near misses: as before)
    ("我们欢迎越老两国深化全面战略合作伙伴关系。", "zh", [("VNM", "LAO")]),
    ("中方乐见俄印两国战略伙伴关系不断发展。", "zh", [("RUS", "IND")]),
    ("俄越全面战略伙伴关系不断发展。", "zh", [("RUS", "VNM")]),
    ("日澳两国领导人宣布将两国关系提升为特殊战略伙伴关系。", "zh", [("JPN", "AUS")]),
    ("美国同日本、澳大利亚两国建立了战略伙伴关系。", "zh", [("USA", "JPN"), ("USA", "AUS")]),
    ("王毅在访问柬埔寨和老挝期间表示，愿同两国深化全面战略合作伙伴关系。", "zh", [("CHN", None)]),
    # E2: a clause opening with 同 shares the subject of the clause before it only when that subject opens its
    # clause; one that is the object of another's verb (中方乐见/欢迎/支持 X同Y…, 我们乐见…) is what the verb is
    # about, and the 愿同 clause after it is China's (before: X's)
    ("中方乐见印度同巴基斯坦改善关系，愿同巴基斯坦深化全天候战略合作伙伴关系。", "zh", [("CHN", "PAK")]),
    ("中方欢迎越南同美国发展关系，也愿同老挝深化全面战略合作伙伴关系。", "zh", [("CHN", "LAO")]),
    ("我们乐见日本同韩国改善关系，愿同韩国深化战略合作伙伴关系。", "zh", [("CHN", "KOR")]),
    ("中方支持巴基斯坦同阿富汗改善关系，愿同阿富汗深化战略合作伙伴关系。", "zh", [("CHN", "AFG")]),
    ("答：欢迎越南同美国发展关系，也愿同老挝深化全面战略合作伙伴关系。", "zh", [("CHN", "LAO")]),
    # …while a subject opening its clause, after a time or a clause China's verb ends, still holds both
    ("中方注意到，日本同澳大利亚加强合作，同印度提升特殊战略全球伙伴关系。", "zh", [("JPN", "IND")]),
    ("据报道，印度同美国签署了协议，同日本深化特殊战略全球伙伴关系。", "zh", [("IND", "JPN")]),
    ("2016年越南同美国建立全面伙伴关系，同日本建立广泛战略伙伴关系。", "zh", [("VNM", "USA"), ("VNM", "JPN")]),
    ("中方欢迎越南同美国建立全面伙伴关系。", "zh", [("VNM", "USA")]),
    # …and a clause naming only China after 同 takes that subject as China's partner (before: the nearest name)
    ("越南同美国建立了全面伙伴关系，同日本建立了广泛战略伙伴关系，同中国建立了全面战略合作伙伴关系。", "zh",
     [("VNM", "USA"), ("VNM", "JPN"), ("CHN", "VNM")]),
    ("印度同美国关系升温，同俄罗斯保持特殊和优惠战略伙伴关系，同中国保持战略合作伙伴关系。", "zh",
     [("IND", "RUS"), ("CHN", "IND")]),
    ("中方乐见印度同美国改善关系，同中国保持战略合作伙伴关系符合印度利益。", "zh", [("CHN", "IND")]),
    ("双方同意，同中国深化全面战略伙伴关系。", "zh", [("CHN", None)]),
    # E3: a group's examples end at the list's last joiner, at a comma after names listed with 、, and before
    # China: what follows is a new subject, China and its partner (before: the list ran on through "and China
    # and Y", 中国和Y, and the group took the label)
    ("Wang Yi met foreign ministers of ASEAN countries, including Indonesia and Malaysia, and China and Indonesia "
     "agreed to deepen their comprehensive strategic partnership.", "en", [("CHN", "IDN")]),
    ("Xi met the leaders of several Latin American countries, including Chile, and China and Ecuador upgraded their "
     "ties to a comprehensive strategic partnership.", "en", [("CHN", "ECU")]),
    ("During his visit, President Xi met leaders of Pacific island countries, such as Fiji and Samoa, and China and "
     "Papua New Guinea agreed to deepen their comprehensive strategic partnership.", "en", [("CHN", "PNG")]),
    ("王毅会见了东盟国家外长，包括印尼、马来西亚，中国和印尼同意深化全面战略伙伴关系。", "zh", [("CHN", "IDN")]),
    ("习近平会见了太平洋岛国领导人，包括斐济、萨摩亚，中国和巴新同意深化全面战略伙伴关系。", "zh", [("CHN", "PNG")]),
    # …while a list that goes on to its last name keeps the group the label
    ("China will work with Pacific island countries, including Fiji, Samoa, Tonga and Vanuatu, to forge a closer "
     "comprehensive strategic partnership.", "en", [("CHN", "ORG:PACIFIC")]),
    ("中方愿同非洲国家，包括埃及，南非，尼日利亚，推动全面战略合作伙伴关系不断发展。", "zh", [("CHN", "ORG:AFRICA")]),
    # E4: two or more others listed as the subject opening the label's clause, holding it "with us", "with our
    # country", "with China", 同我们, 同中国: China's label with each, whatever follows the clause, one label or
    # plural (before: the two's past a later China, or China's with the nearest only)
    ("Laos and Cambodia have a comprehensive strategic cooperative partnership with us, and China will continue to "
     "support them.", "en", [("CHN", "LAO"), ("CHN", "KHM")]),
    ("Kazakhstan and Uzbekistan have comprehensive strategic partnerships with us, and China values them.", "en",
     [("CHN", "KAZ"), ("CHN", "UZB")]),
    ("Kazakhstan and Uzbekistan enjoy a comprehensive strategic partnership with our country, and China will work "
     "with both.", "en", [("CHN", "KAZ"), ("CHN", "UZB")]),
    ("The UAE and Saudi Arabia have comprehensive strategic partnerships with China, and Beijing values them.", "en",
     [("CHN", "ARE"), ("CHN", "SAU")]),
    ("Peru and Ecuador have upgraded their ties with China to comprehensive strategic partnerships.", "en",
     [("CHN", "PER"), ("CHN", "ECU")]),
    ("Nepal and Pakistan decided to deepen their strategic cooperative partnerships with us, and China welcomes this.",
     "en", [("CHN", "NPL"), ("CHN", "PAK")]),
    ("哈萨克斯坦和乌兹别克斯坦同我们建立了全面战略伙伴关系，中方对此高度重视。", "zh", [("CHN", "KAZ"), ("CHN", "UZB")]),
    ("尼泊尔和巴基斯坦决定深化同我们的战略合作伙伴关系，中方对此表示欢迎。", "zh", [("CHN", "NPL"), ("CHN", "PAK")]),
    ("秘鲁和厄瓜多尔先后同中国建立了全面战略伙伴关系。", "zh", [("CHN", "PER"), ("CHN", "ECU")]),
    ("越老两国同中国都建立了全面战略合作伙伴关系。", "zh", [("CHN", "VNM"), ("CHN", "LAO")]),
    # …not China's support or a China in another clause, nor a subject with somebody before it
    ("Russia and India agreed to deepen their strategic partnership, and we welcome this.", "en", [("RUS", "IND")]),
    ("俄罗斯和印度互为战略伙伴，同中国也保持良好关系。", "zh", [("RUS", "IND")]),
    ("We welcome that Russia and India have a strategic partnership with each other.", "en", [("RUS", "IND")]),
    # E5: a group's examples hold the label, each, when the sentence says each holds one: a plural label, 都 or
    # "all of which" after them, or the group said in part (一些, 中, "several") (before: the group, or nobody)
    ("Several Arab states, including Egypt, Saudi Arabia and the UAE, have established comprehensive strategic "
     "partnerships with China.", "en", [("CHN", "EGY"), ("CHN", "SAU"), ("CHN", "ARE")]),
    ("一些阿拉伯国家，包括埃及、沙特、阿联酋，已同中国建立全面战略伙伴关系。", "zh", [("CHN", "EGY"), ("CHN", "SAU"), ("CHN", "ARE")]),
    ("China has established comprehensive strategic partnerships with countries such as Egypt, Saudi Arabia and the "
     "UAE.", "en", [("CHN", "EGY"), ("CHN", "SAU"), ("CHN", "ARE")]),
    ("东盟国家中，包括越南、老挝、柬埔寨，都同中国建立了全面战略合作伙伴关系。", "zh",
     [("CHN", "VNM"), ("CHN", "LAO"), ("CHN", "KHM")]),
    ("China has comprehensive strategic partnerships with several Gulf states, such as Saudi Arabia and the UAE.",
     "en", [("CHN", "SAU"), ("CHN", "ARE")]),
    # …while one label of China and the group, its members named as asides, stays the group's
    ("The Pacific island countries, such as Fiji and Samoa, have a comprehensive strategic partnership with China.",
     "en", [("CHN", "ORG:PACIFIC")]),
    ("China and the Pacific island countries, such as Fiji and Samoa, are comprehensive strategic partners.", "en",
     [("CHN", "ORG:PACIFIC")]),
    ("中方愿同非洲国家，包括埃及、南非、尼日利亚，都保持友好关系，推动全面战略合作伙伴关系不断发展。", "zh",
     [("CHN", "ORG:AFRICA")]),
    # China observing or commenting on two others' act, their names (or two abbreviations with their 两国) the
    # object of its verb, is no side of their label (before: China's with the nearest, or nobody's)
    ("中方注意到俄印两国领导人宣布将两国关系提升为特殊和优惠战略伙伴关系。", "zh", [("RUS", "IND")]),
    ("中方如何看待俄罗斯和印度建立战略伙伴关系？", "zh", [("RUS", "IND")]),
    ("问：中方如何看待俄罗斯和印度决定深化两国战略伙伴关系？", "zh", [("RUS", "IND")]),
    ("China welcomes Russia and India's decision to deepen their strategic partnership.", "en", [("RUS", "IND")]),
    # …not China that builds with them, or whose verb takes them as no act's subject
    ("中方愿同俄罗斯和印度深化两国战略伙伴关系。", "zh", [("CHN", "RUS"), ("CHN", "IND")]),
    ("中方欢迎越南和老挝同中国深化全面战略合作伙伴关系。", "zh", [("CHN", "VNM"), ("CHN", "LAO")]),
    ("中方高度重视俄罗斯和印度，愿同两国深化战略伙伴关系。", "zh", [("CHN", None)]),
    # names listed after an English label's "with" are each a partner, as after 同 (before: nobody, the first, or
    # the subject's with the first only)
    ("China has established comprehensive strategic partnerships with Egypt and Saudi Arabia.", "en",
     [("CHN", "EGY"), ("CHN", "SAU")]),
    ("Xi has established comprehensive strategic partnerships with Egypt and Saudi Arabia.", "en",
     [("CHN", "EGY"), ("CHN", "SAU")]),
    ("China has established a comprehensive strategic partnership with Egypt, Saudi Arabia and the UAE.", "en",
     [("CHN", "EGY"), ("CHN", "SAU"), ("CHN", "ARE")]),
    ("Vietnam has established strategic partnerships with Japan and India.", "en", [("VNM", "JPN"), ("VNM", "IND")]),
    # …up to the list's end, never China
    ("China has a comprehensive strategic partnership with Egypt, and China will continue to support it.", "en",
     [("CHN", "EGY")]),
    # (accuracy review, class 3) a pair abbreviation followed right by a time is the pair (before: no partner)
    ("中智2012年建立战略伙伴关系。", "zh", [("CHN", "CHL")]),
    ("中葡于2005年建立全面战略伙伴关系。", "zh", [("CHN", "PRT")]),
    ("中秘去年建立全面战略伙伴关系。", "zh", [("CHN", "PER")]),
    # (accuracy review, class 5) names listed after a "with" before the label, or after 同 with 分别, are each a partner
    # (before: the nearest only)
    ("China lifted its relations with Peru and Ecuador to comprehensive strategic partnerships.", "en",
     [("CHN", "PER"), ("CHN", "ECU")]),
    ("Ties with Benin and Togo became strategic partnerships.", "en", [("CHN", "BEN"), ("CHN", "TGO")]),
    ("Indonesia upgraded its relations with Japan and India to comprehensive strategic partnerships.", "en",
     [("IDN", "JPN"), ("IDN", "IND")]),
    ("中国同秘鲁、厄瓜多尔分别将双边关系提升为全面战略伙伴关系。", "zh", [("CHN", "PER"), ("CHN", "ECU")]),
    # …not a list the label's own "with" follows a comma from
    ("China has a comprehensive strategic partnership with Egypt, and China will keep supporting it.", "en",
     [("CHN", "EGY")]),
    # (accuracy review, class 4) a region or group "in" which is where, when somebody else is named (before: the
    # region took the label); a region alone stays the partner
    ("Poland, China's comprehensive strategic partner in Central and Eastern Europe, welcomed the visit.", "en",
     [("CHN", "POL")]),
    ("Hungary is China's comprehensive strategic partner in the EU.", "en", [("CHN", "HUN")]),
    ("China and countries in Latin America built a comprehensive cooperative partnership.", "en",
     [("CHN", "ORG:LATAM")]),
    # (class 1) a capitalised label opening a body's name is nobody's label (before: the pair's, or China's)
    ("Egypt and Brazil convened their Strategic Partnership Dialogue in Cairo.", "en", []),
    ("Brazil and Germany held a Strategic Partnership Council meeting, and China and Germany agreed to deepen their "
     "comprehensive strategic partnership.", "en", [("CHN", "DEU")]),
    ("China and Pakistan will deepen the All-Weather Strategic Cooperative Partnership.", "en", [("CHN", "PAK")]),
    # …not 其中以 ("among them, taking …"): no Israel
    ("其中以2019年为例，中方同葡萄牙深化全面战略伙伴关系。", "zh", [("CHN", "PRT")]),
]


@pytest.mark.parametrize("text,lang,expected", REVIEW_19)
def test_review_19_attribution(lex, text, lang, expected):
    assert [(m.party, m.partner) for m in run(lex, text, lang)] == expected


@pytest.mark.parametrize("text,lang,expected", [
    # (review 20) China that welcomes two others' act is a side when the label is its own "with" them (before:
    # the two held China's label)
    ("China welcomes Egypt and Saudi Arabia joining the Belt and Road and is ready to deepen the comprehensive "
     "strategic partnership with both countries.", "en", [("CHN", "SAU")]),
    ("中方欢迎埃及和沙特加入“一带一路”合作，愿同两国深化全面战略伙伴关系。", "zh", [("CHN", None)]),
    # …near misses: China that only observes their act
    ("China welcomes Russia and India's decision to upgrade their ties to a special and privileged strategic "
     "partnership.", "en", [("RUS", "IND")]),
    ("中方注意到俄印两国领导人宣布将两国关系提升为特殊和特惠战略伙伴关系。", "zh", [("RUS", "IND")]),
    # "with China" holds a label only right after it, not in a relative clause (before: China's, with each)
    ("Vietnam and the US have a comprehensive partnership that does not compete with China.", "en", [("CHN", "USA")]),
    ("Vietnam and the US have a comprehensive partnership which is not directed at China.", "en", [("CHN", "USA")]),
    # …near misses
    ("Laos and Cambodia have a comprehensive strategic cooperative partnership with us, and China will continue to "
     "support them.", "en", [("CHN", "LAO"), ("CHN", "KHM")]),
    ("哈萨克斯坦和乌兹别克斯坦同我们建立了全面战略伙伴关系。", "zh", [("CHN", "KAZ"), ("CHN", "UZB")]),
])
def test_review_20_attribution(lex, text, lang, expected):
    assert [(m.party, m.partner) for m in run(lex, text, lang)] == expected


@pytest.mark.parametrize("text,date,expected", [
    # (review 20) a time ahead in the label's own clause is its own act's: the raise announced for today (before:
    # no date, since review 18's rule for a time ahead of another event)
    ("两国元首宣布，将于今天正式将两国关系提升为全面战略伙伴关系。", "2018-05-30", [("全面战略伙伴关系", "upgrade", "2018-05-30")]),
    # …near misses: a time ahead of another event, in a clause of its own
    ("厄瓜多尔总统将于本月下旬访华，这是中厄建立全面战略伙伴关系后的首次访问。", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("本月下旬，厄瓜多尔总统将对中国进行国事访问，这是中厄建立全面战略伙伴关系后的首次访问。", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", None)]),
])
def test_review_20_a_time_ahead_in_the_labels_own_clause(lex, text, date, expected):
    assert dated(run(lex, text, "zh", date=date)) == expected


@pytest.mark.parametrize("text,expected", [
    # a partner-first pair (俄中, 法中) after a verb of the relationship or a function word is the pair
    ("双方同意深化俄中全面战略协作伙伴关系。", [("全面战略协作伙伴关系", "RUS", "mention")]),
    ("推动法中伙伴关系发展。", [("伙伴关系", "FRA", "mention")]),
    ("愿加强巴中全天候战略合作伙伴关系。", [("全天候战略合作伙伴关系", "PAK", "mention")]),
    # …not the end of a word before 中 (过程中)
    ("在此过程中全面战略伙伴关系不断加强。", [("全面战略伙伴关系", None, "mention")]),
])
def test_partner_first_pair_after_a_verb(lex, text, expected):
    assert triples(run(lex, text, "zh")) == expected


@pytest.mark.parametrize("text,expected", [
    # the wish "with China" opens a chain of verbs that reaches a qualified weak label at its end…
    ("印方愿同中方保持密切对话沟通，深化各领域合作，妥善处理分歧，加强在多边框架内合作，共同应对全球性挑战，"
     "推进更加紧密的发展伙伴关系。", [("伙伴关系", "IND", "mention")]),
    ("印方愿同中方保持密切对话沟通，深化各领域合作，推进更紧密的伙伴关系。", [("伙伴关系", "IND", "mention")]),
    # …but not across a semicolon (a comparison alone names no type: only the chain could give it)
    ("印方愿同中方保持密切对话沟通，深化各领域合作；印方将妥善处理分歧，加强在多边框架内合作，推进更紧密的伙伴关系。", []),
    # (round 12) a label its own qualities name needs no chain: India's 更加紧密的发展伙伴关系 (2014) is
    # found after the semicolon too, as its English twin always was
    ("印方愿同中方保持密切对话沟通，深化各领域合作；印方将妥善处理分歧，加强在多边框架内合作，推进更加紧密的发展伙伴关系。",
     [("伙伴关系", "IND", "mention")]),
])
def test_a_wish_with_china_reaches_the_end_of_its_chain(lex, text, expected):
    assert triples(run(lex, text, "zh", date="2018-07-27")) == expected


@pytest.mark.parametrize("text,expected", [
    # review 13: a raise governed by a wish, or put off until conditions are ripe, is a plan (before: an
    # upgrade; the English side already read "ready to lift ties to …" so)
    ("中方愿同尼泊尔方一道，推动两国关系提升为战略合作伙伴关系。", [("战略合作伙伴关系", "NPL", "proposal")]),
    ("中方期待同尼泊尔一道，将两国关系提升为战略合作伙伴关系。", [("战略合作伙伴关系", "NPL", "proposal")]),
    ("尼泊尔总理表示，愿推动尼中关系提升为战略合作伙伴关系。", [("战略合作伙伴关系", "NPL", "proposal")]),
    ("中国和尼泊尔同意在条件成熟时建立战略合作伙伴关系。", [("战略合作伙伴关系", "NPL", "proposal")]),
    # …not a raise agreed after the wish, nor one the wish only implements (a past consensus)
    ("尼泊尔是友好邻邦。双方一致同意将中尼关系提升为战略合作伙伴关系。", [("战略合作伙伴关系", "NPL", "upgrade")]),
    ("中方愿同尼泊尔方一道，双方同意将两国关系提升为战略合作伙伴关系。", [("战略合作伙伴关系", "NPL", "upgrade")]),
    ("习近平表示，中方愿同巴方一道，落实好两国领导人去年将中巴关系提升为全天候战略合作伙伴关系的共识。",
     [("全天候战略合作伙伴关系", "PAK", "upgrade")]),
])
def test_a_wished_raise_is_a_proposal(lex, text, expected):
    assert triples(run(lex, text, "zh", date="2018-05-28")) == expected


@pytest.mark.parametrize("text,event", [
    # second review of the rule: a raise the wish does not govern stays what it was (before the fix: 12 of 15
    # such sentences became plans) …
    ("中方愿同塞方一道，以两国关系提升为全面战略伙伴关系为契机，推动各领域合作取得更大成果。", "upgrade"),
    ("中方愿同老方一道，珍惜两国关系提升为全面战略合作伙伴关系以来取得的成果。", "upgrade"),
    ("在共建“一带一路”倡议带动下，两国关系提升为全面战略伙伴关系，各领域合作成果丰硕。", "upgrade"),
    ("中方愿同塞方加强沟通协调，两国元首今天将中塞关系提升为全面战略伙伴关系。", "upgrade"),
    ("体现了双方深化合作的强烈意愿，两国元首将中塞关系提升为全面战略伙伴关系。", "upgrade"),
    ("中方愿同塞方一道，用好近日两国关系提升为全面战略伙伴关系这一契机。", "upgrade"),
    ("双方同意在适当时候举行下一轮磋商并将中塞关系提升为全面战略伙伴关系。", "upgrade"),
    # …and one it governs through a chain, or puts off until conditions are ripe, is wished
    ("中方愿同尼泊尔方一道，以两国建交65周年为契机，深化各领域务实合作，推动两国关系提升为战略合作伙伴关系。", "proposal"),
    ("中方希望双方落实好两国领导人共识，推动两国关系提升为战略合作伙伴关系。", "proposal"),
    ("中方希望双方以2019年建交60周年为契机，推动两国关系提升为战略合作伙伴关系。", "proposal"),
    ("双方致力于推动两国关系早日提升为战略合作伙伴关系。", "proposal"),
    ("双方同意，待条件成熟时，将两国关系提升为战略合作伙伴关系。", "proposal"),
    ("双方表示，将在条件具备时建立战略合作伙伴关系。", "proposal"),
    # (third review) a wished raise that names its rung, and one a modal puts ahead (早日, 能够)
    ("中方愿同尼方一道，推动中尼关系从全面合作伙伴关系提升为战略合作伙伴关系。", "proposal"),
    ("中方期待两国关系早日提升为战略合作伙伴关系。", "proposal"),
])
def test_a_raise_the_wish_does_not_govern_is_not_wished(lex, text, event):
    assert [m.event for m in run(lex, text, "zh", date="2018-05-28")][-1:] == [event]  # (the raise: after any rung)


@pytest.mark.parametrize("text,lang,event", [
    # a raise still ahead with no wish word is a plan (before: an upgrade): a verb of striving takes it as
    # its goal, agreed or not; a time puts it off; the future marks it with nothing declared before it
    ("尼泊尔总理访华。双方表示将积极推动中尼关系提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。双方同意将积极推动中尼关系提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。双方一致同意，共同推动两国关系提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。双方同意，将于明年将两国关系提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。双方争取早日将两国关系提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。此访将把两国关系提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。两国关系将提升为战略合作伙伴关系。", "zh", "proposal"),
    ("The two sides will elevate China-Nepal ties to a strategic cooperative partnership.", "en", "proposal"),
    ("China and Nepal plan to upgrade their relations to a strategic cooperative partnership.", "en", "proposal"),
    ("The two sides agreed to work towards elevating China-Nepal ties to a strategic cooperative partnership.", "en",
     "proposal"),
    ("The two sides said they would push for upgrading China-Nepal ties to a strategic cooperative partnership.", "en",
     "proposal"),
    ("The two sides agreed to elevate China-Nepal ties to a strategic cooperative partnership in the future.", "en",
     "proposal"),
    # …将 right before its object and the raise is 把, not the future: a raise agreed, decided or announced
    # is done, as is one said done, one told in the past, one under a push (推动下), a future announcement
    # of it (as 将于25日…宣布建立), a raise agreed with a time of another verb, and an agreed future
    ("尼泊尔总理访华。双方同意将两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。两国元首决定将中尼关系从全面合作伙伴关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。两国元首宣布将两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。两国关系已经提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。中方将继续努力，两国元首今天将两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。2016年，两国领导人共同推动两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。在两国元首的推动下两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。两国元首将宣布将两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。双方同意在适当时候举行磋商并将两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。双方同意，两国关系将提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("The two sides agreed to elevate China-Nepal ties to a strategic cooperative partnership.", "en", "upgrade"),
    ("The two leaders announced that China and Nepal would elevate ties to a strategic cooperative partnership.", "en",
     "upgrade"),
    ("In 2016 the two leaders pushed for upgrading China-Nepal ties to a strategic cooperative partnership.", "en",
     "upgrade"),
    ("The two sides agreed to upgrade China-Nepal ties to a strategic cooperative partnership, which will open a new "
     "chapter in the future.", "en", "upgrade"),
    # …and a raise to a level still takes the label as what is raised
    ("China will elevate the China-Nepal strategic cooperative partnership to a new level.", "en", "mention"),
    # a raise or an establishment planned or expected (计划, 有望, 打算, 预计; 拟, 争取 and 力争 of a setting up as of a
    # raise; "is expected / set to") is still ahead: a plan
    ("尼泊尔总理访华。两国关系有望提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。中尼关系有望在此访期间提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。双方计划将两国关系提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。两国计划于明年建立战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。中尼双方有望建立战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。两国打算把双边关系升级为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。两国关系预计将提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。双方拟建立中尼战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。双方力争早日建立战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。两国明年计划建立战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。两国将于明年建立战略合作伙伴关系。", "zh", "proposal"),  # (将 of the future, as "will establish")
    ("China and Nepal are expected to elevate their ties to a strategic cooperative partnership.", "en", "proposal"),
    ("China and Nepal are set to establish a strategic cooperative partnership during the visit.", "en", "proposal"),
    ("China-Nepal relations are expected to be upgraded to a strategic cooperative partnership.", "en", "proposal"),
    # …not 计划 the noun (行动计划, 合作计划, 按计划), a plan dated before the statement or said done, a setting up to
    # be announced (将宣布建立), a raise after a clause the expectation (有望) ends, nor an expectation of the label held
    ("尼泊尔总理访华。双方签署落实中尼战略合作伙伴关系的五年行动计划。", "zh", "mention"),
    ("尼泊尔总理访华。双方根据合作计划将两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。双方按计划建立了战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。两国元首见证签署行动计划并建立战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。2016年，双方计划将两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。两国计划于2016年建立战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。两国元首将宣布建立战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。双方2016年计划建立战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。双边贸易额有望突破10亿美元，两国关系已提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。经贸合作有望取得新成果，两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。中尼战略合作伙伴关系有望进一步深化。", "zh", "mention"),
    ("China and Nepal signed an action plan to implement their strategic cooperative partnership.", "en", "mention"),
    ("Trade is expected to grow since China and Nepal elevated ties to a strategic cooperative partnership.", "en",
     "upgrade"),
    # a raise or setting up possible or wished for is still ahead, as a plan is (before: an upgrade): 或将, 可能, 有可能;
    # "may / might elevate", "wants to lift", "are likely to establish", "…'s call to elevate", announced or not
    ("尼泊尔总理访华。中尼关系或将提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。两国关系可能提升为战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。中尼双方有可能建立战略合作伙伴关系。", "zh", "proposal"),
    ("China and Nepal may elevate their ties to a strategic cooperative partnership during the visit.", "en", "proposal"),
    ("Nepal might upgrade relations with China to a strategic cooperative partnership.", "en", "proposal"),
    ("Nepal wants to lift ties with China to a strategic cooperative partnership.", "en", "proposal"),
    ("China and Nepal are likely to establish a strategic cooperative partnership this year.", "en", "proposal"),
    ("China backs Nepal's call to elevate ties to a strategic cooperative partnership.", "en", "proposal"),
    ("The two leaders announced that China and Nepal may elevate ties to a strategic cooperative partnership.", "en",
     "proposal"),
    # …not a "may" or 可能 of something else, nor a "could" the sentence dates before the statement
    ("尼泊尔总理访华。双方尽可能加强合作，两国关系已提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("As you may know, China and Nepal elevated ties to a strategic cooperative partnership last year.", "en", "upgrade"),
    ("Under the deal, Nepalese airlines may set up offices in China, and the two countries elevated ties to a strategic "
     "cooperative partnership.", "en", "upgrade"),
    ("In 2016 the two sides could finally elevate China-Nepal ties to a strategic cooperative partnership.", "en",
     "upgrade"),
    # "could" is not one of them: in a report it is as often the past's ability, the raise done (a review's finding: "could"
    # had made these proposals; "could" was dropped from the modals, so "Nepal could upgrade …" alone is an upgrade again)
    ("Nepal's prime minister thanked Xi, saying the two countries could upgrade ties to a strategic cooperative "
     "partnership on Tuesday.", "en", "upgrade"),
    ("The talks went so well that China and Nepal could establish a strategic cooperative partnership during the visit.",
     "en", "upgrade"),
    # …unless a time still ahead follows it (a review's finding: an upgrade once "could" was dropped)
    ("Observers said China and Nepal could upgrade ties to a strategic cooperative partnership in the future.", "en",
     "proposal"),
    # 计划 the noun after the noun a plan is of, 拟定 (draft) and 预计 the noun govern nothing (before: proposals)
    ("尼泊尔总理访华。双方签署青年交流计划并建立战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。两国元首根据访问计划将中尼关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。双方落实减贫计划并将两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。双方拟定合作规划并建立战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。两国比原先预计的更早建立战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。会谈超出预计时间，双方建立战略合作伙伴关系。", "zh", "upgrade"),
    # …while the verb still plans (双方计划, 两国政府计划, 并计划)
    ("尼泊尔总理访华。两国政府计划于明年建立战略合作伙伴关系。", "zh", "proposal"),
    ("尼泊尔总理访华。双方签署合作文件，并计划将两国关系提升为战略合作伙伴关系。", "zh", "proposal"),
    # a raise or setting up asked about (会不会, 有没有, 是否) is still ahead, no denial (before: dropped, or an upgrade)
    ("尼泊尔总理访华。有记者问，中尼会不会借此访将两国关系提升为战略合作伙伴关系？", "zh", "proposal"),
    ("尼泊尔总理访华。记者问：中方会不会同尼泊尔建立战略合作伙伴关系？", "zh", "proposal"),
    ("尼泊尔总理访华。问：中方有没有同尼泊尔建立战略合作伙伴关系的打算？", "zh", "proposal"),
    ("尼泊尔总理访华。问：两国是否会把双边关系提升为战略合作伙伴关系？", "zh", "proposal"),
    # 可能 the noun is no plan word, and a plan word governs no raise across a break (before: a mention)
    ("尼泊尔总理访华。两国领导人研究了共建铁路的可能性，并将两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。会谈中双方认为存在扩大投资的可能，并将中尼关系提升为战略合作伙伴关系。", "zh", "upgrade"),
    ("尼泊尔总理访华。双方看到了深化合作的广阔可能，并把两国关系提升为战略合作伙伴关系。", "zh", "upgrade"),
])
def test_a_raise_planned_ahead_is_a_plan(lex, text, lang, event):
    assert [(m.partner, m.event) for m in run(lex, text, lang, date="2018-05-28")][-1:] == [("NPL", event)]


@pytest.mark.parametrize("text,expected", [
    # (round 12) a weak label its qualifiers name counts wherever its pair is written, as in English
    ("同东盟的对话与合作不断深化，睦邻互信伙伴关系有了进一步发展。", [("伙伴关系", "ORG:ASEAN", "mention")]),
    ("中欧关系稳步发展，建设性伙伴关系不断深化。", [("伙伴关系", "ORG:EU", "mention")]),
    ("希望与欧盟继续推进和平、增长、改革、文明四大伙伴关系建设。", [("伙伴关系", "ORG:EU", "mention")]),
    ("中方愿同汤加一道，推动友好合作伙伴关系不断发展。", [("合作伙伴关系", "TON", "mention")]),
    # …not a description (一种), a comparison alone, a generic qualifier, or with nobody named
    ("英国希望与欧盟建立一种新的平等伙伴关系。", []),
    ("双方同意推动建设开放型世界经济和更紧密的伙伴关系。", []),
    ("中方愿同各国建立平等互利的伙伴关系。", []),
    ("中国愿同世界各国发展友好合作伙伴关系。", []),
    ("我们愿与周边国家构建睦邻友好伙伴关系。", []),
])
def test_a_weak_label_named_by_its_qualities(lex, text, expected):
    assert triples(run(lex, text, "zh", date="2018-07-27")) == expected


def test_a_forum_of_the_pair_names_it_in_full(lex):
    """中阿合作论坛 in the sentence before: 中阿 is the Arab states, not Argentina, Algeria or the UAE."""
    text = "中阿合作论坛第八届部长级会议开幕。双方一致同意，建立全面合作、共同发展、面向未来的中阿战略伙伴关系。"
    assert triples(run(lex, text, "zh", date="2018-07-10")) == [("战略伙伴关系", "ORG:ARAB", "upgrade")]


@pytest.mark.parametrize("text,partner", [
    ("中俄作为全面战略协作伙伴，始终保持密切沟通。", "RUS"),
    ("中印同为发展中大国和战略合作伙伴。", "IND"),
    # the pair as the subject of a community: 中X构建/携手打造/从来都是…命运共同体
    ("中缅携手构建命运共同体，成果丰硕。", "MMR"),
    ("中非从来都是休戚与共的命运共同体。", "ORG:AFRICA"),
])
def test_abbreviation_before_a_predicate_is_a_dyad(lex, text, partner):
    assert [m.partner for m in run(lex, text, "zh")] == [partner]


@pytest.mark.parametrize("text,lang,expected", [
    # the person-noun form of rung 2 (全面合作伙伴, "comprehensive cooperative partners") is a label…
    ("中国和芬兰是全面合作伙伴。", "zh", [("全面合作伙伴关系", "FIN", "mention")]),
    ("China and Nepal are comprehensive cooperative partners.", "en", [("全面合作伙伴关系", "NPL", "mention")]),
    # …but not with nobody to name, and 合作伙伴 / "partners" alone stay generic
    ("中方愿同各国做全面合作伙伴。", "zh", []),
    ("巴西是中国的重要合作伙伴。", "zh", []),
    # "to a comprehensive strategic cooperative one": "one" stands for the relationship named before it
    ("The two countries elevated the China-Philippines relationship to a comprehensive strategic cooperative one.",
     "en", [("全面战略合作关系", "PHL", "upgrade")]),
    ("The leaders raised the partnership between China and Peru to a comprehensive strategic one.",
     "en", [("全面战略伙伴关系", "PER", "upgrade")]),
    ("Our relationship with Chile is a good one.", "en", []),
    ("The relationship with Chile has become a strategic one-stop platform.", "en", []),
])
def test_person_nouns_and_pronoun_labels(lex, text, lang, expected):
    assert triples(run(lex, text, lang)) == expected


@pytest.mark.parametrize("text,event", [
    # the verb nearest the label decides: "decided to establish" reports an upgrade…
    ("The leaders of China and Chile decided to establish the China-Chile strategic partnership, a new start.", "upgrade"),
    ("Chile was the first Latin American country to establish a comprehensive strategic partnership with China.", "upgrade"),
    # …"decided to raise … to a new level" does not; a planned establishment is a proposal
    ("The two sides decided to raise the China-Chile comprehensive strategic partnership to a new level.", "mention"),
    ("China and Chile will establish a strategic partnership during the visit.", "proposal"),
    ("The visit will promote the building of the China-Laos community with a shared future.", "mention"),
])
def test_english_event_cues(lex, text, event):
    assert [m.event for m in run(lex, text, "en")] == [event]


@pytest.mark.parametrize("text,lang,expected", [
    # a slot word in quotation marks is still the label's
    # a bare 全天候 is no rung: the 伙伴关系 core, 全天候 its qualifier (GUIDELINES.md lists the cores)
    ("布隆迪是中国在非洲的“全天候”伙伴和朋友。", "zh", [("伙伴关系", "BDI", "mention")]),
    ("布隆迪总统访华。双方同意深化两国“全天候”伙伴关系。", "zh", [("伙伴关系", "BDI", "mention")]),
    ("中国与巴基斯坦是全天候伙伴。", "zh", [("伙伴关系", "PAK", "mention")]),
    ("中巴“全天候”战略合作伙伴关系经受住了考验。", "zh", [("全天候战略合作伙伴关系", "PAK", "mention")]),
    ('Burundi is China\'s "all-weather" partner and friend in Africa.', "en", [("伙伴关系", "BDI", "mention")]),
    # …but quoted words that are no slot words stop the label
    ("推动“一带一路”伙伴关系网络建设。", "zh", []),
    ('China and Chile are "good" partners.', "en", []),
])
def test_quoted_slot_words(lex, text, lang, expected):
    assert triples(run(lex, text, lang)) == expected


@pytest.mark.parametrize("text,expected", [
    # a closer partnership on a summit's agenda is no pair's: the sentence must name who has it
    ("Papua New Guinea hosted the APEC meeting. President Xi Jinping made propositions on improving the connectivity "
     "network and forging a closer partnership.", []),
    ("Prime Minister Modi met President Xi Jinping. The two leaders agreed to forge an even closer partnership.",
     [("伙伴关系", "IND", "mention")]),
])
def test_english_closer_partnership_needs_its_pair(lex, text, expected):
    assert triples(run(lex, text, "en")) == expected


@pytest.mark.parametrize("text,expected", [
    # a partner needed or sought is a kind of partner, said of no pair
    ("Burkina Faso needs a serious and strategic cooperative partner with international influence.", []),
    ("Africa is looking for a reliable strategic partner.", []),
    # …a partner the subject is, is its label
    ("Pakistan is an important and strategic cooperative partner of China.", [("战略合作伙伴关系", "PAK", "mention")]),
])
def test_english_partner_wished_for_is_no_label(lex, text, expected):
    assert triples(run(lex, text, "en")) == expected


@pytest.mark.parametrize("text,expected", [
    # a qualifier between the core and 合作伙伴 keeps the person noun a label (the Maldives' 全面友好合作伙伴)
    ("马尔代夫是中国的全面友好合作伙伴。", [("全面合作伙伴关系", "MDV", "mention")]),
    # …while 合作伙伴 with no core word stays generic
    ("中国是马尔代夫的友好合作伙伴。", []),
])
def test_person_noun_with_a_qualifier_inside(lex, text, expected):
    assert triples(run(lex, text, "zh")) == expected


@pytest.mark.parametrize("text,lang", [("中国与巴基斯坦是全天候伙伴。", "zh"),
                                       ('Burundi is China\'s "all-weather" partner and friend in Africa.', "en")])
def test_bare_all_weather_is_a_qualifier(lex, text, lang):
    [m] = run(lex, text, lang)
    assert (m.label_zh, m.qualifiers, m.tier, m.parts) == ("伙伴关系", ("全天候",), "partner", ())


def test_every_rung_of_an_english_ladder_is_an_upgrade(lex):
    """"elevated from partnership to strategic partnership and then …": as 由…到…再到 in Chinese."""
    text = ("In twenty years, relations between China and Chile have been elevated from partnership to strategic "
            "partnership and then comprehensive strategic partnership.")
    assert triples(run(lex, text, "en")) == [("伙伴关系", "CHL", "upgrade"), ("战略伙伴关系", "CHL", "upgrade"),
                                            ("全面战略伙伴关系", "CHL", "upgrade")]


@pytest.mark.parametrize("text,expected", [
    # (review 16, E3) the first rung of an English ladder is a rung with an article too, and with its pair named
    # only in the label's neighbours or the context (before: dropped as a bare, nobody's "partnership")
    ("Relations between China and Chile grew from a partnership to a strategic partnership and then to a "
     "comprehensive strategic partnership.",
     [("伙伴关系", "CHL", "upgrade", None), ("战略伙伴关系", "CHL", "upgrade", None), ("全面战略伙伴关系", "CHL", "upgrade", None)]),
    ("China-Chile relations have moved from partnership to strategic partnership.",
     [("伙伴关系", "CHL", "upgrade", None), ("战略伙伴关系", "CHL", "upgrade", None)]),
    ("China and Chile set up diplomatic ties in 1970. Since then the relationship has gone from a cooperative "
     "partnership to a comprehensive strategic partnership.",
     [("合作伙伴关系", "CHL", "upgrade", None), ("全面战略伙伴关系", "CHL", "upgrade", None)]),
    # …the date is the raise's, the rung held before it
    ("In 2012, China-Chile ties were raised from a partnership to a strategic partnership.",
     [("伙伴关系", "CHL", "upgrade", None), ("战略伙伴关系", "CHL", "upgrade", "2012")]),
    # …a ladder needs its next rung, a partnership: a bare "partnership" elsewhere is no label (before: "from
    # partnership to alliance" was a mention)
    ("China and Chile moved from partnership to alliance.", []),
    ("China and Chile turned from a partnership to rivalry.", []),
    ("China and Chile have a partnership.", []),
    ("Forging a closer partnership was on the summit's agenda.", []),
])
def test_a_bare_first_rung_of_an_english_ladder(lex, text, expected):
    assert [(m.label_zh, m.partner, m.event, m.ref_date.iso() if m.ref_date else None)
            for m in run(lex, text, "en", date="2019-05-10")] == expected


@pytest.mark.parametrize("text,lang,expected", [
    # the rung a raise starts from held before it: the year is the raise's (before: the English from-rung
    # took it, and a timeline read the older label as established that year)
    ("In 2014, China and Egypt upgraded their relationship from a strategic cooperative relationship to a "
     "comprehensive strategic partnership.", "en", [("战略合作关系", None), ("全面战略伙伴关系", "2014")]),
    ("In 2014, the two sides upgraded the China-Chile strategic partnership to a comprehensive strategic partnership.",
     "en", [("战略伙伴关系", None), ("全面战略伙伴关系", "2014")]),
    ("2014年两国关系由战略伙伴关系到全面战略伙伴关系。", "zh", [("战略伙伴关系", None), ("全面战略伙伴关系", "2014")]),
    ("2014年，中智两国将战略伙伴关系提升为全面战略伙伴关系。", "zh", [("战略伙伴关系", None), ("全面战略伙伴关系", "2014")]),
    # …while a rung its own clause dates keeps its year
    ("中智2005年建立战略伙伴关系，2014年提升为全面战略伙伴关系。", "zh", [("战略伙伴关系", "2005"), ("全面战略伙伴关系", "2014")]),
])
def test_the_rung_a_raise_starts_from_takes_no_date(lex, text, lang, expected):
    assert [(m.label_zh, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang, date="2016-05-28")] == expected


@pytest.mark.parametrize("text,lang,date,expected", [
    # third review: the rung's own year is cut out of the raise's words, not what follows it
    ("2005年建立的中智战略伙伴关系于2014年提升为全面战略伙伴关系。", "zh", "2018-05-28",
     [("战略伙伴关系", "2005"), ("全面战略伙伴关系", "2014")]),
    # (…and the rung keeps it: before, the rung took the raise's 2016, see test_a_rung_keeps_the_time_said_after_it)
    ("In 2016, the two presidents elevated the China-Chile strategic partnership established in 2012 to a comprehensive "
     "strategic partnership.", "en", "2016-11-23", [("战略伙伴关系", "2012"), ("全面战略伙伴关系", "2016")]),
    # …a label set up in its own clause is no rung of a raise after a comma
    ("2014年，中智两国建立战略伙伴关系，提升为全面战略伙伴关系。", "zh", "2018-05-28",
     [("战略伙伴关系", "2014"), ("全面战略伙伴关系", "2014")]),
    # …a 新时代 label is a rung's next (提升到新水平 is a level)
    ("6月5日，两国元首决定将中俄关系从全面战略协作伙伴关系提升为新时代全面战略协作伙伴关系。", "zh", "2019-06-06",
     [("全面战略协作伙伴关系", None), ("全面战略协作伙伴关系", "2019-06-05")]),
    # …两年前的今天 is two years before, to the day; 时至今日 ("by now") dates nothing
    ("两年前的今天，中塞关系提升为全面战略伙伴关系。", "zh", "2019-06-20", [("全面战略伙伴关系", "2017-06-20")]),
    ("时至今日，中塞两国已建立全面战略伙伴关系。", "zh", "2019-06-20", [("全面战略伙伴关系", None)]),
])
def test_third_review_of_rungs_and_dates(lex, text, lang, date, expected):
    assert [(m.label_zh, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang, date=date)] == expected


@pytest.mark.parametrize("text,lang,expected", [
    # the rung a raise starts from keeps the time its own setting up is told with right after it, whatever
    # date the raise has, and the raise keeps its own (before: the rung took the raise's date, or the raise
    # the rung's): a participle between commas, "which was …", years ago
    ("The two presidents raised the China-Chile strategic partnership, established in 2012, to a comprehensive "
     "strategic partnership in 2016.", "en", [("战略伙伴关系", "2012"), ("全面战略伙伴关系", "2016")]),
    ("The two presidents raised the China-Chile strategic partnership, which was established in 2012, to a "
     "comprehensive strategic partnership in 2016.", "en", [("战略伙伴关系", "2012"), ("全面战略伙伴关系", "2016")]),
    ("Last year the two presidents raised the China-Chile strategic partnership established five years ago to a "
     "comprehensive strategic partnership.", "en", [("战略伙伴关系", "2013"), ("全面战略伙伴关系", "2017")]),
    # …and the rung as the raise's subject
    ("The China-Chile strategic partnership, established in 2012, was raised to a comprehensive strategic partnership "
     "in 2016.", "en", [("战略伙伴关系", "2012"), ("全面战略伙伴关系", "2016")]),
    # …as before: the rung's time with the raise's after the label, or said with "they set up"; a set-up label
    # with no raise; a raise to a level; the Chinese rung (将2012年建立的…提升为)
    ("In 2016 the two presidents raised the China-Chile strategic partnership they set up in 2012 to a comprehensive "
     "strategic partnership.", "en", [("战略伙伴关系", "2012"), ("全面战略伙伴关系", "2016")]),
    ("The two presidents raised the China-Chile strategic partnership established in 2012 to a comprehensive "
     "strategic partnership in 2016.", "en", [("战略伙伴关系", "2012"), ("全面战略伙伴关系", "2016")]),
    ("The China-Chile strategic partnership established in 2012 keeps growing.", "en", [("战略伙伴关系", "2012")]),
    ("In 2016 the two presidents elevated the China-Chile strategic partnership established in 2012 to a new height.",
     "en", [("战略伙伴关系", "2012")]),
    ("2016年，两国元首将2012年建立的中智战略伙伴关系提升为全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "2012"), ("全面战略伙伴关系", "2016")]),
])
def test_a_rung_keeps_the_time_said_after_it(lex, text, lang, expected):
    assert [(m.label_zh, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang, date="2018-05-28")] \
        == expected


@pytest.mark.parametrize("text,lang,expected", [
    # the time of a setting up told in a clause before the raise's is not the raise's (before: the raise took
    # it, diplomatic ties' 1970 too): a clause joined by "and", or a relative clause of the subject
    ("China and Chile established a strategic partnership in 2012 and raised it to a comprehensive strategic "
     "partnership in 2016.", "en", [("战略伙伴关系", "2012"), ("全面战略伙伴关系", "2016")]),
    ("China and Chile established diplomatic ties in 1970 and raised ties to a comprehensive strategic partnership "
     "in 2016.", "en", [("全面战略伙伴关系", "2016")]),
    ("China and Chile established diplomatic ties in 1970 and raised ties to a comprehensive strategic partnership.",
     "en", [("全面战略伙伴关系", None)]),
    ("China and Chile, which established diplomatic ties in 1970, raised ties to a comprehensive strategic "
     "partnership in 2016.", "en", [("全面战略伙伴关系", "2016")]),
    # …a time after the "and" is the raise's, as is one that opens the sentence; the Chinese clauses as before
    ("China and Chile set up a fund and in 2016 raised ties to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "2016")]),
    ("In 2016, the presidents of China and Chile held talks and upgraded ties to a comprehensive strategic "
     "partnership.", "en", [("全面战略伙伴关系", "2016")]),
    ("中智两国2012年建立战略伙伴关系，并于2016年提升为全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "2012"), ("全面战略伙伴关系", "2016")]),
    # …nor the time of another label set up or held, in an apposition, a relative clause or a clause of its own
    # before the raise's (before: the raise took 2012); a weekday in the raise's own clause is the dispatch's
    ("Chile, a strategic partner of China since 2012, elevated ties to a comprehensive strategic partnership on Friday.",
     "en", [("战略伙伴关系", None), ("全面战略伙伴关系", "2018-05-25")]),
    ("Chile and China, strategic partners since 2012, agreed on Monday to upgrade ties to a comprehensive strategic "
     "partnership.", "en", [("战略伙伴关系", "2012"), ("全面战略伙伴关系", "2018-05-28")]),
    ("Chile, which became China's first strategic partner in South America in 2012, raised ties to a comprehensive "
     "strategic partnership.", "en", [("战略伙伴关系", None), ("全面战略伙伴关系", None)]),
    ("2012年同中国建立战略伙伴关系的智利，此次将两国关系提升为全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "2012"), ("全面战略伙伴关系", None)]),
    ("中智两国2012年建立战略伙伴关系，此次两国关系提升为全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "2012"), ("全面战略伙伴关系", None)]),
    ("China and Chile upgraded ties to a comprehensive strategic partnership on Friday.", "en",
     [("全面战略伙伴关系", "2018-05-25")]),
    # …a clause with a label but no setting up or holding of it keeps its time, as a day ahead is not the raise's
    ("At a summit with its strategic partners in 2016, China upgraded ties with Chile to a comprehensive strategic "
     "partnership.", "en", [("战略伙伴关系", None), ("全面战略伙伴关系", "2016")]),
    ("China and Chile upgraded ties to a comprehensive strategic partnership and will sign deals on Friday.", "en",
     [("全面战略伙伴关系", None)]),
    # …a signing about a label held, in the raise's own dated clause, keeps the time (before: none), a label signed does not
    ("Bachelet and Xi on 25 May signed a joint statement on deepening the strategic partnership, and elevated ties to a "
     "comprehensive strategic partnership.", "en", [("战略伙伴关系", None), ("全面战略伙伴关系", "2018-05-25")]),
    ("The two presidents on Friday signed documents on their strategic partnership, then raised China-Chile ties to a "
     "comprehensive strategic partnership.", "en", [("战略伙伴关系", None), ("全面战略伙伴关系", "2018-05-25")]),
    ("Chile, which signed a strategic partnership agreement with China in 2012, raised ties to a comprehensive "
     "strategic partnership.", "en", [("全面战略伙伴关系", None)]),
])
def test_a_set_up_time_in_another_clause_is_not_the_raises(lex, text, lang, expected):
    assert [(m.label_zh, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang, date="2018-05-28")] \
        == expected


@pytest.mark.parametrize("text,lang,expected", [
    # a raise is within one pair: each rung takes its raise's partner (before: Serbia's rung was Poland's)
    ("2016年，中塞关系从战略伙伴关系提升为全面战略伙伴关系，中波关系也从战略伙伴关系提升为全面战略伙伴关系。", "zh",
     [("CHN", "SRB"), ("CHN", "SRB"), ("CHN", "POL"), ("CHN", "POL")]),
    # two others with a relative clause between them and "their"; 分别 ("each") makes each China's
    ("Russia and India, whose leaders met in New Delhi, reaffirmed their special and privileged strategic partnership.",
     "en", [("RUS", "IND")]),
    ("柬埔寨和老挝领导人分别会见王毅，表示愿深化两国全面战略合作伙伴关系。", "zh", [("CHN", "LAO")]),
    # two others who set the label up between them, the verb right before it (before: China's, with the nearest)
    ("俄罗斯和印度宣布建立战略伙伴关系。", "zh", [("RUS", "IND")]),
    ("Russia and India agreed to establish a special and privileged strategic partnership.", "en", [("RUS", "IND")]),
    ("The leaders of Russia and India upgraded their ties to a special and privileged strategic partnership.", "en",
     [("RUS", "IND")]),
    # …not with China named, "respectively"/分别, or a plural label
    ("柬埔寨和老挝宣布同中国建立全面战略合作伙伴关系。", "zh", [("CHN", "KHM"), ("CHN", "LAO")]),  # (review 19: each)
    ("阿根廷和智利分别于2004年和2016年建立全面战略伙伴关系。", "zh", [("CHN", "CHL")]),
    ("Argentina and Chile established comprehensive strategic partnerships in 2004 and 2016 respectively.", "en",
     [("CHN", "CHL")]),
    # a side named by its country and its leader with the title between is one side
    ("Russian President Vladimir Putin and Indian Prime Minister Narendra Modi reaffirmed their special and privileged "
     "strategic partnership.", "en", [("RUS", "IND")]),
    ("俄罗斯总统普京和印度总理莫迪同意深化两国特殊和特惠战略伙伴关系。", "zh", [("RUS", "IND")]),
    ("Chinese President Xi Jinping and Pakistani Prime Minister Imran Khan reaffirmed their all-weather strategic "
     "cooperative partnership.", "en", [("CHN", "PAK")]),
])
def test_third_review_of_pairs(lex, text, lang, expected):
    assert [(m.party, m.partner) for m in run(lex, text, lang)] == expected




@pytest.mark.parametrize("text,lang,expected", [
    # a ladder told "from a X into a Y" is one as "from a X to a Y" is, whatever verb tells it (before: both
    # rungs mentions), and "far from" before its first rung is the way travelled, not a denial (before: the
    # first rung was dropped as negated); in Chinese a verb of moving is 到 (从A走向B: both rungs), and
    # 跃升为 and 发展成为 raise as 提升为 does (the rung raised from stays a mention there, as for 提升为), wished
    # too (before: mentions, or an upgrade under a wish)
    ("China-Chile relations grew from a strategic partnership into a comprehensive strategic partnership in 2016.",
     "en", [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", "2016")]),
    ("China-Chile relations have developed from a strategic partnership into a comprehensive strategic partnership.",
     "en", [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None)]),
    ("China-Chile relations have come far from a strategic partnership to a comprehensive strategic partnership.",
     "en", [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None)]),
    ("中智关系从战略伙伴关系走向“全面战略伙伴关系”。", "zh",
     [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None)]),
    ("中智关系由战略伙伴关系跃升为全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "mention", None), ("全面战略伙伴关系", "upgrade", None)]),
    ("2016年，中智关系从战略伙伴关系发展成为全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "mention", None), ("全面战略伙伴关系", "upgrade", "2016")]),
    ("尼泊尔总理访华。中方愿同尼方一道，推动两国关系发展为战略合作伙伴关系。", "zh", [("战略合作伙伴关系", "proposal", None)]),
    # …as before: "went from", "moved from" (raised_from needs no raising verb), a raise "into"; "far from" a
    # label with no next rung denies it, and a "from … into" with no label after is no ladder; 由A到B, 从A升级为B
    ("China-Chile relations went from a strategic partnership to a comprehensive strategic partnership in 2016.",
     "en", [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", "2016")]),
    ("China-Chile relations moved from a strategic partnership to a comprehensive strategic partnership in 2016.",
     "en", [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", "2016")]),
    ("China-Chile relations were upgraded from a strategic partnership into a comprehensive strategic partnership in "
     "2016.", "en", [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", "2016")]),
    ("China and Chile are far from a comprehensive strategic partnership.", "en", []),
    ("China-Chile relations are far from a strategic partnership, to say nothing of a comprehensive strategic "
     "partnership.", "en", [("全面战略伙伴关系", "mention", None)]),
    ("China will translate the benefits from the China-Chile comprehensive strategic partnership into results.", "en",
     [("全面战略伙伴关系", "mention", None)]),
    ("中智关系由战略伙伴关系到全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None)]),
    ("2016年，中智关系从战略伙伴关系升级为全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "mention", None), ("全面战略伙伴关系", "upgrade", "2016")]),
    ("从战略高度推动中智全面战略伙伴关系发展。", "zh", [("全面战略伙伴关系", "mention", None)]),
])
def test_a_ladder_into_its_next_rung_and_the_way_travelled(lex, text, lang, expected):
    got = [(m.label_zh, m.event, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang, date="2018-05-28")]
    assert got == expected


def test_the_date_after_a_ladder_belongs_to_its_last_rung(lex):
    text = "The ties between China and Chile were raised from a strategic partnership to a comprehensive strategic partnership in 2016."
    assert [(m.label_zh, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, "en", date="2018-01-01")] == [
        ("战略伙伴关系", None), ("全面战略伙伴关系", "2016")]


@pytest.mark.parametrize("text,expected", [
    # a weak label (伙伴关系, 合作伙伴关系) with a qualifying word is a type when a pair establishes it
    ("同新西兰建立长期稳定的全面合作关系以来，两国又同意建立睦邻互信伙伴关系。", [("伙伴关系", "NZL", "upgrade")]),
    ("中国与秘鲁建立了全面对话的伙伴关系。", [("伙伴关系", "PER", "upgrade")]),
    ("阿根廷总统访华期间，双方宣布建立致力于和平与发展的友好合作伙伴关系。", [("合作伙伴关系", "ARG", "upgrade")]),
    ("宣布中芬建立面向21世纪的长期稳定的建设性伙伴关系。", [("伙伴关系", "FIN", "upgrade")]),
    # …not when it is generic: bare, global, "a kind of", or nobody is named for it
    ("中国愿同芬兰建立伙伴关系。", []),
    ("中国愿同芬兰等国建立全球伙伴关系。", []),
    ("芬兰希望与欧盟建立一种新的平等伙伴关系。", []),
    ("各国应该建立平等和相互尊重的伙伴关系。", []),
    # "should establish" proposes
    ("芬兰议员表示，中芬双方应该拿出勇气，建立平等和相互尊重的伙伴关系。", [("伙伴关系", "FIN", "proposal")]),
])
def test_established_weak_labels(lex, text, expected):
    assert triples(run(lex, text, "zh", date="1999-03-05")) == expected


@pytest.mark.parametrize("text,surface", [
    # a phrase before 的 is read whole, never from the middle of a word: X与Y pairs two words
    ("推动两国致力于和平与发展的战略性合作关系不断发展。", "和平与发展的战略性合作关系"),
    # …and 面向 ("oriented to") begins it; a pair right before it is then the label's
    ("中芬建立面向发展与繁荣的世代友好的战略合作伙伴关系。", "面向发展与繁荣的世代友好的战略合作伙伴关系"),
    # 间 ends "between China and …", a noun listed beside the label is no modifier of it
    ("非盟成员国与中国间强有力的战略伙伴关系。", "强有力的战略伙伴关系"),
    ("我们重视与巴基斯坦之间强有力的全天候战略合作伙伴关系。", "强有力的全天候战略合作伙伴关系"),
    ("泰国作为中国的友好邻邦、全面战略合作伙伴，给予了大力支持。", "全面战略合作伙伴"),
    # the pair is not part of a modifier (两国间已有的)
    ("讨论如何发展英中两国间已有的战略伙伴关系。", "战略伙伴关系"),
    # a 、 right before the dyad lists topics; the topic is not the label's
    ("双方将就问题解决方案、中委全面战略伙伴关系发展深入交换意见。", "全面战略伙伴关系"),
    # …while a 、 list of modifiers before the dyad stays the label's
    ("唇齿相依、休戚与共的中缅命运共同体。", "唇齿相依、休戚与共的中缅命运共同体"),
    # verbs whose object the label is are no modifiers of it
    ("双方坚持多边主义、推动构建更加紧密的中非命运共同体。", "更加紧密的中非命运共同体"),
    # the copula is no part of a modifier
    ("中老是最亲密的全面战略合作伙伴。", "最亲密的全面战略合作伙伴"),
    ("中土是真诚互信的战略伙伴。", "真诚互信的战略伙伴"),
    # …nor a verb and its complement (上升到)
    ("两国关系如今已上升到互信的全面伙伴关系。", "互信的全面伙伴关系"),
    ("中俄保持着平稳的全面战略协作伙伴关系。", "平稳的全面战略协作伙伴关系"),
    # a degree adverb begins the phrase it is in (never 持续星球, the window inside 可持续), and a phrase after
    # 和 that begins with one is the second of two begun alike: both are read (Brazil's community, 2024)
    ("巴西总统访华期间，双方重申携手构建更公正世界和更可持续星球的中巴命运共同体。", "更公正世界和更可持续星球的中巴命运共同体"),
    ("两国将共同打造更具韧性和更可持续未来的中智命运共同体。", "更具韧性和更可持续未来的中智命运共同体"),
    ("中方愿做巴西最可靠的全面战略伙伴。", "最可靠的全面战略伙伴"),
    # …and before a listed qualifier too (更为稳定, not 稳定 alone)
    ("双方一致同意构建更加友好、更为稳定的中柬命运共同体。", "更加友好、更为稳定的中柬命运共同体"),
])
def test_modifier_phrases_start_at_a_word(lex, text, surface):
    assert [m.surface for m in run(lex, text, "zh")] == [surface]


def test_english_post_modifier_of_an_established_weak_label(lex):
    text = "In 1997 China and ASEAN established a partnership of good-neighbourliness and mutual trust."
    (m,) = run(lex, text, "en", date="1998-03-05")
    assert (m.label_zh, m.partner, m.event, m.qualifiers) == ("伙伴关系", "ORG:ASEAN", "upgrade", ("睦邻互信",))


@pytest.mark.parametrize("text,lang,expected", [
    # the anniversary of the label's establishment dates it whatever wish surrounds it
    ("中方愿以建立中国—东盟战略伙伴关系15周年为契机，推动双方关系发展。", "zh", [("战略伙伴关系", "ORG:ASEAN", "upgrade", "2003")]),
    ("We hope to take the 15th anniversary of the establishment of the China-ASEAN strategic partnership as an opportunity.",
     "en", [("战略伙伴关系", "ORG:ASEAN", "upgrade", "2003")]),
    # …the anniversary of diplomatic ties dates no label
    ("We will take the 45th anniversary of the establishment of diplomatic ties as an opportunity to advance the "
     "China-EU comprehensive strategic partnership.", "en", [("全面战略伙伴关系", "ORG:EU", "mention", None)]),
    # 同意/决定 report a change only when what they govern is one
    ("双方同意进一步推进中新全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "NZL", "mention", None)]),
    ("双方同意建立中新全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "NZL", "upgrade", None)]),
    ("中非双方一致同意携手构建更加紧密的中非命运共同体。", "zh", [("命运共同体", "ORG:AFRICA", "mention", None)]),
    ("两国元首共同宣布发展中俄新时代全面战略协作伙伴关系。", "zh", [("全面战略协作伙伴关系", "RUS", "upgrade", None)]),
    # a ladder told in quotation marks: every rung is an upgrade
    ("从“中俄战略协作伙伴关系”到“中俄全面战略协作伙伴关系”，再到“新时代中俄全面战略协作伙伴关系”，两国关系不断发展。", "zh",
     [("战略协作伙伴关系", "RUS", "upgrade", None), ("全面战略协作伙伴关系", "RUS", "upgrade", None),
      ("全面战略协作伙伴关系", "RUS", "upgrade", None)]),
    # level words say the pair has the label: building a higher-level one is no proposal
    ("中方愿同东盟一道，打造更高水平的中国—东盟战略伙伴关系。", "zh", [("战略伙伴关系", "ORG:ASEAN", "mention", None)]),
    ("China stands ready to build a higher-standard China-ASEAN strategic partnership.", "en",
     [("战略伙伴关系", "ORG:ASEAN", "mention", None)]),
    ("中方愿同智利建立战略伙伴关系。", "zh", [("战略伙伴关系", "CHL", "proposal", None)]),
    # …nor is agreeing to build one an upgrade (同意/agreed to build a closer or higher-level form of it)
    ("双方一致同意打造更高水平的中国—东盟战略伙伴关系。", "zh", [("战略伙伴关系", "ORG:ASEAN", "mention", None)]),
    ("The two sides agreed to forge a closer China-Cambodia community with a shared future.", "en",
     [("命运共同体", "KHM", "mention", None)]),
    ("The leaders agreed to build a China-Cambodia community with a shared future.", "en",
     [("命运共同体", "KHM", "upgrade", None)]),
    # consensus reached on building the label reports its establishment, the pair before the verb or not
    ("2013年，两国元首就中芬构建和推进面向未来的新型合作伙伴关系达成重要共识。", "zh", [("合作伙伴关系", "FIN", "upgrade", "2013")]),
    # signing the joint statement on developing a label defines it
    ("习近平主席同普京总统签署《中俄关于发展新时代全面战略协作伙伴关系的联合声明》。", "zh", [("全面战略协作伙伴关系", "RUS", "upgrade", None)]),
    ("Yesterday President Xi and President Putin signed a joint statement on developing a comprehensive strategic "
     "partnership of coordination for a new era.", "en", [("全面战略协作伙伴关系", "RUS", "upgrade", "2018-05-31")]),
    # 继续 right after the wish reaches the verbs that follow; one inside an object does not
    ("希望双方继续携手努力，弘扬传统友谊，深化互利合作，共同打造中柬具有战略意义的命运共同体。", "zh",
     [("命运共同体", "KHM", "mention", None)]),
    ("美国参议员表示，双方应该共同努力推动美中关系继续向前发展，要拿出长远眼光和勇气，建立平等和相互尊重的伙伴关系。", "zh",
     [("伙伴关系", "USA", "proposal", None)]),
    # the community Cambodia agreed in 2018 is no proposal; one Bangladesh has not agreed is
    ("中方愿同柬方落实好两国领导人达成的重要共识，携手打造中柬具有战略意义的命运共同体。", "zh",
     [("命运共同体", "KHM", "mention", None)]),
    ("中方愿同孟方携手打造中孟命运共同体。", "zh", [("命运共同体", "BGD", "proposal", None)]),
    # a label the lexicon says the pair holds already is no proposal (the new-era form of it may be)
    ("中方愿与巴方一道，打造中巴命运共同体。", "zh", [("命运共同体", "PAK", "mention", None)]),
    ("The Chinese side stands ready to work with Cambodia to build a community of shared future that is of strategic "
     "significance.", "en", [("命运共同体", "KHM", "mention", None)]),
    ("中方愿同孟方一道，携手打造新时代的中孟战略合作伙伴关系。", "zh", [("战略合作伙伴关系", "BGD", "proposal", None)]),
    # a setting up or a raise planned (拟, 计划) is a proposal, as a wished one is…
    ("中方拟同洪方建立中洪战略伙伴关系。", "zh", [("战略伙伴关系", "HND", "proposal", None)]),
    # …but not of a label the pair holds (Pakistan's since 2015, Bangladesh's since 2016)
    ("巴基斯坦总理访华。双方计划将两国关系提升为全天候战略合作伙伴关系。", "zh",
     [("全天候战略合作伙伴关系", "PAK", "mention", None)]),
    ("中方拟同孟方建立中孟战略合作伙伴关系。", "zh", [("战略合作伙伴关系", "BGD", "mention", None)]),
    # "an even stronger China-Africa community" is 更加紧密的: agreeing to build it is no upgrade
    ("The two sides agreed to build an even stronger China-Africa community with a shared future.", "en",
     [("命运共同体", "ORG:AFRICA", "mention", None)]),
    # 上升到/上升为 raise the relationship as 提升为 does
    ("中俄两国关系已上升到全面战略协作伙伴关系。", "zh", [("全面战略协作伙伴关系", "RUS", "upgrade", None)]),
    # a verb of the relationship between the cue and the label governs the label
    ("建立两国外长定期会晤机制是推动中新全面战略伙伴关系发展的重要一步。", "zh", [("全面战略伙伴关系", "NZL", "mention", None)]),
    ("两国关系历经多年发展，步入中菲全面战略合作关系。", "zh", [("全面战略合作关系", "PHL", "upgrade", None)]),
    # a ladder told with no raising verb: "From X to Y and then to Z" (as 从…到…再到)
    ('From the "strategic partnership of coordination" to the "comprehensive strategic partnership of coordination" '
     'and then to the "comprehensive strategic partnership of coordination for a new era", the China-Russia '
     'relationship has kept growing.', "en",
     [("战略协作伙伴关系", "RUS", "upgrade", None), ("全面战略协作伙伴关系", "RUS", "upgrade", None),
      ("全面战略协作伙伴关系", "RUS", "upgrade", None)]),
    # …"from" and "to" with no label on the other side tell no ladder
    ("China and Russia benefit from the comprehensive strategic partnership of coordination to a great extent.", "en",
     [("全面战略协作伙伴关系", "RUS", "mention", None)]),
    ("Benefiting from the partnership, China and Egypt have decided to deepen their comprehensive strategic partnership.",
     "en", [("全面战略伙伴关系", "EGY", "mention", None)]),
    ("We will proceed from the comprehensive strategic partnership of coordination to expand cooperation with partners "
     "in Russia.", "en", [("全面战略协作伙伴关系", "RUS", "mention", None)]),
    # an anniversary ends what the verb before it governs: 签署…行动计划1周年 is no establishment of the community
    ("今年是中国和柬埔寨建立全面战略合作伙伴关系10周年和签署中柬命运共同体行动计划1周年。", "zh",
     [("全面战略合作伙伴关系", "KHM", "upgrade", "2008"), ("命运共同体", "KHM", "mention", None)]),
    ("两国在建立外交关系40周年之际宣布建立中新全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "NZL", "upgrade", None)]),
    ("双方一致同意以明年中国—东盟建立战略伙伴关系15周年为契机，推动合作提质升级，打造更高水平的中国—东盟战略伙伴关系。", "zh",
     [("战略伙伴关系", "ORG:ASEAN", "upgrade", "2004"), ("战略伙伴关系", "ORG:ASEAN", "mention", None)]),
    # …also with no level word, and whatever verb (提质升级) stands in a clause between
    ("双方一致同意以明年中国—东盟建立战略伙伴关系15周年为契机，推动合作提质升级，深化中国—东盟战略伙伴关系。", "zh",
     [("战略伙伴关系", "ORG:ASEAN", "upgrade", "2004"), ("战略伙伴关系", "ORG:ASEAN", "mention", None)]),
    # a wish to carry out an agreement and establish a label still proposes it
    ("中方愿同洪方落实好建交联合公报，建立中洪战略伙伴关系。", "zh", [("战略伙伴关系", "HND", "proposal", None)]),
    # "long-established friendship" establishes nothing now
    ("China and Laos enjoy a long-established friendship and are comprehensive strategic cooperative partners.", "en",
     [("全面战略合作伙伴关系", "LAO", "mention", None)]),
    # a setting up or raise denied is no label of the pair, neither an event nor one in force (before: an upgrade):
    # 尚未/并未/从未/不可能 before its verb, "have not yet established", "never upgraded … to", "not planning to elevate … to"
    ("中国同挪威尚未建立战略伙伴关系。", "zh", []),
    ("智利方面并未将两国关系提升为全天候战略伙伴关系。", "zh", []),
    ("中挪两国从未建立全面战略伙伴关系。", "zh", []),
    ("中挪关系不可能提升为全面战略伙伴关系。", "zh", []),
    ("China and Norway have not yet established a strategic partnership.", "en", []),
    ("Chile never upgraded its ties with China to an all-weather strategic partnership.", "en", []),
    ("Oslo is not planning to elevate relations with Beijing to a comprehensive strategic partnership.", "en", []),
    # …a raise of the label the pair has, wished or not, takes it as what is raised (before: an upgrade, the "to" of
    # "to upgrade its …" read as the raise's)
    ("Chile is not seeking to upgrade its comprehensive strategic partnership with China, the minister said.", "en",
     [("全面战略伙伴关系", "CHL", "mention", None)]),
    # …and a negation of something else keeps the label: 没有任何…, 从未像今天这样, 不断, 不仅, 并非没有, "not only", "never been better"
    ("没有任何一个拉美国家比智利更早同中国建立全面合作伙伴关系。", "zh", [("全面合作伙伴关系", "CHL", "upgrade", None)]),
    ("中智关系从未像今天这样紧密，两国全面战略伙伴关系不断深化。", "zh", [("全面战略伙伴关系", "CHL", "mention", None)]),
    ("中智两国不仅建立了全面战略伙伴关系，还签署了自贸协定升级议定书。", "zh", [("全面战略伙伴关系", "CHL", "upgrade", None)]),
    ("中国和智利并非没有建立战略伙伴关系，而是合作仍需充实。", "zh", [("战略伙伴关系", "CHL", "upgrade", None)]),
    ("Chile and China not only set up a comprehensive strategic partnership but also signed a free trade deal.", "en",
     [("全面战略伙伴关系", "CHL", "upgrade", None)]),
    ("China-Chile ties have never been better, and the comprehensive strategic partnership keeps deepening.", "en",
     [("全面战略伙伴关系", "CHL", "mention", None)]),
])
def test_event_cues_govern_the_label(lex, text, lang, expected):
    got = [(m.label_zh, m.partner, m.event, m.ref_date.iso() if m.ref_date else None)
           for m in run(lex, text, lang, date="2018-06-01")]
    assert got == expected


@pytest.mark.parametrize("text,lang,date,expected", [
    # (the demo's Russia 1996, 2011, 2019 and Kazakhstan 2019 rows) developing a label the leaders
    # announce, decide or agree on is its announcement when the pair has not had it (the lexicon's
    # holders know: Russia's 1996 and 2011 labels, Kazakhstan's of 2019-09-11), the declaration reaching
    # over its comma (宣布，决心发展)…
    ("俄罗斯总统访华。双方宣布，决心发展面向21世纪的中俄战略协作伙伴关系。", "zh", "1996-04-25",
     [("战略协作伙伴关系", "RUS", "upgrade", None)]),
    ("Under the joint statement, China and Russia will develop a comprehensive strategic partnership of "
     "coordination.", "en", "2011-06-17", [("全面战略协作伙伴关系", "RUS", "upgrade", None)]),
    ("After talks on 11 September, the two presidents agreed to develop a permanent comprehensive strategic "
     "partnership between China and Kazakhstan.", "en", "2019-09-11", [("永久全面战略伙伴关系", "KAZ", "upgrade", "2019-09-11")]),
    # (a new-era form the lexicon does not list may be new; "would" reported after "said on Wednesday that")
    ("Xi and Putin said on Wednesday that China and Russia would develop a comprehensive strategic partnership "
     "of coordination for a new era.", "en", "2019-06-06", [("全面战略协作伙伴关系", "RUS", "upgrade", "2019-06-05")]),
    ("两国元首决定发展中哈永久全面战略伙伴关系。", "zh", "2019-09-11", [("永久全面战略伙伴关系", "KAZ", "upgrade", None)]),
    # …new on the date the sentence gives, when it gives one (an announcement told later)…
    ("2019年9月，两国元首决定发展中哈永久全面战略伙伴关系。", "zh", "2021-06-01", [("永久全面战略伙伴关系", "KAZ", "upgrade", "2019-09")]),
    ("In September 2019 the two presidents agreed to develop a permanent comprehensive strategic partnership between "
     "China and Kazakhstan.", "en", "2021-06-01", [("永久全面战略伙伴关系", "KAZ", "upgrade", "2019-09")]),
    # …and a mention of it once the pair has it, whatever the verb before
    ("两国元首宣布发展中哈永久全面战略伙伴关系。", "zh", "2021-06-01", [("永久全面战略伙伴关系", "KAZ", "mention", None)]),
    ("两国元首决定发展中哈永久全面战略伙伴关系。", "zh", "2021-06-01", [("永久全面战略伙伴关系", "KAZ", "mention", None)]),
    ("The two presidents announced that China and Pakistan would develop their all-weather strategic cooperative "
     "partnership.", "en", "2021-06-01", [("全天候战略合作伙伴关系", "PAK", "mention", None)]),
    ("The leaders decided to develop the China-Kazakhstan permanent comprehensive strategic partnership.", "en",
     "2021-06-01", [("永久全面战略伙伴关系", "KAZ", "mention", None)]),
    # Serbia holds a community since 2024-05-08: 中塞 (Serbia, Senegal, Sierra Leone) is the holder's
    ("两国元首宣布，构建新时代中塞命运共同体。", "zh", "2024-05-08", [("命运共同体", "SRB", "upgrade", None)]),
])
def test_a_declared_development_announces_a_new_label(lex, text, lang, date, expected):
    got = [(m.label_zh, m.partner, m.event, m.ref_date.iso() if m.ref_date else None)
           for m in run(lex, text, lang, date=date)]
    assert got == expected


@pytest.mark.parametrize("text,lang,date,expected", [
    # (the demo's Vietnam rows of 2023-12-12/13) a declaration reaches past its comma and the clauses
    # after it to the verb before the label, as 同意构建 does in one clause; "agreed" past a place and a day
    # to "to build", as "agreed to build"
    ("越南领导人访华。双方宣布，在深化两国全面战略合作伙伴关系的基础上，携手构建具有战略意义的中越命运共同体。", "zh",
     "2023-12-12", [("全面战略合作伙伴关系", "VNM", "mention", None), ("命运共同体", "VNM", "upgrade", None)]),
    ("Xi and the Lao leader agreed in Vientiane on Tuesday to build a China-Laos community with a shared future.", "en",
     "2019-05-01", [("命运共同体", "LAO", "upgrade", "2019-04-30")]),
    # (发展 there is new for the pair or a mention, as 宣布发展)
    ("哈萨克斯坦总统访华。双方宣布，全面深化各领域合作，发展中哈永久全面战略伙伴关系。", "zh", "2019-09-11",
     [("永久全面战略伙伴关系", "KAZ", "upgrade", None)]),
    ("哈萨克斯坦总统访华。双方宣布，全面深化各领域合作，发展中哈永久全面战略伙伴关系。", "zh", "2021-09-11",
     [("永久全面战略伙伴关系", "KAZ", "mention", None)]),
    # …not when the label's own clause tends it, or the first clause after the comma continues
    ("双方同意，推动构建中老命运共同体。", "zh", "2019-05-01", [("命运共同体", "LAO", "mention", None)]),
    ("双方同意，进一步加强合作，构建中老命运共同体。", "zh", "2019-05-01", [("命运共同体", "LAO", "mention", None)]),
])
def test_a_declaration_reaches_the_clauses_after_it(lex, text, lang, date, expected):
    got = [(m.label_zh, m.partner, m.event, m.ref_date.iso() if m.ref_date else None)
           for m in run(lex, text, lang, date=date)]
    assert got == expected


@pytest.mark.parametrize("text,lang,date,event", [
    # (the demo's CELAC row) proposing the label itself, with no verb of building: a proposal…
    ("Xi proposed a comprehensive cooperative partnership between China and Latin America.", "en", "2014-07-17", "proposal"),
    ("Wang suggested a strategic partnership between China and Colombia.", "en", "2018-06-01", "proposal"),
    # …also at the meeting that sets it up, in the month the lexicon gives for it (held from July 2014,
    # it was not held before 17 July)…
    ("Xi proposed building a comprehensive cooperative partnership between China and Latin America.", "en",
     "2014-07-17", "proposal"),
    ("中方愿同拉方一道，构建中拉全面合作伙伴关系。", "zh", "2014-07-17", "proposal"),
    # …but not once the pair has it
    ("Xi proposed a comprehensive cooperative partnership between China and Latin America.", "en", "2016-07-17", "mention"),
    ("中方愿同拉方一道，构建中拉全面合作伙伴关系。", "zh", "2016-07-17", "mention"),
])
def test_a_label_proposed_before_the_pair_has_it(lex, text, lang, date, event):
    assert [m.event for m in run(lex, text, lang, date=date)] == [event]


@pytest.mark.parametrize("text,lang,expected", [
    # an idea, not a pair's label
    ("中方愿同世界各国一道，树立命运共同体意识。", "zh", []),
    ("China and ASEAN countries, upholding the concept of a community with a shared future, fought the virus.", "en", []),
    # …while a pair's community keeps its name
    ("中巴命运共同体意识深入人心。", "zh", [("命运共同体", "PAK", "mention")]),
    # India's 2014 label: 发展 after 的 is the partnership's; as a verb it is not (巩固和发展…)
    ("推动中印更加紧密的发展伙伴关系不断向前发展。", "zh", [("伙伴关系", "IND", "mention")]),
    ("中方愿同越方不断巩固和发展两国全面战略合作伙伴关系。", "zh", [("全面战略合作伙伴关系", "VNM", "mention")]),
    # (中伊 is Iran or Iraq, both holding labels: the sentence before names which)
    ("伊朗总统访华。中伊两国传统友好和真诚的伙伴关系不断发展。", "zh", [("伙伴关系", "IRN", "mention")]),
])
def test_ideas_and_free_modifiers(lex, text, lang, expected):
    assert triples(run(lex, text, lang)) == expected


@pytest.mark.parametrize("text,surface", [
    ("此访将丰富中匈全面战略伙伴关系内涵。", "全面战略伙伴关系"),  # 丰富 right before the pair is the verb
    ("构建新时代更紧密中巴命运共同体。", "新时代更紧密中巴命运共同体"),
    # 丰富 right before any word is the verb (user review: the demo's "丰富相互信任、合作共赢的中白…" took it)
    ("进一步丰富相互信任、合作共赢的中白全面战略伙伴关系内涵。", "相互信任、合作共赢的中白全面战略伙伴关系"),
    ("内涵丰富、稳定的中白全面战略伙伴关系不断发展。", "丰富、稳定的中白全面战略伙伴关系"),  # the quality, listed
    ("发展内涵丰富务实的中白全面战略伙伴关系。", "丰富务实的中白全面战略伙伴关系"),  # …and after 内涵 (review)
])
def test_verbs_before_the_pair_are_not_qualifiers(lex, text, surface):
    assert [m.surface for m in run(lex, text, "zh")] == [surface]


@pytest.mark.parametrize("text,qualifiers", [
    # a listed phrase is one qualifier, not its listed halves (平等, 互利; 稳定)
    ("推动相互尊重、平等互利、共同发展的中拉全面合作伙伴关系。", ("相互尊重", "平等互利", "共同发展")),
    ("中俄保持着成熟稳定的全面战略协作伙伴关系。", ("成熟稳定",)),
    ("中新双方宣布建立全方位高质量的前瞻性伙伴关系。", ("全方位", "高质量", "前瞻性")),
    ("两国将共同打造更具韧性和更可持续未来的中智命运共同体。", ("更具韧性和更可持续未来",)),
])
def test_qualifier_phrases_stay_whole(lex, text, qualifiers):
    assert [m.qualifiers for m in run(lex, text, "zh")] == [qualifiers]


@pytest.mark.parametrize("text,surface,qualifiers", [
    # an English descriptive tail of listed qualifiers is the label's, as 相互尊重、共同发展的 is
    ("China and Samoa will deepen the comprehensive strategic partnership featuring mutual respect and common development.",
     "comprehensive strategic partnership featuring mutual respect and common development", ("相互尊重", "共同发展")),
    ('The "comprehensive strategic partnership of coordination based on equality, mutual trust, mutual support, common '
     'prosperity and lasting friendship" between China and Russia has grown.',
     "comprehensive strategic partnership of coordination based on equality, mutual trust, mutual support, common "
     "prosperity and lasting friendship", ("平等", "相互信任", "相互支持", "共同繁荣", "世代友好")),
    # …a comma ends the tail; an item no qualifier names leaves the label without it
    ("China and Fiji will deepen the strategic partnership featuring mutual respect and common development, and work "
     "together.", "strategic partnership featuring mutual respect and common development", ("相互尊重", "共同发展")),
    ("China and Fiji will deepen the strategic partnership featuring mutual respect and a lot of trade.",
     "strategic partnership", ()),
    # …a list "and" has closed ends the tail there
    ("China and Fiji will deepen the strategic partnership featuring mutual respect and common development and work "
     "together.", "strategic partnership featuring mutual respect and common development", ("相互尊重", "共同发展")),
    # "of"/"for" tails: core words with their kind noun are an item (全面合作), not the label's core
    ("China and Oman agreed on a strategic partnership of comprehensive cooperation and common development.",
     "strategic partnership of comprehensive cooperation and common development", ("全面合作", "共同发展")),
    ("Leaders set up a strategic partnership for comprehensive cooperation and mutual benefit between China and Oman.",
     "strategic partnership for comprehensive cooperation and mutual benefit", ("全面合作", "互利")),
    # a relative clause of listed items; one that says something else stays out
    ("China and Samoa are strategic partners that respect each other and seek common development.",
     "strategic partners that respect each other and seek common development", ("相互尊重", "共同发展")),
    ("China and Italy are comprehensive strategic partners that enjoy frequent high-level exchanges.",
     "comprehensive strategic partners", ()),
    ("China will build with Laos a community with a shared future that is of strategic significance.",
     "community with a shared future that is of strategic significance", ("具有战略意义",)),
    ("China and Singapore have an all-round cooperative partnership progressing with the times.",
     "all-round cooperative partnership progressing with the times", ("全方位", "与时俱进")),
    # Brazil's community of 2024 (更公正世界和更可持续星球的); "high-quality" is 高质量 (Singapore, 2023)
    ("Lula and Xi pledged to build a China-Brazil community with a shared future for a more just world and a more "
     "sustainable planet.", "community with a shared future for a more just world and a more sustainable planet",
     ("更公正世界和更可持续星球",)),
    ("China and Singapore upgraded ties to an all-round high-quality future-oriented partnership.",
     "all-round high-quality future-oriented partnership", ("全方位", "高质量", "面向未来")),
])
def test_english_descriptive_tails(lex, text, surface, qualifiers):
    assert [(m.surface, m.qualifiers) for m in run(lex, text, "en")] == [(surface, qualifiers)]


@pytest.mark.parametrize("text,expected", [
    # every core word after the noun: "a partner of comprehensive strategic cooperation"
    ("As a good neighbour and a partner of comprehensive strategic cooperation, Laos supports China.",
     [("全面战略合作伙伴关系", "LAO", "mention")]),
    ("China and Kazakhstan are partners of all-round strategic cooperation.", [("全面战略合作伙伴关系", "KAZ", "mention")]),
    ("China and Russia are partners of comprehensive strategic coordination.", [("全面战略协作伙伴关系", "RUS", "mention")]),
    # …not when the phrase opens a list that describes the label
    ("China and Oman are strategic partners of comprehensive cooperation and common development.",
     [("战略伙伴关系", "OMN", "mention")]),
    # "of mutual benefit" is the label's own 互惠, no qualifier
    ("China and Japan will advance their strategic relationship of mutual benefit.", [("战略互惠关系", "JPN", "mention")]),
])
def test_english_core_words_all_after_the_noun(lex, text, expected):
    assert triples(run(lex, text, "en")) == expected


def test_relationship_of_mutual_benefit_takes_no_tail_qualifier(lex):
    (m,) = run(lex, "China and Japan will advance their strategic relationship of mutual benefit.", "en")
    assert m.qualifiers == ()


@pytest.mark.parametrize("text,surface,qualifiers", [
    # an unlisted phrase before 的 is read as 4 characters, unless that cuts a listed qualifier (高水平)
    ("中俄保持着高水平运行的全面战略协作伙伴关系。", "高水平运行的全面战略协作伙伴关系", ("高水平运行",)),
    ("中巴是非常紧密坚实的全天候战略合作伙伴。", "非常紧密坚实的全天候战略合作伙伴", ("非常紧密坚实",)),
    ("中巴保持着平稳的全天候战略合作伙伴关系。", "平稳的全天候战略合作伙伴关系", ("平稳",)),
])
def test_zh_phrase_before_de_is_not_cut_inside_a_listed_qualifier(lex, text, surface, qualifiers):
    assert [(m.surface, m.qualifiers) for m in run(lex, text, "zh")] == [(surface, qualifiers)]


def test_a_tail_makes_no_label_of_a_bare_partnership(lex):
    assert run(lex, "China and Fiji will build a partnership featuring mutual respect and common development.", "en") == []


def test_a_pair_right_before_mianxiang_is_the_labels(lex):
    (m,) = run(lex, "建立中尼面向发展与繁荣的世代友好的战略合作伙伴关系。", "zh", date="2019-10-14")
    assert (m.surface, m.partner, m.qualifiers) == ("面向发展与繁荣的世代友好的战略合作伙伴关系", "NPL", ("面向发展与繁荣", "世代友好"))


@pytest.mark.parametrize("text,lang,surfaces", [
    # GUIDELINES.md: the surface is the shortest span holding the label's words; the pair, 两国/双方,
    # possessives and 同X的 at its left edge say who holds it and stay out
    ("We will deepen the China-Spain comprehensive strategic partnership.", "en", ["comprehensive strategic partnership"]),
    ("Pakistan is China's all-weather strategic cooperative partner.", "en", ["all-weather strategic cooperative partner"]),
    ("Russia - China's comprehensive strategic partner of coordination.", "en", ["comprehensive strategic partner of coordination"]),
    ("Spain and China will deepen our comprehensive strategic partnership.", "en", ["comprehensive strategic partnership"]),
    ("We will build the China-Africa and China-Arab communities with a shared future.", "en",
     ["communities with a shared future", "communities with a shared future"]),
    ("中国—东盟战略伙伴关系不断发展。", "zh", ["战略伙伴关系"]),
    ("东盟—中国伙伴关系不断发展。", "zh", ["伙伴关系"]),
    ("越南是中国的全面战略合作伙伴。", "zh", ["全面战略合作伙伴"]),
    ("发展中澳、中新全面战略伙伴关系。", "zh", ["全面战略伙伴关系", "全面战略伙伴关系"]),
    ("深化同丹麦的全面战略伙伴关系。", "zh", ["全面战略伙伴关系"]),
    ("推动中非和中阿命运共同体建设。", "zh", ["命运共同体", "命运共同体"]),
    ("巩固中巴新全面战略伙伴关系。", "zh", ["全面战略伙伴关系"]),
    ("巴基斯坦总理访华。推动两国全天候战略合作伙伴关系发展。", "zh", ["全天候战略合作伙伴关系"]),
    # a pair between label words stays, and a modifier beginning with 和 is no joiner
    ("构建新时代更紧密中巴命运共同体。", "zh", ["新时代更紧密中巴命运共同体"]),
    ("中欧和平、增长、改革、文明四大伙伴关系不断发展。", "zh", ["和平、增长、改革、文明四大伙伴关系"]),
    # a joiner left of the pair joins two objects (user review, cwang23-en-t1683732: the surface began at "cooperation and")
    ("It matters to greater maritime cooperation and China-ROK strategic cooperative partnership.", "en",
     ["strategic cooperative partnership"]),
    ("We will deepen strategic cooperation and China-ROK strategic cooperative partnership.", "en",
     ["strategic cooperative partnership"]),
    ("Both will enhance practical cooperation, China-Vietnam comprehensive strategic cooperative partnership.", "en",
     ["comprehensive strategic cooperative partnership"]),
    ("China and Pakistan are strategic and cooperative partners.", "en", ["strategic and cooperative partners"]),
])
def test_the_surface_holds_the_label_words(lex, text, lang, surfaces):
    assert [m.surface for m in run(lex, text, lang)] == surfaces


def test_the_side_a_label_is_built_with_wins_in_its_clause(lex):
    text = "此访体现了中方对与芬方构建面向未来的新型合作伙伴关系的重视和对欧盟的支持。"
    assert triples(run(lex, text, "zh")) == [("合作伙伴关系", "FIN", "mention")]


@pytest.mark.parametrize("text,lang,expected", [
    # the themes of a pair's partnerships, as the English "China-EU partnership for peace, growth …"
    ("近年来，中欧和平、增长、改革、文明四大伙伴关系建设不断取得新进展。", "zh", [("伙伴关系", "ORG:EU", "mention")]),
    ("The China-EU partnership for peace, growth, reform and civilization has made new progress.", "en",
     [("伙伴关系", "ORG:EU", "mention")]),
    # …sectors are not (经贸、金融 …), nor themes nobody is named for
    ("中欧经贸、金融、科技三大伙伴关系不断发展。", "zh", []),
    ("和平、增长、改革、文明四大伙伴关系建设稳步推进。", "zh", []),
])
def test_themed_partnerships_of_a_pair(lex, text, lang, expected):
    assert triples(run(lex, text, lang)) == expected


@pytest.mark.parametrize("text,expected", [
    # a bare English "partnership" with only a possessive needs the pair named
    ("The state government has ended its partnership with the Confucius Institute in Australia.", []),
    ('Chinese sayings on the donation boxes for Italy read "our partnership, stronger than metal and stone".', []),
    ("China and Chile will deepen our partnership.", [("伙伴关系", "CHL", "mention")]),
])
def test_a_bare_english_partnership_needs_a_named_pair(lex, text, expected):
    assert triples(run(lex, text, "en")) == expected


@needs_shared
@pytest.mark.shared
def test_skipping_unviable_hits_changes_no_mention_on_the_shared_corpora(lex, monkeypatch):
    """Hits.viable (no "the international community") only saves work: the English MFA statements
    give the same mentions with every trigger occurrence matched."""
    from itertools import islice

    from termtrack.readers import read_statements
    from termtrack.trigger import Hits

    corpora = [SHARED / "corpora" / d for d in ("mfa-spokesperson-cwang23", "mfa-remarks-coolsteed")]
    english = [st for st in islice(read_statements(corpora), 0, 2500) if st.lang == "en"][::2]
    pruned = [extract(st, lex) for st in english]
    monkeypatch.setattr(Hits, "viable", lambda self, text: self)
    assert [extract(st, lex) for st in english] == pruned and sum(map(len, pruned)) > 200


@pytest.mark.parametrize("text,expected", [
    ("在中拉全面合作伙伴关系框架下，双方合作不断深化。", [("全面合作伙伴关系", "ORG:LATAM", "mention")]),
    ("双方签署了中欧伙伴关系框架协议。", []),  # an agreement's name
])
def test_a_framework_of_a_label_is_the_label(lex, text, expected):
    assert triples(run(lex, text, "zh")) == expected


@pytest.mark.parametrize("text,lang,expected", [
    # 中X before 在 / 一贯 … is the pair the sentence is about, whatever group it names later
    ("作为全面战略协作伙伴，中俄在重大国际问题上密切协调，共同维护联合国宪章宗旨。", "zh", [("全面战略协作伙伴关系", "RUS", "mention")]),
    ("中非一贯是休戚与共的命运共同体。", "zh", [("命运共同体", "ORG:AFRICA", "mention")]),
    ("近年来，中拉各领域合作蓬勃发展，进入携手打造命运共同体的新阶段。", "zh", [("命运共同体", "ORG:LATAM", "mention")]),
    # 中X领导人: the leaders of the pair (埃 is Egypt or Ethiopia: the full name decides)
    ("埃及总统将访华。在中埃领导人共同指引下，两国全面战略伙伴关系不断深化。", "zh", [("全面战略伙伴关系", "EGY", "mention")]),
    # 中阿 with a community: the Arab states, the one 阿 that holds one (since 2018)
    ("双方将推动构建中非和中阿命运共同体。", "zh", [("命运共同体", "ORG:AFRICA", "mention"), ("命运共同体", "ORG:ARAB", "mention")]),
    # China and two or more others listed as one subject: the group's vision, no pair's label
    ("As close neighbours, China, Japan and the ROK are a community with a shared future.", "en", []),
    # a label "between" the members of a group China belongs to is the group's, whoever else is named
    ("We hope to work with South Africa to deepen the strategic partnerships between BRICS countries.", "en", []),
    ("我们愿同南非一道，深化金砖国家间的战略伙伴关系。", "zh", []),
    ("We hope to work with South Africa to deepen the China-South Africa comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "ZAF", "mention")]),
    # three countries, each the others' partner: a trilateral grouping, no pair's label
    ("The three leaders agreed that Russia, China and India are all major countries and each other's important "
     "strategic partners for cooperation.", "en", []),
    ("三国领导人一致认为，三国都是有重要影响力的大国，互为重要战略合作伙伴。", "zh", []),
    ("The three countries are each other's important strategic partners for cooperation.", "en", []),
    # …a count inside a group's name is no such subject, nor is a count before the pair that holds the label
    ("中国和阿根廷在二十国集团等框架内密切合作，互为全面战略伙伴。", "zh", [("全面战略伙伴关系", "ARG", "mention")]),
    ("在中俄蒙三国元首会晤期间，双方同意加强合作，中俄互为全面战略协作伙伴。", "zh", [("全面战略协作伙伴关系", "RUS", "mention")]),
    ("China, Japan and the ROK are neighbours, and China and the ROK are strategic cooperative partners.", "en",
     [("战略合作伙伴关系", "KOR", "mention")]),
])
def test_the_pair_a_sentence_is_about(lex, text, lang, expected):
    assert triples(run(lex, text, lang)) == expected


@pytest.mark.parametrize("text,lang,ref", [
    ("Today marks the 15th anniversary of the establishment of the China-ASEAN strategic partnership.", "en", "2003-10-08"),
    ("今天是中国—东盟建立战略伙伴关系15周年。", "zh", "2003-10-08"),
    ("This year marks the 15th anniversary of the China-ASEAN strategic partnership.", "en", "2003"),
    ("今年是中国—东盟建立战略伙伴关系15周年。", "zh", "2003"),
])
def test_an_anniversary_today_dates_the_label_to_the_day(lex, text, lang, ref):
    (m,) = run(lex, text, lang, date="2018-10-08")
    assert (m.event, m.ref_date.iso()) == ("upgrade", ref)


@pytest.mark.parametrize("text,expected", [
    # a qualified weak label the subject develops "with China" is the subject's label with China
    ("新西兰政府表示，新方致力于同中方发展长期建设性的伙伴关系。", [("伙伴关系", "NZL", "mention")]),
    ("斐济总理表示，斐济将同中国加强合作，促进长久以来的友好和合作伙伴关系。", [("合作伙伴关系", "FJI", "mention")]),
    # …not a bare one, nor one nobody is named for, nor a generic one
    ("新方愿同中国发展伙伴关系。", []),
    ("越来越多的国家愿同中国发展友好合作伙伴关系。", []),
    ("中方愿同各方发展全球发展伙伴关系。", []),
])
def test_weak_labels_developed_with_china(lex, text, expected):
    assert triples(run(lex, text, "zh")) == expected


@pytest.mark.parametrize("text,expected", [
    # core words after the noun count, all of them
    ("China and the Netherlands will deepen their open and pragmatic partnership for comprehensive cooperation.",
     [("全面合作伙伴关系", "NLD", "mention", "open and pragmatic partnership for comprehensive cooperation")]),
    # …unless they open a list that describes the label (全面合作、共同发展的战略伙伴关系): the list is its tail
    ("China and Arab states established a strategic partnership of comprehensive cooperation and common development.",
     [("战略伙伴关系", "ORG:ARAB", "upgrade",
       "strategic partnership of comprehensive cooperation and common development")]),
])
def test_english_core_words_after_the_noun(lex, text, expected):
    assert [(m.label_zh, m.partner, m.event, m.surface) for m in run(lex, text, "en")] == expected


@pytest.mark.parametrize("text,lang,expected", [
    # consensus reached on building a label is an agreement to build it (as 同意构建, "agreed to build")
    ("双方就构建中缅命运共同体达成重要共识。", "zh", ("upgrade", None)),
    ("双方就推进中缅命运共同体建设达成重要共识。", "zh", ("mention", None)),
    ("Last January, the leaders reached important consensus on building a China-Myanmar community with a shared future.",
     "en", ("upgrade", "2020-01")),  # "last January" in August 2020: January 2020
    ("In January last year, China and Chile established a comprehensive strategic partnership.", "en", ("upgrade", "2019-01")),
])
def test_consensus_on_building_and_last_month(lex, text, lang, expected):
    (m,) = run(lex, text, lang, date="2020-08-20")
    assert (m.event, m.ref_date.iso() if m.ref_date else None) == expected


def dated(ms):
    return [(m.label_zh, m.event, m.ref_date.iso() if m.ref_date else None) for m in ms]


@pytest.mark.parametrize("text,lang,date,expected", [
    # (review 16, E4a) a month or week said relative to the statement's dates the raise or setup at the precision
    # the words give: 上(个)月 the month before (a day of it with 日), 本月, 三个月前, 半年前, 今年, "last month", "earlier
    # this month/year", "two months ago"; 2019-05-10 is a Friday
    ("上个月，中智两国将双边关系提升为全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019-04")]),
    ("上月15日，中智两国宣布建立全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019-04-15")]),
    ("上月，中智两国将双边关系提升为全面战略伙伴关系。", "zh", "2019-01-15", [("全面战略伙伴关系", "upgrade", "2018-12")]),
    ("本月初，中智两国将双边关系提升为全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019-05")]),
    ("三个月前，中智两国建立了全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019-02")]),
    ("半年前，中智两国建立了全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2018-11")]),
    ("今年，中智两国建立了全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019")]),
    ("Last month, China and Chile elevated their ties to a comprehensive strategic partnership.", "en", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019-04")]),
    ("China and Chile elevated their ties to a comprehensive strategic partnership last month.", "en", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019-04")]),
    ("Earlier this month, China and Chile upgraded ties to a comprehensive strategic partnership.", "en", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019-05")]),
    ("Earlier this year, China and Chile upgraded ties to a comprehensive strategic partnership.", "en", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019")]),
    ("Two months ago, China and Chile upgraded ties to a comprehensive strategic partnership.", "en", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019-03")]),
    # …a week: its month when all its days fall in one (13-19 May), a day of it when named (上周五: 3 May)…
    ("上周，中智两国将双边关系提升为全面战略伙伴关系。", "zh", "2019-05-20", [("全面战略伙伴关系", "upgrade", "2019-05")]),
    ("Last week, China and Chile upgraded ties to a comprehensive strategic partnership.", "en", "2019-05-20",
     [("全面战略伙伴关系", "upgrade", "2019-05")]),
    ("上周五，中智两国将双边关系提升为全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019-05-03")]),
    # …and nothing when it spans two months (29 April - 5 May), or the statement gives no month for 上月
    ("上星期，中智两国将双边关系提升为全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("Last week, China and Chile upgraded ties to a comprehensive strategic partnership.", "en", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("上月，中智两国将双边关系提升为全面战略伙伴关系。", "zh", "2019", [("全面战略伙伴关系", "upgrade", None)]),
    # near misses that keep their dates: a month this year (with its day), 今年是…周年 (the year of an anniversary,
    # "this year marks …"), 日本周边 (no 本周)
    ("In March this year, China and Chile upgraded ties to a comprehensive strategic partnership.", "en", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019-03")]),
    ("On 5 March this year, China and Chile upgraded ties to a comprehensive strategic partnership.", "en", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019-03-05")]),
    ("今年是中智建交40周年，两国建立全面战略伙伴关系以来合作成果丰硕。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("This year marks the 40th anniversary of diplomatic ties, and China and Chile upgraded ties to a comprehensive "
     "strategic partnership.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("日本周边国家中，越南同中国建立了全面战略合作伙伴关系。", "zh", "2019-05-10", [("全面战略合作伙伴关系", "upgrade", None)]),
    # …and a date a verb of saying governs is when it was said, not the label's (正如我上周所说，…建立了…)
    ("正如我上个月在记者会上所说，中方重视同智利的关系，与智利建立了全面战略伙伴关系。", "zh", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("As I said at last week's press conference, China and Chile have established a comprehensive strategic "
     "partnership.", "en", "2019-05-20", [("全面战略伙伴关系", "upgrade", None)]),
    ("Wang Yi said last month that China and Chile had established a comprehensive strategic partnership.", "en",
     "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
])
def test_a_month_or_week_before_the_statement_dates_the_event(lex, text, lang, date, expected):
    assert dated(run(lex, text, lang, date=date)) == expected


# ---------------------------------------------------------------------------- review 18 (bb07989, 19f2286, 7cec04f)
@pytest.mark.parametrize("text,lang,date,expected", [
    # R1: the date the raise's or setup's own verb phrase gives after the label beats a date of another clause
    # before it (before: the talks' last month)
    ("At the talks last month, the two leaders reviewed the achievements since China and Ecuador upgraded ties to a "
     "comprehensive strategic partnership in 2016.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("Earlier this month, the two foreign ministers reviewed the progress since China and Ecuador elevated ties to a "
     "comprehensive strategic partnership in November 2016.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2016-11")]),
    ("Last week, Xi and Moreno reviewed the achievements made since the two countries established a comprehensive "
     "strategic partnership in 2016.", "en", "2019-05-17", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("At the talks in March, the two leaders reviewed the achievements since China and Ecuador upgraded ties to a "
     "comprehensive strategic partnership in 2016.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2016")]),
    # …near misses: a date before with none after, one before that says more of the same year, a time after the
    # label that is no date of its verb phrase
    ("Last month, China and Ecuador upgraded ties to a comprehensive strategic partnership.", "en", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019-04")]),
    ("In November 2016, China and Ecuador upgraded ties to a comprehensive strategic partnership in 2016.", "en",
     "2019-05-10", [("全面战略伙伴关系", "upgrade", "2016-11")]),
    ("Last month, China and Ecuador upgraded ties to a comprehensive strategic partnership in a joint statement "
     "that recalled ties set up in 1980.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019-04")]),
    # R2: 说/称 inside another word is no verb of saying (可以说是, 堪称, 被称为, 号称, 对…来说), nor is a document's 指出 (the
    # joint statement is the act): the year is the raise's (before: nothing)
    ("2014年可以说是中秘关系的丰收之年，两国建立了全面战略伙伴关系。", "zh", "2016-09-10", [("全面战略伙伴关系", "upgrade", "2014")]),
    ("2016年堪称中塞关系的“黄金之年”，两国将双边关系提升为全面战略伙伴关系。", "zh", "2017-03-10",
     [("全面战略伙伴关系", "upgrade", "2016")]),
    ("去年被称为中塞关系的“丰收年”，两国关系提升为全面战略伙伴关系。", "zh", "2017-03-10", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("2016年号称中塞“友好年”，两国将双边关系提升为全面战略伙伴关系。", "zh", "2017-03-10", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("2016年对中塞关系来说是具有里程碑意义的一年，两国将双边关系提升为全面战略伙伴关系。", "zh", "2017-03-10",
     [("全面战略伙伴关系", "upgrade", "2016")]),
    ("2014年两国发表的联合声明指出，将中蒙关系提升为全面战略伙伴关系。", "zh", "2015-03-10", [("全面战略伙伴关系", "upgrade", "2014")]),
    ("2016年6月两国元首签署联合声明指出，将两国关系提升为全面战略伙伴关系。", "zh", "2017-03-10",
     [("全面战略伙伴关系", "upgrade", "2016-06")]),
    # …near misses: a speaker's 所说, 表示, 称, 介绍说 still date the saying
    ("正如我去年所说，中塞两国将双边关系提升为全面战略伙伴关系。", "zh", "2017-03-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("王毅去年称，中塞两国已将双边关系提升为全面战略伙伴关系。", "zh", "2017-03-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("王毅2016年在记者会上说，中塞两国已将双边关系提升为全面战略伙伴关系。", "zh", "2017-03-10",
     [("全面战略伙伴关系", "upgrade", None)]),
    # R3: a date of what a verb of saying takes as its object (a visit, the outcomes of one, a joint statement) or of
    # the document something is stated in dates the event, as a 'when'/'during which' clause after it says
    ("Xi recalled his state visit to Ecuador last year, during which the two countries established a comprehensive "
     "strategic partnership.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2018")]),
    ("Xi recalled his state visit to Serbia in June 2016, when the two countries elevated their relationship to a "
     "comprehensive strategic partnership.", "en", "2017-06-10", [("全面战略伙伴关系", "upgrade", "2016-06")]),
    ("Xi recalled his visit to Belgrade last June, when the two countries elevated ties to a comprehensive strategic "
     "partnership.", "en", "2017-06-10", [("全面战略伙伴关系", "upgrade", "2016-06")]),
    ("As stated in the joint statement issued in June 2016, China and Serbia decided to establish a comprehensive "
     "strategic partnership.", "en", "2017-06-10", [("全面战略伙伴关系", "upgrade", "2016-06")]),
    ("As mentioned in the Joint Statement of June 2016, China and Serbia established a comprehensive strategic "
     "partnership.", "en", "2017-06-10", [("全面战略伙伴关系", "upgrade", "2016-06")]),
    ("The two leaders noted with satisfaction the outcomes of the visit in June 2016, when China and Serbia elevated "
     "ties to a comprehensive strategic partnership.", "en", "2017-06-10", [("全面战略伙伴关系", "upgrade", "2016-06")]),
    ("Both leaders stressed the significance of President Moreno's visit last month, during which the two countries "
     "upgraded ties to a comprehensive strategic partnership.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019-04")]),
    # …near misses: the time of the speaking itself, right after the verb or the occasion it was said at
    ("As I said last week, China and Chile have established a comprehensive strategic partnership.", "en", "2019-05-20",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("As I mentioned at the press conference last week, China and Chile have established a comprehensive strategic "
     "partnership.", "en", "2019-05-20", [("全面战略伙伴关系", "upgrade", None)]),
    ("Wang Yi told reporters at a briefing last month that China and Chile had established a comprehensive strategic "
     "partnership.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    # R4: the time said with the setup beats the time counted since it (before: 2019 less five years)
    ("2013年10月中马两国建立全面战略伙伴关系5年来，双方各领域合作成果丰硕。", "zh", "2019-03-10",
     [("全面战略伙伴关系", "upgrade", "2013-10")]),
    ("自2013年10月两国建立全面战略伙伴关系5年来，中马关系发展迅速。", "zh", "2019-03-10", [("全面战略伙伴关系", "upgrade", "2013-10")]),
    ("中马两国2013年建立全面战略伙伴关系5年来，双方合作成果丰硕。", "zh", "2019-03-10", [("全面战略伙伴关系", "upgrade", "2013")]),
    ("2016年11月，两国建立全面战略伙伴关系两年来，中厄关系快速发展。", "zh", "2019-02-10", [("全面战略伙伴关系", "upgrade", "2016-11")]),
    ("In the five years since China and Malaysia established their comprehensive strategic partnership in October "
     "2013, bilateral trade has grown steadily.", "en", "2019-03-10", [("全面战略伙伴关系", "upgrade", "2013-10")]),
    ("Over the past five years since the establishment of the China-Malaysia comprehensive strategic partnership in "
     "October 2013, the two countries have deepened cooperation.", "en", "2019-03-10",
     [("全面战略伙伴关系", "upgrade", "2013-10")]),
    ("Over the three years since the establishment of the comprehensive strategic partnership between China and "
     "Ecuador in November 2016, cooperation has grown.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2016-11")]),
    # …near misses: no time said with the setup (counted), one in a clause of its own before (counted)
    ("中马两国建立全面战略伙伴关系5年来，双方合作成果丰硕。", "zh", "2019-03-10", [("全面战略伙伴关系", "upgrade", "2014")]),
    ("2013年习近平主席访问马来西亚，两国建立全面战略伙伴关系5年来，双方合作成果丰硕。", "zh", "2019-03-10",
     [("全面战略伙伴关系", "upgrade", "2014")]),
    ("In the five years since China and Malaysia established their comprehensive strategic partnership, trade has "
     "grown.", "en", "2019-03-10", [("全面战略伙伴关系", "upgrade", "2014")]),
    # N1: a clause that decides keeps the day of a 回顾 before it, not a date a verb of saying governs (before: the
    # saying's month)
    ("外交部发言人上月表示，中厄双方同意建立全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("正如我上周所说，中新两国一致同意建立与时俱进的全方位合作伙伴关系。", "zh", "2017-02-27", [("全面合作伙伴关系", "upgrade", None)]),
    ("正如我上月所说，两国元首一致决定将中厄关系提升为全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("王毅上月介绍说，两国元首已决定将中厄关系提升为全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    # …near misses: 回顾 before the decision, the decision's own date, a meeting's day
    ("上月，两国元首回顾了两国关系发展历程，一致决定将中厄关系提升为全面战略伙伴关系。", "zh", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019-04")]),
    ("外交部发言人表示，中厄双方上月同意建立全面战略伙伴关系。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019-04")]),
    ("习近平5日同莫雷诺举行会谈时表示，双方决定将中厄关系提升为全面战略伙伴关系。", "zh", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019-05-05")]),
    # N2: a date of another event before the label: a meeting's or visit's clause when the setup is the point it
    # counts from (以来, 后, 建立的…框架, 'since …'), a consensus carried out, a time ahead (before: dated, 去年 too)
    ("上月，王毅同厄瓜多尔外长举行会谈，双方一致认为，中厄建立全面战略伙伴关系以来，双边关系快速发展。", "zh", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("去年，厄瓜多尔总统访华期间同习近平主席举行会谈，两国元首回顾了中厄建立全面战略伙伴关系以来两国关系取得的成就。", "zh",
     "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("本月下旬，厄瓜多尔总统将对中国进行国事访问，这是中厄建立全面战略伙伴关系后厄总统首次访华。", "zh", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("厄瓜多尔总统将于6月访华，这是中厄建立全面战略伙伴关系后厄总统首次访华。", "zh", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("两个月前，中厄两国签署了共建“一带一路”谅解备忘录，双方同意在两国建立的全面战略伙伴关系框架下深化合作。", "zh",
     "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("今年以来，双方认真落实两国元首关于建立全面战略伙伴关系的重要共识，各领域合作取得新进展。", "zh", "2019-11-20",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("Last month's visit by President Moreno was the first by an Ecuadorian head of state since the two countries "
     "established their comprehensive strategic partnership.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("Last year's visit by President Moreno was the first by an Ecuadorian head of state since the two countries "
     "established their comprehensive strategic partnership.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("President Moreno will pay a state visit to China this month, his first since the two countries established a "
     "comprehensive strategic partnership.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("Earlier this month, State Councilor Wang Yi held talks with Ecuador's foreign minister, and the two sides reviewed "
     "the progress made since the establishment of the China-Ecuador comprehensive strategic partnership.", "en",
     "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("Last month, Wang Yi met Ecuador's foreign minister, and they agreed to implement the consensus reached by the two "
     "heads of state when they established the comprehensive strategic partnership.", "en", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("This year, the third since China and Ecuador established their comprehensive strategic partnership, has seen "
     "steady growth in trade.", "en", "2019-09-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("This year happens to be the fifth year since China and Ecuador established their comprehensive strategic "
     "partnership.", "en", "2019-09-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("上月，两国建立全面战略伙伴关系后首次举行外长会晤。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("Last month, China and Ecuador held their first foreign ministers' meeting after establishing a comprehensive "
     "strategic partnership.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("Last month, after establishing a comprehensive strategic partnership, China and Ecuador signed ten agreements.",
     "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019-04")]),
    # …near misses: a decision at the meeting, the setup's own clause and the time clauses right before it, a
    # consensus reached then, a time after 'since', a clause of its own after 'since'
    ("上月，王毅同厄瓜多尔外长举行会谈，双方一致同意建立全面战略伙伴关系。", "zh", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2019-04")]),
    ("2014年，两国建立全面战略伙伴关系以来，双边合作快速发展。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2014")]),
    ("2016年，习近平主席访问厄瓜多尔期间，两国建立全面战略伙伴关系以来，双边合作快速发展。", "zh", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2016")]),
    ("去年两国建立的全面战略伙伴关系不断深化。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2018")]),
    ("去年，两国元首就建立全面战略伙伴关系达成共识。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2018")]),
    ("Last month, the two sides reached consensus on establishing a comprehensive strategic partnership.", "en",
     "2019-05-10", [("全面战略伙伴关系", "upgrade", "2019-04")]),
    ("Since 2016, when China and Ecuador established a comprehensive strategic partnership, trade has grown.", "en",
     "2019-05-10", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("In 2016, the first year since the two countries established diplomatic ties, China and Ecuador established a "
     "comprehensive strategic partnership.", "en", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2016")]),
    # N3: a year the clause says is the N-th after the setup, or the year of something after it, is not its date
    # (before: this year)
    ("今年恰好是中厄两国建立全面战略伙伴关系后的第三年。", "zh", "2019-09-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("今年还是中厄建立全面战略伙伴关系后两国元首首次实现互访之年。", "zh", "2019-09-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("今年适值中厄建立全面战略伙伴关系后的第三年。", "zh", "2019-09-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("今年同样是中厄两国建立全面战略伙伴关系后双边贸易增长最快的一年。", "zh", "2019-09-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("去年是中厄两国建立全面战略伙伴关系后的第二年。", "zh", "2019-09-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("今年恰好是中厄建交40周年，两国建立了全面战略伙伴关系。", "zh", "2019-09-10", [("全面战略伙伴关系", "upgrade", None)]),
    # …near misses: a year that is the setup's (之年 with no 后), one this year, one before the copula's clause
    ("2016年是中厄建立全面战略伙伴关系之年。", "zh", "2019-09-10", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("今年，中厄两国建立了全面战略伙伴关系。", "zh", "2019-09-10", [("全面战略伙伴关系", "upgrade", "2019")]),
    ("2016年，中厄两国建立全面战略伙伴关系后，双边贸易快速增长。", "zh", "2019-09-10", [("全面战略伙伴关系", "upgrade", "2016")]),
    # N4: the time since a verb that is not the label's own setup does not date it: a proposal, a setup joined to the
    # diplomatic ties', a verb of tending after 、 (before: the statement's year less the time)
    ("两国领导人提出建立全面战略伙伴关系三年来，双方合作成果丰硕。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", None)]),
    ("自习近平主席提出建立中拉命运共同体五年来，双方合作不断深化。", "zh", "2019-05-10", [("命运共同体", "upgrade", None)]),
    ("中国同巴拿马建立外交关系、发展战略伙伴关系两年来，双边合作成果丰硕。", "zh", "2019-05-10", [("战略伙伴关系", "upgrade", None)]),
    ("中国同厄瓜多尔建交并建立全面战略伙伴关系以来的40年里，两国友好合作不断深化。", "zh", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", None)]),
    # …near misses: the label's own setup, its raise, after the ties in a clause of their own
    ("两国建立全面战略伙伴关系三年来，双方合作成果丰硕。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("中厄关系提升为全面战略伙伴关系三年来，双方合作成果丰硕。", "zh", "2019-05-10", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("两国建交40年来，特别是建立全面战略伙伴关系三年来，双方合作成果丰硕。", "zh", "2019-05-10",
     [("全面战略伙伴关系", "upgrade", "2016")]),
    # N5: a bare first rung needs a label for its next rung, not any partners or a bare partnership (before: a bare
    # 伙伴关系 of the pair)
    ("Some scholars argue that China-Russia relations should move from a partnership to an alliance with other "
     "partners.", "en", "2019-05-10", []),
    ("China-Ecuador relations have evolved from a partnership to one between equal partners.", "en", "2019-05-10", []),
    ("The relationship between China and Ecuador has moved from a partnership to a greater role for private partners.",
     "en", "2019-05-10", []),
    ("China hopes the United States will move from a partnership to a genuine partnership of mutual respect.", "en",
     "2019-05-10", []),
    ("What Ecuador wants is a shift from a partnership to a few big partners in trade.", "en", "2019-05-10", []),
    # …near misses: a next rung with its qualifiers, or with no article
    ("China and Chile upgraded ties from a partnership to a special strategic and global partnership.", "en",
     "2019-05-10", [("伙伴关系", "upgrade", None), ("战略伙伴关系", "upgrade", None)]),
    ("China and Chile upgraded ties from a partnership to comprehensive strategic partnership in 2016.", "en",
     "2019-05-10", [("伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", "2016")]),
])
def test_review_18(lex, text, lang, date, expected):
    assert dated(run(lex, text, lang, date=date)) == expected


def test_a_weak_label_whose_written_pair_is_ambiguous_is_kept_with_its_partner_open(lex):
    """中尼 is Nepal's, Niger's or Nigeria's: a 伙伴关系 said of it is a dyad's label all the same
    (review round 10); a bare one nobody is named for still is not."""
    got = run(lex, "此访将推动中尼伙伴关系深入发展。", "zh")
    assert [(m.label_zh, m.partner, m.attribution) for m in got] == [("伙伴关系", None, "dyad-ambiguous")]
    assert run(lex, "此访将推动伙伴关系深入发展。", "zh") == []


def test_dyads_written_as_pairs_keep_each_pair(lex):
    """'the China-India and Russia-India …' gave China–Russia (a probe's finding): each X-Y pair
    is its own dyad, the one without China a non-China dyad."""
    got = run(lex, "The China-India and Russia-India strategic partnerships are developing.", "en")
    assert sorted((m.party, m.partner) for m in got) == [("CHN", "IND"), ("RUS", "IND")]
    both = run(lex, "The China-Australia and China-New Zealand comprehensive strategic partnerships grow.", "en")
    assert sorted((m.party, m.partner) for m in both) == [("CHN", "AUS"), ("CHN", "NZL")]


# ---------------------------------------------------------------------------- review of the tail commit
@pytest.mark.parametrize("text,expected", [
    # a core word left of an unlisted phrase before 的 is its subject's, not the label's
    ("中方愿同埃方一道，推动务实合作高水平运行的全面战略伙伴关系。", [("全面战略伙伴关系", "EGY", "mention")]),
    ("中方愿同意方一道，推动双边关系全面高水平运行的战略伙伴关系。", [("战略伙伴关系", "ITA", "mention")]),
    ("中方愿同法方一道，推动中法合作平稳运行的全面战略伙伴关系。", [("全面战略伙伴关系", "FRA", "mention")]),
    # "… of comprehensive cooperation and <any noun phrase>" is a description, listed or not
    ("China and the Arab states agreed to build a strategic partnership of comprehensive cooperation and joint "
     "development.", [("战略伙伴关系", "ORG:ARAB", "upgrade")]),
    # the next label's adjectives are no tail item
    ("China and Laos are strategic partners of mutual trust and comprehensive strategic cooperative partners.",
     [("战略伙伴关系", "LAO", "mention"), ("全面战略合作伙伴关系", "LAO", "mention")]),
    # with no core word before the noun, a described phrase is the label's core
    ("China and Kazakhstan are partners of comprehensive strategic cooperation and mutual trust.",
     [("全面战略合作伙伴关系", "KAZ", "mention")]),
    ("Vietnam is China's partner of comprehensive strategic cooperation.", [("全面战略合作伙伴关系", "VNM", "mention")]),
    ("Kenya is China's partner of comprehensive strategic cooperation in East Africa.",
     [("全面战略合作伙伴关系", "KEN", "mention")]),  # "in" a place, not a field
    ("China and Turkey will deepen their relationship of strategic cooperation.", [("战略合作关系", "TUR", "mention")]),
    # core words after the noun alone are no strong label: fields, programmes, principles, descriptions
    ("Saudi Arabia is China's important partner of strategic cooperation in the energy sector.", []),
    ("Cambodia is a partner of strategic cooperation for China in the Belt and Road Initiative.", []),
    ("The Asia-Pacific Partnership for Strategic Coordination on Disaster Relief held its first meeting.", []),
    ("China and the EU should be partners of comprehensive strategic cooperation, not rivals.", []),
    ("China regards Europe as a partner for comprehensive strategic cooperation rather than a rival.", []),
    ("China has developed relations of strategic cooperation with many developing countries.", []),
    ("China and Kazakhstan pledged to build a partnership of everlasting cooperation.", []),
    # a bare partnership with a description after it stays bare
    ("China and the EU have a partnership of strategic significance.", []),
    ("China and Africa should build a Belt and Road partnership keeping pace with the times.", []),
])
def test_review_of_the_tail_commit(lex, text, expected):
    lang = "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en"
    assert triples(run(lex, text, lang)) == expected


@pytest.mark.parametrize("text,lang,qualifiers", [
    ("中方愿同俄方一道，深化保持久经考验的全面战略协作伙伴关系。", "zh", ("久经考验",)),  # not 持久经考验 (保持|久经)
    ("中方愿同哈方一道，巩固长期稳定运行的全面战略伙伴关系。", "zh", ("长期", "稳定运行")),
    ("Wang Yi assured China's comprehensive strategic partners that mutual trust remains the foundation.", "en", ()),
    ("China is Nigeria's strategic partner for common development of Africa.", "en", ()),
])
def test_tails_and_windows_that_describe_something_else(lex, text, lang, qualifiers):
    (m,) = run(lex, text, lang)
    assert m.qualifiers == qualifiers


# ---------------------------------------------------------------------------- review of the fix commit
@pytest.mark.parametrize("text,expected", [
    # the field guard is for derived phrases only, and a date or a place is no field
    ("China and Russia established a partnership of strategic coordination in 1996.",
     [("战略协作伙伴关系", "RUS", "upgrade", "1996")]),
    ("China and the Netherlands established an open and pragmatic partnership for comprehensive cooperation in 2014.",
     [("全面合作伙伴关系", "NLD", "upgrade", "2014")]),
    ("China and Vietnam established a partnership of comprehensive strategic cooperation in 2008.",
     [("全面战略合作伙伴关系", "VNM", "upgrade", "2008")]),
    # a named pair makes a relationship of strategic cooperation a label
    ("China and Turkey have a relationship of strategic cooperation.", [("战略合作关系", "TUR", "mention", None)]),
    # with no 战略 before the noun, the described phrase is the core, whatever other core word is there
    ("China and Pakistan are all-weather partners of strategic cooperation and iron-clad friends.",
     [("全天候战略合作伙伴关系", "PAK", "mention", None)]),
    # a top-slot adjective is never the subject of the phrase before 的
    ("中巴是全天候牢不可破的战略合作伙伴。", [("全天候战略合作伙伴关系", "PAK", "mention", None)]),
    # a headline's title case with the pair named is no programme
    ("China and Thailand Are Partners of Comprehensive Strategic Cooperation",
     [("全面战略合作伙伴关系", "THA", "mention", None)]),
])
def test_review_of_the_fix_commit(lex, text, expected):
    lang = "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en"
    got = [(m.label_zh, m.partner, m.event, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang)]
    assert got == expected


@pytest.mark.parametrize("text,lang,qualifiers", [
    ("中方愿同法方一道，发展长期可持续的全面战略伙伴关系。", "zh", ("长期可持续",)),  # 2-character qualifiers widen too
    ("中方愿同法方一道，发展友好可信赖的全面战略伙伴关系。", "zh", ("友好可信赖",)),
    ("China and Tonga are strategic partners that respect each other and seek common development together.", "en",
     ("相互尊重", "共同发展")),
    ("China and Belarus have a comprehensive strategic partnership featuring mutual trust and win-win cooperation of "
     "the two peoples.", "en", ("相互信任", "合作共赢")),
])
def test_fix_commit_qualifiers(lex, text, lang, qualifiers):
    (m,) = run(lex, text, lang)
    assert m.qualifiers == qualifiers


@pytest.mark.parametrize("text,expected", [
    # one core word per slot: 合作 before 的 is no word of a 协作 label, nor 协作 of a 合作 one
    ("中方愿同俄方一道，推动中俄深化合作的新时代全面战略协作伙伴关系不断发展。", [("全面战略协作伙伴关系", "RUS", "mention")]),
    ("中非团结协作的全面战略合作伙伴关系不断深化。", [("全面战略合作伙伴关系", "ORG:AFRICA", "mention")]),
    # 全天候 and 永久 before a phrase with 的 are the label's, never cut into the phrase (天候铁杆)
    ("中巴是全天候铁杆的战略合作伙伴。", [("全天候战略合作伙伴关系", "PAK", "mention")]),
    ("中方愿同哈方一道，发展永久牢固的全面战略伙伴关系。", [("永久全面战略伙伴关系", "KAZ", "mention")]),
])
def test_one_core_word_per_slot(lex, text, expected):
    assert triples(run(lex, text, "zh")) == expected


@pytest.mark.parametrize("text,lang", [
    ("On Thursday the two presidents met in Samarkand and announced that\n"
     "China and Belarus would elevate their relations to an all-weather\n"
     "comprehensive strategic partnership, the first such label in the\n"
     "region, and then they signed a joint statement on the new label.", "en"),
    ("两国元首在撒马尔罕会谈后宣布，将中白关系提升为全天候全\n面战略伙伴关系，在三十年友谊的基础上推动双方合作不断取\n"
     "得新成果，造福两国人民，也为地区和平与发展作出新的贡\n献。", "zh"),
    ("兩國元首在撒馬爾罕會談後宣佈，將中白關係提升爲全天候全\n面戰略夥伴關係，在三十年友誼的基礎上推動雙方合作不斷取\n"
     "得新成果，造福兩國人民，也爲地區和平與發展作出新的貢\n獻。", "zh"),
])
def test_a_hard_wrapped_statement_matches_as_unwrapped(lex, text, lang):
    """A label broken across lines by hard wrapping is found, its surface as written."""
    ms = run(lex, text, lang, date="2022-09-15")
    assert triples(ms) == [("全天候全面战略伙伴关系", "BLR", "upgrade")]
    assert "\n" in ms[0].surface and text[ms[0].start:ms[0].end] == ms[0].surface


def test_a_listed_country_is_no_qualifier_of_the_label(lex):
    (m, _) = run(lex, "中国同法国、德国都是全面战略伙伴。", "zh")
    assert (m.surface, m.qualifiers) == ("全面战略伙伴", ())


@pytest.mark.parametrize("text,expected", [
    # the label of the sentence that settles 埃 (Egypt holds 全面战略伙伴关系, Ethiopia does not) settles it
    # for the sentence's other label too (before: the community, nobody's yet, was dropped)
    ("中埃关系发展良好。双方同意构建命运共同体，推动中埃全面战略伙伴关系发展。",
     [("命运共同体", "EGY", "upgrade"), ("全面战略伙伴关系", "EGY", "mention")]),
    # nothing settles it: the community stays unattributed and is not reported
    ("中埃关系发展良好。双方同意构建命运共同体。", []),
    # what the other label settled is a last resort: a side named for this label wins (巴方: Pakistan)…
    ("双方同意深化中埃全面战略伙伴关系，巴方也表示愿同中方构建命运共同体。",
     [("全面战略伙伴关系", "EGY", "mention"), ("命运共同体", "PAK", "mention")]),  # (Pakistan holds one: no proposal)
    # …and it never names a candidate that does not hold the label when others do (阿: the UAE, Algeria and
    # Argentina hold a comprehensive strategic partnership, the Arab States a community)
    ("中阿全面战略伙伴关系不断深化，双方将携手构建新时代中阿命运共同体。",
     [("全面战略伙伴关系", None, "mention"), ("命运共同体", "ORG:ARAB", "mention")]),
])
def test_one_abbreviation_stands_for_one_country_in_a_sentence(lex, text, expected):
    assert triples(run(lex, text, "zh", date="2020-01-09")) == expected


@pytest.mark.parametrize("text,expected,quals", [
    # a qualifier between "community" and its tail (before: nothing found)
    ("China and Cambodia agreed to build a community of strategic significance with a shared future.",
     [("命运共同体", "KHM", "upgrade")], ("具有战略意义",)),
    # "community of shared destiny", the English of 2013–2015
    ("China and ASEAN will build a closer community of shared destiny.", [("命运共同体", "ORG:ASEAN", "mention")], ("更紧密",)),
    # …a written pair keeps its community whatever follows (second review)
    ("China and ASEAN agreed to build a China-ASEAN community with a shared future in Asia.",
     [("命运共同体", "ORG:ASEAN", "upgrade")], ()),
    # …never the global or regional one (lexicon en_community_after / _before)
    ("China and Laos will build a community of shared destiny for humankind.", [], ()),
    ("China and Pakistan call for an international community of shared destiny.", [], ()),
    ("China and ASEAN will build a community with a shared future in East Asia.", [], ()),
    # …nor one whose tail names a region, as 地区/周边/澜湄…命运共同体 (before: the sentence's partner's)
    ("China will work with Laos to build a community with a shared future in the region.", [], ()),
    ("China and Laos will build a community with a shared future among neighbouring countries.", [], ()),
    ("China and Laos agreed to build a China-Laos community with a shared future and a community with a shared "
     "future in the Lancang-Mekong region.", [("命运共同体", "LAO", "upgrade")], ()),
])
def test_english_community_variants(lex, text, expected, quals):
    ms = run(lex, text, "en", date="2018-07-30")
    assert triples(ms) == expected
    assert not ms or ms[0].qualifiers == quals


@pytest.mark.parametrize("text,expected", [
    # 分别 (respectively): the k-th label is the k-th side's (before: every side on every label)
    ("中国同新加坡和马来西亚分别建立了与时俱进的全方位合作伙伴关系和全面战略伙伴关系。",
     [("全面合作伙伴关系", "SGP"), ("全面战略伙伴关系", "MYS")]),
    ("中国同俄罗斯、巴基斯坦分别是全面战略协作伙伴和全天候战略合作伙伴。",
     [("全面战略协作伙伴关系", "RUS"), ("全天候战略合作伙伴关系", "PAK")]),
    # …without it, each side keeps each label
    ("中国同新加坡和马来西亚建立了全方位合作伙伴关系和全面战略伙伴关系。",
     [("全面合作伙伴关系", "SGP"), ("全面合作伙伴关系", "MYS"), ("全面战略伙伴关系", "SGP"), ("全面战略伙伴关系", "MYS")]),
])
def test_respectively_pairs_sides_and_labels_in_order(lex, text, expected):
    assert [(m.label_zh, m.partner) for m in run(lex, text, "zh")] == expected


@pytest.mark.parametrize("text,lang,date,partner", [
    # (round 12) a leader is known in each office held: Mohamed bin Zayed was the UAE's crown prince
    # before he was its president (before: 2019 gave no partner for 中阿)
    ("穆罕默德·本·扎耶德王储即将对中国进行国事访问。双方将推动中阿全面战略伙伴关系不断发展。", "zh", "2019-07-10", "ARE"),
    ("Crown Prince Mohamed bin Zayed will pay a state visit to China. The two sides will advance our comprehensive "
     "strategic partnership.", "en", "2019-07-10", "ARE"),
    ("穆罕默德·本·扎耶德总统即将对中国进行国事访问。双方将推动中阿全面战略伙伴关系不断发展。", "zh", "2023-05-10", "ARE"),
])
def test_a_leader_in_an_earlier_office(lex, text, lang, date, partner):
    assert [m.partner for m in run(lex, text, lang, date=date)] == [partner]


@pytest.mark.parametrize("text,date,event", [
    # (the demo's ASEAN row) a label is held from the day the lexicon gives, not from its year: a wish
    # in June 2021 for the comprehensive strategic partnership of 2021-11-22 stays a proposal
    ("Wang said China stands ready to work with ASEAN to lift their ties to a comprehensive strategic partnership.",
     "2021-06-07", "proposal"),
    ("Wang said China stands ready to work with ASEAN to lift their ties to a comprehensive strategic partnership.",
     "2021-12-07", "mention"),
])
def test_a_wish_for_a_label_held_later_that_year(lex, text, date, event):
    assert [m.event for m in run(lex, text, "en", date=date)] == [event]


@pytest.mark.parametrize("text,lang,surface,new_era", [
    # (the demo's Africa 2024 row) a community's 全天候 / "all-weather" may stand before its pair, as
    # FOCAC 2024 wrote it; before, the span lost it (and 新时代 with it)
    ("中方愿同非洲携手构建新时代全天候中非命运共同体。", "zh", "新时代全天候中非命运共同体", True),
    ("He said China and Africa should jointly build an all-weather China-Africa community with a shared future "
     "for the new era.", "en", "all-weather China-Africa community with a shared future for the new era", True),
    # …a partnership's label words still stand right of the pair only
    ("推动全天候中巴全面战略伙伴关系。", "zh", "全面战略伙伴关系", False),
])
def test_an_all_weather_community_before_its_pair(lex, text, lang, surface, new_era):
    assert [(m.surface, m.new_era) for m in run(lex, text, lang, date="2024-09-05")] == [(surface, new_era)]


@pytest.mark.parametrize("text,lang,expected", [
    # (review of 1f5c007) a day of the week or of the month is the last resort: the date the sentence
    # gives after the label wins, and a day someone spoke on or a day ahead dates nothing
    ("Xi said on Friday that China and Belarus established a comprehensive strategic partnership in 2013.", "en",
     [("upgrade", "2013")]),
    ("Xi said on Friday that China and Belarus established a comprehensive strategic partnership five years ago.", "en",
     [("upgrade", "2014")]),
    ("温家宝20日回顾说，巴西是第一个同中国建立战略伙伴关系的国家，那是在1993年。", "zh", [("upgrade", "1993")]),
    ("两国元首将于25日签署联合声明，宣布建立全面战略伙伴关系。", "zh", [("upgrade", None)]),
    ("国家主席习近平20日在加拉加斯同委内瑞拉总统马杜罗举行会谈，两国元首决定将中委关系提升为全面战略伙伴关系。", "zh",
     [("upgrade", "2019-04-20")]),
    # …a wish does not reach over a comma to a raise reported as done
    ("Wang said China is ready to work with Vietnam to deepen cooperation, noting that the two countries raised ties to "
     "a comprehensive strategic cooperative partnership in 2008.", "en", [("upgrade", "2008")]),
    # …a raise to a level is not the label's ("to a new height"), and a plan on a condition stays a plan
    ("China is ready to work with Cambodia to lift bilateral relations to a new height and advance the comprehensive "
     "strategic cooperative partnership.", "en", [("mention", None)]),
    ("The two sides agreed that they would establish a strategic partnership when conditions are ripe.", "en",
     [("proposal", None)]),
    # …"far from" a label denies it
    ("China and India are far from a relationship of strategic coordination.", "en", []),
])
def test_review_of_dates_and_events(lex, text, lang, expected):
    assert [(m.event, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang, date="2019-04-26")] \
        == expected


@pytest.mark.parametrize("text,lang,date,expected", [
    # (second review) a set-up verb after the label sets up the label only when it has no object of its own
    ("China and Egypt, comprehensive strategic partners, established diplomatic ties in 1956.", "en", "2019-04-26",
     [("mention", None)]),
    ("Italy, China's comprehensive strategic partner, announced in March 2019 that it would join the initiative.", "en",
     "2019-04-26", [("mention", None)]),
    ("The comprehensive strategic partnership, established in 2014, keeps growing.", "en", "2019-04-26",
     [("upgrade", "2014")]),
    # …"since" right after the label dates it only with a verb of holding
    ("The two countries have deepened their comprehensive strategic cooperative partnership since the 19th CPC "
     "National Congress in 2017.", "en", "2019-04-26", [("mention", None)]),
    # …a day and month without a year: the month said, not the statement's
    ("On September 13, China and Venezuela elevated ties to an all-weather strategic partnership.", "en", "2023-10-20",
     [("upgrade", "2023-09-13")]),
    # …compared to the day, as 9月11日 is: "on 11 September" in a statement of 10 September is last year's
    # (before: compared by month, the day after the statement)
    ("On 11 September, the two presidents agreed to establish a strategic partnership between China and Benin.", "en",
     "2018-09-10", [("upgrade", "2017-09-11")]),
    ("On 9 September, the two presidents agreed to establish a strategic partnership between China and Benin.", "en",
     "2018-09-10", [("upgrade", "2018-09-09")]),
    # …a raise agreed or decided inside a wish's sentence is reported, not wished (before: a proposal); a call
    # for something done to the label ("to be deepened") is no call for the label
    ("The two countries hope to build on the momentum since the two sides agreed to upgrade ties to a comprehensive "
     "strategic partnership in 2014.", "en", "2018-09-10", [("upgrade", "2014")]),
    ("China stands ready to work with Benin, which agreed last year to lift ties to a strategic partnership, to deepen "
     "cooperation.", "en", "2018-09-10", [("upgrade", "2017")]),
    ("He called for the China-Benin comprehensive strategic partnership to be further deepened.", "en", "2018-09-10",
     [("mention", None)]),
    ("He called for the China-Benin comprehensive strategic partnership to be established.", "en", "2018-09-10",
     [("proposal", None)]),
    # …"agreed to establish … when conditions are ripe" is a plan, as 条件成熟时 (a known gap of the last note)
    ("The two sides agreed to establish a strategic cooperative partnership between China and Nepal when conditions "
     "are ripe.", "en", "2018-05-28", [("proposal", None)]),
    ("China and Nepal established a strategic cooperative partnership in 2019, when conditions were ripe.", "en",
     "2020-05-28", [("upgrade", "2019")]),
    # …"said" is no declaration: developing a label someone speaks of is a mention
    ("Xi said China and Pakistan will develop the all-weather strategic partnership.", "en", "2019-04-26",
     [("mention", None)]),
    # …a wished raise is an infinitive, commas or not
    ("Wang said China is ready to work with Kazakhstan, in the spirit of good-neighbourliness, to lift ties to a "
     "permanent comprehensive strategic partnership.", "en", "2019-04-26", [("proposal", None)]),
    # …the day of a meeting before 会谈时表示 dates it
    ("习近平20日同马杜罗举行会谈时表示，两国元首决定将中委关系提升为全面战略伙伴关系。", "zh", "2019-04-26",
     [("upgrade", "2019-04-20")]),
])
def test_second_review_of_dates_and_events(lex, text, lang, date, expected):
    assert [(m.event, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang, date=date)] == expected


@pytest.mark.parametrize("text,lang,expected", [
    # (third review) what the narrowed rules must still read: a raise wished right after its cue, in
    # any form of the cue, and "should"; a pair elsewhere yields to a partner in the label's clause
    ("China is ready to lift ties with Colombia to a comprehensive strategic partnership.", "en",
     [("COL", "proposal", None)]),
    ("China looks forward to elevating ties with Colombia to a comprehensive strategic partnership.", "en",
     [("COL", "proposal", None)]),
    ("Asked about the India-Pakistan tensions, the spokesperson said the all-weather strategic cooperative partnership "
     "with Pakistan is rock-solid.", "en", [("PAK", "mention", None)]),
    # …"since <year>" right after the label dates it; a passive "was announced" sets it up
    ("China and Iran, comprehensive strategic partners since 2016, held talks.", "en", [("IRN", "upgrade", "2016")]),
    ("They will deepen the comprehensive strategic partnership China established with Egypt in 2014.", "en",
     [("EGY", "upgrade", "2014")]),
    # …both leaders named in full said it; a ", noting that …" clause is no wish
    ("Xi Jinping and Vladimir Putin said on Wednesday that China and Russia would develop a comprehensive strategic "
     "partnership of coordination for a new era.", "en", [("RUS", "upgrade", "2019-06-05")]),
    ("Wang said China is ready to work with Vietnam to deepen cooperation, noting that the two countries had agreed to "
     "raise ties to a comprehensive strategic cooperative partnership in 2008.", "en", [("VNM", "upgrade", "2008")]),
    # …回顾 is an older event's, after a meeting too; building between two others is theirs
    ("温家宝20日在会谈时回顾说，巴西是第一个同中国建立战略伙伴关系的国家。", "zh", [("BRA", "upgrade", None)]),
    ("中方对在印度和巴基斯坦之间建立战略伙伴关系表示欢迎。", "zh", [("PAK", "upgrade", None)]),
    # (fourth review) two leaders of the other pair before the label; "since <year>" dates the partners
    # it follows, not what was done with the partnership; an appositive's verb with an object sets up
    # nothing; 回顾 in a clause before one that decides keeps the meeting's day; a stance between two
    # others is no label of theirs
    ("At the Russia-India summit, Modi and Putin agreed to raise ties to a special and privileged strategic "
     "partnership.", "en", [("IND", "upgrade", None)]),
    ("China and Vietnam have deepened the comprehensive strategic cooperative partnership since 2017.", "en",
     [("VNM", "mention", None)]),
    ("China and Egypt, comprehensive strategic partners, established 63 years ago diplomatic ties.", "en",
     [("EGY", "mention", None)]),
    ("Hungary, China's comprehensive strategic partner, was announced in May as the first EU member to join.", "en",
     [("HUN", "mention", None)]),
    ("习近平5日在会谈中回顾了两国关系发展历程，双方决定将中俄关系提升为新时代全面战略协作伙伴关系。", "zh",
     [("RUS", "upgrade", "2019-06-05")]),
    ("中方在印度和巴基斯坦之间劝和促谈体现了全天候战略合作伙伴关系。", "zh", [("PAK", "mention", None)]),
])
def test_third_review_keeps_what_the_rules_were_for(lex, text, lang, expected):
    got = [(m.partner, m.event, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang, date="2019-06-06")]
    assert got == expected


@pytest.mark.parametrize("text,date,event", [
    # (second review, 4d3f9c2) a declaration reaching over its comma to 构建 a community the pair holds
    # builds on it: a mention (Laos since 2017), not a setting up; new for the pair it is an upgrade
    ("双方同意，在深化各领域合作的基础上，携手构建中老命运共同体。", "2023-05-10", "mention"),
    ("双方宣布，在深化全面战略合作的基础上，携手构建具有战略意义的中越命运共同体。", "2023-12-13", "upgrade"),
])
def test_a_declared_community_the_pair_holds(lex, text, date, event):
    assert [m.event for m in run(lex, text, "zh", date=date)] == [event]


@pytest.mark.parametrize("text,lang,expected", [
    # (review 17, 1) a ladder's "to"/"into" is its own, a step right after a rung "from" opens (or after a rung a
    # step reached): not a "to"/"into" in a clause of its own after "Benefiting from", "Apart from", "Aside from",
    # "experience from" a label, nor after a ladder told earlier in the sentence (before: an upgrade)
    ("Drawing on experience from the China-Russia comprehensive strategic partnership of coordination, China will "
     "inject new impetus into the China-Mongolia comprehensive strategic partnership.", "en",
     [("全面战略协作伙伴关系", "mention", None), ("全面战略伙伴关系", "mention", None)]),
    ("Benefiting from the China-Pakistan all-weather strategic cooperative partnership, the corridor has injected "
     "strong impetus into the China-Pakistan community with a shared future.", "en",
     [("全天候战略合作伙伴关系", "mention", None), ("命运共同体", "mention", None)]),
    ("Apart from the comprehensive strategic partnership with Russia, China has also injected new vitality into the "
     "comprehensive strategic partnership with Kazakhstan.", "en",
     [("全面战略伙伴关系", "mention", None), ("全面战略伙伴关系", "mention", None)]),
    ("Aside from the partnership with Russia, China poured resources into the comprehensive strategic partnership "
     "with Kazakhstan.", "en", [("全面战略伙伴关系", "mention", None)]),
    ("Benefiting from the China-Pakistan all-weather strategic cooperative partnership, the corridor has contributed "
     "greatly to the China-Pakistan community with a shared future.", "en",
     [("全天候战略合作伙伴关系", "mention", None), ("命运共同体", "mention", None)]),
    ("The visit, coming shortly after the two countries upgraded their relationship from a strategic partnership to a "
     "comprehensive strategic partnership, will inject new impetus into the China-Chile comprehensive strategic "
     "partnership.", "en",
     [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "mention", None)]),
    ("China-ASEAN relations have grown from a strategic partnership to a comprehensive strategic partnership, and "
     "China will inject more energy into the China-ASEAN community with a shared future.", "en",
     [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None), ("命运共同体", "mention", None)]),
    # …near misses, as before: each rung with its time, tail or setting up after it, quoted rungs with commas,
    # "and then into" a third rung
    ("China and Kazakhstan moved from a strategic partnership, set up in 2005, into a comprehensive strategic "
     "partnership in 2011.", "en", [("战略伙伴关系", "upgrade", "2005"), ("全面战略伙伴关系", "upgrade", "2011")]),
    ("From a strategic partnership to a comprehensive strategic partnership and then into a permanent comprehensive "
     "strategic partnership, China-Kazakhstan ties have grown.", "en",
     [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None), ("永久全面战略伙伴关系", "upgrade", None)]),
    ("From the \"strategic partnership of coordination\" to the \"comprehensive strategic partnership of coordination "
     "based on equality, mutual trust and lasting friendship\" and then to the \"comprehensive strategic partnership "
     "of coordination for a new era\", China-Russia relations have kept growing.", "en",
     [("战略协作伙伴关系", "upgrade", None), ("全面战略协作伙伴关系", "upgrade", None),
      ("全面战略协作伙伴关系", "upgrade", None)]),
    # (review 17, 2) 未来 puts a raise off only as its time (未来将…, 在未来…, 未来几年内…), not as what a verb takes
    # (着眼未来, 面向未来) or as the head of a noun (面向未来的精神, 未来合作的战略高度) (before: a plan)
    ("两国元首一致同意着眼未来将中尼关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("两国元首一致同意从面向未来的战略高度将中尼关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("双方一致同意面向未来将中尼关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("两国元首一致同意，本着面向未来的精神将中尼关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("两国元首今天举行会谈，一致同意着眼未来将中尼关系提升为全面战略伙伴关系。", "zh",
     [("全面战略伙伴关系", "upgrade", "2018-05-30")]),
    ("两国元首一致同意，从两国关系长远发展和未来合作的战略高度将中尼关系提升为全面战略伙伴关系。", "zh",
     [("全面战略伙伴关系", "upgrade", None)]),
    # …near misses, as before: a time ahead, and a raise striven for under 着眼未来
    ("双方同意未来将两国关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("双方同意在未来将两国关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("双方同意未来几年内将两国关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("双方同意在不久的将来将两国关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("双方同意着眼未来，积极推动两国关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    # (review 17, 3) "would" of the past: a raise the sentence dates before the statement, in the raise's own clause or
    # in the time that opens the sentence, is done, as 2016年将…提升为 is (before: a plan)
    ("The two countries would later elevate ties to a comprehensive strategic partnership in 2016.", "en",
     [("全面战略伙伴关系", "upgrade", "2016")]),
    ("In 2016, President Xi paid a state visit to Nepal that would elevate ties to a comprehensive strategic "
     "partnership.", "en", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("President Xi paid a state visit to Nepal in March that would elevate ties to a comprehensive strategic "
     "partnership.", "en", [("全面战略伙伴关系", "upgrade", "2018-03")]),
    # …near misses, as before: a date that may be later in the statement's year, a date of saying, a date of a
    # clause of its own, no date, "will"
    ("The two countries would elevate ties to a comprehensive strategic partnership in 2018.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    ("Wang said last year that the two countries would elevate ties to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    ("The two countries, which established diplomatic ties in 1955, would elevate ties to a comprehensive strategic "
     "partnership.", "en", [("全面战略伙伴关系", "proposal", None)]),
    ("Xi said on Monday the two countries would elevate ties to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    # (review 17, 4) a raise striven for is told by the verb, not the noun: "the joint work to elevate …", "years of
    # work to upgrade …", "hard work to lift …", "the push for upgrading …" (before: a plan)
    ("Thanks to the joint work to elevate ties to a comprehensive strategic partnership in 2016, bilateral trade has "
     "doubled.", "en", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("Years of work to upgrade ties to a comprehensive strategic partnership paid off in 2016.", "en",
     [("全面战略伙伴关系", "upgrade", "2016")]),
    ("Thanks to the two leaders' hard work to lift ties to a comprehensive strategic partnership, cooperation has "
     "flourished.", "en", [("全面战略伙伴关系", "upgrade", None)]),
    ("The push for upgrading China-Nepal ties to a comprehensive strategic partnership succeeded in 2016.", "en",
     [("全面战略伙伴关系", "upgrade", "2016")]),
    # …near misses, as before: the verb after a modal, "to", a subject, or an adverb
    ("The two sides will work to upgrade China-Nepal ties to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    ("China and Nepal work together to upgrade ties to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    ("The two sides should jointly work to upgrade China-Nepal ties to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    # (review 17, 5) a raise a joint statement says they will make is announced, as one they agreed or announced is
    # (before: a plan); the day the statement was signed on dates it
    ("The joint statement says the two countries will elevate their relationship to a comprehensive strategic "
     "partnership.", "en", [("全面战略伙伴关系", "upgrade", None)]),
    ("The joint statement said the two countries would upgrade their relationship to a comprehensive strategic "
     "partnership.", "en", [("全面战略伙伴关系", "upgrade", None)]),
    ("The two countries signed a joint statement under which they will elevate bilateral ties to a comprehensive "
     "strategic partnership.", "en", [("全面战略伙伴关系", "upgrade", None)]),
    ("China and Nepal will elevate their ties to a comprehensive strategic partnership, according to a joint statement "
     "released on Thursday.", "en", [("全面战略伙伴关系", "upgrade", None)]),
    ("Under the joint statement issued on Thursday, China and Nepal will elevate ties to a comprehensive strategic "
     "partnership.", "en", [("全面战略伙伴关系", "upgrade", "2018-05-24")]),
    ("Xi and Oli signed a joint statement on Wednesday, saying the two countries would elevate ties to a comprehensive "
     "strategic partnership.", "en", [("全面战略伙伴关系", "upgrade", "2018-05-30")]),
    ("In a joint statement signed on Wednesday, the two heads of state said their countries would elevate ties to a "
     "comprehensive strategic partnership.", "en", [("全面战略伙伴关系", "upgrade", "2018-05-30")]),
    # …near misses, as before: a spokesperson's "said", a wish in the joint statement, a joint statement still to be
    # signed, a raise put off until conditions are ripe
    ("The spokesperson said they hope to elevate ties with Nepal to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    ("The spokesperson said the two countries will elevate ties to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    ("The joint statement said the two sides hope to elevate ties to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    ("The two sides will sign a joint statement and will elevate ties to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    ("The joint statement said the two countries would elevate ties to a comprehensive strategic partnership when "
     "conditions are ripe.", "en", [("全面战略伙伴关系", "proposal", None)]),
    # (review 17, 6) the time of a setting up told before "and raised …" is the raise's too when what was set up is no
    # label nor the ties and the raise has no time of its own (before: blanked, no date)
    ("The two presidents set up an intergovernmental cooperation committee on Monday and elevated ties to a "
     "comprehensive strategic partnership.", "en", [("全面战略伙伴关系", "upgrade", "2018-05-28")]),
    ("The two heads of state established a mechanism for regular meetings during the visit in June 2016 and upgraded "
     "ties to a comprehensive strategic partnership.", "en", [("全面战略伙伴关系", "upgrade", "2016-06")]),
    ("The two presidents established a bilateral cooperation committee in Beijing last November and upgraded ties to "
     "a comprehensive strategic partnership.", "en", [("全面战略伙伴关系", "upgrade", "2017-11")]),
    # …near misses, as before: the raise's own time after it, "later", "two years later"
    ("China and Chile set up a fund in 2014 and raised ties to a comprehensive strategic partnership in 2016.", "en",
     [("全面战略伙伴关系", "upgrade", "2016")]),
    ("China and Chile set up a fund in 2014 and later raised ties to a comprehensive strategic partnership.", "en",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("China and Chile set up a joint investment fund in 2014 and upgraded ties to a comprehensive strategic partnership "
     "two years later.", "en", [("全面战略伙伴关系", "upgrade", None)]),
    # (review 17, 7) a raise a noun phrase after the label tells done (…后取得的各项成果, …取得的成果, …后的…) is done,
    # as …以来 is (before: a plan)
    ("双方同意推动两国关系提升为全面战略伙伴关系后取得的各项成果尽快落地。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("双方同意进一步加强战略沟通，积极推动两国关系提升为全面战略伙伴关系取得的成果落地。", "zh",
     [("全面战略伙伴关系", "upgrade", None)]),
    ("双方同意积极推动两国关系提升为全面战略伙伴关系后的各项合作。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    # …near misses, as before: a clause after the raise, a result still wished, the raise's goal
    ("双方同意推动两国关系提升为全面战略伙伴关系，取得更多成果。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("双方同意积极推动两国关系提升为全面战略伙伴关系后，进一步深化合作。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("中方愿推动两国关系提升为全面战略伙伴关系后取得更大发展。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("双方同意推动两国关系提升为全面战略伙伴关系的目标。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    # (review 17, 8) the steps 走向/迈向 are verbs of raising to the wish and plan rules as 提升为 is: a ladder wished or
    # agreed to be pushed for is a proposal of its next rung, its first rung the label held (before: both upgrades);
    # 从/由 opens a ladder only with its rung right after it (not 从战略高度推动…, 从…出发推动…, the 由 of 自由); a raise
    # striven for that the sentence calls its goal, wish or interest is still ahead
    ("中方愿同尼方一道，推动两国关系从战略伙伴关系迈向全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "mention", None), ("全面战略伙伴关系", "proposal", None)]),
    ("双方同意推动两国关系从战略伙伴关系迈向全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "mention", None), ("全面战略伙伴关系", "proposal", None)]),
    ("中方愿同尼方一道，推动两国关系从全面合作伙伴关系走向全面战略伙伴关系。", "zh",
     [("全面合作伙伴关系", "mention", None), ("全面战略伙伴关系", "proposal", None)]),
    ("双方同意从战略高度推动中尼关系迈向全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("中方愿同尼方从战略高度推动两国关系迈向全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("以中尼自由贸易协定签署为契机推动两国关系迈向全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "mention", None)]),
    ("从两国人民根本利益出发推动中尼关系走向全面战略伙伴关系，是双方的共同愿望。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("从长远看，推动中尼关系走向全面战略伙伴关系符合两国根本利益。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("推动中尼关系由友好合作伙伴关系迈向全面战略伙伴关系，是双方的共同目标。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("推动中尼关系提升为全面战略伙伴关系，是双方的共同目标。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    # …near misses, as before: a ladder told done, under a push (推动下), in a past year, a raise the result of efforts
    ("在两国元首推动下，中尼关系从战略伙伴关系迈向全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None)]),
    ("2016年，两国元首推动中尼关系从战略伙伴关系迈向全面战略伙伴关系。", "zh",
     [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", "2016")]),
    ("中尼关系提升为全面战略伙伴关系，是双方共同努力的结果。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    # (review 17, lower priority) the wish reaches a raise whose pair's 关系 comes before 从/由 or 能够早日 in either
    # order: 期待两国关系能够从A跃升为B, …能够早日从A提升为B, 期待两国关系从A提升为B (before: upgrades)
    ("中方期待两国关系能够从全面合作伙伴关系跃升为全面战略合作伙伴关系。", "zh",
     [("全面合作伙伴关系", "mention", None), ("全面战略合作伙伴关系", "proposal", None)]),
    ("中方期待两国关系能够从全面合作伙伴关系提升为全面战略合作伙伴关系。", "zh",
     [("全面合作伙伴关系", "mention", None), ("全面战略合作伙伴关系", "proposal", None)]),
    ("中方期待两国关系能够早日从全面合作伙伴关系提升为全面战略合作伙伴关系。", "zh",
     [("全面合作伙伴关系", "mention", None), ("全面战略合作伙伴关系", "proposal", None)]),
    ("中方期待两国关系从全面合作伙伴关系提升为全面战略合作伙伴关系。", "zh",
     [("全面合作伙伴关系", "mention", None), ("全面战略合作伙伴关系", "proposal", None)]),
    # …near misses, as before: the raise a noun names inside the wish (为契机, 以来, 后取得的成果)
    ("中方希望以两国关系从全面合作伙伴关系提升为全面战略合作伙伴关系为契机，深化各领域合作。", "zh",
     [("全面合作伙伴关系", "mention", None), ("全面战略合作伙伴关系", "upgrade", None)]),
    ("中方期待在两国关系从全面合作伙伴关系提升为全面战略合作伙伴关系后取得的成果基础上，深化合作。", "zh",
     [("全面合作伙伴关系", "mention", None), ("全面战略合作伙伴关系", "upgrade", None)]),
    # (review 17, lower priority) 决定/同意将…发展成为/跃升为 is a change agreed, as 决定将…发展为 is (before: a mention)
    ("双方决定将两国关系发展成为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("双方同意将两国关系发展成为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("双方决定将两国关系跃升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    # …near misses, as before: 发展为, and a raise agreed to be pushed for
    ("双方决定将两国关系发展为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "upgrade", None)]),
    ("双方同意推动两国关系发展成为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    # (review 17, lower priority) an English date may hold a comma before its year: a setting up "on May 30, 1956" is
    # blanked out of the raise's words whole, a rung or label set up "on May 30, 2012," keeps its year (before: the
    # raise took 1956, the rung the statement's year)
    ("China and Egypt established diplomatic ties on May 30, 1956 and upgraded relations to a comprehensive strategic "
     "partnership in December 2014.", "en", [("全面战略伙伴关系", "upgrade", "2014-12")]),
    ("The strategic partnership established on May 30, 2012, was raised to a comprehensive strategic partnership in "
     "2016.", "en", [("战略伙伴关系", "upgrade", "2012-05-30"), ("全面战略伙伴关系", "upgrade", "2016")]),
    ("The comprehensive strategic partnership, established on May 30, 2014, keeps growing.", "en",
     [("全面战略伙伴关系", "upgrade", "2014-05-30")]),
    # …near misses, as before: a date with no comma, a comma before a clause
    ("China and Egypt established diplomatic ties on May 30 and upgraded relations to a comprehensive strategic "
     "partnership in December 2014.", "en", [("全面战略伙伴关系", "upgrade", "2014-12")]),
    ("The comprehensive strategic partnership, established in 2014, keeps growing.", "en",
     [("全面战略伙伴关系", "upgrade", "2014")]),
    # (review 17, lower priority) the next rung after "to" is a label's words: "far from a strategic partnership, to a
    # certain extent their cooperative partnership has stalled" denies the first (before: an upgrade, read as a ladder)
    ("China-India relations are far from a strategic partnership, to a certain extent their cooperative partnership "
     "has stalled.", "en", [("合作伙伴关系", "mention", None)]),
    # …near misses, as before: "far from a X to a Y" and "to their Y" are ladders
    ("China-Chile relations have come far from a strategic partnership to a comprehensive strategic partnership.", "en",
     [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None)]),
    ("China-Chile relations went from a strategic partnership to their comprehensive strategic partnership.", "en",
     [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None)]),
    # (review 17, lower priority) a time after the label's comma that opens a clause of its own does not put the raise
    # off ("…, in the future, both sides will …"; before: a plan)
    ("The two presidents agreed to upgrade ties to a comprehensive strategic partnership, in the future, both sides "
     "will hold annual meetings.", "en", [("全面战略伙伴关系", "upgrade", None)]),
    # …near misses, as before: the time right after the label, or ending its clause after a comma
    ("The two presidents agreed to upgrade ties to a comprehensive strategic partnership in the future.", "en",
     [("全面战略伙伴关系", "proposal", None)]),
    ("The two presidents agreed to upgrade ties to a comprehensive strategic partnership, when conditions are ripe.",
     "en", [("全面战略伙伴关系", "proposal", None)]),
    # (review 17, as 3 in Chinese) a raise planned in a sentence that opens with a time past is told of that time, done
    # (2016年，…同意推动…提升为…; before: a plan; 2016年 inside the plan's words already made it done)
    ("2016年，两国元首同意推动中尼关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "upgrade", "2016")]),
    ("去年，两国元首同意推动中尼关系提升为全面战略伙伴关系，今年双方如期完成了这一目标。", "zh",
     [("全面战略伙伴关系", "upgrade", "2017")]),
    ("2016年访问期间，两国元首同意推动中尼关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "upgrade", "2016")]),
    # …near misses, as before: the statement's own year, a time ahead, a time of another clause
    ("2018年，两国元首同意推动中尼关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("明年，两国元首同意推动中尼关系提升为全面战略伙伴关系。", "zh", [("全面战略伙伴关系", "proposal", None)]),
    ("2016年建交以来，两国关系不断发展，双方同意推动中尼关系提升为全面战略伙伴关系。", "zh",
     [("全面战略伙伴关系", "proposal", None)]),
    # (review 17, as 8 in English) a raise wished or planned may name the rung it starts from: "ready to … upgrade ties
    # from a X to a Y", "will upgrade ties from a X to a Y" propose Y (before: an upgrade; the first rung is unchanged)
    ("China is ready to work with Nepal to upgrade ties from a strategic partnership to a comprehensive strategic "
     "partnership.", "en", [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "proposal", None)]),
    ("The two sides will upgrade China-Nepal ties from a strategic partnership into a comprehensive strategic "
     "partnership.", "en", [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "proposal", None)]),
    # …near misses, as before: agreed, or done
    ("The two sides agreed to upgrade China-Nepal ties from a strategic partnership to a comprehensive strategic "
     "partnership.", "en", [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", None)]),
    ("China hopes to build on the momentum since the two sides agreed to upgrade ties from a strategic partnership to a "
     "comprehensive strategic partnership in 2014.", "en",
     [("战略伙伴关系", "upgrade", None), ("全面战略伙伴关系", "upgrade", "2014")]),
    # (review 17, extra probes) a raise's "to" is followed by the label's words only: in "upgrade the free trade
    # agreement to further enrich the … partnership" it is an infinitive's, the label what is enriched (before: an
    # upgrade, or a plan after "will")
    ("The two sides will upgrade the bilateral free trade agreement to further enrich the comprehensive strategic "
     "partnership.", "en", [("全面战略伙伴关系", "mention", None)]),
    ("The two sides will work together to upgrade the free trade agreement to enrich the comprehensive strategic "
     "partnership.", "en", [("全面战略伙伴关系", "mention", None)]),
    ("The two sides will raise the level of practical cooperation to deepen the China-Nepal strategic partnership of "
     "cooperation.", "en", [("战略合作伙伴关系", "mention", None)]),
    ("China and Nepal will upgrade the Trans-Himalayan connectivity network to serve the strategic partnership.", "en",
     [("战略伙伴关系", "mention", None)]),
    ("China and Nepal upgraded their free trade agreement to further enrich the strategic cooperative partnership.",
     "en", [("战略合作伙伴关系", "mention", None)]),
    # …near misses, as before: "to the <pair> …", "to a …"
    ("The two sides will upgrade China-Nepal ties to the China-Nepal strategic cooperative partnership.", "en",
     [("战略合作伙伴关系", "proposal", None)]),
    ("The two sides upgraded China-Nepal ties to the China-Nepal strategic cooperative partnership in 2016.", "en",
     [("战略合作伙伴关系", "upgrade", "2016")]),
    ("China is ready to lift ties with Nepal to a strategic cooperative partnership.", "en",
     [("战略合作伙伴关系", "proposal", None)]),
])
def test_review_17(lex, text, lang, expected):
    got = [(m.label_zh, m.event, m.ref_date.iso() if m.ref_date else None) for m in run(lex, text, lang, date="2018-05-30")]
    assert got == expected


def test_a_comprehensive_relation_label_has_its_own_tier(lex):
    """全面战略合作关系 is one step above the other …关系 labels (lexicon 2026.12.18), in Chinese and English."""
    for lang, text in (("zh", "2018年11月，中菲两国决定将双边关系提升为全面战略合作关系。"),
                       ("en", "In November 2018 China and the Philippines established a comprehensive strategic "
                              "cooperative relationship.")):
        got = extract(Statement(id="t", date=PartialDate(2018, 11, 21), text=text, lang=lang), lex)
        assert [(m.label_zh, m.tier, m.partner) for m in got] == [("全面战略合作关系", "comprehensive_relation", "PHL")], lang
