"""Parse the date forms that statements carry into a PartialDate.

A small, explicit regex parser rather than dateutil: a date that is silently misread puts a
label on the wrong point of a timeline, so anything not in the list below is rejected.

Accepted (surrounding whitespace ignored):

- ISO ``2023-02-28``, ``2023-02``, ``2023``; ``2023/02/28``, ``2023/02``
- ISO datetimes ``2023-02-28T10:00:00``, ``...Z``, ``...+08:00`` (the local date part is kept:
  a statement dated in Beijing time stays on its Beijing day)
- English ``February 28, 2023``, ``Feb 28, 2023``, ``Feb. 28 2023``, ``28 February 2023``,
  ``February 2023`` (month names in any case, ordinal suffixes like ``28th`` allowed)
- Chinese ``2023年2月28日`` (or ``号``), ``2023年2月``, ``2023年``, with ASCII or full-width digits

A statement dated in the future is refused by ``check_not_future`` (readers call it): it is
almost always a typo in the year (2032 for 2023), and a label dated there would silently become
the label "in force" for every later query.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from termtrack.records import PartialDate

MIN_YEAR = 1900
MAX_YEAR = 2100

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# Full-width digits (０-９) are common in Chinese typesetting; map them to ASCII before matching.
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# [0-9] rather than \d throughout: \d would also accept Arabic-Indic and other digit scripts.
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
_SLASH = re.compile(r"([0-9]{4})/([0-9]{1,2})(?:/([0-9]{1,2}))?")
_DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:[.,][0-9]+)?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?",
    re.IGNORECASE,
)
_ORD = r"(?:st|nd|rd|th)?"
_MONTH_DAY_YEAR = re.compile(
    rf"(?P<mon>[A-Za-z]+)\.?\s+(?P<day>[0-9]{{1,2}}){_ORD},?\s+(?P<year>[0-9]{{4}})",
    re.IGNORECASE,
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?P<day>[0-9]{{1,2}}){_ORD}\s+(?P<mon>[A-Za-z]+)\.?,?\s+(?P<year>[0-9]{{4}})",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(r"(?P<mon>[A-Za-z]+)\.?,?\s+(?P<year>[0-9]{4})")
_CHINESE = re.compile(r"([0-9]{4})\s*年(?:\s*([0-9]{1,2})\s*月(?:\s*([0-9]{1,2})\s*[日号號])?)?")

_EXPECTED = "expected e.g. 2023-02-28, 2023-02, February 28, 2023 or 2023年2月28日"


def parse_date(text: str) -> PartialDate:
    """Read one date; raise ValueError with a short message for anything else."""
    s = text.strip().translate(_FULLWIDTH_DIGITS)
    if not s:
        raise ValueError("empty date")

    for pattern in (_ISO, _SLASH, _CHINESE):
        m = pattern.fullmatch(s)
        if m:
            return _checked(*(int(g) if g else None for g in m.groups()))

    m = _DATETIME.fullmatch(s)
    if m:
        hour, minute, second = (int(g) if g else 0 for g in m.group(4, 5, 6))
        if hour > 23 or minute > 59 or second > 60:
            raise ValueError(f"no such time: {m.group(4)}:{m.group(5)}")
        return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))

    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _MONTH_YEAR):
        m = pattern.fullmatch(s)
        if m:
            parts = m.groupdict()
            month = _month_number(parts["mon"])
            day = int(parts["day"]) if parts.get("day") else None
            return _checked(int(parts["year"]), month, day)

    raise ValueError(f"unrecognised date format ({_EXPECTED})")


def _month_number(name: str) -> int:
    try:
        return _MONTHS[name.lower()]
    except KeyError:
        raise ValueError(f"unknown month name {name!r}") from None


def _checked(year: int, month: int | None = None, day: int | None = None) -> PartialDate:
    """Build the PartialDate only if it names a real day (or month, or year) in range."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} is outside {MIN_YEAR}..{MAX_YEAR}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"no such month: {year:04d}-{month:02d}")
    if day is not None:
        assert month is not None  # every pattern with a day also has a month
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"no such day: {year:04d}-{month:02d}-{day:02d}")
    return PartialDate(year, month, day)


# A day of slack: a statement dated "today" in Beijing (UTC+8, or a Pacific partner at UTC+14)
# is still "tomorrow" on a machine west of it.
FUTURE_SLACK = timedelta(days=1)


def check_not_future(d: PartialDate, *, today: date | None = None) -> None:
    """Raise ValueError when the earliest day ``d`` can mean is after today (plus a day's slack).

    A partial date counts from its first day: ``2026`` is not in the future during 2026.
    """
    today = today or date.today()
    if d.first_day() > today + FUTURE_SLACK:
        raise ValueError(f"{d.iso()} is in the future (today is {today.isoformat()}); check the year")
