"""Timelines: the label rules, and the materialised timelines giving exactly what build_timeline gives.

The database tests run once per backend (SQLite, PostgreSQL) on synthetic mentions written
straight into the store (no matching: fast, and every case is chosen).
"""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, func, select

from termtrack import timeline, timeline_cache
from termtrack.lexicon import load_lexicon
from termtrack.records import PartialDate
from termtrack.store import (
    MatchRunRow,
    MentionRow,
    ReviewRow,
    StatementRow,
    TimelineDyadRow,
    TimelineViewRow,
    now,
    open_db,
    session,
)
from termtrack.timeline import (
    RELAPSE_FACTOR,
    MentionFact,
    asof,
    build_timeline,
    build_timelines,
    compare,
    history,
    ladder,
    load_facts,
    tier_names,
    upgrades,
)
from termtrack.timeline_cache import EVIDENCE_CAP, build_direct, in_force, timelines

SP, SCP, CSP, CSCP = "战略伙伴关系", "战略合作伙伴关系", "全面战略伙伴关系", "全面战略合作伙伴关系"
AW = "全天候战略合作伙伴关系"
TIER = {SP: "strategic", SCP: "strategic_cooperative", CSP: "csp", CSCP: "cscp", AW: "all_weather", "伙伴关系": "partner",
        "全面合作伙伴关系": "comprehensive_partner", "合作伙伴关系": "partner", "命运共同体": "community",
        "战略协作伙伴关系": "coordination", "全面战略合作关系": "comprehensive_relation", "战略合作关系": "relation",
        "战略性合作关系": "relation"}


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def fact(sid: str, day: str, label: str, *, event: str = "mention", ref: str | None = None, new_era: bool = False,
         partner: str = "PAK", start: int = 0, loose: tuple[str, ...] = (), surface: str | None = None,
         lang: str = "zh") -> MentionFact:
    surface = label if surface is None else surface
    return MentionFact(statement_id=sid, statement_date=PartialDate.from_iso(day), lang=lang, label_zh=label,
                       label_id="", tier=TIER[label], new_era=new_era, qualifiers=("新时代",) if new_era else (),
                       kind="community" if label == "命运共同体" else "partnership", partner=partner, party="CHN",
                       event=event, ref_date=PartialDate.from_iso(ref) if ref else None,
                       sentence=f"{sid}: {surface}", surface=surface, start=start, end=start + len(surface),
                       loose_parts=loose)


# ---------------------------------------------------------------------------- the rules
def test_upgrade_retrospective_date_renaming_and_relapse(lex):
    facts = [
        fact("a", "2005-04-06", SCP, event="upgrade"),
        fact("b", "2016-03-01", AW, event="upgrade", ref="2015-04-20"),  # a later text dates the upgrade
        fact("c", "2017-01-01", SCP),  # the older label again: a relapse, not a downgrade
        fact("d", "2019-06-05", AW, new_era=True),  # 新时代 added: a renaming
        fact("e", "2019-07-01", AW, new_era=True),
    ]
    tl = build_timeline(facts, lex=lex, partner="PAK")
    assert [(p.label, p.change) for p in tl.periods] == [(SCP, "first"), (AW, "upgrade"), ("新时代" + AW, "renaming")]
    aw = tl.periods[1]
    assert (aw.start.iso(), aw.first_statement.iso(), aw.ref_date.iso()) == ("2015-04-20", "2016-03-01", "2015-04-20")
    assert tl.periods[0].end == aw.start and aw.end.iso() == "2019-06-05"
    assert [m.statement_id for m in tl.relapses] == ["c"]
    assert (tl.periods[2].statements, tl.periods[2].mentions) == (2, 2)
    assert tl.last_statement.iso() == "2019-07-01"
    # each label's latest statement, a relapse included (c says the older label in 2017)
    assert [p.last_statement.iso() for p in tl.periods] == ["2017-01-01", "2016-03-01", "2019-07-01"]
    assert tl.in_force(date(2015, 4, 19)).label == SCP and tl.in_force(date(2015, 4, 20)).label == AW


def test_a_label_said_before_its_dated_establishment_holds_from_that_date(lex):
    """Russia: 新时代 wording in May 2018, the upgrade dated June 2019 by later texts: the label holds
    from June 2019 (the finer date of the two texts), the 2018 saying is an early variant."""
    ru = "战略协作伙伴关系"
    facts = [fact("a", "2016-09-12", ru), fact("b", "2018-05-07", ru, new_era=True),
             fact("c", "2019-06-06", ru, new_era=True, event="upgrade", ref="2019-06-05"),
             fact("d", "2019-09-09", ru, new_era=True, event="upgrade", ref="2019-06")]
    tl = build_timeline(facts, lex=lex, partner="RUS")
    p = tl.periods[-1]
    assert (p.label, p.change, p.start.iso(), p.ref_date.iso(), p.first_statement.iso()) == \
        ("新时代" + ru, "renaming", "2019-06-05", "2019-06-05", "2019-06-06")
    assert tl.periods[0].end == p.start
    assert [(m.statement_id, tl.variant_kind(m)) for m in tl.relapses] == [("b", "early")]
    # an upgrade said early (no date) still counts from its statement; so does a label no text dates
    facts[1] = dataclasses.replace(facts[1], event="upgrade")
    assert build_timeline(facts, lex=lex, partner="RUS").periods[-1].start.iso() == "2018-05-07"
    undated = [fact("a", "2016-09-12", ru), fact("b", "2018-05-07", ru, new_era=True)]
    assert build_timeline(undated, lex=lex, partner="RUS").periods[-1].start.iso() == "2018-05-07"


