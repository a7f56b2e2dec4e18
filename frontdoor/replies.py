"""Replies the front door gives by itself, built from the contact directory."""
from typing import Dict, List

from safeguarding.contacts import load_contacts
from safeguarding.risk import DANGER, assess


def _contacts():
    return load_contacts()


def safe_fallback(user_text: str) -> List[Dict]:
    """When Rasa is slow, down or erroring: a short safe message, emergency number and Childline.
    A danger or self-harm message still gets the emergency number first."""
    c = _contacts()
    finding = assess(user_text)
    if finding:
        first = (
            f"If you are in danger right now, call {c['emergency'].phone}."
            if finding.risk == DANGER
            else f"If you have hurt yourself or might, call {c['emergency'].phone} now. "
            f"Samaritans: {c['samaritans'].phone}, any time."
        )
        return [{"text": first}, {"text": f"To talk to someone now, call Childline on {c['childline'].phone}, free, any time."}]
    return [
        {"text": "Sorry, I can't answer properly right now."},
        {
            "text": f"If you are in danger, call {c['emergency'].phone}. "
            f"To talk to someone now, call Childline on {c['childline'].phone}, free, any time."
        },
    ]


def too_long(limit: int) -> List[Dict]:
    c = _contacts()
    return [
        {"text": f"That's a long message. Could you send it in shorter parts, up to {limit} characters each?"},
        {
            "text": f"If you are in danger, call {c['emergency'].phone}. "
            f"To talk to someone now, call Childline on {c['childline'].phone}."
        },
    ]
