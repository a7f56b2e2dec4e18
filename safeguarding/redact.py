"""Removes what could identify someone from text before it is stored or logged:
phone numbers, email addresses, postcodes and street addresses. Place names such
as a town stay: the bot needs them, and a town alone does not identify anyone."""
import re

_RULES = [
    ("[email]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("[postcode]", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)),
    # UK numbers: +44 or 0 then 9-10 more digits, with spaces, dashes or brackets between.
    ("[phone]", re.compile(r"(?<![\w+])(?:\+\s?44\s?\(?0?\)?|0)(?:[\s\-()]*\d){9,10}(?!\d)")),
    (
        "[address]",
        re.compile(
            r"\b(?:flat|apartment|apt|unit)\s+\d+\w?\b"
            r"|\b\d{1,4}[a-z]?,?\s+(?:[a-z'-]+\s+){1,3}"
            r"(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place|pl"
            r"|gardens|gdns|terrace|grove|walk|row|hill|square|sq|mews|rise|view|green|parade)\b",
            re.IGNORECASE,
        ),
    ),
]


def redact(text: str) -> str:
    for label, pattern in _RULES:
        text = pattern.sub(label, text)
    return text
