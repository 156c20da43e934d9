"""Typed records passed between pipeline stages.

Each stage takes and returns these plain dataclasses, so a stage can be tested alone, run in a
process pool or shipped to a Dask worker unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

MAX_ID_CHARS = 512  # statements.external_id is VARCHAR(512): PostgreSQL refuses a longer id
EVENTS = ("upgrade", "proposal", "mention")  # what a mention says of its label (Mention.event)
DASH = "-–—－"  # what joins the two sides of a written dyad: China-Pakistan, 中国—东盟


def origin_place(origin: str) -> tuple[str, int | None]:
    """A statement's origin ("path:line") as the path and line an error names."""
    path, _, line = origin.rpartition(":")
    return path, int(line) if line.isdigit() else None


@dataclass(frozen=True)
class PartialDate:
    """A date known to a given precision: 'day', 'month' or 'year'."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def first_day(self) -> date:
        """The earliest calendar day the partial date can mean (for sorting and ranges)."""
        return date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)  # type: ignore[arg-type]

    @classmethod
    def from_day(cls, day: date, precision: str) -> PartialDate:
        """The partial date a database row stores as its first day and precision (``first_day``, ``precision``)."""
        return cls(day.year, day.month if precision != "year" else None, day.day if precision == "day" else None)


@dataclass(frozen=True)
class Statement:
    """One dated text as ingested: the unit that is matched and stored."""

    id: str
    date: PartialDate
    text: str
    lang: str
    title: str = ""
    source: str = ""
    url: str = ""
    speaker: str = ""
    origin: str = ""  # "path:line" it was read from, for error messages

    @cached_property
    def content_hash(self) -> str:
        """Identity of the content: re-ingesting the same statement is a no-op.

        Cached (ingest needs it twice: to validate and to store): the fields it hashes are frozen.
        """
        return self._digests[0]

    @cached_property
    def content_key(self) -> bytes:
        """What its mentions depend on (date, language, title, text: not the id), as a digest.

        Two ids with the same content (one page in two scrapes of a site) have the same mentions.
        """
        return self._digests[1]

    @cached_property
    def _digests(self) -> tuple[str, bytes]:
        parts = [part.encode("utf-8") for part in (self.date.iso(), self.lang, self.title, self.text)]
        with_id, without_id = hashlib.sha256(self.id.encode("utf-8") + b"\x00"), hashlib.sha256()
        for part in parts:
            for h in (with_id, without_id):
                h.update(part)
                h.update(b"\x00")
        return with_id.hexdigest(), without_id.digest()


NEW_ERA = "新时代"


def label_key(label_zh: str, new_era: bool) -> str:
    """How timelines, reviews and suggestions name a label: 新时代 in front when it is part of it."""
    return (NEW_ERA if new_era else "") + label_zh


@dataclass(frozen=True)
class LabelSpan:
    """A partnership label found in normalised text (offsets into the normalised string)."""

    start: int
    end: int
    surface: str
    label_zh: str  # canonical simplified core, as in the gold guidelines
    tier: str  # ladder position key used by rankings (e.g. "csp", "all_weather")
    parts: tuple[str, ...]  # core parts in slot order, e.g. ("全天候", "全面", "战略")
    qualifiers: tuple[str, ...] = ()
    new_era: bool = False
    listed: bool = True  # False: a combination of known parts no lexicon entry lists
    label_id: str = ""
    method: str = "grammar"  # exact | grammar | fuzzy
    score: float = 1.0
    kind: str = "partnership"  # partnership | community | relation
    person_noun: bool = False  # "are strategic partners" / 全天候战略伙伴
    dyad: tuple[tuple[str, ...], ...] = ()  # candidate codes of each actor written in or beside the span (中巴, China-X)
    dyad_text: tuple[tuple[int, int], ...] = ()  # offsets of those dyad words


@dataclass(frozen=True)
class ActorSpan:
    """A country, organisation, capital, leader or abbreviation found in normalised text."""

    start: int
    end: int
    surface: str
    codes: tuple[str, ...]  # candidates (ISO alpha-3 or ORG:…); more than one when ambiguous
    kind: str  # name | short | abbrev | side | capital | leader | demonym | org | china


@dataclass(frozen=True)
class Attribution:
    partner: str | None
    party: str  # "CHN" or the other side of a non-China dyad
    how: str  # which rule decided: span, dyad, sentence, context, title, none
    score: float = 1.0


@dataclass(frozen=True)
class EventCall:
    event: str  # upgrade | proposal | mention
    ref_date: PartialDate | None = None
    cue: str = ""
    # an upgrade only if the label is new for the pair at the statement's date (宣布发展…, "agreed to
    # develop …": developing a label the pair has is a mention); the caller, who knows the pair and the
    # lexicon, decides
    if_new: bool = False
    # the label is the rung a raise starts from (classify.raised_from): its date is its own, and its pair
    # the raise's (pipeline._rung_partners); found once, here
    raised_from: bool = False


@dataclass
class Mention:
    """One label mention, traceable to the sentence and offsets that show it."""

    statement_id: str
    date: PartialDate
    lang: str
    sentence_index: int
    start: int  # offsets in the statement's original text
    end: int
    surface: str
    sentence: str
    label_id: str
    label_zh: str
    tier: str
    parts: tuple[str, ...]
    qualifiers: tuple[str, ...]
    new_era: bool
    listed: bool
    kind: str
    partner: str | None
    party: str
    event: str
    ref_date: PartialDate | None
    method: str
    score: float
    attribution: str = ""
    extra: dict = field(default_factory=dict)
