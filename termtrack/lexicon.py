"""Load, validate and hash the lexicon (labels, rankings, actors).

The lexicon is data: YAML files under ``lexicon/``.  Loading validates every entry and reports
all problems at once with file and line; the matcher refuses to run on an invalid lexicon.
The hash of the files is stored with every match run, so each mention says which lexicon
produced it.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from termtrack.errors import LexiconError
from termtrack.records import NEW_ERA

CORE_ORDER = ("all_weather", "permanent", "comprehensive", "all_round", "strategic", "cooperative", "coordination")
CHINA = "CHN"
_EN_NEW_ERA = (" for a new era", " in the new era", " for the new era")
# China's own names and codes, for a CLI argument that names it (China is no actor: the fixed side of every pair)
CHINA_QUERIES = frozenset({"CHN", "CN", "china", "prc", "people's republic of china", "the people's republic of china",
                           "中国", "中华人民共和国"})


def default_lexicon_dir() -> Path:
    """The lexicon shipped with termtrack: env var, then the installed copy, then the checkout."""
    env = os.environ.get("TERMTRACK_LEXICON")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for cand in (here / "_lexicon", here.parent / "lexicon"):
        if (cand / "labels.yaml").exists():
            return cand
    raise LexiconError(str(here / "_lexicon"), None, None, "no lexicon found (set TERMTRACK_LEXICON)")


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that records the line of every mapping as ``__line__``.

    libyaml's parser when PyYAML has it: ten times faster than the pure-Python one on the
    actor files, and every command loads the lexicon.
    """


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    seen: set[object] = set()
    for key_node, _ in node.value:  # YAML itself would keep the last of two `id:` silently
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (str, int, float, bool)) and key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} in one entry", key_node.start_mark
            )
        seen.add(key)
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Keep dates as strings: the lexicon writes partial dates ("2015-04") that YAML can't type.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Part:
    id: str
    zh: str
    slot: str
    en: tuple[str, ...]
    en_after: tuple[str, ...] = ()
    en_spun: tuple[str, ...] = ()
    canonical: str = ""  # zh written in label_zh (全方位 -> 全面)
    qualifier: str = ""  # qualifier recorded when the canonical differs


@dataclass(frozen=True)
class Qualifier:
    zh: str
    en: tuple[str, ...]
    en_after: tuple[str, ...] = ()
    zh_forms: tuple[str, ...] = ()
    en_tail: tuple[str, ...] = ()  # noun phrases in a tail: "featuring mutual respect" (相互尊重)
    describes: bool = False  # said after the English noun, it describes: "a partnership of strategic significance" is no label


@dataclass(frozen=True)
class Label:
    id: str
    zh: str
    parts: tuple[str, ...]
    tier: str
    kind: str
    en: tuple[str, ...]


@dataclass(frozen=True)
class Actor:
    code: str  # ISO alpha-3 or ORG:…
    en_names: tuple[str, ...]
    zh_names: tuple[str, ...]
    abbr: tuple[str, ...]
    capital_en: str = ""
    capital_zh: str = ""
    metonyms_en: tuple[str, ...] = ()  # other places that stand for the government (a seat, a former capital)
    metonyms_zh: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    includes_china: bool = False
    is_org: bool = False
    relations: int | None = None  # the year the PRC established diplomatic relations (where given)


@dataclass(frozen=True)
class Leader:
    code: str
    role: str
    en: tuple[str, ...]
    zh: tuple[str, ...]
    start: date
    end: date | None

    def in_office(self, when: date, *, slack_days: int = 366) -> bool:
        """In office on a date, with slack: texts name leaders a little before and after."""
        if (self.start - when).days > slack_days:
            return False
        return self.end is None or (when - self.end).days <= slack_days


@dataclass(frozen=True)
class Ranking:
    name: str
    title: str
    source: str
    ranks: dict[str, float]


