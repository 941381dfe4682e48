"""Dates an editor may write partly ("1996", "2021-08", "2021-08-15"): the first and the last day they can mean.

Knowledge-base roles and background timelines both take partial dates; this is
their one reading, so a role's end and a timeline event's end agree.
"""

from __future__ import annotations

import datetime as dt
import re


def parse_partial(text: str) -> tuple[dt.date, str] | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as (its first day, the text); None when no calendar has it."""
    text = text.strip()
    if re.fullmatch(r"\d{4}", text) and int(text) >= 1:
        return dt.date(int(text), 1, 1), text
    if (match := re.fullmatch(r"(\d{4})-(\d{2})", text)) and int(match[1]) >= 1 and 1 <= int(match[2]) <= 12:
        return dt.date(int(match[1]), int(match[2]), 1), text
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3])), text
        except ValueError:
            return None
    return None  # "2020-13" or "0000" too: no such month or year


def period_end(first: dt.date, label: str) -> dt.date:
    """The last day of the period a partial date names: "2020" -> 31 Dec 2020, "2020-02" -> 29 Feb 2020."""
    if len(label) == 4:
        return dt.date(first.year, 12, 31)
    if len(label) == 7:
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return first


def long_date(value: dt.date | None) -> str:
    """A date as readers expect it: 30 March 2022."""
    return f"{value.day} {value:%B %Y}" if value else ""
