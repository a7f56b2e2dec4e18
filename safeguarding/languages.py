"""Families' languages other than English (data/i18n/<code>.yml, docs/translations.md).

Each file holds the widget's words, the families' responses translated key by key from
domain.yml under `replies:` (not `responses:`, which Rasa would read as training data
from a file under data/; same {placeholders}: numbers come only from data/contacts.yml), and the
language's own words for danger and self-harm, which the safety net tries after its
English rules. English is data/i18n/en.yml: the widget's words only, as the bot's
English is domain.yml itself.
"""
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Tuple

import yaml

from . import DATA_DIR

I18N_DIR = DATA_DIR / "i18n"
ROMANISED_FILE = I18N_DIR / "romanised.yml"
ENGLISH = "en"
# A language file is named by its ISO 639-1 code; other files there (romanised.yml) are not languages.
_CODE_FILE = re.compile(r"^[a-z]{2}\.yml$")
# Said in the family's language and then in English: the first words to danger must be
# understood even if a translation is poor.
BOTH_LANGUAGES = ("utter_danger", "utter_self_harm")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PARAGRAPH = re.compile(r"\n\s*\n")
SET_LANGUAGE = "/set_language"
# Arabic-script letters Urdu and Arabic keyboards write differently (yeh, kaf, heh).
_SAME_LETTER = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ە": "ہ", "ھ": "ہ", "ة": "ہ"})
_GURMUKHI_NUKTA = "\u0a3c"  # the dot of ਜ਼ and ਖ਼, often left out when typing
_ARABIC_VOWEL_MARKS = range(0x064B, 0x0660)  # rarely typed, so dropped from both sides
_LATIN_EXTRA = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "đ": "d"})


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own script, as the menu shows it
    english_name: str
    direction: str  # "ltr" or "rtl"
    produced: str
    native_speaker_checked: bool
    ui: Mapping[str, str]
    buttons: Mapping[str, str]  # family topic -> button title
    responses: Mapping[str, str]
    danger: Tuple[str, ...]
    self_harm: Tuple[str, ...]
    not_risk: Tuple[str, ...]  # everyday uses of those words, blanked out first
    translated_from: Mapping[str, str]  # reply -> source_stamp of its English

    def button_payload(self) -> str:
        return SET_LANGUAGE + json.dumps({"language": self.code})


def _language(entry: dict) -> Language:
    safety = entry.get("safety") or {}
    return Language(
        code=entry["code"],
        name=entry["name"],
        english_name=entry["english_name"],
        direction=entry["dir"],
        produced=entry["produced"],
        native_speaker_checked=bool(entry["native_speaker_checked"]),
        ui=entry["ui"],
        buttons=entry["buttons"],
        responses=entry.get("replies") or {},
        danger=tuple(safety.get("danger") or ()),
        self_harm=tuple(safety.get("self_harm") or ()),
        not_risk=tuple(safety.get("not_risk") or ()),
        translated_from=entry.get("translated_from") or {},
    )


@lru_cache(maxsize=4)
def load_languages(folder: Path = I18N_DIR) -> Dict[str, Language]:
    """English first, then the others in the order of their English names."""
    found = {}
    for path in sorted(folder.glob("*.yml")):
        if _CODE_FILE.match(path.name):
            with open(path, encoding="utf-8") as handle:
                language = _language(yaml.safe_load(handle))
            found[language.code] = language
    ordered = sorted(found.values(), key=lambda lang: (lang.code != ENGLISH, lang.english_name))
    return {language.code: language for language in ordered}


def family_topics(languages: Mapping[str, Language]) -> Tuple[str, ...]:
    """The families' topics (signs, what_to_do, …): English's buttons, in order."""
    return tuple(languages[ENGLISH].buttons)


def source_stamp(english: str) -> str:
    """A short fingerprint of the English a reply was translated from: a language file
    records it per reply (`translated_from`), so a changed English text shows which
    translations are out of date (tests/unit/test_languages.py)."""
    return hashlib.sha256(english.strip().encode("utf-8")).hexdigest()[:8]


