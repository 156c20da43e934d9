"""Event type (upgrade, proposal, mention) and the date a sentence gives for the event.

Cue words around the span decide (domain notes, "Event vs mention"): 建立 / 提升为 / "elevated
to" report an upgrade; "ready to establish" / 期待…打造 a proposal; deepen, develop, "are
partners" a mention.  "Raise … to a new level" is not an upgrade: the label is the thing raised.
A comparison or negation ("beyond an ordinary …", 不是…伙伴) is no label of the pair at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from termtrack.records import EventCall, LabelSpan, PartialDate

ZH_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
ZH_WISH = "期待|愿意?|希望|倡议|提议|应该|应当"  # words of wishing or urging
ZH_PROPOSAL = re.compile(r"(期待|愿意?|希望|倡议|提议|呼吁|探讨|主张|致力于|有意|准备|应该|应当).{0,16}(建立|打造|构建|建设|结成|缔结)")
ZH_UPGRADE = re.compile(r"(建立|建成|结成|确立|确定|宣布|决定|同意|升级为|升级|提升为|提升至|提升到|升格为|升格|发展为|发展成为|跃升为|跃升至|上升为|上升到|上升至|迈入|跨入|步入|开启了?|达成建立)")
# A verb of the existing relationship between the cue and the label takes the label as its own
# object: 建立外长级战略对话机制是推进中瑞…伙伴关系发展的重要举措 establishes a mechanism.
ZH_TENDING = re.compile(r"推进|推动|深化|巩固|加强|充实|丰富|拓展|促进|落实")
# Level words say the pair has the label already (a closer or higher-level form of it): building
# one is no proposal ("build a higher-level China-ASEAN strategic partnership").
LEVEL_QUALIFIERS = frozenset({"更紧密", "高水平", "更高水平"})
ZH_RAISE_LEVEL = re.compile(r"^(水平|关系水平|到新高度|到更高水平|迈上新台阶|提质升级|内涵)")
ZH_NEGATION = re.compile(r"(不是|并非|而非|超越了?|超过了?|不同于)(一般|普通|通常)?的?[“\"「]?$")
# a raise wished for, not done: 中方愿同尼方一道，推动两国关系提升为…, 期待…将中尼关系提升为…: the wish governs
# a 推动/将 whose object, the pair's 关系, is raised to the label (second review: not 以两国关系提升为…为契机, 珍惜…
# 提升为…以来, 意愿/愿景, a clause with a subject of its own after the wish, 今天/日前/去年…, 落实…的共识: done)
# (the verbs of raising: 提升为/升级到/升格至 …, 发展(成)为, 跃升为, and the ladder's steps 走向/迈向: 愿…推动两国关系从A迈向B)
_ZH_RAISE_VERB = r"(?:(?:提升|升级|升格)(?:为|到|至)|发展(?:成)?为|跃升(?:为|至)|走向|迈向)"
_ZH_WISHED_RAISE = re.compile(r"(?:(?<!意)愿(?!景)意?|期待|希望|致力于|主张)(?P<gap>[^。；;]{0,40}?)"
                              r"(?:(?:推动|将|把|使)[^，,。；;]{0,10}?关系|[^，,。；;]{0,10}?关系(?=能够|早日|尽快|[从由]))"
                              r"(?:能够|早日|尽快){0,2}(?:[从由][^，,。；;]{1,30}?)?(?:能够|早日|尽快){0,2}" + _ZH_RAISE_VERB + r"[“\"「]?$")
_ZH_RAISE_DONE = re.compile(r"宣布|决定|同意|已(?!有)|今天|今日|日前|近日|刚刚|去年|前年|此前|巩固|珍惜|"
                            r"[，,](?:两国元首|两国领导人|双方|两国)")
# the raise is what a noun names, or what a noun phrase after the label tells done (…提升为…后取得的各项成果, …取得的成果)
_ZH_RAISE_AS_NOUN = re.compile(r"[”」\"]?(?:为契机|为新起点|以来|这一|的(?!进程|水平|目标)|(?:之?后)?所?取得的|之?后的)")
# …and one still ahead with no wish word (GUIDELINES: a label set up now or reported done is an upgrade; a
# raise the pair has yet to make is not).  A marker of what is ahead (将 of the future, 即将, 要; a plan word, 拟, 争取,
# 力争, 计划, 有望 …: _ZH_PLAN_MARK) or an agreement (同意, 商定, 决定, 决心, 承诺) governs the raise (or a setting up:
# 拟建立, 计划于明年建立); the raise is ahead when a plan word governs it, when a verb of striving (推动,
# 推进, 促进) takes it as its goal (双方同意将积极推动两国关系提升为…: agreed to push for it), when a time
# puts it off (明年, 今后, 适时, 尽快 …), or when the future marks it with no declaration before (两国关系将
# 提升为…, 此访将把…).  将 right before its object and the raise (决定将两国关系提升为) is 把, not the
# future; a declared raise (同意将两国关系提升为, 双方同意，两国关系将提升为), one said done (已, 今天, 去年 …),
# and 在…推动下 (under a push, done) stay upgrades.
_ZH_DISPOSAL_OBJECT = r"(?:(?!推动|推进|促进|争取|力争|努力|积极|共同|进一步|尽快|早日|适时)[^，,。；;将把使于在]){0,10}?关系(?:定位)?"
# (a time or an occasion may stand before the raise: 两国关系将于明年提升为…, 有望在此访期间提升为…)
_ZH_RAISE_TO = r"(?:[在于][^，,。；;将把]{1,12}?)?(?:[从由][^，,。；;]{1,30}?)?(?:能够|早日|尽快|正式)?" + _ZH_RAISE_VERB + r"[“\"「]?$"
# …or a setting up, right after the marker or a few words on (拟建立, 计划于明年建立, 争取早日同尼方建立中尼…)
_ZH_SET_UP_VERB = r"(?:建立|结成|缔结)(?:两国|双方|中[\u4e00-\u9fff]{1,2})?"
_ZH_SET_UP_TO = r"[^，,。；;将把使]{0,12}?" + _ZH_SET_UP_VERB + r"[“\"「]?$"
_ZH_RAISE_VERB_AT_END = re.compile(rf"(?:{_ZH_RAISE_VERB}|{_ZH_SET_UP_VERB})[“\"「]?$")  # (its last words, at most 5)
# Words of a plan or an expectation (GUIDELINES: a label the pair "does not have yet"): the change they govern is
# ahead whatever was declared before (宣布拟…, 同意争取…), as a verb of striving makes it.  计划 is the verb, not the
# noun: not after a word it names a plan of or a verb that takes it (行动计划, 合作计划, 五年计划, 按计划, 该计划, 制定计划:
# 明年计划, 2019年计划 are a time and the verb): only after its subject (双方, 两国, 政府, 我们), an adverb (还, 也, 正, 已,
# 并), a time or a break, never after the noun a plan is of (访问计划, 援助计划, 交流计划 …: a list of those never ends);
# nor before a word it heads or a break (计划的, 计划中, 计划，…); 预计 not the noun (预计的, 预计时间); 拟 not 拟定; 可能 the
# modal, not the noun (可能性, 的可能).  A plan word governs a raise in its own clause only (not 存在…的可能，并将…提升为…)
_ZH_PLAN_MARK = (r"有望|打算|预计(?![的时])将?|或将|(?<![不尽的])(?:有)?可能(?!性)(?:会|将)?|或许|也许"
                 r"|(?<=[方国们府门还也正均都已曾原并再亦又，,：:年月日])(?<![一二三四五六七八九十两几多百]年)"
                 r"计划(?![的中书内里表和与及、，,。；;])")
_ZH_PLAN_MARKS = frozenset({"拟", "争取", "力争", "有望", "打算", "预计", "预计将", "计划",
                            # (…and of a possibility: 或将, 可能 (会/将), 或许, 也许: 两国关系或将提升为…, as "may upgrade")
                            "或将", "可能", "可能会", "可能将", "有可能", "有可能会", "有可能将", "或许", "也许"})
# the markers that may follow 关系 itself (两国关系将/有望/或将…提升为): each a lookbehind of its own (fixed width)
_ZH_MARKS_AFTER_RELATION = ("将", "即将", "有望", "预计", "预计将", "或将", "可能", "可能会", "可能将", "有可能", "或许", "也许")
_ZH_PLANNED_RAISE = re.compile(
    rf"(?P<mark>即将|将要|将(?:会)?(?!近|军|{_ZH_DISPOSAL_OBJECT}{_ZH_RAISE_TO})"
    r"|(?<![重主需只必想])要(?=推动|推进|促进|把|将|使|积极|努力|共同|尽快|早日|争取)|拟(?![定订稿])|争取|力争|" + _ZH_PLAN_MARK
    + r"|同意|商定|决定|决心|承诺)"
    r"(?:(?:[^。；;]{0,40}?(?:推动|推进|促进|将|把|使)(?!下)[^，,。；;]{0,10}?关系(?:定位)?|"
    + "|".join(f"(?<=关系{w})" for w in _ZH_MARKS_AFTER_RELATION) + ")" + _ZH_RAISE_TO + "|" + _ZH_SET_UP_TO + ")")
# A raise or setting up asked about (会不会/有没有/是否/能否 … 提升为/建立, 有没有…建立…的打算): one still ahead, a proposal
# (not one asked about as done: 是否已…, …了)
_ZH_ASKED_RAISE = re.compile(r"(?P<mark>会不会|有没有|可不可能|是否|能否|可否|能不能)(?P<gap>[^，,。；;？?]{0,30}?)"
                             rf"(?:{_ZH_RAISE_VERB}|{_ZH_SET_UP_VERB})[“\"「]?$")
_ZH_PHRASE_JOIN = re.compile(r"[，,]|并且?|而且|同时")
_ZH_STRIVE = re.compile(r"(?:推动|推进|促进)(?!下)")
# (未来 as the raise's time: 未来将…, 在未来…, 未来几年内…; not 未来 a verb takes as its object, 着眼未来/面向未来, nor one
# that heads a noun, 面向未来的精神, 未来合作的战略高度: 双方同意着眼未来将两国关系提升为… is declared, done)
_ZH_AHEAD_TIME = re.compile(r"明年|(?<!着眼)(?<!着眼于)(?<!面向)(?<!放眼)(?<!展望)(?<!开创)(?<!共创)(?<!立足)未来(?![^，,。；;将要会]{0,6}?的)"
                            r"|今后|将来|适时|适当时候|尽快|早日|下一步")
_ZH_DECLARED = re.compile(r"宣布|决定|同意|商定|一致")
# …and one put off "until conditions are ripe": 双方同意在条件成熟时建立…, 待条件成熟时，将两国关系提升为…
_ZH_WHEN_RIPE = re.compile(r"(?:条件|时机)(?:成熟|具备)(?:时|后)?[，,]?(?:将[^，,。；;]{0,10}?关系)?(?:建立|提升为|升级为|提升到)[“\"「]?$")
ZH_CONTINUE = re.compile(r"继续|进一步|更加紧密|更为紧密|更紧密")
# 继续 right after the wish and its subject governs the verbs that follow (希望双方继续携手努力，…，共同
# 打造…); one inside an object (推动美中关系继续向前发展) does not reach a later 建立
ZH_WISH_CONTINUE = re.compile(rf"(?:{ZH_WISH})[^，,。；;：:]{{0,6}}?(?:继续|进一步)")
# 同意/决定 report a change only when what they govern is one (同意建立, 决定提升为, 同意构建…); 同意进一步推进,
# 同意构建更加紧密的… take a label the pair has.  (宣布 announces: 宣布构建, 宣布发展 … are events.)
ZH_AGREE = ("同意", "决定")
ZH_ESTABLISH_AFTER = re.compile(r"建立|建成|结成|确立|确定|升级|提升|升格|发展成?为|跃升[为至]|上升[为到至]|定位为|开启|迈入|跨入|步入|达成")
ZH_BUILD = re.compile(r"构建|打造")
# Signing the joint statement on establishing or developing a label (签署《中俄关于发展新时代…的联合声明》,
# "signed a joint statement on developing a … for a new era") is the act that defines it.
ZH_JOINT_STATEMENT = re.compile(r"(签署|发表|签订)[^，,；;。]{0,12}关于(建立|发展|构建|提升为?)$")
EN_JOINT_STATEMENT = re.compile(r"\b(?:signed|issued|adopted|released)\b[^.;]{0,30}\bjoint statement on "
                                r"(?:establishing|developing|building|upgrading|elevating)\s+(?:an?\s+|the\s+)?$", re.I)
# 就[中芬]构建[和推进]…达成共识: the pair may stand before the verb, a second verb may join it
ZH_CONSENSUS_ON = re.compile(r"就(?:中[\u4e00-\u9fff]{1,2})?(?:建立|构建|打造)(?:和(?:推进|发展|深化|巩固))?$")
ZH_CONSENSUS = re.compile(r"(?:达成|取得)了?\S{0,4}?共识")
# 发展 (develop) after a declaration takes the label as its object: 两国决定发展…; an announcement of the
# label when it is new for the pair, a mention of it when the pair has it (EventCall.if_new)
ZH_DECLARED_DEVELOP = re.compile(r"(?:宣布|决定|同意|决心)[^,，。；;：:！？!?]{0,20}?发展(?:两国|双方|中[\u4e00-\u9fff]{1,2})?[“「\"]?$")
# A declaration with a comma after it reaches the clauses that follow, to the verb right before the label:
# 双方宣布，决心发展…; 双方宣布，在深化…的基础上，携手构建…命运共同体 (as 同意构建 in one clause).  Not when
# the label's own clause tends it (推动构建) or the first clause continues (同意，进一步…).
ZH_DECLARED_REACH = re.compile(r"(?:宣布|决定|同意)[,，:：](?P<rest>[^。；;！？!?]{0,60}?)(?P<verb>构建|打造|建立|结成|发展)"
                               r"(?:两国|双方|中[\u4e00-\u9fff]{1,2})?[“「\"]?$")
ZH_REACH_OWN = re.compile(r"^(?:双方|两国)?(?:将|要|决心|愿)?(?:携手|共同|一道|一起)?(?:构建|打造|建立|结成|发展)")
ZH_REACH_CONTINUE = re.compile(r"^(?:双方|两国)?(?:将|要)?(?:继续|进一步)")
ZH_OPENING_QUOTES, ZH_CLOSING_QUOTES = "“「『\"", "”」』\""

EN_PROPOSAL = re.compile(
    r"\b(ready to|willing to|hopes? to|hoped to|looks? forward to|looking forward to|calls? for|called for|"
    r"proposed?|proposes|should|aims? to|seeks? to|wish(?:es)? to|stands? ready|committed to|work with|work together)\b"
    r".{0,200}\b(establish\w*|build\w*|forg\w*|creat\w*|set up|develop an?)\W+(?:\w+\W+){0,3}$",
    re.I)
# (the words between a raise's "to" and the label are the label's, no article or possessive among them: in "upgrade
# the free trade agreement to further enrich the … partnership" the "to" is an infinitive's, not the raise's)
_EN_LABEL_WORDS = r"(?:(?!(?:an?|the|their|its|our|his|her)\b)[\w-]+\W+){0,3}"
# (a raise may name the rung it starts from: "upgrade ties from a strategic partnership into a …")
_EN_RAISED_FROM_RUNG = r"(?:from\s+(?:an?\s+|the\s+)?[\"“]?(?:[\w-]+\s+){0,5}?partnership[\"”]?\s+)?"
# "Xi proposed a comprehensive cooperative partnership between China and the region": the label itself is
# what is proposed, with no verb of building between
EN_PROPOSED_LABEL = re.compile(r"\b(?:propos(?:ed|es|e|ing)|suggest(?:ed|s)?|put(?:s|ting)?\s+forward|call(?:ed|s|ing)?\s+for)\s+"
                               r"(?:an?\s+|the\s+(?:idea\s+of\s+(?:an?\s+)?)?)(?:[\w-]+\s+){0,3}$", re.I)
# …not a raise agreed or decided, which reports it ("hopes to build on the momentum since the two sides agreed to
# upgrade ties to …"), and not a call for something done to the label ("called for the … partnership to be deepened")
_EN_AGREED_RAISE = re.compile(r"\b(?:agreed|decided)\s+(?:[\w'’-]+\s+){0,3}?to\s+(?:further\s+|jointly\s+)?"
                              r"(?:elevat|upgrad|rais|lift)\w*\s+(?:[\w'’-]+\s+){0,4}?" + _EN_RAISED_FROM_RUNG + r"(?:to|into)\s+(?:an?\s+|the\s+)?"
                              + _EN_LABEL_WORDS + r"$", re.I)
_EN_DONE_TO_IT = re.compile(r"\s+to\s+(?:be\s+)?(?:further\s+)?(?:deepen|strengthen|develop|advanc|enhanc|consolidat|promot|"
                            r"push|expand|enrich|carr|implement)\w*", re.I)
# "stands ready to work with ASEAN to lift their ties to a comprehensive strategic partnership": a raise wished for
EN_PROPOSAL_RAISE = re.compile(
    r"\b(ready to|willing to|hopes? to|hoped to|looks? forward to|looking forward to|calls? for|called for|proposed?|"
    r"proposes|should|aims? to|seeks? to|wish(?:es)? to|stands? ready|committed to)\b"
    # (the raise may follow the cue or a later "to"/"and", never past ", noting that …", and is wished
    # only in its base or -ing form: "…, noting that the two countries raised ties to …" is done)
    r"(?:(?:(?!,\s*(?:noting|saying|adding|stressing|recalling|pointing)\b)[^.;]){0,200}?\b(?:to|and)\b)?"
    r"\s+(?:further\s+|jointly\s+)?(?:elevat(?:e|ing)|upgrad(?:e|ing)|rais(?:e|ing)|lift(?:ing)?)\s+"
    r"(?:[\w'’-]+\s+){0,4}?" + _EN_RAISED_FROM_RUNG + r"(?:to|into)\s+(?:an?\s+|the\s+)?" + _EN_LABEL_WORDS + r"$",
    re.I)
# "announced that the two countries are developing …", "agreed to develop …", "said … would develop …",
# "Under the statement, … will develop …": as 宣布发展, new for the pair or a mention (EventCall.if_new)
EN_DECLARED_DEVELOP = re.compile(
    r"\b(?:announc\w*|declar\w*|decided|agreed|proclaim\w*|under\s+the\s+(?:joint\s+)?(?:statement|declaration)"
    # "said" only of both sides ("Xi and Putin said …"): one speaker's "will develop" is no declaration
    r"|(?:(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})\s+and\s+(?:(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2})"
    r"|his\s+\w+\s+counterpart(?:\s+(?-i:[A-Z][\w-]*)){0,3})|the\s+two\s+(?:leaders|presidents|sides|heads\s+of\s+state)"
    r"|both\s+sides|the\s+joint\s+statement)\s+(?:said|stated))\b"
    r"[^.;!?]{0,150}?\b(?:will|would|shall|to|are|is|were)\s+(?:jointly\s+|together\s+|now\s+)?develop(?:ing)?\s+"
    r"(?:(?:an?|the|their|its|our)\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
# "the two countries will establish a strategic partnership", "… will elevate ties to a …", "are expected / set to
# upgrade ties to a …", "ties are expected to be elevated to a …": planned, not done (not "will … promote building";
# not "were expected to", of a past the sentence may tell done; as 将…提升为 and 有望/计划, see _ZH_PLANNED_RAISE); and one
# possible or wished for: "may / might upgrade ties to a …", "wants to / is likely to elevate …", "supports Laos's call
# to upgrade …" (as 或将/可能提升为; not "may have established"; see _EN_POSSIBLE); "could" only with a time still ahead
# ("could upgrade … in the future"): in reports it is as often the past's ability, the raise done ("saying the two
# countries could upgrade ties on Wednesday"); the modal "may" is
# lower case and no number follows it (not the month: "in May upgraded", "on May 8 elevated", "in May 2015 raised")
EN_FUTURE = re.compile(r"\b(will|would|plans? to|planning to|intends? to|(?:is|are)\s+(?:expected|set|scheduled|slated)\s+to"
                       r"|(?:(?-i:may)(?!\s+\d)|might|could)(?!\s+ha(?:ve|s|d)\b)|wants?\s+to|wanted\s+to|(?:is|are)\s+(?:likely|seeking|keen)\s+to"
                       r"|(?:['’]s?|\bthe|\btheir|\bits)\s+(?:[\w-]+\s+)?call\s+to)\s+(?:\w+\s+)?(?:(establish|set up)\W+(?:[\w-]+\W+){0,3}"
                       r"|(?:elevat|upgrad|rais|lift)\w*\s+(?:[\w'’-]+\s+){0,4}?" + _EN_RAISED_FROM_RUNG
                       + r"(?:to|into)\s+(?:an?\s+|the\s+)?" + _EN_LABEL_WORDS + r")$", re.I)
# (a raise possible or wished for stays ahead whatever was declared: "announced that they may elevate …")
_EN_POSSIBLE = re.compile(r"may|might|want|(?:is|are)\s+(?:likely|seeking|keen)|.*\bcall\b", re.I)
# …and a raise someone strives for, agreed or not ("agreed to work towards elevating ties to …", "push for
# upgrading …", as 同意推动…提升为): its goal, not done (not "pushed for": a push told, done or not)
_EN_STRIVEN_RAISE = re.compile(
    r"\b(?:push(?:es|ing)?\s+for|work(?:s|ing)?\s+(?:together\s+)?(?:for|towards?|to)|striv(?:e|es|ing)\s+(?:to|for)|"
    r"endeavou?r(?:s|ing)?\s+to|make\s+(?:\w+\s+)?efforts?\s+(?:to|for|towards?))\s+(?:the\s+)?(?:further\s+|jointly\s+)?"
    r"(?:elevat|upgrad|rais|lift)\w*\s+(?:of\s+)?(?:[\w'’-]+\s+){0,4}?" + _EN_RAISED_FROM_RUNG + r"(?:to|into)\s+(?:an?\s+|the\s+)?" + _EN_LABEL_WORDS + r"$",
    re.I)
# (the verb, not the noun: "the joint work to elevate ties …", "years of work to upgrade …", "the leaders' hard work to
# lift …", "the push for upgrading …" tell a raise striven for and, as the sentence has it, done)
_EN_STRIVE_NOUN = re.compile(r"(?:\b(?:the|a|an|this|that|these|those|their|our|its|his|her|your|of|such|much|whose)|['’]s?|s['’])"
                             r"\s+(?:[\w-]+\s+)?$", re.I)


def _striven_raise(before: str, low: str | None) -> re.Match | None:
    """_EN_STRIVEN_RAISE before the label, its bare "work", "push" or "endeavour" a verb, not a noun (_EN_STRIVE_NOUN)."""
    m = _search_before(_EN_STRIVEN_RAISE, before, low)
    if m and re.match(r"(?:work|push|endeavou?r)\s", m[0], re.I) and _EN_STRIVE_NOUN.search(before, 0, m.start()):
        return None
    return m


# …unless it is what the leaders announced or decided: "announced that China and India would establish …"
EN_DECIDED_THAT = re.compile(r"\b(?:announc\w*|declar\w*|decided|agreed|proclaim\w*)\b(?:\s+that)?[^.;:!?]*$", re.I)
# …or what a joint statement says they will do: "The joint statement says the two countries will elevate …", "signed a
# joint statement under which they will …", "In/Under a joint statement signed on Wednesday, …", "…, according to a
# joint statement released on Thursday" (a spokesperson's "said" is no declaration; a wish in it stays a wish)
_EN_JOINT_SAYS = re.compile(
    r"\bjoint\s+(?:statement|declaration|communiqu[eé])\b(?:(?!\b(?:will|would|shall)\b)[^.;:!?]){0,40}?"
    r"\b(?:says|said|states|stated|reads|saying|stating|under\s+which|in\s+which)\b"
    r"|\b(?:under|in|according\s+to|as\s+per)\s+(?:a|the|their|its)\s+(?:[\w-]+\s+){0,2}?joint\s+(?:statement|declaration|communiqu[eé])\b",
    re.I)
EN_UPGRADE = re.compile(
    r"(?<!long-)(?<!well-)\b(establish(?:ed|es)?|establishing|establishment|elevat\w+|upgrad\w+|rais\w+|lift\w*|announc\w+|proclaim\w+|"
    r"set up|forged|agreed(?:\s+(?:in|at|on|during|after|with)\s+[^.;:,!?]{1,40}?)?\s+to\s+(?:establish|build|forge)|reached (?:\w+\s+){0,2}consensus on (?:establishing|building|forging)|"
    r"decided to|became|have become|has become|signed)\b", re.I)
EN_AGREED_BUILD = re.compile(r"\b(?:build|forge|building|forging)$", re.I)  # the end of an EN_UPGRADE agreement
# "elevated from partnership to strategic partnership and then comprehensive strategic partnership":
# every rung of the ladder told is a reported upgrade (as 由…到…再到 in Chinese)
EN_LADDER = re.compile(r"\b(elevat\w+|upgrad\w+|rais\w+|lift\w*|promot\w+)\s+from\b[^.;:!?]*$", re.I)
# "From the X to the Y and then to the Z, the relationship has …": a ladder told with no raising
# verb (as 由A到B再到C): a rung is a label right after "from" with "to … partnership" after it, or
# right after "to" with "from … partnership" before it in the sentence; "into" is "to" there, whatever
# verb tells the ladder ("grew from a X into a Y", "evolved from …", as 从A发展成B)
# ("from the \"21st-century " may hold a modifier the label leaves out; right after "to" comes the label)
EN_FROM_RUNG = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?[\"“]?(?:[\w-]+\s+){0,3}$", re.I)
# (the next rung's words after its article or possessive are a label's: no article, possessive or demonstrative among
# them, as in "far from a strategic partnership, to a certain extent their cooperative partnership has stalled")
_EN_RUNG_WORD = r"(?:(?!(?:an?|the|their|its|our|his|her|this|that|these|those)\b)[\w-]+\s+)"
EN_NEXT_RUNG = re.compile(r"[\"”]?\s*,?\s*(?:and\s+(?:then\s+)?|then\s+)?(?:to|into)\s+(?:an?\s+|the\s+|their\s+|its\s+|our\s+)?[\"“]?"
                          + _EN_RUNG_WORD + r"{0,4}?partnership\b", re.I)
# the rung a raise starts from: "raised ties from a strategic partnership to …", 从A提升为B, 由A到B.  The
# date the sentence gives belongs to the raise, that is to the label raised to; the one raised from
# held before it, since a time the sentence does not say
_EN_RAISED_FROM = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?[\"“]?(?:(?!(?:to|and|partnership|relationship)\b)[\w-]+\s+){0,3}$",
                             re.I)
_EN_RAISED_OBJECT = re.compile(r"\b(?:elevat|upgrad|rais|lift|promot)\w*\s+(?:(?:the|their|its|our|bilateral)\s+)*"
                               r"(?:(?!(?:to|and|from|partnership|relationship)\b)[\w-]+\s+){0,3}$", re.I)  # raised the A to a B
_ZH_NOT_A_RUNG = r"(?!新(?!时代)|更高|更加|一个新|历史)"  # 提升到新水平: a level, not a label (新时代… is one)
_ZH_RAISED_TO = re.compile(r"[，,]?(?:再?到|迈向|走向|跃升为|(?:提升|升级|升格|上升|发展)(?:为|到|至|成))" + _ZH_NOT_A_RUNG)
_ZH_RAISE_VERB_TO = re.compile(r"(?:(?:提升|升级|升格|上升)(?:为|到|至)|发展(?:为|成)|跃升为)" + _ZH_NOT_A_RUNG)  # 将A提升为B
_EN_NEXT_RUNG_INTO = re.compile(r"[\"”]?\s*,?\s*(?:and\s+(?:then\s+)?|then\s+)?(?:to|into)\s+(?:an?\s+|the\s+)?[\"“]?"
                                r"(?:[\w-]+\s+){0,4}?partners(?:hip)?\b", re.I)
# "upgraded to a comprehensive strategic partnership from a strategic partnership": the rung named last
_EN_RAISED_TO_FROM = re.compile(r"\b(?:elevat|upgrad|rais|lift)\w*\s+[^.;]{0,80}?\bto\s+[^.;]{0,80}?\bpartnership\s+from\s+"
                                r"(?:an?\s+|the\s+)?$", re.I)
# the label's own date, inside the words the raise starts from: 从1999年建立的战略合作关系提升为…, 将2009年建立的…
_ZH_RUNG_ESTABLISHED = re.compile(r"(?P<date>\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?)(?:两国)?建立的[^，,。；;]*?"
                                  r"(?:提升|升级|升格|发展)(?:为|到|至|成)[“\"「]?$")
# "… the strategic partnership established in 2012 to a comprehensive …", "…, which was set up in 2012, to …":
# the rung's own setting up, told right after it, with the time it was set up (not the raise's)
# An English date may hold a comma before its year ("on May 30, 1956"): a clause read up to its first comma reads
# past that one (_EN_CLAUSE_CHAR), a time read up to its first comma takes that year (_EN_DATE_COMMA_YEAR)
_EN_DATE_COMMA_YEAR = r"(?:,\s*\d{4}\b)?"
_EN_CLAUSE_CHAR = r"(?:[^,;.!?]|,(?=\s*\d{4}\b))"
# the time a setting up is told with: "in 2012", "on May 30, 1956", "two years ago"
_EN_SET_UP_TIME = r"(?P<date>(?:(?:back\s+)?in|on|during|last)\s+[^,;.]{1,30}?" + _EN_DATE_COMMA_YEAR + r"|[\w-]+\s+years?\s+ago)"
_EN_RUNG_SET_UP = (r"(?:(?:which|that)\s+(?:was|were|had\s+been|has\s+been)\s+|(?:which\s+|that\s+)?(?:they|the\s+two\s+"
                   r"(?:countries|sides|leaders))\s+(?:had\s+)?)?(?:first\s+|formally\s+|jointly\s+)?(?:established|set\s+up|forged)\s+"
                   + _EN_SET_UP_TIME + r"\s*,?\s+")
# (…and the raise the rung is the subject of: "The strategic partnership, established in 2012, was raised to a …")
_EN_RUNG_ESTABLISHED = re.compile(r"\b" + _EN_RUNG_SET_UP + r"(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:further\s+)?"
                                  r"(?:elevat|upgrad|rais|lift)\w*\s+(?:[\w'’-]+\s+){0,4}?)?(?:to|into)\s+(?:an?\s+|the\s+)?"
                                  r"(?:[\w-]+\s+){0,3}$", re.I)
# …nor the time of a setting up told in a clause before the raise's, joined by "and" or a relative clause of the
# subject: "established a strategic partnership in 2012 and raised it to a …", "established diplomatic ties in
# 1970 and raised ties to a …", "The two countries, which established diplomatic ties in 1970, raised ties to
# a …" (as 2012年建立…，2016年提升为…; not "set up the fund and in 2016 raised …", where the time is the raise's)
_EN_RAISED_ON = (r"(?:further\s+)?(?:elevat|upgrad|rais|lift)\w*\s+(?:[\w'’-]+\s+){0,4}?"
                 r"(?:to|into)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}$")
_EN_THEN_RAISED = r"(?:then\s+|later\s+|subsequently\s+)?" + _EN_RAISED_ON
_EN_SET_UP_THEN_RAISED = re.compile(r"\b(?:established|set\s+up|forged)\s+(?P<object>[^.;:!?]{0,80}?)\b" + _EN_SET_UP_TIME
                                    + r"\s*,?\s+and\s+(?P<later>(?:later|subsequently)\s+)?(?:then\s+)?" + _EN_RAISED_ON, re.I)
# (…that time is the raise's too when what was set up is no label nor the ties and the raise has no time of its own:
# "set up a committee on Monday and elevated ties to a …", "established a mechanism during the visit in June 2016 and
# upgraded …")
_EN_TIES_OR_LABEL = re.compile(r"\b(?:ties|relations|relationship|partnership|partners)\b", re.I)
_EN_LATER_AFTER = re.compile(r"[^,;.!?]*?\b(?:later|afterwards?|subsequently)\b", re.I)
_EN_SET_UP_WHICH_RAISED = re.compile(r",\s*(?:which|who)\s+(?:(?:had|have|has)\s+)?(?:been\s+)?(?:first\s+|formally\s+)?(?:established|set\s+up|"
                                     r"forged)\s+[^.;:!?,]{0,80}?\b" + _EN_SET_UP_TIME + r"\s*,\s+(?:(?:had|have|has)\s+)?"
                                     + _EN_THEN_RAISED, re.I)
# …said of the rung, right after it, with the next rung after it ("raised the strategic partnership
# established in 2012 to a comprehensive …"): the rung keeps that time as its own (_rung_own_date)
_EN_RUNG_SET_UP_AFTER = re.compile(r"[\"”]?\s*,?\s*" + _EN_RUNG_SET_UP + r"(?=" + _EN_NEXT_RUNG_INTO.pattern + ")", re.I)
_ZH_RUNG_OPENS = re.compile(r"[从由将把][^从由将把，,。；;]*$")
# …and the label a ladder reaches: its "to"/"into" is the ladder's own, a step right after a rung that "from" opens
# or after a rung a step reached, each rung with only its own time, tail or setting up after it ("from a X in 2012
# to a Y", "from a X, set up in 2005, into a Y", "from a X to a Y and then into a Z"); not a "to"/"into" of a
# clause of its own ("Benefiting from the X partnership, the corridor has injected impetus into the …", "after
# they went from a X to a Y, will inject new impetus into the …")
_EN_LADDER_RUNG = (r"(?:an?\s+|the\s+)?(?:[\"“][^\"“”.;:!?]{0,160}?\bpartners(?:hip)?\b[^\"“”.;:!?]{0,160}?[\"”]"
                   r"|(?:[\w-]+\s+){0,6}?partners(?:hip)?\b)")  # (a rung in quotes may hold commas)
_EN_LADDER_GAP = (r"(?:\s*,?\s+(?:(?:which|that)\s+(?:was|were)\s+)?(?:first\s+|formally\s+)?(?:established|set\s+up|forged)\b"
                  r"[^,;.:!?]{0,30}?,?|\s+(?:(?:back\s+)?in|on|during|since|of|for|with|between)\s+[^,;.:!?]{1,40}?)?")
_EN_LADDER_STEP = r"\s*,?\s*(?:and\s+(?:then\s+)?|then\s+)?(?:to|into)\s+"
EN_TO_RUNG = re.compile(r"\bfrom\s+" + _EN_LADDER_RUNG + _EN_LADDER_GAP + r"(?:" + _EN_LADDER_STEP + _EN_LADDER_RUNG
                        + _EN_LADDER_GAP + r")*?" + _EN_LADDER_STEP + r"(?:an?\s+|the\s+)?[\"“]?$", re.I)
EN_RAISE_VERB = re.compile(r"\b(elevat\w+|upgrad\w+|rais\w+|lift\w*|promot\w+)\b", re.I)
EN_LEVEL_AFTER = re.compile(r"^\W*(to|onto|into)\s+(an?\s+|the\s+)?(new|higher|greater|next|fresh|high)\b", re.I)
EN_TO_BEFORE = re.compile(r"\b(to|into|as)\s+(an?|the)?\s*$", re.I)
# "lift bilateral relations to a new height and advance the …": the raise reaches a level, not the label
_EN_TO_LEVEL = re.compile(r"\b(?:to|into|onto)\s+(?:an?\s+|the\s+)?(?:new|higher|greater|next|fresh)\b", re.I)
# "agreed to establish a … partnership when conditions are ripe": the conditional right after the label, or a
# time that puts it off ("in the future", "next year", "at an early date": as 明年/今后/早日, _ZH_AHEAD_TIME)
# (after a comma the time must end the clause: in "…, in the future, both sides will hold …" it opens a clause of its own)
_EN_RIPE_TIME = (r"(?:(?:when|once|if)\s+(?:the\s+)?conditions?\s+(?:are|is|become|becomes)\s+ripe|in\s+due\s+course"
                 r"|at\s+an?\s+appropriate\s+time|in\s+the\s+(?:near\s+)?future|next\s+year|at\s+an\s+early\s+date"
                 r"|as\s+soon\s+as\s+possible)\b")
_EN_RIPE_AFTER = re.compile(r"(?:\s+between\s+[^,;.]{1,60}?)?(?:\s+" + _EN_RIPE_TIME + r"|\s*,\s*" + _EN_RIPE_TIME + r"(?!\s*,))",
                            re.I)
_EN_AGREED_TO = re.compile(r"\b(?:agreed|decided|agree|decide)\s+(?:[\w-]+\s+){0,3}?to\s+(?:establish|build|forge|set\s+up|"
                           r"elevat|upgrad|rais|lift)", re.I)
_EN_CONDITIONAL = re.compile(r"\b(?:when|once|if)\s+(?:the\s+)?conditions?\s+(?:are|is|become|becomes)\s+ripe|"
                             r"\bin\s+due\s+course\b|\bat\s+an?\s+appropriate\s+time\b|\bin\s+the\s+future\b", re.I)
EN_NEGATION = re.compile(r"\b(beyond|not|never|rather than|instead of|no longer|more than|far from)\s+(an?\s+|the\s+)?(ordinary\s+|mere\s+|simple\s+)?$", re.I)
# A setting up or a raise denied: 尚未提升为…, 并未同印度建立…, 没有建立…, 不会将两国关系提升为…, "have never established a …",
# "did not upgrade ties to a …", "was not seeking to elevate ties to a …".  The label is the pair's neither as an event nor
# as one in force (GUIDELINES: a label the pair has or sets up): no mention.  The negation governs the label's own verb: only
# an adverb, the pair (同印度), the relationship raised (将两国关系) or a time stand between (not 没有任何国家…, 从未改变…,
# 不断提升, "not only established … but also", "never been better", 不是没有…, "whether or not to establish"), nor the
# second half of a question's 会不会, 有没有, 可不可能 (asked, not denied: see _ZH_ASKED_RAISE).
_ZH_NEGATED_GAP = (r"(?:(?:正式|真正|能够|能|曾经|曾|再|一直|因此|也|还|就|完全|进一步|主动)"
                   r"|(?:同|与|和|跟)[^，,。；;将把]{1,12}?(?=正式|真正|一道|一起|共同|将|把|建立|结成|缔结|确立)(?:一道|一起|共同)?"
                   r"|(?:将|把)[^，,。；;]{0,10}?关系(?:定位)?|(?:在|于)[^，,。；;将把]{1,12}?(?=建立|结成|提升|升级|升格|将|把)){0,4}")
_ZH_NEGATED_SET_UP = re.compile(
    r"(?<![是非不])(?:尚未|并未|从未|未曾|未能|还未|仍未|(?<![尚并从还仍])未(?![来必免尝])|(?<!有)没有|从没有?|(?<![有没])没(?!有)|不曾|"
    r"(?<!会)不会|(?<!可)不可能|无意|不打算|不寻求|不谋求)" + _ZH_NEGATED_GAP
    + r"(?:(?:提升|升级|升格|上升)(?:为|到|至)|发展(?:成)?为|跃升(?:为|至)|建立|建成|结成|缔结|确立)(?:了|起)?"
    r"(?:两国|双方|中[\u4e00-\u9fff]{1,2})?[“\"「]?$")
_EN_NEGATED_SET_UP = re.compile(
    r"(?<!\bor\s)(?:\bnot|\bnever|n['’]t)\s+(?:(?:yet|ever|formally|officially|actually|really|be|been|so\s+far)\s+)*"
    r"(?:(?:seeking|planning|intending|going|trying|looking|aiming|wanting|prepared|ready|willing|about|plan|intend|want|seek|aim|"
    r"wish|need)\s+to\s+(?:formally\s+|officially\s+|further\s+)?)?"
    r"(?:(?:establish(?:ed|ing)?|set(?:ting)?\s+up|forg(?:e|ed|ing))\s+(?:an?\s+|the\s+)?" + _EN_LABEL_WORDS
    + r"|(?:elevat|upgrad|rais|lift)\w*\s+(?:[\w'’-]+\s+){0,4}?(?:to|into)\s+(?:an?\s+|the\s+)?" + _EN_LABEL_WORDS + r")$", re.I)
EN_ANNIVERSARY = re.compile(r"\banniversary of\b|\bsince the establishment of\b|\bestablishment of\b", re.I)

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
WORD_NUMS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
             "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "twenty-five": 25,
             "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20, "twenty-fifth": 25, "thirtieth": 30,
            "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70}
ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def zh_number(s: str) -> int | None:
    """Arabic or Chinese numerals up to 99 (十五, 二十, 45)."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = ZH_DIGITS.get(tens, 1) if tens else 1
        o = ZH_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    if len(s) == 1 and s in ZH_DIGITS:
        return ZH_DIGITS[s]
    return None


