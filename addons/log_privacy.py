"""Keeps message text out of Rasa's logs (rasa run --logging-config-file logging.yml).

Rasa logs a user's text in some events (a REST timeout, debug output). Unless a
maintainer sets LOG_MESSAGE_TEXT=1 on their own machine, this filter replaces the
value of every "text", "message" and "user_message" field with "[hidden]".
"""
import logging
import os
import re

_FIELD = re.compile(r'("(?:text|message|user_message|user_uttered)"\s*:\s*)"(?:[^"\\]|\\.)*"')
_REPR = re.compile(r"((?:text|message)=)'(?:[^'\\]|\\.)*'")


class HideMessageText(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if os.environ.get("LOG_MESSAGE_TEXT") == "1":
            return True
        message = record.getMessage()
        hidden = _REPR.sub(r"\1'[hidden]'", _FIELD.sub(r'\1"[hidden]"', message))
        if hidden != message:
            record.msg, record.args = hidden, None
        return True
