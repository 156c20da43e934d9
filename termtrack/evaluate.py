"""Score the pipeline against gold sentences (the format of ../shared/gold/dev.jsonl).

Each gold record becomes one statement: its context sentences joined to the sentence (no
separator in Chinese, a space in English), so attribution can use the context; only mentions
starting inside the sentence are scored.  Pairs are (label_zh, partner) multisets per sentence,
as in the shared scorer; event and ref_date accuracy are measured on matched pairs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from termtrack.dates import parse_date
from termtrack.errors import InputError
from termtrack.lexicon import CHINA, Lexicon, load_lexicon
from termtrack.pipeline import extract
from termtrack.readers import json_line
from termtrack.records import EVENTS, PartialDate, Statement

ALIASES = {"ORG:AU": "ORG:AFRICA", "ORG:CELAC": "ORG:LATAM"}


def _partner(p) -> str | None:
    if p in (None, "", "null", "None"):
        return None
    p = str(p).upper()
    return ALIASES.get(p, p)


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: list, pred: list) -> None:
        g, p = Counter(gold), Counter(pred)
        tp = sum((g & p).values())
        self.tp += tp
        self.fp += sum(p.values()) - tp
        self.fn += sum(g.values()) - tp

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class LangResult:
    pair: Scores = field(default_factory=Scores)
    label: Scores = field(default_factory=Scores)
    partner: Scores = field(default_factory=Scores)
    event_n: int = 0
    event_ok: int = 0
    ref_n: int = 0
    ref_ok: int = 0
    sentences: int = 0


@dataclass
class Result:
    langs: dict[str, LangResult]
    nonchina_to_china: int
    errors: list[dict]

    def summary(self) -> dict:
        out: dict = {}
        for lang, r in sorted(self.langs.items()):
            for key in ("pair", "label", "partner"):
                s: Scores = getattr(r, key)
                out[f"{lang}_{key}_p"] = round(s.precision, 3)
                out[f"{lang}_{key}_r"] = round(s.recall, 3)
                out[f"{lang}_{key}_f1"] = round(s.f1, 3)
            out[f"{lang}_event_acc"] = round(r.event_ok / r.event_n, 3) if r.event_n else None
            out[f"{lang}_ref_date_acc"] = round(r.ref_ok / r.ref_n, 3) if r.ref_n else None
            out[f"{lang}_sentences"] = r.sentences
        out["nonchina_attributed_to_china"] = self.nonchina_to_china
        return out


def load_gold(path: Path | str) -> list[dict]:
    """The gold records, each checked (types, language, a real date, mentions as objects with
    label_zh and partner); the first problem is one error naming the line and field."""
    rows = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    rows.append(_gold_record(str(path), n, line))
    except UnicodeDecodeError:
        raise InputError(str(path), None, None, "not valid UTF-8") from None
    except OSError as exc:
        raise InputError(str(path), None, None, f"cannot read: {(exc.strerror or str(exc)).lower()}") from None
    return rows


def _gold_record(path: str, n: int, line: str) -> dict:
    def bad(key: str | None, message: str) -> InputError:
        return InputError(path, n, key, message)

    row = json_line(path, n, line)
    if not isinstance(row, dict):
        raise bad(None, "expected a JSON object")
    for key in ("id", "lang", "date", "text", "mentions"):
        if key not in row:
            raise bad(key, "missing field")
    for key in ("id", "text", "date"):
        if not isinstance(row[key], str):
            raise bad(key, "expected a string")
    if row["lang"] not in ("zh", "en"):
        raise bad("lang", f"expected zh or en, got {row['lang']!r}")
    try:
        row["date"] = parse_date(row["date"]).iso()
    except ValueError as exc:
        raise bad("date", f"bad date {row['date']!r}: {exc}") from None
    context = row.get("context_before") or []
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise bad("context_before", "expected a list of strings")
    if not isinstance(row.get("title", ""), str):
        raise bad("title", "expected a string")
    if not isinstance(row["mentions"], list):
        raise bad("mentions", "expected a list of mentions")
    for k, m in enumerate(row["mentions"], 1):
        if not isinstance(m, dict):
            raise bad("mentions", f"mention {k}: expected an object")
        for key in ("label_zh", "partner"):
            if key not in m:
                raise bad("mentions", f"mention {k}: missing {key}")
        if not isinstance(m["label_zh"], str) or not (m["partner"] is None or isinstance(m["partner"], str)):
            raise bad("mentions", f"mention {k}: label_zh must be a string and partner a string or null")
        if m.get("event") not in (None, *EVENTS):
            raise bad("mentions", f"mention {k}: event must be upgrade, proposal or mention, got {m['event']!r}")
    return row


def evaluate(path: Path | str, *, lexicon: Lexicon | None = None) -> Result:
    lex = lexicon or load_lexicon()
    langs: dict[str, LangResult] = {}
    errors: list[dict] = []
    nonchina = 0
    for g in load_gold(path):
        sep = "" if g["lang"] == "zh" else " "
        prefix = sep.join(g.get("context_before") or [])
        if prefix:
            prefix += sep
        text = prefix + g["text"]
        lo, hi = len(prefix), len(text)
        stmt = Statement(id=g["id"], date=PartialDate.from_iso(g["date"]), text=text, lang=g["lang"], title=g.get("title", ""))
        pred = [m for m in extract(stmt, lex) if lo <= m.start < hi]
        r = langs.setdefault(g["lang"], LangResult())
        r.sentences += 1
        gm = [(x["label_zh"], _partner(x["partner"])) for x in g["mentions"]]
        pm = [(m.label_zh, _partner(m.partner)) for m in pred]
        r.pair.add(gm, pm)
        r.label.add([x[0] for x in gm], [x[0] for x in pm])
        r.partner.add([x[1] for x in gm], [x[1] for x in pm])
        used: set[int] = set()
        for x in g["mentions"]:
            for i, m in enumerate(pred):
                if i in used or (m.label_zh, _partner(m.partner)) != (x["label_zh"], _partner(x["partner"])):
                    continue
                used.add(i)
                r.event_n += 1
                r.event_ok += m.event == x.get("event")
                if x.get("event") == "upgrade" or x.get("ref_date"):
                    r.ref_n += 1
                    r.ref_ok += (m.ref_date.iso() if m.ref_date else None) == x.get("ref_date")
                break
        gold_nonchina = {x["label_zh"] for x in g["mentions"] if x.get("party", CHINA) != CHINA}
        nonchina += sum(1 for m in pred if m.party == CHINA and m.label_zh in gold_nonchina)
        wrong_events = [(m.label_zh, m.event, x.get("event")) for x in g["mentions"] for m in pred
                        if (m.label_zh, _partner(m.partner)) == (x["label_zh"], _partner(x["partner"])) and m.event != x.get("event")]
        if Counter(gm) != Counter(pm) or wrong_events:
            errors.append({"id": g["id"], "lang": g["lang"], "text": g["text"],
                           "false_negatives": sorted(map(str, (Counter(gm) - Counter(pm)).elements())),
                           "false_positives": sorted(map(str, (Counter(pm) - Counter(gm)).elements())),
                           "wrong_events": wrong_events})
    return Result(langs=langs, nonchina_to_china=nonchina, errors=errors)


def render(res: Result, console, *, errors: bool = False) -> None:
    from rich.table import Table

    t = Table(title="Extraction accuracy")
    for c in ("lang", "sentences", "pair P", "pair R", "pair F1", "label F1", "partner F1", "event acc", "ref_date acc"):
        t.add_column(c)
    for lang, r in sorted(res.langs.items()):
        t.add_row(lang, str(r.sentences), f"{r.pair.precision:.3f}", f"{r.pair.recall:.3f}", f"{r.pair.f1:.3f}",
                  f"{r.label.f1:.3f}", f"{r.partner.f1:.3f}",
                  f"{r.event_ok / r.event_n:.3f}" if r.event_n else "—", f"{r.ref_ok / r.ref_n:.3f}" if r.ref_n else "—")
    console.print(t)
    console.print(f"non-China dyads attributed to China: {res.nonchina_to_china}")
    if errors:
        for e in res.errors:
            console.print(f"[bold]{e['id']}[/bold] {e['lang']} {e['text'][:200]}", markup=True, highlight=False)
            if e["false_negatives"]:
                console.print(f"   missed: {', '.join(e['false_negatives'])}", markup=False)
            if e["false_positives"]:
                console.print(f"   extra:  {', '.join(e['false_positives'])}", markup=False)
            for lab, got, want in e["wrong_events"]:
                console.print(f"   event:  {lab} {got} (gold {want})", markup=False)