def _valid(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    if not 1900 <= year <= 2100 or (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    return PartialDate(year, month, day)


# ---------------------------------------------------------------------- dates
def _month_day(said: PartialDate, month: int, day: int | None) -> PartialDate | None:
    if said.month is None or not 1 <= month <= 12:
        return None
    year = said.year if (month, day or 0) <= (said.month, said.day or 31) else said.year - 1
    return _valid(year, month, day)


def _day_of_month(said: PartialDate, day: int) -> PartialDate | None:
    """A day of the month said without its month (习近平20日在加拉加斯…, a dispatch of the 21st): the
    latest such day on or before the statement, in its month or the one before."""
    if said.month is None or said.day is None or not 1 <= day <= 31:
        return None
    year, month = said.year, said.month
    if day > said.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    try:
        date(year, month, day)
    except ValueError:
        return None  # 31日 said in a month after a 30-day one
    return _valid(year, month, day)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_AHEAD = re.compile(r"\b(?:will|would|shall|is to|are to|plans? to|is due to|are due to|next|coming|arrives|begins|starts)\b", re.I)  # not a day ahead
_EN_WEEKDAY = re.compile(r"\bon\s+(" + "|".join(WEEKDAYS) + r")\b", re.I)
_EN_REPORTED = re.compile(r"\s*,?\s*that\b", re.I)  # "said on Wednesday that … would": a future reported
# …as a joint statement's day reports what it says ("signed a joint statement on Wednesday, saying … would elevate …",
# "In a joint statement signed on Wednesday, the two heads of state said … would …")
_EN_JOINT_STATEMENT_DAY = re.compile(r"\bjoint\s+(?:statement|declaration|communiqu[eé])\s+(?:(?:was|were)\s+)?"
                                     r"(?:(?:signed|issued|released|adopted|published)\s+)?$", re.I)


def _weekday_on_or_before(said: PartialDate, weekday: int) -> PartialDate | None:
    """The day a dispatch means by "on Thursday": the latest Thursday on or before its own date."""
    if said.month is None or said.day is None:
        return None
    d = said.first_day()
    d -= timedelta(days=(d.weekday() - weekday) % 7)
    return PartialDate(d.year, d.month, d.day)


def _days_before(said: PartialDate, n: int) -> PartialDate | None:
    if said.day is None:
        return None
    d = said.first_day() - timedelta(days=n)
    return PartialDate(d.year, d.month, d.day)


def _month_back(said: PartialDate, n: int, day: int | None = None) -> PartialDate | None:
    """The month ``n`` months before the statement's (上个月, "last month", 本月: n = 0), or its day ``day``;
    nothing when the statement gives no month."""
    if said.month is None:
        return None
    k = said.year * 12 + said.month - 1 - n
    year, month = k // 12, k % 12 + 1
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return None
    return _valid(year, month, day)


def _week_month(said: PartialDate, back: int, *, sunday: bool = False) -> PartialDate | None:
    """The month of a week said relative to the statement's (上周 back=1, 本周 or "earlier this week" back=0:
    up to the statement's day), when every day the words can mean falls in one month; the day is not said,
    so nothing when the week spans two months (as 半年来 in a statement dated to the year only dates nothing).
    A week runs Monday to Sunday (上周); ``sunday``: an English week may also start on the Sunday before."""
    if said.month is None or said.day is None:
        return None
    d = said.first_day()
    first = d - timedelta(days=d.weekday() + 7 * back + (1 if sunday else 0))
    last = d if back == 0 else first + timedelta(days=6 + (1 if sunday else 0))
    if (first.year, first.month) != (last.year, last.month):
        return None
    return PartialDate(first.year, first.month)


_ZH_WEEKDAYS = "一二三四五六日天"


def _zh_week(m: re.Match, said: PartialDate) -> PartialDate | None:
    """上周, 上星期, 本周: the week's month (_week_month); 上周五: that day of the week before the statement's."""
    if not m[1].startswith("上"):
        return _week_month(said, 0)
    if not m[2] or said.day is None:
        return _week_month(said, 1)
    return _days_before(said, said.first_day().weekday() + 7 - min(_ZH_WEEKDAYS.index(m[2]), 6))


# 今年 dates an event in it (今年两国建立了…), not a year said to be an anniversary (今年是…, 今年恰逢…)
_ZH_THIS_YEAR = re.compile(r"今年(?!\d|(?:[将也又还更正便就]|恰好|正好|刚好|恰恰|同样)?是|恰逢|适逢|适值|正值|正逢|将?迎来)")
_ZH_DATES = [
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]"), lambda m, y, d: _valid(int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"(\d{4})年(\d{1,2})月"), lambda m, y, d: _valid(int(m[1]), int(m[2]))),
    (re.compile(r"(\d{4})年(?![至到\-—~]\d)"), lambda m, y, d: _valid(int(m[1]))),
    (re.compile(r"今年(\d{1,2})月"), lambda m, y, d: _valid(y, int(m[1]))),
    (re.compile(r"去年(\d{1,2})月"), lambda m, y, d: _valid(y - 1, int(m[1]))),
    (re.compile(r"去年"), lambda m, y, d: _valid(y - 1)),
    (re.compile(r"前年"), lambda m, y, d: _valid(y - 2)),
    (re.compile(r"([\d一二三四五六七八九十两]+)年前"), lambda m, y, d: _valid(y - (zh_number(m[1]) or 0)) if zh_number(m[1]) else None),
    (_ZH_THIS_YEAR, lambda m, y, d: _valid(y)),
    # months and weeks before the statement's: 上个月 (15日), 本月, 三个月前, 半年前, 上周 (五), 本周
    (re.compile(r"(上个?|(?<!日)本|这个)月(?:(\d{1,2})[日号])?"),
     lambda m, y, d: _month_back(d, 0 if m[1] in ("本", "这个") else 1, int(m[2]) if m[2] else None)),
    (re.compile(r"(?:(半)年|([\d一二三四五六七八九十两]+)个月)前"),
     lambda m, y, d: _month_back(d, 6 if m[1] else zh_number(m[2]) or 0) if m[1] or zh_number(m[2]) else None),
    # (not 日本周边, 以上周期)
    (re.compile(rf"(上个?|(?<!日)本|这个?)(?:周(?![期边围年])|星期|礼拜)([{_ZH_WEEKDAYS}])?"), lambda m, y, d: _zh_week(m, d)),
    # a month or day without a year is the latest one on or before the statement (习近平主席6月访俄期间)
    (re.compile(r"(?<![年\d])(\d{1,2})月(?:(\d{1,2})[日号])?"), lambda m, y, d: _month_day(d, int(m[1]), int(m[2]) if m[2] else None)),
    (re.compile(r"昨天|昨日|前天"), lambda m, y, d: _days_before(d, 2 if m[0] == "前天" else 1)),
    # 今天，两国元首决定将…提升为…: the statement's day (not 今天的, "today's", which names a state)
    (re.compile(r"([\d一二三四五六七八九十两]+)年前的今天"),
     lambda m, y, d: _same_day_years_before(d, zh_number(m[1]) or 0) if d.day is not None and zh_number(m[1]) else None),
    (re.compile(r"(?<![的至到今])(?:今天|今日)(?![的俄])"), lambda m, y, d: d if d.day is not None else None),
]

_MONTH_RE = "|".join(MONTHS)


def _en_day_month(said: PartialDate, month: int, day: int) -> PartialDate | None:
    """A day and month said without a year: the latest on or before the statement ("on 11 September" in
    a statement of 10 September is last year's), as 9月11日 is (_month_day); a statement dated to the
    year only takes it in that year."""
    if said.month is None:
        return _valid(said.year, month, day)
    return _month_day(said, month, day)
_EN_DATES = [
    (re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I), lambda m, y, d: _valid(int(m[3]), MONTHS[m[1].lower()], int(m[2]))),
    (re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE}),?\s+(\d{{4}})\b", re.I), lambda m, y, d: _valid(int(m[3]), MONTHS[m[2].lower()], int(m[1]))),
    (re.compile(rf"\b({_MONTH_RE}),?\s+(?:of\s+)?(\d{{4}})\b", re.I), lambda m, y, d: _valid(int(m[2]), MONTHS[m[1].lower()])),
    (re.compile(rf"\b({_MONTH_RE})\s+last\s+year\b", re.I), lambda m, y, d: _valid(y - 1, MONTHS[m[1].lower()])),
    # a day and month without a year ("after talks on 11 September"): the latest one on or before the statement
    (re.compile(rf"\b(?:on\s+)(?:(\d{{1,2}})\s+({_MONTH_RE})|({_MONTH_RE})\s+(\d{{1,2}}))\b(?!,?\s+\d{{4}}|\s*[-–]\d)", re.I),
     lambda m, y, d: _en_day_month(d, MONTHS[(m[2] or m[3]).lower()], int(m[1] or m[4]))),
    # "last January" said in August 2020 is January 2020: the latest one before the statement's month
    (re.compile(rf"\blast\s+({_MONTH_RE})\b", re.I), lambda m, y, d: _valid(y if MONTHS[m[1].lower()] < (d.month or 12) else y - 1, MONTHS[m[1].lower()])),
    (re.compile(rf"\b(?:in|since|during|from)\s+({_MONTH_RE})\b(?!\s+\d)", re.I), lambda m, y, d: _valid(y if MONTHS[m[1].lower()] <= (d.month or 12) else y - 1, MONTHS[m[1].lower()])),
    (re.compile(r"\b(?:in|since|of)\s+(\d{4})\b", re.I), lambda m, y, d: _valid(int(m[1]))),
    (re.compile(r"\blast\s+year\b", re.I), lambda m, y, d: _valid(y - 1)),
    # the year, month or week the statement is in or the one before: "earlier this year", "last month", "earlier
    # this week", "last week" (not "later this year", ahead; not "this year marks …", an anniversary's year)
    (re.compile(r"(?<!later\s)\bthis\s+year\b(?!\s+(?:marks|is|was|will|sees|saw|also|celebrates)\b)", re.I),
     lambda m, y, d: None if _EN_MONTH_BEFORE.search(m.string, 0, m.start()) else _valid(y)),
    (re.compile(r"\b(?:(last)|(?<!later\s)this)\s+month\b", re.I), lambda m, y, d: _month_back(d, 1 if m[1] else 0)),
    (re.compile(r"\b(?:(last)|(?<!later\s)this)\s+week\b", re.I), lambda m, y, d: _week_month(d, 1 if m[1] else 0, sunday=True)),
    (re.compile(r"\b(?:(half)\s+a\s+year|(\d+|an?|[a-z]+)\s+months?)\s+ago\b", re.I),
     lambda m, y, d: _month_back(d, 6 if m[1] else _en_number(m[2])) if m[1] or _en_number(m[2]) else None),
    (re.compile(r"\b(\d+|[a-z]+(?:-[a-z]+)?)\s+years?\s+ago\b", re.I),
     lambda m, y, d: _valid(y - (int(m[1]) if m[1].isdigit() else WORD_NUMS.get(m[1].lower(), 0))) if (m[1].isdigit() or m[1].lower() in WORD_NUMS) else None),
]
_EN_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH_RE})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?$", re.I)  # "March (5) this year"