def _said_in(sentence: str, f: MentionFact) -> MentionFact:
    at = sentence.index(f.surface)
    return dataclasses.replace(f, sentence=sentence, start=at, end=at + len(f.surface))


KOR_2008 = "两国元首同意，将中韩关系从全面合作伙伴关系提升为战略合作伙伴关系。"
EN_RAISE = ("In May 2008, the two presidents agreed to upgrade China-ROK relations from a comprehensive cooperative "
            "partnership to a strategic cooperative partnership.")


def test_the_label_a_pairs_first_raise_starts_from_holds_until_it(lex):
    """South Korea in the sample: the pair's only sentence raises it 从全面合作伙伴关系 to 战略合作伙伴关系.
    The raise is an upgrade from the label it names (before: a first label, and no row in `upgrades`)."""
    facts = [_said_in(KOR_2008, fact("a", "2008-05-27", "全面合作伙伴关系", partner="KOR")),
             _said_in(KOR_2008, fact("a", "2008-05-27", SCP, partner="KOR", event="upgrade"))]
    tl = build_timeline(facts, lex=lex, partner="KOR")
    assert [(p.label, p.change, p.start.iso()) for p in tl.periods] == [
        ("全面合作伙伴关系", "first", "2008-05-27"), (SCP, "upgrade", "2008-05-27")]
    assert tl.periods[0].end == tl.periods[1].start and tl.relapses == []
    # in English, dated: the label raised from holds until the raise's month; said earlier, from then
    # (before: the from-rung took the raise's date, and the earlier sayings became "early" variants)
    raise_ = [_said_in(EN_RAISE, fact("b", "2008-06-02", "全面合作伙伴关系", partner="KOR", event="upgrade", lang="en",
                                      surface="comprehensive cooperative partnership")),
              _said_in(EN_RAISE, fact("b", "2008-06-02", SCP, partner="KOR", event="upgrade", ref="2008-05", lang="en",
                                      surface="strategic cooperative partnership"))]
    tl = build_timeline(raise_, lex=lex, partner="KOR")
    assert [(p.label, p.change, p.start.iso()) for p in tl.periods] == [
        ("全面合作伙伴关系", "first", "2008-05"), (SCP, "upgrade", "2008-05")]
    tl = build_timeline([fact("a", "2005-03-02", "全面合作伙伴关系", partner="KOR"), *raise_], lex=lex, partner="KOR")
    assert [(p.label, p.change, p.start.iso()) for p in tl.periods] == [
        ("全面合作伙伴关系", "first", "2005-03-02"), (SCP, "upgrade", "2008-05")]
    # (the rung is shown as what it is, the label the raise started from)
    assert [(m.statement_id, tl.variant_kind(m)) for m in tl.relapses] == [("b", "rung")]


def test_a_lower_label_beside_a_raise_is_no_rung_unless_said_as_one(lex):
    """Italy (MFA 2019): a "closer partnership" in the sentence of the 15th anniversary of the comprehensive
    strategic partnership held nothing before it; nor does a label raised from when something earlier is known."""
    italy = ("The two sides agreed to take the celebration of the 15th anniversary of the China-Italy Comprehensive "
             "Strategic Partnership in 2019 as a new starting point to build a closer partnership.")
    facts = [_said_in(italy, fact("a", "2019-01-28", "伙伴关系", partner="ITA", lang="en", surface="closer partnership")),
             _said_in(italy, fact("a", "2019-01-28", CSP, partner="ITA", lang="en", event="upgrade", ref="2004",
                                  surface="Comprehensive Strategic Partnership"))]
    tl = build_timeline(facts, lex=lex, partner="ITA")
    assert [(p.label, p.change) for p in tl.periods] == [(CSP, "first")]
    # a label known before: the one raised from stays a variant rather than be dated to the raise
    facts = [fact("z", "2005-01-01", "伙伴关系", partner="KOR"),
             _said_in(KOR_2008, fact("a", "2008-05-27", "全面合作伙伴关系", partner="KOR")),
             _said_in(KOR_2008, fact("a", "2008-05-27", SCP, partner="KOR", event="upgrade"))]
    tl = build_timeline(facts, lex=lex, partner="KOR")
    assert [(p.label, p.change) for p in tl.periods] == [("伙伴关系", "first"), (SCP, "upgrade")]
    assert [m.label_zh for m in tl.relapses] == ["全面合作伙伴关系"]


def test_the_date_in_text_is_the_finest_within_the_earliest(lex):
    """Switzerland: one text says 2016, another 今年4月 (2016-04): the label's date in text is April 2016."""
    facts = [fact("a", "2016-12-09", SP, partner="CHE", event="upgrade", ref="2016"),
             fact("b", "2016-12-10", SP, partner="CHE", event="upgrade", ref="2016-04")]
    p = build_timeline(facts, lex=lex, partner="CHE").periods[0]
    assert (p.start.iso(), p.ref_date.iso()) == ("2016-04", "2016-04")


def test_lower_label_is_a_downgrade_only_when_a_text_reports_it(lex):
    base = [fact("a", "2010-01-01", CSP, event="upgrade")]
    quiet = build_timeline(base + [fact("b", "2012-01-01", SP)], lex=lex)
    assert [p.change for p in quiet.periods] == ["first"] and [m.statement_id for m in quiet.relapses] == ["b"]
    loud = build_timeline(base + [fact("b", "2012-01-01", SP, event="upgrade", ref="2011-12")], lex=lex)
    assert [p.change for p in loud.periods] == ["first", "downgrade"]
    # "推动两国建立战略伙伴关系" in an obituary, with no date: history told, not a change of label
    told = build_timeline(base + [fact("b", "2012-01-01", SP, event="upgrade")], lex=lex)
    assert [p.change for p in told.periods] == ["first"] and [m.statement_id for m in told.relapses] == ["b"]


