"""Keeps message text out of Rasa's logs (rasa run --logging-config-file logging.yml).

Rasa logs a user's words in three shapes. Unless a maintainer sets LOG_MESSAGE_TEXT=1 on
their own machine, this filter hides each:

- structlog events, one JSON object per line ({"user_text": ..., "event": "message.parsing.failed"}):
  every field but the event's name, level and description becomes "[hidden]", as any of
  them can carry user text (text, user_text, parse_data_text, slot values, entities...);
- Python warnings, which addons/server.py sends through logging ("Failed to parse
  arguments in line '/my name is ...'"): only the category and the place are kept;
- any other line: the value of "text"- and "message"-like fields, and reprs.
"""
import json
import logging
import os
import re

_FIELD = re.compile(r'("(?:\w*text|\w*message|user_uttered)"\s*:\s*)"(?:[^"\\]|\\.)*"')
_REPR = re.compile(r"((?:text|message)=)'(?:[^'\\]|\\.)*'")
_KEPT_EVENT_FIELDS = frozenset({"event", "level", "event_info", "timestamp", "logger"})
_WARNING = re.compile(r"(?P<place>[^\s:]+:\d+): (?P<category>\w+):")
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # Rasa colours its warnings
HIDDEN = "[hidden]"


def _event_without_text(message: str):
    """A structlog JSON event with every field but the kept ones hidden; None if not one."""
    if not message.startswith("{"):
        return None
    try:
        event = json.loads(message)
    except ValueError:
        return None
    if not isinstance(event, dict) or "event" not in event:
        return None
    return json.dumps({key: value if key in _KEPT_EVENT_FIELDS else HIDDEN for key, value in event.items()})


def _warning_without_text(message: str) -> str:
    found = _WARNING.search(_COLOUR.sub("", message))
    where = f"{found['category']} at {found['place']}" if found else "A warning"
    return f"{where} (its text is hidden: it can quote a message)"


class HideMessageText(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if os.environ.get("LOG_MESSAGE_TEXT") == "1":
            return True
        message = record.getMessage()
        if record.name == "py.warnings":
            hidden = _warning_without_text(message)
        else:
            hidden = _event_without_text(message) or _REPR.sub(r"\1'[hidden]'", _FIELD.sub(r'\1"[hidden]"', message))
        if hidden != message:
            record.msg, record.args = hidden, None
        return True