# a verb of saying right before a date, or before the occasion it was said at ("As I said at last week's press
# conference, …", "Wang said last month that …", "told reporters at a briefing last week"): the date is the
# saying's (_unsaid).  Not a date of the verb's object ("recalled his state visit to Ecuador last year, during
# which …", "stressed the importance of the joint statement signed in June 2016 on …", "noted … the outcomes of the
# visit in June 2016, when …") nor of the document said in ("As stated in the joint statement issued in June 2016,
# …", "As mentioned in the Joint Statement of June 2016, …"): those date the event.
_EN_DOCUMENT = r"(?:[\w'’-]+\s+){0,2}(?:statement|declaration|communiq\w*|document|agreement|treaty|plan|memorandum)\b"
_EN_SAID_BEFORE = re.compile(
    r"\b(?:said|say|says|told|noted|stated|mentioned|stressed|emphasi[sz]ed|pointed\s+out|remarked|recalled)\b"
    r"(?:\s+(?:\w+ly|earlier|again|also|once))?"
    r"(?:(?<=told)(?:\s+(?!(?:at|in|during|on|while|that)\b)[\w'’-]+){1,3})?"  # told reporters …
    r"(?:\s+(?:at|in|during|on|while)\s+(?!" + _EN_DOCUMENT + r")(?:(?!that\b)[\w'’-]+\s+){0,5}?|\s+)$", re.I)


