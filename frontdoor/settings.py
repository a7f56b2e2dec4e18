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
    max_body_bytes: int = int(os.environ.get("MAX_BODY_BYTES", "8192"))
    max_message_chars: int = int(os.environ.get("MAX_MESSAGE_CHARS", "1000"))
    per_session_per_minute: int = int(os.environ.get("RATE_PER_SESSION_PER_MINUTE", "20"))
    per_client_per_minute: int = int(os.environ.get("RATE_PER_CLIENT_PER_MINUTE", "60"))
    # Behind a TLS proxy, the client address is the first X-Forwarded-For entry.
    trust_proxy: bool = os.environ.get("TRUST_PROXY", "") == "1"
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
