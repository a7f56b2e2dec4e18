"""Signpost cards: the services of a list as the widget shows them (README "Front door
API"). Each says a plain name and what it is for (data/contacts.yml `card:`), that it is
open now and until when, and its ways in as links with words ("Call" and the number, "Chat
online"), never a bare address. An out-of-hours line says what it is and when the
council's own team opens again. The same list as text: signposts.render."""
from datetime import datetime, timedelta
from typing import Dict, List, Optional
from urllib.parse import quote

from .opening_hours import closes_at, next_opening
from .signposts import Signpost, outside_note

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def clock_time(moment: datetime) -> str:
    """9am, 5pm, 9:30am: as people say it."""
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def day_and_time(moment: datetime, now: datetime) -> str:
    """"9am today", "9am tomorrow", "9am Monday": the day said as plainly as it can be."""
    if moment.date() == now.date():
        day = "today"
    elif moment.date() == now.date() + timedelta(days=1):
        day = "tomorrow"
    else:
        day = DAY_NAMES[moment.weekday()]
    return f"{clock_time(moment)} {day}"


def _digits(number: str) -> str:
    return number.replace(" ", "")


def _links(signpost: Signpost) -> List[Dict[str, str]]:
    """Call, then Text, then the web page, each with the words it is shown with."""
    contact, links = signpost.contact, []
    if contact.phone and not signpost.web_only:
        links.append({"kind": "call", "label": f"Call {contact.phone}", "href": f"tel:{_digits(contact.phone)}"})
    if contact.text and not signpost.web_only:
        word = f"{contact.text_word} to " if contact.text_word else ""
        # "?&body=": the word typed in for them, on both Android and iOS.
        body = f"?&body={quote(contact.text_word)}" if contact.text_word else ""
        links.append({"kind": "text", "label": f"Text {word}{contact.text}", "href": f"sms:{_digits(contact.text)}{body}"})
    if contact.web:
        links.append({"kind": "web", "label": contact.card.web, "href": contact.web})
    return links


def _hours(signpost: Signpost, now: datetime) -> Optional[str]:
    """Open now, and until when; nothing when its hours are not published."""
    if signpost.web_only:
        return None
    closing = closes_at(signpost.contact.hours, now)
    return f"Open now, until {clock_time(closing)}" if closing else "Open now, day and night"


def _note(signpost: Signpost, now: datetime, outside: bool) -> Optional[str]:
    council = signpost.instead_of
    if not council:
        return outside_note(signpost, outside)
    opening = next_opening(council.hours, now)
    return f"{council.card.name} opens {day_and_time(opening, now)}." if opening else None


def card(signpost: Signpost, now: datetime, outside: bool = False) -> Dict:
    contact = signpost.contact
    words = signpost.instead_of.card.out_of_hours if signpost.instead_of else contact.card
    return {
        "name": words.name,
        "for": words.for_whom,
        "open": None if signpost.web_only else True,  # a closed line is never given
        "hours": _hours(signpost, now),
        "note": _note(signpost, now, outside),
        "links": _links(signpost),
    }


def cards(chosen: List[Signpost], now: datetime, outside: bool = False) -> List[Dict]:
    """The cards of a list from signposts.choose, in its order."""
    return [card(signpost, now, outside) for signpost in chosen]