# The dates of other events before a label, as in Chinese (_zh_in_scope): its setup or raise in a 'since' clause is
# the point another clause counts from ("Last month's visit … was the first since the two countries established …",
# "This year, the third since …"; not "since 2013", "since last year"); what a clause carries out is older ("Last
# month, … agreed to implement the consensus reached … when they established …"); a time ahead ("will pay a state
# visit to China this month", "This month, Moreno will visit …") is no setup's.
_EN_SINCE_CLAUSE = re.compile(r"\bsince\s+(?!(?:\d|last\b|early\b|then\b|(?:the\s+)?(?:beginning|start|end)\b|(?:" + _MONTH_RE
                              + r")\b))(?:(?!\bsince\b)[^,;:.!?]){0,150}$", re.I)
# (…and "after" the first of something: "held their first meeting after establishing …")
_EN_FIRST_AFTER = re.compile(r"\bfirst\b[^,;:.!?]{0,80}?\b(?P<after>after\s+(?:(?!\bafter\b)[^,;:.!?]){0,150})$", re.I)
_EN_SET_UP_WORD = re.compile(r"\b(?:establish\w*|set\s+up|forg\w*|elevat\w*|upgrad\w*|rais\w*|lift\w*|formation)\b", re.I)
_EN_CARRY_OUT = re.compile(r"\b(?:implement\w*|carr(?:y|ies|ied|ying)\s+out|follow(?:s|ed|ing)?\s+through\s+on|deliver(?:s|ed|ing)?\s+on|"
                           r"act(?:s|ed|ing)?\s+on)\s+(?:[\w'’-]+\s+){0,5}?(?:consensus|agreements?|outcomes?|decisions?|understandings?|"
                           r"commitments?)\b[^.;:!?]{0,150}$", re.I)
_EN_AHEAD_BEFORE = re.compile(r"\b(?:will|shall|(?:is|are)\s+(?:due|set|scheduled)\s+to)\b(?:(?!\bthat\b)[^,;:.!?]){0,60}$", re.I)
_EN_AHEAD_AFTER = re.compile(r"\s*,?\s+(?:[\w'’-]+\s+){0,4}?(?:will|shall)\b", re.I)


def _en_in_scope(before: str) -> str:
    """``before`` with the dates of other events blotted out (see _EN_SINCE_CLAUSE)."""
    if (m := _EN_SINCE_CLAUSE.search(before)) and _EN_SET_UP_WORD.search(m[0]):
        before = " " * m.start() + before[m.start():]
    elif (m := _EN_FIRST_AFTER.search(before)) and _EN_SET_UP_WORD.search(m["after"]):
        before = " " * m.start("after") + before[m.start("after"):]
    if m := _EN_CARRY_OUT.search(before):
        before = " " * m.start() + before[m.start():]
    return _blot_dates(before, _EN_DATES, " ",
                       lambda b, m: bool(_EN_AHEAD_BEFORE.search(b, 0, m.start()) or _EN_AHEAD_AFTER.match(b, m.end())))


def _en_number(word: str) -> int | None:
    """3, "three", "a"/"an" (one)."""
    w = word.lower()
    return int(w) if w.isdigit() else 1 if w in ("a", "an") else WORD_NUMS.get(w)


_EN_OF_TIES = re.compile(r"\s+of\s+(?:the\s+)?(?:establishment\s+of\s+(?:the\s+)?)?diplomatic\s+(?:ties|relations)", re.I)
_EN_OF_LABEL = re.compile(r"\s+of\s+(?:the\s+)?(?:establishment\s+of\s+(?:the\s+|our\s+)?)?", re.I)
# "the 15th anniversary of (the establishment of) [China-ASEAN] …", "since the establishment of …": of the label itself
EN_ANNIVERSARY_OF = re.compile(r"\b(?:anniversary" + _EN_OF_LABEL.pattern + r"|since\s+the\s+establishment\s+of\s+(?:the\s+|our\s+)?)"
                               r"(?:[A-Z][\w]*(?:[-–—][A-Z][\w]*)*\s+)?$", re.I)
_EN_DATE_WORD = re.compile(rf"\d{{4}}|{_MONTH_RE}", re.I)  # a year or a month named after "yesterday"
_EN_DAYS_BEFORE = re.compile(r"\b(?:the\s+day\s+before\s+)?yesterday\b", re.I)
_EN_ANNIV = re.compile(r"\b(?:(next|this|last)\s+year[^.]{0,60}?)?\b(\d+)(?:st|nd|rd|th)\s+anniversary\b|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|fifteenth|twentieth|twenty-fifth|thirtieth|fortieth|fiftieth|sixtieth|seventieth)\s+anniversary\b", re.I)


_EN_TODAY = re.compile(r"\btoday\b|\bthis day\b", re.I)


