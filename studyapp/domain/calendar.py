"""The study calendar: China time, the study day that rolls over at 04:00, and the exam's start.

Every date a candidate or HR sees — "today's" cards, a day's activity, days to the exam — is a
study day in China time: a session at 01:30 still counts as the evening before. Times are kept
in UTC everywhere else; only these functions turn them into days and back.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

CHINA = timezone(timedelta(hours=8))
ROLLOVER_HOUR = 4  # the study day starts at 04:00 China time (20:00 UTC the day before)
EXAM_START = time(9, 0)  # the written exam starts at 09:00 China time on its date


def utc(moment: datetime) -> datetime:
    """The same instant with tzinfo exactly timezone.utc (fsrs insists); naive times refused."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: times in the scheduler must be aware")
    return moment.astimezone(UTC)


def study_day(moment: datetime) -> date:
    """The study day an instant belongs to."""
    return (utc(moment).astimezone(CHINA) - timedelta(hours=ROLLOVER_HOUR)).date()


def day_start(day: date) -> datetime:
    """The instant (UTC) a study day begins: 04:00 China time that day."""
    return datetime(day.year, day.month, day.day, ROLLOVER_HOUR, tzinfo=CHINA).astimezone(UTC)


def exam_at(day: date) -> datetime:
    """The instant (UTC) an exam held on ``day`` starts."""
    return datetime.combine(day, EXAM_START, tzinfo=CHINA).astimezone(UTC)


def days_until(day: date, moment: datetime) -> int:
    """Study days from ``moment``'s day to ``day`` (0 on the day itself)."""
    return (day - study_day(moment)).days
