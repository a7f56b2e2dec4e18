"""The contact directory (data/contacts.yml): the only source of numbers the bot gives."""
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Tuple

import yaml

from . import DATA_DIR
from .opening_hours import Hours, is_open

CONTACTS_FILE = DATA_DIR / "contacts.yml"
FIELDS = ("name", "phone", "text", "web")


@dataclass(frozen=True)
class CardWords:
    """How a signpost card names a service, in the bot's words (`card:` in the file)."""
    name: str
    for_whom: str
    web: Optional[str] = None  # the words of its web link, shown instead of the address
    # A council's: the card of the line given while it is closed, saying what that line is.
    out_of_hours: Optional["CardWords"] = None


@dataclass(frozen=True)
class Contact:
    key: str
    name: str
    hours: Hours
    for_whom: str
    source: str
    checked: date
    phone: Optional[str] = None
    text: Optional[str] = None
    text_word: Optional[str] = None
    web: Optional[str] = None
    area: Optional[str] = None
    out_of_hours: Optional[str] = None
    # What the service says about itself, in the bot's words, for the questions young
    # people ask (cost, bill, privacy, other ways, when, on_call): one sentence each.
    faq: Tuple[Tuple[str, str], ...] = ()
    card: Optional[CardWords] = None

    def open_at(self, when: datetime) -> Optional[bool]:
        return is_open(self.hours, when)


def _card(entry: Optional[dict]) -> Optional[CardWords]:
    if not entry:
        return None
    return CardWords(entry["name"], entry["for"], entry.get("web"), _card(entry.get("out_of_hours")))


def _contact(key: str, entry: dict) -> Contact:
    return Contact(
        key=key,
        name=entry["name"],
        hours=entry["hours"],
        for_whom=entry["for"],
        source=entry["source"],
        checked=entry["checked"],
        phone=entry.get("phone"),
        text=entry.get("text"),
        text_word=entry.get("text_word"),
        web=entry.get("web"),
        area=entry.get("area"),
        out_of_hours=entry.get("out_of_hours"),
        faq=tuple(sorted((entry.get("faq") or {}).items())),
        card=_card(entry.get("card")),
    )


@lru_cache(maxsize=4)
def load_contacts(path: Path = CONTACTS_FILE) -> Dict[str, Contact]:
    with open(path, encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)["contacts"]
    return {key: _contact(key, entry) for key, entry in raw.items()}


def template_vars(contacts: Dict[str, Contact]) -> Dict[str, str]:
    """Placeholders for domain responses: {childline_phone}, {shout_text}, {fearless_web},
    the services' own answers: {childline_faq_bill}..., and opening times: {rutland_duty_open}."""
    values = {}
    for contact in contacts.values():
        for field in FIELDS + ("text_word",):
            value = getattr(contact, field)
            if value:
                values[f"{contact.key}_{field}"] = value
        for topic, sentence in contact.faq:
            values[f"{contact.key}_faq_{topic}"] = sentence
        if isinstance(contact.hours, dict):
            # Times, not words, so a translation of "9am to 5pm" needs no digits of its own.
            values[f"{contact.key}_open"] = contact.hours["open"]
            values[f"{contact.key}_close"] = contact.hours["close"]
    return values