def _same_day_years_before(said: PartialDate, n: int) -> PartialDate | None:
    """The statement's day n years earlier (its year alone when it gives no day; 29 February: 28)."""
    if said.day is None:
        return _valid(said.year - n)
    day = 28 if (said.month, said.day) == (2, 29) else said.day
    return _valid(said.year - n, said.month, day)


def _last_date(patterns, text: str, *args) -> PartialDate | None:
    best: tuple[int, int, PartialDate] | None = None
    for rank, (rx, build) in enumerate(patterns):
        for m in rx.finditer(text):
            d = build(m, *args)
            if d is None:
                continue
            key = (m.end(), -rank)
            if best is None or key > best[:2]:
                best = (m.end(), -rank, d)
    return best[2] if best else None


def ref_date(text: str, lo: int, span: LabelSpan, hi: int, stmt_date: PartialDate, lang: str) -> PartialDate | None:
    """The date the sentence gives for the event, resolved against the statement's date."""
    before = text[lo:span.start]
    year = stmt_date.year
    sentence = text[lo:hi]
    if lang == "zh" or _HAN.search(span.surface):
        # the anniversary that follows the label: 建立战略伙伴关系15周年 (not 东盟成立50周年 before it)
        m = re.match(r"[^。，,；;]{0,8}?([\d一二三四五六七八九十]+)周年", text[span.end:hi])
        if m and ("建立" in sentence or "建交" not in sentence):
            n = zh_number(m[1])
            if n:
                if re.search(r"(今天|今日)[^。，,；;]*$", before):
                    return _same_day_years_before(stmt_date, n)  # 今天是…建立…15周年: to the day
                lead = re.search(r"(明年|去年|今年)[^。，,；;]*$", before)
                shift = {"明年": 1, "去年": -1}.get(lead.group(1) if lead else "", 0)
                return _valid(year + shift - n)
        if (m := ZH_SET_UP_AFTER.match(text, span.end, hi)) and (found := _zh_set_up_date(m, stmt_date)):
            return found  # 中拉全面合作伙伴关系建立半年来, 于2014年建立以来
        if (m := ZH_CLEFT_DATE.match(text, span.end, hi)) and (found := _last_date(_ZH_DATES, m["date"], year, stmt_date)):
            return found  # 提升为…是在2015年: the time the sentence says its event was (not 2018年5月28日，发言人说，… before it)
        if (m := ZH_ELAPSED_AFTER.match(text, span.end, hi)) and (v := _ZH_SET_UP_BEFORE.search(before)) \
                and not ZH_TENDING.search(v["gap"]) and "发展" not in v["gap"] and not _ZH_NOT_OWN_SET_UP.search(before, 0, v.start()) \
                and (found := _zh_set_up_date(m, stmt_date)):
            # 中乌建立战略伙伴关系三年来, 两国建立战略伙伴关系已有三年; a date the setup's clause gives is said, not
            # counted: 2013年10月中马两国建立…5年来, 自2013年10月两国建立…5年来 (a statement of 2019 counts 2014)
            own = _zh_own_clause(before[:v.start()], times=_zh_clause_ends(text, m.end(), hi))
            return _last_date(_ZH_DATES, own, year, stmt_date) or found
        if rung := _ZH_RUNG_ESTABLISHED.search(before):  # 将2009年建立的…提升为…: that year is the rung's, not the raise's
            before = before[:rung.start("date")] + "·" * len(rung["date"]) + before[rung.end("date"):]
        before = _zh_in_scope(text, span, hi, before)  # not 上月，…举行会谈，…中厄建立…以来, 将于本月下旬访华
        before = _other_labels_unsaid(before, zh=True)  # not 2009年与中国建立战略伙伴关系的塞尔维亚，此次…提升为…
        decided_here = _ZH_DECIDED.search(before, before.rfind("，") + 1)  # 回顾了…，双方决定将…提升为
        # 正如我上周所说，中方…建立了…: last week is when it was said (…所说，两国一致同意建立… too: only 回顾 in a clause
        # before one that decides keeps the meeting's day)
        before = _unsaid(before, zh=True, review=not decided_here)
        found = _last_date(_ZH_DATES, before, year, stmt_date)
        if found is None and (m := _ZH_TRAILING_DATE.match(text, span.end, hi)):
            found = _last_date(_ZH_DATES, m[1], year, stmt_date)
        if found is None:  # last: a day without its month, the day of a meeting the dispatch reports
            said = _ZH_SAID if decided_here else _ZH_SAID_AFTER
            days = [m for m in _ZH_BARE_DAY.finditer(before) if not said.match(before, m.end())
                    and not _ZH_AHEAD.search(before, max(0, m.start() - 3), m.start())]
            found = _day_of_month(stmt_date, int(days[-1][1])) if days else None
        return found
    for m in _EN_ANNIV.finditer(sentence):
        of = sentence[m.end():]
        if _EN_OF_TIES.match(of):
            continue  # the anniversary of diplomatic ties dates no label
        # "the 15th anniversary of the China-EU comprehensive strategic partnership": the label's own
        of_label = lo + m.end() <= span.start and _EN_OF_LABEL.fullmatch(text[lo + m.end():span.start])
        if not (of_label or re.search(r"establish", sentence, re.I)):
            continue
        n = int(m[2]) if m[2] else ORDINALS.get((m[3] or "").lower())
        if n and _EN_TODAY.search(sentence, 0, m.start()):
            return _same_day_years_before(stmt_date, n)  # "Today marks the 15th anniversary of …": to the day
        if n:
            shift = {"next": 1, "last": -1}.get((m[1] or "").lower(), 0)
            return _valid(year + shift - n)
    _, when = en_set_up_after(text, span.end, hi, stmt_date, person=span.person_noun)
    if when is not None:
        return when  # "the partnership they established in 2016" (not the date of the sentence's own verb)
    own = _en_own_date_after(text, span.end, hi, stmt_date)  # "… upgraded ties to a … partnership in 2016"
    if (m := _EN_ELAPSED_SINCE.search(before)) and (found := _en_elapsed_date(m, stmt_date)):
        # "over the three years since the establishment of the strategic partnership" (the time said with the
        # setup, not counted: "in the five years since … established their … partnership in October 2013")
        return own or found
    before = _en_in_scope(before)  # not "Last month's visit … was the first since the two countries established …"
    before = _other_labels_unsaid(before, zh=False)  # not "Uruguay, a strategic partner of China since 2016, upgraded …"
    for rx in (_EN_RUNG_ESTABLISHED, _EN_SET_UP_THEN_RAISED, _EN_SET_UP_WHICH_RAISED):  # the rung's own date is not the raise's
        if (rung := rx.search(before)) is None:
            continue
        if rx is _EN_SET_UP_THEN_RAISED and not _EN_TIES_OR_LABEL.search(rung["object"]) and not rung["later"] \
                and not _raise_dated_after(text, span.end, hi, stmt_date):
            continue  # "set up a committee on Monday and elevated ties to a …": the time of both
        before = before[:rung.start("date")] + " " * len(rung["date"]) + before[rung.end("date"):]
    found = _last_date(_EN_DATES, _unsaid(before, zh=False), year, stmt_date)
    if own is not None and not _finer(found, own):
        return own  # the raise's own "in 2016" after the label, not "At the talks last month, …" before it
    days = list(_EN_DAYS_BEFORE.finditer(before))
    if days and (found is None or not _EN_DATE_WORD.search(before, days[-1].end())):
        # "By signing the joint statement yesterday, the two presidents elevated …"
        found = _days_before(stmt_date, 2 if days[-1][0].lower().startswith("the") else 1) or found
    if found is None and not re.match(r"\s+(?:to|into)\b", text[span.end:hi]):
        # "… to an all-weather partnership during the summit in September last year, …" (not the
        # date of the next rung: "from a strategic partnership to … in 2016")
        after = _EN_CLAUSE_REST.match(text, span.end, hi)[0]
        found = _first_date(_EN_DATES, after, year, stmt_date)
        if found is None and (wd := _EN_WEEKDAY.search(after)) and not _EN_AHEAD.search(after, 0, wd.start()):
            # "… upgraded ties to a comprehensive strategic partnership on Wednesday": the dispatch's Wednesday
            found = _weekday_on_or_before(stmt_date, WEEKDAYS.index(wd[1].lower()))
    if found is None and (m := _EN_TRAILING_DATE.match(text, span.end, hi)):
        found = _first_date(_EN_DATES, m[1], year, stmt_date)
    if found is None and (wd := _EN_WEEKDAY.search(before)) and not _EN_AHEAD.search(before, 0, wd.start()) \
            and not (_EN_AHEAD.search(before, wd.end()) and not _EN_REPORTED.match(before, wd.end())
                     and not _EN_JOINT_STATEMENT_DAY.search(before, 0, wd.start())):
        # last: "in Caracas on Sunday, …" (not before "Xi said on Friday that … in 2013": the date after the label)
        found = _weekday_on_or_before(stmt_date, WEEKDAYS.index(wd[1].lower()))
    return found


def _raise_dated_after(text: str, end: int, hi: int, stmt_date: PartialDate) -> bool:
    """Whether the clause after an English label (ending at ``end``) gives the raise a time of its own: a date ("… to a
    comprehensive strategic partnership in 2016") or "later" ("two years later")."""
    rest = _EN_CLAUSE_REST.match(text, end, hi)[0]
    return _first_date(_EN_DATES, rest, stmt_date.year, stmt_date) is not None or bool(_EN_LATER_AFTER.match(rest)) \
        or bool(_EN_TRAILING_DATE.match(text, end, hi))


# 习近平20日在加拉加斯同…举行会谈: the day of the meeting; not 温家宝20日回顾说 (the day he spoke of an
# older event), nor 将于25日 (ahead), nor 1号文件
_ZH_BARE_DAY = re.compile(r"(?<![月\d])(\d{1,2})日(?![\d至到\-—~])")
# (a verb of saying as a verb: 所说, 曾说, 介绍说, 他称; not 说/称 inside another word, 可以说是, 对…来说, 应该说, 据说, 堪称,
# 号称, 被称为; and not a document's 指出: 两国签署联合声明指出，将…提升为… tells the act itself)
_ZH_SAYING = (r"(?<!声明)(?<!公报)(?<!宣言)(?<!文件)(?<!报告)(?<!声明中)"
              r"(?:表示|指出|强调|介绍|答问|回答|(?<![以来该据话如是能要再听])说(?![明法服])|(?<![堪号被简统并著自俗尊昵])称(?![为作之号赞]))")
_ZH_SAID = re.compile(r"(?:(?!会谈|会见|会晤|通话|举行)[^，,。；;]){0,12}?" + _ZH_SAYING)
_ZH_SAID_AFTER = re.compile(_ZH_SAID.pattern +
                            r"|[^，,。；;]{0,12}?回顾")  # (会谈时表示: the meeting's day; 回顾: an older event, whenever said)
_ZH_AHEAD = re.compile(r"将于?|拟于?|计划于?|定于")


def _unsaid(before: str, zh: bool, review: bool = True) -> str:
    """``before`` with each date that a verb of saying governs blotted out: 正如我上周在记者会上所说，…建立了…,
    王毅去年表示，…, "As I said at last week's press conference, …", "Wang said last month that …" date the
    saying, not the label's event (as 温家宝20日回顾说 does for a day; ``review``: 回顾 too)."""
    if zh:
        said = _ZH_SAID_AFTER if review else _ZH_SAID
        return _blot_dates(before, _ZH_DATES, "·", lambda b, m: bool(said.match(b, m.end())))
    return _blot_dates(before, _EN_DATES, " ", lambda b, m: bool(_EN_SAID_BEFORE.search(b, 0, m.start())))


def _blot_dates(before: str, dates: list, blot: str, picked: Callable[[str, re.Match], bool]) -> str:
    """``before`` with each date of ``dates`` that ``picked`` (the text as blotted so far, the date) picks
    overwritten with ``blot``: the offsets stay, and no later rule reads it."""
    for rx, _ in dates:
        for m in rx.finditer(before):
            if picked(before, m):
                before = before[:m.start()] + blot * (m.end() - m.start()) + before[m.end():]
    return before
_ZH_DECIDED = re.compile(r"决定|同意|宣布|一致")


# A cleft right after the label dates its raise or setting up: 中巴关系提升为…伙伴关系是在2015年, …是2015年的事, …是在2015年4月
# 习近平主席访问巴基斯坦期间, …是去年/三年前; with its verb (…伙伴关系是2015年建立的) it reports the setting up, as ZH_SET_UP_AFTER
# does.  The date ends the clause or its time phrase (not …是2015年以来最重要的成果).
ZH_CLEFT_DATE = re.compile(r"[”」\"]?(?:是|系)(?:在|于)?(?P<date>(?:\d{4}年|去年|前年|今年)(?:\d{1,2}月(?:\d{1,2}[日号])?)?"
                           r"|[\d一二三四五六七八九十两]+年前)"
                           r"(?:[^，,。；;！!？?]{0,24}?(?:期间|时|之际)|(?P<verb>建立|确立|结成|提升|升级|升格)的)?(?:的事(?:情)?)?"
                           r"(?=[，,。；;！!？?]|$)")
# The clause after the label's, the sentence's last, is only a time (…建立战略伙伴关系的国家，那是在1993年。 / "… the
# first to establish a strategic partnership with China, back in 1993."): the time of the label's event.
_ZH_TRAILING_DATE = re.compile(r"[^，,。；;！？!?]*[，,](?:那|这|时间)?(?:是|为)?(?:在|于)?(\d{4}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?)(?:间)?[。！；;]?\s*$")
_EN_TRAILING_DATE = re.compile(rf"[^,;.!?]*,\s*(?:(?:that\s+was|this\s+was|back|way\s+back|as\s+early\s+as)\s+)?"
                               rf"((?:in|since)\s+(?:(?:{_MONTH_RE})\s+)?\d{{4}})\s*[.!;]?\s*$", re.I)


# A clause after the label that reports when it was set up: "…partnership, which they first set up in
# 2003", "…the partnership the two countries established in 2016", "…partnership, agreed last September,",
# "…partnership, the status it has held since 2013", "…, which dates from 2008"; the label is its
# object or subject, so the sentence reports the label's establishment (GUIDELINES: upgrade) and the
# time in that clause is its date.  Who set it up is a pronoun, "the two …" or a name (not "and the
# mechanism"), and "agreed" is no "agreed to/on" (what they agreed to do with it).
_EN_SETTER = (r"(?:they|we|both(?:\s+sides|\s+countries)?|the\s+two(?:\s+(?:countries|sides|nations|leaders|presidents|"
              r"governments|heads\s+of\s+state))?|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?(?:\s+and\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?)")