def test_a_ladder_told_in_one_statement_is_no_downgrade(lex):
    """从伙伴关系到战略伙伴关系再到全面战略伙伴关系: the lower rungs beside the current one are history."""
    base = [fact("a", "2016-01-01", CSP, partner="ZAF")]
    told = [fact("t", "2018-03-22", "伙伴关系", event="upgrade", partner="ZAF", start=5),
            fact("t", "2018-03-22", SP, event="upgrade", partner="ZAF", start=12),
            fact("t", "2018-03-22", CSP, event="upgrade", partner="ZAF", start=20)]
    tl = build_timeline(base + told, lex=lex, partner="ZAF")
    assert [(p.label, p.change) for p in tl.periods] == [(CSP, "first")]
    assert {m.label_zh for m in tl.relapses} == {"伙伴关系", SP}


def test_labels_only_said_on_the_first_day_start_from_the_highest(lex):
    """India: 更加紧密的发展伙伴关系 said beside the 战略合作伙伴关系 in force is no same-day upgrade."""
    same_day = [fact("a", "2016-12-12", SCP, partner="IND", start=5), fact("a", "2016-12-12", "伙伴关系", partner="IND", start=40)]
    tl = build_timeline(same_day + [fact("b", "2018-01-01", "伙伴关系", partner="IND")], lex=lex, partner="IND")
    assert [(p.label, p.change) for p in tl.periods] == [(SCP, "first")]
    assert {m.statement_id for m in tl.relapses} == {"a", "b"}
    # …while labels reported as events that day go up the ladder told
    told = [fact("t", "2016-12-12", "伙伴关系", event="upgrade", partner="ZAF", start=5),
            fact("t", "2016-12-12", SP, event="upgrade", partner="ZAF", start=12)]
    assert [(p.label, p.change) for p in build_timeline(told, lex=lex, partner="ZAF").periods] == [
        ("伙伴关系", "first"), (SP, "upgrade")]


@pytest.mark.parametrize("surface, noun", [
    ("全面战略伙伴", True), ("全天候战略合作伙伴", True), ("全面戰略合作夥伴", True),
    ("comprehensive strategic partners", True), ("China's Comprehensive Strategic Partner of Coordination", True),
    ("中沙全面战略伙伴关系", False), ("全面戰略夥伴關係", False), ("comprehensive strategic partnership", False),
    ("全面战略合作关系", False), ("strategic relationship of mutual benefit", False),
])
def test_is_noun_form(surface, noun):
    assert timeline.is_noun_form(surface) is noun


@pytest.mark.parametrize("later, changes, variants", [
    # Saudi Arabia 2020: "作为全面战略合作伙伴" beside its 全面战略伙伴关系 is wording, not an upgrade
    (fact("b", "2020-04-15", CSCP, partner="SAU", surface="全面战略合作伙伴"), ["first"], ["b"]),
    (fact("b", "2020-04-15", CSCP, partner="SAU", surface="comprehensive strategic cooperative partners"), ["first"], ["b"]),
    # a lower label said as a noun ("重要战略伙伴"): a variant too
    (fact("b", "2020-04-15", SP, partner="SAU", surface="重要战略伙伴"), ["first"], ["b"]),
    # reported as an event ("两国成为全面战略合作伙伴"), or said of the relationship: a change as before
    (fact("b", "2020-04-15", CSCP, partner="SAU", surface="全面战略合作伙伴", event="upgrade"), ["first", "upgrade"], []),
    (fact("b", "2020-04-15", CSCP, partner="SAU"), ["first", "upgrade"], []),
])
def test_a_label_said_only_as_a_noun_for_the_partner_changes_nothing(lex, later, changes, variants):
    base = [fact("a", "2016-01-20", CSP, partner="SAU", event="upgrade"), fact("c", "2019-05-09", CSP, partner="SAU",
                                                                             surface="全面战略伙伴")]
    tl = build_timeline([*base, later], lex=lex, partner="SAU")
    assert [p.change for p in tl.periods] == changes
    assert [m.statement_id for m in tl.relapses] == variants
    assert tl.periods[0].mentions == 2  # the noun form of the label in force is evidence for it


@pytest.mark.parametrize("sentence,surface,titled", [
    ("习近平主席发表题为《携手推进新时代中阿战略伙伴关系》的重要讲话。", "新时代中阿战略伙伴关系", True),
    ('Xi delivered a speech titled "Advancing China-Arab States Strategic Partnership in the New Era".',
     "China-Arab States Strategic Partnership in the New Era", True),
    ("双方发表《关于建立全面战略伙伴关系的联合声明》，推动中阿战略伙伴关系发展。", "中阿战略伙伴关系", False),
    ("推动新时代中阿战略伙伴关系发展。", "新时代中阿战略伙伴关系", False),
])
def test_in_title(sentence, surface, titled):
    assert timeline.in_title(sentence, surface) is titled


def test_a_label_said_only_in_a_title_changes_nothing(lex):
    """《携手推进新时代中阿战略伙伴关系》, a speech's title, is no renaming of the label in force."""
    said = fact("a", "2018-07-10", SP, partner="ORG:ARAB", event="upgrade", ref="2018-07-10")
    title = "习近平主席发表题为《携手推进新时代中阿战略伙伴关系》的重要讲话。"
    titled = dataclasses.replace(fact("b", "2018-07-10", SP, partner="ORG:ARAB", new_era=True, surface="新时代中阿战略伙伴关系"),
                     sentence=title)
    tl = build_timeline([said, titled], lex=lex, partner="ORG:ARAB")
    assert [(p.label, p.change) for p in tl.periods] == [(SP, "first")]
    assert [(m.statement_id, tl.variant_kind(m)) for m in tl.relapses] == [("b", "title")]
    # said outside a title, the same wording is a renaming
    plain = dataclasses.replace(titled, sentence="推动新时代中阿战略伙伴关系发展。")
    tl = build_timeline([said, plain], lex=lex, partner="ORG:ARAB")
    assert [p.change for p in tl.periods] == ["first", "renaming"]


