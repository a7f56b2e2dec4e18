"""Checks what the public sends to /api/chat before anything reaches Rasa."""
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import FrozenSet, Optional, Union

import yaml

SESSION_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")  # always fullmatch: "$" would let a final newline through
# Staff test conversations (the console) have ids the public cannot use.
CONSOLE_PREFIX = "console-"
# The slash and characters that look like one (U+FF0F is also the only one that NFKC
# normalisation turns into "/"): none of them may start a text that Rasa receives.
SLASH_LOOKALIKES = frozenset(
    "/\u2044\u2215\u2571\u27cb\u29f8\uff0f\u1735\u2f03\u3033\u31d3\u2afb\u2afd\U0001d23a"
)


class BadRequest(Exception):
    """A plain explanation for the client; answered with a 4xx."""

    status = 400


class NotJson(BadRequest):
    status = 415


class NotForm(BadRequest):
    status = 415


class OtherSite(BadRequest):
    status = 403


@dataclass(frozen=True)
class ChatRequest:
    session_id: str
    message: str


def button_payloads(domain_file: Path) -> FrozenSet[str]:
    """The payloads of the bot's own buttons: the only "/intent" texts let through."""
    with open(domain_file, encoding="utf-8") as handle:
        responses = yaml.safe_load(handle).get("responses", {})
    return frozenset(
        button["payload"]
        for variations in responses.values()
        for variation in variations
        for button in variation.get("buttons") or []
    )


def clean_text(text: str) -> str:
    """Drops control characters (keeps newlines and tabs as spaces) and trims."""
    kept = (
        " " if ch in "\n\r\t" else ch
        for ch in text
        if ch in "\n\r\t" or unicodedata.category(ch)[0] != "C"
    )
    return "".join(kept).strip()


def _command_lead(ch: str) -> bool:
    """Could this character, at the start of a text, help it pass as a command?"""
    # Z: spaces; C: tabs and invisible format characters; M: combining marks, which have
    # nothing to combine with there (and U+0338 draws a slash)
    return ch in SLASH_LOOKALIKES or unicodedata.category(ch)[0] in "ZCM"


def neutralise_commands(text: str, allowed: FrozenSet[str]) -> str:
    """A user cannot trigger intents or set slots by typing "/intent{...}": unless the
    text is exactly one of our button payloads, every slash, look-alike, space and
    invisible character is dropped from its start, in any mix ("/ /restart", "／restart"),
    so what is left starts with neither and reaches the NLU as words."""
    if text in allowed:
        return text
    start = 0
    while start < len(text) and _command_lead(text[start]):
        start += 1
    return text[start:]


def is_json(content_type: Optional[str]) -> bool:
    """Only JSON is taken: a form on another site cannot send application/json (that
    needs a CORS preflight, which only ALLOWED_ORIGINS pass)."""
    return (content_type or "").split(";")[0].strip().lower() == "application/json"


def require_json(content_type: Optional[str]) -> None:
    if not is_json(content_type):
        raise NotJson("Send JSON, with Content-Type: application/json.")


def require_form(content_type: Optional[str], fetch_site: Optional[str]) -> None:
    """The chat page's own form, as a browser sends it without JavaScript. A form on
    another site can send this type too, so a form the browser says came from elsewhere
    (Sec-Fetch-Site) is refused; browsers too old to say are let through."""
    if (content_type or "").split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        raise NotForm("Send the chat page's form.")
    if fetch_site not in (None, "same-origin"):
        raise OtherSite("Use the chat on this site.")


def json_object(body: Union[bytes, str]) -> dict:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: "[" * 4000
        raise BadRequest("Send JSON: {\"session_id\": \"...\", \"message\": \"...\"}.")
    if not isinstance(data, dict):
        raise BadRequest("Send a JSON object with session_id and message.")
    return data


def session_id_in(data: dict) -> str:
    session_id = data.get("session_id")
    if not isinstance(session_id, str) or not SESSION_ID.fullmatch(session_id):
        raise BadRequest("session_id must be 16 to 64 letters, digits, '-' or '_'.")
    if session_id.startswith(CONSOLE_PREFIX):
        raise BadRequest(f"session_id may not start with '{CONSOLE_PREFIX}': that is reserved for the staff console.")
    return session_id


def parse_session_id(body: Union[bytes, str]) -> str:
    """The session id of a request that carries nothing else (POST /api/forget)."""
    return session_id_in(json_object(body))


def parse_chat(body: Union[bytes, str], allowed_payloads: FrozenSet[str]) -> ChatRequest:
    return chat_request(json_object(body), allowed_payloads)


def chat_request(data: dict, allowed_payloads: FrozenSet[str]) -> ChatRequest:
    """The checks of a chat message, from JSON (/api/chat) or the no-JavaScript form (POST /)."""
    return ChatRequest(session_id_in(data), parse_message(data, allowed_payloads))


def parse_message(data: dict, allowed_payloads: FrozenSet[str]) -> str:
    message = data.get("message")
    if not isinstance(message, str):
        raise BadRequest("message must be text.")
    text = neutralise_commands(clean_text(message), allowed_payloads)
    if not text:
        raise BadRequest("message is empty.")
    return text
