"""The codebook: what every column of every export table means, for a paper's appendix.

``column_descriptions(what)`` gives one table's descriptions (in the table's column order);
``codebook_markdown()`` renders them all as docs/codebook.md, with the tiers and their ranks
read from the shipped lexicon.  Regenerate the file after changing a description, a table's
columns or the lexicon's tiers and rankings::

    python -m termtrack.codebook > docs/codebook.md

Descriptions say what the code that fills each column does (termtrack.export's ``*_records``
functions, termtrack.timeline, termtrack.pipeline, attribute and classify).  A column whose
name means different things in different tables (``start`` is a character offset in mentions
and a date in timeline) has a description per table in ``BY_TABLE``; ``SHARED`` holds the ones
that read the same in every table that has the column.
"""

from __future__ import annotations

import sys

from termtrack.export import COLUMN_TYPES, TABLES

__all__ = ["BY_TABLE", "INTROS", "SHARED", "codebook_markdown", "column_descriptions", "undocumented"]

_TIERS = ("relation, comprehensive_relation, partner, comprehensive_partner, strategic, strategic_cooperative, "
          "csp, cscp, coordination, comprehensive_coordination, all_weather, all_weather_comprehensive, "
          "permanent_comprehensive, community")
_CHANGE = ("How the label came in force, judged under `ranking`: `first` (the pair's first label, no text dates "
           "its establishment), `established` (the pair's first label, a text dates its establishment), `upgrade` "
           "(a higher rank than the label before), `downgrade` (a lower rank: only when a text reports establishing "
           "the lower label), `renaming` (the same rank: words added, such as 新时代, or a change a text reports "
           "between labels the ranking does not tell apart).")
_DATED_BY = ("Where the start date comes from: `text` (a text gives the date of the event: \"established in "
             "2016\", 建立…15周年), `text and statement` (a text gives the year or month, the first statement "
             "within it the day: read the day as \"by then\"), `first statement` (no text dates it: the start is "
             "the first statement that shows the label, and the change happened by then, not necessarily that day).")
_PARTNER = ("The partner's code: ISO 3166-1 alpha-3 for a country (`RUS`, `PAK`), `ORG:…` for a group (`ORG:EU`, "
            "`ORG:ASEAN`, `ORG:AFRICA`, `ORG:ARAB`, `ORG:LATAM`, …), as in lexicon/actors.")
_OFFSET = ("0-based, in Unicode characters (code points, as Python indexes a string) of the statement's original "
           "text as ingested")
_LIST = "A list of strings; ';'-joined in CSV, an empty list (empty cell) when none."

#: descriptions of the columns that mean the same in every table that has them
SHARED: dict[str, str] = {
    "partner": _PARTNER,
    "partner_name": "The partner's English name: the first one the actor lexicon gives for the code (Russia, South Korea, Africa).",
    "label": ("The label as timelines name it: `label_zh` with 新时代 in front when the new-era form is said "
              "(新时代全面战略协作伙伴关系). A new-era form is a label of its own: moving to it is a change."),
    "label_zh": ("The canonical core label in simplified Chinese (战略伙伴关系, 全面战略伙伴关系, 命运共同体, a …关系 label "
                 "as written; the list is in the gold GUIDELINES.md), without qualifiers or 新时代."),
    "label_en": ("An English rendering of the label, for display: the lexicon's first English form of `label_zh`, "
                 "with \"for a new era\" added for a new-era label. Analyse `label_zh` or `label`."),
    "tier": (f"The label's tier, the key a ranking gives a rank to: {_TIERS} (see \"Tiers and ranks\" at the "
             "end)."),
    "rank": ("The tier's rank under `ranking` (lexicon/rankings.yaml): a number, higher is closer; tiers of equal "
             "rank are one rung."),
    "ranking": ("The ranking convention ranks and changes are judged under (`--ranking`): `ladder` (the default), "
                "`piie-2014` or `adjectival`, from lexicon/rankings.yaml. The same in every row of one table."),
    "change": _CHANGE,
    "dated_by": _DATED_BY,
    "first_statement_date": "Date of the earliest statement that shows the label for the pair (ISO, at that statement's precision).",
    "last_statement_date": ("Date of the latest statement that gives the label for the pair: how fresh the evidence is "
                            "(a label last said long before may have changed unseen)."),
    "ref_date": ("The date a text gives for establishing the label: the earliest such date, at the finest precision "
                 "given within it (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). It may be earlier than the first statement. "
                 "Missing when no text dates it."),
    "ref_date_precision": "Precision of `ref_date`: `year`, `month` or `day`. Missing when `ref_date` is.",
    "statements": ("How many independent statements support the label: one remark published twice (same day, "
                   "language and sentence, under two ids) counts once."),
    "statement_date": "Date of that statement (ISO, at its precision).",
    "reviewed": ("`true` when the table was built from reviewed mentions only (`--reviewed`), else `false`: a "
                 "setting of the export, the same in every row, not whether the row was reviewed. Reviewers' "
                 "rejections and corrections are applied either way."),
    "lexicon_version": "Version of the lexicon the table was built with (`version` in lexicon/labels.yaml).",
    "lexicon_hash": ("SHA-256 of the lexicon's files (labels, rankings, actors) the table was built with; "
                     "`termtrack --version` prints the installed one."),
    "tool_version": "Version of termtrack that built the table.",
}