def test_a_noun_form_alone_still_gives_the_first_label(lex):
    """中乌是全面战略伙伴 with nothing else for the pair: the label is known, from a noun."""
    tl = build_timeline([fact("a", "2019-05-09", CSP, partner="UZB", surface="全面战略伙伴"),
                         fact("b", "2020-01-01", SP, partner="UZB", surface="战略伙伴")], lex=lex, partner="UZB")
    assert [(p.label, p.change) for p in tl.periods] == [(CSP, "first")]
    assert [m.statement_id for m in tl.relapses] == ["b"]


CSCR = "全面战略合作关系"


@pytest.mark.parametrize("base, later, changes, variants", [
    # Philippines 2020: "our comprehensive strategic partnership" in English, where the Chinese texts
    # say 全面战略合作关系: translation drift, not an upgrade
    ([fact("a", "2018-11-20", CSCR, partner="PHL", event="upgrade")],
     [fact("b", "2020-06-09", CSP, partner="PHL", lang="en")], ["first"], ["b"]),
    # "in the new era" in English for a time adverbial (新时期) the Chinese label does not carry
    ([fact("a", "2018-07-25", CSP, partner="ZAF")],
     [fact("b", "2018-07-25", CSP, partner="ZAF", lang="en", new_era=True)], ["first"], ["b"]),
    # reported as an event in English ("elevated to"): a change, whatever the language
    ([fact("a", "2016-01-01", CSP, partner="ZAF")],
     [fact("b", "2019-01-01", CSCP, partner="ZAF", lang="en", event="upgrade")], ["first", "upgrade"], []),
    # said in Chinese as well: a change
    ([fact("a", "2016-01-01", CSP, partner="ZAF")],
     [fact("b", "2019-01-01", CSCP, partner="ZAF", lang="en"), fact("c", "2019-02-01", CSCP, partner="ZAF")],
     ["first", "upgrade"], []),
    # a pair only ever named in English: nothing Chinese to defer to, English changes the label
    ([fact("a", "2016-01-01", SP, partner="ZAF", lang="en")],
     [fact("b", "2019-01-01", CSP, partner="ZAF", lang="en")], ["first", "upgrade"], []),
])
def test_english_only_wording_does_not_override_the_chinese_label(lex, base, later, changes, variants):
    """partnerships.md: English renderings drift; the Chinese-side text is authoritative."""
    tl = build_timeline([*base, *later], lex=lex)
    assert [p.change for p in tl.periods] == changes
    assert [m.statement_id for m in tl.relapses] == variants


@pytest.mark.parametrize("facts, changes, variants", [
    # "期待…携手打造新时代的…伙伴关系": wished for, not in force; its English rendering ("move forward … in
    # the new era") is no Chinese evidence of it either
    ([fact("a", "2016-10-14", SCP, partner="BGD", event="upgrade"),
      fact("b", "2018-06-27", SCP, partner="BGD", new_era=True, event="proposal"),
      fact("c", "2018-06-27", SCP, partner="BGD", new_era=True, lang="en")], ["first"], ["b", "c"]),
    # a proposal gives no first label either
    ([fact("a", "2017-01-01", SP, partner="CHL", event="proposal"), fact("b", "2018-01-01", CSP, partner="CHL")],
     ["first"], ["a"]),
    # proposed, then established: the label holds from the establishment, not the proposal
    ([fact("a", "2016-01-01", CSP, partner="CHL"), fact("b", "2018-01-01", CSCP, partner="CHL", event="proposal"),
      fact("c", "2019-01-01", CSCP, partner="CHL", event="upgrade")], ["first", "upgrade"], ["b"]),
])
def test_a_proposed_label_is_not_in_force(lex, facts, changes, variants):
    tl = build_timeline(facts, lex=lex)
    assert [p.change for p in tl.periods] == changes
    assert [m.statement_id for m in tl.relapses] == variants
    assert all(tl.variant_kind(m) == "proposal" for m in tl.relapses if m.event == "proposal")
    assert all(p.evidence[0].event != "proposal" for p in tl.periods)  # the label holds from its first non-proposal


def test_crossing_between_the_relation_and_partnership_families_needs_an_event(lex):
    """Philippines: 战略性合作关系 (2016), a 睦邻友好伙伴关系 said in 2017, 全面战略合作关系 established in 2018."""
    base = [fact("a", "2016-10-12", "战略合作关系", partner="PHL"), fact("b", "2017-03-14", "伙伴关系", partner="PHL")]
    tl = build_timeline([*base, fact("c", "2018-11-20", CSCR, partner="PHL", event="upgrade")], lex=lex)
    # (全面 raises a …关系 label: an upgrade under the ladder since lexicon 2026.12.18, a renaming before)
    assert [(p.label, p.change) for p in tl.periods] == [("战略合作关系", "first"), (CSCR, "upgrade")]
    assert [(m.statement_id, tl.variant_kind(m)) for m in tl.relapses] == [("b", "family")]
    # reported as an event, the crossing is a change
    tl = build_timeline([base[0], dataclasses.replace(base[1], event="upgrade")], lex=lex)
    assert [p.change for p in tl.periods] == ["first", "upgrade"]


