"""Console sign-ins in a real SQLite database: sessions that expire and survive a
restart, whose conversations are whose, and failed sign-ins by name and client with
growing delays. Time is a clock moved by hand."""
import sqlite3

import pytest
import sqlalchemy

from frontdoor.sign_ins import FREE_FAILURES, MAX_DELAY_S, SignIns, SignInThrottle, delay_s
from tests.clock import Clock


@pytest.fixture
def db(tmp_path):
    return tmp_path / "tracker.db"


@pytest.fixture
def clock():
    return Clock()


def sign_ins(db, clock, **limits):
    return SignIns(sqlalchemy.create_engine(f"sqlite:///{db}"), clock=clock, **limits)


def test_sessions_end_when_idle_or_too_old(db, clock):
    sessions = sign_ins(db, clock, idle_s=60, max_s=300)
    token = sessions.start("sam", "stamp")
    for _ in range(5):
        clock.now += 50
        assert sessions.get(token).user == "sam"  # kept alive by use...
    clock.now += 51
    assert sessions.get(token) is None  # ...but not past max_s
    idle = sessions.start("sam", "stamp")
    clock.now += 61
    assert sessions.get(idle) is None


def test_a_sign_in_survives_a_restart_and_only_a_hash_of_its_token_is_stored(db, clock):
    token = sign_ins(db, clock).start("sam", "stamp-1")
    after_restart = sign_ins(db, clock)
    assert after_restart.get(token).account_stamp == "stamp-1"
    assert after_restart.get(token + "x") is None and after_restart.get(None) is None
    with sqlite3.connect(db) as connection:
        stored = connection.execute("SELECT token_hash FROM console_sessions").fetchall()
    assert token not in str(stored) and len(stored[0][0]) == 64


def test_sign_out_ends_the_session(db, clock):
    sessions = sign_ins(db, clock)
    token = sessions.start("sam", "stamp")
    sessions.end(token)
    assert sessions.get(token) is None


def test_a_console_conversation_belongs_to_who_started_it(db, clock):
    sessions = sign_ins(db, clock)
    sessions.own("console-abc", "sam")
    assert sign_ins(db, clock).owner("console-abc") == "sam"
    assert sessions.owner("console-xyz") is None


def test_the_delay_grows_after_the_free_tries_up_to_a_ceiling():
    assert [delay_s(n) for n in range(FREE_FAILURES)] == [0.0] * FREE_FAILURES
    assert [delay_s(FREE_FAILURES + n) for n in range(4)] == [2.0, 4.0, 8.0, 16.0]
    assert delay_s(50) == MAX_DELAY_S


def failing(throttle, name, client, times):
    for _ in range(times):
        assert throttle.try_now(name, client) == 0


def test_guessing_a_name_from_one_client_does_not_lock_it_out_elsewhere(db, clock):
    throttle = SignInThrottle(sqlalchemy.create_engine(f"sqlite:///{db}"), clock=clock)
    failing(throttle, "sam", "attacker", FREE_FAILURES)
    assert throttle.try_now("sam", "attacker") == pytest.approx(2.0)
    assert throttle.try_now("Sam", "attacker") == pytest.approx(2.0)  # names ignore case
    assert throttle.try_now("sam", "youth-centre") == 0  # the real worker, elsewhere
    assert throttle.try_now("alex", "attacker") == 0  # another name from the same client
    clock.now += 2
    assert throttle.try_now("sam", "attacker") == 0  # the wait is over: one more try...
    assert throttle.try_now("sam", "attacker") == pytest.approx(4.0)  # ...and the next wait doubles


def test_a_try_in_the_wait_is_not_counted_and_success_clears_it(db, clock):
    throttle = SignInThrottle(sqlalchemy.create_engine(f"sqlite:///{db}"), clock=clock)
    failing(throttle, "sam", "phone", FREE_FAILURES)
    for _ in range(3):
        clock.now += 0.5
        assert throttle.try_now("sam", "phone") > 0  # refused while waiting, and not counted:
    clock.now += 0.5
    assert throttle.try_now("sam", "phone") == 0  # the wait ends 2 s after the last failure
    assert throttle.try_now("sam", "phone") == pytest.approx(4.0)
    throttle.succeeded("sam", "phone")
    failing(throttle, "sam", "phone", FREE_FAILURES)


def test_failures_are_forgotten_after_a_day_and_a_maintainer_can_clear_them(db, clock):
    throttle = SignInThrottle(sqlalchemy.create_engine(f"sqlite:///{db}"), clock=clock)
    failing(throttle, "sam", "phone", FREE_FAILURES)
    clock.now += 3  # one more failure after the first wait
    failing(throttle, "sam", "phone", 1)
    assert throttle.try_now("sam", "phone") > 0
    assert throttle.clear("SAM") == 1
    failing(throttle, "sam", "phone", FREE_FAILURES)
    clock.now += 24 * 3600 + 1
    failing(throttle, "sam", "phone", FREE_FAILURES)