@dataclass
class Lexicon:
    version: str
    hash: str
    path: str
    parts: dict[str, Part]
    qualifiers: list[Qualifier]
    labels: list[Label]
    tier_rules: list[tuple[frozenset[str], str]]
    not_labels: dict[str, tuple[str, ...]]
    holders: dict[str, list[tuple[str, str]]]  # partner -> [(label_zh, since iso)]
    rankings: dict[str, Ranking]
    default_ranking: str
    actors: dict[str, Actor] = field(default_factory=dict)
    leaders: list[Leader] = field(default_factory=list)
    iso2: dict[str, str] = field(default_factory=dict)  # ISO alpha-2 -> alpha-3, for CLI arguments
    one_holder: dict[str, str] = field(default_factory=dict)  # label_zh -> the one partner that holds it
    names: dict[str, str] = field(init=False, repr=False)  # every name (English case-folded) -> code

    def __post_init__(self) -> None:
        self.names = {}
        for code, a in self.actors.items():  # the first actor listed keeps a shared name
            for n in a.en_names:
                self.names.setdefault(n.casefold(), code)
            for n in a.zh_names:
                self.names.setdefault(n, code)

    # -- labels -------------------------------------------------------------
    @staticmethod
    def canonical_parts(parts: Iterable[str]) -> frozenset[str]:
        """The core parts as labels list them: all-round (全方位) is read as comprehensive (全面)."""
        return frozenset("comprehensive" if p == "all_round" else p for p in parts)

    def label_for_parts(self, parts: frozenset[str], kind: str = "partnership") -> tuple[Label | None, str]:
        """The listed label with exactly these core parts (or None) and the tier the parts give."""
        canon = self.canonical_parts(parts)
        for lab in self.labels:
            if lab.kind == kind and frozenset(lab.parts) == canon:
                return lab, lab.tier
        if kind != "partnership":
            return None, "relation" if kind == "relation" else "community"
        for rule_parts, tier in self.tier_rules:
            if rule_parts <= canon:
                return None, tier
        return None, "partner"

    def label_rows(self, ranking: str | None = None) -> list[dict]:
        """Every listed label with the names a researcher may give it (``label_named``) and its rank.

        ``en`` is the label's own English forms only: the display name ``label_en`` borrows for a label
        with none (战略性合作关系) names another label when typed."""
        return [{"id": lab.id, "label_zh": lab.zh, "kind": lab.kind, "tier": lab.tier,
                 "rank": self.rank(lab.tier, ranking), "en": list(lab.en)}
                for lab in self.labels]

    def label_named(self, name: str) -> tuple[str, bool] | None:
        """(label_zh, new era) for a label as a researcher may type it: its label_zh (simplified or
        traditional), its id, or one of its English forms, with 新时代 / "for a new era" or not; None
        when no listed label has that name."""
        from termtrack.normalise import normalise

        text = normalise(name).text.strip()  # (first: 新時代 is 新时代)
        new_era = text.startswith(NEW_ERA)
        text = text.removeprefix(NEW_ERA)
        for tail in _EN_NEW_ERA:
            if text.casefold().endswith(tail):
                text, new_era = text[:-len(tail)], True
        simple = text.strip()
        words = " ".join(simple.casefold().replace("-", " ").split()).removeprefix("the ").removeprefix("a ")
        for lab in self.labels:
            if simple == lab.zh or words.replace(" ", "_") == lab.id \
                    or words in (" ".join(e.replace("-", " ").split()) for e in lab.en):
                return lab.zh, new_era
        return None

    def label_zh(self, parts: frozenset[str], kind: str = "partnership") -> str:
        """Canonical simplified core: parts in slot order, 全方位 written 全面, 全面伙伴关系 → 全面合作伙伴关系."""
        if kind == "community":
            return "命运共同体"
        canon = set(self.canonical_parts(parts))
        if kind == "partnership" and canon == {"comprehensive"}:
            canon.add("cooperative")
        zh = "".join(self.parts[p].zh for p in CORE_ORDER if p in canon and p != "all_round")
        return zh + ("关系" if kind == "relation" else "伙伴关系")

    def label_en(self, label_zh: str, label: str = "") -> str:
        """An English rendering for display: the listed label's first form, with "for a new era".

        A label listed without English forms of its own (战略性合作关系, which matching must not read
        into English text beside 战略合作关系) takes those of the label with its parts and kind.
        """
        lab = next((x for x in self.labels if x.zh == label_zh and x.en), None)
        if lab is None:
            own = next((x for x in self.labels if x.zh == label_zh), None)
            lab = next((x for x in self.labels if own and x.en and x.kind == own.kind and x.parts == own.parts), None)
        en = lab.en[0] if lab else ""
        if label.startswith("新时代") and en:
            en += " for a new era"
        return en

    def rank(self, tier: str, ranking: str | None = None) -> float | None:
        return self.rankings[ranking or self.default_ranking].ranks.get(tier)

    def one_holder_of(self, label_zh: str, when: date | None = None) -> str | None:
        """The one partner that holds this label (``one_holder`` in labels.yaml), if it did by ``when``
        (to the precision its date is given in: Pakistan's all-weather label from April 2015, not January)."""
        partner = self.one_holder.get(label_zh)
        if partner is None:
            return None
        since = min(s for zh, s in self.holders[partner] if zh == label_zh)
        return partner if when is None or since <= when.isoformat()[:len(since)] else None

    def held_before(self, partner: str, label_zh: str, when: date) -> bool:
        """Whether the pair held the label before ``when``, as precisely as ``since`` is known: a label
        held since "2014-07" (or "2014-07-17") was not held before 2014-07-17; one since "2003" not
        before 2004."""
        day = when.isoformat()
        return any(zh == label_zh and since < day[:len(since)] for zh, since in self.holders.get(partner, ()))

    def holds(self, partner: str, label_zh: str, when: date | None = None) -> bool:
        """Whether the pair holds the label on ``when``, as precisely as ``since`` is known (a label
        held since 2021-11-22 is not held on 2021-06-07; one since "2003" is, all of 2003)."""
        day = None if when is None else when.isoformat()
        for zh, since in self.holders.get(partner, ()):
            if zh == label_zh and (day is None or since <= day[:len(since)]):
                return True
        return False

    # -- actors -------------------------------------------------------------
    def actor(self, code: str) -> Actor | None:
        return self.actors.get(code)

    def closest_actor(self, name: str) -> str | None:
        """The actor whose name is closest to a mistyped one ("Belaru" → "Belarus (BLR)"), if any is close."""
        from rapidfuzz import fuzz, process

        names = {n: code for code, a in self.actors.items() for n in (*a.en_names, *a.zh_names)}
        hit = process.extractOne(name, list(names), scorer=fuzz.WRatio, score_cutoff=85)
        return f"{hit[0]} ({names[hit[0]]})" if hit else None

    def resolve_actor(self, query: str) -> str | None:
        """A country or organisation by ISO code (alpha-3 or alpha-2), English or Chinese name.

        For CLI arguments: Chinese may be traditional (白俄羅斯) or full-width, as in the texts;
        it is folded the way the matcher folds text before it is looked up.  China itself (CHN, CN,
        China, 中国 …) resolves to CHINA, for the caller to refuse as a partner.
        """
        q = " ".join(unicodedata.normalize("NFKC", query).split())
        code = q.upper()
        if code in self.actors:
            return code
        if code in CHINA_QUERIES or q.casefold() in CHINA_QUERIES or (q and _fold_zh(q) in CHINA_QUERIES):
            return CHINA
        if len(q) == 2 and q.isascii() and code in self.iso2:
            return self.iso2[code]
        return self.names.get(q.casefold()) or self.names.get(_fold_zh(q))


