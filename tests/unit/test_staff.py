"""Staff accounts (bcrypt hashes, owner-only file, roles) and the maintainers' command line."""
import io
import json
import sqlite3
import stat

import pytest
import sqlalchemy

from frontdoor.sign_ins import SignInThrottle
from frontdoor.staff import MAINTAINER, WORKER, AccountError, Accounts
from scripts import staff as staff_command

PASSWORD = "a long enough password"


@pytest.fixture
def accounts(tmp_path):
    return Accounts(tmp_path / "var" / "console_accounts.json")


def test_no_file_means_no_accounts(accounts):
    assert not accounts.any()
    assert accounts.verify("anyone", PASSWORD) is None


def test_an_account_is_stored_hashed_in_an_owner_only_file(accounts):
    accounts.add("sam", PASSWORD)
    stored = json.loads(accounts.path.read_text())["accounts"]["sam"]
    assert stored["hash"].startswith("$2b$") and PASSWORD not in accounts.path.read_text()
    assert stat.S_IMODE(accounts.path.stat().st_mode) == 0o600
    assert accounts.verify("sam", PASSWORD) == accounts.get("sam")
    assert accounts.verify("sam", PASSWORD + "x") is None
    assert accounts.verify("alex", PASSWORD) is None


def test_a_new_account_is_a_youth_worker_unless_made_a_maintainer(accounts):
    accounts.add("sam", PASSWORD)
    accounts.add("kim", PASSWORD, MAINTAINER)
    assert accounts.roles() == {"kim": MAINTAINER, "sam": WORKER}
    accounts.set_role("sam", MAINTAINER)
    assert accounts.get("sam").role == MAINTAINER
    with pytest.raises(AccountError, match="role is one of"):
        accounts.set_role("sam", "admin")
    with pytest.raises(AccountError, match="No account"):
        accounts.set_role("nobody", WORKER)


def test_an_existing_name_is_refused_unless_replaced_and_a_new_password_changes_the_stamp(accounts):
    accounts.add("sam", PASSWORD, MAINTAINER)
    stamp = accounts.get("sam").stamp
    with pytest.raises(AccountError, match="already has an account"):
        accounts.add("sam", "another long password")
    assert accounts.verify("sam", PASSWORD) and accounts.get("sam").stamp == stamp
    accounts.add("sam", "another long password", replace=True)
    assert accounts.get("sam").stamp != stamp and accounts.get("sam").role == MAINTAINER
    assert accounts.verify("sam", PASSWORD) is None and accounts.verify("sam", "another long password")


def test_accounts_of_the_first_release_are_youth_workers(accounts):
    accounts.add("sam", PASSWORD)
    old = {"accounts": {"sam": json.loads(accounts.path.read_text())["accounts"]["sam"]["hash"]}}
    accounts.path.write_text(json.dumps(old))
    assert accounts.verify("sam", PASSWORD).role == WORKER


def test_remove_and_list(accounts):
    accounts.add("sam", PASSWORD)
    accounts.add("alex", PASSWORD)
    assert accounts.names() == ["alex", "sam"]
    assert accounts.remove("sam") and not accounts.remove("sam")
    assert accounts.names() == ["alex"] and accounts.get("sam") is None


@pytest.mark.parametrize("name, password", [("sam", "short"), ("Sam Smith", PASSWORD), ("", PASSWORD)])
def test_weak_passwords_and_odd_names_are_refused(accounts, name, password):
    with pytest.raises(AccountError):
        accounts.add(name, password)
    assert not accounts.any()


@pytest.fixture
def command(tmp_path, monkeypatch):
    """python -m scripts.staff on a temporary accounts file and tracker database."""
    monkeypatch.setenv("CONSOLE_ACCOUNTS_FILE", str(tmp_path / "accounts.json"))
    monkeypatch.delenv("RASA_ENDPOINTS", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))

    def run(*args, password=PASSWORD):
        monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        return staff_command.main(list(args))
    return run


def test_the_command_line_adds_refuses_a_taken_name_replaces_and_sets_roles(command, tmp_path, capsys):
    assert command("add", "sam", "--password-stdin") == 0
    assert command("add", "sam", "--password-stdin") == 1
    assert "add --replace" in capsys.readouterr().err
    assert command("add", "sam", "--password-stdin", "--replace", password="a brand new password") == 0
    assert "sign-ins have ended" in capsys.readouterr().out
    assert command("add", "kim", "--password-stdin", "--role", "maintainer") == 0
    assert command("role", "sam", "maintainer") == 0
    capsys.readouterr()
    assert command("list") == 0
    assert capsys.readouterr().out.split("\n")[:2] == ["kim  maintainer", "sam  maintainer"]
    accounts = Accounts(tmp_path / "accounts.json")
    assert accounts.verify("sam", "a brand new password")
    assert command("remove", "sam") == 0 and command("remove", "sam") == 1
    assert accounts.names() == ["kim"]


def test_unlock_clears_the_sign_in_delays_on_a_name(command, tmp_path, capsys):
    throttle = SignInThrottle(sqlalchemy.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}"))
    for client in ("school", "home"):
        for _ in range(5):
            throttle.try_now("sam", client)
    assert throttle.try_now("sam", "school") > 0
    assert command("unlock", "Sam") == 0
    assert "2 client(s)" in capsys.readouterr().out
    assert throttle.try_now("sam", "school") == 0
    with sqlite3.connect(tmp_path / "tracker.db") as db:
        assert db.execute("SELECT failures FROM console_sign_in_failures").fetchall() == [(1,)]
