from datetime import datetime, timezone

import pytest

from safeguarding.opening_hours import FAKE_NOW, LONDON, closes_at, is_open, london_now, next_opening

SAFECALL = {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "open": "09:00", "close": "23:00"}
OFFICE = {"days": ["mon", "tue", "wed", "thu", "fri"], "open": "09:00", "close": "17:00"}


def london(*args):
    return datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    "when, expected",
    [
        (london(2026, 11, 25, 22, 59), True),   # last open minute
        (london(2026, 11, 25, 23, 0), False),   # closing minute is closed
        (london(2026, 11, 25, 8, 59), False),
        (london(2026, 11, 25, 9, 0), True),
        (london(2026, 11, 29, 12, 0), True),    # Sunday: SafeCall opens every day
    ],
)
def test_daily_hours_edges(when, expected):
    assert is_open(SAFECALL, when) is expected


@pytest.mark.parametrize(
    "when, expected",
    [
        (london(2026, 11, 27, 16, 59), True),   # Friday afternoon
        (london(2026, 11, 27, 17, 0), False),
        (london(2026, 11, 28, 12, 0), False),   # Saturday
        (london(2026, 11, 29, 12, 0), False),   # Sunday
        (london(2026, 11, 30, 9, 0), True),     # Monday opening
    ],
)
def test_office_hours_and_weekends(when, expected):
    assert is_open(OFFICE, when) is expected


def test_utc_times_are_read_on_the_london_clock():
    # 22:30 UTC in July is 23:30 in London (BST): SafeCall is closed.
    assert is_open(SAFECALL, datetime(2026, 7, 1, 22, 30, tzinfo=timezone.utc)) is False
    # 22:30 UTC in January is 22:30 in London (GMT): still open.
    assert is_open(SAFECALL, datetime(2026, 1, 7, 22, 30, tzinfo=timezone.utc)) is True


def test_naive_times_are_taken_as_london():
    assert is_open(OFFICE, datetime(2026, 11, 30, 10, 0)) is True


def test_always_and_unknown():
    assert is_open("always", london(2026, 12, 25, 3, 0)) is True
    assert is_open("unknown", london(2026, 12, 25, 3, 0)) is None


def test_london_now_is_on_the_london_clock():
    assert london_now().tzinfo == LONDON


def test_a_fake_now_is_read_as_london_time_unless_it_says_otherwise():
    assert london_now({FAKE_NOW: "2026-11-27T21:30"}) == london(2026, 11, 27, 21, 30)
    assert london_now({FAKE_NOW: "2026-07-01T22:30+00:00"}) == london(2026, 7, 1, 23, 30)  # BST
    assert london_now({}).tzinfo == LONDON


def test_when_an_open_line_closes():
    assert closes_at(SAFECALL, london(2026, 11, 25, 22, 0)) == london(2026, 11, 25, 23, 0)
    assert closes_at("always", london(2026, 11, 25, 22, 0)) is None


@pytest.mark.parametrize("when, opens", [
    (london(2026, 11, 25, 8, 0), london(2026, 11, 25, 9, 0)),    # later today
    (london(2026, 11, 25, 9, 0), london(2026, 11, 26, 9, 0)),    # open now: the next opening is tomorrow's
    (london(2026, 11, 27, 17, 0), london(2026, 11, 30, 9, 0)),   # Friday's close: Monday
    (london(2026, 3, 28, 12, 0), london(2026, 3, 30, 9, 0)),     # over the clocks going forward
])
def test_when_an_office_opens_next(when, opens):
    assert next_opening(OFFICE, when) == opens


def test_no_next_opening_without_weekly_hours_or_any_day():
    assert next_opening("always", london(2026, 11, 25, 8, 0)) is None
    assert next_opening({**OFFICE, "days": []}, london(2026, 11, 25, 8, 0)) is None