def test_a_proposed_community_is_no_overlay(lex):
    facts = [fact("a", "2016-01-01", CSP, partner="NPL"), fact("b", "2016-03-01", "命运共同体", partner="NPL", event="proposal")]
    tl = build_timeline(facts, lex=lex)
    assert tl.overlays == [] and [m.statement_id for m in tl.relapses] == ["b"]


def test_one_remark_published_twice_is_one_statement(lex):
    a = fact("corpus1-t1", "2019-01-01", CSP)
    twin = dataclasses.replace(a, statement_id="corpus2-t1")  # the same page in another collection
    other = fact("corpus1-t2", "2019-02-01", CSP)
    p = build_timeline([a, twin, other], lex=lex).periods[0]
    assert (p.statements, p.mentions) == (2, 3)


@pytest.mark.parametrize("ranking,change", [("ladder", "upgrade"), ("piie-2014", "renaming"), ("adjectival", "upgrade")])
def test_a_comprehensive_relation_label_is_a_step_up_where_the_ranking_tells_it_apart(lex, ranking, change):
    """The Philippines' 战略性合作关系 (2005) raised to 全面战略合作关系 in November 2018 showed as a renaming
    (user review): every …关系 label had rank 0.  Coarse rankings (piie-2014) still do not tell them apart."""
    facts = [fact("a", "2016-10-12", "战略性合作关系", partner="PHL"),
             fact("b", "2018-11-21", CSCR, partner="PHL", event="upgrade", ref="2018-11-20")]
    assert {x.zh: x.tier for x in lex.labels if x.zh in TIER and x.kind == "relation"} == \
        {"战略性合作关系": "relation", "战略合作关系": "relation", CSCR: "comprehensive_relation"}  # as the facts say
    tl = build_timeline(facts, lex=lex, ranking=ranking)
    assert [(p.label, p.change) for p in tl.periods] == [("战略性合作关系", "first"), (CSCR, change)]


def test_one_remark_published_twice_is_shown_once(lex):
    """The evidence and the variant lines showed a page's copy under its other id as a second
    sentence (user review: history Kyrgyzstan --evidence 2 spent its second line on the copy)."""
    a = fact("corpus1-t1", "2019-01-01", CSP)
    twin = dataclasses.replace(a, statement_id="corpus2-t1")
    other = fact("corpus1-t2", "2019-02-01", CSP)
    older = fact("corpus1-t3", "2019-03-01", SP)
    tl = build_timeline([a, twin, other, older, dataclasses.replace(older, statement_id="corpus2-t3")], lex=lex)
    assert [m.statement_id for m in tl.periods[0].evidence] == ["corpus1-t1", "corpus1-t2"]
    assert [m.statement_id for m in tl.relapses] == ["corpus1-t3"]
    assert tl.periods[0].mentions == 3  # every mention still counted


def test_two_labels_in_one_sentence_of_one_statement_both_stay(lex):
    """(review) The twin rule keyed on the sentence alone, so a second label said in the same
    sentence of the same statement lost its variant line; only another statement's copy goes."""
    csp = fact("y-1", "2019-01-01", CSP)
    a = fact("y-2", "2019-02-01", SP, surface="战略伙伴关系")
    b = dataclasses.replace(fact("y-2", "2019-02-01", "伙伴关系", start=5), sentence=a.sentence)
    copy = dataclasses.replace(a, statement_id="y-2-copy")
    tl = build_timeline([csp, a, b, copy, dataclasses.replace(b, statement_id="y-2-copy")], lex=lex)
    assert sorted((m.statement_id, m.label_zh) for m in tl.relapses) == [("y-2", "伙伴关系"), ("y-2", SP)]


@pytest.mark.parametrize("ranking,change", [("ladder", "upgrade"), ("piie-2014", "renaming"), ("adjectival", "renaming")])
def test_the_ranking_decides_upgrade_or_renaming(lex, ranking, change):
    facts = [fact("a", "2010-01-01", CSP, event="upgrade"), fact("b", "2015-01-01", CSCP, event="upgrade")]
    tl = build_timeline(facts, lex=lex, ranking=ranking)
    assert tl.ranking == ranking
    assert [p.change for p in tl.periods] == ["first", change]


def test_a_finer_date_in_the_same_year_wins(lex):
    facts = [fact("late", "2020-05-01", CSP, event="upgrade", ref="2013"), fact("early", "2013-07-16", CSP)]
    p = build_timeline(facts, lex=lex).periods[0]
    assert p.start.iso() == "2013-07-16" and p.evidence[0].statement_id == "early"


def test_truncated_and_window(lex):
    facts = [fact(f"s{i}", f"20{10 + i}-01-01", SCP if i < 5 else AW, event="upgrade" if i == 5 else "mention")
             for i in range(10)] + [fact("r", "2019-06-01", SCP)]
    tl = build_timeline(facts, lex=lex)
    cut = tl.truncated(2)
    assert cut.evidence_cap == 2 and [len(p.evidence) for p in cut.periods] == [2, 2]
    assert [p.mentions for p in cut.periods] == [6, 5]  # the counts stay whole (the relapse r counts)
    assert tl.truncated(None) is tl
    assert [p.label for p in tl.window(until=date(2014, 12, 31)).periods] == [SCP]
    assert [p.label for p in tl.window(since=date(2016, 1, 1)).periods] == [AW]
    assert [p.label for p in tl.window(since=date(2015, 1, 1), until=date(2015, 1, 1)).periods] == [SCP, AW]
    assert tl.window(until=date(2018, 12, 31)).relapses == []


