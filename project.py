"""The project's settings in one place: where it lives, the defaults of the environment
variables its entry points share (README "Configuration"), the environment every
process runs with (process.env), and where the tracker store is.

It imports nothing of the project, so the front door, the training loop, the Rasa
components, the scripts and the pure logic may all read it.
"""
import os
import re
from pathlib import Path
from typing import Dict, Mapping, Optional
from urllib.parse import urlsplit

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent
DATA_DIR = PROJECT_ROOT / "data"

DEFAULTS = {
    # Rasa's endpoints file: every process finds the tracker store there (tracker_db_url).
    "RASA_ENDPOINTS": str(PROJECT_ROOT / "endpoints.yml"),
    # The SQLite file endpoints.yml names (`db: ${TRACKER_DB}`).
    "TRACKER_DB": str(PROJECT_ROOT / "var" / "tracker.db"),
    # A conversation unused this long leaves the Rasa server's memory (addons/tracker_cache.py).
    "TRACKER_CACHE_IDLE_MINUTES": "5",
    "RETENTION_DAYS": "30",
    "RASA_MODEL": str(PROJECT_ROOT / "models"),
    "RASA_PORT": "5005",
    "ACTION_PORT": "5055",
    "FRONTDOOR_HOST": "127.0.0.1",
    "FRONTDOOR_PORT": "8080",
    "CONSOLE_ACCOUNTS_FILE": str(PROJECT_ROOT / "var" / "console_accounts.json"),
}
PROCESS_ENV_FILE = PROJECT_ROOT / "process.env"


def setting(name: str, env: Optional[Mapping[str, str]] = None) -> str:
    """The variable from the environment (or `env`), else its default."""
    env = os.environ if env is None else env
    return env.get(name) or DEFAULTS[name]


def process_env(root: Optional[Path] = None) -> Dict[str, str]:
    """The variables of process.env, and PYTHONPATH=root when a project folder is given."""
    env = {}
    for line in PROCESS_ENV_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name.strip()] = value.strip()
    if root is not None:
        env["PYTHONPATH"] = str(root)
    return env


class NoTrackerStore(Exception):
    """The endpoints file names no SQL tracker store that can be found."""


_VARIABLE = re.compile(r"\$\{([^}]*)\}")


def _fill(value, env: Mapping[str, str]):
    """`${NAME}` from the environment, as Rasa fills in its endpoints file."""
    if not isinstance(value, str):
        return value

    def variable(match: "re.Match") -> str:
        name = match.group(1)
        if name not in env:
            raise NoTrackerStore(f"the tracker store needs the environment variable {name}")
        return env[name]

    return _VARIABLE.sub(variable, value)


def tracker_store(env: Optional[Mapping[str, str]] = None) -> dict:
    """The `tracker_store` section of RASA_ENDPOINTS, variables filled in."""
    env = {**DEFAULTS, **(os.environ if env is None else env)}
    path = Path(setting("RASA_ENDPOINTS", env))
    try:
        endpoints = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise NoTrackerStore(f"cannot read {path}: {error}") from error
    section = endpoints.get("tracker_store")
    if not section:
        # Rasa would keep conversations in its own memory, where nothing else can delete them.
        raise NoTrackerStore(f"{path} names no tracker_store")
    store_type = str(section.get("type", ""))
    if store_type != "sql" and not store_type.endswith("SQLTrackerStore"):
        raise NoTrackerStore(f"{path}: tracker_store type {store_type!r} is not an SQL tracker store")
    return {key: _fill(value, env) for key, value in section.items()}


def tracker_db_url(env: Optional[Mapping[str, str]] = None):
    """The SQLAlchemy URL of the tracker store Rasa uses, built as Rasa's
    SQLTrackerStore.get_db_url builds it (tests/unit/test_project.py compares the two)."""
    from sqlalchemy.engine.url import URL

    store = tracker_store(env)
    host, port = store.get("url"), store.get("port")
    if host and "://" in host:
        return host
    if host:
        parsed = urlsplit(f"scheme://{host}")
        port = parsed.port or port
        host = parsed.hostname or host
    return URL.create(
        store.get("dialect", "sqlite"), store.get("username"), store.get("password"), host,
        int(port) if port else None, store.get("db", "rasa.db"), store.get("query") or {},
    )
