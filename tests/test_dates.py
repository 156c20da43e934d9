"""Golden table for parse_date: what is accepted, at what precision, and what is refused."""

from __future__ import annotations

from datetime import date

import pytest

from termtrack.dates import check_not_future, parse_date

ACCEPTED = [
    # ISO and slashes
    ("2023-02-28", "2023-02-28", "day"),
    ("2023-02", "2023-02", "month"),
    ("2023", "2023", "year"),
    ("2023-2-5", "2023-02-05", "day"),
    ("2023/02/28", "2023-02-28", "day"),
    ("2023/2", "2023-02", "month"),
    ("  2023-02-28\n", "2023-02-28", "day"),
    ("2024-02-29", "2024-02-29", "day"),
    ("1900", "1900", "year"),
    ("2100-12-31", "2100-12-31", "day"),
    # ISO datetimes keep their (local) date part
    ("2023-02-28T10:00:00", "2023-02-28", "day"),
    ("2023-02-28T23:30:00+08:00", "2023-02-28", "day"),
    ("2023-02-28T10:00:00.123Z", "2023-02-28", "day"),
    ("2023-02-28 10:00", "2023-02-28", "day"),
    # English
    ("February 28, 2023", "2023-02-28", "day"),
    ("Feb 28, 2023", "2023-02-28", "day"),
    ("Feb. 28 2023", "2023-02-28", "day"),
    ("Sept 1, 2023", "2023-09-01", "day"),
    ("28 February 2023", "2023-02-28", "day"),
    ("1st March 2023", "2023-03-01", "day"),
    ("february 2023", "2023-02", "month"),
    ("MAY 2023", "2023-05", "month"),
    # Chinese, ASCII and full-width digits
    ("2023年2月28日", "2023-02-28", "day"),
    ("2023年2月28号", "2023-02-28", "day"),
    ("2023年02月", "2023-02", "month"),
    ("2023年", "2023", "year"),
    ("２０２３年２月２８日", "2023-02-28", "day"),
    ("２０２３年２月", "2023-02", "month"),
    ("2023 年 2 月 28 日", "2023-02-28", "day"),
]

REJECTED = [
    ("", "empty date"),
    ("   ", "empty date"),
    ("2023-02-30", "no such day: 2023-02-30"),
    ("2023-02-29", "no such day: 2023-02-29"),
    ("2023-04-31", "no such day"),
    ("2023-02-00", "no such day"),
    ("2023-13", "no such month: 2023-13"),
    ("2023-00-10", "no such month"),
    ("2023年13月", "no such month"),
    ("February 30, 2023", "no such day: 2023-02-30"),
    ("1899", "year 1899 is outside 1900..2100"),
    ("2101-01-01", "outside 1900..2100"),
    ("Febuary 28, 2023", "unknown month name 'Febuary'"),
    ("2023-02-28T25:00:00", "no such time"),
    ("28/02/2023", "unrecognised date format"),
    ("02/28/2023", "unrecognised date format"),
    ("20230228", "unrecognised date format"),
    ("yesterday", "unrecognised date format"),
    ("2023-02-28 and more", "unrecognised date format"),
    ("二〇二三年二月", "unrecognised date format"),
    ("٢٠٢٣", "unrecognised date format"),  # Arabic-Indic digits are not accepted
    ("2023年2月28", "unrecognised date format"),
]


@pytest.mark.parametrize(("text", "iso", "precision"), ACCEPTED)
def test_accepted(text: str, iso: str, precision: str) -> None:
    date = parse_date(text)
    assert (date.iso(), date.precision) == (iso, precision)


@pytest.mark.parametrize(("text", "message"), REJECTED)
def test_rejected(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_date(text)
    assert message in str(info.value)


def test_iso_output_parses_back() -> None:
    """The canonical form written to storage must be readable by the same parser."""
    for text, _, _ in ACCEPTED:
        date = parse_date(text)
        assert parse_date(date.iso()) == date


TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "future"),
    [
        ("2026-11-23", False),
        ("2026-11-24", False),  # a day of slack for time zones east of the machine
        ("2026-11-25", True),
        ("2026-11", False),  # partial dates count from their first day
        ("2026", False),
        ("2026-12", True),
        ("2027", True),
        ("2032-02-28", True),
    ],
)
def test_check_not_future(text: str, future: bool) -> None:
    d = parse_date(text)
    if future:
        with pytest.raises(ValueError, match=f"{text} is in the future \\(today is 2026-11-23\\)"):
            check_not_future(d, today=TODAY)
    else:
        check_not_future(d, today=TODAY)
