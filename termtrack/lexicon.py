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
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from termtrack.errors import LexiconError

CORE_ORDER = ("all_weather", "permanent", "comprehensive", "all_round", "strategic", "cooperative", "coordination")
CHINA = "CHN"


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


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records the line of every mapping as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
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
    demonyms: tuple[str, ...] = ()
    includes_china: bool = False
    is_org: bool = False


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

    # -- labels -------------------------------------------------------------
    def label_for_parts(self, parts: frozenset[str], kind: str = "partnership") -> tuple[Label | None, str]:
        """The listed label with exactly these core parts (or None) and the tier the parts give."""
        canon = frozenset("comprehensive" if p == "all_round" else p for p in parts)
        for lab in self.labels:
            if lab.kind == kind and frozenset(lab.parts) == canon:
                return lab, lab.tier
        if kind != "partnership":
            return None, "relation" if kind == "relation" else "community"
        for rule_parts, tier in self.tier_rules:
            if rule_parts <= canon:
                return None, tier
        return None, "partner"

    def label_zh(self, parts: frozenset[str], kind: str = "partnership") -> str:
        """Canonical simplified core: parts in slot order, 全方位 written 全面, 全面伙伴关系 → 全面合作伙伴关系."""
        if kind == "community":
            return "命运共同体"
        canon = {"comprehensive" if p == "all_round" else p for p in parts}
        if kind == "partnership" and canon == {"comprehensive"}:
            canon.add("cooperative")
        zh = "".join(self.parts[p].zh for p in CORE_ORDER if p in canon and p != "all_round")
        return zh + ("关系" if kind == "relation" else "伙伴关系")

    def label_en(self, label_zh: str, label: str = "") -> str:
        """An English rendering for display: the listed label's first form, with "for a new era"."""
        lab = next((x for x in self.labels if x.zh == label_zh and x.en), None)
        en = lab.en[0] if lab else ""
        if label.startswith("新时代") and en:
            en += " for a new era"
        return en

    def rank(self, tier: str, ranking: str | None = None) -> float | None:
        return self.rankings[ranking or self.default_ranking].ranks.get(tier)

    def holds(self, partner: str, label_zh: str, when: date | None = None) -> bool:
        for zh, since in self.holders.get(partner, ()):
            if zh == label_zh and (when is None or since[:4] <= f"{when.year:04d}"):
                return True
        return False

    # -- actors -------------------------------------------------------------
    def actor(self, code: str) -> Actor | None:
        return self.actors.get(code)

    def resolve_actor(self, query: str) -> str | None:
        """A country or organisation by ISO code, English or Chinese name (for CLI arguments)."""
        q = query.strip()
        if q.upper() in self.actors:
            return q.upper()
        if q.upper() == CHINA:
            return CHINA
        low = q.casefold()
        for code, a in self.actors.items():
            if low in (n.casefold() for n in a.en_names) or q in a.zh_names:
                return code
            if len(q) == 2 and q.isalpha() and a.is_org is False and code == _iso2_to_3(q.upper(), self):
                return code
        return None