_EVIDENCE = "the period's first piece of evidence: the statement that dates its start (earliest by the date it gives)"

#: per table, the descriptions that are its own (they override SHARED)
BY_TABLE: dict[str, dict[str, str]] = {
    "mentions": {
        "statement_id": "Id of the statement holding the mention, as given in the input's `id` field.",
        "repeat_of": ("When the same text (same date, language, title and text) is stored under more than one id: "
                      "the id of the copy stored first (lowest database key, not necessarily the earliest date). "
                      "Missing for that first copy and for texts stored once: keep the rows where it is missing to "
                      "count each text once."),
        "date": "The statement's date, ISO at its precision (`2016`, `2016-09`, `2016-09-29`).",
        "date_precision": "Precision of `date`: `year`, `month` or `day`.",
        "lang": "Language of the statement: `zh` or `en` (as given in the input, else detected).",
        "paragraph": ("0-based index of the line of the statement holding the mention: the number of line breaks "
                      "before it in the text (blank lines count)."),
        "sentence_index": "0-based index of the sentence within its line (`paragraph`).",
        "start": (f"Character offset where the label's own words begin, {_OFFSET}. A pair written before the "
                  "label (中巴, China-Pakistan) is left out."),
        "end": "Character offset just past the label's last character (exclusive): text[start:end] is `surface`.",
        "surface": "The label as written in the statement (text[start:end]): traditional characters and English as they stand.",
        "sentence": "The sentence holding the mention, as written in the statement.",
        "label_id": ("Id of the lexicon entry matched (`comprehensive_strategic_partnership`); for a combination of "
                     "parts no entry lists, `unlisted:` and its parts joined with '+' (`:community` or `:relation` "
                     "after them for those kinds), and `listed` is false."),
        "rank": ("The tier's rank under `ranking` (lexicon/rankings.yaml), looked up at export: higher is closer. "
                 "Missing for tier `community`, which no ranking ranks."),
        "parts": ("The label's core parts in slot order, joined with '+': `all_weather`, `permanent`, "
                  "`comprehensive`, `all_round` (全方位), `strategic`, `cooperative`, `coordination`. Missing for a "
                  "bare partnership (伙伴关系) and a community (命运共同体), which have none."),
        "qualifiers": ("Words kept apart from the core label, in Chinese also for English text: 新时代, 全方位, "
                       "面向21世纪, 友好, 全天候 when it qualifies a bare partnership, … " + _LIST),
        "new_era": "`true` when 新时代 / \"new era\" is part of the label (`qualifiers` then holds 新时代 too).",
        "listed": "`false` when the parts form a combination no lexicon entry lists (`label_id` `unlisted:…`), else `true`.",
        "kind": ("What sort of label: `partnership` (a …伙伴关系 label), `community` (命运共同体, a community with a "
                 "shared future), `relation` (a …关系 label without 伙伴: 战略互惠关系, 全面战略合作关系)."),
        "partner": (_PARTNER + " Missing when the text does not tell whose label it is (`attribution` `none` or "
                    "`dyad-ambiguous`): a wrong partner is worse than none."),
        "party": ("The other side of the dyad: `CHN` when China is one side (nearly every row), else the code of "
                  "the other side (a Russia–India label: `party` `RUS`, `partner` `IND`)."),
        "tier": (SHARED["tier"] + " A combination no entry lists takes the tier its parts give "
                 "(`tier_rules` in lexicon/labels.yaml)."),
        "event": ("What the sentence says of the label (gold GUIDELINES.md): `upgrade` (established or raised now, "
                  "or reported as established or raised at some time), `proposal` (proposed, wished for or "
                  "planned: not in force), `mention` (referred to as existing)."),
        "ref_date": ("For an `upgrade`, the date the sentence itself gives for the establishment or raise (\"in "
                     "October 2016\", 2016年, 去年 read from the statement's date): `YYYY`, `YYYY-MM` or "
                     "`YYYY-MM-DD`. Missing when the sentence gives none, and for every `proposal` and `mention`."),
        "method": ("How the label was matched: `grammar` (the slot grammar of label parts), `exact` (an English "
                   "form the lexicon lists, word for word), `fuzzy` (a synonym seen in spun or machine-translated "
                   "English, or a misspelt part: lower `score`)."),
        "score": ("Confidence from 0 to 1, rounded to 3 places: the match's score (1.0, lower for `fuzzy`) times, "
                  "when a partner is named, the attribution rule's (1.0 for most `dyad`, `clause`, `pair` and "
                  "`sentence` attributions, down to 0.5 for `one-holder`). A mention with no partner keeps the "
                  "match's score."),
        "attribution": ("The rule that named the partner (termtrack/attribute.py), nearest evidence first: `dyad` "
                        "(a pair written in or beside the label: 中巴, China-Pakistan), `pair` (a pair in the "
                        "sentence, or two others holding it), `subject-pair` (two others as the subject), `clause` "
                        "(the partner named in the label's clause, or each name after 同/\"with\"), `examples` (each "
                        "example of a group the sentence says holds it), `sentence` (the one partner the sentence "
                        "names), `sentence-subject` (the subject the label is said of), `sentence-nearest` (the "
                        "nearest of several before the label), `context` (the preceding sentences), `discourse` "
                        "(earlier in the exchange, for 两国/\"our two countries\"), `title` (the statement's "
                        "title), `one-holder` (the one partner holding that label), `raise` (a rung a raise starts "
                        "from takes the raised label's partner), `dyad-ambiguous` (a written pair whose "
                        "abbreviation nothing resolves: no partner), `none` (nothing decides: no partner)."),
        "cue": ("The words that decided `event` (宣布, 提升为, \"elevated to\", or for English proposals the "
                "matched phrase, which can be long) or the name of the rule (周年/以来, 由…到…, 期待/愿…建立, "
                "from…to…). Missing when none did, as for most `mention`s. A proposal of a label the pair already "
                "held, or 发展/\"develop\" of a label it has, is read as a `mention` but keeps its cue."),
        "loose_parts": ("Top-tier label words (全天候, 永久, all-weather, permanent) the sentence holds outside any "
                        "label, lower-cased and joined with '+' (全天候友谊 beside 全面战略伙伴关系): the parts "
                        "said apart, which is not the combined label. Missing when none."),
        "review": ("A reviewer's decision on this mention (`termtrack review`): `accepted`, `rejected` or "
                   "`corrected`. Missing when nobody reviewed it. The row's other values are the machine's unless "
                   "the export was made with `--reviewed`, which keeps only accepted and corrected mentions, with "
                   "the corrections applied."),
        "reviewer": "Who made that decision (`--reviewer` of `review import` or `review next`). Missing when none or unnamed.",
        "title": "The statement's title, as given in the input. Missing when none.",
        "source": "The statement's source, as given in the input. Missing when none.",
        "url": "The statement's URL, as given in the input. Missing when none.",
        "run_id": ("Id of the match run (an `ingest` or `rematch`: the database's match_runs table) that stored "
                   "the mention; the next columns give its lexicon and tool."),
        "lexicon_version": ("Version of the lexicon the mention was matched with (its run's), which can differ "
                            "from the lexicon in use at export; export warns of a mix."),
        "lexicon_hash": "SHA-256 of the lexicon's files the mention was matched with (its run's).",
        "ranking": ("The ranking `rank` is looked up under: the export's `--ranking` (default `ladder`), not a "
                    "setting of the match run. The same in every row."),
        "tool_version": "Version of termtrack that matched the mention (its run's).",
    },
    "timeline": {
        "party": "Always `CHN`: timelines are China's, one per partner.",
        "start": ("When the label came in force: the date a text gives for establishing it, else the first "
                  "statement that shows it (see `dated_by`); ISO at its precision."),
        "start_precision": "Precision of `start`: `year`, `month` or `day`.",
        "end": ("When the pair's next label came in force (its `start`): the period ends there, exclusive. Missing "
                "for the label in force at the end of the evidence. Equal to `start` for a label known only as the "
                "one a dated raise started from (从A提升为B: A held before the raise, since when no text says)."),
        "last_statement_date": SHARED["last_statement_date"] + " It may fall after `end`.",
        "end_precision": "Precision of `end`: `year`, `month` or `day`. Missing when `end` is.",
        "mentions": ("How many mentions support the label, every one counted (copies of one text under two ids "
                     "included)."),
        "evidence_statement_id": f"Id of the statement of {_EVIDENCE}.",
        "evidence_date": ("Date of that statement (ISO, at its precision). Later than `start` when its sentence "
                          "dates the label earlier (\"established in 2013\")."),
        "evidence_sentence": "The sentence of that evidence, as written in the statement.",
        "evidence_surface": ("The label as written in that sentence: it may be a noun form (战略合作伙伴) or "
                             "English."),
        "evidence_start": f"Character offset where `evidence_surface` begins in that statement, {_OFFSET}.",
        "evidence_end": "Character offset just past `evidence_surface` (exclusive).",
        "parts_apart": ("For an all-weather label only: the top-tier words (全天候, all-weather, …) that the first "
                        "statement before `start` to hold them said outside any label, joined with '/': the "
                        "parts said apart before the combined label (Belarus 2016). Missing when none."),
        "parts_apart_statement_id": "Id of that statement. Missing when `parts_apart` is.",
        "parts_apart_date": "Date of that statement (ISO, at its precision). Missing when `parts_apart` is.",
        "parts_apart_sentence": "The sentence that holds the parts apart. Missing when `parts_apart` is.",
    },
    "upgrades": {
        "date": "When the change happened: the new label's start (see `dated_by`), ISO at its precision.",
        "date_precision": "Precision of `date`: `year`, `month` or `day`.",
        "dated_by": _DATED_BY.replace("the start date", "`date`"),
        "change": ("`established`, `upgrade`, `downgrade` or `renaming`, as in the timeline table. A pair's first "
                   "label is a row only when a text dates its establishment (`established`)."),
        "from_label": "The label in force before (`label` of the timeline table). Missing for `established`.",
        "to_label": "The new label (`label` of the timeline table: with 新时代 when part of it).",
        "to_label_en": ("An English rendering of `to_label`, for display: the lexicon's first English form, with "
                        "\"for a new era\" added for a new-era label."),
        "from_rank": "Rank of `from_label` under `ranking`. Missing for `established`.",
        "to_rank": "Rank of `to_label` under `ranking`.",
        "first_statement_date": "Date of the earliest statement that shows the new label (ISO, at its precision).",
        "ref_date": SHARED["ref_date"].replace("the label", "the new label", 1),
        "statements": SHARED["statements"].replace("the label", "the new label"),
        "statement_id": "Id of the statement that shows the change: the new label's first piece of evidence, the one that dates it.",
        "sentence": "The sentence of that evidence, as written in the statement.",
    },
    "asof": {
        "asof": "The day asked about (`YYYY-MM-DD`): each row is a partner's label in force on that day.",
        "since": "When the label in force came in force (its `start` in the timeline table), ISO at its precision.",
        "since_precision": "Precision of `since`: `year`, `month` or `day`.",
        "ref_date": (SHARED["ref_date"] + " This table has no precision column for it: `YYYY` is a year, "
                     "`YYYY-MM` a month."),
        "statement_id": f"Id of the statement of {_EVIDENCE}.",
        "sentence": "The sentence of that evidence, as written in the statement.",
    },
    "compare": {
        "year": "The calendar year: the label is the one in force on 31 December.",
        "label": SHARED["label"] + " The one in force on 31 December; missing when the pair had none yet.",
        "label_en": ("An English rendering of `label`, for display: the lexicon's first English form, with \"for a "
                     "new era\" added for a new-era label. Missing when `label` is."),
        "rank": "The label's rank under `ranking` (higher is closer). Missing when `label` is.",
        "since": ("When that label came in force (its `start` in the timeline table), ISO at its precision. "
                  "Missing when `label` is."),
        "changes": ("Every label that came in force during the year, as \"CHANGE START LABEL\" "
                    "(`upgrade 2015-04-20 全天候战略合作伙伴关系`), CHANGE as the timeline table's `change`. " + _LIST),
        "statement_id": "Id of the statement of the in-force label's first piece of evidence. Missing when `label` is.",
    },
    "ladder": {
        "year": "The calendar year: holders are counted on 31 December.",
        "rank": ("The rung's rank under `ranking`. Every rank some partner holds in some year of the table has a "
                 "row in every year."),
        "rung": ("A short English name of the rung: the English of its tiers' labels without the word "
                 "\"partnership\", joined with ' / ' (with more than three, the first and \"(+N more)\"); "
                 "\"relationship (no partnership)\" for the …关系 tiers."),
        "partners": "How many partners hold the rung on 31 December of `year` (0 when none).",
        "holders": "Codes of those partners, sorted. " + _LIST,
    },
    "variants": {
        "party": "Always `CHN`: timelines are China's, one per partner.",
        "kind": ("Why the row changed no label: `overlay` (a community with a shared future laid over the "
                 "partnership), `proposal` (proposed, not in force), `early` (said before the date a text gives "
                 "for establishing it), `noun` (said of the partner: …伙伴, \"partners\"), `title` (inside a "
                 "title in 《》), `rung` (the label a raise starts from), `older` (a label the pair held before), "
                 "`family` (a …伙伴关系 label beside a …关系 one in force, or the reverse, not reported as an "
                 "event), `english` (English wording where Chinese texts give the label in force: translation "
                 "drift), `wording` (another, shorter or lower wording beside the label in force)."),
        "label": "The label said (`label_zh` with 新时代 in front when part of it).",
        "label_in_force": ("The label in force (`label` of the timeline table) on the statement's date. Missing "
                           "for an overlay and for a saying before the pair's first label."),
        "since": "For an overlay: when the community came in force, ISO at its precision. Missing for every other kind.",
        "statement_id": "Id of the statement that says it (for an overlay: the one of its first piece of evidence).",
        "lang": "Language of that statement: `zh` or `en`.",
        "surface": "The label as written in the statement.",
        "sentence": "The sentence that says it, as written in the statement.",
        "start_char": f"Character offset where `surface` begins in the statement, {_OFFSET}.",
        "end_char": "Character offset just past `surface` (exclusive).",
        "statements": SHARED["statements"].replace("the label", "the overlay") + " Missing for every other kind.",
        "note": "Why it changed no label, in words (generated from `kind`).",
    },
}

