"""Staff accounts (bcrypt hashes, owner-only file), sessions that expire, sign-in throttling."""
import json
import stat

import pytest

from frontdoor.staff import AccountError, Accounts, Sessions, SignInThrottle
from tests.clock import Clock

PASSWORD = "a long enough password"


@pytest.fixture
def accounts(tmp_path):
    return Accounts(tmp_path / "var" / "console_accounts.json")


def test_no_file_means_no_accounts(accounts):
    assert not accounts.any()
    assert not accounts.verify("anyone", PASSWORD)


def test_an_account_is_stored_hashed_in_an_owner_only_file(accounts):
    accounts.add("sam", PASSWORD)
    stored = json.loads(accounts.path.read_text())["accounts"]["sam"]
    assert stored.startswith("$2b$") and PASSWORD not in accounts.path.read_text()
    assert stat.S_IMODE(accounts.path.stat().st_mode) == 0o600
    assert accounts.verify("sam", PASSWORD)
    assert not accounts.verify("sam", PASSWORD + "x")
    assert not accounts.verify("alex", PASSWORD)


def test_remove_and_list(accounts):
    accounts.add("sam", PASSWORD)
    accounts.add("alex", PASSWORD)
    assert accounts.names() == ["alex", "sam"]
    assert accounts.remove("sam") and not accounts.remove("sam")
    assert accounts.names() == ["alex"]


@pytest.mark.parametrize("name, password", [("sam", "short"), ("Sam Smith", PASSWORD), ("", PASSWORD)])
def test_weak_passwords_and_odd_names_are_refused(accounts, name, password):
    with pytest.raises(AccountError):
        accounts.add(name, password)
    assert not accounts.any()


def test_sessions_end_when_idle_or_too_old():
    clock = Clock()
    sessions = Sessions(idle_s=60, max_s=300, clock=clock)
    token = sessions.start("sam")
    for _ in range(5):
        clock.now += 50
        assert sessions.get(token).user == "sam"  # kept alive by use...
    clock.now += 51
    assert sessions.get(token) is None  # ...but not past max_s
    idle = sessions.start("sam")
    clock.now += 61
    assert sessions.get(idle) is None


def test_sign_out_ends_the_session():
    sessions = Sessions()
    token = sessions.start("sam")
    sessions.end(token)
    assert sessions.get(token) is None and sessions.get(None) is None


def test_sign_in_attempts_are_limited_per_name_and_per_client():
    clock = Clock()
    throttle = SignInThrottle(per_name=3, per_client=5, window_s=900, clock=clock)
    assert all(throttle.allow("sam", "client-a") for _ in range(3))
    assert not throttle.allow("sam", "client-b")  # the name, from anywhere
    assert throttle.allow("alex", "client-a") and throttle.allow("jo", "client-a")  # 4th and 5th
    assert not throttle.allow("kim", "client-a")  # the client, whatever the name
    clock.now += 901
    assert throttle.allow("sam", "client-a")