_EN_SET_UP_VERB = (r"(?:(?:has|have|had|was|were)\s+(?:been\s+)?)?(?:just\s+|first\s+|formally\s+|officially\s+|jointly\s+)?"
                   r"(?:established|set\s+up|forged(?!\s+ahead)|agreed(?!\s+(?:to|on|upon|that|with)\b)"
                   r"|(?<=was\s)announced|(?<=were\s)announced)\b"
                   # …with no object of its own: "…partners, established diplomatic ties in 1956" sets up the ties
                   r"(?=\s+(?:in|on|at|during|back|last|this|earlier|jointly|formally|by|under|when|after|before|with"
                   r"|between|some|about|nearly|over|\d|(?:\w+\s+)?years?\s+ago)\b|\s*[,.;!?]|\s*$)")
# (after a comma a subject starts a clause of its own unless "which" or "that" leads it: "…partnership,
# China set up a fund in 2016" dates no label)
EN_SET_UP_AFTER = re.compile(
    rf"\s*,?\s*(?:which|that)\s+(?:{_EN_SETTER}\s+)?{_EN_SET_UP_VERB}|\s+{_EN_SETTER}\s+{_EN_SET_UP_VERB}"
    # right after the label (an appositive's own verb risks it): a participle, then only its time
    r"|\s*,?\s*(?:just\s+|first\s+|formally\s+|officially\s+|jointly\s+)?(?:established|set\s+up|forged|agreed)"
    r"(?=\s+(?:in|on|at|during|back|last|this|earlier)\s+[^,;.!?]{0,30}(?:[,;.!?]|$))", re.I)
EN_HELD_SINCE = re.compile(
    r"(?:\s*,\s*(?:which|that)\s+|\s*,\s*the\s+(?:status|label|level|designation|formula|relationship|title)\s+"
    r"(?:it|they|the\s+two\s+\w+)\s+)(?:(?:has|have|had)\s+)?(?:(?:held|had|enjoyed|existed|been\s+in\s+place|been)\s+)?"
    r"(?:in\s+place\s+)?(?=since\b)"
    # right after the label a verb of holding must say so: "… partnership since the 19th Congress" is when
    # it was deepened, not set up
    r"|\s+(?:(?:has|have|had)\s+)?(?:held|enjoyed|existed|been\s+in\s+place|in\s+place)\s+(?=since\b)"
    r"|\s*,?\s*(?:(?:which|that)\s+)?(?:dates|dated|dating)\s+(?:back\s+)?(?:from|to)\s+(?=\d{4}\b|(?:"
    + _MONTH_RE + r")\s+\d{4}\b)", re.I)
_EN_CLAUSE_REST = re.compile(_EN_CLAUSE_CHAR + "*")
_EN_PARTNERS_SINCE = re.compile(r"\s+(since\s+(?:(?:" + _MONTH_RE + r")\s+)?\d{4})\b", re.I)
_EN_BARE_YEAR = re.compile(r"\s*(?:(?:" + _MONTH_RE + r")\s+)?(\d{4})\b", re.I)


def en_set_up_after(text: str, end: int, hi: int, stmt_date: PartialDate, *,
                    person: bool = False) -> tuple[bool, PartialDate | None]:
    """Whether a clause right after the label (ending at ``end``) says when or that it was set up, and
    the date it gives ("since 2013" only counts with its date).  ``person``: the label is said of the
    partners ("comprehensive strategic partners since 2016"), whom a bare "since <year>" dates; after
    the relationship it dates what was done with it ("deepened the partnership since 2017")."""
    year = stmt_date.year
    if person and (m := _EN_PARTNERS_SINCE.match(text, end, hi)):
        return True, _first_date(_EN_DATES, text[m.start(1):m.end()], year, stmt_date)
    if m := EN_SET_UP_AFTER.match(text, end, hi):
        rest = _EN_CLAUSE_REST.match(text, m.end(), hi)[0]
        return True, _first_date(_EN_DATES, rest, year, stmt_date)
    if m := EN_HELD_SINCE.match(text, end, hi):
        rest = _EN_CLAUSE_REST.match(text, m.end(), hi)[0]
        found = _first_date(_EN_DATES, rest, year, stmt_date)
        if found is None and (y := _EN_BARE_YEAR.match(rest)):  # "dates from 2008"
            found = _first_date(_EN_DATES, "in " + rest.strip(), year, stmt_date) or _valid(int(y[1]))
        return found is not None, found
    return False, None


# …and in Chinese the verb after the label, with how long ago: 中拉全面合作伙伴关系建立半年来 (half a
# year before the statement), 建立五年来, 建立已有三年, 建立以来的三年, 于2014年建立以来; 建立以来, 建立十多年来,
# 建立已有三年多 (no date).  ZH_ELAPSED is the time up to the statement said after the verb
ZH_ELAPSED = (r"(?:(?P<since>以来的)|(?P<already>(?:至今)?已经?(?:有|满)?))?这?"
              r"(?P<n>半|[\d一二三四五六七八九十两]+)(?P<more>多)?(?P<unit>个多月|个月|年多|年)(?P<half>半)?"
              r"(?(since)|(?(already)(?=了|之久|[，,。；;！!？?]|$)|(?:以)?来))")
ZH_SET_UP_AFTER = re.compile(
    r"(?:自|于|在)?(?P<date>\d{4}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?)?(?:正式)?(?:建立|确立|结成)了?"
    rf"(?:{ZH_ELAPSED}|以来)")
# …or the verb before the label and the time after it: 中乌建立战略伙伴关系三年来, 两国建立…已有三年, 建立…以来的
# 三年, 两国关系提升为…半年来: the verb must be the label's own, in its clause, with no verb of tending between
ZH_ELAPSED_AFTER = re.compile(r"[”」』\"]?" + ZH_ELAPSED)
_ZH_SET_UP_BEFORE = re.compile(r"(?:建立|建成|确立|结成|(?:提升|升级|升格)(?:为|到|至))(?:了|起)?"
                               r"(?P<gap>[^，,。；;：:！？!?、]{0,10})$")
# …not a setup proposed (两国领导人提出建立…三年来, 自习近平主席提出建立…五年来: the time since the proposal), nor one joined
# to the diplomatic ties' (建交并建立…以来的40年: the ties' years); and not past 、 or a verb of tending (中国同巴拿马建立
# 外交关系、发展战略伙伴关系两年来: 建立 takes the ties, 发展 the label)
_ZH_NOT_OWN_SET_UP = re.compile(r"(?:提出|倡议|提议|倡导|主张|呼吁)(?:了|要|共同)?$|(?:建交|复交|外交关系)(?:并且?|和|及|、)$")


_ZH_TIME_ONLY = re.compile(r"[自从在于]?·+(?:[初底末]|[上中下]旬)?|[^，,。；;：:！？!?]*(?:期间|之际|前夕|时)")


def _zh_clause_ends(text: str, pos: int, hi: int) -> bool:
    return pos >= hi or text[pos] in "，,。；;：:！？!?"


# The time of another label set up, raised or held, told in a clause of its own before the label's: "Uruguay, a strategic
# partner of China since 2016, upgraded ties to a … on Wednesday", "Venezuela and China, strategic partners since 2001, agreed
# on Sunday to elevate …", "Serbia, which became China's first strategic partner … in 2009, upgraded …", 2009年与中国建立战略
# 伙伴关系的塞尔维亚，此次…提升为…, 中白2013年建立…，此次两国关系提升为….  It dates that label, not the one raised after it (a
# time that opens the sentence in a clause of its own dates both: 2014年，中智两国建立…，提升为…; a signing about a label held
# is no setting up of it).
_ZH_OTHER_LABEL = re.compile(r"(?:建立|建成|确立|结成|(?:提升|升级|升格|上升)(?:为|到|至)|发展(?:成)?为|成为)[^，,。；;：:]{0,16}?"
                             r"(?:伙伴|命运共同体|战略[^，,。；;：:]{0,8}?关系)")
_EN_OTHER_LABEL = re.compile(r"\b(?:since|became|become|becoming|established|set\s+up|forged|elevated|upgraded|raised|lifted)\b"
                             r"[^,;]*?\b(?:partners?(?:hip)?|community)\b"
                             # (a label signed, "signed a strategic partnership agreement in 2009", not a signing about one
                             # held: "on May 8 signed a joint statement on / documents on their … partnership, then …")
                             r"|\bsigned\b(?:(?!\b(?:on|about|regarding|concerning|to|of|for)\b)[^,;])*?\b(?:partners?(?:hip)?|community)\b"
                             r"|\b(?:partners?(?:hip)?|community)\b[^,;]*?\bsince\b", re.I)
_EN_SEGMENT = re.compile(r"(?:[^,;]|,(?=\s*\d{4}\b))+")


def _other_labels_unsaid(before: str, *, zh: bool) -> str:
    """``before`` with the dates of each clause before the label's own that tells another label set up, raised or
    held blotted out (see _ZH_OTHER_LABEL)."""
    parts = [(m.start(), m.end()) for m in (re.finditer(r"[^，,；;：:]+", before) if zh else _EN_SEGMENT.finditer(before))]
    parts = [p for p in parts if p[1] < len(before)]  # (not the label's own clause)
    dates = _ZH_DATES if zh else [*_EN_DATES, (_EN_WEEKDAY, None)]
    blot = "·" if zh else " "
    other = _ZH_OTHER_LABEL if zh else _EN_OTHER_LABEL
    marked = [(a, z) for a, z in parts if other.search(before, a, z)]
    if not marked:
        return before
    return _blot_dates(before, dates, blot, lambda b, m: any(a <= m.start() < z for a, z in marked))


def _zh_own_clause(before: str, times: bool = True) -> str:
    """``before`` (up to a verb) with every character outside the verb's own clause blotted out: the clause
    after the last break, and (``times``) the clauses before it that are only its time (2013年10月，两国建立…;
    2016年，习近平主席访问厄瓜多尔期间，两国建立…)."""
    k = max(before.rfind(c) for c in "，,。；;：:！？!?") + 1
    while k and times:
        j = max(before.rfind(c, 0, k - 1) for c in "，,。；;：:！？!?") + 1
        prev = before[j:k - 1]
        for rx, _ in _ZH_DATES:
            prev = rx.sub(lambda m: "·" * len(m[0]), prev)
        if not _ZH_TIME_ONLY.fullmatch(prev):
            break
        k = j
    return "·" * k + before[k:]


# The dates of other events before a label: its setup or raise is a point another clause counts from (上月，王毅
# 同…举行会谈，双方一致认为，中厄建立…以来…; 本月下旬…将…访华，这是中厄建立…后…; 在两国建立的…框架下): only the setup's
# own clause (and the time clauses right before it) dates it; what a clause carries out is older (今年以来，双方落实两国
# 元首关于建立…的共识); and a time ahead (将于6月访华) is no setup's.
_ZH_SINCE_AFTER = re.compile(r"[”」』\"]?(?:以来|之?后(?![续盾劲])|以后)")
_ZH_SET_UP_OF = re.compile(r"(?:建立|建成|确立|结成|(?:提升|升级|升格)(?:为|到|至)?)的[“「\"]?$")
_ZH_COPULA = re.compile(r"(?<![于但可只而凡总])是(?!否)|适值|恰逢|适逢|正值|正逢")
_ZH_CARRY_OUT = re.compile(r"(?:落实|贯彻|执行|兑现|践行)[^，,。；;]{0,40}?(?:关于|就)[^，,。；;]{0,30}$")
_ZH_AHEAD_BEFORE = re.compile(r"(?:将于|将在|拟于|拟在|计划于|定于|即将)$")
_ZH_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
_ZH_AHEAD_AFTER = re.compile(r"(?:[上中下]旬|[初底末])?[^。；;]{0,12}?(?:将(?:于|在|对|赴|访|出席|前往|举行|进行)|即将|拟)")


def _zh_in_scope(text: str, span: LabelSpan, hi: int, before: str) -> str:
    """``before`` with the dates of other events blotted out (see _ZH_SINCE_AFTER)."""
    point = _ZH_SINCE_AFTER.match(text, span.end, hi) or ZH_ELAPSED_AFTER.match(text, span.end, hi) \
        or ZH_SET_UP_AFTER.match(text, span.end, hi)
    if point or _ZH_SET_UP_OF.search(before):
        # (a time clause before it is the setup's when the point ends its clause, 2014年，两国建立…以来，…; not when
        # the clause goes on to its own event, 上月，两国建立…后首次举行外长会晤)
        before = _zh_own_clause(before, times=not point or _zh_clause_ends(text, point.end(), hi))
        if cop := list(_ZH_COPULA.finditer(before)):  # 今年恰好是…建立…后的第三年: the year is what the clause describes
            before = "·" * cop[-1].end() + before[cop[-1].end():]
    if m := _ZH_CARRY_OUT.search(before):
        before = "·" * m.start() + before[m.start():]
    # (in the label's own clause a time ahead is its own act's: 两国元首宣布，将于今天正式将两国关系提升为…)
    return _blot_dates(before, _ZH_DATES, "·", lambda b, m: bool(
        (_ZH_AHEAD_BEFORE.search(b, max(0, m.start() - 3), m.start()) or _ZH_AHEAD_AFTER.match(b, m.end()))
        and _ZH_CLAUSE_BREAK.search(b, m.end())))


def _zh_set_up_date(m: re.Match, stmt_date: PartialDate) -> PartialDate | None:
    if m.groupdict().get("date"):
        return _last_date(_ZH_DATES, m["date"], stmt_date.year, stmt_date)
    if not m["n"] or m["more"] or "多" in m["unit"]:
        return None  # 建立以来, 建立十多年来: no time said
    months = 6 if m["n"] == "半" else (zh_number(m["n"]) or 0) * (12 if m["unit"] == "年" else 1)
    months += 6 if m["half"] else 0
    return _months_before(stmt_date, months, years=m["unit"] == "年")