#: one paragraph per table: what a row is and which commands write it
INTROS: dict[str, str] = {
    "mentions": ("One row per label mention: a label said in a sentence of a statement, with its partner and "
                 "event, as matched, with the review decision on it (`--reviewed`: reviewed mentions only, corrections "
                 "applied). `termtrack export mentions`, "
                 "`termtrack mentions --format csv|json`."),
    "timeline": ("One row per label period of a China–partner dyad: the label in force from `start` to `end`, "
                 "citing its first evidence. Built from all mentions, reviewers' decisions applied. `termtrack "
                 "export timeline`, `termtrack history --format csv|json`, `termtrack compare --by period`."),
    "upgrades": ("One row per label change of any partner (upgrade, downgrade, renaming, a dated "
                 "establishment), oldest first, citing the statement that shows it. `termtrack export upgrades`, "
                 "`termtrack upgrades --format csv|json`."),
    "asof": ("One row per partner: the label in force on a day, citing the statement that dates it. "
             "`termtrack asof DATE --format csv|json`."),
    "compare": ("One row per partner per year: the label in force on 31 December and the changes during the "
                "year. `termtrack compare A B … --format csv|json`."),
    "ladder": ("One row per year and rung of the ranking: how many partners hold it on 31 December, and which. "
               "`termtrack ladder --format csv|json`."),
    "variants": ("One row per saying that changed no label (with why, in `kind` and `note`) and per community "
                 "laid over the partnership (`kind` `overlay`). `termtrack export variants`."),
}