def fill(text: str, values: Mapping[str, str]) -> str:
    """Puts the contacts' numbers in; an unknown placeholder stays visible, never blank."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def localise(utter_action: str, response: dict, language: Optional[Language], values: Mapping[str, str]) -> dict:
    """The response as the family reads it: the translated text where there is one (the
    safety replies in both languages, the family's first), button titles translated by
    topic. Anything untranslated stays in English."""
    if language is None or utter_action not in language.responses:
        return response
    translated = fill(language.responses[utter_action], values)
    text = f"{translated}\n\n{response.get('text', '')}" if utter_action in BOTH_LANGUAGES else translated
    buttons = [_translated_button(button, language) for button in response.get("buttons") or []]
    # Which bubbles are in the family's language: the first `paragraphs` of the `of` that
    # the text makes (Rasa's REST channel and the front door split it at blank lines).
    custom = {"lang": language.code, "paragraphs": _count(translated), "of": _count(text)}
    return {**response, "text": text, "buttons": buttons, "custom": custom}


def _count(text: str) -> int:
    return len([part for part in PARAGRAPH.split(text) if part.strip()])


def _translated_button(button: dict, language: Language) -> dict:
    topic = _payload_entities(button.get("payload", "")).get("family_topic")
    return {**button, "title": language.buttons.get(topic, button["title"])}


def _payload_entities(payload: str) -> dict:
    start = payload.find("{")
    try:
        return json.loads(payload[start:]) if start != -1 else {}
    except ValueError:
        return {}


def language_buttons(languages: Mapping[str, Language]) -> List[dict]:
    """The language menu: each language named in its own script."""
    return [{"title": lang.name, "payload": lang.button_payload()} for lang in languages.values()]


def normalise(text: str) -> str:
    """For matching typed words in any script: case folded, one space between words,
    accents dropped from Latin letters only (phones often type "nie zyje" for "nie żyje"),
    but the vowel signs that Indic and Arabic-script words are made of kept."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_SAME_LETTER).translate(_LATIN_EXTRA)
    kept = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and kept and kept[-1].isascii() or ord(ch) in _ARABIC_VOWEL_MARKS \
                or ch == _GURMUKHI_NUKTA:
            continue  # a Latin accent, an Arabic vowel mark or the Gurmukhi dot
        if unicodedata.category(ch)[0] in "PSZC":
            ch = " "
        kept.append(ch)
    return " " + " ".join(unicodedata.normalize("NFC", "".join(kept)).split()) + " "


@dataclass(frozen=True)
class WordAlarm:
    risk: str
    phrase: str
    language: str


class AlarmWords:
    """Each language's danger and self-harm phrases, matched as whole phrases once that
    language's everyday uses of them (`not_risk`) are blanked out."""

    def __init__(self, languages: Mapping[str, Language]):
        self.languages = [
            (
                lang.code,
                [normalise(phrase) for phrase in lang.not_risk],
                [(risk, normalise(phrase)) for risk, phrases in (("danger", lang.danger), ("self_harm", lang.self_harm))
                 for phrase in phrases],
            )
            for lang in languages.values()
        ]

    def find(self, text: str) -> List[WordAlarm]:
        """Every phrase in the text, danger's before self-harm's."""
        found = []
        normalised = normalise(text)  # once: each language blanks its own everyday phrases in a copy
        for code, everyday, phrases in self.languages:
            clean = normalised
            for phrase in everyday:
                clean = clean.replace(phrase, " ")
            found += [WordAlarm(risk, phrase.strip(), code) for risk, phrase in phrases if phrase in clean]
        return sorted(found, key=lambda alarm: alarm.risk != "danger")


@lru_cache(maxsize=1)
def alarm_words() -> AlarmWords:
    return AlarmWords(load_languages())


@lru_cache(maxsize=1)
def romanised_words(path: Path = ROMANISED_FILE) -> frozenset:
    with open(path, encoding="utf-8") as handle:
        return frozenset(word.casefold() for word in yaml.safe_load(handle)["words"])


def looks_romanised(text: str, words: frozenset, min_words: int = 2, min_share: float = 0.4) -> bool:
    """Urdu, Punjabi, Hindi or Gujarati written in English letters ("mera beta ghar nahi
    aaya"): enough of its words, and a large enough share of them, are common words of
    those languages. A young person's English with a word or two of them ("wallah bro")
    is not."""
    tokens = normalise(text).split()
    hits = {token for token in tokens if token in words}
    return len(hits) >= min_words and len([t for t in tokens if t in words]) >= min_share * len(tokens)
