"""Front door settings, from the environment (see README "Configuration")."""
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

from project import PROJECT_ROOT, setting, tracker_db_url


def _list(name: str, default: str) -> List[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


@dataclass(frozen=True)
class Settings:
    rasa_urls: List[str] = field(default_factory=lambda: _list("RASA_URLS", f"http://127.0.0.1:{setting('RASA_PORT')}"))
    action_urls: List[str] = field(
        default_factory=lambda: _list("ACTION_HEALTH_URLS", f"http://127.0.0.1:{setting('ACTION_PORT')}/health"))
    rasa_token: Optional[str] = field(default_factory=lambda: os.environ.get("RASA_TOKEN") or None)
    # The whole answer must reach the user within 10 s; Rasa gets most of that.
    rasa_timeout_s: float = float(os.environ.get("RASA_TIMEOUT_S", "7"))
    health_timeout_s: float = 2.0
    # 16 KB: the page's form without JavaScript sends a full-length message in Gujarati or
    # Bengali percent-encoded, up to 9 bytes a character.
    max_body_bytes: int = int(os.environ.get("MAX_BODY_BYTES", "16384"))
    max_message_chars: int = int(os.environ.get("MAX_MESSAGE_CHARS", "1000"))
    # Rate limits (frontdoor/rate_limit.py, README "Configuration"). The main brake is per
    # conversation: a fast typist sends 6 to 10 messages a minute.
    per_session_per_minute: int = int(os.environ.get("RATE_PER_SESSION_PER_MINUTE", "20"))
    # One address can be a whole school, college, library or youth-centre network: 600 is
    # 60 pupils at once at a brisk 10 messages a minute each, or 30 at the session limit.
    per_client_per_minute: int = int(os.environ.get("RATE_PER_CLIENT_PER_MINUTE", "600"))
    # Everyone together, per front door: about 80% of the 21 messages a second one Rasa
    # server answered on the 2-core machine (docs/benchmarks.md), so answers stay inside
    # the timeout. Raise it in step with the number of Rasa servers.
    overall_per_minute: int = int(os.environ.get("RATE_OVERALL_PER_MINUTE", "1000"))
    # How many proxies in front of the front door append to X-Forwarded-For (a TLS
    # terminator, a load balancer): the client is the entry that many from the right
    # (frontdoor/proxy.py). 0: no proxy, the peer's own address. TRUST_PROXY=1 (the older
    # setting) means 1.
    trusted_proxy_hops: int = int(os.environ.get("TRUSTED_PROXY_HOPS") or ("1" if os.environ.get("TRUST_PROXY") == "1" else "0"))
    # Strict-Transport-Security on responses to HTTPS requests: a year.
    hsts_max_age_s: int = 365 * 24 * 3600
    allowed_origins: List[str] = field(default_factory=lambda: _list("ALLOWED_ORIGINS", ""))
    # The tracker store Rasa uses, so the quick exit can delete a conversation; raises
    # project.NoTrackerStore if there is none, and the front door does not start.
    tracker_db_url: object = field(default_factory=tracker_db_url)
    # The staff console (/console): accounts file (scripts/staff.py), sign-in lifetime,
    # and where conversations saved as test stories go.
    console_accounts_file: Path = field(default_factory=lambda: Path(setting("CONSOLE_ACCOUNTS_FILE")))
    console_idle_minutes: float = float(os.environ.get("CONSOLE_IDLE_MINUTES", "30"))
    console_stories_dir: Path = field(default_factory=lambda: Path(
        os.environ.get("CONSOLE_STORIES_DIR", str(PROJECT_ROOT / "tests" / "conversations"))))
    exit_url: str = field(default_factory=lambda: os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather"))
    # What the privacy page (/privacy) tells young people: the retention job's own default.
    retention_days: float = field(default_factory=lambda: float(setting("RETENTION_DAYS")))