def test_a_timeline_cut_while_built_is_the_whole_one_truncated(lex):
    """_build(keep=n) makes only the facts it keeps: the same as building everything and cutting."""
    rng = random.Random(3)
    labels = [SP, CSP, SCP, AW, "合作伙伴关系", "命运共同体"]
    for _ in range(200):
        facts = [fact(f"s{rng.randrange(9)}", rng.choice(["2010", "2010-03", "2010-03-02", "2011-01-01", "2012-05-05"]),
                      rng.choice(labels), event=rng.choice(["mention", "upgrade", "proposal"]),
                      ref=rng.choice([None, "2009", "2010-03", "2011-02-02"]), new_era=rng.random() < 0.2,
                      start=rng.randrange(3), loose=rng.choice([(), ("全天候",)])) for _ in range(rng.randrange(40))]
        whole = build_timeline(facts, lex=lex, partner="PAK")
        day = timeline._ordinals()
        for n in (1, 2, 5):
            cut = timeline._build([timeline._record(f, day) for f in facts], lex=lex, ranking=lex.default_ranking,
                                  partner="PAK", keep=n)
            assert cut == whole.truncated(n)


def test_facts_made_from_rows_are_the_dataclass(lex):
    st = (0, "s1", PartialDate(2020, 5, 1), "zh")
    row = (1, 7, "CHN", "PAK", CSP, "id", "csp", 1, '["新时代"]', "partnership", "upgrade", "2019-06", "句子", CSP, 3, 11,
           "全天候")
    made = timeline._make_fact(st, row, {}.setdefault)
    want = MentionFact(statement_id="s1", statement_date=PartialDate(2020, 5, 1), lang="zh", label_zh=CSP, label_id="id",
                       tier="csp", new_era=True, qualifiers=("新时代",), kind="partnership", partner="PAK", party="CHN",
                       event="upgrade", ref_date=PartialDate(2019, 6), sentence="句子", surface=CSP, start=3, end=11,
                       loose_parts=("全天候",))
    assert made == want and repr(made) == repr(want) and hash(made) == hash(want)
    assert dataclasses.replace(made, partner="KAZ") == dataclasses.replace(want, partner="KAZ")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.partner = "KAZ"  # type: ignore[misc]


def test_tier_names_are_short_english(lex):
    names = tier_names(lex, "ladder")
    assert names[lex.rank("csp", "ladder")] == "comprehensive strategic"
    assert names[lex.rank("coordination", "ladder")] == "strategic coordination"
    assert all(n.isascii() for n in names.values())  # no CJK: charts need no CJK font
    assert len(tier_names(lex, "piie-2014")) == len(set(lex.rankings["piie-2014"].ranks.values()))


# ---------------------------------------------------------------------------- synthetic database
PATHS = [[SP, CSP], [SCP, AW], ["合作伙伴关系", "全面合作伙伴关系", SP], [CSP, CSCP]]


def synthetic(seed: int = 7, partners: int = 9, per: int = 40) -> list[dict]:
    """Mentions with upgrades, retrospective dates, relapses, 新时代, overlays and mentions of other dyads."""
    rng = random.Random(seed)
    codes = ["PAK", "RUS", "BLR", "KAZ", "EGY", "FRA", "DEU", "VNM", "ZAF", "BRA", "IND"][:partners]
    out = []
    for i, code in enumerate(codes):
        path = PATHS[i % len(PATHS)]
        steps = sorted(date(2000 + rng.randrange(20), rng.randint(1, 12), rng.randint(1, 28)) for _ in path)
        for n in range(per * (3 if i == 0 else 1)):
            d = steps[0] + timedelta(days=rng.randrange((date(2024, 12, 31) - steps[0]).days))
            k = max(j for j, s in enumerate(steps) if s <= d)
            event, ref, r = "mention", None, rng.random()
            if r < 0.1 and k > 0:
                k = rng.randrange(k)
            elif r < 0.2:
                event, ref = "upgrade", steps[k].isoformat() if r < 0.15 else f"{steps[k].year}"
            label = path[k]
            if r > 0.95:
                label = "命运共同体"
            out.append({"sid": f"{code}-{n:03d}", "date": d, "precision": "day" if n % 7 else "month", "partner": code,
                        "label": label, "event": event, "ref": ref, "new_era": d.year >= 2022 and k == len(path) - 1,
                        "party": "CHN" if n % 13 else "RUS", "loose": "全天候" if n % 17 == 0 else ""})
    return out


def put(engine, rows: list[dict], *, command: str = "ingest") -> None:
    """Write statements and mentions as an ingest (or rematch) run would."""
    with session(engine) as s:
        run = MatchRunRow(started_at=now(), finished_at=now(), command=command, lexicon_version="t", lexicon_hash="t",
                          ranking="ladder", match_policy="t", tool_version="t", spacy_version="t", statements=len(rows),
                          mentions=len(rows))
        s.add(run)
        s.flush()
        for r in rows:
            d = r["date"] if r["precision"] == "day" else r["date"].replace(day=1)
            st = StatementRow(external_id=r["sid"], content_hash=r["sid"], date=d, date_precision=r["precision"], lang="zh",
                              title="", source="", url="", speaker="", origin="test", text=r["label"], run_id=run.id)
            s.add(st)
            s.add(MentionRow(statement=st, run_id=run.id, paragraph=0, sentence_index=0, start_char=0,
                             end_char=len(r["label"]), surface=r["label"], sentence=f"{r['sid']} {r['label']}。",
                             label_id="", label_zh=r["label"], tier=TIER[r["label"]], parts="",
                             qualifiers=json.dumps(["新时代"] if r["new_era"] else [], ensure_ascii=False),
                             new_era=r["new_era"], listed=True, kind="community" if r["label"] == "命运共同体" else "partnership",
                             partner=r["partner"], party=r["party"], event=r["event"], ref_date=r["ref"], method="grammar",
                             score=1.0, attribution="sentence", cue="", loose_parts=r["loose"]))