_TYPE_NAMES = {"string": "text", "Int64": "integer", "Float64": "number", "boolean": "boolean",
               "object": "list of text"}


def column_descriptions(what: str) -> dict[str, str]:
    """Column -> description for one table of ``termtrack.export.TABLES``, in the table's column order.

    A column with no description (one added to the table and not yet here) is left out:
    ``undocumented()`` names them, and the tests fail on any.
    """
    if what not in TABLES:
        raise KeyError(f"unknown table {what!r} (one of: {', '.join(TABLES)})")
    own = BY_TABLE.get(what, {})
    return {c: own.get(c) or SHARED[c] for c in TABLES[what] if c in own or c in SHARED}


def undocumented() -> dict[str, list[str]]:
    """The columns of each table that have no description (empty when every one has)."""
    out = {}
    for what, cols in TABLES.items():
        have = column_descriptions(what)
        if missing := [c for c in cols if c not in have]:
            out[what] = missing
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _tiers_section() -> list[str]:
    """Tiers, their listed labels and their rank under each ranking, from the shipped lexicon."""
    from termtrack.lexicon import load_lexicon

    lex = load_lexicon()
    names = list(lex.rankings)
    tiers = list(dict.fromkeys([*(lab.tier for lab in lex.labels),
                                *(t for r in lex.rankings.values() for t in r.ranks)]))
    tiers.sort(key=lambda t: (lex.rank(t, lex.default_ranking) is None, lex.rank(t, lex.default_ranking) or 0))
    out = ["## Tiers and ranks", "",
           f"The tiers of lexicon version {lex.version}, the labels it lists for each, and each tier's rank "
           "under every ranking of lexicon/rankings.yaml (default: "
           f"`{lex.default_ranking}`). Beijing publishes no ranking: each is a scholar's reading, and exports "
           "record the one used (`ranking`). A combination of parts no entry lists takes the tier of the "
           "highest rule its parts meet (`tier_rules` in lexicon/labels.yaml).", "",
           "| tier | labels | " + " | ".join(names) + " |",
           "| --- | --- | " + " | ".join("---" for _ in names) + " |"]
    for t in tiers:
        labels = ", ".join(dict.fromkeys(lab.zh for lab in lex.labels if lab.tier == t))
        ranks = [lex.rank(t, n) for n in names]
        out.append(f"| `{t}` | {labels} | " + " | ".join("" if r is None else f"{r:g}" for r in ranks) + " |")
    out += ["", "`community` has no rank in any ranking: a community with a shared future is laid over a "
            "partnership, not a rung of the ladder."]
    return out