def _fold_zh(text: str) -> str:
    """Traditional -> simplified and full-width -> ASCII, as termtrack.normalise does for texts."""
    from termtrack.normalise import normalise

    return normalise(text).text


# ---------------------------------------------------------------------------
# loading and validation


class _Problems:
    """Collects every problem so `lexicon check` can report them all at once."""

    def __init__(self) -> None:
        self.items: list[LexiconError] = []

    def add(self, path: Path | str, line: int | None, field_: str | None, msg: str) -> None:
        self.items.append(LexiconError(str(path), line, field_, msg))


def _read_yaml(path: Path, problems: _Problems) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        message = f"bad YAML: {getattr(exc, 'problem', exc)}"
        context, where = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and where is not None and where.line + 1 != line:
            message += f" ({context} that starts at line {where.line + 1})"  # an unclosed [ or {
        problems.add(path, line, None, message)
    except UnicodeDecodeError as exc:
        problems.add(path, None, None, f"not valid UTF-8: {exc}")
    return None


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "a string"}.get(type(value), type(value).__name__)


def _document(path: Path, problems: _Problems, kind: type) -> Any:
    """A YAML file that must hold a mapping (labels, rankings) or a list (actors); empty if not."""
    data = _read_yaml(path, problems)
    if data is None:
        return kind()
    if not isinstance(data, kind):
        problems.add(path, 1, None, f"expected {_type_name(kind())} at the top level, got {_type_name(data)}")
        return kind()
    return data