def synthetic_engine(db_url: str):
    """The synthetic database on one backend (the body of the ``engine`` fixtures)."""
    eng = open_db(db_url)
    put(eng, synthetic())
    yield eng
    eng.dispose()


@pytest.fixture
def engine(db_url):
    yield from synthetic_engine(db_url)


@pytest.fixture
def builds(monkeypatch):
    """Which partners the cache had to build from mentions (None: all at once)."""
    seen: list = []
    real = timeline_cache.build_direct

    def spy(engine, **kw):
        seen.append(tuple(kw["partners"]) if kw.get("partners") is not None else None)
        return real(engine, **kw)

    monkeypatch.setattr(timeline_cache, "build_direct", spy)
    return seen


def same_as_built(engine, lex, ranking: str = "ladder", reviewed: bool = False) -> None:
    for n in (1, 3, EVIDENCE_CAP):
        want = build_direct(engine, lex=lex, ranking=ranking, reviewed=reviewed, evidence=n)
        assert timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, evidence=n) == want
        for code in want:
            assert timelines(engine, lex=lex, ranking=ranking, reviewed=reviewed, partners=[code], evidence=n)[code] == want[code]
    for day in (date(2005, 6, 30), date(2016, 1, 1), date(2024, 12, 31)):
        want = [(c, p) for c, tl in build_direct(engine, lex=lex, ranking=ranking, reviewed=reviewed, evidence=1).items()
                if (p := tl.in_force(day)) is not None]
        assert in_force(engine, day, lex=lex, ranking=ranking, reviewed=reviewed) == want


# ---------------------------------------------------------------------------- materialised = built
@pytest.mark.parametrize("ranking", ["ladder", "piie-2014", "adjectival"])
def test_materialised_timelines_equal_build_timeline(engine, lex, ranking):
    tls = build_direct(engine, lex=lex, ranking=ranking, evidence=None)
    assert len(tls) == 9 and any(tl.relapses for tl in tls.values()) and any(tl.overlays for tl in tls.values())
    assert any(p.ref_date for tl in tls.values() for p in tl.periods)
    same_as_built(engine, lex, ranking)
    # history with every piece of evidence is build_timeline over load_facts, exactly
    for code in tls:
        assert history(engine, code, lex=lex, ranking=ranking) == build_timeline(
            load_facts(engine, partner=code), lex=lex, ranking=ranking, partner=code)
    # built straight from the rows (no reviews: no facts but the kept ones) = built from load_facts, cut
    facts = load_facts(engine)
    for n in (1, 3):
        assert build_direct(engine, lex=lex, ranking=ranking, evidence=n) == build_timelines(
            facts, lex=lex, ranking=ranking, evidence=n)


@pytest.mark.parametrize("relapses", [RELAPSE_FACTOR * EVIDENCE_CAP, RELAPSE_FACTOR * EVIDENCE_CAP + 1])
def test_stored_timeline_knows_relapses_were_cut_at_the_cap(db_url, lex, relapses):
    """Known gap of stop 23: the table keeps exactly the cap's relapses, so a stored timeline read
    with --evidence EVIDENCE_CAP could not tell that more were left out (history never printed its
    "more variant lines" note there; 19 and 21 did)."""
    rows = [{"sid": "KAZ-up", "date": date(2010, 5, 5), "precision": "day", "partner": "KAZ", "label": CSP,
             "event": "upgrade", "ref": None, "new_era": False, "party": "CHN", "loose": ""}]
    rows += [{"sid": f"KAZ-{n:03d}", "date": date(2012, 1, 1) + timedelta(days=n), "precision": "day", "partner": "KAZ",
              "label": SP, "event": "mention", "ref": None, "new_era": False, "party": "CHN", "loose": ""}
             for n in range(relapses)]
    eng = open_db(db_url)
    try:
        put(eng, rows)
        built = build_direct(eng, lex=lex, ranking="ladder", evidence=EVIDENCE_CAP)["KAZ"]
        assert built.relapses_cut == (relapses > RELAPSE_FACTOR * EVIDENCE_CAP)
        same_as_built(eng, lex)  # built, then read back from the table
        assert timelines(eng, lex=lex, ranking="ladder", evidence=EVIDENCE_CAP)["KAZ"] == built
    finally:
        eng.dispose()


def test_second_query_is_served_from_the_table(engine, lex, builds):
    first = timelines(engine, lex=lex)
    assert builds == [None]
    assert timelines(engine, lex=lex) == first and history(engine, "PAK", lex=lex, evidence=2).periods
    assert asof(engine, date(2020, 1, 1), lex=lex)
    assert builds == [None]  # nothing rebuilt
    with session(engine) as s:
        assert s.scalar(select(func.count()).select_from(TimelineDyadRow)) == len(first)


def test_one_dyad_asked_first_then_the_rest(engine, lex, builds):
    history(engine, "RUS", lex=lex, evidence=1)
    assert builds == [("RUS",)]
    assert history(engine, "XXX", lex=lex, evidence=1).periods == []  # unknown partner: empty, built once
    upgrades(engine, lex=lex)
    assert builds[-1] is None
    history(engine, "RUS", lex=lex, evidence=1)
    history(engine, "XXX", lex=lex, evidence=1)  # the view is complete: no mentions, nothing to build
    assert len(builds) == 3


