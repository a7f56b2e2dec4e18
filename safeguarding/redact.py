"""Removes what could identify someone from text before it is stored: email addresses,
social media handles, postcodes, phone numbers, street addresses, school names and
names the writer gives ("my name is ..."). Place names such as a town or an estate
stay: the bot needs them, and a town alone does not identify anyone.

What it cannot catch (README "Privacy by design" says so too): a name given without
a lead-in ("its jay here", "im jay"), a school named without "school", "academy",
"college" and the like, a street without a number or a lead-in word, a handle given
without one of the lead-ins below, numbers written as words, and anything misspelt
beyond the patterns. Rules match on the words around a detail, so some ordinary words
next to those lead-ins can be removed too; that costs a stored word, never a reply.
"""
import re
from typing import Callable, List, Tuple

# Words that are no name, handle or school: what follows a lead-in when none is given
# ("my name is not important", "add me on snap if u want", "at my school").
NOT_A_NAME = frozenset(
    """a an the my me mine your ur his her their our its this that these those same other another different
    new old big little local next last first every some any no one each which what who whose
    and but or so if then than when while because cos coz cuz as at by for from in into of on off to
    up down out over with without about after before near outside round around
    i im i'm ive i've id i'd ill i'll me you u he she we they it is was am are be been being
    not just only also too very really still even now here there later soon back again
    pls plz please thanks thx lol btw tho though innit yeah yh yes no nah ok okay
    called named name names age aged years yrs year old help scared safe
    saying said asking asked telling told sending sent offering offered messaging messaged texting texted calling
    school college academy primary secondary high sixth grammar private state boarding special
    """.split()
)

_WORD = r"[a-z][a-z'.\-]*"
# A word that could be part of a name: not one of NOT_A_NAME.
_OWN = r"(?!(?:" + "|".join(re.escape(word) for word in sorted(NOT_A_NAME, key=len, reverse=True)) + r")\b)"
_APPS = r"snap(?:chat)?|sc|insta(?:gram)?|ig|tik\s?tok|tt|twitter|discord|telegram|fb|facebook|kik|threads"
_SCHOOL_KINDS = r"academy|school|college|high|primary|grammar|sixth form|university|uni"
_STREET_KINDS = (
    r"road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place|pl|gardens|gdns"
    r"|terrace|grove|walk|row|hill|square|sq|mews|rise|view|green|parade|boulevard|gate|croft|wharf|yard"
)
# Without a house number, only the kinds that are rarely anything but a street.
_PLAIN_STREET_KINDS = r"road|rd|street|st|avenue|ave|lane|drive|crescent|terrace|gardens|grove|mews|boulevard|way"


def _rule(pattern: str) -> "re.Pattern":
    return re.compile(pattern, re.IGNORECASE)


# (label, pattern): the whole match is replaced, or only its group "secret" when the
# pattern has one. Order matters: email addresses go before handles (both hold "@").
_RULES: List[Tuple[str, "re.Pattern"]] = [
    ("[email]", _rule(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("[handle]", _rule(r"(?<![\w.@])@[a-z0-9_.]{2,30}")),
    (
        "[handle]",
        _rule(
            rf"\b(?:(?:my|his|her|their|ur|your)\s+(?:{_APPS})(?:\s+(?:name|username|user|handle|account|acc))?"
            rf"|(?:(?:add|follow|find|dm)\s+me|hmu)\s+(?:on|at)\s+(?:{_APPS}))"
            rf"(?:\s*(?:[:=\-]|is|its|it's))*\s+(?P<secret>{_OWN}[a-z0-9_.]{{2,30}})\b"
        ),
    ),
    ("[postcode]", _rule(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")),
    # UK numbers: +44 or 0044 or 0, then 9-10 more digits, with spaces, dots, dashes or
    # brackets between; other countries' numbers with their + code.
    ("[phone]", _rule(r"(?<![\w+])(?:(?:\+|00)\s?44\s?\(?0?\)?|0)(?:[\s.\-()]*\d){9,10}(?!\d)")),
    ("[phone]", _rule(r"(?<![\w+])\+\s?[1-9]\d{0,2}(?:[\s.\-()]*\d){7,12}(?!\d)")),
    (
        "[address]",
        _rule(
            r"\b(?:flat|apartment|apt|unit)\s+\d+\w?\b"
            rf"|\b\d{{1,4}}[a-z]?(?:\s*-\s*\d{{1,4}}[a-z]?)?,?\s+(?:{_WORD}\s+){{1,3}}(?:{_STREET_KINDS})\b"
        ),
    ),
    (
        "[address]",
        _rule(
            r"\b(?:on|off|in|at|near|down|up|along|outside|round|around|by)\s+"
            rf"(?P<secret>{_OWN}{_WORD}\s+(?:{_WORD}\s+){{0,2}}(?:{_PLAIN_STREET_KINDS}))\b"
        ),
    ),
    (
        "[school]",
        _rule(
            r"\b(?:go(?:es)?\s+to|went\s+to|going\s+to|attend(?:s|ed)?|at|from|outside|near|by|in)\s+"
            rf"(?P<secret>{_OWN}{_WORD}\s+(?:{_WORD}\s+){{0,3}}?(?:{_SCHOOL_KINDS}))\b"
        ),
    ),
    (
        "[name]",
        _rule(
            r"\b(?:(?:my|his|her|their|ur|your)\s+name(?:\s+is|'s|s)|(?:i'?m|i\s+am)\s+called|call\s+me)"
            # a first name, and a second word only if it could be a surname ("jay smith", not "jay and")
            rf"\s*[:\-]?\s+(?P<secret>{_OWN}{_WORD}(?:\s+{_OWN}{_WORD})?)"
        ),
    ),
]


def _replacer(label: str) -> Callable[["re.Match"], str]:
    def replace(match: "re.Match") -> str:
        if "secret" not in match.re.groupindex:
            return label
        # The secret ends each such pattern: keep the lead-in before it.
        return match[0][: match.start("secret") - match.start()] + label
    return replace


def redact(text: str) -> str:
    for label, pattern in _RULES:
        text = pattern.sub(_replacer(label), text)
    return text
