"""Is a service open at a given moment? Europe/London clock, simple weekly rules.

Bank holidays are not modelled (documented in data/contacts.yml): a line is taken as
open on its usual weekday hours.
"""
from datetime import datetime, time
from typing import Optional, Union
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

Hours = Union[str, dict]


def london_now() -> datetime:
    return datetime.now(LONDON)


def _parse(hhmm: str) -> time:
    hours, minutes = hhmm.split(":")
    return time(int(hours), int(minutes))


def is_open(hours: Hours, when: datetime) -> Optional[bool]:
    """True or False, or None when the hours are not published."""
    if hours == "always":
        return True
    if hours == "unknown" or not isinstance(hours, dict):
        return None
    local = when.astimezone(LONDON) if when.tzinfo else when.replace(tzinfo=LONDON)
    if DAYS[local.weekday()] not in hours["days"]:
        return False
    # The closing minute itself is closed: a 23:00 close means 22:59 is the last open minute.
    return _parse(hours["open"]) <= local.time() < _parse(hours["close"])