def test_new_mentions_rebuild_only_their_dyads(engine, lex, builds):
    timelines(engine, lex=lex)
    put(engine, [{"sid": "new-1", "date": date(2024, 5, 1), "precision": "day", "partner": "FRA", "label": CSCP,
                  "event": "upgrade", "ref": "2024-05-01", "new_era": False, "party": "CHN", "loose": ""},
                 {"sid": "new-2", "date": date(2024, 5, 2), "precision": "day", "partner": "MNG", "label": SP,
                  "event": "mention", "ref": None, "new_era": False, "party": "CHN", "loose": ""}])
    same_as_built(engine, lex)
    assert builds[1] == ("FRA", "MNG")  # the two touched dyads, nothing else
    assert history(engine, "FRA", lex=lex, evidence=1).periods[-1].label_zh == CSCP
    assert "MNG" in timelines(engine, lex=lex)


def test_a_rematch_empties_the_view(engine, lex, builds):
    timelines(engine, lex=lex)
    with session(engine) as s:  # a rematch: mentions replaced, none added
        gone = s.scalars(select(MentionRow.id).where(MentionRow.partner == "BLR")).all()
        s.execute(delete(MentionRow).where(MentionRow.id.in_(gone[:5])))
        s.add(MatchRunRow(started_at=now(), finished_at=now(), command="rematch", lexicon_version="t", lexicon_hash="t",
                          ranking="ladder", match_policy="t", tool_version="t", spacy_version="t", statements=0, mentions=0))
    same_as_built(engine, lex)
    assert builds[1] is None  # everything rebuilt


def test_reviews_apply_and_reviewed_keeps_only_reviewed(engine, lex):
    same_as_built(engine, lex)
    tl = history(engine, "PAK", lex=lex)
    target = tl.periods[-1].evidence[0]
    moved = history(engine, "RUS", lex=lex).periods[0].evidence[0]
    with session(engine) as s:
        pk = {sid: i for sid, i in s.execute(select(StatementRow.external_id, StatementRow.id))}

        def review(m, decision, **kw):
            s.add(ReviewRow(statement_pk=pk[m.statement_id], start_char=m.start, end_char=m.end, decision=decision,
                            machine_label_zh=m.label_zh, machine_partner=m.partner, machine_event=m.event,
                            label_zh=kw.get("label", m.label_zh), partner=kw.get("partner", m.partner),
                            event=kw.get("event", m.event), note="", reviewer="t", reviewed_at=now()))

        review(target, "reject")
        review(moved, "correct", partner="KAZ")
        review(tl.periods[0].evidence[0], "accept")
    after = history(engine, "PAK", lex=lex)
    assert target not in [m for p in after.periods for m in p.evidence]
    assert moved.statement_id in {m.statement_id for m in load_facts(engine, partner="KAZ")}
    assert moved.statement_id not in {m.statement_id for m in load_facts(engine, partner="RUS")}
    same_as_built(engine, lex)
    same_as_built(engine, lex, reviewed=True)
    only = timelines(engine, lex=lex, reviewed=True)
    assert set(only) == {"PAK", "KAZ"}
    assert [p.statements for p in only["PAK"].periods] == [1]
    # built from the rows, the reviewed statements' mentions made facts for the decisions: as from load_facts
    for reviewed in (False, True):
        facts = load_facts(engine, reviewed=reviewed)
        assert build_direct(engine, lex=lex, ranking="ladder", reviewed=reviewed, evidence=2) == {
            c: tl for c, tl in build_timelines(facts, lex=lex, evidence=2).items() if tl.periods or tl.overlays}
        for code in ("PAK", "RUS", "KAZ"):
            assert build_direct(engine, lex=lex, ranking="ladder", reviewed=reviewed, partners=[code])[code] == (
                build_timeline(load_facts(engine, partner=code, reviewed=reviewed), lex=lex, partner=code))


def test_another_lexicon_or_version_rebuilds(engine, lex, builds, monkeypatch):
    timelines(engine, lex=lex)
    other = dataclasses.replace(lex, hash="0" * 64)
    assert timelines(engine, lex=other) == build_direct(engine, lex=other, ranking="ladder", evidence=1)
    with session(engine) as s:
        assert s.scalar(select(TimelineViewRow.lexicon_hash)) == "0" * 64
    monkeypatch.setattr(timeline_cache, "VERSION", "test")
    timelines(engine, lex=lex)
    assert builds == [None, None, None]


def test_without_a_writable_cache_the_answer_is_the_same(engine, lex, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def refuse(*a, **k):
        raise OperationalError("INSERT", {}, Exception("attempt to write a readonly database"))

    monkeypatch.setattr(timeline_cache, "_refresh", refuse)
    want = build_direct(engine, lex=lex, ranking="ladder", evidence=1)
    assert timelines(engine, lex=lex) == want
    assert [c for c, _ in asof(engine, date(2024, 1, 1), lex=lex)] == sorted(c for c, tl in want.items() if tl.periods)
    monkeypatch.undo()
    monkeypatch.setattr(timeline_cache, "_store", lambda *a, **k: False)  # e.g. a concurrent writer won
    assert timelines(engine, lex=lex) == want


def test_compare_and_ladder_read_the_same_timelines(engine, lex):
    tls = build_direct(engine, lex=lex, ranking="ladder", evidence=1)
    cmp = compare(engine, ["PAK", "RUS", "XXX"], lex=lex)
    assert cmp.partners == ["PAK", "RUS", "XXX"] and cmp.years[-1] == 2024
    for y in cmp.years:
        assert cmp.cells[("PAK", y)].period == tls["PAK"].in_force(date(y, 12, 31))
        assert cmp.cells[("XXX", y)].period is None
    assert sum(len(c.changes) for (p, _), c in cmp.cells.items() if p == "PAK") == len(tls["PAK"].periods)
    lad = ladder(engine, lex=lex)
    for y in lad.years:
        held = [tl.in_force(date(y, 12, 31)) for tl in tls.values()]
        assert sum(lad.count(y, r) for r in lad.levels) == sum(p is not None for p in held)
    assert list(lad.levels) == sorted(lad.levels)