# the fields each kind of entry may have (note, guard and surface_zh are for the people who read the
# files): an unknown one is a typo or a note a comma cut in two ("note: a (b, c)" in a flow mapping)
FIELDS = {
    "parts": {"id", "zh", "slot", "en", "en_spun", "en_after", "canonical", "qualifier", "guard"},
    "qualifiers": {"zh", "en", "en_after", "zh_forms", "en_tail", "describes"},
    "labels": {"id", "zh", "parts", "tier", "en", "surface_zh", "note", "one_holder", "kind"},
    "tier_rules": {"parts", "tier"},
    "holders": {"partner", "label", "since", "note"},
    "countries.yaml": {"iso3", "iso2", "relations", "en", "zh", "abbr", "capital", "demonyms", "metonyms"},
    "organisations.yaml": {"code", "en", "zh", "abbr", "includes_china"},
    "leaders.yaml": {"country", "role", "en", "zh", "from", "to"},
}


def _flag(path: Path, problems: _Problems, entry: dict, key: str) -> bool:
    """A true/false field (false when absent); anything else is a problem, read as false."""
    value = entry.get(key, False)
    if not isinstance(value, bool):
        problems.add(path, entry.get("__line__"), key, f"expected true or false, got {value!r}")
        return False
    return value


def _entries(path: Path, problems: _Problems, container: Any, key: str | None = None) -> list[dict]:
    """The mappings listed under ``key`` (or ``container`` itself); anything else is reported, and
    so is a field the entry's kind does not have (FIELDS, with the nearest known name)."""
    value = container if key is None else container.get(key)
    where = container.get("__line__") if isinstance(container, dict) else None
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(path, where, key, f"expected a list, got {_type_name(value)}")
        return []
    out = []
    known = FIELDS.get(key or path.name)
    for i, entry in enumerate(value, 1):
        if isinstance(entry, dict):
            out.append(entry)
            for name in (n for n in entry if known is not None and n != "__line__" and n not in known):
                from rapidfuzz import fuzz, process  # only when there is a problem to report

                near = process.extractOne(str(name), sorted(known), scorer=fuzz.ratio, score_cutoff=70)
                problems.add(path, entry.get("__line__"), str(name),
                             "unknown field" + (f" (did you mean {near[0]!r}?)" if near else f" (known: {', '.join(sorted(known))})"))
        else:
            problems.add(path, where, key, f"entry {i} should be a mapping (key: value), got {entry!r:.60}")
    return out


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _day(value: Any, path: Path, line: int | None, name: str, problems: _Problems) -> date | None:
    """A tenure day (YYYY-MM-DD); None, after reporting it, when missing or not a day."""
    if value in (None, ""):
        problems.add(path, line, name, f"missing '{name}' (a day in office, YYYY-MM-DD)")
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.add(path, line, name, f"not a day (YYYY-MM-DD): {value!r}")
        return None


def _lexicon_hash(files: list[Path]) -> str:
    h = hashlib.sha256()
    for p in files:
        h.update(p.name.encode())
        h.update(b"\x00")
        h.update(p.read_bytes())
        h.update(b"\x00")
    return h.hexdigest()


def lexicon_files(root: Path) -> list[Path]:
    files = [root / "labels.yaml", root / "rankings.yaml"]
    actors = root / "actors"
    if actors.is_dir():
        files += sorted(actors.glob("*.yaml"))
    return files


def check_lexicon(root: Path | str | None = None) -> list[LexiconError]:
    """Every problem in the lexicon, each naming file and line (empty when valid)."""
    try:
        _load(Path(root) if root else default_lexicon_dir())
    except _Invalid as exc:
        return exc.problems
    return []


class _Invalid(Exception):
    def __init__(self, problems: list[LexiconError]) -> None:
        self.problems = problems
        super().__init__(str(problems[0]))


