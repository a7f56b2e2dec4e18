"""Which services to give: by situation, risk, audience, area and the time now.

Rules (see README "Signposting"):
- danger or self-harm: the emergency number first, always; self-harm adds the crisis lines.
- a young person: Childline, Fearless, SafeCall while open, police (non-emergency), their council.
- a friend or sibling worried about someone: Childline, Fearless, SafeCall while open, police, the council.
- a parent, carer or professional: the council, police, NSPCC, SafeCall while open.
- area: the council for city, county or Rutland; none outside LLR or when not said.
- time: a line that is closed now is never given; a council line closed out of hours
  is replaced by the out-of-hours line it names, named as that (Rutland's out-of-hours
  children's team, run by Leicestershire's First Response); a line whose hours are not
  published is given only by its web address, after the services that can be called or texted.
"""
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List, Optional, Sequence

from .contacts import Contact

YOUNG_PERSON = "young_person"
FRIEND = "friend"
SIBLING = "sibling"
ADULT = "adult"  # a parent, carer or professional
AUDIENCES = (YOUNG_PERSON, FRIEND, SIBLING, ADULT)
DANGER = "danger"
SELF_HARM = "self_harm"
LLR_AREAS = ("city", "county", "rutland")

BY_AUDIENCE: Dict[str, Sequence[str]] = {
    YOUNG_PERSON: ("childline", "fearless", "safecall", "police_non_emergency"),
    FRIEND: ("childline", "fearless", "safecall", "police_non_emergency"),
    SIBLING: ("childline", "fearless", "safecall", "police_non_emergency"),
    ADULT: ("police_non_emergency", "nspcc", "safecall"),
}
BY_RISK: Dict[str, Sequence[str]] = {
    DANGER: ("emergency",),
    SELF_HARM: ("emergency", "samaritans", "shout", "childline"),
}
# Extra services that fit one situation better than the general list.
BY_SITUATION: Dict[str, Sequence[str]] = {
    "travel_out_of_town": ("btp",),
    "report_anonymously": ("crimestoppers",),
    "image_threat": ("report_remove", "ceop"),
    "sexual_exploitation": ("ceop",),
    "in_care": ("leaving_care",),
}


@dataclass(frozen=True)
class Signpost:
    contact: Contact
    web_only: bool = False  # hours not published: give the web page, not the phone
    instead_of: Optional[Contact] = None  # the closed council this out-of-hours line stands in for

    @property
    def name(self) -> str:
        """Out of hours, what the line is for them ("Rutland's out-of-hours children's
        team, run by..."), not the name of another area's team."""
        return self.instead_of.card.out_of_hours.name if self.instead_of else self.contact.name


def council_for(area: Optional[str], contacts: Dict[str, Contact], when: datetime) -> Optional[Signpost]:
    if area not in LLR_AREAS:
        return None
    council = next((c for c in contacts.values() if c.area == area), None)
    if council is None:
        return None  # no team listed for that area: the national services still stand
    if council.open_at(when) is False and council.out_of_hours:
        return Signpost(contacts[council.out_of_hours], instead_of=council)
    return Signpost(council)


def choose(
    contacts: Dict[str, Contact],
    when: datetime,
    audience: str = YOUNG_PERSON,
    area: Optional[str] = None,
    situation: Optional[str] = None,
    risk: Optional[str] = None,
) -> List[Signpost]:
    keys: List[str] = list(BY_RISK.get(risk or "", ()))
    council = council_for(area, contacts, when)
    # An adult's first call is the council; a young person's is someone to talk to.
    if council and audience == ADULT:
        keys.append(council.contact.key)
    keys += BY_AUDIENCE[audience]
    keys += BY_SITUATION.get(situation or "", ())
    if council and audience != ADULT:
        keys.append(council.contact.key)

    chosen, seen = [], set()
    for key in keys:
        contact = contacts[key]
        if key in seen:
            continue
        seen.add(key)
        status = contact.open_at(when)
        if status is False:
            continue
        if status is None:
            if contact.web:
                chosen.append(Signpost(contact, web_only=True))
            continue
        chosen.append(council if council and key == council.contact.key else Signpost(contact))
    # Services open now that can be called or texted first; web pages (hours not published) last.
    return sorted(chosen, key=lambda signpost: signpost.web_only)


def fingerprint(chosen: List[Signpost], area: Optional[str]) -> str:
    """What a list says: the same fingerprint twice means the young person has it already."""
    return "|".join([area or ""] + [f"{s.contact.key}{'~web' if s.web_only else ''}" for s in chosen])


def describe(signpost: Signpost) -> str:
    """One short line: who, then how to reach them."""
    contact = signpost.contact
    ways = []
    if contact.phone and not signpost.web_only:
        ways.append(f"call {contact.phone}")
    if contact.text and not signpost.web_only:
        word = f"{contact.text_word} " if contact.text_word else ""
        ways.append(f"text {word}to {contact.text}")
    if contact.web:
        ways.append(f"online at {contact.web}")
    return f"{signpost.name}: {' or '.join(ways)}"


def outside_note(signpost: Signpost, outside: bool) -> Optional[str]:
    """Outside LLR, what the police's non-emergency number does there."""
    if outside and signpost.contact.key == "police_non_emergency":
        # The non-emergency number is national: it reaches the force where the caller is.
        return f"{signpost.contact.phone} puts you through to the police where you are."
    return None


def render(chosen: List[Signpost], area_name: Optional[str] = None, outside: bool = False) -> str:
    """The heading, then the list as a paragraph of its own: the bubble the widget shows
    as cards (safeguarding/cards.py), and what every other client reads."""
    header = f"People who can help ({area_name}):" if area_name else "People who can help:"
    lines = [f"• {describe(s)}" for s in chosen]
    lines += [note for note in (outside_note(s, outside) for s in chosen) if note]
    return header + "\n\n" + "\n".join(lines)
