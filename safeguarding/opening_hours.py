"""Is a service open at a given moment? Europe/London clock, simple weekly rules.

Bank holidays are not modelled (documented in data/contacts.yml): a line is taken as
open on its usual weekday hours.
"""
import os
from datetime import datetime, time, timedelta
from typing import Mapping, Optional, Union
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Tests of the running stack set this on the action server (an ISO 8601 time) to see the
# lists given at an hour of their choosing. Never set in service: the hours would be wrong.
FAKE_NOW = "FAKE_NOW"

Hours = Union[str, dict]


def london_now(env: Mapping[str, str] = os.environ) -> datetime:
    fake = env.get(FAKE_NOW)
    return _london(datetime.fromisoformat(fake)) if fake else datetime.now(LONDON)


def _london(when: datetime) -> datetime:
    return when.astimezone(LONDON) if when.tzinfo else when.replace(tzinfo=LONDON)


def _parse(hhmm: str) -> time:
    hours, minutes = hhmm.split(":")
    return time(int(hours), int(minutes))


def is_open(hours: Hours, when: datetime) -> Optional[bool]:
    """True or False, or None when the hours are not published."""
    if hours == "always":
        return True
    if hours == "unknown" or not isinstance(hours, dict):
        return None
    local = _london(when)
    if DAYS[local.weekday()] not in hours["days"]:
        return False
    # The closing minute itself is closed: a 23:00 close means 22:59 is the last open minute.
    return _parse(hours["open"]) <= local.time() < _parse(hours["close"])


def closes_at(hours: Hours, when: datetime) -> Optional[datetime]:
    """When a line open at `when` closes; None for one that never closes (or has no hours)."""
    if not isinstance(hours, dict):
        return None
    local = _london(when)
    return datetime.combine(local.date(), _parse(hours["close"]), LONDON)


def next_opening(hours: Hours, when: datetime) -> Optional[datetime]:
    """When a line closed at `when` opens next (later today, or a day this coming week);
    None for one with no weekly hours."""
    if not isinstance(hours, dict):
        return None
    local = _london(when)
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        opening = datetime.combine(day, _parse(hours["open"]), LONDON)
        if DAYS[day.weekday()] in hours["days"] and opening > local:
            return opening
    return None