def load_lexicon(root: Path | str | None = None) -> Lexicon:
    """Load and validate; raise the first LexiconError when anything is wrong."""
    try:
        return _load(Path(root) if root else default_lexicon_dir())
    except _Invalid as exc:
        first = exc.problems[0]
        more = len(exc.problems) - 1
        if more:
            first.message += f" (and {more} more problem(s): run `termtrack lexicon check`)"
        raise first from None


@lru_cache(maxsize=8)
def _cached(root: str, digest: str) -> Lexicon:
    return _load_uncached(Path(root))


def _load(root: Path) -> Lexicon:
    files = [p for p in lexicon_files(root) if p.exists()]
    return _cached(str(root), _lexicon_hash(files))


def _load_uncached(root: Path) -> Lexicon:
    problems = _Problems()
    labels_path, rankings_path = root / "labels.yaml", root / "rankings.yaml"
    for p in (labels_path, rankings_path):
        if not p.exists():
            problems.add(p, None, None, "missing lexicon file")
    if problems.items:
        raise _Invalid(problems.items)
    data = _document(labels_path, problems, dict)
    rdata = _document(rankings_path, problems, dict)
    if problems.items:
        raise _Invalid(problems.items)

    parts: dict[str, Part] = {}
    part_lines: dict[str, int] = {}
    for entry in _entries(labels_path, problems, data, "parts"):
        line = entry.get("__line__")
        pid = entry.get("id")
        if not pid or not entry.get("zh"):
            problems.add(labels_path, line, "id" if not pid else "zh", "a part needs id and zh")
            continue
        if pid in parts:
            problems.add(labels_path, line, "id", f"duplicate part id {pid!r} (first at line {part_lines[pid]})")
            continue
        part_lines[pid] = line
        parts[pid] = Part(
            id=pid, zh=entry["zh"], slot=entry.get("slot", ""), en=_strs(entry.get("en")),
            en_after=_strs(entry.get("en_after")), en_spun=_strs(entry.get("en_spun")),
            canonical=entry.get("canonical", ""), qualifier=entry.get("qualifier", ""),
        )
    for needed in CORE_ORDER:
        if needed not in parts:
            problems.add(labels_path, None, "parts", f"core part {needed!r} is missing")

    qualifiers = []
    for entry in _entries(labels_path, problems, data, "qualifiers"):
        if not entry.get("zh"):
            problems.add(labels_path, entry.get("__line__"), "zh", "a qualifier needs zh")
            continue
        describes = _flag(labels_path, problems, entry, "describes")
        qualifiers.append(Qualifier(zh=entry["zh"], en=_strs(entry.get("en")),
                                    en_after=_strs(entry.get("en_after")),
                                    zh_forms=_strs(entry.get("zh_forms")), en_tail=_strs(entry.get("en_tail")),
                                    describes=describes))

    labels: list[Label] = []
    seen_ids: dict[str, int] = {}
    one_holder_lines: dict[str, int] = {}  # label id -> line, for the labels marked one_holder
    for entry in _entries(labels_path, problems, data, "labels"):
        line = entry.get("__line__")
        lid = entry.get("id")
        if not lid or not re.fullmatch(r"[a-z][a-z0-9_]*", str(lid)):
            problems.add(labels_path, line, "id", f"label id must be lower-case ASCII, got {lid!r}")
            continue
        if lid in seen_ids:
            problems.add(labels_path, line, "id", f"duplicate label id {lid!r} (first at line {seen_ids[lid]})")
            continue
        seen_ids[lid] = line
        lparts = _strs(entry.get("parts"))
        for p in lparts:
            if p not in parts:
                problems.add(labels_path, line, "parts", f"unknown part {p!r}")
        if not entry.get("zh"):
            problems.add(labels_path, line, "zh", "missing canonical zh")
        labels.append(Label(id=lid, zh=entry.get("zh", ""), parts=lparts, tier=entry.get("tier", ""),
                            kind=entry.get("kind", "partnership"), en=_strs(entry.get("en"))))
        if _flag(labels_path, problems, entry, "one_holder"):
            one_holder_lines[lid] = line

    tier_rules = []
    for r in _entries(labels_path, problems, data, "tier_rules"):
        if not r.get("tier"):
            problems.add(labels_path, r.get("__line__"), "tier", "a tier rule needs a tier")
            continue
        tier_rules.append((frozenset(_strs(r.get("parts"))), str(r["tier"])))
    nl = data.get("not_labels") or {}
    if not isinstance(nl, dict):
        problems.add(labels_path, None, "not_labels", f"expected a mapping, got {_type_name(nl)}")
        nl = {}
    not_labels = {k: _strs(v) for k, v in nl.items() if k != "__line__"}

    label_by_id = {lab.id: lab for lab in labels}
    holders: dict[str, list[tuple[str, str]]] = defaultdict(list)
    holder_lines: dict[str, int] = {}
    for entry in _entries(labels_path, problems, data, "holders"):
        line = entry.get("__line__")
        lab = label_by_id.get(entry.get("label", ""))
        if lab is None:
            problems.add(labels_path, line, "label", f"unknown label id {entry.get('label')!r}")
            continue
        since = str(entry.get("since", ""))
        if not _ISO_DATE.match(since):
            problems.add(labels_path, line, "since", f"not a date: {since!r}")
            continue
        partner = str(entry.get("partner"))
        holders[partner].append((lab.zh, since))
        holder_lines.setdefault(partner, line)

    one_holder: dict[str, str] = {}  # label_zh -> its one holder
    for lid, line in one_holder_lines.items():
        lab = label_by_id[lid]
        held_by = sorted({p for p, held in holders.items() for zh, _ in held if zh == lab.zh})
        if len(held_by) != 1:
            problems.add(labels_path, line, "one_holder",
                         f"label {lab.id!r} is marked one_holder but `holders` gives it {len(held_by)} partners")
            continue
        one_holder[lab.zh] = held_by[0]

    rankings: dict[str, Ranking] = {}
    all_tiers = {lab.tier for lab in labels} | {t for _, t in tier_rules}
    rmap = rdata.get("rankings") or {}
    if not isinstance(rmap, dict):
        problems.add(rankings_path, None, "rankings", f"expected a mapping, got {_type_name(rmap)}")
        rmap = {}
    for name, r in rmap.items():
        if name == "__line__":
            continue
        if not isinstance(r, dict) or not isinstance(r.get("ranks") or {}, dict):
            problems.add(rankings_path, rmap.get("__line__"), str(name), "a ranking needs title, source and a ranks mapping")
            continue
        ranks = {}
        for k, v in (r.get("ranks") or {}).items():
            if k == "__line__":
                continue
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                problems.add(rankings_path, r["ranks"].get("__line__"), "ranks",
                             f"rank of {k!r} in {name!r} is not a number: {v!r}")
                continue
            ranks[k] = float(v)
        for tier in all_tiers - {"community"}:
            if tier not in ranks:
                problems.add(rankings_path, r.get("__line__"), "ranks", f"ranking {name!r} has no rank for tier {tier!r}")
        rankings[name] = Ranking(name=name, title=r.get("title", name), source=str(r.get("source", "")).strip(), ranks=ranks)
    default_ranking = rdata.get("default", "ladder")
    if default_ranking not in rankings:
        problems.add(rankings_path, None, "default", f"default ranking {default_ranking!r} is not defined")

    actors, leaders, iso2 = _load_actors(root / "actors", problems)
    for partner in holders:
        if actors and partner not in actors:
            problems.add(labels_path, holder_lines[partner], "partner",
                         f"holder {partner!r} is not a known country or organisation")

    if problems.items:
        raise _Invalid(problems.items)
    files = [p for p in lexicon_files(root) if p.exists()]
    lex = Lexicon(
        version=str(data.get("version", "0")), hash=_lexicon_hash(files), path=str(root), parts=parts,
        qualifiers=qualifiers, labels=labels, tier_rules=tier_rules, not_labels=not_labels,
        holders=dict(holders), rankings=rankings, default_ranking=default_ranking, actors=actors,
        leaders=leaders, iso2=iso2, one_holder=one_holder,
    )
    return lex