def codebook_markdown() -> str:
    """docs/codebook.md: one section per table, a row per column (column | type | meaning)."""
    lines = [
        "# termtrack export codebook",
        "",
        "<!-- Generated from termtrack/codebook.py: python -m termtrack.codebook > docs/codebook.md -->",
        "",
        "What every column of termtrack's tables means. The tables are long and tidy, with a fixed column "
        "order (`termtrack.export.TABLES`); `termtrack.export.read_export(path)` reads a CSV, JSONL or "
        "Parquet export back with the types below (`termtrack.export.COLUMN_TYPES`).",
        "",
        "- **Types**: text (pandas `string`), integer (`Int64`), number (`Float64`), boolean (`boolean`), "
        "list of text (`object` holding lists; in CSV the items are joined with ';').",
        "- **Missing values**: an empty cell in CSV, `null` in JSONL and Parquet. Empty text is written as "
        "missing.",
        "- **Dates** are ISO strings at the precision the evidence gives: `2016`, `2016-09` or `2016-09-29`, "
        "so one column can mix precisions; a `*_precision` column (`year`, `month`, `day`) stands beside most. "
        "`pd.to_datetime(col, format=\"ISO8601\")` reads a year or month as its first day.",
        "- **Codes**: partners are ISO 3166-1 alpha-3 codes, or `ORG:…` for groups; China is `CHN`.",
        "- **Provenance**: cite the `tool_version`, `lexicon_version` and `lexicon_hash` an export records. "
        "Parquet files also hold them, with the ranking and `reviewed`, under the metadata key `termtrack`.",
        "",
    ]
    for what, cols in TABLES.items():
        desc = column_descriptions(what)
        lines += [f"## {what}", "", INTROS.get(what, ""), "", "| column | type | meaning |", "| --- | --- | --- |"]
        for c in cols:
            dtype = COLUMN_TYPES[what].get(c, "")
            kind = _TYPE_NAMES.get(dtype, dtype)
            lines.append(f"| `{c}` | {kind} | {_cell(desc.get(c, '*(not documented)*'))} |")
        lines.append("")
    lines += _tiers_section()
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(codebook_markdown())
