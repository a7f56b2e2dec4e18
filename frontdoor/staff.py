"""Staff accounts for the console: a name, a role (youth worker or maintainer) and a
bcrypt hash, in a JSON file the maintainer manages with scripts/staff.py (owner-only).
There is no default account, and the console stays off until one exists. The file is
read at every console request, so an account added, removed, given a new password or
another role takes effect at once, without a restart (sign-ins: frontdoor/sign_ins.py).
"""
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

import bcrypt

USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
MIN_PASSWORD_CHARS = 12
BCRYPT_ROUNDS = 12
# Checked against when the name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = bcrypt.hashpw(b"not a password", bcrypt.gensalt(BCRYPT_ROUNDS))


WORKER, MAINTAINER = "worker", "maintainer"
# Youth workers chat, flag and save stories; maintainers also review the queue and see
# the last retrain report.
ROLES = (WORKER, MAINTAINER)


class AccountError(Exception):
    """Why an account cannot be added or changed, for the maintainer."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    # Changes with the password: a sign-in opened with another password has ended.
    stamp: str


def _account(name: str, stored: dict) -> Account:
    return Account(name, stored["role"], hashlib.sha256(stored["hash"].encode()).hexdigest()[:32])


class Accounts:
    def __init__(self, path: Path):
        self.path = path

    def _load(self) -> Dict[str, dict]:
        try:
            accounts = json.loads(self.path.read_text(encoding="utf-8"))["accounts"]
        except FileNotFoundError:
            return {}
        # The first release kept only a hash: those are youth workers.
        return {name: {"hash": a, "role": WORKER} if isinstance(a, str) else a for name, a in accounts.items()}

    def _save(self, accounts: Dict[str, dict]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"accounts": accounts}, handle, indent=2)
        os.replace(temporary, self.path)

    def names(self):
        return sorted(self._load())

    def roles(self) -> Dict[str, str]:
        return {name: stored["role"] for name, stored in sorted(self._load().items())}

    def any(self) -> bool:
        return bool(self._load())

    def get(self, name: str) -> Optional[Account]:
        stored = self._load().get(name)
        return _account(name, stored) if stored else None

    def add(self, name: str, password: str, role: Optional[str] = None, replace: bool = False) -> None:
        """A new account (a youth worker unless `role` says otherwise); with `replace`, a
        new password for an existing one, which ends its sign-ins."""
        if not name or len(name) > 64 or set(name) - USERNAME_CHARS:
            raise AccountError("A name is 1 to 64 lower-case letters, digits, '.', '_' or '-'.")
        if len(password) < MIN_PASSWORD_CHARS:
            raise AccountError(f"A password needs at least {MIN_PASSWORD_CHARS} characters.")
        if role is not None and role not in ROLES:
            raise AccountError(f"A role is one of: {', '.join(ROLES)}.")
        accounts = self._load()
        if name in accounts and not replace:
            raise AccountError(f"{name} already has an account: add --replace to give it a new password.")
        role = role or accounts.get(name, {}).get("role", WORKER)
        accounts[name] = {"hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt(BCRYPT_ROUNDS)).decode(), "role": role}
        self._save(accounts)

    def set_role(self, name: str, role: str) -> None:
        if role not in ROLES:
            raise AccountError(f"A role is one of: {', '.join(ROLES)}.")
        accounts = self._load()
        if name not in accounts:
            raise AccountError(f"No account {name}.")
        accounts[name]["role"] = role
        self._save(accounts)

    def remove(self, name: str) -> bool:
        accounts = self._load()
        if accounts.pop(name, None) is None:
            return False
        self._save(accounts)
        return True

    def verify(self, name: str, password: str) -> Optional[Account]:
        """The account, if the password is its own."""
        stored = self._load().get(name)
        matches = bcrypt.checkpw(password.encode(), stored["hash"].encode() if stored else _DUMMY_HASH)
        return _account(name, stored) if stored and matches else None