def _iso2_to_3(iso2: str, lex: Lexicon) -> str | None:
    return lex.__dict__.setdefault("_iso2", {}).get(iso2)


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
        problems.add(path, line, None, f"bad YAML: {getattr(exc, 'problem', exc)}")
    except UnicodeDecodeError as exc:
        problems.add(path, None, None, f"not valid UTF-8: {exc}")
    return None


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


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
    data = _read_yaml(labels_path, problems) or {}
    rdata = _read_yaml(rankings_path, problems) or {}
    if problems.items:
        raise _Invalid(problems.items)

    parts: dict[str, Part] = {}
    for entry in data.get("parts") or []:
        line = entry.get("__line__")
        pid = entry.get("id")
        if not pid or not entry.get("zh"):
            problems.add(labels_path, line, "id" if not pid else "zh", "a part needs id and zh")
            continue
        if pid in parts:
            problems.add(labels_path, line, "id", f"duplicate part id {pid!r}")
        parts[pid] = Part(
            id=pid, zh=entry["zh"], slot=entry.get("slot", ""), en=_strs(entry.get("en")),
            en_after=_strs(entry.get("en_after")), en_spun=_strs(entry.get("en_spun")),
            canonical=entry.get("canonical", ""), qualifier=entry.get("qualifier", ""),
        )
    for needed in CORE_ORDER:
        if needed not in parts:
            problems.add(labels_path, None, "parts", f"core part {needed!r} is missing")

    qualifiers = []
    for entry in data.get("qualifiers") or []:
        if not entry.get("zh"):
            problems.add(labels_path, entry.get("__line__"), "zh", "a qualifier needs zh")
            continue
        qualifiers.append(Qualifier(zh=entry["zh"], en=_strs(entry.get("en")),
                                    en_after=_strs(entry.get("en_after")),
                                    zh_forms=_strs(entry.get("zh_forms"))))

    labels: list[Label] = []
    seen_ids: dict[str, int] = {}
    for entry in data.get("labels") or []:
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

    tier_rules = [(frozenset(_strs(r.get("parts"))), r["tier"]) for r in data.get("tier_rules") or []]
    nl = data.get("not_labels") or {}
    not_labels = {k: _strs(v) for k, v in nl.items() if k != "__line__"}

    label_by_id = {lab.id: lab for lab in labels}
    holders: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entry in data.get("holders") or []:
        line = entry.get("__line__")
        lab = label_by_id.get(entry.get("label", ""))
        if lab is None:
            problems.add(labels_path, line, "label", f"unknown label id {entry.get('label')!r}")
            continue
        since = str(entry.get("since", ""))
        if not _ISO_DATE.match(since):
            problems.add(labels_path, line, "since", f"not a date: {since!r}")
            continue
        holders[str(entry.get("partner"))].append((lab.zh, since))

    rankings: dict[str, Ranking] = {}
    all_tiers = {lab.tier for lab in labels} | {t for _, t in tier_rules}
    for name, r in (rdata.get("rankings") or {}).items():
        if name == "__line__":
            continue
        ranks = {k: float(v) for k, v in (r.get("ranks") or {}).items() if k != "__line__"}
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
            problems.add(labels_path, None, "holders", f"holder {partner!r} is not a known country or organisation")

    if problems.items:
        raise _Invalid(problems.items)
    files = [p for p in lexicon_files(root) if p.exists()]
    lex = Lexicon(
        version=str(data.get("version", "0")), hash=_lexicon_hash(files), path=str(root), parts=parts,
        qualifiers=qualifiers, labels=labels, tier_rules=tier_rules, not_labels=not_labels,
        holders=dict(holders), rankings=rankings, default_ranking=default_ranking, actors=actors,
        leaders=leaders,
    )
    lex.__dict__["_iso2"] = iso2
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
    for entry in (_read_yaml(cpath, problems) or []) if cpath.exists() else []:
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
        actors[code] = Actor(
            code=code,
            en_names=tuple(dict.fromkeys((en_cldr[iso2], *_strs(entry.get("en"))))),
            zh_names=tuple(dict.fromkeys((zh_cldr.get(iso2, ""), *_strs(entry.get("zh"))))) if iso2 in zh_cldr else _strs(entry.get("zh")),
            abbr=_strs(entry.get("abbr")),
            capital_en=str(cap.get("en", "")), capital_zh=str(cap.get("zh", "")),
            demonyms=_strs(entry.get("demonyms")),
        )
    opath = folder / "organisations.yaml"
    for entry in (_read_yaml(opath, problems) or []) if opath.exists() else []:
        line = entry.get("__line__")
        code = str(entry.get("code", ""))
        if not code.startswith("ORG:"):
            problems.add(opath, line, "code", f"organisation codes start with ORG:, got {code!r}")
            continue
        if code in actors:
            problems.add(opath, line, "code", f"duplicate organisation {code}")
            continue
        actors[code] = Actor(code=code, en_names=_strs(entry.get("en")), zh_names=_strs(entry.get("zh")),
                             abbr=_strs(entry.get("abbr")), includes_china=bool(entry.get("includes_china")),
                             is_org=True)
    lpath = folder / "leaders.yaml"
    tenures: dict[tuple[str, str], list[tuple[date, date | None, int]]] = defaultdict(list)
    for entry in (_read_yaml(lpath, problems) or []) if lpath.exists() else []:
        line = entry.get("__line__")
        code = str(entry.get("country", ""))
        if code not in actors:
            problems.add(lpath, line, "country", f"unknown country code {code!r}")
            continue
        try:
            start = date.fromisoformat(str(entry.get("from")))
            end = date.fromisoformat(str(entry["to"])) if entry.get("to") not in (None, "", "null") else None
        except ValueError as exc:
            problems.add(lpath, line, "from", f"bad date: {exc}")
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