def _months_before(said: PartialDate, months: int, *, years: bool) -> PartialDate | None:
    """The statement's date ``months`` back: a year when the time is said in whole years (``years``) or the
    statement gives no month, else the month; nothing when a month is needed and the statement has none."""
    if months <= 0:
        return None
    if months % 12 == 0 and (years or said.month is None):
        return _valid(said.year - months // 12)
    return _month_back(said, months)


# "over the three years since the establishment of the strategic partnership", "in the 10 years since China and
# Chile established their strategic partnership", "it has been half a year since …": the label set up that long
# before the statement (as 建立…三年来; "since the establishment of" and the setter's verb govern the label)
_EN_ELAPSED_SINCE = re.compile(
    r"(?:\b(?i:over|in|during|for|throughout|within)\s+the\s+(?i:past\s+|last\s+)?|\b(?i:it)\s+(?:has\s+been|is)\s+)"
    r"(?:(?P<half>half\s+a\s+year)|(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s+(?P<unit>years?|months?))\s+since\s+"
    r"(?:the\s+(?:establishment|formation)\s+of\s+|" + _EN_SETTER + r"\s+(?:(?:have|has|had)\s+)?(?:jointly\s+|formally\s+)?"
    r"(?:established|set\s+up|forged|(?:elevated|upgraded|raised|lifted)\s+(?:[\w'’-]+\s+){0,4}?(?:to|into))\s+)"
    r"(?:an?\s+|the\s+|their\s+|our\s+|its\s+)?(?:[A-Z][\w]*(?:[-–—][A-Z][\w]*)*\s+)?[\"“]?$")


# The time the label's own verb phrase gives right after it, with its year: "… upgraded ties to a comprehensive
# strategic partnership in 2016", "… the partnership between China and Ecuador in November 2016", "… with Ecuador
# on 5 November 2016".  It is the raise's or setup's date, whatever date another clause before the label gives
# ("At the talks last month, the two leaders reviewed the achievements since …": the talks').
_EN_OWN_DATE_AFTER = re.compile(
    r"[\"”]?(?:\s+between\s+[^,;:.!?]{1,60}?|\s+with\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})?\s*,?\s+(?:back\s+)?"
    r"((?:in|on)\s+(?:(?:\d{1,2}\s+)?(?:" + _MONTH_RE + r")\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?\d{4})\b", re.I)


def _en_own_date_after(text: str, end: int, hi: int, stmt_date: PartialDate) -> PartialDate | None:
    m = _EN_OWN_DATE_AFTER.match(text, end, hi)
    return _first_date(_EN_DATES, m[1], stmt_date.year, stmt_date) if m else None


def _finer(a: PartialDate | None, b: PartialDate) -> bool:
    """Whether ``a`` says more of the same time as ``b`` (2016-11 of 2016)."""
    return a is not None and a.year == b.year and (
        b.month is None and a.month is not None or a.month == b.month and b.day is None and a.day is not None)


def _en_elapsed_date(m: re.Match, stmt_date: PartialDate) -> PartialDate | None:
    if m["half"]:
        return _months_before(stmt_date, 6, years=False)
    n = _en_number(m["n"])
    years = m["unit"].startswith("year")
    return _months_before(stmt_date, n * (12 if years else 1), years=years) if n else None


def _first_date(patterns, text: str, *args) -> PartialDate | None:
    """The earliest date in ``text``; of overlapping readings ("in March" / "March last year") the longest."""
    found = [(m.start(), m.end(), rank, build, m) for rank, (rx, build) in enumerate(patterns) for m in rx.finditer(text)]
    if not found:
        return None
    first_end = min(f[:2] for f in found)[1]
    for _, _, _, build, m in sorted((f for f in found if f[0] < first_end), key=lambda f: (-f[1], f[2])):
        d = build(m, *args)
        if d is not None:
            return d
    return None


# ---------------------------------------------------------------------- events
def _zh_clause_before(text: str, lo: int, start: int) -> str:
    window = text[max(lo, start - 40):start]
    parts = ZH_CLAUSE_BREAK.split(window)
    return parts[-1] if parts else window


def _verb_ends_at_anniversary(before: str, verb_end: int) -> bool:
    """Whether the establishing verb ending at ``verb_end`` governs an anniversary, not the label
    (``before`` ends where the label starts): 建立全面战略合作伙伴关系10周年和签署中柬命运共同体行动计划
    1周年, 以明年建立战略伙伴关系15周年为契机，推动合作提质升级，深化….  Only an establishing
    verb in the label's own clause, after the anniversary, governs the label then (在建立外交关系
    40周年之际宣布建立…)."""
    k = before.rfind("周年", verb_end)
    return k >= 0 and not ZH_UPGRADE.search(ZH_CLAUSE_BREAK.split(before[k + len("周年"):])[-1])


def _agreed_change(agreed: str, *, closer: bool) -> bool:
    """What follows 同意/决定 in the clause establishes or raises a label (not 进一步推进, 构建更加紧密的…).

    ``closer``: the label itself says 更紧密 or 更高水平 (a closer form of what the pair has).
    """
    return bool(ZH_ESTABLISH_AFTER.search(agreed)
                or ZH_BUILD.search(agreed) and not closer and not ZH_CONTINUE.search(agreed))


# The patterns ``classify`` and ``is_negated`` use as they stand, compiled once (not looked up in
# the ``re`` module's cache at every label).
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ZH_WISH = re.compile(ZH_WISH)
_ZH_BUILD_VERB = re.compile(r"(建立|打造|构建|结成)")
_ZH_ANNIVERSARY_AFTER = re.compile(r"(建立|确立)?(\d+|[一二三四五六七八九十]+)周年")
_ZH_SET_UP_ANNIVERSARY_AFTER = re.compile(r"建立(\d+|[一二三四五六七八九十]+)周年")
_ZH_LADDER_OPEN = re.compile(r"[由从][^，,。]*$")
_ZH_LADDER_OPEN_TO = re.compile(r"[由从][^。]*到[^。]*$")
# a ladder told with a verb of moving for 到 (从A走向B, 由A迈向B), as "went from a X to a Y": both rungs, the
# second right after the first's step (a verb of raising, 从A提升为/发展为/跃升为B, keeps its rung to the raise)
_ZH_LADDER_STEPS = ("走向", "迈向")
# (从/由 opens the ladder only with its first rung right after it: not 从战略高度推动两国关系迈向…, 从…出发推动…走向…, nor
# the 由 of 自由/理由: 以…自由贸易协定签署为契机推动两国关系迈向…)
_ZH_LADDER_STEP_OPEN = re.compile(r"(?:(?<![自理缘])由|从)(?:(?!推动|推进|促进|将|把|使|出发)[^，,。；;])*?(?:关系|伙伴)[”」\"]?"
                                  r"(?:走向|迈向)[“「\"]?$")
_ZH_STEP_AFTER = re.compile(r"[”」\"]?(?:走向|迈向)[“「\"]?")
_ZH_LABEL_END = re.compile(r"伙伴关系|共同体|伙伴|关系")
# a raise striven for that the sentence calls its goal, wish or interest: 推动中尼关系走向…，是双方的共同目标/愿望, …符合两国根本利益
_ZH_STRIVEN_TO = re.compile(r"(?:推动|推进|促进)[^，,。；;]{0,10}?关系(?:[从由][^，,。；;]{1,30}?)?" + _ZH_RAISE_VERB + r"[“\"「]?$")
_ZH_GOAL_AFTER = re.compile(r"[”」\"]?[，,]?(?:是|符合|乃)[^，,。；;]{0,12}?(?:目标|愿望|心愿|期待|期盼|愿景|利益|追求)")
_ZH_DECLARED_SET_UP = re.compile(r"(宣布|决定|同意|达成).{0,20}(建立|提升为|升级为)(?!的)")
_EN_CONTINUE = re.compile(r"\b(continue|continued|further)\b", re.I)
_EN_SET_UP_RIGHT_AFTER = re.compile(
    r"^\W*(was|were|has been|have been)?\s*(?:just\s+|first\s+|\w+ly\s+)?(established|set up|forged)\b"
    r"(?!\s+(?:diplomatic|ties|relations|a|an|the|their|its|over|more|some|about|nearly|\d+)\b)", re.I)
_EN_SPAN_DETERMINER = re.compile(r"(?:their|its|our|his|her)\s+", re.I)
_EN_TO_AT_END = re.compile(r"\bto\s+(an?\s+|the\s+)?(?:(?!(?:an?|the|their|its|our|his|her)\b)[\w-]+\s+){0,4}$", re.I)


# Words (lower case) one of which every match of these patterns holds, under their re.I: the text
# before an English label (300 characters) is searched only when it holds one, as it seldom does.
_NEEDS: dict[re.Pattern, tuple[str, ...]] = {
    EN_PROPOSAL: ("establish", "build", "forg", "creat", "set up", "develop a"),
    EN_PROPOSAL_RAISE: ("elevat", "upgrad", "rais", "lift"),
    EN_PROPOSED_LABEL: ("propos", "suggest", "put", "call"),
    EN_FUTURE: ("establish", "set up", "elevat", "upgrad", "rais", "lift"),
    _EN_STRIVEN_RAISE: ("elevat", "upgrad", "rais", "lift"),
    EN_ANNIVERSARY_OF: ("anniversary", "establishment"),
    EN_JOINT_STATEMENT: ("joint statement on ",),
    EN_LADDER: ("elevat", "upgrad", "rais", "lift", "promot"),
    EN_FROM_RUNG: ("from",),
    EN_TO_RUNG: ("partnership",),
    EN_DECLARED_DEVELOP: ("develop",),
}
# The characters re.I equates with an ASCII letter besides its two cases (İ ı with i, ſ with s, K with
# k): where none is, a match under re.I is a match of the lower-cased text.
CASE_ODD = "\u0130\u0131\u017f\u212a"


def _search_before(rx: re.Pattern, before: str, low: str | None) -> re.Match | None:
    """``rx.search(before)``; None at once when ``low`` (``before`` lower-cased; None: it holds one of
    CASE_ODD) holds none of the words every match needs."""
    if low is not None and not any(w in low for w in _NEEDS[rx]):
        return None
    return rx.search(before)


def is_negated(text: str, lo: int, span: LabelSpan, lang: str) -> bool:
    """A comparison or negation: "beyond an ordinary strategic partnership", 不是…伙伴关系 (not "have come far
    from a strategic partnership to a comprehensive …": the first rung of a ladder, the way travelled); or a
    setting up or raise denied (尚未提升为…, "have never established a …": _ZH_NEGATED_SET_UP)."""
    before = text[max(lo, span.start - 40):span.start]
    if _HAN.search(span.surface):
        return bool(ZH_NEGATION.search(before) or _ZH_NEGATED_SET_UP.search(before))
    m = EN_NEGATION.search(before)
    if m and not (m[1].lower() == "far from" and EN_NEXT_RUNG.match(text, span.end)):
        return True
    return bool(_EN_NEGATED_SET_UP.search(text, max(lo, span.start - 120), span.start))


def _past_year(text: str, stmt_date: PartialDate) -> bool:
    """Whether the text names a year up to the statement's (2015年将…提升为: done, not wished)."""
    return any(int(y) <= stmt_date.year for y in re.findall(r"(\d{4})年", text))


def _told_before(told: PartialDate | None, stmt_date: PartialDate) -> bool:
    """Whether a date the sentence gives lies wholly before the statement's (2016 in 2018, May 2018 on 30 June
    2018; not 2018 in 2018, which may be later that year)."""
    if told is None:
        return False
    n = {"year": 1, "month": 2, "day": 3}[told.precision]
    said = (stmt_date.year, stmt_date.month or 13, stmt_date.day or 32)[:n]
    return (told.year, told.month, told.day)[:n] < said


_EN_OPENING_TIME = re.compile(r"\s*(?:(?:back\s+)?in|on|during|last|earlier|by)\b[^,;.!?]{1,40},", re.I)  # "In 2016, …"
_EN_CLAUSE_END = re.compile(r"(?!" + _EN_CLAUSE_CHAR + ")[,;.!?]")


def _en_raise_told_before(text: str, lo: int, start: int, end: int, hi: int, stmt_date: PartialDate) -> bool:
    """Whether the sentence dates the raise "would" tells (from ``start`` to the label ending at ``end``) before the
    statement: a date in its own clause ("would later elevate ties to a … in 2016", "a visit in March that would
    elevate …") or in the time that opens the sentence ("In 2016, …"); not one a verb of saying governs ("said last
    year that they would …") or one of a clause of its own (", which established diplomatic ties in 1955,")."""
    first = max(lo, text.rfind(",", lo, start) + 1, text.rfind(";", lo, start) + 1)
    last = _EN_CLAUSE_END.search(text, end, hi)
    opening = _EN_OPENING_TIME.match(text, lo, start)
    for part in (_unsaid(text[first:last.start() if last else hi], zh=False), opening[0] if opening else ""):
        for m in (m for rx, _ in _EN_DATES for m in rx.finditer(part)):
            if _told_before(_first_date(_EN_DATES, m[0], stmt_date.year, stmt_date), stmt_date):
                return True
    return False


# a time that opens the sentence, before its first comma: 2016年，…, 去年11月，…, 三年前，…
_ZH_OPENING_TIME = re.compile(r"(?:在|于)?(?P<time>\d{4}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?|去年(?:\d{1,2}月)?|前年"
                              r"|[\d一二三四五六七八九十两]+年前)(?:[^，,。；;]{0,8}?(?:时|期间|之际))?[，,]")


def _zh_planned_raise(text: str, lo: int, wide_start: int, start: int, after: str, stmt_date: PartialDate) -> str:
    """The marker (将, 计划, 有望, 争取 …) by which the raise or setting up right before the label at ``start`` is
    still ahead (_ZH_PLANNED_RAISE), or "": a word of a plan or an expectation governs it, a verb of striving takes
    it as its goal, a time puts it off, or the future marks it with nothing declared before."""
    if not _ZH_RAISE_VERB_AT_END.search(text, max(wide_start, start - 6), start):
        return ""  # (the pattern ends in the raise verb: a quick test before the slow one)
    m = _ZH_PLANNED_RAISE.search(text, wide_start, start)
    while m is not None and m["mark"] in _ZH_PLAN_MARKS and _ZH_CLAUSE_BREAK.search(text, m.end("mark"), m.end()):
        m = _ZH_PLANNED_RAISE.search(text, m.end("mark"), start)  # (a plan word of another clause: see _ZH_PLAN_MARK)
    if m is None or _ZH_RAISE_AS_NOUN.match(after):
        return ""
    rest = text[m.end("mark"):m.end()]
    if _ZH_RAISE_DONE.search(rest) or "了" in rest or _past_year(m.group(0), stmt_date):
        return ""
    if (opening := _ZH_OPENING_TIME.match(text, lo, m.start())) \
            and _told_before(_last_date(_ZH_DATES, opening["time"], stmt_date.year, stmt_date), stmt_date):
        return ""  # 2016年，两国元首同意推动…提升为…; 去年，…: the sentence is told of a time past
    if _told_before(_last_date(_ZH_DATES, ZH_CLAUSE_BREAK.split(text[lo:m.start()])[-1], stmt_date.year, stmt_date),
                    stmt_date):
        return ""  # …or the marker's own clause is (两国去年计划建立…, 双方2016年拟将…): a plan of then, not one ahead
    # (the striving or the time of the raise's own verb phrase: not 同意在适当时候举行磋商并将…提升为, where the
    # time is the talks')
    own = _ZH_PHRASE_JOIN.split(m.group(0))[-1]
    if _ZH_STRIVE.search(own) or m["mark"] in _ZH_PLAN_MARKS or _ZH_AHEAD_TIME.search(own) \
            or m["mark"] not in ("同意", "商定", "决定", "决心", "承诺") and not _ZH_DECLARED.search(text, lo, m.start()):
        return m["mark"]
    return ""


def _zh_raise_ahead(text: str, lo: int, start: int, after: str, stmt_date: PartialDate) -> str:
    """The cue that makes the raise right before the label at ``start`` (``after``: the text after the label) a
    proposal, or "": wished (愿…推动两国关系提升为), put off until conditions are ripe, planned (将…提升为, 计划建立, 有望
    提升为: a raise or setting up still ahead with no wish word), or striven for as a goal (推动…提升为…，是双方的共同目标)."""
    wide = text[max(lo, start - 60):start]
    if (m := _ZH_WISHED_RAISE.search(wide)) and not _ZH_RAISE_DONE.search(m.group(0)) \
            and not _past_year(m.group(0), stmt_date) and not _ZH_RAISE_AS_NOUN.match(after):
        return "愿…提升为"
    if _ZH_WHEN_RIPE.search(wide):
        return "条件成熟时"
    if (m := _ZH_ASKED_RAISE.search(wide)) and not _ZH_RAISE_DONE.search(m["gap"]) and "了" not in m["gap"]:
        return m["mark"] + "…"
    if mark := _zh_planned_raise(text, lo, max(lo, start - 60), start, after, stmt_date):
        return mark + "…" if mark in _ZH_PLAN_MARKS else "将…提升为"  # (a plan word names itself)
    if _ZH_GOAL_AFTER.match(after) and _ZH_STRIVEN_TO.search(wide) and not _ZH_RAISE_DONE.search(wide):
        return "推动…提升为…是目标"
    return ""


def _zh_next_rung_ahead(text: str, lo: int, end: int, hi: int, stmt_date: PartialDate) -> bool:
    """Whether the first rung of a ladder told with a step (从A迈向B, the label A ending at ``end``) leads to a raise
    still ahead (_zh_raise_ahead of B): A is then the label held, a mention, as the rung of 愿…从A提升为B is."""
    step = _ZH_STEP_AFTER.match(text, end, hi)
    if step is None:
        return False
    label_end = _ZH_LABEL_END.search(text, step.end(), hi)
    after = text[label_end.end():min(hi, label_end.end() + 12)] if label_end else ""
    return bool(_zh_raise_ahead(text, lo, step.end(), after, stmt_date))


def raised_from(text: str, start: int, end: int, *, lo: int = 0, hi: int | None = None) -> bool:
    """Whether the label at text[start:end] (in the sentence text[lo:hi]) is the rung a raise starts
    from: "from a strategic partnership to a …", "raised the strategic partnership to a …", 从战略伙伴关系
    提升为…, 将战略伙伴关系提升为…, 由伙伴关系到…  Its date is the
    raise's, not this label's (see _EN_RAISED_FROM); a timeline reads it as the label held until then."""
    hi = len(text) if hi is None else hi
    if _HAN.search(text, start, end):
        bare_prev = text[max(lo, start - 4):start].rstrip(ZH_OPENING_QUOTES)
        after = text[end:hi].lstrip(ZH_CLOSING_QUOTES)
        return bool(_ZH_RAISE_VERB_TO.match(after)) or bare_prev.endswith(("由", "从")) and bool(_ZH_RAISED_TO.match(after))
    window = max(lo, start - 80)
    return bool(_EN_RAISED_TO_FROM.search(text, max(lo, start - 240), start)) or bool(
        _EN_RAISED_FROM.search(text, window, start) or _EN_RAISED_OBJECT.search(text, window, start)) \
        and bool(_EN_NEXT_RUNG_INTO.match(text, end, hi) or _EN_RUNG_SET_UP_AFTER.match(text, end, hi))


def _rung_own_date(text: str, lo: int, span: LabelSpan, hi: int, stmt_date: PartialDate, lang: str) -> PartialDate | None:
    """The date a rung a raise starts from gives itself (从1999年建立的战略合作关系提升为…, "the strategic
    partnership established in 2012 to a …"), not the raise's."""
    if not _HAN.search(span.surface):
        m = _EN_RUNG_SET_UP_AFTER.match(text, span.end, hi)
        return _first_date(_EN_DATES, m["date"], stmt_date.year, stmt_date) if m else None
    m = _ZH_RUNG_OPENS.search(text, lo, span.start)
    own = text[m.start() + 1:span.start] if m else re.split(r"[，,。；;]", text[lo:span.start])[-1]
    return ref_date(text, span.start - len(own), span, span.end, stmt_date, lang) if "建立" in own else None


def classify(text: str, lo: int, hi: int, span: LabelSpan, stmt_date: PartialDate, lang: str) -> EventCall:
    """Event type of a label span in sentence text[lo:hi], and the date the sentence gives."""
    zh = bool(_HAN.search(span.surface))
    event, cue, if_new = "mention", "", False
    if zh:
        clause = _zh_clause_before(text, lo, span.start)
        after = text[span.end:min(hi, span.end + 12)]
        wide = text[max(lo, span.start - 60):span.start]
        wish = ZH_PROPOSAL.search(clause) or (_ZH_WISH.search(wide) and _ZH_BUILD_VERB.search(clause))
        bare_prev = text[max(lo, span.start - 4):span.start].rstrip(ZH_OPENING_QUOTES)  # 从“A”到“B”，再到“C”
        bare_after = after.lstrip(ZH_CLOSING_QUOTES)
        if _ZH_ANNIVERSARY_AFTER.match(after) or _ZH_SET_UP_ANNIVERSARY_AFTER.match(after) \
                or ZH_SET_UP_AFTER.match(text, span.end, hi) or "以来" in after[:6] and "建立" in clause:
            event, cue = "upgrade", "周年/以来"  # before any wish: 愿以建立战略伙伴关系15周年为契机 dates the label
        elif (c := ZH_CLEFT_DATE.match(text, span.end, hi)) and c["verb"]:
            event, cue = "upgrade", "是…建立的"  # 中巴…伙伴关系是2015年建立的: the label's setting up, dated
        elif wish and not ZH_CONTINUE.search(clause) and not ZH_WISH_CONTINUE.search(wide) \
                and not LEVEL_QUALIFIERS.intersection(span.qualifiers) \
                and not ZH_UPGRADE.search(clause.replace("建立", "")):
            event, cue = "proposal", "期待/愿…建立"
        elif ahead := _zh_raise_ahead(text, lo, span.start, after, stmt_date):
            event, cue = "proposal", ahead
        elif (bare_prev.endswith(("由", "从")) and bare_after.startswith(("到", "再到", *_ZH_LADDER_STEPS))
              and not _zh_next_rung_ahead(text, lo, span.end, hi, stmt_date)) \
                or (bare_prev.endswith("到") and _ZH_LADDER_OPEN.search(text[lo:span.start])) \
                or _ZH_LADDER_STEP_OPEN.search(text, lo, span.start) \
                or (bare_prev.endswith("再到") and _ZH_LADDER_OPEN_TO.search(text[lo:span.start])):
            event, cue = "upgrade", "由…到…"
        elif (m := ZH_DECLARED_DEVELOP.search(text, max(lo, span.start - 60), span.start)) \
                and not ZH_CONTINUE.search(m.group(0)) and not ZH_TENDING.search(m.group(0)) \
                and not ZH_ESTABLISH_AFTER.search(m.group(0)) and not LEVEL_QUALIFIERS.intersection(span.qualifiers):
            event, cue, if_new = "upgrade", "宣布…发展", True
        elif (m := ZH_DECLARED_REACH.search(text, max(lo, span.start - 80), span.start)) \
                and ZH_REACH_OWN.match(ZH_CLAUSE_BREAK.split(m.group(0))[-1]) \
                and not ZH_REACH_CONTINUE.match(m["rest"]) and not LEVEL_QUALIFIERS.intersection(span.qualifiers):
            # 发展 of a label the pair has is a mention (if_new); building or establishing one announces it
            # (a community the pair already holds is built on, not set up: 同意，…构建中老命运共同体 in 2023)
            event, cue, if_new = "upgrade", "宣布，…" + m["verb"], m["verb"] == "发展" or span.kind == "community"
        elif (m := ZH_UPGRADE.search(clause)) and not (m.group(0) in ("提升",) and ZH_RAISE_LEVEL.match(after)) \
                and not ZH_TENDING.search(clause, m.end()) and not _verb_ends_at_anniversary(clause, m.end()):
            if not (ZH_RAISE_LEVEL.match(after) and m.group(0) in ("决定", "同意")) \
                    and not (m.group(0) in ZH_AGREE
                             and not _agreed_change(clause[m.end():], closer=bool(LEVEL_QUALIFIERS.intersection(span.qualifiers)))):
                event, cue = "upgrade", m.group(0)
        elif ZH_JOINT_STATEMENT.search(clause) and after.startswith("的联合声明"):
            event, cue = "upgrade", "签署…关于…的联合声明"  # the joint statement that defines the label
        elif (m := _ZH_DECLARED_SET_UP.search(wide)) \
                and not _verb_ends_at_anniversary(wide, m.end()) and not LEVEL_QUALIFIERS.intersection(span.qualifiers):
            # (not 宣布建立的对话机制; not 同意以…建立…15周年为契机，…打造更高水平的…: the anniversary took the verb)
            event, cue = "upgrade", "宣布…建立"
        elif ZH_CONSENSUS_ON.search(clause) and ZH_CONSENSUS.match(text, span.end, hi):
            event, cue = "upgrade", "就…达成共识"  # 双方就构建中缅命运共同体达成重要共识: agreed, as 同意构建
    else:
        before = text[max(lo, span.start - 300):span.start]
        after = text[span.end:min(hi, span.end + 40)]
        near = before[-90:]
        low = before.lower() if not any(c in before for c in CASE_ODD) else None
        pm = _search_before(EN_PROPOSAL, before, low) \
            or (None if _EN_AGREED_RAISE.search(before) else _search_before(EN_PROPOSAL_RAISE, before, low)) \
            or (None if _EN_DONE_TO_IT.match(text, span.end, hi) else _search_before(EN_PROPOSED_LABEL, before, low)) \
            or _striven_raise(before, low)
        if pm is None and (fm := _search_before(EN_FUTURE, before, low)) and (
                not (EN_DECIDED_THAT.search(before, 0, fm.start()) or _EN_JOINT_SAYS.search(text, lo, hi))
                or _EN_CONDITIONAL.search(text, span.end, hi) or _EN_POSSIBLE.match(fm[1])) \
                and (fm[1].lower() != "could" or _EN_CONDITIONAL.search(text, span.end, hi)) \
                and not (fm[1].lower() in ("would", "could", "might")
                         and _en_raise_told_before(text, lo, span.start - len(before) + fm.start(), span.end, hi, stmt_date)):
            # (agreed that they would establish … "when conditions are ripe": still a plan; "would" of the past, a
            # raise the sentence dates before the statement, is done: "would later elevate ties to a … in 2016")
            pm = fm
        set_up_after, set_up_when = en_set_up_after(text, span.end, hi, stmt_date, person=span.person_noun)
        closer = LEVEL_QUALIFIERS.intersection(span.qualifiers) or _EN_CONTINUE.search(near)
        ums = [u for u in EN_UPGRADE.finditer(near) if not _EN_OF_TIES.match(near, u.end())]  # not "establishment of diplomatic ties"
        um = ums[0] if ums else None
        if _search_before(EN_ANNIVERSARY_OF, before, low):
            event, cue = "upgrade", "anniversary/established"  # before any wish: "hope to take the 15th anniversary of …"
        elif set_up_when is not None:
            event, cue = "upgrade", "set up in"  # "give substance to the partnership the two countries established in 2016"
        elif pm and not closer and not (um and um.start() > pm.end()):
            event, cue = "proposal", pm.group(0)
        elif _search_before(EN_JOINT_STATEMENT, before, low):
            event, cue = "upgrade", "joint statement on"  # the joint statement that defines the label
        elif _search_before(EN_LADDER, before, low) \
                or (_search_before(EN_FROM_RUNG, before, low) and EN_NEXT_RUNG.match(text, span.end, hi)) \
                or _search_before(EN_TO_RUNG, before, low):
            event, cue = "upgrade", "from…to…"
        elif _EN_SET_UP_RIGHT_AFTER.match(after) or set_up_after:
            event, cue = "upgrade", "anniversary/established"
        elif _search_before(EN_DECLARED_DEVELOP, before, low) and not closer:
            event, cue, if_new = "upgrade", "announced…develop", True
        elif um:
            verb = ums[-1].group(0)  # the verb nearest the label: "decided to establish", not "decided to"
            # (a possessive the span starts with is a word before the label: "to upgrade its …" is no raise's "to")
            lead = _EN_SPAN_DETERMINER.match(text, span.start, span.end)
            if EN_RAISE_VERB.match(verb) and (EN_LEVEL_AFTER.match(after) or _EN_TO_LEVEL.search(near, ums[-1].end())) or EN_RAISE_VERB.match(verb) and not EN_TO_BEFORE.search(before[:len(before)]) and not _EN_TO_AT_END.search(before[-40:] + (lead[0] if lead else "")) or verb.lower() in ("became", "has become", "have become", "signed", "decided to") and not EN_TO_BEFORE.search(before):
                event = "mention"
            elif closer and EN_AGREED_BUILD.search(verb):
                event = "mention"  # "agreed to forge a closer …": a closer form of what the pair has, as 同意构建更紧密的
            else:
                event, cue = "upgrade", verb
        if event == "upgrade" and _EN_RIPE_AFTER.match(text, span.end, hi) and _EN_AGREED_TO.search(near):
            event, cue = "proposal", "when conditions are ripe"  # agreed to establish it then: a plan, as 条件成熟时
    rung = raised_from(text, span.start, span.end, lo=lo, hi=hi)
    if event != "upgrade":
        rd = None
    elif rung:
        rd = _rung_own_date(text, lo, span, hi, stmt_date, lang)  # the raise's date is the next rung's
    else:
        rd = ref_date(text, lo, span, hi, stmt_date, lang)
    return EventCall(event=event, ref_date=rd, cue=cue, if_new=if_new, raised_from=rung)