def _load_actors(folder: Path, problems: _Problems) -> tuple[dict[str, Actor], list[Leader], dict[str, str]]:
    """Countries (CLDR names through babel plus the diplomatic forms the file adds), organisations, leaders."""
    actors: dict[str, Actor] = {}
    leaders: list[Leader] = []
    iso2map: dict[str, str] = {}
    if not folder.is_dir():
        return actors, leaders, iso2map
    from babel import Locale

    en_cldr, zh_cldr = Locale("en").territories, Locale("zh").territories
    cpath = folder / "countries.yaml"
    first_line: dict[str, int] = {}
    for entry in _entries(cpath, problems, _document(cpath, problems, list)) if cpath.exists() else []:
        line = entry.get("__line__")
        code = str(entry.get("iso3", ""))
        if not re.fullmatch(r"[A-Z]{3}", code):
            problems.add(cpath, line, "iso3", f"not an ISO alpha-3 code: {code!r}")
            continue
        if code in first_line:
            problems.add(cpath, line, "iso3", f"duplicate country {code} (first at line {first_line[code]})")
            continue
        first_line[code] = line
        iso2 = str(entry.get("iso2", ""))
        if iso2 not in en_cldr:
            problems.add(cpath, line, "iso2", f"unknown CLDR territory {iso2!r}")
            continue
        iso2map[iso2] = code
        cap = entry.get("capital") or {}
        met = entry.get("metonyms") or {}
        if not isinstance(met, dict):
            problems.add(cpath, line, "metonyms", f"expected {{en: [...], zh: [...]}}, got {_type_name(met)}")
            met = {}
        relations = entry.get("relations")
        if relations is not None and not (isinstance(relations, int) and 1949 <= relations <= date.today().year):
            problems.add(cpath, line, "relations", f"expected a year from 1949 on, got {relations!r}")
            relations = None
        actors[code] = Actor(
            code=code, relations=relations,
            en_names=tuple(dict.fromkeys((en_cldr[iso2], *_strs(entry.get("en"))))),
            zh_names=tuple(dict.fromkeys((zh_cldr.get(iso2, ""), *_strs(entry.get("zh"))))) if iso2 in zh_cldr else _strs(entry.get("zh")),
            abbr=_strs(entry.get("abbr")),
            capital_en=str(cap.get("en", "")), capital_zh=str(cap.get("zh", "")),
            metonyms_en=_strs(met.get("en")), metonyms_zh=_strs(met.get("zh")),
            demonyms=_strs(entry.get("demonyms")),
        )
    opath = folder / "organisations.yaml"
    for entry in _entries(opath, problems, _document(opath, problems, list)) if opath.exists() else []:
        line = entry.get("__line__")
        code = str(entry.get("code", ""))
        if not code.startswith("ORG:"):
            problems.add(opath, line, "code", f"organisation codes start with ORG:, got {code!r}")
            continue
        if code in actors:
            problems.add(opath, line, "code", f"duplicate organisation {code} (first at line {first_line[code]})")
            continue
        first_line[code] = line
        actors[code] = Actor(code=code, en_names=_strs(entry.get("en")), zh_names=_strs(entry.get("zh")),
                             abbr=_strs(entry.get("abbr")), includes_china=bool(entry.get("includes_china")),
                             is_org=True)
    lpath = folder / "leaders.yaml"
    tenures: dict[tuple[str, str], list[tuple[date, date | None, int]]] = defaultdict(list)
    for entry in _entries(lpath, problems, _document(lpath, problems, list)) if lpath.exists() else []:
        line = entry.get("__line__")
        code = str(entry.get("country", ""))
        if code not in actors:
            problems.add(lpath, line, "country", f"unknown country code {code!r}")
            continue
        start = _day(entry.get("from"), lpath, line, "from", problems)
        open_ended = entry.get("to") in (None, "", "null")
        end = None if open_ended else _day(entry.get("to"), lpath, line, "to", problems)
        if start is None or (end is None and not open_ended):
            continue
        if end is not None and end < start:
            problems.add(lpath, line, "to", "tenure ends before it starts")
        role = str(entry.get("role", ""))
        for s, e, other_line in tenures[(code, role)]:
            if start < (e or date.max) and s < (end or date.max):
                problems.add(lpath, line, "from", f"tenure overlaps the {role} of {code} at line {other_line}")
        tenures[(code, role)].append((start, end, line))
        leaders.append(Leader(code=code, role=role, en=_strs(entry.get("en")), zh=_strs(entry.get("zh")), start=start, end=end))
    return actors, leaders, iso2map
